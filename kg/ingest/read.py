"""Ingest: read a report file, decode it, reduce HTML to its text, clean it.

Cleaning keeps a map back to the decoded source, so every mention can cite
offsets in the file the user has.

Examples
--------
>>> src = source_from_text("凤岗镇 2023 年法治政府建设\\n\\n坚持和完善党委理论学习中心组学法，"
...                        "落实集体学法制\\n\\n度，深入学习")
>>> src.text
'凤岗镇2023年法治政府建设\\n坚持和完善党委理论学习中心组学法，落实集体学法制度，深入学习'
>>> i = src.text.index("度")
>>> src.raw[src.offsets.to_source(i)]
'度'
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import stat
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import numpy as np

from kg.chars import HAN
from kg.errors import InputError
from kg.ingest.formats import (
    DOCX_SUFFIXES,
    PDF_SUFFIXES,
    REFUSED_SUFFIXES,
    docx_text,
    pdf_text,
)
from kg.ingest.html import html_to_text, index_number, iso_date, web_address
from kg.ingest.textnorm import CharMap, to_simplified
from kg.model import OffsetMap, SourceText

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES
#: Prefixes of the metadata keys that carry problems of one file (see :func:`issues_of`):
#: a warning, or ``partial`` when part of the file was left out.
WARNING = "warning:"
PARTIAL = "partial:"
#: Bytes read from one file at most; the rest is left out (``partial``).
MAX_FILE_BYTES = 64 * 2**20
#: Files larger than this are not read at all (``skipped``): hashing one would take
#: longer than extracting a thousand reports.  Real reports are under 10 MB.
MAX_FILE_SIZE = 2**30
#: Characters of decoded text (after HTML reduction) kept at most.  Real
#: reports run 2,000-30,000 characters; extraction of 500,000 takes about
#: 15 s and 200 MB (BENCHMARKS.md), so a 50 MB file neither hangs a batch
#: nor exhausts memory, and the cut is reported.
MAX_TEXT_CHARS = 500_000
# Fewer traditional characters than this are left alone: a simplified report
# may quote a traditional name or two, and converting those only adds noise.
_MIN_TRADITIONAL = 3
# A strict decoding that fails only on a few bytes (a download cut mid-character,
# a stray byte) is accepted with replacements and a warning; more means wrong encoding.
_MAX_BAD_SHARE = 0.001
_SURROGATE = re.compile("[\ud800-\udfff]")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Share of characters that must be CJK, ASCII or common punctuation for a
# decoding to count as text; binary junk decoded as GB18030 falls far below.
_MIN_PLAUSIBLE = 0.97


def read_report(path: str | Path) -> SourceText:
    """Read one report file into a cleaned :class:`SourceText`.

    Parameters
    ----------
    path : str or Path
        A ``.txt`` (UTF-8, UTF-8 with BOM, UTF-16/32 with BOM, GB18030/GBK),
        ``.html``, ``.docx`` or ``.pdf`` (text layer only) report.

    Raises
    ------
    InputError
        The file is missing, unreadable, empty, binary, or in an encoding
        that cannot be determined; the message names the file and the fix.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise InputError(str(path), REFUSED_SUFFIXES[suffix], "save it as .docx, .pdf or .txt")
    data, sha256, size = _read_capped(path)
    meta: dict[str, str] = {}
    if size > len(data):
        if suffix in DOCX_SUFFIXES | PDF_SUFFIXES:
            raise InputError(
                str(path),
                f"file too large ({size / 2**20:.0f} MB; at most "
                f"{MAX_FILE_BYTES // 2**20} MB are read)",
                "split it or convert it to text",
            )
        meta[PARTIAL + "size"] = (
            f"file of {size / 2**20:.0f} MB: only the first {MAX_FILE_BYTES // 2**20} MB were read"
        )
    if suffix in DOCX_SUFFIXES:
        text, meta = docx_text(data, str(path))
        encoding = "docx"
    elif suffix in PDF_SUFFIXES:
        text, meta = pdf_text(data, str(path))
        encoding = "pdf"
    else:
        text, encoding, found = decode_with_warnings(data, str(path))
        meta.update(found)
        if suffix in HTML_SUFFIXES or _looks_like_html(text):
            if "</html" not in text[-4000:].lower() and "<html" in text[:4000].lower():
                meta[WARNING + "truncated"] = "HTML page ends without </html> (truncated download?)"
            text, found = html_to_text(text)
            meta.update(found)
    return source_from_text(text, str(path), encoding=encoding, sha256=sha256, meta=meta)


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading; refuse anything else without waiting on it.

    A FIFO would block a plain ``open`` for ever and a device (``/dev/zero``,
    perhaps behind a symbolic link) never ends: the file is opened without
    blocking and checked *after* opening (so it cannot be swapped in between),
    and a file over :data:`MAX_FILE_SIZE` is refused before a byte is read.

    Raises
    ------
    InputError
        Not a regular file, too large, or unreadable (the OS reason).
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(
            name, f"cannot read file: {exc.strerror or exc}", "check the path and its permissions"
        ) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                name,
                f"not a regular file ({_file_kind(info.st_mode)})",
                "pass report files or folders",
            )
        if info.st_size > MAX_FILE_SIZE:
            raise InputError(
                name,
                f"file too large ({info.st_size / 2**30:.1f} GiB; files over "
                f"{MAX_FILE_SIZE // 2**30} GiB are not read)",
                "split it, or convert the report to text",
            )
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def file_digest(path: str | Path) -> str:
    """SHA-256 of a regular file's bytes, read in chunks (:func:`open_regular`'s checks).

    Raises
    ------
    InputError
        As :func:`open_regular`, or a read error.
    """
    return _read_capped(Path(path), keep=0)[1]


def _read_capped(path: Path, keep: int | None = None) -> tuple[bytes, str, int]:
    """The first ``keep`` bytes (:data:`MAX_FILE_BYTES`) of a file, the SHA-256 of all of
    it, and its size.  At most :data:`MAX_FILE_SIZE` bytes are read, whatever the file claims.
    """
    digest = hashlib.sha256()
    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_FILE_BYTES if keep is None else keep)
            digest.update(data)
            size = len(data)
            while chunk := handle.read(2**20):
                digest.update(chunk)
                size += len(chunk)
                if size > MAX_FILE_SIZE:  # it grew while being read
                    raise InputError(
                        str(path),
                        f"file grew past {MAX_FILE_SIZE // 2**30} GiB while being read",
                        "read it once it is complete",
                    )
    except OSError as exc:
        raise InputError(
            str(path),
            f"cannot read file: {exc.strerror or exc}",
            "check the path and its permissions",
        ) from exc
    return data, digest.hexdigest(), size


def issues_of(source: SourceText) -> list[tuple[str, str]]:
    """``(category, reason)`` of what went wrong while reading a file, in a stable order.

    ``category`` is ``warning`` (converted or replaced characters, a likely
    truncated download, PDF pages without text) or ``partial`` (text left out).

    Examples
    --------
    >>> issues_of(source_from_text("關於青禾鎮法治政府建設的報告"))
    [('warning', '5 traditional characters converted to simplified')]
    """
    found = []
    for key, value in source.meta:
        for prefix in (WARNING, PARTIAL):
            if key.startswith(prefix):
                found.append((prefix[:-1], value))
    return found


def source_from_text(
    text: str,
    path: str = "<string>",
    *,
    encoding: str = "utf-8",
    sha256: str | None = None,
    meta: dict[str, str] | None = None,
) -> SourceText:
    """Clean already-decoded report text (for tests, notebooks and HTML).

    Examples
    --------
    >>> source_from_text("（一）加强组织领导,完善机制").text
    '（一）加强组织领导，完善机制'
    """
    if not text.strip():
        raise InputError(
            path,
            "file is empty or holds only white space",
            "remove it from the batch or re-download the report",
        )
    meta = dict(meta or {})
    if len(text) > MAX_TEXT_CHARS:
        # Cut at a line break so no sentence is split in two.
        cut = text.rfind("\n", 0, MAX_TEXT_CHARS)
        cut = cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS
        meta[PARTIAL + "length"] = (
            f"text of {len(text):,} characters: only the first {cut:,} "
            f"were read (limit {MAX_TEXT_CHARS:,})"
        )
        text = text[:cut]
    # Lone surrogates cannot be written as UTF-8 (Turtle, JSON, HTML would all
    # fail later); replace them one for one so offsets survive.
    text, bad = _SURROGATE.subn("\ufffd", text)
    if bad:
        meta[WARNING + "surrogates"] = f"{bad} lone surrogate code points replaced with U+FFFD"
    simplified, converted = to_simplified(text)
    if converted >= _MIN_TRADITIONAL:
        meta[WARNING + "traditional"] = (
            f"{converted} traditional characters converted to simplified"
        )
    else:
        simplified = text
    cleaned, index, found = clean(simplified)
    meta.update({k: v for k, v in found.items() if k not in meta})
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SourceText(
        path=path,
        raw=text,
        text=cleaned,
        offsets=_anchors(index),
        encoding=encoding,
        sha256=digest,
        meta=tuple(sorted(meta.items())),
    )


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes, refusing to guess when no encoding is plausible.

    Returns the text and the name of the encoding used.

    Examples
    --------
    >>> decode("法治政府".encode("gb18030"))
    ('法治政府', 'gb18030')
    """
    text, name, _ = decode_with_warnings(data, path)
    return text, name


def decode_with_warnings(data: bytes, path: str = "<bytes>") -> tuple[str, str, dict[str, str]]:
    """:func:`decode`, also returning warnings (as metadata) about bytes it had to replace.

    A file whose encoding is clear (a byte-order mark, or all but a few bytes
    valid) is kept, its bad bytes replaced by U+FFFD: losing a whole report
    to one stray byte or a download cut mid-character would lose good data.

    Examples
    --------
    >>> text, name, warnings = decode_with_warnings("法治政府建设".encode("utf-8")[:-1])
    >>> text, name, list(warnings.values())
    ('法治政府建\ufffd', 'utf-8', ['1 undecodable byte sequence(s) replaced with U+FFFD (truncated or damaged file?)'])
    """
    if not data.strip():
        raise InputError(
            path,
            "file is empty or holds only white space",
            "remove it from the batch or re-download the report",
        )
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data.decode(name, errors="replace").lstrip("\ufeff")
            bad = text.count("\ufffd") - data.decode(name, errors="ignore").count("\ufffd")
            if bad > _MAX_BAD_SHARE * len(text) + 1:
                raise InputError(
                    path,
                    f"starts with a {name} byte-order mark but is not valid {name}",
                    "re-save the file as UTF-8",
                )
            return text, name, _replaced(bad)
    if b"\x00" in data[:4096]:
        raise InputError(
            path, "binary content (NUL bytes), not a text report", "convert it to UTF-8 text first"
        )
    for name in ("utf-8", "gb18030"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, name, {}
    for name in ("utf-8", "gb18030"):
        text = data.decode(name, errors="replace")
        bad = text.count("\ufffd") - data.decode(name, errors="ignore").count("\ufffd")
        if bad <= _MAX_BAD_SHARE * len(text) + 1 and _plausible(text.replace("\ufffd", "")):
            return text, name, _replaced(bad)
    raise InputError(
        path,
        "encoding is neither UTF-8 nor GB18030/GBK, or the content is binary",
        "re-save the file as UTF-8",
    )


def _replaced(bad: int) -> dict[str, str]:
    if not bad:
        return {}
    return {
        WARNING + "encoding": f"{bad} undecodable byte sequence(s) replaced with U+FFFD "
        "(truncated or damaged file?)"
    }


_HAN_CHAR = re.compile(f"[{HAN}]")


def _plausible(text: str) -> bool:
    sample = text[:20000]
    odd = len(_NOT_TEXTY.findall(sample))  # one pass in C, not a Python test per character
    return odd <= (1 - _MIN_PLAUSIBLE) * max(len(sample), 1)


# Characters a decoded report is made of: printable ASCII and line breaks, CJK symbols and
# kana, Han, full-width forms, general punctuation, circled and Roman numerals, pinyin's
# vowels with tone marks (a page that spells its place names out: āáǎà … ǖǘǚǜ ü), and the
# no-break space, middle dot and multiplication sign.  Many others mean a wrong decoding.
_NOT_TEXTY = re.compile(
    r"[^\x20-\x7e\n\r\t\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
    r"\u2000-\u206f\xa0\xb7\xd7\u2460-\u24ff\u2160-\u217f"
    r"\u0101\xe1\u01ce\xe0\u0113\xe9\u011b\xe8\u012b\xed\u01d0\xec\u014d\xf3\u01d2\xf2"
    r"\u016b\xfa\u01d4\xf9\xfc\u01d6\u01d8\u01da\u01dc]"
)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


# --- cleaning -----------------------------------------------------------------


class _Edit:
    """Text being cleaned, with the source offset of every character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = np.arange(len(text), dtype=np.int64)

    def delete(self, spans: list[tuple[int, int]]) -> None:
        if not spans:
            return
        keep_text, keep_index, pos = [], [], 0
        for start, end in spans:
            keep_text.append(self.text[pos:start])
            keep_index.append(self.index[pos:start])
            pos = end
        keep_text.append(self.text[pos:])
        keep_index.append(self.index[pos:])
        self.text = "".join(keep_text)
        self.index = np.concatenate(keep_index)

    def delete_matches(self, pattern: re.Pattern[str], group: int = 0) -> None:
        self.delete(
            [m.span(group) for m in pattern.finditer(self.text) if m.end(group) > m.start(group)]
        )

    def replace_same_length(
        self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
    ) -> None:
        self.text = pattern.sub(repl, self.text)


_ONE_FOR_ONE = CharMap(
    str.maketrans(
        {
            "\u3000": " ",
            "\xa0": " ",
            "\t": " ",
            "\r": "\n",
            "\u202f": " ",
            "\u205f": " ",
            **{chr(c): " " for c in range(0x2000, 0x200B)},
            "(": "（",
            ")": "）",
            ";": "；",
            "?": "？",
            "!": "！",
            "【": "【",
            "〔": "〔",
            **{chr(0xFF10 + i): str(i) for i in range(10)},
            **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
            **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
            "．": ".",
            "％": "%",
            "－": "-",
            # middle dots typed as Japanese or hyphenation points (“4・15”, 平安·法治): one mark
            "\u30fb": "·",
            "\uff65": "·",
            "\u2027": "·",
        }
    )
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Control characters and non-characters: never text, and XML (RDF/XML, HTML
# exports) cannot hold them, so they must not reach a literal.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]+")
# A comma or colon not between digits.  Each pattern opens with its mark, so the engine skips
# to the marks; an opening look-behind, (?<!\d),|,(?!\d), was tried at every character.
_COMMA = re.compile(r",(?:(?<!\d,)|(?!\d))")
_COLON = re.compile(r":(?:(?<!\d:)|(?!\d))")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
_MD_BOLD = re.compile(r"\*\*|__(?:(?=\S)|(?<=\S__))")  # __ opens or closes: ends with a look-behind
_SPACE_RUN = re.compile(r" +")
_BLANK_RUN = re.compile(r"\n[ \n]*\n")
# The trail of links a page stands under (首页 > 海丰县人民政府门户网站 > 专题专栏 > …):
# what follows 首页 or the location label names the site and the folders that hold the page.
_TRAIL = re.compile(
    r"^(?:\S*位置\s*[:：]?\s*(?:网站)?(?:首页)?|(?:网站)?首页)\s*[>＞›»/]*\s*([^\s:：>＞›»/].*)$"
)
_DATE_META = re.compile(
    r"^(?:发布时间|发布日期|日期|时间)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
# ... or a publication field of a page's table of fields, anywhere in its line and without a
# colon (主题分类其它 发布日期2025-02-26): the line is kept, the date is the page's
_DATE_FIELD = re.compile(
    r"(?:发布时间|发布日期|著录时间|成文日期|生成日期)\s*[:：]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
# ... or a date and time written bare before the page's source (2026-01-13 17:00:00 来源:县司法局)
_DATED_SOURCE = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:信息)?来源\s*[:：]"
)

# A page's address on a line of its own, labelled or bare (https：//: colons are full-width
# by then); read as the page's (kg/extractors/web_address.py), the line dropped as chrome.
_ADDRESS_LINE = re.compile(
    r"((?:原文|本文|页面|文章|信息|来源)?(?:链接|地址|网址)|URL)?\s*[:：]?\s*(https?[:：]//\S{1,500})",
    re.I,
)
_BARE_ADDRESS_LINES = 3
# A site's host alone, without its scheme (www.jiangjin.gov.cn under the site's name).
_BARE_HOST = re.compile(
    r"(?:www\.)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.(?:gov\.cn|cn|com|net|org)", re.I
)


@cache
def _chrome_pattern() -> re.Pattern[str]:
    """Any line of ``data/web_chrome.txt``: one alternation, tried once at the start of a line
    instead of each pattern in turn."""
    lines = (
        resources.files("kg.ingest").joinpath("data/web_chrome.txt").read_text("utf-8").splitlines()
    )
    patterns = [line for line in lines if line and not line.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)")


def clean(text: str) -> tuple[str, np.ndarray, dict[str, str]]:
    """Clean decoded report text; return it, the source index of each char, and metadata.

    Steps: decode character references (&ldquo;); unify white space and punctuation one for
    one; drop zero-width and control characters, markdown bold and the pinyin a mirror site
    glosses each character with (学(xué)习(xí)); drop lines of web chrome (keeping a
    publication date they state and the trail of links the page stands under); break a line a
    page ran on from several where its breaks were; drop spaces inside Chinese text and
    numbers; repair words and sentences split across line breaks; collapse blank lines.
    """
    edit = _Edit(text)
    _decode_character_references(edit)
    edit.text = _ONE_FOR_ONE(edit.text)
    edit.replace_same_length(_COMMA, "，")
    edit.replace_same_length(_COLON, "：")
    edit.replace_same_length(_STRAIGHT_QUOTES, lambda m: f"“{m.group(1)}”")
    _unify_title_marks(edit)
    edit.delete_matches(_ZERO_WIDTH)
    edit.delete_matches(_CONTROL)
    edit.delete_matches(_MD_BOLD)
    _drop_pinyin_glosses(edit)
    meta = _drop_chrome(edit)
    if _break_run_on_lines(edit):
        # the chrome a page ran into its report's line stands in lines of its own now
        meta = _drop_chrome(edit) | meta
    edit.delete(_line_edge_spaces(edit.text))
    edit.delete(
        [
            m.span()
            for m in _SPACE_RUN.finditer(edit.text)
            if not _between_latin(edit.text, *m.span())
        ]
    )
    _join_split_words(edit)
    edit.delete([(m.start() + 1, m.end()) for m in _BLANK_RUN.finditer(edit.text)])
    edit.delete(_edge_newlines(edit.text))
    return edit.text, edit.index, meta


def _unify_title_marks(edit: _Edit) -> None:
    """Write the marks a page put around a title for want of 《》 as 《》: <<…>>, 〈…〉 and <…>
    (opening with a Chinese character), where no 《 is open before them.  Inside
    《》 they are the nested title's (《关于印发〈…〉的通知》), and stay.  A doubled mark becomes
    one, whose source offset is its first character's."""
    text = edit.text
    pieces, extra, pos = [], [], 0
    # (the title's pattern tried only where a mark stands: scanning with it costs ten times more)
    for mark in _TITLE_MARK.finditer(text):
        match = _ANGLE_TITLE.match(text, mark.start()) if mark.start() >= pos else None
        if match is None:
            continue
        start, end = match.span()
        reach = max(0, start - _LONGEST_TITLE)
        if text.rfind("《", reach, start) > text.rfind("》", reach, start):
            continue  # inside a title, though a line's end may cut it (…《广东\n省实施〈…〉办法》)
        width = 2 if text.startswith("<<", start) else 1
        # same length first (《<…》>), then the second character of each doubled mark dropped
        pieces += [
            text[pos:start],
            "《",
            text[start + 1 : end - width],
            "》",
            text[end - width + 1 : end],
        ]
        if width == 2:
            extra += [(start + 1, start + 2), (end - 1, end)]
        pos = end
    if pieces:
        edit.text = "".join(pieces) + text[pos:]
        edit.delete(extra)


_LONGEST_TITLE = 120  # characters: of a title, and of one another is nested in
_TITLE_MARK = re.compile("[<〈]")
# A title between marks other than 《》: <<…>> or 〈…〉 (any words but the marks), or <…> opening
# with a Chinese character (not a comparison: <10%).
_ANGLE_TITLE = re.compile(
    rf"<<[^<>《》\n]{{1,{_LONGEST_TITLE}}}>>|〈[^〈〉《》\n]{{1,{_LONGEST_TITLE}}}〉|"
    rf"(?<!<)<[{HAN}][^<>《》\n]{{0,{_LONGEST_TITLE - 1}}}>(?!>)"
)


def _decode_character_references(edit: _Edit) -> None:
    """Decode the character references a page's text kept when it was copied from its source or
    scraped without a parser (&nbsp;&nbsp;2023年，&ldquo;枫桥经验&rdquo;, &#8220;), or that a
    site escaped twice (&amp;ldquo;): the reference becomes its one character, whose source
    offset is the reference's first.  A name HTML does not define stays as written."""
    for _escaping in range(_ESCAPED_TIMES):
        found = []
        for match in _CHARACTER_REFERENCE.finditer(edit.text):
            char = html.unescape(match.group())
            if len(char) == 1:
                found.append((match.start(), match.end(), char))
        if not found:
            return
        pieces, pos = [], 0
        for start, _, char in found:
            pieces += [edit.text[pos:start], char]
            pos = start + 1
        edit.text = "".join(pieces) + edit.text[pos:]
        edit.delete([(start + 1, end) for start, end, _ in found])


_ESCAPED_TIMES = 2  # a page escaped twice is read; &amp;amp;… beyond that stays as written
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _break_run_on_lines(edit: _Edit) -> bool:
    """Start a new line at each run of spaces a page left where its line breaks were, in a line
    too long to be one paragraph (…报告如下： 一、主要举措及成效 （一）强化组织领导，…; its chrome,
    its title and its report run into one line), so that its chrome, title and parts are read;
    not at a single space beside a Latin letter or a digit (至少 3 次, GB 32100), as sentences
    write them, unless an addressee stands before it (区委、区政府： 2023年，…).  A break made
    inside a sentence is joined again by :func:`_join_split_words`.  Linear in the text: each
    run of spaces is looked at once.  Returns whether a line was broken."""
    text = edit.text
    runs = [
        (start, end)
        for start, end in map(re.Match.span, _SPACE_RUN.finditer(text))
        if 0 < start and end < len(text) and "\n" not in (text[start - 1], text[end])
    ]
    if not runs:
        return False
    breaks = [n.start() for n in _NEWLINE.finditer(text)]
    pieces, pos = [], 0
    for start, end in runs:
        k = bisect_right(breaks, start)
        line_start = breaks[k - 1] + 1 if k else 0
        line_end = breaks[k] if k < len(breaks) else len(text)
        if line_end - line_start <= _RUN_ON_LINE:
            continue
        # what the new line would hold, when short enough to be a heading's number or an
        # addressee (a longer one is neither, and is not copied)
        begins = max(line_start, pos)
        opening = text[begins:start] if start - begins <= _OPENING_REACH else ""
        in_sentence = end - start == 1 and (_is_latin(text[start - 1]) or _is_latin(text[end]))
        if _only_a_number(opening) or (in_sentence and not _SALUTATION.match(opening)):
            continue
        pieces += [text[pos:start], "\n", " " * (end - start - 1)]
        pos = end
    edit.text = "".join(pieces) + text[pos:]  # one for one: the source index stays
    return pos > 0


def _only_a_number(line: str) -> bool:
    """A heading's number and nothing else (1. or （一） before the spaces its text follows)."""
    number = NUMBERED_HEADING.match(line)
    return number is not None and number.end() == len(line)


def _is_latin(ch: str) -> bool:
    """A letter or digit of ASCII (False for the empty string at a text's edge)."""
    return ch.isascii() and ch.isalnum()


_NEWLINE = re.compile("\n")
_OPENING_REACH = 42  # characters: an addressee (区委、区政府：) is at most 41
# Characters: a line at least this long holds several paragraphs (a page that lost its line
# breaks), and is never one line of chrome, whose longest in the real corpus has 42.
_RUN_ON_LINE = 200


def _drop_pinyin_glosses(edit: _Edit) -> None:
    """Drop the pinyin in brackets after single characters (学(xué)习(xí), 镇(zhèn)长) on a
    page glossed so: one where at least ``_GLOSSED_PAGE`` of them carry a tone mark, so that
    a bracketed letter or two in another text (方式(a)) stays."""
    glosses = list(_PINYIN_GLOSS.finditer(edit.text))
    if sum(1 for m in glosses if _TONE_MARK.search(m.group())) >= _GLOSSED_PAGE:
        edit.delete([m.span() for m in glosses])


# A pinyin syllable in brackets right after a Han character, with its tone mark or none (the
# bracket first, the character behind it looked for from there: a pattern opening with the
# look-behind would be tried at every character).
_PINYIN_GLOSS = re.compile(rf"[(（](?<=[{HAN}][(（])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,6}}[)）]")
_TONE_MARK = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_GLOSSED_PAGE = 3


def _line_edge_spaces(text: str) -> list[tuple[int, int]]:
    """The runs of spaces that open or close a line, as ``^ +| +$`` (multi-line) finds them.

    Found among all runs: the engine skips to spaces, where ``^`` and ``$`` are tried at
    every character.
    """
    end = len(text)
    return [
        (start, stop)
        for start, stop in map(re.Match.span, _SPACE_RUN.finditer(text))
        if start == 0 or text[start - 1] == "\n" or stop == end or text[stop] == "\n"
    ]


def _edge_newlines(text: str) -> list[tuple[int, int]]:
    """The line breaks opening and closing the text, as ``^\\n+|\\n+$`` finds them."""
    lead = len(text) - len(text.lstrip("\n"))
    if lead == len(text):
        return [(0, lead)] if text else []
    spans = [(0, lead)] if lead else []
    trail = len(text) - len(text.rstrip("\n"))
    if trail:
        spans.append((len(text) - trail, len(text)))
    return spans


def _drop_chrome(edit: _Edit) -> dict[str, str]:
    meta: dict[str, str] = {}
    spans, pos = [], 0
    chrome = _chrome_pattern()
    if index := index_number(edit.text):
        meta["index_number"] = index
    for i, line in enumerate(edit.text.split("\n")):
        stripped = line.strip()
        date = _DATE_META.match(stripped)
        field = date or _DATE_FIELD.search(stripped) or _DATED_SOURCE.match(stripped)
        if field and "published" not in meta and (published := iso_date(*field.groups())):
            meta["published"] = published
        address = _page_address(stripped, i)
        if address and "page_url" not in meta:
            meta["page_url"] = address
        # a longer line that opens like chrome (来源：…, 首页 > …) is a page run onto one line
        short = 0 < len(stripped) <= _RUN_ON_LINE
        is_chrome = short and chrome.match(stripped) is not None
        if is_chrome and "page_trail" not in meta and (trail := _TRAIL.match(stripped)):
            meta["page_trail"] = trail.group(1)
        if short and (date or address or is_chrome):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    edit.delete(spans)
    return meta


def _page_address(line: str, number: int) -> str | None:
    """The web address a line gives as the page's: after a label (原文链接：, 网址：, URL:)
    on any line, or alone on one of the first three (a copied page's address bar, or the
    site's host under its name: www.jiangjin.gov.cn)."""
    if number < _BARE_ADDRESS_LINES and _BARE_HOST.fullmatch(line):
        return web_address("http://" + line.lower())
    match = _ADDRESS_LINE.fullmatch(line)
    if match is None or (match.group(1) is None and number >= _BARE_ADDRESS_LINES):
        return None
    # cleaning made the address's colons (after the scheme, before a port) full-width
    return web_address(match.group(2).replace("：", ":"))


def without_spaces(text: str) -> str:
    """``text`` without the spaces :func:`clean` drops from a report: all but those between
    Latin letters or digits (so a name written down from the source matches the cleaned text).

    >>> without_spaces("法治护卫 智创筑城"), without_spaces("12345 热线"), without_spaces("GB 32100")
    ('法治护卫智创筑城', '12345热线', 'GB 32100')
    """
    text = text.strip(" ")
    return _SPACE_RUN.sub(lambda m: m.group() if _between_latin(text, *m.span()) else "", text)


def _between_latin(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return _is_latin(before) and _is_latin(after)


_STOPS = "。！？；：…"
_CLOSING_QUOTES = "”’）」』"
_SENTENCE_END = _STOPS + _CLOSING_QUOTES
# Where a paragraph may end in text set to a width: a sentence's mark, and the quote or bracket
# closing around it (…依法行政。” ); a closing mark alone ends a quoted word inside a sentence.
_PARAGRAPH_END = re.compile(f"[{_STOPS}][{_CLOSING_QUOTES}]*$")
# Heading numbers: 一、 （一） 1. 1、 第一部分; a line opening with a lone ）
# is a heading whose "（二" was lost in conversion.
NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十\d]+）|\d+[、.．](?!\d)|"
    r"第[一二三四五六七八九十]+[部章节条]|）)"
)


def bulleted_heading(line: str) -> bool:
    """Whether a line (stripped) is short and opens with a bullet: a part's heading where a
    page wrote the part's number as a bullet (• 落实…第一责任人职责 over its paragraph)."""
    return bool(_BULLETED_LINE.match(line)) and len(line) <= _BULLETED_HEADING_MAX


_BULLETED_LINE = re.compile(r"^[•●■◆▪]\s*\S")
_BULLETED_HEADING_MAX = 60


def _is_short_heading(line: str) -> bool:
    """A short line with no sentence punctuation: a heading, not a cut sentence."""
    return len(line) <= 30 and not any(p in line for p in "，。；：！？")


def _join_split_words(edit: _Edit) -> None:
    """Remove line breaks that cut a sentence (PDF/Word conversion damage).

    A break is removed when the line before ends inside a sentence (a CJK
    character, a digit, a comma or an opening mark) and is not itself a heading,
    and the line after continues the sentence: it starts with a CJK character
    or digit and is not a heading (numbered, or short without punctuation).
    A line opening with a closing mark (，。》”) always continues the line before.
    """
    lines = edit.text.split("\n")
    spans, pos = [], 0
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    nonblank = [(i, ln) for i, ln in enumerate(lines) if ln.strip()]
    width = _set_width([ln.strip() for _, ln in nonblank])
    for (i, prev), (j, nxt) in zip(nonblank, nonblank[1:]):
        prev, nxt = prev.rstrip(), nxt.lstrip()
        # a paragraph's first line, indented by two characters, holds two fewer
        full = width is not None and len(prev.lstrip()) >= width - 2
        if not _closes_a_line(prev, nxt) and not _cut_sentence(prev, nxt, full):
            continue
        spans.append((starts[i] + len(lines[i].rstrip()), starts[j] + len(lines[j]) - len(nxt)))
    edit.delete(spans)


def _set_width(lines: list[str]) -> int | None:
    """The number of characters a PDF set each line of its paragraphs to, if the text is so set:
    a third of its lines or more (and at least ``_SET_LINES``) fill it, give or take one, or fall
    two short (a paragraph's first line, indented). An official document sets 28 characters a
    line; a page's paragraphs are of any length."""
    lengths = Counter(len(line) for line in lines if len(line) >= _SET_MIN_WIDTH)
    if not lengths:
        return None

    def near(width: int) -> int:
        return sum(lengths[width + off] for off in (-2, -1, 0, 1))

    # in a report of short paragraphs their first lines outnumber the full ones
    width = max(lengths, key=lambda n: (near(n), n))
    return width if near(width) >= max(_SET_LINES, len(lines) / 3) else None


_SET_MIN_WIDTH = 15  # characters: shorter lines are headings, table cells or a page's links
_SET_LINES = 5


def _cut_sentence(prev: str, nxt: str, full: bool) -> bool:
    """Whether the break between two lines, each stripped, cuts one sentence; ``full``: the line
    before fills the width the text is set to, so it is no heading and the line after, unless
    numbered, goes on with it."""
    if full:
        return not (_PARAGRAPH_END.search(prev) or NUMBERED_HEADING.match(nxt))
    if prev[-1] in _SENTENCE_END or not _continues(prev[-1], _LEFT_OPEN) or not _continues(nxt[0]):
        return False
    if prev[-1] in _JOINING_WORDS and not NUMBERED_HEADING.match(nxt):
        # a line ending in 和 or 及 leaves its phrase open, even a title's over a short line
        # (…工作总结和\n下一年工作打算)
        return True
    if NUMBERED_HEADING.match(nxt) or _is_short_heading(nxt) or _SALUTATION.match(nxt):
        return False
    if _is_heading(prev) and not _runs_on(prev):
        # a field line under a heading opens like a cut word's tail (镇长：甲)
        return _cut_word(nxt) and not _FIELD_LINE.match(nxt)
    return not (_FIELD_LINE.match(prev) or _PERSON_FIELD_END.search(prev))


#: Conjunctions no line of a report ends with: one that does was cut there.
_JOINING_WORDS = "和及与暨"


def _runs_on(line: str) -> bool:
    """A numbered line whose paragraph runs on past its heading and is cut at the line's end
    (a PDF's line: （一）加强领导。成立了由镇长任组长的): a full stop before its last words, or a
    title left open in 《.  A heading alone never has either."""
    return "。" in line or line.count("《") > line.count("》")


def _is_heading(line: str) -> bool:
    if _ENUMERATOR.match(line):
        return False  # "一是深化网格" opens a clause; it never stands alone
    return (
        _is_short_heading(line)
        or (bool(NUMBERED_HEADING.match(line)) and len(line) <= 40)
        or bulleted_heading(line)
    )


# A line that is a short label and its value (村委会主任：张三, 委员：王五、赵六, 联系人：李某): a
# list written one field a line, never a sentence cut at the break; joined, its value would
# run into the next line's words (张三村委会主任).
_FIELD_LINE = re.compile(rf"^[{HAN}]{{1,12}}：[^，。；：！？]{{1,16}}$")


# ... or a line of a document's fields that ends with the person who signed or wrote it
# (潼政字〔2022〕1号 签发人：左俊): the name would run into the title below (左俊潼关县…).
_PERSON_FIELD_END = re.compile(
    rf"(?:签发人|联系人|发布人|撰稿人|审核人|责任编辑|编辑|作者)：[{HAN}·]{{1,12}}$"
)


# A line of names ending in a colon (区委、区政府：): the bodies a report is addressed to,
# which opens like a cut word's tail (区委、) but never continues the title above it.
_SALUTATION = re.compile(rf"^[{HAN}、，,]{{2,40}}[：:]$")


def _cut_word(line: str) -> bool:
    """A line opening with a clause of one or two characters ("度，", "行力。") is the
    tail of a word cut at the break, not the first words of a paragraph; a committee
    opening a list is a paragraph's first words (区委、区政府主要领导…)."""
    return bool(re.match(rf"^[{HAN}]{{1,2}}[，。；、：]", line)) and not _LIST_OPENING.match(line)


# A party committee named by its level, first of a list (区委、区政府…; 县委、县政府…).
_LIST_OPENING = re.compile(rf"^[{HAN}]?委、")


_ENUMERATOR = re.compile(r"^[一二三四五六七八九十]+是")
_OPENING_MARKS = "“《"


def _continues(ch: str, marks: str = _OPENING_MARKS) -> bool:
    return ch.isdigit() or bool(_HAN_CHAR.match(ch)) or ch in marks


# What a line ending inside a sentence may end with: a PDF sets a comma at the end of its line
# (…宪法、民法典、\n行政处罚法), where a page ends a paragraph with a full stop.
_LEFT_OPEN = _OPENING_MARKS + "，、"
# Marks that close what is before them: a line never opens with one, so one opening a line was
# pushed there by a PDF's line end (…聘请法律顾问\n，审查合同; 《…工作规则\n》).  Not ）, unless
# the line before left （ open: alone, it opens a heading whose （二 conversion lost (see
# NUMBERED_HEADING).
_CLOSES_A_LINE = "，。、；：！？”’》〉」』"
_BRACKET_CUT = 12  # characters: a bracket's words a line's end may cut (（社区, （2021—2025年)


def _closes_a_line(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` opens with a mark closing what ``prev`` holds: one of
    ``_CLOSES_A_LINE``, or a ） closing a （ the line before left open in its last words
    (村（居\n）委会); a （ left open further back is a slip, and ）加强… a heading."""
    if nxt[0] in _CLOSES_A_LINE:
        return True
    opened = prev.rfind("（")
    return nxt[0] == "）" and opened > prev.rfind("）") and len(prev) - opened <= _BRACKET_CUT


def _anchors(index: np.ndarray) -> OffsetMap:
    if len(index) == 0:
        return OffsetMap()
    breaks = np.flatnonzero(np.diff(index) != 1) + 1
    points = np.concatenate(([0], breaks))
    return OffsetMap(tuple((int(c), int(index[c])) for c in points))
