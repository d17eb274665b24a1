"""Change over time: what a unit's report says this year against its report of the year before.

For each unit with reports of two or more years, each report is set against
the unit's previous one (the nearest earlier year; ``gap`` says how many
years apart), and the differences are listed as rows of one kind each:

================== =================================================================
mechanism-added    adopted this year, not adopted in the previous report
mechanism-dropped  adopted in the previous report, not this year
plan-realised      planned in the previous report, adopted this year
plan-not-realised  planned in the previous report, not adopted this year
problem-repeated   a shortcoming named in both (the same mechanism named as a weakness,
                   or two problem sentences sharing most of their words)
figure-changed     a canonical indicator (:mod:`kg.analysis.indicators`) with a new value
figure-unchanged   a canonical indicator with the same value both years (a copied
                   figure is a known sign of a copied report)
================== =================================================================

Mechanisms are the concepts of the vocabulary with their stance (adopted in
the achievements and duties parts, planned in the plans part, a weakness in
the problems part).  When a unit has two reports for one year (versions), the
longer one stands for the year.

Examples
--------
>>> from kg.analysis.records import MechanismFact, Evidence, ReportProfile, Scorecard, Unit
>>> card = Scorecard((), 100, None, 0, 0, 0, "", "", None, None)
>>> def report(rid, year, facts):
...     ms = tuple(MechanismFact(k, s, Evidence(k, 0, 1)) for k, s in facts)
...     return ReportProfile(rid, rid, "", Unit(name="青禾镇"), year, card, ms)
>>> rows = unit_changes([report("r1", 2022, [("legality-review", "adopted"),
...                                          ("government-legal-adviser", "planned")]),
...                      report("r2", 2023, [("government-legal-adviser", "adopted")])])
>>> for r in rows:
...     print(r.kind, r.item)
mechanism-added government-legal-adviser
mechanism-dropped legality-review
plan-realised government-legal-adviser
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.analysis.indicators import catalogue, format_value, year_values
from kg.analysis.profile import mechanism_label
from kg.analysis.records import Evidence, ProblemFact, ReportProfile, Unit

__all__ = [
    "CHANGE_KINDS",
    "ChangeRow",
    "by_unit",
    "change_rows",
    "find_unit",
    "unit_changes",
]

CHANGE_KINDS = (
    "mechanism-added",
    "mechanism-dropped",
    "plan-realised",
    "plan-not-realised",
    "problem-repeated",
    "figure-changed",
    "figure-unchanged",
)

#: Two problem sentences are one problem when this share of their character pairs is shared.
SAME_PROBLEM = 0.5


@dataclass(frozen=True)
class ChangeRow:
    """One difference between a unit's report and its previous one (a row of ``changes.csv``)."""

    unit: str
    county: str
    city: str
    province: str
    year_from: int
    year_to: int
    gap: int
    report_from: str
    report_to: str
    kind: str
    about: str  # mechanism, problem or indicator
    item: str
    label: str
    before: str
    after: str
    evidence_from: Evidence | None
    evidence_to: Evidence | None


def by_unit(profiles: Iterable[ReportProfile]) -> dict[Unit, list[ReportProfile]]:
    """Each known unit's reports with a year, one per year (the longest), sorted by year."""
    chosen: dict[tuple[Unit, int], ReportProfile] = {}
    for p in profiles:
        if not p.unit.known or p.year is None:
            continue
        key = (p.unit, p.year)
        best = chosen.get(key)
        if best is None or (-p.scorecard.chars, p.report) < (-best.scorecard.chars, best.report):
            chosen[key] = p  # the longest version; of two as long, the smaller id
    units: dict[Unit, list[ReportProfile]] = {}
    for (unit, _), p in sorted(chosen.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        units.setdefault(unit, []).append(p)
    return units


def find_unit(units: Iterable[Unit], query: str) -> list[Unit]:
    """Units matching ``query``: a name (黄鹤镇), or a name with its county or city
    (石柱土家族自治县黄鹤镇, 石柱土家族自治县/黄鹤镇)."""
    query = query.replace("/", "").replace(" ", "")
    found = []
    for unit in units:
        names = {unit.name}
        for where in (unit.county, unit.city, unit.province):
            if where:
                names.add(where + unit.name)
        names.add(unit.province + unit.city + unit.county + unit.name)
        if query in names or query == unit.label:
            found.append(unit)
    return sorted(found)


def change_rows(profiles: Iterable[ReportProfile]) -> Iterator[ChangeRow]:
    """The changes of every unit with two or more years, unit by unit."""
    for reports in by_unit(profiles).values():
        yield from unit_changes(reports)


def unit_changes(reports: list[ReportProfile]) -> list[ChangeRow]:
    """The changes between each of one unit's reports (sorted by year) and the one before."""
    rows: list[ChangeRow] = []
    for before, after in zip(reports, reports[1:]):
        rows.extend(_changes(before, after))
    return rows


def _facts(p: ReportProfile, stance: str) -> dict[str, Evidence]:
    found: dict[str, Evidence] = {}
    for m in p.mechanisms:
        if m.stance == stance:
            found.setdefault(m.key, m.evidence)
    return found


def _changes(a: ReportProfile, b: ReportProfile) -> list[ChangeRow]:
    assert a.year is not None and b.year is not None
    year_from, year_to = a.year, b.year

    def row(
        kind: str,
        item: str,
        label: str,
        before: str = "",
        after: str = "",
        ev_a: Evidence | None = None,
        ev_b: Evidence | None = None,
        about: str = "mechanism",
    ) -> ChangeRow:
        return ChangeRow(
            unit=b.unit.name,
            county=b.unit.county,
            city=b.unit.city,
            province=b.unit.province,
            year_from=year_from,
            year_to=year_to,
            gap=year_to - year_from,
            report_from=a.report,
            report_to=b.report,
            kind=kind,
            about=about,
            item=item,
            label=label,
            before=before,
            after=after,
            evidence_from=ev_a,
            evidence_to=ev_b,
        )

    rows: list[ChangeRow] = []
    adopted_a, adopted_b = _facts(a, "adopted"), _facts(b, "adopted")
    planned_a = _facts(a, "planned")
    for key in sorted(adopted_b.keys() - adopted_a.keys()):
        rows.append(
            row("mechanism-added", key, mechanism_label(key), "", "adopted", None, adopted_b[key])
        )
    for key in sorted(adopted_a.keys() - adopted_b.keys()):
        rows.append(
            row("mechanism-dropped", key, mechanism_label(key), "adopted", "", adopted_a[key])
        )
    for key in sorted(planned_a):
        if key in adopted_b:
            rows.append(
                row(
                    "plan-realised",
                    key,
                    mechanism_label(key),
                    "planned",
                    "adopted",
                    planned_a[key],
                    adopted_b[key],
                )
            )
        else:
            rows.append(
                row("plan-not-realised", key, mechanism_label(key), "planned", "", planned_a[key])
            )
    weak_a, weak_b = _facts(a, "problem"), _facts(b, "problem")
    for key in sorted(weak_a.keys() & weak_b.keys()):
        rows.append(
            row(
                "problem-repeated",
                key,
                mechanism_label(key),
                "problem",
                "problem",
                weak_a[key],
                weak_b[key],
            )
        )
    for pa, pb in _same_problems(a, b):
        rows.append(
            row(
                "problem-repeated",
                pb.text,
                pb.text,
                pa.text,
                pb.text,
                pa.evidence,
                pb.evidence,
                about="problem",
            )
        )
    values_a, values_b = year_values(a), year_values(b)
    names = {e.id: e.zh for e in catalogue()}
    for indicator in sorted(values_a.keys() & values_b.keys()):
        va, vb = values_a[indicator][0], values_b[indicator][0]
        same = (va.value, va.unit) == (vb.value, vb.unit)
        rows.append(
            row(
                "figure-unchanged" if same else "figure-changed",
                indicator,
                names[indicator],
                format_value(va.value, va.unit, va.qualifier),
                format_value(vb.value, vb.unit, vb.qualifier),
                va.evidence,
                vb.evidence,
                about="indicator",
            )
        )
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    return sorted(rows, key=lambda r: order[r.kind])


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _same_problems(a: ReportProfile, b: ReportProfile) -> Iterator[tuple[ProblemFact, ProblemFact]]:
    """Pairs of problem sentences, one from each report, that say the same (each used once)."""
    used: set[int] = set()
    for pa in a.problems:
        grams_a = _bigrams(pa.text)
        best, best_score = None, SAME_PROBLEM
        for i, pb in enumerate(b.problems):
            if i in used:
                continue
            grams_b = _bigrams(pb.text)
            union = grams_a | grams_b
            score = len(grams_a & grams_b) / len(union) if union else 0.0
            if score >= best_score:
                best, best_score = i, score
        if best is not None:
            used.add(best)
            yield pa, b.problems[best]
