"""The explorer's data, read through the store, against what the graph and the analyses say."""

from __future__ import annotations

import csv
import shutil

import pytest

from kg.output.site.data import Mention, SiteData, key_of
from kg.output.site.report import highlight


@pytest.fixture(scope="module")
def data(example_build):
    result, out = example_build
    return SiteData.open(out)


def test_index_has_every_report_and_unit_of_the_build(data, example_build):
    _, out = example_build
    with (out / "reports.csv").open(encoding="utf-8-sig") as rows:
        table = list(csv.DictReader(rows))
    assert {key_of(r["report"]) for r in table} == set(data.reports)
    assert {key_of(r["town"]) for r in table} == set(data.units)
    for row in table:
        report = data.reports[key_of(row["report"])]
        unit = data.units[report.unit]
        assert (report.year, report.file_name, report.sha256) == (
            int(row["year"]),
            row["file_name"],
            row["sha256"],
        )
        assert (unit.label, unit.county, unit.province) == (
            row["town_label"],
            row["county"],
            row["province"],
        )


def test_facts_are_the_graphs_unit_facts_with_report_years(data, example_build):
    from kg.namespaces import STANCE_PROPERTIES

    result, _ = example_build
    expected = {
        (key_of(str(u)), key_of(str(m)), stance.value)
        for stance, prop in STANCE_PROPERTIES.items()
        for u, m in result.graph.subject_objects(prop)
        if key_of(str(m)) in data.mechanisms
    }
    assert {(f.unit, f.mechanism, f.stance) for f in data.index.facts} == expected
    for fact in data.index.facts:
        years = {data.reports[r].year for r in data.units[fact.unit].reports}
        assert fact.years and set(fact.years) <= years


def test_similar_units_agree_with_kg_towns(data, example_build):
    from kg.analysis.towns import nearest_towns

    result, _ = example_build
    for row in nearest_towns(result.graph, k=1):
        unit = data.units[key_of(row.town)]
        best = data.similar_units(unit, k=1)[0]
        assert (best[1], best[2]) == (row.similarity, row.shared)


def test_report_mentions_point_into_the_source_text(data):
    report = next(iter(data.reports.values()))
    text = data.text_of(report)
    assert text is not None
    mentions = data.mentions_of(report)
    exact = sum(text[m.start : m.end] == m.text for m in mentions)
    assert mentions and exact / len(mentions) > 0.95


def test_problems_and_cooccurrence_come_from_the_build_folder(data):
    assert data.problems == []  # the examples read whole
    pairs = data.pairs["mechanism-legality-review"]
    assert pairs and all(p.other in data.mechanisms for p in pairs)


def test_research_tables_show_on_their_units_when_present(data, example_build, tmp_path):
    from kg.output.site.unit import render

    _, out = example_build
    unit = next(iter(data.units.values()))
    assert 'id="scorecard"' in render(data, unit.key)  # the build writes scorecard.csv
    for name in ("graph.trig", "cooccurrence.csv", "problems.jsonl"):
        shutil.copy(out / name, tmp_path / name)
    assert 'id="scorecard"' not in render(SiteData(data.store, tmp_path), unit.key)
    (tmp_path / "scorecard.csv").write_text(
        f"unit,unit_label,score\n{unit.iri},{unit.label},0.75\n", "utf-8"
    )
    page = render(SiteData(data.store, tmp_path), unit.key)
    assert 'id="scorecard"' in page and "0.75" in page
    assert 'id="copies"' not in page  # no copies.csv: no panel


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("合法性审查制度", [(0, 5)], ["[合法性审查]", "制度"]),
        ("甲乙丙丁", [(1, 3), (2, 4)], ["甲", "[乙丙]", "丁"]),  # overlap: the earlier wins
        ("甲乙丙丁", [(0, 4), (1, 2)], ["[甲乙丙丁]"]),  # nested: the longer wins
        ("甲乙", [(1, 9)], ["甲乙"]),  # past the end: dropped
    ],
)
def test_highlight_cuts_text_into_runs(text, spans, expected):
    mentions = [Mention(a, b, text[a:b], "law-x", "law", "") for a, b in spans]
    runs = [f"[{t}]" if m else t for t, m in highlight(text, mentions)]
    assert runs == expected
