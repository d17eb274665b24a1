"""Streaming graph files: the same graph as an in-memory build, written report by report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from kg.graph.stream import GraphFiles, KeySet, fragment_of, seen_key
from kg.graph.terms import Lit, rdflib_triple, render, shared_rdflib_triple, ttl_iri
from kg.graph.triples import integer, report_triples
from kg.ingest.structure import document_from_text
from kg.model import ExtractedReport, Place
from kg.namespaces import FZ, ID, PREFIXES, RDFS
from kg.pipeline import OUTPUTS, build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def both_builds(example_files, tmp_path_factory):
    memory, stream = tmp_path_factory.mktemp("memory"), tmp_path_factory.mktemp("stream")
    return (
        build(example_files, memory, in_memory=True),
        memory,
        build(example_files, stream, in_memory=False),
        stream,
    )


def test_streamed_files_hold_the_in_memory_graph(both_builds):
    in_memory, _, _, stream = both_builds
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt")):
        assert isomorphic(Graph().parse(stream / name, format=fmt), in_memory.graph), name


@pytest.mark.parametrize("name", sorted(OUTPUTS.values()))
def test_stream_and_memory_builds_write_the_same_bytes(both_builds, name):
    _, memory, _, stream = both_builds
    assert _contents(stream / name) == _contents(memory / name)


def test_one_process_writes_what_forked_copies_write(
    both_builds, example_files, tmp_path, monkeypatch
):
    """With another thread running no copy is forked (kg.run.engines.beside): the research
    tables and each report's own analysis triples are then made in the build's process, which
    swaps its writers' files for scratch files and back."""
    import threading

    _, _, _, stream = both_builds
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    build(example_files, tmp_path, in_memory=False)
    for name in ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld", "summary.json"):
        assert (tmp_path / name).read_bytes() == (stream / name).read_bytes(), name
    assert [p.name for p in (tmp_path / ".kg").rglob(".scratch-*")] == []


def _contents(path: Path) -> bytes | dict[str, bytes]:
    """A file's bytes, or each file's of a folder (the site) by its path there."""
    if not path.is_dir():
        return path.read_bytes()
    return {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}


def test_stream_build_keeps_only_town_facts_and_writes_every_output(both_builds):
    in_memory, _, streamed, stream = both_builds
    assert streamed.streamed and streamed.reports == ()
    assert len(streamed.graph) < len(in_memory.graph) / 2
    assert streamed.summary()["triples"] == len(in_memory.graph)
    assert streamed.summary()["entities"] == in_memory.summary()["entities"]
    written = {p.name for p in stream.iterdir() if not p.name.startswith(".")}
    assert written == set(OUTPUTS.values())
    assert streamed.validation == in_memory.validation and streamed.validation.conforms
    assert not [p for p in streamed.problems if p.category != "partial"]


@pytest.mark.slow  # real builds in subprocesses
def test_graph_files_are_byte_identical_across_hash_seeds_and_jobs(example_files, tmp_path):
    script = (
        "import sys; from kg.pipeline import build; from kg.run.engines import ExtractOptions; "
        "build(sys.argv[3:], sys.argv[1], formats=('ttl', 'nt'), in_memory=False, "
        "extraction=ExtractOptions(jobs=int(sys.argv[2]), min_per_worker=1))"
    )
    outputs = []
    for seed, jobs in (("1", "1"), ("2", "2")):
        out = tmp_path / f"run{seed}"
        subprocess.run(
            [sys.executable, "-c", script, str(out), jobs, *map(str, example_files)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outputs.append(out)
    for name in ("graph.ttl", "graph.nt"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes()


def _report(text: str) -> ExtractedReport:
    place = Place("青禾镇", confidence=1.0, how="test")
    return ExtractedReport(document_from_text(text), place, ())


def test_a_triple_two_reports_write_is_written_once(tmp_path):
    first = _report("青禾镇2022年法治政府建设情况报告")
    second = _report("青禾镇2023年法治政府建设情况报告")
    with GraphFiles({"nt": tmp_path / "graph.nt"}) as files:
        files.add(report_triples(first))
        files.add(report_triples(second))
        files.commit()
    lines = (tmp_path / "graph.nt").read_text("utf-8").splitlines()
    town_labels = [line for line in lines if f'<{RDFS.label}> "青禾镇"@zh' in line]
    assert len(town_labels) == 1
    assert len(lines) == len(set(lines))


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "graph.nt"
    target.write_text("old\n", "utf-8")
    with pytest.raises(KeyboardInterrupt):
        with GraphFiles({"nt": target}) as files:
            files.add(report_triples(_report("青禾镇2023年法治政府建设情况报告")))
            raise KeyboardInterrupt
    assert target.read_text("utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


@pytest.mark.parametrize(
    "text",
    [
        '他说"依法行政"',
        "两行\n文字",
        "反斜杠\\n不是换行",
        "制表\t符",
        '"""三引号"""',
        "控制\x07字符",
        "<script>alert(1)</script>",
        "末尾反斜杠\\",
    ],
)
def test_any_report_text_round_trips_through_turtle(text):
    subject = str(ID["report/x"])
    triples = [
        (subject, str(FZ.text), Lit(text)),
        (subject, str(RDFS.label), Lit(text, "zh")),
        (subject, str(FZ.start), integer(3)),
    ]
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    graph = Graph().parse(
        data=prefixes + render(triples, ("ttl",))["ttl"].decode("utf-8"), format="turtle"
    )
    assert set(graph.objects(None, FZ.text)) == {Literal(text)}
    assert set(graph.objects(None, RDFS.label)) == {Literal(text, lang="zh")}


@pytest.mark.parametrize(
    ("iri", "written"),
    [
        ("https://w3id.org/fazhi-kg/ontology#adopts", "fz:adopts"),
        ("https://w3id.org/fazhi-kg/id/mechanism/legality-review", "fzm:legality-review"),
        ("https://w3id.org/fazhi-kg/id/town/0a1b", "<https://w3id.org/fazhi-kg/id/town/0a1b>"),
        (
            "https://w3id.org/fazhi-kg/ontology#has.dot",
            "<https://w3id.org/fazhi-kg/ontology#has.dot>",
        ),
        ("https://example.org/x", "<https://example.org/x>"),
    ],
)
def test_iris_are_shortened_only_where_turtle_allows(iri, written):
    assert ttl_iri(iri) == written


def test_a_fragment_splits_own_and_shared_triples():
    triples = report_triples(_report("青禾镇2023年法治政府建设情况报告"))
    fragment = fragment_of(triples, ("nt",))
    own = fragment.text["nt"].decode("utf-8").splitlines()
    assert len(own) == fragment.counts.triples == len(triples) - len(fragment.shared)
    assert all(
        line.startswith(f"<{ID['report/']}") or line.startswith(f"<{ID['source/']}") for line in own
    )
    assert all(s.startswith(str(ID["town/"])) for s, _, _ in fragment.shared)


_TOWN = "https://w3id.org/fazhi-kg/id/town/1"
_ADOPTS = "https://w3id.org/fazhi-kg/ontology#adopts"


@pytest.mark.parametrize(
    ("first", "second", "shared"),
    [
        (
            (_TOWN, _ADOPTS, "https://w3id.org/fazhi-kg/mechanism/a"),
            (_TOWN, _ADOPTS, "https://w3id.org/fazhi-kg/mechanism/a"),
            (True, True),
        ),
        (
            (_TOWN, _ADOPTS, "https://w3id.org/fazhi-kg/mechanism/a"),
            (_TOWN, _ADOPTS, "https://w3id.org/fazhi-kg/mechanism/b"),
            (True, False),
        ),
        (
            (_TOWN, "http://www.w3.org/2000/01/rdf-schema#label", Lit("青禾镇", "zh")),
            (_TOWN, "http://www.w3.org/2000/01/rdf-schema#label", Lit("青禾镇", "zh")),
            (True, False),
        ),
    ],
)
def test_kept_triples_share_equal_subjects_and_iri_objects(first, second, shared):
    # The town facts a build keeps share their terms; the triples stay what they were.
    seen: dict = {}
    a = shared_rdflib_triple(first, seen)
    b = shared_rdflib_triple(second, seen)
    assert (a, b) == (rdflib_triple(first), rdflib_triple(second))
    assert (a[0] is b[0], a[2] is b[2]) == shared


@pytest.mark.parametrize(
    ("batches", "expected"),
    [
        ([[1, 2, 1], [2, 3]], [[True, True, False], [False, True]]),
        # equal high halves, other low halves: both new, then both known
        (
            [[5 << 64 | 1, 5 << 64 | 2], [5 << 64 | 2, 5 << 64 | 1, 5 << 64]],
            [[True, True], [False, False, True]],
        ),
        # spilled to runs (two keys a run) and merged: still known, the new ones new
        (
            [[1, 2], [3, 4], [5, 6], [7, 8], [1, 8, 9, 2**127 + 7]],
            [[True, True]] * 4 + [[False, False, True, True]],
        ),
    ],
)
def test_a_key_set_tells_new_keys_from_any_held_before(batches, expected):
    keys = KeySet(recent_keys=2, run_keys=4)
    assert [keys.first(batch) for batch in batches] == expected
    assert len(keys) == len({k for batch in batches for k in batch})


def test_a_key_set_agrees_with_a_set_on_many_keys():
    keys, held = KeySet(recent_keys=64, run_keys=512), set()
    for start in range(0, 5000, 97):
        batch = [seen_key(str(i % 1700)) for i in range(start, start + 131)]
        expected = []
        for key in batch:
            expected.append(key not in held)
            held.add(key)
        assert keys.first(batch) == expected
    assert len(keys) == len(held) and len(keys.runs) > 1
