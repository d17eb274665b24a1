"""Instructions a build's worker spends rendering a report, counted by valgrind: load-proof.

What :func:`kg.pipeline.report_output` costs a report as a build's worker runs it
(every output, validation, the spool, the views an overview) and pickling its
result there and back, in millions of machine instructions a report: the first
N reports of a corpus are extracted and pickled once, then a child process runs
under ``valgrind --tool=cachegrind`` twice, rendering none of them and all N,
and the difference is divided by N.  A shared machine at load 6 moves CPU
time by 10-20 % between runs of the same code; an instruction count moves by
well under 1 %, so a change of a few per cent can be seen (instructions are
not time: memory stalls are not counted).  Each run takes about a minute.

Usage::

    python benchmarks/worker_instructions.py CORPUS [N] [--checkout DIR ...]

``--checkout`` (repeatable) counts the code of another checkout too (a
``git archive`` or worktree of a commit), for before/after figures.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import gc, pickle, sys, tempfile
from pathlib import Path
from kg.analysis.cooccurrence import is_town_fact
from kg.pipeline import DEFAULT_FORMATS, expand_formats, report_output
from kg.run.spool import Spool
reports = pickle.loads(Path(sys.argv[1]).read_bytes())
formats = expand_formats(DEFAULT_FORMATS)
overview = Path(tempfile.mkdtemp()) / "overview"
overview.write_text("")  # past 1,500 view nodes, as in a build of more than a few reports
spool = Spool(Path(tempfile.mkdtemp()), owner=-1)  # spools as a worker does
# the first report once, uncounted: what a worker loads on its first report
report_output(reports[0], formats, is_town_fact, True, spool, overview)
gc.freeze()  # as a worker does after its warm-up
for report in reports[: int(sys.argv[2])]:
    out = report_output(report, formats, is_town_fact, True, spool, overview)
    pickle.loads(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
"""


def instructions(checkout: Path, reports: Path, n: int) -> int:
    """Instructions of the child rendering ``n`` reports with ``checkout``'s code."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cachegrind.out"
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        done = subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                f"--cachegrind-out-file={out}",
                os.path.realpath(sys.executable),  # not a shim: valgrind follows no script
                "-c",
                _CHILD,
                str(reports),
                str(n),
            ],
            env=env,
            cwd=tmp,
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=40)
    parser.add_argument("--checkout", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    sys.path.insert(0, str(ROOT))
    from kg.run.report import extract_one, warm_up

    warm_up()
    files = sorted(args.corpus.glob("*.txt"))[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports.pickle"
        reports.write_bytes(pickle.dumps([extract_one(f) for f in files]))
        print(f"{len(files)} reports of {args.corpus}: report_output and pickling, as a worker")
        print("| code | M instructions a report |\n|---|---|")
        for checkout in [ROOT, *args.checkout]:
            spent = instructions(checkout, reports, len(files)) - instructions(checkout, reports, 0)
            print(f"| {checkout} | {spent / len(files) / 1e6:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
