"""Character classes of Chinese text, defined once.

Examples
--------
>>> import re
>>> re.fullmatch(f"[{HAN}]+", "法治㐀") is not None, display_width("法治ab")
(True, 6)
"""

from __future__ import annotations

import unicodedata

__all__ = ["HAN", "display_width"]

#: Han characters, as the body of a regex character class: CJK Unified Ideographs,
#: Extension A and the Compatibility Ideographs (a name may use any of them).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for each wide (East Asian) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
