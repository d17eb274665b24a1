"""SHACL validation catches deliberately broken graphs; the ontology check; ``kg validate``."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

import kg.graph.validate as validation
from kg.cli import main
from kg.files import atomic_write
from kg.graph.index import TripleIndex, base_index
from kg.graph.stream import fragment_of
from kg.graph.terms import Lit
from kg.graph.triples import build_graph, report_triples
from kg.graph.validate import (
    Checker,
    ValidationReport,
    Violation,
    check_ontology,
    format_report,
    undeclared_in,
    validate,
    violations_of,
)
from kg.ingest.structure import document_from_text
from kg.model import EntityType as T
from kg.model import ExtractedReport, Mention, Place
from kg.namespaces import FZ, FZ_URI, ID, RDF, RDFS
from kg.output.rdf import turtle

TEXT = (
    "青禾镇2023年法治政府建设情况报告\n一、主要举措和成效\n"
    "全面落实合法性审查，成功化解矛盾纠纷72起，学习《中华人民共和国民法典》。"
)


def _good() -> Graph:
    doc = document_from_text(TEXT, "qinghe.txt")

    def m(words, type_, key, **attrs):
        start = doc.text.index(words)
        return Mention(
            words,
            type_,
            start,
            start + len(words),
            doc.section_kind_at(start),
            key,
            tuple(sorted(attrs.items())),
        )

    report = ExtractedReport(
        doc,
        Place(town="青禾镇", province="浙江省", confidence=1.0, how="test"),
        (
            m("合法性审查", T.MECHANISM, "legality-review"),
            m("成功化解矛盾纠纷72起", T.INDICATOR, "化解矛盾纠纷", value="72", unit="起"),
            m("《中华人民共和国民法典》", T.LAW, "中华人民共和国民法典", kind="NationalLaw"),
        ),
    )
    return build_graph([report])


@pytest.fixture()
def graph() -> Graph:
    return _good()


def _one(graph, cls):
    return next(graph.subjects(RDF.type, cls))


def test_built_graph_conforms(graph):
    report = validate(graph)
    assert report.conforms and report.count("Violation") == 0


def _about_two_units(g):
    r, other = _one(g, FZ.Report), ID["town/other"]
    g.add((other, RDF.type, FZ.Town))
    g.add((other, RDFS.label, Literal("白石镇", lang="zh")))
    g.add((r, FZ.about, other))
    return r, FZ.about


def _second_year(g):
    r = _one(g, FZ.Report)
    g.add((r, FZ.year, Literal(2024)))
    return r, FZ.year


def _value_as_string(g):
    i = _one(g, FZ.Indicator)
    g.set((i, FZ.value, Literal("七十二")))
    return i, FZ.value


def _start_after_end(g):
    m = _one(g, FZ.Mention)
    g.set((m, FZ.start, Literal(10**6, datatype=XSD.integer)))
    return m, FZ.start


def _bad_law_kind(g):
    law = _one(g, FZ.Law)
    g.set((law, FZ.lawKind, FZ.Town))
    return law, FZ.lawKind


def _adopts_a_non_mechanism(g):
    town = _one(g, FZ.Town)
    g.add((town, FZ.adopts, ID["something/else"]))
    return town, FZ.adopts


def _undeclared_property(g):
    town = _one(g, FZ.Town)
    g.add((town, URIRef(FZ_URI + "adoptz"), ID["x"]))
    return town, URIRef(FZ_URI + "adoptz")


def _undeclared_class(g):
    g.add((ID["x"], RDF.type, URIRef(FZ_URI + "Twon")))
    return ID["x"], URIRef(FZ_URI + "Twon")


def _file_name_with_folder(g):
    source = _one(g, FZ.SourceFile)
    g.set((source, FZ.fileName, Literal("/home/me/reports/qinghe.txt")))
    return source, FZ.fileName


BREAKAGES = [
    _about_two_units,
    _second_year,
    _value_as_string,
    _start_after_end,
    _bad_law_kind,
    _adopts_a_non_mechanism,
    _undeclared_property,
    _undeclared_class,
    _file_name_with_folder,
]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__.strip("_"))
def test_validation_catches_a_deliberately_broken_graph(graph, breakage):
    focus, path = breakage(graph)
    report = validate(graph)
    assert not report.conforms
    found = {(v.focus, v.path) for v in report.violations if v.severity == "Violation"}
    assert (str(focus), str(path)) in found
    assert all(v.message for v in report.violations)


def test_missing_year_is_only_a_warning(graph):
    graph.remove((_one(graph, FZ.Report), FZ.year, None))
    report = validate(graph)
    assert report.conforms and report.count("Warning") == 1


def test_format_report_groups_and_counts(graph):
    for town in (ID["t1"], ID["t2"], ID["t3"], ID["t4"]):
        graph.add((town, RDF.type, FZ.Town))
        graph.add((town, RDFS.label, Literal("x")))  # no @zh label
    text = format_report(validate(graph), graph, examples=2)
    lines = text.splitlines()
    assert lines[0].startswith("Violation x4  rdfs:label: A town needs an rdfs:label tagged @zh.")
    assert lines[1].strip().startswith("fzid:t") and "(x)" in lines[1]
    assert "... and 2 more" in text
    assert lines[-1] == "does not conform: 4 violations"


def test_format_report_shows_values():
    report = ValidationReport(
        False, (Violation(str(ID["i"]), str(FZ.value), "Violation", "bad", value="七十二"),)
    )
    assert "fzid:i  value 七十二" in format_report(report)


def test_shipped_ontology_passes_its_check():
    assert check_ontology() == []


def test_ontology_check_finds_missing_labels_and_undeclared_terms(tmp_path, monkeypatch):
    from kg import ontology

    real_text = ontology.text
    text = real_text("fazhi.ttl")
    # Drop the English label of fz:Town and the declaration of fz:adopts.
    text = text.replace(
        'rdfs:label "乡级行政区"@zh , "township-level division"@en ;',
        'rdfs:label "乡级行政区"@zh ;',
    )
    start = text.index("fz:adopts\n")
    text = text[:start] + text[text.index("\n\n", start) + 2 :]
    monkeypatch.setattr(
        ontology, "text", lambda name: text if name == "fazhi.ttl" else real_text(name)
    )
    for cached in (ontology.graph, validation.declared_terms):
        cached.cache_clear()
    try:
        issues = {(i.term.rsplit("#", 1)[-1], i.problem, i.where) for i in check_ontology()}
    finally:
        monkeypatch.undo()
        for cached in (ontology.graph, validation.declared_terms):
            cached.cache_clear()
    assert ("Town", "no rdfs:label @en", "fazhi.ttl") in issues
    assert ("adopts", "used but not declared in ontology/fazhi.ttl", "shapes.ttl") in issues
    assert (
        "adopts",
        "used but not declared in ontology/fazhi.ttl",
        "queries/mechanism_pairs.rq",
    ) in issues
    assert ("adopts", "used but not declared in ontology/fazhi.ttl", "kg/namespaces.py") in issues


# --- the command -------------------------------------------------------------------------------


def test_cli_validate_conforming_and_broken(graph, tmp_path, capsys):
    atomic_write(tmp_path / "good" / "graph.ttl", turtle(graph))
    assert main(["validate", str(tmp_path / "good")]) == 0
    assert "conforms" in capsys.readouterr().out
    _about_two_units(graph)
    atomic_write(tmp_path / "bad.nt", graph.serialize(format="nt"))
    assert main(["validate", str(tmp_path / "bad.nt")]) == 3
    out = capsys.readouterr().out
    assert "fz:about: A report is fz:about at most one unit" in out
    assert out.rstrip().endswith("violation")


def test_cli_validate_ontology_and_usage(capsys, tmp_path):
    assert main(["validate", "--ontology"]) == 0
    assert "every term declared" in capsys.readouterr().out
    assert main(["validate"]) == 64
    assert main(["validate", str(tmp_path)]) == 64
    assert capsys.readouterr().err.startswith("kg: error:")


def test_two_reports_of_one_unresolved_town_build_a_conforming_graph(tmp_path, capsys):
    """Two reports of one ambiguous name (云台镇: three in the gazetteer), linked with different
    certainty, once made ``kg build`` exit 3: the certainty sat on a shared town node."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "云台镇2023年法治政府建设情况报告\n一、主要举措和成效\n全面落实合法性审查。\n", "utf-8"
    )
    (folder / "b.txt").write_text(
        "云台镇2024年法治政府建设情况报告\n一、主要举措和成效\n"
        "认真学习《四川省法治宣传教育条例》《甘肃省法治宣传教育条例》，全面落实合法性审查。\n",
        "utf-8",
    )
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "-q", "--formats", "ttl"]) == 0
    assert "SHACL: conforms" in capsys.readouterr().out
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    towns = set(g.objects(None, FZ.about))
    assert len(towns) == 2  # ambiguous: each report's town is its own node, never merged
    assert sorted(str(c) for c in g.objects(None, FZ.linkConfidence)) == ["0.33", "0.50"]


@pytest.mark.parametrize("in_memory", [None, 0, 30, 60])
def test_shared_triples_in_a_scratch_file_check_as_an_index_of_them_in_memory(tmp_path, in_memory):
    """The build's checker keeps the shared triples in memory, or past ``in_memory`` triples
    in its folder; same answers, same report whenever they leave memory (an undeclared term's
    node: the first subject, in the order subjects came, that uses it)."""
    from tests.output.test_rdf_and_tables import REPORTS

    chunks = [fragment_of(report_triples(r), ()).shared for r in REPORTS]
    unique = list(dict.fromkeys(t for chunk in chunks for t in chunk))
    first, second = unique[0][0], next(t[0] for t in unique if t[0] != unique[0][0])
    bogus = f"{FZ_URI}notDeclared"
    batches = [unique[:40], unique[40:], [(second, bogus, Lit("b"))], [(first, bogus, "x")]]
    checker = Checker(tmp_path)
    checker.shared.in_memory = checker.shared.IN_MEMORY if in_memory is None else in_memory
    for batch in batches:
        checker.add((), batch)
    spilled = in_memory is not None and in_memory < len(unique)
    assert [p.name for p in tmp_path.iterdir()] == (
        [".scratch-shared-triples.sqlite"] if spilled else []
    )
    index = TripleIndex([t for batch in batches for t in batch], fallback=base_index())
    shared = checker.shared
    for s in index.by_subject:
        assert shared.props(s) == index.props(s)
    assert [list(n) for n in shared.subject_batches()] == [list(index.by_subject)]
    assert list(shared.triples()) == list(index.triples())
    some = [(p, o) for _, p, o in unique[:30]] + [(bogus, "x"), (bogus, Lit("b"))]
    assert all(shared.subjects_with(p, o) == index.subjects_with(p, o) for p, o in some)
    base = base_index()
    found = violations_of(index, list(index.by_subject))
    found += violations_of(base, [s for s in base.by_subject if s not in index.by_subject])
    found += undeclared_in(list(index.triples()))
    report = checker.report()
    assert report == validation._report(found)
    assert [v.focus for v in report.violations if v.path == bogus] == [first]
