"""The SPARQL page: the named queries as examples, results as a table and as CSV.

Running a query needs the endpoint of ``kg serve``; opened from disk the page
lists the queries and says so.
"""

from __future__ import annotations

from kg.output.site.render import page
from kg.query.sparql import bind, list_queries

__all__ = ["render"]


def render() -> str:
    """The SPARQL page."""
    queries = [
        {"name": q.name, "description": q.description, "text": bind(q.text, q.bindings(None))}
        for q in list_queries()
    ]
    return page("sparql.html", root="", title="SPARQL", page_kind="sparql", queries=queries)
