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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, NamespaceManager
from rdflib.term import Node

from kg import ontology
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


def undeclared_in(triples: Iterable[Triple]) -> list[Violation]:
    """:func:`undeclared_terms` over writer triples: the first node using each unknown term."""
    declared = _declared_strings()
    triples = triples if isinstance(triples, list) else list(triples)
    # Sets first (C speed); the triples are walked again only when a term is unknown.
    used = {p for _, p, _ in triples} | {o for _, p, o in triples if p == _RDF_TYPE}
    if not {t for t in used if type(t) is str and t.startswith(FZ_URI)} - declared:
        return []
    first: dict[tuple[str, str], str] = {}
    for s, p, o in triples:
        if p.startswith(FZ_URI) and p not in declared:
            first.setdefault((p, "property"), s)
        if p == _RDF_TYPE and type(o) is str and o.startswith(FZ_URI) and o not in declared:
            first.setdefault((o, "class"), s)
    return [_undeclared(focus, term, kind) for (term, kind), focus in sorted(first.items())]


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
    (:func:`check_report`: they have no triple elsewhere); the nodes several
    reports share (towns, laws, officials ...) are gathered here, each triple
    once, and checked at :meth:`report` with the ontology and vocabulary.
    """

    def __init__(self) -> None:
        self.shared = TripleIndex(fallback=base_index())
        self.found: list[Violation] = []
        self.undeclared: dict[str, Violation] = {}

    def add(self, own: Iterable[Violation], shared: Iterable[Triple]) -> None:
        """One report's violations (from :func:`check_report`) and its first-seen shared triples."""
        for v in own:
            if v.constraint == "UndeclaredTerm":
                self.undeclared.setdefault(v.path, v)
            else:
                self.found.append(v)
        self.shared.add(shared)

    def report(self) -> ValidationReport:
        base = base_index()
        found = list(self.found)
        found += violations_of(self.shared, list(self.shared.by_subject))
        found += violations_of(
            base, [s for s in base.by_subject if s not in self.shared.by_subject]
        )
        for v in undeclared_in(self.shared.triples()):
            self.undeclared.setdefault(v.path, v)
        found += self.undeclared.values()
        return _report(found)


def check_report(
    triples: list[Triple], own: Iterable[str], data: TripleIndex | None = None
) -> list[Violation]:
    """The violations of one report's own nodes and the undeclared terms of its triples.

    ``data`` is the index of ``triples`` over :func:`~kg.graph.index.base_index`, if made.
    """
    data = data if data is not None else TripleIndex(triples, fallback=base_index())
    return violations_of(data, own) + undeclared_in(triples)


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
