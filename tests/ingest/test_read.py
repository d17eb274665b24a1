"""Ingest: decoding, HTML reduction, cleaning and the offset map, on real text."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest.read import decode, read_report, source_from_text

SAMPLE = "关于青禾镇2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n严格落实合法性审查制度，调解成功率达98.5%。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_decodes_every_supported_encoding(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    source = read_report(path)
    assert "合法性审查" in source.text
    assert source.text.startswith("关于青禾镇")


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x81\x30\xff\xfe\xfd" * 400, "encoding"),
    ],
)
def test_refuses_undecodable_input_with_a_named_reason(data, problem):
    with pytest.raises(InputError) as info:
        decode(data, "bad.txt")
    assert "bad.txt" in str(info.value)
    assert problem in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        # A short page that spells its names in pinyin, tone marks and all.
        "青禾镇（Qīnghé Zhèn）司法所\nQīnghé Zhèn Sīfǎsuǒ，Lǜchéng Xiàn，Nǚ'ér Cūn\n法治政府建设",
        "Fǎzhì Zhèngfǔ Jiànshè Niándù Bàogào",
    ],
)
def test_pinyin_with_tone_marks_is_text(text):
    for encoding in ("utf-8", "gb18030"):
        assert decode(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize(
    "raw, published",
    [
        ("发布时间:2021-01-31 09:03\n正文第一句。", "2021-01-31"),
        ("发布日期：2024年3月9日\n正文第一句。", "2024-03-09"),
        # a chrome line with no real date is dropped, and dates nothing
        ("发布日期：2024-13-45\n正文第一句。", None),
    ],
)
def test_a_chrome_date_line_gives_the_publication_date(raw, published):
    source = source_from_text(raw)
    assert source.text == "正文第一句。"
    assert source.meta_value("published") == published


_RUN_ON = (
    "2023年，青禾镇坚持以习近平法治思想为指导，全面推进依法行政。一、主要举措和成效 "
    "（一）加强组织领导。落实重大行政决策合法性审查制度，聘请律师担任镇政府法律顾问，"
    "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。" * 2
)


@pytest.mark.parametrize(
    "chrome",
    [
        "首页 > 政务公开 > 法治政府建设年度报告 青禾镇2023年法治政府建设年度报告 ",
        "来源：本网 发布日期：2024-01-07 ",
        "青禾镇2023年法治政府建设年度报告 【打印】 【关闭】 ",
    ],
)
def test_a_page_run_onto_one_line_keeps_its_report_after_its_chrome(chrome):
    # the page lost its line breaks: its chrome and its report are one line, kept whole
    text = source_from_text(chrome + _RUN_ON).text
    assert all(words in text for words in ("全面推进依法行政", "合法性审查", "法律顾问"))


@pytest.mark.parametrize(
    "raw, published",
    [
        # a publication field in a page's table of fields, glued to its label: the line is kept,
        # and a stale date of the site's template further down does not win
        (
            "主题分类其它 发布日期2025-02-26\n时间:2017-08-20 来源:某日报\n正文第一句。",
            "2025-02-26",
        ),
        ("发文字号 著录时间2025-02-26\n正文第一句。", "2025-02-26"),
        # a date and time written bare before the page's source
        ("2026-01-13 17:00:00 来源:县司法局\n正文第一句。", "2026-01-13"),
        ("2024/02/23 来源：青禾县人民政府\n正文第一句。", "2024-02-23"),
        # a date in a sentence is no field
        ("2024年3月9日召开会议。\n正文第一句。", None),
    ],
)
def test_a_publication_field_anywhere_in_a_line_dates_the_page(raw, published):
    assert source_from_text(raw).meta_value("published") == published


@pytest.mark.parametrize(
    "raw, read",
    [
        # middle dots typed as Japanese or hyphenation points are the Chinese one
        ("开展“4・15”宣传。", "开展“4·15”宣传。"),
        ("“平安‧法治”品牌", "“平安·法治”品牌"),
    ],
)
def test_middle_dots_are_one_mark(raw, read):
    assert source_from_text(raw).text == read


_LONG = "坚持以习近平法治思想为指导，全面推进依法行政，各项工作取得新进展。" * 7


@pytest.mark.parametrize(
    "raw, lines",
    [
        # a page that ran its paragraphs into one line, spaces where the breaks were: each
        # numbered heading starts a line again
        (
            _LONG + "现将情况报告如下： 一、主要举措和成效 （一）强化组织领导，完善工作机制。",
            [
                _LONG + "现将情况报告如下：",
                "一、主要举措和成效",
                "（一）强化组织领导，完善工作机制。",
            ],
        ),
        # ... and its title and chrome are lines of their own again, the chrome dropped
        (
            "通知公告 青禾县2024年法治政府建设年度报告 来源：青禾县人民政府 " + _LONG,
            ["通知公告", "青禾县2024年法治政府建设年度报告", _LONG],
        ),
        ("发布日期：2024-02-03   2023年，" + _LONG, ["2023年，" + _LONG]),
        # an addressee before the opening's year, one space between
        ("区委、区政府： 2023年，" + _LONG, ["区委、区政府：", "2023年，" + _LONG]),
        # a heading's number keeps its text, spaces between them
        ("1.  " + _LONG + " （二）  " + _LONG, ["1." + _LONG, "（二）" + _LONG]),
        # a space beside a digit is a sentence's (至少 3 次), a space inside a sentence is joined
        # again
        (
            _LONG + "县长每年至少 3 次听取法治建设工作 汇报。",
            [_LONG + "县长每年至少3次听取法治建设工作汇报。"],
        ),
        # a short line is a heading or a table's row as it stands
        ("二、主要工作 （一）强化组织领导", ["二、主要工作（一）强化组织领导"]),
    ],
)
def test_a_line_run_on_from_several_starts_lines_where_its_breaks_were(raw, lines):
    assert source_from_text(raw).text.split("\n") == lines


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(InputError, match="nope.txt"):
        read_report(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("凤岗镇 2023 年法治政府建设", "凤岗镇2023年法治政府建设"),
        ("（一）加强组织领导,完善工作机制", "（一）加强组织领导，完善工作机制"),
        ("发布时间:2021-01-31 09:03\n正文第一句。", "正文第一句。"),
        ("**一是**行政执法队伍建设需要进一步提升。", "一是行政执法队伍建设需要进一步提升。"),
        (
            "坚持和完善党委理论学习中心组学法，落实集体学法制\n\n度，深入学习了宪法。",
            "坚持和完善党委理论学习中心组学法，落实集体学法制度，深入学习了宪法。",
        ),
        (
            "加强队伍建设规范开展执法\n\n以加强基层执法能力建设为重点，构建执法体制。",
            "加强队伍建设规范开展执法\n以加强基层执法能力建设为重点，构建执法体制。",
        ),
        ("发放宣传册(单)2.4万余份", "发放宣传册（单）2.4万余份"),
        ("1,200余份，时间09:30", "1,200余份，时间09:30"),
        ("扫一扫在手机打开当前页\n微信\n微博\n正文。", "正文。"),
        ("Word 2003 文档", "Word 2003文档"),
        # commas and colons: unified unless between digits, at either edge of the text too
        (",甲镇,2,3,", "，甲镇，2,3，"),
        ("时间:9:30:", "时间：9:30："),
        # markdown bold: ** anywhere, __ opening or closing a word, not a lone one
        ("__加强__领导 __ 落实", "加强领导__落实"),
        # spaces at a line's edges and line breaks at the text's edges go
        ("\n\n  一、总体情况  \n  落实制度。 \n\n", "一、总体情况\n落实制度。"),
        ("Word 2003  \n  PDF", "Word 2003\nPDF"),
        # a line of a document's fields ending with who signed it runs into no title below
        (
            "青政字〔2022〕1号 签发人:王明\n青禾县人民政府关于2021年法治政府建设情况的报告",
            "青政字〔2022〕1号签发人：王明\n青禾县人民政府关于2021年法治政府建设情况的报告",
        ),
        # a title between other marks than 《》 is written in 《》, a nested one stays as it is
        ("认真学习<<宪法>>和〈行政处罚法〉。", "认真学习《宪法》和《行政处罚法》。"),
        ("占比<5%，组织学习<民法典>。", "占比<5%，组织学习《民法典》。"),
        ("印发《关于印发〈青禾镇议事规则〉的通知》", "印发《关于印发〈青禾镇议事规则〉的通知》"),
        (
            "认真贯彻执行《江南\n省实施〈村民委员会组织法〉办法》等法规。",
            "认真贯彻执行《江南省实施〈村民委员会组织法〉办法》等法规。",
        ),
    ],
)
def test_cleaning(raw, expected):
    assert source_from_text(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "凤岗镇 2023 年法治政府建设\n\n坚持和完善党委理论学习中心组学法，"
        "落实集体学法制\n\n度，深入学习",
        "关怀版 无障碍\n\n您当前所在位置: 首页>年度报告\n\n"
        "  关于大吉山镇2022年度法治政府建设工作情况的报告\n访问量:\n正文",
        "学习<<宪法>>和〈民法典〉",
    ],
)
def test_offsets_map_every_cleaned_character_back_to_the_same_character(raw):
    source = source_from_text(raw)
    for i, ch in enumerate(source.text):
        if ch in "，：；（）？！“”《》":
            continue  # punctuation is unified one for one, a doubled title mark to its first
        assert source.raw[source.offsets.to_source(i)] == ch


@pytest.mark.parametrize(
    "raw, expected",
    [
        # a page's text scraped without a parser keeps its character references
        (
            "&nbsp;&nbsp;2023年，我镇坚持发展&ldquo;枫桥经验&rdquo;。",
            "2023年，我镇坚持发展“枫桥经验”。",
        ),
        ("落实行政执法&#8220;三项制度&#x201D;。", "落实行政执法“三项制度”。"),
        # a site that escaped its text twice
        ("开展&amp;ldquo;法治护航&amp;rdquo;行动。", "开展“法治护航”行动。"),
        ("办结率&gt;95%，R&amp;D投入。", "办结率>95%，R&D投入。"),
        # a name HTML does not define, and an ampersand alone, stay as written
        ("青禾&qinghe;镇，A&B公司。", "青禾&qinghe；镇，A&B公司。"),
    ],
)
def test_character_references_are_decoded(raw, expected):
    source = source_from_text(raw)
    assert source.text == expected
    for i, ch in enumerate(source.text):
        if ch in "“”>&":  # a decoded character points at its reference's first character
            assert source.raw[source.offsets.to_source(i)] in (ch, "&")


def test_html_reduced_to_article_without_chrome(tmp_path):
    page = """<html><head><title>青禾镇2023年法治政府建设年度报告</title>
    <script>var x = "<p>脚本不是正文</p>";</script><style>p{color:red}</style></head>
    <body><nav><a href="/">首页</a><a>政务公开</a></nav>
    <div class="breadcrumb">您当前所在位置: 首页&gt;年度报告</div>
    <div class="article"><h1>青禾镇2023年法治政府建设年度报告</h1>
    <p>一、主要举措和成效</p><p>全面落实合法性审查，&lt;b&gt;不是标签&lt;/b&gt;。</p></div>
    <footer>版权所有 青禾镇人民政府</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    source = read_report(path)
    assert "合法性审查" in source.text
    assert "<b>不是标签</b>" in source.text
    for chrome in ("脚本不是正文", "政务公开", "版权所有", "您当前所在位置", "color:red"):
        assert chrome not in source.text
    assert source.meta_value("page_title") == "青禾镇2023年法治政府建设年度报告"


def test_seed_cleaning_repairs_split_words(seed_files):
    by_name = {p.name: read_report(p) for p in seed_files}
    fenggang = next(s for name, s in by_name.items() if "凤岗镇" in s.text[:40])
    for word in (
        "集体学法制度",
        "第一责任人职责",
        "信息公开",
        "清理出行政规范性文件40件",
        "执行力",
    ):
        assert word in fenggang.text
    for source in by_name.values():
        assert "扫一扫在手机打开当前页" not in source.text
        assert "访问量" not in source.text


# --- damaged input kept with a warning, never lost (issue 7) ---------------------------------


@pytest.mark.parametrize(
    "data, encoding, warning",
    [
        (
            SAMPLE.encode("utf-8")[:-2],
            "utf-8",
            "1 undecodable byte sequence(s) replaced",
        ),  # cut mid-character
        (
            SAMPLE.encode("utf-8") + b"\xff" + SAMPLE.encode("utf-8") * 600,
            "utf-8",
            "1 undecodable",
        ),  # stray byte
        (
            b"\xff\xfe" + SAMPLE.encode("utf-16-le") + b"\x00\xd8" + "法治".encode("utf-16-le"),
            "utf-16",
            "1 undecodable",
        ),  # lone surrogate
        (SAMPLE.encode("gb18030"), "gb18030", None),
    ],
)
def test_damaged_bytes_are_replaced_with_a_warning(data, encoding, warning):
    from kg.ingest.read import decode_with_warnings

    text, name, meta = decode_with_warnings(data, "x.txt")
    assert name == encoding and "合法性审查" in text
    assert (warning in " ".join(meta.values())) if warning else meta == {}


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("法治\x00\x01政府\x7f建设\x85", "法治政府建设"),
        ("法治\ufffe政府\uffff", "法治政府"),
    ],
)
def test_control_characters_are_dropped(raw, expected):
    assert source_from_text(raw).text == expected


def test_deeply_nested_html_is_linear_and_does_not_overflow_the_stack():
    from kg.ingest.html import html_to_text

    depth = 20000
    page = (
        "<html><body>"
        + '<div class="content">' * depth
        + "法治政府建设"
        + "</div>" * depth
        + "</body></html>"
    )
    text, _ = html_to_text(page)
    assert text == "法治政府建设"


def _page(head: str) -> str:
    return (
        f"<html><head>{head}</head><body><div class='article'><p>{SAMPLE}</p></div></body></html>"
    )


@pytest.mark.parametrize(
    "head, expected",
    [
        # the three fields a government site's article page carries
        (
            '<title>报告_青禾县人民政府</title><meta name="ArticleTitle" content="青禾镇年度报告">'
            '<meta name="PubDate" content="2026-01-20 09:30">'
            '<meta name="ContentSource" content="青禾镇人民政府">',
            {
                "page_title": "青禾镇年度报告",
                "published": "2026-01-20",
                "page_source": "青禾镇人民政府",
                "page_site": "青禾县人民政府",
            },
        ),
        # the site's own SiteName field wins over the <title>'s last part
        (
            '<title>青禾镇年度报告 - 江南省人民政府</title><meta name="SiteName" content="青禾县人民政府">',
            {"page_title": "青禾镇年度报告 - 江南省人民政府", "page_site": "青禾县人民政府"},
        ),
        # names in any case, dates written with slashes or in Chinese, values' white space
        (
            '<META NAME="pubdate" CONTENT="2025/3/5"><meta name="contentsource" content=" 青禾县  司法局 ">',
            {"published": "2025-03-05", "page_source": "青禾县 司法局"},
        ),
        ('<meta name="PubDate" content="2024年12月30日">', {"published": "2024-12-30"}),
        # no date, an impossible date, an empty or a megabyte value: nothing
        ('<meta name="PubDate" content="近日"><meta name="ContentSource" content="">', {}),
        ('<meta name="PubDate" content="2025-13-40">', {}),
        (f'<meta name="ContentSource" content="{"镇" * 100_000}">', {}),
        # the first of two fields wins; other meta tags are not read
        (
            '<meta name="ContentSource" content="青禾镇"><meta name="ContentSource" content="云溪镇">'
            '<meta name="Keywords" content="法治"><meta name="description" content="x">',
            {"page_source": "青禾镇"},
        ),
        # no ArticleTitle: the <title> is the page's title
        ("<title>青禾镇年度报告</title>", {"page_title": "青禾镇年度报告"}),
    ],
    ids=["all", "site", "case", "chinese-date", "no-date", "bad-date", "huge", "first", "title"],
)
def test_html_meta_fields_are_read(head, expected):
    from kg.ingest.html import html_to_text

    text, meta = html_to_text(_page(head))
    assert meta == expected
    assert text == SAMPLE


def test_html_meta_fields_give_the_unit_and_date(tmp_path):
    from kg.ingest.structure import structure

    path = tmp_path / "page.html"
    path.write_text(
        _page(
            '<meta name="PubDate" content="2026-02-03 10:00">'
            '<meta name="ContentSource" content="中共青禾县委云溪镇委员会 青禾县云溪镇人民政府">'
        ).replace(SAMPLE, "法治政府建设情况报告</p><p>今年以来，我镇依法行政，我镇" + SAMPLE),
        "utf-8",
    )
    doc = structure(read_report(path))
    assert (doc.unit.name, doc.unit.source, doc.published) == ("云溪镇", "metadata", "2026-02-03")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("索 引 号：113708120042347000/2026-00508", "113708120042347000/2026-00508"),
        (
            "索引号 | 11370812004322138J/2026-00538 | 公开方式 主动公开",
            "11370812004322138J/2026-00538",
        ),
        ("索 引 号:370481/2026-00158", "370481/2026-00158"),
        ("索引号: pbxxhxrmzf/2026-00001", "pbxxhxrmzf/2026-00001"),
        # the value on the line below its label (a table's cells)
        ("索引号：\n11350426003690000X/2026-00012", "11350426003690000X/2026-00012"),
        # a label without a value, or no label: nothing
        ("索引号：", None),
        ("索引号：\n公开方式：主动公开", None),
        ("检索号码：123456", None),
    ],
)
def test_index_number_is_read_from_the_page_fields(line, expected):
    source = source_from_text(f"{line}\n青禾镇2025年法治政府建设年度报告\n{SAMPLE}")
    assert source.meta_value("index_number") == expected


def test_html_index_number_outside_the_article_is_read(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><div class='info'><table><tr><td>索引号：</td>"
        "<td>11350426003690000X/2026-00012</td></tr></table></div>"
        f"<div class='article'><p>{SAMPLE}</p></div></body></html>",
        "utf-8",
    )
    source = read_report(path)
    assert source.text == SAMPLE
    assert source.meta_value("index_number") == "11350426003690000X/2026-00012"


@pytest.mark.parametrize(
    "head, expected",
    [
        # the page's canonical address, or its Open Graph one
        (
            '<link rel="canonical" href="http://www.xuwen.gov.cn/xxgk/post_1.html">',
            "http://www.xuwen.gov.cn/xxgk/post_1.html",
        ),
        (
            '<meta property="og:url" content="https://www.fjyx.gov.cn/a/t2.htm">',
            "https://www.fjyx.gov.cn/a/t2.htm",
        ),
        # what a browser writes when it saves a page, and what SingleFile writes
        (
            "<!-- saved from url=(0032)http://www.bjmy.gov.cn/t3.html -->",
            "http://www.bjmy.gov.cn/t3.html",
        ),
        (
            "<!--\n Page saved with SingleFile\n url: http://www.liujiang.gov.cn/x.shtml\n-->",
            "http://www.liujiang.gov.cn/x.shtml",
        ),
        # the first address wins
        (
            '<link rel="canonical" href="http://a.gov.cn/1.html"><meta property="og:url" content="http://b.gov.cn/2.html">',
            "http://a.gov.cn/1.html",
        ),
        # a relative address, a script, another link, an overlong address: none
        ('<link rel="canonical" href="/xxgk/post_1.html">', None),
        ('<meta property="og:url" content="javascript:void(0)">', None),
        ('<link rel="stylesheet" href="http://www.xuwen.gov.cn/a.css">', None),
        (f'<link rel="canonical" href="http://www.xuwen.gov.cn/{"a" * 600}">', None),
    ],
    ids=[
        "canonical",
        "og",
        "saved-from",
        "singlefile",
        "first",
        "relative",
        "script",
        "other",
        "long",
    ],
)
def test_html_page_address_is_read(head, expected):
    from kg.ingest.html import html_to_text

    text, meta = html_to_text(_page(head))
    assert meta.get("page_url") == expected
    assert text == SAMPLE


@pytest.mark.parametrize(
    "lines, expected",
    [
        # labelled, on any line; the colon after the scheme full-width or not
        (
            "原文链接：http://www.xuwen.gov.cn/xxgk/post_1.html\n",
            "http://www.xuwen.gov.cn/xxgk/post_1.html",
        ),
        ("网址: https://www.fjyx.gov.cn/t2.htm\n", "https://www.fjyx.gov.cn/t2.htm"),
        ("URL：http：//www.bjmy.gov.cn:8080/t3.html\n", "http://www.bjmy.gov.cn:8080/t3.html"),
        # bare, as a copy of the address bar at the top
        ("http://www.liujiang.gov.cn/x.shtml\n", "http://www.liujiang.gov.cn/x.shtml"),
        # the site's host alone under its name
        ("青禾县人民政府\nwww.qinghe.gov.cn\n", "http://www.qinghe.gov.cn"),
        # an address inside a sentence, or a bare one under the report's opening: none
        ("青禾镇政府网站（http://www.qinghe.gov.cn）公开信息。\n", None),
        ("一\n二\n三\nhttp://www.liujiang.gov.cn/x.shtml\n", None),
    ],
    ids=["label", "ascii-colon", "url-label", "bare", "host", "in-sentence", "bare-below"],
)
def test_text_page_address_is_read_and_dropped(lines, expected):
    source = source_from_text(f"{lines}{SAMPLE}")
    assert source.meta_value("page_url") == expected
    assert (expected is None) or "http" not in source.text


def test_html_cut_short_is_read_with_a_warning(tmp_path):
    from kg.ingest.read import issues_of

    path = tmp_path / "cut.html"
    path.write_text("<html><body><div class='article'><p>" + SAMPLE + "</p><p>二、存在", "utf-8")
    source = read_report(path)
    assert "合法性审查" in source.text
    assert ("warning", "HTML page ends without </html> (truncated download?)") in issues_of(source)


def test_fifo_is_refused_not_waited_on(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_report(tmp_path / "pipe.txt")


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "（三）化解矛盾\n一是深化网格\n\n化管理。全街道划分网格52个。",
            "（三）化解矛盾\n一是深化网格化管理。全街道划分网格52个。",
        ),
        ("加强队伍建设\n\n度，深入学习了宪法。", "加强队伍建设度，深入学习了宪法。"),
        (
            "强化基层基础推进社会治理\n\n强化基层基础设施建设，提供优质服务。",
            "强化基层基础推进社会治理\n强化基层基础设施建设，提供优质服务。",
        ),
        # the addressee under a title opens like a cut word (区委、) and is none
        (
            "2020年法治政府建设年度情况报告\n区委、区政府：\n2020年，街道依法行政。",
            "2020年法治政府建设年度情况报告\n区委、区政府：\n2020年，街道依法行政。",
        ),
        # ... nor the committee opening the paragraph under a numbered heading
        (
            "一、强化统筹领导，扛稳法治政府建设主体责任\n区委、区政府主要领导高度重视法治建设。",
            "一、强化统筹领导，扛稳法治政府建设主体责任\n区委、区政府主要领导高度重视法治建设。",
        ),
    ],
)
def test_short_lines_join_only_when_the_next_line_is_a_cut_word(raw, expected):
    assert source_from_text(raw).text == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        # One field a line (a village committee's members): each value stays on its line.
        (
            "村党支部书记：张某\n村委会主任：李某\n委员：王某、赵某\n会议指出，要依法办事。",
            "村党支部书记：张某\n村委会主任：李某\n委员：王某、赵某\n会议指出，要依法办事。",
        ),
        # A news headline after its place, then the story.
        (
            "青禾：召开法治建设推进会\n3月2日，青禾镇召开会议。",
            "青禾：召开法治建设推进会\n3月2日，青禾镇召开会议。",
        ),
        # A field under a heading stays on its line, though it opens like a cut word's tail.
        (
            "青禾村新一届村委会成员名单\n主任：李某\n委员：王某、赵某",
            "青禾村新一届村委会成员名单\n主任：李某\n委员：王某、赵某",
        ),
        # A sentence cut at a break is still joined, a colon in it too.
        (
            "会议要求：全镇上下要深入学习贯彻宪法，切实提高\n依法行政能力。",
            "会议要求：全镇上下要深入学习贯彻宪法，切实提高依法行政能力。",
        ),
    ],
)
def test_a_line_of_one_field_is_never_joined_to_the_next(raw, expected):
    assert source_from_text(raw).text == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        # A line never opens with a mark that closes: the break before it is a copy's line end.
        (
            "落实行政执法三项制度，严格规范执法程序\n，主动接受人大监督。",
            "落实行政执法三项制度，严格规范执法程序，主动接受人大监督。",
        ),
        (
            "认真执行《重大行政决策程序暂行条例\n》，严格履行法定程序。",
            "认真执行《重大行政决策程序暂行条例》，严格履行法定程序。",
        ),
        # A bracket the line's end cut goes on below; a ） far from a （ left open opens a
        # heading whose （三 was lost.
        (
            "组织村（居\n）委会成员集中学法3次。",
            "组织村（居）委会成员集中学法3次。",
        ),
        (
            "各村（居务公开栏按季更新，群众意见全部得到答复，镇里的规范性文件均已备案\n）加强普法宣传",
            "各村（居务公开栏按季更新，群众意见全部得到答复，镇里的规范性文件均已备案\n）加强普法宣传",
        ),
        # A line ending in a comma or an enumeration mark goes on below.
        (
            "二是组织干部学习宪法、民法典、\n行政处罚法。",
            "二是组织干部学习宪法、民法典、行政处罚法。",
        ),
        # A numbered heading whose paragraph runs on after its full stop, cut at the line's end.
        (
            "（二）强化学习。镇党委理论学习中心组把习近平法\n治思想作为重点内容。",
            "（二）强化学习。镇党委理论学习中心组把习近平法治思想作为重点内容。",
        ),
        (
            "1.规范决策程序。认真贯彻《青禾镇重大行政决策\n规则》。",
            "1.规范决策程序。认真贯彻《青禾镇重大行政决策规则》。",
        ),
        # A heading alone, a comma inside it, stays above its paragraph.
        (
            "（一）加强组织领导，健全工作机制\n镇党委高度重视法治建设。",
            "（一）加强组织领导，健全工作机制\n镇党委高度重视法治建设。",
        ),
        # A line ending in 和 or 及 is cut there, even a title's over a short line; a heading
        # and a bulleted heading over their paragraphs stay.
        (
            "青禾镇2023年度法治政府建设工作总结和\n2024年工作打算\n2023年，青禾镇依法行政。",
            "青禾镇2023年度法治政府建设工作总结和2024年工作打算\n2023年，青禾镇依法行政。",
        ),
        (
            "组织干部学习宪法及\n民法典。",
            "组织干部学习宪法及民法典。",
        ),
        (
            "• 强化组织领导，落实第一责任人职责\n\n镇党委专题研究法治建设4次。",
            "•强化组织领导，落实第一责任人职责\n镇党委专题研究法治建设4次。",
        ),
    ],
)
def test_a_sentence_cut_at_a_line_end_is_joined(raw, expected):
    assert source_from_text(raw).text == expected


# --- files that are not files (issue 12) ---------------------------------------------------------


def test_fifo_and_devices_are_refused_without_waiting(tmp_path):
    import os
    import time

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    start = time.monotonic()
    for path, kind in ((fifo, "FIFO"), (zero, "character device"), (tmp_path, "folder")):
        with pytest.raises(InputError, match=f"not a regular file \\(a {kind}\\)"):
            read_report(path)
    assert time.monotonic() - start < 2


def test_files_over_the_size_limit_are_not_read(tmp_path, monkeypatch):
    import kg.ingest.read

    monkeypatch.setattr(kg.ingest.read, "MAX_FILE_SIZE", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="file too large"):
        read_report(big)


@pytest.mark.parametrize(
    "lines, expected",
    [
        # a trail after 首页, under a location label on a line of its own
        (
            "您现在所在的位置 :\n首页 > 尤溪县人民政府门户网站 > 专题专栏 > 2025年\n",
            "尤溪县人民政府门户网站 > 专题专栏 > 2025年",
        ),
        ("您当前的位置：首页>区司法局>政务公开\n", "区司法局>政务公开"),
        ("您当前位置: 首页/政务公开/法治政府建设年报/区政府\n", "政务公开/法治政府建设年报/区政府"),
        ("网站首页 / 信息公开 / 青禾镇\n", "信息公开 / 青禾镇"),
        # a location label with no 首页
        ("当前位置：乡镇>青禾镇人民政府>政务公开\n", "乡镇>青禾镇人民政府>政务公开"),
        # a sentence that speaks of a homepage is no trail, and stays
        ("在镇政府网站首页开设法治专栏。\n", None),
    ],
    ids=["label-line", "label-colon", "short-label", "site-home", "no-home", "sentence"],
)
def test_the_trail_of_links_is_read_and_dropped(lines, expected):
    source = source_from_text(f"{lines}{SAMPLE}")
    assert source.meta_value("page_trail") == expected
    assert ("首页" in source.text) == (expected is None)
    assert "位置" not in source.text


@pytest.mark.parametrize(
    "raw, expected",
    [
        # a mirror page glosses characters with their pinyin: the glosses go
        (
            "青禾镇(zhèn)党委副书记、镇(zhèn)长李明主持学(xué)习(xí)会议。",
            "青禾镇党委副书记、镇长李明主持学习会议。",
        ),
        # ... and so do the glosses without a tone mark on such a page
        ("法治建(jiàn)设(shè)的(de)实(shí)施。", "法治建设的实施。"),
        # a bracketed letter or two in another text stays, and a place's name in pinyin
        ("方式(a)和方法(b)。", "方式（a）和方法（b）。"),
        ("学(xué)习。", "学（xué）习。"),
    ],
    ids=["glossed", "untoned-on-glossed-page", "letters", "one-gloss"],
)
def test_pinyin_glosses_of_a_mirror_page_are_dropped(raw, expected):
    assert source_from_text(raw).text == expected
