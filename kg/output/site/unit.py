"""The page of one unit: mechanisms by stance and year with evidence, laws, officials,
indicators over years, similar units, and the research tables (issue 16) where a build has them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg.output.site.data import STANCE_ORDER, SiteData
from kg.output.site.home import _county_key
from kg.output.site.render import page

__all__ = ["RESEARCH_PANELS", "render"]

#: Tables of the research outputs shown on a unit page when the build folder has them:
#: file, panel title, anchor.
RESEARCH_PANELS = (
    ("scorecard.csv", "评分 Scorecard", "scorecard"),
    ("copies.csv", "雷同段落 Copies", "copies"),
    ("panel.csv", "逐年 Panel over years", "panel"),
    ("changes.csv", "变化 Change over time", "changes"),
)


def render(data: SiteData, key: str, open_key: str = "") -> str | None:
    """The unit page, or None for an unknown unit."""
    unit = data.units.get(key)
    if unit is None:
        return None
    years = sorted({y for r in unit.reports if (y := data.reports[r].year) is not None})
    evidence = defaultdict(list)
    for item in data.evidence(reports=unit.reports):
        evidence[item.entity].append(item)
    # mechanism -> its row: "key", "by_year" (year -> stances) and "evidence"
    rows: dict[str, dict[str, Any]] = {}
    counts = dict.fromkeys(STANCE_ORDER, 0)
    for fact in data.facts_of_unit.get(key, ()):
        counts[fact.stance] += 1
        row = rows.setdefault(
            fact.mechanism, {"key": fact.mechanism, "by_year": defaultdict(list), "evidence": []}
        )
        for year in fact.years:
            row["by_year"][year].append(fact.stance)
    for mech, row in rows.items():
        row["evidence"] = sorted(
            (e for e in evidence.get(mech, ()) if e.stance),
            key=lambda e: (-(e.year or 0), STANCE_ORDER.index(e.stance), e.sentence),
        )
    mech_rows = sorted(
        rows.values(),
        key=lambda r: (
            -sum("adopted" in s for s in r["by_year"].values()),
            data.mechanisms[r["key"]].label,
        ),
    )
    indicators: dict[str, dict[int, str]] = defaultdict(dict)
    for name, when, qualifier, value, measure in data.indicators_of(unit):
        shown = f"{value}{measure}{qualifier}"
        cell = indicators[name]
        if when is not None:
            cell[when] = f"{cell[when]}；{shown}" if when in cell else shown
    panels = []
    for file, title, anchor in RESEARCH_PANELS:
        found = data.rows_of_unit(file, unit)
        if found is None:
            continue
        columns = list(found[0]) if found else []
        panels.append(
            {"file": file, "title": title, "id": anchor, "rows": found, "columns": columns}
        )
    return page(
        "unit.html",
        root="../",
        title=unit.label,
        page_kind="unit",
        data=data,
        unit=unit,
        county_key=_county_key(unit),
        years=years,
        counts=counts,
        mech_rows=mech_rows,
        open_key=open_key,
        laws=data.laws_of(unit),
        officials=data.officials_of(unit),
        indicators=sorted(indicators.items()),
        similar=data.similar_units(unit),
        panels=panels,
    )
