"""``kg compare``: a unit's report against its previous one, year by year."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse

_HEADINGS = {
    "mechanism-added": "新增机制 mechanisms added",
    "mechanism-dropped": "不再提及 mechanisms dropped",
    "plan-realised": "上年计划已落实 last year's plans realised",
    "plan-not-realised": "上年计划未见落实 last year's plans not realised",
    "problem-repeated": "问题重复出现 problems repeated",
    "figure-changed": "数据变化 figures changed",
    "figure-unchanged": "数据未变 figures unchanged",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="a unit's report against its previous one, year by year",
        description="For a unit with reports of several years: mechanisms added and dropped, "
        "last year's plans that became this year's results (and those that did not), "
        "problems repeated, figures that changed. UNIT is a name (黄鹤镇), or a name with its "
        "county (石柱土家族自治县黄鹤镇) when several units share it; `all` lists every unit "
        "with several years and writes changes.csv for all of them.",
    )
    p.add_argument("unit", metavar="UNIT", help="the unit, or `all`")
    p.add_argument(
        "source",
        nargs="*",
        type=Path,
        default=[Path("outputs")],
        metavar="OUT_OR_REPORTS",
        help="an output folder of `kg build`, or report files and folders (default: outputs/)",
    )
    p.add_argument(
        "-o",
        "--out",
        type=Path,
        default=None,
        help="where `all` writes changes.csv (default: the output folder read)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.analysis.changes import by_unit, change_rows, find_unit, unit_changes
    from kg.cli.profile_source import load_profiles
    from kg.files import atomic_write
    from kg.output.research import changes_csv, text_table

    source = load_profiles(args.source or [Path("outputs")], args.out)
    units = by_unit(source.profiles())
    if args.unit == "all":
        rows = list(change_rows(source.profiles()))
        several = {u: r for u, r in units.items() if len(r) > 1}
        print(
            text_table(
                (
                    "unit",
                    "years",
                    "added",
                    "dropped",
                    "plans realised",
                    "not realised",
                    "problems repeated",
                    "figures changed",
                    "unchanged",
                ),
                (
                    (u.label, "、".join(str(p.year) for p in reports))
                    + tuple(
                        sum(
                            r.kind == kind
                            for r in rows
                            if (r.unit, r.county, r.province) == (u.name, u.county, u.province)
                        )
                        for kind in _HEADINGS
                    )
                    for u, reports in sorted(several.items())
                ),
            )
        )
        print(f"wrote {atomic_write(source.out / 'changes.csv', changes_csv(rows))}")
        return 0
    found = find_unit(units, args.unit)
    if not found:
        known = sorted(u for u, r in units.items() if len(r) > 1)
        hint = "、".join(u.label for u in known[:10]) or "none in this corpus"
        raise UsageError(
            f"no unit {args.unit!r} with a dated report; units with several years: {hint}"
        )
    if len(found) > 1:
        raise UsageError(
            f"{args.unit!r} names {len(found)} units: "
            + "、".join(f"{u.province}{u.city}{u.county}{u.name}" for u in found)
            + "; give the county too, e.g. "
            + f"{found[0].county}{found[0].name}"
        )
    unit = found[0]
    reports = units[unit]
    print(f"{unit.label}  {unit.province}{unit.city}{unit.county}")
    print("reports: " + "; ".join(f"{p.year} {Path(p.path).name}" for p in reports))
    if len(reports) < 2:
        print("only one year: nothing to compare")
        return 0
    rows = unit_changes(reports)
    for before, after in zip(reports, reports[1:]):
        print(f"\n=== {before.year} -> {after.year}")
        for kind, heading in _HEADINGS.items():
            mine = [r for r in rows if r.kind == kind and r.report_to == after.report]
            if not mine:
                continue
            print(f"{heading} ({len(mine)}):")
            for r in mine:
                value = f"  {r.before} -> {r.after}" if r.about == "indicator" else ""
                if r.about == "problem" and r.before != r.after:
                    value = f"  (上年: {r.before})"
                where = r.evidence_to or r.evidence_from
                span = f"  [{where.start}-{where.end}]" if where else ""
                print(f"  {r.label}{value}{span}")
    return 0
