"""The home page (the corpus at a glance, search) and a page per county listing its units."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from kg.output.site.data import SiteData, Unit
from kg.output.site.render import page

__all__ = [
    "County",
    "Province",
    "counties",
    "province_key",
    "provinces",
    "render",
    "render_county",
    "render_province",
    "search_rows",
    "units_of_county",
]

#: Problems listed on the home page; the rest are counted.
PROBLEMS_SHOWN = 50
#: Up to this many counties the home page lists them; above it, provinces (a page each).
COUNTIES_SHOWN = 60


@dataclass(frozen=True)
class Province:
    """Counts of one province, for the home page of a large corpus."""

    key: str
    province: str
    counties: int
    units: int
    reports: int


def province_key(name: str) -> str:
    """The page key of a province (of its name; "" for units not placed)."""
    return "p-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def provinces(data: SiteData) -> dict[str, Province]:
    """Province key -> Province, by name (worked out once)."""

    def make() -> dict[str, Province]:
        by: dict[str, list[County]] = {}
        for county in counties(data).values():
            by.setdefault(county.province, []).append(county)
        return {
            province_key(name): Province(
                province_key(name),
                name,
                len(found),
                sum(c.units for c in found),
                sum(c.reports for c in found),
            )
            for name, found in sorted(by.items(), key=lambda kv: kv[0] or "\uffff")
        }

    return data.memo("provinces", make)


@dataclass(frozen=True)
class County:
    """Units of one county (or of no known county), for the home page and the county page."""

    key: str
    province: str
    city: str
    county: str
    units: int
    reports: int


def _county_key(unit: Unit) -> str:
    place = f"{unit.province}/{unit.city}/{unit.county}"
    return "c-" + hashlib.sha256(place.encode("utf-8")).hexdigest()[:12]


def counties(data: SiteData) -> dict[str, County]:
    """County key -> County, in order of province, city and county (worked out once)."""
    return data.memo("counties", lambda: _counties(data))


def units_of_county(data: SiteData) -> dict[str, list[Unit]]:
    """County key -> its units, by label (worked out once)."""

    def make() -> dict[str, list[Unit]]:
        found: dict[str, list[Unit]] = {}
        for unit in data.units.values():
            found.setdefault(_county_key(unit), []).append(unit)
        for units in found.values():
            units.sort(key=lambda u: (data.unit_label(u.key), u.key))
        return found

    return data.memo("units_of_county", make)


def _counties(data: SiteData) -> dict[str, County]:
    units: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    first: dict[str, Unit] = {}
    for unit in data.units.values():
        key = _county_key(unit)
        units[key] += 1
        reports[key] += len(unit.reports)
        first.setdefault(key, unit)
    found = [
        County(k, u.province, u.city, u.county, units[k], reports[k]) for k, u in first.items()
    ]
    found.sort(key=lambda c: (c.province or "\uffff", c.city, c.county))
    return {c.key: c for c in found}


def render(data: SiteData, *, pinyin: bool) -> str:
    """The home page."""
    found = counties(data)
    years = sorted(data.years.items())
    problem_counts = Counter(p.get("category", "") for p in data.problems)
    return page(
        "home.html",
        root="",
        title="总览 overview",
        page_kind="home",
        counts={
            "reports": len(data.reports),
            "units": len(data.units),
            "counties": sum(1 for c in found.values() if c.county),
            "mechanisms": len(data.stance_counts),
            "problems": len(data.problems),
        },
        years=years,
        max_year=max((n for _, n in years), default=1),
        counties=list(found.values()) if len(found) <= COUNTIES_SHOWN else [],
        provinces=list(provinces(data).values()),
        province_key=province_key,
        problems=data.problems[:PROBLEMS_SHOWN],
        more_problems=max(0, len(data.problems) - PROBLEMS_SHOWN),
        problem_counts=sorted(problem_counts.items()),
        pinyin=pinyin,
    )


def render_province(data: SiteData, key: str) -> str | None:
    """The page of one province's counties, or None for an unknown key."""
    province = provinces(data).get(key)
    if province is None:
        return None
    found = [c for c in counties(data).values() if c.province == province.province]
    return page(
        "province.html",
        root="../",
        title=province.province or "units not placed",
        page_kind="province",
        province=province.province,
        counties=found,
    )


def render_county(data: SiteData, key: str) -> str | None:
    """The page of one county's units, or None for an unknown key."""
    county = counties(data).get(key)
    if county is None:
        return None
    units = units_of_county(data).get(key, [])
    return page(
        "county.html",
        root="../",
        title=county.county or "units not placed",
        page_kind="county",
        county=county,
        province_key=province_key,
        units=units,
        data=data,
        years_of=lambda u: "、".join(
            sorted({str(data.reports[r].year) for r in u.reports if data.reports[r].year})
        ),
    )


def search_rows(data: SiteData) -> list[list[str]]:
    """[label, pinyin initials, kind, page path, detail] of every unit, mechanism and report."""
    initials = _initials()
    rows = []
    for unit in data.units.values():
        detail = " ".join(x for x in (unit.province, unit.city, unit.county) if x)
        rows.append(
            [
                data.unit_label(unit.key),
                initials(unit.label),
                "unit",
                f"unit/{unit.key}.html",
                detail,
            ]
        )
    for mech in data.mechanisms.values():
        names = " ".join((mech.label, mech.label_en, *mech.variants))
        rows.append(
            [mech.label, initials(mech.label), "mechanism", f"mechanism/{mech.key}.html", names]
        )
    for report in data.reports.values():
        rows.append(
            [
                report.title,
                initials(report.title),
                "report",
                f"report/{report.key}.html",
                report.file_name,
            ]
        )
    return rows


def _initials() -> Callable[[str], str]:
    """A function giving the pinyin initials of Chinese text, or one giving "" without pypinyin."""
    try:
        # Optional: pinyin search needs pypinyin (offline, its dictionaries ship inside it).
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return lambda text: ""

    def initials(text: str) -> str:
        letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
        return "".join(x for x in letters if x.isalnum()).lower()

    return initials


def has_pinyin() -> bool:
    """Whether search can match pinyin initials (pypinyin installed)."""
    try:
        # Optional dependency, see _initials.
        import pypinyin  # noqa: F401
    except ImportError:
        return False
    return True
