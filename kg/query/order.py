"""A query's closing ORDER BY, applied to its decoded rows in the order Oxigraph gives.

Oxigraph sorts by reading every row's sort keys back from its store as strings, then
sorting; the rows it returns are decoded again afterwards anyway. On a large answer that
reading is most of the query: for ``laws_cited_by_town`` at 1,000 reports the ORDER BY is
0.15 of 0.38 s of CPU, and about 2.8 of 5.5 s at 10,000 (BENCHMARKS.md, "Named queries at
1,000 and 10,000 reports"). So a query whose last clause is an ORDER BY of plain variables
runs without it, and :func:`sort_rows` sorts the decoded rows as Oxigraph's ``cmp_terms``
would: unbound, then blank nodes, IRIs and literals; strings of one language by code point,
numbers by value. A column it cannot order the same way (literals of two kinds, a datatype
it does not compare) gives None, and the caller runs the query with its ORDER BY.

Examples
--------
>>> split_order("SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY ?a DESC(?n)")
('SELECT ?a ?n WHERE { ?a ?p ?n } ', (('a', True), ('n', False)))
>>> split_order("SELECT ?a WHERE { ?a ?p ?n } ORDER BY ?a LIMIT 3") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from kg.namespaces import XSD
from kg.query.sparql import Term

__all__ = ["split_order", "sort_rows"]

#: A closing ORDER BY of variables, each bare or in ASC()/DESC(), with nothing after it: a
#: LIMIT or OFFSET needs the order before it cuts, an expression needs the engine.
_ORDER_BY = re.compile(
    r"\bORDER\s+BY((?:\s*(?:(?:ASC|DESC)\s*\(\s*[?$]\w+\s*\)|[?$]\w+))+)\s*\Z", re.IGNORECASE
)
_KEY = re.compile(r"(?:(ASC|DESC)\s*\(\s*)?[?$](\w+)", re.IGNORECASE)

#: Datatypes compared by their value (Oxigraph compares integers and decimals as numbers).
_NUMBERS = frozenset((str(XSD.integer), str(XSD.decimal)))

#: Rank of a term's kind in Oxigraph's order: unbound, blank node, IRI, literal.
_RANK = {"bnode": 1, "uri": 2, "literal": 3}


def split_order(text: str) -> tuple[str, tuple[tuple[str, bool], ...]] | None:
    """The query without its closing ORDER BY, and the sort keys (variable, ascending);
    None when the query does not end with an ORDER BY of plain variables."""
    match = _ORDER_BY.search(text)
    if match is None:
        return None
    keys = tuple(
        (name, (direction or "ASC").upper() == "ASC")
        for direction, name in _KEY.findall(match.group(1))
    )
    return text[: match.start()], keys


def sort_rows(
    columns: Sequence[str],
    rows: list[tuple[Term | None, ...]],
    keys: Sequence[tuple[str, bool]],
) -> list[tuple[Term | None, ...]] | None:
    """``rows`` sorted by ``keys`` as Oxigraph sorts them, or None where this cannot tell
    (a key that is not a column; a column of literals of two kinds)."""
    order: list[tuple[Callable[[tuple[Term | None, ...]], Any], bool]] = []
    for name, ascending in keys:
        if name not in columns:
            return None
        key = _column_key(columns.index(name), rows)
        if key is None:
            return None
        order.append((key, ascending))
    done = list(rows)
    # Stable sorts from the last key to the first give the order of all the keys at once.
    for key, ascending in reversed(order):
        done.sort(key=key, reverse=not ascending)
    return done


def _column_key(
    index: int, rows: list[tuple[Term | None, ...]]
) -> Callable[[tuple[Term | None, ...]], Any] | None:
    """A sort key for column ``index``, or None when its literals are of more than one kind
    (Oxigraph orders those by rules that are not one order) or of a kind not compared here."""
    kinds = set()
    for row in rows:
        term = row[index]
        if term is not None and term.kind == "literal":
            # Integers and decimals compare with each other, by value.
            kinds.add("number" if term.datatype in _NUMBERS else (term.lang, term.datatype))
    if len(kinds) > 1:
        return None
    kind = kinds.pop() if kinds else None
    number = kind == "number"
    if not number and kind is not None and kind[1] is not None:
        return None  # another datatype (a date, a boolean): the engine orders it

    def key(row: tuple[Term | None, ...]) -> tuple[int, Any]:
        term = row[index]
        if term is None:
            return (0, "")
        if number and term.kind == "literal":
            return (3, Decimal(term.value))
        return (_RANK[term.kind], term.value)

    if number and not all(_is_number(row[index]) for row in rows):
        return None  # an ill-typed literal (the store keeps them): the engine orders it
    return key


def _is_number(term: Term | None) -> bool:
    if term is None or term.kind != "literal":
        return True
    try:
        return Decimal(term.value).is_finite()
    except InvalidOperation:
        return False
