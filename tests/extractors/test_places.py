"""Tests for extractors/places.py: gazetteer linking, town and village mentions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.places import department_key, extract_places, resolve_place
from kg.ingest.structure import document_from_text
from kg.model import EntityType

BODY = "\n一、主要工作\n推进依法行政。\n"


def place_of(text: str):
    return resolve_place(document_from_text(text))


def villages(text: str, town: str = "青禾镇") -> set[str]:
    doc = document_from_text(f"{town}2023年法治政府建设工作报告\n一、主要工作\n{text}")
    return {m.key for m in extract_places(doc) if m.type is EntityType.VILLAGE}


# ------------------------------------------------------------ resolve_place: seeds

SEED_PLACES = {
    # file: (town, county, city, province, county_code, min confidence, how contains)
    "000_f635664e5ef9ff1d.txt": (
        "大吉山镇",
        "全南县",
        "赣州市",
        "江西省",
        "360729",
        0.9,
        "province clue: 江西 (“江西干部网络学院”)",
    ),
    "001_06903343dc56706e.txt": (
        "黄鹤镇",
        "石柱土家族自治县",
        None,
        "重庆市",
        "500240",
        1.0,
        "county named in text: 石柱土家族自治县",
    ),
    "002_b7d66d5ffce03a1f.txt": (
        "珠龙镇",
        "南谯区",
        "滁州市",
        "安徽省",
        "341103",
        0.9,
        "province clue: 安徽 (《安徽省行政执法监督条例》)",
    ),
    "003_72d73d6d365a8cb9.txt": (
        "云台镇",
        "长寿区",
        None,
        "重庆市",
        "500115",
        1.0,
        "county named in text: 长寿区",
    ),
    # 赣州经济技术开发区 is not a county in the gazetteer, which files 凤岗镇
    # under 南康区; the city named in the text picks the candidate in 赣州市.
    "004_693d1340489262ec.txt": (
        "凤岗镇",
        "南康区",
        "赣州市",
        "江西省",
        "360703",
        0.85,
        "city named in text: 赣州 (赣州经济技术开发区)",
    ),
}


@pytest.mark.seeds
@pytest.mark.parametrize("name", sorted(SEED_PLACES))
def test_seed_places(seed_documents, name):
    town, county, city, province, code, confidence, how = SEED_PLACES[name]
    place = resolve_place(seed_documents[name])
    assert (place.town, place.county, place.city, place.province, place.county_code) == (
        town,
        county,
        city,
        province,
        code,
    )
    assert place.confidence >= confidence
    assert how in place.how


@pytest.mark.seeds
def test_seed_fenggang_says_the_zone_is_not_a_county(seed_documents):
    how = resolve_place(seed_documents["004_693d1340489262ec.txt"]).how
    assert "赣州经济技术开发区 is not a county in the gazetteer" in how


# ------------------------------------------------------------ resolve_place: synthetic


@pytest.mark.parametrize(
    "text, county, province, confidence, how",
    [
        # a county named anywhere decides among same-name towns
        (
            "云台镇2023年法治政府建设工作报告" + BODY + "全面落实平昌县委部署。",
            "平昌县",
            "四川省",
            1.0,
            "county named in text: 平昌县",
        ),
        (
            "重庆市长寿区云台镇人民政府\n云台镇2024年法治政府建设情况的报告" + BODY,
            "长寿区",
            "重庆市",
            1.0,
            "county named in text: 长寿区",
        ),
        # only a province clue: lower confidence
        (
            "云台镇2023年法治政府建设工作报告" + BODY + "学习《甘肃省行政执法监督条例》。",
            "康县",
            "甘肃省",
            0.75,
            "province clue: 甘肃 (《甘肃省行政执法监督条例》)",
        ),
        # a city without counties: the town belongs to the city directly
        (
            "东莞市凤岗镇2023年法治政府建设工作报告" + BODY,
            None,
            "广东省",
            0.9,
            "city named in text: 东莞市",
        ),
    ],
)
def test_clues_decide(text, county, province, confidence, how):
    place = place_of(text)
    assert (place.county, place.province, place.confidence, place.how) == (
        county,
        province,
        confidence,
        how,
    )


@pytest.mark.parametrize(
    "text, n, province",
    [
        ("云台镇2023年法治政府建设工作报告" + BODY, 3, None),
        ("凤岗镇2023年法治政府建设工作报告" + BODY, 4, None),
        # two candidates in 广东: the province is known, the county is not
        ("凤岗镇2023年法治政府建设工作报告" + BODY + "学习《广东省行政执法条例》。", 2, "广东省"),
        # famous places in set phrases and menus of provinces are not clues
        ("凤岗镇2023年法治政府建设工作报告" + BODY + "学习浙江“千万工程”经验。", 4, None),
        (
            "凤岗镇2023年法治政府建设工作报告"
            + BODY
            + "地方政府网站 北京 天津 河北 山西 广东 江西\n",
            4,
            None,
        ),
    ],
)
def test_ambiguous_town_is_never_picked_silently(text, n, province):
    place = place_of(text)
    assert place.how.startswith(f"ambiguous: {n} candidates")
    assert place.confidence <= 0.5
    assert place.county is None and place.county_code is None
    assert place.province == province


@pytest.mark.parametrize(
    "text, n",
    [
        # a town named like a county is not that county's because of its own name
        ("兴隆镇2023年法治政府建设工作报告" + BODY, 33),
        ("柳林镇2023年法治政府建设工作报告" + BODY + "我镇柳林镇村落实合法性审查。", 11),
        ("南湖街道2024年法治政府建设情况报告" + BODY, 13),
    ],
)
def test_a_towns_own_name_is_no_clue_to_its_county(text, n):
    place = place_of(text)
    assert place.how.startswith(f"ambiguous: {n} candidates")
    assert place.county is None and place.confidence <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        # ... under another status either: 托里街道 (the gazetteer's 托里镇 of 精河县) names no 托里县
        "托里街道2023年法治政府建设工作报告" + BODY,
        "响水街道2023年法治政府建设工作报告" + BODY,
    ],
)
def test_a_towns_name_under_another_status_is_no_clue_either(text):
    place = place_of(text)
    assert place.county is None and not place.identified


@pytest.mark.parametrize(
    "text, county",
    [
        # ... the county written apart from it is
        ("兴隆县兴隆镇2023年法治政府建设工作报告" + BODY, "兴隆县"),
        (
            "兴隆镇2023年法治政府建设工作报告" + BODY + "在兴隆县委、县政府的领导下推进依法行政。",
            "兴隆县",
        ),
        (
            "兴隆镇2023年法治政府建设工作报告" + BODY + "在岳池县委、县政府的领导下推进依法行政。",
            "岳池县",
        ),
        # a town that became a street, its county written: the gazetteer's 托里镇 of 精河县
        ("精河县托里街道2023年法治政府建设工作报告" + BODY, "精河县"),
    ],
)
def test_a_county_written_apart_places_a_town_named_like_one(text, county):
    place = place_of(text)
    assert (place.county, place.identified) == (county, True)


@pytest.mark.parametrize(
    "title, county, city",
    [
        # a zone the gazetteer writes under its city's name (岳阳市屈原管理区), written without it
        ("屈原管理区2023年法治政府建设工作报告", "岳阳市屈原管理区", "岳阳市"),
        ("常德市西洞庭管理区关于2024年法治政府建设情况的报告", "常德市西洞庭管理区", "常德市"),
        ("唐山市汉沽管理区人民政府2023年法治政府建设情况报告", "唐山市汉沽管理区", "唐山市"),
    ],
)
def test_a_zone_named_without_its_city(title, county, city):
    place = place_of(title + BODY)
    assert (place.county, place.city, place.identified) == (county, city, True)


@pytest.mark.parametrize(
    "title, city, province",
    [
        # a zone the gazetteer lacks, named after its city by its short or full name
        ("十堰经济技术开发区2023年法治政府建设情况报告", "十堰市", "湖北省"),
        ("赣州高新区2024年法治政府建设工作报告", "赣州市", "江西省"),
        ("十堰市经济开发区2023年法治政府建设情况报告", "十堰市", "湖北省"),
        # ... not after a county or a word
        ("宁河经济开发区2023年法治政府建设情况报告", None, None),
        ("两江新区2023年法治政府建设情况报告", None, None),
    ],
)
def test_a_zone_named_after_its_city_lies_in_it(title, city, province):
    place = place_of(title + BODY)
    assert (place.name, place.city, place.province) == (title[: title.index("20")], city, province)


def test_ambiguous_without_clue_says_so():
    place = place_of("云台镇2023年法治政府建设工作报告" + BODY)
    assert (place.town, place.confidence, place.how) == (
        "云台镇",
        0.33,
        "ambiguous: 3 candidates, no clue",
    )


@pytest.mark.parametrize(
    "text, county, city, province, code",
    [
        # a fictional town with its hierarchy in the header
        ("江南省青禾县青禾镇2023年法治政府建设工作报告" + BODY, "青禾县", None, "江南省", None),
        # a fictional town in a real county: levels above come from the gazetteer
        (
            "江门市新会区荻埠街道办事处\n荻埠街道2020年法治政府建设年度报告" + BODY,
            "新会区",
            "江门市",
            "广东省",
            "440705",
        ),
        (
            "苇岗镇2023年度法治政府建设情况报告\n2023年，苇岗镇在光山县委、县政府的正确领导下，"
            "落实河南省、信阳市、光山县的部署。" + BODY,
            "光山县",
            "信阳市",
            "河南省",
            "411522",
        ),
    ],
)
def test_town_not_in_gazetteer_keeps_stated_hierarchy(text, county, city, province, code):
    place = place_of(text)
    assert place.how.startswith("not in gazetteer; hierarchy as stated")
    assert (place.county, place.city, place.province, place.county_code) == (
        county,
        city,
        province,
        code,
    )


@pytest.mark.parametrize(
    "text, expected, how",
    [
        # 凤岗镇 exists four times, never under 光山县: the report's own superior wins.
        (
            "凤岗镇2023年度法治政府建设情况报告\n凤岗镇在光山县委、县政府的领导下开展工作。" + BODY,
            ("光山县", "河南省"),
            "not in gazetteer; hierarchy as stated (gazetteer has 凤岗镇 only elsewhere)",
        ),
        # the one 增福镇 the gazetteer has is in a county-level city of 河南; the report
        # answers to a 区 and names 重庆: the gazetteer's 增福乡 of 重庆 (its status changed)
        (
            "增福镇2022年法治政府建设工作报告\n增福镇在区委、区政府的领导下，落实重庆法治建设部署。"
            + BODY,
            ("涪陵区", "重庆市"),
            "variant in gazetteer: 增福乡",
        ),
        # ... and with no namesake under another status either, a town the gazetteer lacks
        (
            "青禾镇2022年法治政府建设工作报告\n青禾镇在区委、区政府的领导下，落实重庆法治建设部署。"
            + BODY,
            (None, "重庆市"),
            "not in gazetteer; province clue: 重庆",
        ),
    ],
)
def test_stated_hierarchy_beats_a_same_name_town_elsewhere(text, expected, how):
    place = place_of(text)
    assert (place.county, place.province) == expected
    assert place.how.startswith(how)


def test_province_clue_only_for_unknown_town():
    place = place_of(
        "青禾镇2023年法治政府建设工作报告" + BODY + "学习《湖南省法治政府建设实施办法》。"
    )
    assert (place.province, place.county, place.confidence) == ("湖南省", None, 0.3)
    assert place.how == "not in gazetteer; province clue: 湖南 (《湖南省法治政府建设实施办法》)"


def test_unknown_town_without_clue():
    place = place_of("青禾镇2023年法治政府建设工作报告" + BODY)
    assert (place.town, place.province, place.confidence) == ("青禾镇", None, 0.1)
    assert place.how == "not in gazetteer; no hierarchy stated"


@pytest.mark.parametrize(
    "title, city",
    [
        # a prefecture city's department, though a district elsewhere shares the city's stem
        ("广安市司法局2023年法治政府建设年度报告", "广安市"),
        ("西安市应急管理局2024年法治政府建设情况报告", "西安市"),
    ],
)
def test_a_prefecture_citys_department_is_the_citys(title, city):
    place = place_of(title + BODY)
    assert (place.name, place.county, place.city) == (title[: title.index("局") + 1], None, city)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the city by its brand or goal, or by its short name anywhere
        ("为建设美丽福州提供法治保障。", ("福州市生态环境局", "福州市", "福建省")),
        ("为大连振兴发展新突破提供法治保障。", ("大连市生态环境局", "大连市", "辽宁省")),
        # not a short name inside a longer word (长治久安), nor two cities
        ("维护社会长治久安。", ("市生态环境局", None, None)),
        ("赴杭州、宁波学习考察。", ("市生态环境局", None, None)),
    ],
)
def test_a_city_department_named_bare_is_of_the_one_city_it_names(sentence, expected):
    place = place_of("2023年，在市委、市政府领导下，市生态环境局依法行政，" + sentence + BODY)
    assert (place.name, place.city, place.province) == expected


@pytest.mark.parametrize(
    "title, province",
    [
        ("郑州市2023年法治政府建设年度报告", "河南省"),
        ("赣州市2022年法治政府建设情况报告", "江西省"),
    ],
)
def test_a_prefecture_citys_own_report_says_what_it_is(title, province):
    place = place_of(title + BODY)
    assert not place.identified
    assert place.how.startswith(f"{title[:3]} is a prefecture-level city of {province}")


def test_a_status_variant_the_text_does_not_place_is_named_in_the_note():
    # 新溪街道 may be the 新溪镇 the gazetteer has, upgraded, or a namesake: it is not taken, and
    # the note says what the gazetteer has (a curator may add the street)
    place = place_of("新溪街道2025年法治政府建设情况报告" + BODY)
    assert not place.identified
    assert place.how == (
        "not in gazetteer; no hierarchy stated (gazetteer has 新溪镇 in 龙湖区, not placed by the text)"
    )


def test_unique_name_contradicted_by_the_text_is_less_certain():
    place = place_of(
        "珠龙镇2023年法治政府建设工作报告" + BODY + "学习《湖南省法治政府建设实施办法》。"
    )
    assert place.county == "南谯区" and place.confidence == 0.5
    assert place.how == "unique name in gazetteer, but text names 湖南"


def test_status_variant_is_found_with_lower_confidence():
    # The gazetteer has 云台镇; a report from a 乡 of that name keeps its own name.
    place = place_of("云台乡2023年法治政府建设工作报告" + BODY + "长寿区")
    assert (place.town, place.county) == ("云台乡", "长寿区")
    assert place.confidence == 0.8
    assert place.how == "variant in gazetteer: 云台镇; county named in text: 长寿区"


@pytest.mark.parametrize(
    "names, county",
    [
        # one department however it is written: one key (one node of the graph, one scored unit)
        (("荷塘区文旅体局", "荷塘区文化旅游体育局"), "荷塘区"),
        (("通城县人社局", "通城县人力资源和社会保障局"), "通城县"),
        (("阳城县科技局", "阳城县科学技术局"), "阳城县"),
        (("巫溪县教委", "巫溪县教育委员会"), "巫溪县"),
        (("石柱土家族自治县民宗委", "石柱土家族自治县民族宗教事务委员会"), "石柱土家族自治县"),
        (("广州市公安局增城区分局", "广州市公安局增城区公安分局", "增城区公安分局"), "增城区"),
        # ... a municipality's bureau's district branch (the district has no city)
        (("重庆市公安局渝北区分局", "渝北区公安分局"), "渝北区"),
        (("武汉市市场监管局", "武汉市市场监督管理局"), None),
        (("厦门市外办", "厦门市外事办公室", "厦门市人民政府外事办公室"), None),
        # a city's short name before a body that opens with 市 (市场监督管理局)
        (("泉州市场监督管理局", "泉州市市场监督管理局"), None),
        # a city bureau's district branch called the district's 监管局 is the district's bureau
        (("深圳市市场监督管理局龙华监管局", "龙华区市场监督管理局"), "龙华区"),
        # an autonomous prefecture by the short name the gazetteer writes with its 州
        (("海南州教育局", "海南藏族自治州教育局"), None),
        # a body reports name mostly as an issuer: not read as an organisation, one key
        (("施甸县政府办公室", "施甸县人民政府办公室", "施甸县政府办"), "施甸县"),
        # a prefecture's bureau's county branch, the prefecture and the county written short
        (
            ("湘西自治州生态环境局凤凰分局", "湘西州生态环境局凤凰分局", "凤凰县生态环境分局"),
            "凤凰县",
        ),
        # one body under two names, the second in brackets, keys by its first
        (("青禾县藏语委办(编译局)", "青禾县藏语委办（编译局）", "青禾县藏语委办"), "青禾县"),
    ],
)
def test_a_departments_ways_of_writing_share_one_key(names, county):
    assert len({department_key(name, county) for name in names}) == 1


@pytest.mark.parametrize(
    "name, key",
    [
        # a city's short name before 市场…; a full name before 政务… (no body opens with 场)
        ("泉州市场监督管理局", "泉州市市场监督管理局"),
        ("长春市政务服务和数字化建设管理局", "长春市政务服务和数字化建设管理局"),
        # its province's short name before it, a title's habit; not another province's
        ("山东济南市司法局", "济南市司法局"),
        ("广东济南市司法局", "广东济南市司法局"),
    ],
)
def test_a_city_departments_key(name, key):
    assert department_key(name, None) == key


@pytest.mark.parametrize(
    "text, expected",
    [
        # a city's department that writes its city only as 市: the one city its report names
        (
            "2023年，市司法局在市委、市政府的坚强领导下坚持依法行政。\n一、主要工作\n"
            "落实《龙岩市法治政府建设实施方案》。",
            ("龙岩市司法局", "龙岩市", "福建省", True),
        ),
        # ... none named, or two: not placed
        (
            "2023年，市司法局在市委、市政府的坚强领导下坚持依法行政。\n一、主要工作\n推进依法行政。",
            ("市司法局", None, None, False),
        ),
        (
            "2023年，市司法局坚持依法行政。\n一、主要工作\n学习龙岩市、漳州市的做法。",
            ("市司法局", None, None, False),
        ),
    ],
)
def test_a_city_department_named_bare_takes_the_one_city_its_report_names(text, expected):
    place = place_of(text)
    assert (place.town, place.city, place.province, place.identified) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        # a prefecture's department, the prefecture by its short name and 州
        ("湘西州司法局", ("湘西州司法局", None, "湘西土家族苗族自治州", "湖南省")),
        # its bureau's branch in a county written short (凤凰: 凤凰县)
        (
            "湘西自治州生态环境局凤凰分局",
            ("湘西自治州生态环境局凤凰分局", "凤凰县", "湘西土家族苗族自治州", "湖南省"),
        ),
        ("温州市生态环境局泰顺分局", ("温州市生态环境局泰顺分局", "泰顺县", "温州市", "浙江省")),
    ],
)
def test_a_prefectures_department_and_its_county_branch_are_placed(title, expected):
    place = place_of(f"{title}2024年度法治政府建设的报告" + BODY)
    assert (place.town, place.county, place.city, place.province) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        # an ethnic township written without its peoples: the gazetteer's name
        ("湾甸乡", ("湾甸傣族乡", "昌宁县")),
        ("铁石乡", ("铁石苗族彝族乡", "黔西市")),
    ],
)
def test_an_ethnic_township_written_short_takes_the_gazetteers_name(title, expected):
    place = place_of(f"{title}2025年法治政府建设情况报告" + BODY)
    assert (place.town, place.county) == expected and place.identified


def test_town_found_in_header_when_title_has_none():
    doc = document_from_text(
        "2023年度法治工作报告\n首页>信息公开>黄鹤镇\n推进依法行政。黄鹤镇开展普法。"
    )
    assert doc.town is None
    place = resolve_place(doc)
    assert (place.town, place.county) == ("黄鹤镇", "石柱土家族自治县")


def test_no_town_at_all():
    assert resolve_place(document_from_text("2023年度工作报告\n推进依法行政。")) is None


# ------------------------------------------------------------ extract_places: villages


@pytest.mark.parametrize(
    "text, expected",
    [
        # enumerations; the left boundary stops at 在/到
        (
            "先后在吉山社区、田背村、大岳村等3个村（社区）开展法治宣传。",
            {"吉山社区", "田背村", "大岳村"},
        ),
        ("先后到向阳村和光明村走访。", {"向阳村", "光明村"}),
        ("李家村、王家村、张家村等3个村修订村规民约。", {"李家村", "王家村", "张家村"}),
        ("城东居委会、城西居委会开展调解。", {"城东居委会", "城西居委会"}),
        # a committee after the name
        ("指导马安村村委会修订村规民约。", {"马安村"}),
        ("马安村委会完成换届。", {"马安村"}),
        ("吉山社区居委会主任参加培训。", {"吉山社区"}),
        ("东山村党支部书记带头学法。", {"东山村"}),
        # a place after 在, a clause about the village
        ("在大坪村召开院坝会。", {"大坪村"}),
        ("全年培训3次。王湾村被命名为省级民主法治示范村。", {"王湾村"}),
        ("加强创建，荻洲社区被评为省级民主法治示范社区。", {"荻洲社区"}),
        # the name of the town before a village
        ("青禾镇东山村、西山村开展普法。", {"东山村", "西山村"}),
        # generic words are not villages
        ("扎实做好社区矫正和安置帮教。", set()),
        ("各村（社区）开展普法，推进法治乡村建设。", set()),
        ("农村、乡村振兴、美丽乡村、文明村创建。", set()),
        ("包村干部下村日，驻村工作队进村入户。", set()),
        ("镇村两级干部、村级组织、村组干部。", set()),
        ("创建民主法治示范村、示范社区，贫困村、试点村。", set()),
        ("全镇3个村、12个行政村、1个社区。", set()),
        ("落实一村（社区）一法律顾问、一村一辅警。", set()),
        ("城乡社区、农村社区。各村、各社区。本村、该村。", set()),
        ("学习《中华人民共和国村民委员会组织法》。", set()),
        ("绿色由村调委会就地化解；推行村法律顾问每月到村坐班。", set()),
        ("在各村党群服务中心设置议事点。", set()),
        ("确认了镇政府与村民委员、居民委员会的法律关系。", set()),
        # one bare mention without a strong pattern is not enough
        ("走访了向阳村。", set()),
    ],
)
def test_village_patterns(text, expected):
    assert villages(text) == expected


def test_gazetteer_villages_of_the_resolved_town_are_certain():
    # 八字村 and 安坪村 are listed under 长寿区云台镇; a single bare mention suffices.
    doc = document_from_text(
        "重庆市长寿区云台镇人民政府\n云台镇2024年法治政府建设情况的报告\n"
        "一、主要工作\n组织八字村干部学法。\n走访安坪村。"
    )
    assert {m.key for m in extract_places(doc) if m.type is EntityType.VILLAGE} == {
        "八字村",
        "安坪村",
    }


def test_village_mentions_have_exact_spans():
    doc = document_from_text(
        "青禾镇2023年法治政府建设工作报告\n一、主要工作\n"
        "先后在吉山社区、田背村开展宣传。吉山社区老兵调解室成效明显。"
    )
    found = [(m.text, m.key) for m in extract_places(doc) if m.type is EntityType.VILLAGE]
    assert found == [("吉山社区", "吉山社区"), ("田背村", "田背村"), ("吉山社区", "吉山社区")]


# ------------------------------------------------------------ extract_places: seeds


@pytest.mark.seeds
def test_seed_000_villages(seed_documents):
    mentions = extract_places(seed_documents["000_f635664e5ef9ff1d.txt"])
    keys = {m.key for m in mentions if m.type is EntityType.VILLAGE}
    assert keys == {"吉山社区", "田背村", "大岳村", "乌桕坝村", "马安村"}
    assert not keys & {"农村", "乡村", "各村", "镇村", "在吉山社区", "个村"}
    # 吉山社区 is named four times: the enumeration, the veterans, the creation, the room.
    assert sum(m.key == "吉山社区" for m in mentions) == 4


@pytest.mark.seeds
@pytest.mark.parametrize(
    "name",
    [
        "001_06903343dc56706e.txt",
        "002_b7d66d5ffce03a1f.txt",
        "003_72d73d6d365a8cb9.txt",
        "004_693d1340489262ec.txt",
    ],
)
def test_other_seeds_name_no_village(seed_documents, name):
    # 包村干部, 驻村, 各村（社区）, 村民委员会, 一村（社区）一法律顾问: all generic.
    assert not [m for m in extract_places(seed_documents[name]) if m.type is EntityType.VILLAGE]


@pytest.mark.seeds
@pytest.mark.parametrize(
    "name, town, count",
    [
        ("000_f635664e5ef9ff1d.txt", "大吉山镇", 7),
        ("001_06903343dc56706e.txt", "黄鹤镇", 1),
        ("002_b7d66d5ffce03a1f.txt", "珠龙镇", 7),
        ("003_72d73d6d365a8cb9.txt", "云台镇", 2),
        ("004_693d1340489262ec.txt", "凤岗镇", 6),
    ],
)
def test_seed_town_mentions(seed_documents, name, town, count):
    towns = [m for m in extract_places(seed_documents[name]) if m.type is EntityType.TOWN]
    assert {m.key for m in towns} == {town}
    assert len(towns) == count


@pytest.mark.seeds
def test_seed_mentions_keep_the_contract(seed_documents):
    for doc in seed_documents.values():
        mentions = extract_places(doc)
        assert mentions == sorted(mentions, key=lambda m: (m.start, m.end, m.type.value, m.key))
        assert len(mentions) == len(set(mentions))
        for m in mentions:
            assert m.text == doc.text[m.start : m.end]
            assert m.section == doc.section_kind_at(m.start)


def test_town_inside_a_longer_town_name_is_not_a_mention():
    # 吉山镇 inside 大吉山镇 names another town.
    doc = document_from_text(
        "吉山镇2023年法治政府建设工作报告\n一、工作\n与大吉山镇交流。吉山镇开展普法。"
    )
    starts = [m.start for m in extract_places(doc) if m.type is EntityType.TOWN]
    assert len(starts) == 2 and doc.text.index("大吉山镇") + 1 not in starts


# ------------------------------------------------------------ robustness


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("镇乡村社区县市省在和、，。\n等个各青禾山东西吉马安0123（）")
        ),
        max_size=80,
    )
)
def test_never_raises_and_spans_are_exact(text):
    doc = document_from_text("青禾镇2023年法治政府建设工作报告\n" + text)
    resolve_place(doc)
    for m in extract_places(doc):
        assert m.text == doc.text[m.start : m.end]


# ------------------------------------------------------------ every kind of unit

UNIT_BODY = "\n一、主要举措和成效\n落实合法性审查。"


@pytest.mark.parametrize(
    "text, expected, how",
    [
        # a county written by its short name is the gazetteer's county
        (
            "屏边县2023年法治政府建设年度报告" + UNIT_BODY,
            ("屏边苗族自治县", "County", "屏边苗族自治县", "红河哈尼族彝族自治州", "云南省"),
            "written 屏边县",
        ),
        # four 鼓楼区: the city the text names decides
        (
            "鼓楼区2023年法治政府建设年度报告\n在福州市委、市政府的坚强领导下，依法行政。"
            + UNIT_BODY,
            ("鼓楼区", "County", "鼓楼区", "福州市", "福建省"),
            "city named in text: 福州市",
        ),
        # a department, in the county its name starts with
        (
            "峄城区司法局2022年度法治政府建设情况的报告" + UNIT_BODY,
            ("峄城区司法局", "Organization", "峄城区", "枣庄市", "山东省"),
            "department of 峄城区",
        ),
        # a county by its short name and level (肃南县) before the department, not the other
        # county its last characters spell (南县, 湖南)
        (
            "肃南县林草局2024年法治政府建设工作报告" + UNIT_BODY,
            ("肃南裕固族自治县林草局", "Organization", "肃南裕固族自治县", "张掖市", "甘肃省"),
            "department of 肃南裕固族自治县",
        ),
        # a department named without its county takes it from the publishing fields
        (
            "发布机构：大足区卫生健康委员会\n区卫生健康委关于2025年法治政府建设情况的报告"
            + UNIT_BODY,
            ("大足区卫生健康委", "Organization", "大足区", None, "重庆市"),
            "department of 大足区",
        ),
        # six 三都镇; only one of them answers to a 县 (县委、县政府)
        (
            "三都镇2025年法治政府建设年度报告\n2025年，在县委、县政府的领导下，我镇依法行政。"
            + UNIT_BODY,
            ("三都镇", "Town", "铜鼓县", "宜春市", "江西省"),
            "answers to a 县",
        ),
        # 和县 in 领导和县依法治县委员会 is no county: 棣棠乡 stays in 彭水
        (
            "棣棠乡2023年度法治政府建设情况报告\n2023年，棣棠乡在县委、县政府正确领导和县依法治县"
            "委员会支持下依法行政。" + UNIT_BODY,
            ("棣棠乡", "Town", "彭水苗族土家族自治县", None, "重庆市"),
            "unique name in gazetteer",
        ),
        # 市委“138”和县委“1177”: 和 after a closing quote is a conjunction, 和县 (安徽) no
        # county; the province the text names places the 黄村镇 of 东源县
        (
            "黄村镇2025年法治政府建设工作报告\n2025年，黄村镇围绕省委“1310”部署、市委“138”和县委"
            "“1177”安排，贯彻视察广东重要讲话精神，依法行政。" + UNIT_BODY,
            ("黄村镇", "Town", "东源县", "河源市", "广东省"),
            "province clue: 广东",
        ),
        # no name in title or opening: the short name of a township of the county it names
        (
            "法治政府建设情况报告\n2021年来，街道按照《奉节县法治政府建设实施方案》推进工作，"
            "开拓鱼复法治建设新局面。" + UNIT_BODY,
            ("鱼复街道", "Town", "奉节县", None, "重庆市"),
            "short name in text: 鱼复",
        ),
        # 北城街街道 is 北城街道 in the gazetteer; the report's own form is kept
        (
            "北城街街道办事处2025年法治政府建设年度报告\n2025年，在晋城市委的领导下依法行政。"
            + UNIT_BODY,
            ("北城街街道", "Town", "高平市", "晋城市", "山西省"),
            "city named in text: 晋城市",
        ),
        # 古美路街道 is 古美街道 in the gazetteer (a street named after its road, filed without it)
        (
            "古美路街道2023年法治政府建设情况报告\n2023年，街道依法行政。" + UNIT_BODY,
            ("古美路街道", "Town", "闵行区", None, "上海市"),
            "unique name in gazetteer",
        ),
        # a department named without its county, in the county its brand names
        (
            "县司法局2024年法治政府建设年度报告\n2024年，我局围绕法治婺源建设依法行政。"
            + UNIT_BODY,
            ("婺源县司法局", "Organization", "婺源县", "上饶市", "江西省"),
            "department of 婺源县; brand; ",
        ),
        # a brand of a county whose short name is also a hill (象山) or a landmark (兰考)
        (
            "2024年，县卫生健康局在县委县政府的领导下推进法治象山建设，我局依法行政。" + UNIT_BODY,
            ("象山县卫生健康局", "Organization", "象山县", "宁波市", "浙江省"),
            "department of 象山县; brand; ",
        ),
        (
            "县司法局2023年法治政府建设年度报告\n2023年，我局助力平安兰考建设。" + UNIT_BODY,
            ("兰考县司法局", "Organization", "兰考县", "开封市", "河南省"),
            "department of 兰考县; brand; ",
        ),
        # a department written with its county's short name, named by the county's full name
        (
            "城步县教育局2023年法治政府建设情况报告" + UNIT_BODY,
            ("城步苗族自治县教育局", "Organization", "城步苗族自治县", "邵阳市", "湖南省"),
            "written 城步县",
        ),
        # a title with a colon after the unit
        (
            "桃江县交通运输局：2023年度法治政府建设报告" + UNIT_BODY,
            ("桃江县交通运输局", "Organization", "桃江县", "益阳市", "湖南省"),
            "department of 桃江县",
        ),
        # a county whose name opens like a unit calling itself (全县), in the opening sentence
        (
            "2023年全椒县司法局在县委、县政府的领导下依法行政，现将有关情况报告如下。" + UNIT_BODY,
            ("全椒县司法局", "Organization", "全椒县", "滁州市", "安徽省"),
            "department of 全椒县",
        ),
        # two 富乐镇; the report names its county as it was before it became a city
        (
            "富乐镇2020年度法治政府建设情况报告\n2020年，富乐镇在会理县委、县人民政府的领导下"
            "依法行政。" + UNIT_BODY,
            ("富乐镇", "Town", "会理市", "凉山彝族自治州", "四川省"),
            "county named in text: 会理 (会理县)",
        ),
        # a one-character county that has become a 州 city since (横县 -> 横州市)
        (
            "横县2020年度法治政府建设情况报告\n2020年，我县依法行政。" + UNIT_BODY,
            ("横州市", "County", "横州市", "南宁市", "广西壮族自治区"),
            "written 横县",
        ),
        # a county report that names itself only 我县 and through its brand
        (
            "法治政府建设情况报告\n2024年，我县全力推进法治婺源建设，我县依法行政。" + UNIT_BODY,
            ("婺源县", "County", "婺源县", "上饶市", "江西省"),
            "brand; ",
        ),
        # ... or only in the title of its own plan for the work
        (
            "一年来，我县印发《2023年潼关县法治政府建设工作要点》，我县依法行政。" + UNIT_BODY,
            ("潼关县", "County", "潼关县", "渭南市", "陕西省"),
            "own document or meeting; ",
        ),
        (
            "2020年，我区贯彻《中共广州市番禺区委全面依法治区委员会2020年工作要点》，我区依法行政。"
            + UNIT_BODY,
            ("番禺区", "County", "番禺区", "广州市", "广东省"),
            "own document or meeting; ",
        ),
        # ... or only in the name of its own meeting on the work
        (
            "2021年，县政府依法行政。我县及时召开孝昌县法治政府建设工作推进会，我县依法行政。"
            + UNIT_BODY,
            ("孝昌县", "County", "孝昌县", "孝感市", "湖北省"),
            "own document or meeting; ",
        ),
        # ... or as the one district of the city it reports to that it names, by a short name or
        # in full
        (
            "中共景德镇市委、景德镇市人民政府：\n2022年，我区依法行政，为建设美丽昌江提供法治保障。"
            + UNIT_BODY,
            ("昌江区", "County", "昌江区", "景德镇市", "江西省"),
            "the one 区 of the addressed 景德镇市 the text names; ",
        ),
        (
            "常州市人民政府：\n2024年，区政府依法行政。\n一、主要工作\n印发《常州市天宁区机构改革方案》。",
            ("天宁区", "County", "天宁区", "常州市", "江苏省"),
            "the one 区 of the addressed 常州市 the text names; ",
        ),
        # ... or only by its short name as the opening's subject (thirtieth session)
        (
            "2023年，桐庐坚持依法行政，我县法治政府建设取得新成效。" + UNIT_BODY,
            ("桐庐县", "County", "桐庐县", "杭州市", "浙江省"),
            "short name in the opening; ",
        ),
        # ... or only by its page's address, the initial of its level after its own (xjsmgq:
        # 新疆水磨沟区)
        (
            "原文链接：http://www.xjsmgq.gov.cn/a.htm\n2022年，区委、区政府依法行政，我区法治建设取得成效。"
            + UNIT_BODY,
            ("水磨沟区", "County", "水磨沟区", "乌鲁木齐市", "新疆维吾尔自治区"),
            "web address www.xjsmgq.gov.cn; ",
        ),
        # ... or calls itself by its government alone, on its own site
        (
            "原文链接：http://www.wuhua.gov.cn/a.html\n2020年，在市委、市政府的领导下，县人民政府坚持依法行政。"
            + UNIT_BODY,
            ("五华县", "County", "五华县", "梅州市", "广东省"),
            "web address www.wuhua.gov.cn; ",
        ),
        # a township's report that writes only its short name, of the level it calls itself by
        (
            "2025年，公明坚持依法行政，书写法治公明建设新篇章。\n一、主要工作\n街道党工委会议学法4次。",
            ("公明街道", "Town", "光明区", "深圳市", "广东省"),
            "short name in the opening: 公明; ",
        ),
    ],
)
def test_units_of_every_kind(text, expected, how):
    place = place_of(text)
    assert (place.name, place.kind.value, place.county, place.city, place.province) == expected
    assert how in place.how and place.identified


@pytest.mark.parametrize(
    "text, site, expected",
    [
        # two 梅仙镇; the county's site holds the report
        ("梅仙镇2025年法治政府建设年度报告" + UNIT_BODY, "尤溪县人民政府", ("尤溪县", "三明市")),
        # the city's site: the one 梅仙镇 in that city
        (
            "梅仙镇2025年法治政府建设年度报告" + UNIT_BODY,
            "三明市人民政府门户网站",
            ("尤溪县", "三明市"),
        ),
        # four 鼓楼区; a county's site names its city
        (
            "鼓楼区2023年法治政府建设年度报告" + UNIT_BODY,
            "福州市鼓楼区人民政府",
            ("鼓楼区", "福州市"),
        ),
        # a department on its county's site
        (
            "鼓楼区司法局2023年法治政府建设年度报告" + UNIT_BODY,
            "开封市鼓楼区人民政府",
            ("鼓楼区", "开封市"),
        ),
        # the text decides over a site that holds none of the candidates (a report republished)
        (
            "三都镇2025年法治政府建设年度报告\n2025年，在县委、县政府的领导下，我镇依法行政。"
            + UNIT_BODY,
            "尤溪县人民政府",
            ("铜鼓县", "宜春市"),
        ),
    ],
)
def test_the_web_page_site_narrows_same_name_units(text, site, expected):
    from kg.ingest.read import source_from_text
    from kg.ingest.structure import structure

    place = resolve_place(structure(source_from_text(text, meta={"page_site": site})))
    assert (place.county, place.city) == expected and place.identified
    assert "on the page of " in place.how or "县委" in text


MEIXIAN = "梅仙镇2025年法治政府建设年度报告"  # two 梅仙镇 in the gazetteer


@pytest.mark.parametrize(
    "chrome, title, expected",
    [
        # the trail of links opens with the county's portal
        (
            "您现在所在的位置：\n首页 > 尤溪县人民政府门户网站 > 专题专栏 > 2025年",
            MEIXIAN,
            ("梅仙镇", "尤溪县", "on the page of 尤溪县"),
        ),
        # the same after the location label, with no 首页
        (
            "当前位置：尤溪县人民政府>乡镇>梅仙镇人民政府>法治政府建设年度报告",
            MEIXIAN,
            ("梅仙镇", "尤溪县", "on the page of 尤溪县"),
        ),
        # the page's source field names the county's bureau that published the report
        (
            "发布时间：2025年02月11日 来源：尤溪县司法局 浏览次数：",
            MEIXIAN,
            ("梅仙镇", "尤溪县", "on the page of 尤溪县"),
        ),
        # a bureau named by its level alone, on its district's site
        (
            "首页 > 铜梁区人民政府 > 部门信息公开 > 区司法局",
            "区司法局2025年法治政府建设年度报告\n2025年，我局依法行政。",
            ("铜梁区司法局", "铜梁区", "the one county of its level the page names"),
        ),
        # a trail of folders names no unit: the town stays ambiguous
        (
            "首页 > 政务公开 > 法治政府建设年度报告",
            MEIXIAN,
            ("梅仙镇", None, "ambiguous"),
        ),
        # ... a folder naming the town after its county's short name: that county's
        (
            "您当前的位置：首页 > 乡镇 > 尤溪梅仙镇栏目 > 政务公开",
            MEIXIAN,
            ("梅仙镇", "尤溪县", "on the page of 尤溪梅仙镇"),
        ),
    ],
)
def test_the_page_chrome_names_the_publisher(chrome, title, expected):
    place = place_of(f"{chrome}\n{title}{UNIT_BODY}")
    assert (place.name, place.county) == expected[:2]
    assert expected[2] in place.how


@pytest.mark.parametrize(
    "text, expected",
    [
        # seven 大安镇; the publisher's credit code is registered in 兖州区 (370812)
        (
            "索 引 号：11370812004322138J/2026-00538\n大安镇2025年法治政府建设年度报告" + UNIT_BODY,
            ("大安镇", "兖州区", "index number 11370812004322138J/2026-00538 (兖州区)"),
        ),
        # a bare division code: 滕州市 (370481)
        (
            "索 引 号：370481/2026-00158\n柴胡店镇2025年法治政府建设年度报告" + UNIT_BODY,
            ("柴胡店镇", "滕州市", "index number 370481/2026-00158 (滕州市)"),
        ),
        # a county report that calls itself 我区 and names no county: the division is the unit
        (
            "索引号：113708120042347000/2026-00508\n法治政府建设情况报告\n"
            "现将我区2025年度法治政府建设情况报告如下，我区依法行政。" + UNIT_BODY,
            ("兖州区", "兖州区", "index number 113708120042347000/2026-00508"),
        ),
        # a department named without its county (区司法局 … 我局)
        (
            "索引号：113708120042347000/2026-00508\n区司法局2025年法治政府建设年度报告\n"
            "2025年，我局依法行政。" + UNIT_BODY,
            ("兖州区司法局", "兖州区", "department of 兖州区; index number 113708120042347000"),
        ),
    ],
)
def test_the_index_number_places_the_publisher(text, expected):
    place = place_of(text)
    assert (place.name, place.county) == expected[:2] and place.identified
    assert expected[2] in place.how


@pytest.mark.parametrize(
    "text",
    [
        # no division in the index number (pinyin initials), or one the gazetteer lacks
        "索引号：pbxxhxrmzf/2026-00001\n大安镇2025年法治政府建设年度报告" + UNIT_BODY,
        "索引号：119999990042347000/2026-00001\n大安镇2025年法治政府建设年度报告" + UNIT_BODY,
    ],
)
def test_an_index_number_without_a_known_division_decides_nothing(text):
    place = place_of(text)
    assert place.county is None and not place.identified


@pytest.mark.parametrize(
    "text",
    [
        # 我县, but the index number names a 区: no unit, never a guess
        "索引号：113708120042347000/2026-00508\n法治政府建设情况报告\n"
        "现将我县2025年度法治政府建设情况报告如下，我县依法行政。" + UNIT_BODY,
    ],
)
def test_an_index_number_of_another_level_gives_no_unit(text):
    assert place_of(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # 余杭 of 余杭街道 stands only inside 余杭区, the county: it names no township; the
        # report is the bureau's that names itself in its own plan
        (
            "一、主要举措\n区农业农村局制定《余杭区农业农村局2020年法治工作要点》，依法行政。"
            + UNIT_BODY,
            ("余杭区农业农村局", "Organization"),
        ),
        # ... and with no bureau either, no unit at all
        ("一、主要举措\n落实《余杭区法治政府建设实施方案》，依法行政。" + UNIT_BODY, None),
    ],
)
def test_a_short_name_inside_the_county_name_names_no_township(text, expected):
    place = place_of(text)
    assert (place and (place.town, place.kind.value)) == expected


@pytest.mark.parametrize(
    "title, address, expected",
    [
        # three 下洋镇; the county's site spells 徐闻 in pinyin
        ("下洋镇", "http://www.xuwen.gov.cn/xxgk/post_1.html", ("徐闻县", "湛江市")),
        # the province's and the county's initials: 福建尤溪 (the other 梅仙镇 is 平江县's)
        ("梅仙镇", "http://www.fjyx.gov.cn/zfxxgk/t1.htm", ("尤溪县", "三明市")),
        # a municipality's district (thirteen 鼓楼街道), a column's label before it
        ("鼓楼街道办事处", "https://xxgk.bjmy.gov.cn:8080/zwgk/t2.html", ("密云区", None)),
        # a city's site: 龙岩 holds one of the three 下洋镇
        ("下洋镇", "http://www.longyan.gov.cn/a.html", ("永定区", "龙岩市")),
        # four 鼓楼区; the city's and the county's initials: 开封鼓楼
        ("鼓楼区", "http://www.kfgl.gov.cn/b.html", ("鼓楼区", "开封市")),
        # a department of one of them
        ("鼓楼区司法局", "http://www.kfgl.gov.cn/b.html", ("鼓楼区", "开封市")),
        # a county's initials alone, which one candidate has (weak, so only among candidates)
        ("下洋镇", "http://xw.gov.cn/a.html", ("徐闻县", "湛江市")),
    ],
)
def test_the_web_address_narrows_same_name_units(title, address, expected):
    place = place_of(f"原文链接：{address}\n{title}2025年法治政府建设年度报告" + UNIT_BODY)
    assert (place.county, place.city) == expected and place.identified
    assert "web address" in place.how


@pytest.mark.parametrize(
    "text",
    [
        # an address that spells none of the candidates (a report republished elsewhere)
        "原文链接：http://www.moj.gov.cn/a.html\n下洋镇2025年法治政府建设年度报告" + UNIT_BODY,
        # two candidates it spells alike: 福建 holds two of the three 下洋镇
        "原文链接：http://www.fujian.gov.cn/a.html\n下洋镇2025年法治政府建设年度报告" + UNIT_BODY,
        # two letters that are no candidate county's initials
        "原文链接：http://xx.gov.cn/a.html\n下洋镇2025年法治政府建设年度报告" + UNIT_BODY,
        # two letters that are one candidate county's initials and another's city's (dg: 东港市
        # and 东莞市, whose towns have no county)
        "原文链接：http://www.dg.gov.cn/a.html\n长安镇2024年法治政府建设年度报告" + UNIT_BODY,
    ],
)
def test_a_web_address_that_tells_nothing_leaves_the_town_ambiguous(text):
    place = place_of(text)
    assert place.county is None and not place.identified


def test_the_text_decides_over_the_web_address():
    # the text places 三都镇 in 宜春市 (铜鼓县); the address is 柳江's (another 三都镇)
    place = place_of(
        "原文链接：http://www.liujiang.gov.cn/a.shtml\n三都镇2025年法治政府建设年度报告\n"
        "2025年，宜春市铜鼓县三都镇依法行政。" + UNIT_BODY
    )
    assert (place.county, place.city) == ("铜鼓县", "宜春市")


def test_a_site_with_no_unit_leaves_the_town_ambiguous():
    from kg.ingest.read import source_from_text
    from kg.ingest.structure import structure

    text = "梅仙镇2025年法治政府建设年度报告" + UNIT_BODY
    place = resolve_place(structure(source_from_text(text, meta={"page_site": "法治网"})))
    assert place.county is None and not place.identified


@pytest.mark.parametrize(
    "text",
    [
        # 三都镇 answers to a 区: two candidates remain, and 和村 (a word: 社区和村) tells nothing
        "三都镇2025年法治政府建设年度报告\n2025年，在区委、区政府的领导下，社区和村全覆盖。"
        + UNIT_BODY,
        "云台镇2024年法治政府建设情况的报告" + UNIT_BODY,
    ],
)
def test_a_name_the_text_leaves_ambiguous_is_not_identified(text):
    place = place_of(text)
    assert place.county is None and not place.identified and place.confidence <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "法治政府建设情况报告\n现将我县2020年度法治政府建设情况报告如下。" + UNIT_BODY,
        # a brand of an ordinary word (平安建设, 法治政府) names no county
        "法治政府建设情况报告\n2024年，我县推进法治政府和平安建设，我县依法行政。" + UNIT_BODY,
        # a city's brand (法治黄山) does not name its district of the same short name
        "法治政府建设情况报告\n2024年，我区推进法治黄山建设，我区依法行政。" + UNIT_BODY,
        # a brand that names no county at all
        "法治政府建设情况报告\n2024年，我区推进法治青禾建设，我区依法行政。" + UNIT_BODY,
        # a township named by one character ends a word (提高镇村: 高镇; 依法镇: 法镇), no name
        "2022年，我镇依法履职，着力提高镇村干部的法治素养。" + UNIT_BODY,
        "2022年，我镇依法行政，坚持依法镇务公开。" + UNIT_BODY,
        # an opening's subject that is a common word, or names no unit of the report's level
        "2023年，全县坚持依法行政，我县法治政府建设取得新成效。" + UNIT_BODY,
        "2023年，平安坚持依法行政，我县法治政府建设取得新成效。" + UNIT_BODY,
        "2025年，公明坚持依法行政，我县法治建设取得成效。" + UNIT_BODY,
        # a site's address and a report that names only its area (全县), as a township's may
        "原文链接：http://www.wuhua.gov.cn/a.html\n2020年，全县坚持依法行政，全县法治建设取得成效。"
        + UNIT_BODY,
    ],
)
def test_no_unit_no_place(text):
    assert place_of(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bureau named without its county: the one county of its level the text names
        (
            "县司法局2023年法治政府建设工作报告\n2023年，县司法局在县委、县政府的坚强领导下，"
            "打造“蒙城县‘5+N’矛盾化解”品牌。" + UNIT_BODY,
            ("蒙城县司法局", "蒙城县"),
        ),
        # the county's level written twice is a slip
        (
            "2022年，元谋县县卫生健康局在县委、县政府的坚强领导下依法行政，我局推进法治。"
            + UNIT_BODY,
            ("元谋县卫生健康局", "元谋县"),
        ),
        # ... but not a bureau whose name opens with a word that starts with the level's
        # character (海宁市市场监督管理局: the city's 市场 bureau; thirty-second session)
        (
            "2023年，海宁市市场监督管理局坚持依法行政，我局推进法治。" + UNIT_BODY,
            ("海宁市市场监督管理局", "海宁市"),
        ),
        # a district whose name is a generic word elsewhere (市中区), opening the name
        (
            "- 索 引 号:370402/2022-00029\n市中区人力资源和社会保障局2021年度法治政府建设情况报告\n"
            "2021年，我局依法行政。" + UNIT_BODY,
            ("市中区人力资源和社会保障局", "市中区"),
        ),
    ],
)
def test_departments_placed_by_their_text(text, expected):
    place = place_of(text)
    assert (place.name, place.county) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        # a city's department: the city and province above it, no county
        ("长治市交通运输局", ("长治市", "山西省")),
        ("许昌市卫生健康委员会", ("许昌市", "河南省")),
        ("哈尔滨市司法局", ("哈尔滨市", "黑龙江省")),
        # its province before it, or a site's column in brackets before the title
        ("山东济南市司法局", ("济南市", "山东省")),
        ("【年度报告】恩施州司法局", ("恩施土家族苗族自治州", "湖北省")),
    ],
)
def test_a_citys_department_is_placed_in_its_city(title, expected):
    place = place_of(f"{title}2024年法治政府建设情况报告\n2024年，我局依法行政。" + UNIT_BODY)
    assert (place.county, place.city, place.province) == (None, *expected)
    assert place.kind.value == "Organization" and place.identified


@pytest.mark.parametrize(
    "address, expected",
    [
        # a bureau calling itself 市司法局 on its city's site: the city's pinyin
        ("http://lysfj.longyan.gov.cn/zwgk/a.htm", ("龙岩市司法局", "龙岩市", "福建省")),
        ("http://yjj.zhangzhou.gov.cn/cms/b.html", ("漳州市司法局", "漳州市", "福建省")),
    ],
)
def test_a_bare_city_department_is_placed_by_its_site(address, expected):
    place = place_of(
        f"原文链接：{address}\n2024年法治政府建设情况报告\n2024年，市司法局在市委、市政府的领导下"
        "依法行政。" + UNIT_BODY
    )
    assert (place.name, place.city, place.province) == expected and place.county is None
    assert "web address" in place.how


@pytest.mark.parametrize(
    "address",
    [
        "http://www.moj.gov.cn/a.html",  # no city's site
        "http://www.fujian.gov.cn/a.html",  # a province's
    ],
)
def test_a_bare_city_department_on_another_site_stays_unplaced(address):
    place = place_of(
        f"原文链接：{address}\n2024年法治政府建设情况报告\n2024年，市司法局在市委、市政府的领导下"
        "依法行政。" + UNIT_BODY
    )
    assert place is None or (place.city is None and not place.identified)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bureau that calls itself 我局 and names its county's field: that field's bureau
        (
            "2024年，我局推动涪陵区自然资源领域法治政府建设。\n一、主要工作\n我局依法行政。",
            ("涪陵区自然资源局", "涪陵区"),
        ),
        (
            "2024年，我局推动各项举措在揭西交通运输领域落地见效。\n一、主要工作\n我局依法行政。",
            ("揭西县交通运输局", "揭西县"),
        ),
        # ... the field's work, trade or enforcement after the county's name
        (
            "2024年，我局为谱写澄海退役军人工作新篇章提供法治保障。\n一、主要工作\n我局依法行政。",
            ("澄海区退役军人事务局", "澄海区"),
        ),
        (
            "因云溪区交通运输综合行政执法权整体上收，我局调整思路。\n一、主要工作\n我局依法行政。",
            ("云溪区交通运输局", "云溪区"),
        ),
        # a field named without its county: no unit; nor a short name inside a word (政和县)
        ("2024年，我局深化交通运输领域改革。\n一、主要工作\n我局依法行政。", None),
        ("2024年，我局推进依法行政和应急管理工作。\n一、主要工作\n我局依法行政。", None),
        # the rule-of-law document the bureau draws up for its field, after its county or city
        (
            "2024年，我局制定出台《始兴县林业法治建设2024年工作要点》。\n一、主要工作\n我局依法行政。",
            ("始兴县林业局", "始兴县"),
        ),
        (
            "现将我局2023年法治政府建设工作情况报告如下。\n一、主要工作\n"
            "我局制发《乐山市交通运输系统推进法治交通建设工作要点》。",
            ("乐山市交通运输局", None),
        ),
        # a document it studies or carries out is another body's; a first sentence read as
        # the title names no bureau (not 乐山市现将我局)
        (
            "2024年，我局学习《乐山市交通运输系统法治建设要点》。\n一、主要工作\n我局依法行政。",
            None,
        ),
        (
            "现将我局2023年法治政府建设工作情况报告如下。\n一、主要工作\n"
            "我局落实《乐山市法治政府建设实施方案》。",
            None,
        ),
    ],
)
def test_a_bureau_named_by_its_countys_field(text, expected):
    place = place_of(text)
    assert (place and (place.name, place.county)) == expected
    assert place is None or "named by its field" in place.how


@pytest.mark.parametrize(
    "address, expected",
    [
        # the bureau's initials before its city's or county's name in its site's host
        ("http://scjgj.taian.gov.cn/art/2025/a.html", ("泰安市市场监督管理局", None, "泰安市")),
        ("http://sfj.feixian.gov.cn/a.html", ("费县司法局", "费县", "临沂市")),
        # a commission's initials for a report that says 我局, or a place the host does not spell
        ("http://wjw.taian.gov.cn/a.html", None),
        ("http://scjgj.example.com/a.html", None),
    ],
)
def test_a_bureau_named_by_its_site(address, expected):
    place = place_of(
        f"原文链接：{address}\n2024年，我局坚持依法行政。\n一、主要举措\n我局开展普法。"
    )
    assert (place and (place.name, place.county, place.city)) == expected
    assert place is None or "named by its site" in place.how


def test_a_visitors_province_is_not_the_stated_units():
    # the town stated under its district and city, which the gazetteer puts in 广东省; a
    # province named by visitors (湖南省永州市…调研) is theirs
    place = place_of(
        "广州市花都区人民政府新华街道办事处关于2024年度法治政府建设情况的报告\n"
        "2024年，新华街依法行政。湖南省永州市等多级领导调研肯定。\n一、主要工作\n依法行政。"
    )
    assert (place.town, place.county, place.city, place.province) == (
        "新华街道",
        "花都区",
        "广州市",
        "广东省",
    )


def test_a_beijing_town_is_its_area_office():
    # the gazetteer files 西红门镇 by its 地区办事处, one government with the town
    place = place_of("北京市大兴区西红门镇人民政府2021年法治政府建设年度报告" + BODY)
    assert (place.town, place.county, place.province) == ("西红门地区", "大兴区", "北京市")
    assert "variant in gazetteer: 西红门地区" in place.how
