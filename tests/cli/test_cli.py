"""The kg command: help, build, validate and query, with exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

#: The gold of the bundled example reports (kg eval pairs them by file name).
TUNING_GOLD = Path(__file__).resolve().parent.parent / "gold" / "tuning"


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["query", "--help"]])
def test_help(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    assert "usage: kg" in capsys.readouterr().out


def test_build_help_names_every_output_and_group(capsys):
    from kg.pipeline import FORMAT_GROUPS, OUTPUTS, SITE_REPORTS

    with pytest.raises(SystemExit):
        main(["build", "--help"])
    listed = " ".join(capsys.readouterr().out.split())  # argparse wraps the help
    named = set(listed.split("any of ", 1)[1].split(" (default", 1)[0].replace(",", " ").split())
    assert set(OUTPUTS) | set(FORMAT_GROUPS) <= named
    assert f"up to {SITE_REPORTS} reports" in listed


@pytest.mark.parametrize(
    "argv, code, says",
    [
        (["--help"], 0, "usage: kg"),
        (["no-such-command"], 64, "invalid choice"),
        (["validate", "NO_SUCH_FOLDER"], 64, "NO_SUCH_FOLDER"),
        (["build", "EXAMPLES", "-o", "OUT", "-q", "--formats", "ttl"], 0, "reports read: 8"),
    ],
)
def test_the_kg_program_exits_with_the_commands_code(argv, code, says, tmp_path):
    """What the `kg` script runs (kg.cli.console): main's exit code, its output whole."""
    examples = TUNING_GOLD.parent.parent.parent / "examples" / "reports"
    argv = [{"EXAMPLES": str(examples), "OUT": str(tmp_path)}.get(a, a) for a in argv]
    done = subprocess.run(
        [sys.executable, "-c", "from kg.cli import console; console()", *argv],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == code, done.stderr
    assert says in done.stdout + done.stderr
    if argv[0] == "build":
        assert (tmp_path / "graph.ttl").read_text("utf-8").rstrip().endswith(".")


def test_build_validate_query_round_trip(example_files, tmp_path, capsys):
    assert main(["build", *map(str, example_files), "-o", str(tmp_path), "-q"]) == 0
    out = capsys.readouterr().out
    assert "reports read: " in out and "SHACL: conforms" in out
    assert main(["validate", str(tmp_path)]) == 0
    assert main(["query", str(tmp_path), "--name", "officials_by_town"]) == 0
    assert "rows)" in capsys.readouterr().out
    assert main(["query", "--list"]) == 0
    assert "towns_adopting_mechanism" in capsys.readouterr().out


def test_skipped_files_give_exit_code_1(example_files, tmp_path, capsys):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x00junk")
    assert main(["build", str(example_files[0]), str(junk), "-o", str(tmp_path / "o"), "-q"]) == 1
    assert "junk.txt" in capsys.readouterr().out


def test_usage_errors_are_one_clean_line(tmp_path, capsys):
    assert main(["query", str(tmp_path), "--name", "nope"]) == 64
    err = capsys.readouterr().err
    assert err.startswith("kg: error:") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "command, table, said",
    [
        ("build", "missing.tsv", "missing.tsv: cannot read file"),
        ("build", "pages.tsv", "pages.tsv: the header row 'id\\tlevel' has no address column"),
        ("eval", "pages.tsv", "pages.tsv: the header row 'id\\tlevel' has no address column"),
    ],
)
def test_an_unreadable_address_table_is_one_clean_line(
    example_files, tmp_path, capsys, command, table, said
):
    (tmp_path / "pages.tsv").write_text("id\tlevel\nr001\ttown\n", "utf-8")
    args = [str(example_files[0]), "--addresses", str(tmp_path / table)]
    if command == "build":
        argv = ["build", *args, "-o", str(tmp_path / "o"), "-q"]
    else:
        argv = ["eval", str(TUNING_GOLD), *args]
    assert main(argv) == 64
    err = capsys.readouterr().err
    assert err.startswith("kg: error: --addresses") and len(err.strip().splitlines()) == 1
    assert said in err and not (tmp_path / "o").exists()
