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

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from extractors.registry import PLACE_RESOLVER, run_extractors
from kg.analysis import PairRow, cooccurrence
from kg.errors import FazhiError, InputError, UsageError
from kg.export import atomic_write, jsonl_text, turtle
from kg.graph import build_graph
from kg.heatmap import heatmap_png
from kg.ingest import SUPPORTED_SUFFIXES, read_report
from kg.model import ExtractedReport
from kg.namespaces import RDF
from kg.render import knowledge_view, render_html
from kg.render_cooccurrence import pairs_csv, render_cooccurrence_html
from kg.structure import structure
from kg.validate import ValidationReport, validate

#: Output files a build can write, by the name ``formats`` uses.
OUTPUTS = {
    "ttl": "graph.ttl",
    "html": "graph.html",
    "cooccurrence": "cooccurrence.csv",
    "network": "cooccurrence.html",
    "heatmap": "cooccurrence.png",
    "problems": "problems.jsonl",
    "summary": "summary.json",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file.

    ``category`` is ``skipped`` (the file is not in the graph), ``partial``
    (in the graph, but something could not be extracted) or ``warning``.
    """

    path: str
    category: str
    reason: str


@dataclass
class BuildResult:
    """What a build produced: the reports, the graph, analyses, problems, files."""

    reports: tuple[ExtractedReport, ...]
    graph: Graph
    problems: tuple[Problem, ...]
    pairs: list[PairRow]
    validation: ValidationReport | None = None
    outputs: dict[str, Path] = field(default_factory=dict)

    def summary(self) -> dict:
        """Counts a person reads after a build: reports, entities and triples per type."""
        types = Counter()
        for cls in self.graph.objects(None, RDF.type):
            types[str(cls).rsplit("#", 1)[-1].rsplit("/", 1)[-1]] += 1
        predicates = Counter(str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                             for _, p, _ in self.graph)
        return {
            "reports": len(self.reports),
            "triples": len(self.graph),
            "entities": dict(sorted(types.items())),
            "triples_by_predicate": dict(sorted(predicates.items())),
            "problems": dict(sorted(Counter(p.category for p in self.problems).items())),
            "shacl_violations": (sum(v.severity == "Violation" for v in self.validation.violations)
                                 if self.validation else None),
        }


def collect_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders (recursively) into report files, sorted.

    Unsupported files inside folders are passed over quietly only when they
    are hidden; every other file that is not read is reported as a problem.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    _add_file(Path(root) / name, files, problems)
        elif path.exists():
            _add_file(path, files, problems)
        else:
            problems.append(Problem(str(path), "skipped", "no such file or folder"))
    return sorted(set(files)), problems


def _add_file(path: Path, files: list[Path], problems: list[Problem]) -> None:
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        files.append(path)
    else:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        problems.append(Problem(str(path), "skipped",
                                f"unsupported file type {path.suffix or '(none)'}: use {supported}"))


def extract_report(path: str | Path) -> ExtractedReport:
    """Read, structure and extract one report file."""
    document = structure(read_report(path))
    return ExtractedReport(document, PLACE_RESOLVER(document), tuple(run_extractors(document)))


def extract_all(files: Sequence[Path],
                progress: Callable[[int, int, Path], None] | None = None,
                ) -> Iterator[tuple[Path, ExtractedReport | FazhiError]]:
    """Extract each file in order, yielding the report or the error that stopped it."""
    for i, path in enumerate(files, 1):
        if progress:
            progress(i, len(files), path)
        try:
            yield path, extract_report(path)
        except FazhiError as exc:
            yield path, exc


def _report_problems(report: ExtractedReport) -> list[Problem]:
    doc, path = report.document, report.document.source.path
    found = []
    if not doc.town:
        found.append(Problem(path, "partial", "no town found in the title or header"))
    if doc.year is None:
        found.append(Problem(path, "partial", "no report year found in the title or opening"))
    if report.place is not None and report.place.confidence < 0.5 and doc.town:
        found.append(Problem(path, "warning", f"town {doc.town} not linked with confidence: "
                                              f"{report.place.how}"))
    return found


def build(paths: Sequence[str | Path], out_dir: str | Path | None = None, *,
          formats: Iterable[str] = tuple(OUTPUTS), validate_graph: bool = True,
          strict: bool = False,
          progress: Callable[[int, int, Path], None] | None = None) -> BuildResult:
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

    Returns
    -------
    BuildResult
    """
    formats = tuple(formats)
    unknown = sorted(set(formats) - set(OUTPUTS))
    if unknown:
        raise UsageError(f"unknown output format(s) {', '.join(unknown)}: choose from "
                         f"{', '.join(OUTPUTS)}")
    files, problems = collect_inputs(paths)
    if not files and not problems:
        raise UsageError("no report files given: pass files or folders holding .txt or .html reports")
    reports: list[ExtractedReport] = []
    seen: dict[str, str] = {}
    for path, outcome in extract_all(files, progress):
        if isinstance(outcome, FazhiError):
            if strict:
                raise outcome
            problems.append(Problem(str(path), "skipped", _reason(outcome)))
            continue
        digest = outcome.document.source.sha256
        if digest in seen:
            problems.append(Problem(str(path), "skipped", f"same content as {seen[digest]}"))
            continue
        seen[digest] = str(path)
        problems.extend(_report_problems(outcome))
        reports.append(outcome)
    graph = build_graph(reports)
    result = BuildResult(tuple(reports), graph, tuple(problems), cooccurrence(graph),
                         validate(graph) if validate_graph else None)
    if out_dir is not None:
        result.outputs = write_outputs(result, Path(out_dir), formats)
    return result


def _reason(exc: FazhiError) -> str:
    if isinstance(exc, InputError):
        return f"{exc.problem} ({exc.fix})" if exc.fix else exc.problem
    return str(exc)


def write_outputs(result: BuildResult, out_dir: Path, formats: Iterable[str]) -> dict[str, Path]:
    """Write the chosen outputs into ``out_dir``, each file atomically."""
    writers: dict[str, Callable[[], str | bytes]] = {
        "ttl": lambda: turtle(result.graph),
        "html": lambda: render_html(knowledge_view(result.graph), "fazhi-kg 法治政府建设知识图谱"),
        "cooccurrence": lambda: pairs_csv(result.pairs),
        "network": lambda: render_cooccurrence_html(result.graph),
        "heatmap": lambda: heatmap_png(result.graph),
        "problems": lambda: jsonl_text(
            {"path": p.path, "category": p.category, "reason": p.reason} for p in result.problems),
        "summary": lambda: json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n",
    }
    return {name: atomic_write(out_dir / OUTPUTS[name], writers[name]())
            for name in OUTPUTS if name in set(formats)}
