"""`kg serve` with the usual SPARQL clients at their default settings: SPARQLWrapper and
rdflib's SPARQLStore (both ask for XML results, and RDF/XML for CONSTRUCT)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.files import atomic_write
from kg.graph.triples import build_graph
from kg.output.rdf import trig
from kg.query.serve import Endpoint, ServeOptions

from .test_serve import REPORTS, request

FZ = "https://w3id.org/fazhi-kg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TOWNS = f"SELECT ?t ?l WHERE {{ ?t a <{FZ}Town> ; <{RDFS_LABEL}> ?l }} ORDER BY ?l"
TOWN_TRIPLES = (
    f"CONSTRUCT {{ ?t <{RDFS_LABEL}> ?l }} WHERE {{ ?t a <{FZ}Town> ; <{RDFS_LABEL}> ?l }}"
)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    out = tmp_path_factory.mktemp("interop")
    atomic_write(out / "graph.trig", trig(build_graph(REPORTS), REPORTS))
    with Endpoint(out, port=0, options=ServeOptions(workers=1)) as ep:
        yield ep


def test_sparqlwrapper_select_ask_and_construct_with_defaults(endpoint):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper").SPARQLWrapper

    client = SPARQLWrapper(endpoint.url)
    client.setQuery(TOWNS)
    xml = client.query().convert()  # default: XML results, parsed into a DOM
    labels = [node.firstChild.data for node in xml.getElementsByTagName("literal")]
    assert labels == ["白石乡", "青禾镇"]
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery(TOWN_TRIPLES)
    graph = client.query().convert()  # default for CONSTRUCT: RDF/XML, parsed by rdflib
    assert sorted(str(o) for o in graph.objects(None, URIRef(RDFS_LABEL))) == ["白石乡", "青禾镇"]


def test_rdflib_sparqlstore_with_defaults(endpoint):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint.url))
    rows = list(graph.query(TOWNS))
    assert [row.l for row in rows] == [Literal("白石乡", lang="zh"), Literal("青禾镇", lang="zh")]
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    built = graph.query(TOWN_TRIPLES).graph
    assert len(built) == 2
    town = rows[0].t
    assert (town, URIRef(RDFS_LABEL), Literal("白石乡", lang="zh")) in graph


@pytest.mark.parametrize(
    "accept, fmt, content_type, start",
    [
        ("application/sparql-results+xml", None, "application/sparql-results+xml", "<?xml"),
        (None, "xml", "application/sparql-results+xml", "<?xml"),
    ],
)
def test_select_as_xml(endpoint, accept, fmt, content_type, start):
    params = {"format": fmt} if fmt else {}
    status, headers, body = request(endpoint, TOWNS, accept=accept, **params)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    assert body.startswith(start) and 'xml:lang="zh">青禾镇</literal>' in body


@pytest.mark.parametrize(
    "accept, fmt, parse_as",
    [
        ("application/rdf+xml", None, "xml"),
        (None, "xml", "xml"),
        (None, "rdfxml", "xml"),
        ("text/turtle", None, "turtle"),
    ],
)
def test_construct_as_rdfxml_and_turtle(endpoint, accept, fmt, parse_as):
    params = {"format": fmt} if fmt else {}
    status, _, body = request(endpoint, TOWN_TRIPLES, accept=accept, **params)
    assert status == 200
    graph = Graph().parse(data=body, format=parse_as)
    assert sorted(str(o) for o in graph.objects()) == ["白石乡", "青禾镇"]
