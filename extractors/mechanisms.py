"""Mechanisms: the vocabulary's systems and procedures a report names, and new ones it coins.

Two kinds of mention come out of :func:`extract_mechanisms`:

- ``MECHANISM``: a label of ``ontology/mechanisms.ttl`` found in the text (longest match,
  through quotes and （社区） insertions); ``key`` is the concept's local name.
- ``CANDIDATE_MECHANISM``: a practice the report names (…制度, …机制, …三字法, “…”机制)
  that the vocabulary lacks; ``key`` is the name without quotes.

Every mention carries ``("stance", …)``: ``adopted``, ``planned``, ``problem`` or
``mentioned``.  It starts from the section (achievements and duties adopt, plans plan,
problems name a weakness) and is overridden by cue words in the mention's own clause or
sentence (``尚未建立X``, ``X还需加强``, ``下一步将建立X``); see ``data/mechanism_cues.toml``.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text(
...     "关于青禾镇2023年度法治政府建设工作情况的报告\\n一、主要举措和成效\\n"
...     "严格执行“三重一大”议事规则，落实合法性审核机制，但法律援助力度还需进一步加大。\\n"
...     "二、2024年工作安排\\n建立执法全过程记录制度，推行“街长制”工作机制。")
>>> [(m.text, m.key, m.attr("stance")) for m in extract_mechanisms(doc)]  # doctest: +NORMALIZE_WHITESPACE
[('“三重一大”议事规则', 'three-important-one-large', 'adopted'),
 ('合法性审核机制', 'legality-review', 'adopted'),
 ('法律援助', 'legal-aid', 'problem'),
 ('执法全过程记录制度', 'enforcement-whole-process-record', 'planned'),
 ('“街长制”工作机制', '街长制工作机制', 'planned')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from operator import itemgetter

import ahocorasick

from kg.chars import HAN
from kg.errors import VocabularyError
from kg.extractors import datafiles
from kg.extractors.datafiles import longest_first
from kg.extractors.vocabulary import load_vocabulary, matching_form
from kg.extractors.wordfind import has_assertion
from kg.model import TOWNSHIP_ENDINGS, Document, EntityType, Mention, SectionKind, Stance

_BOOK_TITLE = re.compile(r"《[^《》\n]{1,120}》")
_CLAUSE_END = "，；：。！？,;:!?\n"
_CLAUSE_MARK = re.compile(f"[{re.escape(_CLAUSE_END)}]")
_LAST_CLAUSE_MARK = re.compile(f".*{_CLAUSE_MARK.pattern}", re.DOTALL)  # greedy: the last one
_DEFAULT_STANCE = {
    SectionKind.ACHIEVEMENTS: "adopted",
    SectionKind.DUTIES: "adopted",
    SectionKind.PLANS: "planned",
    SectionKind.PROBLEMS: "problem",
}
# The two types' values: found spans are (start, end, type value, key) tuples, sorted as such.
# The attrs of a mention with each stance, made once: a mechanism mention is made for every
# label match.
_STANCE_ATTRS = {stance.value: (("stance", stance.value),) for stance in Stance}
_MECHANISM, _CANDIDATE = EntityType.MECHANISM.value, EntityType.CANDIDATE_MECHANISM.value
_TYPES = {_MECHANISM: EntityType.MECHANISM, _CANDIDATE: EntityType.CANDIDATE_MECHANISM}
_CHROME_MARKS = " \t\u3000-•·*|"  # around a menu item or a breadcrumb step
_BREADCRUMB_MARKS = ">»＞›"
_BREADCRUMB_STEP = re.compile(f"[{_BREADCRUMB_MARKS}]")
_CHROME_QUALIFIER = 4  # characters a menu item may add to a mechanism's name (乡镇信息公开)
_CHROME_LINE = 32  # the longest line that may be a menu item
_MENU_ITEM = re.compile(rf"[{HAN}]+")  # no numbering, no punctuation
_LIST_ITEM = re.compile("(.+?)(以及|、|和|及|与|$)")  # an item of a list and the word after it
_LONGEST_UNQUOTED = 16  # characters scanned left of a head for an unquoted name
_CJK_BEFORE = re.compile(rf"[{HAN}]{{1,{_LONGEST_UNQUOTED}}}\Z")


def concept_label(key: str) -> str:
    """The Chinese prefLabel of a mechanism or area key; an unknown key comes back unchanged.

    Examples
    --------
    >>> concept_label("legality-review"), concept_label("no-such-key")
    ('合法性审查', 'no-such-key')
    """
    concept = load_vocabulary().concepts.get(key)
    return concept.pref_zh if concept else key


def extract_mechanisms(doc: Document) -> list[Mention]:
    """Find vocabulary mechanisms and candidate mechanisms in a report, with their stance.

    Parameters
    ----------
    doc : Document
        A structured report (see :func:`kg.ingest.structure.structure`).

    Returns
    -------
    list of Mention
        ``MECHANISM`` mentions (key = concept local name) and ``CANDIDATE_MECHANISM``
        mentions (key = normalised name), each with attrs ``(("stance", …),)``; sorted by
        (start, end, type, key), no duplicates.  Names inside 《》 are left to the law
        extractor.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("一、主要举措和成效\\n我镇尚未建立村务监督委员会，落实“一村（社区）一法律顾问”工作。")
    >>> [(m.text, m.key, m.attr("stance")) for m in extract_mechanisms(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('村务监督委员会', 'village-affairs-supervision-committee', 'problem'),
     ('“一村（社区）一法律顾问”工作', 'one-village-one-legal-adviser', 'adopted')]
    """
    text = doc.text
    books = _Titles([m.span() for m in _BOOK_TITLE.finditer(text)])
    carried = _carried_out(text, books)
    labels = _drop_law_names(text, books.drop_held(_vocabulary_matches(text), carried), books)
    matches = _with_constructions(doc, labels, books, carried)
    # A dict drops duplicates and keeps the label matches in text order, which sorts fast.
    found = dict.fromkeys((start, end, _MECHANISM, key) for start, end, key in matches)
    named = _Cover(matches)
    for start, end, key in _candidates(text, named):
        if not books.hold(start, end) and not named.overlaps(start, end):
            found[start, end, _CANDIDATE, key] = None
    return _StanceReader(doc).mentions(sorted(found))


def _carried_out(text: str, books: _Titles) -> frozenset[int]:
    """Indices of the 《》 titles a report carries out rather than cites or studies.

    A document the town implements, drafts or publishes (认真贯彻《重大行政决策程序暂行条例》, 编制
    《…应知应会党内法规和国家法律清单》, 《…重大行政决策事项目录》在区政府网站公开) names the
    mechanism in its title; one it studies (学习《行政复议法》) or lists among others does not.
    """
    cues = _cues()
    out = set()
    studied_run = False  # the run of titles ends in the count of the study (…》等6次集体学法)
    for i, start in enumerate(books.starts):
        if i == 0 or text[books.ends[i - 1] : start] not in _TITLE_JOINERS:
            last = i  # the first title of a run: find the run's last
            while last + 1 < len(books.starts) and (
                text[books.ends[last] : books.starts[last + 1]] in _TITLE_JOINERS
            ):
                last += 1
            studied_run = _STUDIED_AFTER.match(text, books.ends[last]) is not None
        if studied_run:
            continue
        if _REPORT_BASIS.match(text, books.ends[i]):
            continue  # the rules the report is made under: 根据《…督察工作规定》，现将…报告如下
        if i - 1 in out and text[books.ends[i - 1] : start] in _TITLE_JOINERS:
            out.add(i)  # the next title of a list the verb governs: 制定《…》《…》
            continue
        before = text[max(0, start - _TITLE_CUE_WINDOW) : start]
        clause = _LAST_CLAUSE_MARK.sub("", before, count=1)  # the title's own clause
        if not cues.studied.search(clause) and (
            cues.carried_out.search(clause) or cues.published_after.match(text, books.ends[i])
        ):
            out.add(i)
    return frozenset(out)


def _drop_law_names(
    text: str, matches: list[tuple[int, int, str]], books: _Titles | None = None
) -> list[tuple[int, int, str]]:
    """The matches but those that begin the name of a law the report only cites or studies.

    行政复议 in 学习新修订的行政复议法 names the law, not the town's reconsideration, and 信访工作
    in 宣传信访工作条例 the regulation; a law the report carries out (贯彻实施行政复议法) counts, as
    a title in 《》 does (a label inside a title is left to the title's own test).
    """
    if not any(text.startswith(_LAW_NAME_ENDS, end) for _, end, _ in matches):
        return matches  # the usual case
    out = []
    for match in matches:
        start, end, _ = match
        if books is not None and books.hold(start, end):
            out.append(match)
            continue
        if text.startswith("条例", end) or (
            text.startswith("法", end) and not text.startswith(_NOT_LAW_AFTER_FA, end + 1)
        ):
            before = _LAST_CLAUSE_MARK.sub("", text[max(0, start - _TITLE_CUE_WINDOW) : start], 1)
            cues = _cues()
            if not cues.carried_out.search(before) or cues.studied.search(before):
                continue
        out.append(match)
    return out


# After label + 法, these make 法 part of another word (法治, 法制, 法律 …), not a law's name.
_NOT_LAW_AFTER_FA = tuple("治制律规院庭官人定务学理")
_LAW_NAME_ENDS = ("法", "条例")  # what may follow a label that begins a law's name
_TITLE_CUE_WINDOW = 24  # characters read before a title for the verb that governs it
# The rest of a sentence that makes the report under the titles before it (…要求，现将我局2023年
# 法治政府建设情况报告如下): the titles are the rules of the report, not work the unit carried out
# (the annotators of 32 of 34 such openings of the unseen sets list none from them).
_REPORT_BASIS = re.compile("[^。；！？\n]{0,80}?报告如下")
_TITLE_JOINERS = ("", "、", "和", "及", "与", "，")
# The count of study sessions right after a run of titles (《…条例》《…法》等6次集体学法): the titles
# were studied, whatever verb opened the clause (带头开展新修订《…》…).
_STUDIED_AFTER = re.compile(r"等?[\d一二三四五六七八九十两]+[次场](?:集体|专题|会前)?(?:学法|学习)")


# --- data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cues:
    problem_before: re.Pattern[str]
    problem_after: re.Pattern[str]
    problem_cancel: re.Pattern[str]
    absent_before: re.Pattern[str]
    absent_after: re.Pattern[str]  # matched at the start of the clause after the mention
    plan_before: re.Pattern[str]
    adopt_verbs: re.Pattern[str]
    adopt_after: re.Pattern[str]  # after the mention in a preamble clause: an honour for it
    located_concepts: frozenset[str]
    located_before: re.Pattern[str]
    adviser_concepts: frozenset[str]  # a legal adviser's matters are not the unit's work
    adviser_before: re.Pattern[str]  # searched in the sentence before the mention
    above_concepts: frozenset[str]  # a body of the level above is not the unit's
    above_levels: tuple[str, ...]
    above_between: str
    carried_out: re.Pattern[str]  # before a 《》 title: the report carries the document out
    published_after: re.Pattern[str]  # after a 《》 title: the report publishes the document
    studied: re.Pattern[str]  # before a 《》 title: the report studies or publicises it
    # Any problem, absence or plan cue (in two or more patterns: see _gate).  A sentence where
    # none finds one holds none in any part; None when a cue has an assertion (an anchor or a
    # lookaround), which may hold in a part of a sentence and not in the whole.
    any_cue: tuple[re.Pattern[str], ...] | None


@dataclass(frozen=True)
class _CandidateRules:
    quoted: re.Pattern[str]
    quoted_self: re.Pattern[str]
    head: re.Pattern[str]
    plain_head: re.Pattern[str]  # the heads without a count: all of them but 三字法
    counted_tail: re.Pattern[str]  # what follows the count of a counted head (字法)
    not_before: tuple[str, ...]
    verbs: re.Pattern[str]
    leading_words: re.Pattern[str]  # a run of them, each the longest that fits
    joiners: frozenset[str]
    joiner: re.Pattern[str]  # any of them, to find one inside a name
    stop_names: frozenset[str]
    generic_words: re.Pattern[str]  # a run of them, each the longest that fits


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else re.compile(r"(?!)")


@cache
def _cues() -> _Cues:
    data = datafiles.toml("mechanism_cues.toml")
    problem, absent, plan = data["problem"], data["absent"]["before"], data["plan"]["before"]
    absent_after = data["absent"].get("after", [])
    any_cue = problem["before"] + problem["after"] + absent + absent_after + plan
    return _Cues(
        _any(problem["before"]),
        _any(problem["after"]),
        _any(problem["done"]),
        # (a zero count's also before the next items of a list: 未发生行政复议、行政应诉败诉案件)
        re.compile(
            f"(?:{_any(absent).pattern})$"
            f"|(?:{_any(data['absent']['list_before']).pattern})(?:[^，。；、]{{1,12}}、)+$"
        ),
        _any(absent_after),
        _any(plan),
        _any(data["adopt"]["verbs"]),
        _any(data["adopt"].get("after", [])),
        frozenset(data["located"]["concepts"]),
        _any(data["located"]["before"]),
        frozenset(data["adviser"]["concepts"]),
        _any(data["adviser"]["before"]),
        frozenset(data["above"]["concepts"]),
        tuple(data["above"]["levels"]),
        data["above"]["between"],
        _any(data["titles"]["carried_out"]),
        re.compile(data["titles"]["published_after"]),
        _any(data["titles"]["studied"]),
        None if any(map(has_assertion, any_cue)) else _gate(any_cue),
    )


def _gate(cues: list[str]) -> tuple[re.Pattern[str], ...]:
    """Patterns that together find a sentence holding any of ``cues`` (which have no assertion).

    The cues that open with a plain character make one pattern, the others one each: the
    engine skips to the characters an alternation may start with only when every branch starts
    with a plain character (one branch opening with a class makes the whole scan four times
    slower).
    """
    cues = list(map(_without_filler, cues))
    plain = [cue for cue in cues if _opens_plain(cue)]
    return (_any(plain), *(re.compile(cue) for cue in cues if not _opens_plain(cue)))


def _opens_plain(pattern: str) -> bool:
    """Whether a pattern starts with a character it matches itself, once (尚未, not [0零] or a?)."""
    first, then = pattern[:1], pattern[1:2]
    return bool(first) and first not in "[(\\.^$|" and not (then and then in "?*+{")


def _without_filler(pattern: str) -> str:
    """A cue without the run of any characters it opens with (``[^，。；]{0,8}?零发生`` -> ``零发生``).

    Whatever the cue matches holds a match of the rest, so the rest finds every sentence the cue
    does; and an alternation of cues that open with a plain character is scanned many times faster.
    """
    filler = _LEADING_FILLER.match(pattern)
    return pattern[filler.end() :] if filler and filler.end() < len(pattern) else pattern


# Any characters but a few, up to a bound, opening a cue: ``[^，。；]{0,8}?``.
_LEADING_FILLER = re.compile(r"\[\^(?:\\.|[^\]\\])*\]\{0,\d+\}\??")


def _word_run(words: list[str]) -> re.Pattern[str]:
    """Words one after another, each time the longest that fits (matched greedily, never revised).

    Only ``match(...).end()`` is meaningful: nothing follows the run, so no choice is ever
    taken back, as when a word list is stripped longest word first.
    """
    return re.compile(f"(?:{'|'.join(map(re.escape, longest_first(words)))})*")


@cache
def _suffix() -> re.Pattern[str]:
    """The longest suffix a label match takes in: an ``always`` one, else one before punctuation."""
    data = datafiles.toml("mechanism_normalise.toml")["suffixes"]
    punctuation = re.escape(_CLAUSE_END + "、”）")
    return re.compile(
        f"{'|'.join(map(re.escape, longest_first(data['always'])))}"
        f"|(?:{'|'.join(map(re.escape, longest_first(data['before_punctuation'])))})"
        rf"(?=[{punctuation}]|\Z)"
    )


@cache
def _suffix_firsts() -> frozenset[str]:
    """The characters a suffix of :func:`_suffix` can start with."""
    data = datafiles.toml("mechanism_normalise.toml")["suffixes"]
    return frozenset(word[0] for word in data["always"] + data["before_punctuation"] if word)


@cache
def _candidate_rules() -> _CandidateRules:
    data = datafiles.toml("mechanism_candidates.toml")
    counted = [f"{data['counts']}(?:{tail})" for tail in data["counted_heads"]]
    heads = "|".join(f"(?:{h})" for h in data["heads"] + counted)
    self_heads = "|".join(f"(?:{h})" for h in data["quoted_self_heads"])
    return _CandidateRules(
        quoted=re.compile(rf"“([^“”\n]{{1,16}}?)”([{HAN}]{{0,6}}?)({heads})"),
        quoted_self=re.compile(rf"“([^“”\n]{{1,14}}(?:{self_heads}))”"),
        head=re.compile(heads),
        plain_head=_any(data["heads"]),
        counted_tail=_any(data["counted_heads"]),
        not_before=tuple(data["not_before"]),
        verbs=_any(sorted((w for w in data["leading_words"] if len(w) > 1), key=len, reverse=True)),
        leading_words=_word_run(data["leading_words"] + data["start_only"]),
        joiners=frozenset(data["joiners"]),
        joiner=_any(list(map(re.escape, data["joiners"]))),
        # the areas' names (政府机构职能体系) name fields of work, not practices
        stop_names=frozenset(data["stop_names"])
        | frozenset(label for area in load_vocabulary().areas() for label in area.labels),
        generic_words=_word_run(data["generic_words"]),
    )


@cache
def _label_automaton() -> ahocorasick.Automaton:
    """Every label in matching form -> (its length, the concept key, whether it starts or ends
    with an ASCII character: only such a match can be cut out of a longer number or word)."""
    automaton = ahocorasick.Automaton()
    for label, key in load_vocabulary().label_index.items():
        automaton.add_word(label, (len(label), key, label[0].isascii() or label[-1].isascii()))
    automaton.make_automaton()
    return automaton


# --- vocabulary matching -------------------------------------------------------------------


def _vocabulary_matches(text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest label matches, as (start, end, key) spans of ``text``."""
    form, offsets = matching_form(text)
    automaton = _label_automaton()
    if not len(automaton):
        return []
    form_starts, text_starts = offsets.form_starts, offsets.text_starts
    suffix, suffix_firsts = _suffix(), _suffix_firsts()
    out: list[tuple[int, int, str]] = []
    resume = 0  # where the next match may start in the form
    # iter_long: the leftmost-longest matches that do not overlap, found in C
    for last, (length, key, ascii_edge) in automaton.iter_long(form):
        form_start, form_end = last + 1 - length, last + 1
        if form_start < resume:
            continue
        if ascii_edge and not _word_edges_ok(form, form_start, form_end):
            continue
        # offsets.to_text of the first and the last character, inlined: the hot loop
        first = bisect_right(form_starts, form_start) - 1
        last = bisect_right(form_starts, form_end - 1, first) - 1
        matched_start = text_starts[first] + form_start - form_starts[first]
        matched_end = text_starts[last] + form_end - form_starts[last]
        if (
            first == last  # nothing dropped inside, so no quote to balance
            and not (matched_start and text[matched_start - 1] == "“")
            and text[matched_end : matched_end + 1] not in suffix_firsts
        ):  # the usual case, where _tidy_span would change nothing
            out.append((matched_start, matched_end, key))
            resume = form_end
            continue
        start, end = _tidy_span(text, matched_start, matched_end, suffix)
        out.append((start, end, key))
        resume = form_end
        if end > matched_end:  # a suffix was taken in: the next match starts after it
            while resume < len(form) and offsets.to_text(resume) < end:
                resume += 1
    return out


def _word_edges_ok(form: str, start: int, end: int) -> bool:
    """A label written in ASCII (12345) must not be cut out of a longer number or word."""
    return not (
        (_latin(form, start) and _latin(form, start - 1))
        or (_latin(form, end - 1) and _latin(form, end))
    )


def _latin(form: str, k: int) -> bool:
    return 0 <= k < len(form) and form[k].isascii() and form[k].isalnum()


def _tidy_span(text: str, start: int, end: int, suffix: re.Pattern[str]) -> tuple[int, int]:
    """Balance quotes cut by the match and take in a following 制度/机制/工作 (``suffix``)."""
    inner = text[start:end]
    if "“" in inner or "”" in inner:
        if inner.count("”") > inner.count("“") and start > 0 and text[start - 1] == "“":
            start -= 1
        elif inner.count("“") > inner.count("”") and text.startswith("”", end):
            end += 1
    after = end
    quoted = start > 0 and text[start - 1] == "“" and text.startswith("”", end)
    if quoted:
        after = end + 1
    taken = suffix.match(text, after)
    if taken is not None and not text[start:end].endswith(taken.group()):
        if quoted:
            start -= 1
        end = taken.end()
    return start, end


# --- constructions ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """A construction that names a concept (``data/mechanism_patterns.toml``, one ``[[rule]]``).

    It runs only in the sentences that hold one of its anchors, and a match must cover the
    anchor it was found from.
    """

    key: str
    pattern: re.Pattern[str]
    mode: str  # "add", "fallback" or "supersede" (see the data file)
    requires: re.Pattern[str] | None  # in the sentence, or within ``near`` characters
    near: int | None
    after: re.Pattern[str] | None  # must be found in the sentence before the match
    unless_before: re.Pattern[str] | None  # searched in the sentence before the match
    unless_after: re.Pattern[str] | None  # searched in the sentence after the match
    unless_paragraph: re.Pattern[str] | None  # searched in the match's line
    outside_township: bool  # only in reports that are not about a township
    own_level: bool  # group "level" must be the level of the report's own unit (when known)
    has_m: bool  # the pattern has a group "m", the mention
    departments: tuple[str, ...] | None  # a department's report: only these departments'


_RULE_MODES = ("add", "fallback", "supersede")


@dataclass(frozen=True)
class _Rules:
    rules: tuple[_Rule, ...]
    anchors: ahocorasick.Automaton  # anchor -> indices of the rules it opens


def _optional(data: dict[str, object], name: str) -> re.Pattern[str] | None:
    value = data.get(name)
    return re.compile(str(value)) if value else None


@cache
def _rules() -> _Rules:
    data = datafiles.toml("mechanism_patterns.toml")
    known = load_vocabulary().concepts
    rules: list[_Rule] = []
    by_anchor: dict[str, list[int]] = {}
    for item in data.get("rule", []):
        mode = item.get("mode", "add")
        if (
            item["key"] not in known
            or mode not in _RULE_MODES
            or not item.get("anchors")
            or ("pattern" in item) == ("patterns" in item)
            or ("near" in item and not item.get("requires"))
        ):
            raise VocabularyError(
                f"mechanism_patterns.toml: rule {item.get('pattern')!r} needs a concept key of "
                f"ontology/mechanisms.ttl (not {item['key']!r}), anchors, a pattern or a list "
                f"of patterns, a mode in {_RULE_MODES} and, with near, requires (fix the file)"
            )
        # Several patterns of one rule run as rules of their own: a pattern that is one
        # alternation of words is scanned fast, one whose branches start otherwise is not.
        patterns = item["patterns"] if "patterns" in item else [item["pattern"]]
        for pattern in patterns:
            for anchor in (word for written in item["anchors"] for word in _spell(written)):
                by_anchor.setdefault(anchor, []).append(len(rules))
            rules.append(
                _Rule(
                    item["key"],
                    re.compile(pattern),
                    mode,
                    _optional(item, "requires"),
                    item.get("near"),
                    _optional(item, "after"),
                    _optional(item, "unless_before"),
                    _optional(item, "unless_after"),
                    _optional(item, "unless_paragraph"),
                    bool(item.get("outside_township")),
                    bool(item.get("own_level")) and "(?P<level>" in pattern,
                    "(?P<m>" in pattern,
                    tuple(item["departments"]) if "departments" in item else None,
                )
            )
    automaton = ahocorasick.Automaton()
    for anchor, indices in by_anchor.items():
        automaton.add_word(anchor, (len(anchor), tuple(indices)))
    automaton.make_automaton()
    return _Rules(tuple(rules), automaton)


def _spell(anchor: str) -> list[str]:
    """Every word an anchor with groups of alternatives spells: (法治|普法)(专题|)培训 -> 4 words.

    Examples
    --------
    >>> _spell("(法治|普法)(专题|)培训")
    ['法治专题培训', '法治培训', '普法专题培训', '普法培训']
    """
    parts = _ANCHOR_GROUP.split(anchor)  # text, group, text, group, ..., text
    words = [""]
    for k, part in enumerate(parts):
        choices = part.split("|") if k % 2 else [part]
        words = [word + choice for word in words for choice in choices]
    return words


_ANCHOR_GROUP = re.compile(r"\(([^()]*)\)")


def _with_constructions(
    doc: Document,
    labels: list[tuple[int, int, str]],
    books: _Titles,
    carried: frozenset[int] = frozenset(),
) -> list[tuple[int, int, str]]:
    """The label matches and the mechanisms named by a construction, as (start, end, key).

    A construction inside a 《》 title counts only where the report carries the document
    out (``carried``: 完成《…法治政府建设实地督察的反馈意见》整改落实), as a label does.
    """
    text = doc.text
    matches = list(labels)
    labelled = _Cover(labels)
    label_keys = {key for _, _, key in labels}
    # what the constructions added, by concept: two rules that read one phrase (a meeting
    # that relays and studies …) give the longer reading once
    added: dict[str, list[tuple[int, int]]] = {}
    found = _rule_matches(doc) + _shared_head_matches(text)
    for start, end, key, mode in sorted(found, key=lambda m: (m[0], -m[1])):
        if books.hold(start, end) and books.holder(start) not in carried:
            continue
        if mode == "supersede":
            matches = [m for m in matches if not (m[0] < end and start < m[1])]
        elif (
            labelled.overlaps(start, end)
            if mode in ("item", "fallback")
            else key in label_keys and any(k == key for _, _, k in labelled.overlapping(start, end))
        ):
            continue  # a label already names it (党务、政务、村务公开 is 三务公开 as a whole)
        elif _overlaps(start, end, added.get(key, [])):
            continue
        added.setdefault(key, []).append((start, end))
        matches.append((start, end, key))
    return matches


def _rule_matches(doc: Document) -> list[tuple[int, int, str, str]]:
    """Mechanisms named by a ``[[rule]]`` construction, as (start, end, key, mode).

    Each rule runs once in each sentence where one of its anchors stands, in file order.
    """
    text, rules = doc.text, _rules()
    if not len(rules.anchors):
        return []
    # a township's report, by its unit or by what it calls itself (我镇) when no unit was found
    township = doc.town is not None or (doc.unit is None and doc.self_level in TOWNSHIP_ENDINGS)
    department = _department_of(doc)
    levels = _own_levels(doc)
    sentences = doc.sentences
    starts = [sentence.start for sentence in sentences]
    todo: dict[tuple[int, int], None] = {}  # (sentence index, rule index), in text order
    for last, (length, indices) in rules.anchors.iter(text):
        k = bisect_right(starts, last + 1 - length) - 1
        for i in indices:
            todo[k, i] = None
    out: list[tuple[int, int, str, str]] = []
    every = rules.rules
    for k, i in todo:
        rule = every[i]
        if (rule.outside_township and township) or (
            department is not None
            and rule.departments is not None
            and not department.endswith(rule.departments)
        ):
            continue
        s_start, s_end = (sentences[k].start, sentences[k].end) if k >= 0 else (0, len(text))
        requires = rule.requires
        if requires is not None and not requires.search(text, s_start, s_end):
            continue
        for m in rule.pattern.finditer(text, s_start, s_end):
            start, end = m.span("m") if rule.has_m else m.span()
            if (
                rule.own_level and levels and m.group("level") not in levels
            ):  # a body of the level above (市委依法治市办 in a district's report)
                continue
            if (
                (
                    rule.near is not None
                    and requires is not None
                    and not requires.search(
                        text, max(s_start, start - rule.near), min(s_end, end + rule.near)
                    )
                )
                or (rule.after is not None and not rule.after.search(text, s_start, start))
                or (
                    rule.unless_before is not None
                    and rule.unless_before.search(text, s_start, start)
                )
                or (rule.unless_after is not None and rule.unless_after.search(text[end:s_end]))
                or (
                    rule.unless_paragraph is not None
                    and rule.unless_paragraph.search(text, *_line_span(text, start, end))
                )
            ):
                continue
            out.append((start, end, rule.key, rule.mode))
    return sorted(out)


def _line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the line holding ``text[start:end]``: its paragraph."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _department_of(doc: Document) -> str | None:
    """The name of the department whose report this is ("" when it calls itself 我局 and its
    name is not found), or None for a government's report."""
    if doc.unit is not None:
        return doc.unit.name if doc.unit.kind is EntityType.ORGANIZATION else None
    return "" if doc.self_level == "局" else None


# The level a county-level unit or its department names itself by: 黄陂区 -> 区, 南昌县 -> 县,
# 綦江区司法局 -> 区, 市北区市场监管局 -> 区 (市 of 市场 or 市政 is no level); a prefecture's
# departments by the prefecture's (阿里地区司法局 -> 地, 兴安盟生态环境局 -> 盟).
_COUNTY_LEVEL = re.compile(r"^[\u4e00-\u9fff]+?(地区|自治州|盟|县|区|旗|市)(?![场政容民级县区])")
#: ... and the level a unit's name ends with, the leftmost word that ends it (阿里地区: 地区).
_LEVEL_AT_END = re.compile("(地区|自治州|州|盟|县|区|旗|市)$")
_LEVEL_WORDS = frozenset("县区市旗")
#: A prefecture's level word as its committees write it (地委依法治地委员会, 州委依法治州办).
_PREFECTURE_LEVELS = {"地区": "地", "自治州": "州"}


def _own_levels(doc: Document) -> frozenset[str]:
    """The level words of the report's own county-level unit (empty when unknown or a township).

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> sorted(_own_levels(document_from_text("黄陂区2020年法治政府建设工作报告\\n一、基本情况")))
    ['区']
    """
    if doc.town is not None:
        return frozenset()
    if doc.unit is not None:  # the unit's own name decides (重庆市江北区: 区, not the city's 市)
        if level := _LEVEL_AT_END.search(doc.unit.name) or _COUNTY_LEVEL.match(doc.unit.name):
            return frozenset([_PREFECTURE_LEVELS.get(level.group(1), level.group(1))])
    return frozenset(doc.self_level) if doc.self_level in _LEVEL_WORDS else frozenset()


@dataclass(frozen=True)
class _SharedHead:
    """Two or more short items joined by 、 (and maybe 和, 及, 与), then a shared head."""

    items: re.Pattern[str]
    # A run of the characters such a list is made of.  The list regex tries every character
    # of a text, so it only runs in the longest such runs that hold a 、 and, after it, a head.
    stretch: re.Pattern[str]
    comma_then_head: re.Pattern[str]


@cache
def _shared_head() -> _SharedHead:
    heads = datafiles.toml("mechanism_patterns.toml")["shared_head"]["heads"]
    chars = HAN + re.escape("".join(sorted(set("".join(heads)))))
    head = "|".join(map(re.escape, heads))
    return _SharedHead(
        items=re.compile(
            rf"((?:[{HAN}]{{2,4}}(?:、|和|及|与|以及))*[{HAN}]{{2,4}}、"
            # (the last item may close the list with 的 or 等: 县政协和社会各界的监督)
            rf"(?:[{HAN}]{{2,4}}(?:、|和|及|与|以及))*[{HAN}]{{2,4}}[的等]?)"
            f"({head})"
        ),
        stretch=re.compile(f"[{chars}、]*"),
        comma_then_head=re.compile(f"、[{chars}、]*?(?:{head})"),
    )


def _shared_head_matches(text: str) -> list[tuple[int, int, str, str]]:
    """Each item of a list sharing its head that, with the head, is a label: ``item`` matches."""
    out = []
    shared = _shared_head()
    for start, end in _list_stretches(text, shared):
        for m in shared.items.finditer(text, start, end):
            out.extend(_shared_head_items(m))
    return out


def _list_stretches(text: str, shared: _SharedHead) -> list[tuple[int, int]]:
    """The longest runs of list characters that hold a 、 and, after it, a head, as (start, end)."""
    out: list[tuple[int, int]] = []
    backwards = ""  # the text reversed, to find where a run starts
    end = 0
    while comma := shared.comma_then_head.search(text, end):
        backwards = backwards or text[::-1]
        start = len(text) - _match_end(shared.stretch, backwards, len(text) - comma.start())
        end = _match_end(shared.stretch, text, comma.start())
        out.append((start, end))
    return out


def _shared_head_items(m: re.Match[str]) -> list[tuple[int, int, str, str]]:
    """Each item + head of a shared-head list that is a vocabulary label, as an ``item`` match.

    The first item may carry the verb (接受人大、司法监督), so shorter tails are tried.
    """
    vocab, out = load_vocabulary(), []
    head, pos = m.group(2), m.start(1)
    for item, joiner in _LIST_ITEM.findall(m.group(1)):
        # the last item may close the list with 等 (接受人大、政协等监督)
        # or with 的 (在区人大、区政协的监督支持下)
        named = item[:-1] if item.endswith(("等", "的")) and not joiner else item
        for cut in range(len(named) - 1):
            found = vocab.lookup(named[cut:] + head)
            if found:
                out.append((pos + cut, pos + len(named), found, "item"))
                break
        pos += len(item) + len(joiner)
    return out


# --- candidates ----------------------------------------------------------------------------


def _candidates(text: str, named: _Cover | None = None) -> list[tuple[int, int, str]]:
    """Candidate names as (start, end, name); a head inside a ``named`` span is skipped.

    (A candidate over a mechanism already named would be dropped anyway: skipping its head
    only saves the work.)
    """
    rules = _candidate_rules()
    out: list[tuple[int, int, str]] = []
    for m in rules.quoted.finditer(text):
        inner, middle, head = re.sub(r"\s+", "", m.group(1)), m.group(2), m.group(3)
        # “茶亭说理”矛盾纠纷化解工作法: a few words may stand between the name and its head,
        # but not a verb, 的 or a joiner, which would start another phrase.
        if middle and ("的" in middle or rules.verbs.search(middle) or rules.joiner.search(middle)):
            continue
        if _specific(inner, rules):
            out.append((m.start(), m.end(), inner + middle + head))
    for m in rules.quoted_self.finditer(text):
        inner = re.sub(r"\s+", "", m.group(1))
        if not rules.head.match(text, m.end()) and _specific(inner, rules):
            out.append((m.start(), m.end(), inner))
    taken = [(s, e) for s, e, _ in out]
    # Without a counted head the plain heads find the same ones, several times faster.
    heads = rules.head if rules.counted_tail.search(text) else rules.plain_head
    for m in heads.finditer(text):
        if named is not None and named.overlaps(m.start(), m.end()):
            continue
        found = _unquoted(text, m.start(), m.end(), rules)
        if found and not _overlaps(found[0], found[1], taken):
            out.append(found)
    return out


def _unquoted(
    text: str, head_start: int, head_end: int, rules: _CandidateRules
) -> tuple[int, int, str] | None:
    head = text[head_start:head_end]
    if (
        head.startswith("工作")
        or rules.head.match(text, head_end)
        or text.startswith(rules.not_before, head_end)
    ):
        return None  # X工作机制 is generic; 制度体系 is read at its last head; 制度建设 is no name
    run = _CJK_BEFORE.search(text, max(0, head_start - _LONGEST_UNQUOTED), head_start)
    left = run.start() if run else head_start
    if left > 0 and text[left - 1] in rules.joiners:
        return None  # one item of an enumeration: 投诉、举报X制度
    window = text[left:head_start]
    content = window.rsplit("的", 1)[-1]
    verb_ends = [m.end() for m in rules.verbs.finditer(content)]
    if head_start - left >= _LONGEST_UNQUOTED and content == window and not verb_ends:
        return None  # a long run with no punctuation, 的 or verb: the name's left edge is unknown
    content = content[max(verb_ends, default=0) :]
    content = content[_match_end(rules.leading_words, content) :]
    if not 2 <= len(content) <= 10 or rules.joiner.search(content):
        return None
    if not _specific(content, rules) or content + head in rules.stop_names:
        return None
    return head_start - len(content), head_end, content + head


def _specific(name: str, rules: _CandidateRules) -> bool:
    """True when ``name`` says something of its own: not a stop name, not only generic words."""
    if sum(map(str.isalnum, name)) < 2 or name in rules.stop_names:
        return False
    return _match_end(rules.generic_words, name) < len(name)


def _match_end(run: re.Pattern[str], text: str, pos: int = 0) -> int:
    """Where a pattern that always matches (a run of words, maybe empty) ends at ``pos``."""
    match = run.match(text, pos)
    return match.end() if match else pos


# --- stance --------------------------------------------------------------------------------


def _levels_above_before(doc: Document, cues: _Cues) -> re.Pattern[str] | None:
    """The level words above the report's unit, as written right before a body's name (市全面推进
    in a town's report), or None when the unit's level is unknown."""
    own = _own_levels(doc)
    if doc.town is None and not own:
        return None
    levels = [level for level in cues.above_levels if level not in own]
    return re.compile(f"(?:{'|'.join(levels)}){cues.above_between}$")


class _StanceReader:
    """Turns spans of one document into mentions with their section and stance.

    Section and sentence lookups bisect tables made once per document; whether a sentence
    holds a cue is read once per sentence.
    """

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.cues = _cues()
        self.above = _levels_above_before(doc, self.cues)
        # concepts whose stance depends on the words before them even without a cue
        self.placed = (
            self.cues.located_concepts | self.cues.above_concepts | self.cues.adviser_concepts
        )
        self.section_starts = [section.start for section in doc.sections]
        self.section_kinds = [section.kind for section in doc.sections]
        self.sentence_starts = [sentence.start for sentence in doc.sentences]
        self.sentence_ends = [sentence.end for sentence in doc.sentences]
        self.cued: dict[int, bool] = {}  # sentence index -> whether it holds a cue
        # The sentences that may be page chrome: short lines and breadcrumbs (lines end
        # sentences); a breadcrumb is rare, so they are found once per report.
        self.crumbs = (
            {
                bisect_right(self.sentence_starts, crumb.start()) - 1
                for crumb in _BREADCRUMB_STEP.finditer(self.text)
            }
            if any(mark in self.text for mark in _BREADCRUMB_MARKS)
            else set()
        )

    def mentions(self, spans: list[tuple[int, int, str, str]]) -> list[Mention]:
        """The mentions of (start, end, type value, key) spans.

        :meth:`stance` for each, with the usual case inlined: a mention in a sentence that
        holds no cue and is no page chrome keeps its section's default stance.
        """
        text, placed = self.text, self.placed
        section_starts, section_kinds = self.section_starts, self.section_kinds
        sentence_starts, sentence_ends = self.sentence_starts, self.sentence_ends
        cued, crumbs = self.cued, self.crumbs
        out = []
        for start, end, kind, key in spans:
            i = bisect_right(section_starts, start) - 1
            section = section_kinds[i] if i >= 0 else SectionKind.OTHER
            k = bisect_right(sentence_starts, start) - 1
            if (
                k >= 0
                and section in _DEFAULT_STANCE
                and section is not SectionKind.PROBLEMS
                and end <= sentence_ends[k]
                and sentence_ends[k] - sentence_starts[k] > _CHROME_LINE
                and k not in crumbs
                and key not in placed
                and not (cued[k] if k in cued else self._cued(k))
            ):
                attrs = _STANCE_ATTRS[_DEFAULT_STANCE[section]]
            else:
                stance = self.stance(start, end, section, key)
                attrs = _STANCE_ATTRS.get(stance) or (("stance", stance),)
            out.append(Mention(text[start:end], _TYPES[kind], start, end, section, key, attrs))
        return out

    def stance(self, start: int, end: int, section: SectionKind, key: str) -> str:
        i = bisect_right(self.sentence_starts, start) - 1
        if (
            i >= 0
            and (
                self.sentence_ends[i] - self.sentence_starts[i] <= _CHROME_LINE or i in self.crumbs
            )
            and self._in_chrome(i, start, end)
        ):
            return "mentioned"
        # In a sentence without cues a mention keeps its section's default.  Not so in the
        # problems section, whose cancelling cues are read across the mention (before + after).
        if (
            section in _DEFAULT_STANCE
            and section is not SectionKind.PROBLEMS
            and key not in self.placed
            and i >= 0
            and end <= self.sentence_ends[i]
            and not (self.cued[i] if i in self.cued else self._cued(i))  # _cued, mostly known
        ):
            return _DEFAULT_STANCE[section]
        if i >= 0:  # a mention may run past its sentence: the clause is read around all of it
            return self._clause_stance(
                self.sentence_starts[i], max(self.sentence_ends[i], end), start, end, section, key
            )
        return self._clause_stance(0, max(len(self.text), end), start, end, section, key)

    def _in_chrome(self, sentence: int, start: int, end: int) -> bool:
        """Whether a mention is a web page's menu item or breadcrumb, not a claim of the report.

        Such a mention fills a line (a sentence: lines end sentences) with at most a short
        qualifier and no punctuation or numbering (政府信息公开, 乡镇信息公开 over the metadata
        of a page), or one step of a breadcrumb (政务公开>政府信息公开>…).
        """
        text = self.text
        line = text[self.sentence_starts[sentence] : self.sentence_ends[sentence]]
        longest = end - start + _CHROME_QUALIFIER
        for piece in _BREADCRUMB_STEP.split(line):
            piece = piece.strip(_CHROME_MARKS)
            if len(piece) <= longest and text[start:end] in piece:
                return _MENU_ITEM.fullmatch(piece) is not None
        return False

    def _cued(self, sentence: int) -> bool:
        """Whether a sentence holds a problem, absence or plan cue (True when unknown)."""
        cued = self.cued.get(sentence)
        if cued is None:
            gate, text = self.cues.any_cue, self.text
            start, end = self.sentence_starts[sentence], self.sentence_ends[sentence]
            cued = self.cued[sentence] = gate is None or any(
                pattern.search(text, start, end) for pattern in gate
            )
        return cued

    def _clause_stance(
        self, sent_start: int, sent_end: int, start: int, end: int, section: SectionKind, key: str
    ) -> str:
        """The stance read from the cues of the mention's clause and sentence."""
        text, cues = self.text, self.cues
        last_mark = _LAST_CLAUSE_MARK.match(text, sent_start, start)
        clause_start = last_mark.end() if last_mark else sent_start
        next_mark = _CLAUSE_MARK.search(text, end, sent_end)
        clause_end = next_mark.start() if next_mark else sent_end
        before, after = text[clause_start:start], text[end:clause_end]
        if section is not SectionKind.PLANS and (
            cues.problem_before.search(before) or cues.problem_after.search(after)
        ):
            return "problem"
        if section is SectionKind.PROBLEMS and cues.problem_cancel.search(before + after):
            return "adopted"
        if cues.absent_before.search(before) or cues.absent_after.match(after):
            return "mentioned"
        if key in cues.located_concepts and cues.located_before.search(before):
            return "mentioned"
        if key in cues.adviser_concepts and cues.adviser_before.search(text, sent_start, start):
            return "mentioned"
        if key in cues.above_concepts and self.above is not None and self.above.search(before):
            return "mentioned"
        if cues.plan_before.search(text[sent_start:start]):
            return "planned"
        if section in _DEFAULT_STANCE:
            return _DEFAULT_STANCE[section]
        if cues.adopt_verbs.search(before) or cues.adopt_after.search(after):
            return "adopted"
        if after == "中" and next_mark and text[clause_end] == "，":
            # 在法治青禾建设考核中，被评为优秀: the clause closes the frame 在…中, and the honour
            # won in it stands in the next one
            following = _CLAUSE_MARK.search(text, clause_end + 1, sent_end)
            next_clause = text[clause_end + 1 : following.start() if following else sent_end]
            if cues.adopt_after.search(next_clause):
                return "adopted"
        return "mentioned"


# --- spans --------------------------------------------------------------------------------


class _Titles:
    """The 《》 titles of a text: sorted spans that do not overlap."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def hold(self, start: int, end: int) -> bool:
        """Whether one title holds all of ``text[start:end]`` (never empty)."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]

    def holder(self, start: int) -> int:
        """The index of the title that starts at or before ``start`` (-1 when none does)."""
        return bisect_right(self.starts, start) - 1

    def drop_held(
        self, matches: list[tuple[int, int, str]], kept: frozenset[int] = frozenset()
    ) -> list[tuple[int, int, str]]:
        """The (start, end, key) matches that no title holds, but those the ``kept`` titles hold.

        ``kept`` holds indices of titles (in text order).
        """
        if not self.starts:
            return matches
        starts, ends = self.starts, self.ends  # hold(), inlined: called for every label
        return [
            m
            for m in matches
            if (i := bisect_right(starts, m[0]) - 1) < 0 or m[1] > ends[i] or i in kept
        ]


class _Cover:
    """(start, end, key) spans of a text, never empty but maybe overlapping, sorted by start."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans, key=itemgetter(0))
        self.starts = list(map(itemgetter(0), self.spans))
        self.reach = list(accumulate(map(itemgetter(1), self.spans), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``[start, end)``."""
        k = bisect_left(self.starts, end)  # spans[:k] start before ``end``
        return k > 0 and self.reach[k - 1] > start

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The spans that overlap ``[start, end)``."""
        out = []
        k = bisect_left(self.starts, end) - 1
        while k >= 0 and self.reach[k] > start:
            if self.spans[k][1] > start:
                out.append(self.spans[k])
            k -= 1
        return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
