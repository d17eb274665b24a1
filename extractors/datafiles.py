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


def toml(name: str) -> dict:
    """A TOML data file as a dict."""
    return tomllib.loads(text(name))


def longest_first(items: Iterable[str]) -> tuple[str, ...]:
    """Distinct items, longest first (so an alternation prefers the longest match)."""
    return tuple(sorted(set(items), key=lambda s: (-len(s), s)))


#: Words less frequent than this in jieba's dictionary are left out of :func:`common_words`.
_COMMON_FREQ = 100


@cache
def common_words() -> dict[str, int]:
    """Frequent words of 2-4 characters and their counts, from jieba's dictionary.

    The dictionary is read as data (no segmenter): a name that is also a common
    word (平安, 全面) is a weak name.  Empty when jieba is not installed.

    >>> common_words().get("平安", 0) > 1000, "鱼复" in common_words()
    (True, False)
    """
    words: dict[str, int] = {}
    try:
        text = resources.files("jieba").joinpath("dict.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return words
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and parts[1].isdigit():
            freq = int(parts[1])
            if freq >= _COMMON_FREQ:
                words[parts[0]] = freq
    return words
