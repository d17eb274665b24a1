"""Write graph.nt and graph.ttl while reports stream in, so no build holds the whole graph.

A build of ten thousand reports holds tens of millions of triples: more than
an in-memory rdflib graph can keep in a few GiB.  :class:`GraphFiles` writes
each report's triples (:func:`kg.graph.triples.report_triples`) as soon as the report
is extracted and forgets them; only the triples shared between reports (a
town's label, a law's kind) are remembered, as 16-byte keys (:func:`seen_key`) in a
:class:`KeySet`, so each is written once.

Both files open with the ontology and the mechanism vocabulary, then hold the
reports in the order they were extracted (sorted file paths), each report's
triples in the writer's order, so the same input files give byte-identical
output.  They are written beside their targets and renamed into place by
:meth:`GraphFiles.commit`: an interrupted build leaves earlier outputs untouched.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.ingest.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> from kg.graph.triples import report_triples
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n落实合法性审查。")
>>> with GraphFiles({"ttl": d / "graph.ttl", "nt": d / "graph.nt"}) as files:
...     files.add(report_triples(ExtractedReport(doc, None, ())))
...     written = files.commit()
>>> sorted(p.name for p in written.values())
['graph.nt', 'graph.ttl']
>>> from rdflib import Graph
>>> len(Graph().parse(d / "graph.ttl")) == len(Graph().parse(d / "graph.nt"))
True
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
from rdflib.term import Node

from kg import ontology
from kg.files import AtomicFile
from kg.graph.terms import (
    Triple,
    canonical_rdflib_triples,
    ntriples,
    render,
    writer_term,
)
from kg.graph.triples import BASE_FILES, REPORT_SCOPED
from kg.namespaces import PREFIXES, RDF
from kg.run.spool import Part, SpoolReader

_RDF_TYPE = str(RDF.type)


def seen_key(text: str) -> int:
    """The 16-byte key a build remembers ``text`` by (a shared triple, node or edge it wrote).

    A build keeps one per shared triple, network node and edge of the corpus, so the
    size matters: 44 bytes as a Python int, against 49 for the digest's bytes and over
    100 for an IRI.  Two keys that agree would drop a triple from the output without a
    word, so the key is long enough that they never do: two of the 5 million keys of a
    10,000-report build agree with probability about n^2 / 2^129, 10^-26 (8 bytes
    would leave one in a million).

    Examples
    --------
    >>> seen_key("a") == seen_key("a") != seen_key("b"), seen_key("a") < 2**128
    (True, True)
    """
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    return int.from_bytes(digest, "little")


class KeySet:
    """A growing set of :func:`seen_key` keys at 16 bytes a key, asked a batch at a time.

    A build remembers every shared triple, network node and edge it wrote (about
    5 million keys at 10,000 reports): as Python ints in a set they took about 70
    bytes a key, a third of what the build process grew by.  Here the latest keys
    are a set and the older ones sorted arrays of their two 8-byte halves
    (``runs``), searched with :func:`numpy.searchsorted` for a whole batch at once;
    a full set becomes a run, and runs of like size are merged up to
    :attr:`run_keys` keys (so a merge never copies much).

    Examples
    --------
    >>> keys = KeySet(recent_keys=2)
    >>> keys.first([1, 2, 1]), keys.first([3, 2**100, 2, 4]), len(keys)
    ([True, True, False], [True, True, False, True], 5)
    >>> keys.first([4, 2**100, 5]), len(keys.runs) > 0
    ([False, False, True], True)
    """

    def __init__(self, recent_keys: int = 1 << 16, run_keys: int = 1 << 19) -> None:
        self.recent: set[int] = set()
        self.recent_keys, self.run_keys = recent_keys, run_keys
        # (high halves sorted, low halves in the same order), oldest and largest first
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return len(self.recent) + sum(len(high) for high, _ in self.runs)

    def first(self, keys: list[int]) -> list[bool]:
        """Add ``keys``; for each, whether it was new (a key twice in ``keys``: once)."""
        recent = self.recent
        older = self._in_runs([k for k in keys if k not in recent]) if self.runs else set()
        found = []
        for key in keys:
            new = key not in recent and key not in older
            if new:
                recent.add(key)
            found.append(new)
        if len(recent) >= self.recent_keys:
            self._spill()
        return found

    def _in_runs(self, keys: list[int]) -> set[int]:
        """Those of ``keys`` in a run."""
        if not keys:
            return set()
        high = np.array([k >> 64 for k in keys], dtype=np.uint64)
        low = np.array([k & _LOW for k in keys], dtype=np.uint64)
        found: set[int] = set()
        for run_high, run_low in self.runs:
            left = np.searchsorted(run_high, high, "left")
            right = np.searchsorted(run_high, high, "right")
            one = np.flatnonzero(right - left == 1)
            found.update(keys[i] for i in one[run_low[left[one]] == low[one]].tolist())
            # equal high halves (about one pair in 10^12 keys): compared one by one
            for i in np.flatnonzero(right - left > 1).tolist():
                if low[i] in run_low[left[i] : right[i]]:
                    found.add(keys[i])
        return found

    def _spill(self) -> None:
        """Make the recent keys a run; merge runs while the last is as large as the one before."""
        keys = list(self.recent)
        self.recent = set()
        runs = self.runs
        runs.append(_run([k >> 64 for k in keys], [k & _LOW for k in keys]))
        while (
            len(runs) > 1
            and len(runs[-2][0]) <= len(runs[-1][0])
            and len(runs[-2][0]) + len(runs[-1][0]) <= self.run_keys
        ):
            (high_a, low_a), (high_b, low_b) = runs.pop(), runs.pop()
            runs.append(_run(np.concatenate((high_b, high_a)), np.concatenate((low_b, low_a))))


_LOW = (1 << 64) - 1


def _run(high: object, low: object) -> tuple[np.ndarray, np.ndarray]:
    """A run of :class:`KeySet`: the halves as arrays, sorted by the high half."""
    high_array = np.asarray(high, dtype=np.uint64)
    order = np.argsort(high_array, kind="stable")
    return high_array[order], np.asarray(low, dtype=np.uint64)[order]


# A conservative PN_LOCAL: what needs no escaping in Turtle (no "/", no ".").
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


@dataclass
class GraphCounts:
    """Triples, typed nodes and predicates of a graph, counted as it is written."""

    reports: int = 0
    triples: int = 0
    types: Counter[str] = field(default_factory=Counter)
    predicates: Counter[str] = field(default_factory=Counter)

    def add(self, triples: Iterable[Triple]) -> None:
        triples = triples if isinstance(triples, list) else list(triples)
        self.triples += len(triples)
        # Counter.update counts a list in C, in the order given (the keys' order is kept).
        self.predicates.update([p for _, p, _ in triples])
        # cast: the object of rdf:type is a class IRI
        self.types.update([cast(str, o) for _, p, o in triples if p == _RDF_TYPE])

    def merge(self, other: GraphCounts) -> None:
        self.triples += other.triples
        self.predicates.update(other.predicates)
        self.types.update(other.types)


@dataclass(frozen=True)
class Fragment:
    """One report's part of the graph files, rendered where the report was extracted.

    ``text`` maps a format (``nt``, ``ttl``) to the report's own triples,
    encoded: no other report can write those (their subjects are minted from
    the report).  ``shared`` holds the triples another report may write too
    (a town's label), which :class:`GraphFiles` writes once; ``kept`` the
    triples the caller asked to keep; ``counts`` counts the own triples.
    """

    text: dict[str, Part]
    shared: tuple[Triple, ...]
    kept: tuple[Triple, ...]
    counts: GraphCounts


def fragment_of(
    triples: list[Triple],
    formats: tuple[str, ...] = ("nt", "ttl"),
    keep: Callable[[Triple], bool] | None = None,
    among: list[Triple] | None = None,
    split: tuple[list[Triple], list[Triple]] | None = None,
) -> Fragment:
    """Split and render one report's triples (see :class:`Fragment`).

    ``among``, if given, holds every triple ``keep`` keeps, in the order of
    ``triples`` (fewer to ask: a build's town facts are among the facts it writes);
    ``split`` is :func:`split_own` of the triples, if the caller has it.
    """
    own, shared = split_own(triples) if split is None else split
    counts = GraphCounts()
    counts.add(own)
    return Fragment(
        dict[str, Part](render(own, formats)),
        tuple(shared),
        tuple(filter(keep, triples if among is None else among)) if keep else (),
        counts,
    )


def split_own(triples: list[Triple]) -> tuple[list[Triple], list[Triple]]:
    """A report's own triples (their subjects minted from the report) and the shared ones."""
    own: list[Triple] = []
    shared: list[Triple] = []
    # A subject's triples come together (a mention's nine): its prefix is asked once a run.
    subject, add = None, own.append
    for triple in triples:
        if triple[0] is not subject:
            subject = triple[0]
            add = own.append if subject.startswith(REPORT_SCOPED) else shared.append
        add(triple)
    return own, shared


class GraphFiles:
    """graph.nt and/or graph.ttl, written report by report.

    Parameters
    ----------
    targets : dict
        ``{"nt": path, "ttl": path}`` (either key may be left out).
    parts : SpoolReader, optional
        Copies the fragments' text that workers spooled (:mod:`kg.run.spool`).

    Use it as a context manager: leaving the block without :meth:`commit`
    (an error, Ctrl-C) deletes the temporary files.
    """

    def __init__(self, targets: dict[str, Path], parts: SpoolReader | None = None) -> None:
        self.targets = {fmt: Path(path) for fmt, path in targets.items()}
        self.parts = parts or SpoolReader()
        self.files: dict[str, AtomicFile] = {}
        self.shared_seen = KeySet()
        self.counts = GraphCounts()
        self.counts.add((str(s), str(p), str(o)) for s, p, o in _base_triples())
        for fmt, path in self.targets.items():
            self.files[fmt] = AtomicFile(path, buffering=1 << 20)
        if "nt" in self.files:
            self.files["nt"].write(_base_ntriples().encode("utf-8"))
        if "ttl" in self.files:
            self.files["ttl"].write(_base_turtle().encode("utf-8"))

    def __enter__(self) -> GraphFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add(self, triples: list[Triple]) -> None:
        """Write one report's triples (a triple another report wrote already is skipped)."""
        self.add_fragment(fragment_of(triples, tuple(self.targets)))

    def add_fragment(self, fragment: Fragment) -> list[Triple]:
        """Write one report's :class:`Fragment`, rendered for (at least) these files' formats.

        Returns the report's shared triples that no earlier report wrote.
        """
        keys = [seen_key(repr(t)) for t in fragment.shared]
        shared = [t for t, new in zip(fragment.shared, self.shared_seen.first(keys)) if new]
        self.counts.reports += 1
        self.counts.merge(fragment.counts)
        self.counts.add(shared)
        rendered = render(shared, tuple(self.files))
        for fmt, file in self.files.items():
            self.parts.write(file.handle, fragment.text[fmt])
            file.write(rendered[fmt])
        return shared

    def commit(self) -> dict[str, Path]:
        """Flush, sync and rename every file into place; returns ``{format: path}``."""
        committed = {fmt: file.commit() for fmt, file in self.files.items()}
        self.files = {}
        return committed

    def discard(self) -> None:
        """Close and delete the temporary files not yet committed."""
        for file in self.files.values():
            file.discard()
        self.files = {}


@functools.cache
def _base_triples() -> tuple[tuple[Node, Node, Node], ...]:
    """The ontology and vocabulary, blank nodes labelled canonically (``c14n0`` ...)."""
    return tuple(canonical_rdflib_triples(ontology.graph(*BASE_FILES)))


@functools.cache
def _base_ntriples() -> str:
    return ntriples(ontology.graph(*BASE_FILES))


@functools.cache
def _base_turtle() -> str:
    """The prefixes, then the ontology and vocabulary (blank nodes labelled canonically)."""
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]
    # cast: a subject is an IRI or a blank node, which writer_term gives as a string.
    triples = sorted(
        ((cast(str, writer_term(s)), str(p), writer_term(o)) for s, p, o in _base_triples()),
        key=lambda t: (t[0], t[1], repr(t[2])),
    )  # repr: a Lit never meets a str
    return "\n".join(lines) + "\n\n" + render(triples, ("ttl",))["ttl"].decode("utf-8")
