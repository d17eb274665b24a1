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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef

from kg import ontology
from kg.chars import display_width
from kg.errors import UsageError
from kg.graph.terms import nt_literal
from kg.namespaces import PREFIXES, XSD, bind_prefixes

_XSD_STRING = str(XSD.string)
_XSD_DECIMAL = str(XSD.decimal)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Output formats of :func:`render`, by the name ``kg query --format`` uses.
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "rdfxml")

#: Types a named query's parameter can declare (``# param: NAME:TYPE = DEFAULT``).
PARAM_TYPES = ("zh", "string", "integer", "decimal", "iri")

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


def term_from_rdflib(node) -> Term | None:
    """The :class:`Term` of an rdflib node (None stays None)."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return Term("uri", str(node))
    if isinstance(node, BNode):
        return Term("bnode", str(node))
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
        cls, columns, term_rows, kind: str = "SELECT", truncated: bool = False
    ) -> QueryResult:
        term_rows = tuple(tuple(row) for row in term_rows)
        rows = tuple(tuple(None if t is None else t.value for t in row) for row in term_rows)
        return cls(tuple(columns), rows, kind, term_rows, None, truncated)

    @classmethod
    def from_boolean(cls, answer: bool) -> QueryResult:
        value = "true" if answer else "false"
        boolean_term = Term("literal", value, datatype=str(XSD.boolean))
        return cls(("ask",), ((value,),), "ASK", ((boolean_term,),), bool(answer))

    def records(self) -> list[dict[str, str | None]]:
        """The rows as dicts (column -> value), e.g. for ``pandas.DataFrame``."""
        return [dict(zip(self.columns, row)) for row in self.rows]


# --- the named queries -----------------------------------------------------------------------


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
            return Term.iri(value.strip("<>"))
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
# them is never taken for syntax; an IRI has no spaces, so `?a < ?b` is not one.
_TOKEN = re.compile(
    r'''
    (?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
           |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
           |<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*)
  | (?P<var>[?$][A-Za-z_0-9]\w*)
  | (?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)?)
  | (?P<brace>[{}])
''',
    re.VERBOSE,
)


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind != "skip":
            yield kind, match.group(), match.start()


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for any SPARQL Update request.

    Looks at the first keyword after the prologue (BASE and PREFIX lines),
    outside comments, strings and IRIs.

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


def uses_service(text: str) -> bool:
    """Whether the query calls another endpoint (SERVICE), which fazhi-kg never does.

    Examples
    --------
    >>> uses_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s ?p "SERVICE" }')
    False
    """
    return any(kind == "word" and value.upper() == "SERVICE" for kind, value, _ in _tokens(text))


def bind(text: str, bindings: Mapping[str, Term]) -> str:
    """Put a ``VALUES`` block binding ``bindings`` at the end of the WHERE group.

    A VALUES block inside the group is plain SPARQL 1.1, so the bound query
    runs the same on every engine (rdflib's ``initBindings`` and Oxigraph's
    substitutions differ: the latter only binds projected variables).  It goes
    last because rdflib joins in the order written and a leading VALUES makes
    it re-evaluate the group; Oxigraph plans the join itself either way.

    Raises
    ------
    UsageError
        The query has no WHERE group to bind in.
    """
    if not bindings:
        return text
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
    close = span[1]
    return f"{text[:close].rstrip()} {block} {text[close:]}"


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


def check_read_only(text: str) -> str:
    """The query form of ``text``; SPARQL Update and SERVICE are refused.

    Raises
    ------
    UsageError
        ``text`` is an update (INSERT, DELETE, LOAD, CLEAR ...) or calls SERVICE.
    """
    form = query_form(text)
    if form == "UPDATE":
        raise UsageError(
            "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP ...) is refused: "
            "the graph is read-only; rebuild it with `kg build` instead"
        )
    if uses_service(text):
        raise UsageError(
            "SERVICE (federated query) is refused: fazhi-kg queries never leave this machine"
        )
    return form


# --- running ---------------------------------------------------------------------------------


def run_query(
    source,
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
        The query is not valid SPARQL, is an update, or calls SERVICE.

    Examples
    --------
    >>> from rdflib import Graph
    >>> run_query(Graph(), "ASK { ?s ?p ?o }").boolean
    False
    """
    check_read_only(text)
    text = bind(text, _as_terms(bindings))
    if not isinstance(source, Graph):
        return source.query(text, max_rows=max_rows)
    try:
        result = source.query(text)
    except Exception as exc:  # rdflib raises pyparsing and other errors for bad SPARQL
        raise UsageError(f"SPARQL query failed: {exc}".splitlines()[0]) from exc
    if result.type == "ASK":
        return QueryResult.from_boolean(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = limited(
            (
                (term_from_rdflib(s), term_from_rdflib(p), term_from_rdflib(o))
                for s, p, o in result.graph
            ),
            max_rows,
        )
        return QueryResult.from_terms(
            ("subject", "predicate", "object"), triples[0], result.type, triples[1]
        )
    rows, truncated = limited((tuple(term_from_rdflib(v) for v in row) for row in result), max_rows)
    return QueryResult.from_terms(tuple(str(v) for v in result.vars), rows, "SELECT", truncated)


def limited(items, max_rows: int | None) -> tuple[list, bool]:
    """The first ``max_rows`` items (all when None) and whether any were cut off."""
    out = []
    for item in items:
        if max_rows is not None and len(out) >= max_rows:
            return out, True
        out.append(item)
    return out, False


def run_named(
    source, name: str, params: Mapping[str, str] | None = None, *, max_rows: int | None = None
) -> QueryResult:
    """Run the named query ``name`` with its parameters (defaults where not given).

    Raises
    ------
    UsageError
        No such query, or a parameter it does not declare or of the wrong type.
    """
    query = load_query(name)
    return run_query(source, query.text, query.bindings(params), max_rows=max_rows)


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
    cells = [list(result.columns)] + [
        ["" if v is None else _short(v) for v in row] for row in result.rows
    ]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(result.columns))]
    lines = ["  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    more = ", truncated" if result.truncated else ""
    lines.append(f"({len(result.rows)} rows{more})")
    return "\n".join(lines)


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


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: a header of variable names, plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)
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
    return (
        json.dumps(
            {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


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
    return ET.tostring(root, encoding="utf-8", xml_declaration=True).decode("utf-8") + "\n"


def _term_rows(result: QueryResult):
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
    return "".join(sorted({f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in result.terms}))
