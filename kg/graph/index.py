"""Plain triples indexed by subject: what the per-report outputs read instead of an rdflib Graph.

A build renders every output from each report's own triples, in the worker that
extracted it (:mod:`kg.pipeline`).  :class:`TripleIndex` answers the few
questions those renderers ask (a node's types, a property's values, a label)
from writer triples (:data:`kg.graph.terms.Triple`), with the shipped ontology
and vocabulary behind it (:func:`base_index`) for mechanism labels and classes.
The same index built from a whole graph's triples gives the same answers as the
graph, so one renderer serves one report and a graph loaded from a file.

Examples
--------
>>> from kg.namespaces import FZ, ID, MECHANISM, RDF
>>> index = TripleIndex([(str(ID.t), str(RDF.type), str(FZ.Town)),
...                      (str(ID.t), str(FZ.adopts), str(MECHANISM["legality-review"]))],
...                     fallback=base_index())
>>> index.subjects_of(str(FZ.Town)), index.label(str(MECHANISM["legality-review"]))
(['https://w3id.org/fazhi-kg/id/t'], '合法性审查')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

from kg.graph.terms import Lit, Triple, writer_term
from kg.namespaces import RDF, RDFS, SKOS

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["TripleIndex", "base_index", "first_text", "first_value", "index_of_graph", "text_of"]

_TYPE, _LABEL, _PREF = str(RDF.type), str(RDFS.label), str(SKOS.prefLabel)
_LABELS = (_LABEL, _PREF)


def text_of(value: str | Lit) -> str:
    """The lexical form of a literal, or the IRI."""
    return value.value if isinstance(value, Lit) else value


def first_value(props: dict[str, list[str | Lit]], p: str) -> str | Lit | None:
    """The first value of ``p`` in a node's :meth:`TripleIndex.props`, or None: what
    :meth:`TripleIndex.value` gives, for a caller reading several properties of one node."""
    values = props.get(p)
    return values[0] if values else None


def first_text(props: dict[str, list[str | Lit]], p: str) -> str:
    """:func:`first_value` as text, "" when there is none (:meth:`TripleIndex.text`)."""
    values = props.get(p)
    return text_of(values[0]) if values else ""


class TripleIndex:
    """Subject -> predicate -> objects (in the order written), and class -> instances.

    ``fallback`` is asked for subjects this index does not hold (the ontology
    and vocabulary behind one report's triples).
    """

    def __init__(self, triples: Iterable[Triple] = (), fallback: TripleIndex | None = None):
        self.by_subject: dict[str, dict[str, list[str | Lit]]] = {}
        self.by_type: dict[str, list[str]] = {}
        self.fallback = fallback
        self.labels: dict[str, str] = {}
        self.inverse: dict[str, dict[str | Lit, list[str]]] = {}  # made by subjects_with
        self.add(triples)

    def add(self, triples: Iterable[Triple]) -> None:
        """Index more triples (each once: they come from a set, a graph or a deduplicated report)."""
        by_subject, by_type = self.by_subject, self.by_type
        self.inverse = {}
        for s, p, o in triples:
            props = by_subject.get(s)
            if props is None:
                props = by_subject[s] = {}
            values = props.get(p)
            if values is None:
                props[p] = [o]
            else:
                values.append(o)
            if p in _LABELS:
                self.labels.pop(s, None)
            if p == _TYPE and type(o) is str:
                found = by_type.get(o)
                if found is None:
                    by_type[o] = [s]
                else:
                    found.append(s)

    def __len__(self) -> int:
        return sum(len(v) for props in self.by_subject.values() for v in props.values())

    def props(self, s: str) -> dict[str, list[str | Lit]]:
        found = self.by_subject.get(s)
        if found is None and self.fallback is not None:
            return self.fallback.props(s)
        return found or {}

    def objects(self, s: str, p: str) -> list[str | Lit]:
        return self.props(s).get(p, [])

    def value(self, s: str | None, p: str) -> str | Lit | None:
        """One value of ``p`` on ``s`` (the first written), or None."""
        if s is None:
            return None
        values = self.objects(s, p)
        return values[0] if values else None

    def node(self, s: str | None, p: str) -> str | None:
        """One value of the object property ``p`` on ``s`` (an IRI or ``_:label``), or None."""
        # The writer gives an object property IRIs and blank nodes only (the shapes check it).
        return cast("str | None", self.value(s, p))

    def nodes(self, s: str, p: str) -> list[str]:
        """The values of the object property ``p`` on ``s`` (IRIs or ``_:labels``), in order."""
        return cast("list[str]", self.objects(s, p))

    def text(self, s: str | None, p: str) -> str:
        """The value of ``p`` on ``s`` as text, "" when there is none."""
        value = self.value(s, p)
        return "" if value is None else text_of(value)

    def types(self, s: str) -> list[str]:
        return self.nodes(s, _TYPE)

    def subjects_with(self, p: str, o: str | Lit) -> list[str]:
        """Subjects ``s`` of this index with ``(s, p, o)``, in the order written (an inverse
        index of ``p``, made on first use: few predicates are read backwards)."""
        found = self.inverse.get(p)
        if found is None:
            found = self.inverse[p] = {}
            for s, props in self.by_subject.items():
                for value in props.get(p, ()):
                    found.setdefault(value, []).append(s)
        return found.get(o, [])

    def subjects_of(self, cls: str) -> list[str]:
        """Instances of ``cls`` in this index (not the fallback), in the order written."""
        return self.by_type.get(cls, [])

    def label(self, node: str) -> str:
        """The Chinese label (skos:prefLabel, else rdfs:label, else the IRI's tail).

        The same rule as :func:`kg.analysis.cooccurrence.label`.
        """
        found = self.labels.get(node)
        if found is None:
            found = self.labels[node] = self._label(node)
        return found

    def _label(self, node: str) -> str:
        for prop in (_PREF, _LABEL):
            found = [
                o.value
                for o in self.objects(node, prop)
                if type(o) is Lit and o.lang in ("zh", None)
            ]
            if found:
                return min(found)
        return node.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def triples(self) -> Iterator[Triple]:
        for s, props in self.by_subject.items():
            for p, values in props.items():
                for o in values:
                    yield s, p, o


@functools.cache
def base_index() -> TripleIndex:
    """The ontology and the mechanism vocabulary, indexed once per process."""
    # Imported here: kg.graph.triples loads the extractors' vocabulary.
    from kg import ontology
    from kg.graph.triples import BASE_FILES

    return index_of_graph(ontology.graph(*BASE_FILES))


def index_of_graph(graph: Graph, fallback: TripleIndex | None = None) -> TripleIndex:
    """The index of an rdflib graph's triples (blank nodes as ``_:label``)."""
    # A subject is an IRI or a blank node, which writer_term gives as a string.
    return TripleIndex(
        ((cast(str, writer_term(s)), str(p), writer_term(o)) for s, p, o in graph),
        fallback=fallback,
    )
