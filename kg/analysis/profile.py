"""One report's profile for the corpus-level analyses, and the files a build keeps them in.

:func:`report_profile` is a plain function of one extracted report, run
where the report was extracted (a worker process); it returns a
:class:`~kg.analysis.records.ReportProfile` a few kilobytes large.  The
build appends each profile to two files in its output folder, so that
``kg scorecard``, ``kg copies``, ``kg compare``, ``kg diffusion`` and
``kg indicators`` answer from the folder without extracting again:

``profiles.jsonl``
    one JSON object per report (:meth:`ReportProfile.to_json`), with
    ``fingerprints`` = ``[first row, rows]`` in the next file;
``fingerprints.bin``
    every report's passage fingerprints, one after another, as raw
    little-endian rows of :data:`~kg.analysis.records.FINGERPRINT_DTYPE`
    (16 bytes: hash, position, source start, source end), read back as a
    memory map, so a corpus of any size is never read whole.

Both are written beside their targets and renamed into place when the build
ends (:class:`ProfileWriter`).

Examples
--------
>>> import tempfile, pathlib
>>> from kg.ingest.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措和成效\\n落实合法性审查。")
>>> profile = report_profile(ExtractedReport(doc, None, ()))
>>> profile.unit.name, profile.year, profile.scorecard.part("achievements").status
('青禾镇', 2023, 'present')
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with ProfileWriter(out) as writer:
...     writer.add(profile)
...     _ = writer.commit()
>>> [p.report == profile.report for p in read_profiles(out)]
[True]
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kg.analysis.copies import CopyOptions, ReportRef, fingerprint
from kg.analysis.indicators import report_indicators
from kg.analysis.records import (
    FINGERPRINT_DTYPE,
    Evidence,
    MechanismFact,
    ProblemFact,
    ReportProfile,
    Unit,
)
from kg.analysis.scorecard import score_report
from kg.errors import UsageError
from kg.extractors.vocabulary import load_vocabulary
from kg.files import AtomicFile
from kg.model import FACT_STANCES, EntityType, ExtractedReport, Mention
from kg.run.spool import Part, SpoolReader, part_length

__all__ = [
    "FINGERPRINTS_FILE",
    "PROFILES_FILE",
    "ProfileRecord",
    "ProfileWriter",
    "fingerprint_table",
    "mechanism_label",
    "profile_record",
    "read_profiles",
    "report_profile",
    "unit_of",
]

PROFILES_FILE = "profiles.jsonl"
FINGERPRINTS_FILE = "fingerprints.bin"
_FACTS = {s.value for s in FACT_STANCES}


def unit_of(report: ExtractedReport) -> Unit:
    """The unit a report is about, with its county, city and province when linked."""
    place, doc = report.place, report.document
    if place is not None and place.town:
        own = "" if place.identified else doc.report_id
        return Unit(place.province or "", place.city or "", place.county or "", place.key_name, own)
    return Unit(name=doc.town or "", report=doc.report_id if doc.town else "")


@functools.cache  # every table names mechanisms by the thousand
def mechanism_label(key: str) -> str:
    """The Chinese name of a mechanism of the vocabulary (its key if unknown)."""
    concept = load_vocabulary().concepts.get(key)
    return concept.pref_zh if concept is not None else key


def report_profile(report: ExtractedReport, copies: CopyOptions | None = None) -> ReportProfile:
    """Everything the corpus-level analyses need of one report (a worker runs this)."""
    doc = report.document
    mechanisms: dict[tuple[str, str], MechanismFact] = {}
    problems: dict[str, ProblemFact] = {}
    concepts = load_vocabulary().concepts  # as in the graph: vocabulary mechanisms only
    for m in report.mentions:
        if m.type == EntityType.MECHANISM and m.key in concepts:
            stance = m.stance().value
            if stance in _FACTS and (m.key, stance) not in mechanisms:
                mechanisms[(m.key, stance)] = MechanismFact(m.key, stance, _evidence(report, m))
        elif m.type == EntityType.PROBLEM and m.key not in problems:
            problems[m.key] = ProblemFact(m.key, _evidence(report, m))
    table, letters = fingerprint(doc, copies)
    return ReportProfile(
        report=doc.report_id,
        path=doc.source.path,
        title=doc.title,
        unit=unit_of(report),
        year=doc.year,
        scorecard=score_report(report),
        mechanisms=tuple(mechanisms.values()),
        problems=tuple(problems.values()),
        indicators=report_indicators(report),
        letters=letters,
        fingerprints=table,
    )


def _evidence(report: ExtractedReport, mention: Mention) -> Evidence:
    """The mention's words and source span (the sentence is in the graph, ``fz:sentence``)."""
    start, end = report.document.source.offsets.span_to_source(mention.start, mention.end)
    return Evidence(mention.text, start, end)


@dataclass(frozen=True)
class ProfileRecord:
    """A profile as :class:`ProfileWriter` appends it, made where the report was extracted.

    ``head`` is its JSON object (:meth:`ReportProfile.to_json`) without the
    closing brace (the writer adds where its fingerprints are), ``table`` its
    fingerprints' raw rows, ``rows`` how many; a worker may have spooled the
    bytes (:mod:`kg.run.spool`).
    """

    head: Part
    table: Part
    rows: int


def profile_record(profile: ReportProfile) -> ProfileRecord:
    """The :class:`ProfileRecord` of a profile."""
    table = np.ascontiguousarray(profile.fingerprints, dtype=FINGERPRINT_DTYPE)
    text = json.dumps(profile.to_json(), ensure_ascii=False, separators=(",", ":"))
    return ProfileRecord(text[:-1].encode("utf-8"), table.tobytes(), len(table))


class ProfileWriter:
    """Appends profiles to ``profiles.jsonl`` and ``fingerprints.bin`` in ``out_dir``.

    Nothing stands at the target paths until :meth:`commit`; leaving the
    ``with`` block without it leaves earlier files as they were.
    :meth:`profiles` reads back what was written so far (the build's
    analyses run before the commit).
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self._json = AtomicFile(self.out_dir / PROFILES_FILE)
        self._bin = AtomicFile(self.out_dir / FINGERPRINTS_FILE)
        self.rows = 0
        self.count = 0
        self.offsets: list[int] = []  # where each profile's line starts in profiles.jsonl
        self._size = 0

    def add(self, profile: ReportProfile | ProfileRecord, parts: SpoolReader | None = None) -> None:
        """Append a profile, or its record (``parts`` copies what a worker spooled)."""
        record = profile if isinstance(profile, ProfileRecord) else profile_record(profile)
        parts = parts or SpoolReader()
        # The JSON object ends with where its fingerprints are, as "fingerprints": [first, rows].
        tail = b',"fingerprints":[%d,%d]}\n' % (self.rows, record.rows)
        self.offsets.append(self._size)
        self._size += part_length(record.head) + len(tail)
        parts.write(self._json.handle, record.head)
        self._json.write(tail)
        parts.write(self._bin.handle, record.table)
        self.rows += record.rows
        self.count += 1

    def profiles(self, fingerprints: bool = False) -> Iterator[ReportProfile]:
        """The profiles written so far, in order (fingerprints as memory-mapped views)."""
        self._json.handle.flush()
        self._bin.handle.flush()
        return _read(Path(self._json.tmp), Path(self._bin.tmp), fingerprints)

    def read(self, indices: Iterable[int]) -> Iterator[ReportProfile]:
        """The profiles added as the ``indices``-th, read back one by one (no fingerprints)."""
        self._json.handle.flush()
        with open(self._json.tmp, "rb") as lines:
            for i in indices:
                lines.seek(self.offsets[i])
                record = json.loads(lines.readline())
                record.pop("fingerprints", None)
                yield ReportProfile.from_json(record)

    def table(self) -> tuple[list[ReportRef], np.ndarray, list[int]]:
        """What :func:`kg.analysis.copies.copies_in_table` reads, from what was written so far."""
        self._json.handle.flush()
        self._bin.handle.flush()
        return _table(Path(self._json.tmp), Path(self._bin.tmp))

    def commit(self) -> dict[str, Path]:
        return {
            "profiles": self._json.commit(),
            "fingerprints": self._bin.commit(),
        }

    def discard(self) -> None:
        self._json.discard()
        self._bin.discard()

    def __enter__(self) -> ProfileWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _profile_files(folder: str | Path) -> tuple[Path, Path]:
    folder = Path(folder)
    jsonl, binary = folder / PROFILES_FILE, folder / FINGERPRINTS_FILE
    if not jsonl.is_file():
        raise UsageError(
            f"{folder}: no {PROFILES_FILE} here; give an output folder of `kg build` "
            "(a build writes it), or report files and folders"
        )
    return jsonl, binary


def read_profiles(folder: str | Path, fingerprints: bool = False) -> Iterator[ReportProfile]:
    """The profiles a build wrote into ``folder``, one at a time.

    With ``fingerprints`` each profile carries a memory-mapped view of its
    fingerprints; without, none are read.

    Raises
    ------
    UsageError
        The folder holds no ``profiles.jsonl``, or a line of it is damaged.
    """
    return _read(*_profile_files(folder), fingerprints)


def fingerprint_table(folder: str | Path) -> tuple[list[ReportRef], np.ndarray, list[int]]:
    """The reports, the memory-mapped fingerprint table and its rows per report, of a build."""
    return _table(*_profile_files(folder))


def _memmap(binary: Path) -> np.ndarray:
    if not binary.is_file() or binary.stat().st_size == 0:
        return np.zeros(0, dtype=FINGERPRINT_DTYPE)
    if binary.stat().st_size % FINGERPRINT_DTYPE.itemsize:
        raise UsageError(f"{binary}: damaged (not whole rows); build the folder again")
    return np.memmap(binary, dtype=FINGERPRINT_DTYPE, mode="r")


def _records(jsonl: Path) -> Iterator[dict[str, Any]]:
    with jsonl.open("r", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(
                    f"{jsonl}:{number}: damaged profile ({exc.msg}); build the folder again"
                ) from None


def _read(jsonl: Path, binary: Path, fingerprints: bool) -> Iterator[ReportProfile]:
    table = _memmap(binary) if fingerprints else None
    for record in _records(jsonl):
        first, rows = record.pop("fingerprints", [0, 0])
        view = table[first : first + rows] if table is not None else None
        try:
            yield ReportProfile.from_json(record, view)
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(
                f"{jsonl}: a profile lacks {exc} (written by another version?); "
                "build the folder again"
            ) from None


def _table(jsonl: Path, binary: Path) -> tuple[list[ReportRef], np.ndarray, list[int]]:
    reports, counts, expected = [], [], 0
    for record in _records(jsonl):
        first, rows = record.get("fingerprints", [0, 0])
        if first != expected:
            raise UsageError(f"{jsonl}: fingerprint rows out of order; build the folder again")
        expected += rows
        reports.append(
            ReportRef(
                record["report"],
                record["path"],
                Unit.from_json(record["unit"]),
                record["year"],
                record["letters"],
            )
        )
        counts.append(rows)
    table = _memmap(binary)
    if len(table) != expected:
        raise UsageError(
            f"{binary}: {len(table)} fingerprints, but {jsonl.name} lists {expected}; "
            "build the folder again"
        )
    return reports, table, counts
