"""Indicators you can compare: common figures under canonical names, and their time series.

Reports give the same figure in many wordings (化解矛盾纠纷72起, 调处纠纷
10起, 成功调解各类纠纷31件); ``data/indicators.toml`` names about thirty
common ones once (disputes mediated, mediation success rate, administrative
reconsideration and litigation cases, heads appearing in court, law-study
sessions, legal-publicity events, documents reviewed ...), each with the
regular expression its names match and the units it is counted in.  The
value, unit and qualifier (余, 达, 以上) stay as the report wrote them.

A figure in the plans part is a target, not a result: it is kept in the
table (``section`` says so) but left out of the time series.  When one
report gives several figures of one indicator, the series takes the largest
count (the total; the others are its parts) or the first rate.

Examples
--------
>>> [canonical(n, u).id for n, u in [("化解矛盾纠纷", "起"), ("调解成功率", "%"), ("集体学法", "次")]]
['disputes-mediated', 'mediation-success-rate', 'law-study-sessions']
>>> canonical("化解矛盾纠纷", "元") is None
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from importlib import resources

from kg.analysis.records import Evidence, IndicatorValue, ReportProfile
from kg.model import EntityType, ExtractedReport, SectionKind

__all__ = [
    "IndicatorDef",
    "IndicatorRow",
    "SeriesRow",
    "canonical",
    "format_value",
    "catalogue",
    "indicator_rows",
    "report_indicators",
    "series_of",
    "series_rows",
    "sort_series",
]


@dataclass(frozen=True)
class IndicatorDef:
    """A canonical indicator of ``data/indicators.toml``."""

    id: str
    zh: str
    en: str
    unit: str
    units: tuple[str, ...]
    match: re.Pattern[str]
    exclude: re.Pattern[str] | None

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


@cache
def catalogue() -> tuple[IndicatorDef, ...]:
    """The canonical indicators, in the order they are tried."""
    text = resources.files("kg.analysis").joinpath("data/indicators.toml").read_text("utf-8")
    return tuple(
        IndicatorDef(
            id=entry["id"],
            zh=entry["zh"],
            en=entry["en"],
            unit=entry["unit"],
            units=tuple(entry["units"]),
            match=re.compile(entry["match"]),
            exclude=re.compile(entry["exclude"]) if entry.get("exclude") else None,
        )
        for entry in tomllib.loads(text)["indicator"]
    )


@lru_cache(maxsize=65536)  # names repeat from report to report
def canonical(name: str, unit: str) -> IndicatorDef | None:
    """The canonical indicator an extracted figure's name and unit belong to, or None."""
    for entry in catalogue():
        if (
            unit in entry.units
            and entry.match.search(name)
            and not (entry.exclude and entry.exclude.search(name))
        ):
            return entry
    return None


_AFTER_NUMBER = ("余", "多", "以上", "左右")


def format_value(value: str, unit: str, qualifier: str) -> str:
    """A figure as a report writes it: 达98.5%, 60余次, 100人以上.

    >>> format_value("60", "次", "余"), format_value("98.5", "%", "达")
    ('60余次', '达98.5%')
    """
    if qualifier in _AFTER_NUMBER:
        return f"{value}{qualifier}{unit}" if qualifier != "以上" else f"{value}{unit}以上"
    return f"{qualifier}{value}{unit}"


def report_indicators(report: ExtractedReport) -> tuple[IndicatorValue, ...]:
    """Every figure of a report, with its canonical indicator (``""`` when it has none)."""
    doc = report.document
    found = []
    for m in report.mentions:
        if m.type != EntityType.INDICATOR or m.attr("value") is None:
            continue
        unit = m.attr("unit") or ""
        entry = canonical(m.key, unit)
        start, end = doc.source.offsets.span_to_source(m.start, m.end)
        found.append(
            IndicatorValue(
                indicator=entry.id if entry else "",
                name=m.key,
                value=m.attr("value") or "",
                unit=unit,
                qualifier=m.attr("qualifier") or "",
                section=m.section.value,
                evidence=Evidence(m.text, start, end),
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class IndicatorRow:
    """A figure under its canonical indicator (one row of ``indicator_values.csv``)."""

    unit: str
    county: str
    city: str
    province: str
    year: int | None
    report: str
    indicator: str
    indicator_zh: str
    indicator_en: str
    value: str
    value_unit: str
    qualifier: str
    name: str
    section: str
    start: int
    end: int
    text: str


def indicator_rows(profiles: Iterable[ReportProfile]) -> Iterator[IndicatorRow]:
    """Every figure that has a canonical indicator, report by report."""
    entries = {e.id: e for e in catalogue()}
    for p in profiles:
        for v in p.indicators:
            entry = entries.get(v.indicator)
            if entry is None:
                continue
            yield IndicatorRow(
                unit=p.unit.name,
                county=p.unit.county,
                city=p.unit.city,
                province=p.unit.province,
                year=p.year,
                report=p.report,
                indicator=entry.id,
                indicator_zh=entry.zh,
                indicator_en=entry.en,
                value=v.value,
                value_unit=v.unit,
                qualifier=v.qualifier,
                name=v.name,
                section=v.section,
                start=v.evidence.start,
                end=v.evidence.end,
                text=v.evidence.text,
            )


@dataclass(frozen=True)
class SeriesRow:
    """One unit's value of one indicator in one year (``indicator_series.csv``)."""

    unit: str
    county: str
    province: str
    indicator: str
    indicator_zh: str
    year: int
    value: str
    value_unit: str
    qualifier: str
    name: str
    report: str
    figures: int  # figures of this indicator the report gives (the series shows one)


def _number(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        return Decimal(0)


def year_values(profile: ReportProfile) -> dict[str, tuple[IndicatorValue, int]]:
    """Each canonical indicator's value in one report (results only) and how many it gives."""
    entries = {e.id: e for e in catalogue()}
    grouped: dict[str, list[IndicatorValue]] = {}
    for v in profile.indicators:
        if v.indicator and v.section != SectionKind.PLANS.value:
            grouped.setdefault(v.indicator, []).append(v)
    chosen = {}
    for indicator, values in grouped.items():
        if entries[indicator].is_rate:
            best = values[0]
        else:
            best = max(values, key=lambda v: _number(v.value))  # first of the largest
        chosen[indicator] = (best, len(values))
    return chosen


def series_of(p: ReportProfile) -> list[SeriesRow]:
    """One report's values of the canonical indicators (none without a unit or a year)."""
    if not p.unit.known or p.year is None:
        return []
    entries = {e.id: e for e in catalogue()}
    return [
        SeriesRow(
            unit=p.unit.name,
            county=p.unit.county,
            province=p.unit.province,
            indicator=indicator,
            indicator_zh=entries[indicator].zh,
            year=p.year,
            value=v.value,
            value_unit=v.unit,
            qualifier=v.qualifier,
            name=v.name,
            report=p.report,
            figures=n,
        )
        for indicator, (v, n) in year_values(p).items()
    ]


def sort_series(rows: Iterable[SeriesRow]) -> list[SeriesRow]:
    """Series rows by unit, indicator and year."""
    return sorted(rows, key=lambda r: (r.province, r.county, r.unit, r.indicator, r.year, r.report))


def series_rows(profiles: Iterable[ReportProfile]) -> list[SeriesRow]:
    """Time series: each unit's value of each indicator by year, sorted by unit, indicator, year.

    Reports without a unit or a year are left out; two reports of one unit and
    year (versions) give two rows.
    """
    return sort_series(row for p in profiles for row in series_of(p))
