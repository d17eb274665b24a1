"""Tests of ontology/fazhi.ttl (OWL) and ontology/shapes.ttl (SHACL).

The contract tables below are the public interface users' SPARQL relies on: a failing row
means a term was renamed, dropped or given another domain/range.  The SHACL tests validate
one small hand-built graph that follows every rule, then break it one rule at a time and
check that exactly the expected focus node and path are reported.
"""

from __future__ import annotations

import functools
from collections import Counter
from decimal import Decimal

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from kg import ontology as shipped

# Plain Namespace on purpose: these tests check the ontology file itself, independently of
# kg.namespaces (whose agreement with the file is tested in tests/kg/test_namespaces.py).
FZ = Namespace("https://w3id.org/fazhi-kg/ontology#")
ID = Namespace("https://w3id.org/fazhi-kg/id/")
MECH = Namespace("https://w3id.org/fazhi-kg/id/mechanism/")
ONTOLOGY_IRI = URIRef("https://w3id.org/fazhi-kg/ontology")

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


@functools.cache
def ontology() -> Graph:
    return Graph().parse(data=shipped.text("fazhi.ttl"), format="turtle")


@functools.cache
def shapes() -> Graph:
    return Graph().parse(data=shipped.text("shapes.ttl"), format="turtle")


def in_fz(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(FZ))


def declared(g: Graph, *types: URIRef) -> set[URIRef]:
    return {s for t in types for s in g.subjects(RDF.type, t) if in_fz(s)}


def classes() -> set[URIRef]:
    return declared(ontology(), OWL.Class)


def properties() -> set[URIRef]:
    return declared(ontology(), *PROPERTY_TYPES)


def members(g: Graph, node) -> set:
    """The classes a domain/range names: the union members, or the node itself."""
    union = g.value(node, OWL.unionOf)
    if union is not None:
        return set(Collection(g, union))
    return {node}


def local(term) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------------------------
# The files parse
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fazhi.ttl", "shapes.ttl"])
def test_file_parses_as_turtle(name):
    g = Graph().parse(data=shipped.text(name), format="turtle")
    assert len(g) > 50


def test_ontology_header():
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert g.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert list(g.objects(ONTOLOGY_IRI, OWL.imports)) == []


# ---------------------------------------------------------------------------------------------
# The contract: every term declared with the right type, domain and range
# ---------------------------------------------------------------------------------------------

CONTRACT_CLASSES = [
    "Report",
    "AdministrativeDivision",
    "Province",
    "City",
    "County",
    "Town",
    "Village",
    "Official",
    "Position",
    "Organization",
    "Mechanism",
    "Law",
    "Initiative",
    "Indicator",
    "Problem",
    "Mention",
    "SectionKind",
    # extensions used by the graph builder
    "CandidateMechanism",
    "SourceFile",
    "LawKind",
]


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_class_is_declared(name):
    assert (FZ[name], RDF.type, OWL.Class) in ontology()


EXTRACTED = (
    "AdministrativeDivision",
    "Official",
    "Organization",
    "Mechanism",
    "CandidateMechanism",
    "Law",
    "Initiative",
    "Indicator",
    "Problem",
)

# property, OWL type, domain members, range members (fz: local names or full IRIs)
CONTRACT_PROPERTIES = [
    # report
    ("about", OWL.ObjectProperty, {"Report"}, {"Town", "County", "Organization"}),
    ("aboutTown", OWL.ObjectProperty, {"Report"}, {"Town"}),
    ("year", OWL.DatatypeProperty, {"Report", "Position"}, {XSD.integer}),
    ("mentions", OWL.ObjectProperty, {"Report"}, set(EXTRACTED)),
    ("cites", OWL.ObjectProperty, {"Report"}, {"Law"}),
    ("hasProblem", OWL.ObjectProperty, {"Report"}, {"Problem"}),
    ("issuedBy", OWL.ObjectProperty, {"Report"}, {"Organization"}),
    ("titleTown", OWL.DatatypeProperty, {"Report"}, {XSD.string}),
    # source file
    ("fileName", OWL.DatatypeProperty, {"SourceFile"}, {XSD.string}),
    ("sha256", OWL.DatatypeProperty, {"SourceFile"}, {XSD.string}),
    ("encoding", OWL.DatatypeProperty, {"SourceFile"}, {XSD.string}),
    # places
    ("partOf", OWL.ObjectProperty, {"AdministrativeDivision"}, {"AdministrativeDivision"}),
    ("adminCode", OWL.DatatypeProperty, {"AdministrativeDivision"}, {XSD.string}),
    # the report's link to its unit
    ("linkConfidence", OWL.DatatypeProperty, {"Report"}, {XSD.decimal}),
    ("linkMethod", OWL.DatatypeProperty, {"Report"}, {XSD.string}),
    # unit facts (a township, a county or a department)
    ("adopts", OWL.ObjectProperty, {"Town", "County", "Organization"}, {"Mechanism"}),
    ("plans", OWL.ObjectProperty, {"Town", "County", "Organization"}, {"Mechanism"}),
    ("reportsWeakness", OWL.ObjectProperty, {"Town", "County", "Organization"}, {"Mechanism"}),
    (
        "namesPractice",
        OWL.ObjectProperty,
        {"Town", "County", "Organization"},
        {"CandidateMechanism"},
    ),
    ("hasInitiative", OWL.ObjectProperty, {"Town", "County", "Organization"}, {"Initiative"}),
    # officials, organizations
    ("holds", OWL.ObjectProperty, {"Official"}, {"Position"}),
    ("personName", OWL.DatatypeProperty, {"Official"}, {XSD.string}),
    ("title", OWL.DatatypeProperty, {"Position"}, {XSD.string}),
    ("postIn", OWL.ObjectProperty, {"Position"}, {"Town", "County", "Organization"}),
    ("locatedIn", OWL.ObjectProperty, {"Organization"}, {"Town", "County", "City"}),
    # laws
    ("lawKind", OWL.ObjectProperty, {"Law"}, {"LawKind"}),
    # indicators
    ("indicatorName", OWL.DatatypeProperty, {"Indicator"}, {XSD.string}),
    ("value", OWL.DatatypeProperty, {"Indicator"}, {XSD.decimal}),
    ("unit", OWL.DatatypeProperty, {"Indicator"}, {XSD.string}),
    ("qualifier", OWL.DatatypeProperty, {"Indicator"}, {XSD.string}),
    ("reportedIn", OWL.ObjectProperty, {"Indicator"}, {"Report"}),
    # evidence
    ("inReport", OWL.ObjectProperty, {"Mention"}, {"Report"}),
    ("refersTo", OWL.ObjectProperty, {"Mention"}, set(EXTRACTED)),
    ("text", OWL.DatatypeProperty, {"Mention"}, {XSD.string}),
    ("sentence", OWL.DatatypeProperty, {"Mention"}, {XSD.string}),
    ("sentenceIndex", OWL.DatatypeProperty, {"Mention"}, {XSD.integer}),
    ("section", OWL.ObjectProperty, {"Mention"}, {"SectionKind"}),
    ("sectionHeading", OWL.DatatypeProperty, {"Mention"}, {XSD.string}),
    ("start", OWL.DatatypeProperty, {"Mention"}, {XSD.integer}),
    ("end", OWL.DatatypeProperty, {"Mention"}, {XSD.integer}),
    # research analyses: scorecard, copies, change over time, diffusion, canonical indicators
    ("hasPart", OWL.ObjectProperty, {"Report"}, {"ReportPart"}),
    ("requiredPart", OWL.ObjectProperty, {"ReportPart"}, {"RequiredPart"}),
    ("partStatus", OWL.DatatypeProperty, {"ReportPart"}, {XSD.string}),
    ("partLength", OWL.DatatypeProperty, {"ReportPart"}, {XSD.integer}),
    ("evidence", OWL.ObjectProperty, {"ReportPart"}, {"Passage"}),
    ("causesEvidence", OWL.ObjectProperty, {"Report"}, {"Passage"}),
    ("givesCauses", OWL.DatatypeProperty, {"Report"}, {XSD.boolean}),
    ("figuresPer1000", OWL.DatatypeProperty, {"Report"}, {XSD.decimal}),
    ("casesPer1000", OWL.DatatypeProperty, {"Report"}, {XSD.decimal}),
    ("documentsPer1000", OWL.DatatypeProperty, {"Report"}, {XSD.decimal}),
    ("signedByParty", OWL.DatatypeProperty, {"Report"}, {XSD.string}),
    ("signedByGovernment", OWL.DatatypeProperty, {"Report"}, {XSD.string}),
    ("signingDate", OWL.DatatypeProperty, {"Report"}, {XSD.date}),
    ("publicationDate", OWL.DatatypeProperty, {"Report"}, {XSD.date}),
    ("daysPastDeadline", OWL.DatatypeProperty, {"Report"}, {XSD.integer}),
    ("score", OWL.DatatypeProperty, {"Report"}, {XSD.decimal}),
    ("grade", OWL.DatatypeProperty, {"Report"}, {XSD.string}),
    ("gradingRule", OWL.DatatypeProperty, {"Report"}, {XSD.string}),
    ("passageOf", OWL.ObjectProperty, {"Passage"}, {"Report"}),
    ("passageStart", OWL.DatatypeProperty, {"Passage"}, {XSD.integer}),
    ("passageEnd", OWL.DatatypeProperty, {"Passage"}, {XSD.integer}),
    ("passageText", OWL.DatatypeProperty, {"Passage"}, {XSD.string}),
    ("firstReport", OWL.ObjectProperty, {"TextReuse"}, {"Report"}),
    ("secondReport", OWL.ObjectProperty, {"TextReuse"}, {"Report"}),
    ("reuseKind", OWL.ObjectProperty, {"TextReuse"}, {"ReuseKind"}),
    ("sharedChars", OWL.DatatypeProperty, {"TextReuse"}, {XSD.integer}),
    ("firstShare", OWL.DatatypeProperty, {"TextReuse"}, {XSD.decimal}),
    ("secondShare", OWL.DatatypeProperty, {"TextReuse"}, {XSD.decimal}),
    ("longestPassage", OWL.DatatypeProperty, {"TextReuse"}, {XSD.integer}),
    ("hasSharedPassage", OWL.ObjectProperty, {"TextReuse"}, {"SharedPassage"}),
    ("firstSpan", OWL.ObjectProperty, {"SharedPassage"}, {"Passage"}),
    ("secondSpan", OWL.ObjectProperty, {"SharedPassage"}, {"Passage"}),
    ("passageLetters", OWL.DatatypeProperty, {"SharedPassage"}, {XSD.integer}),
    ("changeKind", OWL.ObjectProperty, {"Change"}, {"ChangeKind"}),
    ("fromReport", OWL.ObjectProperty, {"Change"}, {"Report"}),
    ("toReport", OWL.ObjectProperty, {"Change"}, {"Report"}),
    ("concerns", OWL.ObjectProperty, {"Change"}, {"Mechanism", "IndicatorKind"}),
    ("changedItem", OWL.DatatypeProperty, {"Change"}, {XSD.string}),
    ("valueBefore", OWL.DatatypeProperty, {"Change"}, {XSD.string}),
    ("valueAfter", OWL.DatatypeProperty, {"Change"}, {XSD.string}),
    ("adoptedMechanism", OWL.ObjectProperty, {"Adoption"}, {"Mechanism"}),
    ("firstNamedIn", OWL.ObjectProperty, {"Adoption"}, {"Report"}),
    ("firstYear", OWL.DatatypeProperty, {"Adoption"}, {XSD.integer}),
    ("firstAdoptedYear", OWL.DatatypeProperty, {"Adoption"}, {XSD.integer}),
    ("canonicalIndicator", OWL.ObjectProperty, {"Indicator"}, {"IndicatorKind"}),
    ("canonicalUnit", OWL.DatatypeProperty, {"IndicatorKind"}, {XSD.string}),
]


def _iri(name) -> URIRef:
    return name if isinstance(name, URIRef) else FZ[name]


@pytest.mark.parametrize(
    ("name", "kind", "domain", "range_"),
    CONTRACT_PROPERTIES,
    ids=[r[0] for r in CONTRACT_PROPERTIES],
)
def test_contract_property_type_domain_range(name, kind, domain, range_):
    g = ontology()
    prop = FZ[name]
    assert (prop, RDF.type, kind) in g
    domains = list(g.objects(prop, RDFS.domain))
    ranges = list(g.objects(prop, RDFS.range))
    # One rdfs:domain/rdfs:range each: several would mean the intersection, not the union.
    assert len(domains) == 1 and len(ranges) == 1
    assert members(g, domains[0]) == {_iri(d) for d in domain}
    assert members(g, ranges[0]) == {_iri(r) for r in range_}


def test_contract_table_covers_every_declared_property():
    assert {FZ[row[0]] for row in CONTRACT_PROPERTIES} == properties()


# subject, predicate, object that the contract states outright
CONTRACT_AXIOMS = [
    (FZ.partOf, RDF.type, OWL.TransitiveProperty),
    (FZ.Mechanism, RDFS.subClassOf, SKOS.Concept),
    (FZ.SourceFile, RDFS.subClassOf, PROV.Entity),
    (FZ.Province, RDFS.subClassOf, FZ.AdministrativeDivision),
    (FZ.City, RDFS.subClassOf, FZ.AdministrativeDivision),
    (FZ.County, RDFS.subClassOf, FZ.AdministrativeDivision),
    (FZ.Town, RDFS.subClassOf, FZ.AdministrativeDivision),
    (FZ.Village, RDFS.subClassOf, FZ.AdministrativeDivision),
]


@pytest.mark.parametrize("triple", CONTRACT_AXIOMS, ids=lambda t: f"{local(t[0])}-{local(t[2])}")
def test_contract_axiom(triple):
    assert triple in ontology()


def test_candidate_mechanism_is_not_a_skos_concept():
    g = ontology()
    supers = set(g.transitive_objects(FZ.CandidateMechanism, RDFS.subClassOf))
    assert SKOS.Concept not in supers
    assert FZ.Mechanism not in supers


# individual, class, zh label
INDIVIDUALS = [
    ("Achievements", "SectionKind", None),
    ("Problems", "SectionKind", None),
    ("Plans", "SectionKind", None),
    ("Duties", "SectionKind", None),
    ("OtherSection", "SectionKind", None),
    ("NationalLaw", "LawKind", "法律"),
    ("AdministrativeRegulation", "LawKind", "行政法规"),
    ("LocalRegulation", "LawKind", "地方性法规"),
    ("PartyRule", "LawKind", "党内法规"),
    ("PolicyDocument", "LawKind", "政策文件"),
    ("LocalNormativeDocument", "LawKind", "地方规范性文件"),
    ("Book", "LawKind", "书籍"),
    # research analyses
    ("MeasuresAndResults", "RequiredPart", "上一年度推进法治政府建设的主要举措和成效"),
    ("ShortcomingsAndCauses", "RequiredPart", "存在的不足和原因"),
    ("LeadersDuties", "RequiredPart", "党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("NextYearPlans", "RequiredPart", "下一年度推进法治政府建设的主要安排"),
    ("OtherMatters", "RequiredPart", "其他需要报告的情况"),
    ("CrossUnit", "ReuseKind", "跨地抄"),
    ("CrossYear", "ReuseKind", "跨时抄"),
    ("SameYear", "ReuseKind", None),
    ("UnknownUnit", "ReuseKind", None),
    ("MechanismAdded", "ChangeKind", None),
    ("MechanismDropped", "ChangeKind", None),
    ("PlanRealised", "ChangeKind", None),
    ("PlanNotRealised", "ChangeKind", None),
    ("ProblemRepeated", "ChangeKind", None),
    ("FigureChanged", "ChangeKind", None),
    ("FigureUnchanged", "ChangeKind", None),
]


@pytest.mark.parametrize(("name", "cls", "zh"), INDIVIDUALS, ids=[r[0] for r in INDIVIDUALS])
def test_individual_declared(name, cls, zh):
    g = ontology()
    assert (FZ[name], RDF.type, OWL.NamedIndividual) in g
    assert (FZ[name], RDF.type, FZ[cls]) in g
    if zh is not None:
        assert (FZ[name], RDFS.label, Literal(zh, lang="zh")) in g


@pytest.mark.parametrize(
    "cls", ["SectionKind", "LawKind", "RequiredPart", "ReuseKind", "ChangeKind"]
)
def test_individual_table_is_complete(cls):
    table = {FZ[name] for name, c, _ in INDIVIDUALS if c == cls}
    assert set(ontology().subjects(RDF.type, FZ[cls])) == table


def test_section_kind_individuals_match_model_enum():
    # kg.model.SectionKind values are the local names the graph builder turns into IRIs.
    from kg.model import SectionKind

    assert {FZ[k.value] for k in SectionKind} == set(ontology().subjects(RDF.type, FZ.SectionKind))


def test_entity_type_values_are_classes():
    from kg.model import EntityType

    missing = sorted(t.value for t in EntityType if FZ[t.value] not in classes())
    assert missing == []


# ---------------------------------------------------------------------------------------------
# Documentation of every term
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicate", "lang"),
    [(RDFS.label, "zh"), (RDFS.label, "en"), (RDFS.comment, "en"), (RDFS.isDefinedBy, None)],
    ids=["label@zh", "label@en", "comment@en", "isDefinedBy"],
)
def test_every_term_is_documented(predicate, lang):
    g = ontology()
    terms = declared(g, OWL.Class, OWL.NamedIndividual, *PROPERTY_TYPES)
    missing = sorted(
        local(t)
        for t in terms
        if not any(
            lang is None or getattr(o, "language", None) == lang for o in g.objects(t, predicate)
        )
    )
    assert missing == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_are_unique_per_language(lang):
    g = ontology()
    counts = Counter(
        str(o) for s, o in g.subject_objects(RDFS.label) if in_fz(s) and o.language == lang
    )
    assert [label for label, n in counts.items() if n > 1] == []


def test_every_fz_iri_used_in_ontology_is_declared():
    # Catches typos inside the .ttl itself, e.g. "rdfs:range fz:Tonw".
    g = ontology()
    known = declared(g, OWL.Class, OWL.NamedIndividual, *PROPERTY_TYPES)
    used = {t for triple in g for t in triple if in_fz(t)}
    assert sorted(map(local, used - known)) == []


# ---------------------------------------------------------------------------------------------
# shapes.ttl: a valid SHACL shapes graph in step with the ontology
# ---------------------------------------------------------------------------------------------


def test_shapes_graph_is_valid_shacl():
    # meta_shacl validates the shapes graph against the SHACL-for-SHACL shapes first and
    # raises if it does not conform.
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes(), meta_shacl=True)
    assert conforms, text


def test_shapes_use_only_declared_fz_terms():
    g = shapes()
    known = declared(ontology(), OWL.Class, OWL.NamedIndividual, *PROPERTY_TYPES)
    used = {t for triple in g for t in triple if in_fz(t)}
    assert sorted(map(local, used - known)) == []


def test_shape_targets_are_ontology_classes():
    targets = set(shapes().objects(None, SH.targetClass))
    assert targets and targets <= classes()


def test_division_shape_targets_every_division_class():
    # The shapes do not rely on rdfs:subClassOf in the data graph, so a new subclass of
    # AdministrativeDivision must be added to the division shape's targets.
    g = ontology()
    divisions = set(g.transitive_subjects(RDFS.subClassOf, FZ.AdministrativeDivision))
    targets = set(
        shapes().objects(URIRef("https://w3id.org/fazhi-kg/shapes#DivisionShape"), SH.targetClass)
    )
    assert divisions == targets


def test_every_node_shape_has_an_english_label():
    g = shapes()
    unlabelled = [
        s
        for s in g.subjects(RDF.type, SH.NodeShape)
        if not any(o.language == "en" for o in g.objects(s, RDFS.label))
    ]
    assert unlabelled == []


def test_every_property_shape_has_an_english_message():
    g = shapes()
    # Only top-level property shapes: nested helper shapes inside sh:or have no path.
    silent = [
        g.value(p, SH.path)
        for p in g.objects(None, SH.property)
        if not any(o.language == "en" for o in g.objects(p, SH.message))
    ]
    assert silent == []


def _property_shapes(path: URIRef):
    g = shapes()
    return [p for p in g.objects(None, SH.property) if g.value(p, SH.path) == path]


def test_shape_datatypes_agree_with_ontology_ranges():
    g, o = shapes(), ontology()
    disagreements = []
    for p in g.objects(None, SH.property):
        path, datatype = g.value(p, SH.path), g.value(p, SH.datatype)
        if in_fz(path) and datatype is not None and o.value(path, RDFS.range) != datatype:
            disagreements.append((local(path), local(datatype)))
    assert disagreements == []


def test_shape_classes_agree_with_ontology_ranges():
    g, o = shapes(), ontology()
    disagreements = []
    for p in g.objects(None, SH.property):
        path, cls = g.value(p, SH.path), g.value(p, SH["class"])
        if in_fz(path) and cls is not None and cls not in members(o, o.value(path, RDFS.range)):
            disagreements.append((local(path), local(cls)))
    assert disagreements == []


@pytest.mark.parametrize(("path", "cls"), [(FZ.lawKind, FZ.LawKind), (FZ.section, FZ.SectionKind)])
def test_shape_in_lists_match_ontology_individuals(path, cls):
    g = shapes()
    (shape,) = [p for p in _property_shapes(path) if g.value(p, SH["in"]) is not None]
    allowed = set(Collection(g, g.value(shape, SH["in"])))
    assert allowed == set(ontology().subjects(RDF.type, cls))


# ---------------------------------------------------------------------------------------------
# shapes.ttl against data: one conforming graph, then one broken rule at a time
# ---------------------------------------------------------------------------------------------

REPORT = ID["report/f635664e5ef9ff1d"]
SOURCE = ID["source/f635664e5ef9ff1d"]
PROVINCE = ID["place/360000"]
COUNTY = ID["place/360781"]
TOWN = ID["place/360781-dajishan"]
VILLAGE = ID["place/360781-dajishan/tianbei"]
OFFICIAL = ID["official/360781-dajishan/tan-yongfeng"]
POSITION = ID["position/360781-dajishan/2022/dangwei-shuji"]
ORG = ID["org/360781-dajishan/sifasuo"]
MECHANISM = MECH["legality-review"]
CANDIDATE = ID["candidate/laobing-tiaojie"]
LAW = ID["law/minfadian"]
INITIATIVE = ID["initiative/xinyong-jishan"]
INDICATOR = ID["indicator/f635664e5ef9ff1d/1"]
PROBLEM = ID["problem/f635664e5ef9ff1d/1"]
MENTION = ID["mention/f635664e5ef9ff1d/1"]


def good_graph() -> Graph:
    """A small graph that follows every rule of shapes.ttl."""
    g = Graph()
    add = g.add
    zh = functools.partial(Literal, lang="zh")

    add((REPORT, RDF.type, FZ.Report))
    add((REPORT, FZ.about, TOWN))
    add((REPORT, FZ.aboutTown, TOWN))
    add((REPORT, FZ.linkConfidence, Literal(Decimal("0.8"))))
    add((REPORT, FZ.linkMethod, Literal("province-clue")))
    add((REPORT, FZ.year, Literal(2022)))
    add((REPORT, DCTERMS.title, zh("关于大吉山镇2022年度法治政府建设工作情况的报告")))
    add((REPORT, DCTERMS.issued, Literal("2023-01-09", datatype=XSD.date)))
    add((REPORT, PROV.wasDerivedFrom, SOURCE))
    add((REPORT, FZ.titleTown, Literal("大吉山镇")))
    add((REPORT, FZ.issuedBy, ORG))
    add((REPORT, FZ.cites, LAW))
    add((REPORT, FZ.hasProblem, PROBLEM))
    for entity in (TOWN, OFFICIAL, ORG, MECHANISM, CANDIDATE, LAW, INITIATIVE, INDICATOR, PROBLEM):
        add((REPORT, FZ.mentions, entity))

    add((SOURCE, RDF.type, FZ.SourceFile))
    add((SOURCE, FZ.fileName, Literal("000_f635664e5ef9ff1d.txt")))
    add((SOURCE, FZ.sha256, Literal("f635664e5ef9ff1d" * 4)))
    add((SOURCE, FZ.encoding, Literal("utf-8")))

    add((PROVINCE, RDF.type, FZ.Province))
    add((PROVINCE, RDFS.label, zh("江西省")))
    add((COUNTY, RDF.type, FZ.County))
    add((COUNTY, RDFS.label, zh("全南县")))
    add((COUNTY, FZ.partOf, PROVINCE))
    add((COUNTY, FZ.adminCode, Literal("360729")))
    add((TOWN, RDF.type, FZ.Town))
    add((TOWN, RDFS.label, zh("大吉山镇")))
    add((TOWN, FZ.partOf, COUNTY))
    add((TOWN, FZ.adopts, MECHANISM))
    add((TOWN, FZ.plans, MECHANISM))
    add((TOWN, FZ.reportsWeakness, MECHANISM))
    add((TOWN, FZ.namesPractice, CANDIDATE))
    add((TOWN, FZ.hasInitiative, INITIATIVE))
    add((VILLAGE, RDF.type, FZ.Village))
    add((VILLAGE, RDFS.label, zh("田背村")))
    add((VILLAGE, FZ.partOf, TOWN))
    # A builder may also materialise the transitive link; the village shape allows it.
    add((VILLAGE, FZ.partOf, COUNTY))

    add((OFFICIAL, RDF.type, FZ.Official))
    add((OFFICIAL, RDFS.label, zh("谭永锋")))
    add((OFFICIAL, FZ.personName, Literal("谭永锋")))
    add((OFFICIAL, FZ.holds, POSITION))
    add((POSITION, RDF.type, FZ.Position))
    add((POSITION, FZ.title, Literal("党委书记")))
    add((POSITION, FZ.postIn, TOWN))
    add((POSITION, FZ.year, Literal(2022)))
    add((ORG, RDF.type, FZ.Organization))
    add((ORG, RDFS.label, zh("大吉山镇司法所")))
    add((ORG, FZ.locatedIn, TOWN))

    add((MECHANISM, RDF.type, FZ.Mechanism))
    add((MECHANISM, RDF.type, SKOS.Concept))
    add((MECHANISM, SKOS.prefLabel, zh("合法性审查")))
    add((MECHANISM, SKOS.prefLabel, Literal("legality review", lang="en")))
    add((MECHANISM, SKOS.altLabel, zh("合法性审核")))
    add((CANDIDATE, RDF.type, FZ.CandidateMechanism))
    add((CANDIDATE, RDFS.label, zh("老兵调解工作法")))
    add((LAW, RDF.type, FZ.Law))
    add((LAW, RDFS.label, zh("中华人民共和国民法典")))
    add((LAW, FZ.lawKind, FZ.NationalLaw))
    add((INITIATIVE, RDF.type, FZ.Initiative))
    add((INITIATIVE, RDFS.label, zh("信用吉山")))
    add((PROBLEM, RDF.type, FZ.Problem))
    add((PROBLEM, RDFS.label, zh("普法还未实现全覆盖")))

    add((INDICATOR, RDF.type, FZ.Indicator))
    add((INDICATOR, FZ.indicatorName, Literal("调解成功率")))
    add((INDICATOR, FZ.value, Literal(Decimal("98.5"))))
    add((INDICATOR, FZ.unit, Literal("%")))
    add((INDICATOR, FZ.qualifier, Literal("达")))
    add((INDICATOR, FZ.reportedIn, REPORT))

    add((MENTION, RDF.type, FZ.Mention))
    add((MENTION, FZ.inReport, REPORT))
    add((MENTION, FZ.refersTo, MECHANISM))
    add((MENTION, FZ.text, Literal("合法性审查")))
    add((MENTION, FZ.sentence, Literal("严格落实合法性审查制度。")))
    add((MENTION, FZ.section, FZ.Achievements))
    add((MENTION, FZ.sectionHeading, Literal("一、主要举措和成效")))
    add((MENTION, FZ.sentenceIndex, Literal(12)))
    add((MENTION, FZ.start, Literal(120)))
    add((MENTION, FZ.end, Literal(125)))
    return g


def validate(data: Graph, **kwargs):
    return pyshacl.validate(data, shacl_graph=shapes(), **kwargs)


def results(report: Graph) -> set[tuple]:
    """(focus node, result path, severity) of every validation result."""
    return {
        (
            report.value(r, SH.focusNode),
            report.value(r, SH.resultPath),
            report.value(r, SH.resultSeverity),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }


@pytest.mark.parametrize(
    "mode",
    ["data-only", "ontology-in-data", "rdfs-inference"],
)
def test_good_graph_conforms(mode):
    data = good_graph()
    kwargs = {}
    if mode == "ontology-in-data":
        data += ontology()
    elif mode == "rdfs-inference":
        # Domains and ranges add types (e.g. fz:Town is an AdministrativeDivision); the
        # shapes must not trip over the inferred triples.
        kwargs = {"ont_graph": ontology(), "inference": "rdfs"}
    conforms, report, text = validate(data, **kwargs)
    assert conforms, text
    assert results(report) == set()


def _set(s, p, o):
    def mutate(g: Graph) -> None:
        g.set((s, p, o))

    return mutate


def _remove(s, p, o=None):
    def mutate(g: Graph) -> None:
        g.remove((s, p, o))

    return mutate


def _add(s, p, o):
    def mutate(g: Graph) -> None:
        g.add((s, p, o))

    return mutate


def _both(*mutations):
    def mutate(g: Graph) -> None:
        for m in mutations:
            m(g)

    return mutate


# id, mutation of good_graph(), expected focus node, expected sh:resultPath
BROKEN = [
    # A report whose unit was not found has none (a `partial` problem), but never two.
    ("report-about-two-units", _add(REPORT, FZ.about, COUNTY), REPORT, FZ.about),
    ("report-about-a-village", _set(REPORT, FZ.about, VILLAGE), REPORT, FZ.about),
    ("report-about-a-law", _add(REPORT, FZ.about, LAW), REPORT, FZ.about),
    ("report-about-a-county", _set(REPORT, FZ.aboutTown, COUNTY), REPORT, FZ.aboutTown),
    ("report-two-towns", _add(REPORT, FZ.aboutTown, ID["place/other-town"]), REPORT, FZ.aboutTown),
    ("report-year-out-of-range", _set(REPORT, FZ.year, Literal(1899)), REPORT, FZ.year),
    ("report-year-as-string", _set(REPORT, FZ.year, Literal("2022")), REPORT, FZ.year),
    ("report-two-years", _add(REPORT, FZ.year, Literal(2023)), REPORT, FZ.year),
    ("report-missing-title", _remove(REPORT, DCTERMS.title), REPORT, DCTERMS.title),
    (
        "report-issued-not-a-date",
        _set(REPORT, DCTERMS.issued, Literal("2023年1月9日")),
        REPORT,
        DCTERMS.issued,
    ),
    (
        "report-two-source-files",
        _add(REPORT, PROV.wasDerivedFrom, ID["source/other"]),
        REPORT,
        PROV.wasDerivedFrom,
    ),
    ("report-source-untyped", _remove(SOURCE, RDF.type), REPORT, PROV.wasDerivedFrom),
    ("source-sha256-not-hex", _set(SOURCE, FZ.sha256, Literal("not-a-hash")), SOURCE, FZ.sha256),
    (
        "source-file-name-is-a-path",
        _set(SOURCE, FZ.fileName, Literal("/home/me/000.txt")),
        SOURCE,
        FZ.fileName,
    ),
    (
        "town-label-without-zh",
        _set(TOWN, RDFS.label, Literal("Dajishan", lang="en")),
        TOWN,
        RDFS.label,
    ),
    ("town-part-of-a-report", _add(TOWN, FZ.partOf, REPORT), TOWN, FZ.partOf),
    (
        "report-link-confidence-above-1",
        _set(REPORT, FZ.linkConfidence, Literal(Decimal("1.5"))),
        REPORT,
        FZ.linkConfidence,
    ),
    (
        "report-two-link-methods",
        _add(REPORT, FZ.linkMethod, Literal("unique name")),
        REPORT,
        FZ.linkMethod,
    ),
    (
        "town-adopts-untyped-mechanism",
        _add(TOWN, FZ.adopts, MECH["not-in-vocabulary"]),
        TOWN,
        FZ.adopts,
    ),
    ("county-without-label", _remove(COUNTY, RDFS.label), COUNTY, RDFS.label),
    ("village-part-of-a-village", _add(VILLAGE, FZ.partOf, VILLAGE), VILLAGE, FZ.partOf),
    # Unit facts belong to a report's unit: a town, a county or a department.
    ("village-adopts-a-mechanism", _add(VILLAGE, FZ.adopts, MECHANISM), VILLAGE, None),
    ("official-without-position", _remove(OFFICIAL, FZ.holds), OFFICIAL, FZ.holds),
    ("official-without-label", _remove(OFFICIAL, RDFS.label), OFFICIAL, RDFS.label),
    ("position-without-title", _remove(POSITION, FZ.title), POSITION, FZ.title),
    ("position-in-two-places", _add(POSITION, FZ.postIn, ORG), POSITION, FZ.postIn),
    ("position-in-a-village", _set(POSITION, FZ.postIn, VILLAGE), POSITION, FZ.postIn),
    (
        "mechanism-two-zh-preflabels",
        _add(MECHANISM, SKOS.prefLabel, Literal("合法性审核", lang="zh")),
        MECHANISM,
        SKOS.prefLabel,
    ),
    ("law-kind-outside-list", _set(LAW, FZ.lawKind, FZ.Town), LAW, FZ.lawKind),
    ("law-without-kind", _remove(LAW, FZ.lawKind), LAW, FZ.lawKind),
    (
        "indicator-non-decimal-value",
        _set(INDICATOR, FZ.value, Literal("98.5%")),
        INDICATOR,
        FZ.value,
    ),
    ("indicator-double-value", _set(INDICATOR, FZ.value, Literal(98.5)), INDICATOR, FZ.value),
    ("indicator-integer-value", _set(INDICATOR, FZ.value, Literal(72)), INDICATOR, FZ.value),
    (
        "indicator-empty-qualifier",
        _set(INDICATOR, FZ.qualifier, Literal("")),
        INDICATOR,
        FZ.qualifier,
    ),
    ("indicator-without-report", _remove(INDICATOR, FZ.reportedIn), INDICATOR, FZ.reportedIn),
    (
        "mention-start-after-end",
        _both(_set(MENTION, FZ.start, Literal(130)), _set(MENTION, FZ.end, Literal(125))),
        MENTION,
        FZ.start,
    ),
    ("mention-negative-start", _set(MENTION, FZ.start, Literal(-1)), MENTION, FZ.start),
    ("mention-unknown-section", _set(MENTION, FZ.section, FZ.Book), MENTION, FZ.section),
    (
        "mention-refers-to-literal",
        _set(MENTION, FZ.refersTo, Literal("合法性审查")),
        MENTION,
        FZ.refersTo,
    ),
    ("mention-without-sentence", _remove(MENTION, FZ.sentence), MENTION, FZ.sentence),
    ("candidate-without-label", _remove(CANDIDATE, RDFS.label), CANDIDATE, RDFS.label),
]


@pytest.mark.parametrize(
    ("mutate", "focus", "path"), [r[1:] for r in BROKEN], ids=[r[0] for r in BROKEN]
)
def test_broken_graph_reports_expected_violation(mutate, focus, path):
    data = good_graph()
    mutate(data)
    conforms, report, text = validate(data)
    assert not conforms
    # Exactly the broken rule fires: the other shapes must not be disturbed by the change.
    assert results(report) == {(focus, path, SH.Violation)}, text


def test_report_without_year_is_only_a_warning():
    data = good_graph()
    data.remove((REPORT, FZ.year, None))
    conforms, report, _ = validate(data)
    # SHACL: any result, warnings included, makes the graph non-conforming ...
    assert not conforms
    assert results(report) == {(REPORT, FZ.year, SH.Warning)}
    # ... so the builder validates with allow_warnings=True, which lets it pass.
    conforms, _, text = validate(data, allow_warnings=True)
    assert conforms, text
