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

import contextlib
import io
import logging
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from kg.errors import InputError

if TYPE_CHECKING:
    import pypdf
    from docx.oxml.text.paragraph import CT_P

__all__ = [
    "DOCX_SUFFIXES",
    "MAX_DOCX_PARTS",
    "MAX_DOCX_UNPACKED",
    "MAX_DOCX_XML",
    "MAX_PARSE_SECONDS",
    "MAX_PDF_PAGES",
    "PDF_SUFFIXES",
    "REFUSED_SUFFIXES",
    "deadline",
    "docx_text",
    "pdf_text",
]

DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
#: Formats recognised only to refuse them with a useful fix.
REFUSED_SUFFIXES = {
    ".doc": "old binary Word .doc format is not supported",
    ".wps": "WPS .wps format is not supported",
}
# Fewer non-space characters than this on a page: treated as a page without a text layer.
_MIN_PAGE_CHARS = 10

# Limits that keep a hostile file from exhausting memory or time; each is far above
# what a real report needs (BENCHMARKS.md, "Hostile input").
#: Bytes a .docx may hold once unpacked, all parts together (the 64 MB read limit
#: counts compressed bytes; a 2.8 MB zip bomb unpacked to 14 GB).
MAX_DOCX_UNPACKED = 256 * 2**20
#: Bytes of XML parts a .docx may hold unpacked: parsed XML takes ten times its size.
MAX_DOCX_XML = 64 * 2**20
#: Parts (zip members) a .docx may have.
MAX_DOCX_PARTS = 10_000
#: Pages a PDF may have (reports have a few dozen; 4.6 KB can declare 99,225).
MAX_PDF_PAGES = 1_000
#: Seconds reading one .docx or PDF may take.
MAX_PARSE_SECONDS = 60.0


class _TimeUp(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float, path: str, what: str) -> Iterator[None]:
    """Stop the block with an :class:`InputError` once it has run ``seconds``.

    Uses ``SIGALRM``, so it works in a process's main thread (a build's serial
    run and its worker processes); elsewhere the block runs without a limit.
    An enclosing deadline keeps running and still fires on time.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def time_up(signum: int, frame: FrameType | None) -> NoReturn:
        raise _TimeUp

    time_up.kg_deadline = True  # type: ignore[attr-defined]
    start = time.monotonic()
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    outer_handler = signal.signal(signal.SIGALRM, time_up)
    outer_first = bool(outer_left) and outer_left <= seconds
    signal.setitimer(signal.ITIMER_REAL, outer_left if outer_first else seconds)
    outer_expired = False
    try:
        yield
    except _TimeUp:
        if outer_first and getattr(outer_handler, "kg_deadline", False):
            outer_expired = True
            raise  # the enclosing deadline's time is up: it reports
        raise InputError(
            path, f"{what} took longer than {seconds:g} s", "convert it to text, or split it"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_left and not outer_expired:
            left = outer_left - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6))


def docx_text(data: bytes, path: str = "<docx>") -> tuple[str, dict[str, str]]:
    """Paragraph and table text of a .docx file, one block per line, in document order."""
    # Only .docx and .pdf files need these libraries; a build of text files never loads them.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        _check_docx_size(data, path)
        with deadline(MAX_PARSE_SECONDS, path, "reading the .docx"):
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


def _check_docx_size(data: bytes, path: str) -> None:
    """Refuse a .docx whose parts unpack past the limits, before anything is unpacked.

    The sizes come from the zip's directory; :mod:`zipfile` stops a member at its
    stated size (and fails the checksum), so a member cannot unpack to more.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_DOCX_PARTS:
            raise InputError(
                path,
                f"not a report .docx: {len(members):,} parts (at most {MAX_DOCX_PARTS:,})",
                "open and re-save it in Word",
            )
        unpacked = sum(m.file_size for m in members)
        xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
        if unpacked > MAX_DOCX_UNPACKED or xml > MAX_DOCX_XML:
            raise InputError(
                path,
                f".docx unpacks to {unpacked / 2**20:,.0f} MB ({xml / 2**20:,.0f} MB of XML) "
                f"from {len(data) / 2**20:,.1f} MB: more than the {MAX_DOCX_UNPACKED // 2**20} MB "
                f"({MAX_DOCX_XML // 2**20} MB of XML) read (a zip bomb?)",
                "save the report as text or PDF",
            )


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _paragraph_text(paragraph: CT_P) -> str:
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
        with deadline(MAX_PARSE_SECONDS, path, "reading the PDF"):
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    reader.decrypt("")
                except Exception as exc:  # pypdf raises several types for a wrong password
                    raise InputError(
                        path, "PDF is encrypted with a password", "save an unprotected copy"
                    ) from exc
            _check_page_count(reader, path)
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


def _check_page_count(reader: pypdf.PdfReader, path: str) -> None:
    """Refuse a PDF of more than :data:`MAX_PDF_PAGES` pages, counted without unfolding them.

    The page tree is walked node by node (pypdf would first list every page, and a
    few kilobytes of shared subtrees can stand for millions), and the walk stops
    as soon as the limit is passed.
    """
    # Only PDFs need pypdf; a build of text files never loads it.
    from pypdf.generic import ArrayObject, DictionaryObject

    # pypdf types every trailer entry as the base PdfObject; /Root is a dictionary (an
    # indirect reference to one resolves on indexing).
    root = reader.trailer["/Root"]["/Pages"].get_object()  # type: ignore[index]
    pages, visited, stack = 0, 0, [root]
    while stack:
        node = stack.pop()
        visited += 1
        kids = node.get("/Kids") if isinstance(node, DictionaryObject) else None
        if kids is None:
            pages += 1
        else:
            kids = kids.get_object()
            if isinstance(kids, ArrayObject):
                stack.extend(kid.get_object() for kid in kids)
        if pages > MAX_PDF_PAGES or visited > 4 * MAX_PDF_PAGES:
            declared = root.get("/Count", "?")
            raise InputError(
                path,
                f"PDF of more than {MAX_PDF_PAGES:,} pages (it declares {declared}); "
                "reports have a few dozen",
                "split it, or extract the report's pages",
            )


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
