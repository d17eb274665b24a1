"""What the report-level analyses keep of one report: small frozen records, JSON in and out.

A build turns each extracted report into one :class:`ReportProfile`
(:func:`kg.analysis.profile.report_profile`, run where the report was
extracted) and the corpus-level analyses (scorecard, copies, changes,
diffusion, indicators) read only profiles, never texts.  Every offset in a
profile points into the decoded source file, like the graph's evidence
(``fz:start``/``fz:end``).

Examples
--------
>>> u = Unit("重庆市", "", "石柱土家族自治县", "黄鹤镇")
>>> u.label, u.known
('黄鹤镇（石柱土家族自治县）', True)
>>> Unit.from_json(u.to_json()) == u
True
>>> Unit().label, Unit().known
('（未识别单位）', False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "FINGERPRINT_DTYPE",
    "PARTS",
    "Evidence",
    "IndicatorValue",
    "MechanismFact",
    "PartFinding",
    "ProblemFact",
    "ReportProfile",
    "Scorecard",
    "Unit",
    "empty_fingerprints",
]

#: The five parts a report must cover (督察工作规定 art. 27), in the order the rule lists them.
PARTS = ("achievements", "problems", "duties", "plans", "other")

#: One passage fingerprint (:mod:`kg.analysis.copies`): a 32-bit hash of ``k`` letters of the
#: normalised text, their position there, and the span they cover in the source file.
FINGERPRINT_DTYPE = np.dtype(
    [("hash", "<u4"), ("position", "<u4"), ("start", "<u4"), ("end", "<u4")]
)


def empty_fingerprints() -> np.ndarray:
    """A fingerprint table with no rows."""
    return np.zeros(0, dtype=FINGERPRINT_DTYPE)


@dataclass(frozen=True, order=True, slots=True)
class Unit:
    """The unit a report is about (a town, a county, a department), with where it lies.

    Reports are grouped by unit with all its fields, so two towns of one name
    in different counties stay apart; an empty ``name`` means no unit was found.
    ``report`` is set only when the text does not tell the unit apart from others
    of its name (the graph gives such a report a unit node of its own): its
    reports are never grouped with another report's.
    """

    province: str = ""
    city: str = ""
    county: str = ""
    name: str = ""
    report: str = ""

    @property
    def known(self) -> bool:
        return bool(self.name)

    @property
    def label(self) -> str:
        """The name, with the county (or city, or province) that tells it apart."""
        if not self.name:
            return "（未识别单位）"
        where = next(
            (p for p in (self.county, self.city, self.province) if p and p != self.name), ""
        )
        return f"{self.name}（{where}）" if where else self.name

    def to_json(self) -> list[str]:
        fields = [self.province, self.city, self.county, self.name]
        return [*fields, self.report] if self.report else fields

    @classmethod
    def from_json(cls, data: list[str]) -> Unit:
        return cls(*data)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A heading or sentence of a report: its words and its span in the source file."""

    text: str
    start: int
    end: int

    def to_json(self) -> list[str | int]:
        return [self.text, self.start, self.end]

    @classmethod
    def from_json(cls, data: list[Any] | None) -> Evidence | None:
        return cls(*data) if data else None


@dataclass(frozen=True, slots=True)
class PartFinding:
    """One required part in one report.

    ``status`` is ``present`` (a heading of its own), ``merged`` (a heading
    shared with another part, or only a sentence inside another part) or
    ``missing``; ``chars`` is the length of its sections in the cleaned text.
    """

    part: str
    status: str
    chars: int = 0
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Scorecard:
    """What a reviewer checks in one report, measured; the grade is given by a rule later.

    Counts are over the cleaned text (``chars`` characters); ``figures`` and
    ``cases`` leave out the plans part (targets are not results);
    ``signed`` is the date under the signatures and ``published`` the date the
    web page gives, ISO ``yyyy-mm-dd`` or None.
    """

    parts: tuple[PartFinding, ...]
    chars: int
    causes: Evidence | None
    figures: int
    cases: int
    documents: int
    party_signature: str
    government_signature: str
    signed: str | None
    published: str | None

    def part(self, name: str) -> PartFinding:
        return next(p for p in self.parts if p.part == name)

    def per_1000(self, count: int) -> float:
        return round(1000 * count / self.chars, 3) if self.chars else 0.0


@dataclass(frozen=True, slots=True)
class MechanismFact:
    """A mechanism a report names with a stance (adopted, planned, problem), first occurrence."""

    key: str
    stance: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ProblemFact:
    """A shortcoming a report names, as the problems extractor worded it."""

    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A figure of a report under its canonical indicator (:mod:`kg.analysis.indicators`).

    ``value`` is the decimal as text (``"98.5"``), ``unit`` and ``qualifier``
    as written (余, 达, 以上 …), ``name`` the extractor's name for it and
    ``section`` the kind of section it stands in (a figure in the plans part
    is a target).
    """

    indicator: str
    name: str
    value: str
    unit: str
    qualifier: str
    section: str
    evidence: Evidence


@dataclass(frozen=True, eq=False)
class ReportProfile:
    """Everything the corpus-level analyses need of one report; no text beyond evidence.

    ``report`` is the report's id (the first 16 hex digits of the source
    file's SHA-256, as in the report IRI); ``letters`` the length of the
    normalised text the fingerprints are taken from; ``fingerprints`` a
    :data:`FINGERPRINT_DTYPE` table.
    """

    report: str
    path: str
    title: str
    unit: Unit
    year: int | None
    scorecard: Scorecard
    mechanisms: tuple[MechanismFact, ...] = ()
    problems: tuple[ProblemFact, ...] = ()
    indicators: tuple[IndicatorValue, ...] = ()
    letters: int = 0
    fingerprints: np.ndarray = field(default_factory=empty_fingerprints, repr=False)

    def stances(self, stance: str) -> frozenset[str]:
        """Keys of the mechanisms named with ``stance``."""
        return frozenset(m.key for m in self.mechanisms if m.stance == stance)

    def to_json(self) -> dict[str, Any]:
        """A JSON object of everything but the fingerprints (stored apart, see ProfileStore)."""
        card = self.scorecard
        return {
            "report": self.report,
            "path": self.path,
            "title": self.title,
            "unit": self.unit.to_json(),
            "year": self.year,
            "scorecard": {
                "parts": [
                    [p.part, p.status, p.chars, p.evidence.to_json() if p.evidence else None]
                    for p in card.parts
                ],
                "chars": card.chars,
                "causes": card.causes.to_json() if card.causes else None,
                "figures": card.figures,
                "cases": card.cases,
                "documents": card.documents,
                "party_signature": card.party_signature,
                "government_signature": card.government_signature,
                "signed": card.signed,
                "published": card.published,
            },
            "mechanisms": [[m.key, m.stance, m.evidence.to_json()] for m in self.mechanisms],
            "problems": [[p.text, p.evidence.to_json()] for p in self.problems],
            "indicators": [
                [i.indicator, i.name, i.value, i.unit, i.qualifier, i.section, i.evidence.to_json()]
                for i in self.indicators
            ],
            "letters": self.letters,
        }

    @classmethod
    def from_json(
        cls, data: dict[str, Any], fingerprints: np.ndarray | None = None
    ) -> ReportProfile:
        card = data["scorecard"]

        def evidence(value: list[Any]) -> Evidence:
            return Evidence(*value)

        return cls(
            report=data["report"],
            path=data["path"],
            title=data["title"],
            unit=Unit.from_json(data["unit"]),
            year=data["year"],
            scorecard=Scorecard(
                parts=tuple(
                    PartFinding(part, status, chars, Evidence.from_json(ev))
                    for part, status, chars, ev in card["parts"]
                ),
                chars=card["chars"],
                causes=Evidence.from_json(card["causes"]),
                figures=card["figures"],
                cases=card["cases"],
                documents=card["documents"],
                party_signature=card["party_signature"],
                government_signature=card["government_signature"],
                signed=card["signed"],
                published=card["published"],
            ),
            mechanisms=tuple(MechanismFact(k, s, evidence(e)) for k, s, e in data["mechanisms"]),
            problems=tuple(ProblemFact(t, evidence(e)) for t, e in data["problems"]),
            indicators=tuple(
                IndicatorValue(i, n, v, u, q, s, evidence(e))
                for i, n, v, u, q, s, e in data["indicators"]
            ),
            letters=data["letters"],
            fingerprints=empty_fingerprints() if fingerprints is None else fingerprints,
        )
