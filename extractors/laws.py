"""Laws and policy documents a report cites.

Mentions come from three sources:

1. titles in 《》, 〈〉 or <<>>;
2. titles whose opening 《 was lost in conversion
   (``对标2022年全县普法依法治理工作要点》``) or whose closing 》 was lost;
3. well-known short names in running text (民法典, 宪法, 人民调解法, 党章),
   listed in ``data/law_national.txt`` and ``data/law_titles.toml``.

:func:`canonical_law_title` normalises and classifies every title, so one law
has one key however it is written (《民法典》, 民法典 and
《中华人民共和国民法典》 are all ``中华人民共和国民法典``).  Cues (title
endings, issuer prefixes, event words) are in ``data/law_cues.toml``.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text("一、主要举措\\n学习《民法典》和宪法，开展宪法宣传周活动。")
>>> [(m.text, m.key, m.attr("kind")) for m in extract_laws(doc)]
[('民法典', '中华人民共和国民法典', 'NationalLaw'), ('宪法', '中华人民共和国宪法', 'NationalLaw')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from kg.chars import HAN
from kg.extractors import datafiles
from kg.extractors.datafiles import longest_first
from kg.extractors.wordfind import WordFinder
from kg.model import TOWNSHIP_ENDINGS, Document, EntityType, Mention

NATIONAL_PREFIX = "中华人民共和国"

NATIONAL_LAW = "NationalLaw"
ADMINISTRATIVE_REGULATION = "AdministrativeRegulation"
LOCAL_REGULATION = "LocalRegulation"
PARTY_RULE = "PartyRule"
POLICY_DOCUMENT = "PolicyDocument"
LOCAL_NORMATIVE_DOCUMENT = "LocalNormativeDocument"
BOOK = "Book"

#: Every value the ``kind`` attribute of a LAW mention can take.
LAW_KINDS = frozenset(
    {
        NATIONAL_LAW,
        ADMINISTRATIVE_REGULATION,
        LOCAL_REGULATION,
        PARTY_RULE,
        POLICY_DOCUMENT,
        LOCAL_NORMATIVE_DOCUMENT,
        BOOK,
    }
)

_MAX_TITLE = 80
_TRANSLATE = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ",": "，",  # a comma typed half width inside a long title
        "＜": "<",
        "＞": ">",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')
# Every dash people type between the two years of a period, including 一.
_YEAR_RANGE = re.compile(r"(\d{4})年?(?:——|--|-－|－－|[-－–—―~～〜至一])(\d{4})")
_PERIOD_WITHOUT_NIAN = re.compile(r"（(\d{4}—\d{4})）")
# A period whose dash was lost: （20212025年）.
_GLUED_PERIOD = re.compile(r"（(20\d{2})(20\d{2})(年?)）")
# A period whose closing bracket was lost at the end of the title: 规划（2021—2025年.
_OPEN_PERIOD_AT_END = re.compile(r"（\d{4}—\d{4}年?$")
# ... or its opening one: 纲要2021—2025年）.
_CLOSED_PERIOD_AT_END = re.compile(r"(?<=[^（\d])(\d{4}—\d{4}年?）)$")
# ... or written with no bracket at all (实施纲要2021—2025)
_BARE_PERIOD_AT_END = re.compile(r"(?<=[^（\d—])(\d{4}—\d{4}年?)$")
# A document number is no part of the title: …的通知（奉节府办发〔2022〕64号）.
_DOCUMENT_NUMBER = re.compile(r"（[^（）]{0,16}[〔［\[]\d{4}[〕］\]][^（）]{0,6}号）$")
_DOUBLED_QUOTES = re.compile(r"(“|”)\1+")
_TRAILING_PARENS = re.compile(r"(?:（[^（）]*）)+$")
# A revision note is no part of the title: 《行政处罚法（2021年修订）》.
_REVISION_NOTE = re.compile(r"（[^（）]*(?:修订|修正|修改|版|本)）$")
_LEADING_YEAR = re.compile(r"^\d{4}年度?")
_A_YEAR = re.compile(r"\d{4}年")
# A law's implementing rules named right after it: 行政复议法及其实施条例.
_ITS_RULES = re.compile("》?及其?(实施条例|实施细则|实施办法)")
_WHOLE_LEVEL = re.compile("[全本我][省市县区镇乡]$")
_PERIOD_AFTER = re.compile(r"（\d{4}[^（）\n]{0,12}）")
_SENTENCE_STOPS = "。！？；\n"
# What names a title cited just before by a shorter one (…规划》(以下简称《上海规划》)): no second
# document.
_SHORT_FOR = re.compile("(?:以下)?简称$")
# A copying site's mark for words it left out (《（略）会建设实施纲要》): no document is called so.
_ELIDED = "（略）"
# Where a title whose 《 was lost can begin, and where one whose 》 was lost ends.
_LOST_OPEN_BOUNDARY = re.compile(r"[。；，、：！？“”‘’\n]")
_LOST_CLOSE_BOUNDARY = re.compile(r"[。；，：！？\n]")
_TITLE_BRACKET = re.compile("[《》]")
_OTHER_BRACKETS = re.compile(
    rf"〈([^〈〉《》\n]{{1,{_MAX_TITLE}}})〉|<<([^<>\n]{{1,{_MAX_TITLE}}})>>"
    # a page that writes 《》 as single angle brackets: <…实施纲要(2021—2025年)>, <2024年…工作要点>
    rf"|(?<!<)<([{HAN}\d][^<>\n]{{1,{_MAX_TITLE}}})>(?!>)"
)
_NESTED = re.compile(
    rf"《([^《》]+)》|〈([^〈〉《》]+)〉|<<([^<>]+)>>|(?<!<)<([{HAN}\d][^<>《》]*)>(?!>)"
)
_QUOTED = re.compile(r"“([^“”\n]{1,40})”")
# Two documents joined (法治工作规划和2022年度工作计划): a link after a document's head or before
# a year or a title; a 和 between two fields of one plan (全面依法治区和法治政府建设工作要点) is none.
_JOINED = re.compile(
    "、|(?:规划|计划|要点|方案|意见|办法|细则|清单|规定|》)[和及与]|[和及与](?:\\d{4}年|《)"
)
_PLAN_REACH = 48  # how far before its head the verb of a plan named without 《》 may stand
# The unit by its level word (or 我 and it) before a plan's year: the writer's own, no part of
# the title.
_OWN_LEVEL = re.compile(r"我?(?:街道|镇|乡|局|委|县|区|市)(?=\d{4}年)")
# A title that nests another cites it too: 《关于印发〈…〉的通知》 is the notice and the document it
# issues, 《落实〈…〉工作责任清单》 a document of its own and the one it implements.
_NESTING_CITES = re.compile(r"[《〈<]")
_ANGLE_TITLE = re.compile(r"<<?([^<>]+)>>?")
# A period a page wrote in angle brackets, as its parentheses: 纲要<2015-2020年>
_ANGLE_PERIOD = re.compile(r"<(\d{4}[^<>]{0,12})>")
_IMPLEMENTING = re.compile(r"^(?:中华人民共和国)?(.+?法)(实施条例|实施细则|实施办法)$")
_AMENDMENT = re.compile(r"^(?:中华人民共和国)?(.+?法)(修正案.*)$")


@dataclass(frozen=True)
class _Vocab:
    national: frozenset[str]
    known: Mapping[str, tuple[str, str]]
    editions: Mapping[str, tuple[tuple[int, int], ...]]
    edition_kinds: Mapping[str, str]
    heads: tuple[tuple[str, str], ...]
    local_normative: frozenset[str]
    standalone: frozenset[str]
    not_law_endings: tuple[str, ...]
    party: tuple[str, ...]
    state: tuple[str, ...]
    central: tuple[str, ...]
    provinces: tuple[str, ...]
    place_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    not_places: frozenset[str]
    not_place_starts: frozenset[str]
    county_generic: tuple[str, ...]
    town_generic: tuple[str, ...]
    lead_ins: tuple[str, ...]
    bare: re.Pattern[str]
    unbracketed: re.Pattern[str]
    unbracketed_listed: re.Pattern[str]  # the next of a list of plans, with its year
    place_led: re.Pattern[str]  # a plan's title opening with its place, then its topic
    put_into: tuple[str, ...]  # verbs that put work into a plan (纳入)
    citing_before_year: re.Pattern[str]  # a verb citing a plan, right before its year
    unbracketed_heads: tuple[str, ...]
    unbracketed_topic: re.Pattern[str]
    unbracketed_duty: re.Pattern[str]  # a title of the unit's own duty rules
    duty_verbs: tuple[str, ...]  # the verbs that make them
    bare_names: WordFinder  # the names ``bare`` lists
    listed_short: re.Pattern[str]  # a name too short for ``bare``, next in a list of laws
    compound_after_fa: frozenset[str]
    compound_exceptions: tuple[str, ...]
    other_uses: tuple[str, ...]
    place_endings: tuple[str, ...]  # how a place's name ends (区, 镇, 自治县 …)


@dataclass(frozen=True)
class _Resolved:
    canonical: str
    kind: str
    known: bool
    head_at: int  # where the title's head (条例, 纲要 …) begins


@cache
def _vocab() -> _Vocab:
    cues = datafiles.toml("law_cues.toml")
    titles = datafiles.toml("law_titles.toml")
    national = frozenset(datafiles.lines("law_national.txt"))
    known: dict[str, tuple[str, str]] = {}
    for kind in sorted(LAW_KINDS):
        for canonical, aliases in titles.get(kind, {}).items():
            target = (_normalise(canonical), kind)
            for written in (canonical, *aliases):
                known[_normalise(written)] = target
    editions = {
        name: tuple((int(a), int(b)) for a, b in spans)
        for name, spans in titles["editions"].items()
    }
    places = cues["places"]

    def place_pattern(suffixes: list[str], longest_name: int) -> re.Pattern[str]:
        alternatives = "|".join(map(re.escape, longest_first(suffixes)))
        return re.compile(rf"^[{HAN}]{{1,{longest_name}}}?(?P<suf>{alternatives})")

    bare_min = cues["bare"]["min_length"]
    short_ok = set(cues["bare"]["short_ok"])
    bare_known = [
        n
        for n, (_, kind) in known.items()
        if kind == NATIONAL_LAW
        or n in cues["bare"]["titles"]
        or n.startswith(tuple(cues["bare"]["prefixes"]))
    ]
    bare_names = [
        n for n in (*national, *bare_known, *editions) if len(n) >= bare_min or n in short_ok
    ]
    # Shorter than min_length (水法): read only as the next of a list of laws (行政许可法、水法).
    short_names = sorted(n for n in national if len(n) < bare_min and n not in short_ok)
    bare = re.compile(
        rf"(?:{NATIONAL_PREFIX})?(?:{'|'.join(map(re.escape, longest_first(bare_names)))})"
        r"(?:实施条例|实施细则|实施办法|修正案(?:（[一二三四五六七八九十]+）)?)?"
    )
    place_suffixes = longest_first(
        [*places["city_suffixes"], *places["county_suffixes"], *TOWNSHIP_ENDINGS]
    )
    return _Vocab(
        national=national,
        known=known,
        editions=editions,
        edition_kinds=dict(titles["edition_kinds"]),
        heads=tuple(sorted(cues["heads"].items(), key=lambda kv: (-len(kv[0]), kv[0]))),
        local_normative=frozenset(cues["groups"]["local_normative"]),
        standalone=frozenset(cues["groups"]["standalone"]),
        not_law_endings=tuple(cues["groups"]["not_law_endings"]),
        party=tuple(cues["issuers"]["party"]),
        state=tuple(cues["issuers"]["state"]),
        central=tuple(cues["issuers"]["central"]),
        provinces=longest_first(places["provinces"]),
        place_patterns=(
            ("city", place_pattern(places["city_suffixes"], 6)),
            ("county", place_pattern(places["county_suffixes"], 8)),
            ("town", place_pattern(list(TOWNSHIP_ENDINGS), 6)),
        ),
        not_places=frozenset(places["not_places"]),
        not_place_starts=frozenset(places["not_place_starts"]),
        county_generic=longest_first(places["county_generic"]),
        town_generic=longest_first(places["town_generic"]),
        lead_ins=longest_first(cues["lost_bracket"]["lead_ins"]),
        bare=bare,
        unbracketed=re.compile(
            # verbs may stand in a row (贯彻落实…工作要点): the title starts after the last
            # (a verb before 把 or 将 carries the clause, no title: 通过把…纳入…学习计划)
            f"(?:(?:{'|'.join(cues['unbracketed']['verbs'])})了?)+(?![把将])"
            rf"(?P<title>[{HAN}]{{0,16}}?(?:\d{{4}}年度?)?[{HAN}]{{0,20}}?"
            f"(?:{'|'.join(cues['unbracketed']['heads'])}))"
        ),
        unbracketed_listed=re.compile(
            # the link follows a plan (…工作要点和2022年…) or a title, not any phrase
            # (…工作情况总结和2025年法治政府工作计划如下 names the report's own parts)
            "(?:"
            + "|".join(f"(?<={re.escape(w)})" for w in (*cues["unbracketed"]["heads"], "》"))
            + ")"
            f"(?:{'|'.join(cues['unbracketed']['list_links'])})"
            rf"(?P<title>[{HAN}]{{0,16}}?\d{{4}}年度?[{HAN}]{{0,20}}?"
            f"(?:{'|'.join(cues['unbracketed']['heads'])}))"
        ),
        place_led=re.compile(  # 开平市全面依法治市工作要点; 区委全面依法治区工作要点
            rf"(?:[{HAN}]{{2,8}}?(?:{'|'.join(map(re.escape, place_suffixes))})"
            f"|{'|'.join(cues['unbracketed']['levels'])})"
            f"(?=全面|{cues['unbracketed']['topic']})"
        ),
        citing_before_year=re.compile(
            f"(?:{'|'.join(cues['unbracketed']['verbs'])})" + r"(?=\d{4}年)"
        ),
        unbracketed_heads=tuple(cues["unbracketed"]["heads"]),
        put_into=tuple(cues["unbracketed"]["put_into"]),
        unbracketed_topic=re.compile(cues["unbracketed"]["topic"]),
        unbracketed_duty=re.compile(cues["unbracketed"]["duty"]),
        duty_verbs=tuple(cues["unbracketed"]["duty_verbs"]),
        bare_names=WordFinder.of(bare_names),
        listed_short=re.compile(
            f"》?(?:{'|'.join(cues['bare']['list_links'])})"
            f"({'|'.join(map(re.escape, short_names)) or '(?!)'})"
        ),
        compound_after_fa=frozenset(cues["bare"]["compound_after_fa"]),
        compound_exceptions=tuple(cues["bare"]["compound_exceptions"]),
        other_uses=longest_first(cues["bare"]["other_uses"]),
        place_endings=place_suffixes,
    )


# ---------------------------------------------------------------- titles


def _normalise(title: str) -> str:
    """Spaces out, brackets and commas full width, year periods as ``（2021—2025年）``."""
    # Most titles hold no space, straight quote, digit or closing bracket: the tests in
    # front of the substitutions spare most of them (a title is normalised where found).
    t = _SPACE.sub("", title.translate(_TRANSLATE))
    if '"' in t:
        t = _STRAIGHT_QUOTES.sub(r"“\1”", t)
    while len(t) >= 2 and t[0] in "《〈<" and t[-1] in "》〉>":
        t = t[1:-1]
    # Nested titles are 〈〉 inside 《》 only because of the outer brackets.
    t = t.replace("〈", "《").replace("〉", "》")
    if "<" in t:  # <<…>> or <…>, the angle brackets a page wrote for them
        t = _ANGLE_TITLE.sub(r"《\1》", _ANGLE_PERIOD.sub(r"（\1）", t))
    if t.startswith("《") and t.count("《") > t.count("》"):
        t = t[1:]
    if t.endswith("》") and t.count("》") > t.count("《"):
        t = t[:-1]
    if t.startswith("（") and t.count("（") > t.count("）"):
        t = t[1:]  # a stray bracket typed inside the title's own: 〈(法治政府建设实施纲要…〉
    t = t.strip("，。、；：,.;:！？!?·")
    if "““" in t or "””" in t:
        t = _DOUBLED_QUOTES.sub(r"\1", t)  # 建设““十四五””规划 as scraped
    if "号" in t:
        t = _DOCUMENT_NUMBER.sub("", t)
    if _DIGIT.search(t):  # the periods and year ranges below all have digits
        if "（" in t:
            t = _GLUED_PERIOD.sub(r"（\1—\2\3）", t)
        t = _YEAR_RANGE.sub(r"\1—\2", t)
        if "（" in t and _OPEN_PERIOD_AT_END.search(t):
            t += "）"
        elif "（" not in t and t.endswith("）"):
            t = _CLOSED_PERIOD_AT_END.sub(r"（\1", t)
        elif "（" not in t:
            t = _BARE_PERIOD_AT_END.sub(r"（\1）", t)
        t = _PERIOD_WITHOUT_NIAN.sub(r"（\1年）", t)
    return _REVISION_NOTE.sub("", t) if t.endswith("）") else t


def _head(base: str) -> tuple[str, str] | None:
    """The longest head (条例, 实施意见 …) ``base`` ends with, and its group, or None."""
    groups, lengths = _head_groups()
    for length in lengths:
        group = groups.get(base[-length:])
        if group is not None:
            return base[-length:], group
    return None


@cache
def _head_groups() -> tuple[dict[str, str], tuple[int, ...]]:
    """Each head with its group, and the lengths of the heads, longest first."""
    heads = dict(_vocab().heads)
    return heads, tuple(sorted({len(head) for head in heads if head}, reverse=True))


def _place_level(text: str) -> str | None:
    """Deepest administrative level named at the start of ``text``."""
    v = _vocab()
    level: str | None = None
    if text.startswith(v.provinces):  # one test for the usual case, no province
        province = next(p for p in v.provinces if text.startswith(p))
        level, text = "province", text[len(province) :]
    for name, pattern in v.place_patterns:
        match = pattern.match(text)
        if not match:
            continue
        suffix_at = match.start("suf")
        if (
            text[match.end() - 2 : match.end()] in v.not_places
            or text[suffix_at : suffix_at + 2] in v.not_place_starts
            or (len(match.group("suf")) == 1 and suffix_at > 5)
        ):
            continue
        level, text = name, text[match.end() :]
    return level


def _issuer_level(title: str) -> str | None:
    """Who issued a title, judged from its first words: party, state, a place level."""
    v = _vocab()
    t = _LEADING_YEAR.sub("", title)
    if t.startswith("关于"):
        return None
    if t.startswith(v.party):
        return "party"
    if t.startswith(v.state):
        return "state"
    if t.startswith(v.central):
        return "central"
    t = t.removeprefix("中共")
    if t.startswith(v.county_generic):
        return "county"
    if t.startswith(v.town_generic):
        return "town"
    return _place_level(t)


def _is_law_name(title: str) -> bool:
    """A title ending in 法 that is no method (工作法) nor a list (…等法)."""
    return (
        len(title) >= 3
        and not title.endswith(_vocab().not_law_endings)
        and not any(c in title for c in '、等“”"')
        and not any(c.isdigit() for c in title)
    )


def _kind(group: str, head: str, level: str | None, title: str) -> str | None:
    if group == "book":
        return BOOK
    if level == "party":
        return POLICY_DOCUMENT if group == "policy" else PARTY_RULE
    if level == "state":
        return {"law": NATIONAL_LAW, "policy": POLICY_DOCUMENT}.get(
            group, ADMINISTRATIVE_REGULATION
        )
    if group == "law":
        # Only the national legislature makes a 法; a local "…法" is a method.
        return NATIONAL_LAW if level in (None, "central") and _is_law_name(title) else None
    if level == "town" or (level == "county" and head in _vocab().local_normative):
        return LOCAL_NORMATIVE_DOCUMENT
    if group == "policy":
        return POLICY_DOCUMENT
    if level in ("province", "city") or (level == "county" and head == "条例"):
        return LOCAL_REGULATION if group == "rule" else LOCAL_NORMATIVE_DOCUMENT
    if level == "county" or group == "norm":
        return LOCAL_NORMATIVE_DOCUMENT
    # 关于…的规定 is an issuing body's decision (or a judicial interpretation).
    return POLICY_DOCUMENT if "关于" in title else ADMINISTRATIVE_REGULATION


def _edition(series: str, year: int | None) -> str:
    for first, last in _vocab().editions.get(series, ()):
        if year is not None and first <= year <= last:
            return f"{series}（{first}—{last}年）"
    return series


def _resolve(text: str, year: int | None = None) -> _Resolved | None:
    """What a title written ``text`` resolves to, or None: :func:`_resolve_title`, remembered
    for the titles read last (a report cites a few many times, and reports cite the same laws).
    A text too long to be a title is not remembered: it may be a long line."""
    if len(text) <= _REMEMBERED_TITLE:
        return _resolve_remembered(text, year)
    return _resolve_title(text, year)


_REMEMBERED_TITLE = 2 * _MAX_TITLE  # characters: longer texts are never titles


@lru_cache(maxsize=4096)
def _resolve_remembered(text: str, year: int | None) -> _Resolved | None:
    return _resolve_title(text, year)


def _resolve_title(text: str, year: int | None = None) -> _Resolved | None:
    v = _vocab()
    t = _normalise(text)
    if not 2 <= len(t) <= _MAX_TITLE or any(c in t for c in _SENTENCE_STOPS) or _ELIDED in t:
        return None
    if t in v.known:
        canonical, kind = v.known[t]
        return _Resolved(canonical, kind, True, len(t))
    short = t.removeprefix(NATIONAL_PREFIX)
    if short in v.national:
        return _Resolved(NATIONAL_PREFIX + short, NATIONAL_LAW, True, len(t))
    if (match := _IMPLEMENTING.match(t)) and match.group(1) in v.national:
        return _Resolved(
            NATIONAL_PREFIX + match.group(1) + match.group(2),
            ADMINISTRATIVE_REGULATION,
            True,
            match.start(2),
        )
    if (match := _AMENDMENT.match(t)) and match.group(1) in v.national:
        # An amendment becomes part of the law it amends: one node.
        return _Resolved(NATIONAL_PREFIX + match.group(1), NATIONAL_LAW, True, match.start(2))
    base = _TRAILING_PARENS.sub("", t)
    if base in v.editions:
        canonical = t if base != t else _edition(base, year)
        return _Resolved(canonical, v.edition_kinds.get(base, POLICY_DOCUMENT), True, len(base))
    head = _head(base)
    # A bare head (《意见》, 《通知》) names no document.
    if head is None or (len(base) - len(head[0]) < 2 and base not in v.standalone):
        return None
    found_kind = _kind(head[1], head[0], _issuer_level(t), base)
    if found_kind is None:
        return None
    if found_kind == NATIONAL_LAW and not t.startswith(NATIONAL_PREFIX):
        t = NATIONAL_PREFIX + t
    return _Resolved(t, found_kind, False, len(base) - len(head[0]))


def canonical_law_title(text: str, *, year: int | None = None) -> tuple[str, str] | None:
    """Canonical title and kind of a law or policy document, or None if it is none.

    Parameters
    ----------
    text : str
        A title as written, with or without 《》.
    year : int, optional
        The year the citing report covers; it picks the edition of a
        document re-issued for successive periods when the title names none.

    Returns
    -------
    tuple of (str, str) or None
        ``(canonical title, kind)``, kind in :data:`LAW_KINDS`; None when the
        title has no law-like ending (a newspaper, a programme, a slogan).

    Examples
    --------
    >>> canonical_law_title("《民法典》")
    ('中华人民共和国民法典', 'NationalLaw')
    >>> canonical_law_title("法治政府建设实施纲要(2015-2020年)")
    ('法治政府建设实施纲要（2015—2020年）', 'PolicyDocument')
    >>> canonical_law_title("法治政府建设实施纲要", year=2023)
    ('法治政府建设实施纲要（2021—2025年）', 'PolicyDocument')
    >>> canonical_law_title("江西省平安建设条例")
    ('江西省平安建设条例', 'LocalRegulation')
    >>> canonical_law_title("人民日报") is None
    True
    """
    resolved = _resolve(text, year)
    return (resolved.canonical, resolved.kind) if resolved else None


# ---------------------------------------------------------------- finding


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    resolved: _Resolved


def _bracket_pairs(text: str) -> Iterator[tuple[str, int, int]]:
    """``("pair" | "lost_open" | "lost_close", start, end)`` for 《》 on each line.

    For a pair, the span is the title inside (an outer title keeps a title
    nested in it); for a lost 《 or 》 it is the stretch of text the title
    must lie in.
    """
    # Only the lines holding a bracket are read: the brackets are found in one pass.
    every = [m.start() for m in _TITLE_BRACKET.finditer(text)]
    first = 0  # the first bracket of the line
    while first < len(every):
        pos = text.rfind("\n", 0, every[first]) + 1  # where the line starts
        line_end = text.find("\n", every[first])
        line_end = len(text) if line_end < 0 else line_end
        after = bisect_left(every, line_end, first)
        brackets, first = every[first:after], after
        stack: list[int] = []
        nested: dict[int, list[tuple[int, int]]] = {}
        last = pos - 1
        for i in brackets:
            if text[i] == "《":
                stack.append(i)
            elif not stack:
                yield "lost_open", last + 1, i
            else:
                opened = stack.pop()
                if stack:
                    nested.setdefault(stack[-1], []).append((opened + 1, i))
                else:
                    yield "pair", opened + 1, i
                nested.pop(opened, None)
            last = i
        # Each 《 still open lost its 》: its title ends before the next bracket,
        # and titles closed inside it stand on their own.
        for opened in stack:
            limit = next((b for b in brackets if b > opened), line_end)
            yield "lost_close", opened + 1, limit
            for start, end in nested.get(opened, ()):
                yield "pair", start, end


def _strong(resolved: _Resolved | None) -> bool:
    """A title recovered around a lost bracket must be known or have a real head."""
    return resolved is not None and (
        resolved.known or (resolved.kind != NATIONAL_LAW and resolved.head_at >= 3)
    )


def _lost_open(text: str, start: int, end: int, year: int | None) -> _Found | None:
    stops = list(_LOST_OPEN_BOUNDARY.finditer(text, start, end))
    if not stops and start > 0 and text[start - 1] == "》":
        return None  # the tail of a title that nests another in 《》
    start = stops[-1].end() if stops else start
    lead_ins = _vocab().lead_ins
    stripped = True
    while stripped:
        stripped = False
        for word in lead_ins:
            if text.startswith(word, start) and end - start > len(word):
                start += len(word)
                stripped = True
                break
    if cut := _vocab().citing_before_year.search(text, start, end):
        start = cut.end()  # 纠偏差根据2021年…要点》: the title opens with its year
    resolved = _resolve(text[start:end], year)
    if resolved is not None and _strong(resolved) and (resolved.known or end - start >= 4):
        return _Found(start, end, resolved)
    return None


def _lost_close(text: str, start: int, end: int, year: int | None) -> _Found | None:
    stop = _LOST_CLOSE_BOUNDARY.search(text, start, end)
    end = min(end, stop.start() if stop else end, start + _MAX_TITLE)
    for cut in range(end, start + 1, -1):
        if text[cut - 1] in "，、（":
            continue
        resolved = _resolve(text[start:cut], year)
        if resolved is not None and _strong(resolved) and "等" not in text[start:cut]:
            return _Found(start, cut, resolved)
    return None


def _bracketed(text: str, year: int | None) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Titles in brackets (or around a lost bracket), and the bracketed spans."""
    found: list[_Found] = []
    spans: list[tuple[int, int]] = []
    short_names: dict[str, _Resolved] = {}
    for how, start, end in _bracket_pairs(text):
        if how == "pair":
            spans.append((start - 1, end + 1))
            if _SHORT_FOR.search(text, max(0, start - 1 - len("以下简称")), start - 1):
                if found:  # the short name stands for the title before it, wherever it recurs
                    short_names[text[start:end]] = found[-1].resolved
            elif (full := short_names.get(text[start:end])) is not None:
                found.append(_Found(start, end, full))
            else:
                found.extend(_pair(text, start, end, year))
        elif how == "lost_open" and (hit := _lost_open(text, start, end, year)):
            found.append(hit)
        elif (
            how == "lost_close"
            # (a title still open, with no mark, at the text's end was cut with the text)
            and (text[end:].strip() or _LOST_CLOSE_BOUNDARY.search(text, start, end))
            and (hit := _lost_close(text, start, end, year))
        ):
            found.append(hit)
    for match in _OTHER_BRACKETS.finditer(text):
        if not any(s <= match.start() < e for s, e in spans):
            spans.append(match.span())
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            found.extend(_pair(text, match.start(group), match.end(group), year))
    return found, spans


def _pair(text: str, start: int, end: int, year: int | None) -> list[_Found]:
    """The title inside a bracket pair, or the titles nested in it.

    《关于印发〈…〉的通知》 is the notice and the document it issues, as the sets' annotators
    list them, and a title that is no law (《学习〈民法典〉心得》) may still hold one.
    """
    if end - start > _MAX_TITLE:
        return []
    title = text[start:end]
    inner = list(_NESTED.finditer(text, start, end))
    resolved = _resolve(title, year)
    out = [_Found(start, end, resolved)] if resolved else []
    if resolved and not _NESTING_CITES.search(title):
        return out
    for match in inner:
        group = next(g for g in (1, 2, 3, 4) if match.group(g) is not None)
        out.extend(_pair(text, match.start(group), match.end(group), year))
    return out


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _QUOTED.finditer(text)]


def _bare(text: str, year: int | None, taken: list[tuple[int, int]]) -> list[_Found]:
    """Short names in running text that are citations, not parts of other words."""
    v = _vocab()
    quotes = _quote_spans(text)
    found = []
    for match in _bare_matches(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if (
            text.endswith("法", start, end)
            and text[end : end + 1] in v.compound_after_fa
            and not text.startswith(v.compound_exceptions, end)
        ):
            continue
        if text.startswith(v.other_uses, end):
            continue
        # Inside a quoted campaign name (“美好生活·民法典相伴”) it names the campaign.
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in quotes):
            continue
        name = match.group()
        if name in v.editions and (period := _PERIOD_AFTER.match(text, end)):
            end = period.end()
        resolved = _resolve(text[start:end], year)
        if (
            resolved
            and resolved.kind == LOCAL_NORMATIVE_DOCUMENT
            and text.endswith(v.place_endings, 0, start)
            and not _WHOLE_LEVEL.match(text, max(0, start - 2), start)
        ):
            # 印发南沙区领导干部应知应会…清单: the place's own list, its title opens before (全区
            # and 我区 name no place: 制定全区…清单 is the list)
            continue
        if resolved:
            found.append(_Found(start, end, resolved))
    return found


def _listed_short(text: str, year: int | None, laws: list[_Found]) -> list[_Found]:
    """Names too short to be read anywhere (水法), each the next of a list of laws
    (行政许可法、水法; 《行政许可法》和水法)."""
    v = _vocab()
    found: list[_Found] = []
    for law in laws:
        match = v.listed_short.match(text, law.end)
        if match is None or text[match.end() : match.end() + 1] in v.compound_after_fa:
            continue
        resolved = _resolve(match.group(1), year)
        if resolved is not None:
            found.append(_Found(match.start(1), match.end(1), resolved))
    return found


def _its_rules(text: str, laws: list[_Found]) -> list[_Found]:
    """A law's implementing rules named after it (行政复议法及其实施条例): a citation of each."""
    found: list[_Found] = []
    for law in laws:
        match = _ITS_RULES.match(text, law.end)
        if match is None or law.resolved.kind != NATIONAL_LAW:
            continue
        short = law.resolved.canonical.removeprefix(NATIONAL_PREFIX)
        resolved = _resolve(short + match.group(1))
        if resolved is not None:
            found.append(_Found(match.start(1), match.end(1), resolved))
    return found


def _unbracketed(text: str, year: int | None, taken: list[tuple[int, int]]) -> list[_Found]:
    """Named plans written without 《》 (研究2020年有庆镇法治政府建设工作要点)."""
    v = _vocab()
    found: list[_Found] = []
    for pattern in (v.unbracketed, v.unbracketed_listed):
        for match in _unbracketed_matches(text, pattern, v.unbracketed_heads):
            start, end = match.span("title")
            # 制定街道2025年…工作清单, 我镇2025年…要点: the title opens at its year
            if own := _OWN_LEVEL.match(text, start, end):
                start = own.end()
            elif text.startswith("年度", start) and not text[start - 1 : start].isdigit():
                start += 2  # 按照年度青禾市…工作要点: the year's plan, named after 年度
            if any(s < end and start < e for s, e in [*taken, *((f.start, f.end) for f in found)]):
                continue
            if not v.unbracketed_topic.search(text, start, end) or _JOINED.search(text, start, end):
                continue  # no rule-of-law plan, or two documents (法治工作规划和2022年度工作计划)
            # the unit's own rules for its leaders' first-responsible duty, made (制定…职责清单)
            own_duty = v.unbracketed_duty.search(text, start, end) is not None and text.endswith(
                v.duty_verbs, 0, start
            )
            if (
                not _A_YEAR.search(text, start, end)
                and (not v.place_led.match(text, start, end) or text.endswith(v.put_into, 0, start))
                and not own_duty
            ):
                # without its year, a plan is named by its place (开平市全面依法治市…) or its
                # duty, and one that work is put into (纳入市委…工作要点) is a kind of plan
                continue
            resolved = _resolve(text[start:end], year)
            if resolved and own_duty:
                # issued by the unit for itself, though its title opens with 党政
                resolved = replace(resolved, kind=LOCAL_NORMATIVE_DOCUMENT)
            if resolved:
                found.append(_Found(start, end, resolved))
    return found


def _unbracketed_matches(
    text: str, pattern: re.Pattern[str], heads: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` that end at a plan's head, found from the heads.

    The pattern starts with one of many verbs, which the regex engine would try at every
    character; a head (工作要点 …) is rarer and found by ``str.find``, and the pattern is
    searched only in the stretch before it.
    """
    for head in heads:
        at = text.find(head)
        while at >= 0:
            end = at + len(head)
            match = pattern.search(text, max(0, at - _PLAN_REACH), end)
            while match and match.end() != end:
                # a match ending at an earlier head of a list: the next opener may end here
                match = pattern.search(text, match.start() + 1, end)
            if match:
                yield match
            at = text.find(head, end)


def _bare_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_vocab().bare.finditer(text)``, found fast.

    The pattern tries its hundreds of names at every character of the text.  Instead the
    names are found (from their last characters, 法 or 条例: see :class:`WordFinder`), and
    the pattern is tried, in text order, only at a name or at the 中华人民共和国 right
    before one: no match can start elsewhere.
    """
    v = _vocab()
    starts = set()
    for start, _ in v.bare_names.find(text):
        starts.add(start)
        if text.endswith(NATIONAL_PREFIX, 0, start):
            starts.add(start - len(NATIONAL_PREFIX))
    resume = 0
    for start in sorted(starts):
        match = v.bare.match(text, start) if start >= resume else None
        if match:
            yield match
            resume = match.end()


def extract_laws(doc: Document) -> list[Mention]:
    """Laws, regulations, party rules, policy documents and books a report cites.

    Parameters
    ----------
    doc : Document
        A structured report.

    Returns
    -------
    list of Mention
        LAW mentions, key = canonical title, attrs ``(("kind", K),)``; the
        span is the title without its brackets.  Sorted by (start, end, type,
        key), without duplicates.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text(
    ...     "认真贯彻落实《政府信息公开条例》，按照人民调解法的要求规范调解。\\n"
    ...     "对标2022年全县普法依法治理工作要点》认真抓好普法。")
    >>> [(m.key, m.attr("kind")) for m in extract_laws(doc)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('中华人民共和国政府信息公开条例', 'AdministrativeRegulation'),
     ('中华人民共和国人民调解法', 'NationalLaw'),
     ('2022年全县普法依法治理工作要点', 'PolicyDocument')]
    """
    text = doc.text
    found, spans = _bracketed(text, doc.year)
    found += _bare(text, doc.year, spans + [(f.start, f.end) for f in found])
    found += _unbracketed(text, doc.year, spans + [(f.start, f.end) for f in found])
    found += _its_rules(text, found)
    found += _listed_short(text, doc.year, found)
    mentions = {
        Mention(
            text=text[f.start : f.end],
            type=EntityType.LAW,
            start=f.start,
            end=f.end,
            section=doc.section_kind_at(f.start),
            key=f.resolved.canonical,
            attrs=(("kind", f.resolved.kind),),
        )
        for f in found
        if f.end > f.start
    }
    return sorted(mentions, key=lambda m: (m.start, m.end, m.type.value, m.key))
