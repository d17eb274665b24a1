"""Helpers shared by the sub-commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rdflib import Graph

from kg.errors import OutputError, UsageError

EXIT_SKIPPED = 1
EXIT_INVALID = 3


def check_output_folder(path: Path) -> None:
    """Fail at once, before any work, when outputs cannot be written to ``path``.

    The folder need not exist yet (it is made when the outputs are written);
    the nearest folder that does exist must be writable.

    Raises
    ------
    OutputError
        ``path`` (or a folder above it) is a file, or is not writable.
    """
    existing = path
    while not existing.exists() and not existing.is_symlink() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        where = "is a file" if existing == path else f"is below {existing}, which is a file"
        raise OutputError(f"output folder {path} {where}; choose another folder with -o")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write in {existing} (permission denied); choose another folder with -o"
        )


def graph_file(path: Path) -> Path:
    """The graph.ttl of an output folder, or the .ttl file given."""
    ttl = path / "graph.ttl" if path.is_dir() else path
    if not ttl.is_file():
        raise UsageError(
            f"{path}: no graph here; give an output folder of `kg build` or a .ttl file"
        )
    return ttl


def load_graph(path: Path) -> Graph:
    """The graph of an output folder or .ttl file; of a large one, only its town facts.

    A graph of thousands of reports does not fit in memory; its town facts
    (:func:`kg.query.store.load_town_facts`) give every analysis but adoption by
    year, which counts mentions, and the user is told so.
    """
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.query.store import KEPT_STORE_BYTES, load_rdflib, load_town_facts

    ttl = graph_file(path)
    size = ttl.stat().st_size
    if size < KEPT_STORE_BYTES:
        return load_rdflib(ttl)  # read by Oxigraph, with the checks on hostile files
    print(
        f"kg: note: {ttl} is large ({size / 2**20:,.0f} MiB): reading its town facts only "
        "(towns, places, reports, stances); adoption by year, which counts every mention, "
        "is left out",
        file=sys.stderr,
    )
    return load_town_facts(ttl)
