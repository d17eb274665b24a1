"""The one RDF term writer: writer triples as N-Triples and Turtle, and terms between libraries.

The graph builder emits triples of plain strings (:data:`Triple`): subject and
predicate IRIs, and an object that is an IRI string or a :class:`Lit`.  This
module is the only place that turns terms into RDF syntax (:func:`nt_literal`
is the one escaper) and the only place that converts terms between the writer,
rdflib and Oxigraph.  Blank nodes (only in the shipped ontology's OWL lists)
are written ``_:label`` with canonical RDFC-1.0 labels, so output is
byte-identical for the same input.

Examples
--------
>>> nt_object(Lit("法治", "zh")), nt_object(Lit("2023", None, str(XSD.integer)))
('"法治"@zh', '"2023"^^<http://www.w3.org/2001/XMLSchema#integer>')
>>> ttl_iri("https://w3id.org/fazhi-kg/ontology#adopts")
'fz:adopts'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, cast, overload

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import IdentifiedNode, Node

from kg.namespaces import PREFIXES, RDF, XSD

__all__ = [
    "Lit",
    "Triple",
    "canonical_rdflib_triples",
    "from_ox",
    "nt_literal",
    "new_lit",
    "nt_object",
    "ntriples",
    "rdflib_triple",
    "shared_rdflib_triple",
    "render",
    "to_ox",
    "ttl_iri",
    "writer_term",
]

_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
# A conservative PN_LOCAL: what needs no escaping in Turtle (no "/", no ".").
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


class Lit(NamedTuple):
    """A literal as the graph writer emits it: lexical form, language tag or datatype IRI."""

    value: str
    lang: str | None = None
    datatype: str | None = None


#: A :class:`Lit` made from its three fields, ``new_lit((value, lang, datatype))``, in C: the
#: named tuple's own ``__new__`` runs a Python frame, and a report's triples hold thousands.
new_lit = cast(
    "Callable[[tuple[str, str | None, str | None]], Lit]", functools.partial(tuple.__new__, Lit)
)


#: One triple as the writer emits it: subject and predicate IRIs, object an IRI or a :class:`Lit`.
#: Plain strings, not rdflib terms: writing N-Triples from them costs a tenth as much,
#: and :func:`rdflib_triple` makes rdflib terms only where an in-memory graph is wanted.
Triple = tuple[str, str, "str | Lit"]


_NT_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_NT_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape_one(match: re.Match[str]) -> str:
    ch = match.group()
    return _NT_ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def nt_literal(value: str) -> str:
    """A string as an N-Triples/Turtle quoted literal (UTF-8 kept, controls escaped).

    Examples
    --------
    >>> print(nt_literal('他说"法治"\\n'))
    "他说\\"法治\\"\\n"
    """
    return f'"{_NT_SPECIAL.sub(_escape_one, value)}"'


def nt_object(obj: str | Lit) -> str:
    """The N-Triples form of a writer object.

    Examples
    --------
    >>> nt_object(Lit("2023", None, str(XSD.integer)))
    '"2023"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> nt_object(Lit("青禾镇", "zh")), nt_object("https://w3id.org/fazhi-kg/id/x")
    ('"青禾镇"@zh', '<https://w3id.org/fazhi-kg/id/x>')
    """
    if not isinstance(obj, Lit):
        return obj if obj.startswith("_:") else f"<{obj}>"
    quoted = nt_literal(obj.value)
    if obj.lang:
        return f"{quoted}@{obj.lang}"
    return f"{quoted}^^<{obj.datatype}>" if obj.datatype else quoted


def rdflib_triple(triple: Triple) -> tuple[URIRef, URIRef, URIRef | Literal]:
    """The rdflib terms of a writer triple."""
    s, p, o = triple
    if isinstance(o, Lit):
        return (
            URIRef(s),
            _iri(p),
            Literal(o.value, lang=o.lang, datatype=o.datatype and _iri(o.datatype)),
        )
    return URIRef(s), _iri(p), URIRef(o)


# Predicates and datatypes are a few dozen IRIs met millions of times.
_iri = functools.lru_cache(maxsize=1024)(URIRef)


def shared_rdflib_triple(
    triple: Triple, seen: dict[URIRef, URIRef]
) -> tuple[URIRef, URIRef, URIRef | Literal]:
    """:func:`rdflib_triple`, its subject and IRI object the equal terms ``seen`` already
    holds (added there when new).

    A graph kept through a whole build meets each town, report and mechanism many
    times; sharing their terms takes the town facts from about 960 to 670 bytes a
    triple in an rdflib graph.
    """
    s, p, o = rdflib_triple(triple)
    s = seen.setdefault(s, s)
    if isinstance(o, URIRef):
        o = seen.setdefault(o, o)
    return s, p, o


def writer_term(term: Node) -> str | Lit:
    """An rdflib term as the graph writer's: IRI string, ``_:label`` or :class:`Lit`."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if not isinstance(term, Literal):
        raise TypeError(f"not an IRI, blank node or literal: {term!r}")
    datatype = str(term.datatype) if term.datatype is not None else None
    return Lit(str(term), term.language, None if datatype == _XSD_STRING else datatype)


def render(triples: list[Triple], formats: tuple[str, ...] = ("nt", "ttl")) -> dict[str, bytes]:
    """Triples as N-Triples lines and as Turtle statements, in one pass, in UTF-8.

    Each literal is escaped and encoded once for both; Turtle gets one statement
    for each run of triples with one subject.  The text is put together as bytes:
    joined as text, a report's Chinese made the whole of it two bytes a character,
    to be encoded again character by character (a fifth of the time).

    Examples
    --------
    >>> from kg.graph.triples import integer
    >>> from kg.namespaces import FZ, ID
    >>> print(render([(str(ID["report/1"]), str(FZ.year), integer(2023)),
    ...               (str(ID["report/1"]), str(RDF.type), str(FZ.Report))], ("ttl",))["ttl"]
    ...       .decode(), end="")
    <https://w3id.org/fazhi-kg/id/report/1> fz:year "2023"^^xsd:integer ;
        a fz:Report .
    """
    nt: list[bytes] = []
    ttl: list[bytes] = []
    nt_add, ttl_add = nt.extend, ttl.extend
    want_nt, want_ttl = "nt" in formats, "ttl" in formats
    # Each object's text is made once a call: a report names its town, its report and a
    # sentence again and again.
    objects: dict[str | Lit, tuple[bytes, bytes]] = {}
    verbs = _VERBS
    subject = None
    head = b""
    for s, p, o in triples:
        obj = objects.get(o)
        if obj is None:
            obj = objects[o] = _object_texts(o)
        verb = verbs.get(p)
        if verb is None:
            verb = _verb_texts(p)
        if s != subject:
            head = f"<{s}> ".encode()
            if want_ttl:
                if subject is not None:
                    ttl.append(b" .\n")
                ttl_add((ttl_iri(s).encode(), verb[1], obj[1]))
            subject = s
        elif want_ttl:
            ttl_add((b" ;\n   ", verb[1], obj[1]))
        if want_nt:
            nt_add((head, verb[0], obj[0], b" .\n"))
    if ttl:
        ttl.append(b" .\n")
    rendered = {"nt": b"".join(nt), "ttl": b"".join(ttl)}
    return {fmt: rendered[fmt] for fmt in formats}


def _object_texts(o: str | Lit) -> tuple[bytes, bytes]:
    """The N-Triples and Turtle text of an object (the literal escaped once for both)."""
    if not isinstance(o, Lit):
        return f"<{o}>".encode(), ttl_iri(o).encode()
    if o.lang:
        text = f"{nt_literal(o.value)}@{o.lang}".encode()
        return text, text
    if o.datatype:
        if len(o.value) <= _SHORT:
            return _typed_texts(o.value, o.datatype)
        body = nt_literal(o.value)
        return f"{body}^^<{o.datatype}>".encode(), f"{body}^^{ttl_iri(o.datatype)}".encode()
    text = nt_literal(o.value).encode()
    return text, text


#: A typed literal this short (an offset, a year, a figure, a date) is met again in the next
#: report: its texts are kept (:func:`_typed_texts`).
_SHORT = 24


@functools.lru_cache(maxsize=1 << 15)
def _typed_texts(value: str, datatype: str) -> tuple[bytes, bytes]:
    body = nt_literal(value)
    return f"{body}^^<{datatype}>".encode(), f"{body}^^{ttl_iri(datatype)}".encode()


#: Each predicate's N-Triples text and Turtle verb, with the spaces around them
#: (:func:`_verb_texts`): a few dozen predicates, met thousands of times a report.
_VERBS: dict[str, tuple[bytes, bytes]] = {}


def _verb_texts(predicate: str) -> tuple[bytes, bytes]:
    texts = (f"<{predicate}> ".encode(), f" {_verb(predicate)} ".encode())
    if len(_VERBS) < 4096:  # bounded, as the caches below
        _VERBS[predicate] = texts
    return texts


@functools.lru_cache(maxsize=1024)
def _verb(predicate: str) -> str:
    return "a" if predicate == _RDF_TYPE else ttl_iri(predicate)


_NAMESPACE_PREFIX = {ns: p for p, ns in PREFIXES.items()}
_SPLIT = re.compile(
    "|".join(re.escape(ns) for ns in sorted(_NAMESPACE_PREFIX, key=len, reverse=True))
)
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
        return f"{_NAMESPACE_PREFIX[found.group()]}:{iri[found.end() :]}"
    return f"<{iri}>"


# --- rdflib graphs and Oxigraph terms -------------------------------------------------------


def ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line in sorted order, UTF-8 (no \\u escapes but for controls)."""
    lines = []
    for s, p, o in canonical_rdflib_triples(graph):
        lines.append(f"{nt_object(writer_term(s))} <{p}> {nt_object(writer_term(o))} .\n")
    return "".join(sorted(lines))


def _canonical(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads with RDFC-1.0 blank node labels."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def canonical_rdflib_triples(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The graph's triples, those with blank nodes relabelled by RDFC-1.0 (``c14n0`` ...).

    Only the triples that hold a blank node go through Oxigraph's
    canonicalisation (a few dozen: the ontology's OWL lists); the rest pass
    as they are, which keeps this fast on million-triple graphs.
    """
    with_bnodes = []
    for triple in graph:
        if isinstance(triple[0], BNode) or isinstance(triple[2], BNode):
            with_bnodes.append(triple)
        else:
            yield triple
    quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in with_bnodes)  # type: ignore[arg-type]
    for quad in _canonical(quads):
        # No RDF-star here: the subjects and objects are IRIs, blank nodes or literals.
        yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)


@overload
def to_ox(node: IdentifiedNode) -> ox.NamedNode | ox.BlankNode: ...
@overload
def to_ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal: ...
def to_ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
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


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> URIRef | BNode | Literal:
    """The rdflib node of an Oxigraph term.

    Raises
    ------
    ValueError
        An RDF 1.2 triple term, which an rdflib graph cannot hold.
    """
    if isinstance(term, ox.Triple):
        raise ValueError(f"an RDF 1.2 triple term ({term}), which rdflib cannot hold")
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
