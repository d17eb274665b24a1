"""Indicators: the figures a report gives about the town's work.

A figure is a number with a counter or unit (``72起``, ``2.4万余份``,
``1 526件``, ``98.5%``, ``十余个``; units in ``data/indicator_units.txt``).  The value is a
plain decimal with 万/亿 expanded; the qualifier is the hedge the report writes
(余, 多, 以上, 达, 近, 约, 超, 逾, 不少于, 至少, 共, 累计; ``data/indicator_words.toml``),
the one next to the number winning over one before the verb (共开展…60余次 -> 余).

Its name comes from the words around it, in one of four shapes:

* verb + object + figure: ``成功化解矛盾纠纷72起`` -> 化解矛盾纠纷;
* figure + object: ``召开4次党委会`` -> 党委会;
* rate + figure: ``调解成功率达98.5%`` -> 调解成功率; rate names sharing one
  figure (``参考率和合格率均达到100%``) give one indicator each;
* a count of villages where something was done: ``5个村（社区）开展法治宣传``
  -> 开展法治宣传村（社区）数 (but ``11个村（社区）各配备1名律师`` gives only
  配备律师 1 名, and ``36个村（社区）调委会调解成功率达98%`` only the rate).

Name normalisation, so that reports can be compared: time words, scope words,
subjects and adverbs before the verb are dropped (今年以来, 全镇, 工作站, 成功,
依法), so are light verbs (开展, 召开, 举办: ``开展普法宣传活动`` -> 普法宣传活动;
content verbs such as 化解, 发放 stay), determiners (各类, 有关) and quotes; a long
name keeps its verb and its head after a list (``修订防汛、森林防火等应急预案`` ->
修订应急预案) or after the last 的.  Figures borrow from the figure before them
in the sentence: a bare verb takes its object when the unit is the same
(``排查受理…281起、成功化解274起`` -> 化解矛盾纠纷; ``…40件，其中废止27件`` ->
废止行政规范性文件), an object after a 、 takes its verb (``查处野外用火案4起、
违法改变林地用途案1起``), a total or a share takes its object (``新增“法律明白人”
24名，全镇总数达80名`` -> 法律明白人总数; ``每村不少于3名`` -> 每村法律明白人),
and a bare 举办 takes the topic of the clause before (``开展“法治大集”活动，全年
举办14期`` -> 法治大集活动).  A change of a rate (``调解率为98.6%，同比上升2.6%``)
is named after the rate: 调解率同比上升.

Figures in Chinese numerals count too (十余个 -> 10 余, 两万余人次 -> 20000 余, 近千人 -> 1000
近), but not 一 alone (一是), a single numeral from 二 to 九 or 两 only right after a verb of
doing (组成三个督导组, 召开两次会议; 四个意识 and 两学一做 are slogans), and never before the name
of a set (三项制度); “双百” gives each rate named before it 100%.  A unit's place in a ranking
is a figure in 名, named by the assessment and the scope (法治温州考核位居全市第二 ->
法治温州考核全市排名 2 名; 排名前十 -> 10 名 前).

Not indicators: years and dates, other ordinals (第3), durations and time limits
(3个月, 7个工作日内), numbers inside 《》 or ending a quoted name (“惠企10条”), phone
numbers and other numbers without a unit, and facts about the town rather than its work
(户籍人口, 下辖…个村).  Figures in plans sections (targets) are kept; their ``section``
tells them apart.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text("全年处理信访案件23件，结案率100%。")
>>> [(m.key, m.attr("value"), m.attr("unit"), m.attr("qualifier")) for m in extract_indicators(doc)]
[('处理信访案件', '23', '件', ''), ('结案率', '100', '%', '')]
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.extractors import datafiles
from kg.extractors.datafiles import longest_first
from kg.extractors.wordfind import trie_pattern
from kg.model import Document, EntityType, Mention, Span

_CLAUSE_MARKS = "，；。：！？\n"
_CLAUSE_END = re.compile(f"[{_CLAUSE_MARKS}]")
_UP_TO_LAST_CLAUSE_END = re.compile(f".*[{_CLAUSE_MARKS}]", re.DOTALL)
_YEAR = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:以来|来|度|底|初|末)?")
_UP_TO_LAST_YEAR = re.compile(f".*(?:{_YEAR.pattern})", re.DOTALL)
_ENUMERATOR = re.compile(
    r"\d{1,2}[.．、](?!\d)|（[一二三四五六七八九十\d]{1,3}）|[一二三四五六七八九十]{1,3}、"
)
# Keys that are only a total (总数, a running total) or a share (每村).
_TOTALS_AND_SHARES = r"总数|总计|合计|总量|每个?(?:行政)?[村镇乡户人]（?社?区?）?"
_BREAKDOWN = re.compile("[、 ]*其中")
_BOOK = re.compile(r"《[^《》\n]*》")
_MAGNITUDE = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"两": 2}
_CHINESE_SCALES = {"十": 10, "百": 100, "千": 1000}
_SINGLE_DIGITS = frozenset("二三四五六七八九两")
# A ranking's name is read back at most this far, to the clause's start (…考评中排名第二).
_RANK_NAME_MAX = 30
# up to the last 在 that is a preposition, not a word's first character (在线评估, 在职干部)
_RANK_IN = re.compile(r".*在(?![线职校编押建])")
_RANK_YEAR = re.compile(r"\d{1,4}年度?|年度|\d{1,2}月份?")  # when the ranking was made
_START = operator.methodcaller("start")
_DOING_WINDOW = 4  # characters before a single Chinese numeral where its verb of doing stands


@dataclass(frozen=True)
class _Words:
    """The vocabulary of ``data/indicator_words.toml``, ordered for matching."""

    post: dict[str, str]
    pre: dict[str, str]
    pre_longest: int
    pre_false_friends: tuple[str, ...]
    clause: tuple[tuple[str, str], ...]
    clause_norms: dict[str, str]
    verbs: tuple[str, ...]
    masked: tuple[str, ...]
    light: tuple[str, ...]
    chain: tuple[str, ...]
    modal: tuple[str, ...]
    leading: tuple[str, ...]
    leading_keep: tuple[str, ...]
    determiners: tuple[str, ...]
    closers: tuple[str, ...]
    object_cut: tuple[str, ...]
    admin_followers: tuple[str, ...]
    not_results: tuple[str, ...]
    false_units: tuple[str, ...]  # words that open with a unit (12人民…, 十五次全会)
    admin_units: tuple[str, ...]
    context_endings: tuple[str, ...]
    context_starts: tuple[str, ...]
    rate_suffixes: tuple[str, ...]
    rate_leads: tuple[str, ...]
    rate_joiners: tuple[str, ...]
    rate_changes: tuple[str, ...]
    changes: tuple[str, ...]
    doing: re.Pattern[str]
    named_sets: tuple[str, ...]
    rank: re.Pattern[str]  # a place in a ranking: verb, scope, 第 or 前, number
    rank_name_leads: tuple[str, ...]
    rank_name_trails: tuple[str, ...]


@cache
def _words() -> _Words:
    data = datafiles.toml("indicator_words.toml")
    verbs = data["verbs"]
    return _Words(
        post=dict(data["post_qualifiers"]),
        pre=dict(data["pre_qualifiers"]),
        pre_longest=max(map(len, data["pre_qualifiers"]), default=0),
        pre_false_friends=tuple(data["pre_false_friends"]["words"]),
        clause=tuple(sorted(data["clause_qualifiers"].items(), key=lambda kv: -len(kv[0]))),
        clause_norms=dict(data["clause_qualifiers"]),
        verbs=longest_first(verbs["main"]),
        masked=longest_first(verbs["masked_nouns"]),
        light=longest_first(verbs["light"]),
        chain=longest_first(verbs["main"] + verbs["chain_only"]),
        modal=longest_first(verbs["modal"]),
        leading=longest_first(data["strip"]["leading"]),
        leading_keep=tuple(data["strip"]["leading_keep"]),
        determiners=longest_first(data["strip"]["determiners"]),
        closers=longest_first(data["after"]["closers"]),
        object_cut=longest_first(data["after"]["object_cut"]),
        admin_followers=longest_first(data["after"]["admin_followers"]),
        not_results=longest_first(data["after"]["not_results"]),
        false_units=tuple(data["after"]["false_units"]),
        admin_units=longest_first(data["after"]["admin_units"]),
        context_endings=tuple(data["context"]["key_endings"]),
        context_starts=tuple(data["context"]["key_starts"]),
        rate_suffixes=longest_first(data["rates"]["suffixes"]),
        rate_leads=longest_first(data["rates"]["lead_verbs"]),
        rate_joiners=longest_first(data["rates"]["joiners"]),
        rate_changes=longest_first(data["rates"]["change_verbs"]),
        changes=longest_first(data["rates"]["changes"]),
        named_sets=tuple(data["chinese_numerals"]["named_sets"]),
        doing=re.compile(f"(?:{'|'.join(data['chinese_numerals']['doing'])})[^，。；、]{{0,2}}$"),
        rank=_rank_pattern(data["ranks"]),
        rank_name_leads=longest_first(data["ranks"]["name_leads"]),
        rank_name_trails=longest_first(data["ranks"]["name_trails"]),
    )


def _rank_pattern(ranks: dict[str, list[str]]) -> re.Pattern[str]:
    """A place in a ranking: a verb, a scope, 第 or 前 and the number, ending at 名, 位 or the
    clause's end (排名第二，位居全市前三名); after 获得 and the like, at 名 only (取得全市第五名);
    or a second place right after a first (排名全省第一全国第四)."""
    scope = "|".join(map(re.escape, longest_first(ranks["scopes"])))
    verbs = "|".join(map(re.escape, longest_first(ranks["verbs"])))
    won = "|".join(map(re.escape, longest_first(ranks["won"])))
    number = r"[一二三四五六七八九十]{1,3}|\d{1,3}"
    ends = r"(?:名|位|(?=[，。；、,;：:）)\s]|的|$))"
    first_ends = rf"(?:名|位|(?=[，。；、,;：:）)\s]|的|$|(?:{scope})第))"
    return re.compile(
        rf"(?:(?:{verbs})(?P<scope>(?:{scope})?)(?:综合)?(?P<kind>第|前)(?P<n>{number}){first_ends}"
        rf"|(?:{won})(?P<won_scope>(?:{scope})?)第(?P<won_n>{number})名)"
        rf"(?:(?P<next_scope>{scope})第(?P<next_n>{number}){ends})?"
    )


@cache
def _units() -> tuple[str, ...]:
    return longest_first(datafiles.lines("indicator_units.txt"))


@cache
def _figure_pattern() -> re.Pattern[str]:
    units = trie_pattern(_units())
    # A number glued to a digit, a decimal point, a dash or 第 is part of a date,
    # a range, a code or an ordinal, not a count: the lookbehind tests the mark
    # before the first digit.  It comes after that digit so that the pattern
    # starts with \d, which lets the regex engine skip to the next digit at once.
    # The digits are taken possessively (\d*+): no unit (data/indicator_units.txt) starts
    # with a digit or a point, so giving some back never makes a match, and a year (2023年)
    # fails at once.
    return re.compile(
        r"(?P<num>\d(?<![\d.·:：\-—～~/第]\d)"
        r"(?:\d{0,2}(?:[, ]\d{3})+(?![\d.])|\d*+(?:\.\d++)?))"
        r"(?P<q1>余|多)?(?P<mag>万|亿)?"
        rf"(?P<q2>余|多)?(?P<unit>{units})(?P<post>以上|左右)?"
    )


@cache
def _chinese_figure_pattern() -> re.Pattern[str]:
    """A figure written in Chinese numerals (十余个, 两万余人次, 近千人, 三个, “双百”).

    The groups are those of :func:`_figure_pattern`.  A number starting with 一 is left out
    (一是); a single numeral from 二 to 九, or 两, counts only after a verb of
    doing (组成三个督导组, not 四个意识), which :func:`_chinese_ok` checks.
    """
    units = trie_pattern(_units())
    # The lookbehind comes after the first numeral (as in _figure_pattern) so that the
    # pattern starts with a character class, which the regex engine scans for fast.
    return re.compile(
        r"(?P<num>[二三四五六七八九两十百千](?<![第〇零一二三四五六七八九十百千万两].)"
        r"[一二三四五六七八九十百千]{0,3})"
        r"(?P<q1>余|多)?(?P<mag>万|亿)?"
        rf"(?P<q2>余|多)?(?P<unit>{units})(?P<post>以上|左右)?"
    )


# “双百”: both rates named before it are 100% (参考率和通过率实现“双百”); the empty groups
# are those of _figure_pattern.
_DOUBLE_HUNDRED = re.compile(
    r"(?P<num>(?:均?(?:实现|达到|达)了?[“\"]?)?双百)(?P<q1>)(?P<mag>)(?P<q2>)(?P<unit>)(?P<post>)"
)


@dataclass(frozen=True)
class _Patterns:
    """The vocabularies of :class:`_Words` compiled once into regexes."""

    verb: re.Pattern[str]  # a main verb, not inside a masked noun (党组织 holds no 组织)
    object_cut: re.Pattern[str]  # a word ending the object after a figure, not inside a masked noun
    verb_chain: re.Pattern[str]  # a main verb and the verbs after it, each with an optional 了
    leading_step: re.Pattern[str]  # one step of stripping the front of a phrase, see _strip_leading
    scope: re.Pattern[str]  # a leading word (全镇), a total or a share, matched whole
    pre_suffix: re.Pattern[str]  # a qualifier ending a text, searched near its end
    modal: re.Pattern[str]
    light: re.Pattern[str]
    to_clean: re.Pattern[str]  # what _clean_key removes or rewrites: quotes, brackets, determiners
    admin_unit: re.Pattern[str]
    closer: re.Pattern[str]
    rate_joiner: re.Pattern[str]  # captured, for splitting
    rate_change: re.Pattern[str]
    # Characters that can open a leading step, a scope, or end a pre-qualifier:
    # most phrases have none of them and skip the regex.
    leading_firsts: frozenset[str]
    scope_firsts: frozenset[str]
    pre_lasts: frozenset[str]


@cache
def _patterns() -> _Patterns:
    words = _words()
    masked = _masked_here(words.masked)
    verb = _unmasked(words.verbs, masked)
    return _Patterns(
        verb=re.compile(verb),
        object_cut=re.compile(_unmasked(words.object_cut, masked)),
        # At each step the longest verb is taken and nothing after the chain is
        # required, so the regex never backtracks to a shorter verb.
        verb_chain=re.compile(f"(?={verb})(?:{_unmasked(words.chain, masked)}了?)*"),
        # 、 and spaces, an enumerator, then a date or a leading word, unless a
        # word to keep (镇长) starts there.  The lookahead makes a word that would
        # take the whole text give way to a shorter one.
        leading_step=re.compile(
            rf"[、 ]*(?:{_ENUMERATOR.pattern})?(?:(?:{_YEAR.pattern})"
            rf"|(?!{trie_pattern(words.leading_keep)})"
            rf"(?P<word>{trie_pattern(words.leading)})(?=.))?",
            re.DOTALL,
        ),
        scope=re.compile(f"{_TOTALS_AND_SHARES}|{trie_pattern(words.leading)}"),
        pre_suffix=re.compile(rf"(?:{trie_pattern(tuple(words.pre))})\Z"),
        modal=re.compile(trie_pattern(words.modal)),
        light=re.compile(trie_pattern(words.light)),
        to_clean=re.compile(f"[“”()]|{trie_pattern(words.determiners)}"),
        admin_unit=re.compile(trie_pattern(words.admin_units)),
        closer=re.compile(trie_pattern(words.closers)),
        rate_joiner=re.compile(f"({trie_pattern(words.rate_joiners)})"),
        rate_change=re.compile(trie_pattern(words.rate_changes)),
        # 、, space, （ and Chinese numerals open an enumerator; digits are tested apart.
        leading_firsts=frozenset("、 （一二三四五六七八九十") | _firsts(words.leading),
        scope_firsts=frozenset("总合每") | _firsts(words.leading),  # 总合每 open _TOTALS_AND_SHARES
        pre_lasts=frozenset(form[-1] for form in words.pre if form),
    )


def _firsts(words: tuple[str, ...]) -> frozenset[str]:
    """The first characters of ``words``."""
    return frozenset(word[0] for word in words if word)


def _unmasked(words: tuple[str, ...], masked: str) -> str:
    """The alternation of ``words``, failing where ``masked`` matches (a masked noun covers it).

    The lookahead on first characters lets most positions fail before the
    costly masked-noun test.
    """
    firsts = "".join(sorted({re.escape(word[0]) for word in words if word}))
    guard = f"(?=[{firsts}])" if firsts else ""
    return f"{guard}(?!{masked})(?:{trie_pattern(words)})"


def _masked_here(nouns: tuple[str, ...]) -> str:
    """A pattern that matches where one of ``nouns`` covers the position.

    Each noun gives one branch per position inside it: 党组织 gives 党组织,
    组织(?<=党组织) and 织(?<=党组织); the lookbehind, tried once the rest of
    the noun is read, sees the text before the position even when matching
    starts there.  Branches are grouped by the character at the position, so
    that most positions fail on one character test.
    """
    by_char: dict[str, list[str]] = {}
    for noun in nouns:
        for k, char in enumerate(noun):
            by_char.setdefault(char, []).append(f"{re.escape(noun[k + 1 :])}(?<={re.escape(noun)})")
    if not by_char:
        return r"(?!)"
    return (
        "(?:"
        + "|".join(f"{re.escape(char)}(?:{'|'.join(rests)})" for char, rests in by_char.items())
        + ")"
    )


# The records below are built once or more per figure: slotted dataclasses
# build faster than NamedTuples.
@dataclass(slots=True)
class _Figure:
    """One number with its unit, offsets relative to the sentence."""

    start: int
    end: int
    value: str
    unit: str
    qualifier: str


@dataclass(slots=True)
class _Found:
    """An indicator found in a sentence; ``verb`` and ``obj`` feed the next one."""

    key: str
    start: int
    end: int
    figure: _Figure
    qualifier: str
    verb: str = ""
    obj: str = ""
    rate: bool = False


def extract_indicators(doc: Document) -> list[Mention]:
    """Find the figures a report gives about the town's work.

    Parameters
    ----------
    doc : Document
        A structured report.

    Returns
    -------
    list of Mention
        One INDICATOR mention per figure (per rate name when several share a
        figure); ``key`` is the normalised indicator name and ``attrs`` hold
        ``qualifier``, ``unit`` and ``value``.  Sorted, without duplicates.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("发放宣传册（单）2.4万余份，集资120余万元，参考率和合格率均达到100%。")
    >>> for m in extract_indicators(doc):
    ...     print(m.key, m.attr("value"), m.attr("unit"), m.attr("qualifier"))
    发放宣传册（单） 24000 份 余
    集资 1200000 元 余
    参考率 100 % 达
    合格率 100 % 达
    """
    text = doc.text
    words = _words()
    # (start, end, key, attrs) says all a mention does: collect those, then build each mention once.
    indicators: set[tuple[int, int, str, tuple[tuple[str, str], ...]]] = set()
    for span, matches in _figures_by_sentence(doc):
        sentence = text[span.start : span.end]
        found = _sentence_indicators(sentence, _figures(sentence, matches, span.start))
        for f in found:
            if f.key.endswith(words.context_endings) or f.key.startswith(words.context_starts):
                continue  # 户籍人口2.3万人: a fact about the town, not about its work
            start, end = span.start + f.start, span.start + f.end
            attrs = (("qualifier", f.qualifier), ("unit", f.figure.unit), ("value", f.figure.value))
            indicators.add((start, end, f.key, attrs))
    for rank in words.rank.finditer(text):
        indicators.update(_ranks(text, rank, words))
    return [
        Mention(
            text[start:end],
            EntityType.INDICATOR,
            start,
            end,
            doc.section_kind_at(start),
            key,
            attrs,
        )
        for start, end, key, attrs in sorted(indicators)
    ]


def _ranks(
    text: str, m: re.Match[str], words: _Words
) -> Iterator[tuple[int, int, str, tuple[tuple[str, str], ...]]]:
    """The places a ranking gives (法治温州考核位居全市第二 -> 法治温州考核全市排名, 2 名), named by
    the assessment its clause names before it, and the scope: (start, end, key, attrs) of each."""
    lo = max(0, m.start() - _RANK_NAME_MAX)
    before = text[lo : m.start()]
    start = lo + max(before.rfind(mark) for mark in _CLAUSE_MARKS + "、") + 1  # or a list's item
    name = text[start : m.start()]
    if preposition := _RANK_IN.match(name):  # 助力广州在…评估中: the assessment follows 在
        name, start = name[preposition.end() :], start + preposition.end()
    while lead := next((w for w in words.rank_name_leads if name.startswith(w)), None):
        name, start = name[len(lead) :], start + len(lead)
    if year := _RANK_YEAR.match(name):
        name, start = name[year.end() :], start + year.end()
    while trail := next((w for w in words.rank_name_trails if name.endswith(w)), None):
        name = name[: -len(trail)]
    places = [
        (
            m.group("scope") or m.group("won_scope") or "",
            m.group("n") or m.group("won_n"),
            m.group("kind"),
        )
    ]
    if m.group("next_n"):
        places.append((m.group("next_scope"), m.group("next_n"), None))
    for scope, number, kind in places:
        value = int(number) if number.isdigit() else chinese_value(number)
        if value:
            qualifier = "前" if kind == "前" else ""
            attrs = (("qualifier", qualifier), ("unit", "名"), ("value", str(value)))
            yield start, m.end(), f"{name}{scope}排名", attrs


def parse_value(number: str, magnitude: str = "") -> str:
    """Write a number with its 万/亿 expanded as a plain decimal string.

    Examples
    --------
    >>> parse_value("2.4", "万"), parse_value("120", "万"), parse_value("98.50"), parse_value("100")
    ('24000', '1200000', '98.5', '100')
    """
    if not magnitude and number.isdecimal() and len(number) <= 18:
        return str(int(number))  # the common case, without the cost of Decimal
    value = Decimal(number) * _MAGNITUDE.get(magnitude, Decimal(1))
    value = value.normalize()
    return format(value, "f")


def _all_figures(text: str) -> list[re.Match[str]]:
    """Figures in Arabic and in Chinese numerals, in text order."""
    figures = list(_figure_pattern().finditer(text))
    more = [m for m in _chinese_figure_pattern().finditer(text) if _chinese_ok(text, m)]
    if "双百" in text:
        more += _DOUBLE_HUNDRED.finditer(text)
    return sorted(figures + more, key=_START) if more else figures


def _chinese_ok(text: str, m: re.Match[str]) -> bool:
    """Whether a match of the Chinese figure pattern is a count with a unit (see there)."""
    number = m.group("num")
    if chinese_value(number) is None:
        return False
    if text.startswith(_words().named_sets, m.end()):
        return False  # 三项制度, 四个意识: the name of a set, not a count
    if len(number) == 1 and number in _SINGLE_DIGITS and not m.group("mag"):
        before = text[max(0, m.start() - _DOING_WINDOW) : m.start()]
        return _words().doing.search(before) is not None
    return True


def chinese_value(number: str) -> int | None:
    """The value of a number written in Chinese numerals up to 9999, or None.

    Examples
    --------
    >>> chinese_value("十"), chinese_value("二十五"), chinese_value("两"), chinese_value("千")
    (10, 25, 2, 1000)
    >>> chinese_value("三百二十"), chinese_value("十十") is None
    (320, True)
    """
    total, digit, last_scale = 0, None, 10_000
    for char in number:
        if char in _CHINESE_DIGITS:
            if digit is not None:
                return None
            digit = _CHINESE_DIGITS[char]
        elif char in _CHINESE_SCALES:
            scale = _CHINESE_SCALES[char]
            if scale >= last_scale:
                return None
            total += (1 if digit is None else digit) * scale
            digit, last_scale = None, scale
        else:
            return None
    return total + (digit or 0)


def _figures_by_sentence(doc: Document) -> Iterator[tuple[Span, list[re.Match[str]]]]:
    """The sentences holding a figure, each with the figure matches in it, from one pass over the text.

    Matching the whole text finds the same figures as matching each sentence:
    a figure never crosses a sentence end, and the mark or space before a
    sentence never glues to its first number.
    """
    sentences = iter(doc.sentences)
    span = Span(0, 0)
    matches: list[re.Match[str]] = []
    for match in _all_figures(doc.text):
        while span.end <= match.start():
            if matches:
                yield span, matches
                matches = []
            if (following := next(sentences, None)) is None:
                return
            span = following
        if span.start <= match.start():  # else it is outside the sentences
            matches.append(match)
    if matches:
        yield span, matches


def _figures(sentence: str, matches: list[re.Match[str]], offset: int) -> list[_Figure]:
    """The figures of ``sentence`` from the ``matches`` of the figure pattern, which start at ``offset``."""
    words = _words()
    books = [m.span() for m in _BOOK.finditer(sentence)] if "《" in sentence else []
    figures = []
    for m in matches:
        start, end = m.start() - offset, m.end() - offset
        if books and any(a <= start < b for a, b in books):
            continue
        if sentence.startswith("”", end) and sentence.rfind("“", 0, start) > sentence.rfind(
            "”", 0, start
        ):
            continue  # the end of a quoted name (“静海镇10条”政策), not a count
        number, q1, magnitude, q2, unit, post = m.groups()
        if number.endswith("双百"):  # 参考率和通过率实现“双百”: each rate is 100%
            figures.append(_Figure(start, end, "100", "%", ""))
            continue
        if start and sentence[start - 1] == "“" and 0 <= sentence.find("”", end) - end <= 6:
            continue  # the count opening a quoted name (“十二个坚持”, “两个维护”), not a figure
        unit_start = m.start("unit") - offset
        if sentence.startswith(words.false_units, unit_start):
            continue
        qualifier = q1 or q2 or post  # the first one written
        qualifier = words.post.get(qualifier, qualifier) if qualifier else ""
        if not number.isascii():
            number = str(chinese_value(number))
        elif not number.isdecimal():
            number = number.replace(",", "").replace(" ", "")  # 1 526件, 1,526件
        value = parse_value(number, magnitude or "")
        figures.append(_Figure(start, end, value, unit, qualifier))
    return figures


def _sentence_indicators(sentence: str, figures: list[_Figure]) -> list[_Found]:
    found: list[_Found] = []
    breakdown: _Found | None = None  # the figure a 其中 clause breaks down (…40件，其中废止27件)
    for i, fig in enumerate(figures):
        prev_fig = figures[i - 1] if i else None
        next_start = figures[i + 1].start if i + 1 < len(figures) else len(sentence)
        # The figure's text starts after the figure before it or the clause end between them.
        left_start = prev_fig.end if prev_fig else 0
        if punct := _UP_TO_LAST_CLAUSE_END.match(sentence, left_start, fig.start):
            left_start = punct.end()
        if fig.unit in ("%", "个百分点"):
            found.extend(_rates(sentence, left_start, fig, found))
            continue
        previous = found[-1] if found and prev_fig and found[-1].figure is prev_fig else None
        if previous and _opens_breakdown(sentence, left_start):
            breakdown = previous
        clause_mark = _CLAUSE_END.search(sentence, fig.end)
        clause_end = clause_mark.start() if clause_mark else len(sentence)
        item = _count(
            sentence,
            _Context(
                left_start,
                clause_end,
                next_start,
                previous,
                breakdown,
                enumerated=previous is not None
                and prev_fig is not None
                and left_start == prev_fig.end,
            ),
            fig,
        )
        if item:
            found.append(item)
    return found


@dataclass(slots=True)
class _Context:
    """Where a figure's clause starts and what the figures before it said."""

    left_start: int
    clause_end: int
    next_start: int
    previous: _Found | None
    breakdown: _Found | None
    enumerated: bool


def _opens_breakdown(sentence: str, left_start: int) -> bool:
    """A clause opened by 其中 breaks down the figure before it (…40件，其中废止27件)."""
    return bool(_BREAKDOWN.match(sentence, left_start))


def _last_punct(sentence: str, end: int) -> int:
    """Position of the last clause-ending mark before ``end``, or -1."""
    match = _UP_TO_LAST_CLAUSE_END.match(sentence, 0, end)
    return match.end() - 1 if match else -1


def _strip_pre(left: str) -> tuple[str, str]:
    """Remove qualifiers and connectors before the number; return the rest and the qualifier."""
    if not left or left[-1] not in _patterns().pre_lasts:
        return left, ""  # the usual case: no qualifier can end the text
    words = _words()
    qualifier = ""
    for _ in range(3):
        if left.endswith(words.pre_false_friends):
            break  # 成为, 行为: the 为 belongs to a word
        # The leftmost form that ends the text is the longest; it starts near the end.
        form = _patterns().pre_suffix.search(left, max(0, len(left) - words.pre_longest))
        if not form:
            break
        qualifier = qualifier or words.pre[form.group()]
        left = left[: form.start()]
    return left, qualifier


def _strip_leading(text: str, offset: int) -> tuple[str, int, str]:
    """Drop enumerators, time, scope and adverbs from the front of a phrase.

    Returns the rest, its new offset and a clause qualifier met on the way (共, 累计).
    """
    patterns = _patterns()
    qualifier = ""
    pos = 0
    # A step can only start on one of leading_firsts or a digit: test that
    # before the regex, which most phrases then never run.
    while pos < len(text) and (text[pos] in patterns.leading_firsts or text[pos].isdecimal()):
        match = patterns.leading_step.match(text, pos)
        if match is None or match.end() == pos:
            break
        if match["word"]:
            qualifier = qualifier or _words().clause_norms.get(match["word"], "")
        pos = match.end()
    return text[pos:], offset + pos, qualifier


def _quoted_positions(text: str) -> frozenset[int]:
    if "“" not in text:
        return frozenset()
    positions: set[int] = set()
    for m in re.finditer(r"“[^“”]*”", text):
        positions.update(range(m.start(), m.end()))
    return frozenset(positions)


def _verb_at(text: str, i: int) -> str:
    """The longest main verb starting at ``i``, unless it is inside a masked noun (党组织), or ""."""
    match = _patterns().verb.match(text, i)
    return match.group() if match else ""


def _verb_positions(text: str, pattern: re.Pattern[str], start: int = 0) -> Iterator[int]:
    """The positions from ``start`` on where ``pattern`` (a :class:`_Patterns` one) matches."""
    while (match := pattern.search(text, start)) is not None:
        yield match.start()
        start = match.start() + 1


def _verb_chain(text: str, i: int) -> int:
    """End of the chain of verbs starting at ``i`` (挖掘培养, 开展了), or ``i``."""
    match = _patterns().verb_chain.match(text, i)
    return match.end() if match else i


def _first_verb(text: str) -> tuple[int, int]:
    """Start of the first verb outside quotes (“苎溪发布”微信公众号 holds no verb) and end of
    the chain of verbs there, or (-1, -1)."""
    if "“" not in text:  # the usual case: the first chain is at the first verb
        match = _patterns().verb_chain.search(text)
        return match.span() if match else (-1, -1)
    quoted = _quoted_positions(text)
    i = next((i for i in _verb_positions(text, _patterns().verb) if i not in quoted), -1)
    return (i, _verb_chain(text, i)) if i >= 0 else (-1, -1)


def _after_light(text: str) -> tuple[int, int]:
    """Start and end of the last light verb (开展, 召开) outside quotes, or (-1, -1)."""
    if not _patterns().light.search(text):
        return -1, -1  # the usual case
    quoted = _quoted_positions(text)
    best = (-1, -1)
    for verb in _words().light:
        i = text.rfind(verb)
        while i >= 0 and i in quoted:
            i = text.rfind(verb, 0, i)
        if i >= 0:
            end = i + len(verb) + (1 if text.startswith("了", i + len(verb)) else 0)
            if end > best[1]:
                best = (i, end)
    return best


def _clean_key(key: str) -> str:
    if not _patterns().to_clean.search(key):
        return key.strip().strip("等、的 ")  # the usual case
    words = _words()
    key = key.replace("“", "").replace("”", "").replace("(", "（").replace(")", "）").strip()
    for det in words.determiners:
        key = key.replace(det, "")
    return key.strip("等、的 ")


def _compress(key: str) -> str:
    """Shorten a long name to its verb and head noun.

    ``修订防汛、森林防火等应急预案`` -> 修订应急预案; ``…相关的法律法规`` -> …法律法规.
    Lists inside quotes are names and stay whole.
    """
    if len(key) <= 12:
        return key
    verb_end = _verb_chain(key, 0)
    body = key[verb_end:]
    for mark in ("等", "的", "、"):
        if verb_end + len(body) <= 12:
            break
        quoted = _quoted_positions(body)
        cut = body.rfind(mark)  # the last one outside quotes
        while cut in quoted:
            cut = body.rfind(mark, 0, cut)
        if cut < 0 or len(body) - cut - 1 < 2:
            continue
        if mark == "等" and "、" not in body[:cut]:
            continue  # 等 ends a list only after one (防汛、森林防火等应急预案)
        if verb_end + len(body) - cut - 1 < 4:
            break  # 在线调解、远程立案指导等服务: the head alone would say nothing
        body = body[cut + 1 :]
    return key[:verb_end] + body


def _is_bare_verb(key: str) -> bool:
    modal = _patterns().modal.match(key)
    rest = key[modal.end() :] if modal else key
    return bool(rest) and _verb_chain(rest, 0) == len(rest)


def _count(sentence: str, ctx: _Context, fig: _Figure) -> _Found | None:
    words = _words()
    after = _after_text(sentence, fig.end, ctx.clause_end, ctx.next_start)
    if after.startswith(words.not_results):
        return None
    left, pre_q = _strip_pre(sentence[ctx.left_start : fig.start])
    qualifier = fig.qualifier or pre_q
    if not after:  # the usual case: the figure ends its clause
        return _object_first(sentence, ctx, left, fig, after, qualifier)
    admin_unit = _patterns().admin_unit.match(after)
    admin = admin_unit.group() if admin_unit else ""
    if admin and _is_admin_count(after[len(admin) :]):
        return _admin_count(fig, admin, after, qualifier)
    if not _patterns().closer.match(after) and not _verb_at(after, 0):
        return _figure_first(sentence, ctx, left, fig, after, qualifier)
    return _object_first(sentence, ctx, left, fig, after, qualifier)


def _is_admin_count(rest: str) -> bool:
    """``5个村（社区）开展…``: the unit counts villages when a verb or an adverb follows."""
    words = _words()
    return not rest or bool(_verb_at(rest, 0) or rest.startswith(words.admin_followers))


def _admin_count(fig: _Figure, admin: str, after: str, qualifier: str) -> _Found | None:
    """Villages where something was done: keyed by what was done, 开展法治宣传村（社区）数."""
    rest = after[len(admin) :]
    verb_phrase = _clean_key(_strip_leading(rest, 0)[0])
    while verb_phrase.startswith(_words().admin_followers):
        verb_phrase = verb_phrase[
            next(len(w) for w in _words().admin_followers if verb_phrase.startswith(w)) :
        ]
    if len(verb_phrase) < 3 or _is_bare_verb(verb_phrase):
        return None  # 11个村（社区）各配备1名律师: the figure after says what each got
    return _Found(f"{verb_phrase}{admin}数", fig.start, fig.end + len(after), fig, qualifier)


def _after_text(sentence: str, start: int, end: int, limit: int) -> str:
    """Text after a figure up to the clause end ``end``, or up to a 、 when another figure follows."""
    if limit < end:  # an enumeration of figures: 4起、违法…案1起, 4次党委会、8次…
        end = limit
        i = sentence.find("、", start, end)
        if i >= 0:
            end = i
    return sentence[start:end]


def _figure_first(
    sentence: str, ctx: _Context, left: str, fig: _Figure, after: str, qualifier: str
) -> _Found | None:
    """``召开4次党委会``: the object follows the figure."""
    words = _words()
    lead = len(after) - len(after.lstrip("的"))
    obj = after[lead:]
    if _strip_pre(obj)[0].endswith(words.rate_suffixes):
        return None  # 36个村（社区）调委会调解成功率达98%: the count only scopes the rate
    cut = _object_end(obj)
    obj, rest = obj[:cut], obj[cut:]
    obj_end = fig.end + lead + len(obj)
    # The verb before the figure: 聘请1名…, 开展了2期…, or the one carried over a 、.
    phrase, offset, clause_q = _strip_leading(left, ctx.left_start)
    verb, start = "", fig.start
    i = next(
        (
            i
            for i in _verb_positions(phrase, _patterns().verb)
            if _verb_chain(phrase, i) == len(phrase)
        ),
        -1,
    )
    if i >= 0:
        verb, start = phrase[i:], offset + i
        clause_q = clause_q or _clause_before(sentence, start)
    if not verb and ctx.enumerated and ctx.previous and not phrase:
        verb = ctx.previous.verb
    if _after_light(verb)[1] == len(verb):
        verb = ""
    verb = verb.rstrip("了")
    name = _clean_key(obj)
    if len(name) <= 2 and rest:
        # 2个事项开展社会稳定风险评估: a bare noun is named by what was done to it
        done = _clean_key(_strip_leading(rest, 0)[0])
        name, obj_end = done + name, obj_end + len(rest)
    key = _compress(_clean_key(verb + name))
    if len(key) < 2:
        return None
    return _Found(key, start, obj_end, fig, qualifier or clause_q, verb, name)


def _object_end(obj: str) -> int:
    """Where the object after a figure ends: at a verb or a cut word (全覆盖), from its 3rd character.

    A 共 or 各 right before a verb goes with the verb (…共排查, …各配备).
    """
    patterns = _patterns()
    verb = next(_verb_positions(obj, patterns.verb, 2), len(obj))
    cut = next(_verb_positions(obj, patterns.object_cut, 2), len(obj))
    adverb = next(
        (i - 1 for i in _verb_positions(obj, patterns.verb, 3) if obj[i - 1] in "共各"), len(obj)
    )
    return min(verb, cut, adverb, len(obj))


def _clause_before(sentence: str, end: int) -> str:
    """The clause qualifier (共, 累计) written right before ``end``, or ""."""
    for form, norm in _words().clause:
        if sentence.endswith(form, 0, end):
            return norm
    return ""


def _object_first(
    sentence: str, ctx: _Context, left: str, fig: _Figure, after: str, qualifier: str
) -> _Found | None:
    """``化解矛盾纠纷72起``: the object precedes the figure."""
    left_start = ctx.left_start
    if "年" in left and (year := _UP_TO_LAST_YEAR.match(left)):
        left_start += year.end()
        left = left[year.end() :]
    phrase, offset, clause_q = _strip_leading(left, left_start)
    light_start, light_end = _after_light(phrase)
    start, body = offset, phrase
    verb_end = 0  # end of the verbs opening phrase
    if light_start >= 0 and len(phrase) - light_end >= 2:
        start, body = offset + light_start, phrase[light_end:]
    else:
        p, chain_end = _first_verb(phrase)
        if p == 0:
            verb_end = chain_end
        # A verb opens the name unless what follows it is nothing (依申请公开) or
        # what precedes it is a manner word (书面调解, 入户走访).
        if (p > 2 or (p > 0 and phrase[:p].endswith(("了", "的")))) and not _is_bare_verb(
            phrase[p:]
        ):
            start, body = offset + p, _strip_leading(phrase[p:], 0)[0]
    if start != offset:
        clause_q = clause_q or _clause_before(sentence, start)
    key = _clean_key(body)
    if key != phrase:  # else verb_end is known
        verb_end = _verb_chain(key, 0)
    verb, obj = key[:verb_end], key[verb_end:]
    # All verbs?  Without a modal word before them (已, 予以), the split above says it.
    bare = _is_bare_verb(key) if _patterns().modal.match(key) else bool(key) and not obj
    end = fig.end
    earlier = ctx.previous if ctx.previous and ctx.previous.figure.unit == fig.unit else None
    source = earlier or (
        ctx.breakdown if ctx.breakdown and ctx.breakdown.figure.unit == fig.unit else None
    )
    if source and source.obj and bare:
        key, obj = key + source.obj, source.obj  # 排查受理矛盾纠纷281起、成功化解274起
    elif earlier and earlier.obj and _is_scope(key):
        key, obj = (
            f"{key}{earlier.obj}" if key.startswith("每") else f"{earlier.obj}总数",
            earlier.obj,
        )
    elif ctx.enumerated and ctx.previous and ctx.previous.verb and not verb and key:
        verb = ctx.previous.verb
        key = verb + key  # 查处野外用火案4起、违法改变林地用途案1起
    elif not key and ctx.enumerated and ctx.previous and ctx.previous.figure.unit != fig.unit:
        # 清理规范性文件2次、100余件: a second measure of the same work
        key, verb, obj = ctx.previous.key, ctx.previous.verb, ctx.previous.obj
    elif bare and after:
        key, end = key + after, fig.end + len(after)  # 组织200余人参加培训: who took part
    elif bare and _after_light(key)[1] == len(key):
        # 持续开展“法治大集”活动，全年举办14期: what was held is in the clause before
        key = _previous_topic(sentence, ctx.left_start)
    key = _compress(key)
    if not key and after:
        key = _compress(_clean_key(after))
    if len(key) < 2 or key.isdigit() or _is_scope(key):
        return None
    return _Found(key, start, end, fig, qualifier or clause_q, verb, obj)


def _is_scope(key: str) -> bool:
    """A key that is only a scope or a total: 全镇, 总数 (a running total), 每村 (a share)."""
    patterns = _patterns()
    return bool(key) and key[0] in patterns.scope_firsts and bool(patterns.scope.fullmatch(key))


def _previous_topic(sentence: str, left_start: int) -> str:
    """The object of the light verb in the clause before ``left_start`` (开展“法治大集”活动)."""
    end = left_start - 1
    if end <= 0 or sentence[end] not in "，；":
        return ""
    clause = sentence[_last_punct(sentence, end) + 1 : end]
    light_start, light_end = _after_light(clause)
    topic = _clean_key(clause[light_end:]) if light_start >= 0 else ""
    return topic if 2 <= len(topic) <= 12 and not any(ch.isdigit() for ch in topic) else ""


def _rates(sentence: str, left_start: int, fig: _Figure, found: list[_Found]) -> list[_Found]:
    """``调解成功率达98.5%``, ``参考率和合格率均达到100%``, ``同比上升2.6%``."""
    words = _words()
    left, pre_q = _strip_pre(sentence[left_start : fig.start])
    qualifier = fig.qualifier or pre_q
    if not left.endswith(words.rate_suffixes):
        for change in words.changes:
            if left.endswith(change):
                rates = [f for f in found if f.rate]
                if not rates:
                    return []
                norm = "同比" + change[-2:]
                return [
                    _Found(
                        rates[-1].key + norm,
                        left_start + len(left) - len(change),
                        fig.end,
                        fig,
                        qualifier,
                        rate=True,
                    )
                ]
        # a change written with its verb (审批效率提升78%, 压缩办理时限79.25%)
        verb = _patterns().rate_change.search(left)
        if verb is None:
            return []
        rest, offset, _ = _strip_leading(left, 0)
        key = _clean_key(rest)
        if len(key) < 3 or verb.start() < offset:
            return []
        return [_Found(key, left_start + offset, fig.end, fig, qualifier, rate=True)]
    out = []
    for name_start, name in _rate_names(left):
        key = _clean_key(name)
        if len(key) < 2 or key in words.rate_suffixes:
            continue
        out.append(_Found(key, left_start + name_start, fig.end, fig, qualifier, rate=True))
    return out


def _rate_names(left: str) -> list[tuple[int, str]]:
    """Split ``A率、B率以及C率`` into the rate names with their offsets in ``left``."""
    words = _words()
    pieces = _patterns().rate_joiner.split(left)
    names: list[tuple[int, str]] = []
    end = len(left)
    current_start = end - len(pieces[-1])
    k = len(pieces) - 2
    while k >= 1:
        before = pieces[k - 1]
        if before.endswith(words.rate_suffixes):
            names.append((current_start, left[current_start:end]))
            end = current_start - len(pieces[k])
            current_start = end - len(before)
        else:
            current_start -= len(pieces[k]) + len(before)
        k -= 2
    names.append((current_start, left[current_start:end]))
    out = []
    for start, name in reversed(names):
        cut = 0
        for mark in ("的", "了", "在", *words.rate_leads):
            i = name.rfind(mark)
            # 通过 leads 通过率达100% no more than it is the rate's own first word
            if i >= 0 and name[i + len(mark) :] not in words.rate_suffixes:
                cut = max(cut, i + len(mark))
        rest, offset, _ = _strip_leading(name[cut:], start + cut)
        if rest in words.rate_suffixes:
            rest, offset = name[cut:], start + cut
        out.append((offset, rest))
    return out
