"""Serialise a graph held in memory for other tools: Turtle, TriG, N-Triples, JSON-LD.

The serialisations are:

========  ===================  ===================================================
format    file                 for
========  ===================  ===================================================
Turtle    graph.ttl            reading, SPARQL in any tool (``kg query``)
TriG      graph.trig           triple stores: one named graph per report, so a
                               report can be replaced or retracted alone
N-Triples graph.nt             bulk loading (one triple a line)
JSON-LD   graph.jsonld         web developers; a context with the fazhi-kg prefixes
========  ===================  ===================================================

A build writes graph.ttl and graph.nt report by report (:mod:`kg.graph.stream`);
:func:`turtle` and :func:`ntriples` serialise a graph held in memory.  Blank
nodes (only in the shipped ontology's OWL lists) get canonical RDFC-1.0
labels, so every file is byte-identical for the same input.  The Gephi and
CSV exports are in :mod:`kg.output.tables`.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from kg.namespaces import FZ, ID
>>> g = Graph()
>>> g.add((ID["report/1"], FZ.year, Literal(2023)))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> print(ntriples(g).replace("> <", ">\\n<").replace('> "', '>\\n"'), end="")
<https://w3id.org/fazhi-kg/id/report/1>
<https://w3id.org/fazhi-kg/ontology#year>
"2023"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Iterable
from typing import IO, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from kg import ontology
from kg.graph.stream import Fragment
from kg.graph.terms import (
    Lit,
    Triple,
    canonical_rdflib_triples,
    ntriples,
    render,
    to_ox,
    writer_term,
)
from kg.graph.triples import BASE_FILES, base_graph, build_graph
from kg.model import ExtractedReport
from kg.namespaces import ID, PREFIXES, RDF

__all__ = [
    "ANALYSES_GRAPH",
    "BULK_TRIPLES",
    "JsonLdFile",
    "TrigFile",
    "VOCABULARY_GRAPH",
    "jsonld",
    "jsonld_context",
    "node_objects",
    "trig_graph",
    "fragment_trig",
    "ntriples",
    "report_graphs",
    "trig",
    "turtle",
]

#: The named graph of the ontology, the mechanism vocabulary and anything not
#: written by one report (see :func:`report_graphs`).
VOCABULARY_GRAPH = ID["graph/vocabulary"]

#: The named graph of the corpus analyses' triples (scorecards, copies, changes, first
#: namings): they come from several reports at once, so no report's graph holds them.
ANALYSES_GRAPH = ID["graph/analyses"]

#: Above this many triples Turtle is written by Oxigraph's streaming writer:
#: rdflib's pretty printer (nested blank nodes, lists) takes minutes on a
#: million triples (BENCHMARKS.md, "Query and export").
BULK_TRIPLES = 200_000


# --- sorted canonical triples -------------------------------------------------------------------------


def _sorted_ox(graph: Graph) -> list[ox.Triple]:
    """The graph's triples, canonical and sorted, as Oxigraph triples for its writers."""
    # rdflib terms are str subclasses: sorting on their text is cheap and total.
    ordered = sorted(
        canonical_rdflib_triples(graph),
        key=lambda t: (str(t[0]), str(t[1]), type(t[2]).__name__, str(t[2])),
    )
    # rdflib types every position of a triple as Node, so to_ox cannot tell that a subject or
    # predicate is no literal.
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ordered]  # type: ignore[arg-type]


# --- Turtle and N-Triples --------------------------------------------------------------------


def turtle(graph: Graph) -> str:
    """Serialise a graph as Turtle.

    rdflib writes small graphs (sorted, blank nodes and lists inline); above
    :data:`BULK_TRIPLES` Oxigraph streams sorted triples many times faster.
    """
    if len(graph) <= BULK_TRIPLES:
        return graph.serialize(format="turtle")
    # serialize gives bytes when no output is passed; pyoxigraph's stub says bytes | None.
    text = ox.serialize(_sorted_ox(graph), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return text.decode("utf-8")  # type: ignore[union-attr]


# --- TriG: one named graph per report ---------------------------------------------------------


def report_graphs(graph: Graph, reports: Iterable[ExtractedReport]) -> dict[URIRef, Graph]:
    """Split ``graph`` into one graph per report plus :data:`VOCABULARY_GRAPH`.

    A report's graph holds exactly the triples the graph builder writes for
    that report alone (its Report and source nodes, mentions, indicators,
    problems, and the entities and town facts it supports), re-derived by
    running :func:`kg.graph.triples.build_graph` on the report by itself.  A triple
    several reports support (a town's label, ``town fz:adopts mechanism`` said in
    two years) is in each of their graphs, so dropping one report's graph
    leaves exactly the graph built without that report.  The vocabulary graph
    holds the ontology, the mechanism vocabulary and every triple of ``graph``
    no single report wrote (none today; kept so the union is always ``graph``).

    Returns
    -------
    dict
        Graph IRI (``fzid:report/<id>`` or :data:`VOCABULARY_GRAPH`) -> graph.
    """
    parts: dict[URIRef, Graph] = {}
    written: set[tuple[Node, Node, Node]] = set()
    for report in sorted(reports, key=lambda r: r.document.report_id):
        part = build_graph([report], Graph())
        parts[ID[f"report/{report.document.report_id}"]] = part
        written.update(part)
    # Ground triples of the shipped ontology stay in the vocabulary graph even
    # if a report repeats one; blank-node triples can only come from there.
    base = {t for t in base_graph() if not any(_is_bnode(x) for x in t)}
    vocabulary = Graph()
    for triple in graph:
        if triple not in written or triple in base or any(_is_bnode(x) for x in triple):
            vocabulary.add(triple)
    return {VOCABULARY_GRAPH: vocabulary, **parts}


def _is_bnode(node: Node) -> bool:
    return isinstance(node, BNode)


def trig(graph: Graph, reports: Iterable[ExtractedReport]) -> str:
    """TriG with one named graph per report and one for the vocabulary (:func:`report_graphs`)."""
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))
        for name, part in sorted(report_graphs(graph, reports).items())
        for t in _sorted_ox(part)
    ]
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    return text.decode("utf-8")  # type: ignore[union-attr]  # bytes without an output, as above


# --- JSON-LD -----------------------------------------------------------------------------------


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context: the fazhi-kg prefixes, so keys read ``fz:adopts``."""
    return dict(sorted(PREFIXES.items()))


@functools.cache
def _by_namespace() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(jsonld_context().items(), key=lambda kv: -len(kv[1])))


_INSTANCES = PREFIXES["fzid"]
# Namespaces inside the instances' (fzm:): an IRI in one of them takes its prefix instead.
_INSIDE_INSTANCES = tuple(
    ns for ns in PREFIXES.values() if ns.startswith(_INSTANCES) and ns != _INSTANCES
)


def _compact(iri: str) -> str:
    """``prefix:rest`` where a prefix of :func:`jsonld_context` covers ``iri`` (the longest)."""
    # Instance IRIs first, without the cache: most are met once (a report's, a mention's)
    # and would only push the vocabulary's out of it.
    if iri.startswith(_INSTANCES) and not iri.startswith(_INSIDE_INSTANCES):
        rest = iri[len(_INSTANCES) :]
        if rest and not rest.startswith("//"):
            return "fzid:" + rest
    return _compact_other(iri)


@functools.lru_cache(maxsize=4096)
def _compact_other(iri: str) -> str:
    if iri.startswith("_:"):
        return iri
    for prefix, namespace in _by_namespace():
        if iri.startswith(namespace):
            rest = iri[len(namespace) :]
            if rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
    return iri


def node_objects(triples: Iterable[Triple]) -> bytes:
    """JSON-LD node objects of writer triples, one per run of a subject, joined by ``,\\n``
    (UTF-8; empty for no triples).

    Keys and IRIs are compacted with the prefixes of :func:`jsonld_context`;
    literals keep their lexical form (``{"@value": "98.5", "@type": "xsd:decimal"}``).
    Consecutive triples of one subject make one node object, as Turtle makes
    one statement of them; a subject met again later gets another node object,
    which JSON-LD merges.  The same triples in the same order give the same
    text (sort them first for one node object per subject).  The text is put
    together here, as bytes, values escaped by :mod:`json`'s C escaper: a build
    writes millions of node objects, building dicts for ``json.dumps`` costs three
    times as much, and text joined as a string is two bytes a character for a
    report's Chinese, to be encoded again character by character.
    """
    out: list[bytes] = []
    add = out.extend
    subject = None
    keys: dict[str, list[bytes]] = {}
    # The JSON text of each value, made once a call (a report names its town, its report
    # and a sentence again and again); an IRI's differs as a type and as a reference.
    texts: dict[str | Lit, bytes] = {}
    types: dict[str | Lit, bytes] = {}
    for s, p, o in triples:
        if s != subject:
            if subject is not None:
                _node_text(add, subject, keys)
                out.append(b",\n")
            subject, keys = s, {}
        if p == _RDF_TYPE:
            value = types.get(o)
            if value is None:
                value = types[o] = _value_text(o, True).encode()
        else:
            value = texts.get(o)
            if value is None:
                value = texts[o] = _value_text(o, False).encode()
        known = keys.get(p)
        if known is None:
            keys[p] = [value]
        else:
            known.append(value)
    if subject is not None:
        _node_text(add, subject, keys)
    return b"".join(out)


def _value_text(o: str | Lit, is_type: bool) -> str:
    """The JSON text of a value (an IRI as the object of ``rdf:type``: ``is_type``)."""
    quote = _quote
    if not isinstance(o, Lit):
        ref = quote(_compact(o))
        return ref if is_type else f'{{"@id": {ref}}}'
    if o.lang:
        return f'{{"@language": {quote(o.lang)}, "@value": {quote(o.value)}}}'
    if o.datatype is None:
        return quote(o.value)
    if len(o.value) <= _SHORT:
        return _typed_text(o.value, o.datatype)
    return f'{{"@type": {quote(_compact(o.datatype))}, "@value": {quote(o.value)}}}'


#: A typed literal this short (an offset, a year, a figure, a date) is met again in the next
#: report: its JSON text is kept (:func:`_typed_text`).
_SHORT = 24


@functools.lru_cache(maxsize=1 << 15)
def _typed_text(value: str, datatype: str) -> str:
    return f'{{"@type": {_quote(_compact(datatype))}, "@value": {_quote(value)}}}'


def _node_text(
    add: Callable[[Iterable[bytes]], None], subject: str, keys: dict[str, list[bytes]]
) -> None:
    """Give ``add`` the pieces of one node object (its ``@id``, then each key's values)."""
    key_texts = _KEY_TEXTS
    add((b'{"@id": ', _quote(_compact(subject)).encode()))
    for p, values in keys.items():
        key = key_texts.get(p) or _key_text(p)
        add((key, values[0] if len(values) == 1 else b", ".join(values), b"]"))
    add((b"}",))


#: :func:`_key_text` of the predicates met so far (a plain dict: asked once a triple).
_KEY_TEXTS: dict[str, bytes] = {}


def _key_text(predicate: str) -> bytes:
    """What a node object's values of ``predicate`` follow: a comma, the quoted key, a
    colon and ``[``."""
    text = f", {_quote(_key(predicate))}: [".encode()
    if len(_KEY_TEXTS) < 4096:  # bounded: predicates are a few dozen IRIs
        _KEY_TEXTS[predicate] = text
    return text


_quote = json.encoder.encode_basestring  # the C escaper, UTF-8 kept


@functools.lru_cache(maxsize=256)
def _key(predicate: str) -> str:
    return "@type" if predicate == _RDF_TYPE else _compact(predicate)


_RDF_TYPE = str(RDF.type)


class JsonLdFile:
    """graph.jsonld written report by report: node objects appended to one ``@graph``.

    A node several reports write (a town) may get one node object from each;
    JSON-LD merges node objects with the same ``@id``, so the graph is the same.
    """

    def __init__(self, file: IO[bytes], vocabulary: bool = True) -> None:
        self.file = file
        head = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1)
        file.write((head[:-2] + ',\n "@graph": [\n').encode("utf-8"))
        self.first = True
        if vocabulary:
            self.add(node_objects(_base_writer_triples()))

    def add(self, objects: bytes) -> None:
        """Append node objects (:func:`node_objects`)."""
        if not objects:
            return
        self.start()
        self.file.write(objects)

    def start(self) -> None:
        """Write what comes before more node objects (a caller writing them itself)."""
        if not self.first:
            self.file.write(b",\n")
        self.first = False

    def finish(self) -> None:
        self.file.write(b"\n ]\n}\n")


def jsonld(graph: Graph) -> str:
    """JSON-LD 1.1 of a graph: an inline context and one node object per subject.

    The same text :class:`JsonLdFile` writes for a build, so a round trip gives
    back the same graph.  Written directly rather than through rdflib's
    compaction, which takes minutes on large graphs.
    """
    buffer = io.BytesIO()
    file = JsonLdFile(buffer, vocabulary=False)
    file.add(node_objects(_sorted_writer_triples(canonical_rdflib_triples(graph))))
    file.finish()
    return buffer.getvalue().decode("utf-8")


# --- TriG, report by report ------------------------------------------------------------------


def trig_graph(name: str, triples: list[Triple]) -> str:
    """One named graph of TriG: ``<name> { ...Turtle statements... }``."""
    return f"<{name}> {{\n{render(triples, ('ttl',))['ttl'].decode('utf-8')}}}\n\n"


def fragment_trig(name: str, triples: list[Triple], fragment: Fragment) -> bytes:
    """:func:`trig_graph` of ``triples`` as bytes, reusing the Turtle of their ``fragment``
    (:func:`kg.graph.stream.fragment_of`, rendered for ``ttl``) where it is the same text.

    It is when every triple of a report's own nodes comes before the shared ones (as the
    research analyses give them): Turtle then has the own nodes' statements, then the
    shared nodes'.  Otherwise the triples are rendered again.
    """
    own, shared = fragment.text.get("ttl"), fragment.shared
    # equal triples have one subject, so a tail equal to the shared ones leaves the own before
    if isinstance(own, bytes) and (not shared or tuple(triples[-len(shared) :]) == shared):
        rest = render(list(shared), ("ttl",))["ttl"] if shared else b""
        return b"<%s> {\n%s%s}\n\n" % (name.encode("utf-8"), own, rest)
    return trig_graph(name, triples).encode("utf-8")


class TrigFile:
    """graph.trig written report by report: the vocabulary graph, then one graph per report."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
        file.write((prefixes + "\n").encode("utf-8"))
        file.write(trig_graph(str(VOCABULARY_GRAPH), list(_base_writer_triples())).encode("utf-8"))

    def add(self, text: bytes) -> None:
        self.file.write(text)

    def finish(self) -> None:
        pass


def _sorted_writer_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[Triple]:
    """rdflib triples as writer triples, sorted: each subject's triples together."""
    # cast: a subject is an IRI or a blank node, which writer_term gives as a string.
    return sorted(
        ((cast(str, writer_term(s)), str(p), writer_term(o)) for s, p, o in triples),
        key=lambda t: (t[0], t[1], repr(t[2])),
    )


@functools.cache
def _base_writer_triples() -> tuple[Triple, ...]:
    """The ontology and vocabulary as writer triples, blank nodes labelled canonically, sorted."""
    return tuple(_sorted_writer_triples(canonical_rdflib_triples(ontology.graph(*BASE_FILES))))
