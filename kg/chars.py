"""Character classes and character rules of the text fazhi-kg handles, defined once.

Examples
--------
>>> import re
>>> re.fullmatch(f"[{HAN}]+", "法治㐀") is not None, display_width("法治ab")
(True, 6)
>>> spreadsheet_safe("=HYPERLINK(\\"http://x\\")"), spreadsheet_safe("-1.5"), spreadsheet_safe("青禾镇")
('\\'=HYPERLINK("http://x")', '-1.5', '青禾镇')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FORMULA_START", "HAN", "display_width", "spreadsheet_safe"]

#: Han characters, as the body of a regex character class: CJK Unified Ideographs,
#: Extension A and the Compatibility Ideographs (a name may use any of them).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

#: First characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a
#: CSV cell as a formula, or (tab, carriage return) hide one: OWASP's CSV-injection list.
FORMULA_START = "=+-@\t\r"

# A plain number: every spreadsheet reads it as that number, and a number calls nothing.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for each wide (East Asian) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text, never as a formula it would run.

    A cell starting with one of :data:`FORMULA_START` gets a leading ``'``, the
    usual advice against CSV injection (``=HYPERLINK(...)``, ``=cmd|...``,
    ``@SUM(...)``), unless it is a plain number such as ``-1.5`` or ``+3``: those
    stay readable as numbers.
    """
    if cell and cell[0] in FORMULA_START and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
