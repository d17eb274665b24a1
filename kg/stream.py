"""Write graph.nt and graph.ttl while reports stream in, so no build holds the whole graph.

A build of ten thousand reports holds tens of millions of triples: more than
an in-memory rdflib graph can keep in a few GiB.  :class:`GraphFiles` writes
each report's triples (:func:`kg.graph.report_triples`) as soon as the report
is extracted and forgets them; only the triples shared between reports (a
town's label, a law's kind) are remembered, as 16-byte digests, so each is
written once.

Both files open with the ontology and the mechanism vocabulary, then hold the
reports in the order they were extracted (sorted file paths), each report's
triples in the writer's order, so the same input files give byte-identical
output.  They are written beside their targets and renamed into place by
:meth:`GraphFiles.commit`: an interrupted build leaves earlier outputs untouched.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> from kg.graph import report_triples
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
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rdflib import BNode, URIRef

from kg.export import canonical_rdflib_triples, current_umask, ntriples
from kg.graph import REPORT_SCOPED, Lit, Triple, base_graph, nt_literal, report_triples
from kg.model import ExtractedReport
from kg.namespaces import PREFIXES, RDF

_RDF_TYPE = str(RDF.type)
# A conservative PN_LOCAL: what needs no escaping in Turtle (no "/", no ".").
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


@dataclass
class GraphCounts:
    """Triples, typed nodes and predicates of a graph, counted as it is written."""

    reports: int = 0
    triples: int = 0
    types: Counter = field(default_factory=Counter)
    predicates: Counter = field(default_factory=Counter)

    def add(self, triples: Iterable[tuple]) -> None:
        for _, p, o in triples:
            self.triples += 1
            self.predicates[p] += 1
            if p == _RDF_TYPE:
                self.types[o] += 1

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

    text: dict[str, bytes]
    shared: tuple[Triple, ...]
    kept: tuple[Triple, ...]
    counts: GraphCounts


def fragment_of(triples: list[Triple], formats: tuple[str, ...] = ("nt", "ttl"),
                keep: Callable[[Triple], bool] | None = None) -> Fragment:
    """Split and render one report's triples (see :class:`Fragment`)."""
    own: list[Triple] = []
    shared: list[Triple] = []
    for triple in triples:
        (own if triple[0].startswith(REPORT_SCOPED) else shared).append(triple)
    counts = GraphCounts()
    counts.add(own)
    return Fragment({fmt: text.encode("utf-8") for fmt, text in render(own, formats).items()},
                    tuple(shared), tuple(filter(keep, triples)) if keep else (), counts)


def render_fragment(report: ExtractedReport, formats: tuple[str, ...] = ("nt", "ttl"),
                    keep: Callable[[Triple], bool] | None = None) -> Fragment:
    """The :class:`Fragment` of one extracted report.

    A build passes this (as a :func:`functools.partial`) to
    :func:`kg.parallel.extract_rendered`, so the rendering runs in the workers.
    """
    return fragment_of(report_triples(report), formats, keep)


class GraphFiles:
    """graph.nt and/or graph.ttl, written report by report.

    Parameters
    ----------
    targets : dict
        ``{"nt": path, "ttl": path}`` (either key may be left out).

    Use it as a context manager: leaving the block without :meth:`commit`
    (an error, Ctrl-C) deletes the temporary files.
    """

    def __init__(self, targets: dict[str, Path]) -> None:
        self.targets = {fmt: Path(path) for fmt, path in targets.items()}
        self.handles: dict[str, tuple[BinaryIO, str]] = {}
        self.shared_seen: set[bytes] = set()
        self.counts = GraphCounts()
        self.counts.add((str(s), str(p), str(o)) for s, p, o in _base_triples())
        for fmt, path in self.targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            self.handles[fmt] = (os.fdopen(fd, "wb", buffering=1 << 20), tmp)
        if "nt" in self.handles:
            self.handles["nt"][0].write(_base_ntriples().encode("utf-8"))
        if "ttl" in self.handles:
            self.handles["ttl"][0].write(_base_turtle().encode("utf-8"))

    def __enter__(self) -> GraphFiles:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()

    def add(self, triples: list[Triple]) -> None:
        """Write one report's triples (a triple another report wrote already is skipped)."""
        self.add_fragment(fragment_of(triples, tuple(self.targets)))

    def add_fragment(self, fragment: Fragment) -> None:
        """Write one report's :class:`Fragment`, rendered for (at least) these files' formats."""
        shared = [t for t in fragment.shared if self._first(t)]
        self.counts.reports += 1
        self.counts.merge(fragment.counts)
        self.counts.add(shared)
        rendered = render(shared, tuple(self.handles))
        for fmt, (handle, _) in self.handles.items():
            handle.write(fragment.text[fmt])
            handle.write(rendered[fmt].encode("utf-8"))

    def _first(self, triple: Triple) -> bool:
        # 16 bytes: two different triples of a national corpus never share a digest.
        digest = hashlib.blake2b(repr(triple).encode("utf-8"), digest_size=16).digest()
        if digest in self.shared_seen:
            return False
        self.shared_seen.add(digest)
        return True

    def commit(self) -> dict[str, Path]:
        """Flush, sync and rename every file into place; returns ``{format: path}``."""
        for fmt, (handle, tmp) in self.handles.items():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(tmp, 0o666 & ~current_umask())
            os.replace(tmp, self.targets[fmt])
        self.handles = {}
        return dict(self.targets)

    def discard(self) -> None:
        """Close and delete the temporary files not yet committed."""
        for handle, tmp in self.handles.values():
            handle.close()
            Path(tmp).unlink(missing_ok=True)
        self.handles = {}


@functools.cache
def _base_triples() -> tuple:
    """The ontology and vocabulary, blank nodes labelled canonically (``c14n0`` ...)."""
    return tuple(canonical_rdflib_triples(base_graph()))


@functools.cache
def _base_ntriples() -> str:
    return ntriples(base_graph())


@functools.cache
def _base_turtle() -> str:
    """The prefixes, then the ontology and vocabulary (blank nodes labelled canonically)."""
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]
    triples = sorted(((_writer_term(s), str(p), _writer_term(o)) for s, p, o in _base_triples()),
                     key=lambda t: (t[0], t[1], repr(t[2])))  # repr: a Lit never meets a str
    return "\n".join(lines) + "\n\n" + render(triples, ("ttl",))["ttl"]


def _writer_term(term) -> str | Lit:
    """An rdflib term as the graph writer's: IRI string, ``_:label`` or :class:`Lit`."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return Lit(str(term), term.language, str(term.datatype) if term.datatype else None)


def render(triples: list[Triple], formats: tuple[str, ...] = ("nt", "ttl")) -> dict[str, str]:
    """Triples as N-Triples lines and as Turtle statements, in one pass.

    Each literal is escaped once for both; Turtle gets one statement for each
    run of triples with one subject.

    Examples
    --------
    >>> from kg.graph import integer
    >>> from kg.namespaces import FZ, ID
    >>> print(render([(str(ID["report/1"]), str(FZ.year), integer(2023)),
    ...               (str(ID["report/1"]), str(RDF.type), str(FZ.Report))], ("ttl",))["ttl"], end="")
    <https://w3id.org/fazhi-kg/id/report/1> fz:year "2023"^^xsd:integer ;
        a fz:Report .
    """
    nt: list[str] = []
    ttl: list[str] = []
    want_nt, want_ttl = "nt" in formats, "ttl" in formats
    subject = None
    for s, p, o in triples:
        if type(o) is not Lit:
            obj_nt, obj_ttl = f"<{o}>", ttl_iri(o) if want_ttl else ""
        elif o.lang:
            obj_nt = obj_ttl = f"{nt_literal(o.value)}@{o.lang}"
        elif o.datatype:
            body = nt_literal(o.value)
            obj_nt, obj_ttl = f"{body}^^<{o.datatype}>", f"{body}^^{ttl_iri(o.datatype)}"
        else:
            obj_nt = obj_ttl = nt_literal(o.value)
        if want_nt:
            nt.append(f"<{s}> <{p}> {obj_nt} .\n")
        if want_ttl:
            if s == subject:
                ttl.append(f" ;\n    {_verb(p)} {obj_ttl}")
            else:
                if subject is not None:
                    ttl.append(" .\n")
                ttl.append(f"{ttl_iri(s)} {_verb(p)} {obj_ttl}")
                subject = s
    rendered = {"nt": "".join(nt), "ttl": "".join(ttl) + (" .\n" if ttl else "")}
    return {fmt: rendered[fmt] for fmt in formats}


@functools.lru_cache(maxsize=1024)
def _verb(predicate: str) -> str:
    return "a" if predicate == _RDF_TYPE else ttl_iri(predicate)


_NAMESPACE_PREFIX = {ns: p for p, ns in PREFIXES.items()}
_SPLIT = re.compile("|".join(re.escape(ns) for ns in sorted(_NAMESPACE_PREFIX, key=len, reverse=True)))
_INSTANCES, _MECHANISMS = PREFIXES["fzid"], PREFIXES["fzm"]


def ttl_iri(iri: str) -> str:
    """An IRI as ``prefix:local`` when a fazhi-kg prefix covers it, else ``<iri>``.

    Examples
    --------
    >>> ttl_iri("https://w3id.org/fazhi-kg/ontology#adopts")
    'fz:adopts'
    >>> ttl_iri("https://w3id.org/fazhi-kg/id/report/abc")
    '<https://w3id.org/fazhi-kg/id/report/abc>'
    """
    if iri.startswith(_INSTANCES) and not iri.startswith(_MECHANISMS):
        return f"<{iri}>"  # instance IRIs hold a "/", which a Turtle local name cannot
    return _prefixed(iri)


@functools.lru_cache(maxsize=4096)
def _prefixed(iri: str) -> str:
    if iri.startswith("_:"):
        return iri  # a blank node of the ontology, labelled canonically
    found = _SPLIT.match(iri)
    if found and _SAFE_LOCAL.match(iri, found.end()):
        return f"{_NAMESPACE_PREFIX[found.group()]}:{iri[found.end():]}"
    return f"<{iri}>"
