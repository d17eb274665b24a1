"""`kg scorecard`, `kg copies`, `kg compare`, `kg diffusion`, `kg indicators` on a build and on reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main

RESEARCH_DIR = Path(__file__).resolve().parent.parent / "analysis" / "data" / "research"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("research-cli")
    assert (
        main(
            [
                "build",
                str(RESEARCH_DIR),
                "-o",
                str(out),
                "-q",
                "--formats",
                "research",
                "--no-validate",
            ]
        )
        == 0
    )
    return out


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_scorecard_prints_grades_and_writes_the_table_and_page(built, tmp_path, capsys):
    code, out, _ = run(capsys, "scorecard", str(built), "-o", str(tmp_path), "--per-county")
    assert code == 0
    assert "青禾镇" in out and "✓✓✓✓✗" in out and "grades: 优秀 1" in out
    assert (tmp_path / "scorecard.csv").is_file() and (tmp_path / "scorecard.html").is_file()
    assert (tmp_path / "scorecard" / "浙江省松阳县.html").is_file()


def test_scorecard_with_a_rule_file_and_a_county(built, tmp_path, capsys):
    from importlib import resources

    text = resources.files("kg.analysis").joinpath("data/grading.toml").read_text("utf-8")
    rule = tmp_path / "strict.toml"
    rule.write_text(text.replace("min_score = 85", "min_score = 101"), "utf-8")
    code, out, _ = run(
        capsys,
        "scorecard",
        str(built),
        "-o",
        str(tmp_path),
        "--rule",
        str(rule),
        "--county",
        "松阳县",
    )
    assert code == 0 and "优秀 0" in out and "芦湾镇" not in out and str(rule) in out


def test_a_bad_rule_is_a_usage_error(built, tmp_path, capsys):
    rule = tmp_path / "bad.toml"
    rule.write_text("[parts]\n", "utf-8")
    code, _, err = run(capsys, "scorecard", str(built), "-o", str(tmp_path), "--rule", str(rule))
    assert code == 64 and "bad.toml" in err


def test_copies_lists_pairs_and_shows_them_side_by_side(built, tmp_path, capsys):
    code, out, _ = run(capsys, "copies", str(built), "-o", str(tmp_path), "--show", "1")
    assert code == 0
    assert "cross-unit" in out and "cross-year" in out
    assert "法律赶集日" in out and " | " in out  # the two files' passages side by side
    assert (tmp_path / "copies.csv").read_text("utf-8-sig").count("\n") == 3


def test_copies_of_one_kind_with_other_thresholds(built, tmp_path, capsys):
    code, out, _ = run(
        capsys,
        "copies",
        str(built),
        "-o",
        str(tmp_path),
        "--kind",
        "cross-year",
        "--min-chars",
        "200",
    )
    assert code == 0 and "cross-year" in out and "cross-unit" not in out


def test_compare_one_unit_year_by_year(built, capsys):
    code, out, _ = run(capsys, "compare", "柳溪乡", str(built))
    assert code == 0
    assert "2022 -> 2023" in out
    assert "上年计划已落实" in out and "法治副校长制度" in out
    assert "化解矛盾纠纷  58起 -> 66起" in out


@pytest.mark.parametrize(
    ("unit", "message"), [("白沙镇", "no unit '白沙镇'"), ("青禾镇", "only one year")]
)
def test_compare_a_unit_without_two_years(built, capsys, unit, message):
    code, out, err = run(capsys, "compare", unit, str(built))
    assert message in out + err


def test_compare_all_units_writes_changes(built, tmp_path, capsys):
    code, out, _ = run(capsys, "compare", "all", str(built), "-o", str(tmp_path))
    assert code == 0 and "柳溪乡" in out and (tmp_path / "changes.csv").is_file()


def test_diffusion_curves_and_panel(built, tmp_path, capsys):
    code, out, _ = run(
        capsys, "diffusion", str(built), "-o", str(tmp_path), "--level", "province", "--top", "3"
    )
    assert code == 0 and "贵州省" in out
    for name in ("panel.csv", "first_years.csv", "adoption-province.csv"):
        assert (tmp_path / name).is_file()
    code, _, err = run(capsys, "diffusion", str(built), "-o", str(tmp_path), "--level", "village")
    assert code == 64 and "unknown level" in err


def test_indicators_series_of_a_unit(built, tmp_path, capsys):
    code, out, _ = run(capsys, "indicators", str(built), "-o", str(tmp_path), "--unit", "柳溪乡")
    assert code == 0 and "disputes-mediated" in out and "58起" in out and "66起" in out
    code, out, _ = run(capsys, "indicators", "--list")
    assert code == 0 and "mediation-success-rate" in out


def test_commands_read_report_files_too(tmp_path, capsys):
    files = [str(RESEARCH_DIR / "liuxi_2022.txt"), str(RESEARCH_DIR / "liuxi_2023.txt")]
    code, out, _ = run(capsys, "copies", *files, "-o", str(tmp_path))
    assert code == 0 and "cross-year" in out


def test_an_output_folder_without_profiles_is_named(tmp_path, capsys):
    (tmp_path / "graph.ttl").write_text("", "utf-8")
    code, _, err = run(capsys, "scorecard", str(tmp_path))
    assert code == 64 and "no profiles.jsonl" in err
