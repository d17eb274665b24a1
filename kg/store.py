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

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from kg.errors import UsageError
from kg.sparql import QueryResult, Term, check_read_only

#: Engines :func:`open_graph` knows.
ENGINES = ("auto", "rdflib", "oxigraph")

#: Files above this size go to Oxigraph under ``engine="auto"``.  Measured with
#: benchmarks/query_export.py: below it rdflib parses a graph.ttl in well under a
#: second and answers the named queries as fast; above it Oxigraph's 10-50x faster
#: parsing and query evaluation win (BENCHMARKS.md, "Query and export").
AUTO_OXIGRAPH_BYTES = 2_000_000

#: File suffix -> Oxigraph format (and rdflib's name for the same format).
_FORMATS = {
    ".ttl": (ox.RdfFormat.TURTLE, "turtle"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    ".trig": (ox.RdfFormat.TRIG, "trig"),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    ".rdf": (ox.RdfFormat.RDF_XML, "xml"),
}

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
        raise UsageError(f"{path}: no graph here; give an output folder of `kg build` or a "
                         f"graph file ({', '.join(_FORMATS)})")
    if not path.is_file():
        raise UsageError(f"{path}: no such file; give an output folder of `kg build` or a graph file")
    if path.suffix.lower() not in _FORMATS:
        raise UsageError(f"{path}: unknown RDF format {path.suffix!r}; use one of "
                         f"{', '.join(_FORMATS)}")
    return path


def rdflib_format(path: Path) -> str:
    """rdflib's parser name for a graph file."""
    return _FORMATS[path.suffix.lower()][1]


def load_rdflib(path: str | Path) -> Graph:
    """Parse a graph file (or an output folder's graph) with rdflib.

    Dataset formats (TriG, N-Quads) give a :class:`rdflib.Dataset` whose default
    graph is the union of its named graphs, so queries see every report.

    Raises
    ------
    UsageError
        No graph file there, or it does not parse.
    """
    path = graph_path(path)
    fmt = rdflib_format(path)
    graph: Graph = Dataset(default_union=True) if fmt in ("trig", "nquads") else Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib parsers raise many types on bad input
        raise UsageError(f"{path}: not valid {fmt}: {exc}".splitlines()[0]) from exc
    return graph


# --- terms -----------------------------------------------------------------------------------


def to_ox(node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term of an rdflib node."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def from_ox(term) -> URIRef | BNode | Literal:
    """The rdflib node of an Oxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def term_of(term) -> Term | None:
    """The engine-independent :class:`~kg.sparql.Term` of an Oxigraph term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else None
        if term.language or datatype in ("http://www.w3.org/2001/XMLSchema#string",
                                          "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"):
            datatype = None
        return Term("literal", term.value, lang=term.language, datatype=datatype)
    return Term("literal", str(term))  # an RDF-star triple term: shown in N-Triples syntax


# --- the store -------------------------------------------------------------------------------


class OxigraphStore:
    """An Oxigraph store queried like an rdflib graph through :func:`kg.sparql.run_query`.

    The default graph is the union of all graphs, so a TriG file with one named
    graph per report answers the same queries as the merged Turtle file.

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
        store = ox.Store(str(directory)) if directory is not None else ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as exc:
            raise UsageError(f"{path}: not valid {fmt.name}: {exc}".splitlines()[0]) from exc
        if directory is not None:
            store.flush()
        return cls(store)

    @classmethod
    def open_read_only(cls, directory: str | Path) -> OxigraphStore:
        """Reopen a store that :meth:`from_path` wrote to ``directory``."""
        return cls(ox.Store.read_only(str(directory)))

    @classmethod
    def from_graph(cls, graph: Graph) -> OxigraphStore:
        """Copy an rdflib graph (or every graph of a Dataset) into a new store."""
        store = ox.Store()
        if isinstance(graph, Dataset):
            quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o), _ox_graph_name(c))
                     for s, p, o, c in graph.quads((None, None, None, None)))
        else:
            quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
        store.bulk_extend(quads)
        return cls(store)

    def query(self, text: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a read-only SPARQL query.

        Raises
        ------
        UsageError
            Not valid SPARQL, an update, or a SERVICE call.
        """
        form = check_read_only(text)
        try:
            answer = self.store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise UsageError(f"SPARQL query failed: {exc}".splitlines()[0]) from exc
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult.from_boolean(bool(answer))
        if isinstance(answer, ox.QueryTriples):
            rows, truncated = _take(((term_of(t.subject), term_of(t.predicate), term_of(t.object))
                                     for t in answer), max_rows)
            kind = form if form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT"
            return QueryResult.from_terms(("subject", "predicate", "object"), rows, kind, truncated)
        columns = tuple(v.value for v in answer.variables)
        rows, truncated = _take((tuple(term_of(solution[i]) for i in range(len(columns)))
                                 for solution in answer), max_rows)
        return QueryResult.from_terms(columns, rows, "SELECT", truncated)

    def to_rdflib(self) -> Graph:
        """The union of the store's graphs as an rdflib Graph."""
        graph = Graph()
        for quad in self.store:
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph


def _ox_graph_name(context) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    identifier = getattr(context, "identifier", context)
    if identifier is None or str(identifier) == "urn:x-rdflib:default":
        return ox.DefaultGraph()
    return to_ox(identifier)


def _take(items, max_rows: int | None) -> tuple[list, bool]:
    out = []
    for item in items:
        if max_rows is not None and len(out) >= max_rows:
            return out, True
        out.append(item)
    return out, False


def open_graph(path: str | Path, engine: str = "auto") -> Graph | OxigraphStore:
    """Load a graph file or output folder for querying with the chosen engine.

    ``auto`` takes Oxigraph for files larger than :data:`AUTO_OXIGRAPH_BYTES`
    and rdflib otherwise.

    Raises
    ------
    UsageError
        Unknown engine, no graph there, or a file that does not parse.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    path = graph_path(path)
    if engine == "auto":
        engine = "oxigraph" if path.stat().st_size > AUTO_OXIGRAPH_BYTES else "rdflib"
    return OxigraphStore.from_path(path) if engine == "oxigraph" else load_rdflib(path)
