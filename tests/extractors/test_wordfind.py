"""Tests for extractors/wordfind.py: the trie writer and finding every occurrence of a word list."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.wordfind import WordFinder, has_assertion, trie_pattern

WORDS = ("宪法", "民法典", "民法", "法", "人民调解法", "调解")


def brute_force(words: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """Every (start, end) where a word stands, tried at every place."""
    return sorted(
        (i, i + len(w)) for i in range(len(text)) for w in set(words) if w and text.startswith(w, i)
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("学习宪法和民法典", [(2, 4), (3, 4), (5, 7), (6, 7), (5, 8)]),
        ("依照人民调解法", [(4, 6), (6, 7), (2, 7)]),  # 调解 inside 人民调解法 counts too
        ("开展法治宣传", [(2, 3)]),
        ("没有一个词", []),
        ("", []),
    ],
)
def test_finds_every_occurrence_overlapping_ones_too(text, expected):
    assert sorted(WordFinder.of(WORDS).find(text)) == sorted(expected)


@pytest.mark.parametrize(
    "words, text, expected",
    [
        # the last end first; where several words end together, the longest first
        (
            ("民法典", "法典", "民法", "典"),
            "学习民法典和民法",
            [(6, 8), (2, 5), (3, 5), (4, 5), (2, 4)],
        ),
        (("人民调解法", "调解法", "法"), "依照人民调解法", [(2, 7), (4, 7), (6, 7)]),
    ],
)
def test_finder_order(words, text, expected):
    assert list(WordFinder.of(words).find(text)) == expected


@pytest.mark.parametrize(
    "words, text, longest",
    [
        (("开展", "开放", "开"), "开放日", "开放"),
        (("开展", "开放", "开"), "开会", "开"),
        (("民法", "民法典"), "民法典编", "民法典"),
        (("司法所", "所", "司法所长"), "司法所长说", "司法所长"),
    ],
)
def test_trie_pattern_matches_the_longest_word_at_a_place(words, text, longest):
    assert re.compile(trie_pattern(words)).match(text).group() == longest


@pytest.mark.parametrize("words", [(), ("",)])
def test_finder_of_no_words_finds_nothing(words):
    assert list(WordFinder.of(words).find("法治政府")) == []


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(alphabet="法治民典宪调解", min_size=1, max_size=4), max_size=8),
    text=st.text(alphabet="法治民典宪调解。", max_size=40),
)
def test_finder_agrees_with_trying_every_place(words, text):
    assert sorted(WordFinder.of(words).find(text)) == brute_force(tuple(words), text)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(alphabet="法治民典宪调解", min_size=1, max_size=4), max_size=8),
    text=st.text(alphabet="法治民典宪调解。", max_size=40),
)
def test_words_ending_at_a_place_agree_with_trying_every_word(words, text):
    finder, backwards = WordFinder.of(words), text[::-1]
    for end in range(len(text) + 1):
        expected = sorted({len(w) for w in words if w and text.endswith(w, 0, end)}, reverse=True)
        assert list(finder.ending_at(backwards, end)) == expected


@pytest.mark.parametrize(
    "pattern, text, part",
    [
        # no assertion: a match in a part of a text is one in the whole
        ("尚未建立", "该所尚未建立台账", "尚未建立"),
        ("[^，。；]{0,8}?零发生", "全年安全事故零发生", "零发生"),
        (r"[\^x]+", "a^^b", "^^"),
        # an anchor, a lookaround or a word boundary: the part matches, the whole does not
        ("尚未$", "尚未完成", "尚未"),
        ("^下一步", "我镇下一步", "下一步"),
        ("(?<!不)足", "不足", "足"),
        ("完善(?!制度)", "完善制度", "完善"),
        (r"\bab", "cab", "ab"),
    ],
)
def test_has_assertion_says_when_a_part_may_match_and_the_whole_not(pattern, text, part):
    assert part in text and re.search(pattern, part)
    assert has_assertion(pattern) == (re.search(pattern, text) is None)
