"""Run SPARQL on a built graph, the library of named queries, and result formats.

A query runs on either engine: an rdflib graph (the library's own graph, good
for small outputs) or an embedded Oxigraph store (:mod:`kg.query.store`, fast once
graphs are large).  Both give the same :class:`QueryResult`, which prints as
a table, W3C SPARQL CSV/TSV, SPARQL JSON, or Turtle for CONSTRUCT results.

Named queries live in ``queries/*.rq``.  Their header lines document them::

    # description: one line shown by `kg query --list`
    # param: mechanismLabel = 合法性审查        (a Chinese-tagged literal, the default)
    # param: minTowns:integer = 2              (typed: zh, string, integer, decimal, iri)
    # param: townLabel =                       (empty default: unbound, i.e. all towns)

Parameters are bound by a ``VALUES`` block put at the end of the query's WHERE
group, so the same text runs unchanged on rdflib, Oxigraph or any endpoint.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from kg.namespaces import FZ, RDFS
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/fazhi-kg/id/town/a"), RDFS.label, Literal("青禾镇", lang="zh")))
>>> result = run_query(g, "SELECT ?l WHERE { ?t rdfs:label ?l }")
>>> result.rows
(('青禾镇',),)
>>> print(render(result, "tsv"), end="")
?l
"青禾镇"@zh
>>> bind("SELECT ?t WHERE { ?t rdfs:label ?l }", {"l": Term.zh("青禾镇")})
'SELECT ?t WHERE { ?t rdfs:label ?l VALUES ?l { "青禾镇"@zh } }'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from operator import getitem
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rdflib import BNode, Graph, Literal, URIRef

from kg import ontology
from kg.chars import display_width, spreadsheet_safe
from kg.errors import RefusedError, UsageError
from kg.graph.terms import nt_literal
from kg.namespaces import PREFIXES, XSD, bind_prefixes

if TYPE_CHECKING:
    from rdflib.term import Node

_Item = TypeVar("_Item")

_XSD_STRING = str(XSD.string)
_XSD_DECIMAL = str(XSD.decimal)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Output formats of :func:`render`, by the name ``kg query --format`` uses.
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "rdfxml")

#: Types a named query's parameter can declare (``# param: NAME:TYPE = DEFAULT``).
PARAM_TYPES = ("zh", "string", "integer", "decimal", "iri")

#: Longest query text accepted (characters).  The named queries are under 2,000;
#: parsing 100,000 takes rdflib about 3 s and 60 MB (BENCHMARKS.md, "Hostile input").
MAX_QUERY_CHARS = 100_000

#: Query forms :func:`query_form` recognises; anything else is SPARQL Update.
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_WORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
}


# --- terms and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """An RDF term in a result, independent of the engine that produced it.

    ``kind`` is ``uri``, ``literal`` or ``bnode`` (the SPARQL JSON names);
    ``datatype`` is None for plain and language-tagged strings.

    Examples
    --------
    >>> Term.zh("合法性审查").n3()
    '"合法性审查"@zh'
    >>> Term("literal", "2", datatype="http://www.w3.org/2001/XMLSchema#integer").n3()
    '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    @classmethod
    def zh(cls, text: str) -> Term:
        return cls("literal", text, lang="zh")

    @classmethod
    def iri(cls, iri: str) -> Term:
        return cls("uri", iri)

    def n3(self) -> str:
        """The term in N-Triples (and SPARQL) syntax."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        quoted = nt_literal(self.value)
        if self.lang:
            return f"{quoted}@{self.lang}"
        if self.datatype and self.datatype != _XSD_STRING:
            return f"{quoted}^^<{self.datatype}>"
        return quoted

    def to_rdflib(self) -> URIRef | BNode | Literal:
        if self.kind == "uri":
            return URIRef(self.value)
        if self.kind == "bnode":
            return BNode(self.value)
        return Literal(
            self.value, lang=self.lang, datatype=URIRef(self.datatype) if self.datatype else None
        )


def term_from_rdflib(node: Node | None) -> Term | None:
    """The :class:`Term` of an rdflib node (None stays None)."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return Term("uri", str(node))
    if isinstance(node, BNode):
        return Term("bnode", str(node))
    if not isinstance(node, Literal):
        raise TypeError(f"not an RDF term: {node!r}")
    datatype = str(node.datatype) if node.datatype is not None else None
    if datatype in (_XSD_STRING, _LANG_STRING):
        datatype = None
    return Term("literal", canonical(str(node), datatype), lang=node.language, datatype=datatype)


def canonical(lexical: str, datatype: str | None) -> str:
    """The lexical form both engines agree on: decimals without trailing zeros.

    rdflib keeps a decimal as written ("100.0"), Oxigraph canonicalises it
    ("100"); results must not depend on the engine.

    Examples
    --------
    >>> canonical("100.0", str(XSD.decimal)), canonical("98.50", str(XSD.decimal))
    ('100', '98.5')
    """
    if datatype != _XSD_DECIMAL:
        return lexical
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of plain strings (None where unbound).

    ``rows`` is what tables and CSV show; ``terms`` keeps the typed terms for
    TSV, JSON and Turtle.  An ASK result has the single column ``ask``; a
    CONSTRUCT or DESCRIBE result has the columns subject, predicate, object.
    ``truncated`` is True when ``max_rows`` cut the result short.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    kind: str = "SELECT"
    terms: tuple[tuple[Term | None, ...], ...] = field(default=(), repr=False, compare=False)
    boolean: bool | None = None
    truncated: bool = False

    @classmethod
    def from_terms(
        cls,
        columns: Iterable[str],
        term_rows: Iterable[Iterable[Term | None]],
        kind: str = "SELECT",
        truncated: bool = False,
    ) -> QueryResult:
        terms = tuple(tuple(row) for row in term_rows)
        rows = tuple(tuple(None if t is None else t.value for t in row) for row in terms)
        return cls(tuple(columns), rows, kind, terms, None, truncated)

    @classmethod
    def from_boolean(cls, answer: bool) -> QueryResult:
        value = "true" if answer else "false"
        boolean_term = Term("literal", value, datatype=str(XSD.boolean))
        return cls(("ask",), ((value,),), "ASK", ((boolean_term,),), bool(answer))

    def records(self) -> list[dict[str, str | None]]:
        """The rows as dicts (column -> value), e.g. for ``pandas.DataFrame``."""
        return [dict(zip(self.columns, row)) for row in self.rows]


# --- the named queries -----------------------------------------------------------------------


# An absolute IRI with none of the characters SPARQL's IRIREF forbids, so a value
# bound into a query can never end the IRI and add syntax of its own.
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\x00-\x20]*')


class QueryStore(Protocol):
    """A store that answers SPARQL itself (:class:`kg.query.store.OxigraphStore`)."""

    def query(
        self, text: str, *, max_rows: int | None = None, form: str | None = None
    ) -> QueryResult: ...


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: variable name, type and default ('' = unbound)."""

    name: str
    type: str = "zh"
    default: str = ""

    def term(self, value: str) -> Term:
        """``value`` as the RDF term this parameter binds.

        Raises
        ------
        UsageError
            The value does not fit the type (e.g. ``minTowns=two``).
        """
        if self.type == "zh":
            return Term.zh(value)
        if self.type == "string":
            return Term("literal", value)
        if self.type == "iri":
            iri = value.strip().removeprefix("<").removesuffix(">")
            if not _IRI.fullmatch(iri):
                raise UsageError(
                    f"parameter {self.name} must be an absolute IRI such as "
                    f"https://w3id.org/fazhi-kg/id/town/x, not {value!r}"
                )
            return Term.iri(iri)
        pattern = r"[+-]?\d+" if self.type == "integer" else r"[+-]?(\d+(\.\d*)?|\.\d+)"
        if not re.fullmatch(pattern, value.strip()):
            raise UsageError(
                f"parameter {self.name} must be {'an' if self.type == 'integer' else 'a'} "
                f"{self.type}, not {value!r}"
            )
        return Term("literal", value.strip(), datatype=str(XSD[self.type]))


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query from ``queries/NAME.rq``.

    ``params`` maps a variable to its default, as strings (kept for callers
    that bind them by hand); ``typed_params`` has the declared types.
    """

    name: str
    description: str
    text: str
    params: tuple[tuple[str, str], ...] = ()
    typed_params: tuple[Param, ...] = ()

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE, read from the text (a shipped query:
        tests/query check that each parses and is read-only)."""
        return query_form(self.text)

    def bindings(self, values: Mapping[str, str] | None = None) -> dict[str, Term]:
        """Terms to bind: the defaults overridden by ``values``; empty values stay unbound.

        Raises
        ------
        UsageError
            ``values`` names a variable the query does not declare.
        """
        values = dict(values or {})
        declared = {p.name: p for p in self.typed_params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            known = ", ".join(declared) or "none"
            raise UsageError(
                f"query {self.name} has no parameter {', '.join(unknown)} (its parameters: {known})"
            )
        out = {}
        for name, param in declared.items():
            value = values.get(name, param.default)
            if value != "":
                out[name] = param.term(value)
        return out

    def run(
        self,
        source: Graph | QueryStore,
        params: Mapping[str, str] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """The rows of this query on ``source``, its parameters bound (defaults where not given).

        Raises
        ------
        UsageError
            A parameter it does not declare or of the wrong type.
        """
        bindings = self.bindings(params)
        if isinstance(source, Graph):
            return run_query(source, self.text, bindings, max_rows=max_rows)
        # A named query bound to checked terms (Term.n3 escapes each value) is as
        # read-only as its text, which the tests parse: not parsed again here (rdflib's
        # SPARQL parser took 0.3-0.6 s of each `kg query --name`). Bound first: see bind().
        text = bind(self.text, bindings, first=True)
        return source.query(text, max_rows=max_rows, form=self.form)


_PARAM_LINE = re.compile(r"#\s*param:\s*([A-Za-z_]\w*)\s*(?::\s*(\w+))?\s*=\s*(.*?)\s*$")


def parse_header(name: str, text: str) -> NamedQuery:
    """Read the ``# description:`` and ``# param:`` lines of a query file.

    Raises
    ------
    UsageError
        A ``# param:`` line is malformed or names an unknown type.

    Examples
    --------
    >>> q = parse_header("x", "# description: d\\n# param: minTowns:integer = 2\\nSELECT * {}")
    >>> q.description, q.typed_params
    ('d', (Param(name='minTowns', type='integer', default='2'),))
    """
    description = ""
    params = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# description:") and not description:
            description = stripped.split(":", 1)[1].strip()
        elif stripped.startswith("# param:"):
            match = _PARAM_LINE.match(stripped)
            if not match:
                raise UsageError(
                    f"query {name}: bad parameter line {stripped!r}; "
                    f"write '# param: NAME[:TYPE] = DEFAULT'"
                )
            var, type_, default = match.group(1), match.group(2) or "zh", match.group(3)
            if type_ not in PARAM_TYPES:
                raise UsageError(
                    f"query {name}: parameter {var} has unknown type {type_!r}; "
                    f"use one of {', '.join(PARAM_TYPES)}"
                )
            params.append(Param(var, type_, default))
    return NamedQuery(
        name, description, text, tuple((p.name, p.default) for p in params), tuple(params)
    )


@cache
def list_queries() -> tuple[NamedQuery, ...]:
    """The named queries, sorted by name.

    Examples
    --------
    >>> len(list_queries()) >= 12
    True
    """
    return tuple(parse_header(name, text) for name, text in ontology.query_texts().items())


def load_query(name: str) -> NamedQuery:
    """A named query; the error lists the names there are.

    Raises
    ------
    UsageError
        No query has that name.
    """
    for query in list_queries():
        if query.name == name:
            return query
    names = ", ".join(q.name for q in list_queries())
    raise UsageError(f"no named query {name!r}: choose one of {names}")


# --- reading query text ----------------------------------------------------------------------

# Strings, IRIs and comments are skipped whole so that a keyword or brace inside
# them is never taken for syntax; an IRI has no spaces, so `?a < ?b` is not one, and
# may hold \u escapes (a `#` after one is still inside the IRI, not a comment).
# This reading only places parameter bindings: whether a query may run is decided
# on the parsed query (:func:`parse_query`).
_TOKEN = re.compile(
    r'''
    (?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
           |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
           |<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>|\#[^\n]*)
  | (?P<var>[?$][A-Za-z_0-9]\w*)
  | (?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)?)
  | (?P<brace>[{}])
''',
    re.VERBOSE,
)


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or ""
        if kind != "skip":
            yield kind, match.group(), match.start()


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for any SPARQL Update request.

    Looks at the first keyword after the prologue (BASE and PREFIX lines),
    outside comments, strings and IRIs.  A reading of the text for placing
    bindings; whether a query may run is decided by :func:`parse_query`.

    Examples
    --------
    >>> query_form("# SELECT in a comment\\nPREFIX x: <http://x/>\\nINSERT DATA { x:a x:b x:c }")
    'UPDATE'
    >>> query_form("prefix fz: <https://w3id.org/fazhi-kg/ontology#> ask { ?s ?p ?o }")
    'ASK'
    """
    for kind, value, _ in _tokens(text):
        if kind != "word":
            continue
        word = value.upper()
        if word in QUERY_FORMS:
            return word
        if word in _UPDATE_WORDS:
            return "UPDATE"
        if word in ("PREFIX", "BASE") or ":" in value:
            continue
        break
    return "UNKNOWN"


def bind(text: str, bindings: Mapping[str, Term], *, first: bool = False) -> str:
    """Put a ``VALUES`` block binding ``bindings`` at the end of the WHERE group.

    A VALUES block inside the group is plain SPARQL 1.1, so the bound query
    runs the same on every engine (rdflib's ``initBindings`` and Oxigraph's
    substitutions differ: the latter only binds projected variables).  It goes
    last because rdflib joins in the order written and a leading VALUES makes
    it re-evaluate the group, and because last it means the same in any query.

    ``first`` puts it at the start of the group instead, for Oxigraph, which
    joins a trailing VALUES only after evaluating the whole group (first_namings
    at 1,000 reports: 2.0 s of CPU last, 0.05 s first).  That means the same
    only when each bound variable is bound by the group's required patterns
    (not only inside an OPTIONAL, MINUS or BIND), as in every named query
    (:func:`run_named`; tests/query compare the rows both ways).

    HAVING is evaluated after grouping, where a binding made inside the group
    no longer reaches (SPARQL leaves the variable unbound, so the condition
    fails and every group is dropped); there the value itself is written in
    place of the variable.

    Raises
    ------
    UsageError
        The query has no WHERE group to bind in.

    Examples
    --------
    >>> bind("SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(?o) >= ?min)",
    ...      {"min": Term("literal", "2", datatype=str(XSD.int))})  # doctest: +ELLIPSIS
    'SELECT ?s WHERE { ?s ?p ?o VALUES ?min { "2"^^<...#int> } } GROUP BY ?s HAVING (COUNT(?o) >= "2"^^<...#int>)'
    """
    if not bindings:
        return text
    text = _bind_having(text, bindings)
    span = _where_group(text)
    if span is None:
        raise UsageError("cannot bind parameters: the query has no WHERE { ... } group")
    names = list(bindings)
    if len(names) == 1:
        block = f"VALUES ?{names[0]} {{ {bindings[names[0]].n3()} }}"
    else:
        block = (
            f"VALUES ({' '.join('?' + n for n in names)}) "
            f"{{ ({' '.join(bindings[n].n3() for n in names)}) }}"
        )
    if first:
        open_ = span[0] + 1
        return f"{text[:open_]} {block} {text[open_:].lstrip(' ')}"
    close = span[1]
    return f"{text[:close].rstrip()} {block} {text[close:]}"


#: Words that end a HAVING clause (the solution modifiers after it, and VALUES).
_AFTER_HAVING = {"ORDER", "LIMIT", "OFFSET", "VALUES"}


def _bind_having(text: str, bindings: Mapping[str, Term]) -> str:
    """``text`` with each bound variable inside a HAVING clause replaced by its value."""
    edits: list[tuple[int, int, str]] = []
    depth, having_depth = 0, None
    for kind, value, pos in _tokens(text):
        if kind == "brace":
            depth += 1 if value == "{" else -1
            if having_depth is not None and depth < having_depth:
                having_depth = None  # the sub-query that held the HAVING is closed
        elif kind == "word" and value.upper() == "HAVING":
            having_depth = depth
        elif kind == "word" and value.upper() in _AFTER_HAVING and depth == having_depth:
            having_depth = None
        elif kind == "var" and having_depth is not None and value[1:] in bindings:
            edits.append((pos, pos + len(value), bindings[value[1:]].n3()))
    for start, end, term in reversed(edits):
        text = text[:start] + term + text[end:]
    return text


def _where_group(text: str) -> tuple[int, int] | None:
    """Offsets of the ``{`` and ``}`` around the WHERE group, or None."""
    form = query_form(text)
    depth, seen_form, after_where, opened = 0, False, False, None
    for kind, value, pos in _tokens(text):
        upper = value.upper() if kind == "word" else ""
        if upper in QUERY_FORMS:
            seen_form = True
        elif upper == "WHERE" and depth == 0 and seen_form:
            after_where = True
        elif kind == "brace" and value == "{":
            # `SELECT * { ... }` has no WHERE keyword; CONSTRUCT's template brace
            # comes first, so there only the brace after WHERE counts.
            if (
                depth == 0
                and opened is None
                and seen_form
                and (after_where or form in ("SELECT", "ASK", "DESCRIBE"))
            ):
                opened = pos
            depth += 1
        elif kind == "brace":
            depth -= 1
            if depth == 0 and opened is not None:
                return opened, pos
    return None


def _as_terms(bindings: Mapping[str, Term | str] | None) -> dict[str, Term]:
    # A bare string is a Chinese label, as in the first version of this API.
    return {k: v if isinstance(v, Term) else Term.zh(str(v)) for k, v in (bindings or {}).items()}


@dataclass(frozen=True)
class ParsedQuery:
    """What the parsed query says: its form and the variables it names."""

    form: str
    variables: frozenset[str]


def check_read_only(text: str) -> str:
    """The query form of ``text`` (SELECT, ASK, CONSTRUCT, DESCRIBE); updates and SERVICE refused.

    Decided on the parsed query (:func:`parse_query`), never on its text.

    Raises
    ------
    RefusedError
        ``text`` is SPARQL Update (INSERT, DELETE, LOAD, CLEAR ...) or calls SERVICE.
    UsageError
        ``text`` is too long or not valid SPARQL.
    """
    return parse_query(text).form


@lru_cache(maxsize=64)
def parse_query(text: str) -> ParsedQuery:
    """Parse a query into its algebra and refuse what a read-only tool must not run.

    The text is parsed by rdflib's SPARQL parser and translated into the SPARQL
    algebra; the algebra, not the text, decides: any ``SERVICE`` pattern (also
    inside FILTER EXISTS or a sub-query) is refused, and so is anything that
    parses only as SPARQL Update.  A query rdflib cannot parse is refused too,
    so what runs has been checked whole.

    Raises
    ------
    RefusedError
        SPARQL Update, or a SERVICE call.
    UsageError
        Longer than :data:`MAX_QUERY_CHARS`, or not valid SPARQL.

    Examples
    --------
    >>> parsed = parse_query("SELECT ?l WHERE { ?t rdfs:label ?l }")
    >>> parsed.form, sorted(parsed.variables)
    ('SELECT', ['l', 't'])
    >>> parse_query("SELECT * { SERVICE <http://127.0.0.1:7879/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.RefusedError: SERVICE (federated query) is refused: fazhi-kg queries never leave this machine
    """
    # Imported on first use: rdflib's SPARQL grammar takes a while to build.
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"query of {len(text):,} characters refused: at most {MAX_QUERY_CHARS:,} "
            "(bind long lists of values with several shorter queries)"
        )
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except (ParseException, RecursionError):
            raise UsageError(f"not valid SPARQL: {exc}".splitlines()[0]) from None
        raise RefusedError(
            "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP ...) is refused: "
            "the graph is read-only; rebuild it with `kg build` instead"
        ) from None
    except RecursionError:
        raise UsageError("not valid SPARQL: nested too deeply to parse") from None
    try:
        algebra = translateQuery(parsed, initNs=dict(PREFIXES)).algebra
    except RecursionError:
        raise UsageError("not valid SPARQL: nested too deeply to parse") from None
    except Exception as exc:  # rdflib raises plain Exception for unknown prefixes and the like
        raise UsageError(f"not valid SPARQL: {exc}".splitlines()[0]) from exc
    names, variables = _algebra_parts((parsed, algebra))
    if "ServiceGraphPattern" in names:
        raise RefusedError(
            "SERVICE (federated query) is refused: fazhi-kg queries never leave this machine"
        )
    form = algebra.name.removesuffix("Query").upper()
    if form not in QUERY_FORMS:  # never seen: parseQuery knows only the four forms
        raise UsageError(f"not a SPARQL query: expected one of {', '.join(QUERY_FORMS)}")
    return ParsedQuery(form, frozenset(variables))


def _algebra_parts(root: object) -> tuple[set[str], set[str]]:
    """Names of every node (``ServiceGraphPattern`` ...) and every variable under ``root``.

    Walked with a stack, not recursion: a deeply nested query must not
    exhaust Python's stack here.
    """
    # Imported on first use, as in parse_query: the SPARQL parser's modules load slowly.
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    names: set[str] = set()
    variables: set[str] = set()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            names.add(node.name)
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset, ParseResults)):
            stack.extend(node)
        elif isinstance(node, Variable):
            variables.add(str(node))
    return names, variables


# --- running ---------------------------------------------------------------------------------


def run_query(
    source: Graph | QueryStore,
    text: str,
    bindings: Mapping[str, Term | str] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a graph or store.

    Parameters
    ----------
    source : rdflib.Graph or kg.query.store.OxigraphStore
        The graph (a Dataset queries the union of its graphs) or an Oxigraph store.
    text : str
        The query.  Updates and SERVICE calls are refused.
    bindings : mapping, optional
        Variable name -> :class:`Term` (a plain string means a ``@zh`` literal),
        bound with :func:`bind`.
    max_rows : int, optional
        Keep at most this many rows and set ``truncated``.

    Returns
    -------
    QueryResult

    Raises
    ------
    UsageError
        The query is not valid SPARQL, is too long, or ``bindings`` names a
        variable the query does not have.
    RefusedError
        The query is an update or calls SERVICE.

    Examples
    --------
    >>> from rdflib import Graph
    >>> run_query(Graph(), "ASK { ?s ?p ?o }").boolean
    False
    """
    terms = _as_terms(bindings)
    if terms:
        unknown = sorted(set(terms) - parse_query(text).variables)
        if unknown:
            raise UsageError(
                f"the query has no variable {', '.join('?' + n for n in unknown)} to bind "
                f"(its variables: {', '.join(sorted('?' + v for v in parse_query(text).variables)) or 'none'})"
            )
    text = bind(text, terms)
    check_read_only(text)  # the text that runs, values and all
    if not isinstance(source, Graph):
        return source.query(text, max_rows=max_rows)
    # Imported here: the SPARQL engine is only needed once a query runs on rdflib.
    import rdflib.plugins.sparql

    # rdflib would fetch every FROM / FROM NAMED IRI over HTTP or from disk; without
    # loading, FROM names a graph of the dataset, as it does in Oxigraph.
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    try:
        result = source.query(text)
    except RecursionError as exc:
        raise UsageError("SPARQL query failed: nested too deeply for rdflib") from exc
    except Exception as exc:  # rdflib raises pyparsing and other errors for bad SPARQL
        raise UsageError(f"SPARQL query failed: {exc}".splitlines()[0]) from exc
    if result.type == "ASK":
        return QueryResult.from_boolean(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        constructed = result.graph if result.graph is not None else Graph()
        triples = limited(
            (
                (term_from_rdflib(s), term_from_rdflib(p), term_from_rdflib(o))
                for s, p, o in constructed
            ),
            max_rows,
        )
        return QueryResult.from_terms(
            ("subject", "predicate", "object"), triples[0], result.type, triples[1]
        )
    # A SELECT result iterates over rows; Any: rdflib types them as rows, triples or a bool.
    solutions: Iterable[Any] = result
    rows, truncated = limited(
        (tuple(term_from_rdflib(v) for v in row) for row in solutions), max_rows
    )
    variables = result.vars or []
    return QueryResult.from_terms(tuple(str(v) for v in variables), rows, "SELECT", truncated)


def limited(items: Iterable[_Item], max_rows: int | None) -> tuple[list[_Item], bool]:
    """The first ``max_rows`` items (all when None) and whether any were cut off."""
    out: list[_Item] = []
    for item in items:
        if max_rows is not None and len(out) >= max_rows:
            return out, True
        out.append(item)
    return out, False


def run_named(
    source: Graph | QueryStore,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult:
    """Run the named query ``name`` with its parameters (defaults where not given).

    Raises
    ------
    UsageError
        No such query, or a parameter it does not declare or of the wrong type.
    """
    return load_query(name).run(source, params, max_rows=max_rows)


# --- formats ---------------------------------------------------------------------------------


def render(result: QueryResult, fmt: str = "table") -> str:
    """The result in one of :data:`FORMATS`.

    ``csv`` and ``tsv`` follow the W3C SPARQL 1.1 Query Results CSV and TSV
    formats (CSV has plain values for spreadsheets and pandas, TSV keeps term
    syntax), ``json`` and ``xml`` the SPARQL 1.1 Query Results JSON and XML
    formats; ``turtle``, ``nt`` and ``rdfxml`` are for CONSTRUCT and DESCRIBE results.

    Raises
    ------
    UsageError
        Unknown format, or a graph format asked of a SELECT/ASK result.
    """
    writers = {
        "table": format_table,
        "csv": to_csv,
        "tsv": to_tsv,
        "json": to_json,
        "xml": to_xml,
        "turtle": to_turtle,
        "nt": to_ntriples,
        "rdfxml": to_rdfxml,
    }
    if fmt not in writers:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return writers[fmt](result)


def format_table(result: QueryResult) -> str:
    """A plain-text table; Chinese characters count as two columns wide.

    IRIs are shortened with the fazhi-kg prefixes (``fzid:town/…``) to fit.
    """
    # Each distinct value of a column shortened, measured (a wide character counts two) and
    # padded once: the 149,688 rows of mechanism_evidence at 1,000 reports hold 1.2 M cells
    # but about 15,000 distinct non-ASCII values; cell by cell the table took 2.8 s of CPU
    # (BENCHMARKS.md, "Named queries at 1,000 and 10,000 reports (fifth session of 5 December)").
    shown: dict[str | None, tuple[str, int]] = {}
    for value in {v for row in result.rows for v in row}:
        text = "" if value is None else _short(value)
        shown[value] = (text, _measure(text))
    pads: list[dict[str | None, str]] = []
    head = []
    for i, name in enumerate(result.columns):
        column = {row[i] for row in result.rows}
        width = max([_measure(name), *(shown[v][1] for v in column)])
        pads.append({v: shown[v][0] + " " * (width - shown[v][1]) for v in column})
        head.append((name + " " * (width - _measure(name)), "-" * width))
    lines = ["  ".join(h for h, _ in head).rstrip(), "  ".join(d for _, d in head)]
    lines.extend("  ".join(map(getitem, pads, row)).rstrip() for row in result.rows)
    more = ", truncated" if result.truncated else ""
    lines.append(f"({len(result.rows)} rows{more})")
    return "\n".join(lines)


def _measure(text: str) -> int:
    return len(text) if text.isascii() else _width(text)


@cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    # Longest namespace first, so fzm: wins over fzid: for mechanism IRIs.
    return tuple(sorted(PREFIXES.items(), key=lambda pair: -len(pair[1])))


def _short(value: str) -> str:
    for prefix, ns in _prefixes():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns) :]}"
    return value


_width = display_width


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: a header of variable names, plain values, CRLF line ends.

    CSV is opened in spreadsheets, and the values come from report text: a value
    a spreadsheet would run as a formula gets a leading ``'``
    (:func:`kg.chars.spreadsheet_safe`; numbers such as ``-1.5`` are left alone).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else spreadsheet_safe(v) for v in row] for row in result.rows)
    return buffer.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers and terms in N-Triples syntax."""
    lines = ["\t".join(f"?{c}" for c in result.columns)]
    for row in _term_rows(result):
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (``application/sparql-results+json``)."""
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    return json.dumps(results_json(result), ensure_ascii=False, indent=1) + "\n"


def results_json(result: QueryResult) -> dict[str, Any]:
    """A SELECT result as the SPARQL 1.1 Query Results JSON object (see :func:`to_json`)."""
    bindings = []
    for row in _term_rows(result):
        binding = {}
        for column, term in zip(result.columns, row):
            if term is None:
                continue
            entry = {"type": term.kind, "value": term.value}
            if term.lang:
                entry["xml:lang"] = term.lang
            elif term.datatype:
                entry["datatype"] = term.datatype
            binding[column] = entry
        bindings.append(binding)
    return {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}


def from_results_json(results: dict[str, Any], max_rows: int | None = None) -> QueryResult:
    """The SELECT result of a Query Results JSON object (:func:`results_json`), its first
    ``max_rows`` rows."""
    columns = tuple(results["head"]["vars"])

    def term(entry: dict[str, str] | None) -> Term | None:
        if entry is None:
            return None
        return Term(entry["type"], entry["value"], entry.get("xml:lang"), entry.get("datatype"))

    rows, truncated = limited(
        (
            tuple(term(binding.get(c)) for c in columns)
            for binding in results["results"]["bindings"]
        ),
        max_rows,
    )
    return QueryResult.from_terms(columns, rows, "SELECT", truncated)


_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (``application/sparql-results+xml``).

    The default result format of SPARQLWrapper and of rdflib's SPARQLStore.

    Examples
    --------
    >>> xml = to_xml(QueryResult.from_terms(("t",), [(Term.zh("镇"),)]))
    >>> '<binding name="t"><literal xml:lang="zh">镇</literal></binding>' in xml
    True
    """
    # Imported here: only the XML result format needs it.
    from xml.etree import ElementTree as ET

    ET.register_namespace("", _RESULTS_NS)
    root = ET.Element(f"{{{_RESULTS_NS}}}sparql")
    head = ET.SubElement(root, f"{{{_RESULTS_NS}}}head")
    if result.kind == "ASK":
        ET.SubElement(root, f"{{{_RESULTS_NS}}}boolean").text = (
            "true" if result.boolean else "false"
        )
    else:
        for column in result.columns:
            ET.SubElement(head, f"{{{_RESULTS_NS}}}variable", name=column)
        results = ET.SubElement(root, f"{{{_RESULTS_NS}}}results")
        for row in _term_rows(result):
            solution = ET.SubElement(results, f"{{{_RESULTS_NS}}}result")
            for column, term in zip(result.columns, row):
                if term is None:
                    continue
                binding = ET.SubElement(solution, f"{{{_RESULTS_NS}}}binding", name=column)
                if term.kind == "uri":
                    ET.SubElement(binding, f"{{{_RESULTS_NS}}}uri").text = term.value
                elif term.kind == "bnode":
                    ET.SubElement(binding, f"{{{_RESULTS_NS}}}bnode").text = term.value
                else:
                    literal = ET.SubElement(binding, f"{{{_RESULTS_NS}}}literal")
                    literal.text = term.value
                    if term.lang:
                        literal.set(_XML_LANG, term.lang)
                    elif term.datatype:
                        literal.set("datatype", term.datatype)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document.decode("utf-8") + "\n"


def _term_rows(result: QueryResult) -> tuple[tuple[Term | None, ...], ...]:
    if result.terms:
        return result.terms
    # Rows built by hand carry strings only: show them as plain literals.
    return tuple(
        tuple(None if v is None else Term("literal", v) for v in row) for row in result.rows
    )


def _require_triples(result: QueryResult) -> None:
    if result.kind not in ("CONSTRUCT", "DESCRIBE"):
        raise UsageError(
            f"turtle, nt and rdfxml are for CONSTRUCT and DESCRIBE results, not "
            f"{result.kind}; use table, csv, tsv, json or xml"
        )


def _triples_graph(result: QueryResult) -> Graph:
    """The triples of a CONSTRUCT or DESCRIBE result as an rdflib graph with our prefixes."""
    _require_triples(result)
    graph = bind_prefixes(Graph())
    for s, p, o in result.terms:
        if s is not None and p is not None and o is not None:  # a triple has all three
            graph.add((s.to_rdflib(), p.to_rdflib(), o.to_rdflib()))
    return graph


def to_turtle(result: QueryResult) -> str:
    """A CONSTRUCT or DESCRIBE result as Turtle with the fazhi-kg prefixes."""
    return _triples_graph(result).serialize(format="turtle")


def to_rdfxml(result: QueryResult) -> str:
    """A CONSTRUCT or DESCRIBE result as RDF/XML (``application/rdf+xml``)."""
    return _triples_graph(result).serialize(format="xml")


def to_ntriples(result: QueryResult) -> str:
    """A CONSTRUCT or DESCRIBE result as sorted N-Triples."""
    _require_triples(result)
    return "".join(
        sorted({f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in result.terms if s and p and o})
    )
