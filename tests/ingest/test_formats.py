"""Word and PDF reports: text layer only, refusals with a reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from kg.errors import InputError
from kg.ingest.formats import docx_text, pdf_text
from kg.ingest.read import issues_of, read_report

TITLE = "关于青禾镇2023年度法治政府建设工作情况的报告"
BODY = (
    "一、主要举措和成效",
    "严格落实合法性审查制度，调解成功率达98.5%。",
    "二、存在的不足",
    "普法还未实现全覆盖。",
)


def make_docx(lines=(TITLE, *BODY), table=(("指标", "数值"), ("调解成功率", "98.5%"))) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with the given lines per page (an empty list: a page with only a drawing)."""
    import matplotlib
    from matplotlib import font_manager

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    fonts = [
        f.name
        for f in font_manager.fontManager.ttflist
        if any(k in f.name for k in ("WenQuanYi", "Noto Sans CJK", "Noto Serif CJK"))
    ]
    if not fonts and any(pages):
        pytest.skip(
            "no Chinese font to draw a PDF text layer (.ci/run installs fonts-wqy-microhei)"
        )
    buffer = io.BytesIO()
    with (
        plt.rc_context({"pdf.fonttype": 42, "font.family": fonts[:1] or ["DejaVu Sans"]}),
        PdfPages(buffer) as pdf,
    ):
        for lines in pages:
            fig = plt.figure(figsize=(8, 11))
            for i, line in enumerate(lines):
                fig.text(0.05, 0.95 - 0.04 * i, line, fontsize=10)
            if not lines:
                fig.add_axes((0.1, 0.1, 0.8, 0.8)).plot([0, 1], [1, 0])  # a "scan": no text
                fig.axes[0].set_axis_off()
            pdf.savefig(fig)
            plt.close(fig)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order():
    text, meta = docx_text(make_docx())
    lines = text.split("\n")
    assert lines[:5] == [TITLE, *BODY]
    assert "调解成功率 98.5%" in lines
    assert meta == {}


def test_docx_read_as_a_report(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(make_docx())
    source = read_report(path)
    assert source.encoding == "docx"
    assert "合法性审查" in source.text and issues_of(source) == []


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 truncated",
        b"not a zip at all",
        lambda: make_docx()[:3000],  # truncated download
        lambda: _zip_without_document(),
    ],
)
def test_damaged_docx_is_refused_with_reason(data):
    data = data() if callable(data) else data
    with pytest.raises(InputError, match="not a readable .docx"):
        docx_text(data, "bad.docx")


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return buffer.getvalue()


def test_pdf_text_layer_is_read():
    text, meta = pdf_text(make_pdf([[TITLE, *BODY]]))
    assert TITLE in text and "合法性审查" in text
    assert meta == {}


# A report of our own: numbered headings run into their paragraphs, titles of laws long enough
# to be cut at a line's end.
PARAGRAPHS = (
    TITLE,
    "一、主要举措和成效",
    "（一）加强组织领导。镇党委书记切实履行推进法治建设第一责任人职责，认真贯彻《党政主要负责人"
    "履行推进法治建设第一责任人职责规定》，全年召开党委会专题研究法治建设工作4次。",
    "（二）规范重大行政决策。严格执行《重大行政决策程序暂行条例》，坚持公众参与、专家论证、风险评估、"
    "合法性审查和集体讨论决定，全年作出重大行政决策3项。",
    "（三）推进严格规范公正文明执法。全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核"
    "制度，聘请律师担任镇政府法律顾问，法律顾问参与审查合同21份。",
    "二、存在的不足",
    "普法宣传的针对性还不够强，基层执法人员的法律素养有待提高，执法案卷评查发现的问题整改还不够及时。",
)

# A report of short paragraphs: their first lines, two short of the width, outnumber the lines
# that fill it, and a line inside a paragraph holds no comma (…深入\n全镇各个村组…2万\n余份).
SHORT_PARAGRAPHS = (
    "关于2024年度法治政府建设情况的报告",
    "一、主要举措和成效",
    "（一）强化学法。镇党委会前学法12次，中心组专题学法4次。",
    "（二）规范决策。重大事项均经法律顾问审查，全年审查合同17份。",
    "（三）普法宣传。今年共组织法律明白人和人民调解员深入全镇各个村组和社区开展送法进村入户活动"
    "并发放宣传资料2万余份，覆盖群众3000余人次。",
    "二、存在的问题",
    "（一）学法形式较为单一，干部运用法治思维的能力有待提高。",
    "（二）执法人员数量不足，执法装备和信息化水平还不够高。",
    "三、下一步工作打算",
    "（一）完善学法制度，把法治教育纳入干部培训的必修课程。",
    "（二）配齐配强执法队伍，落实行政执法三项制度。",
    "青禾镇人民政府",
    "2025年1月10日",
)


def typeset(paragraphs: tuple[str, ...], width: int) -> list[str]:
    """The lines of a document set ``width`` characters a line, each paragraph indented by two
    ideographic spaces, as a PDF's text layer gives them; titles and headings on a line each."""
    lines: list[str] = []
    for paragraph in paragraphs:
        if "，" not in paragraph:
            lines.append(paragraph)
            continue
        rest = "\u3000\u3000" + paragraph
        while rest:
            lines.append(rest[:width])
            rest = rest[width:]
    return lines


@pytest.mark.parametrize(
    "paragraphs, width",
    [(PARAGRAPHS, width) for width in (24, 28, 30, 35)] + [(SHORT_PARAGRAPHS, 28)],
)
def test_text_set_to_a_width_reads_as_its_paragraphs(paragraphs, width):
    from kg.ingest.read import source_from_text

    assert source_from_text("\n".join(typeset(paragraphs, width))).text.split("\n") == list(
        paragraphs
    )


@pytest.mark.parametrize(
    "lines, expected",
    [
        # A heading too long for its line runs on into the next; the paragraph under it is
        # indented and stands apart, though the heading's last words end in no mark.
        (
            [
                "（一）深入学习贯彻习近平法治思想，推动法治建设第一责任",
                "人职责落实",
                "\u3000\u3000镇党委始终把学习贯彻习近平法治思想作为首要政治任",
                "务，全年召开党委会专题研究法治建设工作4次，组织领导干部",
                "集体学法6次，举办法治讲座2场，参加学法考试的干部达到了",
                "百分之百。",
                "（二）规范重大行政决策程序，严格落实合法性审查制度和法",
                "律顾问制度",
                "\u3000\u3000严格执行重大行政决策程序暂行条例，坚持公众参与、专家",
                "论证、风险评估、合法性审查和集体讨论决定，全年作出重大行",
                "政决策3项，法律顾问参与审查合同21份，提出法律意见30条。",
            ],
            [
                "（一）深入学习贯彻习近平法治思想，推动法治建设第一责任人职责落实",
                "镇党委始终把学习贯彻习近平法治思想作为首要政治任务，全年召开党委会专题研究法治建设"
                "工作4次，组织领导干部集体学法6次，举办法治讲座2场，参加学法考试的干部达到了百分之百。",
                "（二）规范重大行政决策程序，严格落实合法性审查制度和法律顾问制度",
                "严格执行重大行政决策程序暂行条例，坚持公众参与、专家论证、风险评估、合法性审查和集体"
                "讨论决定，全年作出重大行政决策3项，法律顾问参与审查合同21份，提出法律意见30条。",
            ],
        ),
    ],
)
def test_headings_set_to_a_width_stay_apart_from_their_paragraphs(lines, expected):
    from kg.ingest.read import source_from_text

    assert source_from_text("\n".join(lines)).text.split("\n") == expected


def test_a_pdf_set_28_characters_a_line_over_pages_reads_as_its_text(tmp_path):
    from kg.run.report import extract_report

    lines = typeset(PARAGRAPHS, 28)
    # two pages, each with its number at its foot, the page break inside a law's title
    pages = [[*lines[:4], "— 1 —"], [*lines[4:], "— 2 —"]]
    (tmp_path / "report.pdf").write_bytes(make_pdf(pages))
    (tmp_path / "report.txt").write_text("\n".join(PARAGRAPHS), encoding="utf-8")
    as_pdf, as_text = (
        {(m.type, m.key) for m in extract_report(tmp_path / name).mentions}
        for name in ("report.pdf", "report.txt")
    )
    assert as_pdf == as_text
    assert {key for kind, key in as_pdf if kind.value == "Law"} == {
        "党政主要负责人履行推进法治建设第一责任人职责规定",
        "重大行政决策程序暂行条例",
    }


def test_pdf_pages_without_text_are_named_in_a_warning(tmp_path):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf([[TITLE, *BODY], [], ["三、下一步工作打算", "推行法律顾问制度。"]]))
    source = read_report(path)
    assert "法律顾问" in source.text
    assert issues_of(source) == [
        ("warning", "PDF pages without a text layer were left out: 2 of 3")
    ]


@pytest.mark.parametrize(
    "data, reason",
    [
        (lambda: make_pdf([[], []]), "no text layer"),
        (b"%PDF-1.4\n garbage", "not a readable PDF"),
        (lambda: make_pdf([[TITLE]])[:400], "not a readable PDF"),
    ],
)
def test_pdf_without_text_or_damaged_is_refused(data, reason):
    data = data() if callable(data) else data
    with pytest.raises(InputError, match=reason):
        pdf_text(data, "scan.pdf")


def test_old_word_doc_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(InputError, match="save it as .docx"):
        read_report(path)


# --- hostile files (issue 12): bounded unpacking, pages and time --------------------------------


def zip_bomb_docx(unpacked: int) -> bytes:
    """A .docx whose document part unpacks to ``unpacked`` bytes from a few KB (zeros)."""
    good = zipfile.ZipFile(io.BytesIO(make_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in good.infolist():
            bomb.writestr(item, good.read(item))
        with bomb.open("word/padding.xml", "w") as member:
            chunk = b"\0" * 2**20
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def page_tree_pdf(fanout: int, depth: int) -> bytes:
    """A few KB of PDF whose page tree shares subtrees: ``fanout ** depth`` pages.

    fanout 315, depth 2 gives the 4.5 KB, 99,225-page PDF of the issue.
    """
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    number = 2
    for level in range(depth):
        kids = " ".join([f"{number + 1} 0 R"] * fanout)
        parent = f" /Parent {number - 1} 0 R" if level else ""
        count = fanout ** (depth - level)
        objects[number] = f"<< /Type /Pages /Kids [{kids}] /Count {count}{parent} >>".encode()
        number += 1
    content = b"BT /F1 12 Tf 10 50 Td (fazhi report page) Tj ET"
    objects[number] = (
        f"<< /Type /Page /Parent {number - 1} 0 R /MediaBox [0 0 100 100] "
        f"/Contents {number + 1} 0 R /Resources << /Font << /F1 {number + 2} 0 R >> >> >>"
    ).encode()
    objects[number + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    objects[number + 2] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (key, objects[key]))
    xref, size = out.tell(), max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    out.write(b"".join(b"%010d 00000 n \n" % offsets[k] for k in range(1, size)))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def test_zip_bomb_docx_is_refused_before_unpacking(monkeypatch):
    """A 2.8 MB .docx once unpacked to 14 GB: the limit counted compressed bytes."""
    import kg.ingest.formats

    monkeypatch.setattr(kg.ingest.formats, "MAX_DOCX_XML", 4 * 2**20)
    bomb = zip_bomb_docx(8 * 2**20)
    assert len(bomb) < 64 * 2**10
    with pytest.raises(InputError, match="zip bomb"):
        docx_text(bomb, "bomb.docx")
    docx_text(make_docx(), "fine.docx")  # an ordinary report is well inside


def test_many_part_docx_is_refused(monkeypatch):
    import kg.ingest.formats

    monkeypatch.setattr(kg.ingest.formats, "MAX_DOCX_PARTS", 5)
    with pytest.raises(InputError, match="parts"):
        docx_text(make_docx(), "parts.docx")


@pytest.mark.parametrize("fanout, depth", [(315, 2), (10, 6), (2, 30)])
def test_pdf_page_bombs_are_refused_at_once(fanout, depth):
    """4.5 KB standing for 99,225 pages (about an hour to read), or a million, or 2**30."""
    import time

    data = page_tree_pdf(fanout, depth)
    assert len(data) < 8 * 2**10
    start = time.monotonic()
    with pytest.raises(InputError, match="more than 1,000 pages"):
        pdf_text(data, "pages.pdf")
    assert time.monotonic() - start < 5


def test_small_page_tree_pdf_is_read():
    text, _ = pdf_text(page_tree_pdf(3, 2), "nine.pdf")
    assert text.count("fazhi report page") == 9


def test_reading_past_the_time_limit_is_skipped(monkeypatch):
    """A file the parser would work on for an hour stops at the limit with its reason."""
    import time

    import kg.ingest.formats

    monkeypatch.setattr(kg.ingest.formats, "MAX_PARSE_SECONDS", 0.5)
    real = kg.ingest.formats._check_page_count

    def slow(reader, path):
        real(reader, path)
        time.sleep(5)

    monkeypatch.setattr(kg.ingest.formats, "_check_page_count", slow)
    start = time.monotonic()
    with pytest.raises(InputError, match="took longer than 0.5 s"):
        pdf_text(page_tree_pdf(2, 1), "slow.pdf")
    assert time.monotonic() - start < 3


def test_nested_deadlines_keep_the_outer_one():
    import signal
    import time

    from kg.ingest.formats import deadline

    with pytest.raises(InputError, match="outer took longer than 0.3 s"):
        with deadline(0.3, "x", "outer"):
            with deadline(10, "x", "inner"):
                time.sleep(2)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with deadline(10, "x", "outer"):
        with pytest.raises(InputError, match="inner"):
            with deadline(0.2, "x", "inner"):
                time.sleep(2)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 5  # the outer one still runs
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
