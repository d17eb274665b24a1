"""Report scorecards (kg/analysis/scorecard.py): parts, causes, concreteness, dates, the grade."""

from __future__ import annotations

import pytest

from kg.analysis.copies import letters_of
from kg.analysis.records import PARTS, Scorecard
from kg.analysis.scorecard import grade, load_rule, score_report, scorecard_rows
from kg.errors import UsageError
from kg.ingest.read import read_report
from kg.ingest.structure import document_from_text
from kg.model import ExtractedReport

TITLE = "青禾镇2023年法治政府建设情况报告\n"


def letters(text: str) -> str:
    """Text without punctuation and spaces (ingest unifies punctuation and drops spaces)."""
    return "".join(map(chr, letters_of(text)[0]))


def card_of(text: str) -> Scorecard:
    return score_report(ExtractedReport(document_from_text(TITLE + text), None, ()))


def statuses(card: Scorecard) -> tuple[str, ...]:
    return tuple(card.part(p).status for p in PARTS)


# (body, statuses of achievements, problems, duties, plans, other, evidence of the duties part)
PART_CASES = [
    (
        "一、主要举措和成效\n落实合法性审查。\n二、存在的不足\n普法不深入。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n书记带头学法。\n"
        "四、2024年工作安排\n推行法律顾问制度。\n",
        ("present", "present", "present", "present", "missing"),
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    ),
    (  # part 3 first, as some districts write it
        "一、党政主要负责人履行推进法治建设第一责任人职责情况\n书记带头学法。\n"
        "二、主要举措和成效\n落实合法性审查。\n三、存在的问题\n普法不深入。\n四、下一步工作打算\n加强普法。\n",
        ("present", "present", "present", "present", "missing"),
        "一、党政主要负责人履行推进法治建设第一责任人职责情况",
    ),
    (  # part 3 as a subsection of part 1
        "一、主要举措和成效\n（一）严格履行推进法治建设第一责任人职责\n书记带头学法。\n"
        "（二）规范行政执法\n落实三项制度。\n二、存在的不足\n普法不深入。\n三、下一步工作打算\n加强普法。\n",
        ("present", "present", "present", "present", "missing"),
        "（一）严格履行推进法治建设第一责任人职责",
    ),
    (  # parts 2 and 4 under one heading, no subsections: both merged
        "一、主要举措和成效\n落实合法性审查。\n二、存在的问题及下一步工作计划\n普法不深入，明年加强普法。\n",
        ("present", "merged", "missing", "merged", "missing"),
        None,
    ),
    (  # part 3 only as a sentence inside part 1
        "一、主要举措和成效\n镇党委书记认真履行推进法治建设第一责任人职责，带头学法。\n"
        "二、存在的不足\n普法不深入。\n三、下一步工作打算\n加强普法。\n",
        ("present", "present", "merged", "present", "missing"),
        "镇党委书记认真履行推进法治建设第一责任人职责，带头学法。",
    ),
    (  # part 5 present; part 2 missing
        "一、主要举措和成效\n落实合法性审查。\n二、下一步工作打算\n加强普法。\n"
        "三、其他需要报告的情况\n本年度没有其他需要报告的事项。\n",
        ("present", "missing", "missing", "present", "present"),
        None,
    ),
]


@pytest.mark.parametrize(("body", "expected", "duties"), PART_CASES)
def test_parts_present_merged_missing_with_evidence(body, expected, duties):
    card = card_of(body)
    assert statuses(card) == expected
    evidence = card.part("duties").evidence
    assert (evidence.text if evidence else None) == duties
    for finding in card.parts:  # evidence points into the source text
        if finding.evidence:
            ev = finding.evidence
            assert (TITLE + body)[ev.start : ev.end] == ev.text


# (problems part, the evidence of causes or None)
CAUSE_CASES = [
    ("二、存在的不足\n普法不够深入，主要原因是人员少。\n", "普法不够深入，主要原因是人员少。"),
    (
        "二、存在的不足\n执法力量薄弱，由于编制所限，难以覆盖全镇。\n",
        "执法力量薄弱，由于编制所限，难以覆盖全镇。",
    ),
    ("二、存在的不足和原因\n普法不够深入。\n", "二、存在的不足和原因"),
    ("二、存在的不足\n普法不够深入。执法人员少。\n", None),
]


@pytest.mark.parametrize(("problems", "causes"), CAUSE_CASES)
def test_causes_of_shortcomings(problems, causes):
    card = card_of("一、主要举措和成效\n落实合法性审查。\n" + problems)
    assert (card.causes.text if card.causes else None) == causes


# (closing lines, party signature, government signature, signing date)
SIGNATURE_CASES = [
    (
        "中共青禾镇委员会\n青禾镇人民政府\n2024年3月9日",
        "中共青禾镇委员会",
        "青禾镇人民政府",
        "2024-03-09",
    ),
    ("青禾镇人民政府\n2024年1月20日", "", "青禾镇人民政府", "2024-01-20"),
    (
        "中共某某街道工作委员会\n某某街道办事处\n2025 年 2 月 1 日",
        "中共某某街道工作委员会",
        "某某街道办事处",
        "2025-02-01",
    ),
    ("全年化解纠纷12起。", "", "", None),
    ("青禾镇人民政府\n2024年2月30日", "", "青禾镇人民政府", None),  # no such day
]


@pytest.mark.parametrize(("closing", "party", "government", "signed"), SIGNATURE_CASES)
def test_signatures_and_signing_date(closing, party, government, signed):
    card = card_of("一、主要举措和成效\n落实合法性审查。\n" + closing)
    assert (card.party_signature, card.government_signature, card.signed) == (
        party,
        government,
        signed,
    )


# (year, published, signed, deadline, days past it, on time)
DEADLINE_CASES = [
    (2023, None, "2024-03-09", "2024-04-01", 0, "yes"),
    (2023, "2024-04-18", "2024-03-09", "2024-04-01", 17, "no"),  # publication date wins
    (2023, None, "2024-04-02", "2024-04-01", 1, "no"),
    (2023, None, None, "2024-04-01", None, "unknown"),
    (None, None, "2024-04-02", None, None, "unknown"),
]


@pytest.mark.parametrize(
    ("year", "published", "signed", "deadline", "late", "on_time"), DEADLINE_CASES
)
def test_deadline_is_1_april_of_the_next_year(year, published, signed, deadline, late, on_time):
    card = Scorecard((), 1000, None, 0, 0, 0, "", "", signed, published)
    g = grade(card, year)
    assert (g.deadline, g.days_past_deadline, g.on_time) == (deadline, late, on_time)


def test_figures_cases_and_documents_per_1000_characters():
    from kg.run.report import extract_document

    text = (
        TITLE + "一、主要举措和成效\n依据《中华人民共和国行政处罚法》办理行政处罚案件12件。"
        "如桐溪村村民张某与李某因宅基地发生争执，经调解达成协议。\n"
        "二、下一步工作打算\n计划开展普法活动20场。\n"
    )
    report = extract_document(document_from_text(text))
    card = score_report(report)
    assert (card.figures, card.cases, card.documents) == (1, 1, 1)  # the plan's 20场 is a target
    assert card.per_1000(card.figures) == round(1000 / len(report.document.text), 3)


def _shipped_rule() -> str:
    from importlib import resources

    return resources.files("kg.analysis").joinpath("data/grading.toml").read_text("utf-8")


def test_grading_rule_file_changes_the_grade(tmp_path):
    card = card_of("一、主要举措和成效\n落实合法性审查。\n二、存在的不足\n普法不深入。\n")
    default = grade(card, 2023)
    lenient_file = tmp_path / "lenient.toml"
    lenient_file.write_text(_shipped_rule().replace("min_score = 85", "min_score = 30"), "utf-8")
    lenient = grade(card, 2023, load_rule(lenient_file))
    assert default.grade != "优秀" and default.score >= 30 and lenient.grade == "优秀"
    assert lenient.score == default.score


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("causes]\npoints = 10", "causes]\n"), "[causes] points is missing"),
        (lambda t: t.replace("month = 4", "month = 13"), "is not a date"),
        (lambda t: t.replace("problems = 15", 'problems = "many"'), "must be a number"),
        (lambda t: t + "\n[broken", "cannot read the grading rule"),
    ],
)
def test_a_bad_rule_file_is_named_with_the_fix(tmp_path, edit, message):
    rule = tmp_path / "rule.toml"
    rule.write_text(edit(_shipped_rule()), "utf-8")
    with pytest.raises(UsageError, match="rule.toml") as error:
        load_rule(rule)
    assert message in str(error.value)


def test_the_shipped_rule_adds_up_to_100():
    assert load_rule().most == 100


# seed file -> (statuses of the five parts, grade)
SEEDS = {
    "000_f635664e5ef9ff1d.txt": (("present", "present", "present", "present", "missing"), "优秀"),
    "001_06903343dc56706e.txt": (("present", "present", "missing", "present", "missing"), "一般"),
    "002_b7d66d5ffce03a1f.txt": (("present", "present", "missing", "present", "missing"), "一般"),
    "003_72d73d6d365a8cb9.txt": (("present", "present", "missing", "present", "missing"), "一般"),
    "004_693d1340489262ec.txt": (("present", "present", "merged", "present", "missing"), "良好"),
}


@pytest.mark.seeds
def test_seed_scorecards(seed_profiles, seed_files):
    rows = {r.file: r for r in scorecard_rows(seed_profiles.values())}
    for name, (parts, expected_grade) in SEEDS.items():
        row = rows[name]
        assert (row.achievements, row.problems, row.duties, row.plans, row.other) == parts, name
        assert row.grade == expected_grade, name
    # 大吉山镇 is signed by the party committee and the government, on 9 January
    assert (rows["000_f635664e5ef9ff1d.txt"].signed, rows["000_f635664e5ef9ff1d.txt"].on_time) == (
        "2023-01-09",
        "yes",
    )
    # every piece of evidence is the text at its offsets in the source file
    for path in seed_files:
        raw = read_report(path).raw
        for finding in seed_profiles[path.name].scorecard.parts:
            if finding.evidence:
                ev = finding.evidence
                assert letters(raw[ev.start : ev.end]) == letters(ev.text)


def test_real_openings_show_part_1_and_evidence_at_its_offsets(real_profiles, real_files):
    """Real openings are cut after ~700 characters: part 1 is mostly all there is."""
    with_part_1 = [p for p in real_profiles if p.scorecard.part("achievements").status == "present"]
    assert len(with_part_1) >= 0.9 * len(real_profiles)
    for profile, path in zip(real_profiles, real_files):
        raw = read_report(path).raw
        for finding in profile.scorecard.parts:
            if finding.evidence:
                ev = finding.evidence
                assert letters(raw[ev.start : ev.end]) == letters(ev.text)


def test_written_reports_grade_as_reviewers_would(research_profiles):
    rows = {r.file: r for r in scorecard_rows(research_profiles.values())}
    qinghe, luwan = rows["qinghe_2023.txt"], rows["luwan_2023.txt"]
    assert (qinghe.duties, qinghe.causes, qinghe.cases, qinghe.documents) == (
        "present",
        "yes",
        1,
        1,
    )
    assert qinghe.grade == "优秀"
    # 芦湾镇: no part 3, no causes, government signature only, published 17 days late
    assert (luwan.duties, luwan.causes, luwan.party_signature, luwan.days_past_deadline) == (
        "missing",
        "no",
        "",
        17,
    )
    assert luwan.score < qinghe.score
