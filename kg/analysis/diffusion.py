"""Diffusion of mechanisms: the unit-year panel, first years, adoption curves by area.

Researchers code when each unit first names each mechanism and how adoption
spreads across counties, cities and provinces (S-curves, event-history
models on unit-year panels).  Three tables, all from report profiles:

* :func:`panel_rows`: one row per unit, year, mechanism and stance (adopted,
  planned, problem), the long panel ``panel.csv``.  A unit-year without a row
  for a mechanism did not name it (or the extractor missed it);
  ``reports.csv``/``unit_years`` give every unit-year observed, so a balanced
  panel is one merge away (README, "Diffusion").
* :func:`first_years`: the first year each unit names each mechanism (any
  stance) and the first year it reports it adopted.
* :func:`adoption_curves`: per area (all, province, city, county), mechanism
  and year: the units observed so far, how many have reported the mechanism
  adopted by then, and the share (the cumulative adoption curve).  A unit
  counts from the first year it has a report; a unit that adopted stays an
  adopter (the usual event-history convention: adoption is absorbing).

Examples
--------
>>> from kg.analysis.records import MechanismFact, Evidence, ReportProfile, Scorecard, Unit
>>> card = Scorecard((), 100, None, 0, 0, 0, "", "", None, None)
>>> def report(rid, town, year, keys):
...     ms = tuple(MechanismFact(k, "adopted", Evidence(k, 0, 1)) for k in keys)
...     return ReportProfile(rid, rid, "", Unit("浙江省", "", "松阳县", town), year, card, ms)
>>> reports = [report("a", "甲镇", 2021, ["x"]), report("b", "乙镇", 2021, []),
...            report("c", "乙镇", 2022, ["x"])]
>>> [(r.year, r.units, r.adopters, r.share) for r in adoption_curves(reports, "county") if r.mechanism == "x"]
[(2021, 2, 1, 0.5), (2022, 2, 2, 1.0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.analysis.profile import mechanism_label
from kg.analysis.records import ReportProfile, Unit
from kg.errors import UsageError

__all__ = [
    "LEVELS",
    "AdoptionRow",
    "FirstYearRow",
    "PanelRow",
    "adoption_curves",
    "first_years",
    "panel_rows",
    "unit_years",
]

#: Areas adoption curves are drawn for, from the widest.
LEVELS = ("all", "province", "city", "county")


@dataclass(frozen=True)
class PanelRow:
    """A unit names a mechanism with a stance in its report of a year (``panel.csv``)."""

    unit: str
    county: str
    province: str
    year: int
    mechanism: str
    stance: str
    city: str
    mechanism_label: str
    report: str


def _observed(profiles: Iterable[ReportProfile]) -> list[ReportProfile]:
    return sorted(
        (p for p in profiles if p.unit.known and p.year is not None),
        key=lambda p: (p.unit, p.year, p.report),
    )


def panel_rows(profiles: Iterable[ReportProfile]) -> list[PanelRow]:
    """The long unit-year-mechanism-stance panel, sorted; versions of one year merged."""
    seen: dict[tuple, PanelRow] = {}
    for p in _observed(profiles):
        assert p.year is not None
        for m in p.mechanisms:
            key = (p.unit, p.year, m.key, m.stance)
            if key not in seen:
                seen[key] = PanelRow(
                    unit=p.unit.name,
                    county=p.unit.county,
                    province=p.unit.province,
                    year=p.year,
                    mechanism=m.key,
                    stance=m.stance,
                    city=p.unit.city,
                    mechanism_label=mechanism_label(m.key),
                    report=p.report,
                )
    return [seen[k] for k in sorted(seen)]


def unit_years(profiles: Iterable[ReportProfile]) -> list[tuple[Unit, int]]:
    """Every unit-year observed (a unit with a report of that year), sorted."""
    return sorted({(p.unit, p.year) for p in _observed(profiles) if p.year is not None})


@dataclass(frozen=True)
class FirstYearRow:
    """When a unit first names a mechanism, and first reports it adopted (``first_years.csv``)."""

    unit: str
    county: str
    city: str
    province: str
    mechanism: str
    mechanism_label: str
    first_year: int
    first_stance: str
    first_adopted: int | None
    first_report: str
    years_observed: int
    first_observed: int


def first_years(profiles: Iterable[ReportProfile]) -> list[FirstYearRow]:
    """The first year each unit names each mechanism (any stance) and first adopts it."""
    observed: dict[Unit, list[int]] = defaultdict(list)
    first: dict[tuple[Unit, str], tuple[int, str, str]] = {}
    adopted: dict[tuple[Unit, str], int] = {}
    stance_order = {"adopted": 0, "planned": 1, "problem": 2}
    for p in _observed(profiles):
        assert p.year is not None
        if not observed[p.unit] or observed[p.unit][-1] != p.year:
            observed[p.unit].append(p.year)
        for m in sorted(p.mechanisms, key=lambda m: stance_order.get(m.stance, 3)):
            first.setdefault((p.unit, m.key), (p.year, m.stance, p.report))
            if m.stance == "adopted":
                adopted.setdefault((p.unit, m.key), p.year)
    rows = []
    for (unit, key), (year, stance, report) in sorted(first.items()):
        rows.append(
            FirstYearRow(
                unit=unit.name,
                county=unit.county,
                city=unit.city,
                province=unit.province,
                mechanism=key,
                mechanism_label=mechanism_label(key),
                first_year=year,
                first_stance=stance,
                first_adopted=adopted.get((unit, key)),
                first_report=report,
                years_observed=len(observed[unit]),
                first_observed=observed[unit][0],
            )
        )
    return rows


@dataclass(frozen=True)
class AdoptionRow:
    """Cumulative adoption of a mechanism in an area by a year (``adoption.csv``).

    ``units`` have a report of this year or earlier; ``adopters`` of them have
    reported the mechanism adopted by this year; ``share`` = adopters / units.
    """

    level: str
    area: str
    mechanism: str
    mechanism_label: str
    year: int
    units: int
    adopters: int
    new_adopters: int
    share: float


def _area(unit: Unit, level: str) -> str:
    if level == "all":
        return "全部"
    if level == "province":
        return unit.province or "（未知省份）"
    if level == "city":
        return "".join((unit.province, unit.city)) or "（未知地市）"
    return "".join((unit.province, unit.city, unit.county)) or "（未知县区）"


def adoption_curves(
    profiles: Iterable[ReportProfile], level: str = "province", stance: str = "adopted"
) -> list[AdoptionRow]:
    """Cumulative adoption curves of every mechanism in every area of ``level``.

    ``stance`` ``adopted`` (default) counts a unit from the first year it
    reports the mechanism adopted; ``any`` from the first year it names it.

    Raises
    ------
    UsageError
        An unknown level or stance.
    """
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}: choose from {', '.join(LEVELS)}")
    if stance not in ("adopted", "any"):
        raise UsageError(f"unknown stance {stance!r}: choose adopted or any")
    reports = _observed(profiles)
    entry: dict[Unit, int] = {}
    adopt: dict[tuple[Unit, str], int] = {}
    for p in reports:
        assert p.year is not None
        entry.setdefault(p.unit, p.year)
        for m in p.mechanisms:
            if stance == "any" or m.stance == "adopted":
                key = (p.unit, m.key)
                adopt[key] = min(adopt.get(key, p.year), p.year)
    if not reports:
        return []
    years = range(min(entry.values()), max(p.year for p in reports if p.year is not None) + 1)
    # units entering each area per year, and adopters of each mechanism per area and year
    entering: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for unit, year in entry.items():
        entering[_area(unit, level)][year] += 1
    adopting: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (unit, mechanism), year in adopt.items():
        adopting[(_area(unit, level), mechanism)][year] += 1
    rows = []
    for (area, mechanism), by_year in sorted(adopting.items()):
        units = adopters = 0
        for year in years:
            units += entering[area].get(year, 0)
            new = by_year.get(year, 0)
            adopters += new
            if units:
                rows.append(
                    AdoptionRow(
                        level=level,
                        area=area,
                        mechanism=mechanism,
                        mechanism_label=mechanism_label(mechanism),
                        year=year,
                        units=units,
                        adopters=adopters,
                        new_adopters=new,
                        share=round(adopters / units, 4),
                    )
                )
    return rows
