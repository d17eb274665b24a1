"""The town facts a build keeps for the analyses: each term stored once, each triple one integer.

A streaming build keeps every report's town facts (:func:`kg.analysis.cooccurrence.is_town_fact`:
stances, places, labels, years) until the end, where the co-occurrence tables, the heat map
and the town x mechanism matrix are made from them.  As an rdflib graph they took about
670 bytes a triple, 40 % of what the build process grew by per report; here a triple is one
Python integer packing the numbers of its subject, predicate and object in an
insertion-ordered dict, and each distinct IRI or literal is kept once: about 90 bytes a
triple (BENCHMARKS.md, "Memory of the build process").

:meth:`TownFacts.index` gives the facts with the ontology and vocabulary as the
:class:`~kg.graph.index.TripleIndex` the analyses read; :meth:`TownFacts.graph` an rdflib
graph of the same triples, for a notebook.

Examples
--------
>>> from kg.namespaces import FZ, ID, MECHANISM
>>> t, m = str(ID["town/1"]), str(MECHANISM["legality-review"])
>>> facts = TownFacts([(t, str(FZ.adopts), m), (t, str(FZ.adopts), m)])
>>> len(facts), list(facts) == [(t, str(FZ.adopts), m)]
(1, True)
>>> facts.index().label(m), facts.index().nodes(t, str(FZ.adopts)) == [m]
('合法性审查', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

from kg.graph.index import TripleIndex, base_index
from kg.graph.terms import Lit, Triple, shared_rdflib_triple

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = ["TownFacts"]

#: Bits of a packed triple given to the predicate, and to the object (the subject takes the rest).
_P_BITS, _O_BITS = 8, 32
_P_MASK, _O_MASK = (1 << _P_BITS) - 1, (1 << _O_BITS) - 1


class TownFacts:
    """A set of writer triples (:data:`~kg.graph.terms.Triple`), kept in the order first added.

    ``terms`` lists each subject and object once (``ids`` gives a term's number);
    ``predicates`` the predicates (a few: those of the town facts); ``keys`` the
    triples, each ``(subject << 32 | object) << 8 | predicate``.
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self.terms: list[str | Lit] = []
        self.ids: dict[str | Lit, int] = {}
        self.predicates: list[str] = []
        self.predicate_ids: dict[str, int] = {}
        self.keys: dict[int, None] = {}  # a dict, not a set: it keeps the order added
        self.add(triples)

    def _id(self, term: str | Lit) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return found

    def _predicate_id(self, predicate: str) -> int:
        found = self.predicate_ids.get(predicate)
        if found is None:
            found = len(self.predicates)
            if found > _P_MASK:
                raise ValueError(
                    f"TownFacts holds at most {_P_MASK + 1} predicates, not {predicate}: "
                    "keep the town facts alone (kg.analysis.cooccurrence.is_town_fact)"
                )
            self.predicate_ids[predicate] = found
            self.predicates.append(predicate)
        return found

    def add(self, triples: Iterable[Triple]) -> None:
        """Add triples (one already held is not added again)."""
        keys, term_id, predicate_id = self.keys, self._id, self._predicate_id
        for s, p, o in triples:
            keys[(term_id(s) << _O_BITS | term_id(o)) << _P_BITS | predicate_id(p)] = None

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[Triple]:
        terms, predicates = self.terms, self.predicates
        for key in self.keys:
            s, o = divmod(key >> _P_BITS, 1 << _O_BITS)
            yield cast(str, terms[s]), predicates[key & _P_MASK], terms[o]  # a subject is an IRI

    def index(self) -> TripleIndex:
        """The facts with the ontology and the vocabulary, indexed by subject.

        Built anew on each call (a build makes it once, at the end, for every analysis).
        """
        base = base_index()
        index = TripleIndex(base.triples())
        known = set(index.triples())
        index.add(t for t in self if t not in known)
        return index

    def graph(self) -> Graph:
        """An rdflib graph of the ontology, the vocabulary and these facts."""
        # Imported here: kg.graph.triples loads the extractors' vocabulary.
        from kg.graph.triples import base_graph

        graph = base_graph()
        terms: dict[URIRef, URIRef] = {}  # each IRI one object, however many facts name it
        for triple in self:
            graph.add(shared_rdflib_triple(triple, terms))
        return graph
