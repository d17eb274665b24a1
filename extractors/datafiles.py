"""Read the extractors' data files (``extractors/data/``): word lists and TOML tables.

Word lists hold one item a line; blank lines and ``#`` comments (whole-line
or trailing) are ignored.

Examples
--------
>>> "党委书记" in toml("official_posts.toml")
True
>>> longest_first(["司法所", "所", "司法所长"])
('司法所长', '司法所', '所')
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any


def text(name: str) -> str:
    """The whole text of ``extractors/data/<name>``."""
    return resources.files("kg.extractors").joinpath(f"data/{name}").read_text("utf-8")


def lines(name: str) -> tuple[str, ...]:
    """The items of a word list, in file order."""
    out = []
    for line in text(name).splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            out.append(item)
    return tuple(out)


def toml(name: str) -> dict[str, Any]:
    """A TOML data file as a dict."""
    return tomllib.loads(text(name))


def longest_first(items: Iterable[str]) -> tuple[str, ...]:
    """Distinct items, longest first (so an alternation prefers the longest match)."""
    return tuple(sorted(set(items), key=lambda s: (-len(s), s)))


@cache
def common_words() -> dict[str, int]:
    """Frequent words of 2-4 characters and their counts (jieba's; see LICENSES/README.md).

    Read as data (no segmenter): a name that is also a common word (平安, 全面) is a weak name.

    >>> common_words().get("平安", 0) > 1000, "鱼复" in common_words()
    (True, False)
    """
    return {word: int(freq) for word, freq in map(str.split, lines("common_words.txt"))}
