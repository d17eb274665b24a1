"""Shared fixtures: the real seed reports and the bundled examples.

Tests that read the seeds skip with a clear reason where ``../shared`` is
absent (a user's fresh clone) but fail when ``CI=true``, because CI always
has it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("FAZHI_SEEDS", ROOT.parent / "shared" / "corpus" / "seeds"))
REAL_DIR = Path(os.environ.get("FAZHI_REAL", ROOT.parent / "shared" / "corpus" / "real"))
EXAMPLES_DIR = ROOT / "examples" / "reports"
HELDOUT_DIR = ROOT / "examples" / "heldout"


def _seed_files() -> list[Path]:
    if SEEDS_DIR.is_dir():
        files = sorted(SEEDS_DIR.glob("*.txt"))
        if files:
            return files
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"seed reports not found in {SEEDS_DIR}: CI must run with ../shared beside the repo"
        )
    pytest.skip(f"seed reports not found in {SEEDS_DIR} (../shared is absent in a fresh clone)")


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    """Paths of the five real seed reports."""
    return _seed_files()


@pytest.fixture(scope="session")
def seed_documents(seed_files):
    """The seed reports read and structured, keyed by file name."""
    from kg.ingest.read import read_report
    from kg.ingest.structure import structure

    return {path.name: structure(read_report(path)) for path in seed_files}


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    """The bundled example reports (any supported format)."""
    return sorted(p for p in EXAMPLES_DIR.iterdir() if p.suffix in {".txt", ".html"})


@pytest.fixture(scope="session")
def real_files() -> list[Path]:
    """Paths of the 60 real report openings (``../shared/corpus/real``, gold in tests/gold/real)."""
    files = sorted(REAL_DIR.glob("r*.txt")) if REAL_DIR.is_dir() else []
    if files:
        return files
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"real reports not found in {REAL_DIR}: CI must run with ../shared beside the repo"
        )
    pytest.skip(f"real reports not found in {REAL_DIR} (../shared is absent in a fresh clone)")
