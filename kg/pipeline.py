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

import dataclasses
import functools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.analysis.cooccurrence import PairRow, cooccurrence, is_town_fact
from kg.errors import FazhiError, InputError, UsageError
from kg.files import atomic_write
from kg.graph.nquads import report_nquads
from kg.graph.stream import Fragment, GraphCounts, GraphFiles, render_fragment
from kg.graph.triples import Triple, base_graph, rdflib_triple
from kg.graph.validate import ValidationReport, validate
from kg.ingest.inputs import collect_inputs, no_report_read
from kg.model import ExtractedReport, Problem
from kg.output import tables
from kg.output.cooccurrence import pairs_csv, render_cooccurrence_html
from kg.output.heatmap import cjk_font, heatmap_png
from kg.output.html import knowledge_view, render_html, town_mechanism_view
from kg.output.rdf import jsonld, trig
from kg.output.research_build import (  # research analyses (issue 16)
    RESEARCH_OUTPUTS,
    ReportProfile,
    ResearchOutputs,
    report_profile,
)
from kg.output.site import write_site
from kg.output.tables import jsonl_text
from kg.run.engines import ExtractOptions, extract_files, extract_rendered
from kg.run.report import extract_report, not_a_report, report_problems

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

#: What a build writes when ``formats`` is not given: every output.
DEFAULT_FORMATS = tuple(OUTPUTS)

#: Up to this many report files a build keeps the reports and the whole graph in
#: memory and can write every output; above it the build streams (memory grows
#: only with the town facts) and writes :data:`STREAMED_OUTPUTS`.  See README,
#: "Speed and scale".
IN_MEMORY_REPORTS = 500

#: What a streaming build writes: the graph files, written as reports arrive, and
#: what is computed from the town facts (towns, places, stances) alone.
STREAMED_OUTPUTS = (
    "ttl",
    "nt",
    "cooccurrence",
    "network",
    "heatmap",
    "matrix",
    "problems",
    "summary",
    *RESEARCH_OUTPUTS,  # research analyses stream: they read report profiles
)


def expand_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """Output names with groups (all, rdf, gephi, tables) expanded, in :data:`OUTPUTS` order.

    Raises
    ------
    UsageError
        A name that is neither an output nor a group.
    """
    wanted = set()
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
    """What a build produced: the reports, the graph, analyses, problems, files."""

    reports: tuple[ExtractedReport, ...]
    graph: Graph
    problems: tuple[Problem, ...]
    pairs: list[PairRow]
    validation: ValidationReport | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    counts: GraphCounts | None = None
    streamed: bool = False

    def summary(self) -> dict:
        """Counts a person reads after a build: reports, entities and triples per type."""
        counts = self.counts
        if counts is None:  # a result made by hand from a graph
            counts = GraphCounts(len(self.reports))
            counts.add((str(s), str(p), str(o)) for s, p, o in self.graph)
        return {
            "reports": counts.reports,
            "triples": counts.triples,
            "streamed": self.streamed,
            "entities": _by_local_name(counts.types),
            "triples_by_predicate": _by_local_name(counts.predicates),
            "problems": dict(sorted(Counter(p.category for p in self.problems).items())),
            "shacl_violations": (
                sum(v.severity == "Violation" for v in self.validation.violations)
                if self.validation
                else None
            ),
        }


def _by_local_name(counts: Counter) -> dict[str, int]:
    named = Counter()
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


@dataclass(frozen=True)
class ReportOutput:
    """What a build keeps of one extracted report, made where the report was extracted.

    ``rejected`` says why the file is not a rule-of-law report (None if it is);
    ``problems`` are its partial-extraction warnings; ``version_key`` is its
    ``(path, place, year)`` if it names both; ``fragment`` its graph triples.
    """

    sha256: str
    rejected: str | None
    problems: tuple[Problem, ...]
    version_key: tuple | None
    fragment: Fragment
    profile: ReportProfile | None = None  # research analyses


def report_output(
    report: ExtractedReport,
    formats: tuple[str, ...] = (),
    keep: Callable[[Triple], bool] | None = None,
) -> ReportOutput:
    """The :class:`ReportOutput` of one report (a build runs this in the workers)."""
    return ReportOutput(
        report.document.source.sha256,
        not_a_report(report),
        tuple(report_problems(report)),
        _version_key(report),
        render_fragment(report, formats, keep),
        report_profile(report),
    )


def _version_key(report: ExtractedReport) -> tuple[str, tuple, int] | None:
    """``(path, place, year)`` of a report whose unit is identified and year known, for
    :func:`_version_problems`; two towns of one name the text leaves apart are no versions."""
    doc, place = report.document, report.place
    if place is None or not place.identified or doc.year is None:
        return None
    where = (place.kind.value, place.province, place.city, place.county, place.name)
    return doc.source.path, where, doc.year


def _version_problems(keys: Iterable[tuple[str, tuple, int]]) -> list[Problem]:
    """Flag reports that share a town and year: versions, kept apart and both in the graph."""
    groups: dict[tuple, list[str]] = {}
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
) -> BuildResult:
    """Build the knowledge graph from report files and folders.

    Parameters
    ----------
    paths : sequence of str or Path
        Report files (.txt, .html) and folders searched recursively.
    out_dir : str or Path, optional
        Where to write the outputs; nothing is written when omitted.
    formats : iterable of str
        Which outputs to write, keys of :data:`OUTPUTS`.
    validate_graph : bool
        Check the graph against the SHACL shapes.
    strict : bool
        Stop at the first file that cannot be read instead of going on.
    progress : callable, optional
        Called as ``progress(i, n, path)`` before each file.
    extraction : kg.run.engines.ExtractOptions, optional
        Processes, cache and engine for extraction (default: serial, no cache).
    in_memory : bool, optional
        Keep the reports and the whole graph in memory (every output), or
        stream (memory grows only with the town facts; :data:`STREAMED_OUTPUTS` only, and
        ``result.graph`` holds the town facts).  By default, in memory up to
        :data:`IN_MEMORY_REPORTS` files.

    Returns
    -------
    BuildResult
    """
    formats = expand_formats(formats)
    files, problems = collect_inputs(paths, exclude=[out_dir] if out_dir is not None else [])
    if strict:
        _fail_fast(problems)
    if not files:
        raise no_report_read(paths, problems)
    streaming = len(files) > IN_MEMORY_REPORTS if in_memory is None else not in_memory
    written_by_stream = {
        f: Path(out_dir) / OUTPUTS[f] for f in ("ttl", "nt") if out_dir is not None and f in formats
    }
    reports: list[ExtractedReport] = []
    versions: list[tuple[str, tuple, int]] = []
    seen: dict[str, str] = {}
    # In memory: the whole graph.  Streaming: the town facts the analyses read.
    graph = base_graph()
    render = functools.partial(
        report_output,
        formats=tuple(written_by_stream),
        keep=is_town_fact if streaming else _every_triple,
    )
    # Streaming, a report stays in the process that extracted it: only its output comes back.
    if extraction is not None and extraction.shards_dir is not None and extraction.shard is None:
        extraction = dataclasses.replace(extraction, shard=report_nquads)
    outcomes = extract_rendered(files, progress, extraction, render, reports=not streaming)
    research = ResearchOutputs(out_dir)
    with GraphFiles(written_by_stream) as graph_files, research:
        for path, outcome, output in outcomes:
            found = _classify(path, outcome, output, seen)
            if strict:
                _fail_fast(found)
            problems.extend(found)
            if output is None or any(p.category == "skipped" for p in found):
                continue
            seen[output.sha256] = str(path)
            if output.version_key:
                versions.append(output.version_key)
            graph_files.add_fragment(output.fragment)
            research.add(output.profile)
            for triple in output.fragment.kept:
                graph.add(rdflib_triple(triple))
            if not streaming:
                reports.append(outcome)
        if not seen:
            raise no_report_read(paths, problems)
        problems.extend(_version_problems(versions))
        # research analyses: their triples join the graph files (and the graph), files wait
        research.finish(formats, graph_files, None if streaming else graph)
        result = BuildResult(
            tuple(reports),
            graph,
            tuple(problems),
            cooccurrence(graph),
            validate(graph) if validate_graph and not streaming else None,
            counts=graph_files.counts,
            streamed=streaming,
        )
        if streaming:
            result.problems += tuple(_not_streamed(formats, validate_graph))
            formats = tuple(f for f in formats if f in STREAMED_OUTPUTS)
        if out_dir is not None:
            formats, unavailable = _drawable(formats)
            result.problems += tuple(unavailable)
            rest = tuple(
                f
                for f in formats
                if f not in written_by_stream and f not in RESEARCH_OUTPUTS and f != "site"
            )
            result.outputs = {
                **write_outputs(result, Path(out_dir), rest),
                **graph_files.commit(),
                **research.write(out_dir, formats),
            }
            if "site" in formats:  # last: it reads the graph files and the tables written above
                whole = None if streaming else result.graph
                result.outputs["site"] = write_site(out_dir, sources=files, graph=whole)
    result.outputs = {name: result.outputs[name] for name in OUTPUTS if name in result.outputs}
    return result


def _every_triple(triple: Triple) -> bool:
    return True


def _not_streamed(formats: tuple[str, ...], validate_graph: bool) -> list[Problem]:
    """Warnings for what a streaming build cannot give: it needs the whole graph in memory."""
    why = f"this build streamed (--stream, or more than {IN_MEMORY_REPORTS} reports)"
    found = []
    missing = [OUTPUTS[name] for name in formats if name not in STREAMED_OUTPUTS]
    if missing:
        found.append(
            Problem(
                ", ".join(missing),
                "warning",
                f"not written: {why} and these need the whole graph in memory; "
                "use --in-memory or build a subset, or query graph.nt with `kg query`",
            )
        )
    if validate_graph:
        found.append(
            Problem(
                OUTPUTS["ttl"],
                "warning",
                f"SHACL check skipped: {why}; run `kg validate` on it, or use --in-memory",
            )
        )
    return found


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


def write_outputs(result: BuildResult, out_dir: Path, formats: Iterable[str]) -> dict[str, Path]:
    """Write the chosen outputs into ``out_dir``, each file atomically, all at the end.

    These are the outputs computed from a finished result; the graph files
    (graph.ttl, graph.nt) are not among them: :func:`build` writes those while
    the reports stream in (:class:`kg.graph.stream.GraphFiles`).

    Raises
    ------
    UsageError
        A format this cannot write.
    """
    writers: dict[str, Callable[[], str | bytes]] = {
        "html": lambda: render_html(knowledge_view(result.graph), "fazhi-kg 法治政府建设知识图谱"),
        "bipartite": lambda: render_html(
            town_mechanism_view(result.graph), "乡镇 × 机制 Towns and mechanisms"
        ),
        "cooccurrence": lambda: pairs_csv(result.pairs),
        "network": lambda: render_cooccurrence_html(result.graph),
        "heatmap": lambda: heatmap_png(result.graph),
        "problems": lambda: jsonl_text(
            {"path": p.path, "category": p.category, "reason": p.reason} for p in result.problems
        ),
        "summary": lambda: json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n",
        "trig": lambda: trig(result.graph, result.reports),
        "jsonld": lambda: jsonld(result.graph),
        "graphml": lambda: tables.graphml(result.graph),
        "gexf": lambda: tables.gexf(result.graph),
        "reports": lambda: tables.reports_csv(result.graph),
        "entities": lambda: tables.entities_csv(result.graph),
        "mentions": lambda: tables.mentions_csv(result.graph),
        "indicators": lambda: tables.indicators_csv(result.graph),
        "matrix": lambda: tables.town_mechanism_csv(result.graph),
    }
    unknown = sorted(set(formats) - set(writers))
    if unknown:
        raise UsageError(
            f"write_outputs cannot write {', '.join(unknown)}: build() writes "
            "graph.ttl and graph.nt while the reports stream in"
        )
    # Render everything before writing anything: a failure or Ctrl-C while
    # rendering (the slow part) leaves every earlier output untouched, and the
    # renames that follow take milliseconds. Each file is replaced atomically.
    rendered = {name: writers[name]() for name in OUTPUTS if name in set(formats)}
    return {name: atomic_write(out_dir / OUTPUTS[name], data) for name, data in rendered.items()}
