"""Whether two checkouts extract the same mentions and places (for speed work that must change none).

Usage::

    python benchmarks/same_mentions.py OTHER_CHECKOUT [DIR ...]

Runs :func:`kg.run.report.extract_one` with this checkout's code and with
OTHER_CHECKOUT's, each in a fresh process, on the bundled reports (examples/),
the seed and real reports of ../shared/corpus and every ``*.txt`` of each DIR,
and compares every mention (type, key, text, start, end, section, sentence,
attrs), each report's place and its extractor failures.  Prints the reports
and mentions compared and each difference; exits 1 when there is one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in each checkout: every report's place, failures and mentions as JSON lines.
_DUMP = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from kg.errors import FazhiError
from kg.run.report import extract_one
names = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for name in names:
        report = extract_one(Path(name))
        if isinstance(report, FazhiError):
            row = {"report": name, "error": str(report)}
        else:
            doc = report.document
            row = {
                "report": name,
                "place": repr(report.place),
                "failures": repr(report.failures),
                "mentions": [
                    [m.type.value, m.key, m.text, m.start, m.end, m.section.value,
                     [doc.sentence_at(m.start).start, doc.sentence_at(m.start).end],
                     repr(m.attrs)]
                    for m in report.mentions
                ],
            }
        out.write(json.dumps(row, ensure_ascii=False) + "\\n")
"""


def report_files(dirs: list[Path]) -> list[Path]:
    """The bundled, seed and real reports, then each extra folder's ``*.txt``, in a fixed order."""
    files = sorted(p for p in (ROOT / "examples").glob("*/*.*") if p.suffix in {".txt", ".html"})
    corpus = ROOT.parent / "shared" / "corpus"
    for folder in (corpus / "seeds", corpus / "real", *dirs):
        files += sorted(folder.glob("*.txt"))
    return files


def dump(checkout: Path, files: list[Path], out: Path) -> dict[str, dict[str, object]]:
    names = out.with_suffix(".names")
    names.write_text("\n".join(map(str, files)), encoding="utf-8")
    subprocess.run([sys.executable, "-c", _DUMP, str(checkout), str(names), str(out)], check=True)
    rows = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    return {row.pop("report"): row for row in rows}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    other, dirs = Path(argv[0]).resolve(), [Path(d) for d in argv[1:]]
    files = report_files(dirs)
    with tempfile.TemporaryDirectory() as work:
        mine = dump(ROOT, files, Path(work) / "mine.jsonl")
        theirs = dump(other, files, Path(work) / "theirs.jsonl")
    differ = 0
    for name, row in mine.items():
        if row != theirs[name]:
            differ += 1
            for field in sorted(set(row) | set(theirs[name])):
                if row.get(field) != theirs[name].get(field):
                    print(f"{name}: {field} differs")
    mentions = sum(len(row.get("mentions", [])) for row in mine.values())
    print(f"{len(mine)} reports, {mentions:,} mentions compared: {differ} reports differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
