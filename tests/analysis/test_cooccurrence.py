"""Incidence, pairs with statistics, the mechanism network: small incidences solved by hand."""

from __future__ import annotations

import math

import pytest
from rdflib import Graph, Literal

from kg.analysis.cooccurrence import (
    cooccurrence,
    cooccurrence_report,
    incidence,
    mechanism_centrality,
    mechanism_network,
    rank_pairs,
    report_incidence,
    town_sets,
)
from kg.errors import UsageError
from kg.namespaces import FZ, ID, MECHANISM, RDF, RDFS, SKOS
from kg.query.sparql import run_named

LABELS = {"A": "合法性审查", "B": "政务公开", "C": "枫桥经验", "D": "政府法律顾问制度"}


def make_graph(towns: dict[str, str], labels: dict[str, str] | None = None) -> Graph:
    """Towns (name -> mechanism letters) adopting mechanisms, labelled like the real graph."""
    labels = labels or {}
    g = Graph()
    for town, mechs in towns.items():
        g.add((ID[f"town/{town}"], RDF.type, FZ.Town))
        g.add((ID[f"town/{town}"], RDFS.label, Literal(town, lang="zh")))
        for m in mechs:
            g.add((ID[f"town/{town}"], FZ.adopts, MECHANISM[m]))
            g.add((MECHANISM[m], SKOS.prefLabel, Literal(labels.get(m, m), lang="zh")))
    return g


# N = 10 towns.  a(A) = 5, a(B) = 5, a(C) = 5, a(D) = 1.
HAND = {
    "t01": "ABD",
    "t02": "AB",
    "t03": "AB",
    "t04": "AB",
    "t05": "A",
    "t06": "BC",
    "t07": "C",
    "t08": "C",
    "t09": "C",
    "t10": "C",
}
# The tested pairs are A-B (p = 26/252), A-C (k = 0, p = 1) and B-C (p = 251/252); pairs with D
# cannot reach p <= 0.05 (complete overlap gives P(X >= 1) = 1/2) and are not tested.  BH over
# m = 3: q(A-B) = 3 * 26/252, q(B-C) = min(1, 1.5 * 251/252, q(A-C) = 1) = 1.
D_NOTE = "too few towns with these mechanisms to test (smallest possible p=0.5)"
EXPECTED = {
    #  pair: (k, towns, jaccard, cosine, lift, npmi, expected, p, q, note)
    "AB": (
        4,
        ("t01", "t02", "t03", "t04"),
        4 / 6,
        0.8,
        1.6,
        math.log(1.6) / -math.log(0.4),
        2.5,
        26 / 252,
        78 / 252,
        "",
    ),
    "AD": (
        1,
        ("t01",),
        0.2,
        1 / math.sqrt(5),
        2.0,
        math.log(2) / -math.log(0.1),
        0.5,
        None,
        None,
        D_NOTE,
    ),
    "BD": (
        1,
        ("t01",),
        0.2,
        1 / math.sqrt(5),
        2.0,
        math.log(2) / -math.log(0.1),
        0.5,
        None,
        None,
        D_NOTE,
    ),
    "BC": (1, ("t06",), 1 / 9, 0.2, 0.4, math.log(0.4) / -math.log(0.1), 2.5, 251 / 252, 1.0, ""),
}


def _key(row) -> str:
    return "".join(sorted(row.a.rsplit("/", 1)[-1] + row.b.rsplit("/", 1)[-1]))


@pytest.fixture(scope="module")
def hand():
    return make_graph(HAND, LABELS)


def test_pairs_match_the_hand_computed_table(hand):
    rows = {_key(r): r for r in cooccurrence(hand)}
    assert set(rows) == set(EXPECTED)
    for key, (k, towns, j, c, li, npm, exp, p, q, note) in EXPECTED.items():
        r = rows[key]
        assert (r.towns, r.town_labels, r.n_towns, r.note) == (k, towns, 10, note), key
        assert (r.jaccard, r.cosine, r.lift, r.npmi, r.expected) == pytest.approx(
            (j, c, li, npm, exp), abs=1e-4
        ), key
        for got, want in ((r.p_value, p), (r.q_value, q)):
            assert (got is None) == (want is None), key
            if want is not None:
                assert got == pytest.approx(want, rel=1e-9), key
        assert {r.a_label, r.b_label} == {LABELS[key[0]], LABELS[key[1]]}


def test_pairs_are_sorted_by_shared_towns_then_labels(hand):
    assert [_key(r) for r in cooccurrence(hand)] == ["AB", "AD", "BD", "BC"]


def test_min_towns_filters_rows_but_not_the_correction_family(hand):
    (only,) = cooccurrence(hand, min_towns=2)
    assert _key(only) == "AB"
    assert only.q_value == pytest.approx(78 / 252)  # m = 3 still, not 1


@pytest.mark.parametrize(
    "measure, order",
    [
        ("jaccard", ["AB", "AD", "BD", "BC"]),
        ("cosine", ["AB", "AD", "BD", "BC"]),
        ("lift", ["AD", "BD", "AB", "BC"]),
        ("npmi", ["AB", "AD", "BD", "BC"]),
    ],
)
def test_rank_pairs_by_each_measure(hand, measure, order):
    rows = cooccurrence(hand)
    assert [_key(r) for r in rank_pairs(rows, measure)] == order
    assert [_key(r) for r in rank_pairs(rows, measure, top=2)] == order[:2]


def test_pairs_with_a_mechanism_every_town_names_rank_last_and_are_not_tested():
    g = make_graph({f"t{i:02}": "E" + ("AB" if i < 6 else "C") for i in range(12)})
    rows = cooccurrence(g)
    assert [_key(r) for r in rank_pairs(rows, "jaccard")][0] == "AB"
    for r in rows:
        if "E" in _key(r):
            assert r.p_value is None and r.note == "named by every town: nothing to compare"
    net = mechanism_network(g)
    assert net.nodes[str(MECHANISM.E)]["everywhere"] and net.degree(str(MECHANISM.E)) == 0


def test_population_counts_towns_without_any_fact(hand):
    g = Graph()
    for triple in hand:
        g.add(triple)
    g.add((ID["town/t11"], RDF.type, FZ.Town))
    assert town_sets(g).n == 11
    ab = next(r for r in cooccurrence(g) if _key(r) == "AB")
    assert ab.lift == pytest.approx(round(4 * 11 / 25, 4))


def test_stance_selects_the_town_facts():
    g = make_graph({"t1": "AB"})
    g.add((ID["town/t1"], FZ.plans, MECHANISM.C))
    g.add((ID["town/t1"], FZ.reportsWeakness, MECHANISM.A))
    assert {r.mechanism_label for r in incidence(g, "adopted")} == {"A", "B"}
    assert {r.mechanism_label for r in incidence(g, "planned")} == {"C"}
    assert {(r.mechanism_label, r.stance) for r in incidence(g, "any")} == {
        ("A", "adopted"),
        ("B", "adopted"),
        ("C", "planned"),
        ("A", "problem"),
    }
    assert {_key(r) for r in cooccurrence(g, "any")} == {"AB", "AC", "BC"}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda g: incidence(g, "adopt"), "unknown stance"),
        (lambda g: cooccurrence(g, "sometimes"), "unknown stance"),
        (lambda g: cooccurrence(g, min_towns=0), "min_towns"),
        (lambda g: rank_pairs(cooccurrence(g), "dice"), "unknown measure"),
        (lambda g: rank_pairs(cooccurrence(g), "lift", top=0), "top"),
        (lambda g: mechanism_network(g, measure="pmi"), "unknown measure"),
    ],
)
def test_bad_options_are_usage_errors(hand, call, message):
    with pytest.raises(UsageError, match=message):
        call(hand)


def _evidence_graph() -> Graph:
    """Town t1 with two reports: 2023 (A achievements + duties, A plans, B other), 2024 (B)."""
    g = Graph()
    town, r1, r2 = ID["town/t1"], ID["report/r1"], ID["report/r2"]
    g.add((town, RDF.type, FZ.Town))
    for report, year in ((r1, 2023), (r2, 2024)):
        g.add((report, FZ.about, town))
        g.add((report, FZ.year, Literal(year)))
    mentions = [
        (r1, "A", FZ.Achievements),
        (r1, "A", FZ.Duties),
        (r1, "A", FZ.Plans),
        (r1, "B", FZ.OtherSection),
        (r2, "B", FZ.Achievements),
    ]
    for i, (report, mech, section) in enumerate(mentions):
        m = ID[f"mention/{i}"]
        for p, o in (
            (RDF.type, FZ.Mention),
            (FZ.inReport, report),
            (FZ.refersTo, MECHANISM[mech]),
            (FZ.section, section),
        ):
            g.add((m, p, o))
    g.add((town, FZ.adopts, MECHANISM.A))
    g.add((town, FZ.plans, MECHANISM.A))
    g.add((town, FZ.adopts, MECHANISM.B))
    return g


def test_incidence_carries_the_sections_of_its_mentions():
    rows = {
        (r.mechanism_label, r.stance, r.sections, r.mentions)
        for r in incidence(_evidence_graph(), "any")
    }
    assert rows == {
        ("A", "adopted", ("Achievements", "Duties"), 2),
        ("A", "planned", ("Plans",), 1),
        ("B", "adopted", ("Achievements",), 1),
    }


def test_report_incidence_separates_years():
    rows = {
        (r.year, r.mechanism_label, r.stance, r.sections, r.mentions)
        for r in report_incidence(_evidence_graph(), "any")
    }
    assert rows == {
        (2023, "A", "adopted", ("Achievements", "Duties"), 2),
        (2023, "A", "planned", ("Plans",), 1),
        (2024, "B", "adopted", ("Achievements",), 1),
    }
    assert {(r.year, r.mechanism_label) for r in report_incidence(_evidence_graph())} == {
        (2023, "A"),
        (2024, "B"),
    }


def test_towns_sharing_a_name_are_told_apart():
    g = make_graph({"x": "AB"})
    for county in ("长寿区", "蓬溪县"):
        town, parent = ID[f"town/{county}"], ID[f"county/{county}"]
        g.add((town, RDF.type, FZ.Town))
        g.add((town, RDFS.label, Literal("云台镇", lang="zh")))
        g.add((town, FZ.partOf, parent))
        g.add((parent, RDFS.label, Literal(county, lang="zh")))
        g.add((town, FZ.adopts, MECHANISM.A))
    labels = set(town_sets(g).labels.values())
    assert {"云台镇（长寿区）", "云台镇（蓬溪县）", "x"} <= labels


# Two triangles {a1, a2, a3} and {b1, b2, b3} joined by one weak edge a3-b1 (town t7).
CLIQUES = {
    "t1": ["a1", "a2", "a3"],
    "t2": ["a1", "a2", "a3"],
    "t3": ["a1", "a2", "a3"],
    "t4": ["b1", "b2", "b3"],
    "t5": ["b1", "b2", "b3"],
    "t6": ["b1", "b2", "b3"],
    "t7": ["a3", "b1"],
}


def _cliques() -> Graph:
    g = Graph()
    for town, mechs in CLIQUES.items():
        g.add((ID[f"town/{town}"], RDF.type, FZ.Town))
        for m in mechs:
            g.add((ID[f"town/{town}"], FZ.adopts, MECHANISM[m]))
    return g


def test_network_communities_and_centrality_by_hand():
    rows = {r.label: r for r in mechanism_centrality(_cliques(), threshold=0.1, min_towns=1)}
    assert {r.label for r in rows.values() if r.community == 1} == {"a1", "a2", "a3"}
    assert {r.label for r in rows.values() if r.community == 2} == {"b1", "b2", "b3"}
    # a3 and b1 each lie on the 6 shortest paths between the triangles; normalised by
    # (n-1)(n-2)/2 = 10 for n = 6 nodes.
    assert {k: r.betweenness for k, r in rows.items()} == pytest.approx(
        {"a1": 0, "a2": 0, "a3": 0.6, "b1": 0.6, "b2": 0, "b3": 0}
    )
    assert (rows["a3"].degree, rows["a3"].degree_centrality) == (3, pytest.approx(0.6))
    assert rows["a3"].strength == pytest.approx(0.75 + 0.75 + round(1 / 7, 4))
    assert (rows["a1"].towns, rows["a3"].towns, rows["a3"].share) == (
        3,
        4,
        pytest.approx(4 / 7, abs=1e-4),
    )


def test_network_threshold_and_min_towns_drop_weak_edges():
    net = mechanism_network(_cliques())  # jaccard > 0.2 and 2+ shared towns
    assert net.number_of_edges() == 6
    assert not net.has_edge(str(MECHANISM.a3), str(MECHANISM.b1))
    edge = net.edges[str(MECHANISM.a1), str(MECHANISM.a3)]
    assert (edge["weight"], edge["towns"], edge["town_labels"]) == (0.75, 3, ("t1", "t2", "t3"))
    assert mechanism_network(_cliques(), measure="jaccard", threshold=0.8).number_of_edges() == 2


def test_network_is_the_same_on_every_run():
    def snapshot():
        net = mechanism_network(_cliques(), threshold=0.1, min_towns=1)
        return sorted(net.nodes(data=True)), sorted(net.edges(data="weight"))

    assert snapshot() == snapshot()


def test_report_bundles_pairs_and_network(hand):
    report = cooccurrence_report(hand, measure="lift", min_towns=1)
    assert (report.n_towns, report.mechanisms, report.threshold) == (10, 4, 1.0)
    assert [_key(r) for r in report.pairs] == ["AD", "BD", "AB", "BC"]
    assert {frozenset(e) for e in report.network.edges} == {
        frozenset((str(MECHANISM.A), str(MECHANISM.B))),
        frozenset((str(MECHANISM.A), str(MECHANISM.D))),
        frozenset((str(MECHANISM.B), str(MECHANISM.D))),
    }


@pytest.mark.parametrize(
    "graph",
    [
        make_graph(HAND, LABELS),
        make_graph(
            {
                t: "".join(ms)
                for t, ms in {"t1": "AB", "t2": "ABC", "t3": "BC", "t4": "ABCD", "t5": "D"}.items()
            },
            LABELS,
        ),
    ],
)
def test_shipped_sparql_query_gives_the_same_pair_counts(graph):
    sparql = {
        (frozenset(r[:2]), int(r[2]))
        for r in run_named(graph, "mechanism_pairs", {"minTowns": "2"}).rows
    }
    python = {
        (frozenset((p.a_label, p.b_label)), p.towns) for p in cooccurrence(graph, min_towns=2)
    }
    assert sparql == python and python
