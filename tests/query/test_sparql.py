"""SPARQL: the named queries with exact answers on a hand-made graph, on both engines,
then on the bundled examples and the real seeds; formats, parameters, read-only checks,
and the ``kg query`` command."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.cli import main
from kg.errors import RefusedError, UsageError
from kg.files import atomic_write
from kg.graph.triples import build_graph
from kg.ingest.structure import document_from_text
from kg.model import EntityType as T
from kg.model import ExtractedReport, Mention, Place
from kg.output.rdf import turtle
from kg.query.sparql import (
    MAX_QUERY_CHARS,
    QueryResult,
    Term,
    bind,
    check_read_only,
    format_table,
    list_queries,
    load_query,
    parse_header,
    parse_query,
    query_form,
    render,
    run_named,
    run_query,
)
from kg.query.store import OxigraphStore, load_rdflib, query_file

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

# --- a hand-made graph whose answers are known ------------------------------------------------

ZJ = dict(province="浙江省", city="青禾市", confidence=1.0, how="test")
QINGHE = Place(town="青禾镇", county="青禾县", **ZJ)
BAISHI = Place(town="白石乡", county="白石县", **ZJ)
HONGLING = Place(
    town="红岭街道", county="章贡区", city="赣州市", province="江西省", confidence=1.0, how="test"
)

MECH, LAW, OFF, IND, PROB, CAND = (
    T.MECHANISM,
    T.LAW,
    T.OFFICIAL,
    T.INDICATOR,
    T.PROBLEM,
    T.CANDIDATE_MECHANISM,
)
CIVIL = (LAW, "《中华人民共和国民法典》", "中华人民共和国民法典", {"kind": "NationalLaw"})
PENALTY = (LAW, "《中华人民共和国行政处罚法》", "中华人民共和国行政处罚法", {"kind": "NationalLaw"})


def _rate(text, value, qualifier=""):
    return (IND, text, "调解成功率", {"value": value, "unit": "%", "qualifier": qualifier})


# town, year, place, then per section the sentences and the mentions found in them.
REPORTS = [
    (
        "青禾镇",
        2022,
        QINGHE,
        {
            "achievements": (
                "全面落实合法性审查，坚持发展枫桥经验，党委书记王建国同志带头学习《中华人民共和国民法典》，"
                "调解成功率达98.5%，推行三色预警机制。",
                [
                    (MECH, "合法性审查", "legality-review", {}),
                    (MECH, "枫桥经验", "fengqiao-experience", {}),
                    (OFF, "王建国", "王建国", {"post": "党委书记"}),
                    CIVIL,
                    _rate("调解成功率达98.5%", "98.5", "达"),
                    (CAND, "三色预警机制", "三色预警机制", {}),
                ],
            ),
            "problems": (
                "普法宣传不够深入。",
                [(PROB, "普法宣传不够深入", "普法宣传不够深入", {})],
            ),
            "plans": (
                "推行政府法律顾问制度。",
                [(MECH, "政府法律顾问制度", "government-legal-adviser", {})],
            ),
        },
    ),
    (
        "青禾镇",
        2023,
        QINGHE,
        {
            "achievements": (
                "坚持合法性审查，落实政府法律顾问制度，学习《中华人民共和国民法典》《中华人民共和国行政处罚法》，"
                "调解成功率99%。",
                [
                    (MECH, "合法性审查", "legality-review", {}),
                    (MECH, "政府法律顾问制度", "government-legal-adviser", {}),
                    CIVIL,
                    PENALTY,
                    _rate("调解成功率99%", "99"),
                ],
            ),
            "problems": (
                "普法宣传不够深入。",
                [(PROB, "普法宣传不够深入", "普法宣传不够深入", {})],
            ),
            "plans": ("探索听证制度。", [(MECH, "听证制度", "hearing", {})]),
        },
    ),
    (
        "白石乡",
        2023,
        BAISHI,
        {
            "achievements": (
                "落实合法性审查和枫桥经验，开展重大决策风险评估，乡长李明同志学习《中华人民共和国民法典》，"
                "推行三色预警机制。",
                [
                    (MECH, "合法性审查", "legality-review", {}),
                    (MECH, "枫桥经验", "fengqiao-experience", {}),
                    (MECH, "重大决策风险评估", "risk-assessment", {}),
                    (OFF, "李明", "李明", {"post": "乡长"}),
                    CIVIL,
                    (CAND, "三色预警机制", "三色预警机制", {}),
                ],
            ),
            "problems": (
                "普法宣传不够深入，枫桥经验做法不多。",
                [
                    (PROB, "普法宣传不够深入", "普法宣传不够深入", {}),
                    (MECH, "枫桥经验", "fengqiao-experience", {}),
                ],
            ),
            "plans": (
                "推行政府法律顾问制度。",
                [(MECH, "政府法律顾问制度", "government-legal-adviser", {})],
            ),
        },
    ),
    (
        "红岭街道",
        2024,
        HONGLING,
        {
            "achievements": (
                "发展枫桥经验，落实政府法律顾问制度，贯彻《中华人民共和国行政处罚法》，调解成功率100%。",
                [
                    (MECH, "枫桥经验", "fengqiao-experience", {}),
                    (MECH, "政府法律顾问制度", "government-legal-adviser", {}),
                    PENALTY,
                    _rate("调解成功率100%", "100"),
                ],
            ),
            "problems": (
                "执法人员法律知识不足。",
                [(PROB, "执法人员法律知识不足", "执法人员法律知识不足", {})],
            ),
            "plans": ("继续加强学习。", []),
        },
    ),
]

HEADINGS = {
    "achievements": "一、主要举措和成效",
    "problems": "二、存在的不足",
    "plans": "三、下一步工作打算",
}


def make_report(town, year, place, sections) -> ExtractedReport:
    text = f"{town}{year}年法治政府建设情况报告\n" + "\n".join(
        f"{HEADINGS[name]}\n{sentence}" for name, (sentence, _) in sections.items()
    )
    doc = document_from_text(text, f"{town}_{year}.txt")
    mentions = []
    for name, (sentence, found) in sections.items():
        base = doc.text.index(sentence, doc.text.index(HEADINGS[name]))
        for type_, words, key, attrs in found:
            start = doc.text.index(words, base)
            mentions.append(
                Mention(
                    words,
                    type_,
                    start,
                    start + len(words),
                    doc.section_kind_at(start),
                    key,
                    tuple(sorted(attrs.items())),
                )
            )
    return ExtractedReport(doc, place, tuple(mentions))


@pytest.fixture(scope="module")
def hand_graph():
    return build_graph([make_report(*r) for r in REPORTS])


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def engine(request, hand_graph):
    """The hand-made graph on each engine: every exact answer must hold on both."""
    return hand_graph if request.param == "rdflib" else OxigraphStore.from_graph(hand_graph)


def _rows(source, name, **params):
    return set(run_named(source, name, params).rows)


HAND_ANSWERS = [
    (
        "towns_adopting_mechanism",
        {},
        {("白石乡", "白石县", "浙江省"), ("青禾镇", "青禾县", "浙江省")},
    ),
    (
        "towns_adopting_mechanism",
        {"mechanismLabel": "枫桥经验"},
        {
            ("白石乡", "白石县", "浙江省"),
            ("青禾镇", "青禾县", "浙江省"),
            ("红岭街道", "章贡区", "江西省"),
        },
    ),
    ("planned_not_adopted", {}, {("青禾镇", "听证制度", "2"), ("白石乡", "政府法律顾问制度", "1")}),
    (
        "laws_most_cited",
        {},
        {
            ("中华人民共和国民法典", "法律", "2", "3"),
            ("中华人民共和国行政处罚法", "法律", "2", "2"),
        },
    ),
    ("laws_most_cited", {"minTowns": "3"}, set()),
    (
        "laws_cited_by_town",
        {"town": "青禾镇"},
        {
            ("青禾镇", "中华人民共和国民法典", "法律", "2"),
            ("青禾镇", "中华人民共和国行政处罚法", "法律", "1"),
        },
    ),
    (
        "officials_by_town",
        {},
        {("青禾镇", "2022", "王建国", "党委书记"), ("白石乡", "2023", "李明", "乡长")},
    ),
    # A pair is ordered by IRI: fzm:fengqiao-experience < fzm:government-legal-adviser < ...
    (
        "mechanism_pairs",
        {},
        {("枫桥经验", "合法性审查", "2"), ("枫桥经验", "政府法律顾问制度", "2")},
    ),
    ("mechanism_pairs", {"minTowns": "3"}, set()),
    (
        "similar_towns",
        {"town": "青禾镇"},
        {
            ("青禾镇", "红岭街道", "2", "3", "2", "0.667"),
            ("青禾镇", "白石乡", "2", "3", "3", "0.5"),
        },
    ),
    (
        "indicators_by_name",
        {},
        {
            ("调解成功率", "青禾镇", "2022", "达", "98.5", "%"),
            ("调解成功率", "青禾镇", "2023", None, "99", "%"),
            ("调解成功率", "红岭街道", "2024", None, "100", "%"),
        },
    ),
    ("indicator_names", {}, {("调解成功率", "2", "3", "3")}),
    (
        "mechanisms_by_province",
        {"province": "江西省"},
        {("江西省", "枫桥经验", "1", "1"), ("江西省", "政府法律顾问制度", "1", "1")},
    ),
    (
        "problems_most_reported",
        {},
        {("普法宣传不够深入", "2", "3"), ("执法人员法律知识不足", "1", "1")},
    ),
    ("weak_mechanisms", {}, {("枫桥经验", "1", "1")}),
    ("reports_per_year", {}, {("2022", "1", "1"), ("2023", "2", "2"), ("2024", "1", "1")}),
]


@pytest.mark.parametrize(
    "name, params, expected",
    HAND_ANSWERS,
    ids=[f"{n}-{'-'.join(p.values()) or 'default'}" for n, p, _ in HAND_ANSWERS],
)
def test_named_query_exact_answer(engine, name, params, expected):
    assert _rows(engine, name, **params) == expected


def _unit_report(title: str, place: Place) -> ExtractedReport:
    doc = document_from_text(
        f"{title}2023年法治政府建设情况报告\n一、主要举措和成效\n全面落实合法性审查。"
    )
    start = doc.text.index("合法性审查")
    found = Mention(
        "合法性审查", MECH, start, start + 5, doc.section_kind_at(start), "legality-review"
    )
    return ExtractedReport(doc, place, (found,))


@pytest.mark.parametrize("engine_name", ["rdflib", "oxigraph"])
def test_named_queries_read_every_kind_of_unit(engine_name):
    """A county's and a department's reports are read through fz:about like a town's."""
    county = Place("青禾县", "青禾县", **ZJ, kind=T.COUNTY)
    bureau = Place("白石县司法局", "白石县", **ZJ, kind=T.ORGANIZATION)
    g = build_graph([_unit_report("青禾县", county), _unit_report("白石县司法局", bureau)])
    source = g if engine_name == "rdflib" else OxigraphStore.from_graph(g)
    assert _rows(source, "towns_adopting_mechanism") == {
        ("青禾县", "青禾县", "浙江省"),
        ("白石县司法局", "白石县", "浙江省"),
    }
    assert _rows(source, "reports_per_year") == {("2023", "2", "2")}
    assert _rows(source, "mechanisms_by_province", province="浙江省") == {
        ("浙江省", "合法性审查", "2", "2")
    }


def test_mechanisms_of_town_counts_evidence_by_stance(engine):
    rows = {r[1:4] for r in run_named(engine, "mechanisms_of_town", {"town": "青禾镇"}).rows}
    assert rows == {
        ("合法性审查", "adopted", "2"),
        ("枫桥经验", "adopted", "1"),
        ("政府法律顾问制度", "adopted", "1"),
        ("政府法律顾问制度", "planned", "1"),
        ("听证制度", "planned", "1"),
    }
    evidence = {
        r[1]: r[4]
        for r in run_named(engine, "mechanisms_of_town", {"town": "白石乡"}).rows
        if r[2] == "weakness"
    }
    assert evidence == {"枫桥经验": "普法宣传不够深入，枫桥经验做法不多。"}


def test_mechanism_evidence_quotes_sentences_and_offsets(engine, hand_graph):
    rows = run_named(engine, "mechanism_evidence", {"town": "红岭街道"}).records()
    assert {(r["mechanism"], r["section"], r["text"]) for r in rows} == {
        ("枫桥经验", "主要举措和成效", "枫桥经验"),
        ("政府法律顾问制度", "主要举措和成效", "政府法律顾问制度"),
    }
    for r in rows:
        assert r["text"] in r["sentence"] and int(r["end"]) - int(r["start"]) == len(r["text"])


def test_candidate_mechanisms(engine):
    rows = run_named(engine, "candidate_mechanisms").rows
    assert [r[:3] for r in rows] == [("三色预警机制", "2", "2")]
    assert "三色预警机制" in rows[0][3]


def test_every_named_query_has_a_test_and_a_description():
    names = {q.name for q in list_queries()}
    tested = {n for n, _, _ in HAND_ANSWERS} | {
        "mechanisms_of_town",
        "mechanism_evidence",
        "candidate_mechanisms",
        # the research questions' queries: tests/output/test_research_outputs.py
        "report_scorecards",
        "copied_passages",
        "plans_followed_up",
        "first_namings",
    }
    assert len(names) >= 12
    assert names == tested
    assert all(q.description for q in list_queries())


def test_engines_agree_on_every_named_query(hand_graph):
    store = OxigraphStore.from_graph(hand_graph)
    for query in list_queries():
        a, b = run_named(hand_graph, query.name), run_named(store, query.name)
        assert a.columns == b.columns, query.name
        assert sorted(a.rows, key=str) == sorted(b.rows, key=str), query.name


# --- the bundled examples and the real seeds ----------------------------------------------------


@pytest.fixture(scope="module")
def examples(example_build):
    result, out = example_build
    return result, OxigraphStore.from_path(out / "graph.ttl")


@pytest.fixture(scope="module")
def seeds(seed_build):
    result, out = seed_build
    return result, OxigraphStore.from_path(out / "graph.ttl")


EXAMPLE_TOWNS = {"荻埠街道", "桤坪镇", "苇岗镇", "砚岭镇", "沅汀乡", "苎溪镇"}
SEED_TOWNS = {"大吉山镇", "黄鹤镇", "珠龙镇", "云台镇", "凤岗镇"}


def test_examples_named_queries(examples):
    result, store = examples
    q = lambda name, **p: run_named(store, name, p)  # noqa: E731
    assert {r[0] for r in q("reports_per_year").rows} == {
        "2019",
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
    }
    assert sum(int(r[1]) for r in q("reports_per_year").rows) == len(result.reports) == 8
    assert {r[0] for r in q("towns_adopting_mechanism").rows} == EXAMPLE_TOWNS
    assert {r[0] for r in q("mechanisms_of_town").rows} == {"苇岗镇"}
    assert {r[1] for r in q("similar_towns").rows} == EXAMPLE_TOWNS - {"苇岗镇"}
    assert {r[0] for r in q("mechanisms_by_province").rows} >= {"浙江省", "河南省", "广东省"}
    laws = q("laws_most_cited").rows
    assert (
        laws
        and int(laws[0][2]) >= 3
        and all(int(a[2]) >= int(b[2]) for a, b in zip(laws, laws[1:]))
    )
    assert {r[0] for r in q("officials_by_town").rows} <= EXAMPLE_TOWNS
    assert q("officials_by_town").rows
    assert {r[0] for r in q("indicator_names").rows} >= {"调解成功率", "化解矛盾纠纷"}
    for name in (
        "planned_not_adopted",
        "problems_most_reported",
        "weak_mechanisms",
        "candidate_mechanisms",
        "mechanism_evidence",
        "laws_cited_by_town",
        "indicators_by_name",
    ):
        assert q(name).rows, name


def test_examples_pairs_agree_with_the_analysis(examples):
    from kg.analysis.cooccurrence import cooccurrence

    result, store = examples
    sparql = {
        (frozenset((r[0], r[1])), int(r[2])) for r in run_named(store, "mechanism_pairs").rows
    }
    python = {
        (frozenset((p.a_label, p.b_label)), p.towns)
        for p in cooccurrence(result.graph, min_towns=2)
    }
    assert sparql == python and sparql


def test_examples_trig_answers_like_turtle(examples, tmp_path_factory):
    result, store = examples
    trig = OxigraphStore.from_path(next(iter(result.outputs.values())).parent / "graph.trig")
    for name in ("reports_per_year", "laws_most_cited", "towns_adopting_mechanism"):
        assert run_named(trig, name).rows == run_named(store, name).rows, name


def test_seed_named_queries(seeds):
    result, store = seeds
    q = lambda name, **p: run_named(store, name, p)  # noqa: E731
    assert {(r[0], r[1]) for r in q("reports_per_year").rows} == {
        ("2020", "1"),
        ("2022", "2"),
        ("2023", "1"),
        ("2024", "1"),
    }
    adopting = {r[0] for r in q("towns_adopting_mechanism").rows}
    assert {"大吉山镇", "凤岗镇", "云台镇"} <= adopting <= SEED_TOWNS
    assert {r[0] for r in q("towns_adopting_mechanism", mechanismLabel="枫桥经验").rows} >= {
        "大吉山镇",
        "凤岗镇",
    }
    officials = {(r[0], r[2], r[3]) for r in q("officials_by_town").rows}
    assert ("大吉山镇", "谭永锋", "党委书记") in officials
    cited = {(r[0], r[1]) for r in q("laws_cited_by_town").rows}
    assert ("凤岗镇", "中华人民共和国民法典") in cited and (
        "珠龙镇",
        "安徽省行政执法监督条例",
    ) in cited
    laws = q("laws_most_cited").rows
    assert ("中华人民共和国民法典", "法律") in {r[:2] for r in laws} and int(laws[0][2]) >= 2
    rates = {(r[1], r[4]) for r in q("indicators_by_name").rows}
    assert ("大吉山镇", "98.5") in rates
    assert {r[0] for r in q("mechanisms_of_town", town="大吉山镇").rows} == {"大吉山镇"}
    # The default unit is an example town, so the seeds answer only for a unit asked for, or all.
    assert not q("mechanism_evidence").rows
    assert {r[0] for r in q("mechanism_evidence", town="大吉山镇").rows} == {"大吉山镇"}
    assert {r[0] for r in q("mechanism_evidence", town="").rows} == SEED_TOWNS
    assert {r[1] for r in q("similar_towns", town="大吉山镇").rows} == SEED_TOWNS - {"大吉山镇"}
    assert {r[0] for r in q("mechanisms_by_province").rows} >= {"重庆市"}
    for name in (
        "mechanism_pairs",
        "planned_not_adopted",
        "indicator_names",
        "problems_most_reported",
        "candidate_mechanisms",
    ):
        assert q(name).rows, name


def test_seed_engines_agree(seeds):
    result, store = seeds
    for name in (
        "towns_adopting_mechanism",
        "laws_most_cited",
        "reports_per_year",
        "similar_towns",
        "indicators_by_name",
        "officials_by_town",
    ):
        assert run_named(result.graph, name).rows == run_named(store, name).rows, name


# --- rewritten for speed: the same rows as the plain formulation ---------------------------------

# A named query rewritten for speed (BENCHMARKS.md, "Named queries and memory at 1,000 and
# 10,000 reports") against the plain text it replaced: the same rows, in the same order.
PLAIN_PAIRS = """
PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?b ?towns
WHERE {
  { SELECT ?ma ?mb (COUNT(*) AS ?towns)
    WHERE { ?town fz:adopts ?ma, ?mb . FILTER (STR(?ma) < STR(?mb)) }
    GROUP BY ?ma ?mb }
  FILTER (?towns >= ?minTowns)
  ?ma skos:prefLabel ?a .
  FILTER (lang(?a) = "zh")
  ?mb skos:prefLabel ?b .
  FILTER (lang(?b) = "zh")
}
ORDER BY DESC(?towns) ?a ?b
"""

PLAIN_INDICATOR_NAMES = """
PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
SELECT ?indicator (COUNT(DISTINCT ?t) AS ?towns) (COUNT(DISTINCT ?r) AS ?reports) (COUNT(?i) AS ?values)
WHERE {
  ?i a fz:Indicator ;
     fz:indicatorName ?indicator ;
     fz:reportedIn ?r .
  ?r fz:about ?t .
}
GROUP BY ?indicator
ORDER BY DESC(?towns) DESC(?values) ?indicator
"""

PLAIN_LAWS_CITED = """
PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?town ?law ?kind (COUNT(DISTINCT ?report) AS ?reports)
WHERE {
  ?report a fz:Report ;
          fz:about ?t ;
          fz:cites ?l .
  ?t rdfs:label ?town .
  ?l rdfs:label ?law ;
     fz:lawKind ?k .
  ?k rdfs:label ?kind .
  FILTER (lang(?kind) = "zh")
}
GROUP BY ?t ?town ?law ?kind
ORDER BY ?town ?law
"""

PLAIN_LAWS_MOST_CITED = """
PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?law ?kind (COUNT(DISTINCT ?t) AS ?towns) (COUNT(DISTINCT ?r) AS ?reports)
WHERE {
  ?r a fz:Report ;
     fz:about ?t ;
     fz:cites ?l .
  ?l rdfs:label ?law ;
     fz:lawKind ?k .
  ?k rdfs:label ?kind .
  FILTER (lang(?kind) = "zh")
}
GROUP BY ?l ?law ?kind ?minTowns
HAVING (COUNT(DISTINCT ?t) >= ?minTowns)
ORDER BY DESC(?towns) DESC(?reports) ?law
"""

PLAIN_SIMILAR_TOWNS = """
PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?town ?other (COUNT(DISTINCT ?mech) AS ?shared) ?mine ?theirs
       (ROUND(1000 * COUNT(DISTINCT ?mech) / (?mine + ?theirs - COUNT(DISTINCT ?mech))) / 1000 AS ?jaccard)
WHERE {
  ?t rdfs:label ?town ;
     fz:adopts ?mech .
  ?o fz:adopts ?mech ;
     rdfs:label ?other .
  FILTER (!sameTerm(?o, ?t))
  { SELECT ?t (COUNT(DISTINCT ?x) AS ?mine) WHERE { ?t fz:adopts ?x } GROUP BY ?t }
  { SELECT ?o (COUNT(DISTINCT ?y) AS ?theirs) WHERE { ?o fz:adopts ?y } GROUP BY ?o }
}
GROUP BY ?t ?town ?o ?other ?mine ?theirs
ORDER BY ?town DESC(?jaccard) DESC(?shared) ?other
"""

REWRITTEN = [
    ("indicator_names", {}, PLAIN_INDICATOR_NAMES),
    ("laws_cited_by_town", {}, PLAIN_LAWS_CITED),
    ("laws_cited_by_town", {"town": "苎溪镇"}, PLAIN_LAWS_CITED),
    ("laws_most_cited", {}, PLAIN_LAWS_MOST_CITED),
    ("laws_most_cited", {"minTowns": "2"}, PLAIN_LAWS_MOST_CITED),
    ("similar_towns", {"town": "桤坪镇"}, PLAIN_SIMILAR_TOWNS),
    ("similar_towns", {"town": ""}, PLAIN_SIMILAR_TOWNS),
    ("mechanism_pairs", {}, PLAIN_PAIRS),
    ("mechanism_pairs", {"minTowns": "1"}, PLAIN_PAIRS),
    ("mechanism_pairs", {"minTowns": "3"}, PLAIN_PAIRS),
]


@pytest.mark.parametrize(
    "name, params, plain", REWRITTEN, ids=[f"{n}-{p or 'default'}" for n, p, _ in REWRITTEN]
)
def test_rewritten_queries_give_the_plain_rows(engine, examples, name, params, plain):
    query = load_query(name)
    for source in (engine, examples[1]):
        bindings = query.bindings(params)
        expected = run_query(source, plain, bindings)
        got = run_named(source, name, params)
        assert got.columns == expected.columns
        assert got.rows == expected.rows
    assert run_named(examples[1], name, params).rows, "the examples have such rows"


# Each named query with its parameters as a person gives them: the defaults, every
# unbound parameter bound to a unit of the graph, a mechanism, a number.
UNIT_VALUES = {
    "town": "青禾镇",
    "townLabel": "青禾镇",
    "province": "浙江省",
    "mechanismLabel": "枫桥经验",
    "minTowns": "1",
    "grade": "良好",
    "indicator": "调解成功率",
    "minShared": "10",
}
PARAM_CASES = [(q.name, {}) for q in list_queries()] + [
    (q.name, {p.name: UNIT_VALUES[p.name]}) for q in list_queries() for p in q.typed_params
]


@pytest.mark.parametrize(
    "name, params", PARAM_CASES, ids=[f"{n}-{p or 'default'}" for n, p in PARAM_CASES]
)
def test_named_queries_bound_first_give_the_rows_bound_last(engine, examples, name, params):
    """run_named binds a named query's parameters at the start of its WHERE group on
    Oxigraph (fast there); a text of one's own gets them at the end: same rows, in order."""
    query = load_query(name)
    bindings = query.bindings(params)
    for source in (engine, examples[1]):
        last = run_query(source, query.text, bindings)
        first = run_query(source, bind(query.text, bindings, first=True))
        assert first.columns == last.columns
        assert first.rows == last.rows
        assert run_named(source, name, params).rows == last.rows


def test_named_queries_are_read_only_as_bound():
    """run_named does not parse a shipped query on Oxigraph: its text, bound either way,
    is a query of the form read from it."""
    for query in list_queries():
        bindings = query.bindings({p.name: UNIT_VALUES[p.name] for p in query.typed_params})
        for first in (False, True):
            assert check_read_only(bind(query.text, bindings, first=first)) == query.form


@pytest.mark.parametrize(
    "text, bound",
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", 'SELECT ?s WHERE { VALUES ?o { "镇"@zh } ?s ?p ?o }'),
        (
            "SELECT * { { SELECT ?s { ?s ?p ?o } } ?s ?q ?o }",
            'SELECT * { VALUES ?o { "镇"@zh } { SELECT ?s { ?s ?p ?o } } ?s ?q ?o }',
        ),
    ],
)
def test_bind_first_puts_the_values_at_the_start_of_the_where_group(text, bound):
    assert bind(text, {"o": Term.zh("镇")}, first=True) == bound


# --- parameters, binding, read-only -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, form",
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("PREFIX a: <http://a/>\n# INSERT in a comment\nask { ?s a:p ?o }", "ASK"),
        ("BASE <http://a/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://a/b>", "DESCRIBE"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "UPDATE"),
        ("PREFIX a: <http://a/> DELETE WHERE { ?s a:p ?o }", "UPDATE"),
        ("LOAD <http://example.org/x.ttl>", "UPDATE"),
        ("clear all", "UPDATE"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
        ('SELECT ("INSERT" AS ?x) {}', "SELECT"),
        ("hello", "UNKNOWN"),
    ],
)
def test_query_form(text, form):
    assert query_form(text) == form


# Each of these makes an engine call another server (or is an update) unless it is refused;
# the first two hid SERVICE from a regular-expression check (a `#` inside an IRI read as a
# comment) and made `kg serve` send an HTTP request.
REFUSED = [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DROP ALL",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "PREFIX x: <http://x/> DELETE WHERE { ?s x:p ?o }",
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?z { <http://x/A#> } ?a ?b ?c SERVICE <http://127.0.0.1:9/x> {?a ?b ?c} }",
    "SELECT * WHERE { VALUES ?z { <http://x/#> } SERVICE <http://127.0.0.1:9/x> {?a ?b ?c} }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT ?e { ?s ?p ?o } } }",
    "ASK { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "select * { service\n<http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { OPTIONAL { ?s ?p ?o MINUS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
]


@pytest.mark.parametrize("text", REFUSED)
def test_updates_and_service_are_refused_on_both_engines(engine, text):
    with pytest.raises(UsageError, match="refused|not valid SPARQL"):
        run_query(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s <http://x/SERVICE> "SERVICE" }',
        "SELECT * { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "SELECT * { ?s fz:service ?o }",
    ],
)
def test_service_as_a_word_is_not_refused(engine, text):
    run_query(engine, text)


def test_refusal_is_decided_on_the_parsed_query():
    """What refuses is the algebra: the same words are fine in strings, IRIs and comments,
    and a SERVICE the text hides behind an IRI's `#` is still seen."""
    assert parse_query('SELECT ("INSERT" AS ?x) { ?s <http://x/#DELETE> ?o }').form == "SELECT"
    with pytest.raises(RefusedError, match="SERVICE"):
        parse_query(
            "SELECT * WHERE { VALUES ?z { <http://x/\\u0041> }\nSERVICE <http://127.0.0.1:9/x> {?a ?b ?c} }"
        )
    # The query: rdflib cannot parse a SERVICE after an IRI with `#` on its line,
    # so it is refused as invalid before any engine sees it.
    with pytest.raises(UsageError, match="not valid SPARQL"):
        parse_query(
            "SELECT * WHERE { VALUES ?z { <http://x/\\u0041#> } SERVICE <http://127.0.0.1:9/x> {?a ?b ?c} }"
        )
    with pytest.raises(RefusedError, match="Update"):
        parse_query("# SELECT\nCLEAR ALL")


def test_a_bound_value_cannot_add_syntax(engine):
    """Parameter values are terms: an IRI value that tries to close the IRI is refused,
    and the text that finally runs (values bound) is what is checked."""
    with pytest.raises(UsageError, match="absolute IRI"):
        query_file_text = "SELECT * WHERE { ?s ?p ?o FILTER(?s = ?t) }"
        from kg.query.sparql import Param

        run_query(
            engine,
            query_file_text,
            {"t": Param("t", "iri").term("http://a> } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c")},
        )


def test_queries_longer_than_the_limit_are_refused(engine):
    text = "ASK { ?s ?p " + '"' + "x" * MAX_QUERY_CHARS + '" }'
    with pytest.raises(UsageError, match="characters refused"):
        run_query(engine, text)


def test_deeply_nested_query_is_one_usage_error(engine):
    text = "SELECT * WHERE { " + "{ " * 2000 + "?s ?p ?o" + " }" * 2000 + " }"
    with pytest.raises(UsageError, match="not valid SPARQL"):
        run_query(engine, text)


def test_rdflib_never_loads_from_graphs(hand_graph, tmp_path):
    """rdflib would read FROM <file:...> from disk (or fetch it); it must name a graph only."""
    secret = tmp_path / "secret.ttl"
    secret.write_text("<http://secret/s> <http://secret/p> <http://secret/o> .", "utf-8")
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    for triple in hand_graph:
        dataset.add(triple)
    result = run_query(
        dataset, f"SELECT ?s FROM <{secret.as_uri()}> WHERE {{ ?s <http://secret/p> ?o }}"
    )
    assert result.rows == ()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT ?t WHERE { ?t ?p ?l }", 'SELECT ?t WHERE { ?t ?p ?l VALUES ?l { "x"@zh } }'),
        ("SELECT * { ?t ?p ?l } LIMIT 1", 'SELECT * { ?t ?p ?l VALUES ?l { "x"@zh } } LIMIT 1'),
        (
            "CONSTRUCT { ?t ?p ?l } WHERE { ?t ?p ?l }",
            'CONSTRUCT { ?t ?p ?l } WHERE { ?t ?p ?l VALUES ?l { "x"@zh } }',
        ),
        (
            '# WHERE { in a comment\nSELECT ?t WHERE {?t ?p "}" { ?a ?b ?c } }',
            '# WHERE { in a comment\nSELECT ?t WHERE {?t ?p "}" { ?a ?b ?c } VALUES ?l { "x"@zh } }',
        ),
    ],
)
def test_bind_puts_values_in_the_where_group(text, expected):
    assert bind(text, {"l": Term.zh("x")}) == expected


def test_bind_finds_the_group_after_an_escaped_iri():
    text = "SELECT * WHERE { ?s ?p <http://x/\\u0041#> } # a comment }"
    assert bind(text, {"s": Term.iri("http://a")}) == (
        "SELECT * WHERE { ?s ?p <http://x/\\u0041#> VALUES ?s { <http://a> } } # a comment }"
    )


@pytest.mark.parametrize(
    "having",
    [
        "HAVING (COUNT(?r) >= ?min)",
        "HAVING (COUNT(?r) >= $min) ORDER BY ?t",
        "HAVING (COUNT(?r) >= ?min) (COUNT(?r) < 100) LIMIT 10",
    ],
)
def test_a_parameter_in_having_is_bound_on_both_engines(engine, having):
    """A VALUES binding inside the group does not reach HAVING: it once gave 0 rows, silently."""
    text = f"SELECT ?t (COUNT(?r) AS ?n) WHERE {{ ?r fz:aboutTown ?t }} GROUP BY ?t {having}"
    rows = run_query(engine, text, {"min": Term("literal", "2", datatype=XSD_INTEGER)}).rows
    assert len(rows) == 1 and rows[0][1] == "2"  # 青禾镇: its 2022 and 2023 reports


def test_a_parameter_in_a_sub_query_having_is_bound(engine):
    text = (
        "SELECT ?t WHERE { { SELECT ?t WHERE { ?r fz:aboutTown ?t } GROUP BY ?t "
        "HAVING (COUNT(?r) >= ?min) } ?t rdfs:label ?l }"
    )
    rows = run_query(engine, text, {"min": Term("literal", "2", datatype=XSD_INTEGER)}).rows
    assert len(rows) == 1


def test_unknown_variables_of_a_query_text_are_usage_errors(engine):
    with pytest.raises(UsageError, match=r"no variable \?nope"):
        run_query(engine, "SELECT ?t WHERE { ?t a fz:Town }", {"nope": "x"})


def test_bind_without_where_group_is_a_usage_error():
    with pytest.raises(UsageError, match="WHERE"):
        bind("CONSTRUCT { ?s ?p ?o }", {"s": Term.iri("http://a")})


@pytest.mark.parametrize(
    "params, message",
    [
        ({"minTowns": "two"}, "integer"),
        ({"nope": "1"}, "no parameter nope"),
    ],
)
def test_bad_parameters_are_usage_errors(hand_graph, params, message):
    with pytest.raises(UsageError, match=message):
        run_named(hand_graph, "mechanism_pairs", params)


@pytest.mark.parametrize("line", ["# param: x:float = 1", "# param: = 2"])
def test_bad_param_lines_are_usage_errors(line):
    with pytest.raises(UsageError):
        parse_header("q", f"# description: d\n{line}\nSELECT * {{}}")


def test_bad_query_and_unknown_name_are_usage_errors(engine):
    with pytest.raises(UsageError, match="SPARQL"):
        run_query(engine, "SELEC ?x WHERE {")
    with pytest.raises(UsageError, match="officials_by_town"):
        load_query("no_such_query")


def test_max_rows_truncates(engine):
    result = run_query(engine, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert len(result.rows) == 3 and result.truncated
    assert not run_query(engine, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", max_rows=3).truncated


# --- formats ------------------------------------------------------------------------------------


def test_formats_of_a_select(engine):
    result = run_named(engine, "reports_per_year")
    table = render(result, "table")
    assert table.splitlines()[0].split() == ["year", "reports", "towns"] and table.endswith(
        "(3 rows)"
    )
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert rows == [
        ["year", "reports", "towns"],
        ["2022", "1", "1"],
        ["2023", "2", "2"],
        ["2024", "1", "1"],
    ]
    tsv = render(result, "tsv").splitlines()
    assert tsv[0] == "?year\t?reports\t?towns"
    assert tsv[1].startswith('"2022"^^<http://www.w3.org/2001/XMLSchema#integer>\t')
    data = json.loads(render(result, "json"))
    assert data["head"]["vars"] == ["year", "reports", "towns"]
    assert data["results"]["bindings"][0]["year"] == {
        "type": "literal",
        "value": "2022",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }


def test_json_keeps_language_and_iris(engine):
    data = json.loads(
        render(
            run_query(
                engine, "SELECT ?t ?l WHERE { ?t a fz:Town ; rdfs:label ?l } ORDER BY ?l LIMIT 1"
            ),
            "json",
        )
    )
    binding = data["results"]["bindings"][0]
    assert binding["l"] == {"type": "literal", "value": "白石乡", "xml:lang": "zh"}
    assert binding["t"]["type"] == "uri" and binding["t"]["value"].startswith(
        "https://w3id.org/fazhi-kg/id/town/"
    )


def test_ask_and_construct(engine):
    assert json.loads(render(run_query(engine, "ASK { ?t a fz:Town }"), "json")) == {
        "head": {},
        "boolean": True,
    }
    result = run_query(
        engine, "CONSTRUCT { ?t rdfs:label ?l } WHERE { ?t a fz:Town ; rdfs:label ?l }"
    )
    assert result.kind == "CONSTRUCT" and len(result.rows) == 3
    nt = render(result, "nt")
    assert nt.count("\n") == 3 and '"红岭街道"@zh' in nt
    from rdflib import Graph

    assert len(Graph().parse(data=render(result, "turtle"), format="turtle")) == 3
    with pytest.raises(UsageError, match="CONSTRUCT"):
        render(run_named(engine, "reports_per_year"), "turtle")


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://x","点击")', '\'=HYPERLINK("http://x","点击")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("-1.5", "-1.5"),
        ("+3", "+3"),
        ("青禾镇", "青禾镇"),
    ],
)
def test_csv_cells_never_run_as_formulas(value, cell):
    """Values from report text go into spreadsheets: one starting with = + - @ is text."""
    text = render(QueryResult(("v",), ((value,),)), "csv")
    assert list(csv.reader(io.StringIO(text)))[1] == [cell]


def test_format_table_aligns_chinese_and_shortens_iris():
    table = format_table(QueryResult(("town", "n"), (("大吉山镇", "3"), ("x", None))))
    assert table.splitlines()[0] == "town      n"
    assert table.endswith("(2 rows)")
    iri = format_table(QueryResult(("m",), (("https://w3id.org/fazhi-kg/id/mechanism/hearing",),)))
    assert "fzm:hearing" in iri


@pytest.mark.parametrize(
    ("columns", "rows", "truncated", "expected"),
    [
        (  # a value in two columns of two widths, an IRI, an unbound cell, a wide header
            ("地区", "n", "iri"),
            (
                ("大吉山镇", "3", "https://w3id.org/fazhi-kg/id/town/a"),
                ("3", "大吉山镇", None),
            ),
            False,
            [
                "地区      n         iri",
                "--------  --------  -----------",
                "大吉山镇  3         fzid:town/a",
                "3         大吉山镇",
                "(2 rows)",
            ],
        ),
        (("a", "bb"), (), True, ["a  bb", "-  --", "(0 rows, truncated)"]),
        (("v",), ((None,), ("",)), False, ["v", "-", "", "", "(2 rows)"]),
    ],
)
def test_format_table_pads_each_column_to_its_widest_cell(columns, rows, truncated, expected):
    table = format_table(QueryResult(columns, rows, truncated=truncated))
    assert table.split("\n") == expected


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="table"):
        render(QueryResult(("a",), ()), "xlsx")


# --- files, engines and the command ---------------------------------------------------------------


@pytest.fixture(scope="module")
def hand_ttl(hand_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("hand") / "graph.ttl"
    atomic_write(path, turtle(hand_graph))
    return path


def test_cli_binds_a_parameter_in_having(hand_ttl, capsys):
    text = (
        "SELECT ?t (COUNT(?r) AS ?n) WHERE { ?r fz:aboutTown ?t } GROUP BY ?t "
        "HAVING (COUNT(?r) >= ?min)"
    )
    for engine in ("oxigraph", "rdflib"):
        argv = ["query", str(hand_ttl), "-e", text, "-p", "min:integer=2", "--engine", engine]
        assert main(argv) == 0
        assert "(1 rows)" in capsys.readouterr().out, engine


@pytest.mark.parametrize("engine_name", ["oxigraph", "rdflib"])
def test_query_file_on_a_folder(hand_ttl, engine_name):
    result = query_file(hand_ttl.parent, name="towns_adopting_mechanism", engine=engine_name)
    assert {r[0] for r in result.rows} == {"青禾镇", "白石乡"}
    typed = query_file(
        hand_ttl,
        "SELECT ?n WHERE { VALUES ?n { 1 } FILTER(?n >= ?min) }",
        params={"min:integer": "1"},
        engine=engine_name,
    )
    assert typed.rows == (("1",),)


@pytest.mark.parametrize(
    "path, message", [("missing.ttl", "no such file"), ("graph.xlsx", "format")]
)
def test_query_file_bad_paths(tmp_path, path, message):
    (tmp_path / "graph.xlsx").write_text("x", "utf-8")
    with pytest.raises(UsageError, match=message):
        query_file(tmp_path / path, "ASK {}")


def test_load_rdflib_reports_bad_turtle(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", "utf-8")
    with pytest.raises(UsageError, match="not valid"):
        load_rdflib(bad)
    with pytest.raises(UsageError, match="not valid"):
        OxigraphStore.from_path(bad)


# --- hostile graph files (issue 12) --------------------------------------------------------


def _billion_laughs() -> str:
    """Under 1 KB of RDF/XML whose entities expand to 10**9 characters."""
    entities = '<!ENTITY a "aaaaaaaaaa">\n' + "".join(
        f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">\n' for i in range(8)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{entities}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://x/">'
        '<rdf:Description rdf:about="http://a"><x:p>&i;</x:p></rdf:Description></rdf:RDF>\n'
    )


def _nested_jsonld(depth: int) -> str:
    return (
        '{"@id": "http://a", "http://x/p": ' + '{"http://x/q": ' * depth + '"v"' + "}" * depth + "}"
    )


HOSTILE_GRAPHS = [
    ("lol.rdf", _billion_laughs(), "document type declaration"),
    ("utf16.rdf", _billion_laughs().replace("utf-8", "utf-16"), "document type declaration"),
    ("deep.jsonld", _nested_jsonld(20_000), "nested more than 64"),
    (
        "deep-arrays.jsonld",
        '{"@id": "http://a", "http://x/p": ' + "[" * 20_000 + "]" * 20_000 + "}",
        "nested more than 64",
    ),
    (
        "remote.jsonld",
        '{"@context": "http://127.0.0.1:PORT/ctx", "@id": "http://a", "x:p": "v"}',
        "never fetches",
    ),
    (
        "local.jsonld",
        '{"@context": "file:///etc/hostname", "@id": "http://a", "x:p": "v"}',
        "never fetches",
    ),
    ("huge.ttl", '<http://a> <http://b> "' + "x" * (17 * 2**20) + '" .\n', "longer than 16 MiB"),
]


@pytest.mark.parametrize("name, text, message", HOSTILE_GRAPHS, ids=[h[0] for h in HOSTILE_GRAPHS])
@pytest.mark.parametrize("engine_name", ["oxigraph", "rdflib"])
def test_hostile_graph_files_are_refused_with_one_line(
    tmp_path, name, text, message, engine_name, capsys
):
    """Each of these once fetched a context over HTTP, read a file, exhausted memory or
    crashed the process (Oxigraph aborts on the billion laughs)."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"@context": {"x": "http://x/"}}')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    path = tmp_path / name
    encoding = "utf-16" if name == "utf16.rdf" else "utf-8"
    path.write_text(text.replace("PORT", str(server.server_address[1])), encoding)
    try:
        argv = ["query", str(path), "-e", "ASK { ?s ?p ?o }", "--engine", engine_name]
        assert main(argv) == 64
    finally:
        server.shutdown()
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert hits == []


def test_a_triple_term_is_one_line_for_the_rdflib_engine(tmp_path, capsys):
    """RDF 1.2 triple terms parse in Oxigraph, but an rdflib graph cannot hold one."""
    path = tmp_path / "quoted.nt"
    path.write_text("<http://a/s> <http://a/p> <<( <http://a/a> <http://a/b> <http://a/c> )>> .\n")
    assert main(["query", str(path), "-e", "ASK { ?s ?p ?o }", "--engine", "rdflib"]) == 64
    err = capsys.readouterr().err
    assert "triple term" in err and len(err.strip().splitlines()) == 1, err
    assert main(["query", str(path), "-e", "ASK { ?s ?p ?o }"]) == 0  # Oxigraph reads it


def test_jsonld_at_the_depth_limit_is_read(tmp_path):
    from kg.query.store import MAX_JSONLD_DEPTH

    path = tmp_path / "ok.jsonld"
    path.write_text(_nested_jsonld(MAX_JSONLD_DEPTH - 1), "utf-8")
    assert len(load_rdflib(path)) == MAX_JSONLD_DEPTH
    assert len(OxigraphStore.from_path(path)) == MAX_JSONLD_DEPTH


def _decimals_canonical(graph):
    """The graph with xsd:decimal literals in canonical form, as Oxigraph stores them."""
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    from kg.query.sparql import canonical

    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(canonical(str(o), str(XSD.decimal)), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def test_oxigraph_store_round_trips_to_rdflib(hand_graph):
    from rdflib.compare import isomorphic

    back = OxigraphStore.from_graph(hand_graph).to_rdflib()
    assert len(back) == len(hand_graph)
    assert isomorphic(_decimals_canonical(back), _decimals_canonical(hand_graph))


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--name", "reports_per_year", "--format", "csv"], "year,reports,towns\r\n2022,1,1"),
        (["--name", "towns_adopting_mechanism", "-p", "mechanismLabel=枫桥经验"], "红岭街道"),
        (["-e", "SELECT (COUNT(*) AS ?n) WHERE { ?t a fz:Town }", "--engine", "rdflib"], "3"),
        (["--name", "laws_most_cited", "--format", "json"], '"value": "中华人民共和国民法典"'),
        (["--name", "reports_per_year", "--max-rows", "1"], "(1 rows, truncated)"),
    ],
)
def test_cli_query(hand_ttl, capsys, argv, expected):
    assert main(["query", str(hand_ttl.parent), *argv]) == 0
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, note",
    [
        # a default that picks a unit or a label is said, with how to choose
        (["--name", "mechanisms_of_town"], "town=苇岗镇 (the default): -p town=... for another"),
        (["--name", "towns_adopting_mechanism"], "mechanismLabel=合法性审查 (the default)"),
        (["--name", "mechanisms_of_town", "-p", "town="], None),  # every unit: asked
        (["--name", "planned_not_adopted"], None),  # its default is every unit
        (["--name", "mechanism_pairs"], None),  # minTowns=2: a threshold, not a choice of rows
        # rows left out by --max-rows: the table says so itself, other formats on stderr
        (["--name", "reports_per_year", "--max-rows", "1"], None),
        (
            ["--name", "reports_per_year", "--max-rows", "1", "-f", "csv"],
            "the first 1 rows: more were left out (without --max-rows, all)",
        ),
        (["--name", "reports_per_year", "--max-rows", "3", "-f", "json"], None),  # 3 rows: all
    ],
)
def test_cli_query_says_what_narrowed_the_rows(hand_ttl, capsys, argv, note):
    assert main(["query", str(hand_ttl.parent), *argv]) == 0
    err = capsys.readouterr().err
    if note is None:
        assert err == ""
    else:
        assert err.startswith("kg: note: ") and note in err


def test_a_command_imports_only_its_own_module():
    """`kg query` starts without the other commands' imports (networkx, numpy: ~0.4 s)."""
    import subprocess
    import sys

    code = (
        "import sys; from kg.cli import build_parser; build_parser('query'); "
        "print(sorted(m for m in ('networkx', 'numpy', 'kg.cli.cooccur') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_cli_query_file_and_list(hand_ttl, tmp_path, capsys):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?y WHERE { ?r fz:year ?y } ORDER BY ?y", "utf-8")
    assert main(["query", str(hand_ttl), str(rq), "-f", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "?y"
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert len(listing.splitlines()) == len(list_queries()) and "[town=苇岗镇]" in listing


@pytest.mark.parametrize(
    "argv, message",
    [
        (["-e", "DELETE WHERE { ?s ?p ?o }"], "refused"),
        (["--name", "nope"], "no named query"),
        (["-e", "SELECT * {}", "--name", "reports_per_year"], "exactly one"),
        (["--name", "mechanism_pairs", "-p", "minTowns"], "VAR=VALUE"),
        # -p names a variable the query does not have: it was once ignored without a word.
        (["-e", "SELECT ?t WHERE { ?t a fz:Town }", "-p", "nope=1"], "no variable ?nope"),
        (["-e", "SELECT * { ?s ?p ?o FILTER(?s = ?t) }", "-p", "t:iri=a> } {"], "absolute IRI"),
        (["-e", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "SERVICE"),
    ],
)
def test_cli_query_errors_are_one_line(hand_ttl, capsys, argv, message):
    assert main(["query", str(hand_ttl), *argv]) == 64
    err = capsys.readouterr().err
    assert err.startswith("kg: error:") and message in err and len(err.strip().splitlines()) == 1


def test_readme_shows_every_named_query():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme[readme.index("## Querying with SPARQL") :]
    for query in list_queries():
        assert f"#### `{query.name}`" in section and f"--name {query.name}" in section, query.name
