"""README.md documents the tool as it is: every command and option, real paths, the set-up."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from kg.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _named(text: str) -> bool:
    """Whether README names ``text`` as a word of its own (``--out`` is not in ``--outline``)."""
    return re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", README) is not None


def test_every_command_is_registered():
    assert sorted(_commands()) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command):
    assert _named(f"kg {command}"), f"README.md never shows `kg {command}`"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_documented(command):
    options = [
        a.option_strings
        for a in _commands()[command]._actions
        if a.option_strings and "--help" not in a.option_strings
    ]
    missing = [spellings[-1] for spellings in options if not any(map(_named, spellings))]
    assert missing == [], f"kg {command}: README.md never mentions {missing}"


#: Repository paths as the README writes them (a folder, a file, a glob).
_PATH = re.compile(
    r"(?<![\w/.-])((?:kg|tests|extractors|ontology|benchmarks|docs|examples|LICENSES|\.ci)"
    r"/[\w./*-]*[\w*])"
)


#: The documents that describe the code as it is (BENCHMARKS.md keeps history: older paths).
DOCUMENTS = ("README.md", "docs/DESIGN.md", ".ci/run")


@pytest.mark.parametrize(
    "document, path",
    sorted(
        (name, path)
        for name in DOCUMENTS
        for path in set(_PATH.findall((ROOT / name).read_text("utf-8")))
    ),
)
def test_every_path_named_exists(document, path):
    assert list(ROOT.glob(path)) if "*" in path else (ROOT / path).exists(), f"{document}: {path}"


def test_readme_starts_with_the_two_set_up_commands_and_ci_runs_the_second():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)[:2]
    assert blocks == [
        "python3 -m pip install -e . && kg build examples/reports -o outputs/",
        'python3 -m pip install -e ".[test]" && python3 -m pytest',
    ]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert ci.rstrip().splitlines()[-1] == blocks[1]
