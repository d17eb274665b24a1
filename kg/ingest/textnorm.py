"""Traditional -> simplified Chinese, one character for one, so offsets survive.

Reports scraped from Hong Kong, Macao or Taiwan mirrors, or pasted together
from several sources, mix traditional characters (關於、建設、執法) into
simplified text; every vocabulary and pattern in fazhi-kg is simplified, so
such text is converted before cleaning.  The table is jionlp's
``tra2sim_char.txt`` (shipped in ``kg/ingest/data/``, see LICENSES/README.md),
adjusted by ``kg/ingest/data/tra2sim_exceptions.toml``.  Only
one-for-one character pairs are used: the converted text has the same length
as the input, so every offset into it is an offset into the source.

Examples
--------
>>> to_simplified("關於青禾鎮2023年度法治政府建設工作情況的報告")
('关于青禾镇2023年度法治政府建设工作情况的报告', 6)
>>> to_simplified("成效显著，覆盖全镇")
('成效显著，覆盖全镇', 0)
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

import numpy as np

__all__ = ["CharMap", "conversion_table", "count_traditional", "to_simplified"]


class CharMap:
    """A table of characters, each replaced by one character, applied like ``str.translate``.

    ``str.translate`` looks every character of the text up in the table (about 3 ms for
    50,000 characters); a regex of the table's characters skips in C to the few that change.

    >>> CharMap({ord("("): "（", ord("关"): "关"})("(关于)")
    '（关于)'
    """

    def __init__(self, table: Mapping[int, str]) -> None:
        self.table = dict(table)
        chars = "".join(re.escape(chr(code)) for code in sorted(self.table))
        self.chars = re.compile(f"[{chars}]" if chars else "(?!)")

    def __call__(self, text: str) -> str:
        table = self.table
        return self.chars.sub(lambda m: table[ord(m.group())], text)


@cache
def conversion_table() -> dict[int, str]:
    """The ``str.translate`` table: code point of a traditional char -> simplified char."""
    lines = resources.files("kg.ingest").joinpath("data/tra2sim_char.txt").read_text("utf-8")
    extra = tomllib.loads(
        resources.files("kg.ingest").joinpath("data/tra2sim_exceptions.toml").read_text("utf-8")
    )
    keep = set(extra.get("keep", ""))
    table: dict[int, str] = {}
    for line in lines.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] not in keep:
            table[ord(parts[0])] = parts[1]
    for source, target in extra.get("override", {}).items():
        if len(source) == 1 and len(target) == 1:
            table[ord(source)] = target
    return table


@cache
def _to_simplified_map() -> CharMap:
    return CharMap(conversion_table())


def count_traditional(text: str) -> int:
    """How many characters of ``text`` the table would convert.

    Examples
    --------
    >>> count_traditional("依法行政，關於執法")
    3
    """
    return to_simplified(text)[1]


def to_simplified(text: str) -> tuple[str, int]:
    """Convert traditional characters to simplified; return the text and how many changed.

    The result always has the same length as ``text``.
    """
    converted = _to_simplified_map()(text)
    if converted == text:
        return text, 0
    # Count by comparing code points in bulk: a Python loop over a 50 MB file is slow.
    before = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    after = np.frombuffer(converted.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return converted, int(np.count_nonzero(before != after))
