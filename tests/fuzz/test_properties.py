"""Property tests over random and adversarial text (issue 7).

For any text: ingest either refuses it with an ``InputError`` or cleans it;
structure and every extractor then run without raising; every mention's
offsets point at its text; and the graph of the report serialises to Turtle
that parses back to the same graph and conforms to the SHACL shapes.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.extractors.registry import EXTRACTORS, PLACE_RESOLVER
from kg.graph.triples import build_graph
from kg.graph.validate import validate
from kg.ingest.read import source_from_text
from kg.ingest.structure import structure
from kg.run.report import extract_document
from tests.fuzz.conftest import GRAPH_SHARE

# Pieces of real reports, so generated text reaches deep into the extractors'
# patterns rather than staying random noise.
FRAGMENTS = [
    "关于",
    "青禾镇",
    "云台镇",
    "街道",
    "乡",
    "2023年",
    "2024年度",
    "法治政府建设",
    "工作情况的报告",
    "\n",
    "一、",
    "（二）",
    "(三)",
    "1.",
    "一是",
    "主要举措和成效",
    "存在的不足",
    "下一步工作打算",
    "第一责任人",
    "合法性审查",
    "合法性审核",
    "法律顾问",
    "行政执法三项制度",
    "《中华人民共和国民法典》",
    "《",
    "》",
    "“",
    "”",
    '"',
    "党委书记",
    "谭永锋同志",
    "镇长",
    "司法所",
    "综治中心",
    "人民调解委员会",
    "调解成功率达98.5%",
    "2.4万余份",
    "72起",
    "余",
    "达",
    "%",
    "，",
    "。",
    "；",
    "：",
    "、",
    "\n\n",
    " ",
    "\u3000",
    "**",
    "发布时间:2021-01-31",
    "扫一扫在手机打开当前页",
    "村",
    "社区",
    "普法还未实现全覆盖",
    "浙江省",
    "松阳县",
    "中共",
    "委员会",
    "人民政府",
    "2023年1月9日",
    "關於",
    "建設",
    "報告",
    "\\",
    "\r",
    "\t",
    "\x00",
    "\x1b",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u200b",
    "😀",
    "𠀀",
    "<script>",
    "&amp;",
    "'''",
    '"""',
    "@prefix",
    # the unit's cues, bodies, posts and a page's layout
    "区委、区政府：",
    "我镇",
    "我局",
    "县司法局",
    "发布机构：",
    "索引号：",
    "http://www.qinghe.gov.cn/",
    "领导小组",
    "组长",
    "同志任",
    "（",
    "）",
    "“三重一大”",
    "新时代“枫桥经验”",
    "实施方案",
    "〔2023〕5号",
    "— 2 —",
    "&ldquo;",
    "&amp;rdquo;",
    "&#8220;",
    "          ",
    "\u3000\u3000",
    # a bulleted heading, a line cut after 和, a short name opening a report, a doubled head,
    # a bracketed second name, an honour after 在…中
    "• ",
    "和\n",
    "2025年，公明坚持",
    "风景区管委会",
    "民政局民政局",
    "（法治政府）",
    "考核中，获得优秀",
    # a site's column before a title, a province glued to a city, a prefecture's bureau, a
    # bureau's site, a body's 市容, a commission's short name, a subject going on with 坚定
    # (thirty-first session)
    "【工作总结】",
    "山东济南市",
    "州教育局",
    "http://scjgj.taian.gov.cn/",
    "区绿化和市容管理局",
    "建交委",
    "坚定",
    "事前公开、事中记录",
    "2021年以来",
]

adversarial = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map(
    "".join
)
random_text = st.text(max_size=400)
cjk_text = st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=300)
any_text = st.one_of(adversarial, random_text, cjk_text)


def _document(text: str):
    try:
        return structure(source_from_text(text, "fuzz.txt"))
    except InputError:
        return None  # refused with a reason: allowed (empty, white space)


@given(any_text)
def test_extractors_never_crash_and_offsets_point_at_the_text(text):
    doc = _document(text)
    if doc is None:
        assert not text.strip() or not source_text_survives(text)
        return
    assert not any("\ud800" <= ch <= "\udfff" for ch in doc.text)
    for name, extract in EXTRACTORS:
        for m in extract(doc):
            assert 0 <= m.start <= m.end <= len(doc.text), (name, m)
            assert doc.text[m.start : m.end] == m.text, (name, m)
            assert m.section == doc.section_kind_at(m.start), (name, m)
    PLACE_RESOLVER(doc)


def source_text_survives(text: str) -> bool:
    """Whether anything but white space and control characters is left."""
    return any(ch.isprintable() and not ch.isspace() for ch in text)


@settings(max_examples=max(5, int(settings().max_examples * GRAPH_SHARE)))
@given(any_text)
def test_every_graph_parses_back_from_turtle_and_conforms(text):
    doc = _document(text)
    if doc is None:
        return

    report = extract_document(doc)
    graph = build_graph([report])
    parsed = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(parsed, graph)
    result = validate(graph)
    assert result.conforms, result.violations[:3]
