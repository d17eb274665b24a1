"""What a build's extraction cache costs per report: encoding an entry, and reading one back.

The first N reports of a corpus are extracted once, then each is encoded as the
cache writes it (:func:`kg.run.cache.encode_report`, then JSON text) and read back
as the cache reads it (JSON, then :func:`kg.run.cache.decode_report`), over
several rounds; the figures are the medians in CPU milliseconds per report.  The
extracted reports are frozen out of the garbage collector first, as a build's
worker keeps only one report at a time: without it, every collection would walk
all N reports and the figures would measure the collector.

Usage::

    python benchmarks/cache_entries.py CORPUS [N] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of report files")
    parser.add_argument("n", type=int, nargs="?", default=100, help="reports (default 100)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from kg.pipeline import extract_report
    from kg.run.cache import decode_report, encode_report

    files = sorted(p for p in args.corpus.iterdir() if p.suffix in {".txt", ".html"})[: args.n]
    if not files:
        print(f"{args.corpus}: no report files", file=sys.stderr)
        return 2
    reports = [extract_report(p) for p in files]
    gc.collect()
    gc.freeze()
    encode_ms, text_ms, read_ms = [], [], []
    for _ in range(args.rounds):
        t0 = time.process_time()
        values = [encode_report(r) for r in reports]
        t1 = time.process_time()
        texts = [json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in values]
        t2 = time.process_time()
        back = [decode_report(json.loads(t)) for t in texts]
        t3 = time.process_time()
        if back != reports:
            print("an entry read back differs from its report", file=sys.stderr)
            return 1
        encode_ms.append((t1 - t0) * 1000 / len(reports))
        text_ms.append((t2 - t1) * 1000 / len(reports))
        read_ms.append((t3 - t2) * 1000 / len(reports))
    size = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 2**10
    print(f"{len(reports)} reports of {args.corpus}, {size:.0f} KB an entry; CPU ms a report")
    print("| step | ms |\n|---|---|")
    print(f"| encode (records to JSON values) | {statistics.median(encode_ms):.3f} |")
    print(f"| JSON text | {statistics.median(text_ms):.3f} |")
    print(f"| read back (JSON text to records, checked) | {statistics.median(read_ms):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
