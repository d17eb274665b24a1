"""``kg vocab``: help a curator grow the mechanism vocabulary."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

_EVIDENCE_WIDTH = 40  # characters of the evidence sentence shown in the table


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "vocab",
        help="vocabulary curation: candidate mechanisms ranked by the units naming them",
        description="Sub-commands for curating ontology/mechanisms.ttl.",
    )
    inner = p.add_subparsers(dest="vocab_command", metavar="ACTION")
    c = inner.add_parser(
        "candidates",
        help="list candidate mechanisms across reports, most units first",
        description="Named practices (…制度, …机制, …工作法, quoted “…” practices) that the "
        "vocabulary lacks, ranked by the number of units (townships, counties, departments) "
        "naming them, then reports and mentions, with the first sentence and file naming each. "
        "A unit is the report's place in the gazetteer; a report whose unit is unknown counts "
        "as a unit of its own.",
    )
    c.add_argument("paths", nargs="+", type=Path, help="report files or folders")
    c.add_argument(
        "--min-units",
        type=int,
        default=1,
        help="show only candidates named by at least this many units (default 1)",
    )
    c.add_argument("--top", type=int, default=0, help="show only the first K rows (0: all)")
    c.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="also write every row to FILE as CSV (units, reports, mentions, name, "
        "evidence sentence, file, the units)",
    )
    c.add_argument(
        "--no-evidence", action="store_true", help="leave the evidence sentence out of the table"
    )
    c.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    c.set_defaults(run=run_candidates)

    def help_only(args: argparse.Namespace) -> int:
        p.print_help()
        return 64

    p.set_defaults(run=help_only)


def run_candidates(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without them.
    from kg.analysis.candidates import candidate_rows
    from kg.errors import UsageError
    from kg.files import atomic_write
    from kg.ingest.inputs import collect_inputs
    from kg.output.tables import csv_text
    from kg.query.sparql import QueryResult, format_table
    from kg.run.report import extract_report

    files, problems = collect_inputs(args.paths)
    for problem in problems:
        print(f"kg: {problem.category}: {problem.path}: {problem.reason}", file=sys.stderr)
    if not files:
        raise UsageError("no report files found in " + ", ".join(map(str, args.paths)))
    rows = [r for r in candidate_rows(map(extract_report, files)) if r.units >= args.min_units]
    if args.csv:
        text = csv_text(
            ("units", "reports", "mentions", "candidate", "evidence", "file", "unit_names"),
            (
                (
                    r.units,
                    r.reports,
                    r.mentions,
                    r.name,
                    r.evidence,
                    r.file,
                    "；".join(r.unit_names),
                )
                for r in rows
            ),
        )
        print(f"wrote {atomic_write(args.csv, text)}", file=sys.stderr)
    shown = rows[: args.top] if args.top else rows
    if args.json:
        for r in shown:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        return 0
    columns: tuple[str, ...] = ("units", "reports", "mentions", "candidate", "file")
    columns += () if args.no_evidence else ("evidence",)
    table = []
    for r in shown:
        cells: tuple[str, ...] = (
            str(r.units),
            str(r.reports),
            str(r.mentions),
            r.name,
            Path(r.file).name,
        )
        if not args.no_evidence:
            short = r.evidence[:_EVIDENCE_WIDTH]
            cells += (short + ("…" if len(r.evidence) > _EVIDENCE_WIDTH else ""),)
        table.append(cells)
    print(
        f"{len(files)} reports, {len(rows)} candidate mechanisms named by {args.min_units}+ units"
    )
    print(format_table(QueryResult(columns, tuple(table))))
    return 0
