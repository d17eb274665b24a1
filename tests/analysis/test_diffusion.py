"""Diffusion (kg/analysis/diffusion.py): the panel, first years, adoption curves."""

from __future__ import annotations

import pytest

from kg.analysis.diffusion import adoption_curves, first_years, panel_rows, unit_years
from kg.analysis.records import Evidence, MechanismFact, ReportProfile, Scorecard, Unit
from kg.errors import UsageError

CARD = Scorecard((), 100, None, 0, 0, 0, "", "", None, None)


def report(rid, unit, year, facts) -> ReportProfile:
    ms = tuple(MechanismFact(k, s, Evidence(k, 0, 1)) for k, s in facts)
    return ReportProfile(rid, rid, "", unit, year, CARD, ms)


A = Unit("浙江省", "丽水市", "松阳县", "甲镇")
B = Unit("浙江省", "丽水市", "松阳县", "乙镇")
C = Unit("浙江省", "金华市", "武义县", "丙镇")
D = Unit("江西省", "吉安市", "安福县", "丁镇")
REPORTS = [
    report("a21", A, 2021, [("x", "adopted")]),
    report("b21", B, 2021, [("x", "planned")]),
    report("b22", B, 2022, [("x", "adopted")]),
    report("c22", C, 2022, []),
    report("d23", D, 2023, [("x", "adopted")]),
    report("n23", Unit(), 2023, [("x", "adopted")]),  # no unit: left out
]


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("all", [("全部", 2021, 2, 1), ("全部", 2022, 3, 2), ("全部", 2023, 4, 3)]),
        (
            "province",
            [
                ("江西省", 2023, 1, 1),
                ("浙江省", 2021, 2, 1),
                ("浙江省", 2022, 3, 2),
                ("浙江省", 2023, 3, 2),
            ],
        ),
        (
            "county",
            [
                ("江西省吉安市安福县", 2023, 1, 1),
                ("浙江省丽水市松阳县", 2021, 2, 1),
                ("浙江省丽水市松阳县", 2022, 2, 2),
                ("浙江省丽水市松阳县", 2023, 2, 2),
            ],
        ),
    ],
)
def test_cumulative_adoption_by_area(level, expected):
    rows = adoption_curves(REPORTS, level)
    assert [(r.area, r.year, r.units, r.adopters) for r in rows if r.mechanism == "x"] == expected


def test_any_stance_counts_a_plan_as_naming():
    rows = adoption_curves(REPORTS, "all", stance="any")
    assert [(r.year, r.adopters) for r in rows] == [(2021, 2), (2022, 2), (2023, 3)]


@pytest.mark.parametrize(("level", "stance"), [("village", "adopted"), ("all", "planned")])
def test_bad_level_or_stance(level, stance):
    with pytest.raises(UsageError):
        adoption_curves(REPORTS, level, stance)


def test_panel_and_first_years():
    panel = panel_rows(REPORTS)
    assert [(r.unit, r.year, r.stance) for r in panel] == [
        ("丁镇", 2023, "adopted"),
        ("乙镇", 2021, "planned"),
        ("乙镇", 2022, "adopted"),
        ("甲镇", 2021, "adopted"),
    ]
    firsts = {r.unit: (r.first_year, r.first_stance, r.first_adopted) for r in first_years(REPORTS)}
    assert firsts == {
        "甲镇": (2021, "adopted", 2021),
        "乙镇": (2021, "planned", 2022),
        "丁镇": (2023, "adopted", 2023),
    }
    assert len(unit_years(REPORTS)) == 5


def test_one_unit_over_two_years_written_for_the_purpose(research_profiles):
    firsts = {
        r.mechanism_label: r for r in first_years(research_profiles.values()) if r.unit == "柳溪乡"
    }
    adviser = firsts["一村（社区）一法律顾问"]
    assert (adviser.first_year, adviser.first_stance, adviser.first_adopted) == (
        2022,
        "planned",
        2023,
    )
    assert (adviser.years_observed, adviser.first_observed) == (2, 2022)
    panel = {
        (r.unit, r.year, r.mechanism_label, r.stance)
        for r in panel_rows(research_profiles.values())
    }
    assert ("柳溪乡", 2023, "法治副校长制度", "adopted") in panel
    assert ("柳溪乡", 2022, "法治副校长制度", "planned") in panel
