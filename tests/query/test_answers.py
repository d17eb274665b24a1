"""The named queries' answers a build stores (kg/query/answers.py): row for row the SPARQL
answer on the whole graph, for the examples, the seeds and the real openings, and SPARQL
again whenever the stored rows might not be the answer."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil

import pytest

from kg.pipeline import build
from kg.query.answers import ANSWER_FILE, FROM_TOWN_FACTS, stored_answer
from kg.query.sparql import load_query
from kg.query.store import OxigraphStore, query_file


@pytest.fixture(scope="module")
def streamed(tmp_path_factory, request):
    """``make(corpus)``: a streaming build (the town facts kept as rows, as every build
    that writes files keeps them) of the graph files alone, made once per corpus."""
    made = {}

    def make(corpus: str):
        if corpus not in made:
            files = request.getfixturevalue(f"{corpus}_files")
            out = tmp_path_factory.mktemp(f"answers-{corpus}")
            build(files, out, formats=("ttl", "nt"), validate_graph=False)
            made[corpus] = out
        return made[corpus]

    return make


@pytest.mark.parametrize("corpus", ["example", "seed", "real"])
@pytest.mark.parametrize("graph_file", ["graph.ttl", "graph.nt"])
def test_stored_answers_are_the_sparql_answers(streamed, corpus, graph_file):
    out = streamed(corpus)
    store = OxigraphStore.from_path(out / graph_file)
    for name in FROM_TOWN_FACTS:
        query = load_query(name)
        stored = stored_answer(out / graph_file, query)
        assert stored is not None, name
        sparql = query.run(store)
        assert stored.columns == sparql.columns, name
        assert stored.terms == sparql.terms, name  # the same rows, in the same order
        assert stored.rows == sparql.rows, name
    assert sum(len(stored_answer(out / "graph.ttl", load_query(n)).rows) for n in FROM_TOWN_FACTS)


def test_a_build_kept_in_memory_stores_the_same_answers(example_build, streamed):
    _, kept = example_build
    out = streamed("example")
    for name in FROM_TOWN_FACTS:
        a = stored_answer(kept / "graph.ttl", load_query(name))
        b = stored_answer(out / "graph.ttl", load_query(name))
        assert a is not None and b is not None, name
        assert a.terms == b.terms, name


def test_kg_query_reads_the_stored_rows(streamed, monkeypatch):
    out = streamed("example")
    expected = load_query("mechanism_pairs").run(OxigraphStore.from_path(out / "graph.ttl"))
    # Were the SPARQL run, this store would fail: the rows come from the stored answer.
    monkeypatch.setattr("kg.query.store.open_graph", pytest.fail)
    found = query_file(out, name="mechanism_pairs")
    assert found.rows == expected.rows
    assert query_file(out, name="mechanism_pairs", params={"minTowns": "2"}).rows == found.rows
    cut = query_file(out, name="mechanism_pairs", max_rows=3)
    assert cut.rows == found.rows[:3] and cut.truncated


@pytest.mark.parametrize(
    ("params", "change"),
    [
        ({"minTowns": "3"}, None),  # another value than the default
        ({}, "graph"),  # graph.ttl is not the file the answer was made with
        ({}, "touched"),  # graph.ttl written again after the answer, to the same size
        ({}, "query"),  # the query's text is not the one that made the answer
        ({}, "damaged"),  # the answer file cannot be read
        ({}, "missing"),
    ],
)
def test_sparql_answers_where_the_stored_rows_might_not_be_the_answer(
    streamed, tmp_path, params, change
):
    source = streamed("example")
    out = tmp_path / "out"
    out.mkdir()
    current = (source / "graph.ttl").resolve().parent
    for name in ("graph.ttl", ANSWER_FILE.format(name="mechanism_pairs")):
        shutil.copy2(current / name, out / name)  # with its times, as the build left it
    query = load_query("mechanism_pairs")
    assert stored_answer(out / "graph.ttl", query) is not None
    answer = out / ANSWER_FILE.format(name="mechanism_pairs")
    if change == "graph":
        with (out / "graph.ttl").open("a", encoding="utf-8") as file:
            file.write(
                "<https://w3id.org/fazhi-kg/id/town/x> a <https://w3id.org/fazhi-kg/ontology#Town> .\n"
            )
    elif change == "touched":
        stat = (out / "graph.ttl").stat()
        os.utime(out / "graph.ttl", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    elif change == "query":
        query = dataclasses.replace(query, text=query.text + "\n# edited\n")
    elif change == "damaged":
        answer.write_text(answer.read_text("utf-8")[:100], "utf-8")
    elif change == "missing":
        answer.unlink()
    assert stored_answer(out / "graph.ttl", query, params) is None
    expected = query.run(OxigraphStore.from_path(out / "graph.ttl"), params)
    assert query_file(out, name="mechanism_pairs", params=params).rows == expected.rows


def test_the_answer_file_says_what_it_was_made_from(streamed):
    current = (streamed("seed") / "graph.ttl").resolve().parent
    document = json.loads((current / ANSWER_FILE.format(name="planned_not_adopted")).read_text())
    assert document["params"] == {"town": ""}
    assert document["graphs"]["graph.ttl"] == (current / "graph.ttl").stat().st_size
    assert document["results"]["head"]["vars"] == ["town", "mechanism", "reports"]
