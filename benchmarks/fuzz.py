"""The long fuzz run: the property tests of tests/fuzz/ on >= 10,000 generated inputs.

Usage: python benchmarks/fuzz.py [EXAMPLES]   (default 10000)

Runs ``pytest tests/fuzz`` under the ``fuzz`` Hypothesis profile: EXAMPLES
inputs for the extractor property (never crash, offsets point at the text)
and a quarter as many for the graph property (Turtle round trip and SHACL);
and the hostile-input properties of ``tests/fuzz/test_hostile.py`` (what the
read-only check lets through never calls another server, any bytes give a
report or one InputError, any cache entry is a miss or a report, no CSV cell
starts a formula).
Prints pytest's result and the statistics Hypothesis gathered; the result
goes into BENCHMARKS.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(examples: int = 10_000) -> int:
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz", "FUZZ_EXAMPLES": str(examples)}
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/fuzz",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "--hypothesis-show-statistics",
        ],
        cwd=ROOT,
        env=env,
    )
    print(
        f"fuzz run: {examples} examples per extractor property, "
        f"exit {done.returncode}, {time.perf_counter() - start:.0f} s"
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
