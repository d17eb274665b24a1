"""Write N realistic synthetic reports for the speed and scale benchmarks.

Each report recombines paragraphs of the bundled example reports
(``examples/reports``): its preface, achievements, duties, problems and plans
sections are drawn from different example reports, its town is a real
township from the national gazetteer (with its county, city and province in
the header), its year is 2020-2025, and its figures are rescaled.  Noise seen
in real files is added at the same rates: GB18030 instead of UTF-8, line
breaks inside sentences (PDF copies), half-width spaces around numbers and
blank lines.  Sizes therefore resemble real reports (5-16 k characters).

The output is a pure function of ``--seed`` and ``N``: the first 100 reports
of a 1,000-report corpus are the 100-report corpus.

Usage::

    python benchmarks/generate_corpus.py 1000 -o /tmp/corpus1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extractors.gazetteer import _tables  # noqa: E402  (the whole town table, read once)
from kg.ingest.read import decode  # noqa: E402

EXAMPLES = ROOT / "examples" / "reports"
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_FIGURE = re.compile(r"(?<![\d.年])(\d{1,6})(?=[余多]?[件份次起场个名人户万%])")
_KINDS = (
    ("problems", ("问题", "不足")),
    ("plans", ("计划", "打算", "安排", "思路")),
    ("duties", ("第一责任人", "职责")),
)
_PLAN_TITLES = ("{next}年工作计划", "{next}年工作打算", "下一步工作安排")
_PROBLEM_TITLES = ("存在的问题和不足", "存在的不足", "存在的问题")
_MAIN_TITLES = ("{year}年法治政府建设主要举措和成效", "主要工作及成效", "{year}年工作开展情况")


@dataclass(frozen=True)
class Source:
    town: str
    year: str
    preface: tuple[str, ...]
    sections: dict[str, tuple[tuple[str, ...], ...]]  # kind -> paragraphs grouped by subsection


def _kind(heading: str) -> str:
    return next((k for k, words in _KINDS if any(w in heading for w in words)), "achievements")


def load_sources(folder: Path = EXAMPLES) -> list[Source]:
    """Split each example report into preface and classified section paragraphs."""
    sources = []
    for path in sorted(folder.glob("*.txt")):
        text, _ = decode(path.read_bytes(), str(path))  # some examples are GB18030
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        title = next((ln for ln in lines[:4] if "法治" in ln and "报告" in ln), lines[1])
        match = re.match(r"(.+?(?:镇|乡|街道))(?:人民政府)?\s*(\d{4})", title)
        if not match:
            continue
        preface, sections, kind, group = [], {}, None, []
        for line in lines[lines.index(title) + 1 :]:
            if _HEADING.match(line):
                if kind:
                    sections.setdefault(kind, []).append(tuple(group))
                kind, group = _kind(line), []
            elif kind is None:
                preface.append(line)
            else:
                group.append(line)
        if kind:
            sections.setdefault(kind, []).append(tuple(group))
        sources.append(
            Source(
                match.group(1),
                match.group(2),
                tuple(preface),
                {k: tuple(v) for k, v in sections.items()},
            )
        )
    return sources


def towns() -> list:
    """Every township in the gazetteer with a county, in a fixed order."""
    return sorted(
        {t for group in _tables().town_by_name.values() for t in group if t.county},
        key=lambda t: (t.province, t.city or "", t.county, t.town),
    )


def _retarget(text: str, source: Source, town: str, year: int) -> str:
    text = text.replace(source.town, town)
    text = text.replace(f"{source.year}年", f"{year}年").replace(
        f"{int(source.year) + 1}年", f"{year + 1}年"
    )
    return text


def _noise(text: str, rng: random.Random) -> str:
    if rng.random() < 0.2:  # PDF copy: hard line breaks inside sentences
        text = re.sub(
            r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])",
            lambda m: "\n" if rng.random() < 0.02 else "",
            text,
        )
    if rng.random() < 0.3:  # half-width spaces around numbers, as in weigang_2024
        text = re.sub(r"(\d+)(?=年)", r" \1 ", text)
    return text


def make_report(i: int, sources: list[Source], all_towns: list, seed: int = 7) -> tuple[str, str]:
    """The ``i``-th report: (file name, text)."""
    rng = random.Random(f"{seed}-{i}")
    place = all_towns[rng.randrange(len(all_towns))]
    year = rng.randint(2020, 2025)
    town = place.town
    header = f"{place.city or place.province}{place.county}{town}人民政府"
    title = f"{town}{year}年法治政府建设{rng.choice(('年度报告', '情况报告', '工作情况的报告'))}"
    first = rng.choice(sources)
    body = [header, title, ""]
    body += [_retarget(p, first, town, year) for p in first.preface]
    numerals = "一二三四五六七"
    plan = [
        ("achievements", rng.choice(_MAIN_TITLES)),
        ("duties", "党政主要负责人履行推进法治建设第一责任人职责情况"),
        ("problems", rng.choice(_PROBLEM_TITLES)),
        ("plans", rng.choice(_PLAN_TITLES)),
    ]
    if rng.random() < 0.4:
        plan.pop(1)
    for n, (kind, heading) in enumerate(plan):
        body += ["", f"{numerals[n]}、{heading.format(year=year, next=year + 1)}", ""]
        donors = [s for s in sources if kind in s.sections]
        groups = [(s, g) for s in donors for g in s.sections[kind]]
        count = rng.randint(2, 4) if kind == "achievements" else 1
        for source, group in rng.sample(groups, min(count, len(groups))):
            body += [_retarget(p, source, town, year) for p in group]
    body += ["", f"{town}人民政府", f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]
    scale = rng.uniform(0.5, 2.0)
    text = _FIGURE.sub(lambda m: str(max(1, round(int(m.group(1)) * scale))), "\n".join(body))
    return f"{i:06d}_{town}_{year}.txt", _noise(text, rng) + "\n"


def generate(n: int, out: Path, seed: int = 7) -> int:
    """Write ``n`` reports into ``out``; return the characters written."""
    out.mkdir(parents=True, exist_ok=True)
    sources, all_towns, chars = load_sources(), towns(), 0
    for i in range(n):
        name, text = make_report(i, sources, all_towns, seed)
        encoding = "gb18030" if random.Random(f"enc-{seed}-{i}").random() < 0.1 else "utf-8"
        (out / name).write_bytes(text.encode(encoding, errors="replace"))
        chars += len(text)
    return chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of reports")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    chars = generate(args.n, args.out, args.seed)
    print(f"wrote {args.n} reports, {chars:,} characters, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
