"""Extraction throughput on the bundled and seed reports (characters per second).

Usage: python benchmarks/extract_speed.py [ROUNDS]   (default 3)

Runs every registered extractor over the example, held-out and seed reports
(already read and structured, caches warm), ROUNDS times, and prints
characters per second of cleaned text. Figures go to BENCHMARKS.md.
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


def main(rounds: int = 3) -> None:
    files = sorted((ROOT / "examples").glob("*/*.*"))
    files = [f for f in files if f.suffix in {".txt", ".html"}]
    files += sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))
    docs = [structure(read_report(f)) for f in files]
    for doc in docs:
        run_extractors(doc)
    start = time.perf_counter()
    for _ in range(rounds):
        for doc in docs:
            run_extractors(doc)
    elapsed = time.perf_counter() - start
    chars = sum(len(d.text) for d in docs) * rounds
    print(
        f"{len(docs)} reports, {chars // rounds:,} characters: "
        f"{chars / elapsed:,.0f} characters/s ({elapsed:.2f} s for {rounds} rounds)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
