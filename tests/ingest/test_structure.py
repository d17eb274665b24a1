"""Structure: title, town, year, dates, issuers, sections and sentences."""

from __future__ import annotations

import re

import pytest

from kg.ingest.structure import classify_heading, document_from_text, report_year, unit_name
from kg.model import SectionKind as K


@pytest.mark.parametrize(
    "text, town, year",
    [
        ("关于大桥镇2022年度法治政府建设工作情况的报告\n正文。", "大桥镇", 2022),
        ("石柱土家族自治县白云镇人民政府\n2022年度法治政府建设工作报告\n正文。", "白云镇", 2022),
        ("青禾镇 2023 年法治政府建设工作总结及 2024 年工作安排\n正文。", "青禾镇", 2023),
        (
            "重庆市长寿区青禾镇人民政府\n青禾镇关于2024年法治政府建设情况的报告\n正文。",
            "青禾镇",
            2024,
        ),
        ("东湖街道2021年法治政府建设情况报告\n正文。", "东湖街道", 2021),
        (
            "法治政府建设年度报告\n2020年，我乡认真落实合法性审查。\n中共青山乡委员会\n青山乡人民政府\n2021年1月5日",
            "青山乡",
            2020,
        ),
    ],
)
def test_town_and_year(text, town, year):
    doc = document_from_text(text)
    assert (doc.town, doc.year) == (town, year)


@pytest.mark.parametrize(
    "text, year",
    [
        # no title: the opening's own year, not one it mentions on the way
        (
            "在县委的领导下，我镇在2023年工作基础上稳步提升，成效明显。现将我镇2024年法治政府建设"
            "情况报告如下。\n一、主要工作\n依法行政。",
            2024,
        ),
        ("2022年，青山区坚持依法行政，2021年获评先进。\n一、主要工作\n依法行政。", 2022),
    ],
)
def test_the_year_of_a_report_without_a_title(text, year):
    assert document_from_text(text).year == year


@pytest.mark.parametrize(
    "heading, year, kinds",
    [
        ("一、主要举措和成效", 2023, [K.ACHIEVEMENTS]),
        ("二、存在的不足", 2023, [K.PROBLEMS]),
        ("三、党政主要负责人履行第一责任人职责情况", 2023, [K.DUTIES]),
        ("三、下一步工作打算", 2023, [K.PLANS]),
        ("二、存在的问题及下一步工作计划", 2023, [K.PROBLEMS, K.PLANS]),
        ("三、2024年推进法治政府建设的主要安排", 2023, [K.PLANS]),
        ("三、规范性文件质量较高", 2023, []),
        # the measures a report will take to mend what it found
        ("四、改进措施", 2023, [K.PLANS]),
        ("三、存在的问题及整改措施", 2023, [K.PROBLEMS, K.PLANS]),
        ("一、主要措施和成效", 2023, [K.ACHIEVEMENTS]),
        # difficulties met, the leaders' duties without 推进, the next step written short
        ("二、存在困难", 2023, [K.PROBLEMS]),
        ("二、面临的困难", 2023, [K.PROBLEMS]),
        ("三、领导干部履行法治建设职责情况", 2023, [K.DUTIES]),
        ("四、下步工作措施", 2023, [K.PLANS]),
        ("一、深入学习贯彻习近平法治思想，切实履行推进法治政府建设工作职责", 2024, [K.DUTIES]),
        ("一、深入学习贯彻习近平法治思想，切实履行法治政府建设工作职责", 2024, [K.DUTIES]),
        ("一、以加强党的领导为工作核心，切实履行法治政府建设职责", 2020, [K.DUTIES]),
        (
            "一、深入学习宣传贯彻习近平法治思想，着力推动党政负责人履行法治建设第一责任",
            2022,
            [K.DUTIES],
        ),
        # a part holding its work done and then its problems: both, the work first; work words
        # after the problems or plans describe them
        ("一、主要举措、成效及存在的问题与原因分析", 2025, [K.ACHIEVEMENTS, K.PROBLEMS]),
        ("一、2023年工作成效及存在问题", 2023, [K.ACHIEVEMENTS, K.PROBLEMS]),
        ("三、存在的不足及下一步工作举措", 2023, [K.PROBLEMS, K.PLANS]),
        ("三、下一步工作举措", 2023, [K.PLANS]),
    ],
)
def test_classify_heading(heading, year, kinds):
    assert list(classify_heading(heading, year)) == kinds


@pytest.mark.parametrize(
    "text, unit",
    [
        # a body paragraph read as the title: a count of the counties it lists is no county
        (
            "巩义市鲁庄镇位于巩义、偃师、登封三县(市)交界处，全镇总面积93平方公里。2022年以来，"
            "鲁庄镇人民政府依法行政。\n一、主要工作\n依法行政。",
            "鲁庄镇",
        ),
        # numerals throughout are a name's own
        ("郑州市二七区2023年法治政府建设年度报告\n一、主要工作\n依法行政。", "二七区"),
    ],
)
def test_a_count_of_units_names_none(text, unit):
    assert document_from_text(text).unit.name == unit


def test_a_part_of_work_and_problems_is_read_by_its_sub_parts():
    doc = document_from_text(
        "青禾镇2025年法治政府建设情况报告\n一、主要举措、成效及存在的问题与原因分析\n（一）主要举措及成效\n"
        "成立法治政府建设工作领导小组。\n（二）存在的问题与原因分析\n执法人员素质不高。"
    )
    assert doc.section_kind_at(doc.text.index("成立法治政府")) == K.ACHIEVEMENTS
    assert doc.section_kind_at(doc.text.index("执法人员素质不高")) == K.PROBLEMS


def test_sections_refine_a_mixed_heading_and_inherit_otherwise():
    doc = document_from_text(
        "青禾镇2023年法治政府建设工作总结\n一、主要举措及成效\n（一）制定年度普法计划\n1.制定年度法治宣传教育计划。\n"
        "二、存在的问题及下一步工作计划\n（一）存在的问题\n执法人员素质不高。\n（二）下一步工作计划\n推行法律顾问制度。"
    )
    kinds = {doc.section_kind_at(doc.text.index(s)) for s in ("制定年度法治宣传教育计划",)}
    assert kinds == {K.ACHIEVEMENTS}
    assert doc.section_kind_at(doc.text.index("执法人员素质不高")) == K.PROBLEMS
    assert doc.section_kind_at(doc.text.index("推行法律顾问制度")) == K.PLANS


@pytest.mark.parametrize(
    "line, part",
    [
        # a part's heading with its first sub-heading run into it, as a page that lost its line
        # breaks writes them: the sub-heading's words (纳入年度工作重点) are no plan
        (
            "一、加强组织领导，强化责任落实 （一）高度重视法治工作，纳入年度工作重点。",
            K.ACHIEVEMENTS,
        ),
        ("二、存在的问题（一）普法不深入。", K.PROBLEMS),
        ("三、下一步工作计划 （一）深化普法。", K.PLANS),
    ],
)
def test_a_part_heading_ends_where_a_sub_heading_runs_into_it(line, part):
    doc = document_from_text(f"青禾镇2023年法治政府建设工作总结\n{line}\n依法行政。")
    assert doc.section_kind_at(doc.text.index("依法行政")) == part


_KINDLESS_TOP_PART = (
    "青禾镇2023年法治政府建设工作总结\n一、强化组织领导，压实法治责任\n"
    "（一）党政主要负责人履行推进法治建设第一责任人职责。镇长带头述法。\n"
    "二、党政主要负责人履行推进法治建设第一责任人职责情况\n书记主持专题会议。\n"
    "三、下一步工作安排\n（一）存在的不足\n执法人员素质不高。"
)
_CHROME_ABOVE_HEADING = (
    "青禾镇2023年法治政府建设工作总结\n语音播报\n字体：大 中 小\n2023年，我镇在县委领导下推进法治。\n"
    "一、主要举措及成效\n落实合法性审查。"
)
_COLLAPSED_PAGE = (
    "青禾镇2023年法治政府建设工作总结\n2023年，我镇推进法治，现报告如下：一、主要举措及成效"
    "（一）加强学法。"
    + "镇党委理论学习中心组集中学法，司法所开展法治宣传进村入户活动。" * 20
    + "（二）规范执法。落实合法性审查。二、存在的不足执法人员素质不高。"
)

_NO_NUMBERED_HEADING = (
    "青禾镇2023年法治政府建设工作总结\n2023年，我镇推进法治。\n强化组织领导\n落实合法性审查。\n"
    "存在的问题\n执法人员素质不高。"
)
# parts numbered 1. 2. 3. with no 一、 or （一）
_ARABIC_PARTS = (
    "青禾镇2023年法治政府建设情况报告\n1.主要举措和成效\n落实合法性审查。\n"
    "2.存在的问题\n执法人员素质不高。\n3.下一步工作计划\n推行法律顾问制度。"
)
# unnumbered parts, the first right under the title
_UNNUMBERED_FROM_THE_TOP = (
    "青禾镇2023年法治政府建设情况报告\n主要举措和成效\n落实合法性审查。\n"
    "存在的问题\n执法人员素质不高。\n下一步工作计划\n推行法律顾问制度。"
)
# a kindless top part after the duties reports work done; after the problems, goes on with them
_KINDLESS_AFTER = (
    "青禾县审计局2025年法治政府建设报告\n一、扛牢第一责任人职责\n书记带头学法。\n"
    "二、深化法治与审计融合\n依法审计项目12个。\n三、存在的问题\n执法人员素质不高。\n"
    "四、原因分析\n培训不足。"
)
# the month of writing under the title and its writer: a date, no plans part
_MONTH_UNDER_TITLE = (
    "青禾镇关于履行推进法治建设第一责任人职责情况的报告\n青禾镇党委书记 张三\n2025年2月\n"
    "2024年，我切实履行职责。现将本人2024年述法工作情况报告如下：\n一、履职情况\n带头学法。"
)


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        # a duties sub-part under a kindless top part stays achievements
        (_KINDLESS_TOP_PART, "镇长带头述法", K.ACHIEVEMENTS),
        (_KINDLESS_TOP_PART, "书记主持专题会议", K.DUTIES),
        (_KINDLESS_TOP_PART, "执法人员素质不高", K.PLANS),
        # page chrome above the first heading
        (_CHROME_ABOVE_HEADING, "在县委领导下", K.OTHER),
        (_CHROME_ABOVE_HEADING, "落实合法性审查", K.ACHIEVEMENTS),
        # a page collapsed onto one line
        (_COLLAPSED_PAGE, "现报告如下", K.OTHER),
        (_COLLAPSED_PAGE, "落实合法性审查", K.ACHIEVEMENTS),
        (_COLLAPSED_PAGE, "执法人员素质不高", K.PROBLEMS),
        # a report that numbers no heading: its short lines between paragraphs open its parts
        # (two or more: one short line is no outline), a kindless one as achievements
        (_NO_NUMBERED_HEADING, "落实合法性审查", K.ACHIEVEMENTS),
        (_NO_NUMBERED_HEADING, "执法人员素质不高", K.PROBLEMS),
        (_ARABIC_PARTS, "落实合法性审查", K.ACHIEVEMENTS),
        (_ARABIC_PARTS, "执法人员素质不高", K.PROBLEMS),
        (_ARABIC_PARTS, "推行法律顾问制度", K.PLANS),
        (_UNNUMBERED_FROM_THE_TOP, "落实合法性审查", K.ACHIEVEMENTS),
        (_UNNUMBERED_FROM_THE_TOP, "推行法律顾问制度", K.PLANS),
        (_MONTH_UNDER_TITLE, "现将本人", K.OTHER),
        (_KINDLESS_AFTER, "书记带头学法", K.DUTIES),
        (_KINDLESS_AFTER, "依法审计项目", K.ACHIEVEMENTS),
        (_KINDLESS_AFTER, "培训不足", K.PROBLEMS),
        (_MONTH_UNDER_TITLE, "带头学法", K.DUTIES),
    ],
)
def test_section_kind_of_a_phrase(text, phrase, kind):
    doc = document_from_text(text)
    assert doc.section_kind_at(doc.text.index(phrase)) == kind


def test_publishing_fields_on_one_line_are_no_title():
    doc = document_from_text(
        "索引号 001/2024-1\n组配分类 计划总结 发布机构 区委依法治区办\n"
        "中共青禾市青山区委 青禾市青山区人民政府\n关于2023年度青山区法治政府建设工作情况的报告\n"
        "2023年，我区坚持以习近平法治思想为指导，全面推进法治政府建设，各项工作取得新进展。"
    )
    assert doc.title.endswith("关于2023年度青山区法治政府建设工作情况的报告")
    assert doc.unit.name == "青山区"


def test_a_title_field_in_a_table_row_is_the_title():
    doc = document_from_text(
        "| 索 引 号 | QH001-2026-005 | 主题分类 | 文件通知 |\n"
        "| 标 题: | 青禾市人民政府外事办公室关于2025年法治政府建设工作情况的报告 | ||\n"
        "市委、市政府:\n2025年，市外办坚持以习近平法治思想为指导，依法行政。"
    )
    assert doc.title == "青禾市人民政府外事办公室关于2025年法治政府建设工作情况的报告"


def test_font_size_chrome_is_dropped_from_the_title():
    doc = document_from_text(
        "青禾市青山区卫生健康委员会关于2024年法治政府建设情况的报告\n\n日期:2025-03-05\n\n字号:\n"
        "分享:\n\n2024年，在区委、区政府的坚强领导下，我委坚持以习近平新时代中国特色社会主义思想为指导，"
        "深入学习贯彻习近平法治思想，现将情况报告如下：\n一、主要举措和成效\n落实合法性审查。"
    )
    assert doc.unit.name == "青山区卫生健康委员会"
    assert "字号" not in doc.title


def test_sentences_cover_text_and_end_at_full_stops():
    doc = document_from_text(
        "青禾镇2023年法治政府建设报告\n一、举措\n落实合法性审查。推行法律顾问！调解成功率达98.5%。"
    )
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert "落实合法性审查。" in sentences and "推行法律顾问！" in sentences
    assert doc.sentence_text_at(doc.text.index("法律顾问")) == "推行法律顾问！"


@pytest.mark.parametrize(
    ("clauses_before", "clauses_after"),
    [(0, 400), (200, 200), (400, 0), (10, 10)],
)
def test_a_mention_in_an_overlong_sentence_carries_a_bounded_part_of_it(
    clauses_before: int, clauses_after: int
) -> None:
    """A sentence of thousands of characters gives each mention at most EVIDENCE_MAX of them,
    the mention among them (a run of commas with no full stop: one sentence)."""
    from kg.model import EVIDENCE_MAX

    clause = "组织开展普法宣传活动，"
    text = clause * clauses_before + "落实合法性审查制度，" + clause * clauses_after + "成效明显。"
    doc = document_from_text("青禾镇2023年度法治政府建设工作报告\n" + text)
    at = doc.text.index("合法性审查")
    evidence = doc.sentence_text_at(at)
    assert "落实合法性审查制度" in evidence
    whole = doc.sentence_at(at)
    assert len(evidence) == min(EVIDENCE_MAX, whole.end - whole.start)


EXPECTED_SEEDS = {
    # file prefix: (town, year, published, last section kind)
    "000": ("大吉山镇", 2022, "2023-01-09", K.PLANS),
    "001": ("黄鹤镇", 2022, None, K.PLANS),
    "002": ("珠龙镇", 2020, "2021-01-31", K.PLANS),
    "003": ("云台镇", 2024, "2025-01-26", K.PLANS),
    "004": ("凤岗镇", 2023, "2023-12-04", K.PLANS),
}


def test_seed_metadata_and_sections(seed_documents):
    for name, doc in seed_documents.items():
        town, year, published, last = EXPECTED_SEEDS[name[:3]]
        assert (doc.town, doc.year, doc.published) == (town, year, published), name
        kinds = {s.kind for s in doc.sections}
        assert {K.ACHIEVEMENTS, K.PROBLEMS, K.PLANS} <= kinds, name
        assert doc.sections[-1].kind == last


def test_seed_duties_section_found(seed_documents):
    doc = next(d for name, d in seed_documents.items() if name.startswith("000"))
    assert doc.section_kind_at(doc.text.index("谭永锋")) == K.DUTIES
    assert doc.section_kind_at(doc.text.index("普法还未实现全覆盖")) == K.PROBLEMS
    assert doc.issuers == ("中共大吉山镇委员会", "大吉山镇人民政府")


def test_title_falls_back_to_the_web_page_title():
    from kg.ingest.read import source_from_text
    from kg.ingest.structure import structure

    source = source_from_text(
        "2023年是开局之年，青禾镇坚持以习近平法治思想为引领，认真落实法治建设工作要点，现报告如下。\n一、2023年工作开展情况\n落实合法性审查。",
        meta={"page_title": "青禾镇2023年法治政府建设工作总结_法治政府建设年度报告_某县人民政府"},
    )
    doc = structure(source)
    assert doc.title == "青禾镇2023年法治政府建设工作总结"
    assert (doc.town, doc.year) == ("青禾镇", 2023)


@pytest.mark.parametrize(
    "text, title",
    [
        # a page whose title runs into the first paragraph: the title ends at its genre word
        (
            "青禾镇人民政府关于2023年法治政府建设情况的报告2023年，在县委、县政府的坚强领导下，"
            "我镇坚持依法行政，现将有关情况报告如下：一、主要举措和成效（一）落实合法性审查。",
            "青禾镇人民政府关于2023年法治政府建设情况的报告",
        ),
        (
            "青山区司法局2024年法治政府建设工作总结报告今年以来，我局认真贯彻落实上级部署。",
            "青山区司法局2024年法治政府建设工作总结报告",
        ),
        # the unit written again after the title, as a page repeats it
        (
            "青山区民政局关于2024年法治政府建设情况的报告青山区民政局关于2024年法治政府建设，"
            "全面落实各项部署。",
            "青山区民政局关于2024年法治政府建设情况的报告",
        ),
        # a document the opening cites is no title: the opening words stand in, as before
        (
            "按照《关于报送2021年度法治政府建设情况报告的通知》要求，结合本镇实际，现报告如下。",
            "按照《关于报送2021年度法治政府建设情况报告的通知》要求，结合本镇实际，现报告如下。",
        ),
    ],
)
def test_title_run_into_the_first_paragraph(text, title):
    assert document_from_text(text).title == title


# ---------------------------------------------------------------- the unit that wrote the report

BODY = "\n一、主要举措和成效\n落实合法性审查。"


@pytest.mark.parametrize(
    "text, unit, kind, source",
    [
        # the title, in its usual forms
        ("青禾镇2023年法治政府建设年度报告" + BODY, "青禾镇", "Town", "title"),
        ("2024年度长寿路街道法治政府建设情况报告" + BODY, "长寿路街道", "Town", "title"),
        ("关于桂花园乡2021年度法治政府建设工作情况的报告" + BODY, "桂花园乡", "Town", "title"),
        (
            "长沙市天心区坡子街街道办事处2022年法治政府建设年度报告" + BODY,
            "坡子街街道",
            "Town",
            "title",
        ),
        (
            "白云区人民政府新市街道办事处关于2023年度法治政府建设情况的报告" + BODY,
            "新市街道",
            "Town",
            "title",
        ),
        ("翠亨新区（南朗街道）2024年法治政府建设年度报告" + BODY, "南朗街道", "Town", "title"),
        ("青禾县2024年法治政府建设年度报告" + BODY, "青禾县", "County", "title"),
        # a line of names beside the title: the issuer when the title names none, else after the
        # title's own names (the site's owner, the level above)
        (
            "中共青禾县委 青禾县人民政府\n关于2023年度法治政府建设情况的报告\n" + BODY,
            "青禾县",
            "County",
            "title",
        ),
        (
            "中共青禾县委 青禾县人民政府关于2022年度法治政府建设情况的报告\n白石市人民政府\n"
            + BODY,
            "青禾县",
            "County",
            "title",
        ),
        ("上海市宝山区人民政府关于法治政府建设情况报告" + BODY, "宝山区", "County", "title"),
        (
            "济宁市青禾区司法局2025年度法治政府建设情况的报告" + BODY,
            "青禾区司法局",
            "Organization",
            "title",
        ),
        (
            "区卫生健康委关于2025年法治政府建设情况的报告" + BODY,
            "区卫生健康委",
            "Organization",
            "title",
        ),
        (
            "青禾县人民政府办公室2022年法治政府建设工作报告" + BODY,
            "青禾县人民政府办公室",
            "Organization",
            "title",
        ),
        # the unit on the line above or below a title that names none
        (
            "中共青禾县委 青禾县人民政府\n关于2025年度法治政府建设工作情况的报告" + BODY,
            "青禾县",
            "County",
            "title",
        ),
        (
            "中共青禾街道工作委员会\n青禾街道办事处\n关于2024年法治政府建设情况的报告" + BODY,
            "青禾街道",
            "Town",
            "title",
        ),
        (
            "2025年度法治政府建设工作报告\n江源区卫生健康局" + BODY,
            "江源区卫生健康局",
            "Organization",
            "issuer",
        ),
        # a department whose name holds a word clauses hold too (保障, 促进)
        (
            "2023年，青禾县医疗保障局坚持依法行政，我局推进法治建设。" + BODY,
            "青禾县医疗保障局",
            "Organization",
            "opening",
        ),
        # a site's name and menu over a title that names none, where the report calls itself
        # 我镇 and opens with its town: the town
        (
            "松溪县人民政府\n首页 | 政务公开 | 政务服务\n2022年度法治政府建设工作情况的报告\n"
            "2022年，青溪镇在县委、县政府的领导下，"
            "坚持依法行政，我镇法治建设取得新成效。" + BODY,
            "青溪镇",
            "Town",
            "opening",
        ),
        # no unit in the title: the subject of the opening sentence
        (
            "2025年，大中街道在区委、区政府的坚强领导下，坚持依法行政。" + BODY,
            "大中街道",
            "Town",
            "opening",
        ),
        (
            "2023年，在市委、市政府的坚强领导下，竹溪县人民政府坚持依法行政。" + BODY,
            "竹溪县",
            "County",
            "opening",
        ),
        (
            "根据督察工作规定，现将青禾镇2020年度法治政府建设情况报告如下：" + BODY,
            "青禾镇",
            "Town",
            "opening",
        ),
        (
            "2025年，青禾区司法局在区委、区政府的坚强领导下，聚焦主责。" + BODY,
            "青禾区司法局",
            "Organization",
            "opening",
        ),
        # a headline over the page names a town; the opening's department calls itself 我局
        (
            "首页\n青山区云溪镇2025年度第五批次建设用地征收公告...\n"
            "2025年，区文旅局严格按照区委、区政府工作要求，扎实推进法治政府建设。我局依法行政。"
            + BODY,
            "区文旅局",
            "Organization",
            "opening",
        ),
        # a department saying 我局 named only as a clause's subject, with its place
        (
            "2021年，在青禾市委、市政府的坚强领导下，我局深入推进法治政府建设。"
            "青禾市交通运输局被评为先进集体。" + BODY,
            "青禾市交通运输局",
            "Organization",
            "body",
        ),
        # ... but a report that speaks of its whole city keeps the opening's first name, the
        # bureau, not a verb run into the committee after it (锚定市委)
        (
            "2025年，市司法局在市委、市政府的坚强领导下，锚定市委、市政府决策部署，全市法治建设"
            "扎实推进，全市上下依法行政。" + BODY,
            "市司法局",
            "Organization",
            "opening",
        ),
        # the other names the bureau bears, in brackets after its own
        (
            "关于2025年法治政府建设情况的报告\n2025年，青禾区数据局（青禾区行政审批局）在区委、"
            "区政府的坚强领导下，聚焦主责。" + BODY,
            "青禾区数据局",
            "Organization",
            "opening",
        ),
        # a page's publishing fields, label and value apart or together
        (
            "发布机构：屏边县新华乡人民政府\n2025年法治政府建设工作情况报告\n今年以来，我乡依法行政。"
            + BODY,
            "新华乡",
            "Town",
            "metadata",
        ),
        (
            "索 引 号：x/2026-1\n来 源\n虎跳峡镇\n公开日期\n2026-02-05\n"
            "2025年法治政府建设工作报告\n今年以来，我镇依法行政。" + BODY,
            "虎跳峡镇",
            "Town",
            "metadata",
        ),
        # fields in brackets; a second name on the line when the first is the party's
        (
            "[ 发布机构 ] 青禾区卫生健康委 [ 发布日期 ] 2026-01-13\n"
            "关于2025年法治政府建设情况的报告\n2025年，我委依法行政。" + BODY,
            "青禾区卫生健康委",
            "Organization",
            "metadata",
        ),
        (
            "发布机构：中共青禾市委云溪街道工作委员会 青禾市云溪街道办事处\n"
            "2025年法治政府建设情况报告\n2025年，街道依法行政。" + BODY,
            "云溪街道",
            "Town",
            "metadata",
        ),
        # a county's report on the 司法局's channel: the publisher stands for its county
        (
            "发布机构：青禾县司法局\n2024年法治政府建设情况报告\n今年以来，我县依法行政，我县…"
            + BODY,
            "青禾县",
            "County",
            "metadata",
        ),
        # a department its title names alone, in the one county its documents name
        (
            "教育局2023年度法治政府建设工作报告\n2023年，我局认真贯彻《青禾县法治政府建设实施方案》，"
            "我局依法治教。" + BODY,
            "青禾县教育局",
            "Organization",
            "title",
        ),
        # the site's name over a saved page is no title: the opening decides
        (
            "青禾区人民政府\n热门搜索：\n2022年，云溪镇在区委、区政府的领导下，坚持依法行政。"
            + BODY,
            "云溪镇",
            "Town",
            "opening",
        ),
        # a title with the unit on the line above, then the addressee: no line joined to it
        (
            "青禾区人民政府云溪街道办事处\n2020年法治政府建设年度情况报告\n区委、区政府：\n"
            "2020年，云溪街道坚持依法行政。" + BODY,
            "云溪街道",
            "Town",
            "title",
        ),
        # a first sentence taken as the title cites another unit's document: the opening decides
        (
            "根据《区人民政府办公室关于印发青禾区2023年法治政府建设工作要点的通知》要求，"
            "现将云溪街道2023年法治政府建设工作报告如下：" + BODY,
            "云溪街道",
            "Town",
            "opening",
        ),
        # a county's branch of the city's bureau, named once before what it calls itself
        (
            "2025年，岳阳市生态环境局岳阳县分局（以下简称“我局”）坚持依法行政。" + BODY,
            "岳阳市生态环境局岳阳县分局",
            "Organization",
            "opening",
        ),
        # the body's own documents, only when they agree with 我镇/我县
        (
            "法治政府建设情况报告\n今年以来，我镇认真落实《水口镇2024年依法治镇工作要点》。" + BODY,
            "水口镇",
            "Town",
            "body",
        ),
        # a department that signs its report, whether or not it calls itself 我局
        (
            "关于2024年度法治政府建设情况的报告\n2024年，我局坚持依法行政。"
            + BODY
            + "\n青禾县自然资源局\n2025年1月10日",
            "青禾县自然资源局",
            "Organization",
            "signature",
        ),
        (
            "关于2024年度法治政府建设情况的报告\n2024年，坚持依法行政。"
            + BODY
            + "\n青禾县卫生健康委员会\n2025年1月10日",
            "青禾县卫生健康委员会",
            "Organization",
            "signature",
        ),
        # a 卫生健康委员会 that calls itself 我局, published by itself
        (
            "发布机构：青禾县卫生健康委员会\n关于2024年度法治政府建设情况的报告\n2024年，我局坚持依法行政。"
            + BODY,
            "青禾县卫生健康委员会",
            "Organization",
            "metadata",
        ),
        # no title: the site's name heading the page, of the level the report calls itself;
        # the municipality before the district names no unit
        (
            "重庆市青禾区人民政府\nwww.qinghe.gov.cn\n2023年，我区坚持依法行政，重庆市依法治市办"
            "通报表扬。\n二、存在的问题\n普法不足。\n三、下一步计划\n深化普法。" + BODY,
            "青禾区",
            "County",
            "site",
        ),
        # a column's name over the report's own title, which names the unit
        (
            "法治政府建设年度报告\n青禾县数据管理局关于2025年度法治政府建设情况的报告\n"
            "文章来源:本网\n2025年，我局坚持依法行政。" + BODY,
            "青禾县数据管理局",
            "Organization",
            "title",
        ),
        # a department's short name in the title, written in full in the opening
        (
            "青禾县林草局2024年度法治政府建设年度报告\n现将青禾县林业和草原局落实2024年度法治政府"
            "建设情况报告如下。" + BODY,
            "青禾县林业和草原局",
            "Organization",
            "title",
        ),
        # ... a commission's, its 委员会 cut to 委 (thirty-first session)
        (
            "青禾县建交委2024年度法治政府建设年度报告\n现将青禾县建设和交通委员会2024年度法治政府"
            "建设情况报告如下。" + BODY,
            "青禾县建设和交通委员会",
            "Organization",
            "title",
        ),
        # a publishing field glued to the next (来源:…发布日期:…)
        (
            "来源:青禾县司法局发布日期:2025-01-22\n关于2024年度法治政府建设情况的报告\n"
            "2024年，我局坚持依法行政。" + BODY,
            "青禾县司法局",
            "Organization",
            "metadata",
        ),
        # the page's chrome before the first sentence, which opens with the unit
        (
            "您现在的位置:首页 > 政务公开\n来源:区教育局发布日期:2021-01-08\n-\n"
            "青禾县教育局高度重视法治政府建设工作，坚持依法行政。" + BODY,
            "青禾县教育局",
            "Organization",
            "opening",
        ),
        # no title: the opening sentence's subject, not words before 区委 in it
        (
            "2021年青禾镇紧紧围绕区委、区政府的工作部署，深入推进法治青禾建设。" + BODY,
            "青禾镇",
            "Town",
            "opening",
        ),
        # ... after the superiors it works under, the subject going on with 坚定 (thirty-first
        # session)
        (
            "2024年，在市委的领导下，青禾市司法局坚定践行习近平法治思想。" + BODY,
            "青禾市司法局",
            "Organization",
            "opening",
        ),
        # a first sentence that follows an office's notice names no unit in it: the subject after
        (
            "根据青山县人民政府办公室关于印发《2024年全县法治政府建设工作要点》的通知要求，"
            "县教委对标推进工作。" + BODY,
            "县教委",
            "Organization",
            "opening",
        ),
        # ... or with 深学 (thirty-second session)
        (
            "2023年，青禾区司法局深学法治思想。" + BODY,
            "青禾区司法局",
            "Organization",
            "opening",
        ),
        # a title naming its bureau by the level alone, the full name in the bureau's own list
        (
            "州教育局2022年度法治政府建设工作总结\n2022年，州教育局依法行政。\n一、工作情况\n"
            "党组制定了《青禾州教育局主要负责人履行推进法治建设第一责任人职责清单》。",
            "青禾州教育局",
            "Organization",
            "title",
        ),
    ],
)
def test_unit_and_where_it_was_read(text, unit, kind, source):
    doc = document_from_text(text)
    assert (doc.unit.name, doc.unit.kind.value, doc.unit.source) == (unit, kind, source)
    assert doc.town == (unit if kind == "Town" else None)


@pytest.mark.parametrize(
    "text",
    [
        # 我县 and no name anywhere: no unit, never a placeholder
        "法治政府建设情况报告\n现将我县2020年度法治政府建设情况报告如下。" + BODY,
        # a publisher that is a department, in a report that does not say what it is
        "发布机构：青禾县司法局\n法治政府建设情况报告\n今年以来，依法行政水平持续提升。" + BODY,
        # a superior's document is not the unit's own when the report calls itself 我镇
        "法治政府建设情况报告\n今年以来，我镇认真落实《青禾县法治政府建设实施方案》。" + BODY,
        # a body that is no unit (依法治县委员会办公室), an addressee
        "县委全面依法治县委员会办公室：\n法治政府建设情况报告" + BODY,
        # the addressee is the level above, never the unit
        "中共青禾县委、县人民政府：\n2022年，在县委、县政府的坚强领导下，全面依法行政。" + BODY,
        # a first sentence read as the title: what the report calls itself names no bureau
        "现将我局2023年法治政府建设工作情况报告如下。\n今年以来，依法行政。" + BODY,
        # a department named alone, no county named anywhere
        "卫生健康委员会2024年法治政府建设情况报告\n2024年，我委依法行政，我委推进法治建设。" + BODY,
        # what the unit follows (根据…要求) names the level above, never the unit
        "2023年，我镇始终围绕中心工作，根据青禾县法治政府建设的有关要求依法履职。" + BODY,
        "2024年，按照青禾县委部署，全面依法行政。" + BODY,
        # what a report calls itself is no name (现我乡)
        "2022年，在县委的领导下，现我乡坚持依法行政，全面推进法治建设。" + BODY,
        # a reform's verbs open clauses about other bodies (组建…，划入…局职责)
        "2024年6月组建区市政服务局，划入区建设管理局职责。机构组建后，我局依法履职。" + BODY,
        # the whole unit after a verb (确保了全区) is no district of that name
        "法治政府建设情况报告\n2024年，坚持依法行政，确保了全区法治政府建设稳步推进。" + BODY,
        # a clause opening with an adverb is no name, though it ends in a level before a list
        "2024年以来，我镇依法履职，严格遵守市、县各项规定。" + BODY,
        "2024年，我乡认真贯彻省、市、县决策部署，依法行政。" + BODY,
        "2024年，我街道依法行政，稳步提升辖区、园区的服务水平。" + BODY,
        # a site's name and menu over a title that names none, in a report that says 我镇
        "松溪县人民政府\n首页 | 政务公开 | 政务服务\n2022年度法治政府建设工作情况的报告\n"
        "2022年，我镇坚持依法行政，我镇法治建设取得新成效。" + BODY,
        # the site's name heading a page of another level (我镇) is no unit of it
        "青禾区人民政府\n2023年，我镇坚持依法行政，全面推进法治建设。\n二、存在的问题\n普法不足。"
        "\n三、下一步计划\n深化普法。" + BODY,
        # the office that publishes a commission's report (我委) is not its unit (thirtieth session)
        "景区管委会2021年度法治工作报告\n日期：2022-03-01 来源：青禾市政府办\n"
        "2021年，风景区管委会依法履职，我委法治建设稳步推进。" + BODY,
        # two levels named together end no unit's name (…和省市实施方案: no 和省市)
        "青山市人民政府：\n2021年，按照市委、市政府的部署要求，我区全面落实中共中央国务院"
        "《法治政府建设实施纲要（2021-2025年）》和省市规划方案，推进法治政府建设，依法行政水平"
        "不断提升。" + BODY,
    ],
)
def test_no_unit_is_found_where_the_text_names_none(text):
    doc = document_from_text(text)
    assert doc.unit is None and doc.town is None


@pytest.mark.parametrize(
    "text, level",
    [
        ("今年以来，我镇坚持依法行政，我镇…", "镇"),
        ("本街道认真落实。", "街道"),
        ("2021年来，街道按照要求推进工作。街道建立会商机制。", "街道"),
        ("我县坚持依法行政。", "县"),
        ("我局坚持依法行政。", "局"),
        ("全县、全镇依法行政。", None),
        # a county's government as the subject of its own report's clauses
        ("现将县人民政府2022年法治政府建设情况报告如下。\n2022年，县人民政府坚持依法行政。", "县"),
        # ... not its office, and not where the report calls itself otherwise
        ("2022年，县人民政府办公室印发通知。", None),
        ("2022年，我镇依法行政，我镇推进工作。县人民政府批复同意。", "镇"),
        # ... written without 人民
        ("2023年，在市委的领导下，区政府坚持依法行政。", "区"),
        # a department's report speaks of its county as 我县 more often than of itself
        ("我局认真总结工作。今年我县新设企业541家，我县已实现企业开办一日办结。", "局"),
        ("我镇认真总结工作。我局、我县", None),  # a town's and a bureau's words: undecided
        # a bureau that never says 我局 names its own party bodies (thirty-second session), twice
        ("局党委会会前学法6次，局党组专题学法2次。", "局"),
        ("落实局党组会前学法制度。", None),
        ("我县落实局党组会前学法制度，我县推进工作。", "县"),
    ],
)
def test_self_level(text, level):
    assert document_from_text("法治政府建设情况报告\n" + text).self_level == level


@pytest.mark.parametrize(
    "phrase, name, kind",
    [
        ("石柱土家族自治县黄鹤镇人民政府", "黄鹤镇", "Town"),
        ("梅县区雁洋镇", "雁洋镇", "Town"),  # a district named after its old county
        (
            "中共青禾县司法局党组青禾县司法局",
            "青禾县司法局",
            "Organization",
        ),  # its party body first
        ("中共洪梅镇委", "洪梅镇", "Town"),
        # a township's party committee named under its county's
        ("中共青禾县委云溪镇委员会", "云溪镇", "Town"),
        ("中共青禾市委云溪街道工作委员会", "云溪街道", "Town"),
        ("青禾县委组织部", None, None),
        ("新市镇", "新市镇", "Town"),
        ("沙市镇", "沙市镇", "Town"),
        ("北城街街道办事处", "北城街街道", "Town"),
        ("新市街", "新市街道", "Town"),
        ("开发区·铁山区", "铁山区", "County"),
        # a city's zone written with the city's 市, and the committee that governs a zone
        ("十堰市经济开发区", "十堰市经济开发区", "County"),
        ("成都市高新区管委会", "成都市高新区", "County"),
        ("十堰经济技术开发区管理委员会", "十堰经济技术开发区", "County"),
        ("县城市管理委员会", "县城市管理委员会", "Organization"),
        ("经济开发区管委会", None, None),
        # a park named by its kind under a district, and its committee: one of the district's bodies
        ("重庆市武隆区工业园区管理委员会", "武隆区工业园区管理委员会", "Organization"),
        ("十堰经济开发区管委会", "十堰经济开发区", "County"),  # a zone of its own name
        ("镇宁自治县", "镇宁自治县", "County"),
        ("重庆市大足区城市管理局", "大足区城市管理局", "Organization"),
        # a prefecture's department, and its bureau's branch in a county
        ("阿克苏地区教育局", "阿克苏地区教育局", "Organization"),
        ("湘西自治州生态环境局凤凰分局", "湘西自治州生态环境局凤凰分局", "Organization"),
        ("湘西自治州", None, None),
        # a municipality is province-level: no unit of its own, the district under it is
        ("重庆市", None, None),
        ("重庆市江津区人民政府", "江津区", "County"),
        # a bureau's party group speaks for the bureau
        ("区司法局党组", "区司法局", "Organization"),
        ("区城市管理局委员会", "区城市管理局", "Organization"),
        ("市教育局党委市教育局", "市教育局", "Organization"),  # a joint title
        # a prefecture's government between its name and its department's; its own office keeps it
        ("青禾地区行政公署司法局", "青禾地区司法局", "Organization"),
        ("青禾地区行署教育局", "青禾地区教育局", "Organization"),
        ("青禾地区行政公署办公室", "青禾地区行政公署办公室", "Organization"),
        # a department's words that end like a township (城乡) hold none
        ("武乡县住房和城乡建设管理局", "武乡县住房和城乡建设管理局", "Organization"),
        ("县司法局", "县司法局", "Organization"),
        ("我县", None, None),
        # the whole unit after a verb (确保了全区) names no place; 万全区 does
        ("确保了全区", None, None),
        ("促进全街道", None, None),
        ("万全区", "万全区", "County"),
        # a name opening with a character a unit calling itself opens with (全县, 本镇)
        ("全南县自然资源局", "全南县自然资源局", "Organization"),
        ("本溪满族自治县", "本溪满族自治县", "County"),
        ("全福镇人民政府", "全福镇", "Town"),
        ("全县", None, None),
        ("我县青禾镇", None, None),
        ("区委", None, None),
        ("依法治县委员会", None, None),
        ("县委全面依法治县委员会办公室", None, None),
        ("司法局在区委", None, None),
        # 与 joins two fields of one department's name, or two bodies
        ("湛江市海洋与渔业局", "湛江市海洋与渔业局", "Organization"),
        ("青禾县自然资源与规划局", "青禾县自然资源与规划局", "Organization"),
        ("县民政局与县法院", None, None),
        ("县民政局与人社局", None, None),
        # a city's government office
        ("广州市人民政府办公厅", "广州市人民政府办公厅", "Organization"),
        # the mass organisations and the fire brigade a county oversees report too
        ("青禾县总工会", "青禾县总工会", "Organization"),
        ("青山区残疾人联合会", "青山区残疾人联合会", "Organization"),
        ("青禾县供销合作社联合社", "青禾县供销合作社联合社", "Organization"),
        ("青禾县消防救援大队", "青禾县消防救援大队", "Organization"),
        ("青山区科学技术协会", "青山区科学技术协会", "Organization"),
        ("青禾县科协", "青禾县科协", "Organization"),
        ("青禾县档案馆", "青禾县档案馆", "Organization"),
        ("妇女联合会", None, None),  # no county named before it
        # ... and the federations by their short names
        ("青禾县妇联", "青禾县妇联", "Organization"),
        ("青山区工商联", "青山区工商联", "Organization"),
        # the body of an area inside a county is the county's
        ("青禾县云龙水库水源保护区管理局", "青禾县云龙水库水源保护区管理局", "Organization"),
        # a township, then words ending in 区 (紧紧围绕区委): no place is under a township
        ("青禾镇紧紧围绕区委", None, None),
        # a scenic area's committee named by its kind alone, and a bureau's head written twice
        # (thirtieth session)
        ("风景区管委会", None, None),
        ("青禾市民政局民政局", "青禾市民政局", "Organization"),
        # a body whose name holds 市容 after its county's (thirty-first session)
        ("青禾区绿化和市容管理局", "青禾区绿化和市容管理局", "Organization"),
    ],
)
def test_unit_name(phrase, name, kind):
    unit = unit_name(phrase)
    assert (unit.name, unit.kind.value) == (name, kind) if name else unit is None


def test_every_division_name_opening_like_a_self_word_is_listed():
    """units.toml's self_first_names holds every gazetteer name that opens with one of the
    characters a report calls itself with (我县, 全区): a name left out is never a unit."""
    from kg.extractors import gazetteer as gz
    from kg.ingest.structure import _NOT_FIRST, _endings, _words

    town, county, above = _endings()
    names = [u.name for u in (*gz.counties(), *gz.cities())] + list(gz.town_names())
    expected = {
        name for name in names if name[0] in _NOT_FIRST and name.endswith((*town, *county, *above))
    }
    assert set(_words()["levels"]["self_first_names"]) == expected


def test_every_division_name_ending_like_a_self_word_is_listed():
    """units.toml's self_last_names holds every gazetteer name whose last character before its
    level is one a report speaks of its whole unit with (确保了全区): a name left out is no unit."""
    from kg.extractors import gazetteer as gz
    from kg.ingest.structure import _NOT_BEFORE_LEVEL, _endings, _words

    town, county, above = _endings()
    endings = sorted((*town, *county, *above), key=len, reverse=True)
    names = [u.name for u in (*gz.counties(), *gz.cities())] + list(gz.town_names())
    expected = set()
    for name in names:
        ending = next((e for e in endings if name.endswith(e)), None)
        if ending and len(name) > len(ending) and name[-len(ending) - 1] in _NOT_BEFORE_LEVEL:
            expected.add(name)
    assert set(_words()["levels"]["self_last_names"]) == expected


def test_every_division_name_the_rules_misread_is_listed(monkeypatch):
    """units.toml's read_whole holds every gazetteer county or township name the name rules
    alone do not read whole (乌镇, 党武镇, 古县镇), but the names of areas and offices, one
    character before 区, and a name written under its county: a name left out is never a unit."""
    from kg.chars import HAN
    from kg.extractors import gazetteer as gz
    from kg.ingest import structure

    town, county, _ = structure._endings()
    endings = sorted((*town, *county), key=len, reverse=True)
    listed = set(structure._words()["levels"]["read_whole"])
    monkeypatch.setattr(structure, "_read_whole", dict)  # the rules alone
    not_unit = re.compile(
        "地区$|社区|新区|小区|景区|开发区|工业区|经营所|片区|园区|办事处|生活|旅游区|度假区|保护区"
        "|试验区|示范区|集中区|保税|特定区|特殊|城市$|镇镇$|镇乡$|乡镇$"
    )
    expected = set()
    for name in {u.name for u in gz.counties()} | set(gz.town_names()):
        ending = next((e for e in endings if name.endswith(e)), None)
        stem = name[: -len(ending)] if ending else ""
        if (
            not ending
            or not 1 <= len(stem) <= 14
            or not re.fullmatch(f"[{HAN}]+", stem)
            or not_unit.search(name)
            or (ending == "区" and len(stem) == 1)
        ):
            continue
        read = structure._segments(name)
        if (
            read == [(0, len(name), ending)]
            # a district's name and a bare ending after it (朝阳区街道)
            or (read and read[0][2] == "区" and read[0][1] < len(name))
            # a name written under its county (满洲里市东湖区), not a township's ending misread
            or (
                len(read) > 1
                and read[-1][1] == len(name)
                and {e for *_, e in read[:-1]}.isdisjoint(town)
            )
        ):
            continue
        expected.add(name)
    assert listed == expected


def test_every_district_of_one_character_is_listed():
    """units.toml's city_districts holds every gazetteer county named by one character before
    区 (城区, 东区): a name left out is never a unit, even after its city's."""
    from kg.extractors import gazetteer as gz
    from kg.ingest.structure import _words

    expected = {c.name for c in gz.counties() if re.fullmatch(".区", c.name)}
    assert set(_words()["levels"]["city_districts"]) == expected


@pytest.mark.parametrize(
    "title, unit, kind",
    [
        # gazetteer names the name rules alone misread (units.toml's read_whole)
        ("乌镇2023年法治政府建设情况报告", "乌镇", "Town"),
        ("浦东新区唐镇人民政府2023年法治政府建设情况报告", "唐镇", "Town"),
        ("党武镇2023年法治政府建设年度报告", "党武镇", "Town"),
        ("古县镇2024年法治政府建设工作总结", "古县镇", "Town"),
        ("浏阳市文家市镇2022年法治政府建设情况报告", "文家市镇", "Town"),
        ("将乐县2023年法治政府建设年度报告", "将乐县", "County"),
        ("犍为县人民政府关于2023年法治政府建设情况的报告", "犍为县", "County"),
        ("辉县市2024年法治政府建设情况报告", "辉县市", "County"),
        ("芒市2023年法治政府建设情况报告", "芒市", "County"),
        (
            "无为市2023年法治政府建设年度报告",
            "无为市",
            "County",
        ),  # the gazetteer's 无为县, since a city
        # the year written otherwise before the words of the title
        ("青禾镇二〇二三年法治政府建设情况报告", "青禾镇", "Town"),
        ("青禾镇2022—2023年度法治政府建设工作报告", "青禾镇", "Town"),
        (
            "积石山保安族东乡族撒拉族自治县2023年法治政府建设情况报告",
            "积石山保安族东乡族撒拉族自治县",
            "County",
        ),
        ("长治市上党区司法局2023年法治政府建设情况报告", "上党区司法局", "Organization"),
        # a district named by one character, after its city's name
        ("阳泉市城区2023年法治政府建设情况报告", "城区", "County"),
        ("攀枝花市东区人民政府关于2024年法治政府建设情况的报告", "东区", "County"),
        ("晋城市城区司法局2023年法治政府建设情况报告", "城区司法局", "Organization"),
        # the rules' own readings stand where they read longer
        ("古县2023年法治政府建设情况报告", "古县", "County"),
        ("新镇街道2023年法治政府建设情况报告", "新镇街道", "Town"),
        # the verb a unit puts before the topic
        ("2022年普陀区生态环境局履行法治建设自查报告", "普陀区生态环境局", "Organization"),
        ("青禾县推进法治政府建设情况报告", "青禾县", "County"),
    ],
)
def test_unit_of_a_title(title, unit, kind):
    doc = document_from_text(title + "\n一、主要举措\n落实合法性审查。")
    assert (doc.unit.name, doc.unit.kind.value) == (unit, kind)


@pytest.mark.parametrize(
    "title, text, published, year",
    [
        ("青禾镇2023年工作总结及2024年工作安排", "", None, 2023),
        ("2024年度法治政府建设工作及2025年工作计划", "", None, 2024),
        # a year in Chinese numerals, or in brackets after the title's words
        ("青禾镇二〇二三年法治政府建设情况报告", "", None, 2023),
        ("青禾镇二O二三年度法治政府建设工作报告", "", None, 2023),
        ("关于二零二四年度法治政府建设工作情况的报告", "", None, 2024),
        ("青禾镇法治政府建设年度报告（2024）", "", None, 2024),
        ("青禾镇法治政府建设年度报告（2026）", "", "2025-01-10", None),  # after publication
        # a range is no one year
        ("青禾县二○二四—二○二五年法治政府建设工作报告", "", None, None),
        ("青禾县2021年至2023年法治政府建设情况报告", "", None, None),
        # no year in the title: the opening's, not a range, a date or a document's
        (
            "法治政府建设情况报告",
            "认真落实《纲要（2021—2025年）》。2022年，我镇依法行政。",
            None,
            2022,
        ),
        (
            "法治政府建设情况报告",
            "成文日期：2026年01月01日\n2025年以来，我镇依法行政。",
            None,
            2025,
        ),
        (
            "法治政府建设情况报告",
            "落实《三年行动计划（2025—2027年）》，2024年我镇依法行政。",
            None,
            2024,
        ),
        # no year named: published by April, the year before's report; later, no guess
        ("青禾镇法治政府建设工作报告", "今年以来，我镇坚持依法行政。", "2024-02-20", 2023),
        ("青禾镇法治政府建设工作报告", "今年以来，我镇坚持依法行政。", "2024-09-20", None),
        # a plan year is not the report year, nor a year after publication
        (
            "法治政府建设情况报告",
            "2025年，我镇将推行法律顾问制度。2024年，我镇依法行政。",
            "2025-01-20",
            2024,
        ),
        # the sentence that hands the report over says its year, whatever the opening counts
        (
            "法治政府建设情况报告",
            "街道坚持党建引领，2022年以来成效明显，2023年获评先进。现将2025年法治政府建设工作汇报如下：",
            None,
            2025,
        ),
        (
            "法治政府建设情况报告",
            "2021年，我镇依法行政。2021年，我镇推进法治建设。现将《2023年工作报告》附后。",
            None,
            2021,
        ),
        # 年 left out before 以来; not a longer number's last digits
        ("法治政府建设情况报告", "2024以来，在县委的指导下，本人履行职责。", None, 2024),
        ("法治政府建设情况报告", "累计12024以来的数据。", None, None),
        # two years named once each: the later, the earlier being the past it goes on from
        # (thirty-first session)
        (
            "法治政府建设情况报告",
            "青禾区坚持依法行政。举办2024年法治专题研讨班，将2021年以来新提任干部纳入培训。",
            None,
            2024,
        ),
    ],
)
def test_report_year(title, text, published, year):
    assert report_year(title, text, published) == year


@pytest.mark.parametrize(
    "text, published, year, unit",
    [
        # a page's clock above the title (a date its site never updates) is no date of signing
        (
            "青禾市人民政府\n今天是：2018年9月10日 星期一\n"
            "青禾县司法局2025年度法治政府建设年度报告\n2025年，我局坚持依法行政。",
            None,
            2025,
            "青禾县司法局",
        ),
        # ... the date under the report's text is
        (
            "青禾县司法局2025年度法治政府建设年度报告\n2025年，我局坚持依法行政。"
            + BODY
            + "\n青禾县司法局\n2026年1月10日",
            "2026-01-10",
            2025,
            "青禾县司法局",
        ),
    ],
)
def test_only_the_lines_under_the_title_sign_a_report(text, published, year, unit):
    doc = document_from_text(text)
    assert (doc.published, doc.year, doc.unit and doc.unit.name) == (published, year, unit)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a county report that names itself only in the title of its own rules
        (
            "现将县人民政府2022年法治政府建设工作情况报告如下。\n一、主要成效\n"
            "2022年，县人民政府带头学法，制定了《青禾县人民政府常务会会前学法制度》。",
            ("青禾县", "County"),
        ),
        # a department: its county from the head of its own document (before 党政, 参与 …)
        (
            "2024年，我局推进法治建设，我局依法行政。\n一、工作情况\n"
            "制定《龙岩市永定区卫生健康局参与全国法治政府建设示范创建活动实施方案》。",
            ("永定区卫生健康局", "Organization"),
        ),
        (
            "2024年，区司法局坚持依法行政。\n一、工作情况\n我局制定《青山区党政主要负责人"
            "履行推进法治建设第一责任人职责清单》。",
            ("区司法局", "Organization"),
        ),
        # a banner's list for its leading cadres
        (
            "今年以来，我旗深入推进法治政府建设，我旗依法行政。\n一、工作情况\n"
            "印发《青山旗领导干部应知应会法律法规清单》。",
            ("青山旗", "County"),
        ),
        # a bureau's report naming itself by its level alone, as a clause's subject
        (
            "2022年，我局坚持依法行政，在区委、区政府的领导下推进工作。\n一、工作情况\n"
            "区司法局党委书记、局长率先垂范，我局推进法治建设。",
            ("区司法局", "Organization"),
        ),
        # a bureau's own list, its name before anything
        (
            "2024年，我局坚持依法行政，我局推进法治建设。\n一、工作情况\n"
            "严格执行《青山区统计局行政权力事项清单》。",
            ("青山区统计局", "Organization"),
        ),
        # a verb before 全县 makes no county (推动全县…), the county's own plan does
        (
            "2024年，我县在县委的领导下依法行政，推动全县法治化营商环境提质增效。\n一、工作情况\n"
            "落实《青禾县法治政府建设实施方案》。",
            ("青禾县", "County"),
        ),
        # no title and no 我局: a bureau named in full only in its own plan and by its level
        # alone elsewhere (eighteenth session)
        (
            "一、2020年度主要举措和成效\n（一）健全法治工作机制\n1.加强党的领导。制定出台"
            "《青山区农业农村局2020年法治工作要点》，明确了2020年度区农业农村局法治建设重点任务。",
            ("青山区农业农村局", "Organization"),
        ),
    ],
)
def test_the_unit_named_by_its_own_documents(text, expected):
    doc = document_from_text(text)
    assert (doc.unit.name, doc.unit.kind.value) == expected
    assert any(u.source == "body" for u in doc.unit_names)


_PREAMBLE = (
    "青禾县2022年法治政府建设情况报告\n今年以来，我县深入推进法治政府建设，现将有关情况报告如下。\n"
)


@pytest.mark.parametrize(
    "body, expected",
    [
        # a report that numbers no heading: its short lines between paragraphs head its parts
        (
            "坚持高位推动 法治政府建设责任不断强化\n县委常委会多次研究法治建设工作，推动落实。\n"
            "深化宣传教育 全民法治意识不断增强\n开展普法活动20场，覆盖群众一万人。\n",
            ["OtherSection", "Achievements", "Achievements"],
        ),
        # ... a part the heading names keeps its kind
        (
            "坚持高位推动 法治政府建设责任不断强化\n县委常委会多次研究法治建设工作，推动落实。\n"
            "存在的问题和不足\n基层法治力量仍然薄弱，工作推进不平衡。\n",
            ["OtherSection", "Achievements", "Problems"],
        ),
        # one short line is no outline: the text stays one part
        (
            "坚持高位推动\n县委常委会多次研究法治建设工作，推动落实，开展普法活动20场。\n",
            ["OtherSection"],
        ),
        # no heading at all, but the paragraph after the preamble counts its work off: the
        # body reports the work done (eighteenth session)
        (
            "始终坚持依法行政。一是落实政府常务会学法制度，全年学法12次。二是落实旁听庭审制度。\n",
            ["OtherSection", "Achievements"],
        ),
        # ... not the preamble's own 一是, nor a paragraph that counts nothing off
        ("开展普法活动20场。\n推进依法决策，审查合同30份。\n", ["OtherSection"]),
        # a page that wrote the first part's 一、 as a bullet above 二、
        (
            "• 加强党对法治政府建设的领导情况。\n一是县委常委会研究法治建设3次。\n"
            "二、健全政府机构职能体系情况。\n推进放管服改革。\n",
            ["OtherSection", "Achievements", "Achievements"],
        ),
        # a page that numbers no part and writes each part's number as a bullet (thirtieth
        # session); a bulleted sentence is no heading
        (
            "• 压实责任，督促党政主要负责人履行推进法治建设第一责任人职责\n"
            "局党组专题研究法治建设2次。\n",
            ["OtherSection", "Duties"],
        ),
        ("• 全年开展普法活动20场。\n推进依法决策，审查合同30份。\n", ["OtherSection"]),
    ],
)
def test_unnumbered_headings_open_parts(body, expected):
    doc = document_from_text(_PREAMBLE + body)
    assert [s.kind.value for s in doc.sections] == expected
