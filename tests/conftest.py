"""Shared fixtures: the real seed reports, the bundled examples and their builds.

Tests that read the seeds skip with a clear reason where ``../shared`` is
absent (a user's fresh clone) but fail when ``CI=true``, because CI always
has it.  Tests marked ``slow`` (killing real builds, building in subprocesses,
Spark) run under ``CI=true`` or with ``--slow``, as spaCy gates its own.
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


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow") or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="slow: runs with --slow or CI=true")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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
def built(tmp_path_factory, request):
    """The one build of a bundled corpus that every test reading it shares.

    ``built("examples")`` or ``built("seeds")`` returns ``(BuildResult, out_dir)``
    of a default ``kg build`` (every output, validated), made once per session;
    the result also holds the whole graph and the reports (``in_memory``, which
    writes the same files: tests/graph/test_stream.py).
    Tests read the folder and never write into it (give commands ``-o tmp_path``).
    """
    from kg.pipeline import build

    made: dict[str, tuple] = {}

    def make(corpus: str):
        if corpus not in made:
            files = request.getfixturevalue(f"{corpus.rstrip('s')}_files")
            out = tmp_path_factory.mktemp(f"built-{corpus}")
            made[corpus] = (build(files, out, in_memory=True), out)
        return made[corpus]

    return make


@pytest.fixture(scope="session")
def example_build(built):
    """``(BuildResult, out_dir)`` of the default build of the bundled examples."""
    return built("examples")


@pytest.fixture(scope="session")
def seed_build(built):
    """``(BuildResult, out_dir)`` of the default build of the five seed reports."""
    return built("seeds")


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
