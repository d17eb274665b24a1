"""Which places a web page's address spells (kg/extractors/web_address.py)."""

from __future__ import annotations

import pytest

from kg.extractors.web_address import host, host_labels, spelling, spellings, spells


@pytest.mark.parametrize(
    "address, labels",
    [
        ("http://www.xuwen.gov.cn/xxgk/post_1.html", {"xuwen"}),
        ("https://XXGK.SXGP.gov.cn:8080/a", {"sxgp"}),
        ("http://fz-longyan.gov.cn/", {"fz", "longyan"}),
        # digits, one letter, generic words and anything but a web address: nothing
        ("http://www.12348.gov.cn/", set()),
        ("http://m.gov.cn/", set()),
        ("http://[::1/a", set()),
        ("原文链接", set()),
        ("http://" + "a" * 300 + ".gov.cn/", set()),
    ],
)
def test_host_labels(address, labels):
    assert host_labels(address) == labels


@pytest.mark.parametrize(
    "short, expected",
    [("徐闻", ("xuwen", "xw")), ("鲤城", ("licheng", "lc")), ("密云", ("miyun", "my"))],
)
def test_spelling(short, expected):
    assert spelling(short) == expected


@pytest.mark.parametrize(
    "short, reading",
    [
        ("浚县", ("xunxian", "xx")),  # 浚 is jun elsewhere
        ("长治", ("changzhi", "cz")),  # 长 is zhang in 长大
        ("单县", ("shanxian", "sx")),
        ("徐闻", ("xuwen", "xw")),  # one reading
    ],
)
def test_spellings_hold_a_place_names_other_readings(short, reading):
    assert reading in spellings(short)


@pytest.mark.parametrize(
    "address, province, city, county, expected",
    [
        ("http://www.xuwen.gov.cn/", "广东", "湛江", "徐闻", True),  # the county's pinyin
        ("http://www.qzlc.gov.cn/", "福建", "泉州", "鲤城", True),  # city + county initials
        ("http://xxgk.sxgp.gov.cn/", "山西", "晋城", "高平", True),  # province + county initials
        ("http://www.bjmy.gov.cn/", "北京", None, "密云", True),  # a municipality's district
        ("http://www.zhanjiang.gov.cn/", "广东", "湛江", "徐闻", True),  # the city's pinyin
        ("http://www.gdzj.gov.cn/", "广东", "湛江", None, True),  # province + city initials
        ("http://www.xw.gov.cn/", "广东", "湛江", "徐闻", False),  # the county's initials alone
        ("http://www.fjyx.gov.cn/", "湖南", "岳阳", "平江", False),  # another county
        ("http://www.moj.gov.cn/", "广东", "湛江", "徐闻", False),
        ("http://www.xunxian.gov.cn/", "河南", "鹤壁", "浚县", True),  # a character's other reading
        ("http://www.changzhi.gov.cn/", "山西", "长治", None, True),
        ("http://www.junxian.gov.cn/", "河南", "鹤壁", "淇县", False),
        # the municipality's initials with its 市 before the district's
        ("https://cqstl.gov.cn/", "重庆", None, "铜梁", True),
        # the province's initials before the county's pinyin
        ("https://www.ahhuoshan.gov.cn/", "安徽", "六安", "霍山", True),
        ("https://www.ahhuoshan.gov.cn/", "安徽", "六安", "舒城", False),
    ],
)
def test_spells(address, province, city, county, expected):
    assert spells(host_labels(address), province, city, county) is expected


def test_host_is_lower_case_without_port():
    assert host("https://WWW.Xuwen.gov.cn:8443/a?b=1") == "www.xuwen.gov.cn"
