"""Places: link a report's town to the national gazetteer; find town and village mentions.

Township names repeat across China (云台镇 three times, 凤岗镇 four times), so
:func:`resolve_place` scores each gazetteer candidate by what the report
itself says about where it is: county, city and province names anywhere in
the text (a county votes more than a city, a city more than a province),
villages of the candidate named in the text, and the hierarchy written right
before the town's name ("重庆市长寿区云台镇").  A stated hierarchy that
contradicts a candidate rules it out; one the gazetteer lacks altogether
("青禾县青禾镇") is returned as stated.

:func:`extract_places` finds mentions of the report's town (``Town``) and of
villages and communities (``Village``): names the gazetteer lists under the
resolved town are certain; other ``…村``/``…社区`` names are accepted only in
strong patterns: an enumeration of several (吉山社区、田背村), a committee
after the name (马安村村委会, 东山村党支部), a place after 在/到 (在大坪村召开),
or a clause about the village itself (王湾村被命名为…示范村).

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text("重庆市长寿区云台镇人民政府\\n云台镇关于2024年法治政府建设情况的报告\\n"
...                          "一、主要工作\\n在八字村、安坪村开展普法。")
>>> p = resolve_place(doc)
>>> p.county, p.province, p.confidence, p.how
('长寿区', '重庆市', 1.0, 'county named in text: 长寿区')
>>> sorted({(m.type.value, m.key) for m in extract_places(doc)})
[('Town', '云台镇'), ('Village', '八字村'), ('Village', '安坪村')]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, NamedTuple

from kg.chars import HAN
from kg.extractors import datafiles
from kg.extractors import gazetteer as gz
from kg.extractors.datafiles import longest_first
from kg.extractors.organizations import canonical_name
from kg.extractors.web_address import (
    host,
    host_labels,
    spellings,
    spells,
    spells_initials,
    spells_province,
)
from kg.ingest.structure import names_itself, publishing_labels
from kg.model import TOWNSHIP_ENDINGS, Document, EntityType, Mention, Place

_CJK_CHAR = re.compile(f"[{HAN}]")
_CJK_ONLY = re.compile(f"[{HAN}]+")
_CJK_TAIL = re.compile(f"[{HAN}]*\\Z")  # searched with an end position: the run of CJK before it


def _cjk_run_start(text: str, lo: int, hi: int) -> int:
    """Where the run of Chinese characters ending at ``hi`` starts (not before ``lo``)."""
    match = _CJK_TAIL.search(text, lo, hi)
    return match.start() if match else hi


# Longest first, so 经济技术开发区 wins over 区 when a stated unit is split.
_UNIT_SUFFIXES = (
    "特别行政区",
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "开发区",
    "高新区",
    "管理区",
    "工业园区",
    "新区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
)
_ZONE_SUFFIXES = (
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "开发区",
    "高新区",
    "管理区",
    "工业园区",
    "新区",
)
_UNIT = re.compile(f"[{HAN}]{{1,12}}?(?:{'|'.join(_UNIT_SUFFIXES)})(?![市县区旗州省])")
# What completes a short name into the unit it starts: 赣州 + 经济技术开发区.
_UNIT_TAIL = re.compile(f"[{HAN}]{{0,7}}?(?:{'|'.join(_UNIT_SUFFIXES)})(?![市县区旗州省])")
_VILLAGE_SUFFIX = re.compile("社区|村|嘎查|居委会")
_TOWN_END = re.compile("|".join(TOWNSHIP_ENDINGS))
_MAX_CHAIN = 40
# Last characters of the units a report names as its superiors (光山县, 信阳市).
_SUPERIOR_END = re.compile("[省市县区旗州盟]")

# Clue weights: a named county says more about where a town is than its city,
# a city more than its province.  Villages of a candidate named in the text
# are nearly as telling as its county.
_WEIGHTS = {
    "county": 4.0,
    "county_short": 2.5,
    "villages": 3.0,
    "city": 3.0,
    "city_short": 2.0,
    "province": 1.5,
    "province_short": 1.0,
}
_LEVEL_RANK = {"county": 3, "villages": 2, "city": 2, "province": 1}
_CONFIDENCE = {"county": 1.0, "villages": 0.9, "city": 0.9, "province": 0.75}


# ---------------------------------------------------------------- data files


@cache
def _words() -> dict[str, Any]:
    return datafiles.toml("place_words.toml")


@cache
def _left_bounds() -> tuple[str, ...]:
    return datafiles.lines("place_left_bounds.txt")


@cache
def _word_bounds() -> tuple[str, ...]:
    return tuple(w for w in _left_bounds() if len(w) > 1)


@cache
def _clue_masks() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in datafiles.lines("place_clue_masks.txt"))


@cache
def _usable_shorts() -> tuple[frozenset[str], frozenset[str]]:
    """County and city short names that may count as clues on their own.

    A short name shared by several units (朝阳, 经开区) or read as an ordinary
    word (和平, 长寿) says nothing reliable, so it is left out.
    """
    stop = {*_words()["clue"]["stop_short"], *_words()["clue"]["landmark_short"]}

    def usable(units: Iterable[gz.GazetteerCity | gz.GazetteerCounty]) -> frozenset[str]:
        counts = Counter(u.short for u in units)
        return frozenset(
            u.short
            for u in units
            if counts[u.short] == 1
            and len(u.short) >= 2
            and u.short != u.name
            and u.short not in stop
        )

    return usable(gz.counties()), usable(gz.cities())


# ---------------------------------------------------------------- clue text


def _clue_text(text: str) -> str:
    """The text with place names that do not locate the report blanked out.

    Famous places in set phrases (浙江“千万工程”, 延安精神) and link lists
    naming many provinces (地方政府网站 menus) would otherwise vote.
    """
    pieces: list[str] = []
    pos = 0
    for start, end in _mask_spans(text):
        pieces += (text[pos:start], " " * (end - start))
        pos = end
    pieces.append(text[pos:])
    masked = "".join(pieces)
    link_lists = _link_list_lines(masked)
    if not link_lists:
        return masked
    lines = masked.split("\n")
    return "\n".join(" " * len(line) if i in link_lists else line for i, line in enumerate(lines))


def _mask_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans the clue masks blank, as one alternation of all of them would find them.

    The leftmost match wins, the earliest mask on a tie, and the next match
    starts after it.  Searched alone, each mask skips quickly to where it may
    match, where an alternation would try every mask at every position.
    Masks never match the empty string (see ``data/place_clue_masks.txt``).
    """
    masks = _clue_masks()
    pending = [mask.search(text) for mask in masks]  # each mask's next match
    while live := [(match.start(), k, match.end()) for k, match in enumerate(pending) if match]:
        start, k, end = min(live)
        if end == start:  # against the rule above: it would blank nothing, and must not stall
            pending[k] = masks[k].search(text, start + 1)
            continue
        yield start, end
        for j, match in enumerate(pending):
            if match and match.start() < end:
                pending[j] = masks[j].search(text, end)


def _link_list_lines(text: str) -> set[int]:
    """Numbers of the lines naming three provinces or more (link lists of government sites)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    pattern, prefixes = _province_shorts()
    named: set[tuple[int, str]] = set()
    match = pattern.search(text)
    while match:
        line = bisect.bisect_right(line_starts, match.start()) - 1
        named.update((line, short) for short in (match.group(), *prefixes[match.group()]))
        match = pattern.search(text, match.start() + 1)  # names may overlap (广西藏)
    return {line for line, count in Counter(line for line, _ in named).items() if count >= 3}


@cache
def _province_shorts() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """The province short names (江西, 内蒙古) as one pattern, longest first.

    Also returns, for each name, the shorter names it starts with: at one
    place the pattern reports only the longest.
    """
    shorts = sorted({p.short for p in gz.provinces()}, key=lambda s: (-len(s), s))
    prefixes = {
        short: tuple(s for s in shorts if s != short and short.startswith(s)) for short in shorts
    }
    return re.compile("|".join(map(re.escape, shorts)) or r"(?!)"), prefixes


def _context(text: str, start: int, end: int, tail: bool = True) -> str:
    """A readable citation for a clue: its 《title》 or “name”, else the unit it starts."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for left, right in (("《", "》"), ("“", "”")):
        i = text.rfind(left, line_start, start)
        j = text.find(right, end, line_end)
        if i >= 0 and j >= 0 and right not in text[i:start] and j - i <= 60:
            return text[i : j + 1]
    unit = _UNIT_TAIL.match(text, end, min(line_end, end + 8)) if tail else None
    return text[start : unit.end()] if unit else text[start:end]


# ---------------------------------------------------------------- clues per candidate


@dataclass(frozen=True)
class _Clue:
    weight: float
    level: str
    phrase: str


def _bounded(text: str, start: int) -> bool:
    """Whether a name may start at ``start``: no Chinese character or closing mark before it
    (市委“138”和县委“1177”: a conjunction after a quoted name), or a larger division's
    ending (安徽省和县)."""
    if start == 0:
        return True
    before = text[start - 1]
    return (not _CJK_CHAR.match(before) and before not in _CLOSING_MARKS) or before in "省市州盟"


#: Marks that close a phrase, after which a one-character county's first character is a
#: word of its own.
_CLOSING_MARKS = "”’」』）)》】"


def _find_name(names: tuple[str | None, ...], clue_text: str) -> tuple[str, int] | None:
    """The first of ``names`` the text names, and where.

    A two-character county (和县, 易县) counts only where no Chinese character
    stands before it: in 正确领导和县依法治县委员会 the 和 is a conjunction.
    """
    for name in names:
        if not name:
            continue
        i = clue_text.find(name)
        while i >= 0 and len(name) == 2 and name.endswith("县") and not _bounded(clue_text, i):
            i = clue_text.find(name, i + 1)
        if i >= 0:
            return name, i
    return None


def _cite(label: str, text: str, found: tuple[str, int], tail: bool = True) -> str:
    """``label (where)``: a clue and the title or unit it was read in."""
    name, start = found
    where = _context(text, start, start + len(name), tail)
    return label if where in (name, label) else f"{label} ({where})"


def _units_above(
    town: gz.GazetteerTown,
) -> tuple[gz.GazetteerProvince | None, gz.GazetteerCity | None, gz.GazetteerCounty | None]:
    """The gazetteer's province, city and county of a town (None where it has none)."""
    county = next(
        (c for c in gz.county_named(town.county or "") if c.code == town.county_code), None
    )
    city = next(
        (
            c
            for c in gz.city_named(town.city or "")
            if c.name == town.city and c.province == town.province
        ),
        None,
    )
    return gz.province_named(town.province), city, county


def _town_stem(name: str, endings: tuple[str, ...] = TOWNSHIP_ENDINGS) -> str:
    """A township's name without its ending (托里镇 -> 托里), "" when it has none of ``endings``."""
    return next((name[: -len(e)] for e in endings if name.endswith(e)), "")


@lru_cache(maxsize=16)
def _without_own_name(stem: str, clue_text: str) -> str:
    """The clue text with a town's name blanked under every township status (托里镇, 托里乡,
    托里街道): the namesakes a report is weighed against share it, so it is blanked once."""
    own = re.compile(re.escape(stem) + "(?:" + "|".join(TOWNSHIP_ENDINGS) + ")")
    return own.sub(lambda m: " " * len(m.group()), clue_text)


def _clues_for(town: gz.GazetteerTown, text: str, clue_text: str) -> list[_Clue]:
    """Evidence in the text that the report's town is this gazetteer town."""
    county_shorts, city_shorts = _usable_shorts()
    clues: list[_Clue] = []
    # the town's own name, under any status, is no clue to where it lies: 兴隆镇 names no
    # 兴隆县 (33 towns are called so), nor does 托里街道 (the gazetteer's 托里镇) name 托里县
    stem = _town_stem(town.town)
    if len(stem) >= 2 and stem in clue_text:
        clue_text = _without_own_name(stem, clue_text)
    province, city, county = _units_above(town)
    if county and (found := _find_name((county.name,), clue_text)):
        clues.append(_Clue(_WEIGHTS["county"], "county", f"county named in text: {found[0]}"))
    elif (
        county
        and county.short in county_shorts
        and (found := _find_name((county.short,), clue_text))
    ):
        clues.append(
            _Clue(
                _WEIGHTS["county_short"],
                "county",
                "county named in text: " + _cite(found[0], text, found),
            )
        )
    if city and (found := _find_name((city.name,), clue_text)):
        clues.append(_Clue(_WEIGHTS["city"], "city", f"city named in text: {found[0]}"))
    elif city and city.short in city_shorts and (found := _find_name((city.short,), clue_text)):
        clues.append(
            _Clue(
                _WEIGHTS["city_short"],
                "city",
                "city named in text: " + _cite(found[0], text, found),
            )
        )
    if province and (found := _find_name((province.name, province.short), clue_text)):
        full = found[0] == province.name
        clues.append(
            _Clue(
                _WEIGHTS["province" if full else "province_short"],
                "province",
                "province clue: " + _cite(province.short, text, found, tail=not full),
            )
        )
    # A village of two characters (和村, 新村) is a word as often as a name: no clue.
    named = sorted(v for v in _known_villages((town,)) if len(v) >= 3 and v in text)
    if named:
        weight = _WEIGHTS["villages"] * (1.0 if len(named) >= 2 else 0.5)
        clues.append(_Clue(weight, "villages", f"villages named in text: {'、'.join(named[:3])}"))
    return clues


# ---------------------------------------------------------------- stated hierarchy


@dataclass(frozen=True)
class _Unit:
    """One unit of a hierarchy written before a town's name ("长寿区" in 长寿区云台镇)."""

    level: str  # province, city, county or zone
    name: str  # as written
    province: str | None = None  # gazetteer names it resolves to, when known
    cities: frozenset[str] = frozenset()
    counties: frozenset[str] = frozenset()


def _known_unit(name: str) -> _Unit | None:
    """A unit the gazetteer knows by this exact name (full, or a usable short name)."""
    if name in _words()["clue"]["generic_units"]:
        return None
    if p := gz.province_named(name):
        return _Unit("province", name, province=p.name)
    cities = gz.city_named(name)
    if cities and (name in {c.name for c in cities} or name in _usable_shorts()[1]):
        return _Unit("city", name, cities=frozenset(c.name for c in cities))
    counties = [c for c in gz.county_named(name) if _is_named(c, name)]
    if counties:
        return _Unit("county", name, counties=frozenset(c.name for c in counties))
    return None


def _is_named(county: gz.GazetteerCounty, name: str) -> bool:
    """Whether ``name`` is the county's full name, or that name without its city's before
    it (屈原管理区 for the gazetteer's 岳阳市屈原管理区), not a short name."""
    return name in (county.name, gz.name_without_city(county))


@dataclass(frozen=True)
class _NameIndex:
    """Units by name, and the lengths of the names longest first, to find names in a text."""

    units: dict[str, _Unit]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, units: dict[str, _Unit]) -> _NameIndex:
        return cls(units, tuple(sorted({len(name) for name in units}, reverse=True)))


@cache
def _known_units() -> _NameIndex:
    """Every name :func:`_known_unit` knows, with its unit.

    Those are all full or short names of provinces, cities and counties, so
    they are classified once rather than at every position of a text.
    """
    names = {
        name
        for units in (gz.provinces(), gz.cities(), gz.counties())
        for unit in units
        for name in (unit.name, unit.short)
    }
    return _NameIndex.of({name: unit for name in names if (unit := _known_unit(name))})


@cache
def _superior_names() -> tuple[dict[str, _Unit], dict[str, Any]]:
    """The known units named by a full name (光山县, not 光山), the ones a report answers to.

    Returns them by name, and a trie of the names read backwards (县 -> 山 -> 光)
    to find the longest one ending at a place with a few dictionary lookups.
    Only names of 2-15 characters count.
    """
    full = _full_names()
    units = {
        name: unit
        for name, unit in _known_units().units.items()
        if name in full and 2 <= len(name) <= 15
    }
    units.update((old, units[new]) for old, new in _former_counties().items() if new in units)
    # Any: a node maps a character to the next node, and "" to the name (a str) starting there.
    backwards: dict[str, Any] = {}
    for name in units:
        node = backwards
        for char in reversed(name):
            node = node.setdefault(char, {})
        node[""] = name  # a name starts here; "" is no character
    return units, backwards


@cache
def _former_counties() -> dict[str, str]:
    """A county's name before it became a city or a district (禄丰县 -> 禄丰市, 长安县 -> 长安区):
    reports of the years around the change, and older ones, still write it.  Only a stem that
    one county-level unit has, and no unit of the gazetteer is named so today."""
    stems = Counter(c.name[:-1] for c in gz.counties())
    former = {
        c.name[:-1] + "县": c.name
        for c in gz.counties()
        if c.name.endswith(("市", "区"))
        and len(c.name) >= 3
        and stems[c.name[:-1]] == 1
        and c.name[:-1] + "县" not in _full_names()
    }
    # a one-character county that became a 州 city (横县 -> 横州市, 禹县 -> 禹州市)
    former.update(
        (c.name[0] + "县", c.name)
        for c in gz.counties()
        if len(c.name) == 3 and c.name.endswith("州市") and c.name[0] + "县" not in _full_names()
    )
    return former


def _superior_names_in(text: str) -> list[tuple[int, int, _Unit]]:
    """(start, end, unit) of the longest superior name ending at each 省, 县 ... of ``text``."""
    units, backwards = _superior_names()
    found = []
    for match in _SUPERIOR_END.finditer(text):
        end = match.end()
        node: dict[str, Any] | None = backwards
        name = ""
        for i in range(end - 1, -1, -1):
            node = node.get(text[i]) if node is not None else None
            if node is None:
                break
            name = node.get("", name)
        start = end - len(name)
        # 和县 in 领导和县依法治县委员会 is 和 + 县: a two-character name needs a boundary.
        if name and (len(name) > 2 or not name.endswith("县") or _bounded(text, start)):
            found.append((start, end, units[name]))
    return found


def _generic_unit(name: str, last: bool) -> _Unit | None:
    """Classify an administrative-looking unit the gazetteer does not list by that name."""
    suffix = next(s for s in _UNIT_SUFFIXES if name.endswith(s))
    stem = name[: -len(suffix)]
    if len(stem) < 2 or stem[0] in _words()["village"]["generic_first"]:
        return None
    if suffix in _ZONE_SUFFIXES:
        return _Unit("zone", name)
    if suffix in ("省", "自治区", "特别行政区"):
        p = gz.province_named(stem)
        return _Unit("province", name, province=p.name if p else None)
    if suffix in ("州", "自治州", "盟", "地区") or (suffix == "市" and not last):
        return _Unit("city", name, cities=frozenset(c.name for c in gz.city_named(stem)))
    # County-level: a renamed county (南康县 -> 南康区) still matches by its stem.
    return _Unit("county", name, counties=frozenset(c.name for c in gz.county_named(stem)))


def _split_generic(piece: str) -> list[str] | None:
    """Split "江南省青禾县" into units, or None when it is not made of units only."""
    units, pos = [], 0
    while pos < len(piece):
        match = _UNIT.match(piece, pos)
        if not match:
            return None
        units.append(match.group())
        pos = match.end()
    return units


def _tokens(run: str) -> list[tuple[str, _Unit | None]]:
    """Known names, longest first, and the gaps between them (unit None)."""
    known = _known_units()
    tokens: list[tuple[str, _Unit | None]] = []
    pending, i = "", 0
    while i < len(run):
        longest = min(len(run) - i, 20)
        name = next(
            (
                run[i : i + k]
                for k in known.lengths
                if 2 <= k <= longest and run[i : i + k] in known.units
            ),
            "",
        )
        if name:
            if pending:
                tokens.append((pending, None))
                pending = ""
            tokens.append((name, known.units[name]))
            i += len(name)
        else:
            pending += run[i]
            i += 1
    if pending:
        tokens.append((pending, None))
    return tokens


@cache
def _chain_openers() -> tuple[str, ...]:
    """What may open the run before a stated hierarchy: 关于, 中共, a publishing field's label."""
    words = (*_words()["clue"]["chain_openers"], *publishing_labels())
    return tuple(sorted(words, key=len, reverse=True))


def _parse_chain(run: str) -> tuple[_Unit, ...]:
    """Units written in ``run``, the characters right before a town's name.

    Known names are matched longest first; what lies between them must split
    into administrative units ("…县", "…开发区"), or the chain restarts after it
    (so "相关文章石柱土家族自治县" yields only 石柱土家族自治县).
    """
    openers = _chain_openers()
    tokens = _tokens(run)
    chain: list[_Unit] = []
    previous: str | None = None  # the previous token when it was a known unit's short name
    for n, (piece, unit) in enumerate(tokens):
        if unit:
            chain.append(unit)
            full_names = unit.cities | unit.counties | {unit.province}
            previous = piece if piece not in full_names else None
            continue
        if n == 0:
            piece = next((piece[len(o) :] for o in openers if piece.startswith(o)), piece)
        parts = (_split_generic(piece) if (n == 0 or chain) else None) or []
        units: list[_Unit | None] = []
        for j, part in enumerate(parts):
            # A short name glued to a zone reads as one unit: 赣州 + 经济技术开发区.
            if j == 0 and previous and part.endswith(_ZONE_SUFFIXES):
                units.append(_Unit("zone", previous + part))
            else:
                units.append(_generic_unit(part, n == len(tokens) - 1 and j == len(parts) - 1))
        previous = None
        if not parts or None in units:
            chain = []
            continue
        chain.extend(u for u in units if u is not None)
    return tuple(chain)


def _stated_chains(text: str, names: tuple[str, ...]) -> list[tuple[_Unit, ...]]:
    """Hierarchies written right before the town's name, one per occurrence."""
    chains = []
    for name in names:
        for match in re.finditer(re.escape(name), text):
            start = match.start()
            begin = _cjk_run_start(text, max(0, start - _MAX_CHAIN), start)
            if begin < start and (chain := _parse_chain(text[begin:start])):
                chains.append(chain)
    return chains


def _consistent(town: gz.GazetteerTown, unit: _Unit) -> bool | None:
    """Whether a stated unit fits a candidate; None when it cannot be checked (zones)."""
    if unit.level == "zone":
        return None
    if unit.level == "province":
        return unit.province == town.province if unit.province else False
    if unit.level == "city":
        return town.city in unit.cities
    return town.county in unit.counties


@cache
def _full_names() -> frozenset[str]:
    generic = set(_words()["clue"]["generic_units"])
    names = (
        {c.name for c in gz.counties()}
        | {c.name for c in gz.cities()}
        | {p.name for p in gz.provinces()}
    )
    return frozenset(n for n in names if n not in generic)


def _superior_units(clue_text: str) -> list[tuple[int, _Unit]]:
    """Known units the text names as the town's superiors, with their offsets.

    A full name counts when followed by an organ of that level (光山县委,
    松阳县人民政府) or listed with other units (河南省、信阳市、光山县): the
    way reports name the county, city and province they answer to.
    """
    followers = tuple(_words()["clue"]["superior_followers"])
    found = _superior_names_in(clue_text)
    joins = ("", "、", "和")  # 重庆市长寿区, 河南省、信阳市、光山县
    out = []
    for i, (start, end, unit) in enumerate(found):
        listed = (i > 0 and clue_text[found[i - 1][1] : start] in joins) or (
            i + 1 < len(found) and clue_text[end : found[i + 1][0]] in joins
        )
        if listed or clue_text.startswith(followers, end):
            out.append((start, unit))
    return out


def _majority(units: list[_Unit]) -> list[_Unit]:
    """Per level, the units named most often (all of them when tied)."""
    counts = Counter((u.level, u.name) for u in units)
    top: dict[str, int] = {}
    for (level, _), n in counts.items():
        top[level] = max(top.get(level, 0), n)
    seen, out = set(), []
    for u in units:
        if counts[(u.level, u.name)] == top[u.level] and (u.level, u.name) not in seen:
            seen.add((u.level, u.name))
            out.append(u)
    return out


def _fits(town: gz.GazetteerTown, chain: list[_Unit], superiors: list[_Unit]) -> bool:
    """A candidate fits every stated unit, and one of the superiors named at each level."""
    if any(_consistent(town, u) is False for u in chain):
        return False
    for level in ("province", "city", "county"):
        named = [u for u in superiors if u.level == level]
        if named and not any(_consistent(town, u) for u in named):
            return False
    return True


# ---------------------------------------------------------------- resolution


def _town_names(name: str) -> list[tuple[str, str]]:
    """The name and its variants, each with its kind: exact, naming or status."""
    variants = _words()["town"]["variants"]
    out = [(name, "exact")]
    # an ethnic township written without its peoples (湾甸乡: 湾甸傣族乡)
    out.extend((full, "naming") for full in _ethnic_towns().get(name, ()))
    for kind in ("spelling", "naming", "status"):
        for suffix, replacements in sorted(variants[kind].items(), key=lambda kv: -len(kv[0])):
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                stem = name[: -len(suffix)]
                out.extend((stem + r, kind) for r in replacements)
                break
    return out


@cache
def _ethnic_towns() -> dict[str, tuple[str, ...]]:
    """The gazetteer's ethnic townships by their names without the peoples (湾甸乡: 湾甸傣族乡)."""
    peoples = "|".join(_words()["town"]["ethnic_peoples"])
    ethnic = re.compile(f"([{HAN}]{{2,4}}?)(?:(?:{peoples})族)+(乡|镇)")
    index: dict[str, list[str]] = {}
    for name in sorted(gz.town_names()):
        if found := ethnic.fullmatch(name):
            index.setdefault(found.group(1) + found.group(2), []).append(name)
    return {short: tuple(names) for short, names in index.items()}


def _guess_town(text: str, level: str | None = None) -> str | None:
    """The most frequent gazetteer township name in the first and last lines (of ``level``:
    镇, 乡 or 街道, when given)."""
    lines = [line for line in text.split("\n") if line.strip()]
    generic = set(_words()["town"]["generic"])
    common = datafiles.common_words()
    ending = re.compile("|".join(_TOWN_LEVELS[level])) if level in _TOWN_LEVELS else _TOWN_END
    found: list[str] = []
    for line in lines[:8] + lines[-8:]:
        for match in ending.finditer(line):
            for k in range(9, 1, -1):
                start = match.end() - k
                name = line[max(start, 0) : match.end()]
                if len(name) == k and name not in generic and gz.towns_named(name):
                    # a name of one character and its level is no name where that character
                    # ends a word (提高镇村干部: no 高镇; 依法镇…: no 法镇)
                    if k > 2 or start == 0 or line[start - 1 : start + 1] not in common:
                        found.append(name)
                    break
    if not found:
        return None
    return max(dict.fromkeys(found), key=lambda n: text.count(n))


def resolve_place(doc: Document) -> Place | None:
    """Link the unit the report is about to the gazetteer, using the report's own clues.

    The unit is the one :mod:`kg.ingest.structure` read (``doc.unit``): a
    township, a county-level government or a department.  With none, a
    township the report calls itself by (我镇, 街道…) is looked for among the
    townships of a county it names (鱼复 + 奉节县 -> 鱼复街道).

    Parameters
    ----------
    doc : Document
        A structured report.

    Returns
    -------
    Place or None
        None when the report names no unit.  ``confidence`` is 1.0 when a
        county named in the text decides, lower for a city or a province
        clue, 0.8 for a unique name without clues, at most 0.5 when several
        candidates remain (then ``identified`` is False); ``how`` says why in
        a short phrase.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> p = resolve_place(document_from_text("云台镇2024年法治政府建设情况的报告\\n一、工作\\n普法。"))
    >>> p.town, p.county, p.confidence, p.how, p.identified
    ('云台镇', None, 0.33, 'ambiguous: 3 candidates, no clue', False)
    >>> p = resolve_place(document_from_text("江南省青禾县青禾镇2023年法治政府建设工作报告\\n一、工作\\n普法。"))
    >>> p.province, p.county, p.how
    ('江南省', '青禾县', 'not in gazetteer; hierarchy as stated')
    >>> p = resolve_place(document_from_text("屏边县2023年法治政府建设工作报告\\n一、工作\\n普法。"))
    >>> p.name, p.kind.value, p.city
    ('屏边苗族自治县', 'County', '红河哈尼族彝族自治州')
    """
    unit = doc.unit
    # The phrases naming the unit with what stands before them (发布机构 屏边县新华乡人民政府).
    written = tuple(dict.fromkeys(u.written for u in doc.unit_names))
    page = _Page.of(doc)
    if unit is None:
        if doc.self_level in _COUNTY_LEVELS:
            return (
                _county_of_brand(doc.text, doc.self_level)
                or _county_of_short_name(doc, doc.self_level)
                or _county_of_index(doc.text, doc.self_level, page.index)
                or _county_of_address(doc.text, doc.self_level, page.address)
                or _county_of_own_document(doc.text, doc.self_level)
                or _county_of_addressed_city(doc.text, doc.self_level)
            )
        if doc.self_level in _DEPARTMENT_LEVELS:
            department = _department_of_field(doc.text) if doc.self_level == "局" else None
            how, sure = "named by its field", 0.7
            if department is None:
                department = _department_of_address(page.address, doc.self_level)
                how, sure = f"named by its site {host(page.address)}", 0.6
            if department is None:
                return None
            place = _resolve_department(doc.text, department, (), page)
            return replace(place, confidence=min(place.confidence, sure), how=f"{how}; {place.how}")
        found = _discover(doc.text, doc.self_level) or _town_of_short_name(doc, page)
        if found is not None:
            return found
        # A township the gazetteer knows, named near the top or the end, of the level the
        # report calls itself by.
        guess = _guess_town(doc.text, doc.self_level)
        return _resolve(doc.text, guess, (), page) if guess else None
    if unit.kind is EntityType.COUNTY:
        return _resolve_county(doc.text, unit.name, written, page)
    if unit.kind is EntityType.ORGANIZATION:
        return _resolve_department(doc.text, unit.name, written, page)
    return _resolve(doc.text, unit.name, written, page)


_COUNTY_LEVELS = ("县", "区", "市", "旗")
_DEPARTMENT_LEVELS = ("局", "委")
_TOWN_LEVELS = {"镇": ("镇",), "乡": ("乡",), "街道": ("街道", "办事处")}


#: An index number (索引号) opens with the publisher's unified social credit code (GB 32100:
#: two kind characters, the six-digit division code where it is registered, nine of its
#: organisation code, a check character) or with a bare division code (370481/2026-00158).
_INDEX_DIVISION = re.compile(r"[1-9A-Y][1-9](\d{6})[0-9A-Z]{10}|(\d{6})")


def _index_division(
    index: str,
) -> gz.GazetteerProvince | gz.GazetteerCity | gz.GazetteerCounty | None:
    """The unit an index number places its publisher in (113708120042347000/… -> 兖州区);
    None for none ("") or one that names no division."""
    head = re.split(r"[/\-]", index.upper(), maxsplit=1)[0]
    match = _INDEX_DIVISION.fullmatch(head)
    return gz.division(match.group(1) or match.group(2)) if match else None


def _in_division(
    town: gz.GazetteerTown, unit: gz.GazetteerProvince | gz.GazetteerCity | gz.GazetteerCounty
) -> bool:
    if isinstance(unit, gz.GazetteerCounty):
        return town.county_code == unit.code
    if isinstance(unit, gz.GazetteerCity):
        return town.city == unit.name and town.province == unit.province
    return town.province == unit.name


@dataclass(frozen=True)
class _Page:
    """What the web page holding a report says of its owner: the names of its site, of the
    trail of links it stands under and of its publishing fields, one a line (海丰县人民政府门户网站,
    来源：浚县司法局); the index number (索引号) and the page's address (page_url); "" for what
    it does not say."""

    owner: str = ""
    index: str = ""
    address: str = ""

    @classmethod
    def of(cls, doc: Document) -> _Page:
        meta = doc.source.meta_value
        publishers = [u.written for u in doc.unit_names if u.source in ("metadata", "site")]
        names = (meta("page_site"), meta("page_trail"), *publishers)
        owner = "\n".join(dict.fromkeys(n for n in names if n))
        return cls(owner, meta("index_number") or "", meta("page_url") or "")

    def units(self) -> list[_Unit]:
        """The counties, cities and provinces the page's owner is named by."""
        return [unit for _, _, unit in _superior_names_in(self.owner)] if self.owner else []


_NO_PAGE = _Page()


def _on_page(fitting: list[gz.GazetteerTown], page: _Page) -> tuple[list[gz.GazetteerTown], str]:
    """The candidates a web page's owner agrees with, and a note saying so.

    The site (松阳县人民政府), the trail of links and the publishing fields (来源：浚县司法局),
    the division the index number names and the place the page's address spells
    (xuwen.gov.cn) are the publisher: the unit itself or one above it, so a same-name
    candidate elsewhere is not the one.  They only narrow: when they agree with none (a
    report republished elsewhere) or with all, nothing changes.
    """
    note = ""
    units = page.units()
    narrowed = [t for t in fitting if all(_consistent(t, u) is not False for u in units)]
    if units and narrowed and len(narrowed) < len(fitting):
        fitting = narrowed
        note = f"on the page of {'、'.join(dict.fromkeys(u.name for u in units))}; "
    if len(fitting) > 1 and page.owner:
        # the town written after its city's or county's short name (中国东莞清溪镇栏目)
        pairs = [(t, short + t.town) for t in fitting for short in _short_names(t)[1:] if short]
        hits = {t: written for t, written in pairs if written in page.owner}
        if len(hits) == 1:
            [(town, written)] = hits.items()
            fitting = [town]
            note += f"on the page of {written}; "
    division = _index_division(page.index)
    if division is not None:
        narrowed = [t for t in fitting if _in_division(t, division)]
        if narrowed and len(narrowed) < len(fitting):
            fitting = narrowed
            note += f"index number {page.index} ({division.name}); "
    labels = host_labels(page.address) if len(fitting) > 1 and page.address else frozenset()
    if labels:
        narrowed = [
            t for t in fitting if spells(labels, *_short_names(t), level=(t.county or "")[-1:])
        ]
        if not narrowed:
            # a province's or a municipality's portal (beijing.gov.cn holds 通州区's pages)
            narrowed = [t for t in fitting if spells_province(labels, _short_names(t)[0])]
        if not narrowed:
            # a district's initials alone (by.gov.cn: 白云区), trusted for one candidate only;
            # a town under its city alone is the city's (dg.gov.cn: 东莞市's 长安镇 as much as
            # 东港市's)
            initials = [
                t
                for t in fitting
                if (s := _short_names(t)[2] or _short_names(t)[1]) and spells_initials(labels, s)
            ]
            narrowed = initials if len(initials) == 1 else []
        if narrowed and len(narrowed) < len(fitting):
            fitting = narrowed
            note += f"web address {host(page.address)}; "
    return fitting, note


def _short_names(town: gz.GazetteerTown) -> tuple[str, str | None, str | None]:
    """The short names of a town's province, city and county (广东, 湛江, 徐闻)."""
    province, city, county = _units_above(town)
    return (
        province.short if province else town.province,
        city.short if city else None,
        county.short if county else None,
    )


# A pipeline resolves a report's place and then runs extract_places, which
# needs it again: the last few results are kept so the second time is free.
@lru_cache(maxsize=8)
def _resolve(text: str, name: str, written: tuple[str, ...] = (), page: _Page = _NO_PAGE) -> Place:
    clue_text = _clue_text(text)
    chains = _stated_chains(text, (name,)) + _stated_chains("\n".join(written), (name,))
    units = [u for chain in chains for u in chain]
    superiors = _majority([u for _, u in _superior_units(clue_text)])
    above = _superior_level(clue_text)
    for variant, kind in _town_names(name):
        candidates = gz.towns_named(variant)
        if not candidates:
            continue
        fitting = [t for t in candidates if _fits(t, units, superiors)]
        if not fitting:
            continue
        fitting, on_page = _on_page(fitting, page)
        if kind == "status" and not (
            on_page or units or superiors or any(_clues_for(t, text, clue_text) for t in fitting)
        ):
            # 龙归街道 is not 龙归镇 of another province: a unit that changed status is taken
            # only where the text places it.
            continue
        note = "" if kind in ("exact", "spelling") else f"variant in gazetteer: {variant}; "
        note += on_page
        under = [t for t in fitting if _answers_to(t, above)] if above else []
        if above and not under and all(_elsewhere_named(t, clue_text) for t in fitting):
            # No namesake answers to the level the text writes (区委 over a 长葛市 town) and
            # the text names another province: the unit is one the gazetteer lacks, unless it
            # is there under another status (增福镇 of 涪陵区, listed as 增福乡), tried next.
            continue
        if under and len(under) < len(fitting):
            note += f"answers to a {above}; "
            fitting = under
        shown = variant if kind == "naming" else name
        place = _decide(
            shown,
            fitting,
            len(candidates),
            units,
            text,
            clue_text,
            note,
            0.8 if kind == "status" else 1.0,
        )
        # the report's own form is its name; the gazetteer's keys it (see Place.key_name)
        if place.identified and variant != shown:
            place = replace(place, gazetteer_name=variant)
        return place
    return _as_stated(
        name,
        units,
        superiors,
        text,
        clue_text,
        next((v for v, _ in _town_names(name) if gz.towns_named(v)), None),
    )


# The organs of the unit a township answers to, written without its name (在县委、县政府
# 的领导下; 区委、区政府：): their level says what the township's county is.
# The level character comes first and the look-behinds after it (over it and the character
# before): a pattern that opens with a character class is searched by skipping to that class,
# one that opens with a look-behind is tried at every position (ten times slower).
_BARE_SUPERIOR = re.compile(
    f"([县区市])(?:(?<![{HAN}].)|(?<=[在和及与由向经按对从受据为、].))(?:委|人民政府|政府|工委|管委)"
)


def _superior_level(clue_text: str) -> str | None:
    """县, 区 or 市: the level of the unit a township answers to, or None when unsaid.

    The lowest level written counts (a township names 市委 as well as its 县委);
    a county-level city or a city without counties writes 市委.
    """
    levels = {m.group(1) for m in _BARE_SUPERIOR.finditer(clue_text)}
    return next((level for level in ("县", "区", "市") if level in levels), None)


def _answers_to(town: gz.GazetteerTown, level: str) -> bool:
    """Whether a township's county is of the level it answers to (县, 区 or 市)."""
    if town.county is None:
        return level == "市"  # 东莞, 中山: the township answers to the city
    if level == "县":
        return town.county.endswith(("县", "旗"))
    return town.county.endswith(level)


def _discover(text: str, self_level: str | None) -> Place | None:
    """A township the report calls itself by its short name, among a named county's.

    With no name in the title or opening, a report may still write its short
    name (鱼复 for 鱼复街道) and the county it belongs to (《奉节县…》).  Only a
    single township of a single named county counts.
    """
    endings = _TOWN_LEVELS.get(self_level or "", TOWNSHIP_ENDINGS)
    clue_text = _clue_text(text)
    counties = {
        unit.name: unit for _, _, unit in _superior_names_in(clue_text) if unit.level == "county"
    }
    common = datafiles.common_words()
    found = []
    for name in sorted(counties):
        for county in gz.county_named(name):
            if county.name != name:
                continue
            # (余杭 of 余杭街道 inside 余杭区 names the county, not the town)
            rest = clue_text.replace(name, "")
            for town in gz.towns_in(county):
                stem = _town_stem(town.town, endings)
                # 平安, 新民: a stem that is a common word says nothing.
                if len(stem) >= 2 and stem in rest and stem not in common:
                    found.append((town, stem))
    if len(found) != 1:
        return None
    town, stem = found[0]
    return _place(
        town.town,
        town,
        0.7,
        f"short name in text: {stem}; county named in text: {town.county}",
    )


def _short_names_of(doc: Document) -> list[str]:
    """The opening's short names (青禾 of 2025年，青禾坚持…) that are no common word (全县, 平安)."""
    common = datafiles.common_words()
    stop = set(_words()["clue"]["stop_short"])
    return [name for name in doc.short_names if name not in common and name not in stop]


def _town_of_short_name(doc: Document, page: _Page) -> Place | None:
    """The township a report names only by its short name as the opening's subject, with the
    level it calls itself by (2025年，青禾坚持… 街道… -> 青禾街道): one name the gazetteer knows,
    placed as a named township is (the page's address telling namesakes apart)."""
    endings = _TOWN_LEVELS.get(doc.self_level or "")
    if not endings:
        return None
    stems = [stem for stem in _short_names_of(doc) if gz.towns_named(stem + endings[0])]
    if len(stems) != 1:
        return None
    place = _resolve(doc.text, stems[0] + endings[0], (), page)
    how = f"short name in the opening: {stems[0]}; {place.how}"
    return replace(place, confidence=min(place.confidence, 0.7), how=how)


def _county_of_short_name(doc: Document, level: str) -> Place | None:
    """The county a county report names only by its short name as the opening's subject
    (2023年，青禾坚持… 我县 -> 青禾县): one county of ``level`` of that short name."""
    name = _one_county_of(_short_names_of(doc), level)
    if name is None:
        return None
    place = _resolve_county(doc.text, name)
    return replace(
        place, confidence=min(place.confidence, 0.7), how="short name in the opening; " + place.how
    )


def _county_of_brand(text: str, level: str) -> Place | None:
    """The county a county report names only through its brand (我县 … 法治弋阳 -> 弋阳县).

    The two characters after 法治/平安 count when they and the level the report
    calls itself by (我县) name exactly one county-level unit, and are not an
    ordinary word that short names also are (和平, 平安).
    """
    name = _brand_county(text, level)
    if name is None:
        return None
    place = _resolve_county(text, name)
    return replace(place, confidence=min(place.confidence, 0.7), how="brand; " + place.how)


def _county_of_index(text: str, level: str, index: str) -> Place | None:
    """The county a county report names only through its page's index number (我县 …
    索引号 113708120042347000/… -> 兖州区), when the division is a county of that level."""
    division = _index_division(index)
    if not isinstance(division, gz.GazetteerCounty) or not division.name.endswith(level):
        return None
    place = _resolve_county(text, division.name, (), _Page(index=index))
    return replace(place, confidence=min(place.confidence, 0.8), how=f"index number {index}; ")


#: A department named by its level alone at a clause's start (，区司法局党组…): a bureau's report.
_BARE_DEPARTMENT = re.compile(f"(?<![{HAN}])[县区市旗][{HAN}]{{1,8}}?局")
#: How much of a report's opening is searched for it.
_OPENING_CHARS = 400


def _a_bureau_speaks(text: str) -> bool:
    """Whether the report calls itself 我局 or 本局: a department's, which names its county
    too (我区, 我县) without being the county's report."""
    return any(word in text for word in _BUREAU_SELF_WORDS)


_BUREAU_SELF_WORDS = ("我局", "本局")


def _county_of_address(text: str, level: str, address: str) -> Place | None:
    """The county a county report names only through its page's address (我县 … on
    kaiyang.gov.cn -> 开阳县), when the host spells one county of that level.

    The report must call itself so, and not be a department's, which speaks of its county
    too, on the county's site (区司法局党组… 我区法治化营商环境…; 我局).
    """
    if not names_itself(text, level) or _a_bureau_speaks(text):
        return None
    if _BARE_DEPARTMENT.search(text[:_OPENING_CHARS]):
        return None
    spelled = _counties_spelled(host_labels(address), level) if address else []
    if len(spelled) != 1:
        return None
    place = _resolve_county(text, spelled[0], (), _Page(address=address))
    how = f"web address {host(address)}; {place.how}"
    return replace(place, confidence=min(place.confidence, 0.8), how=how)


#: The title of a document on rule-of-law work (《2023年潼关县法治政府建设工作要点》,
#: 《中共广州市番禺区委全面依法治区委员会2020年工作要点》), or a meeting's name after 召开
#: (召开孝昌县法治政府建设工作推进会).
_WORK_DOCUMENT = re.compile(
    r"《[^《》\n]{0,40}?(?:法治|依法)[^《》\n]{0,40}》"
    r"|召开[^《》，。；、\n]{0,20}?(?:法治|依法)[^《》，。；、\n]{0,20}?会"
)


def _county_of_own_document(text: str, level: str) -> Place | None:
    """The county a county report names only in the titles of its rule-of-law documents and
    meetings (我县 … 印发《2023年潼关县法治政府建设工作要点》 -> 潼关县; 召开孝昌县法治政府建设工作
    推进会 -> 孝昌县): one county of ``level`` over all such names, in a report that calls itself
    so and is no department's."""
    if not names_itself(text, level) or _a_bureau_speaks(text):
        return None
    found = {
        name
        for m in _WORK_DOCUMENT.finditer(text, 0, _BRAND_AREA)
        for end in range(m.start() + 3, m.end())
        if text[end - 1] == level
        for name in (text[end - n : end] for n in (3, 4, 5, 6))
        if any(county.name == name for county in gz.county_named(name))
    }
    if len(found) != 1:
        return None
    place = _resolve_county(text, found.pop())
    return replace(
        place, confidence=min(place.confidence, 0.7), how="own document or meeting; " + place.how
    )


#: An addressee line naming a prefecture-level city's party committee or government
#: (中共景德镇市委、景德镇市人民政府：; 常州市人民政府：), the level a county reports to.
_CITY_ADDRESSEE = re.compile(
    f"^(?:中共)?([{HAN}]{{2,9}}?(?:市|州|盟|地区))(?:委|人民政府|政府)[^，。；\n]{{0,30}}[：:]$",
    re.MULTILINE,
)
_ADDRESSEE_AREA = 400  # characters of the opening an addressee line is looked for in


def _county_of_addressed_city(text: str, level: str) -> Place | None:
    """The county a county report names only as one of the city it reports to (中共景德镇市委、
    景德镇市人民政府： … 我区 … 魅力新昌江 -> 昌江区; 常州市人民政府： … 区政府 … 《常州市天宁区
    机构改革方案》 -> 天宁区): the one county of ``level`` of the addressed city that the text
    names, in full or by a short name that is no ordinary word, in a report no department's."""
    if _a_bureau_speaks(text):
        return None
    addressee = _CITY_ADDRESSEE.search(text, 0, _ADDRESSEE_AREA)
    city = _prefecture_named(addressee.group(1)) if addressee else None
    if addressee is None or city is None:
        return None
    rest = text[: addressee.start()] + text[addressee.end() :]
    stop = set(_words()["clue"]["stop_short"])
    named = {
        county.name
        for county in gz.counties()
        if county.city == city.name
        and county.name.endswith(level)
        and (
            county.name in rest
            or (len(county.short) >= 2 and county.short not in stop and county.short in rest)
        )
    }
    if len(named) != 1:
        return None
    place = _resolve_county(text, named.pop())
    return replace(
        place,
        confidence=min(place.confidence, 0.7),
        how=f"the one {level} of the addressed {city.name} the text names; " + place.how,
    )


def _brand_county(text: str, level: str) -> str | None:
    """The one county of ``level`` a brand in the text names (法治弋阳 -> 弋阳县), if any."""
    stop = set(_words()["clue"]["stop_short"])
    stems = [m.group(1) for m in _brand_pattern().finditer(text, 0, _BRAND_AREA)]
    return _one_county_of([stem for stem in stems if stem not in stop], level)


def _one_county_of(stems: Iterable[str], level: str) -> str | None:
    """The one county of ``level`` (县, 区 …) these short names name (弋阳 -> 弋阳县), if one."""
    found = {
        county.name
        for stem in stems
        for county in gz.county_named(stem)
        if county.name.endswith(level) and county.name.startswith(stem)
    }
    return found.pop() if len(found) == 1 else None


_BRAND_AREA = 3000  # characters read for a county's brand: the opening and first parts


@cache
def _brand_pattern(level: str = "county") -> re.Pattern[str]:
    """A brand of a county or a city (法治弋阳, 美丽福州): ``level``'s brand_prefixes in
    place_words.toml and the two characters of a short name."""
    prefixes = "|".join(map(re.escape, _words()[level]["brand_prefixes"]))
    return re.compile(f"(?:{prefixes})([{HAN}]{{2}})")


def _counties_named(name: str) -> tuple[list[gz.GazetteerCounty], str]:
    """County-level units a written name may be, and how it was matched.

    The full name first (静海区); else the name's stem as a short name
    (屏边县 -> 屏边 -> 屏边苗族自治县; 南康县 -> 南康区, renamed since).
    """
    full = [c for c in gz.county_named(name) if _is_named(c, name)]
    if full:
        return full, ""
    suffix = next((s for s in ("自治县", "自治旗", "县", "区", "市", "旗") if name.endswith(s)), "")
    stem = name[: -len(suffix)] if suffix else name
    short = list(gz.county_named(stem)) if len(stem) >= 2 else []
    if not short and (renamed := _former_counties().get(name)):
        # 横县 -> 横州市: a one-character stem is no short name, but the former name is known
        short = [c for c in gz.county_named(renamed) if c.name == renamed]
    return short, f"written {name}; " if short else ""


@lru_cache(maxsize=8)
def _resolve_county(
    text: str, name: str, written: tuple[str, ...] = (), page: _Page = _NO_PAGE
) -> Place:
    """A county-level unit (静海区, 屏边县) resolved to the gazetteer, with its city and province."""
    clue_text = _clue_text(text)
    candidates, note = _counties_named(name)
    chains = _stated_chains(text, (name,)) + _stated_chains("\n".join(written), (name,))
    units = [u for chain in chains for u in chain if u.level != "county"]
    superiors = [
        u
        for u in _majority([u for _, u in _superior_units(clue_text)])
        if u.level in ("city", "province")
    ]
    as_towns = [_as_town(c) for c in candidates]
    fitting, on_page = _on_page([t for t in as_towns if _fits(t, units, superiors)], page)
    if not fitting:
        if (city := _zone_city(name)) and not any(u.level == "city" for u in units):
            units.append(city)  # 十堰经济技术开发区: a zone named after its city lies in it
        place = _as_stated(name, units, superiors, text, clue_text, name if candidates else None)
        if not candidates and (prefecture := _prefecture_named(name)):
            # 郑州市's own report: a level above this graph's units, said as such, not as a
            # county the gazetteer lacks
            place = replace(
                place,
                how=f"{name} is a prefecture-level city of {prefecture.province}, not a county-level "
                "unit (the graph's units are townships, counties and their departments)",
            )
        return replace(
            place,
            county=name,
            kind=EntityType.COUNTY,
            identified=bool(place.city or place.province),
        )
    place = _decide(
        name, fitting, len(as_towns), units, text, clue_text, note + on_page, 1.0, own_county=True
    )
    unit = fitting[0] if len(fitting) == 1 else None
    if place.county:
        unit = next(t for t in fitting if t.county == place.county)
    return replace(place, town=unit.town if unit else name, kind=EntityType.COUNTY)


def _prefecture_named(name: str) -> gz.GazetteerCity | None:
    """The prefecture-level city with exactly this full name (郑州市), if one."""
    found = [c for c in gz.city_named(name) if c.name == name]
    return found[0] if len(found) == 1 else None


def _zone_city(name: str) -> _Unit | None:
    """The city a development zone is named after (十堰经济技术开发区 -> 十堰市, 赣州高新区 -> 赣州市),
    by its full name or a short one that names no other unit; None for any other name."""
    suffix = next((s for s in _ZONE_SUFFIXES if name.endswith(s)), None)
    unit = _known_unit(name[: -len(suffix)]) if suffix else None
    return unit if unit is not None and unit.level == "city" else None


def _department_of_field(text: str) -> str | None:
    """The bureau of a report that calls itself 我局 and names no unit, by the field of its
    county it works in (推动涪陵区自然资源领域法治政府建设 -> 涪陵区自然资源局; 揭西交通运输领域
    -> 揭西县交通运输局; 澄海退役军人工作 -> 澄海区退役军人事务局): the one county the gazetteer
    knows by the words before the field,
    written in full or short (no word of ``stop_short``), at the field's first such mention.

    >>> _department_of_field("我局推动涪陵区自然资源领域法治政府建设。")
    '涪陵区自然资源局'
    >>> _department_of_field("推动各项举措在揭西交通运输领域落地见效。")
    '揭西县交通运输局'
    >>> _department_of_field("深化交通运输领域改革。") is None
    True
    >>> _department_of_field("推进依法行政和应急管理工作。") is None  # not 政和县
    True
    """
    fields: dict[str, str] = _words()["department"]["fields"]
    stop = set(_words()["clue"]["stop_short"])
    for m in _field_pattern().finditer(text, 0, _NAMED_COUNTY_CHARS):
        for start in range(m.start("before"), m.end("before") - 1):
            name = text[start : m.end("before")]
            counties = [] if name in stop else gz.county_named(name)
            if len(counties) != 1:
                continue
            if counties[0].name != name and _inside_a_word(text, start, m.end("before")):
                continue  # a short name that begins inside a word: 依法行政和应急管理 (政和)
            return counties[0].name + fields[m.group("field")]
    return _department_of_own_document(text)


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """Whether the short name at ``text[start:end]`` is part of a longer common word rather than
    a name of its own: 政和 in 依法行政和 (行政), 南通 in 江南通过, 长治 in 长治久安 (a unit's own
    name, 深圳市, is no such word)."""
    common, known = datafiles.common_words(), _known_units().units
    return any(
        word in common and word not in known
        for a in range(max(0, start - 2), end)
        for b in range(max(a + 2, start + 1), min(len(text), a + 4) + 1)
        if (a < start or b > end) and (word := text[a:b])
    )


def _department_of_own_document(text: str) -> str | None:
    """The bureau of a report that calls itself 我局 by the rule-of-law document it draws up for
    its field, titled after its county or city's full name (制发《乐山市交通运输系统推进法治交通建设
    工作要点》 -> 乐山市交通运输局): the one bureau all such titles give.

    >>> _department_of_own_document("我局制定出台《始兴县林业法治建设2024年工作要点》。")
    '始兴县林业局'
    >>> _department_of_own_document("我局贯彻《乐山市交通运输系统法治建设要点》。") is None
    True
    """
    fields: dict[str, str] = _words()["department"]["fields"]
    found = {
        m.group("place") + fields[m.group("field")]
        for m in _own_document_pattern().finditer(text, 0, _NAMED_COUNTY_CHARS)
        if _WORK_DOCUMENT.match(text, m.end("verb")) and m.group("place") in _full_names()
    }
    return found.pop() if len(found) == 1 else None


@cache
def _own_document_pattern() -> re.Pattern[str]:
    fields = longest_first(_words()["department"]["fields"])
    verbs = "|".join(_words()["department"]["drafting_verbs"])
    return re.compile(
        f"(?P<verb>(?:{verbs})了?)《(?:\\d{{4}}年度?)?(?P<place>[{HAN}]{{2,8}}?)(?P<field>{'|'.join(fields)})"
    )


@cache
def _field_pattern() -> re.Pattern[str]:
    fields = longest_first(_words()["department"]["fields"])
    followers = "|".join(_words()["department"]["field_followers"])
    return re.compile(f"(?P<before>[{HAN}]{{2,6}})(?P<field>{'|'.join(fields)})(?:{followers})")


@lru_cache(maxsize=8)
def _resolve_department(
    text: str, name: str, written: tuple[str, ...] = (), page: _Page = _NO_PAGE
) -> Place:
    """A department (兖州区司法局, 区卫生健康委) placed in its county.

    The county is the one its name starts with, else one the other names of
    the report give (发布机构 大足区卫生健康委员会), else the county it answers to,
    else its brand's (法治青禾), else its page's index number's (索引号) or address's, else
    the one county of its level its page (首页 > 铜梁区人民政府 > …), then its text, names.
    """
    county = own = _county_prefix(name)
    if county is None and (branch := _branch(name)):
        county = own = branch[0]  # 湘西自治州生态环境局凤凰分局: 凤凰县
    bare = county is None and name[:1] in _COUNTY_LEVELS
    if county is None:
        county = next(
            (c for w in written if (c := _county_prefix(w)) and (not bare or c.endswith(name[0]))),
            None,
        )
    if county is None and bare:
        named = {
            u.name
            for u in _majority([u for _, u in _superior_units(_clue_text(text))])
            if u.level == "county" and u.name.endswith(name[0])
        }
        county = next(iter(named)) if len(named) == 1 else None
    by_brand = county is None and bare
    if by_brand:
        county = _brand_county(text, name[0])  # 县司法局 … 法治青禾: 青禾县
    by_index = False
    if county is None and bare and page.index:
        division = _index_division(page.index)  # 区司法局 … 索引号 1137081200…: 兖州区
        if isinstance(division, gz.GazetteerCounty) and division.name.endswith(name[0]):
            county, by_brand, by_index = division.name, False, True
    by_address = False
    if county is None and bare and page.address:
        # 区城市管理局 on cqna.gov.cn: the one district of 重庆 its site spells (南岸区)
        spelled = _counties_spelled(host_labels(page.address), name[0])
        if len(spelled) == 1:
            county, by_brand, by_address = spelled[0], False, True
    by_page = False
    if county is None and bare:
        # 区司法局 under 首页 > 铜梁区人民政府 > …: the one county of its level the page names
        on_page = {u.name for u in page.units() if u.level == "county" and u.name.endswith(name[0])}
        if len(on_page) == 1:
            county, by_brand, by_page = on_page.pop(), False, True
    by_named = False
    if county is None and bare:
        # 县司法局 … “蒙城县‘5+N’矛盾化解”: the one county of its level the text names
        named = {n for n in _names_in(text, "county") if n.endswith(name[0])}
        if len(named) == 1:
            county, by_brand, by_named = named.pop(), False, True
    if county is None:
        if not bare:
            city, how, sure = _city_prefix(name)[0], "city named in its name", 0.9
        elif city := _city_of_address(name, page):
            how, sure = f"web address {host(page.address)}", 0.8
        else:
            city, how, sure = _city_named_in(text, name), "the one city the text names", 0.6
        if city is not None:  # a city's department (长治市交通运输局): no county above it
            return Place(
                town=name if not bare else city.name + name[1:],
                city=city.name,
                province=city.province,
                kind=EntityType.ORGANIZATION,
                confidence=sure,
                how=f"department of {city.name}; {how}",
            )
        return Place(
            town=name,
            kind=EntityType.ORGANIZATION,
            confidence=0.1,
            how="department; its county is not named",
            identified=False,
        )
    place = _resolve_county(text, county, written, page)
    if bare:
        full = place.town + name[1:]
    elif own and name.startswith(own):
        # 双江自治县教育体育局: the county by its full name, as every other report writing it;
        # its level written twice is a slip (元谋县县卫生健康局)
        rest = name[len(own) :]
        # (海宁市市场监督管理局 is 海宁市's 市场 bureau, no level written twice)
        doubled = rest[:1] == own[-1] and not rest.startswith(_CITY_WORD_BODIES)
        full = place.town + (rest[1:] if doubled else rest)
    else:
        full = name
    return replace(
        place,
        town=full,
        kind=EntityType.ORGANIZATION,
        confidence=min(place.confidence, 0.7) if by_brand or by_named else place.confidence,
        how=f"department of {place.town}; "
        + ("brand; " if by_brand else f"index number {page.index}; " if by_index else "")
        + (f"web address {host(page.address)}; " if by_address else "")
        + ("the one county of its level the page names; " if by_page else "")
        + ("the one county of its level the text names; " if by_named else "")
        + place.how,
    )


def _counties_spelled(labels: frozenset[str], level: str) -> list[str]:
    """The counties of a level (县, 区, 市, 旗) a web address's host spells by name, not
    through its city (a city's site spells every district of the city), else by their
    initials alone (three letters at least); none on a city's or a province's site."""
    found: list[str] = []
    if labels & _city_spellings():
        return found  # guiyang.gov.cn: 贵阳市's site, though 桂阳县 sounds the same
    # the names' usual readings first (scdl.gov.cn: 丹棱, not 德格 read de-luo), then every one
    for every_reading in (False, True):
        for county in gz.counties() if labels else ():
            if not county.name.endswith(level):
                continue
            province, city, short = _short_names(_as_town(county))
            level_spelled = spells(labels, province, city, short, every_reading, level)
            if level_spelled and not spells(labels, province, city, None, every_reading):
                found.append(county.name)
        if found:
            break
    if not found and labels:
        # its initials alone (dxh.gov.cn: 东西湖区), when no other county of its level has them
        found = [
            county.name
            for county in gz.counties()
            if county.name.endswith(level) and spells_initials(labels, county.short, 3)
        ]
    return found


@lru_cache(maxsize=1)
def _city_spellings() -> frozenset[str]:
    """Every city's and province's name in pinyin, each reading (a site that a county's name
    spells the same way is more likely theirs)."""
    names = [c.short for c in gz.cities()] + [p.short for p in gz.provinces()]
    return frozenset(full for name in names for full, _ in spellings(name))


def _as_town(county: gz.GazetteerCounty) -> gz.GazetteerTown:
    """A county-level unit in a town's record (its own county), so the towns' helpers apply."""
    return gz.GazetteerTown(county.name, county.name, county.city, county.province, county.code)


#: How much of a report is searched for the one county a department named without it belongs to.
_NAMED_COUNTY_CHARS = 8000


# One body under two names (一个机构两块牌子), the second in brackets after the first.
_SECOND_PLATE = re.compile(r"[（(][^（）()]{1,12}[）)]$")


def department_key(name: str, county: str | None) -> str:
    """What every way of writing one department shares: its county and its body's canonical
    name, so that a county's 人社局 and its 人力资源和社会保障局 are one unit.

    >>> department_key("通城县人力资源和社会保障局", "通城县"), department_key("县人社局", None)
    ('通城县人社局', '县人社局')

    A county's branch of its city's bureau (its police, its environment bureau) is written
    either way; a city's department has its city where a county's has its county:

    >>> department_key("广州市公安局增城区分局", "增城区"), department_key("武汉市市场监管局", None)
    ('增城区公安分局', '武汉市市场监督管理局')
    >>> department_key("岳阳市生态环境局岳阳县分局", "岳阳县")
    '岳阳县生态环境分局'
    >>> department_key("湘西州生态环境局凤凰分局", "凤凰县")
    '凤凰县生态环境分局'
    >>> department_key("重庆市公安局渝北区分局", "渝北区")
    '渝北区公安分局'

    A body that bears a second plate keys by its first (桑日县藏语委办（编译局）: 桑日县藏语委办):

    >>> department_key("桑日县藏语委办(编译局)", "桑日县")
    '桑日县藏语委办'
    """
    name = _SECOND_PLATE.sub("", name)
    city, length = _city_prefix(name)
    if county:
        if (branch := _branch(name)) and branch[0] == county:
            return county + canonical_name(branch[1])
        if name.startswith(county):
            return county + canonical_name(name[len(county) :])
    elif city:
        return city.name + canonical_name(name[length:])
    level = name[:1] if name[:1] in _COUNTY_LEVELS else ""
    return level + canonical_name(name[len(level) :])


def _city_of_address(name: str, page: _Page) -> gz.GazetteerCity | None:
    """The city a bare city department (市司法局) is of: the one city its page's host spells
    (lysfj.longyan.gov.cn -> 龙岩市), when no county-level city of it was found."""
    if not name.startswith("市") or not page.address:
        return None
    found = _cities_spelled(host_labels(page.address))
    return found[0] if len(found) == 1 else None


def _cities_spelled(labels: frozenset[str]) -> list[gz.GazetteerCity]:
    """The prefecture-level cities a web address's host labels spell (taian: 泰安市)."""
    return [
        c
        for c in gz.cities()
        if (province := gz.province_named(c.province))
        and spells(labels, province.short, c.short, None)
    ]


def _department_of_address(address: str, level: str) -> str | None:
    """The bureau of a report that calls itself 我局 (我委) and names no unit, by its site: a
    host label that abbreviates a bureau of that head, on the site of the one county or else
    the one city the other labels spell (scjgj.taian.gov.cn -> 泰安市市场监督管理局)."""
    hosts: dict[str, str] = _words()["department"]["hosts"]
    bureaus = {hosts[label] for label in host(address).split(".") if label in hosts}
    head = "局" if level == "局" else "委员会"
    if len(bureaus) != 1 or not (bureau := bureaus.pop()).endswith(head):
        return None
    labels = host_labels(address) - hosts.keys()
    counties = [
        c for county_level in _COUNTY_LEVELS for c in _counties_spelled(labels, county_level)
    ]
    if counties:
        return counties[0] + bureau if len(counties) == 1 else None
    cities = _cities_spelled(labels)
    return cities[0].name + bureau if len(cities) == 1 else None


def _city_named_in(text: str, name: str) -> gz.GazetteerCity | None:
    """The city a bare city department (市司法局) is of: the one prefecture-level city its
    report names (市司法局 … 《龙岩市法治政府建设实施方案》), else the one its brands or goals name
    (市生态环境局 … 建设美丽福州), else the one it names by a short name (为大连振兴发展), when no
    county-level city of it was found."""
    if not name.startswith("市"):
        return None
    cities = [c for n in _names_in(text, "city") for c in gz.city_named(n) if c.name == n]
    if not cities:
        # … or only through its brand or goal (建设美丽福州), by a short name no other city has
        usable = _usable_shorts()[1]
        cities = [
            c
            for m in _brand_pattern("city").finditer(text)
            if m.group(1) in usable
            for c in gz.city_named(m.group(1))
            if c.short == m.group(1)
        ]
    if not cities:
        # … or only by such a short name anywhere (为大连振兴发展提供法治保障), not one inside a
        # longer word (长治久安)
        cities = [
            c
            for m in _city_short_pattern().finditer(text, 0, _NAMED_COUNTY_CHARS)
            if not _inside_a_word(text, m.start(), m.end())
            for c in gz.city_named(m.group())
            if c.short == m.group()
        ]
    return cities[0] if len({c.name for c in cities}) == 1 else None


@cache
def _city_short_pattern() -> re.Pattern[str]:
    """The short names of cities that count as clues on their own (:func:`_usable_shorts`)."""
    return re.compile("|".join(map(re.escape, longest_first(_usable_shorts()[1]))))


def _names_in(text: str, level: str) -> set[str]:
    """The names of the units of ``level`` (county, city) a department's report names, in as
    much of it as is read for them."""
    return {
        u.name for _, _, u in _superior_names_in(text[:_NAMED_COUNTY_CHARS]) if u.level == level
    }


def _city_prefix(name: str) -> tuple[gz.GazetteerCity | None, int]:
    """The one prefecture-level unit a department's name opens with and how long it is written:
    by its full name (长治市交通运输局 -> 长治市), or an autonomous prefecture by its short name
    and 州 or 自治州 (湘西州, 湘西自治州: 湘西土家族苗族自治州); by its short name before a
    body that opens with 市 (泉州市场监督管理局 -> 泉州市, 2 characters)."""
    for end in range(len(name) - 1, 1, -1):
        head = name[:end]
        # (an autonomous prefecture whose short name the gazetteer writes with its 州: 海南州)
        cities = [
            c
            for c in gz.city_named(head)
            if c.name == head or (c.short == head and "自治州" in c.name)
        ]
        if not cities and head.endswith("州"):
            short = head.removesuffix("州").removesuffix("自治")
            cities = [c for c in gz.city_named(short) if c.short == short and "自治州" in c.name]
        if len(cities) == 1:
            if name.startswith(_CITY_WORD_BODIES, end - 1) and head == cities[0].short + "市":
                # 泉州市场监督管理局: the city's short name and its 市场监督管理局
                return cities[0], end - 1
            return cities[0], end
    # (its province's short name before it, a title's habit: 山东济南市司法局)
    if province := _province_shorts()[0].match(name):
        city, length = _city_prefix(name[province.end() :])
        if city and gz.province_named(city.province) == gz.province_named(province.group()):
            return city, province.end() + length
    return None, 0


# Bodies whose name opens with 市 as a word's first character (市场, 市容): written after a
# city's short name, that 市 is no part of the city's name; no body opens with 场 or 容 (市政 is
# left out: 长春市政务服务…局 is 长春市's 政务服务…局).
_CITY_WORD_BODIES = ("市场", "市容")


def _branch(name: str) -> tuple[str, str] | None:
    """The county and the body of a county's branch of its prefecture's or municipality's
    bureau, the county written in full or short, the bureau's name maybe repeated before 分局
    (湘西自治州生态环境局凤凰分局 -> 凤凰县, 生态环境分局; 岳阳市生态环境局岳阳县分局 -> 岳阳县,
    生态环境分局; 广州市公安局增城区公安分局 -> 增城区, 公安分局; 重庆市公安局渝北区分局 ->
    渝北区, 公安分局); a branch called the county's 监管局 or 管理局 is the county's bureau
    (深圳市市场监督管理局龙华监管局 -> 龙华区, 市场监督管理局); None when ``name`` is no such
    branch."""
    city, length = _city_prefix(name)
    municipality = None  # a province-level city's (重庆市公安局…), whose districts have no city
    if city is None and (province := gz.province_named(name[:3])) and province.name[-1] == "市":
        municipality, length = province.name, 3
    branch = re.fullmatch(f"([{HAN}]+?)局([{HAN}]{{2,14}}?)(分局|监管局|管理局)", name[length:])
    if (city is None and municipality is None) or branch is None:
        return None
    bureau, written, kind = branch.groups()
    written = written.removesuffix(bureau) or written
    found = {
        c.name
        for c in gz.counties()
        if (c.city == city.name if city else c.city is None and c.province == municipality)
        and written in (c.name, c.short, c.short + c.name[-1:])
    }
    body = bureau + ("分局" if kind == "分局" else "局")
    return (found.pop(), body) if len(found) == 1 else None


def _county_prefix(name: str) -> str | None:
    """The county-level unit a name holds before its department (兖州区司法局 -> 兖州区;
    济宁市兖州区司法局 -> 兖州区; 屏边县司法局 -> 屏边县), as the gazetteer knows it."""
    generic = set(_words()["clue"]["generic_units"])
    best: tuple[int, int, str] | None = None  # (full name?, length, name)
    for end in range(2, len(name) + 1):
        if not name.endswith(_COUNTY_LEVELS, 0, end):
            continue
        for start in range(0, end - 1):
            sub = name[start:end]
            if sub in generic and start:  # 市中区 opening 市中区人社局 is the district
                continue
            full = any(c.name == sub for c in gz.county_named(sub))
            if not full and _prefecture_named(sub):
                continue  # 广安市司法局, 西安市应急管理局: the city's, not 广安区's or 西安区's
            loose = _counties_named(sub)[0] if not full and len(sub) >= 3 else []
            if full or loose:
                # a county by its short name and level (肃南县: 肃南裕固族自治县) counts as its
                # full name, so another county its last characters spell (南县) does not win
                short = any(c.short + sub[-1] == sub and c.name.endswith(sub[-1]) for c in loose)
                key = (int(full or short), len(sub), sub)
                best = max(best, key) if best else key
    return best[2] if best else None


def _decide(
    name: str,
    candidates: list[gz.GazetteerTown],
    total: int,
    units: list[_Unit],
    text: str,
    clue_text: str,
    note: str,
    factor: float,
    own_county: bool = False,
) -> Place:
    """Pick the candidate the clues favour; ``own_county``: the candidates are counties,
    whose own name in the text tells nothing."""
    scored = [
        (sum(c.weight for c in clues), clues, town)
        for town in candidates
        for clues in [
            [c for c in _clues_for(town, text, clue_text) if not own_county or c.level != "county"]
        ]
    ]
    scored.sort(key=lambda s: -s[0])
    best, clues, town = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    zone = next((u.name for u in units if u.level == "zone"), None)
    if zone and town.county:
        note += f"stated {zone} is not a county in the gazetteer; county from gazetteer; "
    if len(scored) == 1 and best == 0 and total > 1:
        return _place(
            name, town, 0.8 * factor, note + f"1 of {total} candidates fits what the text states"
        )
    if len(scored) == 1 and best == 0:
        others = _other_provinces(town, clue_text)
        if others:
            return _place(
                name,
                town,
                0.5 * factor,
                note + f"unique name in gazetteer, but text names {'、'.join(others)}",
            )
        return _place(name, town, 0.8 * factor, note + "unique name in gazetteer")
    if best == 0 or best == runner_up:
        tied = [t for s, _, t in scored if s == best]
        detail = "no clue" if best == 0 else "tie on " + "; ".join(c.phrase for c in clues)
        shared = {
            f: v.pop() for f in ("province", "city") if len(v := {getattr(t, f) for t in tied}) == 1
        }
        return Place(
            town=name,
            province=shared.get("province"),
            city=shared.get("city"),
            confidence=round(min(0.5, 1 / len(tied)) * factor, 2),
            how=note + f"ambiguous: {len(tied)} candidates, {detail}",
            identified=False,
        )
    clues = sorted(clues, key=lambda c: (-_LEVEL_RANK[c.level], -c.weight))
    confidence = _CONFIDENCE[clues[0].level] - (0.1 if runner_up > 0 else 0.0)
    if total == 1:
        confidence = max(confidence, 0.9)
        note += "unique name in gazetteer; "
    # A county decides alone; a weaker clue is reported with the next one.
    shown = clues[:1] if clues[0].level == "county" else clues[:2]
    return _place(name, town, confidence * factor, note + "; ".join(c.phrase for c in shown))


def _other_provinces(town: gz.GazetteerTown, clue_text: str) -> list[str]:
    return [
        p.short
        for p in gz.provinces()
        if p.name != town.province and (p.name in clue_text or p.short in clue_text)
    ]


def _elsewhere_named(town: gz.GazetteerTown, clue_text: str) -> bool:
    """The text names another province and not the town's own."""
    own = gz.province_named(town.province)
    return bool(_other_provinces(town, clue_text)) and not (
        own is not None and (own.name in clue_text or own.short in clue_text)
    )


def _place(name: str, town: gz.GazetteerTown, confidence: float, how: str) -> Place:
    return Place(
        town=name,
        county=town.county,
        city=town.city,
        province=town.province,
        county_code=town.county_code,
        confidence=round(confidence, 2),
        how=how,
    )


def _as_stated(
    name: str,
    chain: list[_Unit],
    superiors: list[_Unit],
    text: str,
    clue_text: str,
    elsewhere: str | None,
) -> Place:
    """A town the gazetteer lacks (as stated): keep what the text says of its hierarchy.

    The hierarchy written before the town's name comes first, then the
    superiors the text names (光山县委, 河南省、信阳市); levels above a known
    county or city are filled from the gazetteer.  ``elsewhere`` is the name or
    variant (新溪镇 for 新溪街道) the gazetteer has at places the text does not fit.
    """
    level: dict[str, _Unit] = {}
    for unit in chain:
        level.setdefault("county" if unit.level == "zone" else unit.level, unit)
    for unit in superiors:
        if unit.level not in level and _agrees(unit, level):
            level[unit.level] = unit
    county_unit, city_unit, province_unit = (level.get(k) for k in ("county", "city", "province"))
    county = _only(county_unit.counties) if county_unit else None
    known = [
        c
        for c in gz.county_named(county or "")
        if c.name == county
        and (not city_unit or c.city in city_unit.cities)
        and (not province_unit or c.province == province_unit.province)
    ]
    city = _only(city_unit.cities) if city_unit else (known[0].city if len(known) == 1 else None)
    province = province_unit.province if province_unit else None
    if province is None and len(known) == 1:
        province = known[0].province
    if province is None and city:
        province = next((c.province for c in gz.city_named(city) if c.name == city), None)
    how, confidence = "not in gazetteer; hierarchy as stated", 0.5
    if not level:
        named = [p for p in gz.provinces() if p.name in clue_text or p.short in clue_text]
        if len(named) == 1:
            province = named[0].name
            found = _find_name((named[0].name, named[0].short), clue_text) or (named[0].short, 0)
            how = "not in gazetteer; province clue: " + _cite(
                named[0].short, text, found, tail=False
            )
            confidence = 0.3
        else:
            how, confidence = "not in gazetteer; no hierarchy stated", 0.1
    if elsewhere == name:
        how += f" (gazetteer has {name} only elsewhere)"
    elif elsewhere:
        # 新溪街道, once 新溪镇: a status changed, or a namesake; the text does not say which
        where = "、".join(
            sorted({t.county or t.city or t.province for t in gz.towns_named(elsewhere)})
        )
        how += f" (gazetteer has {elsewhere} in {where}, not placed by the text)"
    county = county or (county_unit.name if county_unit else None)
    return Place(
        town=name,
        county=county,
        city=city or (city_unit.name if city_unit else None),
        province=province or (province_unit.name if province_unit else None),
        county_code=known[0].code if len(known) == 1 else None,
        confidence=confidence,
        how=how,
        # Without its county a township the gazetteer lacks may be any of its namesakes.
        identified=county is not None,
    )


def _only(names: frozenset[str]) -> str | None:
    return next(iter(names)) if len(names) == 1 else None


def _agrees(unit: _Unit, level: dict[str, _Unit]) -> bool:
    """Whether a named superior fits the levels already known (same city, province)."""
    if unit.level == "county":
        counties = [c for c in gz.county_named(unit.name) if c.name == unit.name]
        return any(
            (not level.get("city") or c.city in level["city"].cities)
            and (not level.get("province") or c.province == level["province"].province)
            for c in counties
        )
    if unit.level == "city" and level.get("province"):
        return any(c.province == level["province"].province for c in gz.city_named(unit.name))
    if unit.level == "province":
        # (湖南省永州市等多级领导调研 in 广州市花都区's street's report: a visitor, not its province)
        known = [level[k] for k in ("county", "city") if level.get(k)]
        return all(
            unit.province in _provinces_of(known_unit) or not _provinces_of(known_unit)
            for known_unit in known
        )
    return True


def _provinces_of(unit: _Unit) -> set[str]:
    """The provinces the gazetteer puts a stated county or city in (empty when it knows none)."""
    if unit.level == "city":
        return {c.province for name in unit.cities for c in gz.city_named(name) if c.name == name}
    return {c.province for name in unit.counties for c in gz.county_named(name) if c.name == name}


# ---------------------------------------------------------------- mentions


def _known_villages(towns: tuple[gz.GazetteerTown, ...]) -> frozenset[str]:
    generic = set(_words()["village"]["generic_names"])
    return frozenset(
        v for t in towns for v in gz.villages_of(t) if len(v) >= 2 and v not in generic
    )


def _place_towns(place: Place | None, name: str | None) -> tuple[gz.GazetteerTown, ...]:
    """Gazetteer towns whose villages may be trusted for this report."""
    if (
        place is None
        or place.kind is not EntityType.TOWN
        or not place.identified
        or place.how.startswith("not in gazetteer")
    ):
        return ()
    names = {n for n in (place.town, name) if n}
    return tuple(
        t
        for n in names
        for v, _ in _town_names(n)
        for t in gz.towns_named(v)
        if t.province == place.province and t.county == place.county and t.city == place.city
    )


def extract_places(doc: Document) -> list[Mention]:
    """Mentions of the report's town and of villages and communities.

    Parameters
    ----------
    doc : Document
        A structured report.

    Returns
    -------
    list of Mention
        ``Town`` mentions (key: the town's name) and ``Village`` mentions
        (key: the name as the gazetteer writes it, e.g. 田背村, 吉山社区),
        sorted by (start, end, type, key).

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("青禾镇2023年法治政府建设工作报告\\n一、工作\\n"
    ...                          "先后在东山社区、田背村等2个村（社区）开展宣传；做好社区矫正。")
    >>> sorted({m.key for m in extract_places(doc)})
    ['东山社区', '田背村', '青禾镇']
    """
    place = resolve_place(doc)
    mentions = _town_mentions(doc, place) + _village_mentions(doc, place)
    return sorted(set(mentions), key=lambda m: (m.start, m.end, m.type.value, m.key))


def _mention(doc: Document, start: int, end: int, type_: EntityType, key: str) -> Mention:
    return Mention(doc.text[start:end], type_, start, end, doc.section_kind_at(start), key)


def _town_mentions(doc: Document, place: Place | None) -> list[Mention]:
    """Where the report names its own unit: a township (``Town``) or a county (``County``)."""
    if place is None or place.kind is EntityType.ORGANIZATION:
        return []
    out: list[Mention] = []
    names = {n for n in (place.town, doc.town) if n}
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), doc.text):
            start = match.start()
            # 吉山镇 inside 大吉山镇 is another town.
            if any(
                gz.towns_named(doc.text[start - k : start] + name)
                for k in (1, 2, 3)
                if start - k >= 0 and _CJK_CHAR.match(doc.text[start - k])
            ):
                continue
            if not any(m.start <= start < m.end for m in out):
                out.append(_mention(doc, start, match.end(), place.kind, place.town))
    return out


class _Candidate(NamedTuple):
    """A village name found at a suffix."""

    start: int
    end: int
    key: str
    strong: bool  # accepted on its own, not only as part of an enumeration


def _cut_left(run: str) -> tuple[str, str]:
    """Split a run of characters before 村/社区 into (name, the boundary word before it).

    The name follows the last boundary word that leaves it two characters or
    more ("先后在吉山" -> ("吉山", "在")); with no boundary word the whole run
    is the name and the word is empty.
    """
    order, lengths = _bound_order()
    for cut in range(len(run) - 2, 0, -1):
        best = None  # the first listed of the words ending here
        for n in lengths:  # shortest first
            if n > cut:
                break
            rank = order.get(run[cut - n : cut])
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, run[cut - n : cut])
        if best is not None:
            return run[cut:], best[1]
    return run, ""


@cache
def _bound_order() -> tuple[dict[str, int], tuple[int, ...]]:
    """Each boundary word with its place in the list, and the lengths of the words."""
    order: dict[str, int] = {}
    for i, word in enumerate(_left_bounds()):
        order.setdefault(word, i)
    return order, tuple(sorted({len(word) for word in order}))


def _suffix_candidates(text: str, known: frozenset[str]) -> list[_Candidate]:
    """Every ``…村``/``…社区`` name at a suffix, with its evidence.

    Names the gazetteer lists under the town are taken as they are (longest
    match); other names start after the last boundary word and must look
    like a name (2-4 characters, not a generic word).
    """
    vocab = _village_words()
    known_lengths = sorted({len(name) for name in known}, reverse=True)
    out = []
    for match in _VILLAGE_SUFFIX.finditer(text):
        p, q, suffix = match.start(), match.end(), match.group()
        begin = _cjk_run_start(text, max(0, p - 8), p)
        run = text[begin:p]
        # 马安村村委会 / 吉山社区居委会: the committee of a village already seen.
        if not run or run.endswith(("村", "社区")):
            continue
        # The longest listed name ending here whose stem lies in the run, tried by its length.
        listed = next(
            (
                text[q - length : q]
                for length in known_lengths
                if 0 < length - len(suffix) <= len(run) and text[q - length : q] in known
            ),
            None,
        )
        if listed:
            out.append(_Candidate(q - len(listed), q, listed, True))
            continue
        if run[-1] in vocab.never_last or run.endswith(_word_bounds()):
            continue  # 在各村, 深入村: 村 stands on its own
        stem, bound = _cut_left(run)
        at_boundary = begin == 0 or not _CJK_CHAR.match(text[begin - 1])
        if not bound and not at_boundary:
            continue  # the run was cut at 8 characters: where the name starts is unknown
        name = stem + suffix
        if not _plausible_stem(stem) or name in vocab.generic_names:
            continue
        follower = text[q : q + 8]
        strong = follower.startswith(vocab.strong_followers)
        if follower.startswith(vocab.reject_followers) and not strong:
            continue
        # A name that starts a clause or follows 在/到 and is followed by what
        # is said of villages (被评为, 成功创建) is a village too.
        strong = (
            strong
            or bound in vocab.locative_bounds
            or (follower.startswith(vocab.predicate_followers) and (at_boundary or bound != ""))
        )
        out.append(_Candidate(p - len(stem), q, name, strong))
    return out


def _plausible_stem(stem: str) -> bool:
    vocab = _village_words()
    return (
        2 <= len(stem) <= 4
        and stem[0] not in vocab.generic_first
        and not stem.endswith(vocab.generic_stem_endings)
        and bool(_CJK_ONLY.fullmatch(stem))
    )


@dataclass(frozen=True)
class _VillageWords:
    """The ``[village]`` table of ``data/place_words.toml``, as sets and tuples for matching."""

    generic_names: frozenset[str]
    generic_first: frozenset[str]
    generic_stem_endings: tuple[str, ...]
    never_last: frozenset[str]
    strong_followers: tuple[str, ...]
    predicate_followers: tuple[str, ...]
    reject_followers: tuple[str, ...]
    locative_bounds: frozenset[str]


@cache
def _village_words() -> _VillageWords:
    vocab = _words()["village"]
    return _VillageWords(
        generic_names=frozenset(vocab["generic_names"]),
        generic_first=frozenset(vocab["generic_first"]),
        generic_stem_endings=tuple(vocab["generic_stem_endings"]),
        never_last=frozenset(vocab["never_last"]),
        strong_followers=tuple(vocab["strong_followers"]),
        predicate_followers=tuple(vocab["predicate_followers"]),
        reject_followers=tuple(vocab["reject_followers"]),
        locative_bounds=frozenset(vocab["locative_bounds"]),
    )


def _village_mentions(doc: Document, place: Place | None) -> list[Mention]:
    text = doc.text
    known = _known_villages(_place_towns(place, doc.town))
    keys = {v for v in known if v in text}
    candidates = _suffix_candidates(text, known)
    separators = set(_words()["village"]["separators"])
    for a, b in zip(candidates, candidates[1:]):
        if text[a.end : b.start] in separators:
            keys.update((a.key, b.key))
    keys.update(c.key for c in candidates if c.strong)
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        for match in re.finditer(re.escape(key), text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            # 田背村 inside 上田背村 is another village when the gazetteer says so.
            if start and text[start - 1] + key in known:
                continue
            taken.append((start, end))
            out.append(_mention(doc, start, end, EntityType.VILLAGE, key))
    return out
