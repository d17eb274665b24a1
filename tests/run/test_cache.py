"""The extraction cache: keyed by content and extractor version, one re-extraction per new report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import kg.run.engines
from kg.graph.triples import build_graph
from kg.pipeline import build
from kg.run.cache import ENTRY_FORMAT, ReportCache, extractor_version
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

    def spy(path, address=None):
        calls.append(Path(path))
        return real(path, address)

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
    next((tmp_path / "c").rglob("*.json")).write_bytes(b"not json")
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


# --- a planted or damaged cache (issue 12) -----------------------------------------------------


def _entry(tmp_path, cache, path) -> Path:
    key = cache.key(path)
    cache.put(key, extract_report(path))
    return next((tmp_path / "c").rglob(f"{key}.json"))


def test_a_planted_pickle_never_runs(tmp_path, example_files):
    """The cache once unpickled what it found: a file in OUT/.cache ran code on the next build."""
    import pickle

    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    cache = ReportCache(tmp_path / "c")
    a = tmp_path / "a.txt"
    a.write_text(REPORT, "utf-8")
    entry = _entry(tmp_path, cache, a)
    payload = pickle.dumps(Evil())
    entry.write_bytes(payload)
    entry.with_suffix(".pickle").write_bytes(payload)  # where the old format kept it
    assert cache.get(cache.key(a), a) is None
    assert not marker.exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x80\x04not json",
        b"[]",
        b'{"format": %d}' % ENTRY_FORMAT,
        b'{"format": %d, "key": "x", "report": []}' % ENTRY_FORMAT,
        b"[" * 100_000 + b"]" * 100_000,  # nested past Python's recursion limit
    ],
)
def test_any_unreadable_entry_is_a_miss(tmp_path, damage):
    cache = ReportCache(tmp_path / "c")
    a = tmp_path / "a.txt"
    a.write_text(REPORT, "utf-8")
    _entry(tmp_path, cache, a).write_bytes(damage)
    assert cache.get(cache.key(a), a) is None


def test_a_wrong_typed_value_is_a_miss(tmp_path):
    """A year written as text, a mention's offsets as a string: the entry was crafted."""
    import json

    cache = ReportCache(tmp_path / "c")
    a = tmp_path / "a.txt"
    a.write_text(REPORT, "utf-8")
    entry = _entry(tmp_path, cache, a)
    good = json.loads(entry.read_text("utf-8"))
    # A report's mentions are stored as columns: (2, 2, 0) is the first mention's start.
    for path, bad in [
        ((0, 3), "2023"),
        ((1,), {"town": "x"}),
        ((2,), "mentions"),
        ((2, 2, 0), "5"),
        ((2, 2, 0), True),
        ((2, 1, 0), "no such type"),
        ((2, 3), []),  # one column shorter than the others
    ]:
        data = json.loads(json.dumps(good))
        target = data["report"]
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = bad
        entry.write_text(json.dumps(data), "utf-8")
        assert cache.get(cache.key(a), a) is None, path


def test_swapped_entries_are_misses(tmp_path, counted):
    """Entries renamed to each other's keys once gave reports the wrong file names and hashes."""
    cache = ReportCache(tmp_path / "c")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(REPORT, "utf-8")
    b.write_text(REPORT.replace("青禾镇", "白石镇"), "utf-8")
    entry_a, entry_b = _entry(tmp_path, cache, a), _entry(tmp_path, cache, b)
    data_a, data_b = entry_a.read_bytes(), entry_b.read_bytes()
    entry_a.write_bytes(data_b)
    entry_b.write_bytes(data_a)
    assert cache.get(cache.key(a), a) is None and cache.get(cache.key(b), b) is None
    # Renamed together with its key inside: still not the content the key names.
    import json

    forged = json.loads(data_b)
    forged["key"] = cache.key(a)
    entry_a.write_text(json.dumps(forged), "utf-8")
    assert cache.get(cache.key(a), a) is None
    [(_, report)] = list(extract_files([a], options=ExtractOptions(cache_dir=tmp_path / "c")))
    assert report.document.source.sha256 == cache.key(a)[:64] and counted == [a]


def test_the_key_never_waits_on_a_fifo_or_reads_a_device(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    cache = ReportCache(tmp_path / "c")
    assert cache.key(fifo) is None and cache.key(zero) is None


def test_entries_round_trip_every_field(example_files, tmp_path):
    from kg.run.cache import decode_report, encode_report

    for path in example_files:
        report = extract_report(path)
        assert decode_report(encode_report(report)) == report
