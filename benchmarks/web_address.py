"""What a report's web address adds to placing its unit: the real openings scored as stored
(no address), then with the address their manifest gives (``kg eval --addresses
MANIFEST.tsv``: its ``id`` and ``url`` columns), and then with that address on each copy's
first line, as a reader's copy of a page carries it (``原文链接：http://…``).

    python benchmarks/web_address.py [--real ../shared/corpus/real] [--errors]

Prints ``kg eval``'s table for each, and with ``--errors`` the unit, town and hierarchy
errors of the second.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _eval(files: list[Path], errors: bool, *options: str) -> str:
    command = [sys.executable, "-c", "from kg.cli import console; console()"]
    command += ["eval", str(ROOT / "tests" / "gold" / "real"), *map(str, files), *options]
    if not errors:
        command.append("--no-errors")
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--errors", action="store_true", help="list the second run's errors")
    args = parser.parse_args()
    manifest = args.real / "MANIFEST.tsv"
    if not manifest.is_file():
        print(f"{manifest}: not found (pass --real FOLDER holding the openings)", file=sys.stderr)
        return 2
    stored = sorted(args.real.glob("r*.txt"))
    print(f"### {len(stored)} real openings as stored\n{_eval(stored, False)}")
    report = _eval(stored, args.errors, "--addresses", str(manifest))
    print(f"### the same with kg eval --addresses {manifest}\n{report}")
    with manifest.open(encoding="utf-8", newline="") as handle:
        addresses = {row["id"]: row["url"] for row in csv.DictReader(handle, delimiter="\t")}
    with tempfile.TemporaryDirectory(prefix="fazhi-address-") as scratch:
        addressed = []
        for path in stored:
            copy = Path(scratch) / path.name
            address = addresses.get(path.stem, "")
            head = f"原文链接：{address}\n" if address else ""
            copy.write_text(head + path.read_text(encoding="utf-8"), encoding="utf-8")
            addressed.append(copy)
        print(f"### with the address on each copy's first line\n{_eval(addressed, False)}")
    if args.errors:
        for line in report.splitlines():
            if "\ttown\t" in line or "\thierarchy\t" in line or "\tunit\t" in line:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
