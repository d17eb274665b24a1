"""Graph files loaded into Oxigraph: a large file is loaded once into a store kept beside it."""

from __future__ import annotations

import pytest

import kg.query.store
from kg.analysis.cooccurrence import cooccurrence, town_sets
from kg.query.store import OxigraphStore, load_town_facts, open_graph

TRIPLE = '<https://example.org/s> <https://example.org/p> "{}" .\n'


@pytest.fixture
def graph_file(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.query.store, "KEPT_STORE_BYTES", 0)  # every file counts as large
    path = tmp_path / "graph.nt"
    path.write_text(TRIPLE.format("一"), "utf-8")
    return path


def test_a_large_graph_is_loaded_once_and_reopened(graph_file, monkeypatch):
    assert len(open_graph(graph_file)) == 1
    assert (graph_file.parent / ".graph.nt.oxigraph" / "SOURCE").is_file()
    monkeypatch.setattr(OxigraphStore, "from_path", lambda *a, **k: pytest.fail("loaded again"))
    assert len(open_graph(graph_file.parent)) == 1


def test_a_changed_graph_is_loaded_again(graph_file):
    open_graph(graph_file)
    graph_file.write_text(TRIPLE.format("一") + TRIPLE.format("二"), "utf-8")
    assert len(open_graph(graph_file)) == 2


def test_a_folder_that_cannot_be_written_falls_back_to_memory(graph_file, monkeypatch):
    real = OxigraphStore.from_path.__func__

    def refuse_disk(cls, path, directory=None):
        if directory is not None:
            raise PermissionError(13, "Permission denied")
        return real(cls, path)

    monkeypatch.setattr(OxigraphStore, "from_path", classmethod(refuse_disk))
    assert len(open_graph(graph_file)) == 1
    assert not (graph_file.parent / ".graph.nt.oxigraph").exists()


@pytest.mark.parametrize("stance", ["adopted", "planned", "any"])
def test_town_facts_give_the_analyses_of_the_whole_graph(example_build, stance):
    result, out = example_build
    facts = load_town_facts(out)
    assert len(facts) < len(result.graph) / 4
    assert cooccurrence(facts, stance) == cooccurrence(result.graph, stance)
    assert town_sets(facts, stance) == town_sets(result.graph, stance)
