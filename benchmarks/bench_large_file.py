"""Time and peak memory of reading and extracting one very large report file.

Usage: python benchmarks/bench_large_file.py [MEGABYTES]   (default 50)

The file is the example report weigang_2023.txt repeated to the size asked,
so it is a plausible worst case: every line is report text the cleaner and
extractors must work through. Figures go to BENCHMARKS.md.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.ingest.read import read_report  # noqa: E402
from kg.run.report import extract_report  # noqa: E402


def main(megabytes: float = 50.0) -> None:
    unit = (ROOT / "examples" / "reports" / "weigang_2023.txt").read_bytes()
    data = unit * max(1, int(megabytes * 1024 * 1024 / len(unit)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_bytes(data)
        start = time.perf_counter()
        source = read_report(path)
        read_s = time.perf_counter() - start
        start = time.perf_counter()
        report = extract_report(path)
        total_s = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file {len(data) / 2**20:.1f} MB, {len(source.text):,} cleaned chars")
    print(
        f"read+clean {read_s:.1f} s; read+structure+extract {total_s:.1f} s; "
        f"{len(report.mentions):,} mentions; peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 50.0)
