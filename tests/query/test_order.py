"""A query's closing ORDER BY applied to the decoded rows gives Oxigraph's own order."""

from __future__ import annotations

import pytest

from kg.namespaces import XSD
from kg.query.order import sort_rows, split_order
from kg.query.sparql import Term, list_queries, run_named
from kg.query.store import OxigraphStore


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SELECT ?t WHERE { ?t ?p ?o } ORDER BY ?t",
            ("SELECT ?t WHERE { ?t ?p ?o } ", (("t", True),)),
        ),
        (
            "SELECT ?t ?n WHERE { ?t ?p ?n }\nORDER BY DESC(?n) asc( ?t )\n",
            ("SELECT ?t ?n WHERE { ?t ?p ?n }\n", (("n", False), ("t", True))),
        ),
        (
            "SELECT ?t WHERE { ?t ?p ?o } ORDER BY $t",
            ("SELECT ?t WHERE { ?t ?p ?o } ", (("t", True),)),
        ),
        # The engine must sort before a LIMIT or OFFSET cuts, and sort by an expression.
        ("SELECT ?t WHERE { ?t ?p ?o } ORDER BY ?t LIMIT 5", None),
        ("SELECT ?t WHERE { ?t ?p ?o } ORDER BY ?t OFFSET 5", None),
        ("SELECT ?t WHERE { ?t ?p ?o } ORDER BY STRLEN(?t)", None),
        # An ORDER BY inside a sub-select is the sub-select's.
        ("SELECT ?t WHERE { { SELECT ?t WHERE { ?t ?p ?o } ORDER BY ?t } }", None),
        ("SELECT ?t WHERE { ?t ?p ?o }", None),
    ],
)
def test_split_order(text, expected):
    assert split_order(text) == expected


_INT = str(XSD.integer)
_DEC = str(XSD.decimal)


def _zh(text: str) -> Term:
    return Term.zh(text)


def _int(n: str, datatype: str = _INT) -> Term:
    return Term("literal", n, datatype=datatype)


@pytest.mark.parametrize(
    ("rows", "keys", "expected"),
    [
        # Strings by code point (一 U+4E00 before 乡 U+4E61 before 镇 U+9547).
        ([(_zh("镇"),), (_zh("一"),), (_zh("乡"),)], [("a", True)], [1, 2, 0]),
        # Numbers by value, not by their text; integers and decimals together.
        ([(_int("10"),), (_int("9"),), (_int("9.5", _DEC),)], [("a", True)], [1, 2, 0]),
        ([(_int("10"),), (_int("9"),), (_int("9.5", _DEC),)], [("a", False)], [0, 2, 1]),
        # Unbound first, then blank nodes, IRIs and literals.
        (
            [(_zh("甲"),), (Term.iri("https://x/a"),), (None,), (Term("bnode", "b0"),)],
            [("a", True)],
            [2, 3, 1, 0],
        ),
        # A second key orders what the first leaves tied (乙 U+4E59 before 甲 U+7532).
        (
            [(_zh("乙"), _int("1")), (_zh("甲"), _int("1")), (_zh("乙"), _int("3"))],
            [("b", False), ("a", True)],
            [2, 0, 1],
        ),
        # Literals of two kinds, another datatype or a key not in the columns: the engine orders.
        ([(_zh("甲"),), (Term("literal", "甲"),)], [("a", True)], None),
        ([(Term("literal", "2024-01-01", datatype=str(XSD.date)),)], [("a", True)], None),
        ([(_int("abc"),)], [("a", True)], None),
        ([(_zh("甲"),)], [("c", True)], None),
    ],
)
def test_sort_rows(rows, keys, expected):
    columns = ("a", "b")[: len(rows[0])]
    done = sort_rows(columns, rows, keys)
    assert done == (None if expected is None else [rows[i] for i in expected])


@pytest.fixture(scope="module")
def example_store(example_build):
    return OxigraphStore.from_path(example_build[1] / "graph.ttl")


@pytest.mark.parametrize("query", [q.name for q in list_queries()])
def test_named_queries_sorted_here_as_by_the_engine(example_store, query):
    # max_rows makes the engine sort (only the rows kept are decoded); without it the rows
    # are sorted here. Both, with the defaults and for every unit.
    params = [{}] + ([{"town": ""}] if "town" in {p.name for p in _typed(query)} else [])
    for given in params:
        here = run_named(example_store, query, given)
        engine = run_named(example_store, query, given, max_rows=10**9)
        assert (here.columns, here.rows) == (engine.columns, engine.rows)


def _typed(name):
    return next(q for q in list_queries() if q.name == name).typed_params
