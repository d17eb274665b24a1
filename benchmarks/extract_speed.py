"""Extraction throughput on the bundled and seed reports (characters per second).

Usage: python benchmarks/extract_speed.py [ROUNDS] [--cpu] [--parts] [--corpus DIR [--first N]]
(default 3 rounds)

Runs every registered extractor over the example, held-out and seed reports
(already read and structured, caches warm), ROUNDS times, and prints
characters per second of cleaned text. Figures go to BENCHMARKS.md.  With --cpu
the time is the process's CPU time (time.process_time), which a machine busy with other
work disturbs far less than the wall clock.  With --parts it also prints, in CPU
milliseconds for all the reports (the fastest of ROUNDS passes), each extractor run over
them in turn, and each step of the whole extract stage a build runs on a file
(:func:`kg.run.report.extract_one`: reading and cleaning, structure, the place, the
extractors).  With --corpus the reports are the first N (40) ``*.txt`` of DIR instead (a
corpus of ``generate_corpus.py``, say); take more than 8, or the place resolver's cache of
the last 8 texts answers every pass after the first.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extractors.registry import EXTRACTORS, PLACE_RESOLVER  # noqa: E402
from kg.ingest.read import read_report  # noqa: E402
from kg.ingest.structure import structure  # noqa: E402
from kg.run.report import extract_one, run_extractors  # noqa: E402


def main(
    rounds: int = 3, cpu: bool = False, parts: bool = False, corpus: list[Path] | None = None
) -> None:
    files = corpus or bundled_reports()
    docs = [structure(read_report(f)) for f in files]
    for doc in docs:
        run_extractors(doc)
    clock = time.process_time if cpu else time.perf_counter
    start = clock()
    for _ in range(rounds):
        for doc in docs:
            run_extractors(doc)
    elapsed = clock() - start
    chars = sum(len(d.text) for d in docs) * rounds
    print(
        f"{len(docs)} reports, {chars // rounds:,} characters: "
        f"{chars / elapsed:,.0f} characters/s ({elapsed:.2f} s for {rounds} rounds)"
    )
    if parts:
        sources = [read_report(f) for f in files]
        steps: list[tuple[str, Callable[[Any], object], list[Any]]] = [
            *((name, extract, docs) for name, extract in EXTRACTORS),
            ("stage: extract_one", extract_one, files),
            ("stage: read_report", read_report, files),
            ("stage: structure", structure, sources),
            ("stage: place", PLACE_RESOLVER, docs),
            ("stage: run_extractors", run_extractors, docs),
        ]
        for name, step, items in steps:
            print(f"{name}: {_fastest(step, items, rounds, clock) * 1000:.1f} ms")


def bundled_reports() -> list[Path]:
    """The example, held-out and seed reports."""
    files = sorted((ROOT / "examples").glob("*/*.*"))
    files = [f for f in files if f.suffix in {".txt", ".html"}]
    return files + sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))


def _fastest(
    step: Callable[[Any], object], items: list[Any], rounds: int, clock: Callable[[], float]
) -> float:
    """The fastest of ``rounds`` passes of ``step`` over ``items``, in seconds."""
    best = float("inf")
    for _ in range(rounds):
        start = clock()
        for item in items:
            step(item)
        best = min(best, clock() - start)
    return best


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rounds", nargs="?", type=int, default=3)
    parser.add_argument("--cpu", action="store_true", help="time CPU, not the wall clock")
    parser.add_argument("--parts", action="store_true", help="each extractor and stage step")
    parser.add_argument("--corpus", type=Path, help="a folder of reports instead of the bundled")
    parser.add_argument("--first", type=int, default=40, help="reports read from --corpus")
    args = parser.parse_args()
    main(
        args.rounds,
        cpu=args.cpu,
        parts=args.parts,
        corpus=sorted(args.corpus.glob("*.txt"))[: args.first] if args.corpus else None,
    )
