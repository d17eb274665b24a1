"""Tests for extractors/problems.py: enumerated, listed and cued problems, the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.problems import extract_problems, problem_key
from kg.ingest.structure import document_from_text
from kg.model import EntityType, SectionKind

HEAD = "青禾镇2023年法治政府建设工作报告\n一、主要工作及成效\n开展普法宣传活动，群众法治意识不断增强。\n"
PLANS = "\n三、下一步工作打算\n一是加强学习，还需提升能力。"


def problems(part: str) -> list[tuple[str, str]]:
    """(text, key) of the problems found in a report with ``part`` as its problems part."""
    doc = document_from_text(HEAD + part + PLANS)
    return [(m.text, m.key) for m in extract_problems(doc)]


@pytest.mark.parametrize(
    "statement, expected",
    [
        ("全民法治教育需要进一步加强，受基层人力物力财力等因素影响", "全民法治教育需要进一步加强"),
        ("法律援助力度还需进一步加大；辖区群众还不够了解", "法律援助力度还需进一步加大"),
        ("“法律明白人”作用发挥不够。", "法律明白人作用发挥不够"),
        ("队伍建设方面。执法人员数量不足，年龄结构老化", "执法人员数量不足"),
        (
            "依法行政工作过程中形成的各种资料的质量和数量以及规范程度都还要不断提高和完善",
            "依法行政工作过程中形成的各种资料的质量和数量以及规范程度都还",
        ),  # cut at 30 characters
    ],
)
def test_problem_key(statement, expected):
    assert problem_key(statement) == expected


@pytest.mark.parametrize(
    "part, expected",
    [
        # 一是 … 二是 … after an intro sentence ending in a colon
        (
            "二、存在的问题\n虽然取得了一定成效，但还存在一些问题和不足：一是行政执法队伍建设需要进一步提升。"
            "少数执法人员存在偏差。二是法治宣传教育不够入脑入心。",
            [
                (
                    "行政执法队伍建设需要进一步提升。少数执法人员存在偏差",
                    "行政执法队伍建设需要进一步提升",
                ),
                ("法治宣传教育不够入脑入心", "法治宣传教育不够入脑入心"),
            ],
        ),
        # （一）（二） items that are also section headings
        (
            "二、存在的主要问题\n（一）法治氛围还不够浓厚。村民法律基础较差。\n（二）缺乏专业人才队伍。",
            [
                ("法治氛围还不够浓厚。村民法律基础较差", "法治氛围还不够浓厚"),
                ("缺乏专业人才队伍", "缺乏专业人才队伍"),
            ],
        ),
        # 1. 2. items, markdown bold enumerators
        (
            "二、存在的不足\n1.执法力量薄弱，专业执法人员缺乏；2.基层法律服务资源有限。",
            [
                ("执法力量薄弱，专业执法人员缺乏", "执法力量薄弱"),
                ("基层法律服务资源有限", "基层法律服务资源有限"),
            ],
        ),
        (
            "二、工作中存在的不足\n**一是**学法用法不够深入；**二是**法治文化阵地建设滞后。",
            [
                ("学法用法不够深入", "学法用法不够深入"),
                ("法治文化阵地建设滞后", "法治文化阵地建设滞后"),
            ],
        ),
        # one sentence listing its problems after 如 … 等
        (
            "十一、存在的主要问题\n我镇依法行政工作取得较好的效果，但还有很多工作需要完善和落实，如全体机关干部的依法行政意识"
            "还需进一步强化，各种资料的质量还要不断提高，依法行政工作还要落实常态化等。",
            [
                (
                    "全体机关干部的依法行政意识还需进一步强化",
                    "全体机关干部的依法行政意识还需进一步强化",
                ),
                ("各种资料的质量还要不断提高", "各种资料的质量还要不断提高"),
                ("依法行政工作还要落实常态化", "依法行政工作还要落实常态化"),
            ],
        ),
        # no enumeration: each cued sentence, the intro skipped
        (
            "二、存在的问题\n一年来，我镇法治政府建设取得了一定成效，但也存在一些不足。部分干部法治意识不强，运用法治思维的"
            "能力有待提高。普法宣传形式较为单一，覆盖面不广。",
            [
                ("部分干部法治意识不强，运用法治思维的能力有待提高", "部分干部法治意识不强"),
                ("普法宣传形式较为单一，覆盖面不广", "普法宣传形式较为单一"),
            ],
        ),
        # a mixed part stops where the plans start
        (
            "二、存在问题和下一步打算\n1.执法力量薄弱；2.基层法律服务资源有限。\n下一步，我镇将加大投入，补齐短板。",
            [("执法力量薄弱", "执法力量薄弱"), ("基层法律服务资源有限", "基层法律服务资源有限")],
        ),
    ],
)
def test_problems(part, expected):
    assert problems(part) == expected


def test_no_problems_section_no_problems():
    doc = document_from_text(HEAD + "二、下一步工作打算\n一是普法还需加强；二是执法能力有待提高。")
    assert extract_problems(doc) == []


def test_mentions_keep_offsets_and_sections():
    doc = document_from_text(
        HEAD + "二、存在的不足\n一是普法还未实现全覆盖；二是执法人员法律知识不足。" + PLANS
    )
    found = extract_problems(doc)
    assert [m.key for m in found] == ["普法还未实现全覆盖", "执法人员法律知识不足"]
    for m in found:
        assert m.type == EntityType.PROBLEM
        assert m.section == SectionKind.PROBLEMS
        assert m.text == doc.text[m.start : m.end]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="一二是（）1.、，。；：\n存在的问题不足有待加强如等下一步虽然取得成效", max_size=80
    )
)
def test_never_raises_and_offsets_hold(body):
    doc = document_from_text(HEAD + "二、存在的问题\n" + body)
    found = extract_problems(doc)
    assert len(found) == len(set(found))
    for m in found:
        assert m.text == doc.text[m.start : m.end] and m.key


# ------------------------------------------------------------ seeds


def seed_problems(seed_documents, prefix: str) -> list[str]:
    name = next(n for n in seed_documents if n.startswith(prefix))
    doc = seed_documents[name]
    found = extract_problems(doc)
    assert all(
        m.text == doc.text[m.start : m.end] and m.section == SectionKind.PROBLEMS for m in found
    )
    return [m.key for m in found]


@pytest.mark.seeds
def test_seed_000_dajishan(seed_documents):
    assert seed_problems(seed_documents, "000_") == [
        "全民法治教育需要进一步加强",
        "法律援助力度还需进一步加大",
        "法治工作队伍建设还有待提升",
    ]


@pytest.mark.seeds
def test_seed_001_huanghe(seed_documents):
    assert seed_problems(seed_documents, "001_") == ["法治氛围还不够浓厚", "缺乏专业人才队伍"]


@pytest.mark.seeds
def test_seed_002_zhulong(seed_documents):
    assert seed_problems(seed_documents, "002_") == [
        "全体机关干部整体的依法行政意识还需进一步强化",
        "依法行政工作过程中形成的各种资料的质量还要不断提高",
        "依法行政工作还要落实常态化",
    ]


@pytest.mark.seeds
def test_seed_003_yuntai(seed_documents):
    assert seed_problems(seed_documents, "003_") == [
        "法治宣传教育的针对性和实效性有待进一步提高",
        "行政执法队伍的整体素质还需进一步提升",
        "重大行政决策的公众参与度还不够高",
    ]


@pytest.mark.seeds
def test_seed_004_fenggang(seed_documents):
    keys = seed_problems(seed_documents, "004_")
    assert keys == ["行政执法队伍建设需要进一步提升", "法治宣传教育不够入脑入心"]
    assert not any("虽然" in k or "取得" in k for k in keys)
