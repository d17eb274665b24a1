"""View builders: what each node and edge of a display graph carries."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph.triples import build_graph
from kg.ingest.structure import document_from_text
from kg.output.views import (
    EVIDENCE_PER_NODE,
    ViewData,
    ViewPart,
    knowledge_view,
    town_mechanism_view,
)
from kg.run.report import extract_document

TEXT = (
    "浙江省松阳县青禾镇人民政府\n青禾镇2023年法治政府建设情况报告\n一、主要举措\n"
    "全面落实合法性审查。严格执行重大行政决策程序。\n二、存在的问题\n合法性审查不够规范。\n"
    "三、下一步工作打算\n推行行政执法公示制度。"
)


@pytest.fixture(scope="module")
def graph() -> Graph:
    doc = document_from_text(TEXT)
    return build_graph([extract_document(doc)])


def _by_label(view, group):
    return {a["label"]: a for _, a in view.nodes(data=True) if a["group"] == group}


def test_views_do_not_change_the_graph(graph):
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    knowledge_view(graph)
    town_mechanism_view(graph)
    assert isomorphic(graph, copy)


@pytest.mark.parametrize(
    "mechanism, sections",
    [
        ("合法性审查", ("adopted", "problem")),
        ("重大行政决策程序", ("adopted",)),
        ("行政执法公示制度", ("planned",)),
    ],
)
def test_knowledge_view_mechanisms_know_their_sections(graph, mechanism, sections):
    node = _by_label(knowledge_view(graph), "Mechanism")[mechanism]
    assert node["sections"] == sections
    assert node["towns"] == ("青禾镇",) and node["years"] == (2023,)
    assert node["label_en"]  # the vocabulary has English for every concept


def test_evidence_names_report_section_and_sentence(graph):
    node = _by_label(knowledge_view(graph), "Mechanism")["合法性审查"]
    found = {(e["section"], e["sentence"]) for e in node["evidence"]}
    assert found == {
        ("主要举措和成效", "全面落实合法性审查。"),
        ("存在的问题和不足", "合法性审查不够规范。"),
    }
    assert {e["report"] for e in node["evidence"]} == {"青禾镇2023年法治政府建设情况报告"}
    assert node["evidence_total"] == 2 <= EVIDENCE_PER_NODE


def test_places_belong_to_their_towns(graph):
    view = knowledge_view(graph)
    county = _by_label(view, "County")["松阳县"]
    assert county["towns"] == ("青禾镇",) and county["years"] == (2023,)


def test_knowledge_view_edges_are_labelled_in_both_languages(graph):
    labels = {(a["label"], a["label_en"]) for _, _, a in knowledge_view(graph).edges(data=True)}
    assert {
        ("实施", "adopts"),
        ("计划实施", "plans"),
        ("存在薄弱环节", "reports weakness in"),
    } <= labels


def test_town_mechanism_view_is_bipartite_with_stance_edges(graph):
    view = town_mechanism_view(graph)
    groups = {n: a["group"] for n, a in view.nodes(data=True)}
    assert set(groups.values()) == {"Town", "Mechanism"}
    assert all({groups[u], groups[v]} == {"Town", "Mechanism"} for u, v in view.edges())
    edges = {view.nodes[m]["label"]: a for t, m, a in view.edges(data=True)}
    assert edges["合法性审查"]["sections"] == ("adopted", "problem")
    assert edges["合法性审查"]["weight"] == 2
    assert edges["行政执法公示制度"]["label"] == "计划实施"


def test_towns_sized_by_mechanisms(graph):
    view = town_mechanism_view(graph)
    town = _by_label(view, "Town")["青禾镇"]
    assert town["size"] == 8 + 2 * view.degree(next(n for n in view if view.nodes[n] is town))


def test_a_view_past_its_node_limit_becomes_an_overview_that_says_what_it_left_out():
    from collections import Counter

    from kg.graph.index import TripleIndex, base_index
    from kg.graph.triples import report_triples
    from kg.output.views import ViewData, overview_note, view_part
    from tests.output.test_rdf_and_tables import REPORTS

    full, small = ViewData(), ViewData(limit=6)
    for report in REPORTS:
        part = TripleIndex(report_triples(report), fallback=base_index())
        full.add(view_part(part))
        small.add(view_part(part))
    assert full.complete and not small.complete
    assert small.nodes is None  # past the limit no node facts are kept
    whole = knowledge_view(full)
    overview = knowledge_view(small)
    # Two towns of one city and three mechanisms do not fit in 6 nodes with the towns' own
    # places: the overview groups them by the finest level that fits.
    groups = Counter(a["group"] for _, a in overview.nodes(data=True))
    assert groups["Mechanism"] == 3 and overview.number_of_nodes() <= 6
    assert set(groups) - {"Mechanism"} <= {"Town", "County", "City", "Province"}
    assert whole.number_of_nodes() > overview.number_of_nodes()
    assert {a["sections"] for _, _, a in overview.edges(data=True)} <= {
        ("adopted",),
        ("planned",),
        ("adopted", "planned"),
        ("adopted", "planned", "problem"),
        ("problem",),
        ("adopted", "problem"),
        ("planned", "problem"),
    }
    note = overview_note(small, Counter({"Law": 1, "Official": 0, "Mention": 15, "Town": 2}))
    assert "1 Law" in note and "15 Mention" in note and "Official" not in note
    assert "kg query" in note and "entities.csv" in note


def test_an_overview_part_holds_what_an_overview_keeps_of_the_whole_part():
    """A build's workers send overview parts once the views are an overview: the same
    stances, places and mechanisms' facts, no other node, and the same pages."""
    from kg.graph.index import TripleIndex, base_index
    from kg.graph.triples import report_triples
    from kg.output.html import render_html
    from kg.output.views import ViewData, view_part
    from tests.output.test_rdf_and_tables import REPORTS

    whole, overview = ViewData(limit=6), ViewData(limit=6)
    for report in REPORTS:
        data = TripleIndex(report_triples(report), fallback=base_index())
        full, part = view_part(data), view_part(data, overview=True)
        assert part.stances == full.stances and part.places == full.places and not part.edges
        mechanisms = {n: f for n, f in full.nodes.items() if f.cls == "Mechanism"}
        assert part.nodes == mechanisms and mechanisms
        whole.add(full)
        overview.add(full if overview.complete else part)
    assert not whole.complete and not overview.complete
    for view_of in (knowledge_view, town_mechanism_view):
        assert render_html(view_of(overview), "t") == render_html(view_of(whole), "t")


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([{("t", "m"): {"adopted": 0}}], {("t", "m"): {"adopted": 0}}),
        (
            [
                {("t", "m"): {"problem": 1, "adopted": 2}},
                {("t", "m"): {"planned": 0, "adopted": 3}},
            ],
            {("t", "m"): {"adopted": 5, "planned": 0, "problem": 1}},
        ),
        (
            [
                {("t", "m"): {"planned": 1}, ("u", "m"): {"adopted": 0}},
                {("t", "n"): {"problem": 2}},
            ],
            {("t", "m"): {"planned": 1}, ("u", "m"): {"adopted": 0}, ("t", "n"): {"problem": 2}},
        ),
    ],
)
def test_view_data_adds_up_each_town_and_mechanism_fact(parts, expected):
    data = ViewData()
    for stances in parts:
        data.add(ViewPart(stances=stances))
    assert dict(data.stances) == expected and list(data.stances) == list(expected)
    assert ("t", "x") not in data.stances and data.stances[("t", "m")] == expected[("t", "m")]
