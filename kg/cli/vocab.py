"""``kg vocab``: help a curator grow the mechanism vocabulary."""

from __future__ import annotations

import json
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "vocab",
        help="vocabulary curation: candidate mechanisms by frequency",
        description="Sub-commands for curating ontology/mechanisms.ttl.",
    )
    inner = p.add_subparsers(dest="vocab_command", metavar="ACTION")
    c = inner.add_parser(
        "candidates",
        help="list candidate mechanisms across reports by frequency",
        description="Named practices (…制度/机制/工作法, quoted “…” practices) "
        "that the vocabulary lacks, with how many reports and "
        "mentions name them and one evidence sentence.",
    )
    c.add_argument("paths", nargs="+", type=Path, help="report files or folders")
    c.add_argument(
        "--min-reports",
        type=int,
        default=1,
        help="show only candidates named in at least this many reports (default 1)",
    )
    c.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    c.set_defaults(run=run_candidates)
    p.set_defaults(run=lambda args: (p.print_help(), 64)[1])


def run_candidates(args) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.evaluate import candidate_rows

    rows = [r for r in candidate_rows(args.paths) if r.reports >= args.min_reports]
    if args.json:
        for r in rows:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        return 0
    print(f"{'reports':>7} {'mentions':>8}  candidate  (evidence)")
    for r in rows:
        print(f"{r.reports:7d} {r.mentions:8d}  {r.name}  ({r.evidence})")
    return 0
