"""Named queries' answers a build leaves beside its graph, so ``kg query --name`` reads them at once.

A query over the whole corpus (every pair of mechanisms, every province, every unit's plans)
joins hundreds of thousands of rows in the on-disk store: 1-2 s at 1,000 reports, 10-15 s at
10,000 (BENCHMARKS.md, "Named queries at 1,000 and 10,000 (fourth session of 5 December)"). The queries of
:data:`FROM_TOWN_FACTS` read the town facts alone (:func:`kg.analysis.cooccurrence.is_town_fact`:
stances, places, labels, reports), which a build keeps until its end anyway; there the build
answers each of them with its parameters at their defaults, as its SPARQL would on those facts
and the ontology, and writes the rows to a file of the build's folder beside graph.ttl
(:data:`ANSWER_FILE`). ``kg query --name`` gives those rows when the query text, its parameters
and the graph file are the ones they were made for, and runs the SPARQL otherwise: the ``.rq``
file stays the definition, and the fallback. tests/query/test_answers.py checks, row for row,
that each stored answer is the SPARQL answer on the whole graph.

Each query's file holds the SHA-256 of its text, the parameters, the rows in the SPARQL 1.1
Query Results JSON format, and the size of each graph file of the build; a graph file of
another size, or written after the answer (the build writes its graph files first), or an
edited query, is answered by SPARQL. The file holds no time, so a build's bytes stay the same.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.graph.terms import Lit
from kg.namespaces import FZ, RDF, RDFS, SKOS, XSD
from kg.query.sparql import (
    NamedQuery,
    QueryResult,
    Term,
    from_results_json,
    load_query,
    results_json,
)

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.graph.terms import Triple

__all__ = ["ANSWER_FILE", "FROM_TOWN_FACTS", "stored_answer", "write_answers"]

#: The file of a query's answer in a build's folder (``OUT/.kg/current/``, beside graph.ttl).
ANSWER_FILE = ".answer-{name}.json"

#: The version of the file's layout; a file of another version is not read.
_LAYOUT = 1


def write_answers(
    open_file: Callable[[str], BinaryIO], facts: Graph | Iterable[Triple], graphs: Iterable[Path]
) -> None:
    """Answer each query of :data:`FROM_TOWN_FACTS` with its defaults; write the rows.

    ``facts`` is a build's town facts (writer triples; the ontology and the vocabulary are
    added here) or, for a build kept in memory, its whole rdflib graph. ``graphs`` are the
    graph files the build wrote, complete (their sizes are recorded). ``open_file(name)`` gives a new
    file of the build's folder (:meth:`kg.output.outset.OutputSet.open`).
    """
    data = _Facts(facts)
    sizes = {path.name: path.stat().st_size for path in graphs}
    for name, answer in _ANSWERS.items():
        query = load_query(name)
        document = {
            "layout": _LAYOUT,
            "graphs": sizes,
            "sha256": _digest(query),
            "params": {p.name: p.default for p in query.typed_params},
            "results": results_json(answer(data, query)),
        }
        with open_file(ANSWER_FILE.format(name=name)) as file:
            file.write(json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def stored_answer(
    graph: Path,
    query: NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult | None:
    """The stored rows of ``query`` for the graph file ``graph``, or None to run the SPARQL.

    None unless a build left :data:`ANSWER_FILE` beside ``graph`` (symbolic links followed),
    written after it and recording its size, made from this query text for these parameter
    values (each at its default). A damaged file is None too.
    """
    if query.bindings(params) != query.bindings(None):
        return None
    real = graph.resolve()
    try:
        answer = real.parent / ANSWER_FILE.format(name=query.name)
        document = json.loads(answer.read_bytes())
        if (
            document["layout"] != _LAYOUT
            or document["graphs"].get(real.name) != real.stat().st_size
            or real.stat().st_mtime_ns > answer.stat().st_mtime_ns  # graph written since
            or document["sha256"] != _digest(query)
        ):
            return None
        return from_results_json(document["results"], max_rows)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no answer stored, or a damaged file: SPARQL answers


def _digest(query: NamedQuery) -> str:
    return hashlib.sha256(query.text.encode("utf-8")).hexdigest()


# --- each answer as its SPARQL gives it on the town facts ---------------------------------------

_LABEL, _PREF_LABEL, _TYPE = str(RDFS.label), str(SKOS.prefLabel), str(RDF.type)
_ABOUT, _ADOPTS, _PLANS = str(FZ.about), str(FZ.adopts), str(FZ.plans)
_LOCATED_IN, _PART_OF, _PROVINCE = str(FZ.locatedIn), str(FZ.partOf), str(FZ.Province)
_LINKS = (_ABOUT, _ADOPTS, _PLANS, _LOCATED_IN, _PART_OF)
_READ = frozenset((_LABEL, _PREF_LABEL, _TYPE, *_LINKS))
_INTEGER = str(XSD.integer)


class _Facts:
    """What the queries of :data:`FROM_TOWN_FACTS` read, each triple once, by subject."""

    def __init__(self, facts: Graph | Iterable[Triple]) -> None:
        # Imported here: only a build makes answers (rdflib: to tell and read a whole graph).
        from rdflib import Graph, URIRef

        # Imported here too: kg.graph.index loads the vocabulary, which `kg query` never needs.
        from kg.graph.index import base_index
        from kg.graph.terms import writer_term

        triples: Iterable[Triple]
        if isinstance(facts, Graph):  # a whole graph: only the predicates read
            triples = (
                (str(s), p, writer_term(o))
                for p in sorted(_READ)
                for s, _, o in facts.triples((None, URIRef(p), None))
            )
        else:
            triples = itertools.chain(base_index().triples(), facts)
        #: rdfs:label (any literal) and skos:prefLabel @zh, in the order first given
        self.labels: dict[str, dict[Lit, None]] = defaultdict(dict)
        self.zh: dict[str, dict[str, None]] = defaultdict(dict)
        self.links: dict[str, dict[str, set[str]]] = {p: defaultdict(set) for p in _LINKS}
        self.provinces: set[str] = set()
        for s, p, o in triples:
            if p not in _READ:
                continue
            if p == _LABEL:
                if isinstance(o, Lit):
                    self.labels[s][o] = None
            elif p == _PREF_LABEL:
                if isinstance(o, Lit) and o.lang == "zh":
                    self.zh[s][o.value] = None
            elif p == _TYPE:
                if o == _PROVINCE:
                    self.provinces.add(s)
            elif isinstance(o, str):
                self.links[p][s].add(o)
        self.reports: dict[str, set[str]] = defaultdict(set)  # unit -> the reports about it
        for report, units in self.links[_ABOUT].items():
            for unit in units:
                self.reports[unit].add(report)

    def above(self, unit: str) -> set[str]:
        """Where ``fz:locatedIn?/fz:partOf+`` leads from ``unit``."""
        found: set[str] = set()
        todo = [unit, *self.links[_LOCATED_IN].get(unit, ())]
        starts = set(todo)
        todo = [o for s in starts for o in self.links[_PART_OF].get(s, ())]
        while todo:
            place = todo.pop()
            if place not in found:
                found.add(place)
                todo.extend(self.links[_PART_OF].get(place, ()))
        return found


def _zh(value: str) -> Term:
    return Term("literal", value, lang="zh")


def _count(n: int) -> Term:
    return Term("literal", str(n), datatype=_INTEGER)


def _label(lit: Lit) -> Term:
    return Term("literal", lit.value, lang=lit.lang, datatype=lit.datatype)


def _mechanism_pairs(facts: _Facts, query: NamedQuery) -> QueryResult:
    """Pairs of mechanisms adopted by the same subject, counted, in at least ``minTowns``."""
    # Imported here: numpy counts the pairs (a matrix product), in a build only.
    import numpy as np

    least = int(dict(query.params)["minTowns"])
    adopts = facts.links[_ADOPTS]
    mechanisms = sorted({m for ms in adopts.values() for m in ms})  # STR order
    column = {m: i for i, m in enumerate(mechanisms)}
    matrix = np.zeros((len(adopts), len(mechanisms)), dtype=np.int64)
    for row, ms in enumerate(adopts.values()):
        matrix[row, [column[m] for m in ms]] = 1
    together = matrix.T @ matrix
    rows = []
    for i, j in zip(*np.nonzero(np.triu(together, 1) >= least)):
        n = int(together[i, j])
        for a in facts.zh.get(mechanisms[i], ()):
            for b in facts.zh.get(mechanisms[j], ()):
                rows.append((-n, a, b))
    rows.sort()
    return QueryResult.from_terms(
        ("a", "b", "towns"), ((_zh(a), _zh(b), _count(-n)) for n, a, b in rows)
    )


def _mechanisms_by_province(facts: _Facts, query: NamedQuery) -> QueryResult:
    """Per province (and label) and mechanism label: the reporting units under it adopting it."""
    adopters: dict[tuple[str, str], set[str]] = defaultdict(set)  # (province, label) -> units
    units: dict[str, set[str]] = defaultdict(set)  # province -> its reporting units
    for unit in facts.reports:
        for place in facts.above(unit) & facts.provinces:
            units[place].add(unit)
            for mechanism in facts.links[_ADOPTS].get(unit, ()):
                for label in facts.zh.get(mechanism, ()):
                    adopters[place, label].add(unit)
    rows = []
    for (place, mechanism), found in adopters.items():
        for province in facts.labels.get(place, ()):
            rows.append((province, mechanism, len(found), len(units[place])))
    rows.sort(key=lambda r: (r[0].value, -r[2], r[1], r[3]))
    return QueryResult.from_terms(
        ("province", "mechanism", "towns", "provinceTowns"),
        ((_label(p), _zh(m), _count(n), _count(total)) for p, m, n, total in rows),
    )


def _planned_not_adopted(facts: _Facts, query: NamedQuery) -> QueryResult:
    """Per unit (and label) and mechanism label it plans and does not adopt: its reports."""
    rows: list[tuple[Lit, str, int]] = []
    for unit, planned in facts.links[_PLANS].items():
        reports = len(facts.reports.get(unit, ()))
        if not reports:
            continue
        left = planned - facts.links[_ADOPTS].get(unit, set())
        mechanisms = {label for m in left for label in facts.zh.get(m, ())}
        for town in facts.labels.get(unit, ()):
            rows.extend((town, mechanism, reports) for mechanism in mechanisms)
    rows.sort(key=lambda r: (r[0].value, r[1], r[2]))
    return QueryResult.from_terms(
        ("town", "mechanism", "reports"),
        ((_label(t), _zh(m), _count(n)) for t, m, n in rows),
    )


#: How each query of :data:`FROM_TOWN_FACTS` is answered from the town facts.
_ANSWERS: dict[str, Callable[[_Facts, NamedQuery], QueryResult]] = {
    "mechanism_pairs": _mechanism_pairs,
    "mechanisms_by_province": _mechanisms_by_province,
    "planned_not_adopted": _planned_not_adopted,
}

#: Named queries that read town facts alone, answered by the build (with their defaults).
FROM_TOWN_FACTS = tuple(_ANSWERS)
