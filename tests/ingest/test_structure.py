"""Structure: title, town, year, dates, issuers, sections and sentences."""

from __future__ import annotations

import pytest

from kg.ingest.structure import classify_heading, document_from_text
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
    "heading, year, kinds",
    [
        ("一、主要举措和成效", 2023, [K.ACHIEVEMENTS]),
        ("二、存在的不足", 2023, [K.PROBLEMS]),
        ("三、党政主要负责人履行第一责任人职责情况", 2023, [K.DUTIES]),
        ("三、下一步工作打算", 2023, [K.PLANS]),
        ("二、存在的问题及下一步工作计划", 2023, [K.PROBLEMS, K.PLANS]),
        ("三、2024年推进法治政府建设的主要安排", 2023, [K.PLANS]),
        ("三、规范性文件质量较高", 2023, []),
    ],
)
def test_classify_heading(heading, year, kinds):
    assert list(classify_heading(heading, year)) == kinds


def test_sections_refine_a_mixed_heading_and_inherit_otherwise():
    doc = document_from_text(
        "青禾镇2023年法治政府建设工作总结\n一、主要举措及成效\n（一）制定年度普法计划\n1.制定年度法治宣传教育计划。\n"
        "二、存在的问题及下一步工作计划\n（一）存在的问题\n执法人员素质不高。\n（二）下一步工作计划\n推行法律顾问制度。"
    )
    kinds = {doc.section_kind_at(doc.text.index(s)) for s in ("制定年度法治宣传教育计划",)}
    assert kinds == {K.ACHIEVEMENTS}
    assert doc.section_kind_at(doc.text.index("执法人员素质不高")) == K.PROBLEMS
    assert doc.section_kind_at(doc.text.index("推行法律顾问制度")) == K.PLANS


def test_sentences_cover_text_and_end_at_full_stops():
    doc = document_from_text(
        "青禾镇2023年法治政府建设报告\n一、举措\n落实合法性审查。推行法律顾问！调解成功率达98.5%。"
    )
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert "落实合法性审查。" in sentences and "推行法律顾问！" in sentences
    assert doc.sentence_text_at(doc.text.index("法律顾问")) == "推行法律顾问！"


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
