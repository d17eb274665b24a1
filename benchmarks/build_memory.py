"""The memory of one ``kg build`` as the reports come in: the build process and its workers.

Runs ``kg build --no-cache`` with the code of a checkout (this one, or ``--root DIR``:
``git worktree add DIR COMMIT``) and reads, every second, the resident memory of
the build process and of each process it started (``/proc``: Linux only) beside the
number of reports done (the build's progress lines).  Prints the build process's
memory at report checkpoints, then the peaks: sampled, and ``ru_maxrss`` of the
build process and of its largest child (a worker, or the process that writes the
end outputs beside the build).  ``--log FILE`` keeps every sample (seconds,
reports, build process MiB, children MiB), one a line.

Usage::

    python benchmarks/build_memory.py /tmp/fast/c10000 -o /tmp/m10k --jobs 2
    python benchmarks/build_memory.py /tmp/fast/c1000 -o /tmp/m1k --root /tmp/before -- --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import _BUILD  # noqa: E402 (the same build, with its peaks, as build_speed)

ROOT = Path(__file__).resolve().parent.parent


def rss_mib(pid: int) -> float:
    """Resident memory of a process, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as found:
            return [int(x) for x in found.read().split()]
    except OSError:
        return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True, help="deleted afterwards")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code runs")
    parser.add_argument("--log", type=Path, help="keep every sample here")
    parser.add_argument("--every", type=int, default=1000, help="reports between checkpoints")
    args, options = parser.parse_known_args(argv)
    options = [o for o in options if o != "--"]
    build = subprocess.Popen(
        [sys.executable, "-c", _BUILD, "build", "--no-cache", "-o", str(args.out), *options]
        + [str(args.corpus)],
        cwd=args.root.resolve(),  # `python -c` puts the working folder first: root's kg
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    done, printed = [0], []

    def count() -> None:
        assert build.stderr is not None
        for line in build.stderr:  # "[i/n] path" before each report
            if line.startswith("[") and "/" in line:
                done[0] = int(line[1 : line.index("/")])

    def keep() -> None:  # read as it comes: a long summary must not fill the pipe
        assert build.stdout is not None
        printed.extend(build.stdout)

    threads = [threading.Thread(target=work, daemon=True) for work in (count, keep)]
    for thread in threads:
        thread.start()
    start, samples = time.time(), []
    try:
        while build.poll() is None:
            kids = [rss_mib(c) for c in children(build.pid)]
            samples.append((time.time() - start, done[0], rss_mib(build.pid), kids))
            time.sleep(1.0)
        for thread in threads:
            thread.join()
        result = json.loads(printed[-1])
    finally:
        shutil.rmtree(args.out, ignore_errors=True)
    if args.log:
        args.log.write_text(
            "".join(
                f"{t:.1f}\t{n}\t{m:.0f}\t" + "\t".join(f"{k:.0f}" for k in kids) + "\n"
                for t, n, m, kids in samples
            )
        )
    print(f"{args.corpus}: {done[0]:,} reports, load average {os.getloadavg()[0]:.1f}")
    print("| reports | build process MiB | largest child MiB |\n|---:|---:|---:|")
    for mark in range(args.every, done[0] + 1, args.every):
        upto = [s for s in samples if s[1] <= mark]
        print(
            f"| {mark:,} | {max(s[2] for s in upto):.0f} | {max(max(s[3], default=0) for s in upto):.0f} |"
        )
    print(
        f"peak MiB: build process {max(s[2] for s in samples):.0f} sampled, "
        f"{result['main']:.0f} ru_maxrss; children "
        f"{max(max(s[3], default=0) for s in samples):.0f} sampled, {result['worker']:.0f} ru_maxrss; "
        f"{result['seconds']:.0f} s wall, CPU {result['cpu']:.0f} s (build process {result['cpu_main']:.0f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
