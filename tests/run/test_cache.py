"""The extraction cache: keyed by content and extractor version, one re-extraction per new report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import kg.run.engines
from kg.graph.triples import build_graph
from kg.pipeline import build
from kg.run.cache import ReportCache, extractor_version
from kg.run.engines import ExtractOptions, extract_files
from kg.run.report import extract_report

REPORT = "浙江省松阳县青禾镇人民政府\n青禾镇2023年法治政府建设情况报告\n一、主要举措\n全面落实合法性审查。"


@pytest.fixture()
def corpus(tmp_path, example_files) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in example_files[:3]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture()
def counted(monkeypatch):
    """Count real extractions (cache misses) in this process."""
    calls: list[Path] = []
    real = kg.run.engines.extract_one

    def spy(path):
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(kg.run.engines, "extract_one", spy)
    return calls


def test_version_is_stable_and_short():
    assert extractor_version() == extractor_version()
    assert len(extractor_version()) == 16


@pytest.mark.parametrize(
    "content, suffix, same_key",
    [
        (REPORT, ".txt", True),  # same bytes, same suffix: same key
        (REPORT + "。", ".txt", False),  # one more character: another key
        (REPORT, ".html", False),  # HTML is read differently: another key
    ],
)
def test_key_follows_content_and_suffix(tmp_path, content, suffix, same_key):
    cache = ReportCache(tmp_path / "c")
    a, b = tmp_path / "a.txt", tmp_path / f"b{suffix}"
    a.write_text(REPORT, "utf-8")
    b.write_text(content, "utf-8")
    assert (cache.key(a) == cache.key(b)) is same_key


def test_hit_returns_equal_report_relabelled(tmp_path):
    cache = ReportCache(tmp_path / "c")
    a, b = tmp_path / "a.txt", tmp_path / "copy.txt"
    a.write_text(REPORT, "utf-8")
    b.write_text(REPORT, "utf-8")
    report = extract_report(a)
    cache.put(cache.key(a), report)
    hit = cache.get(cache.key(b), b)
    assert hit.document.source.path == str(b)
    assert hit.mentions == report.mentions and hit.place == report.place
    assert cache.get(cache.key(a), a) == report


def test_other_version_misses(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(REPORT, "utf-8")
    ReportCache(tmp_path / "c", version="v1").put(
        ReportCache(tmp_path / "c").key(a), extract_report(a)
    )
    other = ReportCache(tmp_path / "c", version="v2")
    assert other.get(other.key(a), a) is None


def test_damaged_entry_is_a_miss(tmp_path):
    cache = ReportCache(tmp_path / "c")
    a = tmp_path / "a.txt"
    a.write_text(REPORT, "utf-8")
    key = cache.key(a)
    cache.put(key, extract_report(a))
    next((tmp_path / "c").rglob("*.pickle")).write_bytes(b"not a pickle")
    assert cache.get(key, a) is None


def test_adding_one_report_extracts_one(corpus, tmp_path, counted, example_files):
    options = ExtractOptions(cache_dir=tmp_path / "cache")
    first = dict(extract_files(sorted(corpus.iterdir()), options=options))
    assert len(counted) == 3
    counted.clear()
    new = corpus / example_files[3].name
    shutil.copy(example_files[3], new)
    second = dict(extract_files(sorted(corpus.iterdir()), options=options))
    assert counted == [new]
    uncached = [extract_report(p) for p in sorted(corpus.iterdir())]
    assert isomorphic(build_graph(second.values()), build_graph(uncached))
    assert {p: r.mentions for p, r in first.items()} == {p: second[p].mentions for p in first}


def test_build_with_cache_gives_the_same_graph(corpus, tmp_path):
    options = ExtractOptions(cache_dir=tmp_path / "cache")
    cold = build([corpus], validate_graph=False, extraction=options)
    warm = build([corpus], validate_graph=False, extraction=options)
    plain = build([corpus], validate_graph=False)
    assert isomorphic(cold.graph, plain.graph) and isomorphic(warm.graph, plain.graph)


def test_errors_are_not_cached(tmp_path, counted):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    options = ExtractOptions(cache_dir=tmp_path / "cache")
    for _ in range(2):
        [(_, outcome)] = list(extract_files([empty], options=options))
        assert type(outcome).__name__ == "InputError"
    assert counted == [empty, empty]
