"""What the layout a report reaches fazhi-kg in changes in what it reads.

Usage::

    python benchmarks/layout_noise.py [--checkout DIR] [--show] [FILE ...]

Each report (by default the seed and real reports of ../shared/corpus) is extracted as stored and
again laid out in each of these ways, and the items ``kg eval`` scores are compared (unit, year,
hierarchy, mechanisms per report, laws, officials with post, initiatives, organizations,
indicators):

- ``pdf28``, ``pdf30``, ``pdf38``, ``pdf45``: a PDF's text layer, each paragraph indented by two
  ideographic spaces and cut into lines of 28 (an official document's), 30, 38 or 45 characters;
- ``pages``: ``pdf28`` with the page's number (— 2 —) after every 22 lines, as a PDF sets it
  between two lines of a paragraph;
- ``references``: quotes and indentation written as the character references a page scraped
  without a parser keeps (&ldquo; &rdquo; &nbsp;);
- ``one-line``: the line breaks lost, a space in place of each, as a page whose paragraphs ran
  into one line;
- ``half-width``: ASCII punctuation;
- ``angle-marks``: titles between <<…>> where the report writes 《…》, as a page without the
  Chinese marks writes them;
- ``chrome``: a page's breadcrumb, font-size and print links above the report, a share line below.

Prints, per layout, the reports whose items change and the items lost and gained.  With
``--checkout DIR`` the code of another checkout is measured (before and after a change); with
``--show`` each changed report's lost and gained items are listed under the table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TYPES = (
    "unit",
    "year",
    "hierarchy",
    "mechanism-any",
    "law",
    "official-post",
    "initiative",
    "organization",
    "indicator",
)
LINES_A_PAGE = 22  # an official document's (GB/T 9704)


def pdf_lines(text: str, width: int) -> list[str]:
    """The lines of ``text`` set ``width`` characters a line, paragraphs indented by two."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if len(paragraph) <= width:
            lines.append(paragraph)
            continue
        rest = "\u3000\u3000" + paragraph.lstrip()  # its own indent, not one on top of another
        while rest:
            lines.append(rest[:width])
            rest = rest[width:]
    return lines


def with_page_numbers(text: str) -> str:
    lines = pdf_lines(text, 28)
    out: list[str] = []
    for number, start in enumerate(range(0, len(lines), LINES_A_PAGE), 1):
        out += [*lines[start : start + LINES_A_PAGE], f"— {number} —"]
    return "\n".join(out)


def as_references(text: str) -> str:
    text = text.replace("“", "&ldquo;").replace("”", "&rdquo;")
    return text.replace("\n", "\n&nbsp;&nbsp;")


HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "？": "?"})

LAYOUTS: dict[str, Callable[[str], str]] = {
    **{f"pdf{w}": (lambda t, w=w: "\n".join(pdf_lines(t, w))) for w in (28, 30, 38, 45)},
    "pages": with_page_numbers,
    "references": as_references,
    "one-line": lambda t: " ".join(t.split("\n")),
    "half-width": lambda t: t.translate(HALF_WIDTH),
    "angle-marks": lambda t: t.replace("《", "<<").replace("》", ">>"),
    "chrome": lambda t: (
        "首页 > 政务公开 > 法治政府建设\n【字体：大 中 小】 打印本页 关闭窗口\n"
        + t
        + "\n分享到：\n"
    ),
}


def default_files() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    return sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "real").glob("r*.txt"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--checkout", type=Path, default=ROOT)
    parser.add_argument("--show", action="store_true", help="list the items each layout changes")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.checkout.resolve()))
    from kg.evaluate import predicted_items
    from kg.run.report import extract_report

    def items(path: Path) -> set[tuple[str, tuple[str, ...]]]:
        found = predicted_items(extract_report(path))
        return {(t, item.key) for t in TYPES for item in found[t]}

    files = args.files or default_files()
    if not files:
        print("no reports: give files, or put ../shared/corpus beside the repository")
        return 2
    changed = {name: [0, 0, 0] for name in LAYOUTS}  # reports, lost, gained
    total = 0
    shown: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        for path in files:
            text = path.read_text(encoding="utf-8")
            stored = items(path)
            total += len(stored)
            for name, layout in LAYOUTS.items():
                copy = Path(work) / f"{name}.txt"
                copy.write_text(layout(text), encoding="utf-8")
                laid_out = items(copy)
                if laid_out != stored:
                    counts = changed[name]
                    counts[0] += 1
                    counts[1] += len(stored - laid_out)
                    counts[2] += len(laid_out - stored)
                    for sign, diff in (("-", stored - laid_out), ("+", laid_out - stored)):
                        shown += [
                            f"{name}\t{path.name}\t{sign}{t}\t{key}" for t, key in sorted(diff)
                        ]
    print(f"{len(files)} reports, {total:,} items as stored ({args.checkout})")
    print(f"{'layout':<12}{'reports changed':>17}{'items lost':>12}{'items gained':>14}")
    for name, (reports, lost, gained) in changed.items():
        print(f"{name:<12}{reports:>17}{lost:>12}{gained:>14}")
    if args.show:
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
