"""`kg cooccur`, `kg towns` and the build's co-occurrence outputs, on hand-made graphs, seeds and examples."""

from __future__ import annotations

import csv
import json
import math

import pytest
from rdflib import Graph, Literal

import kg.query.store
from kg.cli import main
from kg.namespaces import FZ, ID, MECHANISM, RDF, RDFS, SKOS
from kg.output.html import page_data
from kg.query.sparql import run_named

LABELS = {"A": "合法性审查", "B": "政务公开", "C": "枫桥经验", "D": "政府法律顾问制度"}
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
FORMATS = ("ttl", "cooccurrence", "network", "heatmap")


def _hand_graph() -> Graph:
    g = Graph()
    for town, mechs in HAND.items():
        g.add((ID[f"town/{town}"], RDF.type, FZ.Town))
        g.add((ID[f"town/{town}"], RDFS.label, Literal(town, lang="zh")))
        for m in mechs:
            g.add((ID[f"town/{town}"], FZ.adopts, MECHANISM[m]))
            g.add((MECHANISM[m], SKOS.prefLabel, Literal(LABELS[m], lang="zh")))
    return g


@pytest.fixture()
def hand_out(tmp_path):
    _hand_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    return tmp_path


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _json(path):
    return json.loads(path.read_text("utf-8"))


def _pairs(doc) -> dict[frozenset, dict]:
    return {frozenset((p["a_label"], p["b_label"])): p for p in doc["pairs"]}


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--help"], ["cooccur", "towns"]),
        (
            ["cooccur", "--help"],
            ["--measure", "--min-towns", "--section", "--top", "OUT_OR_REPORTS"],
        ),
        (["towns", "--help"], ["--measure", "--section", "--top"]),
    ],
)
def test_help(argv, words, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    out = capsys.readouterr().out
    assert info.value.code == 0 and all(w in out for w in words)


def test_cooccur_prints_and_writes_the_hand_computed_pairs(hand_out, capsys):
    assert main(["cooccur", str(hand_out), "--min-towns", "1"]) == 0
    out = capsys.readouterr().out
    assert "10 towns, 4 mechanisms (adopted); 4 pairs in 1 or more towns, by jaccard" in out
    first = next(line for line in out.splitlines() if line.startswith("合法性审查"))
    assert first.split()[:9] == [
        "合法性审查",
        "政务公开",
        "4",
        "5",
        "5",
        "2.5",
        "0.6667",
        "0.103",
        "0.31",
    ]
    rows = _csv(hand_out / "cooccur-adopted.csv")
    assert [(r["label_a"], r["label_b"], r["towns"]) for r in rows] == [
        ("合法性审查", "政务公开", "4"),
        ("合法性审查", "政府法律顾问制度", "1"),
        ("政务公开", "政府法律顾问制度", "1"),
        ("政务公开", "枫桥经验", "1"),
    ]
    assert float(rows[0]["p_value"]) == pytest.approx(26 / 252, rel=1e-5)
    assert rows[1]["p_value"] == "" and "smallest possible p=0.5" in rows[1]["note"]
    doc = _json(hand_out / "cooccur-adopted.json")
    assert (doc["n_towns"], doc["measure"], doc["stance"]) == (10, "jaccard", "adopted")
    ab = _pairs(doc)[frozenset(("合法性审查", "政务公开"))]
    assert ab["town_labels"] == ["t01", "t02", "t03", "t04"]
    assert ab["q_value"] == pytest.approx(78 / 252) and ab["npmi"] == pytest.approx(
        math.log(1.6) / -math.log(0.4), abs=1e-4
    )
    assert {m["label"]: m["community"] for m in doc["mechanisms"]}["枫桥经验"] == 0


@pytest.mark.parametrize(
    "options, file, first_pair, printed_rows",
    [
        (
            ["--measure", "lift", "--min-towns", "1"],
            "cooccur-adopted.json",
            {"合法性审查", "政府法律顾问制度"},
            4,
        ),
        (
            ["--measure", "cosine", "--top", "1", "--min-towns", "1"],
            "cooccur-adopted.json",
            {"合法性审查", "政务公开"},
            1,
        ),
        (["--section", "planned"], "cooccur-planned.json", None, 0),
        (
            ["--section", "any", "--measure", "npmi"],
            "cooccur-any.json",
            {"合法性审查", "政务公开"},
            1,
        ),
    ],
)
def test_cooccur_options(hand_out, capsys, options, file, first_pair, printed_rows):
    assert main(["cooccur", str(hand_out), *options]) == 0
    assert f"({printed_rows} rows)" in capsys.readouterr().out
    pairs = _json(hand_out / file)["pairs"]
    assert (set((pairs[0]["a_label"], pairs[0]["b_label"])) if pairs else None) == first_pair


def test_out_option_and_ttl_file(hand_out, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert main(["cooccur", str(hand_out / "graph.ttl"), "-o", str(elsewhere)]) == 0
    assert (elsewhere / "cooccur-adopted.csv").is_file() and not (
        hand_out / "cooccur-adopted.csv"
    ).exists()


def test_towns_prints_nearest_towns_and_writes_files(hand_out, capsys):
    assert main(["towns", str(hand_out), "--top", "1"]) == 0
    out = capsys.readouterr().out
    # t02, t03 and t04 all adopt exactly {A, B}: ties go to the first label.
    assert next(line for line in out.splitlines() if line.startswith("t02")).split()[1:] == [
        "t03",
        "1",
        "(2)",
    ]
    doc = _json(hand_out / "towns-adopted.json")
    nearest = {(r["town_label"], r["other_label"], r["similarity"]) for r in doc["nearest"]}
    assert {("t02", "t03", 1.0), ("t01", "t02", 0.6667), ("t06", "t07", 0.5)} <= nearest
    assert {(u["town_label"], u["mechanism_label"]) for u in doc["unique"]} == {
        ("t01", "政府法律顾问制度")
    }
    rows = _csv(hand_out / "towns-adopted.csv")
    assert len(rows) == len(doc["pairs"]) > 0


def test_towns_all_pairs(hand_out, capsys):
    assert main(["towns", str(hand_out), "--top", "1"]) == 0
    nearest_only = len(_csv(hand_out / "towns-adopted.csv"))
    assert main(["towns", str(hand_out), "--top", "1", "--all-pairs"]) == 0
    # Pairs sharing a mechanism: within t01..t06 (A or B) all 15 but t05-t06 (A vs B, C),
    # within t06..t10 (C) all 10.
    assert len(_csv(hand_out / "towns-adopted.csv")) == 24 > nearest_only


@pytest.mark.parametrize(
    "argv",
    [
        ["cooccur", "{out}", "--top", "0"],
        ["cooccur", "{out}", "--min-towns", "0"],
        ["towns", "{out}", "--top", "0"],
        ["cooccur", "{out}/missing.txt"],
    ],
)
def test_usage_errors_are_one_clean_line(hand_out, capsys, argv):
    assert main([a.format(out=hand_out) for a in argv]) == 64
    err = capsys.readouterr().err
    assert err.startswith("kg: error:") and len(err.strip().splitlines()) == 1


def test_unknown_measure_is_refused_by_the_parser(hand_out, capsys):
    with pytest.raises(SystemExit) as info:
        main(["cooccur", str(hand_out), "--measure", "dice"])
    assert info.value.code == 64 and "invalid choice" in capsys.readouterr().err


# --- the real seeds and the bundled examples --------------------------------------------------


@pytest.fixture(scope="module")
def seed_out(seed_build):
    return seed_build


@pytest.fixture(scope="module")
def example_out(example_build):
    return example_build


def _check_build_outputs(result, out):
    rows = _csv(out / "cooccurrence.csv")
    assert len(rows) == len(result.pairs) > 0
    assert {"p_value", "q_value", "note", "lift", "npmi"} <= set(rows[0])
    html = (out / "cooccurrence.html").read_text("utf-8")
    data = page_data(html)
    assert "vis.Network" in html and "合法性审查" in {n["label"] for n in data["nodes"]}
    assert {"社群 1", "所有乡镇都有 in every town"} <= {item["label"] for item in data["legend"]}
    assert any("共同乡镇" in e["tooltip"] for e in data["edges"])
    assert all(n["towns"] for n in data["nodes"])  # the page can filter mechanisms by town
    assert (out / "cooccurrence.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def _check_sparql_agrees(graph, doc):
    sparql = {
        (frozenset(r[:2]), int(r[2]))
        for r in run_named(graph, "mechanism_pairs", {"minTowns": "2"}).rows
    }
    assert sparql == {(key, p["towns"]) for key, p in _pairs(doc).items()} and sparql


def test_seeds_outputs_and_hand_checked_pairs(seed_out, tmp_path, capsys):
    result, out = seed_out
    _check_build_outputs(result, out)
    assert main(["cooccur", str(out), "-o", str(tmp_path)]) == 0
    assert "p, q: too few towns to test (N=5 < 10)" in capsys.readouterr().out
    doc = _json(tmp_path / "cooccur-adopted.json")
    pairs = _pairs(doc)
    assert doc["n_towns"] == 5
    # Every seed report names 合法性审查/审核 and 政务(信息)公开 in its achievements.
    both = pairs[frozenset(("合法性审查", "政务公开"))]
    assert set(both["town_labels"]) == {"大吉山镇", "黄鹤镇", "珠龙镇", "云台镇", "凤岗镇"}
    assert both["note"] == "too few towns to test (N=5 < 10)"
    assert {m["label"] for m in doc["mechanisms"] if m["everywhere"]} >= {"合法性审查", "政务公开"}
    # 云台镇's report names neither a legal adviser nor dispute screening; the other four name both.
    pair = pairs[frozenset(("政府法律顾问制度", "矛盾纠纷排查调处"))]
    assert set(pair["town_labels"]) == {"大吉山镇", "黄鹤镇", "珠龙镇", "凤岗镇"}
    assert pair["p_value"] is None and pair["note"] == "too few towns to test (N=5 < 10)"
    assert all(p["p_value"] is None for p in doc["pairs"])
    _check_sparql_agrees(result.graph, doc)


def test_examples_outputs_and_hand_checked_pairs(example_out, tmp_path, capsys):
    result, out = example_out
    _check_build_outputs(result, out)
    assert main(["cooccur", str(out), "--measure", "npmi", "-o", str(tmp_path)]) == 0
    doc = _json(tmp_path / "cooccur-adopted.json")
    assert doc["n_towns"] == 6
    # 枫桥(式) and 第一议题 appear in the reports of 砚岭镇, 苇岗镇 (2024) and 苎溪镇 only.
    pair = _pairs(doc)[frozenset(("枫桥经验", "“第一议题”制度"))]
    assert set(pair["town_labels"]) == {"砚岭镇", "苇岗镇", "苎溪镇"}
    assert (pair["a_towns"], pair["b_towns"], pair["jaccard"]) == (3, 3, 1.0)
    _check_sparql_agrees(result.graph, doc)
    assert main(["towns", str(out), "-o", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "by year" in text  # the examples span 2019-2024
    towns = _json(tmp_path / "towns-adopted.json")
    assert {r["group"] for r in towns["by_year"]} == {
        "2019",
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
    }


def test_cooccur_builds_reports_in_memory(example_files, tmp_path, capsys):
    assert main(["cooccur", str(example_files[0]), "-o", str(tmp_path)]) == 0
    assert "1 towns" in capsys.readouterr().out
    assert _json(tmp_path / "cooccur-adopted.json")["n_towns"] == 1


def test_a_large_graph_is_analysed_from_its_town_facts(hand_out, capsys, monkeypatch):
    assert main(["cooccur", str(hand_out), "--min-towns", "1"]) == 0
    whole = (hand_out / "cooccur-adopted.json").read_text("utf-8")
    monkeypatch.setattr(kg.query.store, "KEPT_STORE_BYTES", 0)  # every graph counts as large
    assert main(["cooccur", str(hand_out), "--min-towns", "1"]) == 0
    assert "town facts only" in capsys.readouterr().err
    assert (hand_out / "cooccur-adopted.json").read_text("utf-8") == whole


@pytest.mark.parametrize("section", ["adopted", "planned", "any"])
def test_cooccur_on_a_build_reads_its_stored_tests_and_gives_the_same_files(
    example_out, tmp_path, capsys, monkeypatch, section
):
    """The pair tests a build stores make SciPy unneeded; the files are those computed afresh."""
    import kg.analysis.cooccurrence as analysis
    import kg.cli.cooccur

    _, out = example_out
    assert (out / ".kg" / "current" / ".pair_tests.json").is_file()
    with monkeypatch.context() as patch:  # computed afresh
        patch.setattr(kg.cli.cooccur, "stored_tests", lambda paths, stance: None)
        assert main(["cooccur", str(out), "--section", section, "-o", str(tmp_path / "a")]) == 0

    def no_scipy(*args, **kwargs):
        raise AssertionError("pair tests computed although the build stored them")

    with monkeypatch.context() as patch:
        patch.setattr(analysis, "pair_tests", no_scipy)
        assert main(["cooccur", str(out), "--section", section, "-o", str(tmp_path / "b")]) == 0
    for name in (f"cooccur-{section}.csv", f"cooccur-{section}.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
