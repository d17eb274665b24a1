"""Table and network exports: CSV for pandas and Excel, GraphML and GEXF for Gephi.

The table functions take a graph and return plain rows (frozen dataclasses);
the ``*_csv`` functions turn them into CSV text (UTF-8 with BOM, which Excel
needs for Chinese) and :func:`property_graph` into a networkx graph that
:func:`graphml` and :func:`gexf` write.  Nothing here writes files.

Tables (file names as ``kg build`` writes them):

=====================  ========================================================================
reports.csv            one row per report: town, place, year, dates, source file
entities.csv           one row per extracted entity: IRI, type, label, town, reports naming it
mentions.csv           one row per mention: report, entity, section, words, sentence, offsets
indicators.csv         one row per indicator: town, year, name, value, unit, qualifier
town_mechanism.csv     town x mechanism matrix: 1 where the town adopts the mechanism, else 0
=====================  ========================================================================

Examples
--------
>>> from rdflib import Graph, Literal
>>> from kg.namespaces import FZ, ID, MECHANISM, RDF, RDFS, SKOS
>>> g = Graph()
>>> for t in ("t1", "t2"):
...     _ = g.add((ID[t], RDF.type, FZ.Town)).add((ID[t], RDFS.label, Literal(t, lang="zh")))
>>> _ = g.add((MECHANISM["m"], SKOS.prefLabel, Literal("合法性审查", lang="zh")))
>>> _ = g.add((ID["t1"], FZ.adopts, MECHANISM["m"]))
>>> print(town_mechanism_csv(g).lstrip("\\ufeff"), end="")
town,town_label,province,合法性审查
https://w3id.org/fazhi-kg/id/t1,t1,,1
https://w3id.org/fazhi-kg/id/t2,t2,,0
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields

import networkx as nx
from rdflib import Graph, Literal, URIRef

from kg.analysis.cooccurrence import label
from kg.chars import spreadsheet_safe
from kg.namespaces import DCTERMS, FZ, FZ_URI, ID_URI, PROV, RDF, bind_prefixes

# --- rows ------------------------------------------------------------------------------------


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header, UTF-8 with BOM so Excel shows Chinese correctly.

    The one CSV writer of the outputs.  Report text reaches the cells, so a cell
    that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab or
    carriage return first) is written with a leading ``'``; plain numbers such
    as ``-1.5`` stay numbers (:func:`kg.chars.spreadsheet_safe`).

    Examples
    --------
    >>> print(csv_text(["text", "value"], [["=1+1", -1.5], ["@SUM(A1)", "-0.25"]]), end="")
    \ufefftext,value
    '=1+1,-1.5
    '@SUM(A1),-0.25
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    # csv quotes a field holding the line terminator, "\n", but not a lone "\r", which
    # readers take for a line end too: a row with one has every field quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in itertools.chain([header], rows):
        cells = [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row]
        (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
    return buffer.getvalue()


def jsonl_text(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


@dataclass(frozen=True)
class ReportRow:
    """One report and where it comes from."""

    report: str
    title: str
    town: str
    town_label: str
    county: str
    city: str
    province: str
    year: str
    issued: str
    file_name: str
    sha256: str
    mentions: int


@dataclass(frozen=True)
class EntityRow:
    """One extracted entity (town, official, law, mechanism, ...).

    ``town`` is the town label for entities that belong to one (officials,
    organizations, villages, initiatives, positions), else empty; ``reports``
    is how many reports mention it.
    """

    entity: str
    type: str
    label: str
    town: str
    reports: int


@dataclass(frozen=True)
class MentionRow:
    """One mention: the evidence for an extracted fact."""

    mention: str
    report: str
    town_label: str
    entity: str
    entity_type: str
    entity_label: str
    section: str
    heading: str
    text: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class IndicatorRow:
    """One figure a report gives, with its town and year."""

    indicator: str
    report: str
    town_label: str
    year: str
    name: str
    qualifier: str
    value: str
    unit: str


# Entities that other tables cover, or that are not extracted from text.
_NOT_ENTITIES = {FZ.Report, FZ.SourceFile, FZ.Mention, FZ.Indicator}
# Classes whose instances belong to one town, and the property leading to it.
_TOWN_OF = {
    FZ.Official: None,
    FZ.Organization: FZ.locatedIn,
    FZ.Village: FZ.partOf,
    FZ.Position: FZ.postIn,
}


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(graph: Graph, node, prop) -> str:
    value = graph.value(node, prop)
    return "" if value is None else str(value)


def _fz_type(graph: Graph, node) -> URIRef | None:
    types = sorted(t for t in graph.objects(node, RDF.type) if str(t).startswith(FZ_URI))
    return types[0] if types else None


def _places(graph: Graph, town) -> dict[str, str]:
    """County, city, province labels of a report's unit: those above a town (walks fz:partOf),
    a county's own, a department's county (fz:locatedIn) and those above it."""
    found = {}
    seen = set()
    frontier = [town, *graph.objects(town, FZ.locatedIn)]
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        for cls, key in ((FZ.County, "county"), (FZ.City, "city"), (FZ.Province, "province")):
            if (node, RDF.type, cls) in graph:
                found.setdefault(key, label(graph, node))
        frontier.extend(graph.objects(node, FZ.partOf))
    return found


def report_rows(graph: Graph) -> list[ReportRow]:
    """One row per fz:Report, sorted by town, year and IRI."""
    mentions_of: dict = {}
    for mention in graph.subjects(RDF.type, FZ.Mention):
        report = graph.value(mention, FZ.inReport)
        mentions_of[report] = mentions_of.get(report, 0) + 1
    rows = []
    for report in set(graph.subjects(RDF.type, FZ.Report)):
        town = graph.value(report, FZ.about)
        source = graph.value(report, PROV.wasDerivedFrom)
        places = _places(graph, town) if town is not None else {}
        rows.append(
            ReportRow(
                report=str(report),
                title=_text(graph, report, DCTERMS.title),
                town="" if town is None else str(town),
                town_label="" if town is None else label(graph, town),
                county=places.get("county", ""),
                city=places.get("city", ""),
                province=places.get("province", ""),
                year=_text(graph, report, FZ.year),
                issued=_text(graph, report, DCTERMS.issued),
                file_name=_text(graph, source, FZ.fileName) if source is not None else "",
                sha256=_text(graph, source, FZ.sha256) if source is not None else "",
                mentions=mentions_of.get(report, 0),
            )
        )
    return sorted(rows, key=lambda r: (r.town_label, r.year, r.report))


def entity_rows(graph: Graph) -> list[EntityRow]:
    """One row per extracted entity: instances under ``fzid:`` with an fz: type.

    Mechanism concepts of the vocabulary are listed only when a report names
    them; reports, source files, mentions and indicators have their own tables.
    """
    reports_of: dict = {}
    for report, entity in graph.subject_objects(FZ.mentions):
        reports_of.setdefault(entity, set()).add(report)
    rows = []
    for node in {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}:
        cls = _fz_type(graph, node)
        if cls is None or cls in _NOT_ENTITIES or not str(node).startswith(ID_URI):
            continue
        if cls == FZ.Mechanism and node not in reports_of:
            continue
        town = ""
        if cls in _TOWN_OF:
            owner = (
                graph.value(graph.value(node, FZ.holds), FZ.postIn)
                if cls == FZ.Official
                else graph.value(node, _TOWN_OF[cls])
            )
            town = label(graph, owner) if owner is not None else ""
        rows.append(
            EntityRow(
                str(node), _local(cls), label(graph, node), town, len(reports_of.get(node, ()))
            )
        )
    return sorted(rows, key=lambda r: (r.type, r.label, r.entity))


def mention_rows(graph: Graph) -> list[MentionRow]:
    """One row per fz:Mention, sorted by report and offset."""
    rows = []
    for mention in set(graph.subjects(RDF.type, FZ.Mention)):
        report = graph.value(mention, FZ.inReport)
        entity = graph.value(mention, FZ.refersTo)
        town = graph.value(report, FZ.about) if report is not None else None
        cls = _fz_type(graph, entity) if entity is not None else None
        section = graph.value(mention, FZ.section)
        rows.append(
            MentionRow(
                mention=str(mention),
                report=str(report or ""),
                town_label=label(graph, town) if town is not None else "",
                entity=str(entity or ""),
                entity_type=_local(cls) if cls is not None else "",
                entity_label=label(graph, entity) if entity is not None else "",
                section=_local(section) if section is not None else "",
                heading=_text(graph, mention, FZ.sectionHeading),
                text=_text(graph, mention, FZ.text),
                sentence=_text(graph, mention, FZ.sentence),
                start=int(graph.value(mention, FZ.start) or 0),
                end=int(graph.value(mention, FZ.end) or 0),
            )
        )
    return sorted(rows, key=lambda r: (r.report, r.start, r.end, r.mention))


def indicator_rows(graph: Graph) -> list[IndicatorRow]:
    """One row per fz:Indicator, sorted by town, year and name."""
    rows = []
    for ind in set(graph.subjects(RDF.type, FZ.Indicator)):
        report = graph.value(ind, FZ.reportedIn)
        town = graph.value(report, FZ.about) if report is not None else None
        rows.append(
            IndicatorRow(
                indicator=str(ind),
                report=str(report or ""),
                town_label=label(graph, town) if town is not None else "",
                year=_text(graph, report, FZ.year) if report is not None else "",
                name=_text(graph, ind, FZ.indicatorName),
                qualifier=_text(graph, ind, FZ.qualifier),
                value=_text(graph, ind, FZ.value),
                unit=_text(graph, ind, FZ.unit),
            )
        )
    return sorted(rows, key=lambda r: (r.town_label, r.year, r.name, r.value, r.indicator))


@dataclass(frozen=True)
class MatrixRow:
    """A town and, per mechanism column, 1 if it adopts the mechanism else 0."""

    town: str
    town_label: str
    province: str
    cells: tuple[int, ...]


def town_mechanism_matrix(graph: Graph) -> tuple[tuple[str, ...], list[MatrixRow]]:
    """The town x mechanism matrix of fz:adopts.

    Returns
    -------
    tuple
        ``(mechanisms, rows)``: mechanism IRIs (the columns, by label) and one
        row per fz:Town, sorted by label.  Mechanisms no town adopts are left out.
    """
    adopted = set(graph.subject_objects(FZ.adopts))
    mechanisms = tuple(sorted({m for _, m in adopted}, key=lambda m: (label(graph, m), str(m))))
    rows = []
    for town in set(graph.subjects(RDF.type, FZ.Town)):
        cells = tuple(int((town, m) in adopted) for m in mechanisms)
        rows.append(
            MatrixRow(
                str(town), label(graph, town), _places(graph, town).get("province", ""), cells
            )
        )
    return tuple(str(m) for m in mechanisms), sorted(rows, key=lambda r: (r.town_label, r.town))


# --- CSV -------------------------------------------------------------------------------------


def rows_csv(rows, row_type) -> str:
    """CSV of dataclass rows with the field names as header."""
    return csv_text([f.name for f in fields(row_type)], (astuple(r) for r in rows))


def reports_csv(graph: Graph) -> str:
    return rows_csv(report_rows(graph), ReportRow)


def entities_csv(graph: Graph) -> str:
    return rows_csv(entity_rows(graph), EntityRow)


def mentions_csv(graph: Graph) -> str:
    return rows_csv(mention_rows(graph), MentionRow)


def indicators_csv(graph: Graph) -> str:
    return rows_csv(indicator_rows(graph), IndicatorRow)


def town_mechanism_csv(graph: Graph) -> str:
    """The matrix with mechanism labels (zh) as column headers, for pandas and Excel."""
    mechanisms, rows = town_mechanism_matrix(graph)
    header = ["town", "town_label", "province"] + [label(graph, URIRef(m)) for m in mechanisms]
    return csv_text(header, ([r.town, r.town_label, r.province, *r.cells] for r in rows))


# --- Gephi -----------------------------------------------------------------------------------

# Evidence and provenance nodes would swamp a network view: thousands of
# mentions, one per fact.  They stay in the RDF and CSV exports.
_NOT_IN_NETWORK = {FZ.Mention, FZ.SourceFile}


def _curie(graph: Graph, iri) -> str:
    try:
        return graph.namespace_manager.normalizeUri(iri)
    except Exception:  # rdflib raises on IRIs it cannot split; keep them whole
        return str(iri)


def property_graph(graph: Graph) -> nx.MultiDiGraph:
    """The instance data as a property graph for Gephi.

    Edges are the triples whose property is an ``fz:`` term and whose two ends
    are resources under ``fzid:`` other than mentions and source files, keyed
    and labelled by the property (``fz:adopts``, ``fz:cites`` ...).  Nodes are
    their ends plus every other typed ``fz:`` instance; each has ``label``
    (zh), ``type`` (class local name) and its single-valued ``fz:`` literals
    (``year``, ``value`` ...).  Vocabulary concepts no report uses stay out.
    """
    hidden = {s for cls in _NOT_IN_NETWORK for s in graph.subjects(RDF.type, cls)}
    view = bind_prefixes(Graph())

    def keep(node) -> bool:
        return isinstance(node, URIRef) and str(node).startswith(ID_URI) and node not in hidden

    net = nx.MultiDiGraph()
    for s, p, o in graph:
        if str(p).startswith(FZ_URI) and keep(s) and keep(o):
            key = _curie(view, p)
            net.add_edge(str(s), str(o), key=key, predicate=key, label=_local(p))
    typed = {
        s
        for s, cls in graph.subject_objects(RDF.type)
        if str(cls).startswith(FZ_URI) and cls != FZ.Mechanism and keep(s)
    }
    for node in set(net.nodes) | {str(s) for s in typed}:
        iri = URIRef(node)
        cls = _fz_type(graph, iri)
        attrs = {"label": label(graph, iri), "type": _local(cls) if cls is not None else ""}
        literals: dict[str, list[Literal]] = {}
        for p, o in graph.predicate_objects(iri):
            if isinstance(o, Literal) and str(p).startswith(FZ_URI):
                literals.setdefault(_local(p), []).append(o)
        attrs.update({k: str(v[0]) for k, v in literals.items() if len(v) == 1})
        net.add_node(node, **attrs)
    return net


def graphml(graph: Graph) -> str:
    """GraphML of :func:`property_graph` (Gephi, yEd, Cytoscape, networkx)."""
    buffer = io.BytesIO()
    nx.write_graphml(_sorted(property_graph(graph)), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def gexf(graph: Graph) -> str:
    """GEXF 1.2 of :func:`property_graph` (Gephi's own format)."""
    buffer = io.BytesIO()
    nx.write_gexf(_sorted(property_graph(graph)), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _sorted(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    # networkx writes in insertion order; sorting makes the files reproducible.
    out = nx.MultiDiGraph()
    for node in sorted(net.nodes):
        out.add_node(node, **dict(sorted(net.nodes[node].items())))
    for u, v, k, data in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        out.add_edge(u, v, key=k, **data)
    return out


__all__ = [
    "ReportRow",
    "EntityRow",
    "MentionRow",
    "IndicatorRow",
    "MatrixRow",
    "report_rows",
    "entity_rows",
    "mention_rows",
    "indicator_rows",
    "town_mechanism_matrix",
    "reports_csv",
    "entities_csv",
    "mentions_csv",
    "indicators_csv",
    "town_mechanism_csv",
    "property_graph",
    "graphml",
    "gexf",
]
