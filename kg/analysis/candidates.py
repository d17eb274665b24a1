"""Candidate mechanisms across a corpus, ranked by how many units name them, for curators.

A candidate is a named practice the vocabulary lacks (``CandidateMechanism`` mentions:
…制度, …机制, “…”工作法).  What makes one worth adding to ``ontology/mechanisms.ttl`` is
how widespread it is, so the rows count *units* (the township, county or department a
report is about): a town that names a practice in five reports, or five times in one,
counts once, as it does in the co-occurrence analysis.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> from kg.extractors.mechanisms import extract_mechanisms
>>> from kg.model import ExtractedReport
>>> def report(text):
...     doc = document_from_text(text)
...     return ExtractedReport(doc, None, tuple(extract_mechanisms(doc)))
>>> rows = candidate_rows([report("青禾镇2023年报告\\n推行“街长制”工作机制。"),
...                        report("苇岗镇2023年报告\\n探索“街长制”工作机制。")])
>>> [(r.name, r.units, r.reports, r.mentions) for r in rows]
[('街长制工作机制', 2, 2, 2)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import EntityType, ExtractedReport

__all__ = ["CandidateRow", "candidate_rows", "unit_of"]


@dataclass(frozen=True)
class CandidateRow:
    """A candidate mechanism across a corpus.

    ``units`` is the number of units naming it, ``reports`` and ``mentions`` the reports and
    mentions; ``evidence`` is the sentence of its first mention (in input order) and ``file``
    that report's source file; ``unit_names`` lists the units, sorted.
    """

    name: str
    units: int
    reports: int
    mentions: int
    evidence: str
    file: str
    unit_names: tuple[str, ...]


def unit_of(report: ExtractedReport) -> str:
    """The unit a report is about, as a key: its place in the gazetteer, else its own name.

    Two towns of one name in different counties are two units; a report whose unit is
    unknown counts as a unit of its own (its file name), so it is never merged with another.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> from kg.model import ExtractedReport, Place
    >>> doc = document_from_text("青禾镇2023年法治政府建设报告")
    >>> unit_of(ExtractedReport(doc, Place("青禾镇", "某县", "某市", "某省"), ()))
    '青禾镇（某省某市某县）'
    """
    place = report.place
    if place is not None:
        above = "".join(p for p in (place.province, place.city, place.county) if p)
        return f"{place.key_name}（{above}）" if above else place.key_name
    doc = report.document
    return doc.town or doc.source.path


def candidate_rows(reports: Iterable[ExtractedReport]) -> list[CandidateRow]:
    """Candidate mechanisms of ``reports``, most units first.

    Sorted by units, then reports, then mentions (all descending), then name, so a curator
    reads the most widespread practices first.
    """
    units: dict[str, set[str]] = {}
    files: dict[str, set[str]] = {}  # report ids (hashes of content): a copy counts once
    mentions: dict[str, int] = {}
    first: dict[str, tuple[str, str]] = {}
    for report in reports:
        doc = report.document
        unit = unit_of(report)
        for m in report.mentions:
            if m.type is not EntityType.CANDIDATE_MECHANISM:
                continue
            units.setdefault(m.key, set()).add(unit)
            files.setdefault(m.key, set()).add(doc.report_id)
            mentions[m.key] = mentions.get(m.key, 0) + 1
            first.setdefault(m.key, (doc.sentence_text_at(m.start).strip(), doc.source.path))
    rows = [
        CandidateRow(
            name,
            len(units[name]),
            len(files[name]),
            mentions[name],
            first[name][0],
            first[name][1],
            tuple(sorted(units[name])),
        )
        for name in units
    ]
    return sorted(rows, key=lambda r: (-r.units, -r.reports, -r.mentions, r.name))
