"""One report file in; one extracted report, or the typed error that stopped it, out.

This module owns the error policy of extraction: a file that cannot be read
is an :class:`~kg.errors.InputError`; an unexpected failure is an
:class:`~kg.errors.ExtractionError` for that file alone; an extractor family
that fails on a report costs that family's mentions, never the report, and
is recorded in :attr:`~kg.model.ExtractedReport.failures` so the build
reports the file as ``partial``.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "r.txt").write_text("浙江省松阳县青禾镇人民政府\\n青禾镇2023年法治政府建设情况报告\\n"
...                               "一、主要举措\\n全面落实合法性审查。", "utf-8")
>>> report = extract_report(d / "r.txt")
>>> report.place.county, [m.key for m in report.mentions if m.type.value == "Mechanism"]
('松阳县', ['legality-review'])
>>> type(extract_one(d / "missing.txt")).__name__
'InputError'
"""

from __future__ import annotations

import dataclasses
import gc
import operator
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg import errors
from kg.errors import ExtractionError, FazhiError, InputError
from kg.extractors.registry import EXTRACTORS, PLACE_RESOLVER
from kg.ingest.formats import deadline
from kg.ingest.read import issues_of, read_report
from kg.ingest.structure import classify_heading, document_from_text, structure
from kg.model import Document, ExtractedReport, Mention, Problem, SourceText

__all__ = [
    "Outcome",
    "extract_document",
    "extract_one",
    "extract_report",
    "not_a_report",
    "pack",
    "report_problems",
    "run_extractors",
    "unpack",
    "warm_up",
    "with_address",
]

#: What extracting one file gives: the report, or the error that stopped it.
Outcome = ExtractedReport | FazhiError

#: Seconds one file may take to read and extract; past them it is skipped.  The
#: size limits keep a real report far inside (500,000 characters take about 15 s).
MAX_SECONDS_PER_FILE = 180.0


def run_extractors(
    doc: Document, names: Sequence[str] | None = None
) -> tuple[list[Mention], list[tuple[str, str]]]:
    """Run the registered extractors (or only ``names``) on a document.

    Returns the mentions, sorted and without exact duplicates, and the
    failures: ``(family, "Error: message")`` for each extractor that raised.
    """
    found: list[Mention] = []
    failures: list[tuple[str, str]] = []
    for name, extract in EXTRACTORS:
        if names is not None and name not in names:
            continue
        try:
            found += extract(doc)
        except Exception as exc:  # noqa: BLE001 - one family's bug must cost its mentions only
            failures.append((name, f"{type(exc).__name__}: {exc}"))
    # Sorted by every field, so that equal mentions stand together and one of each is kept.
    # Equal mentions start together, and few mentions share a start: the mentions are sorted
    # by their start, and only a run that shares one by every field.
    found.sort(key=_START)
    mentions = []
    i, count = 0, len(found)
    while i < count:
        start, j = found[i].start, i + 1
        while j < count and found[j].start == start:
            j += 1
        if j == i + 1:
            mentions.append(found[i])
        else:
            last = None
            for mention in sorted(found[i:j], key=_MENTION_ORDER):
                key = _MENTION_ORDER(mention)
                if key != last:
                    mentions.append(mention)
                    last = key
        i = j
    return mentions, failures


# Every field of a Mention, (start, end, type, key, attrs) first; a type or a section is a str
# enum, so it sorts as its value.
_MENTION_ORDER = operator.attrgetter("start", "end", "type", "key", "attrs", "text", "section")
_START = operator.attrgetter("start")


def extract_document(doc: Document) -> ExtractedReport:
    """Link a structured document to its place and run every extractor on it.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> report = extract_document(document_from_text("青禾镇2023年法治政府建设情况报告\\n落实合法性审查。"))
    >>> report.failures, report.document.year
    ((), 2023)
    """
    failures: list[tuple[str, str]] = []
    try:
        place = PLACE_RESOLVER(doc)
    except Exception as exc:  # noqa: BLE001 - an unresolved place costs the hierarchy only
        place = None
        failures.append(("places", f"{type(exc).__name__}: {exc}"))
    mentions, failed = run_extractors(doc)
    return ExtractedReport(doc, place, tuple(mentions), tuple(failures + failed))


def extract_report(path: str | Path, address: str | None = None) -> ExtractedReport:
    """Read, structure and extract one report file.

    ``address`` is the web page the file was saved from, when known from elsewhere
    (:mod:`kg.ingest.addresses`); the page's own, if its text states one, comes first.

    Raises
    ------
    InputError
        The file cannot be read as a report, or took longer than
        :data:`MAX_SECONDS_PER_FILE`.  An unexpected failure in a
        later stage (a bug met by odd text) comes as :class:`ExtractionError`,
        so one strange file never stops a batch of thousands.
    """
    try:
        with deadline(MAX_SECONDS_PER_FILE, str(path), "reading and extracting the file"):
            return extract_document(structure(with_address(read_report(path), address)))
    except FazhiError:
        raise
    except Exception as exc:  # noqa: BLE001 - any bug must cost one file, not the batch
        raise ExtractionError(
            str(path),
            f"internal error while extracting ({type(exc).__name__}: {exc})",
            "please report this file to the fazhi-kg maintainers",
        ) from exc


def with_address(source: SourceText, address: str | None) -> SourceText:
    """``source`` with ``address`` as its page's address, unless it states its own."""
    if address is None or source.meta_value("page_url") is not None:
        return source
    return dataclasses.replace(source, meta=(*source.meta, ("page_url", address)))


def extract_one(path: str | Path, address: str | None = None) -> Outcome:
    """Extract one file, returning (not raising) the error that stopped it."""
    try:
        return extract_report(path, address)
    except FazhiError as exc:
        return exc


def report_problems(report: ExtractedReport) -> list[Problem]:
    """The ``partial`` and ``warning`` problems of a report that is in the graph."""
    doc, path = report.document, report.document.source.path
    found = [Problem(path, category, reason) for category, reason in issues_of(doc.source)]
    place = report.place
    if place is None:
        found.append(
            Problem(
                path,
                "partial",
                "no unit found (no township, county or department named in the title, "
                "opening, publishing fields or signature): the report carries no unit facts",
            )
        )
    if doc.year is None:
        found.append(Problem(path, "partial", "no report year found in the title or opening"))
    if place is not None and (place.confidence < 0.5 or not place.identified):
        found.append(
            Problem(path, "warning", f"unit {place.name} not linked with confidence: {place.how}")
        )
    for family, error in report.failures:
        found.append(
            Problem(
                path,
                "partial",
                f"the {family} extractor failed ({error}), so the "
                f"report's {family} are missing: please report this "
                "file to the fazhi-kg maintainers",
            )
        )
    return found


# Words a rule-of-law report names in its title area (see README, "Errors and exit codes").
_GENRE_TOPIC = re.compile(r"法治|依法行政|法制|依法治")
_TITLE_AREA_LINES = 8


def not_a_report(report: ExtractedReport) -> str | None:
    """Why a readable document is not a rule-of-law report, or None if it looks like one.

    The rule: no 法治/依法行政/法制/依法治 in the title area (the first eight
    lines, or the HTML page title) and no section heading of the genre
    (achievements, problems, plans, duties).  A news article on a town's
    economy fails both; a report with an odd title still has its sections.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> news = document_from_text("青禾镇举办茶叶节\\n本报讯 3月5日，青禾镇举办第十届茶叶节。")
    >>> not_a_report(ExtractedReport(news, None, ()))
    'not a rule-of-law report (no 法治/依法行政 in the title area and no report sections)'
    """
    doc = report.document
    head = "\n".join(doc.text.split("\n", _TITLE_AREA_LINES)[:_TITLE_AREA_LINES])
    head += doc.source.meta_value("page_title") or ""
    if _GENRE_TOPIC.search(head):
        return None
    # Headings are re-classified by their own words: structure() gives a
    # default kind to unclassified text, which says nothing about the genre.
    if any(classify_heading(section.heading, doc.year) for section in doc.sections):
        return None
    return "not a rule-of-law report (no 法治/依法行政 in the title area and no report sections)"


# --- across processes ----------------------------------------------------------------------


def warm_up() -> None:
    """Load the pipeline (vocabularies, gazetteer, patterns) once per process."""
    # Loading makes millions of objects that last as long as the process and no garbage:
    # the collections made while they are made only walk them (0.25 s of 0.85 s).
    collecting = gc.isenabled()
    gc.disable()
    try:
        extract_document(
            document_from_text("青禾镇2023年法治政府建设情况报告\n一、主要举措\n落实合法性审查。")
        )
    finally:
        if collecting:
            gc.enable()


#: An outcome as it crosses a process boundary: a tag, then what rebuilds the outcome.
Packed = tuple[Any, ...]


def pack(outcome: Outcome) -> Packed:
    """Make an outcome picklable: InputError's constructor takes three arguments,
    which plain exception pickling does not pass back."""
    if isinstance(outcome, InputError):
        return ("input-error", outcome.path, outcome.problem, outcome.fix)
    if isinstance(outcome, FazhiError):
        return ("error", type(outcome).__name__, str(outcome))
    return ("ok", outcome)


def unpack(packed: Packed) -> Outcome | None:
    """The outcome :func:`pack` packed (None where a worker sent only its rendering)."""
    kind = packed[0]
    if kind == "ok":
        report: ExtractedReport = packed[1]
        return report
    if kind == "none":
        return None
    if kind == "input-error":
        return InputError(*packed[1:])
    cls: type[FazhiError] = getattr(errors, packed[1], FazhiError)
    return cls(packed[2])
