"""Build the RDF knowledge graph from extracted reports.

IRIs are minted from content, never from file order or paths: a report's IRI
comes from its content hash, its unit's (a township, a county, a department)
from the unit's resolved place, a law's from its canonical title. The same
input therefore gives the same graph, and the same unit in two reports is one
node; a unit its report leaves ambiguous is the report's own node.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n落实合法性审查。")
>>> g = build_graph([ExtractedReport(doc, None, ())])
>>> sorted(str(o) for o in g.objects(None, FZ.year))
['2023']
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from rdflib import Graph, URIRef
from rdflib.namespace import DefinedNamespace

from kg import ontology
from kg.extractors.vocabulary import load_vocabulary
from kg.graph.terms import Lit, Triple, new_lit, rdflib_triple
from kg.model import EntityType, ExtractedReport, Mention, Place
from kg.namespaces import (
    DCTERMS,
    FZ,
    ID_URI,
    MECHANISM,
    PROV,
    RDF,
    RDFS,
    SECTION_TERMS,
    STANCE_PROPERTIES,
    XSD,
    bind_prefixes,
)

_SECTION = {kind: str(term) for kind, term in SECTION_TERMS.items()}
_STANCE_PROPERTY = {stance.value: str(prop) for stance, prop in STANCE_PROPERTIES.items()}
_LAW_KINDS = {
    "NationalLaw",
    "AdministrativeRegulation",
    "LocalRegulation",
    "PartyRule",
    "PolicyDocument",
    "LocalNormativeDocument",
    "Book",
}


def mint(kind: str, *parts: str) -> URIRef:
    """A stable instance IRI from a kind and identifying strings.

    The path is a hash of the parts, so text from a report never becomes
    part of an IRI unescaped.

    Examples
    --------
    >>> mint("law", "中华人民共和国民法典") == mint("law", "中华人民共和国民法典")
    True
    >>> str(mint("law", "中华人民共和国民法典")).startswith("https://w3id.org/fazhi-kg/id/law/")
    True
    """
    return URIRef(_mint(kind, *parts))


def _mint(kind: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{ID_URI}{kind}/{digest}"


def _decimal_lexical(value: str | None) -> str | None:
    """Canonical xsd:decimal text ("74" -> "74.0"), the form Turtle writes back.

    Examples
    --------
    >>> _decimal_lexical("74"), _decimal_lexical("98.50"), _decimal_lexical("x")
    ('74.0', '98.5', None)
    """
    try:
        number = Decimal(value or "")
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    text = format(number.normalize(), "f")
    return text if "." in text else text + ".0"


_XSD_INTEGER = str(XSD.integer)
_XSD_DECIMAL = str(XSD.decimal)
_XSD_DATE = str(XSD.date)

#: IRIs minted from one report's content: their triples belong to that report alone.
REPORT_SCOPED = tuple(
    ID_URI + kind for kind in ("report/", "mention/", "source/", "indicator/", "problem/")
)


class _Terms:
    """A namespace's terms as plain strings, each looked up once.

    A DefinedNamespace checks every attribute read (so a typo fails), which
    costs a microsecond; the writer reads terms millions of times.
    """

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._namespace, name))
        setattr(self, name, value)
        return value


_fz, _rdf, _rdfs, _dcterms, _prov = map(_Terms, (FZ, RDF, RDFS, DCTERMS, PROV))
_MECHANISM = str(MECHANISM)


@functools.cache
def _fz_term(name: str) -> str:
    return str(FZ[name])


def zh(text: str) -> Lit:
    return new_lit((text, "zh", None))


# Kept: a report's thousands of offsets and years come again in the next report.
@functools.lru_cache(maxsize=1 << 15, typed=True)
def integer(value: int) -> Lit:
    return new_lit((str(value), None, _XSD_INTEGER))


#: The shipped files every graph carries: the ontology and the mechanism vocabulary.
BASE_FILES = ("fazhi.ttl", "mechanisms.ttl")


def base_graph() -> Graph:
    """A graph holding the ontology and the mechanism vocabulary.

    Shipping them inside every output makes the Turtle self-describing:
    SPARQL can read labels and class hierarchy without other files.
    """
    graph = Graph()
    bind_prefixes(graph)
    graph += ontology.graph(*BASE_FILES)
    return graph


def build_graph(reports: Iterable[ExtractedReport], graph: Graph | None = None) -> Graph:
    """Add reports to ``graph`` (by default a new :func:`base_graph`) and return it."""
    graph = base_graph() if graph is None else graph
    for report in sorted(reports, key=lambda r: r.document.report_id):
        for triple in report_triples(report):
            graph.add(rdflib_triple(triple))
    return graph


def report_triples(report: ExtractedReport) -> list[Triple]:
    """Every triple the graph holds for one report, each once, in a fixed order.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("青禾镇2023年法治政府建设情况报告")
    >>> (str(FZ.year), integer(2023)) in {(p, o) for _, p, o in report_triples(ExtractedReport(doc, None, ()))}
    True
    """
    return _ReportWriter(report).triples()


#: The IRI kind and class of a report's unit, by the kind of its place.
_UNIT_KINDS = {
    EntityType.TOWN: ("town", FZ.Town),
    EntityType.COUNTY: ("county", FZ.County),
    EntityType.ORGANIZATION: ("department", FZ.Organization),
}


def unit_iri(place: Place, report_id: str) -> str:
    """The IRI of the unit a report is about.

    A unit whose place identifies it gets an IRI from its hierarchy, so every
    report about it meets on one node (a county's own report and its
    townships' ``fz:partOf`` meet on one county).  One the text leaves
    ambiguous (a 云台镇 of three) gets an IRI of its own report: two reports
    about different towns of one name never merge.

    Examples
    --------
    >>> a = Place("云台镇", "长寿区", None, "重庆市")
    >>> unit_iri(a, "r1") == unit_iri(a, "r2")
    True
    >>> b = Place("云台镇", identified=False)
    >>> unit_iri(b, "r1") == unit_iri(b, "r2")
    False
    """
    kind, _ = _UNIT_KINDS[place.kind]
    if not place.identified:
        return _mint(kind, "report", report_id, place.name)
    if place.kind is EntityType.COUNTY:
        return _mint("county", place.province or "", place.city or "", place.county or place.name)
    name = place.key_name
    if place.kind is EntityType.ORGANIZATION:
        # Imported here: the places extractor costs 0.2 s to import, and the post-build
        # commands read this module for its terms, never a department.
        from kg.extractors.places import department_key

        name = department_key(name, place.county)  # 人社局 and 人力资源和社会保障局: one unit
    return _mint(kind, place.province or "", place.city or "", place.county or "", name)


class _ReportWriter:
    """Writes the triples of one report."""

    def __init__(self, report: ExtractedReport) -> None:
        # A dict keeps the first-written order and drops repeats (an organisation named twice).
        self.written: dict[Triple, None] = {}
        self.sentences: dict[tuple[int, int], Lit] = {}  # by the sentence's span (_sentence)
        self.report = report
        self.doc = report.document
        self.iri = f"{ID_URI}report/{self.doc.report_id}"
        self.place = report.place
        #: The unit the report is about: the subject of its unit facts (None: none found).
        self.unit = unit_iri(self.place, self.doc.report_id) if self.place else None
        #: The division the bodies it names stand in: the unit, or a department's county.
        self.where = self._division_of_unit()
        #: What the report's officials, bodies and initiatives are minted under.
        self.scope = self.unit or self.iri

    def add(self, s: str, p: str, o: str | Lit) -> None:
        self.written[(s, p, o)] = None

    def triples(self) -> list[Triple]:
        self._report()
        self._places()
        for mention in self.report.mentions:
            entity = self._entity(mention)
            if entity is None:
                continue
            self.add(self.iri, _fz.mentions, entity)
            self._mention(mention, entity)
        return list(self.written)

    def unit_fact(self, prop: str, value: str) -> None:
        """A fact of the report's unit (adopts, hasInitiative …); none without a unit."""
        if self.unit is not None:
            self.add(self.unit, prop, value)

    # --- report and places ---------------------------------------------------

    def _report(self) -> None:
        doc, iri = self.doc, self.iri
        self.add(iri, _rdf.type, _fz.Report)
        self.add(iri, _dcterms.title, zh(doc.title or doc.source.path))
        self.add(iri, _rdfs.label, zh(doc.title or doc.source.path))
        if doc.year is not None:
            self.add(iri, _fz.year, integer(doc.year))
        if doc.published:
            self.add(iri, _dcterms.issued, Lit(doc.published, None, _XSD_DATE))
        if doc.town:
            self.add(iri, _fz.titleTown, Lit(doc.town))
        place = self.place
        if place is not None and self.unit is not None:
            self.add(iri, _fz.about, self.unit)
            if place.kind is EntityType.TOWN:
                self.add(iri, _fz.aboutTown, self.unit)
            # The link is the report's: two reports may link one town with different certainty.
            self.add(iri, _fz.linkConfidence, Lit(f"{place.confidence:.2f}", None, _XSD_DECIMAL))
            if place.how:
                self.add(iri, _fz.linkMethod, Lit(place.how))
        source = f"{ID_URI}source/{doc.source.sha256}"
        file_name = os.path.basename(doc.source.path)  # on POSIX a backslash is part of the name
        self.add(iri, _prov.wasDerivedFrom, source)
        self.add(source, _rdf.type, _fz.SourceFile)
        self.add(source, _fz.fileName, Lit(file_name))
        self.add(source, _fz.sha256, Lit(doc.source.sha256))
        self.add(source, _fz.encoding, Lit(doc.source.encoding))
        self.add(source, _rdfs.label, zh(file_name))
        for issuer in doc.issuers:
            org = _mint("organization", self.scope, issuer)
            self._typed(org, _fz.Organization, issuer)
            self._located(org)
            self.add(iri, _fz.issuedBy, org)

    def _division_of_unit(self) -> str | None:
        place = self.place
        if place is None or self.unit is None:
            return None
        if place.kind is not EntityType.ORGANIZATION:
            return self.unit
        if not place.county or not place.identified:
            return None
        return _mint("county", place.province or "", place.city or "", place.county)

    def _located(self, org: str) -> None:
        if self.where is not None:
            self.add(org, _fz.locatedIn, self.where)

    def _places(self) -> None:
        p = self.place
        if p is None or self.unit is None:
            return
        _, cls = _UNIT_KINDS[p.kind]
        self._typed(self.unit, str(cls), p.name)
        county = p.county if p.kind is not EntityType.COUNTY else None
        if p.kind is EntityType.COUNTY and p.county_code:
            self.add(self.unit, _fz.adminCode, Lit(p.county_code))
        chain = [
            (_fz.County, county, (p.province or "", p.city or "", p.county or "")),
            (_fz.City, p.city, (p.province or "", p.city or "")),
            (_fz.Province, p.province, (p.province or "",)),
        ]
        child = self.unit
        for cls_iri, name, key in chain:
            if not name:
                continue
            iri = _mint(cls_iri.split("#")[-1].lower(), *key)
            self._typed(iri, cls_iri, name)
            if cls_iri == _fz.County and p.county_code:
                self.add(iri, _fz.adminCode, Lit(p.county_code))
            # A department is in its county; a division is part of the larger one.
            link = (
                _fz.locatedIn
                if child == self.unit and p.kind is EntityType.ORGANIZATION
                else _fz.partOf
            )
            self.add(child, link, iri)
            child = iri

    def _typed(self, iri: str, cls: str, label: str) -> None:
        self.add(iri, _rdf.type, cls)
        self.add(iri, _rdfs.label, zh(label))

    # --- entities ------------------------------------------------------------

    def _entity(self, m: Mention) -> str | None:
        handler = getattr(self, _ENTITY_HANDLERS[m.type], None)
        return handler(m) if handler else None

    def _entity_town(self, m: Mention) -> str | None:
        return self.unit

    def _entity_county(self, m: Mention) -> str | None:
        # places names the report's own county unit only; other counties are no entities yet
        return self.unit if self.place and m.key == self.place.name else None

    def _entity_village(self, m: Mention) -> str:
        iri = _mint("village", self.scope, m.key)
        self._typed(iri, _fz.Village, m.key)
        if self.where is not None:
            self.add(iri, _fz.partOf, self.where)
        return iri

    def _entity_official(self, m: Mention) -> str:
        person = _mint("official", self.scope, m.key)
        self._typed(person, _fz.Official, m.key)
        self.add(person, _fz.personName, Lit(m.key))
        post = m.attr("post") or "职务未详"
        year = str(self.doc.year or "")
        position = _mint("position", person, post, self.scope, year)
        self._typed(position, _fz.Position, f"{post}（{year}）" if year else post)
        self.add(position, _fz.title, Lit(post))
        if self.unit is not None:
            self.add(position, _fz.postIn, self.unit)
        if self.doc.year is not None:
            self.add(position, _fz.year, integer(self.doc.year))
        self.add(person, _fz.holds, position)
        return person

    def _entity_organization(self, m: Mention) -> str:
        iri = _mint("organization", self.scope, m.key)
        self._typed(iri, _fz.Organization, m.key)
        self._located(iri)
        return iri

    def _entity_mechanism(self, m: Mention) -> str | None:
        if m.key not in load_vocabulary().concepts:
            return None
        iri = _MECHANISM + m.key
        stance = m.stance().value
        prop = _STANCE_PROPERTY.get(stance)
        if prop is not None:
            self.unit_fact(prop, iri)
        return iri

    def _entity_candidate_mechanism(self, m: Mention) -> str:
        iri = _mint("candidate", m.key)
        self._typed(iri, _fz.CandidateMechanism, m.key)
        self.unit_fact(_fz.namesPractice, iri)
        return iri

    def _entity_law(self, m: Mention) -> str:
        iri = _mint("law", m.key)
        self._typed(iri, _fz.Law, m.key)
        kind = m.attr("kind")
        # Every law needs a kind; a document the extractor could not classify
        # is most often a policy document.
        self.add(iri, _fz.lawKind, _fz_term(kind if kind in _LAW_KINDS else "PolicyDocument"))
        self.add(self.iri, _fz.cites, iri)
        return iri

    def _entity_initiative(self, m: Mention) -> str:
        iri = _mint("initiative", self.scope, m.key)
        self._typed(iri, _fz.Initiative, m.key)
        self.unit_fact(_fz.hasInitiative, iri)
        return iri

    def _entity_indicator(self, m: Mention) -> str | None:
        value = _decimal_lexical(m.attr("value"))
        if value is None:
            return None
        unit, qualifier = m.attr("unit") or "", m.attr("qualifier") or ""
        iri = _mint("indicator", self.doc.report_id, m.key, value, unit, qualifier)
        self._typed(iri, _fz.Indicator, f"{m.key} {qualifier}{value}{unit}".strip())
        self.add(iri, _fz.indicatorName, Lit(m.key))
        self.add(iri, _fz.value, Lit(value, None, _XSD_DECIMAL))
        if unit:
            self.add(iri, _fz.unit, Lit(unit))
        if qualifier:
            self.add(iri, _fz.qualifier, Lit(qualifier))
        self.add(iri, _fz.reportedIn, self.iri)
        return iri

    def _entity_problem(self, m: Mention) -> str:
        iri = _mint("problem", self.doc.report_id, m.key)
        self._typed(iri, _fz.Problem, m.key)
        self.add(self.iri, _fz.hasProblem, iri)
        return iri

    # --- evidence ------------------------------------------------------------

    def _sentence(self, offset: int) -> Lit:
        """The literal of the evidence sentence at ``offset``, made once for the mentions it holds."""
        span = self.doc.evidence_at(offset)
        key = (span.start, span.end)
        found = self.sentences.get(key)
        if found is None:
            found = self.sentences[key] = new_lit(
                (self.doc.text[span.start : span.end], None, None)
            )
        return found

    def _mention(self, m: Mention, entity: str) -> None:
        doc, report, add = self.doc, self.iri, self.written.__setitem__
        iri = (
            f"{ID_URI}mention/{doc.report_id}-{m.start}-{m.end}-{_TYPE_NAMES[m.type]}"
            f"-{_key_digest(m.key)}"
        )
        start, end = doc.source.offsets.span_to_source(m.start, m.end)
        section = doc.section_at(m.start)
        # add(triple, None): self.add, without a call a triple (a report has thousands)
        add((iri, _rdf.type, _fz.Mention), None)
        add((iri, _fz.inReport, report), None)
        add((iri, _fz.refersTo, entity), None)
        add((iri, _fz.text, new_lit((m.text, None, None))), None)
        add((iri, _fz.sentence, self._sentence(m.start)), None)
        add((iri, _fz.section, _SECTION[m.section]), None)
        if section is not None and section.heading:
            add((iri, _fz.sectionHeading, new_lit((section.heading, None, None))), None)
        add((iri, _fz.start, integer(start)), None)
        add((iri, _fz.end, integer(end)), None)


#: Each entity type's name in IRIs and handler names (an enum's name is a slow property).
_TYPE_NAMES = {kind: kind.name.lower() for kind in EntityType}
_ENTITY_HANDLERS = {kind: f"_entity_{name}" for kind, name in _TYPE_NAMES.items()}


@functools.lru_cache(maxsize=4096)
def _key_digest(key: str) -> str:
    """The short digest of a mention's key in its IRI (a report names a key many times)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
