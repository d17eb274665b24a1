"""Tests of kg/namespaces.py: FZ lists exactly the terms of ontology/fazhi.ttl."""

from __future__ import annotations

import doctest
import functools

import pytest
import rdflib.namespace
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

import kg.namespaces
from kg import ontology as shipped
from kg.namespaces import FZ, ID, MECHANISM, SCHEME, bind_prefixes

FZ_NS = "https://w3id.org/fazhi-kg/ontology#"

# Every way fazhi.ttl may declare a term; a subject typed with one of these is a term.
DECLARATION_TYPES = (
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.TransitiveProperty,
    OWL.FunctionalProperty,
    RDF.Property,
    OWL.NamedIndividual,
)


@functools.cache
def ontology() -> Graph:
    return Graph().parse(data=shipped.text("fazhi.ttl"), format="turtle")


def declared_terms() -> set[URIRef]:
    g = ontology()
    return {
        s for t in DECLARATION_TYPES for s in g.subjects(RDF.type, t) if str(s).startswith(FZ_NS)
    }


def fz_terms() -> set[URIRef]:
    # DefinedNamespace's __dir__ returns the URIRefs of its annotated names.
    return set(dir(FZ))


def test_fz_lists_exactly_the_declared_terms():
    in_code, in_ttl = fz_terms(), declared_terms()
    assert sorted(in_code - in_ttl) == [], "in FZ but not declared in fazhi.ttl"
    assert sorted(in_ttl - in_code) == [], "declared in fazhi.ttl but missing from FZ"


@pytest.mark.parametrize("name", ["fazhi.ttl", "shapes.ttl"])
def test_every_fz_iri_in_ontology_files_is_in_fz(name):
    g = Graph().parse(data=shipped.text(name), format="turtle")
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(FZ_NS)}
    assert sorted(used - fz_terms()) == []


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("Town", FZ_NS + "Town"),
        ("Report", FZ_NS + "Report"),
        ("aboutTown", FZ_NS + "aboutTown"),
        ("CandidateMechanism", FZ_NS + "CandidateMechanism"),
        ("title", FZ_NS + "title"),
        ("start", FZ_NS + "start"),
        ("end", FZ_NS + "end"),
        ("value", FZ_NS + "value"),
        ("OtherSection", FZ_NS + "OtherSection"),
        ("NationalLaw", FZ_NS + "NationalLaw"),
    ],
)
def test_known_term_resolves(name, iri):
    assert getattr(FZ, name) == URIRef(iri)
    assert FZ[name] == URIRef(iri)
    assert URIRef(iri) in FZ


@pytest.mark.parametrize(
    "typo", ["Reprot", "town", "aboutTow", "partof", "Mechanisms", "hasVillage", "Other"]
)
def test_typo_raises_attribute_error(typo):
    with pytest.raises(AttributeError, match=typo):
        getattr(FZ, typo)


def test_typo_is_not_in_namespace():
    assert URIRef(FZ_NS + "Reprot") not in FZ


@pytest.mark.parametrize(
    ("term", "iri"),
    [
        (ID["report/abc"], "https://w3id.org/fazhi-kg/id/report/abc"),
        (MECHANISM["legality-review"], "https://w3id.org/fazhi-kg/id/mechanism/legality-review"),
        (
            MECHANISM["area-administrative-decision"],
            "https://w3id.org/fazhi-kg/id/mechanism/area-administrative-decision",
        ),
        (SCHEME, "https://w3id.org/fazhi-kg/id/scheme/mechanisms"),
    ],
)
def test_instance_namespaces(term, iri):
    assert term == URIRef(iri)


@pytest.mark.parametrize(
    ("prefix", "namespace"),
    [
        ("fz", FZ_NS),
        ("fzid", "https://w3id.org/fazhi-kg/id/"),
        ("fzm", "https://w3id.org/fazhi-kg/id/mechanism/"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ],
)
def test_bind_prefixes(prefix, namespace):
    g = Graph(bind_namespaces="none")
    assert bind_prefixes(g) is g
    assert dict(g.namespaces())[prefix] == URIRef(namespace)


def test_bind_prefixes_replaces_a_clashing_binding():
    g = Graph()
    g.bind("fz", "http://example.org/not-fazhi#")
    bind_prefixes(g)
    assert dict(g.namespaces())["fz"] == URIRef(FZ_NS)
    assert g.namespace_manager.normalizeUri(FZ.Town) == "fz:Town"


@pytest.mark.parametrize("name", ["SKOS", "RDF", "RDFS", "OWL", "XSD", "DCTERMS", "PROV", "SH"])
def test_reexports_rdflib_namespaces(name):
    assert getattr(kg.namespaces, name) is getattr(rdflib.namespace, name)


def test_module_doctests_pass():
    result = doctest.testmod(kg.namespaces)
    assert result.attempted > 0 and result.failed == 0
