"""Town similarity, nearest towns, unique mechanisms, spread by year and province: by hand."""

from __future__ import annotations

import math

import pytest
from rdflib import Graph, Literal

from kg.analysis.towns import (
    adoption_by_province,
    adoption_by_year,
    nearest_towns,
    spans,
    town_pairs,
    town_report,
    unique_mechanisms,
)
from kg.errors import UsageError
from kg.namespaces import FZ, ID, MECHANISM, RDF, RDFS

FACTS = {"t1": "ABC", "t2": "AB", "t3": "CD", "t4": "E", "t5": ""}
PLACES = {"t1": ["c1", "江西省"], "t2": ["江西省"], "t3": ["c3", "重庆市"]}
# report, town, year, [(mechanism, section)]
REPORTS = [
    ("r1", "t1", 2022, [("A", FZ.Achievements), ("B", FZ.Plans)]),
    ("r2", "t2", 2022, [("A", FZ.Duties)]),
    ("r3", "t1", 2023, [("A", FZ.Achievements)]),
    ("r4", "t3", 2023, []),
]


def _graph() -> Graph:
    g = Graph()
    for town, mechs in FACTS.items():
        iri = ID[f"town/{town}"]
        g.add((iri, RDF.type, FZ.Town))
        g.add((iri, RDFS.label, Literal(town, lang="zh")))
        for m in mechs:
            g.add((iri, FZ.adopts, MECHANISM[m]))
        child = iri
        for place in PLACES.get(town, []):
            parent = ID[f"place/{place}"]
            g.add((child, FZ.partOf, parent))
            g.add((parent, RDFS.label, Literal(place, lang="zh")))
            child = parent
        if town in PLACES:
            g.add((child, RDF.type, FZ.Province))
    for report, town, year, mentions in REPORTS:
        g.add((ID[report], FZ.about, ID[f"town/{town}"]))
        g.add((ID[report], FZ.year, Literal(year)))
        for i, (mech, section) in enumerate(mentions):
            m = ID[f"mention/{report}-{i}"]
            for p, o in (
                (RDF.type, FZ.Mention),
                (FZ.inReport, ID[report]),
                (FZ.refersTo, MECHANISM[mech]),
                (FZ.section, section),
            ):
                g.add((m, p, o))
    return g


@pytest.fixture(scope="module")
def graph():
    return _graph()


@pytest.mark.parametrize(
    "measure, expected",
    [
        ("jaccard", {("t1", "t2"): (2, 2 / 3), ("t1", "t3"): (1, 1 / 4)}),
        ("cosine", {("t1", "t2"): (2, 2 / math.sqrt(6)), ("t1", "t3"): (1, 1 / math.sqrt(6))}),
    ],
)
def test_town_pairs_by_hand(graph, measure, expected):
    rows = town_pairs(graph, measure=measure)
    got = {(r.a_label, r.b_label): (r.shared, r.similarity) for r in rows}
    assert got == {k: (s, pytest.approx(v, abs=1e-4)) for k, (s, v) in expected.items()}
    assert [(r.a_label, r.b_label) for r in rows] == [("t1", "t2"), ("t1", "t3")]
    assert rows[0].shared_labels == ("A", "B")


def test_every_pair_with_min_shared_zero(graph):
    assert len(town_pairs(graph, min_shared=0)) == math.comb(5, 2)


def test_nearest_towns_by_hand(graph):
    rows = {
        (r.town_label, r.rank): (r.other_label, r.similarity, r.shared)
        for r in nearest_towns(graph, k=2)
    }
    assert rows == {
        ("t1", 1): ("t2", 0.6667, 2),
        ("t1", 2): ("t3", 0.25, 1),
        ("t2", 1): ("t1", 0.6667, 2),
        ("t3", 1): ("t1", 0.25, 1),
    }


def test_unique_mechanisms_by_hand(graph):
    assert {(r.town_label, r.mechanism_label) for r in unique_mechanisms(graph)} == {
        ("t3", "D"),
        ("t4", "E"),
    }


def test_adoption_by_year_counts_towns_reporting_that_year(graph):
    rows = {
        (r.group, r.mechanism_label): (r.towns, r.of_towns, r.share)
        for r in adoption_by_year(graph)
    }
    assert rows == {("2022", "A"): (2, 2, 1.0), ("2023", "A"): (1, 2, 0.5)}
    planned = {
        (r.group, r.mechanism_label): (r.towns, r.of_towns)
        for r in adoption_by_year(graph, "planned")
    }
    assert planned == {("2022", "B"): (1, 2), ("2023", "B"): (0, 2)}


def test_adoption_by_province_follows_part_of(graph):
    rows = {
        (r.group, r.mechanism_label): (r.towns, r.of_towns) for r in adoption_by_province(graph)
    }
    having = {
        ("江西省", "A"): 2,
        ("江西省", "B"): 2,
        ("江西省", "C"): 1,
        ("重庆市", "C"): 1,
        ("重庆市", "D"): 1,
        ("未详", "E"): 1,
    }
    size = {"江西省": 2, "重庆市": 1, "未详": 2}  # t4 and t5 have no province
    assert rows == {(g, m): (having.get((g, m), 0), size[g]) for g in size for m in "ABCDE"}


def test_spans_needs_two_known_groups(graph):
    assert spans(adoption_by_year(graph)) and spans(adoption_by_province(graph))
    one_year = Graph()
    for triple in _graph().triples((None, None, None)):
        if triple[1] != FZ.year or str(triple[2]) == "2022":
            one_year.add(triple)
    assert not spans(adoption_by_year(one_year))


def test_town_report_bundles_everything(graph):
    report = town_report(graph, measure="cosine", k=1)
    assert report.n_towns == 5 and report.measure == "cosine"
    assert [(r.town_label, r.other_label) for r in report.nearest] == [
        ("t1", "t2"),
        ("t2", "t1"),
        ("t3", "t1"),
    ]
    assert len(report.pairs) == 2 and len(report.unique) == 2
    assert report.by_year and report.by_province


def test_town_report_lists_nearest_pairs_unless_asked_for_all():
    g = Graph()
    for town, mechs in {"x": "AB", "y": "AB", "z": "ABC", "w": "C"}.items():
        for m in mechs:
            g.add((ID[town], FZ.adopts, MECHANISM[m]))
    # k = 1: x -> y, y -> x, z -> x (tie with y, first label), w -> z; y-z is nobody's nearest.
    near = {frozenset((r.a_label, r.b_label)) for r in town_report(g, k=1).pairs}
    assert near == {frozenset("xy"), frozenset("xz"), frozenset("wz")}
    every = {frozenset((r.a_label, r.b_label)) for r in town_report(g, k=1, all_pairs=True).pairs}
    assert every == near | {frozenset("yz")}


@pytest.mark.parametrize(
    "call",
    [
        lambda g: town_pairs(g, measure="lift"),
        lambda g: town_pairs(g, min_shared=-1),
        lambda g: nearest_towns(g, k=0),
        lambda g: unique_mechanisms(g, "adoptd"),
    ],
)
def test_bad_options_are_usage_errors(graph, call):
    with pytest.raises(UsageError):
        call(graph)
