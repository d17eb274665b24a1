"""Every named query as a person runs it: the whole ``kg query OUT --name NAME`` command.

Each run is a fresh process (start-up and imports, the store opened read-only or the rows a
build stored read, the SPARQL, the rows converted, formatted and written), its output sent
to /dev/null; wall and CPU seconds (user + system of the command) are the medians of
``--reps`` runs, the queries interleaved round by round so each sees the same load. A query
with a ``town`` parameter also runs for one town (``--town``). The load average is printed
before and after. ``--before CHECKOUT`` runs each command with that code too, in turn (its
median beside this code's). ``benchmarks/pipeline.py --graph`` times the query alone, inside
one process.

Usage::

    python benchmarks/query_cli.py /tmp/qf1000 --reps 3 --town 七星泡镇 --before /work/main
    python benchmarks/query_cli.py /tmp/qf1000 --reps 3 --queries mechanism_evidence --format csv
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(
    command: list[str], timeout: float, source: str | None = None
) -> tuple[float | None, float | None]:
    """Wall and CPU seconds of one command (None, None when it ran past ``timeout``),
    with the package imported from ``source`` (a checkout) if given."""
    env = dict(os.environ, PYTHONPATH=source) if source else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        subprocess.run(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=True,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return None, None
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a kg build output folder")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--town", help="a town label for the queries with a town parameter")
    parser.add_argument("--queries", default="", help="comma-separated names (default: all)")
    parser.add_argument("--skip", default="", help="comma-separated names to leave out")
    parser.add_argument("--format", default="table", help="kg query --format (default table)")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument(
        "--before", help="a checkout of older code: each command runs with it, then with this one"
    )
    args = parser.parse_args()

    from kg.query.sparql import list_queries

    runs: dict[str, list[str]] = {}
    wanted = set(filter(None, args.queries.split(",")))
    skipped = set(filter(None, args.skip.split(",")))
    for query in list_queries():
        if wanted and query.name not in wanted or query.name in skipped:
            continue
        base = [
            sys.executable,
            "-P",  # not the working folder first on the path: PYTHONPATH picks the code (--before)
            "-c",
            "from kg.cli import console; console()",  # what the `kg` script runs
            "query",
            str(args.out),
            "--name",
            query.name,
            "--format",
            args.format,
        ]
        runs[f"{query.name} (defaults)"] = base
        if args.town and "town" in dict(query.params):
            runs[f"{query.name} (town={args.town})"] = [*base, "-p", f"town={args.town}"]
    loads = [os.getloadavg()]
    sides = {"before": args.before, "after": None} if args.before else {"after": None}
    found: dict[tuple[str, str], list[tuple[float | None, float | None]]] = {
        (name, side): [] for name in runs for side in sides
    }
    for _ in range(args.reps):
        for name, command in runs.items():
            for side, source in sides.items():
                found[name, side].append(timed(command, args.timeout, source))
                print(name, side, found[name, side][-1], file=sys.stderr, flush=True)
    loads.append(os.getloadavg())
    head = " | ".join(f"{side}: wall s (CPU s)" for side in sides)
    print(f"| query (parameters) | {head} |")
    print("|---" + "|---:" * len(sides) + "|")
    for name in runs:
        cells = []
        for side in sides:
            done = [r for r in found[name, side] if r[0] is not None and r[1] is not None]
            if len(done) < len(found[name, side]):
                cells.append(f"> {args.timeout:.0f} (stopped)")
                continue
            wall = statistics.median(r[0] for r in done if r[0] is not None)
            cpu = statistics.median(r[1] for r in done if r[1] is not None)
            cells.append(f"{wall:.2f} ({cpu:.2f})")
        print(f"| {name} | {' | '.join(cells)} |")
    (a, b, c), (d, e, f) = loads
    print(
        f"\nload average {a:.1f}/{b:.1f}/{c:.1f} before, {d:.1f}/{e:.1f}/{f:.1f} after; "
        f"--format {args.format}"
    )


if __name__ == "__main__":
    main()
