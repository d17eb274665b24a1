"""The town facts a build keeps as compact rows: the same set of triples, the same analyses."""

from __future__ import annotations

import pytest

from kg.analysis.cooccurrence import (
    cooccurrence,
    facts_index,
    incidence,
    pair_test_table,
    report_incidence,
    town_sets,
)
from kg.analysis.facts import TownFacts
from kg.analysis.towns import town_report
from kg.graph.terms import Lit, Triple, rdflib_triple
from kg.graph.triples import base_graph
from kg.namespaces import FZ, ID, MECHANISM, RDF, RDFS, XSD

T1, T2, T3 = (str(ID[f"town/{n}"]) for n in ("t1", "t2", "t3"))
ADOPTS, PLANS, LABEL = str(FZ.adopts), str(FZ.plans), str(RDFS.label)
LEGALITY, OPENNESS = (
    str(MECHANISM["legality-review"]),
    str(MECHANISM["government-affairs-openness"]),
)


@pytest.mark.parametrize(
    ("added", "held"),
    [
        ([], []),
        # a triple added twice is held once, in the place it was first added
        (
            [(T1, ADOPTS, LEGALITY), (T2, ADOPTS, LEGALITY), (T1, ADOPTS, LEGALITY)],
            [(T1, ADOPTS, LEGALITY), (T2, ADOPTS, LEGALITY)],
        ),
        # a literal and an IRI of the same text are different objects
        (
            [(T1, LABEL, Lit(T2, "zh")), (T1, LABEL, T2), (T1, LABEL, Lit(T2, "zh"))],
            [(T1, LABEL, Lit(T2, "zh")), (T1, LABEL, T2)],
        ),
        # the same object under two predicates, and a typed literal beside its plain form
        (
            [(T1, ADOPTS, LEGALITY), (T1, PLANS, LEGALITY), (T1, LABEL, Lit("1", None, "x"))],
            [(T1, ADOPTS, LEGALITY), (T1, PLANS, LEGALITY), (T1, LABEL, Lit("1", None, "x"))],
        ),
    ],
)
def test_town_facts_hold_each_triple_once_in_the_order_added(
    added: list[Triple], held: list[Triple]
) -> None:
    facts = TownFacts(added[:1])
    facts.add(added[1:])
    assert list(facts) == held
    assert len(facts) == len(held)


def test_town_facts_keep_each_term_once() -> None:
    facts = TownFacts([(T1, ADOPTS, LEGALITY), (T2, ADOPTS, LEGALITY), (T1, PLANS, OPENNESS)])
    assert facts.terms == [T1, LEGALITY, T2, OPENNESS]
    assert facts.predicates == [ADOPTS, PLANS]


def test_town_facts_refuse_more_predicates_than_a_key_holds() -> None:
    facts = TownFacts((T1, f"{FZ}p{i}", T2) for i in range(256))
    with pytest.raises(ValueError, match="at most 256 predicates"):
        facts.add([(T1, f"{FZ}p256", T2)])


def _year(value: int) -> Lit:
    return Lit(str(value), None, str(XSD.integer))


# Two towns of one name in two counties of one province, a third town, two reports with a
# year and mentions of mechanisms by section: what the town facts and town_facts.nt hold.
HAND: list[Triple] = [
    (str(ID["province/p"]), str(RDF.type), str(FZ.Province)),
    (str(ID["province/p"]), LABEL, Lit("江西省", "zh")),
    *(
        triple
        for county, name in (("c1", "长寿区"), ("c2", "蓬溪县"))
        for triple in (
            (str(ID[f"county/{county}"]), LABEL, Lit(name, "zh")),
            (str(ID[f"county/{county}"]), str(FZ.partOf), str(ID["province/p"])),
        )
    ),
    *(
        triple
        for town, county, name in ((T1, "c1", "云台镇"), (T2, "c2", "云台镇"), (T3, "c2", "青禾镇"))
        for triple in (
            (town, str(RDF.type), str(FZ.Town)),
            (town, LABEL, Lit(name, "zh")),
            (town, str(FZ.partOf), str(ID[f"county/{county}"])),
        )
    ),
    (T1, ADOPTS, LEGALITY),
    (T1, ADOPTS, OPENNESS),
    (T2, ADOPTS, LEGALITY),
    (T2, PLANS, OPENNESS),
    (T3, ADOPTS, OPENNESS),
    *(
        triple
        for report, town, year in (("r1", T1, 2023), ("r2", T2, 2024))
        for triple in (
            (str(ID[f"report/{report}"]), str(RDF.type), str(FZ.Report)),
            (str(ID[f"report/{report}"]), str(FZ.about), town),
            (str(ID[f"report/{report}"]), str(FZ.year), _year(year)),
        )
    ),
    *(
        triple
        for mention, report, mechanism, section in (
            ("m1", "r1", LEGALITY, FZ.Achievements),
            ("m2", "r1", OPENNESS, FZ.Duties),
            ("m3", "r2", OPENNESS, FZ.Plans),
        )
        for triple in (
            (str(ID[f"mention/{mention}"]), str(RDF.type), str(FZ.Mention)),
            (str(ID[f"mention/{mention}"]), str(FZ.refersTo), mechanism),
            (str(ID[f"mention/{mention}"]), str(FZ.inReport), str(ID[f"report/{report}"])),
            (str(ID[f"mention/{mention}"]), str(FZ.section), str(section)),
        )
    ),
]


@pytest.mark.parametrize("stance", ["adopted", "planned", "any"])
def test_analyses_of_the_town_facts_are_those_of_the_graph(stance: str) -> None:
    graph = base_graph()
    for triple in HAND:
        graph.add(rdflib_triple(triple))
    facts = TownFacts(HAND)
    for data in (facts, facts_index(facts), facts.graph()):
        assert town_sets(data, stance) == town_sets(graph, stance)
        assert cooccurrence(data, stance) == cooccurrence(graph, stance)
        assert pair_test_table(data, stance) == pair_test_table(graph, stance)
        assert incidence(data, stance) == incidence(graph, stance)
        assert report_incidence(data, stance) == report_incidence(graph, stance)
        assert town_report(data, stance) == town_report(graph, stance)
    sets = town_sets(facts, stance)
    assert sorted(sets.labels[t] for t in sets.towns) == [
        "云台镇（蓬溪县）",
        "云台镇（长寿区）",
        "青禾镇",
    ]
    assert {r.group for r in town_report(facts, stance).by_province} == {"江西省"}


def test_the_graph_of_the_town_facts_is_the_ontology_and_the_facts() -> None:
    graph = base_graph()
    for triple in HAND:
        graph.add(rdflib_triple(triple))
    assert set(TownFacts(HAND).graph()) == set(graph)
