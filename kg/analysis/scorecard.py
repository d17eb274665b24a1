"""Report scorecards: the five required parts, causes, concreteness, signatures, dates, a grade.

What a county justice bureau checks when it reviews a township's report
(《法治政府建设与责任落实督察工作规定》, 2019, art. 27 and 28):

* the five parts, each ``present`` (a heading of its own), ``merged`` (a
  heading shared with another part, or only a sentence inside another part:
  part 3 is often a paragraph of part 1) or ``missing``, with the heading or
  sentence that shows it and the length of its sections.  The parts come from
  the sections :mod:`kg.ingest.structure` classified, so a report may put
  part 3 first or merge parts 2 and 4 under one heading;
* whether the shortcomings come with their causes (a cause word in part 2);
* concreteness: figures (indicator mentions), named cases and named documents
  (law and policy mentions) per 1,000 characters;
* the signatures of the party committee and the government, the date under
  them, the publication date of the web page, and the days past the deadline
  (1 April of the next year);
* a grade by a written rule (``data/grading.toml``, or any file given with
  ``kg scorecard --rule FILE``).

:func:`score_report` measures one report (a worker runs it); :func:`grade`
applies a rule; :func:`scorecard_rows` gives the table's rows.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> doc = document_from_text(
...     "青禾镇2023年法治政府建设情况报告\\n一、主要举措和成效\\n全年化解纠纷12起。\\n"
...     "二、存在的不足和原因\\n普法不够深入，主要原因是人员少。\\n三、2024年工作安排\\n推行法律顾问制度。\\n"
...     "中共青禾镇委员会\\n青禾镇人民政府\\n2024年3月9日")
>>> card = score_report(ExtractedReport(doc, None, ()))
>>> {p.part: p.status for p in card.parts}  # doctest: +NORMALIZE_WHITESPACE
{'achievements': 'present', 'problems': 'present', 'duties': 'missing', 'plans': 'present',
 'other': 'missing'}
>>> card.causes.text, card.party_signature, card.signed
('普法不够深入，主要原因是人员少。', '中共青禾镇委员会', '2024-03-09')
>>> g = grade(card, 2023)
>>> g.deadline, g.days_past_deadline, g.on_time
('2024-04-01', 0, 'yes')
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.analysis.records import PARTS, Evidence, PartFinding, ReportProfile, Scorecard
from kg.errors import UsageError
from kg.ingest.structure import classify_heading
from kg.model import Document, EntityType, ExtractedReport, Section, SectionKind

__all__ = [
    "DEFAULT_RULE",
    "Grade",
    "GradingRule",
    "ScorecardRow",
    "grade",
    "load_rule",
    "score_report",
    "scorecard_rows",
]

#: The section kind each of the first four parts is classified as; part 5 has none.
PART_KINDS = {
    "achievements": SectionKind.ACHIEVEMENTS,
    "problems": SectionKind.PROBLEMS,
    "duties": SectionKind.DUTIES,
    "plans": SectionKind.PLANS,
}
_KIND_PART = {kind: part for part, kind in PART_KINDS.items()}
_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")

#: The grading rule shipped with fazhi-kg (``kg/analysis/data/grading.toml``).
DEFAULT_RULE = "grading.toml"


@dataclass(frozen=True)
class _Cues:
    other_heading: tuple[str, ...]
    duties_sentence: tuple[str, ...]
    duties_sentence_with: tuple[str, ...]
    causes: re.Pattern[str]
    cases: re.Pattern[str]
    party: tuple[str, ...]
    government: tuple[str, ...]


def _data(name: str) -> str:
    return resources.files("kg.analysis").joinpath(f"data/{name}").read_text("utf-8")


@cache
def _cues() -> _Cues:
    data = tomllib.loads(_data("scorecard.toml"))
    return _Cues(
        other_heading=tuple(data["other_heading"]),
        duties_sentence=tuple(data["duties_sentence"]),
        duties_sentence_with=tuple(data["duties_sentence_with"]),
        causes=re.compile("|".join(map(re.escape, data["causes"]))),
        cases=re.compile("|".join(f"(?:{p})" for p in data["cases"])),
        party=tuple(data["party_signature"]),
        government=tuple(data["government_signature"]),
    )


# --- measuring one report ---------------------------------------------------------------------


def score_report(report: ExtractedReport) -> Scorecard:
    """Measure one report for its scorecard (no grade: :func:`grade` applies a rule)."""
    doc, cues = report.document, _cues()
    filed = _part_of_sections(doc)
    findings = tuple(_finding(doc, part, filed) for part in PARTS)
    plans = [f.section for f in filed if f.part == "plans"]
    outside_plans = [
        span for span in doc.sentences if not any(s.start <= span.start < s.end for s in plans)
    ]
    cases = sum(1 for span in outside_plans if cues.cases.search(doc.text[span.start : span.end]))
    figures = sum(
        1
        for m in report.mentions
        if m.type == EntityType.INDICATOR and m.section != SectionKind.PLANS
    )
    documents = sum(1 for m in report.mentions if m.type == EntityType.LAW)
    party = next((i for i in doc.issuers if _any(i, cues.party)), "")
    government = next((i for i in doc.issuers if i != party and _any(i, cues.government)), "")
    return Scorecard(
        parts=findings,
        chars=len(doc.text),
        causes=_causes(doc, [f.section for f in filed if f.part == "problems"]),
        figures=figures,
        cases=cases,
        documents=documents,
        party_signature=party,
        government_signature=government,
        signed=_signing_date(doc),
        published=doc.source.meta_value("published"),
    )


def _any(text: str, words: Iterable[str]) -> bool:
    return any(w in text for w in words)


@dataclass(frozen=True)
class _Filed:
    """A section, the part it belongs to (None for the preface) and the kinds its heading names."""

    section: Section
    part: str | None
    kinds: tuple[SectionKind, ...]


def _part_of_sections(doc: Document) -> list[_Filed]:
    """Each section with the part it belongs to.

    Mostly the section's kind; but a subsection heading that names the first
    responsible person's duties is part 3 wherever it stands (a report may
    put it inside part 1), and a heading naming "other matters" is part 5.
    """
    cues = _cues()
    out = []
    for section in doc.sections:
        if not section.heading.strip():
            out.append(_Filed(section, None, ()))
            continue
        kinds = classify_heading(section.heading, doc.year)
        if _any(section.heading, cues.other_heading):
            part: str | None = "other"
        elif SectionKind.DUTIES in kinds:
            part = "duties"
        else:
            part = _KIND_PART.get(section.kind)
        out.append(_Filed(section, part, kinds))
    return out


def _finding(doc: Document, part: str, filed: list[_Filed]) -> PartFinding:
    mine = [f for f in filed if f.part == part]
    chars = sum(f.section.end - f.section.start for f in mine)
    kind = PART_KINDS.get(part)
    for f in mine:
        if part == "other" or f.kinds == (kind,) or (kind in f.kinds and part == "duties"):
            return PartFinding(part, "present", chars, _heading(doc, f.section))
    shared = next((f for f in filed if kind is not None and kind in f.kinds), None)
    if shared is not None:
        return PartFinding(part, "merged", chars, _heading(doc, shared.section))
    if mine:  # thematic headings the structure filed under this part (一、依法行政组织领导有力)
        return PartFinding(part, "present", chars, _heading(doc, mine[0].section))
    if part == "duties" and (sentence := _duties_sentence(doc)) is not None:
        return PartFinding(part, "merged", 0, sentence)
    return PartFinding(part, "missing", 0, None)


def _evidence(doc: Document, start: int, end: int) -> Evidence:
    text = doc.text[start:end]
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    source_start, source_end = doc.source.offsets.span_to_source(start, start + len(stripped))
    return Evidence(stripped, source_start, source_end)


def _heading(doc: Document, section: Section) -> Evidence:
    return _evidence(doc, section.start, section.start + len(section.heading))


def _duties_sentence(doc: Document) -> Evidence | None:
    cues = _cues()
    for span in doc.sentences:
        sentence = doc.text[span.start : span.end]
        if _any(sentence, cues.duties_sentence) and _any(sentence, cues.duties_sentence_with):
            return _evidence(doc, span.start, span.end)
    return None


def _causes(doc: Document, problems: list[Section]) -> Evidence | None:
    """The first sentence of part 2 that gives a cause; else a heading that promises them.

    A heading such as 存在的不足和原因 over shortcomings with no cause word still
    counts (the report says it gives causes), but a sentence is better evidence.
    """
    pattern, heading = _cues().causes, None
    for section in problems:
        for span in doc.sentences:
            if not section.start <= span.start < section.end:
                continue
            if pattern.search(doc.text[span.start : span.end]):
                if span.start >= section.start + len(section.heading):
                    return _evidence(doc, span.start, span.end)
                heading = heading or _heading(doc, section)
    return heading


def _signing_date(doc: Document) -> str | None:
    """The date under the signatures: a short line among the last six holding a date.

    :mod:`kg.ingest.structure` gives ``Document.published`` the web page's date
    and falls back to this one; the scorecard needs both apart.
    """
    lines = [line for line in doc.text.split("\n") if line.strip()][-6:]
    for line in reversed(lines):
        match = _DATE.search(line)
        if match and len(line.strip()) <= 20:
            return _iso(*(int(g) for g in match.groups()))
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


# --- the grading rule -------------------------------------------------------------------------


@dataclass(frozen=True)
class GradingRule:
    """A grading rule read from a TOML file (see ``kg/analysis/data/grading.toml``)."""

    source: str
    deadline: tuple[int, int]
    part_points: dict[str, float]
    merged_share: float
    causes_points: float
    concreteness: tuple[tuple[str, float, float], ...]  # (measure, points, target density)
    party_points: float
    government_points: float
    on_time_points: float
    unknown_date_points: float
    grades: tuple[tuple[str, float], ...]  # (grade, lowest score), best first

    @property
    def most(self) -> float:
        """The highest score the rule can give."""
        return (
            sum(self.part_points.values())
            + self.causes_points
            + sum(points for _, points, _ in self.concreteness)
            + self.party_points
            + self.government_points
            + max(self.on_time_points, self.unknown_date_points)
        )


def load_rule(path: str | Path | None = None) -> GradingRule:
    """The grading rule in ``path``, or the shipped one.

    Raises
    ------
    UsageError
        The file cannot be read or parsed, or lacks a key (the message names it).
    """
    name = str(path) if path is not None else f"kg/analysis/data/{DEFAULT_RULE}"
    try:
        text = Path(path).read_text("utf-8") if path is not None else _data(DEFAULT_RULE)
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(
            f"{name}: cannot read the grading rule ({exc}); "
            f"start from kg/analysis/data/{DEFAULT_RULE}"
        ) from exc

    def number(table: str, key: str) -> float:
        try:
            value = data[table][key]
        except (KeyError, TypeError):
            raise UsageError(
                f"{name}: [{table}] {key} is missing; "
                f"every key of kg/analysis/data/{DEFAULT_RULE} is needed"
            ) from None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise UsageError(f"{name}: [{table}] {key} must be a number >= 0, not {value!r}")
        return float(value)

    grades = data.get("grades")
    if not isinstance(grades, list) or not grades:
        raise UsageError(f"{name}: no [[grades]] tables; give each grade a name and a min_score")
    try:
        grade_list = tuple(
            sorted(((str(g["name"]), float(g["min_score"])) for g in grades), key=lambda g: -g[1])
        )
    except (KeyError, TypeError, ValueError):
        raise UsageError(f"{name}: each [[grades]] needs a name and a numeric min_score") from None
    month, day = int(number("deadline", "month")), int(number("deadline", "day"))
    if _iso(2001, month, day) is None:
        raise UsageError(f"{name}: [deadline] month {month} day {day} is not a date")
    return GradingRule(
        source=name,
        deadline=(month, day),
        part_points={part: number("parts", part) for part in PARTS},
        merged_share=number("parts", "merged_share"),
        causes_points=number("causes", "points"),
        concreteness=tuple(
            (m, number("concreteness", f"{m}_points"), number("concreteness", f"{m}_target"))
            for m in ("figures", "cases", "documents")
        ),
        party_points=number("signatures", "party"),
        government_points=number("signatures", "government"),
        on_time_points=number("timeliness", "on_time"),
        unknown_date_points=number("timeliness", "unknown"),
        grades=grade_list,
    )


@dataclass(frozen=True)
class Grade:
    """A report's score and grade under a rule, with the deadline it was held to.

    ``on_time`` is ``yes``, ``no`` or ``unknown`` (no date, or no year);
    ``date_basis`` says which date was held to the deadline: ``published``
    when the web page gives one, else ``signed``.
    """

    score: float
    grade: str
    deadline: str | None
    date_basis: str
    days_past_deadline: int | None
    on_time: str


def grade(card: Scorecard, year: int | None, rule: GradingRule | None = None) -> Grade:
    """Score and grade one scorecard (the report's ``year`` sets the deadline)."""
    rule = rule or load_rule()
    score = 0.0
    for finding in card.parts:
        share = {"present": 1.0, "merged": rule.merged_share}.get(finding.status, 0.0)
        score += share * rule.part_points[finding.part]
    if card.causes is not None:
        score += rule.causes_points
    counts = {"figures": card.figures, "cases": card.cases, "documents": card.documents}
    for measure, points, target in rule.concreteness:
        density = card.per_1000(counts[measure])
        score += points * (min(1.0, density / target) if target > 0 else 1.0)
    score += rule.party_points * bool(card.party_signature)
    score += rule.government_points * bool(card.government_signature)
    deadline, basis, late = None, "", None
    if year is not None:
        deadline = _iso(year + 1, *rule.deadline)
        basis = "published" if card.published else ("signed" if card.signed else "")
        date = card.published or card.signed
        if date and deadline:
            late = (datetime.date.fromisoformat(date) - datetime.date.fromisoformat(deadline)).days
    on_time = "unknown" if late is None else ("yes" if late <= 0 else "no")
    score += {"yes": rule.on_time_points, "unknown": rule.unknown_date_points}.get(on_time, 0.0)
    score = round(score, 1)
    name = next((g for g, lowest in rule.grades if score >= lowest), rule.grades[-1][0])
    return Grade(score, name, deadline, basis, None if late is None else max(0, late), on_time)


# --- the table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScorecardRow:
    """One row of ``scorecard.csv``: a report, its five parts, its measures and its grade,
    then where it comes from."""

    report: str
    unit: str
    year: int | None
    achievements: str
    problems: str
    duties: str
    plans: str
    other: str
    achievements_chars: int
    problems_chars: int
    duties_chars: int
    plans_chars: int
    other_chars: int
    chars: int
    causes: str
    figures: int
    cases: int
    documents: int
    figures_per_1k: float
    cases_per_1k: float
    documents_per_1k: float
    party_signature: str
    government_signature: str
    signed: str
    published: str
    deadline: str
    days_past_deadline: int | None
    on_time: str
    score: float
    grade: str
    county: str
    city: str
    province: str
    file: str
    title: str


def scorecard_rows(
    profiles: Iterable[ReportProfile], rule: GradingRule | None = None
) -> Iterator[ScorecardRow]:
    """The scorecard of each profile under ``rule`` (default: the shipped rule), in input order."""
    rule = rule or load_rule()
    for p in profiles:
        card = p.scorecard
        g = grade(card, p.year, rule)
        parts = {f.part: f for f in card.parts}
        yield ScorecardRow(
            report=p.report,
            file=p.path.replace("\\", "/").rsplit("/", 1)[-1],
            title=p.title,
            unit=p.unit.name,
            county=p.unit.county,
            city=p.unit.city,
            province=p.unit.province,
            year=p.year,
            achievements=parts["achievements"].status,
            problems=parts["problems"].status,
            duties=parts["duties"].status,
            plans=parts["plans"].status,
            other=parts["other"].status,
            achievements_chars=parts["achievements"].chars,
            problems_chars=parts["problems"].chars,
            duties_chars=parts["duties"].chars,
            plans_chars=parts["plans"].chars,
            other_chars=parts["other"].chars,
            chars=card.chars,
            causes="yes" if card.causes else "no",
            figures=card.figures,
            cases=card.cases,
            documents=card.documents,
            figures_per_1k=card.per_1000(card.figures),
            cases_per_1k=card.per_1000(card.cases),
            documents_per_1k=card.per_1000(card.documents),
            party_signature=card.party_signature,
            government_signature=card.government_signature,
            signed=card.signed or "",
            published=card.published or "",
            deadline=g.deadline or "",
            days_past_deadline=g.days_past_deadline,
            on_time=g.on_time,
            score=g.score,
            grade=g.grade,
        )
