"""Officials: named people with their posts (党委书记谭永锋同志, 叶荣华（镇长）).

A mention's span is the person's **name only**, so its offsets point at the
person; the post goes into ``attrs`` as ``("post", <canonical post>)`` and the
key is the name.  A person with two posts gets two mentions, and each
(person, post) pair is reported once, at its first occurrence.

These written forms are read:

- POST NAME: ``党委书记谭永锋同志``, ``党委副书记、镇长陈晓东``;
- NAME （POST）: ``叶荣华（镇长）``;
- NAME 同志 任 POST: ``谭永锋同志任党委书记``;
- NAME POST before a cue: ``王东升县长主持`` (not where the report writes the
  "name" as a place elsewhere: 黄鹤镇 ... 黄鹤镇长);
- BODY NAME HEAD: ``派出所王某所长``, ``南苑街道王某副书记``, and a lecturer's or
  judge's title after the institution (``党校张某教授``, ``法院李某法官``);
- elections, appointments and resignations: ``选举甲为镇长，乙、丙为副镇长``,
  ``丁当选为副乡长``, ``任命戊同志为副县长、代理县长``, ``接受己辞去县长职务``
  (a resignation names a post held up to the decision; a candidate holds none).

Posts outside ``official_posts.toml`` are read as a grammar
(``official_grammar.toml``): a place or level, the bodies a post sits in, its own
body and a head (县委组织部常务副部长, 市政协人资环委主任); the canonical form keeps
the innermost body and the head (组织部常务副部长), and of a unit named after a
place only its kind (辛家庙派出所指导员 -> 派出所指导员, but 交警大队大队长). A table post behind a place or
body is that post (甘谷县人民政府副县长 -> 副县长), but a township post after a
county word keeps it (海陵区纪委书记 -> 区纪委书记). A chain of posts is also read
backwards from the name after it, piece by piece between 、: a session role
(主席团常务主席) gives no post, and a bare head takes the body of the post before it
in the sentence (区政协主席甲，副主席乙、丙 -> 政协副主席).

A chain of posts may hold, after a 、, a committee role that gives no post
(``党委副书记、镇依法治理委员会常务副主任孙立平``) or a post with its body
before it (``副区长、区公安分局局长许建锋``): ``official_chain.toml``.

Reports name posts far more often than people ("由镇党委书记、镇长任组长"),
so a name is accepted only when it starts with a surname, contains no role
or function word, is not a common dictionary word, and is followed by a cue
(punctuation, 同志, 任, 主持 ...) that closes it; the data files under
``extractors/data/official_*`` hold these vocabularies.

When a lost separator glues posts together ("党委书记镇长叶荣华"), each post
goes to the person, except that a one-holder post (``unique`` in
``official_posts.toml``) already held by someone named right after it
("党委书记谭永锋") is not given to a second person through such a chain.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text("成立领导小组，由镇党委书记、镇长任组长。党委书记张建国同志主持会议。")
>>> [(m.key, m.attr("post")) for m in extract_officials(doc)]
[('张建国', '党委书记')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.chars import HAN
from kg.extractors import datafiles
from kg.extractors.wordfind import trie_pattern
from kg.model import TOWNSHIP_ENDINGS, Document, EntityType, Mention

_IS_CJK = re.compile(f"[{HAN}]")
# Level words a report may put before a post (镇党委书记, 局党组书记; 乡长 is a post of its own).
_LEVELS = (*TOWNSHIP_ENDINGS, "局")
_LEVEL_PREFIX = f"(?:{'|'.join(_LEVELS)})?"
# Separators inside a chain of posts held by one person; the empty one covers lost 、.
_CHAIN_SEP = "[、/和及兼]?"
# A post is not the township's when a village, district or county word stands before it
# (村党委书记, 区党工委书记, 县委书记), unless it is the head of that place
# (通州区区长, 青禾县副县长: ``after_place`` in official_chain.toml).
_NOT_TOWN_BEFORE = "(?<![村区县市省])"
# Dictionary frequencies (jieba's dict.txt) from which a candidate is a common word, not a name.
_WORD_FREQ = 100
_PREFIX_WORD_FREQ = 500
# Given names can be words (建华, 志军); only a very common one after 于/向 ... is no name.
_GIVEN_WORD_FREQ = 1000
# Even with 同志 or （镇长） a very common word is no name.
_CERTAIN_WORD_FREQ = 1000
# ... but between a post and 同志 only the commonest are refused (县委书记江夏同志: 江夏 is a
# district's name too; 国家 is no one's).
_POSTED_WORD_FREQ = 10_000
# Characters that go on a list after a name, or open what the person does, and almost never
# end a given name ("宋乔从…汇报" is 宋乔 + 从, "黄慧说" is 黄慧 + 说).
_LIST_AFTER_NAME = "等及与从就向说"
# Notes between a post and its holder's name: 司法所所长（兼）高远.
_POST_NOTES = ("（兼）", "(兼)", "（挂职）", "(挂职)")
# Any short remark in brackets between a post and the name after it.
_POST_NOTE = re.compile(f"[（(][{HAN}、，,]{{1,10}}[）)]")
# Names after one post that share it, at most (县委常委甲、乙、丙 …).
_MAX_LISTED = 8


@dataclass(frozen=True)
class _Claim:
    """One (name, post) reading before conflicts and duplicates are resolved."""

    name: str
    start: int
    end: int
    post: str
    direct: bool  # the post stands right next to the name, not earlier in a glued chain


@cache
def _posts() -> tuple[dict[str, str], frozenset[str]]:
    """Variant -> canonical post, and the set of one-holder posts."""
    table = datafiles.toml("official_posts.toml")
    variants: dict[str, str] = {}
    unique = set()
    for canonical, entry in table.items():
        for variant in [canonical, *entry.get("variants", [])]:
            variants.setdefault(variant, canonical)
        if entry.get("unique"):
            unique.add(canonical)
    return variants, frozenset(unique)


@cache
def _post_alternation() -> str:
    """Every variant of every post, as one regex that prefers the longest (a trie: the engine
    follows one branch a character instead of trying each of ~150 posts in turn)."""
    return trie_pattern(_posts()[0])


@cache
def _post_pattern() -> re.Pattern[str]:
    """One post; group 1 is the variant as written, without a level word."""
    return re.compile(f"{_LEVEL_PREFIX}({_post_alternation()})")


@cache
def _chain_words() -> dict[str, list[str]]:
    """Committee roles, bodies before a post and place suffixes (``official_chain.toml``)."""
    return datafiles.toml("official_chain.toml")


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _role() -> str:
    """A role in a committee or group (依法治镇委员会常务副主任): it gives no post."""
    words = _chain_words()
    return f"[{HAN}]{{2,16}}?(?:{_alternation(words['bodies'])})(?:{_alternation(words['roles'])})"


@cache
def _org() -> str:
    """The body a post belongs to, written before it (区公安分局 in 区公安分局局长), or its level
    (市 in 市公安局长)."""
    words = _chain_words()
    return f"[{HAN}]{{1,10}}?(?:{_alternation(words['org_endings'])})|[{''.join(words['levels'])}]"


@cache
def _chain_body() -> str:
    post = f"{_LEVEL_PREFIX}(?:{_post_alternation()})"
    # After an explicit 、 or /, a committee role or a post with its body may follow.
    later = f"(?:[、/](?:{_role()}|(?:{_org()})?{post})|{_CHAIN_SEP}{post})"
    return f"{post}{later}*"


@cache
def _piece_pattern() -> re.Pattern[str]:
    """One piece of a chain between 、 or /: a role, or posts with the body before them."""
    post = f"{_LEVEL_PREFIX}(?:{_post_alternation()})"
    posts = f"{post}(?:{_CHAIN_SEP}{post})*"
    # the posts alone first: 县委副书记 is one post, not 县委 + 副书记
    return re.compile(f"(?P<posts>{posts})|(?P<role>{_role()})|(?:{_org()})(?P<org_posts>{posts})")


@cache
def _chain_pattern() -> re.Pattern[str]:
    heads = _alternation(_chain_words()["after_place"])
    before = f"(?:{_NOT_TOWN_BEFORE}|(?<=[{''.join(_chain_words()['levels'])}])(?={heads}))"
    return re.compile(_opening_guard([*_LEVELS, *_posts()[0]]) + before + _chain_body())


@cache
def _after_name_pattern() -> re.Pattern[str]:
    """Name followed by （POSTS） or by 同志? 任 POSTS."""
    chain = _chain_body()
    return re.compile(
        _opening_guard(["（", "(", "同志", "担任", "兼任", "任", "系"])
        + f"(?:(?:同志)?[（(]\\s*(?P<bracketed>{chain})\\s*[）)]"
        f"|(?P<comrade>同志)?(?:担任|兼任|任|系)(?P<appointed>{chain}))"
    )


def _opening_guard(openings: list[str]) -> str:
    """A lookahead on the first characters of ``openings``, for a pattern opening with one of them.

    It changes no match, but lets the regex engine leave most positions after
    one test instead of trying every alternative of a long alternation there.
    """
    return f"(?=[{''.join(sorted({re.escape(word[0]) for word in openings}))}])"


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-character and compound surnames.

    Compound surnames stand alone on their line; other lines are runs of
    single-character surnames.
    """
    single: set[str] = set()
    compound: set[str] = set()
    for line in datafiles.lines("official_surnames.txt"):
        if len(line) == 2:
            compound.add(line)
        else:
            single.update(ch for ch in line if _IS_CJK.match(ch))
    return frozenset(single), frozenset(compound)


@cache
def _cues() -> tuple[str, ...]:
    return tuple(sorted(datafiles.lines("official_name_cues.txt"), key=len, reverse=True))


@cache
def _long_cues() -> tuple[str, ...]:
    """The cues of two characters or more."""
    return tuple(cue for cue in _cues() if len(cue) > 1)


@cache
def _left_cues() -> tuple[str, ...]:
    return tuple(sorted(datafiles.lines("official_left_cues.txt"), key=len, reverse=True))


@cache
def _function_surnames() -> frozenset[str]:
    return frozenset("".join(datafiles.lines("official_function_surnames.txt")))


@cache
def _not_name_words() -> tuple[str, ...]:
    return datafiles.lines("official_not_names.txt")


@cache
def _not_name_pattern() -> re.Pattern[str]:
    """Any role or function word: 主任, 书记, 任 ..."""
    return re.compile("|".join(map(re.escape, _not_name_words())) or r"(?!)")


@cache
def _role_word_pattern() -> re.Pattern[str]:
    """Any role or function word of two characters or more (主任, 书记)."""
    words = [word for word in _not_name_words() if len(word) > 1]
    return re.compile("|".join(map(re.escape, words)) or r"(?!)")


def _common_words() -> dict[str, int]:
    """Frequent 2-4 character words and their frequencies (jieba's, see LICENSES/README.md)."""
    return datafiles.common_words()


def canonical_post(text: str) -> str | None:
    """Canonical post for a written post title, or None if it is not a post.

    A post of ``official_posts.toml`` (alone or behind a place or body), else a post of
    the grammar: the innermost body and the head; bare heads, roles of groups and
    memberships (组长, 依法治县委员会主任, 政协委员) are none.

    Examples
    --------
    >>> canonical_post("镇党委书记"), canonical_post("司法所所长"), canonical_post("组长")
    ('党委书记', '司法所长', None)
    >>> canonical_post("甘谷县人民政府副县长"), canonical_post("县委组织部常务副部长")
    ('副县长', '组织部常务副部长')
    """
    return _table_post(text) or _grammar_post(text)


def _table_post(text: str) -> str | None:
    """A table post, written alone or behind a place, level or body (甘谷县人民政府副县长)."""
    longest = _table_suffix(text)
    for cut in _cuts(text):
        if longest is not None and len(longest[0]) > len(text) - cut:
            return _keep_level(text, len(text) - len(longest[0]), longest[1])
        post = _post_from(text, cut)
        if post is not None:
            return _keep_level(text, cut, post)
    return None


def _post_from(text: str, cut: int) -> str | None:
    """The canonical table post ``text[cut:]`` is (a variant, or a post with its level word)."""
    variants = _posts()[0]
    if text[cut:] in variants:
        return variants[text[cut:]]
    match = _post_pattern().fullmatch(text, cut)
    return variants[match.group(1)] if match else None


def _keep_level(text: str, cut: int, post: str) -> str:
    """A township post written after a county-level place word keeps it (区纪委书记)."""
    words = _grammar()
    if (
        cut > 0
        and not text.startswith(_LEVELS, cut)  # 肖旗乡人大主席: the township's
        and text[cut - 1] in words["county_levels"]
        and post in words["keep_level"]
        and not text[:cut].endswith(tuple(words["zone_words"]))
    ):
        return text[cut - 1] + post
    return post


def _grammar_post(text: str) -> str | None:
    """BODY + HEAD read as a post (县委组织部常务副部长 -> 组织部常务副部长), or None."""
    words = _grammar()
    if any(text.endswith(word) for word in words["not_posts"]):
        return None
    head = _head_at_end(text)
    if head is None:
        return None
    if text == head and head in words["bodied_heads"]:
        return head  # 副大队长 alone names its brigade
    # a former post is one held (办事处原主任 -> 办事处主任, as 原镇长 -> 镇长)
    body = _inner_body(text[: -len(head)].removesuffix("原"))
    return body + head if body else None


def _head_at_end(text: str) -> str | None:
    return next((head for head in _heads() if text.endswith(head)), None)


def _inner_body(body: str) -> str | None:
    """The innermost body of ``body`` (县委组织部 -> 组织部, 市政协人资环委 -> 人资环委), or None
    when it names no body or a group whose heads are roles (领导小组)."""
    words = _grammar()
    if body.endswith(tuple(words["role_bodies"])) or _has_role_marker(body):
        # (a division of a group's office is a body of staff: 依法治市办秘书科)
        division = _DIVISION.search(body)
        return division.group() if division else None
    endings = tuple(words["body_endings"])
    # A cut after a body word needs a body of two characters or more before it (组织部|远教办,
    # not 联|合党委), and a one-character body word that holds other bodies (not 教科|文卫委).
    cuts, last = [0], 0
    for start, end in _boundaries(body):
        word = body[start:end]
        if (
            word in words["levels"]
            or word in words["outer"]
            or (end - last >= 2 and (len(word) > 1 or word in words["containing_bodies"]))
        ):
            cuts.append(end)
            last = end
    for cut in sorted(set(cuts), reverse=True):
        rest = body[cut:]
        if len(rest) >= 2 and rest.endswith(endings):
            return _without_name(rest)
    return None


def _without_name(body: str) -> str:
    """A unit's body without the place or proper name written before it (辛家庙派出所 ->
    派出所, 新北大队 -> 大队), keeping a word that says its kind (城南交警中队 -> 交警中队)."""
    unit = next((u for u in _longest("named_units") if body.endswith(u)), None)
    if unit is None:
        return body
    before = body[: -len(unit)]
    kind = next((k for k in _longest("unit_kinds") if before.endswith(k)), "")
    return kind + unit


@cache
def _longest(key: str) -> tuple[str, ...]:
    """A word list of the grammar, longest first."""
    return datafiles.longest_first(_grammar()[key])


def _cuts(text: str) -> list[int]:
    """Where a post may start inside ``text``: its start, the start of a place or level word and
    the end of any place, level or body word (青禾县|人民政府|副县长)."""
    words = _grammar()
    cuts = {0}
    for start, end in _boundaries(text):
        cuts.add(end)
        word = text[start:end]
        if word[0] in words["levels"] or word in words["outer"] or word in words["place_words"]:
            cuts.add(start)
    return sorted(cut for cut in cuts if cut < len(text))


@cache
def _boundary_pattern() -> re.Pattern[str]:
    """Place, level, body and function words inside a written post, longest first; words in
    which a level character is no place end (市场, 社区) are matched, then skipped."""
    words = _grammar()
    levels = "".join(words["levels"])
    return re.compile(
        f"(?P<place>{_alternation(words['place_words'])})"
        f"|(?P<skip>{_alternation(words['not_places'])})"
        f"|(?P<word>{_alternation(words['outer'])}|第[一二三四五六七八九十百0-9]+届"
        f"|[{levels}]委|{_alternation(words['body_endings'])}|[{levels}]"
        f"|[{''.join(words['function_chars'])}])"
    )


def _boundaries(text: str) -> list[tuple[int, int]]:
    function_chars = _grammar()["function_chars"]
    return [
        m.span()
        for m in _boundary_pattern().finditer(text)
        if m.lastgroup != "skip"
        and not (m.group() in function_chars and _in_compound_body(text, m.start()))
    ]


@cache
def _grammar() -> dict[str, list[str]]:
    """Heads, bodies and election words (``official_grammar.toml``)."""
    return datafiles.toml("official_grammar.toml")


@cache
def _heads() -> tuple[str, ...]:
    return datafiles.longest_first(_grammar()["heads"])


_ALL_CJK = re.compile(f"[{HAN}]+")  # a name is Han characters only


def is_plausible_name(name: str, certain: bool = False, posted: bool = False) -> bool:
    """Whether ``name`` can be a person's name (2-4 characters, surname first).

    ``certain`` relaxes the dictionary tests for forms that mark a person
    anyway (``X同志``, ``X（镇长）``): only very common words are refused;
    ``posted`` (a post right before) with ``certain`` refuses only the commonest, and
    alone lets a name's first two characters be a word (镇长王国华: 王国).

    Examples
    --------
    >>> is_plausible_name("谭永锋"), is_plausible_name("欧阳明华"), is_plausible_name("任组长")
    (True, True, False)
    >>> is_plausible_name("全面"), is_plausible_name("高度重视"), is_plausible_name("来渝", posted=True)
    (False, False, False)
    """
    if not 2 <= len(name) <= 4 or _ALL_CJK.fullmatch(name) is None:
        return False
    single, compound = _surnames()
    if name[:2] in compound and len(name) >= 3:
        surname, given = name[:2], name[2:]
    elif name[0] in single and len(name) <= 3:
        surname, given = name[0], name[1:]
    else:
        return False
    if _not_name_pattern().search(given):
        return False
    if given in _grammar()["province_characters"] and surname in _grammar()["motion_verbs"]:
        return False  # 来渝: a trip to 重庆
    common = _common_words()
    if certain:
        limit = _POSTED_WORD_FREQ if posted else _CERTAIN_WORD_FREQ
    else:
        limit = _WORD_FREQ
    if common.get(name, 0) >= limit:
        return False  # 国家（镇长）is a slip, not a person; rare names like 金华 stay with 同志
    if certain or len(surname) == 2:
        return True
    ambiguous = surname in _function_surnames()
    if ambiguous and common.get(given, 0) >= _GIVEN_WORD_FREQ:
        return False  # 于会上, 向全镇: a preposition or adverb before a word
    if posted and not ambiguous:
        return True  # right after a post: 王国华, 黄金华 (王国, 黄金 are words too)
    # 黄金华? 高度重视! A surname that opens a common word starts no name (常态化).
    limit = _WORD_FREQ if ambiguous else _PREFIX_WORD_FREQ
    return len(name) < 3 or common.get(name[:2], 0) < limit


_SINCE = ("以来", "以后", "以前")  # a time that 以 opens, after a post (任镇长以来)


def _closes_name(text: str, pos: int) -> bool:
    """Whether a name may end right before ``pos``."""
    if pos >= len(text) or not _IS_CJK.match(text[pos]):
        return True
    # the cue 以 (甲以…为主题) does not open a time (任镇长以来: no name, no post held)
    return text.startswith(_cues(), pos) and not text.startswith(_SINCE, pos)


def _opens_name(text: str, pos: int) -> bool:
    """Whether a name may start at ``pos``."""
    if pos <= 0 or not _IS_CJK.match(text[pos - 1]):
        return True
    return text.endswith(_left_cues(), 0, pos)


def _lengths(text: str, pos: int) -> tuple[int, ...]:
    """Name lengths to try at ``pos``, most likely first."""
    if text[pos : pos + 2] in _surnames()[1]:
        return 4, 3
    return 3, 2


def _runs_into_role(text: str, start: int, end: int) -> bool:
    """Whether a role word starts inside ``text[start:end]`` and runs on past it.

    "任主任" cut as 任主 + 任 hides the role word 主任 across the cut.
    """
    # The leftmost match is the earliest start of any word in the window.
    role = _role_word_pattern().search(text[start : end + 3])
    return role is not None and role.start() < end - start


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends inside a common word (来不|及, 毛利|率)."""
    common = _common_words()
    return any(text[start : end + k] in common for k in (1, 2))


def _name_after(text: str, pos: int, after_post: bool = False) -> tuple[int, int, bool] | None:
    """A name starting at ``pos`` and closed by a cue: (start, end, certain).

    ``after_post``: a post stands right before ``pos``."""
    found = []
    for n in _lengths(text, pos):
        end = pos + n
        if end <= len(text) and _closes_name(text, end):
            certain = text.startswith("同志", end)
            if (
                is_plausible_name(text[pos:end], certain, posted=after_post)
                and not _runs_into_role(text, pos + 1, end)
                and (certain or not _cuts_a_word(text, pos, end))
                # nor a cue's first character (黎明担|任: 黎明 and 担任)
                and (n < 3 or not _long_cue_at(text, end - 1))
            ):
                found.append((pos, end, certain))
    if len(found) == 2 and (
        text[found[1][1]] in _LIST_AFTER_NAME or _long_cue_at(text, found[1][1])
    ):
        # "王强等，" is 王强 + 等 and "刘涛关于" is 刘涛 + 关于: the cue claims the last character.
        return found[1]
    return found[0] if found else _name_written_elsewhere(text, pos)


def _name_written_elsewhere(text: str, pos: int) -> tuple[int, int, bool] | None:
    """A name at ``pos`` that no cue closes here but one closes where the text writes it
    again nearby (派出所教导员张伟整队出发 … 张伟介绍): the words after it are no part of it.

    Only _ELSEWHERE_WINDOW characters either side and _ELSEWHERE_TRIES places are read:
    a text repeating one post and name thousands of times would otherwise be read once
    for each of them.
    """
    low, high = max(pos - _ELSEWHERE_WINDOW, 0), pos + _ELSEWHERE_WINDOW
    for n in _lengths(text, pos):
        end = pos + n
        name = text[pos:end]
        if end > len(text) or not is_plausible_name(name) or _cuts_a_word(text, pos, end):
            continue
        at = text.find(name, low, high)
        for _ in range(_ELSEWHERE_TRIES):
            if at == -1:
                break
            if at != pos and _closes_name(text, at + n) and _opens_name(text, at):
                return pos, end, False
            at = text.find(name, at + 1, high)
    return None


_ELSEWHERE_WINDOW = 1_000
_ELSEWHERE_TRIES = 8


def _long_cue_at(text: str, pos: int) -> bool:
    return text.startswith(_long_cues(), pos)


def _name_before(text: str, end: int, certain: bool) -> tuple[int, int] | None:
    """A name ending at ``end`` and opened by a cue: (start, end)."""
    found = []
    for n in (4, 3, 2):
        start = end - n
        if start < 0 or (n == 4 and text[start : start + 2] not in _surnames()[1]):
            continue
        if _opens_name(text, start) and is_plausible_name(text[start:end], certain):
            found.append((start, end))
    if (
        len(found) >= 2
        and found[0][1] - found[0][0] == 3
        and found[1][1] - found[1][0] == 2
        and text[found[0][0]] in _left_cues()
    ):
        return found[1]  # "和王强（镇长）" reads as 和 + 王强: a leading cue yields
    return found[0] if found else None


def _chain_posts(chain: str) -> list[str]:
    """The posts of a chain in order; committee roles and the bodies before posts give none."""
    variants = _posts()[0]
    posts: list[str] = []
    for piece in re.split("[、/]", chain):
        match = _piece_pattern().fullmatch(piece)
        written = (match.group("posts") or match.group("org_posts")) if match else piece
        if written:
            posts.extend(variants[m.group(1)] for m in _post_pattern().finditer(written))
    return posts


def _name_before_post(text: str, chain: re.Match[str]) -> tuple[int, int] | None:
    """A name written right before one post, closed by a cue: 王东升县长主持会议.

    The name must be opened by punctuation or a cue, and must not be a place the
    report names with a suffix elsewhere (黄鹤镇 ... "黄鹤镇长" is the town's head).
    """
    written = chain.group(0)
    if written not in _posts()[0] or not _closes_name(text, chain.end()):
        return None
    span = _name_before(text, chain.start(), certain=False)
    if span is None or _cuts_a_word(text, span[0], span[1]):
        return None
    if text[span[1] - 1] in {verb for verb in _grammar()["verbs"] if len(verb) == 1}:
        return None  # 选举甲、乙为副镇长: 乙为 is no name (the election reads 乙)
    if _named_as_place(text, text[span[0] : span[1]], written):
        return None
    return span


def _named_as_place(text: str, name: str, written: str) -> bool:
    """Whether the report writes ``name`` as a place elsewhere (黄鹤镇 … "黄鹤镇长", 金湾区 …
    "金湾区委书记"), so that before ``written`` it is the place's name, not a person's."""
    for suffix in _chain_words()["place_suffixes"]:
        as_place = text.count(name + suffix)
        if written.startswith(suffix):
            as_place -= text.count(name + written)
        if as_place > 0:
            return True
    return False


def _claims(text: str) -> list[_Claim]:
    read, replaced = _grammar_claims(text)
    claims = [c for c in _table_claims(text) if (c.start, c.post) not in replaced]
    return claims + read + _election_claims(text)


def _table_claims(text: str) -> list[_Claim]:
    claims: list[_Claim] = []
    for chain in _chain_pattern().finditer(text):
        name = _name_after(text, _name_start(text, chain.end()), after_post=True)
        if name is None:
            before = _name_before_post(text, chain)
            if before is not None:
                post = _posts()[0][chain.group(0)]
                claims.append(_Claim(text[before[0] : before[1]], *before, post, direct=True))
            continue
        start, end, _ = name
        posts = _chain_posts(chain.group(0))
        for i, post in enumerate(posts):
            claims.append(_Claim(text[start:end], start, end, post, direct=i == len(posts) - 1))
        for a, b in _names_listed_after(text, end, posts):
            claims.extend(_Claim(text[a:b], a, b, post, direct=True) for post in posts)
    for match in _after_name_pattern().finditer(text):
        bracketed = match.group("bracketed")
        written = bracketed or match.group("appointed")
        certain = bracketed is not None or match.group("comrade") is not None
        if not certain and not _closes_name(text, match.end()):
            continue  # without 同志, "张三任党委书记X" may be a longer phrase
        span = _name_before(text, match.start(), certain)
        if span is None:
            continue
        start, end = span
        for post in _chain_posts(written):
            claims.append(_Claim(text[start:end], start, end, post, direct=True))
    return claims


# Where a sentence ends: a bare head takes its body only from a post in the same sentence.
_SENTENCE_END = re.compile("[。！？!?\n]")
# A written post read backwards from its holder's name is at most this long.
_PIECE_MAX = 20


@cache
def _post_end_pattern() -> re.Pattern[str]:
    """A head of the grammar or a table post: what a post ends with before its holder's name."""
    return re.compile(trie_pattern([*_heads(), *_posts()[0]]))


def _grammar_claims(text: str) -> tuple[list[_Claim], set[tuple[int, str]]]:
    """Posts read backwards from the name after them, piece by piece between 、.

    A piece is a table post (behind a place or body: 甘谷县人民政府副县长), a post of the
    grammar (县委组织部常务副部长), a session role that gives no post (主席团常务主席), or a bare
    head that takes the body of the post before it in the sentence (区政协主席甲，副主席乙).

    Returns the claims and the (name start, post) pairs of the table reading that this
    reading replaces: a table post cut out of a longer post (办公室主任 of 人事代表办公室主任),
    or a post that belongs to a name written before it (刘某副镇长、党委委员王某).
    """
    claims: list[_Claim] = []
    replaced: set[tuple[int, str]] = set()
    previous, previous_end = "", 0
    ends = list(_post_end_pattern().finditer(text))  # read here and by _inside_claims
    for match in ends:
        name = _name_after(text, _name_start(text, match.end()), after_post=True)
        if name is None:
            continue
        listed = _next_field(text, previous_end, match)
        if _SENTENCE_END.search(text, previous_end, match.start()) and not listed:
            previous = ""
        pieces, before = _pieces_before(text, match.end())
        bare = pieces[0] if len(pieces) == 1 else None
        if bare is not None:
            pieces = [_with_duty_body(text, match.end() - len(bare), bare)]
        posts: list[str] = []
        for piece in pieces:
            post = _piece_post(piece, previous, listed)
            if post is None:
                continue
            posts.append(post)
            if _head_at_end(piece) != piece:
                previous = piece
        previous_end = match.end()
        start, end, _ = name
        for piece in pieces if bare is None else [*pieces, bare]:
            replaced.update(
                (start, post) for post in _table_suffix_posts(piece) if post not in posts
            )
        if before is not None:
            holder, post = before
            claims.append(_Claim(text[holder[0] : holder[1]], *holder, post, direct=True))
            replaced.add((start, post))
        for post in posts:
            claims.append(_Claim(text[start:end], start, end, post, direct=True))
        shared = [post for post in posts if _is_shared(post)]
        if shared and len(shared) == len(posts):
            for a, b in _names_listed_after(text, end, shared):
                claims.extend(_Claim(text[a:b], a, b, post, direct=True) for post in shared)
                if before is not None:
                    replaced.add((a, before[1]))
    return claims + _inside_claims(text, ends), replaced


def _next_field(text: str, previous_end: int, match: re.Match[str]) -> bool:
    """Whether the post at ``match`` opens a field line right under the field line of the post
    ending at ``previous_end`` (村委会主任：甲 / 委员：乙、丙): the lines list one body's members,
    so a bare head takes the body of the post above it."""
    return (
        bool(previous_end)
        and _FIELD_BREAK.fullmatch(text, previous_end, match.start()) is not None
        and text.startswith(("：", ":"), match.end())
    )


# What lies between a field's post and the next field's: the colon, the holders, one line break.
_FIELD_BREAK = re.compile("[：:][^。！？!?\n]*\n")


@cache
def _duty_pattern() -> re.Pattern[str]:
    """A body and a duty before a bare head: 区委政法委|分管日常工作的|副书记."""
    return re.compile(
        f"(?:^|[^{HAN}])(?P<body>[{HAN}]{{2,16}}?)(?:分管|主持|负责)[{HAN}]{{1,12}}的$"
    )


def _with_duty_body(text: str, start: int, piece: str) -> str:
    """A bare post with the body written before its duty (区委政法委分管日常工作的副书记 ->
    区委政法委副书记); the piece as it is otherwise."""
    if piece not in _heads() and _table_suffix(piece) != (piece, _posts()[0].get(piece)):
        return piece
    found = _duty_pattern().search(text, max(start - 30, 0), start)
    if found is None or canonical_post(found.group("body") + piece) is None:
        return piece
    return found.group("body") + piece


def _inside_claims(text: str, ends: list[re.Match[str]]) -> list[_Claim]:
    """A name written between its body and its head (派出所王某所长, 吉庆社区吴某书记介绍)."""
    claims = []
    for match in ends:
        if not _closes_name(text, match.end()):
            continue
        for n in (3, 2):
            start = match.start() - n
            name = text[start : match.start()]
            if start < 2 or not is_plausible_name(name) or name in _common_words():
                continue
            body = _han_tail(text[max(start - 6, 0) : start])
            post = _post_after_body(body, match.group())
            if post is not None:
                claims.append(_Claim(name, start, match.start(), post, direct=True))
                break
    return claims


def _han_tail(text: str) -> str:
    """The Han characters ``text`` ends with."""
    start = len(text)
    while start > 0 and _IS_CJK.match(text[start - 1]):
        start -= 1
    return text[start:]


def _post_after_body(body: str, head: str) -> str | None:
    """The post ``body + head`` names when a post starts inside ``body``: a table post (南苑街道
    + 副书记 -> 街道副书记 -> 党工委副书记, not 负责人 + 副镇长) or a unit's body and a head of
    the grammar (城南派出所 + 指导员 -> 派出所指导员)."""
    written = body + head
    for cut in _cuts(written):
        if cut >= len(body):
            break
        post = _post_from(written, cut)
        if post is not None:
            return post
    if head in _heads() and body.endswith(_longest("named_units")):
        return _grammar_post(written)
    institution = next((i for i in _longest("institutions") if body.endswith(i)), None)
    if institution is not None:  # 党校张某教授, 干部学院李某副院长 -> 学院副院长
        return _table_post(head) or _grammar_post(institution + head)
    return None


def _piece_post(piece: str, previous: str, listed: bool = False) -> str | None:
    """The post of one piece; a bare head (副主任) takes the body of ``previous``, whatever its
    rank when the two are ``listed`` as fields of one body."""
    if _is_role(piece):
        return None
    # A table post the piece ends with wins over a body read into the words before it: those
    # may be a verb or a bare place name (支持纪委书记, 石马司法所所长).
    post = _table_post(piece) or _table_suffix_post(piece) or _grammar_post(piece)
    if post is None and piece in _heads() and previous:
        # the same head or its deputy (主席 … 副主席), a unit's political head (交警大队大队长、
        # 教导员), or a post of the table once the body is given (区人大常委会党组副书记、副主任 ->
        # 人大常委会副主任; not 农委党组成员、副主任)
        written = _body_of(previous) + piece
        if (
            listed
            or _same_rank(_head_at_end(previous), piece)
            or piece in _grammar()["following_heads"]
        ):
            post = canonical_post(written)
        else:
            post = _table_post(written)
    return post


def _is_role(piece: str) -> bool:
    """A session role (主席团常务主席) or a role in a group (依法治县办公室主任): no post; but
    the head of a division of the group's office is a staff post (依法治市办秘书科科长)."""
    words = _grammar()
    return piece.endswith(tuple(words["session_roles"])) or (
        _has_role_marker(piece) and not _DIVISION_HEAD.search(piece)
    )


#: A division named by its own name (秘书科, 法制股), and its head (秘书科科长, 法制股副股长).
_DIVISION = re.compile(f"(?<=[办委局部室组会])(?:(?![办委局部室组会])[{HAN}]){{2,4}}[科股处]$")
_DIVISION_HEAD = re.compile(f"[{HAN}]{{2,6}}(?:科副?科长|股副?股长|处副?处长)$")


def _has_role_marker(text: str) -> bool:
    """Whether ``text`` holds a word of a group whose heads are roles (依法治县, 领导小组), not
    counting a division's name that holds one (普法与依法治理科)."""
    for word in _longest("compound_bodies"):
        text = text.replace(word, "|")
    return any(word in text for word in _grammar()["role_markers"])


def _in_compound_body(text: str, i: int) -> bool:
    """Whether the character at ``i`` stands inside one of the compound bodies (普法与依法治理)."""
    for word in _longest("compound_bodies"):
        k = word.find(text[i])
        while k >= 0:
            if text.startswith(word, i - k):
                return True
            k = word.find(text[i], k + 1)
    return False


def _same_rank(head: str | None, bare: str) -> bool:
    """Whether a bare head continues the post before it: the same head, or its deputy
    (主席 … 副主席, 副主任 … 副主任; not 党组成员 … 副主任)."""
    if head is None:
        return False
    stem = bare.removeprefix("常务").removeprefix("副")
    return head.removeprefix("常务").removeprefix("副") == stem


def _body_of(written: str) -> str:
    """The body a written post sits in (区政协党组书记 -> 区政协, 县人大常委会主任 -> 县人大常委会)."""
    head = _head_at_end(written)
    if head is None:
        table = _table_suffix(written)
        head = table[0] if table else written
    body = written[: -len(head)]
    for inner in ("党组", "党委"):
        body = body.removesuffix(inner)
    return body


def _table_suffix_post(piece: str) -> str | None:
    """The table post of the longest suffix of ``piece`` that is one (with its level word)."""
    for i in range(1, _last_suffix_start(piece) + 1):
        match = _post_pattern().fullmatch(piece, i)
        if match:
            return _posts()[0][match.group(1)]
    return None


def _table_suffix_posts(piece: str) -> set[str]:
    """The canonical forms of every table post the piece ends with (县政法委副书记 ends with
    政法委副书记 and with 副书记, a 党委副书记)."""
    variants = _posts()[0]
    return {variants[piece[i:]] for i in range(len(piece)) if piece[i:] in variants}


def _table_suffix(piece: str) -> tuple[str, str] | None:
    """The longest table post the piece ends with, and its canonical form."""
    variants = _posts()[0]
    for i in range(_last_suffix_start(piece) + 1):
        if piece[i:] in variants:
            return piece[i:], variants[piece[i:]]
    return None


def _last_suffix_start(piece: str) -> int:
    """Where the last table post ``piece`` may end with starts: never inside the grammar head
    it ends with (副书记 cut out of 教育工委常务副书记 is no post of its own)."""
    return len(piece) - len(_head_at_end(piece) or "")


def _is_shared(post: str) -> bool:
    """Whether several people hold the post at once (副镇长, 党委委员, 组织部副部长)."""
    variants, unique = _posts()
    if post in variants:
        return post not in unique
    head = _head_at_end(post) or ""
    return head.startswith("副") or head in ("委员", "常委")


def _pieces_before(text: str, end: int) -> tuple[list[str], tuple[tuple[int, int], str] | None]:
    """The pieces of the chain of posts ending at ``end``, left to right, and a (name span,
    post) written right before the chain's first piece (刘某副镇长、党委委员王某)."""
    pieces: list[str] = []
    before = None
    while True:
        start = _piece_start(text, end)
        if start is None:
            break
        piece = text[start:end]
        parts = piece.split("兼")
        named = _name_then_post(text, start, end) if pieces else None
        if named is not None or (
            all(_piece_post(part, "") is None for part in parts)
            and parts[-1] not in _heads()
            and not _is_role(parts[-1])
        ):
            before = named
            break
        pieces[:0] = parts
        if start == 0 or text[start - 1] not in "、/":
            if before is None and start > 0 and text[start - 1] in "，,":
                pieces[:0] = _posts_before_comma(text, start - 1)
            break
        end = start - 1
    return pieces, before


def _posts_before_comma(text: str, comma: int) -> list[str]:
    """The posts of a clause that ends at ``comma`` and is nothing but posts (市委常委、政法委书记，
    高新区党工委书记甲: the posts before the comma are 甲's too); none otherwise."""
    start, limit = comma, max(comma - 2 * _PIECE_MAX - 1, 0)  # bounded: a hostile line stays linear
    while start > limit and (_IS_CJK.match(text[start - 1]) or text[start - 1] == "、"):
        start -= 1
    if start == comma or comma - start > 2 * _PIECE_MAX:
        return []
    pieces = text[start:comma].split("、")
    held = [not _is_role(piece) and _piece_post(piece, "") is not None for piece in pieces]
    if all(held):
        return pieces
    # ... after another person of the list (区委书记甲、区委副书记，区长乙: 区委副书记 is 乙's)
    last = max(i for i, is_post in enumerate(held) if not is_post)
    if all(held[last + 1 :]) and last + 1 < len(pieces) and _post_then_name(pieces[last]):
        return pieces[last + 1 :]
    return []


def _post_then_name(piece: str) -> bool:
    """Whether ``piece`` is a post and a person's name after it (区委书记曾晟)."""
    return any(
        _piece_post(piece[:-width], "") is not None
        and is_plausible_name(piece[-width:], posted=True)
        for width in (2, 3)
        if len(piece) > width
    )


def _piece_start(text: str, end: int) -> int | None:
    """Where the written post ending at ``end`` starts: after punctuation or a left cue."""
    for start in range(end - 1, max(end - _PIECE_MAX, 0) - 1, -1):
        if (
            start == 0
            or not _IS_CJK.match(text[start - 1])
            or (
                text[start - 1] in _grammar()["function_chars"]
                and not _in_compound_body(text, start - 1)
            )
        ):
            return start
        if (
            _opens_name(text, start)
            and start < end - 1
            and not _cue_opens_zone(text, start)
            and not _in_compound_body(text, start - 1)
        ):
            return start
    return None


def _cue_opens_zone(text: str, start: int) -> bool:
    """Whether the left cue before ``start`` is the first character of a zone's name (经|开区)."""
    return text.startswith(_longest("zone_words"), start - 1)


def _name_then_post(text: str, start: int, end: int) -> tuple[tuple[int, int], str] | None:
    """A piece written as NAME POST (负责人刘某副镇长): the name's span and the post."""
    written = _table_suffix(text[start:end])
    if written is None:
        return None
    post_start = end - len(written[0])
    words = _grammar()
    for n in (3, 2):
        name, name_start = text[post_start - n : post_start], post_start - n
        if (
            name_start >= start
            and is_plausible_name(name)
            and name not in _common_words()
            # a body or a place is no name (市农委党组成员, 青禾县县长, 笔架山街道党工委副书记)
            and not name.endswith(tuple(words["body_endings"]))
            and not any(place in name for place in (*words["levels"], *words["place_words"], "街"))
            and text[name_start - 1] not in words["levels"]
            and not _named_as_place(text, name, written[0])
        ):
            return (name_start, post_start), written[1]
    return None


def _election_claims(text: str) -> list[_Claim]:
    """Posts given in elections, appointments and resignations (选举甲为镇长，乙、丙为副镇长;
    丁当选为副乡长; 任命戊同志为副县长、代理县长; 接受己辞去县长职务); none to a candidate."""
    claims: list[_Claim] = []
    # The sentences holding a trigger, found from the triggers: a trigger holds no sentence
    # mark, so one found in the whole text lies in a sentence, and every such sentence holds
    # one found there.  Most sentences hold none and are never cut out.
    trigger, end = _election_trigger(), 0
    while found := trigger.search(text, end):
        start = max(text.rfind(mark, 0, found.start()) for mark in _ELECTION_SENTENCE_MARKS) + 1
        mark = _ELECTION_SENTENCE_END.search(text, found.end())
        end = mark.start() if mark else len(text)
        for clause_match in re.finditer("[^，,；;]+", text[start:end]):
            offset = start + clause_match.start()
            claims.extend(_election_clause(text, clause_match.group(), offset))
    return claims


_ELECTION_SENTENCE_MARKS = "。！？!?\n"  # what ends an election's sentence
_ELECTION_SENTENCE_END = re.compile(f"[{_ELECTION_SENTENCE_MARKS}]")


@cache
def _election_trigger() -> re.Pattern[str]:
    return re.compile(_alternation(_grammar()["triggers"]))


# The posts an election gives, written after its verb, are read this far at most: a clause is
# tried at each of its characters, and an unbounded read would make a long clause quadratic.
_ELECTION_POSTS_MAX = 80


@cache
def _election_pattern() -> re.Pattern[str]:
    words = _grammar()
    name = f"[{HAN}]{{2,4}}?"
    return re.compile(
        f"(?P<names>{name}(?:[、和]{name})*)(?:同志)?"
        "(?:两位同志|三位同志|[等共]?[0-9一二三四五六七八九十]+名同志|等同志|等)?"
        f"(?P<respectively>{_alternation(words['respectively'])})?"
        f"(?:以?(?:{_alternation(words['qualifiers'])}))?"
        f"(?P<verb>{_alternation(words['verbs'])})(?P<posts>[^，,；;]{{1,{_ELECTION_POSTS_MAX}}})"
    )


@cache
def _not_election_names() -> frozenset[str]:
    """Words written between the names of an election and its verb: never a name."""
    words = _grammar()
    return frozenset([*words["qualifiers"], *words["respectively"]])


def _election_clause(text: str, clause: str, offset: int) -> list[_Claim]:
    """The (name, post) claims of one clause of an election sentence."""
    words = _grammar()
    if "免去" in clause:
        return _dismissal_claims(clause, offset)
    if not any(verb in clause for verb in words["verbs"]):
        return []
    for start in range(len(clause)):
        match = _election_pattern().match(clause, start)
        if match is None or not _opens_election(clause, start):
            continue
        names, pos = [], start
        for written in re.split("[、和]", match.group("names")):
            if not is_plausible_name(written, certain=True) or written in _not_election_names():
                break
            names.append((offset + pos, offset + pos + len(written)))
            pos += len(written) + 1
        else:
            posts = _election_posts(match.group("posts"), words)
            if match.group("respectively") and len(posts) == len(names) > 1:
                # 甲、乙分别当选为镇长、副镇长: one post each, in order
                return [_Claim(text[a:b], a, b, p, direct=True) for (a, b), p in zip(names, posts)]
            return [_Claim(text[a:b], a, b, post, direct=True) for a, b in names for post in posts]
    return []


def _dismissal_claims(clause: str, offset: int) -> list[_Claim]:
    """免去甲(同志)(的)POST职务: the post was held up to the decision."""
    claims: list[_Claim] = []
    for found in re.finditer("免去", clause):
        start = found.end()
        for n in (3, 2, 4):
            name, rest = clause[start : start + n], clause[start + n :]
            if not is_plausible_name(name, certain=True):
                continue
            rest = rest.removeprefix("同志").removeprefix("的")
            if "职务" not in rest:
                continue
            posts = _election_posts(rest, _grammar())
            if posts:
                a = offset + start
                claims.extend(_Claim(name, a, a + n, post, direct=True) for post in posts)
                break
    return claims


def _opens_election(clause: str, start: int) -> bool:
    """Whether the names of an election may start at ``start`` of a clause: at its start, after
    a trigger (选举, 任命, 接受), a post (县委副书记纪道清) or an opener (审议了…)."""
    if start == 0 or not _IS_CJK.match(clause[start - 1]):
        return True
    words = _grammar()
    before = clause[:start]
    return (
        before.endswith(tuple(words["triggers"]))
        or before.endswith(tuple(words["openers"]))
        or _table_suffix(before[-_PIECE_MAX:]) is not None
    )


def _election_posts(written: str, words: dict[str, list[str]]) -> list[str]:
    """The posts written after 为/当选/辞去, up to 职务 or the clause's end; none when they are
    a candidate's (为副镇长候选人)."""
    cut = len(written)
    for end in words["post_ends"]:
        at = written.find(end)
        if at >= 0:
            if end in words["candidate"] and at <= cut:
                return []
            cut = min(cut, at)
    posts = []
    for piece in re.split("[、兼]", written[:cut]):
        post = canonical_post(piece)
        if post is None:
            break
        posts.append(post)
    return posts


def _name_start(text: str, pos: int) -> int:
    """Where a name after a post starts: past a note on the post (司法所所长（兼）高远) or past
    the colon of a list of members (镇长：李东海；), when a name closed by punctuation follows."""
    for mark in _POST_NOTES:
        if text.startswith(mark, pos):
            return pos + len(mark)
    note = _POST_NOTE.match(text, pos)
    if note is not None and _name_after(text, note.end()) is not None:
        return note.end()  # 副镇长（正科级）甲, 党委副书记（主持政府工作）乙
    if text.startswith(("：", ":"), pos):
        name = _name_after(text, pos + 1)
        if name is not None and (name[1] >= len(text) or not _IS_CJK.match(text[name[1]])):
            return pos + 1
    return pos


def _names_listed_after(text: str, end: int, posts: list[str]) -> list[tuple[int, int]]:
    """Further names after a name that share its posts: 县委常委李春旺、王炜、盛慧琴.

    Only posts that several people hold at once are shared (党组成员, 副镇长, 县委常委);
    a piece that starts with a post of its own is that post's (党委书记张三、镇长李四).
    """
    if not posts or not all(_is_shared(post) for post in posts):
        return []
    names: list[tuple[int, int]] = []
    while len(names) < _MAX_LISTED and text.startswith("、", end):
        if _chain_pattern().match(text, end + 1):
            break
        name = _name_after(text, end + 1)
        if name is None:
            break
        names.append(name[:2])
        end = name[1]
    return names


def _resolve(claims: list[_Claim]) -> list[_Claim]:
    """Drop glued-chain claims on one-holder posts held by someone else; keep firsts."""
    unique = _posts()[1]
    holders: dict[str, set[str]] = {}
    for claim in claims:
        if claim.direct:
            holders.setdefault(claim.post, set()).add(claim.name)
    kept: dict[tuple[str, str], _Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.start, c.end, c.post)):
        others = holders.get(claim.post, set()) - {claim.name}
        if not claim.direct and claim.post in unique and others:
            continue
        kept.setdefault((claim.name, claim.post), claim)
    return list(kept.values())


def extract_officials(doc: Document) -> list[Mention]:
    """Named officials with their posts; one mention per (person, post).

    Parameters
    ----------
    doc : Document
        A structured report.

    Returns
    -------
    list of Mention
        ``type=OFFICIAL``, ``key`` the name, ``attrs=(("post", P),)``; the
        span covers the name only.  Sorted by (start, end, type, key).

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("党委副书记、镇长陈晓东同志主持会议，叶荣华（人大主席）出席。")
    >>> [(m.text, m.attr("post")) for m in extract_officials(doc)]
    [('陈晓东', '党委副书记'), ('陈晓东', '镇长'), ('叶荣华', '人大主席')]
    """
    text = doc.text
    claims = _resolve(_claims(text))
    mentions = {
        Mention(
            text=text[c.start : c.end],
            type=EntityType.OFFICIAL,
            start=c.start,
            end=c.end,
            section=doc.section_kind_at(c.start),
            key=c.name,
            attrs=(("post", c.post),),
        )
        for c in claims
    }
    return sorted(mentions, key=lambda m: (m.start, m.end, m.type.value, m.key, m.attrs))
