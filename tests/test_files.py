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
