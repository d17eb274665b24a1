"""Build the RDF knowledge graph from extracted reports.

IRIs are minted from content, never from file order or paths: a report's IRI
comes from its content hash, a town's from its resolved place, a law's from
its canonical title. The same input therefore gives the same graph, and the
same town in two reports is one node.

Examples
--------
>>> from kg.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n落实合法性审查。")
>>> g = build_graph([ExtractedReport(doc, None, ())])
>>> sorted(str(o) for o in g.objects(None, FZ.year))
['2023']
"""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from extractors.vocabulary import load_vocabulary
from kg.model import ExtractedReport, Mention, Place, SectionKind
from kg.namespaces import DCTERMS, FZ, ID, MECHANISM, PROV, RDF, RDFS, bind_prefixes
from ontology import FAZHI_TTL, MECHANISMS_TTL

_SECTION = {
    SectionKind.ACHIEVEMENTS: FZ.Achievements,
    SectionKind.PROBLEMS: FZ.Problems,
    SectionKind.PLANS: FZ.Plans,
    SectionKind.DUTIES: FZ.Duties,
    SectionKind.OTHER: FZ.OtherSection,
}
_STANCE_BY_SECTION = {
    SectionKind.ACHIEVEMENTS: "adopted",
    SectionKind.DUTIES: "adopted",
    SectionKind.PLANS: "planned",
    SectionKind.PROBLEMS: "problem",
    SectionKind.OTHER: "mentioned",
}
_STANCE_PROPERTY = {"adopted": FZ.adopts, "planned": FZ.plans, "problem": FZ.reportsWeakness}
_LAW_KINDS = {"NationalLaw", "AdministrativeRegulation", "LocalRegulation", "PartyRule",
              "PolicyDocument", "LocalNormativeDocument", "Book"}


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
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return ID[f"{kind}/{digest}"]


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


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def base_graph() -> Graph:
    """A graph holding the ontology and the mechanism vocabulary.

    Shipping them inside every output makes the Turtle self-describing:
    SPARQL can read labels and class hierarchy without other files.
    """
    graph = Graph()
    bind_prefixes(graph)
    graph.parse(FAZHI_TTL, format="turtle")
    graph.parse(MECHANISMS_TTL, format="turtle")
    return graph


def build_graph(reports: Iterable[ExtractedReport], graph: Graph | None = None) -> Graph:
    """Add reports to ``graph`` (by default a new :func:`base_graph`) and return it."""
    graph = base_graph() if graph is None else graph
    for report in sorted(reports, key=lambda r: r.document.report_id):
        _ReportWriter(graph, report).write()
    return graph


class _ReportWriter:
    """Writes the triples of one report."""

    def __init__(self, graph: Graph, report: ExtractedReport) -> None:
        self.g = graph
        self.report = report
        self.doc = report.document
        self.iri = ID[f"report/{self.doc.report_id}"]
        self.town = self._town_iri()

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def write(self) -> None:
        self._report()
        self._places()
        for mention in self.report.mentions:
            entity = self._entity(mention)
            if entity is None:
                continue
            self.add(self.iri, FZ.mentions, entity)
            self._mention(mention, entity)

    # --- report and places ---------------------------------------------------

    def _report(self) -> None:
        doc, iri = self.doc, self.iri
        self.add(iri, RDF.type, FZ.Report)
        self.add(iri, DCTERMS.title, zh(doc.title or doc.source.path))
        self.add(iri, RDFS.label, zh(doc.title or doc.source.path))
        if doc.year is not None:
            self.add(iri, FZ.year, Literal(doc.year, datatype=XSD.integer))
        if doc.published:
            self.add(iri, DCTERMS.issued, Literal(doc.published, datatype=XSD.date))
        if doc.town:
            self.add(iri, FZ.titleTown, Literal(doc.town))
        self.add(iri, FZ.aboutTown, self.town)
        source = ID[f"source/{doc.source.sha256}"]
        self.add(iri, PROV.wasDerivedFrom, source)
        self.add(source, RDF.type, FZ.SourceFile)
        self.add(source, FZ.fileName, Literal(doc.source.path.replace("\\", "/").rsplit("/", 1)[-1]))
        self.add(source, FZ.sha256, Literal(doc.source.sha256))
        self.add(source, FZ.encoding, Literal(doc.source.encoding))
        self.add(source, RDFS.label, zh(doc.source.path.replace("\\", "/").rsplit("/", 1)[-1]))
        for issuer in doc.issuers:
            org = mint("organization", str(self.town), issuer)
            self._typed(org, FZ.Organization, issuer)
            self.add(org, FZ.locatedIn, self.town)
            self.add(iri, FZ.issuedBy, org)

    def _place(self) -> Place:
        place = self.report.place
        if place is not None:
            return place
        return Place(town=self.doc.town or "未识别乡镇", how="not resolved")

    def _town_iri(self) -> URIRef:
        p = self._place()
        return mint("town", p.province or "", p.city or "", p.county or "", p.town)

    def _places(self) -> None:
        p = self._place()
        self._typed(self.town, FZ.Town, p.town)
        self.add(self.town, FZ.linkConfidence, Literal(f"{p.confidence:.2f}", datatype=XSD.decimal))
        if p.how:
            self.add(self.town, FZ.linkMethod, Literal(p.how))
        chain = [(FZ.County, p.county, (p.province or "", p.city or "", p.county or "")),
                 (FZ.City, p.city, (p.province or "", p.city or "")),
                 (FZ.Province, p.province, (p.province or "",))]
        child = self.town
        for cls, name, key in chain:
            if not name:
                continue
            iri = mint(cls.split("#")[-1].lower(), *key)
            self._typed(iri, cls, name)
            if cls == FZ.County and p.county_code:
                self.add(iri, FZ.adminCode, Literal(p.county_code))
            self.add(child, FZ.partOf, iri)
            child = iri

    def _typed(self, iri: URIRef, cls: URIRef, label: str) -> None:
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, zh(label))

    # --- entities ------------------------------------------------------------

    def _entity(self, m: Mention) -> URIRef | None:
        handler = getattr(self, f"_entity_{m.type.name.lower()}", None)
        return handler(m) if handler else None

    def _entity_town(self, m: Mention) -> URIRef:
        return self.town

    def _entity_village(self, m: Mention) -> URIRef:
        iri = mint("village", str(self.town), m.key)
        self._typed(iri, FZ.Village, m.key)
        self.add(iri, FZ.partOf, self.town)
        return iri

    def _entity_official(self, m: Mention) -> URIRef:
        person = mint("official", str(self.town), m.key)
        self._typed(person, FZ.Official, m.key)
        self.add(person, FZ.personName, Literal(m.key))
        post = m.attr("post") or "职务未详"
        year = str(self.doc.year or "")
        position = mint("position", str(person), post, str(self.town), year)
        self._typed(position, FZ.Position, f"{post}（{year}）" if year else post)
        self.add(position, FZ.title, Literal(post))
        self.add(position, FZ.postIn, self.town)
        if self.doc.year is not None:
            self.add(position, FZ.year, Literal(self.doc.year, datatype=XSD.integer))
        self.add(person, FZ.holds, position)
        return person

    def _entity_organization(self, m: Mention) -> URIRef:
        iri = mint("organization", str(self.town), m.key)
        self._typed(iri, FZ.Organization, m.key)
        self.add(iri, FZ.locatedIn, self.town)
        return iri

    def _entity_mechanism(self, m: Mention) -> URIRef | None:
        if m.key not in load_vocabulary().concepts:
            return None
        iri = MECHANISM[m.key]
        stance = m.attr("stance") or _STANCE_BY_SECTION[m.section]
        prop = _STANCE_PROPERTY.get(stance)
        if prop is not None:
            self.add(self.town, prop, iri)
        return iri

    def _entity_candidate_mechanism(self, m: Mention) -> URIRef:
        iri = mint("candidate", m.key)
        self._typed(iri, FZ.CandidateMechanism, m.key)
        self.add(self.town, FZ.namesPractice, iri)
        return iri

    def _entity_law(self, m: Mention) -> URIRef:
        iri = mint("law", m.key)
        self._typed(iri, FZ.Law, m.key)
        kind = m.attr("kind")
        # Every law needs a kind; a document the extractor could not classify
        # is most often a policy document.
        self.add(iri, FZ.lawKind, FZ[kind if kind in _LAW_KINDS else "PolicyDocument"])
        self.add(self.iri, FZ.cites, iri)
        return iri

    def _entity_initiative(self, m: Mention) -> URIRef:
        iri = mint("initiative", str(self.town), m.key)
        self._typed(iri, FZ.Initiative, m.key)
        self.add(self.town, FZ.hasInitiative, iri)
        return iri

    def _entity_indicator(self, m: Mention) -> URIRef | None:
        value = _decimal_lexical(m.attr("value"))
        if value is None:
            return None
        unit, qualifier = m.attr("unit") or "", m.attr("qualifier") or ""
        iri = mint("indicator", self.doc.report_id, m.key, value, unit, qualifier)
        self._typed(iri, FZ.Indicator, f"{m.key} {qualifier}{value}{unit}".strip())
        self.add(iri, FZ.indicatorName, Literal(m.key))
        self.add(iri, FZ.value, Literal(value, datatype=XSD.decimal))
        if unit:
            self.add(iri, FZ.unit, Literal(unit))
        if qualifier:
            self.add(iri, FZ.qualifier, Literal(qualifier))
        self.add(iri, FZ.reportedIn, self.iri)
        return iri

    def _entity_problem(self, m: Mention) -> URIRef:
        iri = mint("problem", self.doc.report_id, m.key)
        self._typed(iri, FZ.Problem, m.key)
        self.add(self.iri, FZ.hasProblem, iri)
        return iri

    # --- evidence ------------------------------------------------------------

    def _mention(self, m: Mention, entity: URIRef) -> None:
        iri = ID[f"mention/{self.doc.report_id}-{m.start}-{m.end}-{m.type.name.lower()}"
                 f"-{hashlib.sha1(m.key.encode('utf-8')).hexdigest()[:6]}"]
        start, end = self.doc.source.offsets.span_to_source(m.start, m.end)
        section = self.doc.section_at(m.start)
        self.add(iri, RDF.type, FZ.Mention)
        self.add(iri, FZ.inReport, self.iri)
        self.add(iri, FZ.refersTo, entity)
        self.add(iri, FZ.text, Literal(m.text))
        self.add(iri, FZ.sentence, Literal(self.doc.sentence_text_at(m.start)))
        self.add(iri, FZ.section, _SECTION[m.section])
        if section is not None and section.heading:
            self.add(iri, FZ.sectionHeading, Literal(section.heading))
        self.add(iri, FZ.start, Literal(start, datatype=XSD.integer))
        self.add(iri, FZ.end, Literal(end, datatype=XSD.integer))

