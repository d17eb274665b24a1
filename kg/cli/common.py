"""Helpers shared by the sub-commands."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import UsageError

EXIT_SKIPPED = 1
EXIT_INVALID = 3


def graph_file(path: Path) -> Path:
    """The graph.ttl of an output folder, or the .ttl file given."""
    ttl = path / "graph.ttl" if path.is_dir() else path
    if not ttl.is_file():
        raise UsageError(f"{path}: no graph here; give an output folder of `kg build` or a .ttl file")
    return ttl


def load_graph(path: Path) -> Graph:
    return Graph().parse(graph_file(path), format="turtle")
