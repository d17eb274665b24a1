"""Tests for extractors/gazetteer.py: parsing jionlp's national gazetteer.

Parsing the whole file (704,487 lines) took 0.37-0.86 s on the shared 2-core
development machine; the time is recorded here, not asserted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.extractors import gazetteer as gz

ROOT = Path(__file__).resolve().parents[2]


def test_counts_cover_the_country():
    counts = gz.counts()
    assert counts["provinces"] == 34
    assert 330 <= counts["cities"] <= 345
    assert counts["counties"] > 3000
    assert counts["towns"] > 43000
    assert counts["villages"] > 600000


def test_file_is_read_without_importing_jionlp():
    # jionlp's import is slow and prints a banner; a fresh interpreter shows
    # that parsing the gazetteer never imports it.
    code = (
        "import sys; from kg.extractors import gazetteer as g; g.counts(); "
        "print('jionlp' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"
    assert gz.location_file().name == "china_location.zip"


@pytest.mark.parametrize(
    "name, n",
    [
        ("云台镇", 3),
        ("凤岗镇", 4),
        ("黄鹤镇", 1),
        ("珠龙镇", 1),
        ("大吉山镇", 1),
        ("青禾镇", 0),
    ],
)
def test_seed_towns_repeat_as_the_domain_brief_says(name, n):
    assert len(gz.towns_named(name)) == n


@pytest.mark.parametrize(
    "name, expected",
    [
        ("黄鹤镇", {("重庆市", None, "石柱土家族自治县", "500240")}),
        ("珠龙镇", {("安徽省", "滁州市", "南谯区", "341103")}),
        ("大吉山镇", {("江西省", "赣州市", "全南县", "360729")}),
        # the file writes these with their county's name first (化德县七号镇, 红寺堡区红寺堡镇)
        ("七号镇", {("内蒙古自治区", "乌兰察布市", "化德县", "150922")}),
        ("红寺堡镇", {("宁夏回族自治区", "吴忠市", "红寺堡区", "640303")}),
        ("化德县七号镇", set()),
        (
            "云台镇",
            {
                ("重庆市", None, "长寿区", "500115"),
                ("四川省", "巴中市", "平昌县", "511923"),
                ("甘肃省", "陇南市", "康县", "621224"),
            },
        ),
    ],
)
def test_town_hierarchy(name, expected):
    assert {(t.province, t.city, t.county, t.county_code) for t in gz.towns_named(name)} == expected


def test_municipality_has_no_duplicate_city():
    # The file repeats 上海市 as the city level; the model does not.
    assert gz.city_named("上海市") == () and gz.city_named("重庆") == ()
    assert {(c.province, c.city) for c in gz.county_named("嘉定区")} == {("上海市", None)}
    assert all(t.city is None for t in gz.towns_named("华亭镇") if t.province == "上海市")


def test_city_without_counties_has_towns_under_the_city():
    dongguan = [t for t in gz.towns_named("凤岗镇") if t.city == "东莞市"]
    assert dongguan == [gz.GazetteerTown("凤岗镇", None, "东莞市", "广东省", None)]
    assert not gz.county_named("市直辖行政区划")


def test_province_administered_county_has_no_city():
    assert {(c.city, c.province) for c in gz.county_named("仙桃市")} == {(None, "湖北省")}
    assert not gz.city_named("省直辖行政区划")


@pytest.mark.parametrize(
    "name, full",
    [
        ("江西", "江西省"),
        ("江西省", "江西省"),
        ("重庆", "重庆市"),
        ("内蒙古", "内蒙古自治区"),
        ("广西壮族自治区", "广西壮族自治区"),
    ],
)
def test_province_by_full_or_short_name(name, full):
    assert gz.province_named(name).name == full


def test_unknown_names_give_nothing():
    assert gz.province_named("江南") is None
    assert gz.city_named("青禾市") == () and gz.county_named("青禾县") == ()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("长寿区", {("长寿区", "重庆市")}),
        ("长寿", {("长寿区", "重庆市")}),
        ("石柱", {("石柱土家族自治县", "重庆市")}),
        ("全南县", {("全南县", "江西省")}),
    ],
)
def test_county_by_full_or_short_name(name, expected):
    assert {(c.name, c.province) for c in gz.county_named(name)} == expected


def test_shared_county_names_return_all():
    assert len(gz.county_named("朝阳区")) >= 2


def test_city_by_short_name():
    assert [(c.name, c.province) for c in gz.city_named("赣州")] == [("赣州市", "江西省")]


def test_villages_of_a_town():
    town = gz.towns_named("大吉山镇")[0]
    villages = gz.villages_of(town)
    assert {"田背村", "大岳村", "乌桕坝村", "马安村"} <= villages
    # The gazetteer writes the community the report calls 吉山社区 differently.
    assert "吉山社区" not in villages
    assert "马安村" not in gz.villages_of(gz.towns_named("黄鹤镇")[0])


def test_villages_of_an_unknown_town_is_empty():
    assert gz.villages_of(gz.GazetteerTown("青禾镇", "青禾县", None, "江南省", None)) == frozenset()


@pytest.mark.parametrize(
    "county, town",
    [("奉节县", "鱼复街道"), ("长寿区", "云台镇"), ("屏边苗族自治县", "新华乡")],
)
def test_towns_in_a_county(county, town):
    from kg.extractors.gazetteer import county_named, towns_in

    (unit,) = [c for c in county_named(county) if c.name == county]
    towns = towns_in(unit)
    assert town in {t.town for t in towns} and {t.county for t in towns} == {county}
