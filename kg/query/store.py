"""The embedded Oxigraph store: fast SPARQL and bulk RDF I/O for large graphs.

rdflib stays the library's API (the graph builder, analyses and SHACL work on
an ``rdflib.Graph``).  Oxigraph (``pyoxigraph``, a Rust SPARQL engine) takes
over where rdflib gets slow: parsing and writing big files and running SPARQL
once a graph has more than a few hundred thousand triples (see BENCHMARKS.md,
"Query and export").  :func:`open_graph` picks the engine.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> g.add((URIRef("https://w3id.org/fazhi-kg/id/town/a"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
...        Literal("青禾镇", lang="zh")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> store = OxigraphStore.from_graph(g)
>>> len(store)
1
>>> store.query("SELECT ?l WHERE { ?t ?p ?l }").rows
(('青禾镇',),)
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Literal, overload

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import IdentifiedNode

from kg.errors import UsageError
from kg.graph.terms import Lit, Triple, from_ox, to_ox
from kg.namespaces import PREFIXES, bind_prefixes
from kg.query.answers import stored_answer
from kg.query.order import sort_rows, split_order
from kg.query.sparql import (
    PARAM_TYPES,
    Param,
    QueryResult,
    Term,
    canonical,
    check_read_only,
    limited,
    load_query,
    run_query,
)

#: Engines :func:`open_graph` knows; the first is the default.  Oxigraph loads
#: a graph file 10x faster than rdflib and answers the named queries 10-100x
#: faster at every size measured (BENCHMARKS.md, "Query and export"), so files
#: always go to Oxigraph unless rdflib is asked for.
ENGINES = ("oxigraph", "rdflib")

#: File suffix -> Oxigraph format (and rdflib's name for the same format).
_FORMATS = {
    ".ttl": (ox.RdfFormat.TURTLE, "turtle"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    ".trig": (ox.RdfFormat.TRIG, "trig"),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    ".rdf": (ox.RdfFormat.RDF_XML, "xml"),
}

#: A graph file this large is loaded once into an on-disk store kept beside it
#: (:meth:`OxigraphStore.kept_beside`): loading forty million triples takes minutes,
#: opening the store a few milliseconds.
KEPT_STORE_BYTES = 64 * 2**20

#: The graph files of a `kg build` output folder, in the order they are looked for.
FOLDER_FILES = ("graph.ttl", "graph.nt", "graph.trig")


def graph_path(path: str | Path, prefer: tuple[str, ...] = FOLDER_FILES) -> Path:
    """The graph file of an output folder (first of ``prefer`` there), or the file given.

    Raises
    ------
    UsageError
        No graph file there, or a suffix that is not an RDF format.
    """
    path = Path(path)
    if path.is_dir():
        for name in prefer:
            if (path / name).is_file():
                return path / name
        raise UsageError(
            f"{path}: no graph here; give an output folder of `kg build` or a "
            f"graph file ({', '.join(_FORMATS)})"
        )
    if not path.is_file():
        raise UsageError(
            f"{path}: no such file; give an output folder of `kg build` or a graph file"
        )
    if path.suffix.lower() not in _FORMATS:
        raise UsageError(
            f"{path}: unknown RDF format {path.suffix!r}; use one of {', '.join(_FORMATS)}"
        )
    return path


# --- hostile graph files -----------------------------------------------------------------------

#: Deepest nesting of arrays and objects a JSON-LD file may have.  fazhi-kg's own
#: graph.jsonld nests 5 deep; Oxigraph's JSON-LD parser needs memory that grows
#: with the square of the depth (2,000 levels: 780 MB), so a small file could
#: exhaust memory.
MAX_JSONLD_DEPTH = 64

#: Longest term (a literal, an IRI) or line the Oxigraph parsers read: 16 MiB.
MAX_TERM_BYTES = 16 * 2**20

# An entity declaration lets 1 KB of RDF/XML expand to gigabytes ("billion
# laughs"); RDF/XML needs no DTD, so any is refused, in UTF-8 and UTF-16 alike.
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
# Outside a JSON string: what opens one, and the brackets; inside: the rest of it.
_JSON_STRUCTURE = re.compile(rb'["\[\]{}]')
_JSON_STRING_REST = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*')
_CHUNK = 2**22


def check_graph_file(path: Path) -> None:
    """Refuse a graph file a parser could be made to exhaust memory on.

    RDF/XML with a document type declaration (entities that expand without
    bound), and JSON-LD nested deeper than :data:`MAX_JSONLD_DEPTH`.  Nothing
    is fetched while reading any graph file: Oxigraph, which reads them all,
    loads no remote or ``file://`` JSON-LD context.

    Raises
    ------
    UsageError
        The file is one of those, or cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix not in (".rdf", ".jsonld"):
        return
    try:
        with path.open("rb") as handle:
            if suffix == ".rdf":
                _refuse_dtd(path, handle)
            else:
                _check_json_depth(path, handle)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror or exc})") from exc


def _refuse_dtd(path: Path, handle: BinaryIO) -> None:
    tail = b""
    while chunk := handle.read(_CHUNK):
        window = tail + chunk
        if any(marker in window for marker in _DTD_MARKERS):
            raise UsageError(
                f"{path}: RDF/XML with a document type declaration (<!DOCTYPE or <!ENTITY) "
                "is refused: entities can expand a small file into gigabytes; "
                "remove the declaration, or convert the file to Turtle"
            )
        tail = window[-20:]


def _check_json_depth(path: Path, handle: BinaryIO) -> None:
    depth, in_string, skip = 0, False, 0
    while chunk := handle.read(_CHUNK):
        pos, skip = skip, 0
        while True:
            if in_string:
                rest = _JSON_STRING_REST.match(chunk, pos)
                end = rest.end() if rest else pos
                if end == len(chunk):
                    break  # the string goes on into the next chunk
                if chunk[end : end + 1] == b"\\":
                    skip = 1  # a backslash ends the chunk: it escapes the next byte
                    break
                in_string, pos = False, end + 1
                continue
            match = _JSON_STRUCTURE.search(chunk, pos)
            if match is None:
                break
            pos, token = match.end(), match.group()
            if token == b'"':
                in_string = True
                continue
            depth += 1 if token in (b"[", b"{") else -1
            if depth > MAX_JSONLD_DEPTH:
                raise UsageError(
                    f"{path}: JSON-LD nested more than {MAX_JSONLD_DEPTH} levels deep is "
                    "refused (parsing it could exhaust memory); flatten the document"
                )


def _parse_error(path: Path, fmt: str, exc: Exception) -> UsageError:
    """One line saying why Oxigraph could not read a graph file."""
    if isinstance(exc, MemoryError):
        return UsageError(
            f"{path}: a term or line longer than {MAX_TERM_BYTES // 2**20} MiB "
            f"cannot be read ({exc}); split the literal or fix the file"
        )
    if "LoadDocumentCallback" in str(exc):
        return UsageError(
            f"{path}: its JSON-LD @context names a document elsewhere, and fazhi-kg "
            "never fetches or opens one (no network, no file:// contexts); "
            "put the context inline in the file"
        )
    return UsageError(f"{path}: not valid {fmt}: {exc}".splitlines()[0])


def load_rdflib(path: str | Path, merged: bool = False) -> Graph:
    """Read a graph file (or an output folder's graph) into rdflib.

    Dataset formats (TriG, N-Quads) give a :class:`rdflib.Dataset` whose default
    graph is the union of its named graphs, so queries see every report;
    ``merged`` gives a plain Graph of all their triples instead (for SHACL).

    The file is parsed by Oxigraph (after :func:`check_graph_file`), never by
    rdflib's own parsers: rdflib's JSON-LD parser fetches remote and ``file://``
    contexts, and its RDF/XML parser expands entities.  The prefixes the file
    declares are bound on the graph, as rdflib's parsers would.

    Raises
    ------
    UsageError
        No graph file there, it does not parse, or it is refused by :func:`check_graph_file`.
    """
    path = graph_path(path)
    ox_format, fmt = _FORMATS[path.suffix.lower()]
    check_graph_file(path)
    dataset = ox_format.supports_datasets
    graph: Graph = bind_prefixes(Dataset(default_union=True) if dataset else Graph())
    dataset_ = graph if isinstance(graph, Dataset) else Dataset()
    try:
        quads = ox.parse(path=str(path), format=ox_format)
        if dataset:
            graph.addN(
                (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), _context(dataset_, q))
                for q in quads
            )
        else:
            graph.addN(
                (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), graph) for q in quads
            )
    except (SyntaxError, ValueError, MemoryError) as exc:
        raise _parse_error(path, fmt, exc) from exc
    for prefix, namespace in quads.prefixes.items():
        graph.bind(prefix, namespace, override=False)
    if merged and isinstance(graph, Dataset):
        flat = bind_prefixes(Graph())
        for s, p, o, _ in graph.quads((None, None, None, None)):
            flat.add((s, p, o))
        return flat
    return graph


# --- terms -----------------------------------------------------------------------------------


def term_of(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Term | None:
    """The engine-independent :class:`~kg.query.sparql.Term` of an Oxigraph term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        datatype: str | None = term.datatype.value if term.datatype is not None else None
        if term.language or datatype in (
            "http://www.w3.org/2001/XMLSchema#string",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
        ):
            datatype = None
        return Term(
            "literal", canonical(term.value, datatype), lang=term.language, datatype=datatype
        )
    return Term("literal", str(term))  # an RDF-star triple term: shown in N-Triples syntax


# --- the store -------------------------------------------------------------------------------


class OxigraphStore:
    """An Oxigraph store queried like an rdflib graph through :func:`kg.query.sparql.run_query`.

    The default graph holds the merge of all graphs, so a TriG file with one
    named graph per report answers the same queries as the merged Turtle file,
    and GRAPH patterns still see each report's graph.

    Parameters
    ----------
    store : pyoxigraph.Store, optional
        The store to wrap; a new in-memory store by default.
    """

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()

    def __len__(self) -> int:
        return len(self.store)

    @classmethod
    def from_path(cls, path: str | Path, directory: str | Path | None = None) -> OxigraphStore:
        """Bulk-load a graph file (or an output folder's graph).

        ``directory`` keeps the store on disk there (it can then be reopened
        read-only by other processes, as ``kg serve`` does); by default it is in memory.

        Raises
        ------
        UsageError
            No graph file there, or it does not parse.
        """
        path = graph_path(path)
        fmt = _FORMATS[path.suffix.lower()][0]
        check_graph_file(path)
        store = ox.Store(str(directory)) if directory is not None else ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, MemoryError) as exc:
            raise _parse_error(path, fmt.name, exc) from exc
        if fmt.supports_datasets:
            _merge_into_default(store)
        if directory is not None:
            # Compact the bulk load's many overlapping files into one sorted level: without it
            # every lookup of a join reads them all (3,000 reports, 70 files: mechanism_pairs
            # 16.9 s of CPU after the load, 4.5 s after this; it costs ~10% of the load).
            store.optimize()
            store.flush()
        return cls(store)

    @classmethod
    def kept_beside(cls, path: str | Path) -> OxigraphStore:
        """The store of a graph file, loaded the first time into ``.NAME.oxigraph/`` beside it.

        The folder records the file's size and modification time and is
        loaded again when they change.  Where the folder cannot be written
        the store is loaded into memory instead.
        """
        path = graph_path(path)
        folder = path.parent / f".{path.name}.oxigraph"
        stat = path.stat()
        stamp = f"{path.name} {stat.st_size} {stat.st_mtime_ns}\n"
        if (folder / _SOURCE_STAMP).is_file() and (folder / _SOURCE_STAMP).read_text() == stamp:
            return cls.open_read_only(folder)
        try:
            shutil.rmtree(folder, ignore_errors=True)
            loaded = cls.from_path(path, directory=folder)
            (folder / _SOURCE_STAMP).write_text(stamp)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            return cls.from_path(path)
        return loaded

    @classmethod
    def open_read_only(cls, directory: str | Path) -> OxigraphStore:
        """Reopen a store that :meth:`from_path` wrote to ``directory``."""
        return cls(ox.Store.read_only(str(directory)))

    @classmethod
    def from_graph(cls, graph: Graph) -> OxigraphStore:
        """Copy an rdflib graph (or every graph of a Dataset) into a new store."""
        store = ox.Store()
        # The ignores: rdflib types every position of a triple as Node, so to_ox cannot tell
        # that a subject or predicate is no literal.
        if isinstance(graph, Dataset):
            quads = (
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), _ox_graph_name(c))  # type: ignore[arg-type]
                for s, p, o, c in graph.quads((None, None, None, None))
            )
        else:
            quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)  # type: ignore[arg-type]
        store.bulk_extend(quads)
        if isinstance(graph, Dataset):
            _merge_into_default(store)
        return cls(store)

    def query(
        self,
        text: str,
        *,
        max_rows: int | None = None,
        default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None,
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
        form: str | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query.

        The default graph is the merge of all graphs unless ``default_graph``
        (a list of graph names) is given, as the SPARQL protocol's
        ``default-graph-uri`` does; ``named_graphs`` limits what GRAPH sees.
        ``form`` is given for a named query (:func:`kg.query.sparql.run_named`),
        whose text was checked; any other text is parsed and checked here.

        Raises
        ------
        UsageError
            Not valid SPARQL, an update, or a SERVICE call.
        """
        form = form or check_read_only(text)
        scope: dict[str, Any] = {"default_graph": default_graph} if default_graph else {}
        if named_graphs:
            scope["named_graphs"] = named_graphs
        # Every row is decoded anyway when all are asked for, so they are sorted here; with
        # max_rows the engine sorts, and only the rows kept are decoded.
        ordered = split_order(text) if form == "SELECT" and max_rows is None else None
        if ordered is not None:
            result = self._select_sorted_here(*ordered, scope)
            if result is not None:
                return result
        answer = self._run(text, scope)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult.from_boolean(bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples, truncated = limited(
                ((term_of(t.subject), term_of(t.predicate), term_of(t.object)) for t in answer),
                max_rows,
            )
            kind = form if form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT"
            return QueryResult.from_terms(
                ("subject", "predicate", "object"), triples, kind, truncated
            )
        assert isinstance(answer, ox.QuerySolutions)  # the one form left
        rows, truncated = limited(_rows(answer), max_rows)
        return QueryResult.from_terms(_columns(answer), rows, "SELECT", truncated)

    def _select_sorted_here(
        self, text: str, keys: tuple[tuple[str, bool], ...], scope: dict[str, Any]
    ) -> QueryResult | None:
        """A SELECT's every row, run without its closing ORDER BY and sorted here
        (:mod:`kg.query.order`); None when they cannot be ordered here as Oxigraph would."""
        answer = self._run(text, scope)
        assert isinstance(answer, ox.QuerySolutions)  # the text was checked to be a SELECT
        columns = _columns(answer)
        rows = sort_rows(columns, list(_rows(answer)), keys)
        if rows is None:
            return None
        return QueryResult.from_terms(columns, rows, "SELECT", False)

    def _run(
        self, text: str, scope: dict[str, Any]
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            return self.store.query(text, prefixes=default_prefixes(), **scope)
        except SyntaxError as exc:
            raise UsageError(f"SPARQL query failed: {exc}".splitlines()[0]) from exc

    def triples(self) -> int:
        """Triples in the default graph (the merge of all graphs)."""
        count = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
        assert count is not None, "COUNT(*) always binds ?n"
        return int(count)

    def to_rdflib(self) -> Graph:
        """The default graph (the merge of all graphs) as an rdflib Graph."""
        graph = Graph()
        for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            # A triple term (RDF 1.2) is refused by from_ox: rdflib cannot hold one.
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph


_SOURCE_STAMP = "SOURCE"


def _columns(answer: ox.QuerySolutions) -> tuple[str, ...]:
    return tuple(v.value for v in answer.variables)


def _rows(answer: ox.QuerySolutions) -> Iterator[tuple[Term | None, ...]]:
    """The solutions as rows of :class:`~kg.query.sparql.Term`."""
    width = len(answer.variables)
    # A term met again (a unit, a label, a count) is converted once: 13,402 rows of
    # laws_cited_by_town at 1,000 reports took 0.14 s converted one by one, 0.04 s so.
    seen: dict[Any, Term | None] = {}

    def convert(term: Any) -> Term | None:
        found = seen.get(term)
        if found is None:
            found = seen[term] = term_of(term)
        return found

    for solution in answer:
        yield tuple(convert(solution[i]) for i in range(width))


def _merge_into_default(store: ox.Store) -> None:
    """Copy every named graph's triples into the default graph.

    Oxigraph's "default graph as union" keeps one row per graph a triple is in
    (a triple several reports support would count twice); a stored merge is a
    set, as SPARQL's RDF merge is, and costs one pass in Rust.
    """
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


@cache
def default_prefixes() -> dict[str, str]:
    """Prefixes a query may use without declaring them: fazhi-kg's, rdf and rdfs.

    rdflib lets a query use the prefixes bound on the graph it runs on (those
    of graph.ttl); Oxigraph gets the same ones, so a query runs on both.
    """
    return dict(PREFIXES)


def _context(dataset: Dataset, quad: ox.Quad) -> Graph:
    """The rdflib graph of ``dataset`` an Oxigraph quad belongs to."""
    name = quad.graph_name
    if isinstance(name, ox.DefaultGraph):
        default: Graph = dataset.default_context  # an untyped rdflib property
        return default
    return dataset.get_context(from_ox(name))


def _ox_graph_name(
    context: IdentifiedNode | None,
) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    # Dataset.quads gives a graph's name (a graph object is read by its name too).
    identifier: IdentifiedNode | None = getattr(context, "identifier", context)
    if identifier is None or str(identifier) == "urn:x-rdflib:default":
        return ox.DefaultGraph()
    return to_ox(identifier)


@overload
def open_graph(path: str | Path, engine: Literal["oxigraph"] = ...) -> OxigraphStore: ...
@overload
def open_graph(path: str | Path, engine: str) -> Graph | OxigraphStore: ...
def open_graph(path: str | Path, engine: str = "oxigraph") -> Graph | OxigraphStore:
    """Load a graph file or output folder for querying with the chosen engine.

    Raises
    ------
    UsageError
        Unknown engine, no graph there, or a file that does not parse.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "rdflib":
        return load_rdflib(path)
    path = graph_path(path)
    if path.stat().st_size >= KEPT_STORE_BYTES:
        return OxigraphStore.kept_beside(path)
    return OxigraphStore.from_path(path)


def writer_triples(path: str | Path) -> set[Triple]:
    """Every triple of a graph file (or an output folder's graph) as writer triples.

    Read by Oxigraph's parser (a dataset's graphs merged), for code that works
    on plain triples (:func:`kg.graph.validate.validate_index`) rather than an
    rdflib Graph, which takes ten times as long to load.

    Raises
    ------
    UsageError
        No graph file there, or it does not parse.
    """
    path = graph_path(path, prefer=("graph.nt", "graph.ttl", "graph.trig"))
    fmt = _FORMATS[path.suffix.lower()][0]

    def resource(t: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
        if isinstance(t, ox.NamedNode):
            return t.value
        if isinstance(t, ox.BlankNode):
            return f"_:{t.value}"
        raise UsageError(
            f"{path}: holds an RDF 1.2 triple term ({t}), which fazhi-kg's plain triples "
            "cannot carry; remove it"
        )

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str | Lit:
        if not isinstance(t, ox.Literal):
            return resource(t)
        datatype: str | None = t.datatype.value if t.datatype is not None else None
        if t.language or datatype in _PLAIN:
            datatype = None
        return Lit(t.value, t.language, datatype)

    try:
        with open(path, "rb") as file:
            return {
                (resource(q.subject), q.predicate.value, term(q.object))
                for q in ox.parse(file, format=fmt)
            }
    except (SyntaxError, ValueError) as exc:
        raise UsageError(f"{path}: not valid {fmt.name}: {exc}".splitlines()[0]) from exc


_PLAIN = (
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
)


def load_town_facts(path: str | Path) -> Graph:
    """The ontology, the vocabulary and the town facts of a graph file or output folder.

    This is what every analysis reads (:func:`kg.analysis.cooccurrence.is_town_fact`), and
    it gives the same pairs, networks and town tables as the whole graph.  A
    graph of ten thousand reports does not fit in an rdflib graph; its town
    facts do.  The file is read through Oxigraph (:func:`open_graph`, so a
    large file is loaded once into a store kept beside it).

    Raises
    ------
    UsageError
        No graph there, or it does not parse.
    """
    # Only large graphs read this way; `kg query` starts without networkx and the writer.
    from kg.analysis.cooccurrence import TOWN_FACT_PREDICATES, is_town_fact
    from kg.graph.triples import base_graph

    store = open_graph(path).store
    graph = base_graph()
    predicates = " ".join(f"<{p}>" for p in sorted(TOWN_FACT_PREDICATES))
    solutions = store.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }}")
    assert isinstance(solutions, ox.QuerySolutions), "a SELECT query gives solutions"
    for s, p, o in solutions:
        if isinstance(s, ox.NamedNode) and is_town_fact((s.value, p.value)):
            graph.add((URIRef(s.value), URIRef(p.value), from_ox(o)))
    return graph


def query_file(
    path: str | Path,
    text: str | None = None,
    *,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
    engine: str = "oxigraph",
    max_rows: int | None = None,
) -> QueryResult:
    """Run SPARQL text or a named query on a graph file or `kg build` output folder.

    Parameters
    ----------
    path : str or Path
        An output folder (its graph.ttl) or a .ttl/.nt/.trig/.nq/.jsonld/.rdf file.
    text : str, optional
        SPARQL text; give this or ``name``.
    name : str, optional
        A named query (``kg query --list``).
    params : mapping, optional
        Parameter values.  A named query types them itself; for ``text`` a key
        ``var`` binds a ``@zh`` literal and ``var:TYPE`` any of
        :data:`kg.query.sparql.PARAM_TYPES` (``minTowns:integer``).
    engine : {"oxigraph", "rdflib"}
    max_rows : int, optional
        Keep at most this many rows.

    Raises
    ------
    UsageError
        Not exactly one of ``text`` and ``name``, a bad parameter, no graph, or bad SPARQL.
    """
    if (text is None) == (name is None):
        raise UsageError("give exactly one of a query text and a query name")
    if name is not None:
        query = load_query(name)
        query.bindings(params)  # a bad name or parameter fails before the graph opens
        if engine == "oxigraph":
            # the rows the build stored for this query, if it did (kg/query/answers.py)
            stored = stored_answer(graph_path(path), query, params, max_rows=max_rows)
            if stored is not None:
                return stored
        return query.run(open_graph(path, engine), params, max_rows=max_rows)
    assert text is not None, "exactly one of text and name is given"
    bindings = {}
    for key, value in (params or {}).items():
        var, _, type_ = key.partition(":")
        if type_ and type_ not in PARAM_TYPES:
            raise UsageError(
                f"parameter {key}: unknown type {type_!r}; use one of {', '.join(PARAM_TYPES)}"
            )
        bindings[var] = Param(var, type_ or "zh").term(value)
    check_read_only(text)
    return run_query(open_graph(path, engine), text, bindings, max_rows=max_rows)
