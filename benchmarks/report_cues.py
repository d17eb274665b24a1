"""What fazhi-kg reads as a report's unit and year when the report lacks a cue that gives them.

Usage::

    python benchmarks/report_cues.py [--checkout DIR] [--show]

Each report whose unit and year are annotated by hand (``tests/gold/real``, ``seeds`` and
``tuning``, with their texts in ``../shared/corpus`` and ``examples/reports``) is extracted as
stored and again without a cue, as real pages come:

- ``no-title``: the title's lines dropped (a page that gives its title only in its head);
- ``bare-title``: the title without the unit's name (2024年度法治政府建设工作报告, the unit in the
  site's name over it);
- ``no-fields``: the page's publishing fields dropped (发布机构, 来源, 索引号);
- ``bare-title-no-fields``: both;
- ``self-named``: a bare title, and the unit's name everywhere else written as the report calls
  itself (我镇, 我县, 我局);
- ``title-no-year``: the title without its year (青禾镇法治政府建设工作报告);
- ``no-dates``: the page's dates dropped (发布日期, 成文日期 …);
- ``title-no-year-no-dates``: both.

For each, the reports whose unit and year are read right, not read (the report names none: a
``partial`` problem) and read wrong.  A wrong one is the error that matters: a report that lacks
its cues must come out without a unit or a year, never with another's.  ``--show`` lists the
reports read wrong or not read; ``--checkout DIR`` measures another checkout's code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = {
    "real": CORPUS / "real",
    "seeds": CORPUS / "seeds",
    "tuning": ROOT / "examples" / "reports",
}
FIELD = re.compile(r"发布机构|发文机关|发布单位|信息来源|文章来源|来\s*源|索引号|责任部门")
FIELD_MARKS = " \t\u3000：:|｜[]【】•·"
LEVEL = re.compile(r"(街道|镇|乡|县|区|市|旗|局|委)$")
YEAR = re.compile(r"(?:20\d{2}|二[〇零O]二[〇零一二三四五六七八九])\s*年度?")
DATE_FIELD = re.compile(r"(?:发布|成文|生成|发文|更新|印发)(?:日期|时间)")


def title_lines_dropped(text: str, title: str, keep: str | None = None) -> str:
    """``text`` without the lines of ``title`` (one line, or one line each part); ``keep`` in
    place of the first."""
    lines, kept, first = text.split("\n"), [], True
    for line in lines:
        part = line.strip()
        if title and (title in line or (len(part) > 6 and part in title)):
            if first and keep is not None:
                kept.append(keep)
            first = False
            continue
        kept.append(line)
    return "\n".join(kept)


def title_without_unit(title: str) -> str | None:
    """The title from its year on (2024年度法治政府建设工作报告), or None without a year."""
    year = YEAR.search(title)
    return title[year.start() :] if year else None


def bare_title(text: str, title: str) -> str:
    return title_lines_dropped(text, title, title_without_unit(title))


def fields_dropped(text: str) -> str:
    """``text`` without its publishing fields: the field's line, and its value on the next
    nonblank line where the field stands alone (来源：\\n\\n 青禾镇)."""
    out, pending = [], False
    for line in text.split("\n"):
        if FIELD.search(line):
            pending = not FIELD.sub("", line).strip(FIELD_MARKS)  # the value is below
            continue
        if pending and line.strip():
            pending = False
            continue
        out.append(line)
    return "\n".join(out)


def self_named(text: str, title: str, unit: str) -> str:
    """A bare title, and ``unit`` written as the report calls itself everywhere else."""
    level = LEVEL.search(unit)
    lines = bare_title(text, title).split("\n")
    if level is None:
        return "\n".join(lines)
    bare = title_without_unit(title)
    return "\n".join(
        line if line == bare else line.replace(unit, "我" + level.group(1)) for line in lines
    )


def title_without_year(text: str, title: str) -> str:
    return title_lines_dropped(text, title, YEAR.sub("", title)) if title else text


def dates_dropped(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not DATE_FIELD.search(line))


VARIANTS: dict[str, Callable[[str, str, str], str]] = {
    "as stored": lambda text, title, unit: text,
    "no-title": lambda text, title, unit: title_lines_dropped(text, title),
    "bare-title": lambda text, title, unit: bare_title(text, title),
    "no-fields": lambda text, title, unit: fields_dropped(text),
    "bare-title-no-fields": lambda text, title, unit: fields_dropped(bare_title(text, title)),
    "self-named": self_named,
    "title-no-year": lambda text, title, unit: title_without_year(text, title),
    "no-dates": lambda text, title, unit: dates_dropped(text),
    "title-no-year-no-dates": lambda text, title, unit: dates_dropped(
        title_without_year(text, title)
    ),
}


def gold_reports() -> list[tuple[Path, str, str, int | None]]:
    """(report, its title, its unit, its year) for every gold file whose text is here."""
    found = []
    for folder, texts in GOLD.items():
        for gold_file in sorted((ROOT / "tests" / "gold" / folder).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            unit = gold.get("unit") or gold.get("town")
            path = texts / gold["file"]
            if unit and path.exists():
                found.append((path, gold.get("title") or "", unit["name"], gold.get("year")))
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkout", type=Path, default=ROOT)
    parser.add_argument("--show", action="store_true", help="list what is not read or wrong")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.checkout.resolve()))
    from kg.ingest.read import read_report
    from kg.run.report import extract_report

    reports = gold_reports()
    if not reports:
        print("no gold reports: put ../shared/corpus beside the repository")
        return 2
    # per variant and item: right, not read, wrong
    counts = {name: {"unit": [0, 0, 0], "year": [0, 0, 0]} for name in VARIANTS}
    shown: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "report.txt"
        for path, title, unit, year in reports:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # an example written in another encoding: its text
                text = read_report(path).text
            for name, variant in VARIANTS.items():
                copy.write_text(variant(text, title, unit), encoding="utf-8")
                report = extract_report(copy)
                read = {
                    "unit": report.place.name if report.place else None,
                    "year": report.document.year,
                }
                for item, want in (("unit", unit), ("year", year)):
                    outcome = 0 if read[item] == want else 1 if read[item] is None else 2
                    counts[name][item][outcome] += 1
                    if outcome:
                        shown.append(f"{name}\t{path.name}\t{item}\t{want}\t{read[item]}")
    print(f"{len(reports)} reports with a unit and a year annotated ({args.checkout})")
    print(f"{'':<24}{'unit':^21}{'year':^21}")
    print(f"{'cue left out':<24}" + f"{'right':>7}{'none':>7}{'wrong':>7}" * 2)
    for name, items in counts.items():
        print(f"{name:<24}" + "".join(f"{n:>7}" for item in ("unit", "year") for n in items[item]))
    if args.show:
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
