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
