"""A table of the pages reports were saved from: read, matched to files, used to place towns."""

from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.ingest import addresses
from kg.ingest.addresses import read_address_table

XUWEN = "http://www.xuwen.gov.cn/xxgk/ndfzzfjsbg/a.html"
YONGDING = "https://www.yongding.gov.cn/zwgk/b.html"

# (table text, the report files, the address each file gets, what the problems say)
TABLES = [
    (f"id\turl\tlevel\nr001\t{XUWEN}\ttown\n", ["r001.txt"], {"r001.txt": XUWEN}, []),
    (
        f"file,address\nr001.txt,{XUWEN}\nr002.txt,{YONGDING}\n",
        ["r001.txt", "r002.txt"],
        {"r001.txt": XUWEN, "r002.txt": YONGDING},
        [],
    ),
    # a byte order mark, a header in capitals, rows for pages this batch does not read
    (f"\ufeffID\tURL\nr001\t{XUWEN}\nr009\t{YONGDING}\n", ["r001.txt"], {"r001.txt": XUWEN}, []),
    # a path from the table's folder tells apart two files of one name
    (
        f"file\tpage_url\na/r001.txt\t{XUWEN}\nb/r001.txt\t{YONGDING}\n",
        ["a/r001.txt", "b/r001.txt"],
        {"a/r001.txt": XUWEN, "b/r001.txt": YONGDING},
        [],
    ),
    (
        f"id\turl\nr001\t{XUWEN}\n",
        ["a/r001.txt", "b/r001.html"],
        {},
        ["line 2: 'r001' names 2 report files"],
    ),
    (
        "id\turl\nr001\tjavascript:alert(1)\nr002\t\n",
        ["r001.txt", "r002.txt"],
        {},
        ["line 2: not a web address", "line 3: not a web address"],
    ),
    (
        f"id\turl\nr001\t{XUWEN}\nr001\t{XUWEN}\nr001\t{YONGDING}\n",
        ["r001.txt"],
        {"r001.txt": XUWEN},
        ["line 4: ", "another address on line 2"],
    ),
    # an overlong cell is no address, and the problem quotes only its start
    (
        f"id\turl\nr001\thttp://{'x' * 200_000}\n",
        ["r001.txt"],
        {},
        ["line 2: not a web address (http:// or https://): 'http://xxx", "xxx…'"],
    ),
    # a table that names none of the reports says so once
    (
        f"id\turl\nr009\t{XUWEN}\n",
        ["r001.txt"],
        {},
        ["its 'id' column names none of the 1 report files (file names without their suffix)"],
    ),
    # a short row (no address cell) and a row naming no report are passed over
    (
        f"id\turl\nr001\nr002\t{XUWEN}\n\t{YONGDING}\n",
        ["r001.txt", "r002.txt"],
        {"r002.txt": XUWEN},
        [],
    ),
]


@pytest.mark.parametrize("text, names, expected, said", TABLES, ids=range(len(TABLES)))
def test_each_file_gets_the_address_its_row_gives(tmp_path, text, names, expected, said):
    table_file = tmp_path / "pages.tsv"
    table_file.write_text(text, "utf-8")
    files = [tmp_path / name for name in names]
    found, problems = read_address_table(table_file).for_files(files)
    assert {f.relative_to(tmp_path).as_posix(): a for f, a in found.items()} == expected
    reasons = " | ".join(p.reason for p in problems)
    assert all(part in reasons for part in said), reasons
    assert len(problems) == len([part for part in said if part.startswith(("line", "its"))])
    assert all(p.path == str(table_file) and p.category == "warning" for p in problems)


# (table bytes, what the error says)
BAD_TABLES = [
    (b"id\tlevel\nr001\ttown\n", "has no address column (url, address, page_url)"),
    (f"name\turl\nr001\t{XUWEN}\n".encode(), "has no column naming each report (file or id)"),
    (b"", "has no address column"),
    (b"id\turl\nr001\t\xff\xfe\n", "not UTF-8 text"),
]


@pytest.mark.parametrize("data, said", BAD_TABLES)
def test_a_table_that_cannot_be_read_is_one_clear_error(tmp_path, data, said):
    table_file = tmp_path / "pages.tsv"
    table_file.write_bytes(data)
    with pytest.raises(UsageError) as error:
        read_address_table(table_file)
    assert str(error.value).startswith(f"--addresses {table_file}: ") and said in str(error.value)


def test_a_missing_or_oversized_table_is_one_clear_error(tmp_path, monkeypatch):
    with pytest.raises(UsageError, match=r"--addresses .*missing\.tsv: cannot read file"):
        read_address_table(tmp_path / "missing.tsv")
    table_file = tmp_path / "pages.tsv"
    table_file.write_text(f"id\turl\nr001\t{XUWEN}\n", "utf-8")
    monkeypatch.setattr(addresses, "MAX_TABLE_BYTES", 10)
    with pytest.raises(UsageError, match="larger than 0 MB; split the table"):
        read_address_table(table_file)


#: One opening for two towns of one name (下洋镇 of 徐闻县, 广东, and of 永定区, 福建);
#: the text names no county, so only the page it came from can place it.
SAME_NAME = "下洋镇2023年法治政府建设年度报告\n一、主要举措\n我镇落实合法性审查制度。\n"


def test_the_address_places_a_same_name_town_and_keeps_the_two_apart(tmp_path):
    from kg.pipeline import build

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SAME_NAME + name, "utf-8")
    table_file = tmp_path / "pages.tsv"
    table_file.write_text(f"file\turl\na.txt\t{XUWEN}\nb.txt\t{YONGDING}\n", "utf-8")
    result = build([tmp_path / n for n in ("a.txt", "b.txt", "c.txt")], addresses=table_file)
    places = {r.document.source.path.rsplit("/", 1)[-1]: r.place for r in result.reports}
    assert (places["a.txt"].county, places["a.txt"].province) == ("徐闻县", "广东省")
    assert (places["b.txt"].county, places["b.txt"].province) == ("永定区", "福建省")
    assert places["c.txt"].county is None  # no address: the town stays unplaced
    assert result.validation is not None and result.validation.conforms


def test_the_cache_keeps_a_report_apart_from_the_same_file_with_an_address(tmp_path):
    from kg.run.engines import ExtractOptions, extract_files

    report_file = tmp_path / "a.txt"
    report_file.write_text(SAME_NAME, "utf-8")
    cache = tmp_path / ".cache"
    runs = [
        ExtractOptions(cache_dir=cache),
        ExtractOptions(cache_dir=cache, addresses={report_file: XUWEN}),
        ExtractOptions(cache_dir=cache, addresses={report_file: YONGDING}),
    ]
    for _ in range(2):  # the second time from the cache
        counties = [
            report.place.county
            for options in runs
            for _, report in extract_files([report_file], options=options)
        ]
        assert counties == [None, "徐闻县", "永定区"]


def test_a_page_that_states_its_own_address_keeps_it(tmp_path):
    from kg.run.report import extract_report

    report_file = tmp_path / "a.txt"
    report_file.write_text(f"{YONGDING}\n{SAME_NAME}", "utf-8")
    assert extract_report(report_file, XUWEN).place.county == "永定区"


# (a same-name town's page address, the county it is placed in): a county's initials alone
# choose between the town's candidates when they fit one
TOWN_INITIALS = [
    ("http://www.xw.gov.cn/a.html", "徐闻县"),
    ("http://www.yd.gov.cn/a.html", "永定区"),
    ("http://www.ab.gov.cn/a.html", None),
]


@pytest.mark.parametrize("address, county", TOWN_INITIALS)
def test_a_countys_initials_choose_between_a_towns_candidates(tmp_path, address, county):
    from kg.run.report import extract_report

    report_file = tmp_path / "a.txt"
    report_file.write_text(SAME_NAME, "utf-8")
    assert extract_report(report_file, address).place.county == county


# (a department's opening that names no county, its page's address, the department and county)
DEPARTMENTS = [
    ("https://cqna.gov.cn/bm/cgj/a.html", "南岸区城市管理局", "南岸区"),
    ("http://www.xuwen.gov.cn/bm/b.html", None, None),  # a 县's site: no 区 of that name
    ("https://www.zhanjiang.gov.cn/c.html", None, None),  # a city's site spells each district
    ("https://www.dxh.gov.cn/zwgk/d.html", "东西湖区城市管理局", "东西湖区"),  # initials of one 区
    ("https://www.by.gov.cn/zwgk/e.html", None, None),  # two letters: many districts' initials
    ("https://sfj.dxh.gov.cn/f.html", "东西湖区城市管理局", "东西湖区"),  # sfj: 司法局, no place
    (None, None, None),
]


@pytest.mark.parametrize("address, department, county", DEPARTMENTS)
def test_the_address_places_a_department_that_names_no_county(
    tmp_path, address, department, county
):
    from kg.run.report import extract_report

    report_file = tmp_path / "a.txt"
    report_file.write_text(
        "区城市管理局2024年法治政府建设情况报告\n2024年，在区委、区政府的领导下，我局依法行政。\n",
        "utf-8",
    )
    place = extract_report(report_file, address).place
    assert place.identified == (department is not None)
    if department is not None:
        assert (place.town, place.county) == (department, county)


def test_the_table_among_the_reports_is_not_read_as_one(tmp_path):
    from kg.pipeline import build

    (tmp_path / "a.txt").write_text(SAME_NAME, "utf-8")
    table_file = tmp_path / "pages.tsv"
    table_file.write_text(f"file\turl\na.txt\t{XUWEN}\n", "utf-8")
    result = build([tmp_path], addresses=table_file)
    assert [p for p in result.problems if p.path == str(table_file)] == []
    assert [r.place.county for r in result.reports] == ["徐闻县"]


# (a county report that calls itself 我县 only, its page's address, the county it is about)
OUR_COUNTY = "2023年，在县委、县政府的领导下，我县坚持依法行政，我县扎实推进法治政府建设。\n"
UNNAMED_COUNTIES = [
    (OUR_COUNTY, "http://www.kaiyang.gov.cn/zwgk/a.html", "开阳县"),
    (OUR_COUNTY, "http://www.guiyang.gov.cn/zwgk/a.html", None),  # a city's site: every county
    (OUR_COUNTY, None, None),
    # the usual reading of a name before its others: 丹棱 (scdl), not 德格 read de-luo
    (OUR_COUNTY, "https://www.scdl.gov.cn/info/a.htm", "丹棱县"),
    # a bureau that speaks of its county: not the county's own report (nameless: no unit) ...
    (
        "2023年，在县委、县政府的领导下，我局深入推进我县法治建设，我县营商环境持续优化。\n",
        "http://www.kaiyang.gov.cn/a.html",
        None,
    ),
    # ... and one named by its party group is the bureau, of the county its site spells
    (
        "2023年，在县委、县政府的领导下，县司法局党组深入推进法治建设，我县营商环境持续优化。\n",
        "http://www.kaiyang.gov.cn/a.html",
        "开阳县司法局",
    ),
]


@pytest.mark.parametrize("text, address, county", UNNAMED_COUNTIES)
def test_the_address_names_a_county_report_that_calls_itself_our_county(
    tmp_path, text, address, county
):
    from kg.run.report import extract_report

    report_file = tmp_path / "a.txt"
    report_file.write_text(text, "utf-8")
    place = extract_report(report_file, address).place
    assert (place.town if place is not None else None) == county


# (a county-level unit two provinces have, its page's address, the province it is placed in)
COUNTIES = [
    ("https://www.beijing.gov.cn/gongkai/fzzfjsbg/a.html", "北京市"),  # the municipality's portal
    ("http://www.nantong.gov.cn/a.html", "江苏省"),  # the city's site
    (None, None),
]


@pytest.mark.parametrize("address, province", COUNTIES)
def test_the_address_places_a_county_two_provinces_have(tmp_path, address, province):
    from kg.run.report import extract_report

    report_file = tmp_path / "a.txt"
    report_file.write_text(
        "通州区2022年法治政府建设年度报告\n2022年，通州区坚持依法行政，推进法治建设。\n", "utf-8"
    )
    assert extract_report(report_file, address).place.province == province
