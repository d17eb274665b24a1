"""Problems: the weaknesses a report admits in its problems section.

The problems part of a report is the run of sections classified
:attr:`SectionKind.PROBLEMS` (二、存在的不足, 十一、存在的主要问题, the （一）存在的问题
half of 二、存在的问题及下一步工作计划).  Its pure heading lines are skipped, and it
ends where the plans start (下一步…, 今后…).  Then, in this order:

1. enumerated items (一是…二是…, （一）…（二）…, 1.…2.…): each item is one
   problem, the text before the first item is the introduction and is dropped;
2. a sentence that lists its problems after 如 / 主要表现在 (…，如A还需进一步强化，
   B还要不断提高，C还要落实常态化等): each clause with a problem cue is one
   problem, a clause without one continues the one before;
3. otherwise each sentence with a problem cue (不足, 有待, 缺乏 … in
   ``data/problem_cues.txt``) that is not an introduction (虽然取得了…，但…：).

The mention text is the statement without its enumerator; the key is the
statement up to its first comma or semicolon, at most 30 characters, without
quotes.  Weakness clauses outside the problems part are not extracted.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要成效\\n落实合法性审查。\\n"
...     "二、存在的不足\\n虽然取得了一定成效，但还存在一些问题：一是普法还未实现全覆盖，农村老人仍是难点；"
...     "二是执法人员法律知识不足。\\n三、下一步工作打算\\n加强普法。")
>>> [m.key for m in extract_problems(doc)]
['普法还未实现全覆盖', '执法人员法律知识不足']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extractors import datafiles
from kg.model import Document, EntityType, Mention, SectionKind

_CLAUSE_END = re.compile(r"[，,；;。：:！？]")
_SENTENCE = re.compile(r"[^。！？；;\n]+[。！？；;]?")
_TRIM = "，,；;。.：:！？、 \t\n*"


@dataclass(frozen=True)
class _Words:
    """The vocabulary of ``data/problem_words.toml`` and ``data/problem_cues.txt``."""

    heading: re.Pattern[str]
    enumerators: tuple[re.Pattern[str], ...]
    list_openers: tuple[str, ...]
    comma_openers: tuple[str, ...]
    intro_cues: tuple[str, ...]
    plan_openers: tuple[str, ...]
    cues: tuple[str, ...]
    max_key: int


@cache
def _words() -> _Words:
    data = datafiles.toml("problem_words.toml")
    return _Words(
        heading=re.compile(data["heading"]),
        enumerators=tuple(re.compile(p) for p in data["enumerators"]),
        list_openers=tuple(sorted(data["list_openers"], key=len, reverse=True)),
        comma_openers=tuple(data["list_opener_after_comma"]),
        intro_cues=tuple(data["intro_cues"]),
        plan_openers=tuple(data["plan_openers"]),
        cues=datafiles.lines("problem_cues.txt"),
        max_key=int(data["max_key_length"]),
    )


def extract_problems(doc: Document) -> list[Mention]:
    """Find the problems a report names as its weaknesses.

    Parameters
    ----------
    doc : Document
        A structured report.

    Returns
    -------
    list of Mention
        One PROBLEM mention per problem statement; ``key`` is its short
        normalised form.  Sorted, without duplicates.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("甲镇2022年法治政府建设报告\\n一、工作情况\\n开展普法。\\n二、存在的主要问题\\n"
    ...     "（一）法治氛围还不够浓厚。村民法律基础较差。\\n（二）缺乏专业人才队伍。\\n三、下一步工作打算\\n加强学习。")
    >>> [(m.text, m.key) for m in extract_problems(doc)]
    [('法治氛围还不够浓厚。村民法律基础较差', '法治氛围还不够浓厚'), ('缺乏专业人才队伍', '缺乏专业人才队伍')]
    """
    text = doc.text
    mentions: set[Mention] = set()
    for start, end in _regions(doc):
        spans = _problem_spans(text, _body(text, start, end))
        for s, e in spans:
            key = problem_key(text[s:e])
            if key:
                mentions.add(
                    Mention(text[s:e], EntityType.PROBLEM, s, e, doc.section_kind_at(s), key)
                )
    return sorted(mentions, key=lambda m: (m.start, m.end, m.type.value, m.key))


def problem_key(statement: str) -> str:
    """The short normalised form of a problem statement.

    Examples
    --------
    >>> problem_key("全民法治教育需要进一步加强，受基层人力物力财力等因素影响")
    '全民法治教育需要进一步加强'
    >>> problem_key("“法律明白人”作用发挥不够。")
    '法律明白人作用发挥不够'
    >>> problem_key("队伍建设方面。执法人员数量不足，年龄结构老化")
    '执法人员数量不足'
    """
    words = _words()
    clauses = [c for c in _CLAUSE_END.split(statement.strip(_TRIM)) if c.strip()]
    if not clauses:
        return ""
    # A topic heading (（一）队伍建设方面。执法人员数量不足…) names no problem itself:
    # the first clause that states one is the key.
    first = next((c for c in clauses if _has_cue(c)), clauses[0])
    key = re.sub(r"[“”‘’\"'\s*]", "", first)
    return key[: words.max_key]


def _regions(doc: Document) -> list[tuple[int, int]]:
    """Spans of the problems part: consecutive problem sections, merged."""
    words = _words()
    regions: list[list[int]] = []
    for section in doc.sections:
        is_problem = section.kind == SectionKind.PROBLEMS or (
            section.level > 0 and words.heading.match(section.heading.strip())
        )
        if not is_problem:
            continue
        if regions and regions[-1][1] == section.start:
            regions[-1][1] = section.end
        else:
            regions.append([section.start, section.end])
    return [(s, e) for s, e in regions]


def _body(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a problems part without its pure headings, up to the plans."""
    words = _words()
    lines = []
    pos = start
    for line in text[start:end].split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip(" *")
        if not stripped or words.heading.match(stripped):
            continue
        if stripped.startswith(words.plan_openers):
            break
        lines.append((line_start, line_end))
    return lines


def _problem_spans(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not lines:
        return []
    start, end = lines[0][0], lines[-1][1]
    items = _enumerated(text, start, end)
    if items:
        return items
    items = _listed(text, start, end)
    if items:
        return items
    return _cued_sentences(text, start, end)


def _item_starts(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of an enumerator that open an item: at a line start or after a clause end."""
    found = []
    for m in pattern.finditer(text, start, end):
        before = text[max(start, m.start() - 3) : m.start()].rstrip(" *")
        if (
            m.start() == start
            or not before
            or before[-1] in "\n。；;：:！？"
            or text[m.start() - 1] == "\n"
        ):
            found.append(m)
    return found


def _enumerated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    best: list[re.Match[str]] = []
    for pattern in _words().enumerators:
        found = _item_starts(text, start, end, pattern)
        if found and (not best or found[0].start() < best[0].start()):
            best = found
    spans = []
    for i, m in enumerate(best):
        item_end = best[i + 1].start() if i + 1 < len(best) else end
        span = _trim(text, m.end(), item_end)
        if span:
            spans.append(span)
    return spans


def _listed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``…，如A还需加强，B还要提高，C还要落实等。``: one problem per cued clause."""
    words = _words()
    body = text[start:end]
    opener_end = -1
    for opener in words.list_openers:
        i = body.find(opener)
        if i >= 0:
            opener_end = i + len(opener)
            break
    if opener_end < 0:
        for opener in words.comma_openers:
            m = re.search(rf"[，,：:]{opener}(?![期实何此同果今])", body)
            if m:
                opener_end = m.end()
                break
    if opener_end < 0:
        return []
    spans: list[tuple[int, int]] = []
    pos = start + opener_end
    for m in re.finditer(r"[^，,；;。]+", text[pos:end]):
        s, e = pos + m.start(), pos + m.end()
        clause = text[s:e]
        if clause.endswith("等"):
            e -= 1
        if _has_cue(clause) or not spans:
            span = _trim(text, s, e)
            if span:
                spans.append(span)
        else:
            spans[-1] = (spans[-1][0], e)
        if text[pos + m.end() : pos + m.end() + 1] == "。":
            break
    return [s for s in spans if _has_cue(text[s[0] : s[1]])]


def _cued_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    words = _words()
    spans = []
    for m in _SENTENCE.finditer(text, start, end):
        sentence = m.group(0)
        if not _has_cue(sentence):
            continue
        if sentence.rstrip().endswith(("：", ":")) or any(c in sentence for c in words.intro_cues):
            continue
        span = _trim(text, m.start(), m.end())
        if span:
            spans.append(span)
    return spans


def _has_cue(text: str) -> bool:
    return any(cue in text for cue in _words().cues)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end - start >= 4 else None
