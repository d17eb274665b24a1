"""Canonical indicators (kg/analysis/indicators.py): names, units, qualifiers, series."""

from __future__ import annotations

import pytest

from kg.analysis.indicators import canonical, catalogue, format_value, series_rows

# (extracted name, unit, canonical indicator or None)
NAMES = [
    ("化解矛盾纠纷", "起", "disputes-mediated"),
    ("调处涉企纠纷", "件", "disputes-mediated"),
    ("排查矛盾纠纷", "起", "disputes-screened"),
    ("排查化解矛盾纠纷", "件", "disputes-mediated"),
    ("调解成功率", "%", "mediation-success-rate"),
    ("调解率同比上升", "%", None),  # a change of a rate, not the rate
    ("行政复议", "件", "administrative-reconsideration-cases"),
    ("发生行政诉讼案件", "件", "administrative-litigation-cases"),
    ("行政机关负责人出庭应诉率", "%", "heads-in-court-rate"),
    ("镇长出庭应诉", "次", "heads-in-court"),
    ("组织党委理论学习中心组集体学法", "次", "law-study-sessions"),
    ("开学法治第一课等活动", "场次", "legal-publicity-events"),
    ("法治宣传活动", "场", "legal-publicity-events"),
    ("审查合同", "份", "documents-reviewed"),
    ("合法性审查率", "%", "legality-review-rate"),
    ("发放宣传资料", "份", "publicity-materials"),
    ("发放征求意见表", "份", None),
    ("法律明白人总数", "名", "legal-understanders"),
    ("每村法律明白人", "名", None),
    ("化解矛盾纠纷", "元", None),  # a sum of money is not a count of disputes
]


@pytest.mark.parametrize(("name", "unit", "expected"), NAMES)
def test_canonical_names(name, unit, expected):
    entry = canonical(name, unit)
    assert (entry.id if entry else None) == expected


def test_catalogue_ids_are_unique_and_units_listed():
    ids = [e.id for e in catalogue()]
    assert len(ids) == len(set(ids)) >= 25
    assert all(e.unit in e.units for e in catalogue())


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        ("60", "次", "余", "60余次"),
        ("98.5", "%", "达", "达98.5%"),
        ("100", "人", "以上", "100人以上"),
        ("72", "起", "", "72起"),
        ("3", "万份", "共", "共3万份"),
    ],
)
def test_figures_read_as_written(value, unit, qualifier, expected):
    assert format_value(value, unit, qualifier) == expected


def test_series_of_one_unit_over_two_years(research_profiles):
    series = [s for s in series_rows(research_profiles.values()) if s.unit == "柳溪乡"]
    disputes = [
        (s.year, s.value, s.value_unit) for s in series if s.indicator == "disputes-mediated"
    ]
    assert disputes == [(2022, "58", "起"), (2023, "66", "起")]
    # the plans part's figures are targets, not results: none in the series
    assert all(s.name for s in series)


@pytest.mark.seeds
def test_seed_figures_under_canonical_names(seed_profiles):
    series = {(s.unit, s.indicator): s for s in series_rows(seed_profiles.values())}
    assert series[("大吉山镇", "disputes-mediated")].value == "72"
    # 珠龙镇 gives three counts of mediation (书面, 口头, 联合): the series keeps the largest
    zhulong = series[("珠龙镇", "disputes-mediated")]
    assert (zhulong.value, zhulong.qualifier, zhulong.figures) == ("404", "余", 3)
