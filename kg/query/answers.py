"""Named queries' answers a build leaves beside its graph, so ``kg query --name`` reads them at once.

A query over the whole corpus (every pair of mechanisms, every province, every unit's plans)
joins hundreds of thousands of rows in the on-disk store: 1-2 s at 1,000 reports, 10-15 s at
10,000 (BENCHMARKS.md, "Named queries at 1,000 and 10,000"). The queries of
:data:`FROM_TOWN_FACTS` read the town facts alone (:func:`kg.analysis.cooccurrence.is_town_fact`:
stances, places, labels, reports), which a build already keeps; so the build runs each of them,
its ``.rq`` text unchanged and its parameters at their defaults, on an in-memory store of the
town facts and the ontology, and writes the rows to a file of the build's folder beside
graph.ttl (:data:`ANSWER_FILE`). ``kg query --name`` gives those rows when the query, its
parameters and the graph file are the ones they were made for, and runs the SPARQL otherwise:
the ``.rq`` file stays the definition, and the fallback. tests/query/test_answers.py checks, row for row, that
the stored answer is the SPARQL answer on the whole graph.

Each query's file holds the SHA-256 of its text, the parameters, the rows in the SPARQL 1.1
Query Results JSON format, and the size of each graph file of the build, so a graph file
changed since, or an edited query, is answered by SPARQL.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.query.sparql import NamedQuery, QueryResult, Term, limited, load_query, results_json

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.graph.terms import Triple

__all__ = ["ANSWER_FILE", "FROM_TOWN_FACTS", "stored_answer", "write_answers"]

#: The file of a query's answer in a build's folder (``OUT/.kg/current/``, beside graph.ttl).
ANSWER_FILE = ".answer-{name}.json"

#: Named queries whose every triple pattern reads town facts, answered by the build.
FROM_TOWN_FACTS = (
    "mechanism_pairs",
    "mechanisms_by_province",
    "planned_not_adopted",
    "towns_adopting_mechanism",
)

#: The version of the file's layout; a file of another version is not read.
_LAYOUT = 1


def write_answers(
    open_file: Callable[[str], BinaryIO], facts: Graph | Iterable[Triple], graphs: Iterable[Path]
) -> None:
    """Run each query of :data:`FROM_TOWN_FACTS` with its defaults on ``facts``; write the rows.

    ``facts`` is a build's town facts (writer triples; the ontology and the vocabulary are
    added here) or, for a build kept in memory, its whole rdflib graph. ``graphs`` are the
    graph files the build wrote (their sizes are recorded). ``open_file(name)`` gives a new
    file of the build's folder (:meth:`kg.output.outset.OutputSet.open`).
    """
    # Imported here: only a build writes answers; `kg query` reads them without Oxigraph's store.
    from kg.query.store import OxigraphStore

    store = OxigraphStore(_store_of(facts))
    sizes = {path.name: path.stat().st_size for path in graphs}
    for name in FROM_TOWN_FACTS:
        query = load_query(name)
        document = {
            "layout": _LAYOUT,
            "graphs": sizes,
            "sha256": _digest(query),
            "params": {p.name: p.default for p in query.typed_params},
            "results": results_json(query.run(store)),
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

    None unless a build left :data:`ANSWER_FILE` beside ``graph`` (symbolic links followed)
    recording this graph file's size, made from this query text for these parameter values
    (each at its default). A damaged file is None too.
    """
    if query.bindings(params) != query.bindings(None):
        return None
    real = graph.resolve()
    try:
        document = json.loads((real.parent / ANSWER_FILE.format(name=query.name)).read_bytes())
        if (
            document["layout"] != _LAYOUT
            or document["graphs"].get(real.name) != real.stat().st_size
            or document["sha256"] != _digest(query)
        ):
            return None
        return _result(document["results"], max_rows)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no answer stored, or a damaged file: SPARQL answers


def _digest(query: NamedQuery) -> str:
    return hashlib.sha256(query.text.encode("utf-8")).hexdigest()


def _store_of(facts: Graph | Iterable[Triple]) -> Any:
    """An in-memory Oxigraph store of ``facts`` (with the ontology if they are writer triples)."""
    # Imported here, as in write_answers: the build's side alone needs them.
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.graph.terms import Lit, to_ox
    from kg.graph.triples import BASE_FILES
    from kg.ontology import graph as ontology_graph

    store = ox.Store()
    if isinstance(facts, Graph):
        base: Iterable[Any] = facts
    else:
        base = ontology_graph(*BASE_FILES)

        def resource(value: str) -> ox.NamedNode | ox.BlankNode:
            return ox.BlankNode(value[2:]) if value.startswith("_:") else ox.NamedNode(value)

        def term(value: str | Lit) -> ox.NamedNode | ox.BlankNode | ox.Literal:
            if not isinstance(value, Lit):
                return resource(value)
            if value.lang:
                return ox.Literal(value.value, language=value.lang)
            if value.datatype:
                return ox.Literal(value.value, datatype=ox.NamedNode(value.datatype))
            return ox.Literal(value.value)

        store.bulk_extend(ox.Quad(resource(s), ox.NamedNode(p), term(o)) for s, p, o in facts)
    store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in base)
    return store


def _result(results: dict[str, Any], max_rows: int | None) -> QueryResult:
    """The :class:`QueryResult` of a SPARQL JSON results object (the first ``max_rows`` rows)."""
    columns = tuple(results["head"]["vars"])

    def term(entry: dict[str, str] | None) -> Term | None:
        if entry is None:
            return None
        return Term(entry["type"], entry["value"], entry.get("xml:lang"), entry.get("datatype"))

    rows, truncated = limited(
        (
            tuple(term(binding.get(c)) for c in columns)
            for binding in results["results"]["bindings"]
        ),
        max_rows,
    )
    return QueryResult.from_terms(columns, rows, "SELECT", truncated)
