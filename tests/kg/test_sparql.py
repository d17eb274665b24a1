"""The shipped named queries, run on the seed graph with asserted answers."""

from __future__ import annotations

import pytest

from kg.analysis import cooccurrence
from kg.errors import UsageError
from kg.pipeline import build
from kg.sparql import format_table, list_queries, load_query, run_query


@pytest.fixture(scope="module")
def seed_graph(seed_files):
    return build(seed_files, validate_graph=False).graph


def _rows(graph, name, **bindings):
    query = load_query(name)
    params = dict(query.params)
    params.update(bindings)
    return run_query(graph, query.text, params)


def test_at_least_five_named_queries_with_descriptions():
    queries = list_queries()
    assert len(queries) >= 5
    assert all(q.description for q in queries)


def test_towns_adopting_legality_review(seed_graph):
    result = _rows(seed_graph, "towns_adopting_mechanism")
    towns = {row[0] for row in result.rows}
    assert {"大吉山镇", "黄鹤镇", "珠龙镇", "云台镇", "凤岗镇"} >= towns
    assert {"大吉山镇", "凤岗镇", "云台镇"} <= towns


def test_towns_adopting_takes_a_parameter(seed_graph):
    result = _rows(seed_graph, "towns_adopting_mechanism", mechanismLabel="枫桥经验")
    assert {row[0] for row in result.rows} >= {"大吉山镇", "凤岗镇"}


def test_laws_cited_by_town(seed_graph):
    rows = {(r[0], r[1]) for r in _rows(seed_graph, "laws_cited_by_town").rows}
    assert ("凤岗镇", "中华人民共和国民法典") in rows
    assert ("珠龙镇", "安徽省行政执法监督条例") in rows


def test_officials_by_town(seed_graph):
    rows = {(r[0], r[2], r[3]) for r in _rows(seed_graph, "officials_by_town").rows}
    assert ("大吉山镇", "谭永锋", "党委书记") in rows


def test_mechanism_pairs_agree_with_the_analysis(seed_graph):
    sparql = {(frozenset((r[0], r[1])), int(r[2])) for r in _rows(seed_graph, "mechanism_pairs").rows}
    python = {(frozenset((p.a_label, p.b_label)), p.towns) for p in cooccurrence(seed_graph, min_towns=2)}
    assert sparql == python and sparql


def test_mechanism_evidence_quotes_the_report(seed_graph):
    rows = _rows(seed_graph, "mechanism_evidence").rows
    assert rows
    for town, mechanism, section, text, sentence, *_ in rows:
        assert text in sentence


def test_bad_query_and_unknown_name_are_usage_errors(seed_graph):
    with pytest.raises(UsageError, match="SPARQL"):
        run_query(seed_graph, "SELEC ?x WHERE {")
    with pytest.raises(UsageError, match="officials_by_town"):
        load_query("no_such_query")


def test_format_table_aligns_chinese():
    from kg.sparql import QueryResult
    table = format_table(QueryResult(("town", "n"), (("大吉山镇", "3"), ("x", None))))
    assert table.splitlines()[0] == "town      n"
    assert table.endswith("(2 rows)")
