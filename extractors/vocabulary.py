"""The mechanism vocabulary (``ontology/mechanisms.ttl``) as plain, frozen Python data.

The Turtle file is parsed once; what comes out holds only strings and tuples, so the
extractor, the graph builder and the analysis can use it without rdflib.  Labels are also
indexed in their *matching form* (quotes and （社区） dropped, input-method slips repaired)
so that every spelling a report uses finds its concept.

Examples
--------
>>> vocab = load_vocabulary()
>>> vocab.concepts["legality-review"].pref_zh
'合法性审查'
>>> vocab.lookup("“第一议题”制度"), vocab.lookup("一村(社区)一法律顾问")
('first-agenda-item', 'one-village-one-legal-adviser')
>>> vocab.area_of("enforcement-publicity")
'area-administrative-enforcement'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from types import MappingProxyType

from rdflib import RDF, SKOS, Graph, URIRef
from rdflib.term import Node

from kg import ontology
from kg.errors import VocabularyError
from kg.extractors import datafiles

_SCHEME = "https://w3id.org/fazhi-kg/id/scheme/mechanisms"
_MECHANISM_NS = "https://w3id.org/fazhi-kg/id/mechanism/"
_FZ_MECHANISM = "https://w3id.org/fazhi-kg/ontology#Mechanism"


@dataclass(frozen=True)
class Concept:
    """One concept of the vocabulary: an area (top concept) or a mechanism.

    ``labels`` holds every Chinese label as written in the file: the zh prefLabel first,
    then altLabels, then hiddenLabels.  ``broader`` lists the keys of the broader
    concepts, the area first.
    """

    key: str
    iri: str
    pref_zh: str
    pref_en: str
    labels: tuple[str, ...]
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    definition: str
    broader: tuple[str, ...]
    is_area: bool
    is_mechanism: bool


@dataclass(frozen=True)
class Vocabulary:
    """The whole vocabulary: concepts by key and a label index in matching form.

    ``concepts`` maps a local name (``legality-review``) to its :class:`Concept`;
    ``label_index`` maps the matching form of every zh label of a mechanism
    (see :func:`matching_form`) to the key of its concept.
    """

    concepts: Mapping[str, Concept]
    label_index: Mapping[str, str]

    def mechanisms(self) -> tuple[Concept, ...]:
        """The fz:Mechanism concepts, sorted by key.

        Examples
        --------
        >>> len(load_vocabulary().mechanisms()) >= 60
        True
        """
        return tuple(c for _, c in sorted(self.concepts.items()) if c.is_mechanism)

    def areas(self) -> tuple[Concept, ...]:
        """The top concepts (areas of the national outline), sorted by key.

        Examples
        --------
        >>> len(load_vocabulary().areas())
        10
        """
        return tuple(c for _, c in sorted(self.concepts.items()) if c.is_area)

    def lookup(self, label: str) -> str | None:
        """The key of the mechanism a label names, in any spelling the matcher accepts.

        Examples
        --------
        >>> load_vocabulary().lookup("合法性审核"), load_vocabulary().lookup("合法性")
        ('legality-review', None)
        """
        return self.label_index.get(normalise(label))

    def area_of(self, key: str) -> str | None:
        """The key of the area a concept belongs to (itself for an area), or None.

        Examples
        --------
        >>> load_vocabulary().area_of("fengqiao-experience")
        'area-dispute-resolution'
        """
        seen: set[str] = set()
        todo = [key]
        while todo:
            current = todo.pop(0)
            concept = self.concepts.get(current)
            if concept is None or current in seen:
                continue
            if concept.is_area:
                return current
            seen.add(current)
            todo.extend(concept.broader)
        return None

    def head_of(self, key: str) -> str | None:
        """The coarse head (``extractors/data/mechanism_heads.toml``) a concept falls under.

        A head is its own head; a member listed under a head, or a part whose
        ``skos:broader`` chain reaches a head, has that head; anything else has none
        (it lies outside the coarse vocabulary that hand answer keys label with).

        Examples
        --------
        >>> vocab = load_vocabulary()
        >>> vocab.head_of("legality-review"), vocab.head_of("official-law-exams")
        ('legality-review', 'leading-cadres-law-study')
        >>> vocab.head_of("public-participation"), vocab.head_of("emergency-plans")
        ('major-decision-procedure', None)
        """
        heads = _heads()
        seen: set[str] = set()
        todo = [key]
        while todo:
            current = todo.pop(0)
            if current in heads:
                return heads[current]
            concept = self.concepts.get(current)
            if concept is None or current in seen:
                continue
            seen.add(current)
            todo.extend(b for b in concept.broader if not b.startswith("area-"))
        return None


@cache
def _heads() -> dict[str, str]:
    data = datafiles.toml("mechanism_heads.toml")
    heads: dict[str, str] = {}
    for head, members in data["heads"].items():
        heads[head] = head
        for member in members:
            heads[member] = head
    return heads


@dataclass(frozen=True)
class _Normaliser:
    drop_chars: frozenset[str]
    drop_insertions: tuple[str, ...]
    homophones: tuple[tuple[str, str], ...]


@cache
def _normaliser() -> _Normaliser:
    data = datafiles.toml("mechanism_normalise.toml")
    pairs = tuple((a, b) for a, b in data.get("homophones", {}).items() if len(a) == len(b))
    drop_chars = frozenset(data.get("drop_chars", ""))
    insertions = tuple(sorted(data.get("drop_insertions", []), key=len, reverse=True))
    if any(not s or s[0] in drop_chars for s in insertions):
        # Matching drops such a character alone, so the insertion could never be dropped whole.
        raise VocabularyError(
            "mechanism_normalise.toml: a drop insertion is empty or starts with "
            "a drop character (fix the file)"
        )
    return _Normaliser(drop_chars, insertions, pairs)


@dataclass(frozen=True)
class FormOffsets:
    """Where the characters of a matching form lie in the text it was made from.

    The form is the text's kept runs put end to end: run ``k`` starts at
    ``form_starts[k]`` in the form and at ``text_starts[k]`` in the text.
    """

    form_starts: tuple[int, ...]
    text_starts: tuple[int, ...]

    def to_text(self, form_offset: int) -> int:
        """The offset in the text of the form's character at ``form_offset``.

        Examples
        --------
        >>> form, offsets = matching_form("“三重一大”")
        >>> form, offsets.to_text(0), offsets.to_text(3)
        ('三重一大', 1, 4)
        """
        run = bisect_right(self.form_starts, form_offset) - 1
        return self.text_starts[run] + form_offset - self.form_starts[run]


def matching_form(text: str) -> tuple[str, FormOffsets]:
    """The text as the matcher sees it, and where each of its characters lies in ``text``.

    Quotes are dropped, short insertions such as （社区） are dropped, and same-length
    input-method slips (学法治度 for 学法制度) are repaired.

    Parameters
    ----------
    text : str
        Any text: a vocabulary label or a whole report.

    Returns
    -------
    tuple of (str, FormOffsets)
        The matching form and the map from its offsets to offsets in ``text``.

    Examples
    --------
    >>> form, offsets = matching_form("落实“一村（社区）一法律顾问”")
    >>> form, tuple(offsets.to_text(i) for i in range(len(form)))
    ('落实一村一法律顾问', (0, 1, 3, 4, 9, 10, 11, 12, 13))
    >>> matching_form("学法治度")[0]
    '学法制度'
    """
    parts = _kept_and_dropped(text)
    kept = parts[0::2]
    form_starts = tuple(accumulate(map(len, kept[:-1]), initial=0))
    text_starts = tuple(accumulate(map(len, parts[:-1]), initial=0))[0::2]
    return "".join(kept), FormOffsets(form_starts, text_starts)


def _kept_and_dropped(text: str) -> list[str]:
    """``text`` (slips repaired) cut into runs kept, dropped, kept, ... by matching.

    Insertions are cut out first: they never start with a drop character (checked on
    loading), so this finds what one scan for either would.  Two passes because one
    alternation of both is several times slower than a pass with a character class.
    """
    for wrong, right in _normaliser().homophones:  # same length, so offsets stay valid
        text = text.replace(wrong, right)
    drop_chars = _drop_chars()
    pieces = _insertions().split(text)  # outside, insertion, outside, ...
    parts = drop_chars.split(pieces[0])
    for insertion, outside in zip(pieces[1::2], pieces[2::2]):
        parts.append(insertion)
        parts.extend(drop_chars.split(outside))
    return parts


@cache
def _drop_chars() -> re.Pattern[str]:
    """One drop character, captured (so that ``split`` keeps it)."""
    chars = "".join(sorted(_normaliser().drop_chars))
    return re.compile(f"([{re.escape(chars)}])" if chars else r"((?!))")


@cache
def _insertions() -> re.Pattern[str]:
    """The longest drop insertion, captured (so that ``split`` keeps it)."""
    insertions = _normaliser().drop_insertions
    return re.compile(f"({'|'.join(map(re.escape, insertions))})" if insertions else r"((?!))")


def normalise(text: str) -> str:
    """Only the matching form of ``text`` (see :func:`matching_form`).

    Examples
    --------
    >>> normalise("“三重一大”议事规则")
    '三重一大议事规则'
    """
    return "".join(_kept_and_dropped(text)[0::2])


@cache
def load_vocabulary() -> Vocabulary:
    """Parse ``ontology/mechanisms.ttl`` once and return the vocabulary.

    Raises
    ------
    kg.errors.VocabularyError
        The file is missing or not valid Turtle, a concept lacks a zh or en prefLabel,
        or two concepts share a label (the matcher could not tell them apart).

    Examples
    --------
    >>> vocab = load_vocabulary()
    >>> vocab is load_vocabulary()
    True
    >>> vocab.concepts["three-important-one-large"].broader
    ('area-administrative-decision',)
    """
    return _build(ontology.graph("mechanisms.ttl"))


def _build(graph: Graph) -> Vocabulary:
    scheme = URIRef(_SCHEME)
    mechanism_class = URIRef(_FZ_MECHANISM)
    concepts: dict[str, Concept] = {}
    for iri in sorted(set(graph.subjects(SKOS.inScheme, scheme)), key=str):
        if not str(iri).startswith(_MECHANISM_NS):
            continue
        key = str(iri)[len(_MECHANISM_NS) :]

        def texts(prop: URIRef, lang: str, iri: Node = iri) -> list[str]:
            return sorted(
                str(o) for o in graph.objects(iri, prop) if getattr(o, "language", None) == lang
            )

        pref_zh, pref_en = texts(SKOS.prefLabel, "zh"), texts(SKOS.prefLabel, "en")
        if len(pref_zh) != 1 or len(pref_en) != 1:
            raise VocabularyError(
                f"mechanisms.ttl: concept {key} needs exactly one zh and one en "
                f"skos:prefLabel, has {pref_zh + pref_en} (fix the file)"
            )
        is_area = (iri, SKOS.topConceptOf, scheme) in graph
        broader = sorted(str(o)[len(_MECHANISM_NS) :] for o in graph.objects(iri, SKOS.broader))
        # The area first: callers that want one parent take broader[0].
        broader.sort(key=lambda b: not b.startswith("area-"))
        alt, hidden = texts(SKOS.altLabel, "zh"), texts(SKOS.hiddenLabel, "zh")
        definition = texts(SKOS.definition, "en")
        concepts[key] = Concept(
            key=key,
            iri=str(iri),
            pref_zh=pref_zh[0],
            pref_en=pref_en[0],
            labels=tuple(dict.fromkeys([pref_zh[0], *alt, *hidden])),
            alt_labels=tuple(alt),
            hidden_labels=tuple(hidden),
            definition=definition[0] if definition else "",
            broader=tuple(broader),
            is_area=is_area,
            is_mechanism=(iri, RDF.type, mechanism_class) in graph,
        )
    return Vocabulary(MappingProxyType(concepts), MappingProxyType(_label_index(concepts)))


def _label_index(concepts: Mapping[str, Concept]) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, concept in concepts.items():
        if not concept.is_mechanism:
            continue  # areas name fields of work, never a practice in a sentence
        for label in concept.labels:
            form = normalise(label)
            if not form:
                continue
            owner = index.setdefault(form, key)
            if owner != key:
                raise VocabularyError(
                    f"mechanisms.ttl: label {label!r} belongs to both {owner} and {key}; "
                    "a label must name one concept (fix the file)"
                )
    return index
