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
