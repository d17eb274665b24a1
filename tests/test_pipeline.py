"""The whole pipeline on the real seeds and the bundled examples."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.model import EntityType as T
from kg.namespaces import FZ, RDF
from kg.output.cooccurrence import pairs_csv
from kg.pipeline import BUILD_GC_THRESHOLDS, build

ROOT = Path(__file__).resolve().parents[1]


def test_seed_build_finds_every_town_with_year(seed_build):
    result, _ = seed_build
    found = {(r.document.town, r.document.year) for r in result.reports}
    assert found == {
        ("大吉山镇", 2022),
        ("黄鹤镇", 2022),
        ("珠龙镇", 2020),
        ("云台镇", 2024),
        ("凤岗镇", 2023),
    }
    assert len(set(result.graph.subjects(RDF.type, FZ.Town))) == 5


def test_seed_build_extracts_every_family_in_every_report(seed_build):
    result, _ = seed_build
    for report in result.reports:
        types = {m.type for m in report.mentions}
        name = report.document.town
        for needed in (T.MECHANISM, T.LAW, T.INITIATIVE, T.INDICATOR):
            assert needed in types, f"{name}: no {needed.value}"


def test_seed_build_official_with_post_where_the_report_names_one(seed_build):
    result, _ = seed_build
    report = next(r for r in result.reports if r.document.town == "大吉山镇")
    officials = {(m.key, m.attr("post")) for m in report.mentions if m.type == T.OFFICIAL}
    assert ("谭永锋", "党委书记") in officials


def test_seed_build_conforms_and_writes_outputs(seed_build):
    result, out = seed_build
    assert result.validation.conforms, result.validation.violations[:5]
    for name in ("graph.ttl", "graph.html", "cooccurrence.csv", "summary.json"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "problems.jsonl").read_text("utf-8").count("\n") == len(result.problems)
    parsed = Graph().parse(out / "graph.ttl", format="turtle")
    assert isomorphic(parsed, result.graph)
    html = (out / "graph.html").read_text("utf-8")
    assert "大吉山镇" in html and "vis.Network" in html


def test_seed_cooccurrence_has_pairs_shared_by_towns(seed_build):
    result, out = seed_build
    assert result.pairs and result.pairs[0].towns >= 3
    csv_lines = (out / "cooccurrence.csv").read_text("utf-8-sig").splitlines()
    assert csv_lines[0].startswith("mechanism_a,label_a,mechanism_b,label_b,towns")
    assert len(csv_lines) == len(result.pairs) + 1
    # written row by row, read from the town facts the build kept: the rows of result.pairs
    assert (out / "cooccurrence.csv").read_text("utf-8") == pairs_csv(result.pairs)


@pytest.mark.slow  # real builds in subprocesses
def test_build_is_byte_identical_across_runs_and_file_order(seed_files, tmp_path):
    script = (
        "import sys; from kg.pipeline import build; from kg.output.rdf import turtle; "
        "sys.stdout.write(turtle(build(sys.argv[1:], validate_graph=False).graph))"
    )
    runs = []
    for seed, files in (("1", seed_files), ("2", list(reversed(seed_files)))):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append(
            subprocess.run(
                [sys.executable, "-c", script, *map(str, files)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                check=True,
            ).stdout
        )
    assert runs[0] == runs[1]


def test_example_build_has_no_problems_and_links_repeat_towns(example_files, tmp_path):
    result = build(example_files, tmp_path, in_memory=True)
    assert len(result.reports) == len(example_files) >= 8
    assert [p for p in result.problems if p.category == "skipped"] == []
    towns = set(result.graph.subjects(RDF.type, FZ.Town))
    assert len(towns) < len(result.reports)  # two towns report twice
    assert result.validation.conforms


def test_bad_file_is_reported_and_the_batch_goes_on(seed_files, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    result = build([seed_files[0], bad, empty, tmp_path / "missing.txt"])
    assert len(result.reports) == 1
    reasons = {Path(p.path).name: (p.category, p.reason) for p in result.problems}
    assert reasons["broken.txt"][0] == "skipped" and "binary" in reasons["broken.txt"][1]
    assert "empty" in reasons["empty.txt"][1]
    assert reasons["missing.txt"] == ("skipped", "no such file or folder")


def test_a_build_gives_back_the_collector_thresholds(example_files, tmp_path):
    before = gc.get_threshold()
    assert before != BUILD_GC_THRESHOLDS  # else the test shows nothing
    build(example_files[:1], tmp_path / "out", formats=("ttl",))
    assert gc.get_threshold() == before


def test_duplicate_content_is_counted_once(seed_files, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_files[0].read_bytes())
    result = build([seed_files[0], copy], validate_graph=False)
    assert len(result.reports) == 1
    assert any("same content as" in p.reason for p in result.problems)


def test_missing_cjk_font_skips_only_the_heat_map(example_files, tmp_path, monkeypatch):
    import kg.pipeline
    from kg.errors import UsageError

    def no_font():
        raise UsageError(
            "no font with Chinese glyphs found for the heat map: install fonts-wqy-microhei"
        )

    monkeypatch.setattr(kg.pipeline, "cjk_font", no_font)
    result = build(example_files[:2], tmp_path, formats=["ttl", "heatmap"], validate_graph=False)
    assert (tmp_path / "graph.ttl").exists() and not (tmp_path / "cooccurrence.png").exists()
    warning = [p for p in result.problems if p.path == "cooccurrence.png"]
    assert (
        warning and warning[0].category == "warning" and "fonts-wqy-microhei" in warning[0].reason
    )


@pytest.mark.parametrize(
    "formats, site_written",
    [
        (("all",), False),  # past SITE_REPORTS: kg serve shows the pages instead
        (("ttl", "site"), True),  # named: written at any size
    ],
)
def test_site_is_written_past_its_size_only_when_named(
    example_files, tmp_path, monkeypatch, formats, site_written
):
    monkeypatch.setattr("kg.pipeline.SITE_REPORTS", 2)
    result = build(example_files[:3], tmp_path, formats=formats, validate_graph=False)
    assert (tmp_path / "site" / "index.html").is_file() == site_written
    warned = [p for p in result.problems if p.path == "site"]
    assert (warned == []) == site_written
    if warned:
        assert warned[0].category == "warning" and "kg serve" in warned[0].reason
        assert '"path": "site"' in (tmp_path / "problems.jsonl").read_text("utf-8")


def test_a_build_that_spills_to_its_scratch_databases_writes_the_same(
    example_files, tmp_path, monkeypatch
):
    """The shared triples and the entity rows stay in memory up to a size, then go to SQLite:
    the same validation and the same files either way."""
    from kg.graph.validate import SharedTriples
    from kg.output.tables import EntityTable

    formats = ("ttl", "entities", "summary")
    kept = build(example_files, tmp_path / "kept", formats=formats)
    monkeypatch.setattr(SharedTriples, "IN_MEMORY", 0)
    monkeypatch.setattr(EntityTable, "IN_MEMORY", 0)
    spilled = build(example_files, tmp_path / "spilled", formats=formats)
    assert spilled.validation == kept.validation and kept.validation is not None
    for name in ("graph.ttl", "entities.csv", "summary.json"):
        assert (tmp_path / "spilled" / name).read_bytes() == (tmp_path / "kept" / name).read_bytes()
