"""``kg scorecard``: grade each report on the five required parts, causes, concreteness, dates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.cli.profile_source import add_source_argument, load_profiles
from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from kg.analysis.records import ReportProfile

_SYMBOL = {"present": "✓", "merged": "◐", "missing": "✗"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "scorecard",
        help="grade reports: required parts, causes, concreteness, dates",
        description="Check each report as a county reviewer does: the five parts the 2019 "
        "督察工作规定 requires (present, merged or missing, with the heading or sentence "
        "that shows each), whether shortcomings come with causes, figures, named cases and "
        "named documents per 1,000 characters, signatures, signing and publication dates and "
        "days past the deadline (1 April of the next year), and a grade by a written rule. "
        "Prints the reports; writes scorecard.csv and scorecard.html.",
    )
    add_source_argument(p)
    p.add_argument(
        "--rule",
        type=Path,
        default=None,
        metavar="FILE",
        help="grading rule (TOML; default: kg/analysis/data/grading.toml, copy it to change it)",
    )
    p.add_argument(
        "--county",
        default=None,
        help="only the reports of this county (or city, or province), e.g. 全南县",
    )
    p.add_argument(
        "--per-county",
        action="store_true",
        help="also write one page per county into scorecard/ (COUNTY.html)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.analysis.scorecard import ScorecardRow, load_rule, scorecard_rows
    from kg.files import atomic_write
    from kg.output.research import rows_csv, text_table
    from kg.output.scorecard import scorecard_page, scorecard_pages

    rule = load_rule(args.rule)
    source = load_profiles(args.source, args.out)

    def chosen() -> Iterator[ReportProfile]:
        for p in source.profiles():
            if args.county is None or args.county in (p.unit.county, p.unit.city, p.unit.province):
                yield p

    rows = list(scorecard_rows(chosen(), rule))
    if not rows:
        raise UsageError(f"no report of {args.county}: check the name in scorecard.csv")
    print(
        text_table(
            (
                "unit",
                "county",
                "year",
                "parts 1-5",
                "causes",
                "fig/1k",
                "case/1k",
                "doc/1k",
                "signed",
                "days late",
                "score",
                "grade",
            ),
            (
                (
                    r.unit,
                    r.county,
                    r.year,
                    "".join(
                        _SYMBOL[s] for s in (r.achievements, r.problems, r.duties, r.plans, r.other)
                    ),
                    r.causes,
                    r.figures_per_1k,
                    r.cases_per_1k,
                    r.documents_per_1k,
                    ("党" if r.party_signature else "") + ("政" if r.government_signature else ""),
                    r.days_past_deadline,
                    r.score,
                    r.grade,
                )
                for r in sorted(rows, key=lambda r: (r.province, r.county, r.unit, r.year or 0))
            ),
        )
    )
    grades = {name: sum(r.grade == name for r in rows) for name, _ in rule.grades}
    print(
        "grades: "
        + ", ".join(f"{name} {n}" for name, n in grades.items())
        + f" (rule: {rule.source})"
    )
    title = (
        f"{args.county} 法治政府建设年度报告评分"
        if args.county
        else "法治政府建设年度报告评分 Scorecard"
    )
    written = [
        atomic_write(source.out / "scorecard.csv", rows_csv(rows, ScorecardRow)),
        atomic_write(source.out / "scorecard.html", scorecard_page(chosen(), rule, title)),
    ]
    if args.per_county:
        for name, page in scorecard_pages(chosen(), rule).items():
            written.append(
                atomic_write(source.out / "scorecard" / f"{_file_name(name)}.html", page)
            )
    for path in written:
        print(f"wrote {path}")
    return 0


def _file_name(name: str) -> str:
    """A county name as a file name (no path separators or control characters)."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name) or "_"
