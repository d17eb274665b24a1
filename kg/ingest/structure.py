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
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from kg.chars import HAN
from kg.ingest.html import TITLE_PARTS, iso_date
from kg.ingest.read import bulleted_heading, source_from_text
from kg.model import (
    TOWNSHIP_ENDINGS,
    Document,
    EntityType,
    Section,
    SectionKind,
    SourceText,
    Span,
    UnitName,
)

__all__ = [
    "classify_heading",
    "document_from_text",
    "names_itself",
    "publishing_labels",
    "report_year",
    "structure",
    "unit_level",
    "unit_name",
]

_TITLE_TOPIC = re.compile(r"法治|依法行政|依法治|法制")
_TITLE_GENRE = re.compile(r"报告|总结|情况|工作|年报|汇报")
# A year in Chinese numerals (二〇二三年, 二零二四年度, 二O二二年), as titles and signatures
# write it too
_HAN_YEAR = "(?:一九|二[〇○零O0])[〇○零O0一二三四五六七八九]{2}"
_HAN_DIGITS = str.maketrans("〇○零O0一二三四五六七八九", "00000123456789")
# A year, its 年 left out before 以来 (2024以来，在县委…: a slip the opening makes)
_YEAR = re.compile(rf"(20\d{{2}}|19\d{{2}}|{_HAN_YEAR})\s*年|(?<!\d)(20\d{{2}})(?=以来)")
_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A line that is only a month (2025年2月 under a title): the date of writing, no part's heading.
_MONTH_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月$")
_ISSUER = re.compile(r"^[^\s，。]{2,30}(?:委员会|人民政府|办事处|党委|党工委|管委会|政府)$")
_SENTENCE = re.compile(r"[^。！？\n]*(?:[。！？]+[”’」』）]*|\n|$)")
_HEADING_LEVEL = (
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1),
    (re.compile(r"^第[一二三四五六七八九十]+部分"), 1),
    (re.compile(r"^（[一二三四五六七八九十]+）|^）"), 2),
    (re.compile(r"^\d+[、.．](?!\d)"), 3),
    (re.compile(r"^（\d+）"), 4),
)
# Page furniture a title line never is: a breadcrumb (首页 > 政务公开 > …), a bullet of the
# publishing fields (- 标 题:…, which :func:`_title_text` reads), an addressee (区委、区政府：).
_BREADCRUMB = re.compile(r"[>＞›»]")
_ADDRESSEE = re.compile(r"^[^，。；]{2,40}[：:]$")
_BULLET = re.compile(r"^[\s\-•·|*]+")
# Where a year is not the year reported on: a range (2021—2025年), a full date, a title in 《》.
_YEAR_RANGE = re.compile(
    rf"(?:\d{{4}}|{_HAN_YEAR})\s*年?\s*[—–\-~至到]+\s*(?:\d{{4}}|{_HAN_YEAR})\s*年"
)
_IN_BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
_YEAR_PLAN_TITLE = re.compile(
    r"《(20\d{2})年度?[^《》\n]{0,30}?(?:法治|依法)[^《》\n]{0,20}?(?:工作要点|工作计划)》"
)
_PLAN_AFTER_YEAR = re.compile(r"\s*年度?(?:的)?(?:工作)?(?:主要)?(?:安排|计划|打算|思路|要点|重点)")


@cache
def _section_keywords() -> tuple[tuple[SectionKind, tuple[str, ...]], ...]:
    data = tomllib.loads(
        resources.files("kg.ingest").joinpath("data/sections.toml").read_text("utf-8")
    )
    return tuple(
        (SectionKind(data["kinds"][name]), tuple(data["keywords"][name])) for name in data["order"]
    )


@cache
def _section_patterns() -> tuple[tuple[SectionKind, re.Pattern[str]], ...]:
    """Each kind with one pattern of its keywords: one search of a heading instead of a test
    per keyword."""
    return tuple(
        (kind, re.compile("|".join(map(re.escape, words)) if words else r"(?!)"))
        for kind, words in _section_keywords()
    )


def document_from_text(text: str, path: str = "<string>") -> Document:
    """Clean and structure report text given as a string (tests, notebooks)."""
    return structure(source_from_text(text, path))


def structure(source: SourceText) -> Document:
    """Turn a cleaned :class:`SourceText` into a :class:`Document`."""
    text = source.text
    lines = _lines(text)
    title, title_line = _title(lines, source.meta_value("page_title"))
    published = source.meta_value("published") or _signature_date(lines[title_line + 1 :])
    # Opening words standing in for a title (no title found) give their year only when they
    # open with it (2022年，我区…); one they mention on the way (在2023年工作基础上) is the past.
    year = report_year(
        title if title_line >= 0 or _is_title(title) or _OPENING_YEAR.match(title) else "",
        text[lines[title_line][0] if title_line > 0 else 0 :],
        published,
    )
    opening = _opening_phrases(text, lines, title_line)
    names = _unit_names(source, lines, title, title_line, opening)
    self_level = _self_level(text[:_BODY_CHARS])
    unit = _choose_unit(names, self_level)
    if unit is None and (bare := _bare_department(title, names)) and unit_level(bare) == self_level:
        # 教育局2024年法治政府建设工作报告 … 我局 … 《青禾县…》: 青禾县教育局
        unit, names = bare, (*names, bare)
    if unit is None:
        unit = _department_named_in_full(title, names)
    if unit is None and self_level is None:
        unit = _self_named_department(names, text[:_BODY_CHARS])
    short_names = _short_names(opening) if unit is None else ()
    return Document(
        source=source,
        title=title,
        town=unit.name if unit and unit.kind is EntityType.TOWN else None,
        year=year,
        published=published,
        issuers=_issuers(lines),
        sections=_sections(lines, len(text), title_line, year),
        sentences=_sentences(text),
        unit=unit,
        unit_names=names,
        self_level=self_level,
        short_names=short_names,
    )


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


#: How much of the body is read for what a report calls itself and for its own documents:
#: enough to decide, and the cost stays flat on long reports.
_BODY_CHARS = 8000
# A title stands among the first lines, under page chrome and publishing fields.
_TITLE_LINES = 24


#: How many lines below a title without a unit its page's own title may stand.
_COLUMN_TITLE_REACH = 3


def _title(lines: list[tuple[int, str]], page_title: str | None = None) -> tuple[str, int]:
    """The title line and its index; else the web page's own title; else the opening words
    (not a line that only names a unit: the site's name at the head of a saved page).

    A title whose unit stands on the line above (通城镇人民政府 / 2025年法治政府建设
    情况) takes that line in.  A scraped page often keeps the title only in
    ``<title>``, followed by the site's name (``…工作安排_法治政府建设年度报告_某县人民政府``).
    """
    for i, (_, line) in enumerate(lines[:_TITLE_LINES]):
        # A title names its topic (a title broken over two lines, in its first line).
        title = _title_text(line) if _TITLE_TOPIC.search(line) else None
        if title is None:
            continue
        below = _title_text(lines[i + 1][1]) if i + 1 < len(lines) else None
        if not _is_title(title) and below and _is_title(title + below.strip()):
            # a title broken over two lines (…法治政府 / 建设年度报告)
            if not _TITLE_TOPIC.search(below) and len(below.strip()) <= 12:
                title, i = title + below.strip(), i + 1
        if not _is_title(title):
            head = _title_head(title)
            if head is not None:
                return head, -1  # the line goes on with the body, which is read as such
            continue
        above = lines[i - 1][1].strip() if i > 0 else ""
        if not _title_units(title) and _title_units(above) and _is_issuer_line(above):
            title = above + title
        if not _title_units(title):
            # a column's name over the report's own title (法治政府建设年度报告 / 江海区政务服务
            # 和数据管理局关于2025年度法治政府建设情况的报告): the title that names the unit
            for j in range(i + 1, min(i + 1 + _COLUMN_TITLE_REACH, len(lines))):
                own = _title_text(lines[j][1])
                if own is not None and _is_title(own) and _title_units(own):
                    return own, j
        return title, i
    for part in TITLE_PARTS.split(page_title or ""):
        if _is_title(part):
            return part, -1
    for _, line in lines[:_TITLE_LINES]:
        if (
            _title_text(line) is not None
            and not _ADDRESSEE.match(line.strip())
            # a site's name over its pages (咸安区人民政府), not what the report is about
            and unit_name(line) is None
        ):
            return line.strip()[:60], -1
    return (lines[0][1].strip()[:60] if lines else ""), -1


def _title_head(line: str) -> str | None:
    """The title a collapsed page's line opens with (青禾镇2023年法治政府建设工作报告2023年，
    我镇…): the words of its first clause up to the first genre word that closes a title, or
    None.

    Examples
    --------
    >>> _title_head("青禾镇2023年法治政府建设工作总结报告2023年，我镇坚持依法行政，现报告如下。")
    '青禾镇2023年法治政府建设工作总结报告'
    >>> _title_head("2023年，我镇法治政府建设工作取得积极成效，现将工作报告如下。") is None
    True
    >>> _title_head("按照《关于报送2021年度法治政府建设情况报告的通知》要求，现报告如下。") is None
    True
    """
    clause = _CLAUSE_END.split(line, maxsplit=1)[0]
    for match in _TITLE_CLOSE.finditer(clause, 0, 60):
        head = clause[: match.end()]
        # not the words of a document the opening cites (按照《关于报送…报告的通知》)
        if _is_title(head) and head.count("《") == head.count("》"):
            return head
    return None


# the genre words a title ends with (情况 and 工作 stand inside titles too: 工作情况报告)
_TITLE_CLOSE = re.compile("(?:报告|总结|年报|汇报)+")
_CLAUSE_END = re.compile("[，。；：:！？]")


def _title_text(line: str) -> str | None:
    """A line as a title would read, or None when it is page furniture.

    The value of a 标题 field is a title (``- 标 题:羊庄镇2025年法治政府建设报告``);
    other publishing fields, breadcrumbs, addressees and numbered headings are not.
    """
    line = _BULLET.sub("", line).strip()
    # a page title kept as a line: 青禾镇2023年法治政府建设情况报告_法治政府_某区人民政府门户网站
    line = re.split(r"\s*[_｜|]\s*", line, maxsplit=1)[0] if "_" in line or "｜" in line else line
    label = _label_at(line, "title_labels")
    if label:
        # (a field in a table row ends at its cell: | 标 题: | 厦门市…的报告 | |)
        return line[label:].lstrip("：: |").split("|", 1)[0].strip()
    if (
        _label_at(line, "labels")
        or _FIELD_LABEL.search(line)
        or _BREADCRUMB.search(line)
        or _ADDRESSEE.match(line)
        or _numbered_heading(line)
    ):
        return None
    return line


# Publishing fields run together on one line (组配分类 计划总结 发布机构 区委依法治区办).
_FIELD_LABEL = re.compile("发布机构|发文机关|发文机构|发布单位|组配分类|主题分类|生成日期|公开方式")


def _is_title(line: str) -> bool:
    """Short, on topic, in the genre, and not a sentence (titles carry no ， or 。)."""
    return (
        len(line) <= 60
        and not re.search("[，。]", line)
        and bool(_TITLE_TOPIC.search(line))
        and bool(_TITLE_GENRE.search(line))
    )


def _numbered_heading(line: str) -> bool:
    return any(pattern.match(line) for pattern, _ in _HEADING_LEVEL)


# ---------------------------------------------------------------- the report year


def report_year(title: str, text: str = "", published: str | None = None) -> int | None:
    """The year a report is about: its title's, else the year its opening speaks of most (the
    latest of those named as often), else, for a report that names none, the year before it
    was published early in a year.

    A year is no report year inside a range (2021—2025年), a full date, a
    《title》, or before a plan word (2024年工作安排); a year after the
    publication year yields to one that is not.

    Examples
    --------
    >>> report_year("青禾镇2023年工作总结及2024年工作安排")
    2023
    >>> report_year("法治政府建设情况报告", "认真落实《纲要（2021—2025年）》。2022年，我镇…2022年")
    2022
    >>> report_year("青禾镇法治政府建设报告", "2027年，我镇…", "2024-01-05")
    >>> report_year("青禾镇法治政府建设年度报告（2024）")
    2024
    >>> report_year("", "一年来，我县印发《2023年青禾县法治政府建设工作要点》。")
    2023
    >>> report_year("青禾镇法治政府建设工作报告", "今年以来，我镇…", "2024-01-31")
    2023
    """
    limit = int(published[:4]) if published else None
    in_title = _report_years(title, limit)
    if in_title:
        return in_title[0]
    # the year in brackets after the title's words (…年度报告（2024）)
    if (bracketed := _BRACKETED_YEAR.search(title)) and int(bracketed.group(1)) <= (limit or 9999):
        return int(bracketed.group(1))
    # The sentence that hands the report over says its year (现将2025年法治政府建设工作汇报如下).
    stated = _REPORT_OF_YEAR.search(text[:_REPORT_OF_YEAR_WITHIN])
    if stated and (year := int(stated.group(1))) <= (limit or year):
        return year
    counts: dict[int, int] = {}
    for year in _report_years(text[:600], limit):
        counts[year] = counts.get(year, 0) + 1
    if counts:
        # (of years named as often, the latest: the earlier are the past it goes on from,
        # 2021年以来新提任的干部 in a report on 2024; but not the year it was published in,
        # which it plans for)
        return max(counts, key=lambda year: (counts[year], limit is None or year < limit, year))
    # Then the year of the unit's own plan for the work (印发《2023年潼关县法治政府建设工作要点》):
    # the plan of the year the report is about.
    plan = _YEAR_PLAN_TITLE.search(text[:600])
    if plan and int(plan.group(1)) <= (limit or 9999):
        return int(plan.group(1))
    # Last, a report that names no year (今年以来…) published in the months the yearly reports
    # are due (by 1 April) is the year before's.
    if published and int(published[5:7]) <= _REPORTS_DUE_BY_MONTH:
        # (a year named after its publication is a slip: no guess over it)
        if not (_report_years(title, None) or bracketed or _report_years(text[:600], None)):
            return int(published[:4]) - 1
    return None


_REPORTS_DUE_BY_MONTH = 4


_BRACKETED_YEAR = re.compile(r"[（(]\s*(20\d{2})\s*[)）]")
_OPENING_YEAR = re.compile(r"20\d{2}\s*年")
_REPORT_OF_YEAR = re.compile(
    r"现将[^。；\n《]{0,30}?(20\d{2})\s*年度?[^。；\n《\d]{0,40}?(?:报告|汇报|总结)[^。；\n]{0,6}如下"
)
#: How far into the text the handing-over sentence is looked for (it ends the opening).
_REPORT_OF_YEAR_WITHIN = 1500


def _report_years(text: str, limit: int | None) -> list[int]:
    """The years in ``text`` that may be a report year, in order; those after ``limit`` last."""
    masked = text
    for pattern in (_YEAR_RANGE, _DATE, _IN_BOOK_TITLE):
        masked = pattern.sub(lambda m: " " * len(m.group()), masked)
    years = [
        _year_value(m.group(1) or m.group(2))
        for m in _YEAR.finditer(masked)
        if not (m.group(1) and _PLAN_AFTER_YEAR.match(masked, m.end(1)))
    ]
    if limit is None:
        return years
    # A plan or a slip names a later year; the year reported on is never after publication.
    return [y for y in years if y <= limit] or []


def _year_value(written: str) -> int:
    """A year as a number, written in digits or in Chinese numerals (二〇二三 -> 2023)."""
    return int(written.translate(_HAN_DIGITS))


# ---------------------------------------------------------------- the unit that wrote it


@cache
def _words() -> dict[str, Any]:
    return tomllib.loads(
        resources.files("kg.ingest").joinpath("data/units.toml").read_text("utf-8")
    )


@cache
def _endings() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Name endings of townships, county-level units and larger divisions, longest first."""
    levels = _words()["levels"]
    county, above = (tuple(sorted(levels[k], key=len, reverse=True)) for k in ("county", "above"))
    return TOWNSHIP_ENDINGS, county, above


@cache
def _organ_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Organs before a name (中共), after it (人民政府, 党委 …), and department heads at the end."""
    organs = _words()["organs"]
    before = "|".join(map(re.escape, organs["before"]))
    after = "|".join(map(re.escape, sorted(organs["after"], key=len, reverse=True)))
    heads = "|".join(
        map(re.escape, sorted(_words()["departments"]["heads"], key=len, reverse=True))
    )
    return re.compile(f"^(?:{before})"), re.compile(f"(?:{after})"), re.compile(f"(?:{heads})$")


@cache
def _zone_government() -> re.Pattern[str]:
    """A zone's governing committee right after the zone's name (经济开发区管委会, 高新区管理委员会;
    every zone's name ends in 区), to be dropped."""
    organs = "|".join(map(re.escape, _words()["organs"]["after_zone"]))
    return re.compile(f"(?<=区)(?:{organs})$")


def publishing_labels() -> tuple[str, ...]:
    """Labels of a web page's publishing fields that name a unit (发布机构, 来源 …)."""
    return tuple(_words()["metadata"]["labels"])


def _label_at(line: str, kind: str) -> int:
    """Length of a publishing-field label opening ``line`` (spaces between its characters
    allowed: 索 引 号, 来  源), or 0; ``kind`` names the list in units.toml."""
    match = _label_pattern(kind).match(line)
    return match.end() if match else 0


@cache
def _label_pattern(kind: str) -> re.Pattern[str]:
    labels = sorted(_words()["metadata"][kind], key=len, reverse=True)
    return re.compile("|".join("\\s*".join(map(re.escape, label)) for label in labels))


# A township's party committee named under its county's (青禾市委云溪街道工作委员会).
_UNDER_COUNTY_COMMITTEE = re.compile(f"[{HAN}]{{1,8}}?[县区市旗]委([{HAN}]+)")

# Characters and words that stand in no division's name: an organ (县委全面依法治县 is no
# county), a function word (司法局在区 is no district), a department's word (住房和城乡建设局
# holds no township 住房和城乡).
_NOT_IN_NAME = re.compile(
    "[委党的在对局办以为与及将把]|政府|依法|法治|全面|关于|推动|推进|助推|带动|住房"
)


# 街道 as the subject of a clause (，街道按照…): a street speaking of itself; not a list (街道、乡镇).
_BARE_STREET = re.compile("街道(?![、和与及，。；道办])")
_CLAUSE_START = frozenset("，。；：\n")
_BARE_GOVERNMENT = re.compile("(县|区|旗)(?:人民)?政府(?![、和与及办])")
# Characters a division's name starts with only in levels.self_first_names (全南县): 我县, 全区,
# 该镇 are the unit calling itself.
_NOT_FIRST = "我本全该各每此其某"
# ... and right before a level, only in levels.self_last_names (万全区): 确保了全区 is the district.
_NOT_BEFORE_LEVEL = "我本全该各每此"
# Words that stand in no department's name: 依法治县委员会办公室 is a body, 司法局在区委 a clause,
# 民政局与区法院 two bodies.  A 与 between two fields of one name (海洋与渔业局, 自然资源与规划局)
# follows no body's head and comes before no place: _not_a_department.
_NOT_IN_DEPARTMENT = re.compile("依法治|[在的对以与及将把]")
_FIELDS_JOINED = re.compile(f"[{HAN}]{{2,6}}与[^县区市旗镇乡省]+")


def _not_a_department(rest: str) -> bool:
    """Whether words in ``rest`` (what follows the place) make it no department's name."""
    if _NOT_IN_DEPARTMENT.search(rest) is None:
        return False
    if _FIELDS_JOINED.fullmatch(rest) is None:
        return True
    _, _, heads = _organ_patterns()
    before, _, after = rest.partition("与")
    return heads.search(before) is not None or _NOT_IN_DEPARTMENT.search(before + after) is not None


@cache
def _all_endings() -> tuple[tuple[str, ...], frozenset[str]]:
    """Every division ending, longest first, and the characters they end with."""
    town, county, above = _endings()
    endings = tuple(sorted({*town, *county, *above}, key=len, reverse=True))
    return endings, frozenset(e[-1] for e in endings)


def _segments(phrase: str) -> list[tuple[int, int, str]]:
    """Division names written one after another: (start, end, ending) each.

    A name is the shortest run ending in a division's ending (镇, 街道, 县, 市 …)
    whose stem has two characters or more (one for 县: 和县); organs between
    names (人民政府, 党委) are skipped.  新市镇 is one name, not 新市 + 镇.  A name
    these rules misread (乌镇, 党武镇, 古县镇: units.toml's read_whole) is read whole
    where it stands, unless they read a longer one there.

    Examples
    --------
    >>> _segments("桐乡市乌镇"), _segments("古县镇"), _segments("芒市西山乡")
    ([(0, 3, '市'), (3, 5, '镇')], [(0, 3, '镇')], [(0, 2, '市'), (2, 5, '乡')])
    >>> _segments("阳泉市城区"), _segments("郊区大通镇")
    ([(0, 3, '市'), (3, 5, '区')], [(0, 2, '区'), (2, 5, '镇')])
    """
    endings, last = _all_endings()
    _, after, _ = _organ_patterns()
    out: list[tuple[int, int, str]] = []
    pos = 0
    while pos < len(phrase):
        found = None
        for end in range(pos + 1, min(len(phrase), pos + 16) + 1):
            if phrase[end - 1] not in last:
                continue
            ending = next((e for e in endings if phrase.endswith(e, pos, end)), None)
            if (
                ending
                and end - pos - len(ending) >= (1 if ending == "县" else 2)
                and (
                    phrase[pos] not in _NOT_FIRST
                    or phrase[pos:end] in _words()["levels"]["self_first_names"]
                )
                and (
                    phrase[end - len(ending) - 1] not in _NOT_BEFORE_LEVEL
                    or phrase[pos:end] in _words()["levels"]["self_last_names"]
                )
                and not _NOT_IN_NAME.search(phrase, pos, end - len(ending))
                # (a body's 市容 or 市场 right after a county's name: 青禾区绿化和市容管理局)
                and not (
                    ending == "市" and out and out[-1][1] == pos and phrase[end : end + 1] in "容场"
                )
            ):
                found = (pos, end, ending)
                if ending == "县" and phrase.startswith("区", end):
                    found = (pos, end + 1, "区")  # a district named after its old county: 梅县区
                break
        listed = next(
            (
                named
                for named in _read_whole().get(phrase[pos], ())
                if phrase.startswith(named[0], pos)
            ),
            None,
        )
        # the listed name wins unless the rules read a longer one there, but not when that is
        # the listed name and another after it (芒市西山乡: 芒市 and 西山乡)
        if listed is not None and (
            found is None
            or pos + len(listed[0]) > found[1]
            or _ends_a_name(phrase, found, pos + len(listed[0]))
        ):
            found = (pos, pos + len(listed[0]), listed[1])
        # a district of one character (城区, 郊区) after its city's name (阳泉市城区) or before
        # a name of its own (郊区大通镇)
        if phrase[pos : pos + 2] in _words()["levels"]["city_districts"] and (
            (found is None and out and out[-1][1] == pos and out[-1][2] == "市")
            or (found is not None and _ends_a_name(phrase, found, pos + 2))
        ):
            found = (pos, pos + 2, "区")
        if found is None:
            break
        out.append(found)
        pos = found[1]
        organ = after.match(phrase, pos)
        if organ and not _department_starts(phrase, pos):
            pos = organ.end()
    return out


def _ends_a_name(phrase: str, found: tuple[int, int, str], start: int) -> bool:
    """Whether ``phrase[start:]`` up to the end of the name ``found`` reads as one name."""
    pos, end, ending = found
    return pos < start < end and _segments(phrase[start:end])[:1] == [(0, end - start, ending)]


@cache
def _read_whole() -> dict[str, tuple[tuple[str, str], ...]]:
    """units.toml's read_whole names with their endings, by first character, longest first.

    A county's is read under each status a county takes (无为县 became 无为市, 犍为县 may
    become 犍为市): the gazetteer keeps the name of its day.
    """
    endings, _ = _all_endings()
    named: dict[str, str] = {}
    for name in _words()["levels"]["read_whole"]:
        ending = next(e for e in endings if name.endswith(e))
        if ending in _COUNTY_STATUSES and len(name) > 2:
            named.update((name[: -len(ending)] + status, status) for status in _COUNTY_STATUSES)
        named[name] = ending
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(named, key=len, reverse=True):
        by_first.setdefault(name[0], []).append((name, named[name]))
    return {first: tuple(names) for first, names in by_first.items()}


#: The endings a county-level unit changes between (县 -> 市, 县 -> 区).
_COUNTY_STATUSES = ("县", "市", "区")


def _department_starts(phrase: str, pos: int) -> bool:
    """Whether ``phrase[pos:]`` is a department's own name (人民政府办公室), not a bare organ."""
    _, after, heads = _organ_patterns()
    organ = after.match(phrase, pos)
    rest = phrase[organ.end() :] if organ else phrase[pos:]
    return bool(rest) and bool(heads.search(rest))


#: A count of units ending a name (登封三县, 两区): no unit, unless the count is the name's own
#: (二七区, 八一镇: numerals throughout).
_COUNTED_UNITS = re.compile("(?<![一二三四五六七八九十两])[两二三四五六七八九十][县区市镇乡]$")


def unit_name(phrase: str, source: str = "text") -> UnitName | None:
    """The unit a phrase names, read from its ending, or None when it names none.

    Examples
    --------
    >>> unit_name("长沙市天心区坡子街街道办事处").name
    '坡子街街道'
    >>> [(u.name, u.kind.value) for u in map(unit_name, ["中共惠安县委", "济宁市兖州区司法局"])]
    [('惠安县', 'County'), ('兖州区司法局', 'Organization')]
    >>> unit_name("县人民政府办公室").name, unit_name("我镇"), unit_name("依法治县委员会")
    ('县人民政府办公室', None, None)
    >>> unit_name("登封三县"), unit_name("郑州市二七区").name, unit_name("青禾市民政局民政局").name
    (None, '二七区', '青禾市民政局')
    """
    written = phrase.strip()
    before, after, heads = _organ_patterns()
    # 开发区·铁山区: a zone and the district it is merged with; the district is the unit.
    text = before.sub("", written.rsplit("·", 1)[-1])
    # 区司法局党组, 区城市管理局委员会: a bureau's party group or committee speaks for the bureau,
    # named before it too (市教育局党委市教育局)
    text = _BUREAU_PARTY_GROUP.sub("", _PARTY_GROUP_THEN_BUREAU.sub(r"\g<bureau>", text))
    text = _DOUBLED_HEAD.sub(r"\1", text)
    text = _PREFECTURE_GOVERNMENT.sub("", text)
    if (committee := _zone_government().search(text)) and (
        park := _county_park(text[: committee.start()])
    ):
        # 武隆区工业园区管理委员会: a county's park and its committee, one of the county's bodies
        return UnitName(park + committee.group(), EntityType.ORGANIZATION, written, source)
    # 十堰经济开发区管委会: the zone's governing committee speaks for the zone
    text = _zone_government().sub("", text)
    if (
        not text
        or not re.fullmatch(f"[{HAN}]+", text)
        or _SELF_WORD.fullmatch(text)
        or _LEVEL_PAIR_END.search(text)
    ):
        return None
    if (under := _UNDER_COUNTY_COMMITTEE.fullmatch(text)) and (
        inner := unit_name(under.group(1), source)
    ):
        # 中共青禾市委云溪街道工作委员会: a township's party committee named under its county's
        if inner.kind is EntityType.TOWN:
            return UnitName(inner.name, inner.kind, written, source)
    town, county, above = _endings()
    segments = _segments(text)
    if segments and _COUNTED_UNITS.search(text, 0, segments[-1][1]):
        return None  # 巩义、偃师、登封三县: a count of the units just listed, no name
    if segments and segments[-1][2] not in town and any(s[2] in town for s in segments):
        # no place is under a township: what ends in 区 after one is words (黄湖镇紧紧围绕区委)
        return None
    end = segments[-1][1] if segments else 0
    # 青禾镇党委政府: the organs after a name, however many.
    while segments and (organ := after.match(text, end)) and organ.end() < len(text):
        if not after.match(text, organ.end()):
            break
        end = organ.end()
    short = _words()["levels"]["street_short"]
    street = text[end:].removesuffix("办事处")
    if street.endswith(short) and len(street) >= 3 and not _NOT_IN_NAME.search(street):
        # 新市街 (办事处): a street named short; its name is 新市街道.
        return UnitName(street + "道", EntityType.TOWN, written, source)
    organ = after.match(text, end)
    rest = text[end:]
    if segments and (not rest or (organ and organ.end() == len(text))):
        start, stop, ending = segments[-1]
        levels = _words()["levels"]
        if (
            len(segments) > 1
            and text[start:stop] in levels["city_zones"]
            and segments[-2][1] == start
            and segments[-2][2] == "市"
            and start - segments[-2][0] > 2  # a city's name, not a bare 市
        ):
            # 十堰市经济开发区: the city's zone, named with the city
            return UnitName(text[segments[-2][0] : stop], EntityType.COUNTY, written, source)
        if text[start:stop] in levels["generic"] and not (
            len(segments) > 1 and text[start:stop] in levels["city_districts"]
        ):
            return None  # 城区 names a unit only after its city's name (阳泉市城区)
        kind = (
            EntityType.TOWN if ending in town else EntityType.COUNTY if ending in county else None
        )
        if text[start:stop] in levels["municipalities"]:
            return None
        return UnitName(text[start:stop], kind, written, source) if kind else None
    # A department: what follows a county or a prefecture (or a bare 县/区/市) ends with a
    # department's head (湘西自治州生态环境局凤凰分局: a prefecture's bureau, its county branch).
    if segments and segments[-1][2] not in county + _PREFECTURE_ENDINGS:
        return None
    place = text[segments[-1][0] : segments[-1][1]] if segments else ""
    if place and place in rest:
        # the department's party body, then the department (中共渠县教育局委员会渠县教育局)
        rest = rest[rest.rindex(place) + len(place) :]
        if heads.search(rest) and not _not_a_department(rest):
            return UnitName(place + rest, EntityType.ORGANIZATION, written, source)
    if not heads.search(rest) or len(rest) > 14 or _not_a_department(rest):
        return None
    if not segments:
        # 县司法局, 区卫生健康委: a department of the county the page is about; 区委 is no department.
        if rest[0] not in "县区市旗" or after.fullmatch(rest, 1):
            return None
    start = segments[-1][0] if segments else 0
    if (
        len(segments) > 1
        and segments[-2][1] == start
        and text[start : segments[-1][1]].endswith(tuple(_words()["levels"]["county_areas"]))
    ):
        start = segments[-2][0]  # 禄劝…自治县云龙水库水源保护区管理局: an area's body, the county's
    return UnitName(text[start:], EntityType.ORGANIZATION, written, source)


def _county_park(text: str) -> str | None:
    """A zone named by its kind alone right after a county's or district's name (武隆区工业园区,
    青禾县经济开发区), from the county on; None for a zone named otherwise (十堰经济开发区, a
    city's zone: 十堰市高新区)."""
    segments = _segments(text)
    if len(segments) < 2 or segments[-1][1] != len(text) or segments[-2][1] != segments[-1][0]:
        return None
    county_start, _, county_ending = segments[-2]
    zone = text[segments[-1][0] :]
    if county_ending not in ("县", "区", "旗") or zone not in _words()["levels"]["generic"]:
        return None
    return text[county_start:]


#: Endings of the prefecture-level divisions that are not cities (市 is a county's ending too).
_PREFECTURE_ENDINGS = ("自治州", "州", "盟", "地区")

#: A bureau's party group or committee after its name (区司法局党组深入贯彻…).
_BUREAU_PARTY_GROUP = re.compile("(?<=局)(?:党组|党委|委员会)$")  # 区城市管理局委员会 too
#: ... and the bureau named again after its party body (市教育局党委 市教育局: a joint title).
_PARTY_GROUP_THEN_BUREAU = re.compile("^(?P<bureau>.+局)(?:党组|党委)(?P=bureau)$")
#: ... and a bureau's head written twice, a slip (廉江市民政局民政局).
_DOUBLED_HEAD = re.compile(f"([{HAN}]{{2,8}}?局)\\1$")

#: A prefecture's government between its name and a department's (大兴安岭地区行政公署司法局 is
#: the prefecture's 大兴安岭地区司法局), as a county's 人民政府 is never written there; its own
#: office (地区行政公署办公室) keeps it.
_PREFECTURE_GOVERNMENT = re.compile("(?<=地区)(?:行政公署|行署)(?!办公室)(?=.)")

#: What a report calls itself (现我乡, 我局): no name.
_SELF_WORD = re.compile(f"[{HAN}]?我[{HAN}]{{1,2}}")
# Two levels named together (省市, 市县, 县区: 贯彻中央和省市实施方案) end no unit's name.
_LEVEL_PAIR_END = re.compile("(?:省市|省区|市县|区县)$")  # (梅县区, 辉县市, 沙市区 are units)

#: Which unit a title means when it names several (翠亨新区（南朗街道）; 白云区人民政府
#: 新市街道办事处): the lowest, a township before a department before a county.
_LOWEST_FIRST = {EntityType.TOWN: 0, EntityType.ORGANIZATION: 1, EntityType.COUNTY: 2}


def _title_units(title: str) -> list[UnitName]:
    """Units named in a title, the lowest first: the phrases around its year, 关于 and topic.

    A document the title cites (根据《…关于印发钟山区…要点的通知》: a first sentence taken as
    the title) is another unit's, unless the title is that document alone.
    """
    if not title.startswith("《"):
        title = _IN_BOOK_TITLE.sub(lambda m: " " * len(m.group()), title)
    units = [
        u
        for piece in _title_pieces(title)
        # (根据青禾县人民政府办公室关于…的通知: a first sentence taken as the title follows an office)
        if not piece.startswith(_PREDICATE_OPENINGS) and (u := unit_name(piece, "title"))
    ]
    return sorted(units, key=_title_order)


def _title_pieces(title: str) -> list[str]:
    """The phrases of a title before its topic, between its year, 关于, brackets, 、 and colons
    (平江县交通运输局：2022年度法治政府…报告)."""
    head = _TITLE_TOPIC_START.split(title, maxsplit=1)[0]
    return _TITLE_PIECE_BREAK.split(head)


#: The topic, with the verb a unit may put before it (普陀区生态环境局履行法治建设自查报告).
_TITLE_TOPIC_START = re.compile("(?:履行|推进)?(?:法治|依法|法制)")
_TITLE_PIECE_BREAK = re.compile(
    rf"(?:(?:\d{{4}}|{_HAN_YEAR})\s*年?\s*[—–－\-~～至到])?(?:\d{{4}}|{_HAN_YEAR})\s*年度?|关于"
    r"|[\s（）()、：:【】]+"
)


_BARE_DEPARTMENT = re.compile(f"[{HAN}]{{2,12}}?(?:局|委员会|委)")
#: ... not a phrase a report calls itself by (现将我局…报告如下: a first sentence read as the title).
_NOT_IN_BARE_DEPARTMENT = re.compile("[县区市旗镇乡省党我]|依法治|本局|本委")


def _bare_department(title: str, names: tuple[UnitName, ...]) -> UnitName | None:
    """A department its title names without its county (教育局2024年…报告), placed in the one
    county the report names elsewhere (《青禾县…》), if it names exactly one."""
    counties = {u.name for u in names if u.kind is EntityType.COUNTY}
    if len(counties) != 1:
        return None
    for piece in _title_pieces(title):
        if _BARE_DEPARTMENT.fullmatch(piece) and not _NOT_IN_BARE_DEPARTMENT.search(piece):
            name = counties.pop() + piece
            return UnitName(name, EntityType.ORGANIZATION, piece, "title")
    return None


def _department_named_in_full(title: str, names: tuple[UnitName, ...]) -> UnitName | None:
    """A department its title names by its level alone (州教育局2022年…总结), named in full by
    the one other name of the report that ends with it (《青禾州教育局…清单》)."""
    departments = {u.name for u in names if u.kind is EntityType.ORGANIZATION}
    for piece in _title_pieces(title):
        if piece[:1] in _BARE_LEVELS and _BARE_DEPARTMENT.fullmatch(piece):
            full = [name for name in departments if name.endswith(piece) and name != piece]
            if len(full) == 1:
                return UnitName(full[0], EntityType.ORGANIZATION, piece, "title")
    return None


#: The levels a department's title may name it by alone (县司法局, 州教育局).
_BARE_LEVELS = ("县", "区", "市", "旗", "州", "盟")


def _title_order(unit: UnitName) -> tuple[int, bool]:
    """The lowest unit first; of a joint title (中共荣昌区委教育工作委员会 / 荣昌区教育委员会)
    the government's name before the party committee's."""
    return _LOWEST_FIRST[unit.kind], unit.written.startswith(("中共", "中国共产党"))


def _is_issuer_line(line: str) -> bool:
    """A short line of unit names only (通城镇人民政府; 中共惠安县委 惠安县人民政府)."""
    parts = line.split()
    return 0 < len(line) <= 40 and all(unit_name(p) for p in parts)


_OPENING_TIME = r"(?:\d{4}\s*年(?:度|以来|来)?|%s)"
# What follows the subject of a report's first sentence (青禾镇在县委…, 青禾县人民政府坚持…,
# 青禾市生态环境局青禾县分局（以下简称“我局”）坚持…).
_SUBJECT_FOLLOWER_WORDS = (
    "在|坚持|深入|始终|紧紧|全面|认真|以|按照|围绕|立足|聚焦|高度|着力|扎实|持续|积极|不断|切实|"
    "严格|紧扣|牢固|牢牢|紧密|把|将|对|统筹|进一步|精心|主动|锚定|自觉|大力|全力|坚决|强化|完善|"
    "健全|推进|贯彻|落实|深化|继续|根据|结合|通过|着眼|的|法治|依法|坚定|牢记|奋力|努力|充分|聚力|"
    "深学|笃行|笃学"
).split("|")
_SUBJECT_FOLLOWERS = "|".join(["[（(]以下简称", *_SUBJECT_FOLLOWER_WORDS, "、", "\\d{4}\\s*年"])
# A clause opening with one of the words of two or more characters is a predicate, not a name,
# though it ends in a level before a list (严格遵守市、县规定: no county 严格遵守市).
# (One character may open a name: 将乐县, 对江镇.)
_PREDICATE_OPENINGS = tuple(word for word in _SUBJECT_FOLLOWER_WORDS if len(word) > 1)


@cache
def _opening_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    time = _OPENING_TIME % "|".join(map(re.escape, _words()["opening"]["time_words"]))
    subject = re.compile(
        # (a line's start too: a page whose chrome stands before the first sentence)
        # (the other names a body bears, in brackets after its own: 市数据局（市行政审批局）坚持…)
        f"(?:^|[，。；\\n])\\s*(?:{time})?[，]?\\s*([{HAN}]{{2,30}}?)"
        f"(?:[（(][^（）()\\n]{{1,40}}[）)])?(?={_SUBJECT_FOLLOWERS})"
    )
    # (现将绿春县林业和草原局落实2024年度…: the verb before the year is no part of the name)
    report = re.compile(
        f"现将([{HAN}]{{2,30}}?)(?:落实|贯彻落实|贯彻)?(?:\\d{{4}}\\s*年|年度|法治|依法|有关|相关|工作)"
    )
    return subject, report


def _unit_names(
    source: SourceText,
    lines: list[tuple[int, str]],
    title: str,
    title_line: int,
    opening: list[str],
) -> tuple[UnitName, ...]:
    """Every name the report gives its unit, most trusted first (``opening``: the subjects of
    its opening sentences, :func:`_opening_phrases`)."""
    names = list(_title_units(title))
    # After the title's own names: a line of names beside the title is often the site's owner
    # or the level above (赣州市人民政府 under 中共大余县委 大余县人民政府关于…的报告).
    issuers: list[UnitName] = []
    if title_line >= 0:
        for _, line in (
            lines[max(title_line - 2, 0) : title_line] + lines[title_line + 1 : title_line + 2]
        ):
            line = line.strip()
            if _is_issuer_line(line):
                issuers += [u for p in line.split() if (u := unit_name(p, "issuer"))]
    names += sorted(issuers, key=_title_order)
    names += [u for phrase in opening if (u := unit_name(phrase, "opening"))]
    if publisher := source.meta_value("page_source"):
        # A web page's <meta name="ContentSource">, its 发布机构 as the page's head gives it.
        names += [u for part in publisher.split() if (u := unit_name(part, "metadata"))][:1]
    if title_line < 0:
        # No title: the site's name on the page's first line (重庆市江津区人民政府 over a
        # report that calls itself 我区) names its publisher.
        head = lines[0][1].strip() if lines else ""
        if _is_issuer_line(head):
            names += [u for p in head.split() if (u := unit_name(p, "site"))]
    names += _metadata_units(source.raw)
    for _, line in lines[title_line + 1 :][-6:]:
        # a government's or party committee's signature, or a department's (青禾县卫生健康局);
        # a line above the title is the page's (the site's owner), not a signature
        if _ISSUER.match(line.strip()) or _is_issuer_line(line.strip()):
            names += [u for p in line.split() if (u := unit_name(p, "signature"))]
    names += _document_units(source.text[:_BODY_CHARS])
    names += _bare_departments(source.text[:_BODY_CHARS])
    return tuple(dict.fromkeys(names))


def _short_names(opening: list[str]) -> tuple[str, ...]:
    """The opening's subjects written as a short name, with no level (2025年，青禾坚持…):
    two or three characters that name no unit by themselves."""
    return tuple(
        dict.fromkeys(
            phrase for phrase in opening if _SHORT_NAME.fullmatch(phrase) and not unit_name(phrase)
        )
    )


_SHORT_NAME = re.compile(f"[{HAN}]{{2,3}}")


def _opening_phrases(text: str, lines: list[tuple[int, str]], title_line: int) -> list[str]:
    """The subjects of the opening sentences (2025年，青禾镇坚持…; 现将青禾镇…报告如下), the
    superiors and the documents followed left out."""
    start = lines[title_line + 1][0] if 0 <= title_line < len(lines) - 1 else 0
    stop = next(
        (pos for pos, line in lines if pos > start and _numbered_heading(line.strip())),
        len(text),
    )
    opening = text[start : min(stop, start + 600)]
    opening = _IN_BOOK_TITLE.sub(lambda m: " " * len(m.group()), opening)
    # The addressee (中共青禾县委、县人民政府：) is the level above, never the unit.
    opening = "\n".join(
        " " * len(line) if _ADDRESSEE.match(line.strip()) else line for line in opening.split("\n")
    )
    subject, report = _opening_patterns()
    found = []
    for pattern in (report, subject):
        for match in pattern.finditer(opening):
            phrase = match.group(1)
            # 在县委、县政府的领导下 names the unit's superiors, not the unit; 根据…要求 what it follows.
            words = _words()["opening"]
            if (
                phrase.startswith(("在", *words["follow_words"], *words["acting_words"]))
                or phrase.startswith(_PREDICATE_OPENINGS)
                or any(word in phrase for word in words["clause_words"])
                or "领导" in phrase
            ):
                continue
            found.append(phrase)
    return found


def _metadata_units(raw: str) -> list[UnitName]:
    """Units in the publishing fields of a web page (发布机构:兖州区新驿镇, 来 源 / 虎跳峡镇)."""
    head = [line.strip() for line in raw[:3000].split("\n")][:80]
    found = []
    for i, line in enumerate(head):
        for label in _label_pattern("labels").finditer(line):
            match = _FIELD_VALUE.match(line, label.end())
            value = match.group(1) if match else ""
            if glued := _label_pattern("next_labels").search(value):
                value = value[: glued.start()]
            if not value and not line[label.end() :].strip(_FIELD_MARKS):
                # the value on the next line (来 源 / 虎跳峡镇)
                below = next((h for h in head[i + 1 : i + 3] if h), "").split()
                value = below[0] if below else ""
            unit = unit_name(value, "metadata")
            if unit is None and match:
                # a second name on the line (发布机构：中共青禾县委青禾镇委员会 青禾镇人民政府)
                second = _FIELD_VALUE.match(line, match.end())
                unit = unit_name(second.group(1), "metadata") if second else None
            if unit:
                found.append(unit)
    return found


# The value of a publishing field: what follows its label up to a space or a table border
# (发布机构：…, 发布机构 | …, [ 发布机构 ] …).
_FIELD_MARKS = "：: |｜]】"
_FIELD_VALUE = re.compile(r"[\s：:|｜\]】]*([^\s|｜：:\[\]【】]+)")


# The unit a document of its own opens with, before a year, a subject or the body that issues it;
# a bureau before anything (《西秀区统计局行政权力事项清单》, a prefecture's: 《青禾州教育局…》).
_DOCUMENT_HEAD = re.compile(
    f"《([{HAN}]{{2,20}}?)(?:\\d{{4}}\\s*年|关于|“|法治|依法|人民政府|党政|党委|政府|主要负责|"
    "参与|开展|推进|创建|贯彻|落实|实施|深化|加强|领导干部)"
    f"|《([{HAN}]{{2,8}}?[{''.join(_BARE_LEVELS)}][{HAN}]{{1,8}}?局)(?=[{HAN}])"
)


def _document_units(text: str) -> list[UnitName]:
    """Units at the head of the report's own documents (《青禾镇2024年依法治镇工作要点》,
    《青禾县人民政府常务会会前学法制度》, 《青禾县党政主要负责人履行…》)."""
    found = []
    for match in _DOCUMENT_HEAD.finditer(text):
        if unit := unit_name(match.group(1) or match.group(2), "body"):
            found.append(unit)
    return found


# A bureau named by its level alone (区司法局), found from its level character: a pattern
# that opened with the clause mark before it, a look-behind, would be tried at every character.
_BARE_BUREAU = re.compile(f"[县区市旗][{HAN}]{{1,6}}?局")
# ... or with its place's name before the level, right after the clause mark (盐城市交通运输局)
_PLACE_REACH = 8
_PLACE_BEFORE = re.compile(f"[{''.join(sorted(_CLAUSE_START))}]([{HAN}]{{1,7}})$")


def _bare_departments(text: str) -> list[UnitName]:
    """The bureau a report names most often as a clause's subject, by its level alone (区司法局)
    or with its place (盐城市交通运输局): a department's report that calls itself 我局 and names
    no county in its title.
    (Counted only where the report says 我局: see :func:`_choose_unit`.)"""
    counts: dict[str, int] = {}
    for m in _BARE_BUREAU.finditer(text):
        start = m.start()
        if start and text[start - 1] not in _CLAUSE_START:
            # a bureau named with its place, as a clause's subject (。盐城市交通运输局被…表彰), the
            # place named elsewhere too (盐城市委: not 并选定区), else one inside a name (桃源县民政局)
            # or a phrase
            placed = _PLACE_BEFORE.search(text, max(0, start - _PLACE_REACH), start)
            if placed is None or text.count(text[placed.start(1) : start + 1]) < 2:
                continue
            start = placed.start(1)
        counts[text[start : m.end()]] = counts.get(text[start : m.end()], 0) + 1
    if not counts:
        return []
    best = max(counts, key=lambda name: counts[name])  # the first of the most named
    unit = unit_name(best, "body")
    return [unit] if unit and unit.kind is EntityType.ORGANIZATION else []


@cache
def _self_words(table_name: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = _words()[table_name]
    # A class of first characters, then the rests (我镇: 我 + 镇), is far quicker to search for
    # than an alternation of the words; a pair the table lacks (本办) is not counted.
    first = "".join(sorted({re.escape(w[0]) for w in table}))
    rests = sorted({w[1:] for w in table}, key=len, reverse=True)
    return re.compile(f"[{first}](?:{'|'.join(map(re.escape, rests))})"), table


#: Mentions of 全县/全区 … a report needs before its weak self-references count.
_WEAK_SELF_MIN = 2


def _bare_governments(text: str) -> Iterator[str]:
    """The level of each government a county's report calls itself by alone, as a clause's
    subject (2022年，县人民政府坚持…; 现将县人民政府…报告如下 -> 县)."""
    for m in _BARE_GOVERNMENT.finditer(text):
        if (
            m.start() == 0
            or text[m.start() - 1] in _CLAUSE_START
            or text.endswith("现将", 0, m.start())
        ):
            yield m.group(1)


def names_itself(text: str, level: str) -> bool:
    """Whether a report calls itself by ``level`` in its own words: 我县, or its government
    alone as a clause's subject (县人民政府坚持…), not only 全县 about its area."""
    return "我" + level in text or level in _bare_governments(text)


def _self_level(text: str) -> str | None:
    """What the report calls itself most often (我镇 -> 镇), or None when it never does.

    Without any 我镇/本街道, the level it names its whole area by (全区 …) counts
    when it does so twice or more.  A department's 我局 wins over its county's 我县.
    """
    pattern, table = _self_words("self")
    counts: dict[str, int] = {}
    for match in pattern.finditer(text):
        if level := table.get(match.group()):
            counts[level] = counts.get(level, 0) + 1
    # A street's report often calls itself just 街道, as a clause's subject (。街道建立…).
    bare = sum(
        1
        for m in _BARE_STREET.finditer(text)
        if m.start() == 0 or text[m.start() - 1] in _CLAUSE_START
    )
    if bare:
        counts["街道"] = counts.get("街道", 0) + bare
    if not counts:
        for level in _bare_governments(text):
            counts[level] = counts.get(level, 0) + 1
    if not counts:
        pattern, table = _self_words("weak_self")
        for match in pattern.finditer(text):
            if level := table.get(match.group()):
                counts[level] = counts.get(level, 0) + 1
        counts = {level: n for level, n in counts.items() if n >= _WEAK_SELF_MIN}
    if not counts:
        return None
    # A department's report calls its county 我县 too (今年我县新设企业541家); 我局 is its own.
    departments = [level for level in counts if level in _DEPARTMENT_SELF]
    if len(departments) == 1 and set(counts) <= {*departments, *_COUNTY_SELF}:
        return departments[0]
    best = max(counts.values())
    top = [level for level, n in counts.items() if n == best]
    return top[0] if len(top) == 1 else None


#: What a department calls itself (我局, 我委), and a county (我县, 我区).
_DEPARTMENT_SELF = ("局", "委")
_COUNTY_SELF = ("县", "区", "市", "旗")


def unit_level(unit: UnitName) -> str:
    """The level word of a unit's name, as 我镇/我县/我局 would say it (镇, 县, 局 …)."""
    if unit.kind is EntityType.ORGANIZATION:
        return "委" if unit.name.endswith(("委", "委员会")) else "局"
    town, county, _ = _endings()
    ending = next(e for e in (*town, *county) if unit.name.endswith(e))
    return {"民族乡": "乡", "自治县": "县", "自治旗": "旗"}.get(ending, ending)


def _choose_unit(names: tuple[UnitName, ...], self_level: str | None) -> UnitName | None:
    """The unit the report is about: the most trusted name that fits what it calls itself.

    The title, then a line of names beside it (of the level the report calls itself by), then
    the opening, decide.  A web page's publishing fields come next, but a county's report is
    often published by its 司法局: a department there counts as the unit only when the report
    calls itself 我局/我委, and stands for its county when it says 我县/我区; a department that
    signs the report is its unit.  The site's name at the head of a page without a title, and names in the body,
    count only when the report says what it is (我镇) and they agree.
    """
    for unit in names:
        if unit.source == "title":
            return _in_full(unit, names)
    opening = [unit for unit in names if unit.source == "opening"]
    for unit in names:
        # a line of names by a title that names none is the report's issuers, unless the
        # report calls itself by another level: then the line is the site's name over its
        # page (松阳县人民政府 over 2022年，苎溪镇在县委…, 我镇…)
        if unit.source == "issuer" and (not self_level or unit_level(unit) == self_level):
            return _in_full(unit, names)
    # Of the opening's names the first, or for a department saying 我局 the first department: it
    # is not the town a headline over its page names (青山区云溪镇2025年度…公告...).
    departments = [u for u in opening if u.kind is EntityType.ORGANIZATION]
    if opening:
        return _in_full(((self_level in _DEPARTMENT_SELF and departments) or opening)[0], names)
    for source in ("metadata", "signature", "site", "body"):
        for unit in names:
            if unit.source != source:
                continue
            level = unit_level(unit)
            if self_level is None and source not in ("site", "body"):
                # a department that signs its report is its unit; one that only publishes it
                # may be publishing its county's
                if unit.kind is not EntityType.ORGANIZATION or source == "signature":
                    return unit
                continue
            if level == self_level or (
                # a commission may call itself 我局 (卫生健康委员会), but a body that says 我委
                # is a commission: an office that publishes its report (来源：市政府办) is not
                source in ("metadata", "signature")
                and level in _DEPARTMENT_SELF
                and self_level == "局"
            ):
                return unit
            if (
                unit.kind is EntityType.ORGANIZATION
                and self_level in _COUNTY_SELF
                and (county := _county_of(unit))
                and county.endswith(self_level)
            ):
                return UnitName(county, EntityType.COUNTY, unit.written, source)
    return None


def _in_full(unit: UnitName, names: tuple[UnitName, ...]) -> UnitName:
    """A department's short name as another of the report's names writes it in full (绿春县林草局
    in the title, 绿春县林业和草原局 in the opening and the page's fields): the same unit, named
    as it names itself."""
    county = _county_of(unit) if unit.kind is EntityType.ORGANIZATION else None
    if county is None or len(unit.name) - len(county) > _SHORT_DEPARTMENT:
        return unit
    for other in names:
        if other.name.startswith(county) and _abbreviates(
            unit.name[len(county) :], other.name[len(county) :]
        ):
            return UnitName(other.name, unit.kind, unit.written, unit.source)
    return unit


#: The longest department name, its county left out, read as a short form (林草局, 卫健委).
_SHORT_DEPARTMENT = 3


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` with words left out, its first and last characters kept
    (林草局 of 林业和草原局, 教委 of 教育委员会, 建交委 of 建设和交通委员会; not 教委 of
    委教育工作委员会, nor 司法局 of 司法局)."""
    if short.endswith("委") and full.endswith("委员会"):
        full = full.removesuffix("员会")  # a commission's 委 keeps its name's last word
    if len(full) <= len(short) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    chars = iter(full)
    return all(c in chars for c in short)


def _self_named_department(names: tuple[UnitName, ...], text: str) -> UnitName | None:
    """A department named in full only in its own documents (《余杭区农业农村局2020年法治工作
    要点》) that the report, calling itself nothing else, names by its level alone elsewhere
    (区农业农村局): the report is that department's."""
    for unit in names:
        if unit.source != "body" or unit.kind is not EntityType.ORGANIZATION:
            continue
        county = _county_of(unit)
        if county and county[-1] + unit.name[len(county) :] in text.replace(unit.name, ""):
            return unit
    return None


def _county_of(unit: UnitName) -> str | None:
    """The county a department's name starts with (兖州区司法局 -> 兖州区), if named."""
    segments = _segments(unit.name)
    _, county, _ = _endings()
    return unit.name[: segments[0][1]] if segments and segments[0][2] in county else None


def _signature_date(lines: list[tuple[int, str]]) -> str | None:
    """The date a report is signed on, in its last lines (those after its title: a line above
    the title is the page's, such as a clock, 今天是2018年9月10日, that a site never updates)."""
    for _, line in reversed(lines[-6:]):
        match = _DATE.search(line)
        if match and len(line) <= 20 and (date := iso_date(*match.groups())):
            return date
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

    A part that names its work done before its problems holds both, in that order (its
    sub-parts say which is which); work words after another kind describe that kind's part
    (下一步工作举措 is plans):

    >>> [k.value for k in classify_heading("一、主要举措、成效及存在的问题与原因分析")]
    ['Achievements', 'Problems']
    >>> [k.value for k in classify_heading("三、存在的不足及下一步工作举措")]
    ['Problems', 'Plans']
    """
    found = {kind: m.start() for kind, words in _section_patterns() if (m := words.search(heading))}
    kinds = list(found)
    years = [_year_value(a or b) for a, b in _YEAR.findall(heading)]
    if year and years and max(years) > year and SectionKind.PLANS not in kinds:
        kinds.append(SectionKind.PLANS)
    if len(kinds) > 1 and SectionKind.ACHIEVEMENTS in kinds:
        kinds.remove(SectionKind.ACHIEVEMENTS)
        if all(found[SectionKind.ACHIEVEMENTS] < found.get(kind, len(heading)) for kind in kinds):
            kinds.insert(0, SectionKind.ACHIEVEMENTS)
    return tuple(kinds)


def _heading_level(line: str) -> int | None:
    for pattern, level in _HEADING_LEVEL:
        if pattern.match(line):
            return level
    if (
        len(line) <= 30
        and not re.search(r"[，。；：！？]", line)
        and not _DATE.search(line)
        and not _MONTH_LINE.match(line)
        and not _ISSUER.match(line)
    ):
        return 0  # an unnumbered heading: its level depends on what it names
    return None


#: Short lines between paragraphs a report needs before they are taken as its parts' headings.
_UNNUMBERED_MIN = 2


def _unnumbered_headings(levels: list[int | None], title_line: int) -> set[int]:
    """The lines that head the parts of a report that numbers none (坚持高位推动 法治政府建设
    责任不断强化): short lines with a paragraph somewhere above them, after the title, and one
    right below; none unless there are two or more (one short line is no outline)."""
    found = set()
    seen_paragraph = False
    for i in range(title_line + 1, len(levels)):
        if levels[i] is None:
            seen_paragraph = True
        elif levels[i] == 0 and seen_paragraph and i + 1 < len(levels) and levels[i + 1] is None:
            found.add(i)
    return found if len(found) >= _UNNUMBERED_MIN else set()


def _heading_text(line: str) -> str:
    """A heading line's words up to its first sentence mark (二、存在的不足。一是…) or up to the
    first sub-heading run into it (一、加强组织领导 （一）高度重视…, on a page that lost its
    line breaks), without a bullet a page put before it."""
    return _HEADING_END.split(_BULLET.sub("", line), maxsplit=1)[0][:60]


_HEADING_END = re.compile(r"[。；]|(?<=.)\s*[（(][一二三四五六七八九十]{1,3}[）)]")


def _arabic_outline(
    lines: list[tuple[int, str]], levels: list[int | None], year: int | None
) -> list[int | None]:
    """The heading levels, with a report that numbers its parts 1. 2. 3. (no 一、 or （一）)
    read as one that numbers them 一、 二、 三、, when two or more of them name a part."""
    if any(level in (1, 2) for level in levels):
        return levels
    parts = sum(
        1
        for (_, line), level in zip(lines, levels)
        if level == 3 and classify_heading(_heading_text(line), year)
    )
    if parts < _ARABIC_PARTS_MIN:
        return levels
    return [1 if level == 3 else 2 if level == 4 else level for level in levels]


def _bulleted_first_part(
    lines: list[tuple[int, str]], levels: list[int | None]
) -> list[int | None]:
    """The heading levels, with the report's first part read where a page wrote its 一、 as a
    bullet (• 学习贯彻习近平法治思想…情况。 above 二、健全政府机构职能体系…): the last bulleted
    short line before a first top heading numbered 二."""
    top = next((i for i, level in enumerate(levels) if level == 1), None)
    if top is None or not lines[top][1].lstrip().startswith("二"):
        return levels
    for i in range(top - 1, -1, -1):
        line = lines[i][1].strip()
        if levels[i] is None and bulleted_heading(line):
            return [1 if j == i else level for j, level in enumerate(levels)]
    return levels


def _bulleted_parts(
    lines: list[tuple[int, str]], levels: list[int | None], title_line: int
) -> list[int | None]:
    """The heading levels, with a report that numbers none of its parts read where a page
    wrote their numbers as bullets (• 落实…第一责任人职责 over its paragraph): each bulleted
    short line under the title with a paragraph right below it heads a part."""
    if any(level in (1, 2) for level in levels):
        return levels
    heads = {
        i
        for i, (_, line) in enumerate(lines[:-1])
        if i > title_line
        and bulleted_heading(line.strip())
        and not line.rstrip().endswith("。")
        and levels[i + 1] is None
    }
    return [1 if i in heads else level for i, level in enumerate(levels)]


#: Headings numbered 1. 2. that must name a part before they are read as the report's parts.
_ARABIC_PARTS_MIN = 2


#: The kinds of a top part that a kindless top part after it goes on with.
_KINDS_GOING_ON = (SectionKind.ACHIEVEMENTS, SectionKind.PROBLEMS, SectionKind.PLANS)


def _sections(
    lines: list[tuple[int, str]], length: int, title_line: int, year: int | None
) -> tuple[Section, ...]:
    """Split the text at headings and classify each part.

    Top headings (一、) set the kind; second-level headings refine it only
    when their parent named several kinds or none ("存在的问题及下一步工作计划");
    deeper headings inherit, since their wording ("制定普法计划") describes work,
    not the part of the report.  A sub-part on the leaders' duties under a top part
    that names no kind (一、强化组织领导) reports work done like its siblings.
    """
    sections: list[Section] = []
    top_kind, top_mixed, top_none = SectionKind.OTHER, True, False
    lines = _inline_headings(lines, title_line)
    levels = [_heading_level(line) if i > title_line else None for i, (_, line) in enumerate(lines)]
    levels = _arabic_outline(lines, levels, year)
    levels = _bulleted_first_part(lines, levels)
    levels = _bulleted_parts(lines, levels, title_line)
    # short lines above the first numbered heading are page chrome (语音播报, 字体【】)
    # or the preamble, unless they open a part of their own (存在的问题)
    numbered = [i for i, level in enumerate(levels) if level in (1, 2)]
    first_numbered = numbered[0] if numbered else 0
    unnumbered = set() if numbered else _unnumbered_headings(levels, title_line)
    if not numbered and not unnumbered:
        body = _enumerated_body(lines, levels, title_line)
        if body is not None:
            # a report that numbers no part but counts its work off (一是…二是…) in the
            # paragraphs after its preamble: they report the work done
            sections.append(
                Section(heading="", kind=SectionKind.ACHIEVEMENTS, level=1, start=body, end=length)
            )
    for i, (pos, line) in enumerate(lines):
        level = levels[i]
        if level is None or level >= 3:
            continue
        heading = _heading_text(line)
        kinds = classify_heading(heading, year)
        if level == 0:
            # before the first numbered heading a short line opens a part only when it names
            # one (存在的问题): the rest is preamble; in a report that numbers none, also when it
            # is one of the short lines between its paragraphs (_unnumbered_headings), or one
            # above them all that names a part (主要举措和成效 right under the title)
            outline = i in unnumbered or bool(unnumbered and kinds and i < min(unnumbered))
            if (
                (i < first_numbered or not numbered)
                and not outline
                and not (
                    kinds
                    and kinds[0] in (SectionKind.PROBLEMS, SectionKind.PLANS, SectionKind.DUTIES)
                )
            ):
                continue
            if outline:
                level = 1
            elif (
                kinds
                and kinds[0] in (SectionKind.PROBLEMS, SectionKind.PLANS, SectionKind.DUTIES)
                and kinds[0] != top_kind
            ):
                level = 1
            else:
                level = 2
        if level == 1:
            # A top part naming no kind goes on with the problems or plans before it (一、存在的
            # 问题 二、原因分析); after the leaders' duties or none, it reports work done.
            kind = (
                kinds[0]
                if kinds
                else (top_kind if top_kind in _KINDS_GOING_ON else SectionKind.ACHIEVEMENTS)
            )
            top_kind, top_mixed, top_none = kind, len(kinds) != 1, not kinds
        else:
            # a sub-part on the leaders' duties under a top part that names no kind is
            # work done there (the sub-part reports it like its siblings)
            refine = kinds and top_mixed and not (top_none and kinds[0] == SectionKind.DUTIES)
            kind = kinds[0] if refine else top_kind
            if kind == SectionKind.OTHER:
                kind = SectionKind.ACHIEVEMENTS
        sections.append(Section(heading=heading, kind=kind, level=level, start=pos, end=length))
    sections.sort(key=lambda s: s.start)  # (the counted-off body is added before the loop)
    first = sections[0].start if sections else length
    sections.insert(0, Section(heading="", kind=SectionKind.OTHER, level=0, start=0, end=first))
    return tuple(
        Section(s.heading, s.kind, s.level, s.start, nxt.start)
        for s, nxt in zip(sections, sections[1:])
    ) + (sections[-1],)


def _enumerated_body(
    lines: list[tuple[int, str]], levels: list[int | None], title_line: int
) -> int | None:
    """Where the body of a report that numbers no part starts: the second or third paragraph
    under the title (the first is the preamble) when it counts its work off with 一是, or None."""
    paragraphs = [line for i, line in enumerate(lines) if i > title_line and levels[i] is None]
    return next((pos for pos, line in paragraphs[1:3] if _COUNTED_OFF.search(line)), None)


#: 一是 opening a sentence: the first of the points a paragraph counts off.
_COUNTED_OFF = re.compile(r"(?:^|[。；：:])\s*一是")


# A numbered heading run into the paragraph before it on a page whose lines were
# collapsed into one (…报告如下：一、主要举措和成效（一）…): after an ending mark.
_INLINE_HEADING = re.compile(
    r"(?<=[。：:！？])\s*(?=[一二三四五六七八九十]{1,2}、|（[一二三四五六七八九十]{1,2}）)"
)
# a line this long is a collapsed page, not a paragraph
_COLLAPSED_LINE = 600


def _inline_headings(lines: list[tuple[int, str]], title_line: int) -> list[tuple[int, str]]:
    """The lines, a collapsed line below the title split where a heading starts in it."""
    out = []
    for i, (pos, line) in enumerate(lines):
        collapsed = i > title_line and len(line) > _COLLAPSED_LINE
        cuts = [m.end() for m in _INLINE_HEADING.finditer(line)] if collapsed else []
        for start, end in zip([0, *cuts], [*cuts, len(line)]):
            out.append((pos + start, line[start:end]))
    return out


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
