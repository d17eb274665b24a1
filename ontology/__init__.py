"""The ontology (OWL), the mechanism vocabulary (SKOS), the SHACL shapes and the named queries.

This is the one loader of the shipped ontology files: every module reads them
through :func:`text` or :func:`graph`, by file name.

Examples
--------
>>> "fz:Report" in text("fazhi.ttl")
True
>>> len(graph("mechanisms.ttl")) > 1000
True
>>> {"candidate_mechanisms", "indicator_names"} <= set(query_texts())
True
"""

from __future__ import annotations

import functools
from importlib import resources

from rdflib import Graph

from kg.errors import VocabularyError

__all__ = ["FILES", "graph", "query_texts", "text"]

#: The ontology files, by what they hold.
FILES = ("fazhi.ttl", "mechanisms.ttl", "shapes.ttl")


def text(name: str) -> str:
    """The text of a shipped ontology file (``fazhi.ttl``, ``mechanisms.ttl``, ``shapes.ttl``)."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


@functools.cache
def graph(*names: str) -> Graph:
    """The named files parsed into one graph, once per process.

    The graph is shared: read it, never add to it (copy it first, as
    :func:`kg.graph.triples.base_graph` does).
    """
    parsed = Graph()
    for name in names:
        try:
            parsed.parse(data=text(name), format="turtle")
        except FileNotFoundError as exc:
            raise VocabularyError(f"{name}: ontology file not found (reinstall fazhi-kg)") from exc
        except Exception as exc:  # rdflib raises several parser error types
            raise VocabularyError(f"{name}: not valid Turtle: {exc} (fix the file)") from exc
    return parsed


def query_texts() -> dict[str, str]:
    """The named SPARQL queries (``queries/NAME.rq``), by name."""
    folder = resources.files(__name__).joinpath("queries")
    return {
        entry.name[:-3]: entry.read_text("utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq")
    }
