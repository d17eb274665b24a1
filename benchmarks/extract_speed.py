"""Extraction throughput on the bundled and seed reports (characters per second).

Usage: python benchmarks/extract_speed.py [ROUNDS] [--cpu]   (default 3 rounds)

Runs every registered extractor over the example, held-out and seed reports
(already read and structured, caches warm), ROUNDS times, and prints
characters per second of cleaned text. Figures go to BENCHMARKS.md.  With --cpu
the time is the process's CPU time (time.process_time), which a machine busy with other
work disturbs far less than the wall clock.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.ingest.read import read_report  # noqa: E402
from kg.ingest.structure import structure  # noqa: E402
from kg.run.report import run_extractors  # noqa: E402


def main(rounds: int = 3, cpu: bool = False) -> None:
    files = sorted((ROOT / "examples").glob("*/*.*"))
    files = [f for f in files if f.suffix in {".txt", ".html"}]
    files += sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))
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


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 3, cpu="--cpu" in sys.argv[1:])
