"""Table and network exports: CSV for pandas and Excel, GraphML and GEXF for Gephi.

The table functions take a graph (or a :class:`~kg.graph.index.TripleIndex` of
one report's triples, as a build does in its workers) and return plain rows (frozen dataclasses);
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
import functools
import io
import itertools
import json
import operator
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import Field, dataclass, fields
from pathlib import Path
from typing import IO, Any, ClassVar, Protocol, TypeGuard, TypeVar, cast
from xml.sax.saxutils import escape as xml_escape

import networkx as nx
from rdflib import Graph

from kg.chars import FORMULA_START, spreadsheet_safe
from kg.files import scratch_database
from kg.graph.index import (
    TripleIndex,
    base_index,
    first_text,
    first_value,
    index_of_graph,
    text_of,
)
from kg.graph.stream import KeySet, seen_key
from kg.graph.terms import Lit
from kg.graph.triples import REPORT_SCOPED
from kg.namespaces import DCTERMS, FZ, FZ_URI, ID_URI, PREFIXES, PROV, RDF
from kg.run.spool import Part, Spooled, SpoolReader


class TableRow(Protocol):
    """A row of a table: a dataclass, whose fields are the columns."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


_Row = TypeVar("_Row", bound=TableRow)

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
    _write_rows(buffer, itertools.chain([header], rows))
    return buffer.getvalue()


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The text of :func:`csv_text` a row at a time (the first with the BOM and the header),
    for a table too large to hold as one text (the one place the rows are written).

    Examples
    --------
    >>> [line.encode("utf-8") for line in csv_lines(["a", "b"], [["x", 1], ["=y", 2]])]
    [b'\\xef\\xbb\\xbfa,b\\n', b'x,1\\n', b"'=y,2\\n"]
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    write = _row_writer(buffer)
    for row in itertools.chain([header], rows):
        write(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _row_writer(buffer: io.StringIO) -> Callable[[Sequence[object]], None]:
    """Writes one row of :func:`csv_text` into ``buffer``."""
    writer = csv.writer(buffer, lineterminator="\n")
    # csv quotes a field holding the line terminator, "\n", but not a lone "\r", which
    # readers take for a line end too: a row with one has every field quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def write(row: Sequence[object]) -> None:
        cells = [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row]
        (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)

    return write


def _write_rows(buffer: io.StringIO, rows: Iterable[Sequence[object]]) -> None:
    """The rows of :func:`csv_text` into ``buffer``, as :func:`_row_writer` writes each.

    A row with no cell to make safe (nothing starts as a formula would) nor a lone
    carriage return goes to the writer as it is, which writes such rows in bulk.
    """
    writer = csv.writer(buffer, lineterminator="\n")
    write = _row_writer(buffer)
    plain: list[Sequence[object]] = []
    for row in rows:
        if any(isinstance(c, str) and c and (c[0] in FORMULA_START or "\r" in c) for c in row):
            writer.writerows(plain)
            plain = []
            write(row)
        else:
            plain.append(row)
    writer.writerows(plain)


def jsonl_text(records: Iterable[dict[str, Any]]) -> str:
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
_NOT_ENTITIES = {str(c) for c in (FZ.Report, FZ.SourceFile, FZ.Mention, FZ.Indicator)}
# Classes whose instances belong to one town, and the property leading to it.
_TOWN_OF = {
    str(FZ.Official): None,
    str(FZ.Organization): str(FZ.locatedIn),
    str(FZ.Village): str(FZ.partOf),
    str(FZ.Position): str(FZ.postIn),
}
_T = {name: str(FZ[name]) for name in ("Report", "Mention", "Indicator", "Town", "Mechanism")}
_P = {
    name: str(term)
    for name, term in {
        "type": RDF.type,
        "about": FZ.about,
        "locatedIn": FZ.locatedIn,
        "derived": PROV.wasDerivedFrom,
        "title": DCTERMS.title,
        "issued": DCTERMS.issued,
        "year": FZ.year,
        "fileName": FZ.fileName,
        "sha256": FZ.sha256,
        "inReport": FZ.inReport,
        "refersTo": FZ.refersTo,
        "section": FZ.section,
        "heading": FZ.sectionHeading,
        "text": FZ.text,
        "sentence": FZ.sentence,
        "start": FZ.start,
        "end": FZ.end,
        "mentions": FZ.mentions,
        "holds": FZ.holds,
        "postIn": FZ.postIn,
        "partOf": FZ.partOf,
        "reportedIn": FZ.reportedIn,
        "indicatorName": FZ.indicatorName,
        "qualifier": FZ.qualifier,
        "value": FZ.value,
        "unit": FZ.unit,
    }.items()
}
_PLACE_CLASSES = (
    (str(FZ.County), "county"),
    (str(FZ.City), "city"),
    (str(FZ.Province), "province"),
)


@functools.lru_cache(maxsize=4096)  # classes, properties and sections: a few dozen IRIs
def _local(iri: str) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _data(graph: Graph | TripleIndex) -> TripleIndex:
    """An index of the graph's triples (an index is used as it is)."""
    return graph if isinstance(graph, TripleIndex) else index_of_graph(graph)


def _fz_type(data: TripleIndex, node: str) -> str | None:
    """The first of a node's ``fz:`` classes (sorted), or None."""
    types = data.types(node)
    if len(types) == 1:  # most nodes (asked a thousand times a report): no list to sort
        cls = types[0]
        return cls if type(cls) is str and cls.startswith(FZ_URI) else None
    found = sorted(t for t in types if type(t) is str and t.startswith(FZ_URI))
    return found[0] if found else None


def _places(data: TripleIndex, town: str) -> dict[str, str]:
    """County, city, province labels of a report's unit: those above a town (walks fz:partOf),
    a county's own, a department's county (fz:locatedIn) and those above it."""
    found: dict[str, str] = {}
    seen: set[str] = set()
    frontier: list[str | Lit] = [town, *data.objects(town, _P["locatedIn"])]
    while frontier:
        node = frontier.pop()
        if node in seen or type(node) is not str:
            continue
        seen.add(node)
        types = data.types(node)
        for cls, key in _PLACE_CLASSES:
            if cls in types:
                found.setdefault(key, data.label(node))
        frontier.extend(data.objects(node, _P["partOf"]))
    return found


def report_rows(graph: Graph | TripleIndex) -> list[ReportRow]:
    """One row per fz:Report, sorted by town, year and IRI."""
    data = _data(graph)
    mentions_of: dict[str | None, int] = {}
    for mention in data.subjects_of(_T["Mention"]):
        report = data.node(mention, _P["inReport"])
        mentions_of[report] = mentions_of.get(report, 0) + 1
    rows = []
    for report in set(data.subjects_of(_T["Report"])):
        town = data.node(report, _P["about"])
        source = data.node(report, _P["derived"])
        places = _places(data, town) if town is not None else {}
        rows.append(
            ReportRow(
                report=report,
                title=data.text(report, _P["title"]),
                town="" if town is None else text_of(town),
                town_label="" if town is None else data.label(town),
                county=places.get("county", ""),
                city=places.get("city", ""),
                province=places.get("province", ""),
                year=data.text(report, _P["year"]),
                issued=data.text(report, _P["issued"]),
                file_name=data.text(source, _P["fileName"]),
                sha256=data.text(source, _P["sha256"]),
                mentions=mentions_of.get(report, 0),
            )
        )
    return sorted(rows, key=lambda r: (r.town_label, r.year, r.report))


def entity_rows(graph: Graph | TripleIndex) -> list[EntityRow]:
    """One row per extracted entity: instances under ``fzid:`` with an fz: type.

    Mechanism concepts of the vocabulary are listed only when a report names
    them; reports, source files, mentions and indicators have their own tables.
    Given one report's index, ``reports`` is 1 for the entities it names, else
    0; :class:`EntityTable` adds up the reports of a build.
    """
    data = _data(graph)
    reports_of: dict[str | Lit, set[str]] = {}
    for report, props in data.by_subject.items():
        for entity in props.get(_P["mentions"], ()):
            reports_of.setdefault(entity, set()).add(report)
    typed = {s for s, props in data.by_subject.items() if _P["type"] in props}
    rows = []
    for node in typed | set(reports_of):
        if type(node) is not str or not node.startswith(ID_URI):
            continue
        cls = _fz_type(data, node)
        if cls is None or cls in _NOT_ENTITIES:
            continue
        if cls == _T["Mechanism"] and node not in reports_of:
            continue
        town = ""
        if cls in _TOWN_OF:
            town_property = _TOWN_OF[cls]
            owner = (
                data.node(data.node(node, _P["holds"]), _P["postIn"])
                if town_property is None
                else data.node(node, town_property)
            )
            town = data.label(owner) if owner is not None else ""
        rows.append(
            EntityRow(node, _local(cls), data.label(node), town, len(reports_of.get(node, ())))
        )
    return sorted(rows, key=lambda r: (r.type, r.label, r.entity))


class EntityTable:
    """entities.csv of a build, from each report's :func:`entity_rows`: one row per entity.

    Each entity's first row is kept with the reports added up: in memory while there
    are at most :attr:`IN_MEMORY` entities (about 1,200 reports' worth), then in a
    scratch database in ``folder`` (a build's staged folder; in memory without one): a
    build of 10,000 reports names over a million entities, too many to hold.
    """

    #: Most entities held in memory (about 20 MiB) before they go to the database.
    IN_MEMORY = 200_000

    def __init__(self, folder: Path | None = None, in_memory: int | None = None) -> None:
        self.folder = folder
        self.in_memory = self.IN_MEMORY if in_memory is None else in_memory
        self.rows: dict[str, tuple[str, str, str, int]] | None = {}  # entity -> the rest
        self.database: sqlite3.Connection | None = None
        self.path = None if folder is None else Path(folder) / ".scratch-entities.sqlite"

    def add(self, rows: Iterable[EntityRow]) -> None:
        held = self.rows
        if held is not None:
            for r in rows:
                row = held.get(r.entity)
                held[r.entity] = (
                    (r.type, r.label, r.town, r.reports)
                    if row is None
                    else (row[0], row[1], row[2], row[3] + r.reports)
                )
            if len(held) > self.in_memory:
                self._spill(held)
            return
        assert self.database is not None, "made when the rows left memory"
        self.database.executemany(
            "INSERT INTO entity VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (entity) DO UPDATE SET reports = reports + excluded.reports",
            [(r.entity, r.type, r.label, r.town, r.reports) for r in rows],
        )
        self.database.commit()

    def _spill(self, held: dict[str, tuple[str, str, str, int]]) -> None:
        """Move the rows held in memory into the scratch database (past :attr:`IN_MEMORY`)."""
        self.database = scratch_database(self.folder, "entities")
        self.database.execute(
            "CREATE TABLE entity (entity TEXT PRIMARY KEY, type TEXT, label TEXT, town TEXT, "
            "reports INT) WITHOUT ROWID"
        )
        self.database.executemany(
            "INSERT INTO entity VALUES (?, ?, ?, ?, ?)",
            ((entity, *row) for entity, row in held.items()),
        )
        self.database.commit()
        self.rows = None

    def csv(self) -> str:
        return "".join(self.csv_lines())

    def csv_lines(self) -> Iterator[str]:
        """entities.csv a row at a time, sorted by type, label and IRI (a build writes it so,
        in a forked process: a connection of its own reads the database file)."""
        if self.rows is not None:
            rows: Iterable[tuple[Any, ...]] = sorted(
                ((entity, *row) for entity, row in self.rows.items()),
                key=lambda row: (row[1], row[2], row[0]),
            )
        else:
            # SQLite compares text as UTF-8 bytes, which sort as Python sorts their characters.
            database = self.database if self.path is None else sqlite3.connect(self.path)
            assert database is not None, "made when the rows left memory"
            rows = database.execute(
                "SELECT entity, type, label, town, reports FROM entity ORDER BY type, label, entity"
            )
        return rows_csv_lines((EntityRow(*row) for row in rows), EntityRow)


#: The cells of a :class:`MentionRow` (its fields in order) and of an :class:`IndicatorRow`.
MentionCells = tuple[str, str, str, str, str, str, str, str, str, str, int, int]
IndicatorCells = tuple[str, str, str, str, str, str, str, str]


def mention_rows(graph: Graph | TripleIndex) -> list[MentionRow]:
    """One row per fz:Mention, sorted by report and offset."""
    return [MentionRow(*cells) for cells in mention_cells(graph)]


def mention_cells(graph: Graph | TripleIndex) -> list[MentionCells]:
    """The cells of :func:`mention_rows`, in its order: a build writes them as CSV
    without making a row object of each (a report has hundreds of mentions)."""
    data = _data(graph)
    rows = []
    # What many mentions share, worked out once: a report's town label, an entity's
    # type and label (a report names a town or a mechanism dozens of times).
    town_labels: dict[str | Lit | None, str] = {}
    entities: dict[str | Lit | None, tuple[str, str]] = {None: ("", "")}
    for mention in set(data.subjects_of(_T["Mention"])):
        props = data.props(mention)
        report = first_value(props, _P["inReport"])
        entity = first_value(props, _P["refersTo"])
        town_label = town_labels.get(report)
        if town_label is None:
            town = data.node(cast("str | None", report), _P["about"])
            town_label = town_labels[report] = data.label(town) if town is not None else ""
        described = entities.get(entity)
        if described is None:
            node = cast(str, entity)
            cls = _fz_type(data, node)
            described = entities[entity] = (
                _local(cls) if cls is not None else "",
                data.label(node),
            )
        section = first_value(props, _P["section"])
        rows.append(
            (
                mention,
                "" if report is None else text_of(report),
                town_label,
                "" if entity is None else text_of(entity),
                described[0],
                described[1],
                _local(cast(str, section)) if section is not None else "",
                first_text(props, _P["heading"]),
                first_text(props, _P["text"]),
                first_text(props, _P["sentence"]),
                int(first_text(props, _P["start"]) or 0),
                int(first_text(props, _P["end"]) or 0),
            )
        )
    # report, start, end, mention
    return sorted(rows, key=operator.itemgetter(1, 10, 11, 0))


def indicator_rows(graph: Graph | TripleIndex) -> list[IndicatorRow]:
    """One row per fz:Indicator, sorted by town, year and name."""
    return [IndicatorRow(*cells) for cells in indicator_cells(graph)]


def indicator_cells(graph: Graph | TripleIndex) -> list[IndicatorCells]:
    """The cells of :func:`indicator_rows`, in its order (see :func:`mention_cells`)."""
    data = _data(graph)
    rows = []
    for ind in set(data.subjects_of(_T["Indicator"])):
        report = data.node(ind, _P["reportedIn"])
        town = data.node(report, _P["about"])
        rows.append(
            (
                ind,
                "" if report is None else text_of(report),
                data.label(town) if town is not None else "",
                data.text(report, _P["year"]),
                data.text(ind, _P["indicatorName"]),
                data.text(ind, _P["qualifier"]),
                data.text(ind, _P["value"]),
                data.text(ind, _P["unit"]),
            )
        )
    # town label, year, name, value, indicator
    return sorted(rows, key=operator.itemgetter(2, 3, 4, 6, 0))


@dataclass(frozen=True)
class MatrixRow:
    """A town and, per mechanism column, 1 if it adopts the mechanism else 0."""

    town: str
    town_label: str
    province: str
    cells: tuple[int, ...]


def town_mechanism_matrix(graph: Graph | TripleIndex) -> tuple[tuple[str, ...], list[MatrixRow]]:
    """The town x mechanism matrix of fz:adopts.

    Returns
    -------
    tuple
        ``(mechanisms, rows)``: mechanism IRIs (the columns, by label) and one
        row per fz:Town, sorted by label.  Mechanisms no town adopts are left out.
    """
    data = _data(graph)
    adopts = str(FZ.adopts)
    adopted = {(s, m) for s in data.by_subject for m in data.nodes(s, adopts)}
    mechanisms = tuple(sorted({m for _, m in adopted}, key=lambda m: (data.label(m), m)))
    rows = []
    for town in set(data.subjects_of(_T["Town"])):
        cells = tuple(int((town, m) in adopted) for m in mechanisms)
        rows.append(
            MatrixRow(town, data.label(town), _places(data, town).get("province", ""), cells)
        )
    return mechanisms, sorted(rows, key=lambda r: (r.town_label, r.town))


# --- CSV -------------------------------------------------------------------------------------


def rows_csv(rows: Iterable[_Row], row_type: type[_Row]) -> str:
    """CSV of dataclass rows with the field names as header."""
    names = [f.name for f in fields(row_type)]
    # attrgetter, not dataclasses.astuple: astuple deep-copies every value, ten times slower.
    return csv_text(names, map(operator.attrgetter(*names), rows))


def rows_csv_lines(rows: Iterable[_Row], row_type: type[_Row]) -> Iterator[str]:
    """The text of :func:`rows_csv` a row at a time (:func:`csv_lines`)."""
    names = [f.name for f in fields(row_type)]
    return csv_lines(names, map(operator.attrgetter(*names), rows))


def csv_body(rows: Iterable[Sequence[object]]) -> str:
    """The lines :func:`csv_text` writes below its header, of rows of cells.

    A row the csv writer would write as its cells joined by commas (no cell
    quoted, none made safe, no None) is joined here: the writer's C code costs a
    few microseconds a row of long sentences, and a report has hundreds of mentions.

    Examples
    --------
    >>> rows = [["青禾镇", 3, "合法性审查"], ["a,b", -1, "=1+1"], ["", None, "x"]]
    >>> csv_body(rows) == csv_text(["h1", "h2", "h3"], rows).split("\\n", 1)[1]
    True
    """
    buffer = io.StringIO()
    plain: list[str] = []
    care: list[Sequence[object]] = []
    for row in rows:
        line = ",".join(map(str, row))
        if (
            len(row) < 2
            or None in row
            or line.count(",") != len(row) - 1
            or '"' in line
            or "\n" in line
            or "\r" in line
            or line[0] in FORMULA_START
            or _FORMULA_AFTER_COMMA.search(line)
        ):
            if plain:
                buffer.write("".join(plain))
                plain = []
            care.append(row)
            continue
        if care:
            _write_rows(buffer, care)
            care = []
        plain.append(line + "\n")
    buffer.write("".join(plain))
    _write_rows(buffer, care)
    return buffer.getvalue()


# A cell after the first starting as a formula would (made safe by :func:`spreadsheet_safe`).
_FORMULA_AFTER_COMMA = re.compile(f",[{re.escape(FORMULA_START)}]")


def csv_header(row_type: type[TableRow]) -> str:
    """The first line :func:`rows_csv` writes (BOM and header)."""
    return rows_csv((), row_type)


def reports_csv(graph: Graph | TripleIndex) -> str:
    return rows_csv(report_rows(graph), ReportRow)


def entities_csv(graph: Graph | TripleIndex) -> str:
    return rows_csv(entity_rows(graph), EntityRow)


def mentions_csv(graph: Graph | TripleIndex) -> str:
    return rows_csv(mention_rows(graph), MentionRow)


def indicators_csv(graph: Graph | TripleIndex) -> str:
    return rows_csv(indicator_rows(graph), IndicatorRow)


def town_mechanism_csv(graph: Graph | TripleIndex) -> str:
    """The matrix with mechanism labels (zh) as column headers, for pandas and Excel."""
    data = _data(graph)
    mechanisms, rows = town_mechanism_matrix(data)
    header = ["town", "town_label", "province"] + [data.label(m) for m in mechanisms]
    return csv_text(header, ([r.town, r.town_label, r.province, *r.cells] for r in rows))


# --- Gephi -----------------------------------------------------------------------------------

# Evidence and provenance nodes would swamp a network view: thousands of
# mentions, one per fact.  They stay in the RDF and CSV exports.
_NOT_IN_NETWORK = (str(FZ.Mention), str(FZ.SourceFile))
_CURIE = {ns: prefix for prefix, ns in PREFIXES.items()}


@functools.lru_cache(maxsize=1024)  # properties: a few dozen IRIs
def _curie(iri: str) -> str:
    namespace, _, local = iri.rpartition("#")
    prefix = _CURIE.get(namespace + "#")
    return f"{prefix}:{local}" if prefix else iri


@dataclass(frozen=True)
class NetworkPart:
    """Nodes and edges of :func:`property_graph` that one report (or a whole graph) gives.

    ``nodes`` are ``(iri, attributes)``, ``edges`` ``(source, target, key)``
    with the key the property's CURIE (``fz:adopts``).
    """

    nodes: tuple[tuple[str, dict[str, str]], ...]
    edges: tuple[tuple[str, str, str], ...]


def network_part(graph: Graph | TripleIndex) -> NetworkPart:
    """The instance data as property-graph nodes and edges (see :func:`property_graph`)."""
    data = _data(graph)
    hidden = {s for cls in _NOT_IN_NETWORK for s in data.subjects_of(cls)}

    def keep(node: str | Lit) -> TypeGuard[str]:
        return type(node) is str and node.startswith(ID_URI) and node not in hidden

    edges = []
    ends: dict[str, None] = {}
    for s, props in data.by_subject.items():
        if not keep(s):
            continue
        for p, values in props.items():
            if not p.startswith(FZ_URI):
                continue
            for o in values:
                if keep(o):
                    edges.append((s, o, _curie(p)))
                    ends[s] = ends[o] = None
    mechanism = _T["Mechanism"]
    for s, props in data.by_subject.items():
        if keep(s) and any(
            type(c) is str and c.startswith(FZ_URI) and c != mechanism
            for c in props.get(_P["type"], ())
        ):
            ends[s] = None
    nodes = []
    for node in ends:
        cls = _fz_type(data, node)
        attrs = {"label": data.label(node), "type": _local(cls) if cls is not None else ""}
        literals: dict[str, list[str]] = {}
        for p, values in data.props(node).items():
            if p.startswith(FZ_URI):
                for o in values:
                    if type(o) is Lit:
                        literals.setdefault(_local(p), []).append(o.value)
        attrs.update({k: v[0] for k, v in literals.items() if len(v) == 1})
        nodes.append((node, attrs))
    return NetworkPart(tuple(nodes), tuple(edges))


def property_graph(graph: Graph | TripleIndex) -> nx.MultiDiGraph:
    """The instance data as a property graph for Gephi.

    Edges are the triples whose property is an ``fz:`` term and whose two ends
    are resources under ``fzid:`` other than mentions and source files, keyed
    and labelled by the property (``fz:adopts``, ``fz:cites`` ...).  Nodes are
    their ends plus every other typed ``fz:`` instance; each has ``label``
    (zh), ``type`` (class local name) and its single-valued ``fz:`` literals
    (``year``, ``value`` ...).  Vocabulary concepts no report uses stay out.
    """
    part = network_part(graph)
    net = nx.MultiDiGraph()
    for node, attrs in part.nodes:
        net.add_node(node, **attrs)
    for s, o, key in part.edges:
        net.add_edge(s, o, key=key, predicate=key, label=key.split(":", 1)[-1])
    return net


@dataclass(frozen=True)
class NetworkText:
    """A :class:`NetworkPart` as GraphML and GEXF text, made where the report was extracted.

    Each node and edge is ``(key, graphml, gexf)``; the key is None for one
    that no other report can give (an end is minted from the report), else
    what :class:`NetworkFiles` deduplicates on.  The text may be encoded
    (UTF-8) where it was made: sent to a build's process as bytes, it is not
    encoded to be sent, decoded there and encoded again to be written.
    """

    nodes: tuple[tuple[str | None, str | Part, str | Part], ...]
    edges: tuple[tuple[str | None, str | Part, str | Part], ...]


def render_network(part: NetworkPart, graphml: bool = True, gexf: bool = True) -> NetworkText:
    """The GraphML and GEXF text of a part (see :class:`NetworkText`).

    Each IRI, key and value is escaped once for both formats, and a node's
    attributes are put in the declared order from its own few (not by asking
    each of the fifty declared names).
    """
    positions = _attribute_positions()
    # A report's edges meet on a few nodes (its town, its report): each IRI escaped once.
    escaped: dict[str, str] = {}

    def x(text: str) -> str:
        found = escaped.get(text)
        if found is None:
            found = escaped[text] = _x(text)
        return found

    nodes = []
    for node, attrs in part.nodes:
        # (position, escaped value) of each declared attribute, in the declared order
        cells = [(i, _x(value)) for k, value in attrs.items() for i in positions.get(k, ())]
        cells.sort()
        iri = _x(node)
        nodes.append(
            (
                None if node.startswith(REPORT_SCOPED) else node,
                _graphml_node(iri, cells) if graphml else "",
                _gexf_node(iri, _x(attrs.get("label", "")), cells) if gexf else "",
            )
        )
    edges = []
    for s, o, key in part.edges:
        ends = (x(s), x(o), *_key_texts(key))
        edges.append(
            (
                None
                if s.startswith(REPORT_SCOPED) or o.startswith(REPORT_SCOPED)
                else f"{s} {o} {key}",
                _graphml_edge(*ends) if graphml else "",
                _gexf_edge(*ends, _x(f"{s} {o} {key}")) if gexf else "",
            )
        )
    return NetworkText(tuple(nodes), tuple(edges))


@functools.lru_cache(maxsize=1024)  # properties: a few dozen CURIEs
def _key_texts(key: str) -> tuple[str, str]:
    """An edge's key (a property's CURIE) and label (its local name), escaped."""
    return _x(key), _x(key.split(":", 1)[-1])


class NetworkFiles:
    """graph.graphml and/or graph.gexf written part by part (each node and edge once).

    The attributes declared are ``label``, ``type`` and every ``fz:`` datatype
    property of the ontology; edges carry ``predicate`` and ``label``.
    """

    def __init__(
        self,
        graphml: IO[bytes] | None = None,
        gexf: IO[bytes] | None = None,
        edges_file: IO[bytes] | None = None,
        parts: SpoolReader | None = None,
    ) -> None:
        self.graphml, self.gexf, self.gexf_edges = graphml, gexf, edges_file
        self.parts = parts or SpoolReader()  # copies what a worker spooled of a part's text
        # The nodes and edges written, as 16-byte keys: they grow with the corpus.
        self.seen_nodes = KeySet()
        self.seen_edges = KeySet()
        if graphml is not None:
            graphml.write(_graphml_head(_attribute_names()).encode("utf-8"))
        if gexf is not None:
            gexf.write(_gexf_head(_attribute_names()).encode("utf-8"))

    def add(self, part: NetworkPart | NetworkText) -> None:
        """Write a part's nodes and edges not written yet (render it first where it was made)."""
        if isinstance(part, NetworkPart):
            part = render_network(part, self.graphml is not None, self.gexf is not None)
        gml: list[str | Part] = []
        gx: list[str | Part] = []
        gx_edges: list[str | Part] = []
        for _, graphml_text, gexf_text in _unseen(part.nodes, self.seen_nodes):
            gml.append(graphml_text)
            gx.append(gexf_text)
        for _, graphml_text, gexf_text in _unseen(part.edges, self.seen_edges):
            gml.append(graphml_text)
            gx_edges.append(gexf_text)
        if self.graphml is not None:
            self._write(self.graphml, gml)
        if self.gexf is not None:
            self._write(self.gexf, gx)
        if self.gexf is not None and gx_edges:
            assert self.gexf_edges is not None, "GEXF is written with an edges file"
            self._write(self.gexf_edges, gx_edges)

    def _write(self, file: IO[bytes], texts: list[str | Part]) -> None:
        """Write ``texts`` to ``file``: a run of text in one call, a spooled part copied."""
        run: list[str | bytes] = []
        for text in texts:
            if isinstance(text, Spooled):
                _write_texts(file, run)
                run = []
                self.parts.write(file, text)
            else:
                run.append(text)
        _write_texts(file, run)

    def finish(self) -> None:
        """Close the documents (GEXF: the edges, kept aside while nodes were written, follow)."""
        if self.graphml is not None:
            self.graphml.write(b"  </graph>\n</graphml>\n")
        if self.gexf is not None:
            self.gexf.write(b"    </nodes>\n    <edges>\n")
            assert self.gexf_edges is not None, "GEXF is written with an edges file"
            self.gexf_edges.flush()
            with open(self.gexf_edges.name, "rb") as edges:
                while chunk := edges.read(1 << 20):
                    self.gexf.write(chunk)
            self.gexf.write(b"    </edges>\n  </graph>\n</gexf>\n")


def _write_texts(file: IO[bytes], texts: list[str | bytes]) -> None:
    """Write ``texts`` (text or its UTF-8 bytes) to ``file``, in one call."""
    if texts:
        file.write(b"".join(t if type(t) is bytes else str(t).encode("utf-8") for t in texts))


def _unseen(
    items: tuple[tuple[str | None, str | Part, str | Part], ...], seen: KeySet
) -> Iterator[tuple[str | None, str | Part, str | Part]]:
    """The items not written yet (one without a key is never written by another report)."""
    new = iter(seen.first([seen_key(key) for key, _, _ in items if key is not None]))
    return (item for item in items if item[0] is None or next(new))


@functools.cache
def _attribute_names() -> tuple[str, ...]:
    return ("label", "type", *_datatype_properties())


@functools.cache
def _attribute_positions() -> dict[str, tuple[int, ...]]:
    """Where each declared node attribute comes in :func:`_attribute_names` (its key number)."""
    positions: dict[str, tuple[int, ...]] = {}
    for i, name in enumerate(_attribute_names()):
        positions[name] = (*positions.get(name, ()), i)
    return positions


@functools.cache
def _datatype_properties() -> tuple[str, ...]:
    base = base_index()
    return tuple(
        sorted(
            _local(p)
            for p in base.subjects_of("http://www.w3.org/2002/07/owl#DatatypeProperty")
            if p.startswith(FZ_URI)
        )
    )


def _x(text: str) -> str:
    if not _XML_SPECIAL.search(text):
        return text  # most IRIs and labels: nothing to escape
    return xml_escape(_XML_BAD.sub("\ufffd", text), {'"': "&quot;"})


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def _graphml_head(names: Iterable[str]) -> str:
    keys = "".join(
        f'  <key id="n{i}" for="node" attr.name="{name}" attr.type="string" />\n'
        for i, name in enumerate(names)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        + keys
        + '  <key id="e0" for="edge" attr.name="predicate" attr.type="string" />\n'
        '  <key id="e1" for="edge" attr.name="label" attr.type="string" />\n'
        '  <graph edgedefault="directed">\n'
    )


def _graphml_node(iri: str, cells: Iterable[tuple[int, str]]) -> str:
    """A GraphML node of an escaped IRI and its (key number, escaped value) cells."""
    data = "".join(f'      <data key="n{i}">{value}</data>\n' for i, value in cells)
    return f'    <node id="{iri}">\n{data}    </node>\n'


def _graphml_edge(s: str, o: str, key: str, label: str) -> str:
    """A GraphML edge of escaped ends, key (the property's CURIE) and label."""
    return (
        f'    <edge source="{s}" target="{o}" id="{key}">\n'
        f'      <data key="e0">{key}</data>\n'
        f'      <data key="e1">{label}</data>\n    </edge>\n'
    )


def _gexf_head(names: Iterable[str]) -> str:
    attributes = "".join(
        f'      <attribute id="{i}" title="{name}" type="string" />\n'
        for i, name in enumerate(names)
        if name != "label"
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
        '  <graph defaultedgetype="directed" mode="static" name="">\n'
        '    <attributes mode="static" class="edge">\n'
        '      <attribute id="e0" title="predicate" type="string" />\n'
        "    </attributes>\n"
        '    <attributes mode="static" class="node">\n' + attributes + "    </attributes>\n"
        "    <nodes>\n"
    )


def _gexf_node(iri: str, label: str, cells: Iterable[tuple[int, str]]) -> str:
    """A GEXF node of an escaped IRI and label and its (attribute number, escaped value)
    cells (the label, number 0, is the node's own attribute)."""
    values = "".join(
        f'          <attvalue for="{i}" value="{value}" />\n' for i, value in cells if i
    )
    return (
        f'      <node id="{iri}" label="{label}">\n'
        f"        <attvalues>\n{values}        </attvalues>\n      </node>\n"
    )


def _gexf_edge(s: str, o: str, key: str, label: str, edge_id: str) -> str:
    """A GEXF edge of escaped ends, key, label and id."""
    return (
        f'      <edge source="{s}" target="{o}" id="{edge_id}" '
        f'label="{label}">\n'
        f'        <attvalues>\n          <attvalue for="e0" value="{key}" />\n'
        "        </attvalues>\n      </edge>\n"
    )


def _network_text(graph: Graph | TripleIndex, fmt: str) -> str:
    buffer, edges = io.BytesIO(), tempfile.NamedTemporaryFile()
    with edges:
        files = NetworkFiles(
            graphml=buffer if fmt == "graphml" else None,
            gexf=buffer if fmt == "gexf" else None,
            edges_file=edges,
        )
        part = network_part(graph)
        files.add(NetworkPart(tuple(sorted(part.nodes)), tuple(sorted(part.edges))))
        files.finish()
    return buffer.getvalue().decode("utf-8")


def graphml(graph: Graph | TripleIndex) -> str:
    """GraphML of :func:`property_graph` (Gephi, yEd, Cytoscape, networkx)."""
    return _network_text(graph, "graphml")


def gexf(graph: Graph | TripleIndex) -> str:
    """GEXF 1.2 of :func:`property_graph` (Gephi's own format)."""
    return _network_text(graph, "gexf")


__all__ = [
    "TableRow",
    "ReportRow",
    "EntityRow",
    "EntityTable",
    "MentionRow",
    "IndicatorRow",
    "MatrixRow",
    "NetworkFiles",
    "NetworkPart",
    "NetworkText",
    "render_network",
    "report_rows",
    "entity_rows",
    "mention_rows",
    "mention_cells",
    "indicator_rows",
    "indicator_cells",
    "network_part",
    "town_mechanism_matrix",
    "rows_csv",
    "csv_body",
    "csv_header",
    "csv_lines",
    "rows_csv_lines",
    "reports_csv",
    "entities_csv",
    "mentions_csv",
    "indicators_csv",
    "town_mechanism_csv",
    "property_graph",
    "graphml",
    "gexf",
]
