"""`kg build` end to end beside the spaCy baseline: interleaved runs, medians, peak memory.

Each run is a fresh process (``kg build`` as a user types it, or the baseline
of :func:`benchmarks.pipeline.baseline_nlp` over the same files); the runs of
one repetition are taken in turn, so a busy machine slows them alike.  Peak
memory is the build process's own (``main``) and its largest worker's; CPU is
user + system seconds of the process and every process it waited for (the
workers; "of which main" is the build process's own), which a busy machine
disturbs less than wall time.  ``--before DIR`` also runs each build with the
code of another checkout (``git worktree add DIR COMMIT``), in the same
repetitions, for before/after figures.

Usage::

    python benchmarks/build_speed.py CORPUS --reps 3 \\
        --run "default=" --run "ttl=--formats ttl" --run "jobs1=--jobs 1" --baseline
    python benchmarks/build_speed.py CORPUS --reps 3 --run "default=" --before /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_BUILD = """
import resource, sys, time
from kg.cli import main
t = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - t
import json
own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
print(json.dumps({"seconds": seconds, "code": code, "cpu": cpu,
    "cpu_main": own.ru_utime + own.ru_stime,
    "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

_BASELINE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from pipeline import baseline_nlp
from kg.ingest.read import decode
t = time.perf_counter()
nlp = baseline_nlp()
files = sorted(Path(sys.argv[1]).glob("*.txt"))
ents = sum(len(nlp(decode(p.read_bytes(), str(p))[0]).ents) for p in files)
own = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - t, "ents": ents,
    "cpu": own.ru_utime + own.ru_stime, "cpu_main": own.ru_utime + own.ru_stime,
    "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker": 0}))
"""


def run_build(corpus: Path, options: list[str], root: Path = ROOT) -> dict:
    """One ``kg build`` in a fresh process, with the code of ``root`` (its ``kg`` package)."""
    out = Path(tempfile.mkdtemp(prefix="fazhi-build-"))
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                _BUILD,
                "build",
                "-q",
                "--no-cache",
                "-o",
                str(out),
                *options,
                str(corpus),
            ],
            cwd=root,  # `python -c` puts the working folder first on the path: root's kg
            capture_output=True,
            text=True,
            check=False,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run_baseline(corpus: Path) -> dict:
    """The spaCy baseline, timed from process start-up work (loading spaCy and the ruler) on."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _BASELINE, str(corpus), str(ROOT / "benchmarks")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - t
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--run",
        action="append",
        default=[],
        metavar="NAME=OPTIONS",
        help="a build to time: a name and the `kg build` options (repeatable)",
    )
    parser.add_argument("--baseline", action="store_true", help="also time the spaCy baseline")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="also run each build with the code of this checkout (named NAME@before)",
    )
    args = parser.parse_args(argv)
    runs = [tuple(item.split("=", 1)) for item in args.run] or [("default", "")]
    roots = [("", ROOT)] + ([("@before", args.before.resolve())] if args.before else [])
    figures: dict[str, list[dict]] = {
        name + suffix: [] for suffix, _ in reversed(roots) for name, _ in runs
    }
    if args.baseline:
        figures["baseline"] = []
    for rep in range(args.reps):
        # Alternate which code goes first, so neither always follows the baseline.
        for suffix, root in roots if rep % 2 else reversed(roots):
            for name, options in runs:
                figures[name + suffix].append(run_build(args.corpus, options.split(), root))
        if args.baseline:
            figures["baseline"].append(run_baseline(args.corpus))
    load = os.getloadavg()
    n = len(list(args.corpus.glob("*.txt")))
    chars = sum(len(p.read_bytes()) for p in args.corpus.glob("*.txt"))
    print(
        f"{n} reports ({chars:,} bytes), {args.reps} interleaved repetitions, "
        f"load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}"
    )
    print(
        "| run | median s | all s | CPU s (median) | of which main | main peak MiB "
        "| worker peak MiB | ÷ baseline |"
    )
    print("|---|---|---|---|---|---|---|---|")
    base = statistics.median(r["seconds"] for r in figures["baseline"]) if args.baseline else None
    for name, results in figures.items():
        seconds = statistics.median(r["seconds"] for r in results)
        ratio = f"{base / seconds:.2f}x" if base else ""
        each = ", ".join(f"{r['seconds']:.1f}" for r in results)
        print(
            f"| {name} | {seconds:.2f} | {each} | "
            f"{statistics.median(r.get('cpu', 0.0) for r in results):.1f} | "
            f"{statistics.median(r.get('cpu_main', 0.0) for r in results):.1f} | "
            f"{max(r['main'] for r in results):.0f} | {max(r['worker'] for r in results):.0f} | "
            f"{ratio} |"
        )
    print(json.dumps(figures), file=sys.stderr)
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
