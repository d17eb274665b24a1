"""Text from Word (.docx) and PDF reports; the text layer only, no OCR.

Government sites publish many reports as attachments.  ``.docx`` files are
read with python-docx (paragraphs and table cells in document order); PDFs
with pypdf, page by page.  A PDF whose pages carry no text (a scan) is
refused with a reason that says so, because fazhi-kg does no OCR; a PDF
where only some pages have text is read, with a warning naming the pages.
The old binary ``.doc`` format is refused with the fix (save as .docx).

Warnings travel in the returned metadata under keys starting ``warning:``
(see :func:`kg.ingest.read.warnings_of`).

Examples
--------
>>> import io, docx
>>> d = docx.Document(); _ = d.add_paragraph("青禾镇2023年法治政府建设情况报告")
>>> buf = io.BytesIO(); d.save(buf)
>>> docx_text(buf.getvalue(), "r.docx")
('青禾镇2023年法治政府建设情况报告', {})
"""

from __future__ import annotations

import io
import logging
import zipfile

from kg.errors import InputError

DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
#: Formats recognised only to refuse them with a useful fix.
REFUSED_SUFFIXES = {
    ".doc": "old binary Word .doc format is not supported",
    ".wps": "WPS .wps format is not supported",
}
# Fewer non-space characters than this on a page: treated as a page without a text layer.
_MIN_PAGE_CHARS = 10


def docx_text(data: bytes, path: str = "<docx>") -> tuple[str, dict[str, str]]:
    """Paragraph and table text of a .docx file, one block per line, in document order."""
    # Only .docx and .pdf files need these libraries; a build of text files never loads them.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(
            path,
            f"not a readable .docx file (damaged or truncated download?): {exc}",
            "re-download it, or open and re-save it in Word",
        ) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(block))
        elif tag == "tbl":
            # Rows become lines, cells joined by a space: tables in reports hold figures.
            for row in block.iter(_w("tr")):
                cells = [_paragraph_text(p) for p in row.iter(_w("p"))]
                lines.append(" ".join(c for c in cells if c))
    return "\n".join(lines), {}


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(_w("t"), _w("tab"), _w("br")):
        parts.append(
            node.text or "" if node.tag == _w("t") else ("\t" if node.tag == _w("tab") else "\n")
        )
    return "".join(parts)


def pdf_text(data: bytes, path: str = "<pdf>") -> tuple[str, dict[str, str]]:
    """Text layer of a PDF, pages separated by blank lines.

    Raises
    ------
    InputError
        Damaged, encrypted, or without any text layer (scanned images).
    """
    # Only .docx and .pdf files need these libraries; a build of text files never loads them.
    import pypdf
    from pypdf.errors import PyPdfError

    # pypdf logs every oddity of real-world PDFs; the build reports problems itself.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for a wrong password
                raise InputError(
                    path, "PDF is encrypted with a password", "save an unprotected copy"
                ) from exc
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except InputError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        ZeroDivisionError,
    ) as exc:
        raise InputError(
            path, f"not a readable PDF (damaged or truncated download?): {exc}", "re-download it"
        ) from exc
    empty = [i for i, text in enumerate(pages, 1) if len("".join(text.split())) < _MIN_PAGE_CHARS]
    if len(empty) == len(pages):
        raise InputError(
            path,
            "PDF has no text layer (scanned pages?); fazhi-kg reads only the "
            "text layer and does no OCR",
            "run OCR on it first, or find the report's web page",
        )
    meta = {}
    if empty:
        meta["warning:pdf"] = (
            f"PDF pages without a text layer were left out: {_ranges(empty)} of {len(pages)}"
        )
    return "\n\n".join(pages), meta


def _ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``'1-3, 7'``.

    Examples
    --------
    >>> _ranges([1, 2, 3, 7, 9, 10])
    '1-3, 7, 9-10'
    """
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(f"{start}-{n}" if n != start else str(n))
            start = None
    return ", ".join(out)
