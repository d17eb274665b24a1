"""Every occurrence of the words of a list in a text, found from the words' last characters.

Examples
--------
>>> finder = WordFinder.of(["宪法", "民法典", "民法"])
>>> sorted(finder.find("学习宪法和民法典"))
[(2, 4), (5, 7), (5, 8)]
>>> finder.ending_at("学习宪法和民法典"[::-1], 8)  # 民法典 ends there; 法典 is no word
(3,)
>>> trie_pattern(["宪法", "民法典", "民法"])
'(?:宪法|民法(?:典)?)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeAlias

__all__ = ["WordFinder", "has_assertion", "trie_pattern"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex for any of ``words``, trying the longest first where several match.

    It is written as a trie (``开(?:展|放)?`` for 开展, 开放, 开) so that the
    regex engine reads each character once instead of trying every word in
    turn; the longer words below a node are tried before the word ending there.
    With no words it never matches.

    >>> re.compile(trie_pattern(("开展", "开放", "开"))).match("开放日").group()
    '开放'
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(trie) or r"(?!)"


# A regular expression read token by token: an escape, a character class (whose ^ negates and
# is no anchor), an anchor or the opening of a lookaround.
_REGEX_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[$^]|\(\?<?[=!]")


def has_assertion(pattern: str) -> bool:
    """Whether a regular expression may match in a part of a text and not in the whole: it has
    an anchor, a lookaround or a word boundary.  A negated class (``[^，。]``) is none.

    Examples
    --------
    >>> has_assertion("[^，。]{0,8}?零发生"), has_assertion("尚未$"), has_assertion("(?<!不)足")
    (False, True, True)
    """
    return any(
        token in ("$", "^", r"\b", r"\B", r"\A", r"\Z") or token.startswith("(?")
        for token in _REGEX_TOKEN.findall(pattern)
    )


# A trie of words: each character leads to the node of the words going on with it; the key ""
# marks a word ending at the node.
_Trie: TypeAlias = dict[str, "_Trie"]


def _branches(node: _Trie) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class WordFinder:
    """Finds every occurrence of a list of words, overlapping ones included.

    The text is searched backwards with a trie of the reversed words, so the
    engine stops only at characters that end a word.  For word lists whose last
    characters are few (laws end in 法 or 条例, bodies in 会 or 组) that is several
    times faster than an Aho-Corasick automaton, which reads every character.
    """

    words: frozenset[str]
    backwards: re.Pattern[str]  # the longest word ending at a place, in the reversed text
    # Each word reversed -> the lengths of its tails that are words, itself included, longest
    # first: the words ending where it ends.
    tails: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, words: Iterable[str]) -> WordFinder:
        unique = frozenset(w for w in words if w)
        return cls(
            unique,
            re.compile(trie_pattern(w[::-1] for w in unique)),
            {
                w[::-1]: tuple(n for n in range(len(w), 0, -1) if w[len(w) - n :] in unique)
                for w in unique
            },
        )

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every occurrence, the last end first.

        Where words end, the trie gives the longest; the others ending there are its tails.
        """
        backwards, tails, size = text[::-1], self.tails, len(text)
        match = self.backwards.search(backwards)
        while match:
            end = size - match.start()
            for length in tails[match.group()]:
                yield end - length, end
            match = self.backwards.search(backwards, match.start() + 1)

    def ending_at(self, backwards: str, end: int) -> tuple[int, ...]:
        """The lengths of the words ending at ``end`` of a text, longest first.

        ``backwards`` is the text reversed (``text[::-1]``), made once for many calls.
        """
        match = self.backwards.match(backwards, len(backwards) - end)
        return self.tails[match.group()] if match else ()
