"""The whole pipeline: report files in; graph, analyses and output files out.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "r.txt").write_text("浙江省松阳县青禾镇人民政府\\n青禾镇2023年法治政府建设情况报告\\n"
...                               "一、主要举措\\n全面落实合法性审查。", "utf-8")
>>> result = build([d])
>>> len(result.reports), [p.category for p in result.problems]
(1, [])
>>> result.reports[0].place.county
'松阳县'
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import pickle
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar, cast

from rdflib import Graph, URIRef

from kg import ontology
from kg.analysis.cooccurrence import (
    PairRow,
    cooccurrence,
    facts_index,
    is_town_fact,
    pair_rows,
    pair_test_table,
    town_facts_of,
)
from kg.analysis.facts import TownFacts
from kg.analysis.profile import ProfileRecord, profile_record
from kg.errors import FazhiError, InputError, UsageError
from kg.files import AtomicFile
from kg.graph.index import TripleIndex, base_index
from kg.graph.nquads import report_nquads
from kg.graph.stream import Fragment, GraphCounts, GraphFiles, KeySet, fragment_of, split_own
from kg.graph.terms import Triple, ntriples, rdflib_triple, render, shared_rdflib_triple
from kg.graph.triples import BASE_FILES, base_graph, report_triples
from kg.graph.validate import Checker, ValidationReport, Violation, check_report
from kg.ingest.addresses import read_address_table
from kg.ingest.inputs import collect_inputs, no_report_read
from kg.model import ExtractedReport, Problem
from kg.namespaces import ID
from kg.output import tables
from kg.output.cooccurrence import pairs_csv_lines, render_cooccurrence_html
from kg.output.heatmap import cjk_font, heatmap_png
from kg.output.html import load_layout, render_html
from kg.output.outset import OutputSet
from kg.output.rdf import ANALYSES_GRAPH, JsonLdFile, TrigFile, fragment_trig, node_objects
from kg.output.research_build import (  # research analyses (issue 16)
    RESEARCH_OUTPUTS,
    ReportProfile,
    ResearchOutputs,
    report_profile,
)
from kg.output.site import SiteData, write_site
from kg.output.tables import (
    EntityRow,
    EntityTable,
    IndicatorRow,
    MentionRow,
    NetworkFiles,
    NetworkText,
    ReportRow,
    TableRow,
    csv_body,
    csv_header,
    jsonl_text,
)
from kg.output.views import (
    ViewData,
    ViewPart,
    knowledge_view,
    overview_note,
    town_mechanism_view,
    view_part,
)
from kg.query.answers import write_answers
from kg.query.store import OxigraphStore
from kg.run.engines import ExtractOptions, beside, extract_files, extract_rendered
from kg.run.report import extract_report, not_a_report, report_problems
from kg.run.spool import Part, Spool, Spooled, SpoolReader, part_length

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BuildResult",
    "DEFAULT_FORMATS",
    "FORMAT_GROUPS",
    "OUTPUTS",
    "Problem",
    "build",
    "collect_inputs",
    "expand_formats",
    "extract_all",
    "extract_report",
    "write_outputs",
]

#: Output files a build can write, by the name ``formats`` uses.
OUTPUTS = {
    "ttl": "graph.ttl",
    "html": "graph.html",
    "bipartite": "town_mechanism.html",
    "cooccurrence": "cooccurrence.csv",
    "network": "cooccurrence.html",
    "heatmap": "cooccurrence.png",
    "problems": "problems.jsonl",
    "summary": "summary.json",
    "facts": "town_facts.nt",
    # Exports for other tools (kg/export.py, kg/tables.py).
    "trig": "graph.trig",
    "nt": "graph.nt",
    "jsonld": "graph.jsonld",
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "reports": "reports.csv",
    "entities": "entities.csv",
    "mentions": "mentions.csv",
    "indicators": "indicators.csv",
    "matrix": "town_mechanism.csv",
    # The explorer, static pages that open from disk (kg/output/site/).
    "site": "site",
}
OUTPUTS.update(RESEARCH_OUTPUTS)  # research analyses: kg/output/research_build.py

#: Names that stand for several outputs in ``formats`` (``--formats rdf,tables``).
FORMAT_GROUPS = {
    "all": tuple(OUTPUTS),
    "rdf": ("ttl", "trig", "nt", "jsonld"),
    "gephi": ("graphml", "gexf"),
    "tables": ("reports", "entities", "mentions", "indicators", "matrix"),
    "research": tuple(RESEARCH_OUTPUTS),
}

#: What a build writes when ``formats`` is not given: every output (the group, so the static
#: site follows :data:`SITE_REPORTS`).
DEFAULT_FORMATS = ("all",)

#: Above this many reports the static site is written only when ``formats`` names ``site``
#: itself (not through ``all``): it loads the whole graph into a store and writes a page per
#: unit, mechanism, report and entity (300 reports: 16 s and 0.65 GiB more than the rest of
#: the build), and ``kg serve`` shows the same pages from the graph.
SITE_REPORTS = 100

#: The main process of a build freezes what it has kept (:func:`gc.freeze`) after every so
#: many reports: the town facts, view facts, entity rows and seen sets grow with the corpus,
#: and every full collection walked all of them again (2.4 s of the main process's 14 s
#: CPU at 300 reports, BENCHMARKS.md "Default build against the baseline").
FREEZE_EVERY = 50

#: The collector's thresholds while a build runs (:func:`gc.set_threshold`; Python's are
#: 700, 10, 10). A build allocates millions of short-lived rows, strings and tuples and makes
#: almost no cycles, so a young collection every 700 allocations mostly walks live objects:
#: on 10 reports the build took about 0.5 of 6 s of CPU less this way (BENCHMARKS.md, "Small
#: builds and the collector"). The thresholds are given back when the build ends.
BUILD_GC_THRESHOLDS = (10_000, 10, 10)

_T = TypeVar("_T")

#: The hidden file of a build's folder holding :func:`pair_test_table` of each stance.
PAIR_TESTS = ".pair_tests.json"
PAIR_STANCES = ("adopted", "planned", "problem", "any")

#: Outputs made from what the reports gave alone (the town facts, the entity and report rows):
#: a streaming build writes them in a forked process while it runs the corpus analyses.
EARLY_OUTPUTS = ("cooccurrence", "network", "heatmap", "entities", "reports", "matrix")

#: The views' pages: drawn in a forked process once the graph files are finished (the note of
#: what a page leaves out counts their nodes), while the build writes the rest.
DRAWN_PAGES = ("html", "bipartite")

#: Outputs written report by report into the staged output folder, by format.
STREAMED_FILES = (
    "ttl",
    "nt",
    "facts",
    "trig",
    "jsonld",
    "graphml",
    "gexf",
    "mentions",
    "indicators",
)


def expand_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """Output names with groups (all, rdf, gephi, tables) expanded, in :data:`OUTPUTS` order.

    Raises
    ------
    UsageError
        A name that is neither an output nor a group.
    """
    wanted: set[str] = set()
    for name in formats:
        wanted.update(FORMAT_GROUPS.get(name, (name,)))
    unknown = sorted(wanted - set(OUTPUTS))
    if unknown:
        raise UsageError(
            f"unknown output format(s) {', '.join(unknown)}: choose from "
            f"{', '.join(OUTPUTS)} or the groups {', '.join(FORMAT_GROUPS)}"
        )
    return tuple(name for name in OUTPUTS if name in wanted)


@dataclass
class BuildResult:
    """What a build produced: the reports, the graph, analyses, problems, files.

    ``facts`` is the whole graph when the build kept it in memory, else the town
    facts the analyses read (:class:`~kg.analysis.facts.TownFacts`, compact rows);
    :attr:`graph` is an rdflib graph either way.
    """

    reports: tuple[ExtractedReport, ...]
    facts: Graph | TownFacts
    problems: tuple[Problem, ...]
    validation: ValidationReport | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    counts: GraphCounts | None = None
    streamed: bool = False

    @functools.cached_property
    def graph(self) -> Graph:
        """The whole graph (kept in memory), or the town facts with the ontology as an rdflib
        graph (made on first use)."""
        return self.facts if isinstance(self.facts, Graph) else self.facts.graph()

    @functools.cached_property
    def pairs(self) -> list[PairRow]:
        """The mechanism pairs (adopted) and their statistics (:func:`cooccurrence`), made on
        first use: a build writes cooccurrence.csv row by row without holding them."""
        return cooccurrence(self.index)

    @functools.cached_property
    def index(self) -> TripleIndex:
        """The triples the analyses read, indexed once (:func:`kg.analysis.cooccurrence.facts_index`)."""
        return facts_index(self.facts)

    def summary(self) -> dict[str, Any]:
        """Counts a person reads after a build: reports, entities and triples per type."""
        counts = self.counts
        if counts is None:  # a result made by hand from a graph
            counts = GraphCounts(len(self.reports))
            counts.add((str(s), str(p), str(o)) for s, p, o in self.graph)
        return {
            "reports": counts.reports,
            "triples": counts.triples,
            "entities": _by_local_name(counts.types),
            "triples_by_predicate": _by_local_name(counts.predicates),
            "problems": dict(sorted(Counter(p.category for p in self.problems).items())),
            "shacl_violations": (
                sum(v.severity == "Violation" for v in self.validation.violations)
                if self.validation
                else None
            ),
        }


def _by_local_name(counts: Counter[str]) -> dict[str, int]:
    named: Counter[str] = Counter()
    for iri, n in counts.items():
        named[iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]] += n
    return dict(sorted(named.items()))


def extract_all(
    files: Sequence[Path],
    progress: Callable[[int, int, Path], None] | None = None,
    *,
    options: ExtractOptions | None = None,
) -> Iterator[tuple[Path, ExtractedReport | FazhiError]]:
    """Extract each file in order, yielding the report or the error that stopped it.

    ``options`` chooses serial or ``jobs`` processes, the cache and the engine
    (local or Spark); see :class:`kg.run.engines.ExtractOptions`.
    """
    yield from extract_files(files, progress, options)


#: ``(path, place, year)`` of a report: the place as (kind, province, city, county, name).
VersionKey = tuple[str, tuple[str | None, ...], int]


@dataclass(frozen=True)
class ReportOutput:
    """What a build keeps of one extracted report, made where the report was extracted.

    ``rejected`` says why the file is not a rule-of-law report (None if it is);
    ``problems`` are its partial-extraction warnings; ``version_key`` is its
    ``(path, place, year)`` if it names both; ``fragment`` its graph triples.
    The rest are its parts of the other outputs, each made only when asked
    for: TriG text, JSON-LD node objects of its own nodes, CSV lines, entity
    rows, network nodes and edges, view facts and the SHACL results of its
    own nodes, and the research profile.  Made in a worker process for a
    build that writes files, the bytes of the graph text, TriG, JSON-LD, CSV
    lines, town facts and profile line wait in the worker's spool file
    (:mod:`kg.run.spool`): what comes here says where they are.
    """

    sha256: str
    rejected: str | None
    problems: tuple[Problem, ...]
    version_key: VersionKey | None
    fragment: Fragment
    trig: Part = b""
    jsonld: Part = b""  # the report's node objects, joined
    csv: dict[str, Part] = field(default_factory=dict)
    entities: tuple[EntityRow, ...] = ()
    reports: tuple[ReportRow, ...] = ()
    facts: Part = b""
    network: NetworkText | None = None
    view: ViewPart | None = None
    violations: tuple[Violation, ...] = ()
    profile: ReportProfile | ProfileRecord | None = None  # research analyses


#: Tables appended report by report (each report's rows sorted); reports.csv and
#: entities.csv are sorted whole at the end (a row per report, per entity).
_ROW_TABLES: dict[
    str, tuple[Callable[[TripleIndex], Sequence[Sequence[object]]], type[TableRow]]
] = {
    "mentions": (tables.mention_cells, MentionRow),
    "indicators": (tables.indicator_cells, IndicatorRow),
}


def report_output(
    report: ExtractedReport,
    formats: tuple[str, ...] = (),
    keep: Callable[[Triple], bool] | None = None,
    validate_graph: bool = False,
    spool: Spool | None = None,
    overview: Path | None = None,
) -> ReportOutput:
    """The :class:`ReportOutput` of one report (a build runs this in the workers).

    With a ``spool``, a worker process writes the output's bytes there (see
    :class:`ReportOutput`).  Once the file ``overview`` exists, the views are an
    overview and the report's view part holds only what that reads
    (:func:`~kg.output.views.view_part`).
    """
    triples = report_triples(report)
    wanted = set(formats)
    rendered = tuple(f for f in ("nt", "ttl") if f in wanted or f == "ttl" and "trig" in wanted)
    # town_facts.nt holds every town fact (is_town_fact) and more, in the triples' order
    facts = town_facts_of(triples) if "facts" in wanted else None
    split = split_own(triples)
    own = split[0]
    fragment = fragment_of(triples, rendered, keep, facts if keep is is_town_fact else None, split)
    needs_index = wanted & {
        "reports",
        "mentions",
        "indicators",
        "entities",
        "graphml",
        "gexf",
        "html",
        "bipartite",
    }
    data = TripleIndex(triples, fallback=base_index()) if needs_index or validate_graph else None

    def index() -> TripleIndex:
        assert data is not None, "made above for every output that reads it"
        return data

    network = None
    if wanted & {"graphml", "gexf"}:
        part = tables.network_part(index())
        network = _joined(tables.render_network(part, "graphml" in wanted, "gexf" in wanted))
    own_subjects = list(dict.fromkeys([t[0] for t in own]))
    output = ReportOutput(
        report.document.source.sha256,
        not_a_report(report),
        tuple(report_problems(report)),
        _version_key(report),
        fragment,
        trig=_trig(report, fragment, formats) if "trig" in wanted else b"",
        jsonld=node_objects(own) if "jsonld" in wanted else b"",
        csv={
            name: csv_body(cells(index())).encode("utf-8")
            for name, (cells, _) in _ROW_TABLES.items()
            if name in wanted
        },
        entities=tuple(tables.entity_rows(index())) if "entities" in wanted else (),
        reports=tuple(tables.report_rows(index())) if "reports" in wanted else (),
        facts=render(facts, ("nt",))["nt"] if facts is not None else b"",
        network=network,
        view=view_part(index(), overview is not None and overview.exists())
        if wanted & {"html", "bipartite"}
        else None,
        violations=tuple(check_report(triples, own_subjects, data)) if validate_graph else (),
        # a written build appends the profile as made here (see ProfileRecord)
        profile=profile_record(report_profile(report))
        if spool is not None
        else report_profile(report),
    )
    return _spooled(output, spool) if spool is not None else output


def _spooled(output: ReportOutput, spool: Spool) -> ReportOutput:
    """``output`` with its bytes in the spool (in a worker; as it is in the build's process)."""
    texts, tables = sorted(output.fragment.text), sorted(output.csv)
    parts = [output.fragment.text[f] for f in texts] + [output.csv[n] for n in tables]
    profile = output.profile
    assert isinstance(profile, ProfileRecord), "report_output makes a record to spool"
    # the report's own nodes and edges, the last item of each when it has any (_joined)
    network = output.network
    own = (
        [items[-1] for items in (network.nodes, network.edges) if items and items[-1][0] is None]
        if network is not None
        else []
    )
    parts += [_encoded(text) for _, graphml, gexf in own for text in (graphml, gexf)]
    head, table, trig, jsonld, facts, *where = spool.put(
        [profile.head, profile.table, output.trig, output.jsonld, output.facts, *parts]
    )
    fragment = dataclasses.replace(output.fragment, text=dict(zip(texts, where)))
    if network is not None and own:
        spooled = iter(where[len(texts) + len(tables) :])
        network = NetworkText(
            *(
                (*items[:-1], (None, next(spooled), next(spooled)))
                if items and items[-1][0] is None
                else items
                for items in (network.nodes, network.edges)
            )
        )
    return dataclasses.replace(
        output,
        fragment=fragment,
        trig=trig,
        jsonld=jsonld,
        facts=facts,
        csv=dict(zip(tables, where[len(texts) : len(texts) + len(tables)])),
        network=network,
        profile=ProfileRecord(head, table, profile.rows),
    )


def _joined(network: NetworkText) -> NetworkText:
    """The same network text with the nodes (edges) no other report can give joined into
    one item after the keyed ones, encoded: :class:`~kg.output.tables.NetworkFiles` writes
    them as one part, which a worker spools (:func:`_spooled`), instead of hundreds of
    strings to send, walk, decode and encode again."""

    def grouped(
        items: tuple[tuple[str | None, str | Part, str | Part], ...],
    ) -> tuple[tuple[str | None, str | Part, str | Part], ...]:
        keyed: list[tuple[str | None, str | Part, str | Part]] = [
            (key, _utf8((a,)), _utf8((b,))) for key, a, b in items if key is not None
        ]
        own = [(a, b) for key, a, b in items if key is None]
        if own:
            keyed.append((None, _utf8(a for a, _ in own), _utf8(b for _, b in own)))
        return tuple(keyed)

    return NetworkText(grouped(network.nodes), grouped(network.edges))


def _utf8(texts: Iterable[str | Part]) -> bytes:
    """The texts (as :func:`~kg.output.tables.render_network` gives them) joined, in UTF-8."""
    return "".join(_text(t) for t in texts).encode("utf-8")


def _text(text: str | Part) -> str:
    assert not isinstance(text, Spooled), "network text is spooled after it is joined"
    return text.decode("utf-8") if isinstance(text, bytes) else text


def _encoded(text: str | Part) -> bytes:
    assert isinstance(text, bytes), "_joined encodes the network text"
    return text


def _trig(report: ExtractedReport, fragment: Fragment, formats: tuple[str, ...]) -> bytes:
    """The report's named graph: its own triples as rendered for graph.ttl, then the shared."""
    name = str(ID[f"report/{report.document.report_id}"])
    shared = render(list(fragment.shared), ("ttl",))["ttl"]
    own = fragment.text["ttl"]
    assert isinstance(own, bytes), "a fragment is spooled after the TriG is made"
    return b"<%s> {\n%s%s}\n\n" % (name.encode("utf-8"), own, shared)


def _version_key(report: ExtractedReport) -> VersionKey | None:
    """``(path, place, year)`` of a report whose unit is identified and year known, for
    :func:`_version_problems`; two towns of one name the text leaves apart are no versions."""
    doc, place = report.document, report.place
    if place is None or not place.identified or doc.year is None:
        return None
    where = (place.kind.value, place.province, place.city, place.county, place.key_name)
    return doc.source.path, where, doc.year


def _version_problems(keys: Iterable[VersionKey]) -> list[Problem]:
    """Flag reports that share a town and year: versions, kept apart and both in the graph."""
    groups: dict[tuple[tuple[str | None, ...], int], list[str]] = {}
    for path, where, year in keys:
        groups.setdefault((where, year), []).append(path)
    found = []
    for (where, year), paths in sorted(groups.items(), key=lambda kv: sorted(kv[1])):
        if len(paths) < 2:
            continue
        for path in sorted(paths):
            others = ", ".join(p for p in sorted(paths) if p != path)
            found.append(
                Problem(
                    path,
                    "warning",
                    f"another version of the {where[-1]} {year} "
                    f"report: {others} (kept as separate reports)",
                )
            )
    return found


def build(
    paths: Sequence[str | Path],
    out_dir: str | Path | None = None,
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    validate_graph: bool = True,
    strict: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
    extraction: ExtractOptions | None = None,
    in_memory: bool | None = None,
    addresses: str | Path | None = None,
) -> BuildResult:
    """Build the knowledge graph from report files and folders.

    Every build streams: each report's triples and its part of every output
    are made where the report was extracted (a worker with ``jobs`` > 1) and
    appended to the output files, so memory grows only with what several
    reports share (towns, laws, the town facts of the co-occurrence outputs).
    The files are written into a new folder inside ``out_dir`` and switched
    in at the end in one step (:class:`kg.output.outset.OutputSet`): an
    interrupted build leaves the previous build's outputs, all of them.

    Parameters
    ----------
    paths : sequence of str or Path
        Report files (.txt, .html) and folders searched recursively.
    out_dir : str or Path, optional
        Where to write the outputs; nothing is written when omitted.
    formats : iterable of str
        Which outputs to write, keys of :data:`OUTPUTS`.
    validate_graph : bool
        Check the graph against the SHACL shapes (report by report).
    strict : bool
        Stop at the first file that cannot be read instead of going on.
    progress : callable, optional
        Called as ``progress(i, n, path)`` before each file.
    extraction : kg.run.engines.ExtractOptions, optional
        Processes, cache and engine for extraction (default: serial, no cache).
    in_memory : bool, optional
        Also keep the reports and the whole graph in ``result.reports`` and
        ``result.graph`` (for notebooks; slow and large on big corpora).
        By default only when nothing is written (``out_dir`` omitted); else
        the build keeps the town facts alone, as compact rows (``result.facts``),
        and ``result.graph`` makes an rdflib graph of them when first read.
    addresses : str or Path, optional
        A table of the web page each report was saved from
        (:mod:`kg.ingest.addresses`): a page's address places a same-name town
        its text leaves open.  Rows it cannot use are ``warning`` problems.

    Returns
    -------
    BuildResult
    """
    formats = tuple(formats)
    site_asked = "site" in formats  # by name, not through a group: written at any size
    formats = expand_formats(formats)
    # the output folder is not read, nor the address table beside the reports
    excluded = [p for p in (out_dir, addresses) if p is not None]
    files, problems = collect_inputs(paths, exclude=excluded)
    if strict:
        _fail_fast(problems)
    if not files:
        raise no_report_read(paths, problems)
    if addresses is not None:
        saved_from, unused = read_address_table(addresses).for_files(files)
        problems.extend(unused)
        extraction = dataclasses.replace(extraction or ExtractOptions(), addresses=saved_from)
    keep_all = out_dir is None if in_memory is None else in_memory
    written = formats if out_dir is not None else ()
    reports: list[ExtractedReport] = []
    versions: list[VersionKey] = []
    seen: dict[str, str] = {}
    # Kept in memory: the whole graph; streamed: the town facts the analyses read, as rows.
    graph = base_graph() if keep_all else None
    facts = TownFacts()
    terms: dict[URIRef, URIRef] = {}  # the graph's subjects and objects, each kept once
    render = functools.partial(
        report_output,
        formats=written,
        keep=_every_triple if keep_all else is_town_fact,
        validate_graph=validate_graph,
    )
    if extraction is not None and extraction.shards_dir is not None and extraction.shard is None:
        extraction = dataclasses.replace(extraction, shard=report_nquads)
    with (
        OutputSet(out_dir if written else None) as outset,
        contextlib.ExitStack() as stack,  # closed before the output set: the workers stop first
        ResearchOutputs(outset.stage) as research,  # keeps the profiles in memory with no files
    ):
        sinks = _Sinks(outset, written)
        # the shared nodes' triples wait in the staged folder (in memory with no files)
        checker = Checker(outset.stage) if validate_graph else None
        stack.callback(sinks.parts.close)
        stack.callback(gc.unfreeze)  # gives back what the loop below froze
        stack.callback(gc.set_threshold, *gc.get_threshold())
        gc.set_threshold(*BUILD_GC_THRESHOLDS)  # the workers forked below inherit them
        if outset.stage is not None:  # a worker's bytes wait in its spool file (kg/run/spool.py)
            render = functools.partial(render, spool=Spool(outset.stage), overview=sinks.overview)
        outcomes = stack.enter_context(
            contextlib.closing(
                extract_rendered(files, progress, extraction, render, reports=keep_all)
            )
        )
        # What the heat map and the pages draw with is imported while the reports come in,
        # once the workers are forked (a fork copies no thread): not at the end, in each copy.
        drawing_libraries: _Loading[None] | None = None
        for i, (path, outcome, output) in enumerate(outcomes, 1):
            if i == 1 and {"heatmap", *DRAWN_PAGES} & set(written):
                drawing_libraries = _Loading(load_layout, "drawing-libraries")
            if i % FREEZE_EVERY == 0:
                gc.freeze()
            found = _classify(path, outcome, output, seen)
            if strict:
                _fail_fast(found)
            problems.extend(found)
            if output is None or any(p.category == "skipped" for p in found):
                continue
            seen[output.sha256] = str(path)
            if output.version_key:
                versions.append(output.version_key)
            shared = sinks.add(output)
            if checker is not None:
                checker.add(output.violations, shared)
            research.add(output.profile, sinks.parts)
            if graph is None:
                facts.add(output.fragment.kept)
            else:
                for triple in output.fragment.kept:
                    graph.add(shared_rdflib_triple(triple, terms))
            if keep_all:
                assert isinstance(outcome, ExtractedReport), "what was rendered is a report"
                reports.append(outcome)
        if drawing_libraries is not None:
            drawing_libraries.result()  # before any fork
        if not seen:
            raise no_report_read(paths, problems)
        problems.extend(_version_problems(versions))
        formats, unavailable = _drawable(written)
        problems.extend(unavailable)
        if (
            out_dir is not None
            and "site" in formats
            and len(seen) > SITE_REPORTS
            and not site_asked
        ):
            problems.append(_site_not_written(out_dir, len(seen)))
            formats = tuple(f for f in formats if f != "site")
        # Streamed, the town facts are all the analyses read (the research analyses' triples
        # are no town facts), so the pairs and what is written from the reports alone need
        # not wait.
        ahead = BuildResult((), facts, ())
        early = tuple(f for f in formats if f in EARLY_OUTPUTS) if graph is None else ()
        rest = tuple(
            f
            for f in formats
            if f not in STREAMED_FILES and f not in RESEARCH_OUTPUTS and f not in early
        )
        # the views' pages, drawn beside from when the graph files are finished to the commit
        with contextlib.ExitStack() as drawing:
            with (
                beside(functools.partial(write_outputs, ahead, outset, early, sinks))
                if early
                else contextlib.nullcontext()
            ):
                # the network files take no analysis triple: done while the analyses' copy runs
                sinks.finish_network()
                # research analyses: their triples join the graph files, the checker (and the
                # graph)
                research.finish(
                    written,
                    functools.partial(_add_analyses, sinks, checker, graph),
                    # streamed, each report's own analysis triples are rendered beside
                    _Apart(sinks, checker) if graph is None and outset.stage is not None else None,
                )
                validation = checker.report() if checker is not None else None
                checker = None  # the shared nodes' triples: not needed by what follows
                sinks.finish()
                result = BuildResult(
                    tuple(reports),
                    facts if graph is None else graph,
                    tuple(problems),
                    validation,
                    counts=sinks.graph_files.counts,
                    streamed=not keep_all,
                )
                drawn = (
                    tuple(f for f in rest if f in DRAWN_PAGES) if outset.stage is not None else ()
                )
                if drawn:  # forked before the site's store loads: a fork copies no thread
                    drawing.enter_context(
                        beside(functools.partial(write_outputs, result, outset, drawn, sinks))
                    )
                # The site's store loads from the finished graph file while the rest is written
                # (Oxigraph loads without holding the GIL): a second of a hundred reports' build.
                site_store = (
                    _Loading(functools.partial(OxigraphStore.from_path, outset.stage), "site-store")
                    if "site" in formats and graph is None and outset.stage is not None
                    else None
                )
                if outset.stage is not None and sinks.graph_files.targets:
                    # the whole-corpus named queries' rows, for `kg query --name`
                    # (kg/query/answers.py)
                    write_answers(
                        outset.open,
                        facts if graph is None else graph,
                        sinks.graph_files.targets.values(),
                    )
                # the problems and summary, and the pages of a build written nowhere
                pages = tuple(f for f in rest if f != "site" and f not in drawn)
                produced = set(write_outputs(result, outset, pages, sinks) if pages else ())
                produced.update(drawn)
            if written:
                assert out_dir is not None, "files are written only to an output folder"
                produced.update(f for f in written if f in STREAMED_FILES or f in early)
                produced.update(research.write(formats))
                if "site" in formats:  # it reads the graph files and the tables written above
                    whole = result.graph if keep_all else None
                    assert outset.stage is not None  # files are written
                    data = SiteData(site_store.result(), outset.stage) if site_store else None
                    write_site(
                        outset.stage,
                        data,
                        sources=files,
                        graph=whole,
                        sources_base=Path(out_dir),
                        views_drawn=[OUTPUTS[f] for f in drawn],  # still being drawn beside
                    )
                    produced.add("site")
                drawing.close()  # the pages drawn beside are written
                outset.commit()
                result.outputs = {
                    name: Path(out_dir) / OUTPUTS[name] for name in OUTPUTS if name in produced
                }
    return result


class _Loading(Generic[_T]):
    """``make()`` run in a thread of its own; :meth:`result` waits for it and gives what it
    returned, or raises what it raised."""

    def __init__(self, make: Callable[[], _T], name: str) -> None:
        self.value: _T | None = None
        self.error: BaseException | None = None

        def run() -> None:
            try:
                self.value = make()
            except BaseException as exc:  # noqa: BLE001 (raised again in result)
                self.error = exc

        # a daemon: a build stopped by an error does not wait for it
        self.thread = threading.Thread(target=run, name=f"fazhi-kg-{name}", daemon=True)
        self.thread.start()

    def result(self) -> _T:
        self.thread.join()  # before any fork: a fork copies this thread alone
        if self.error is not None:
            raise self.error
        return cast(_T, self.value)


def _every_triple(triple: Triple) -> bool:
    return True


def _add_analyses(
    sinks: _Sinks, checker: Checker | None, graph: Graph | None, triples: list[Triple]
) -> None:
    """Send a chunk of the research analyses' triples where a report's triples go."""
    shared = sinks.add_triples(triples)
    if checker is not None:
        checker.add((), shared)
    if graph is not None:
        for triple in triples:
            graph.add(rdflib_triple(triple))


class _Apart:
    """Each report's figures as analysis triples, rendered by the research tables' forked copy
    into scratch files (:meth:`writing`) and appended by the build's process (:meth:`append`),
    which meanwhile renders the rest (:meth:`ResearchOutputs.finish`): over a quarter of the
    analyses' triples, and a second of a thousand reports' serial end."""

    def __init__(self, sinks: _Sinks, checker: Checker | None) -> None:
        self.sinks = sinks
        self.checker = checker

    def _path(self, name: str) -> Path:
        return self.sinks.outset.path(f".scratch-analyses.{name}")

    def _targets(self) -> dict[str, IO[bytes]]:
        """The files the analyses' triples are appended to, by name."""
        sinks = self.sinks
        files: dict[str, IO[bytes]] = {
            fmt: file.handle for fmt, file in sinks.graph_files.files.items()
        }
        if sinks.trig is not None:
            files["trig"] = sinks.trig.file
        if sinks.jsonld is not None:
            files["jsonld"] = sinks.jsonld.file
        return files

    @contextlib.contextmanager
    def writing(self) -> Iterator[Callable[[list[Triple]], None]]:
        """Render chunks through the build's own writers, their files swapped for scratch files
        (in the forked copy, whose writers are its own; restored after)."""
        sinks, graph_files = self.sinks, self.sinks.graph_files
        saved = (graph_files.files, graph_files.counts, self._targets())
        graph_files.files = {
            fmt: AtomicFile(self._path(fmt), buffering=1 << 20, durable=False)
            for fmt in graph_files.files
        }
        graph_files.counts = GraphCounts()
        scratch = {
            name: open(self._path(name), "wb", buffering=1 << 20)  # noqa: SIM115 (closed below)
            for name in ("trig", "jsonld")
            if name in saved[2]
        }
        if sinks.trig is not None:
            sinks.trig.file = scratch["trig"]
        if sinks.jsonld is not None:
            sinks.jsonld.file = scratch["jsonld"]
        shared: list[Triple] = []
        try:
            yield lambda triples: shared.extend(sinks.add_triples(triples))
            for file in graph_files.files.values():
                file.commit()
            for handle in scratch.values():
                handle.close()
            with open(self._path("state"), "wb") as state:
                pickle.dump((graph_files.counts, shared), state)
        finally:
            for file in graph_files.files.values():
                file.discard()  # nothing after commit
            for handle in scratch.values():
                handle.close()
            graph_files.files, graph_files.counts = saved[0], saved[1]
            if sinks.trig is not None:
                sinks.trig.file = saved[2]["trig"]
            if sinks.jsonld is not None:
                sinks.jsonld.file = saved[2]["jsonld"]

    def append(self) -> None:
        """Append what :meth:`writing` rendered to the build's files, count it, and hand its
        shared triples to the checker."""
        with open(self._path("state"), "rb") as state:
            # written by this build's own forked copy just now, in its staged folder
            counts, shared = pickle.load(state)  # noqa: S301
        for name, target in self._targets().items():
            with open(self._path(name), "rb") as rendered:
                shutil.copyfileobj(rendered, target, 1 << 20)
        self.sinks.graph_files.counts.merge(counts)
        if self.checker is not None:
            self.checker.add((), shared)


#: The scratch file (:meth:`OutputSet.scratch`) a build makes once its views are an overview.
_OVERVIEW = "view-overview"


class _Sinks:
    """The output files a build appends each report's :class:`ReportOutput` to."""

    def __init__(self, outset: OutputSet, formats: tuple[str, ...]) -> None:
        self.outset = outset
        self.parts = SpoolReader()  # copies what the workers spooled
        graph_targets: dict[str, Path] = {
            f: outset.path(OUTPUTS[f]) for f in ("ttl", "nt") if f in formats
        }
        self.graph_files = GraphFiles(graph_targets, self.parts)
        self.facts = self._open("facts") if "facts" in formats else None
        if self.facts is not None:
            self.facts.write(ntriples(_town_facts(ontology.graph(*BASE_FILES))).encode("utf-8"))
        self.trig = TrigFile(self._open("trig")) if "trig" in formats else None
        self.jsonld = JsonLdFile(self._open("jsonld")) if "jsonld" in formats else None
        self.tables = {}
        for name, (_, row_type) in _ROW_TABLES.items():
            if name in formats:
                self.tables[name] = self._open(name)
                self.tables[name].write(csv_header(row_type).encode("utf-8"))
        self.entities = EntityTable(outset.stage) if "entities" in formats else None
        self.reports: list[ReportRow] | None = [] if "reports" in formats else None
        self.network = None
        if "graphml" in formats or "gexf" in formats:
            self.network = NetworkFiles(
                graphml=self._open("graphml") if "graphml" in formats else None,
                gexf=self._open("gexf") if "gexf" in formats else None,
                edges_file=outset.scratch("gexf-edges") if "gexf" in formats else None,
                parts=self.parts,
            )
        self.views = ViewData() if "html" in formats or "bipartite" in formats else None
        # A file the workers look for: made once the views are an overview, which needs only
        # part of each report's view facts (kg.output.views.view_part); the rest were sent to
        # be dropped here, about a millisecond a report of this process's time.
        self.overview = (
            outset.path(f".scratch-{_OVERVIEW}")
            if self.views is not None and outset.stage is not None
            else None
        )
        self.told = False

    def _open(self, name: str) -> BinaryIO:
        return self.outset.open(OUTPUTS[name])

    def add(self, output: ReportOutput) -> list[Triple]:
        """Append one report; returns the shared triples no earlier report wrote."""
        shared = self.graph_files.add_fragment(output.fragment)
        if self.facts is not None:
            self.parts.write(self.facts, output.facts)
        if self.trig is not None:
            self.parts.write(self.trig.file, output.trig)
        if self.jsonld is not None:
            if part_length(output.jsonld):
                self.jsonld.start()
                self.parts.write(self.jsonld.file, output.jsonld)
            self.jsonld.add(node_objects(shared))
        for name, file in self.tables.items():
            self.parts.write(file, output.csv[name])
        if self.entities is not None:
            self.entities.add(output.entities)
        if self.reports is not None:
            self.reports.extend(output.reports)
        if self.network is not None and output.network is not None:
            self.network.add(output.network)
        if self.views is not None and output.view is not None:
            self.views.add(output.view)
            if not self.views.complete and self.overview is not None and not self.told:
                self.outset.scratch(_OVERVIEW)  # empty: it tells by being there
                self.told = True
        return shared

    def add_triples(self, triples: list[Triple]) -> list[Triple]:
        """Append triples no report wrote (the corpus analyses') to the graph documents;
        returns those about shared nodes that no earlier report or chunk wrote."""
        fragment = fragment_of(triples, tuple(self.graph_files.targets))
        shared = self.graph_files.add_fragment(fragment)
        self.graph_files.counts.reports -= 1  # add_fragment counts a report; these are none
        if self.trig is not None:
            self.trig.add(fragment_trig(str(ANALYSES_GRAPH), triples, fragment))
        if self.jsonld is not None:
            self.jsonld.add(node_objects(triples))
        return shared

    def finish(self) -> None:
        """Close the streamed documents (the files are closed by the output set) and
        forget what told the reports' shared triples, nodes and edges apart."""
        self.finish_network()
        for sink in (self.trig, self.jsonld):
            if sink is not None:
                sink.finish()
        self.graph_files.commit()
        self.parts.close()
        self.graph_files.shared_seen = KeySet()

    def finish_network(self) -> None:
        """Close the GraphML and GEXF documents (once) and forget what told their shared
        nodes and edges apart."""
        if self.network is not None:
            self.network.finish()
            self.network = None


def _site_not_written(out_dir: str | Path, reports: int) -> Problem:
    return Problem(
        OUTPUTS["site"],
        "warning",
        f"not written for {reports:,} reports (more than {SITE_REPORTS:,}): `kg serve {out_dir}` "
        "serves the same pages from the graph; `--formats site` writes the files anyway",
    )


def _drawable(formats: tuple[str, ...]) -> tuple[tuple[str, ...], list[Problem]]:
    """Drop the heat map when no installed font has Chinese glyphs, with a warning.

    A missing font must not cost the user the graph and every other output;
    the warning names the package that provides one.
    """
    if "heatmap" not in formats:
        return formats, []
    try:
        cjk_font()
    except UsageError as exc:
        problem = Problem(OUTPUTS["heatmap"], "warning", f"not drawn: {exc}")
        return tuple(f for f in formats if f != "heatmap"), [problem]
    return formats, []


def _classify(
    path: Path,
    outcome: ExtractedReport | FazhiError | None,
    output: ReportOutput | None,
    seen: dict[str, str],
) -> list[Problem]:
    """The problems of one extracted file; a ``skipped`` one keeps it out of the graph."""
    if isinstance(outcome, FazhiError):
        return [Problem(str(path), "skipped", _reason(outcome))]
    assert output is not None, "every extracted report is rendered"
    if output.sha256 in seen:
        return [Problem(str(path), "skipped", f"duplicate: same content as {seen[output.sha256]}")]
    if output.rejected:
        return [Problem(str(path), "skipped", output.rejected)]
    return list(output.problems)


def _fail_fast(problems: Sequence[Problem]) -> None:
    """Under ``strict``, the first skipped file stops the build (exit code 2)."""
    for problem in problems:
        if problem.category == "skipped":
            raise InputError(problem.path, f"{problem.reason} (stopped by --strict)")


def _reason(exc: FazhiError) -> str:
    if isinstance(exc, InputError):
        return f"{exc.problem} ({exc.fix})" if exc.fix else exc.problem
    return str(exc)


def write_outputs(
    result: BuildResult, out: OutputSet | Path, formats: Iterable[str], sinks: _Sinks | None = None
) -> dict[str, Path]:
    """Write the outputs computed from a finished result (views, analyses, summary, tables).

    The outputs written report by report (:data:`STREAMED_FILES`) are not
    among them: :func:`build` appends to those as the reports stream in.
    ``out`` is the build's output set, or a folder (each file written atomically).

    Raises
    ------
    UsageError
        A format this cannot write.
    """
    views = sinks.views if sinks is not None else None
    entities = sinks.entities if sinks is not None else None
    counts = result.counts.types if result.counts is not None else Counter()
    by_type = Counter({iri.rsplit("#", 1)[-1]: n for iri, n in counts.items()})

    def page(view_of: Callable[[Graph | ViewData], nx.Graph], title: str) -> str:
        data = views if views is not None else result.graph
        note = ""
        if isinstance(data, ViewData) and not data.complete:
            note = overview_note(data, by_type)
        return render_html(view_of(data), title, note=note)

    # A writer gives the file's text or bytes, or its text in pieces (a large table, row by row).
    writers: dict[str, Callable[[], str | bytes | Iterator[str]]] = {
        "html": lambda: page(knowledge_view, "fazhi-kg 法治政府建设知识图谱"),
        "bipartite": lambda: page(town_mechanism_view, "乡镇 × 机制 Towns and mechanisms"),
        "cooccurrence": lambda: pairs_csv_lines(
            # the rows already made (a notebook read result.pairs), else one at a time
            result.pairs if "pairs" in vars(result) else pair_rows(result.index)
        ),
        "network": lambda: render_cooccurrence_html(result.index),
        "heatmap": lambda: heatmap_png(result.index),
        "problems": lambda: jsonl_text(
            {"path": p.path, "category": p.category, "reason": p.reason} for p in result.problems
        ),
        "summary": lambda: json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n",
        "entities": lambda: (
            entities.csv_lines() if entities is not None else tables.entities_csv(result.graph)
        ),
        "reports": lambda: (
            tables.rows_csv(
                sorted(sinks.reports, key=lambda r: (r.town_label, r.year, r.report)), ReportRow
            )
            if sinks is not None and sinks.reports is not None
            else tables.reports_csv(result.graph)
        ),
        "matrix": lambda: tables.town_mechanism_csv(result.index),
    }
    unknown = sorted(set(formats) - set(writers))
    if unknown:
        raise UsageError(
            f"write_outputs cannot write {', '.join(unknown)}: build() writes "
            "them while the reports stream in"
        )
    chosen = [name for name in OUTPUTS if name in set(formats)]
    if isinstance(out, OutputSet) and "cooccurrence" in chosen:
        # The pair tests of every stance, for `kg cooccur` on this folder (see pair_test_table).
        tables_of = {stance: pair_test_table(result.index, stance) for stance in PAIR_STANCES}
        with out.open(PAIR_TESTS) as file:
            file.write(json.dumps(tables_of).encode("utf-8"))
    if isinstance(out, OutputSet):
        for name in chosen:
            data = writers[name]()
            with out.open(OUTPUTS[name]) as file:  # closed: the site reads some of them
                if isinstance(data, bytes):
                    file.write(data)
                else:
                    for piece in [data] if isinstance(data, str) else data:
                        file.write(piece.encode("utf-8"))
        return {name: out.path(OUTPUTS[name]) for name in chosen}
    # Imported here: only callers writing into a plain folder need it.
    from kg.files import atomic_write

    rendered = {name: _whole(writers[name]()) for name in chosen}
    return {name: atomic_write(Path(out) / OUTPUTS[name], data) for name, data in rendered.items()}


def _whole(data: str | bytes | Iterator[str]) -> str | bytes:
    """A writer's output as one text (written into a plain folder only once all are made)."""
    return data if isinstance(data, (str, bytes)) else "".join(data)


def _town_facts(graph: Graph) -> Graph:
    """The town facts of a build's graph, with the vocabulary's mechanism labels."""
    facts = Graph()
    for triple in graph:
        if is_town_fact((str(triple[0]), str(triple[1]))):
            facts.add(triple)
    return facts
