"""Run SPARQL on a built graph, and the library of named queries in ``queries/``.

Examples
--------
>>> sorted(q.name for q in list_queries())[:2]
['laws_cited_by_town', 'mechanism_evidence']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Graph, Literal

from kg.errors import UsageError


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query; ``params`` maps a variable to its default (a Chinese label)."""

    name: str
    description: str
    text: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of plain strings (None where unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


@cache
def list_queries() -> tuple[NamedQuery, ...]:
    """The named queries, sorted by name; descriptions come from ``# description:`` lines."""
    found = []
    for entry in resources.files("queries").iterdir():
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text("utf-8")
        description = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                            if line.startswith("# description:")), "")
        params = tuple(tuple(part.strip() for part in line.split(":", 1)[1].split("=", 1))
                       for line in text.splitlines() if line.startswith("# param:"))
        found.append(NamedQuery(entry.name[:-3], description, text, params))
    return tuple(sorted(found, key=lambda q: q.name))


def load_query(name: str) -> NamedQuery:
    """A named query; the error lists the names there are."""
    for query in list_queries():
        if query.name == name:
            return query
    names = ", ".join(q.name for q in list_queries())
    raise UsageError(f"no named query {name!r}: choose one of {names}")


def run_query(graph: Graph, text: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run a SPARQL SELECT or ASK query; a syntax error becomes a UsageError.

    ``bindings`` binds variables to Chinese-labelled literals (``{"mechanismLabel": "枫桥经验"}``).
    """
    init = {name: Literal(value, lang="zh") for name, value in (bindings or {}).items()}
    try:
        result = graph.query(text, initBindings=init)
    except Exception as exc:  # rdflib raises pyparsing errors for bad SPARQL
        raise UsageError(f"SPARQL query failed: {exc}".splitlines()[0]) from exc
    if result.type == "ASK":
        return QueryResult(("ask",), ((str(bool(result.askAnswer)).lower(),),))
    if result.type != "SELECT":
        raise UsageError(f"only SELECT and ASK queries can be shown as tables, not {result.type}")
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(None if v is None else str(v) for v in row) for row in result)
    return QueryResult(columns, rows)


def format_table(result: QueryResult) -> str:
    """A plain-text table; Chinese characters count as two columns wide."""
    cells = [list(result.columns)] + [["" if v is None else v for v in row] for row in result.rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(result.columns))]
    lines = ["  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} rows)")
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
