"""``kg eval``: score the extractors against hand-made gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval",
        help="precision, recall and F1 of the extractors against gold files",
        description="Run the extractors on REPORTS and compare with the gold files "
        "in GOLD_DIR (paired by report file name; schema in "
        "tests/gold/README.md). Prints a table per entity type and "
        "relation, then every false positive and false negative. With "
        "--annotator, a second annotator's gold takes the extractors' place.",
    )
    p.add_argument("gold", type=Path, metavar="GOLD_DIR", help="folder of gold .json files")
    p.add_argument(
        "reports", nargs="+", type=Path, metavar="REPORTS", help="report files or folders"
    )
    p.add_argument(
        "--addresses",
        type=Path,
        metavar="TABLE",
        help="the web page each report was saved from, as kg build --addresses reads it",
    )
    p.add_argument(
        "--annotator",
        type=Path,
        metavar="DIR",
        help="score a second annotator's gold files in DIR against GOLD_DIR instead of "
        "the extractors (inter-annotator agreement)",
    )
    p.add_argument("--json", action="store_true", help="print the scores and errors as JSON")
    p.add_argument("--per-report", action="store_true", help="also print each report's table")
    p.add_argument("--no-errors", action="store_true", help="do not list the errors")
    p.add_argument(
        "--check", action="store_true", help="exit 1 when a target of the issue is missed"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.evaluate import (
        below_target,
        error_lines,
        evaluate,
        load_gold_dir,
        score_table,
        to_json,
    )

    second = load_gold_dir(args.annotator) if args.annotator else None
    evaluation = evaluate(load_gold_dir(args.gold), args.reports, args.addresses, second)
    if args.json:
        print(json.dumps(to_json(evaluation), ensure_ascii=False, indent=1))
    else:
        if args.per_report:
            for report in dict.fromkeys(r.report for r in evaluation.scores if r.report != "ALL"):
                print(f"== {report}\n{score_table(evaluation, report)}\n")
        print(f"== all reports (micro-averaged)\n{score_table(evaluation)}")
        if not args.no_errors and evaluation.errors:
            print("\n== errors (report, type, FP/FN, key, section, evidence)")
            print("\n".join(error_lines(evaluation)))
    return 1 if args.check and below_target(evaluation) else 0
