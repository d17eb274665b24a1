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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from kg.analysis.profile import mechanism_label
from kg.analysis.records import ReportProfile, Unit
from kg.errors import UsageError

__all__ = [
    "LEVELS",
    "AdoptionRow",
    "FirstYearRow",
    "PanelRow",
    "adoption_curves",
    "by_unit",
    "first_years",
    "iter_first_years",
    "iter_panel_rows",
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


def by_unit(profiles: Iterable[ReportProfile]) -> Iterator[tuple[Unit, list[ReportProfile]]]:
    """Each known unit's dated reports, sorted by year (then id), unit after unit.

    The tables below are made unit by unit from this, so what they hold at
    once is one unit's reports, not the corpus's facts.
    """
    for unit, group in groupby(_observed(profiles), key=lambda p: p.unit):
        yield unit, list(group)


def iter_panel_rows(profiles: Iterable[ReportProfile]) -> Iterator[PanelRow]:
    """:func:`panel_rows`, one row at a time."""
    for unit, reports in by_unit(profiles):
        for year, same_year in groupby(reports, key=lambda p: p.year):
            first: dict[tuple[str, str], str] = {}  # versions of one year: the first names it
            for p in same_year:
                for m in p.mechanisms:
                    first.setdefault((m.key, m.stance), p.report)
            for (key, stance), report in sorted(first.items()):
                yield PanelRow(
                    unit=unit.name,
                    county=unit.county,
                    province=unit.province,
                    year=year,
                    mechanism=key,
                    stance=stance,
                    city=unit.city,
                    mechanism_label=mechanism_label(key),
                    report=report,
                )


def panel_rows(profiles: Iterable[ReportProfile]) -> list[PanelRow]:
    """The long unit-year-mechanism-stance panel, sorted; versions of one year merged."""
    return list(iter_panel_rows(profiles))


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


_STANCE_ORDER = {"adopted": 0, "planned": 1, "problem": 2}


def _unit_firsts(
    reports: list[ReportProfile],
) -> tuple[dict[str, tuple[int, str, str]], dict[str, int]]:
    """One unit's first naming (year, stance, report) and first adoption year of each mechanism."""
    first: dict[str, tuple[int, str, str]] = {}
    adopted: dict[str, int] = {}
    for p in reports:
        assert p.year is not None
        for m in sorted(p.mechanisms, key=lambda m: _STANCE_ORDER.get(m.stance, 3)):
            first.setdefault(m.key, (p.year, m.stance, p.report))
            if m.stance == "adopted":
                adopted.setdefault(m.key, p.year)
    return first, adopted


def iter_first_years(profiles: Iterable[ReportProfile]) -> Iterator[FirstYearRow]:
    """:func:`first_years`, one row at a time."""
    for unit, reports in by_unit(profiles):
        first, adopted = _unit_firsts(reports)
        years = sorted({p.year for p in reports if p.year is not None})
        for key, (year, stance, report) in sorted(first.items()):
            yield FirstYearRow(
                unit=unit.name,
                county=unit.county,
                city=unit.city,
                province=unit.province,
                mechanism=key,
                mechanism_label=mechanism_label(key),
                first_year=year,
                first_stance=stance,
                first_adopted=adopted.get(key),
                first_report=report,
                years_observed=len(years),
                first_observed=years[0],
            )


def first_years(profiles: Iterable[ReportProfile]) -> list[FirstYearRow]:
    """The first year each unit names each mechanism (any stance) and first adopts it."""
    return list(iter_first_years(profiles))


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
    # units entering each area per year, and adopters of each mechanism per area and year,
    # counted unit by unit
    entering: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    adopting: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    first_year, last_year = None, None
    for unit, reports in by_unit(profiles):
        area = _area(unit, level)
        entry = reports[0].year
        assert entry is not None
        entering[area][entry] += 1
        first, adopted = _unit_firsts(reports)
        chosen = {k: y for k, (y, _, _) in first.items()} if stance == "any" else adopted
        for mechanism, year in chosen.items():
            adopting[(area, mechanism)][year] += 1
        first_year = entry if first_year is None else min(first_year, entry)
        last_year = max(last_year or 0, reports[-1].year or 0)
    if first_year is None or last_year is None:
        return []
    years = range(first_year, last_year + 1)
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
