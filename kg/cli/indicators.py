"""``kg indicators``: common figures under canonical names, and each unit's time series."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.cli.profile_source import add_source_argument, load_profiles
from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "indicators",
        help="common figures under canonical names; time series",
        description="Map the figures reports give (化解矛盾纠纷72起, 调解成功率达98.5%%) to "
        "canonical indicators (kg/analysis/data/indicators.toml) with value, unit and "
        "qualifier kept; print how many units report each, or one unit's series by year "
        "(--unit); writes indicator_values.csv and indicator_series.csv.",
    )
    add_source_argument(p, nargs="*")
    p.add_argument("--unit", default=None, help="print this unit's series (e.g. 苇岗镇)")
    p.add_argument("--indicator", default=None, help="only this canonical indicator (its id)")
    p.add_argument("--list", action="store_true", help="list the canonical indicators and stop")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.analysis.changes import find_unit
    from kg.analysis.indicators import (
        IndicatorRow,
        SeriesRow,
        catalogue,
        format_value,
        indicator_rows,
        series_rows,
    )
    from kg.files import atomic_write
    from kg.output.research import rows_csv, text_table

    entries = {e.id: e for e in catalogue()}
    if args.list:
        print(
            text_table(
                ("id", "中文", "English", "unit"), ((e.id, e.zh, e.en, e.unit) for e in catalogue())
            )
        )
        return 0
    if args.indicator is not None and args.indicator not in entries:
        raise UsageError(
            f"unknown indicator {args.indicator!r}: `kg indicators --list` shows the ids"
        )
    source = load_profiles(args.source or [Path("outputs")], args.out)
    series = [s for s in series_rows(source.profiles()) if args.indicator in (None, s.indicator)]
    if args.unit is not None:
        # Imported when the command runs: `kg --help` and the other commands start without it.
        from kg.analysis.records import Unit

        units = {Unit(s.province, "", s.county, s.unit) for s in series}
        found = find_unit(units, args.unit)
        if len(found) != 1:
            raise UsageError(
                f"{args.unit!r} matches {len(found)} units with figures"
                + (": give the county too" if found else "")
            )
        unit = found[0]
        mine = [
            s
            for s in series
            if (s.province, s.county, s.unit) == (unit.province, unit.county, unit.name)
        ]
        years = sorted({s.year for s in mine})
        cells: dict[str, dict[int, str]] = {}
        for s in mine:
            cells.setdefault(s.indicator, {})[s.year] = format_value(
                s.value, s.value_unit, s.qualifier
            )
        print(f"{unit.label}: figures by year (results only; the largest of several counts)")
        print(
            text_table(
                ("indicator", "中文", *map(str, years)),
                ((i, entries[i].zh, *(cells[i].get(y, "") for y in years)) for i in sorted(cells)),
            )
        )
    else:
        reporting: dict[str, set[tuple[str, str, str]]] = {}
        for s in series:
            reporting.setdefault(s.indicator, set()).add((s.province, s.county, s.unit))
        print(
            text_table(
                ("indicator", "中文", "English", "units reporting it"),
                (
                    (i, entries[i].zh, entries[i].en, len(reporting[i]))
                    for i in sorted(reporting, key=lambda i: (-len(reporting[i]), i))
                ),
            )
        )
    values = [v for v in indicator_rows(source.profiles()) if args.indicator in (None, v.indicator)]
    for path in (
        atomic_write(source.out / "indicator_values.csv", rows_csv(values, IndicatorRow)),
        atomic_write(source.out / "indicator_series.csv", rows_csv(series, SeriesRow)),
    ):
        print(f"wrote {path}")
    return 0
