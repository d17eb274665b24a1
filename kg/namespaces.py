"""Namespaces of the fazhi-kg graph: ontology terms, instance IRIs and prefixes.

Code reaches ontology terms only through :data:`FZ`, a closed
:class:`~rdflib.namespace.DefinedNamespace` that lists every term declared in
``ontology/fazhi.ttl``.  A typo therefore fails where it is written instead of
minting a term that no SPARQL query will ever match.  The test
``tests/kg/test_namespaces.py`` keeps this list and the ontology file equal.

Examples
--------
>>> FZ.Town
rdflib.term.URIRef('https://w3id.org/fazhi-kg/ontology#Town')
>>> FZ.Reprot
Traceback (most recent call last):
...
AttributeError: term 'Reprot' not in namespace 'https://w3id.org/fazhi-kg/ontology#'
>>> MECHANISM["legality-review"]
rdflib.term.URIRef('https://w3id.org/fazhi-kg/id/mechanism/legality-review')
>>> from rdflib import Graph
>>> g = bind_prefixes(Graph())
>>> g.namespace_manager.normalizeUri(FZ.adopts)
'fz:adopts'
"""

# No ``from __future__ import annotations`` here: DefinedNamespace reads the class
# annotations at run time and expects the URIRef class, not the string "URIRef".

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
)

from kg.model import SectionKind, Stance

__all__ = [
    "FZ",
    "ID",
    "MECHANISM",
    "SCHEME",
    "FZ_URI",
    "ID_URI",
    "bind_prefixes",
    "PREFIXES",
    "SKOS",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "DCTERMS",
    "PROV",
    "SH",
    "SECTION_TERMS",
    "SECTION_TERM_STANCES",
    "STANCE_PROPERTIES",
]

FZ_URI = "https://w3id.org/fazhi-kg/ontology#"
ID_URI = "https://w3id.org/fazhi-kg/id/"


class FZ(DefinedNamespace):
    """Terms of the fazhi-kg ontology (``fz:``); unknown names raise AttributeError.

    Grouped as in ``ontology/fazhi.ttl``; see that file for labels, domains and ranges.
    """

    _NS = Namespace(FZ_URI)
    # Closed like an rdflib ClosedNamespace: a wrong name is a bug, not a new term.
    _fail = True

    # --- classes ---------------------------------------------------------------------------
    Report: URIRef  # 法治政府建设年度报告
    SourceFile: URIRef  # the file a report was read from (prov:Entity)
    AdministrativeDivision: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Town: URIRef  # 镇/乡/街道, the unit that writes the reports
    Village: URIRef  # 村/社区
    Official: URIRef
    Position: URIRef
    Organization: URIRef
    Mechanism: URIRef  # skos:Concept of mechanisms.ttl
    CandidateMechanism: URIRef  # a named practice the vocabulary lacks
    Law: URIRef
    LawKind: URIRef
    Initiative: URIRef
    Indicator: URIRef
    Problem: URIRef
    Mention: URIRef
    SectionKind: URIRef

    # --- individuals: section kinds (values of fz:section) -------------------------------
    Achievements: URIRef
    Problems: URIRef
    Plans: URIRef
    Duties: URIRef
    OtherSection: URIRef

    # --- individuals: law kinds (values of fz:lawKind) -----------------------------------
    NationalLaw: URIRef
    AdministrativeRegulation: URIRef
    LocalRegulation: URIRef
    PartyRule: URIRef
    PolicyDocument: URIRef
    LocalNormativeDocument: URIRef
    Book: URIRef

    # --- report and source file ------------------------------------------------------------
    about: URIRef  # Report -> its unit: Town | County | Organization
    aboutTown: URIRef  # Report -> Town (sub-property of about)
    year: URIRef  # Report | Position -> xsd:integer
    titleTown: URIRef  # Report -> xsd:string
    issuedBy: URIRef  # Report -> Organization
    mentions: URIRef  # Report -> any extracted entity
    cites: URIRef  # Report -> Law
    hasProblem: URIRef  # Report -> Problem
    fileName: URIRef  # SourceFile -> xsd:string
    sha256: URIRef  # SourceFile -> xsd:string
    encoding: URIRef  # SourceFile -> xsd:string

    # --- places ------------------------------------------------------------------------------
    partOf: URIRef  # division -> larger division (transitive)
    adminCode: URIRef  # division -> xsd:string
    linkConfidence: URIRef  # Report -> xsd:decimal in [0, 1] (its link to its unit)
    linkMethod: URIRef  # Report -> xsd:string (how its unit was resolved)

    # --- unit facts (a township, county or department) ---------------------------------------
    adopts: URIRef  # unit -> Mechanism (achievement and duty sections)
    plans: URIRef  # unit -> Mechanism (plan sections)
    reportsWeakness: URIRef  # unit -> Mechanism (problem sections)
    namesPractice: URIRef  # unit -> CandidateMechanism
    hasInitiative: URIRef  # unit -> Initiative

    # --- officials, positions, organizations ------------------------------------------------
    holds: URIRef  # Official -> Position
    personName: URIRef  # Official -> xsd:string
    title: URIRef  # Position -> xsd:string (the post, e.g. 党委书记)
    postIn: URIRef  # Position -> Town | County | Organization
    locatedIn: URIRef  # Organization -> Town | County

    # --- laws -----------------------------------------------------------------------------------
    lawKind: URIRef  # Law -> LawKind

    # --- indicators -----------------------------------------------------------------------------
    indicatorName: URIRef  # Indicator -> xsd:string
    value: URIRef  # Indicator -> xsd:decimal
    unit: URIRef  # Indicator -> xsd:string
    qualifier: URIRef  # Indicator -> xsd:string
    reportedIn: URIRef  # Indicator -> Report

    # --- evidence -------------------------------------------------------------------------------
    inReport: URIRef  # Mention -> Report
    refersTo: URIRef  # Mention -> entity
    text: URIRef  # Mention -> xsd:string
    sentence: URIRef  # Mention -> xsd:string
    sentenceIndex: URIRef  # Mention -> xsd:integer
    section: URIRef  # Mention -> SectionKind
    sectionHeading: URIRef  # Mention -> xsd:string
    start: URIRef  # Mention -> xsd:integer (offset into the decoded source)
    end: URIRef  # Mention -> xsd:integer (exclusive)

    # --- research analyses (kg/analysis; written by kg/output/research_rdf.py) ---------------
    ReportPart: URIRef  # one of the five required parts as found in a report
    RequiredPart: URIRef  # the five parts 督察工作规定 requires
    Passage: URIRef  # a span of a report's source file
    TextReuse: URIRef  # two reports sharing passages (跨地抄, 跨时抄)
    SharedPassage: URIRef
    ReuseKind: URIRef
    Change: URIRef  # a difference between a unit's report and its previous one
    ChangeKind: URIRef
    Adoption: URIRef  # the first year a unit names a mechanism
    IndicatorKind: URIRef  # a canonical indicator
    MeasuresAndResults: URIRef
    ShortcomingsAndCauses: URIRef
    LeadersDuties: URIRef
    NextYearPlans: URIRef
    OtherMatters: URIRef
    CrossUnit: URIRef
    CrossYear: URIRef
    SameYear: URIRef
    UnknownUnit: URIRef
    MechanismAdded: URIRef
    MechanismDropped: URIRef
    PlanRealised: URIRef
    PlanNotRealised: URIRef
    ProblemRepeated: URIRef
    FigureChanged: URIRef
    FigureUnchanged: URIRef
    hasPart: URIRef  # Report -> ReportPart
    requiredPart: URIRef  # ReportPart -> RequiredPart
    partStatus: URIRef  # ReportPart -> present | merged | missing
    partLength: URIRef  # ReportPart -> xsd:integer
    evidence: URIRef  # ReportPart -> Passage
    causesEvidence: URIRef  # Report -> Passage
    givesCauses: URIRef  # Report -> xsd:boolean
    figuresPer1000: URIRef
    casesPer1000: URIRef
    documentsPer1000: URIRef
    signedByParty: URIRef
    signedByGovernment: URIRef
    signingDate: URIRef
    publicationDate: URIRef
    daysPastDeadline: URIRef
    score: URIRef
    grade: URIRef
    gradingRule: URIRef
    passageOf: URIRef  # Passage -> Report
    passageStart: URIRef
    passageEnd: URIRef
    passageText: URIRef
    firstReport: URIRef  # TextReuse -> Report
    secondReport: URIRef
    reuseKind: URIRef
    sharedChars: URIRef
    firstShare: URIRef
    secondShare: URIRef
    longestPassage: URIRef
    hasSharedPassage: URIRef
    firstSpan: URIRef  # SharedPassage -> Passage
    secondSpan: URIRef
    passageLetters: URIRef
    changeKind: URIRef  # Change -> ChangeKind
    fromReport: URIRef
    toReport: URIRef
    concerns: URIRef
    changedItem: URIRef
    valueBefore: URIRef
    valueAfter: URIRef
    adoptedMechanism: URIRef  # Adoption -> Mechanism
    firstNamedIn: URIRef
    firstYear: URIRef
    firstAdoptedYear: URIRef
    canonicalIndicator: URIRef  # Indicator -> IndicatorKind
    canonicalUnit: URIRef


#: Instances: reports, towns, officials ... are minted under this namespace.
ID = Namespace(ID_URI)
#: Mechanism concepts of ``ontology/mechanisms.ttl`` (local name = kebab-case slug).
MECHANISM = Namespace(ID_URI + "mechanism/")
#: The SKOS concept scheme of the mechanism vocabulary.
SCHEME = URIRef(ID_URI + "scheme/mechanisms")

# Prefix -> namespace, in the order they appear in serialised output headers.
_PREFIXES: tuple[tuple[str, object], ...] = (
    ("fz", FZ_URI),
    ("fzid", ID),
    ("fzm", MECHANISM),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("prov", PROV),
    ("xsd", XSD),
    ("owl", OWL),
    ("rdfs", RDFS),
)

#: The fazhi-kg prefixes and rdf's, as plain strings, for writers that are not rdflib.
PREFIXES: dict[str, str] = {"rdf": str(RDF), **{p: str(ns) for p, ns in _PREFIXES}}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the fazhi-kg prefixes on ``graph`` so serialisations read ``fz:Town``.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph whose namespace manager gets the bindings; changed in place.

    Returns
    -------
    rdflib.Graph
        The same graph, so the call can be chained.

    Notes
    -----
    Binds ``fz`` (ontology), ``fzid`` (instances), ``fzm`` (mechanism concepts),
    ``skos``, ``dcterms``, ``prov``, ``xsd``, ``owl`` and ``rdfs``.  ``replace=True``
    because rdflib pre-binds some prefixes and a prefix must name one namespace only.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["fzm"]
    rdflib.term.URIRef('https://w3id.org/fazhi-kg/id/mechanism/')
    """
    for prefix, namespace in _PREFIXES:
        graph.bind(prefix, URIRef(str(namespace)), override=True, replace=True)
    return graph


#: The ontology individual of each section kind (``fz:Achievements`` ...).
SECTION_TERMS: dict[SectionKind, URIRef] = {kind: FZ[kind.value] for kind in SectionKind}

#: The unit -> mechanism property each fact stance writes.
STANCE_PROPERTIES: dict[Stance, URIRef] = {
    Stance.ADOPTED: FZ.adopts,
    Stance.PLANNED: FZ.plans,
    Stance.PROBLEM: FZ.reportsWeakness,
}

#: The stance a mention takes from its section's ontology individual.
SECTION_TERM_STANCES: dict[URIRef, Stance] = {
    term: Stance.of_section(kind) for kind, term in SECTION_TERMS.items()
}
