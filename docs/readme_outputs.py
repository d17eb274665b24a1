"""Regenerate every command output README.md shows, from the current code.

    python docs/readme_outputs.py            # rebuild the four output folders, rewrite README.md
    python docs/readme_outputs.py --check    # exit 1 if README.md shows an output that changed

A README block of shell output is a fenced block whose lines starting with ``$ kg`` are
commands; everything up to the next command or the fence is that command's output and is
replaced by what the command prints now (stdout and stderr, as a terminal shows them).
Long runs of progress lines (``[3/8] path``) and of ``wrote PATH`` lines are cut to their
first line and ``...``, as the README shows them.  The commands read the output folders the
README names, built here first (the real reports from ``../shared/corpus``).
"""

from __future__ import annotations

import argparse
import glob
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (reports, output folder) of the builds the README's commands read.
BUILDS = (
    ("examples/reports", "outputs"),
    ("tests/analysis/data/research", "outputs/pairs"),
    ("../shared/corpus/seeds", "outputs/seeds"),
    ("../shared/corpus/real/r*.txt", "outputs/real"),
)

_FENCE = re.compile(r"^```[a-z]*\n(.*?)^```\n", re.S | re.M)
_PROGRESS = re.compile(r"^\[\d+/\d+\] ")


def run(command: str) -> str:
    """What ``command`` (a ``kg ...`` line, run by bash as a reader would) prints, stdout and
    stderr together; ``kg`` is this checkout's, run by this Python."""
    kg = f"{shlex.quote(sys.executable)} -c 'from kg.cli import console; console()'"
    done = subprocess.run(
        ["bash", "-c", kg + command.removeprefix("kg")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    return shorten(done.stdout.rstrip("\n").splitlines())


def shorten(lines: list[str]) -> str:
    """Progress lines cut to first, ``...``, last; more than three ``wrote`` lines to first, ``...``."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        if _PROGRESS.match(lines[i]):
            while j < len(lines) and _PROGRESS.match(lines[j]):
                j += 1
            run_ = lines[i:j]
            out += run_ if len(run_) <= 2 else [run_[0], "...", run_[-1]]
        elif lines[i].startswith("wrote "):
            while j < len(lines) and lines[j].startswith("wrote "):
                j += 1
            run_ = lines[i:j]
            out += run_ if len(run_) <= 3 else [run_[0], "..."]
        else:
            out.append(lines[i])
            j = i + 1
        i = j
    return "\n".join(out)


def regenerate(text: str) -> str:
    """README text with the output of every ``$ kg`` command replaced by today's."""

    def block(match: re.Match) -> str:
        body = match.group(1)
        if not body.startswith("$ kg "):
            return match.group(0)
        commands = [line[2:] for line in body.splitlines() if line.startswith("$ kg ")]
        parts = [f"$ {command}\n{run(command)}" for command in commands]
        fence = match.group(0).split("\n", 1)[0]
        return f"{fence}\n" + "\n\n".join(parts) + "\n```\n"

    return _FENCE.sub(block, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on a change")
    args = parser.parse_args()
    for reports, out in BUILDS:
        if not glob.glob(str(ROOT / reports)):
            print(f"{reports}: not found; the README's outputs need it", file=sys.stderr)
            return 2
        run(f"kg build {reports} -o {out} -q")
    readme = ROOT / "README.md"
    before = readme.read_text("utf-8")
    after = regenerate(before)
    if args.check:
        print("README.md outputs are current" if after == before else "README.md outputs changed")
        return int(after != before)
    readme.write_text(after, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
