"""``kg towns``: towns similar by their mechanisms (table, CSV, JSON)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.cli.cooccur import add_source_arguments, load_source
from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "towns",
        help="towns similar by their mechanisms",
        description="Compare towns by their sets of mechanisms: each town's nearest towns, the "
        "mechanisms only one town has, and (when the corpus spans them) how many "
        "towns have each mechanism by year and by province. Writes towns-SECTION.csv "
        "(each town's nearest towns as pairs, or --all-pairs) and towns-SECTION.json "
        "(everything).",
    )
    add_source_arguments(p)
    p.add_argument(
        "--measure",
        choices=("jaccard", "cosine"),
        default="jaccard",
        help="similarity of two towns' mechanism sets (default: jaccard)",
    )
    p.add_argument(
        "--top", type=int, default=3, metavar="K", help="nearest towns listed per town (default: 3)"
    )
    p.add_argument(
        "--all-pairs",
        action="store_true",
        help="write every pair of towns sharing a mechanism to the CSV, not only "
        "each town's K nearest (N(N-1)/2 rows for N towns)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.analysis.towns import town_report
    from kg.files import atomic_write
    from kg.output.cooccurrence import towns_csv, towns_json, towns_text

    if args.top < 1:
        raise UsageError(f"--top must be at least 1, not {args.top}")
    graph, out = load_source(args.source, args.out)
    report = town_report(graph, args.section, args.measure, args.top, args.all_pairs)
    print(towns_text(report))
    for name, text in (
        (f"towns-{args.section}.csv", towns_csv(report)),
        (f"towns-{args.section}.json", towns_json(report)),
    ):
        print(f"wrote {atomic_write(out / name, text)}")
    return 0
