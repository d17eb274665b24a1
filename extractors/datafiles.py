"""Read the extractors' data files (``extractors/data/``): word lists and TOML tables.

Word lists hold one item a line; blank lines and ``#`` comments (whole-line
or trailing) are ignored.

Examples
--------
>>> "党委书记" in toml("official_posts.toml")
True
>>> longest_first(["司法所", "所", "司法所长"])
('司法所长', '司法所', '所')
>>> trie_pattern(["宪法", "民法典", "民法"])
'(?:宪法|民法(?:典)?)'
"""

from __future__ import annotations

import re
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


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression for any of ``words`` (none empty), written as a trie.

    At one position it matches the longest word there.  The engine tries the
    branches of an alternation one by one, so a flat alternation of hundreds of
    words costs hundreds of tries at every position; in a trie (民法(?:典)?)
    each character is read once, and a text is searched quickly when few of its
    characters open a word.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict[str, Any]) -> str:
        alternatives = [
            re.escape(char) + branches(rest) for char, rest in sorted(node.items()) if char
        ]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return branches(trie) if trie else "(?!)"


@cache
def common_words() -> dict[str, int]:
    """Frequent words of 2-4 characters and their counts (jieba's; see LICENSES/README.md).

    Read as data (no segmenter): a name that is also a common word (平安, 全面) is a weak name.

    >>> common_words().get("平安", 0) > 1000, "鱼复" in common_words()
    (True, False)
    """
    return {word: int(freq) for word, freq in map(str.split, lines("common_words.txt"))}
