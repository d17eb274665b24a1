"""Validate a built graph against ``ontology/shapes.ttl``, and check the ontology itself.

:func:`validate` runs pySHACL with SHACL Core only (no SPARQL constraints, no
inference), which keeps it linear in the size of the graph, and adds one check
SHACL Core cannot express: every ``fz:`` class and property the graph uses is
declared in ``ontology/fazhi.ttl``.  :func:`check_ontology` checks the
ontology: every ``fz:`` term used by the ontology, the vocabulary, the shapes,
the named queries and the code is declared, and every declared term has an
``rdfs:label`` in Chinese and in English.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from kg.namespaces import FZ, ID, RDF
>>> validate(Graph()).conforms
True
>>> g = Graph()
>>> _ = g.add((ID["report/1"], RDF.type, FZ.Report))
>>> report = validate(g)
>>> report.conforms, "http://purl.org/dc/terms/title" in {v.path for v in report.violations}
(False, True)
>>> check_ontology()
[]
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, NamespaceManager
from rdflib.term import Node

from kg import ontology
from kg.files import scratch_database
from kg.graph.index import TripleIndex, base_index, index_of_graph
from kg.graph.shacl import check_nodes
from kg.graph.terms import Lit, Triple
from kg.namespaces import FZ, FZ_URI, bind_prefixes

#: Engines of :func:`validate`: the compiled shapes (default) or pySHACL.
ENGINES = ("compiled", "pyshacl")

_DECLARATION_TYPES = (
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.NamedIndividual,
)


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in words a person can act on.

    ``value`` is the offending value where SHACL names one; ``constraint`` the
    local name of the SHACL constraint component (``MinCountConstraintComponent``).
    """

    focus: str
    path: str
    severity: str
    message: str
    value: str = ""
    constraint: str = ""


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def count(self, severity: str = "Violation") -> int:
        """How many results have ``severity`` (Violation, Warning or Info)."""
        return sum(v.severity == severity for v in self.violations)


def _shapes() -> Graph:
    return ontology.graph("shapes.ttl")


def _ontology() -> Graph:
    return ontology.graph("fazhi.ttl")


@cache
def declared_terms() -> frozenset[URIRef]:
    """The ``fz:`` terms ``ontology/fazhi.ttl`` declares (classes, properties, individuals)."""
    g = _ontology()
    return frozenset(
        s
        for t in _DECLARATION_TYPES
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(FZ_URI)
    )


def validate(graph: Graph, engine: str = "compiled") -> ValidationReport:
    """Check ``graph`` against the shipped SHACL shapes and the declared vocabulary.

    ``conforms`` is False only for results of severity sh:Violation;
    warnings are listed but do not fail a build.  ``engine`` is ``compiled``
    (:mod:`kg.graph.shacl`) or ``pyshacl``; both give the same results.
    """
    if engine == "compiled":
        return validate_index(index_of_graph(graph))
    if engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r}: choose from {', '.join(ENGINES)}")
    # Imported only for this engine: pySHACL takes a second to import.
    import pyshacl

    _, results, _ = pyshacl.validate(
        graph,
        shacl_graph=_shapes(),
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=True,
        inplace=True,
    )
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        value = results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=_path_text(results, results.value(result, SH.resultPath)),
                severity=severity,
                message=str(results.value(result, SH.resultMessage) or ""),
                value="" if value is None else str(value),
                constraint="" if component is None else str(component).rsplit("#", 1)[-1],
            )
        )
    violations.extend(undeclared_terms(graph))
    return _report(violations)


def _path_text(graph: Graph, path: Node | None) -> str:
    """A result's path as text: a property's IRI, or ``^IRI`` for an inverse path."""
    if path is None:
        return ""
    inverse = graph.value(path, SH.inversePath)
    return f"^{inverse}" if inverse is not None else str(path)


def _report(violations: Iterable[Violation]) -> ValidationReport:
    ordered = sorted(violations, key=lambda v: (v.severity, v.focus, v.path, v.message, v.value))
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in ordered), violations=tuple(ordered)
    )


def _term_text(term: str | Lit) -> str:
    if isinstance(term, Lit):
        return term.value
    return term[2:] if term.startswith("_:") else term


def violations_of(data: TripleIndex, nodes: Iterable[str]) -> list[Violation]:
    """The SHACL violations of ``nodes`` (see :func:`kg.graph.shacl.check_nodes`)."""
    return [
        Violation(
            focus=_term_text(r.focus),
            path=r.path,
            severity=r.severity,
            message=r.message,
            value="" if r.value is None else _term_text(r.value),
            constraint=r.constraint,
        )
        for r in check_nodes(data, nodes)
    ]


def undeclared_in(triples: Iterable[Triple], data: TripleIndex | None = None) -> list[Violation]:
    """:func:`undeclared_terms` over writer triples: the first node using each unknown term.

    ``data``, the index of exactly these triples if the caller has it, gives the terms used
    from its keys (a few hundred subjects rather than thousands of triples).
    """
    declared = _declared_strings()
    triples = triples if isinstance(triples, list) else list(triples)
    # Sets first (C speed); the triples are walked again only when a term is unknown.
    used = _used_terms(triples) if data is None else _indexed_terms(data)
    if not _unknown(*used):
        return []
    first: dict[tuple[str, str], str] = {}
    for s, p, o in triples:
        if p.startswith(FZ_URI) and p not in declared:
            first.setdefault((p, "property"), s)
        if p == _RDF_TYPE and type(o) is str and o.startswith(FZ_URI) and o not in declared:
            first.setdefault((o, "class"), s)
    return [_undeclared(focus, term, kind) for (term, kind), focus in sorted(first.items())]


def _used_terms(triples: list[Triple]) -> tuple[set[str], set[str]]:
    """The predicates and the classes (IRIs that are the object of rdf:type) of ``triples``."""
    classes = {o for _, p, o in triples if p == _RDF_TYPE and type(o) is str}
    return {p for _, p, _ in triples}, classes


def _indexed_terms(data: TripleIndex) -> tuple[set[str], set[str]]:
    """:func:`_used_terms` of the triples ``data`` indexes (not its fallback's)."""
    predicates: set[str] = set()
    for props in data.by_subject.values():
        predicates.update(props)
    return predicates, set(data.by_type)


def _unknown(predicates: set[str], classes: set[str]) -> list[tuple[str, str]]:
    """``(term, "property" or "class")`` of the ``fz:`` terms among these not declared, sorted."""
    declared = _declared_strings()
    return sorted(
        [(p, "property") for p in predicates if p.startswith(FZ_URI) and p not in declared]
        + [(c, "class") for c in classes if c.startswith(FZ_URI) and c not in declared]
    )


@cache
def _declared_strings() -> frozenset[str]:
    return frozenset(str(t) for t in declared_terms())


def _undeclared(focus: str, term: str, kind: str) -> Violation:
    return Violation(
        _term_text(focus),
        term,
        "Violation",
        f"{kind} {term.rsplit('#', 1)[-1]} is not declared in "
        f"ontology/fazhi.ttl (a typo or a renamed term?)",
        constraint="UndeclaredTerm",
    )


def validate_index(data: TripleIndex) -> ValidationReport:
    """:func:`validate` with the compiled shapes on an index of a whole graph."""
    found = violations_of(data, list(data.by_subject))
    found.extend(undeclared_in(data.triples()))
    return _report(found)


class Checker:
    """Validation of a graph that streams past report by report (what a build runs).

    Each report's own nodes are checked where the report was written
    (:func:`check_report`: they have no triple elsewhere); the triples of the
    nodes several reports share (towns, laws, officials ...) are gathered, each
    once, in memory and past a size in a scratch database in ``folder``
    (:class:`SharedTriples`: a build's staged folder; in memory without one), and
    those nodes are checked at :meth:`report` with the ontology and vocabulary.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.shared = SharedTriples(folder)
        self.found: list[Violation] = []
        self.undeclared: dict[str, Violation] = {}
        # what the shared triples use, for the undeclared terms (a few dozen IRIs)
        self.predicates: set[str] = set()
        self.classes: set[str] = set()

    def add(self, own: Iterable[Violation], shared: Iterable[Triple]) -> None:
        """One report's violations (from :func:`check_report`) and its first-seen shared triples."""
        for v in own:
            if v.constraint == "UndeclaredTerm":
                self.undeclared.setdefault(v.path, v)
            else:
                self.found.append(v)
        shared = shared if isinstance(shared, list) else list(shared)
        predicates, classes = _used_terms(shared)
        self.predicates |= predicates
        self.classes |= classes
        self.shared.add(shared)

    def report(self) -> ValidationReport:
        """The report of every node (the shared ones read back from the scratch database)."""
        base, shared = base_index(), self.shared
        found = list(self.found)
        for nodes in shared.subject_batches():
            found += violations_of(shared, nodes)
        found += violations_of(base, [s for s in base.by_subject if not shared.holds(s)])
        for term, kind in _unknown(self.predicates, self.classes):
            focus = shared.first_subject(term) if kind == "property" else shared.first_typed(term)
            self.undeclared.setdefault(term, _undeclared(focus, term, kind))
        found += self.undeclared.values()
        return _report(found)


class SharedTriples(TripleIndex):
    """The shared nodes' triples of a build (:class:`Checker`): in memory while few, then
    in a scratch SQLite database.

    A build of 10,000 reports shares about 2.5 million triples between reports;
    as an index in memory they took a third of what the build process grew by.
    Up to :attr:`IN_MEMORY` triples (about 1,000 reports' worth) they are indexed here
    as a :class:`~kg.graph.index.TripleIndex`; past that all are written into the
    database and read back by node: :meth:`props` and :meth:`subjects_with` answer as
    the index of the same triples would (what :func:`kg.graph.shacl.check_nodes` asks),
    the ontology and vocabulary behind them; ``by_subject`` and ``by_type`` are then
    emptied.  Every query orders by a subject's first triple, then by the order of
    its own: what an index gives, which a database filled from the index keeps.  The
    nodes of a batch of :meth:`subject_batches` are read in one query while the batch
    is checked: a query a node cost 20 µs, 13 s of a 10,000-report build.  Held in
    memory, 300 reports' shared triples cost 0.4 s less CPU than written and read back.
    """

    #: Nodes checked at once (each batch's caches are dropped after it).
    BATCH = 20_000
    #: Most triples held in memory (about 35 MiB) before they go to the database.
    IN_MEMORY = 300_000

    def __init__(self, folder: Path | None = None, in_memory: int | None = None) -> None:
        self.folder = folder
        self.in_memory = self.IN_MEMORY if in_memory is None else in_memory
        self.held = 0  # triples in the in-memory index
        self.indexed = False
        self.loaded: dict[str, dict[str, list[str | Lit]]] = {}  # the batch being checked
        self.database: sqlite3.Connection | None = None
        super().__init__(fallback=base_index())

    def add(self, triples: Iterable[Triple]) -> None:
        """Add triples (each once, as :meth:`TripleIndex.add`); not after the first read."""
        assert not self.indexed, "a build adds every shared triple before it checks them"
        triples = triples if isinstance(triples, list) else list(triples)
        if self.database is None:
            super().add(triples)
            self.held += len(triples)
            if self.held <= self.in_memory:
                return
            triples = list(TripleIndex.triples(self))  # in the index's order: see the class
            self.by_subject, self.by_type, self.labels, self.inverse = {}, {}, {}, {}
            self.database = scratch_database(self.folder, "shared-triples")
            # o: an IRI or blank node (literal 0), or a literal's lexical form
            self.database.execute(
                "CREATE TABLE triple (s TEXT, p TEXT, o TEXT, lang TEXT, datatype TEXT, "
                "literal INT)"
            )
        rows = [
            (s, p, o, None, None, 0) if type(o) is str else (s, p, *cast(Lit, o), 1)
            for s, p, o in triples
        ]
        if rows:
            self.database.executemany("INSERT INTO triple VALUES (?, ?, ?, ?, ?, ?)", rows)
            self.database.commit()

    def _read(self) -> sqlite3.Connection:
        """The database, indexed by subject once all triples are in."""
        assert self.database is not None, "read only past IN_MEMORY triples"
        if not self.indexed:
            self.database.execute("CREATE INDEX triple_s ON triple (s)")
            self.indexed = True
        return self.database

    def props(self, s: str) -> dict[str, list[str | Lit]]:
        loaded = self.loaded.get(s)
        if loaded is not None:
            return loaded
        if self.database is None:
            return super().props(s)
        found: dict[str, list[str | Lit]] = {}
        rows = self._read().execute(
            "SELECT p, o, lang, datatype, literal FROM triple WHERE s = ? ORDER BY rowid", (s,)
        )
        for p, o, lang, datatype, literal in rows:
            found.setdefault(p, []).append(Lit(o, lang, datatype) if literal else o)
        if not found and self.fallback is not None:
            return self.fallback.props(s)
        return found

    def holds(self, s: str) -> bool:
        """Whether ``s`` is the subject of a triple here."""
        if self.database is None:
            return s in self.by_subject
        query = "SELECT 1 FROM triple WHERE s = ? LIMIT 1"
        return self._read().execute(query, (s,)).fetchone() is not None

    def subjects_with(self, p: str, o: str | Lit) -> list[str]:
        """Subjects ``s`` with ``(s, p, o)``, in the order the subjects came (as an index's:
        an inverse index of ``p`` made on first use, of the few triples of ``p`` here)."""
        if self.database is None:
            return super().subjects_with(p, o)
        found = self.inverse.get(p)
        if found is None:
            found = self.inverse[p] = {}
            rows = self._read().execute(
                "SELECT s, o, lang, datatype, literal FROM triple WHERE p = ? "
                "ORDER BY (SELECT MIN(rowid) FROM triple AS t WHERE t.s = triple.s), rowid",
                (p,),
            )
            for s, value, lang, datatype, literal in rows:
                found.setdefault(Lit(value, lang, datatype) if literal else value, []).append(s)
        return found.get(o, [])

    def subject_batches(self) -> Iterator[list[str]]:
        """Every subject, in the order they came (as an index's ``by_subject``), in batches."""
        if self.database is None:
            subjects = list(self.by_subject)
            for i in range(0, len(subjects), self.BATCH):
                yield subjects[i : i + self.BATCH]
            return
        rows = self._read().execute("SELECT s FROM triple GROUP BY s ORDER BY MIN(rowid)")
        while batch := rows.fetchmany(self.BATCH):
            nodes = [s for (s,) in batch]
            self.loaded = self._props_of(nodes)
            yield nodes
            self.loaded = {}

    def _props_of(self, nodes: list[str]) -> dict[str, dict[str, list[str | Lit]]]:
        """:meth:`props` of each of ``nodes``, read in one query."""
        database = self._read()
        database.execute("CREATE TEMP TABLE IF NOT EXISTS batch (s TEXT PRIMARY KEY)")
        database.execute("DELETE FROM batch")
        database.executemany("INSERT INTO batch VALUES (?)", ((s,) for s in nodes))
        found: dict[str, dict[str, list[str | Lit]]] = {}
        rows = database.execute(
            # CROSS JOIN: SQLite loops over the batch, looking each node up in the index on s
            "SELECT batch.s, p, o, lang, datatype, literal FROM batch CROSS JOIN triple "
            "ON triple.s = batch.s ORDER BY triple.rowid"
        )
        for s, p, o, lang, datatype, literal in rows:
            found.setdefault(s, {}).setdefault(p, []).append(
                Lit(o, lang, datatype) if literal else o
            )
        return found

    def first_subject(self, p: str, o: str | None = None) -> str:
        """The first subject (in the order they came) with a triple of ``p`` (and IRI ``o``)."""
        if self.database is None:
            return next(
                s
                for s, props in self.by_subject.items()
                if p in props and (o is None or any(type(v) is str and v == o for v in props[p]))
            )
        having = "SUM(p = ?)" if o is None else "SUM(p = ? AND o = ? AND literal = 0)"
        row = (
            self._read()
            .execute(
                f"SELECT s FROM triple GROUP BY s HAVING {having} ORDER BY MIN(rowid) LIMIT 1",
                (p,) if o is None else (p, o),
            )
            .fetchone()
        )
        return cast(str, row[0])

    def first_typed(self, cls: str) -> str:
        """The first subject (in the order they came) typed ``cls``."""
        return self.first_subject(_RDF_TYPE, cls)

    def __len__(self) -> int:
        if self.database is None:
            return self.held
        return cast(int, self.database.execute("SELECT COUNT(*) FROM triple").fetchone()[0])

    def triples(self) -> Iterator[Triple]:
        for nodes in self.subject_batches():
            for s in nodes:
                for p, values in self.props(s).items():
                    for o in values:
                        yield s, p, o


def check_report(
    triples: list[Triple], own: Iterable[str], data: TripleIndex | None = None
) -> list[Violation]:
    """The violations of one report's own nodes and the undeclared terms of its triples.

    ``data`` is the index of ``triples`` over :func:`~kg.graph.index.base_index`, if made.
    """
    data = data if data is not None else TripleIndex(triples, fallback=base_index())
    return violations_of(data, own) + undeclared_in(triples, data)


_RDF_TYPE = str(RDF.type)


def undeclared_terms(graph: Graph) -> list[Violation]:
    """A violation for each ``fz:`` property or class the graph uses but the ontology lacks.

    Such a term is a typo or a renamed term: no user's SPARQL would match it.
    """
    declared = declared_terms()
    found = []
    used = {(p, "property") for p in graph.predicates() if str(p).startswith(FZ_URI)}
    used |= {
        (c, "class")
        for c in graph.objects(None, RDF.type)
        if isinstance(c, URIRef) and str(c).startswith(FZ_URI)
    }
    for term, kind in sorted(used):
        if term in declared:
            continue
        focus = next(
            iter(
                graph.subjects(term, None) if kind == "property" else graph.subjects(RDF.type, term)
            )
        )
        found.append(
            Violation(
                str(focus),
                str(term),
                "Violation",
                f"{kind} {str(term).rsplit('#', 1)[-1]} is not declared in "
                f"ontology/fazhi.ttl (a typo or a renamed term?)",
                constraint="UndeclaredTerm",
            )
        )
    return found


def format_report(
    report: ValidationReport, graph: Graph | TripleIndex | None = None, examples: int = 3
) -> str:
    """The report as text: results grouped by message, with counts and example nodes.

    ``graph`` adds each example node's label.  Shown most serious first.

    Examples
    --------
    >>> print(format_report(ValidationReport(True, ())))
    conforms: no SHACL violations
    """
    if not report.violations:
        return "conforms: no SHACL violations"
    names = bind_prefixes(Graph()).namespace_manager
    groups: dict[tuple[str, str, str], list[Violation]] = defaultdict(list)
    for v in report.violations:
        groups[(v.severity, v.path, v.message)].append(v)
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    lines = []
    for (severity, path, message), items in sorted(
        groups.items(), key=lambda kv: (order.get(kv[0][0], 3), -len(kv[1]), kv[0])
    ):
        lines.append(f"{severity} x{len(items)}  {_short(names, path) or '(node)'}: {message}")
        for v in items[:examples]:
            name = _label(graph, v.focus) if graph is not None else ""
            value = f"  value {_short(names, v.value)}" if v.value else ""
            lines.append(f"    {_short(names, v.focus)}{f' ({name})' if name else ''}{value}")
        if len(items) > examples:
            lines.append(f"    ... and {len(items) - examples} more")
    counts = Counter(v.severity for v in report.violations)
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(
        f"{verdict}: "
        + ", ".join(
            f"{counts[k]} {k.lower()}{'s' if counts[k] != 1 else ''}"
            for k in sorted(counts, key=lambda k: order.get(k, 3))
        )
    )
    return "\n".join(lines)


def _short(names: NamespaceManager, iri: str) -> str:
    if not iri.startswith(("http://", "https://")):
        return iri
    try:
        return names.normalizeUri(URIRef(iri))
    except Exception:  # rdflib cannot split some IRIs; show them whole
        return iri


def _label(graph: Graph | TripleIndex, iri: str) -> str:
    if isinstance(graph, TripleIndex):
        for value in graph.objects(iri, str(RDFS.label)):
            if type(value) is Lit and value.lang in ("zh", None):
                return value.value
        return ""
    for label in graph.objects(URIRef(iri), RDFS.label):
        if isinstance(label, Literal) and label.language in ("zh", None):
            return str(label)
    return ""


# --- the ontology itself ---------------------------------------------------------------------


@dataclass(frozen=True)
class OntologyIssue:
    """A term that is used but not declared, or declared without zh and en labels."""

    term: str
    where: str
    problem: str


_FZ_CURIE = re.compile(r"(?<![\w:])fz:([A-Za-z_][\w-]*)")


def check_ontology() -> list[OntologyIssue]:
    """Check ``ontology/fazhi.ttl`` against everything that uses it.

    * every ``fz:`` IRI used in fazhi.ttl, mechanisms.ttl, shapes.ttl and the
      named queries, and every term of :class:`kg.namespaces.FZ`, is declared;
    * every declared class, property and individual has an ``rdfs:label``
      tagged ``@zh`` and one tagged ``@en``.

    Returns
    -------
    list of OntologyIssue
        Empty when the ontology passes.
    """
    declared = declared_terms()
    issues = []
    sources: dict[str, set[str]] = {}
    for name in ontology.FILES:
        sources[name] = {
            str(n)
            for t in ontology.graph(name)
            for n in t
            if isinstance(n, URIRef) and str(n).startswith(FZ_URI)
        }
    for name, text in ontology.query_texts().items():
        sources[f"queries/{name}.rq"] = {FZ_URI + m for m in _FZ_CURIE.findall(text)}
    sources["kg/namespaces.py"] = {FZ_URI + name for name in FZ.__annotations__}
    for where, used in sorted(sources.items()):
        for iri in sorted(used - {str(t) for t in declared} - {FZ_URI}):
            issues.append(OntologyIssue(iri, where, "used but not declared in ontology/fazhi.ttl"))
    g = _ontology()
    for term in sorted(declared):
        langs = {v.language for v in g.objects(term, RDFS.label) if isinstance(v, Literal)}
        for lang in ("zh", "en"):
            if lang not in langs:
                issues.append(OntologyIssue(str(term), "fazhi.ttl", f"no rdfs:label @{lang}"))
    return issues
