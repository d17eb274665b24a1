"""What a report's web address adds to placing its unit: the real openings scored as stored
(no address) and again with the address their manifest gives on their first line, as a
reader's copy of a page carries it (``原文链接：http://…``).

    python benchmarks/web_address.py [--real ../shared/corpus/real] [--errors]

Prints ``kg eval``'s table for both, and with ``--errors`` the town and hierarchy errors
of the second. Only the manifest's ``id`` and ``url`` columns are read.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _eval(files: list[Path], errors: bool) -> str:
    command = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]
    command += ["eval", str(ROOT / "tests" / "gold" / "real"), *map(str, files)]
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
    with manifest.open(encoding="utf-8", newline="") as handle:
        addresses = {row["id"]: row["url"] for row in csv.DictReader(handle, delimiter="\t")}
    stored = sorted(args.real.glob("r*.txt"))
    with tempfile.TemporaryDirectory(prefix="fazhi-address-") as scratch:
        addressed = []
        for path in stored:
            copy = Path(scratch) / path.name
            address = addresses.get(path.stem, "")
            head = f"原文链接：{address}\n" if address else ""
            copy.write_text(head + path.read_text(encoding="utf-8"), encoding="utf-8")
            addressed.append(copy)
        print(f"### {len(stored)} real openings as stored\n{_eval(stored, False)}")
        report = _eval(addressed, args.errors)
    print(f"### the same with their web address on the first line\n{report}")
    if args.errors:
        for line in report.splitlines():
            if "\ttown\t" in line or "\thierarchy\t" in line or "\tunit\t" in line:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
