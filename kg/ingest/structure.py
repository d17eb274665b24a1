"""Structure: find a report's title, town, year, date, issuers, sections and sentences.

Examples
--------
>>> doc = document_from_text(
...     "关于青禾镇2023年度法治政府建设工作情况的报告\\n一、主要举措和成效\\n落实合法性审查。\\n"
...     "二、存在的不足\\n普法还未全覆盖。\\n三、2024年工作安排\\n推行法律顾问制度。\\n青禾镇人民政府\\n2024年1月9日")
>>> doc.town, doc.year, doc.published, doc.issuers
('青禾镇', 2023, '2024-01-09', ('青禾镇人民政府',))
>>> [s.kind.value for s in doc.sections]
['OtherSection', 'Achievements', 'Problems', 'Plans']
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from kg.ingest.read import source_from_text
from kg.model import Document, Section, SectionKind, SourceText, Span

_TITLE_TOPIC = re.compile(r"法治|依法行政|法制")
_TITLE_GENRE = re.compile(r"报告|总结|情况|工作")
# A township name follows the start of a line, 关于, or a larger division's suffix.
_TOWN = re.compile(
    r"(?:^|关于|[省市县区旗州盟])([^\s省市县区旗州盟，。、“”（）《》\d]{1,7}?(?:镇|乡|街道|苏木))"
    r"(?=人民政府|党委|委员会|办事处|关于|法治|依法|\d|年|（|$)",
    re.M,
)
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISSUER = re.compile(r"^[^\s，。]{2,30}(?:委员会|人民政府|办事处|党委|党工委|管委会|政府)$")
_SENTENCE = re.compile(r"[^。！？\n]*(?:[。！？]+[”’」』）]*|\n|$)")
_HEADING_LEVEL = (
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1),
    (re.compile(r"^第[一二三四五六七八九十]+部分"), 1),
    (re.compile(r"^（[一二三四五六七八九十]+）|^）"), 2),
    (re.compile(r"^\d+[、.．](?!\d)"), 3),
    (re.compile(r"^（\d+）"), 4),
)


@cache
def _section_keywords() -> tuple[tuple[SectionKind, tuple[str, ...]], ...]:
    data = tomllib.loads(
        resources.files("kg.ingest").joinpath("data/sections.toml").read_text("utf-8")
    )
    return tuple(
        (SectionKind(data["kinds"][name]), tuple(data["keywords"][name])) for name in data["order"]
    )


def document_from_text(text: str, path: str = "<string>") -> Document:
    """Clean and structure report text given as a string (tests, notebooks)."""
    return structure(source_from_text(text, path))


def structure(source: SourceText) -> Document:
    """Turn a cleaned :class:`SourceText` into a :class:`Document`."""
    text = source.text
    lines = _lines(text)
    title, title_line = _title(lines, source.meta_value("page_title"))
    header = " ".join(line for _, line in lines[: max(title_line, 0) + 1])
    town = _town(title) or _town(header) or _town_from_signature(lines)
    year = _year(title) or _year_from_body(text)
    return Document(
        source=source,
        title=title,
        town=town,
        year=year,
        published=source.meta_value("published") or _signature_date(lines),
        issuers=_issuers(lines),
        sections=_sections(lines, len(text), title_line, year),
        sentences=_sentences(text),
    )


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _title(lines: list[tuple[int, str]], page_title: str | None = None) -> tuple[str, int]:
    """The title line and its index; else the web page's own title; else the opening words.

    A scraped page often keeps the title only in ``<title>``, followed by the
    site's name (``…工作安排_法治政府建设年度报告_某县人民政府``).
    """
    for i, (_, line) in enumerate(lines[:8]):
        if _is_title(line):
            title = line
            if i > 0 and not _town(line) and _town(lines[i - 1][1]):
                title = lines[i - 1][1] + line
            return title, i
    for part in re.split(r"\s*[_|｜]\s*|\s+[-—]\s+", page_title or ""):
        if _is_title(part):
            return part, -1
    return (lines[0][1][:60] if lines else ""), -1


def _is_title(line: str) -> bool:
    """Short, on topic, in the genre, and not a sentence (titles carry no ， or 。)."""
    return (
        len(line) <= 60
        and not re.search("[，。]", line)
        and bool(_TITLE_TOPIC.search(line))
        and bool(_TITLE_GENRE.search(line))
    )


def _town(text: str) -> str | None:
    match = _TOWN.search(text)
    return match.group(1).removeprefix("关于") if match else None


def _town_from_signature(lines: list[tuple[int, str]]) -> str | None:
    for _, line in reversed(lines[-6:]):
        if _ISSUER.match(line) and (town := _town(line.removeprefix("中共"))):
            return town
    return None


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def _year_from_body(text: str) -> int | None:
    """The year the opening paragraphs speak of most (``2022年，我镇…``)."""
    counts: dict[int, int] = {}
    for match in _YEAR.finditer(text[:600]):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    return max(sorted(counts), key=counts.get) if counts else None


def _signature_date(lines: list[tuple[int, str]]) -> str | None:
    for _, line in reversed(lines[-6:]):
        match = _DATE.search(line)
        if match and len(line) <= 20:
            y, m, d = (int(g) for g in match.groups())
            if 1 <= m <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _issuers(lines: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(line for _, line in lines[-6:] if _ISSUER.match(line))


def classify_heading(heading: str, year: int | None = None) -> tuple[SectionKind, ...]:
    """Section kinds a heading names, most specific first; empty if none.

    Examples
    --------
    >>> [k.value for k in classify_heading("二、存在的问题及下一步工作计划")]
    ['Problems', 'Plans']
    >>> [k.value for k in classify_heading("三、2024年推进法治政府建设的主要安排", 2023)]
    ['Plans']
    """
    kinds = [kind for kind, words in _section_keywords() if any(w in heading for w in words)]
    years = [int(y) for y in _YEAR.findall(heading)]
    if year and years and max(years) > year and SectionKind.PLANS not in kinds:
        kinds.append(SectionKind.PLANS)
    if len(kinds) > 1 and SectionKind.ACHIEVEMENTS in kinds:
        kinds.remove(SectionKind.ACHIEVEMENTS)
    return tuple(kinds)


def _heading_level(line: str) -> int | None:
    for pattern, level in _HEADING_LEVEL:
        if pattern.match(line):
            return level
    if (
        len(line) <= 30
        and not re.search(r"[，。；：！？]", line)
        and not _DATE.search(line)
        and not _ISSUER.match(line)
    ):
        return 0  # an unnumbered heading: its level depends on what it names
    return None


def _sections(
    lines: list[tuple[int, str]], length: int, title_line: int, year: int | None
) -> tuple[Section, ...]:
    """Split the text at headings and classify each part.

    Top headings (一、) set the kind; second-level headings refine it only
    when their parent named several kinds or none ("存在的问题及下一步工作计划");
    deeper headings inherit, since their wording ("制定普法计划") describes work,
    not the part of the report.
    """
    sections: list[Section] = []
    top_kind, top_mixed = SectionKind.OTHER, True
    for i, (pos, line) in enumerate(lines):
        if i <= title_line:
            continue
        level = _heading_level(line)
        if level is None or level >= 3:
            continue
        heading = re.split(r"[。；]", line, maxsplit=1)[0][:60]
        kinds = classify_heading(heading, year)
        if level == 0:
            if (
                kinds
                and kinds[0] in (SectionKind.PROBLEMS, SectionKind.PLANS, SectionKind.DUTIES)
                and kinds[0] != top_kind
            ):
                level = 1
            else:
                level = 2
        if level == 1:
            kind = (
                kinds[0]
                if kinds
                else (top_kind if top_kind != SectionKind.OTHER else SectionKind.ACHIEVEMENTS)
            )
            top_kind, top_mixed = kind, len(kinds) != 1
        else:
            kind = kinds[0] if (kinds and top_mixed) else top_kind
            if kind == SectionKind.OTHER:
                kind = SectionKind.ACHIEVEMENTS
        sections.append(Section(heading=heading, kind=kind, level=level, start=pos, end=length))
    first = sections[0].start if sections else length
    sections.insert(0, Section(heading="", kind=SectionKind.OTHER, level=0, start=0, end=first))
    return tuple(
        Section(s.heading, s.kind, s.level, s.start, nxt.start)
        for s, nxt in zip(sections, sections[1:])
    ) + (sections[-1],)


def _sentences(text: str) -> tuple[Span, ...]:
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return tuple(spans)
