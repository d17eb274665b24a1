"""The compiled shapes (kg.graph.shacl) find exactly what pySHACL finds, also report by report."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kg.graph.index import TripleIndex, base_index
from kg.graph.stream import fragment_of
from kg.graph.terms import rdflib_triple
from kg.graph.triples import REPORT_SCOPED, base_graph, report_triples
from kg.graph.validate import Checker, check_report, validate
from kg.namespaces import DCTERMS, FZ, FZ_URI, ID, RDF, RDFS

pytestmark = pytest.mark.slow  # pySHACL takes seconds per graph


def _first(g: Graph, cls) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def _break(g: Graph) -> None:
    """Plant one violation of (nearly) every constraint kind the shapes use."""
    report = _first(g, FZ.Report)
    g.remove((report, FZ.aboutTown, None))  # minCount
    g.add((report, FZ.year, Literal(2024)))  # maxCount
    g.add((report, FZ.year, Literal("x")))  # datatype, minInclusive
    g.add((report, DCTERMS.issued, Literal("2023-02-30", datatype=XSD.date)))  # ill-typed date
    g.set((_first(g, FZ.Indicator), FZ.value, Literal("七十二")))
    g.set((_first(g, FZ.Mention), FZ.start, Literal(10**6, datatype=XSD.integer)))  # <= end
    g.set((_first(g, FZ.Law), FZ.lawKind, FZ.Town))  # sh:in
    town = _first(g, FZ.Town)
    g.add((town, FZ.adopts, ID["x/y"]))  # sh:class
    g.add((town, URIRef(FZ_URI + "adoptz"), ID["x"]))  # undeclared property
    g.add((town, FZ.linkConfidence, Literal("1.5", datatype=XSD.decimal)))  # max, maxCount
    g.remove((town, RDFS.label, None))
    g.add((town, RDFS.label, Literal("t", lang="en")))  # qualifiedMinCount languageIn
    g.add((ID["z"], RDF.type, URIRef(FZ_URI + "Twon")))  # undeclared class
    source = _first(g, FZ.SourceFile)
    g.set((source, FZ.fileName, Literal("/a/b.txt")))  # pattern
    g.set((source, FZ.sha256, Literal("zz")))
    position = _first(g, FZ.Position)
    g.set((position, FZ.title, Literal("")))  # minLength
    g.add((position, FZ.postIn, ID["nowhere"]))  # sh:or
    g.remove((_first(g, FZ.Official), FZ.holds, None))
    g.add((_first(g, FZ.Mechanism), SKOS.prefLabel, Literal("重复", lang="zh")))  # uniqueLang
    g.add((ID["not-a-unit"], FZ.adopts, _first(g, FZ.Mechanism)))  # sh:or on the node
    g.remove((None, FZ.hasPart, _first(g, FZ.ReportPart)))  # inverse path


@pytest.mark.parametrize("corpus", ["examples", "seeds"])
def test_compiled_shapes_give_pyshacl_results_on_built_and_broken_graphs(built, corpus):
    result, _ = built(corpus)
    graph = Graph()
    graph += result.graph
    assert validate(graph) == validate(graph, engine="pyshacl")
    _break(graph)
    found = validate(graph)
    assert found == validate(graph, engine="pyshacl")
    kinds = {v.constraint for v in found.violations}
    assert len(kinds) >= 14 and not found.conforms
    assert any(v.path == "" and v.constraint == "OrConstraintComponent" for v in found.violations)
    assert any(v.path == f"^{FZ.hasPart}" for v in found.violations)


def test_build_validation_report_by_report_equals_pyshacl_on_the_whole_graph(example_build):
    result, _ = example_build
    assert result.validation == validate(result.graph, engine="pyshacl")


def test_checker_sees_violations_across_reports_like_pyshacl():
    """A law two reports describe differently breaks maxCount only in the union."""
    from tests.output.test_rdf_and_tables import REPORTS

    parts = [report_triples(r) for r in REPORTS]
    law = next(s for s, p, o in parts[0] if p == str(FZ.lawKind))
    parts[1].append((law, str(FZ.lawKind), str(FZ.AdministrativeRegulation)))
    report = next(s for s, p, o in parts[2] if o == str(FZ.Report))
    parts[2] = [t for t in parts[2] if not (t[0] == report and t[1] == str(FZ.year))]
    checker, seen = Checker(), set()
    for triples in parts:
        fragment = fragment_of(triples, ())
        own = list(dict.fromkeys(s for s, _, _ in triples if s.startswith(REPORT_SCOPED)))
        shared = [t for t in fragment.shared if t not in seen]
        seen.update(shared)
        data = TripleIndex(triples, fallback=base_index())
        checker.add(check_report(triples, own, data), shared)
    union = base_graph()
    for triples in parts:
        for triple in triples:
            union.add(rdflib_triple(triple))
    expected = validate(union, engine="pyshacl")
    assert checker.report() == expected
    assert {v.constraint for v in expected.violations} == {
        "MaxCountConstraintComponent",
        "MinCountConstraintComponent",
    }
