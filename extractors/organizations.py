"""Organisations: the bodies a report names (司法所, 综治中心, 法治建设领导小组 ...).

Two readings find them:

- **known names** (``data/organization_names.toml``): fixed names and their
  variants, after an optional prefix (the report's town, 中共, a level word);
- **generic names**: a head (``data/organization_heads.txt``: 领导小组,
  委员会, 服务中心 ...) with the modifier written before it, cut at the last
  verb or particle so "成立了由…的法治建设领导小组" gives 法治建设领导小组.

The mention span is the name as written, with the town or level word before
it ("大吉山镇依法治镇委员会", "镇综治中心"); the key drops the town's own
prefix and maps variants to one canonical name, so 大吉山司法所 and 司法所
are one key, and 综合执法大队 = 综合行政执法大队.  Bodies above the township
keep their level word (县司法局).  Party committees and governments (党委,
镇政府, 县委) are left out: they issue the report or stand for a place.
Names inside “quotes” are left to the initiatives extractor.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text("青禾镇2023年法治政府建设报告\\n成立了由镇长任组长的法治建设领导小组，"
...                          "办公室设在镇综治办，青禾司法所为合法性审查机构。")
>>> [(m.text, m.key) for m in extract_organizations(doc)]
[('法治建设领导小组', '法治建设领导小组'), ('镇综治办', '综治办'), ('青禾司法所', '司法所')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, NamedTuple

from kg.chars import HAN
from kg.extractors import datafiles
from kg.extractors import gazetteer as gz
from kg.extractors.wordfind import WordFinder, trie_pattern
from kg.model import TOWNSHIP_ENDINGS, Document, EntityType, Mention

_TOWN_LEVEL = "|".join(TOWNSHIP_ENDINGS)
_TOWN_SUFFIX = re.compile(f"({_TOWN_LEVEL})$")
_TOWN_LEVELS = tuple(_TOWN_LEVEL.split("|"))
_BUREAU_LEVELS = (*_TOWN_LEVELS, "局")  # a bureau's own prefix (局政策法规科)
_HIGHER_LEVEL = "县委|区委|旗委|市委|省委|县|区|旗|市|省|中央"  # 中央 of 中央政法委
# Level words above the town before a [leveled] name (县人大, 市政协, 县人武部): kept in the key.
_LEVELED_HIGHER = ("县", "区", "旗", "市", "省", "州")
# A run of characters before a generic head longer than this is a clause, not a name.
_MAX_RUN = 16
_RUN_BEFORE = re.compile(f"[{HAN}]{{1,{_MAX_RUN}}}\\Z")  # searched up to a head
_QUOTED_RUN_BEFORE = re.compile(f"[{HAN}“”]{{1,{_MAX_RUN}}}\\Z")  # ... with quoted names in it
_MIN_MODIFIER, _MAX_MODIFIER = 2, 10
# 委员会 after a place is a party committee (中共某县委员会), unless it governs by law (依法治县).
_PLACE_END = re.compile("[县市区省镇乡村]$")
# A township's or a county's party working committee (青禾街道工作委员会, 党工委 written in full):
# a party committee standing for its place, as 镇委员会 is.
_WORKING_COMMITTEE_OF = re.compile("(?:街道|镇|乡|县|区|市)工作$")
# Lists go on after a body whose final 会 was lost ("人民调解委员以及珠龙法庭").
_LIST_GOES_ON = "(?=、|，|,|以及|和|与|及|等)"
# A known name running on into another word is no body: 政法委员 (a post), 执法队伍 (staff),
# 人大代表 (deputies); a body above the town also not into 门 (司法部门 is a kind of department,
# while 司法所门前 is at the station's door).
_RUNS_ON = "(?!员|伍|代表)"
_HIGHER_RUNS_ON = "(?!员|伍|代表|门|署)"  # 组织部署: to deploy, no 组织部
# The office of a government or party committee is that body's own staff, not a body it
# reports on (and web pages sign with it: 主办单位：某县人民政府办公室).
_GOVERNMENT_END = re.compile("(?:政府|党委|党工委|县委|区委|旗委|市委|省委|管委会)$")
# The place before a party committee's level word (奉节县委…, 兖州区委…): the key drops it.
# (the place holds no 委: 区委依法治区委 is the committee of 区委, not a place 区委依法治)
_PLACE_BEFORE_COMMITTEE = re.compile(f"^(?:(?!委)[{HAN}]){{2,6}}?(?=(?:县|区|市|州|省)委(?!员))")
_LEVEL_WORD = re.compile("县委|区委|旗委|市委|州委|省委|县|区|旗|市|省")
# The unit a department's report is about, in its title: 兖州区司法局2025年度… (the key of a
# mention that ends this name is the reporting body itself).
# Found from its ending, then read back: a pattern starting with the name would be tried at
# every character.
_REPORTING_BODY_END = re.compile("(局|委员会|办公室|中心)(?:关于)?20\\d{2}年")
_NAME_BEFORE = re.compile(f"[{HAN}]{{2,{_MAX_RUN}}}\\Z")
_TITLE_AREA = 400  # characters at the start of a report where its title stands
# ... or from the opening sentence's subject where no title names it ("2024年，汕尾市司法局坚持…").
_OPENING_SUBJECT = re.compile(
    f"20\\d{{2}}年度?[，,]([{HAN}]{{2,{_MAX_RUN}}}?(?:局|委员会|办公室))(?=[{HAN}])"
)


_QUOTE = re.compile("“([^“”\n]{1,24})”")
# a list item: the characters between two list marks (、), or after the last one up to the list's end
_LIST_SEGMENT = re.compile("[^，,。；;：:！？\n（）()“”《》]+")
_LIST_END = re.compile("等|以及|及|和|与")
_PARENS = re.compile("[(（][^()（）]*[)）]")
_PROVINCE_LEVELS = ("省", "省委")
_COUNT = re.compile(r"[一二三四五六七八九十两几多\d]+[个支名家]$")
_ORDINAL = re.compile(r"^第[一二三四五六七八九十\d]+")  # 第一检查督导组: a task's numbered group
# a count before the name, at the start or after a place (3个公共法律服务工作点, 县内一家律师事务所):
# the name starts after its classifier (四合一家 is a name)
_COUNT_BEFORE = re.compile("(?:^|(?<=[县区市镇乡内]))([一二三四五六七八九十百两几]*)[个家支批]")
_GROUP_END = re.compile("(?:领导小组|工作小组|委员会)$")  # a group whose office is named after it
# a date or 年度 before the name (2025年街道依法治理委员会办公室会议, 年度基层法治建设委员会会议):
# the name starts after it
_DATE_BEFORE = re.compile(r"(?<=\d)[年月日]度?|年度")
_NAME_LEVELS = "县区市州省镇乡"  # level words that start a body's name
_MIN_KNOWN_INSIDE = 3  # 人大 in 人大代表工作站 is no body of its own
_ALL_HAN = re.compile(f"[{HAN}]+")
_PARTY_COMMITTEE = re.compile("(?:[县区市州省镇乡]|党工|党)委")


@cache
def _rules() -> dict[str, dict[str, object]]:
    """``data/organization_rules.toml``: lists, quoted names, modifiers, issuers, subjects."""
    return datafiles.toml("organization_rules.toml")


@cache
def _rule_words(table: str, key: str) -> tuple[str, ...]:
    words = _rules()[table][key]
    assert isinstance(words, list)
    return datafiles.longest_first(str(w) for w in words)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    key: str
    known: bool


@cache
def _names() -> dict[str, dict[str, str]]:
    """Group (town, higher, leveled) -> variant -> canonical name."""
    table = _names_table()
    groups: dict[str, dict[str, str]] = {}
    for group in ("town", "higher", "leveled"):
        variants: dict[str, str] = {}
        for canonical, written in table.get(group, {}).items():
            for variant in [canonical, *written]:
                variants.setdefault(variant, canonical)
        groups[group] = variants
    return groups


@cache
def _only_before(name: str) -> tuple[str, ...] | None:
    """The words one of which must follow the known name ``name``, or None when any may."""
    words = _names_table().get("only_before", {}).get(name)
    return tuple(words) if words is not None else None


@cache
def _not_after(name: str) -> tuple[str, ...]:
    """Words that, right before the known name ``name``, make it something else."""
    table = _names_table().get("not_after", {})
    return tuple(word for tail, words in table.items() if name.endswith(tail) for word in words)


@cache
def _names_table() -> dict[str, Any]:
    """``data/organization_names.toml``, read once (a name's first reading in a process
    read it again: 4 ms a name)."""
    return datafiles.toml("organization_names.toml")


@cache
def _truncated() -> tuple[str, ...]:
    return tuple(_names_table().get("truncated", {}).get("names", []))


@cache
def _synonyms() -> dict[str, str]:
    """Every variant of a known name -> its canonical name, for generic readings and keys."""
    merged: dict[str, str] = {}
    for variants in _names().values():
        for variant, canonical in variants.items():
            merged.setdefault(variant, canonical)
    for canonical, written in _names_table().get("keys_only", {}).items():
        for variant in [canonical, *written]:
            merged.setdefault(variant, canonical)
    return merged


def canonical_name(name: str) -> str:
    """The canonical key for an organisation name written without a town prefix.

    Examples
    --------
    >>> canonical_name("综合执法大队"), canonical_name("公安派出所"), canonical_name("法治建设领导小组")
    ('综合行政执法大队', '派出所', '法治建设领导小组')

    A body above the town keeps its level word and loses the place before it, so the
    ways a report names the county's committee are one key:

    >>> canonical_name("中共奉节县委全面依法治县委员会"), canonical_name("县委全面依法治县委员会办公室")
    ('县委依法治县委员会', '县委依法治县办')
    """
    synonyms = _synonyms()
    if name in synonyms:
        return synonyms[name]
    name = _PLACE_BEFORE_COMMITTEE.sub("", name.removeprefix("中共"))
    level = _LEVEL_WORD.match(name)
    if level and name[level.end() :] in synonyms:
        return level.group() + synonyms[name[level.end() :]]
    return synonyms.get(name, name)


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))


def _town_forms(town: str | None) -> tuple[str, ...]:
    """The report's town as written in names: 大吉山镇 and 大吉山."""
    if not town:
        return ()
    short = _TOWN_SUFFIX.sub("", town)
    return tuple(dict.fromkeys(f for f in (town, short) if len(f) >= 2))


@cache
def _town_order(town: str | None) -> tuple[str, ...]:
    """:func:`_town_forms` in the order a regex alternation of them tries them (as
    :func:`_alternation` writes it): the longer first."""
    return tuple(sorted(_town_forms(town), key=lambda w: (-len(w), w)))


class _Known(NamedTuple):
    """A known name found at ``start``: which list it is in, where it starts, and the
    prefix written before it (the town, 中共, a level word; for a higher body its level)."""

    start: int
    end: int
    group: str  # town, higher, leveled or cut
    name_start: int
    name: str
    before: str


@cache
def _name_patterns() -> dict[str, re.Pattern[str]]:
    """Each list's names (as a trie) and what may not follow them, for every town alike.

    A known name is read as one regex would read ``prefix name``, the prefix one of the
    few a town allows (:func:`_prefix_options`): compiling a regex with the town in it
    cost 3-4 ms for each new town, a quarter of a report's extraction.
    """
    names = _names()
    # the name lists as tries: a match is tried at each candidate start, and a trie reads each
    # character once where an alternation of a hundred names tries them in turn
    return {
        "town": re.compile(f"(?P<town>{trie_pattern(names['town'])}){_RUNS_ON}"),
        "higher": re.compile(
            f"(?P<before>{_HIGHER_LEVEL})?(?P<higher>{trie_pattern(names['higher'])})"
            f"{_HIGHER_RUNS_ON}"
        ),
        "leveled": re.compile(f"(?P<leveled>{trie_pattern(names['leveled'])}){_RUNS_ON}"),
        "cut": re.compile(f"(?P<cut>{trie_pattern(_cut_names())}){_LIST_GOES_ON}"),
    }


@cache
def _prefix_options(town: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each list with the prefixes allowed before its names, in the order a regex
    ``(中共)?(TOWN)?(LEVEL)?NAME`` tries them (an optional part present first, the
    town's longer form first): the first that a name follows is the match."""
    towns = _town_order(town)
    levels = _TOWN_LEVELS
    own = tuple(
        party + name + level
        for party in ("中共", "")
        for name in (*towns, "")
        for level in (*levels, "")
    )
    leveled = (*towns, *levels, *_LEVELED_HIGHER)
    return ("town", own), ("higher", ("",)), ("leveled", leveled), ("cut", own)


def _known_at(text: str, start: int, town: str | None) -> _Known | None:
    """The known name whose prefix starts at ``start``, as the regex
    ``(prefix)(town name)|(level)?(higher name)|(prefix)(leveled name)|(prefix)(cut name)``
    would match there (its alternatives tried in that order), or None."""
    patterns = _name_patterns()
    for group, prefixes in _prefix_options(town):
        pattern = patterns[group]
        for prefix in prefixes:
            if text.startswith(prefix, start):
                m = pattern.match(text, start + len(prefix))
                if m:
                    before = (m.group("before") or "") if group == "higher" else prefix
                    return _Known(start, m.end(), group, m.start(group), m.group(group), before)
    return None


def _cut_names() -> list[str]:
    return [n[:-1] for n in _truncated()]


@cache
def _known_prefixes(town: str | None) -> frozenset[str]:
    """Every text :func:`_prefix_options` allows before a name (the empty one included)."""
    towns, levels = _town_forms(town), _TOWN_LEVELS
    own = {party + name for party in ("", "中共") for name in ("", *towns)}
    return frozenset(
        {o + level for o in own for level in ("", *levels)}
        | {"", *_HIGHER_LEVEL.split("|"), *_LEVELED_HIGHER}
        | {*towns, *levels}
    )


@cache
def _prefix_finder() -> WordFinder:
    """The prefixes any town allows (:func:`_known_prefixes` of no town), to find those
    ending where a name starts."""
    return WordFinder.of(_known_prefixes(None))


@cache
def _town_prefixes(town: str | None) -> tuple[frozenset[str], tuple[int, ...]]:
    """The prefixes only ``town`` allows (those holding its name), and their lengths:
    looked up as slices, for a new town costs nothing to make (a finder of them took
    0.6 ms)."""
    own = _known_prefixes(town) - _known_prefixes(None)
    return own, tuple(sorted({len(p) for p in own}))


@cache
def _known_names() -> WordFinder:
    """Every name :func:`_name_patterns` lists."""
    names = _names()
    return WordFinder.of({*names["town"], *names["higher"], *names["leveled"], *_cut_names()})


def _known_matches(text: str, town: str | None) -> Iterator[_Known]:
    """The known names of ``text``, in text order, each after the one before it.

    Trying :func:`_known_at` at every character would try a hundred names there.  Instead
    the names are found (from their last characters: see :class:`WordFinder`), and a match
    is tried, in text order, only where one of its prefixes ends right before a name: no
    match can start elsewhere.
    """
    prefixes, backwards = _prefix_finder(), text[::-1]
    own, lengths = _town_prefixes(town)
    starts: set[int] = set()
    for name_start, _ in _known_names().find(text):
        starts.add(name_start)  # the empty prefix
        starts.update(name_start - k for k in prefixes.ending_at(backwards, name_start))
        starts.update(
            name_start - k
            for k in lengths
            if k <= name_start and text[name_start - k : name_start] in own
        )
    resume = 0
    for start in sorted(starts):
        found = _known_at(text, start, town) if start >= resume else None
        if found:
            yield found
            resume = found.end


@cache
def _head_pattern() -> re.Pattern[str]:
    return re.compile(_alternation(datafiles.lines("organization_heads.txt")))


@cache
def _stop_pattern() -> re.Pattern[str]:
    return re.compile(_alternation(datafiles.lines("organization_modifier_stops.txt")))


@cache
def _keep_pattern() -> re.Pattern[str]:
    return re.compile(_alternation(datafiles.lines("organization_modifier_keep.txt")))


@cache
def _stop_keys() -> frozenset[str]:
    return frozenset(datafiles.lines("organization_stop.txt"))


def _own_prefix_end(written: str, town: str | None, bureau: bool) -> int:
    """Where the report's own prefix ends in ``written``: 中共, the town (with 委员会 after
    中共 and the town: its party committee's full name), a level word after 我, 本 or 全, each
    optional, as the regex ``^(中共)?(TOWN(委员会)?)?((我|本|全)?LEVEL)?`` reads it (a regex
    with the town in it cost a compile for each new town). In a bureau's report (``bureau``)
    局 is a level word too: 局政策法规科 and 我局法治建设领导小组 are its own bodies."""
    end = 2 if written.startswith("中共") else 0
    for form in _town_order(town):
        if written.startswith(form, end):
            end += len(form)
            if written.startswith("中共") and written.startswith("委员会", end):
                end += 3  # 中共青禾镇委员会法治建设领导小组
            break
    levels = _BUREAU_LEVELS if bureau else _TOWN_LEVELS
    for lead in ("我", "本", "全", ""):
        if written.startswith(lead, end):
            for level in levels:
                if written.startswith(level, end + len(lead)):
                    return end + len(lead) + len(level)
    return end


def _level_of(town: str | None) -> str:
    match = _TOWN_SUFFIX.search(town or "")
    return match.group(1) if match else "镇"


def _known(text: str, town: str | None) -> list[_Found]:
    names = _names()
    found = []
    for m in _known_matches(text, town):
        if any(text.endswith(word, 0, m.name_start) for word in _not_after(m.name)):
            continue
        following = _only_before(m.name)
        if following is not None and not text.startswith(following, m.end):
            continue
        if m.group == "town":
            key = names["town"][m.name]
        elif m.group == "higher":
            key = m.before + names["higher"][m.name]
        elif m.group == "leveled":
            if m.before in _LEVELED_HIGHER and text.startswith(
                _rule_words("leveled", "higher_not_before"), m.end
            ):
                continue  # 市政协副主席: a visiting official's affiliation
            if m.before not in _LEVELED_HIGHER and m.name in _rule_words("leveled", "higher_only"):
                continue  # 镇政协工委: no conference of the town's own
            if m.before in _LEVELED_HIGHER or re.fullmatch(_TOWN_LEVEL, m.before):
                level = m.before
            else:
                level = _level_of(town)
            key = level + names["leveled"][m.name]
        else:
            key = m.name + "会"
        found.append(_Found(m.start, m.end, key, known=True))
    return found


def _cut_modifier(run: str) -> int:
    """Offset in ``run`` where the modifier starts: after its last stop word."""
    kept = [m.span() for m in _keep_pattern().finditer(run)]
    cut = 0
    for m in _stop_pattern().finditer(run):
        if not any(a <= m.start() < b for a, b in kept):
            cut = m.end()
    return cut


def _ends_in_known(name: str, head: str) -> bool:
    """Whether a known name longer than ``head`` ends ``name`` with words before it, and no
    word of organization_modifier_keep.txt runs across where it starts (推进法治政府建设工作领导小组
    is one name, not 推进 before 法治政府建设工作领导小组)."""
    synonyms = _synonyms()
    kept = [m.span() for m in _keep_pattern().finditer(name)]
    return any(
        name[-length:] in synonyms and not any(a < len(name) - length < b for a, b in kept)
        for length in range(len(head) + 1, len(name))
    )


def _generic(text: str, town: str | None, bureau: bool) -> list[_Found]:
    found = []
    quoted_heads = _rule_words("quoted", "heads")
    runs_on = _rule_words("heads", "not_before")
    for head in _head_pattern().finditer(text):
        if text.startswith(runs_on, head.end() - 1):
            continue  # 重点工作组织: the head's last character starts a word
        start, written = _written_before(text, head.start(), head.group(0) in quoted_heads)
        inner = _after_known(written)
        if inner:
            start, written = start + inner, written[inner:]  # 派出所综治分中心: two bodies
        joined = _joined_before(text, start)
        is_joined = joined < start
        if is_joined:
            start, written = joined, text[joined : head.start()]  # 政法和社会综合治理办公室
        for count in _COUNT_BEFORE.finditer(written):
            if count.group(1) or (count.start() == 0 and start > 0 and text[start - 1].isdigit()):
                start, written = start + count.end(), written[count.end() :]
                break
        if date := _DATE_BEFORE.match(text, start):
            start, written = date.end(), written[date.end() - start :]
        modifier = _without_town(written[_own_prefix_end(written, town, bureau) :], head.group(0))
        longest = _MAX_MODIFIER
        if head.group(0) == "办公室" and (group := _GROUP_END.search(modifier)):
            longest += len(group.group())  # 法治政府建设工作领导小组办公室: the group's office
        if not _MIN_MODIFIER <= len(_without_level(modifier)) <= longest:
            continue
        if _ORDINAL.match(modifier):
            continue  # 第一检查督导组: one of a task's numbered groups, not a standing body
        if head.group(0) == "委员会" and (
            (_PLACE_END.search(modifier) and "治" not in modifier)
            or _WORKING_COMMITTEE_OF.search(written)
        ):
            continue
        if _COUNT.search(modifier):
            continue  # 三个督导组: a count of groups, not one named
        if _GOVERNMENT_END.search(modifier) or modifier in _rule_words("modifiers", "generic"):
            continue  # 品牌调解工作室, 网格工作室: a kind of body, not one body
        name = modifier + head.group(0)
        if not is_joined and _ends_in_known(name, head.group(0)):
            continue  # "配齐综合行政执法大队": the known reading covers the name itself
        key = canonical_name(name)
        found.append(_Found(start, head.end(), key, known=False))
    return found


def _without_level(modifier: str) -> str:
    """``modifier`` without a level word above the town before it (市 of 市市场监管综合行政执法支队):
    the level is kept in the key but is no part of the name's length."""
    return modifier[1:] if modifier[:1] in _LEVELED_HIGHER else modifier


def _without_town(modifier: str, head: str) -> str:
    """``modifier`` without another township's name before it (寨沙镇矛盾纠纷调处 -> 矛盾纠纷调处)
    and, before the head of a government unit, without a county's or a city's name but with its
    level word (鹰潭市农业综合行政执法支队 -> 市农业综合行政执法支队): a place the gazetteer lists,
    followed by at least two characters of the name."""
    leveled = head in _rule_words("heads", "government_units")
    for end in range(3, min(len(modifier) - _MIN_MODIFIER, 7) + 1):
        place = modifier[:end]
        if place.endswith(TOWNSHIP_ENDINGS) and gz.towns_named(place):
            return modifier[end:]
        if (
            leveled
            and place.endswith(_LEVELED_HIGHER)
            and (gz.county_named(place) or gz.city_named(place))
        ):
            return modifier[end - 1 :]
    return modifier


def _joined_before(text: str, start: int) -> int:
    """Where a name joined by 和 starts when its modifier was cut at the 和
    (、政法和社会综合治理办公室, 由民政和社会事务办公室, 省政协社会和法治委员会), else ``start``.

    The words before 和 are part of the name when they are 2-5 characters after punctuation or
    a stop word, and end in no body (村委会和调解委员会 is a list of two)."""
    if start < 3 or text[start - 1] != "和" or text[start] in _NAME_LEVELS:
        return start  # …领导和县依法治县领导小组: a level word starts a body of its own
    before = _RUN_BEFORE.search(text, max(0, start - 8), start - 1)
    if before is None:
        return start
    run = before.group()
    cut = _cut_modifier(run)
    if not cut and before.start() > 0 and re.match(f"[{HAN}]", text[before.start() - 1]):
        return start  # the words run on to the left: a clause, not a name
    piece = run[cut:]
    if not 2 <= len(piece) <= 5 or piece.endswith(_body_endings()) or _ends_in_name(piece):
        return start
    return before.start() + cut


def _ends_in_name(piece: str) -> bool:
    """Whether a known name ends ``piece`` (村委会 of 村委会和…: a list of bodies)."""
    return any(end == len(piece) for _, end in _known_names().find(piece))


@cache
def _body_endings() -> tuple[str, ...]:
    """Endings of a body's name: the list suffixes and the heads."""
    return tuple({*_rule_words("lists", "suffixes"), *datafiles.lines("organization_heads.txt")})


def _after_known(modifier: str) -> int:
    """Where a modifier goes on after a known body inside it (城区派出所综治 -> 3 after 派出所), or 0.

    The known body must leave at least two characters of the modifier after it.
    """
    ends = [
        end
        for start, end in _known_names().find(modifier)
        if end - start >= _MIN_KNOWN_INSIDE and len(modifier) - end >= _MIN_MODIFIER
    ]
    return max(ends, default=0)


@cache
def _department_pattern() -> re.Pattern[str]:
    levels = "|".join(_rule_words("departments", "levels"))
    # the last level word before the name (梅州市司法局: 市, not 州; 县市区司法局: 区)
    return re.compile(f"(?:{levels})(?P<stem>(?:(?!{levels})[{HAN}]){{2,8}}?)[局厅]")


def _departments(text: str) -> list[_Found]:
    """Departments by the grammar level + name + 局 or 厅 (县数据局, 市烟草局, 省教育厅), not 县域格局."""
    not_last = _rule_words("departments", "not_last")
    found = []
    for m in _department_pattern().finditer(text):
        stem = m.group("stem")
        if stem.endswith(not_last) or _cut_modifier(stem):
            continue  # 县域格局; a stop word inside is a clause, not a name
        found.append(_Found(m.start(), m.end(), canonical_name(m.group()), known=False))
    return found


@cache
def _institution_pattern() -> re.Pattern[str]:
    verbs, heads, after = (
        _alternation(_rule_words("institutions", key)) for key in ("verbs", "heads", "not_after")
    )
    return re.compile(f"(?:{verbs})(?P<name>[{HAN}]{{2,10}}?(?:{heads}))(?!{after})")


def _institutions(text: str) -> list[_Found]:
    """Universities and colleges the unit invites or works with (邀请西南政法大学教授授课)."""
    inside = _rule_words("institutions", "not_inside")
    return [
        _Found(m.start("name"), m.end("name"), canonical_name(m.group("name")), known=False)
        for m in _institution_pattern().finditer(text)
        if not any(word in m.group("name") for word in inside)
    ]


def _written_before(text: str, head_start: int, quotes: bool) -> tuple[int, str]:
    """Where the modifier of a generic head starts, and the modifier as written (quotes dropped).

    With ``quotes`` the run before the head may hold a quoted name (“民主法治示范村”创建领导小组,
    矛盾纠纷“大调解”工作领导小组): the body is named with it.
    """
    lo = max(0, head_start - _MAX_RUN)
    before = (_QUOTED_RUN_BEFORE if quotes else _RUN_BEFORE).search(text, lo, head_start)
    begin = before.start() if before else head_start
    if (
        quotes
        and before
        and text.count("“", begin, head_start) != text.count("”", begin, head_start)
    ):
        # a quote cut by the window, or one left open: the name starts after it
        close = text.find("”", begin, head_start)
        begin = close + 1 if close >= 0 else text.rindex("“", begin, head_start) + 1
    run = text[begin:head_start]
    start = begin + _cut_modifier(run.replace("“", "_").replace("”", "_"))
    written = text[start:head_start]
    if "“" in written or "”" in written:
        if "、" in written:
            return head_start, ""  # a quoted list (“公正、便民”): no name
        written = written.replace("“", "").replace("”", "")
    return start, written


def _in_quotes(text: str, start: int) -> bool:
    """Whether ``start`` stands inside “…” or a title 《…》 on its line, or right after ”.

    Quoted names (and “红嫂说和”调解工作室, a quoted brand before a head) are
    initiatives; names inside a title belong to the law.  A quoted list
    (“党委领导、部门负责、司法所统筹”) is no name: the bodies it holds count.
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.count("“") > before.count("”"):
        close = text.find("”", start)
        inner = text[before.rfind("“") + line_start : close if close >= 0 else start]
        return "、" not in _PARENS.sub("", inner)  # (镇、街道) in a name is no list
    return (
        (before.endswith("”") and not _descriptor_before(before))
        or before.count("《") > before.count("》")
        or before.count("〈") > before.count("〉")
    )


def _descriptor_before(before: str) -> bool:
    """Whether ``before`` ends in a quote that only describes what follows (“一站式”)."""
    opening = before.rfind("“")
    inner = before[opening + 1 : -1] if opening >= 0 else ""
    limit = _rules()["quoted"]["descriptor_max"]
    assert isinstance(limit, int)
    return 0 < len(inner) <= limit and inner.endswith(_rule_words("quoted", "descriptor_endings"))


def _quoted_bodies(text: str) -> list[_Found]:
    """Bodies named in full in quotes (成立“加强乡(镇、街道)法治建设工作领导小组”)."""
    heads = _rule_words("quoted", "heads")
    honours = _rule_words("quoted", "honour_verbs")
    found = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1)
        if text.endswith(honours, 0, m.start()):
            continue  # 获评“全国模范人民调解委员会”: an honour, not a body
        if inner.endswith(heads) and "、" not in _PARENS.sub("", inner) and len(inner) > 4:
            found.append(_Found(m.start(1), m.end(1), canonical_name(inner), known=False))
    return found


def _listed(text: str, found: list[_Found], town: str | None, bureau: bool) -> list[_Found]:
    """The other items of lists that hold a found body (派出所、工商所、食药监所和民政办等), and
    the items of a list that names at least two offices or stations by their ending
    (扶贫办、财管所、福利院)."""
    starts = {f.start for f in found} | {f.end for f in found}
    bounds = bytearray(len(text) + 1)  # 1 where a found body starts or ends
    for at in starts:
        bounds[at] = 1
    offices = _rule_words("lists", "office_suffixes")
    out: list[_Found] = []
    for segment in _LIST_SEGMENT.finditer(text):
        group = segment.group()
        if "、" not in group:
            continue  # no list
        if bounds.find(1, segment.start(), segment.end() + 1) < 0 and (
            sum(part.endswith(offices) for part in re.split("、|等|和|及", group)) < 2
        ):
            continue  # no body in the list, nor two offices
        items, offset = [], segment.start()
        for part in group.split("、"):
            items.append((offset, part))
            offset += len(part) + 1
        first_at, first = items[0]
        *middle, (last_at, last) = items[1:]
        middle.extend(_last_items(last_at, last))
        cut = _cut_modifier(first)
        if cut:
            middle.append((first_at + cut, first[cut:]))  # 与社会治理办、… -> 社会治理办
        elif first_at == 0 or text[first_at - 1] in _rule_words("lists", "first_after"):
            middle.append((first_at, first))  # 责任单位：农办、供电所: the list starts at the label
        bodies = [
            (at, part, name)
            for at, part in middle
            if (name := _list_item_name(part, town, bureau)) is not None
        ]
        if not any(at in starts or at + len(part) in starts for at, part in items + middle):
            if sum(name.endswith(offices) for _, _, name in bodies) < 2:
                continue  # a body inside an item only, or no body among the items
        out.extend(
            _Found(at, at + len(part), canonical_name(name), known=False)
            for at, part, name in bodies
        )
    return out


def _list_item_name(part: str, town: str | None, bureau: bool) -> str | None:
    """The body a list item names (its town's prefix dropped), or None."""
    longest = _rules()["lists"]["item_max"]
    assert isinstance(longest, int)
    name = part[_own_prefix_end(part, town, bureau) :]
    if (
        2 <= len(name) <= longest
        and _ALL_HAN.fullmatch(name)
        and name.endswith(_rule_words("lists", "suffixes"))
        and not name.endswith(_rule_words("lists", "not_endings"))
        and not _GOVERNMENT_END.search(name)
        and not _PARTY_COMMITTEE.fullmatch(name)
    ):
        return name
    return None


def _last_items(at: int, last: str) -> list[tuple[int, str]]:
    """The items in a list's last part: 计生办和民政办等多个部门 -> 计生办, 民政办."""
    out, offset = [], at
    pieces = _LIST_END.split(last)
    marks = _LIST_END.findall(last)
    for i, piece in enumerate(pieces):
        out.append((offset, piece))
        offset += len(piece) + (len(marks[i]) if i < len(marks) else 0)
        if i < len(marks) and marks[i] == "等":
            break  # what follows 等 is the list's category (等多个部门)
    return out


def _issuer(text: str, end: int) -> bool:
    """Whether the body ending at ``end`` issues a cited document (司法部、民政部印发《…》), or its
    office does (…领导小组办公室印发的《…》)."""
    verbs = "|".join(_rule_words("issuers", "verbs"))
    # the issuers may be joined by 、 or 暨 (…委员会暨…领导小组办公室印发的《…》)
    return (
        re.match(
            f"(?:办公室)?(?:[、暨][{HAN}]{{2,20}}?)*(?:联合)?(?:{verbs})[了的]?《",
            text[end : end + 48],
        )
        is not None
    )


def _reporting_body(text: str) -> str | None:
    """The department a report is by, from its title (兖州区司法局) or its opening sentence's
    subject (2024年，汕尾市司法局坚持…; 2023年，在区委…领导下，龙华区司法局坚持…), or None."""
    # not a plan's issuer in its title (制定《…区委全面依法治区委员会2024年工作要点》)
    end = next(
        (
            m
            for m in _REPORTING_BODY_END.finditer(text, 0, _TITLE_AREA)
            if not _in_quotes(text, m.start())
        ),
        None,
    )
    if end is None:
        subject = _OPENING_SUBJECT.search(text, 0, _TITLE_AREA) or _subject_pattern().search(
            text, 0, _TITLE_AREA
        )
        return subject.group(1) if subject else None
    name = _NAME_BEFORE.search(text, max(0, end.start() - _MAX_RUN), end.start())
    return text[name.start() : end.end(1)] if name else None


@cache
def _subject_pattern() -> re.Pattern[str]:
    """A department right after a clause's comma, before a verb it does (，龙华区司法局坚持)."""
    verbs = "|".join(_rule_words("subject", "verbs"))
    endings = "|".join(_rule_words("subject", "endings"))
    return re.compile(
        f"20\\d{{2}}年度?[^。]*?[，,]([{HAN}]{{2,{_MAX_RUN}}}?(?:{endings}))(?={verbs})"
    )


def _is_reporting_body(own: str | None, key: str) -> bool:
    """Whether ``key`` is the reporting department ``own`` (县市场监管局 is 县市场监督管理局)."""
    if not own:
        return False
    if own.endswith(key):
        return True
    return own.endswith(("局", "院")) and any(
        canonical_name(own[i:]) == key for i in range(len(own) - 1) if own[i] in "县区市州省旗"
    )


_LEVEL_AT_START = re.compile("(?:县|区|市|州|省)委?")


@cache
def _higher_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The canonical names of bodies above the town, and those with the [leveled] names."""
    higher = frozenset(_names()["higher"].values())
    return higher, higher | frozenset(_names()["leveled"].values())


_LIST_MARKS = ("、", "和", "及", "与", "以及")
_OWN_LEVEL = re.compile("[县区市州省]委$")


def _levels_in_lists(text: str, found: list[_Found]) -> list[_Found]:
    """A body above the town written bare right after a leveled one in a list takes its level
    (县公安局、法院、检察院 -> 县人民法院, 县人民检察院; 县委宣传部、司法局 -> 县司法局)."""
    higher, leveled = _higher_keys()
    party = _rule_words("lists", "party_bodies")
    out: list[_Found] = []
    previous: _Found | None = None
    for f in sorted(found, key=lambda f: f.start):
        if (
            previous is not None
            and f.key in higher
            and not _OWN_LEVEL.search(f.key)  # 团县委 names its level itself
            and text[previous.end : f.start] in _LIST_MARKS
            and (level := _LEVEL_AT_START.match(previous.key))
            and (
                previous.key[level.end() :] in leveled
                # 县司法局 has a level; 市监局 (市场监管局 shortened) has none
                or (previous.key.endswith("局") and len(previous.key) - level.end() >= 3)
            )
        ):
            word = level.group().removesuffix("委")
            f = _Found(f.start, f.end, word + ("委" if f.key in party else "") + f.key, f.known)
        out.append(f)
        previous = f
    return out


def _with_levels(found: list[_Found]) -> list[_Found]:
    """A province's body named bare once its level is known (黑龙江省司法厅…, then 司法厅 -> 省司法厅).

    A province has one such body, so the bare name is it; a county's or a city's bare 司法局 may be
    another county's (兴宁司法局 beside 梅州市司法局) and stays, as the older gold lists a bare
    司法局 beside 区司法局 (dev5).
    """
    higher = _names()["higher"]
    keys = {f.key for f in found}
    out = []
    for f in found:
        if f.key in higher.values():
            leveled = {
                k
                for k in keys
                if k != f.key and k.endswith(f.key) and k[: -len(f.key)] in _PROVINCE_LEVELS
            }
            if len(leveled) == 1:
                f = _Found(f.start, f.end, leveled.pop(), f.known)
        out.append(f)
    return out


def _full_form(key: str, keys: set[str]) -> str:
    """The one longer name in the report that ``key`` abbreviates, else ``key``.

    Reports name a body in full once and shortly after (联合调解办公室, then
    联合办公室): a short form whose characters appear in order in exactly one
    longer name with the same head is that body.
    """
    if len(key) < 4:
        return key
    longer = [k for k in keys if len(k) > len(key) and k[-2:] == key[-2:] and _subsequence(key, k)]
    return longer[0] if len(longer) == 1 else key


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _select(found: list[_Found]) -> list[_Found]:
    """Longest readings first; a reading inside a kept one is dropped."""
    kept: list[_Found] = []
    taken = bytearray(max((f.end for f in found), default=0))  # 1 for each character kept
    for f in sorted(found, key=lambda f: (-(f.end - f.start), not f.known, f.start, f.key)):
        if taken.find(1, f.start, f.end) < 0:
            kept.append(f)
            taken[f.start : f.end] = b"\1" * (f.end - f.start)
    return kept


def _own_study_group(doc: Document, found: list[_Found]) -> list[_Found]:
    """``found`` with a theory study group written without its committee named as the
    reporting unit's own (a street's 理论学习中心组 is its 党工委理论学习中心组), or as the
    report names its own group elsewhere (党委中心组 … 中心组理论学习: 党委理论学习中心组)."""
    rule = _rules()["own_study_group"]
    unit = doc.unit
    if unit is None or unit.kind is EntityType.COUNTY:
        return found
    if unit.kind is EntityType.ORGANIZATION:
        own = str(rule["department"])
    else:
        own = str(rule["street" if unit.name.endswith("街道") else "township"])
    kinds = {str(rule[kind]) for kind in ("department", "street", "township")}
    own = next((f.key for f in found if f.key in kinds), own)
    every_level = _rule_words("own_study_group", "all_levels_before")
    written = _rule_words("own_study_group", "written_committees")
    out = []
    for f in found:
        if f.key == rule["bare"] and not doc.text.endswith(every_level, 0, f.start):
            committee = next((c for c in written if doc.text.endswith(c, 0, f.start)), None)
            f = (
                replace(f, key=committee + f.key, start=f.start - len(committee))
                if committee
                else replace(f, key=own)
            )
        out.append(f)
    return out


def extract_organizations(doc: Document) -> list[Mention]:
    """Organisations named in a report, one mention per occurrence.

    Parameters
    ----------
    doc : Document
        A structured report; ``doc.town`` tells which prefix is the town's own.

    Returns
    -------
    list of Mention
        ``type=ORGANIZATION``, ``key`` the canonical name, span the name as
        written (town prefix included).  Sorted by (start, end, type, key).

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("建立了由珠龙派出所、珠龙司法所以及珠龙法庭等单位的联合调解办公室。")
    >>> [m.key for m in extract_organizations(doc)]
    ['派出所', '司法所', '法庭', '联合调解办公室']
    """
    text, town = doc.text, doc.town
    own = _reporting_body(text)
    # The department the report is by, when its title names it, or its opening, page or
    # signature does and it calls itself 我局, or the text names it by its level alone
    # (县司法局在县委…领导下), is no body it names, in any written form (区卫健委).
    unit = doc.unit
    reporter = (
        {canonical_name(unit.name[i:]) for i in range(len(unit.name) - 1)}
        if unit
        and unit.kind is EntityType.ORGANIZATION
        and (
            unit.source in ("title", "issuer")
            or unit.name[0] in "县区市旗"
            or (unit.source != "body" and doc.self_level in ("局", "委"))
        )
        else set()
    )
    # a bureau's own bodies are written after 局 or 我局 (局政策法规科), as a town's after 镇
    bureau = doc.self_level == "局" or (
        unit is not None and unit.kind is EntityType.ORGANIZATION and unit.name.endswith("局")
    )
    found = [
        f
        for f in _known(text, town) + _generic(text, town, bureau)
        if f.key not in _stop_keys()
        and not _in_quotes(text, f.start)
        and not _is_reporting_body(own, f.key)  # the reporting bureau is no body it names
    ]
    found += [f for f in _quoted_bodies(text) if not _is_reporting_body(own, f.key)]
    found += [
        f
        for f in _departments(text) + _institutions(text)
        if not _is_reporting_body(own, f.key) and not _in_quotes(text, f.start)
    ]
    kept = _select(found)
    taken = {i for f in kept for i in range(f.start, f.end)}
    kept += [
        f
        for f in _listed(text, kept, town, bureau)
        if f.key not in _stop_keys()
        and not _is_reporting_body(own, f.key)
        and taken.isdisjoint(range(f.start, f.end))  # a body read by the name lists stays
    ]
    not_issuers = [f for f in _select(kept) if not _issuer(text, f.end)]
    kept = _own_study_group(doc, _with_levels(_levels_in_lists(text, not_issuers)))
    keys = {f.key for f in kept}
    mentions = {
        Mention(
            text=text[f.start : f.end],
            type=EntityType.ORGANIZATION,
            start=f.start,
            end=f.end,
            section=doc.section_kind_at(f.start),
            key=f.key if f.known else _full_form(f.key, keys),
        )
        for f in kept
    }
    mentions = {m for m in mentions if canonical_name(m.key) not in reporter}
    return sorted(mentions, key=lambda m: (m.start, m.end, m.type.value, m.key))
