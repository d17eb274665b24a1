"""Change over time (kg/analysis/changes.py): one unit's report against its previous one."""

from __future__ import annotations

import pytest

from kg.analysis.changes import by_unit, change_rows, find_unit, unit_changes
from kg.analysis.records import Evidence, MechanismFact, ProblemFact, ReportProfile, Scorecard, Unit

QINGHE = Unit("浙江省", "丽水市", "松阳县", "青禾镇")


def report(rid, year, facts=(), problems=(), unit=QINGHE, chars=100) -> ReportProfile:
    card = Scorecard((), chars, None, 0, 0, 0, "", "", None, None)
    ms = tuple(MechanismFact(k, s, Evidence(k, 0, 1)) for k, s in facts)
    ps = tuple(ProblemFact(t, Evidence(t, 0, 1)) for t in problems)
    return ReportProfile(rid, rid, "", unit, year, card, ms, ps)


# (facts of the earlier report, facts of the later one, expected (kind, item) rows)
MECHANISM_CASES = [
    (
        [("legality-review", "adopted")],
        [("legality-review", "adopted"), ("government-legal-adviser", "adopted")],
        {("mechanism-added", "government-legal-adviser")},
    ),
    (
        [("legality-review", "adopted"), ("fengqiao-experience", "adopted")],
        [("legality-review", "adopted")],
        {("mechanism-dropped", "fengqiao-experience")},
    ),
    (
        [("government-legal-adviser", "planned"), ("discretion-benchmark", "planned")],
        [("government-legal-adviser", "adopted")],
        {
            ("mechanism-added", "government-legal-adviser"),
            ("plan-realised", "government-legal-adviser"),
            ("plan-not-realised", "discretion-benchmark"),
        },
    ),
    (
        [("legality-review", "adopted"), ("legal-understanders", "problem")],
        [("legality-review", "adopted"), ("legal-understanders", "problem")],
        {("problem-repeated", "legal-understanders")},
    ),
]


@pytest.mark.parametrize(("before", "after", "expected"), MECHANISM_CASES)
def test_mechanisms_added_dropped_and_plans_followed_up(before, after, expected):
    rows = unit_changes([report("r1", 2022, before), report("r2", 2023, after)])
    assert {(r.kind, r.item) for r in rows} == expected
    assert {(r.year_from, r.year_to, r.gap) for r in rows} <= {(2022, 2023, 1)}


# (problem sentence last year, this year, repeated?)
PROBLEM_CASES = [
    ("执法人员法律知识不足", "执法人员法律知识仍然不足", True),
    ("普法宣传还未实现全覆盖", "普法宣传尚未实现全覆盖", True),
    ("执法人员法律知识不足", "村级法律服务力量薄弱", False),
]


@pytest.mark.parametrize(("before", "after", "repeated"), PROBLEM_CASES)
def test_a_problem_repeated_in_other_words(before, after, repeated):
    rows = unit_changes(
        [report("r1", 2022, problems=[before]), report("r2", 2023, problems=[after])]
    )
    assert [(r.kind, r.before, r.after) for r in rows] == (
        [("problem-repeated", before, after)] if repeated else []
    )


def test_a_gap_year_compares_with_the_nearest_earlier_report_and_versions_take_the_longer():
    rows = list(
        change_rows(
            [
                report("r1", 2020, [("legality-review", "adopted")]),
                report("r2", 2022, [], chars=50),  # a short version of 2022
                report("r3", 2022, [("legality-review", "adopted")], chars=900),
            ]
        )
    )
    assert rows == []  # 2020 -> 2022 (the longer version): nothing changed
    units = by_unit([report("r2", 2022, chars=50), report("r3", 2022, chars=900)])
    assert [p.report for p in units[QINGHE]] == ["r3"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("青禾镇", ["青禾镇"]),
        ("松阳县青禾镇", ["青禾镇"]),
        ("松阳县/青禾镇", ["青禾镇"]),
        ("浙江省丽水市松阳县青禾镇", ["青禾镇"]),
        ("青禾镇（松阳县）", ["青禾镇"]),
        ("白沙镇", []),
    ],
)
def test_find_a_unit_by_name_or_with_its_county(query, expected):
    assert [
        u.name for u in find_unit([QINGHE, Unit("湖南省", "", "某县", "另一镇")], query)
    ] == expected


def test_two_units_of_one_name_are_both_found():
    other = Unit("江西省", "吉安市", "安福县", "青禾镇")
    assert find_unit([QINGHE, other], "青禾镇") == sorted([QINGHE, other])
    assert find_unit([QINGHE, other], "安福县青禾镇") == [other]


def test_one_unit_over_two_years_written_for_the_purpose(research_profiles):
    rows = list(change_rows(research_profiles.values()))
    assert {r.unit for r in rows} == {"柳溪乡"}  # the other units have one year each
    got = {(r.kind, r.label) for r in rows}
    assert {
        ("plan-realised", "一村（社区）一法律顾问"),
        ("plan-realised", "法治副校长制度"),
        ("plan-not-realised", "行政执法三项制度"),
    } <= got
    figures = {r.label: (r.kind, r.before, r.after) for r in rows if r.about == "indicator"}
    assert figures["化解矛盾纠纷"] == ("figure-changed", "58起", "66起")
    assert figures["集体学法"] == ("figure-changed", "6次", "9次")
    assert figures["矛盾纠纷调解成功率"] == ("figure-unchanged", "达96%", "达96%")
    repeated = [r for r in rows if r.kind == "problem-repeated"]
    assert repeated and all("执法人员法律知识不足" in r.after for r in repeated)
    for r in rows:  # evidence of the later report lies in its source file
        if r.evidence_to is not None:
            assert r.evidence_to.start < r.evidence_to.end
