"""Tests for kg.analysis.candidates and `kg vocab candidates`: new mechanisms by units naming them."""

from __future__ import annotations

import csv
import json

import pytest

from kg.analysis.candidates import candidate_rows, unit_of
from kg.cli import main
from kg.extractors.mechanisms import extract_mechanisms
from kg.ingest.structure import document_from_text
from kg.model import ExtractedReport, Place


def report(text: str, place: Place | None = None) -> ExtractedReport:
    doc = document_from_text(text)
    return ExtractedReport(doc, place, tuple(extract_mechanisms(doc)))


QINGHE = Place("青禾镇", "甲县", "乙市", "丙省")
QINGHE_ELSEWHERE = Place("青禾镇", "丁县", "戊市", "丙省")
WEIGANG = Place("苇岗镇", "甲县", "乙市", "丙省")


def test_units_not_mentions_rank_candidates():
    rows = candidate_rows(
        [
            # one town names 街长制 in two reports, three times: one unit
            report("一、主要举措\n推行“街长制”工作机制，深化“街长制”工作机制。", QINGHE),
            report("一、主要举措\n坚持“街长制”工作机制。", QINGHE),
            # two towns name 院坝说事 once each: two units
            report("一、主要举措\n探索“院坝说事”工作法。", WEIGANG),
            report("一、主要举措\n推广“院坝说事”工作法。", QINGHE_ELSEWHERE),
        ]
    )
    assert [(r.name, r.units, r.reports, r.mentions) for r in rows] == [
        ("院坝说事工作法", 2, 2, 2),
        ("街长制工作机制", 1, 2, 3),
    ]
    assert rows[0].evidence == "探索“院坝说事”工作法。"


@pytest.mark.parametrize(
    "place, text, expected",
    [
        (QINGHE, "青禾镇报告", "青禾镇（丙省乙市甲县）"),
        (Place("青禾镇"), "青禾镇报告", "青禾镇"),
        # no place: the report's town as the text names it, else the file itself
        (None, "青禾镇2023年法治政府建设报告\n一、主要举措", "青禾镇"),
    ],
)
def test_unit_of(place, text, expected):
    assert unit_of(report(text, place)) == expected


def test_vocabulary_names_are_no_candidates():
    # a concept of the vocabulary, and an area's name, are never candidates
    rows = candidate_rows(
        [report("一、主要举措\n落实“一岗双责”制度，健全政府机构职能体系，推行“村为主”机制。")]
    )
    assert [r.name for r in rows] == ["村为主机制"]


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, town, practice in [
        ("a.txt", "青禾镇", "院坝说事"),
        ("b.txt", "苇岗镇", "院坝说事"),
        ("c.txt", "砚岭镇", "板凳议事"),
    ]:
        (folder / name).write_text(
            f"{town}2023年法治政府建设工作报告\n一、主要举措和成效\n"
            f"我镇推行“{practice}”工作法，化解矛盾纠纷12起。\n",
            encoding="utf-8",
        )
    return folder


def test_cli_table_csv_and_json(corpus, tmp_path, capsys):
    out_csv = tmp_path / "candidates.csv"
    assert main(["vocab", "candidates", str(corpus), "--csv", str(out_csv)]) == 0
    table = capsys.readouterr().out
    assert "3 reports, 2 candidate mechanisms" in table
    lines = table.splitlines()
    assert lines[1].split()[:4] == ["units", "reports", "mentions", "candidate"]
    assert lines[3].split()[:4] == ["2", "2", "2", "院坝说事工作法"]
    with out_csv.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(r["candidate"], r["units"], r["file"].endswith("a.txt")) for r in rows] == [
        ("院坝说事工作法", "2", True),
        ("板凳议事工作法", "1", False),
    ]
    assert rows[0]["evidence"] == "我镇推行“院坝说事”工作法，化解矛盾纠纷12起。"
    assert main(["vocab", "candidates", str(corpus), "--json", "--min-units", "2"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["name"], r["units"]) for r in records] == [("院坝说事工作法", 2)]


def test_cli_without_reports_is_a_usage_error(tmp_path, capsys):
    assert main(["vocab", "candidates", str(tmp_path)]) == 64
    assert capsys.readouterr().err.startswith("kg: error:")
