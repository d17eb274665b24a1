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
from dataclasses import dataclass
from functools import cache

from extractors.vocabulary import load_vocabulary, matching_form
from kg.model import Document, EntityType, Mention, SectionKind
from extractors import datafiles

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_BOOK_TITLE = re.compile(r"《[^《》\n]{1,120}》")
_CLAUSE_END = "，；：。！？,;:!?\n"
_DEFAULT_STANCE = {
    SectionKind.ACHIEVEMENTS: "adopted",
    SectionKind.DUTIES: "adopted",
    SectionKind.PLANS: "planned",
    SectionKind.PROBLEMS: "problem",
}
_LONGEST_UNQUOTED = 16  # characters scanned left of a head for an unquoted name
_END = ""  # trie key that marks a complete label


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
    books = [m.span() for m in _BOOK_TITLE.finditer(text)]
    found: set[Mention] = set()
    matches = [m for m in _vocabulary_matches(text) if not _inside(m[0], m[1], books)]
    labels = list(matches)
    for start, end, key, mode in _pattern_matches(text):
        if _inside(start, end, books):
            continue
        if mode == "supersede":
            matches = [m for m in matches if not _overlaps(m[0], m[1], [(start, end)])]
        elif _overlaps(start, end, [(s, e) for s, e, k in labels if mode == "item" or k == key]):
            continue  # a label already names it (党务、政务、村务公开 is 三务公开 as a whole)
        matches.append((start, end, key))
    vocab_spans = [(start, end) for start, end, _ in matches]
    for start, end, key in matches:
        found.add(_mention(doc, start, end, EntityType.MECHANISM, key))
    for start, end, key in _candidates(text):
        if _inside(start, end, books) or _overlaps(start, end, vocab_spans):
            continue
        found.add(_mention(doc, start, end, EntityType.CANDIDATE_MECHANISM, key))
    return sorted(found, key=lambda m: (m.start, m.end, m.type.value, m.key))


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
    leading_words: tuple[str, ...]
    joiners: frozenset[str]
    stop_names: frozenset[str]
    generic_words: tuple[str, ...]


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


@cache
def _suffixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = datafiles.toml("mechanism_normalise.toml")["suffixes"]
    return (tuple(sorted(data["always"], key=len, reverse=True)),
            tuple(sorted(data["before_punctuation"], key=len, reverse=True)))


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
        leading_words=tuple(sorted(data["leading_words"] + data["start_only"], key=len, reverse=True)),
        joiners=frozenset(data["joiners"]),
        stop_names=frozenset(data["stop_names"]),
        generic_words=tuple(sorted(data["generic_words"], key=len, reverse=True)),
    )


@cache
def _trie() -> dict:
    root: dict = {}
    for label, key in load_vocabulary().label_index.items():
        node = root
        for ch in label:
            node = node.setdefault(ch, {})
        node[_END] = key
    return root


# --- vocabulary matching -------------------------------------------------------------------

def _vocabulary_matches(text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest label matches, as (start, end, key) spans of ``text``."""
    form, index = matching_form(text)
    trie, out, i, n = _trie(), [], 0, len(form)
    while i < n:
        node, best = trie, None
        j = i
        while j < n and form[j] in node:
            node = node[form[j]]
            j += 1
            if _END in node:
                best = (j, node[_END])
        if best and _word_edges_ok(form, i, best[0]):
            j, key = best
            start, end = _tidy_span(text, index[i], index[j - 1] + 1)
            out.append((start, end, key))
            i = j
            while i < n and index[i] < end:  # never start a match inside a taken suffix
                i += 1
        else:
            i += 1
    return out


def _word_edges_ok(form: str, start: int, end: int) -> bool:
    """A label written in ASCII (12345) must not be cut out of a longer number or word."""
    def latin(k: int) -> bool:
        return 0 <= k < len(form) and form[k].isascii() and form[k].isalnum()
    return not ((latin(start) and latin(start - 1)) or (latin(end - 1) and latin(end)))


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
    always, before_punct = _suffixes()
    suffix = next((s for s in always if text.startswith(s, after)), None)
    if suffix is None:
        suffix = next((s for s in before_punct if text.startswith(s, after)
                       and (after + len(s) == len(text) or text[after + len(s)] in _CLAUSE_END + "、”）")),
                      None)
    if suffix is not None and not text[start:end].endswith(suffix):
        if quoted:
            start -= 1
        end = after + len(suffix)
    return start, end


# --- constructions ------------------------------------------------------------------------

@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    data = datafiles.toml("mechanism_patterns.toml")
    known = load_vocabulary().concepts
    out = [(re.compile(p), key, table == "supersede")
           for table in ("patterns", "supersede") for key, pats in data[table].items() for p in pats
           if key in known]
    heads = "|".join(map(re.escape, data["shared_head"]["heads"]))
    # Two or more short items joined by 、 (the last may follow 和/及), then the shared head.
    out.append((re.compile(rf"((?:[\u4e00-\u9fff]{{2,4}}、)+(?:和|及|以及)?[\u4e00-\u9fff]{{2,4}})({heads})"),
                "", False))
    return tuple(out)


def _pattern_matches(text: str) -> list[tuple[int, int, str, str]]:
    """Mechanisms named by a construction (``data/mechanism_patterns.toml``).

    Returns (start, end, key, mode): ``add`` (a construction), ``supersede`` (replaces
    the label matches inside it) or ``item`` (one item of a list sharing its head).
    """
    vocab, out = load_vocabulary(), []
    for pattern, key, supersedes in _patterns():
        for m in pattern.finditer(text):
            if key:
                out.append((m.start(), m.end(), key, "supersede" if supersedes else "add"))
                continue
            # Shared head: each item + head that is a vocabulary label is a mention of its own.
            # The first item may carry the verb (接受人大、司法监督), so shorter tails are tried.
            head, pos = m.group(2), m.start(1)
            for item in m.group(1).split("、"):
                for cut in range(len(item) - 1):
                    bare = item[cut:]
                    found = vocab.lookup(bare + head)
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
    left = head_start
    while left > 0 and head_start - left < _LONGEST_UNQUOTED and _CJK.match(text[left - 1]):
        left -= 1
    if left > 0 and text[left - 1] in rules.joiners:
        return None  # one item of an enumeration: 投诉、举报X制度
    window = text[left:head_start]
    content = window.rsplit("的", 1)[-1]
    verb_ends = [m.end() for m in rules.verbs.finditer(content)]
    if head_start - left >= _LONGEST_UNQUOTED and content == window and not verb_ends:
        return None  # a long run with no punctuation, 的 or verb: the name's left edge is unknown
    content = _strip_leading(content[max(verb_ends, default=0):], rules.leading_words)
    if not 2 <= len(content) <= 10 or any(j in content for j in rules.joiners):
        return None
    if not _specific(content, rules) or content + head in rules.stop_names:
        return None
    return head_start - len(content), head_end, content + head


def _strip_leading(content: str, words: tuple[str, ...]) -> str:
    while content:
        word = next((w for w in words if content.startswith(w)), None)
        if word is None:
            break
        content = content[len(word):]
    return content


def _specific(name: str, rules: _CandidateRules) -> bool:
    """True when ``name`` says something of its own: not a stop name, not only generic words."""
    if sum(1 for ch in name if ch.isalnum()) < 2 or name in rules.stop_names:
        return False
    rest = name
    while rest:
        word = next((w for w in rules.generic_words if rest.startswith(w)), None)
        if word is None:
            return True
        rest = rest[len(word):]
    return False


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
    clause_start = max((text.rfind(ch, sent_start, start) for ch in _CLAUSE_END), default=-1) + 1
    clause_start = max(clause_start, sent_start)
    ends = [i for i in (text.find(ch, end, sent_end) for ch in _CLAUSE_END) if i >= 0]
    clause_end = min(ends, default=sent_end)
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


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
