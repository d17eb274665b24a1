"""Workers' output parts through spool files: the same bytes in input order, nothing left behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kg.pipeline import OUTPUTS, build
from kg.run import spool
from kg.run.engines import ExtractOptions
from kg.run.spool import Spool, Spooled, SpoolReader, part_length

NOT_A_WORKER = -1  # an owner no process has: this process spools as a worker would


@pytest.mark.parametrize(
    "parts",
    [
        [b"one"],
        [b"", b"", b""],
        [b"graph ", b"", "法治政府".encode(), b"\x00\xff"],
        [b"x" * 3_000_000, b"y"],  # more than the reader's chunk
        [bytes([i % 256]) * (i % 7) for i in range(3000)],  # more buffers than one writev takes
    ],
)
def test_spooled_parts_come_back_whole_and_in_order(tmp_path, parts):
    where = Spool(tmp_path, owner=NOT_A_WORKER).put(parts)
    assert all(isinstance(p, Spooled) for p in where)
    assert [part_length(p) for p in where] == [len(p) for p in parts]
    out = tmp_path / "out.bin"
    with open(out, "wb") as file, SpoolReader() as reader:
        file.write(b"head|")
        for part in where:
            reader.write(file, part)
            file.write(b"|")  # buffered writes and the kernel's copies stay in order
    assert out.read_bytes() == b"head|" + b"".join(p + b"|" for p in parts)


def test_the_owner_keeps_its_parts_as_bytes(tmp_path):
    assert Spool(tmp_path).put([b"a", b""]) == [b"a", b""]
    assert list(tmp_path.iterdir()) == []


def test_a_part_copies_into_a_stream_without_a_file(tmp_path):
    (part,) = Spool(tmp_path, owner=NOT_A_WORKER).put([b"in memory"])
    out = io.BytesIO()
    with SpoolReader() as reader:
        reader.write(out, part)
    assert out.getvalue() == b"in memory"


def test_a_used_up_spool_file_is_deleted_when_the_next_one_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_BYTES", 10)
    writer = Spool(tmp_path, owner=NOT_A_WORKER)
    first = writer.put([b"0123456789"])  # fills the first file
    second = writer.put([b"abc"])
    assert first[0].path != second[0].path  # type: ignore[union-attr]
    out = io.BytesIO()
    with SpoolReader() as reader:
        reader.write(out, first[0])
        assert len(list(tmp_path.iterdir())) == 2
        reader.write(out, second[0])
        assert [p.name for p in tmp_path.iterdir()] == [Path(second[0].path).name]  # type: ignore[union-attr]
    assert out.getvalue() == b"0123456789abc"
    assert list(tmp_path.iterdir()) == []  # the reader deletes what it read when it closes


FORMATS = [name for name in OUTPUTS if name != "site"]  # the site reads the files written


@pytest.mark.slow  # three builds
def test_a_build_with_workers_writes_the_bytes_one_process_writes(
    example_files, tmp_path, monkeypatch
):
    spooled = []
    write = SpoolReader.write

    def counting(self, out, part):
        spooled.append(isinstance(part, Spooled) and part.length > 0)
        return write(self, out, part)

    monkeypatch.setattr(SpoolReader, "write", counting)
    one, two = tmp_path / "one", tmp_path / "two"
    build(example_files, one, formats=FORMATS)
    assert not any(spooled)  # one process: no spool
    build(example_files, two, formats=FORMATS, extraction=ExtractOptions(2, min_per_worker=1))
    assert any(spooled)
    files = sorted(p.name for p in (one / ".kg" / "current").iterdir())
    assert files == sorted(p.name for p in (two / ".kg" / "current").iterdir())
    assert not [name for name in files if name.startswith(".scratch")]
    for name in files:
        first, second = (d / ".kg" / "current" / name for d in (one, two))
        assert first.read_bytes() == second.read_bytes(), name


@pytest.mark.parametrize("stop_at", [1, 5])
def test_a_build_stopped_midway_leaves_no_spool_and_the_old_outputs(
    example_files, tmp_path, stop_at
):
    out = tmp_path / "out"

    def interrupt(i, n, path):
        if i == stop_at:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(
            example_files,
            out,
            formats=("ttl", "nt", "jsonld"),
            progress=interrupt,
            extraction=ExtractOptions(2, min_per_worker=1),
        )
    assert [p.name for p in (out / ".kg").iterdir()] == []  # the staged folder and its spool


@pytest.mark.parametrize(
    "text",
    [
        "青禾镇2023年法治政府建设情况报告\n一、主要举措和成效\n落实合法性审查。",
        "白沙镇2022年法治政府建设工作总结\n一、存在的问题\n普法宣传不够深入，覆盖面有待提高。",
    ],
)
def test_a_profile_spooled_as_its_record_is_written_as_the_profile_is(tmp_path, text):
    from kg.analysis.profile import PROFILES_FILE, ProfileWriter, profile_record, report_profile
    from kg.ingest.structure import document_from_text
    from kg.model import ExtractedReport

    profiles = [
        report_profile(ExtractedReport(document_from_text(t), None, ())) for t in (text,) * 2
    ]
    written = {}
    for name, spooled in (("plain", False), ("spooled", True)):
        folder = tmp_path / name
        folder.mkdir()
        with ProfileWriter(folder) as writer, SpoolReader() as reader:
            for profile in profiles:
                if spooled:
                    record = profile_record(profile)
                    head, table = Spool(tmp_path, owner=NOT_A_WORKER).put(
                        [record.head, record.table]
                    )
                    writer.add(type(record)(head, table, record.rows), reader)
                else:
                    writer.add(profile)
            writer.commit()
        written[name] = [
            (folder / n).read_bytes() for n in sorted(p.name for p in folder.iterdir())
        ]
    assert written["plain"] == written["spooled"]
    assert b'"fingerprints":[0,' in (tmp_path / "plain" / PROFILES_FILE).read_bytes()
