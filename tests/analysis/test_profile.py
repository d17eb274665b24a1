"""Report profiles and the files a build keeps them in (kg/analysis/profile.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kg.analysis.profile import (
    FINGERPRINTS_FILE,
    PROFILES_FILE,
    ProfileWriter,
    fingerprint_table,
    read_profiles,
)
from kg.errors import UsageError


def write(folder, profiles) -> None:
    with ProfileWriter(folder) as writer:
        for p in profiles:
            writer.add(p)
        writer.commit()


def test_profiles_round_trip_through_the_files(tmp_path, research_profiles):
    originals = list(research_profiles.values())
    write(tmp_path, originals)
    back = list(read_profiles(tmp_path, fingerprints=True))
    assert [p.to_json() for p in back] == [p.to_json() for p in originals]
    for a, b in zip(back, originals):
        assert np.array_equal(np.asarray(a.fingerprints), b.fingerprints)
    reports, table, counts = fingerprint_table(tmp_path)
    assert [r.report for r in reports] == [p.report for p in originals]
    assert sum(counts) == len(table) == sum(len(p.fingerprints) for p in originals)


def test_nothing_is_written_without_commit(tmp_path, research_profiles):
    with ProfileWriter(tmp_path) as writer:
        writer.add(next(iter(research_profiles.values())))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda d: (d / PROFILES_FILE).write_text("{not json\n", "utf-8"),
            "profiles.jsonl:1: damaged",
        ),
        (lambda d: (d / FINGERPRINTS_FILE).write_bytes(b"\x00" * 17), "not whole rows"),
        (lambda d: (d / FINGERPRINTS_FILE).write_bytes(b""), "fingerprints, but"),
        (lambda d: (d / PROFILES_FILE).unlink(), "no profiles.jsonl here"),
    ],
)
def test_a_damaged_folder_is_named_with_the_fix(tmp_path, research_profiles, damage, message):
    write(tmp_path, research_profiles.values())
    damage(tmp_path)
    with pytest.raises(UsageError, match="build the folder again|give an output folder") as error:
        fingerprint_table(tmp_path)
    assert message in str(error.value)


def test_profiles_hold_no_text_beyond_evidence(research_profiles):
    """A profile stays small: words of mentions and headings, never the report's text."""
    for p in research_profiles.values():
        record = json.dumps(p.to_json(), ensure_ascii=False)
        assert len(record) < 12_000
        assert len(p.fingerprints) < p.letters / 6  # one per ~8.5 letters (window 16)
