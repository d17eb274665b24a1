"""The one atomic writer: readable files, nothing half-written, no temporary file left."""

from __future__ import annotations

import os
import stat

import pytest

from kg.files import AtomicFile, atomic_write


def test_outputs_are_readable_like_any_new_file(tmp_path):
    path = atomic_write(tmp_path / "a.csv", "x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no temporary file left


def test_an_error_while_writing_keeps_the_earlier_file_and_leaves_no_temporary(tmp_path):
    target = atomic_write(tmp_path / "graph.ttl", "old")
    with pytest.raises(RuntimeError), AtomicFile(target) as file:
        file.write(b"half of the new")
        raise RuntimeError("killed mid-write")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


@pytest.mark.parametrize("data, expected", [("法治", "法治".encode()), (b"\x00\xff", b"\x00\xff")])
def test_text_is_written_as_utf8_and_bytes_as_they_are(tmp_path, data, expected):
    assert atomic_write(tmp_path / "f", data).read_bytes() == expected


@pytest.mark.parametrize("durable, syncs", [(True, 1), (False, 0)])
def test_an_output_is_synced_to_disk_and_a_cache_entry_is_not(
    tmp_path, monkeypatch, durable, syncs
):
    """A build writes a cache entry a report; its reader checks it, so no sync is owed."""
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    path = atomic_write(tmp_path / "f", "x", durable=durable)
    assert len(synced) == syncs and path.read_text("utf-8") == "x"


def test_the_cache_writes_its_entries_without_a_sync(tmp_path, monkeypatch):
    from kg.pipeline import extract_report
    from kg.run.cache import ReportCache

    report_file = tmp_path / "r.txt"
    report_file.write_text("青禾镇2023年法治政府建设情况报告\n落实合法性审查。", "utf-8")
    report = extract_report(report_file)
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    cache = ReportCache(tmp_path / ".cache")
    cache.put(cache.key(report_file), report)
    assert synced == [] and cache.get(cache.key(report_file), report_file) == report
