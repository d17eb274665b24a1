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
>>> from kg.structure import document_from_text
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
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import ahocorasick

from extractors.vocabulary import load_vocabulary, matching_form
from kg.model import Document, EntityType, Mention, SectionKind
from extractors import datafiles
from extractors.datafiles import longest_first

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
_LONGEST_UNQUOTED = 16  # characters scanned left of a head for an unquoted name
_CJK_BEFORE = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]{{1,{_LONGEST_UNQUOTED}}}\Z")


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
        A structured report (see :func:`kg.structure.structure`).

    Returns
    -------
    list of Mention
        ``MECHANISM`` mentions (key = concept local name) and ``CANDIDATE_MECHANISM``
        mentions (key = normalised name), each with attrs ``(("stance", …),)``; sorted by
        (start, end, type, key), no duplicates.  Names inside 《》 are left to the law
        extractor.

    Examples
    --------
    >>> from kg.structure import document_from_text
    >>> doc = document_from_text("一、主要举措和成效\\n我镇尚未建立村务监督委员会，落实“一村（社区）一法律顾问”工作。")
    >>> [(m.text, m.key, m.attr("stance")) for m in extract_mechanisms(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('村务监督委员会', 'village-affairs-supervision-committee', 'problem'),
     ('“一村（社区）一法律顾问”工作', 'one-village-one-legal-adviser', 'adopted')]
    """
    text = doc.text
    books = _Titles([m.span() for m in _BOOK_TITLE.finditer(text)])
    labels = [m for m in _vocabulary_matches(text) if not books.hold(m[0], m[1])]
    matches = _with_constructions(text, labels, books)
    found = {_mention(doc, start, end, EntityType.MECHANISM, key) for start, end, key in matches}
    named = _coverage(len(text), [(start, end) for start, end, _ in matches])
    for start, end, key in _candidates(text):
        if not books.hold(start, end) and not _covers_any(named, start, end):
            found.add(_mention(doc, start, end, EntityType.CANDIDATE_MECHANISM, key))
    return sorted(found, key=lambda m: (m.start, m.end, m.type.value, m.key))


def _with_constructions(text: str, labels: list[tuple[int, int, str]],
                        books: _Titles) -> list[tuple[int, int, str]]:
    """The label matches and the mechanisms named by a construction, as (start, end, key)."""
    matches = list(labels)
    labelled = _coverage(len(text), [(start, end) for start, end, _ in labels])
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for start, end, key in labels:
        spans_of.setdefault(key, []).append((start, end))
    for start, end, key, mode in _pattern_matches(text):
        if books.hold(start, end):
            continue
        if mode == "supersede":
            matches = [m for m in matches if not _overlaps(m[0], m[1], [(start, end)])]
        elif (_covers_any(labelled, start, end) if mode == "item"
              else _overlaps(start, end, spans_of.get(key, []))):
            continue  # a label already names it (党务、政务、村务公开 is 三务公开 as a whole)
        matches.append((start, end, key))
    return matches


# --- data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Cues:
    problem_before: re.Pattern[str]
    problem_after: re.Pattern[str]
    problem_cancel: re.Pattern[str]
    absent_before: re.Pattern[str]
    plan_before: re.Pattern[str]
    adopt_verbs: re.Pattern[str]
    located_concepts: frozenset[str]
    located_before: re.Pattern[str]


@dataclass(frozen=True)
class _CandidateRules:
    quoted: re.Pattern[str]
    quoted_self: re.Pattern[str]
    head: re.Pattern[str]
    not_before: tuple[str, ...]
    verbs: re.Pattern[str]
    leading_words: re.Pattern[str]  # a run of them, each the longest that fits
    joiners: frozenset[str]
    stop_names: frozenset[str]
    generic_words: re.Pattern[str]  # a run of them, each the longest that fits


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else re.compile(r"(?!)")


@cache
def _cues() -> _Cues:
    data = datafiles.toml("mechanism_cues.toml")
    return _Cues(_any(data["problem"]["before"]), _any(data["problem"]["after"]),
                 _any(data["problem"]["done"]), _any(data["absent"]["before"]),
                 _any(data["plan"]["before"]),
                 _any(data["adopt"]["verbs"]),
                 frozenset(data["located"]["concepts"]), _any(data["located"]["before"]))


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
    return re.compile(f"{'|'.join(map(re.escape, longest_first(data['always'])))}"
                      f"|(?:{'|'.join(map(re.escape, longest_first(data['before_punctuation'])))})"
                      rf"(?=[{punctuation}]|\Z)")


@cache
def _candidate_rules() -> _CandidateRules:
    data = datafiles.toml("mechanism_candidates.toml")
    heads = "|".join(f"(?:{h})" for h in data["heads"])
    self_heads = "|".join(f"(?:{h})" for h in data["quoted_self_heads"])
    return _CandidateRules(
        quoted=re.compile(rf"“([^“”\n]{{1,16}}?)”([\u4e00-\u9fff]{{0,6}}?)({heads})"),
        quoted_self=re.compile(rf"“([^“”\n]{{1,14}}(?:{self_heads}))”"),
        head=re.compile(heads),
        not_before=tuple(data["not_before"]),
        verbs=_any(sorted((w for w in data["leading_words"] if len(w) > 1), key=len, reverse=True)),
        leading_words=_word_run(data["leading_words"] + data["start_only"]),
        joiners=frozenset(data["joiners"]),
        stop_names=frozenset(data["stop_names"]),
        generic_words=_word_run(data["generic_words"]),
    )


@cache
def _label_automaton() -> ahocorasick.Automaton:
    """Every label in matching form -> (its length, the concept key)."""
    automaton = ahocorasick.Automaton()
    for label, key in load_vocabulary().label_index.items():
        automaton.add_word(label, (len(label), key))
    automaton.make_automaton()
    return automaton


# --- vocabulary matching -------------------------------------------------------------------

def _vocabulary_matches(text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest label matches, as (start, end, key) spans of ``text``."""
    form, offsets = matching_form(text)
    longest = _longest_label_at(form)
    out: list[tuple[int, int, str]] = []
    resume = 0  # where the next match may start in the form
    for form_start in sorted(longest):
        form_end, key = longest[form_start]
        if form_start < resume or not _word_edges_ok(form, form_start, form_end):
            continue
        start, end = _tidy_span(text, offsets.to_text(form_start), offsets.to_text(form_end - 1) + 1)
        out.append((start, end, key))
        resume = form_end
        while resume < len(form) and offsets.to_text(resume) < end:  # not inside a taken suffix
            resume += 1
    return out


def _longest_label_at(form: str) -> dict[int, tuple[int, str]]:
    """Each offset of ``form`` where a label starts -> (end, key) of the longest one there."""
    automaton = _label_automaton()
    if not len(automaton):
        return {}
    longest: dict[int, tuple[int, str]] = {}
    for last, (length, key) in automaton.iter(form):
        longest[last + 1 - length] = (last + 1, key)  # by increasing end: the longest comes last
    return longest


def _word_edges_ok(form: str, start: int, end: int) -> bool:
    """A label written in ASCII (12345) must not be cut out of a longer number or word."""
    return not ((_latin(form, start) and _latin(form, start - 1))
                or (_latin(form, end - 1) and _latin(form, end)))


def _latin(form: str, k: int) -> bool:
    return 0 <= k < len(form) and form[k].isascii() and form[k].isalnum()


def _tidy_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Balance quotes cut by the match and take in a following 制度/机制/工作."""
    inner = text[start:end]
    if inner.count("”") > inner.count("“") and start > 0 and text[start - 1] == "“":
        start -= 1
    elif inner.count("“") > inner.count("”") and text.startswith("”", end):
        end += 1
    after = end
    quoted = start > 0 and text[start - 1] == "“" and text.startswith("”", end)
    if quoted:
        after = end + 1
    suffix = _suffix().match(text, after)
    if suffix is not None and not text[start:end].endswith(suffix.group()):
        if quoted:
            start -= 1
        end = suffix.end()
    return start, end


# --- constructions ------------------------------------------------------------------------

@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    data = datafiles.toml("mechanism_patterns.toml")
    known = load_vocabulary().concepts
    return tuple((re.compile(p), key, table == "supersede")
                 for table in ("patterns", "supersede") for key, pats in data[table].items()
                 for p in pats if key in known)


@dataclass(frozen=True)
class _SharedHead:
    """Two or more short items joined by 、 (the last may follow 和/及), then a shared head."""

    items: re.Pattern[str]
    # A run of the characters such a list is made of, holding a 、.  The list regex tries
    # every character of a text; it only runs inside these.
    runs: re.Pattern[str]


@cache
def _shared_head() -> _SharedHead:
    heads = datafiles.toml("mechanism_patterns.toml")["shared_head"]["heads"]
    chars = r"\u4e00-\u9fff" + re.escape("".join(sorted(set("".join(heads)))))
    return _SharedHead(
        items=re.compile(rf"((?:[\u4e00-\u9fff]{{2,4}}、)+(?:和|及|以及)?[\u4e00-\u9fff]{{2,4}})"
                         f"({'|'.join(map(re.escape, heads))})"),
        runs=re.compile(f"(?<![{chars}、])[{chars}]*+、[{chars}、]*+"))


def _pattern_matches(text: str) -> list[tuple[int, int, str, str]]:
    """Mechanisms named by a construction (``data/mechanism_patterns.toml``).

    Returns (start, end, key, mode): ``add`` (a construction), ``supersede`` (replaces
    the label matches inside it) or ``item`` (one item of a list sharing its head).
    """
    out = []
    for pattern, key, supersedes in _patterns():
        for m in pattern.finditer(text):
            out.append((m.start(), m.end(), key, "supersede" if supersedes else "add"))
    shared = _shared_head()
    for run in shared.runs.finditer(text):
        for m in shared.items.finditer(text, run.start(), run.end()):
            out.extend(_shared_head_items(m))
    return out


def _shared_head_items(m: re.Match[str]) -> list[tuple[int, int, str, str]]:
    """Each item + head of a shared-head list that is a vocabulary label, as an ``item`` match.

    The first item may carry the verb (接受人大、司法监督), so shorter tails are tried.
    """
    vocab, out = load_vocabulary(), []
    head, pos = m.group(2), m.start(1)
    for item in m.group(1).split("、"):
        for cut in range(len(item) - 1):
            found = vocab.lookup(item[cut:] + head)
            if found:
                out.append((pos + cut, pos + len(item), found, "item"))
                break
        pos += len(item) + 1
    return out


# --- candidates ----------------------------------------------------------------------------

def _candidates(text: str) -> list[tuple[int, int, str]]:
    rules = _candidate_rules()
    out: list[tuple[int, int, str]] = []
    for m in rules.quoted.finditer(text):
        inner, middle, head = re.sub(r"\s+", "", m.group(1)), m.group(2), m.group(3)
        # “茶亭说理”矛盾纠纷化解工作法: a few words may stand between the name and its head,
        # but not a verb, 的 or a joiner, which would start another phrase.
        if middle and ("的" in middle or rules.verbs.search(middle)
                       or any(j in middle for j in rules.joiners)):
            continue
        if _specific(inner, rules):
            out.append((m.start(), m.end(), inner + middle + head))
    for m in rules.quoted_self.finditer(text):
        inner = re.sub(r"\s+", "", m.group(1))
        if not rules.head.match(text, m.end()) and _specific(inner, rules):
            out.append((m.start(), m.end(), inner))
    taken = [(s, e) for s, e, _ in out]
    for m in rules.head.finditer(text):
        found = _unquoted(text, m.start(), m.end(), rules)
        if found and not _overlaps(found[0], found[1], taken):
            out.append(found)
    return out


def _unquoted(text: str, head_start: int, head_end: int,
              rules: _CandidateRules) -> tuple[int, int, str] | None:
    head = text[head_start:head_end]
    if head.startswith("工作") or rules.head.match(text, head_end) \
            or text.startswith(rules.not_before, head_end):
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
    content = content[max(verb_ends, default=0):]
    content = content[rules.leading_words.match(content).end():]
    if not 2 <= len(content) <= 10 or any(j in content for j in rules.joiners):
        return None
    if not _specific(content, rules) or content + head in rules.stop_names:
        return None
    return head_start - len(content), head_end, content + head


def _specific(name: str, rules: _CandidateRules) -> bool:
    """True when ``name`` says something of its own: not a stop name, not only generic words."""
    if sum(1 for ch in name if ch.isalnum()) < 2 or name in rules.stop_names:
        return False
    return rules.generic_words.match(name).end() < len(name)


# --- stance --------------------------------------------------------------------------------

def _mention(doc: Document, start: int, end: int, kind: EntityType, key: str) -> Mention:
    section = doc.section_kind_at(start)
    return Mention(doc.text[start:end], kind, start, end, section, key,
                   (("stance", _stance(doc, start, end, section, key)),))


def _stance(doc: Document, start: int, end: int, section: SectionKind, key: str = "") -> str:
    text, cues = doc.text, _cues()
    sentence = doc.sentence_at(start)
    sent_start = min(sentence.start, start)
    sent_end = max(sentence.end, end)
    last_mark = _LAST_CLAUSE_MARK.match(text, sent_start, start)
    clause_start = last_mark.end() if last_mark else sent_start
    next_mark = _CLAUSE_MARK.search(text, end, sent_end)
    clause_end = next_mark.start() if next_mark else sent_end
    before, after = text[clause_start:start], text[end:clause_end]
    if section is not SectionKind.PLANS and (cues.problem_before.search(before)
                                             or cues.problem_after.search(after)):
        return "problem"
    if section is SectionKind.PROBLEMS and cues.problem_cancel.search(before + after):
        return "adopted"
    if cues.absent_before.search(before):
        return "mentioned"
    if key in cues.located_concepts and cues.located_before.search(before):
        return "mentioned"
    if cues.plan_before.search(text[sent_start:start]):
        return "planned"
    if section in _DEFAULT_STANCE:
        return _DEFAULT_STANCE[section]
    return "adopted" if cues.adopt_verbs.search(before) else "mentioned"


# --- spans --------------------------------------------------------------------------------

class _Titles:
    """The 《》 titles of a text: sorted spans that do not overlap."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def hold(self, start: int, end: int) -> bool:
        """Whether one title holds all of ``text[start:end]`` (never empty)."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.spans[i][1]


def _coverage(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """One byte per character of a text: 1 where one of ``spans`` covers it."""
    covered = bytearray(length)
    for start, end in spans:
        covered[start:end] = b"\1" * (end - start)
    return covered


def _covers_any(covered: bytearray, start: int, end: int) -> bool:
    """Whether a covered character lies in ``[start, end)``: the span overlaps a covering one."""
    return covered.find(1, start, end) >= 0


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
