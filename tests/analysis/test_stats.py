"""Association measures, the hypergeometric test and BH: hand tables and scipy as references."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import fisher_exact

from kg.analysis.stats import (
    bh_qvalues,
    cosine,
    hypergeom_p,
    jaccard,
    lift,
    measure,
    min_attainable_p,
    npmi,
    pair_tests,
    untestable_reason,
)
from kg.errors import UsageError

# (k, a, b, n) -> jaccard, cosine, lift, npmi, computed by hand.
HAND = [
    ((4, 5, 5, 10), 4 / 6, 4 / 5, 1.6, math.log(1.6) / -math.log(0.4)),
    ((0, 5, 5, 10), 0.0, 0.0, 0.0, -1.0),
    ((1, 5, 5, 10), 1 / 9, 1 / 5, 0.4, math.log(0.4) / -math.log(0.1)),
    ((2, 4, 5, 10), 2 / 7, 2 / math.sqrt(20), 1.0, 0.0),
    ((3, 3, 3, 10), 1.0, 1.0, 10 / 3, 1.0),
    ((10, 10, 10, 10), 1.0, 1.0, 1.0, 1.0),
    ((1, 1, 10, 10), 0.1, 1 / math.sqrt(10), 1.0, 0.0),
]


@pytest.mark.parametrize("counts, j, c, li, npm", HAND)
def test_measures_match_hand_computed_values(counts, j, c, li, npm):
    k, a, b, n = counts
    assert jaccard(k, a, b) == pytest.approx(j)
    assert cosine(k, a, b) == pytest.approx(c)
    assert lift(k, a, b, n) == pytest.approx(li)
    assert npmi(k, a, b, n) == pytest.approx(npm, abs=1e-12)
    assert {
        name: measure(name, k, a, b, n) for name in ("jaccard", "cosine", "lift", "npmi")
    } == pytest.approx({"jaccard": j, "cosine": c, "lift": li, "npmi": npm}, abs=1e-12)


# 2x2 tables [[k, a-k], [b-k, n-a-b+k]] and their one-sided p by hand where it is short.
TABLES = [
    ((4, 5, 5, 10), 26 / 252),  # C(5,4)C(5,1)/C(10,5) + 1/C(10,5)
    ((3, 3, 3, 10), 1 / 120),  # 1 / C(10,3)
    ((2, 3, 3, 10), 22 / 120),  # (C(3,2)C(7,1) + 1) / C(10,3)
    ((0, 3, 3, 10), 1.0),
    ((1, 5, 5, 10), 251 / 252),  # 1 - P(X = 0) = 1 - 1/C(10,5)
    ((5, 8, 6, 20), None),
    ((12, 15, 14, 40), None),
    ((1, 1, 1, 2), None),
    ((7, 30, 9, 200), None),
]


@pytest.mark.parametrize("counts, by_hand", TABLES)
def test_hypergeometric_p_equals_fisher_exact_greater(counts, by_hand):
    k, a, b, n = counts
    _, fisher = fisher_exact([[k, a - k], [b - k, n - a - b + k]], alternative="greater")
    assert hypergeom_p(k, a, b, n) == pytest.approx(fisher, rel=1e-9, abs=1e-15)
    if by_hand is not None:
        assert hypergeom_p(k, a, b, n) == pytest.approx(by_hand, rel=1e-9)


def test_bh_matches_a_hand_computed_example():
    # m = 5: sorted p 0.005, 0.01, 0.03, 0.04, 0.2 -> m p / rank = 0.025, 0.025, 0.05, 0.05, 0.2;
    # the running minimum from the top leaves them as they are.
    p = [0.04, 0.005, 0.2, 0.03, 0.01]
    assert bh_qvalues(p) == pytest.approx([0.05, 0.025, 0.2, 0.05, 0.025])
    # Step-up: 0.02 * 3/1 = 0.06 is lowered to the q of the larger p-value 0.021 * 3/2 = 0.0315.
    assert bh_qvalues([0.021, 0.02, 0.9]) == pytest.approx([0.0315, 0.0315, 0.9])


def test_bh_skips_untested_pairs_and_caps_at_one():
    assert bh_qvalues([None, 0.6, None, 0.9]) == [
        None,
        pytest.approx(0.9),
        None,
        pytest.approx(0.9),
    ]
    assert bh_qvalues([1.0, 1.0]) == [1.0, 1.0]
    assert bh_qvalues([]) == []


@pytest.mark.parametrize("bad", [[1.5], [-0.1], [float("nan")]])
def test_bh_rejects_impossible_pvalues(bad):
    with pytest.raises(UsageError, match="not in"):
        bh_qvalues(bad)


@pytest.mark.parametrize(
    "a, b, n, reason",
    [
        (2, 2, 5, "too few towns to test (N=5 < 10)"),
        (3, 3, 9, "too few towns to test (N=9 < 10)"),
        (1, 2, 12, "too few towns with these mechanisms to test (smallest possible p=0.167)"),
        (12, 4, 12, "named by every town: nothing to compare"),
        (4, 4, 12, None),
        (3, 3, 10, None),
    ],
)
def test_untestable_rule(a, b, n, reason):
    assert untestable_reason(a, b, n) == reason


def test_min_attainable_p_is_complete_overlap():
    assert min_attainable_p(3, 5, 10) == pytest.approx(hypergeom_p(3, 3, 5, 10))
    assert min_attainable_p(3, 5, 10) == pytest.approx(math.comb(7, 2) / math.comb(10, 5))


def test_pair_tests_agree_with_the_scalar_functions_and_correct_only_tested_pairs():
    counts = [(4, 5, 5), (0, 5, 5), (1, 5, 5), (1, 5, 1), (0, 5, 1)]
    tests = pair_tests(counts, 10)
    tested = [hypergeom_p(k, a, b, 10) for k, a, b in counts[:3]]
    assert [t.p_value for t in tests[:3]] == pytest.approx(tested)
    assert [t.q_value for t in tests[:3]] == pytest.approx(bh_qvalues(tested))
    assert tests[0].q_value == pytest.approx(3 * 26 / 252)
    for t in tests[3:]:
        assert t.p_value is None and t.q_value is None
        assert t.note == "too few towns with these mechanisms to test (smallest possible p=0.5)"
    assert pair_tests([], 10) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda: jaccard(3, 2, 5),
        lambda: lift(0, 5, 6, 10),
        lambda: npmi(-1, 2, 2, 5),
        lambda: hypergeom_p(2, 3, 3, 3),
        lambda: pair_tests([(4, 3, 3)], 10),
        lambda: measure("dice", 1, 1, 1, 1),
    ],
)
def test_impossible_counts_and_unknown_measures_are_usage_errors(call):
    with pytest.raises(UsageError):
        call()


@st.composite
def tables(draw):
    n = draw(st.integers(1, 60))
    a = draw(st.integers(1, n))
    b = draw(st.integers(1, n))
    k = draw(st.integers(max(0, a + b - n), min(a, b)))
    return k, a, b, n


@given(tables())
def test_measures_stay_in_range_and_p_falls_as_overlap_grows(table):
    k, a, b, n = table
    assert 0.0 <= jaccard(k, a, b) <= cosine(k, a, b) + 1e-12 <= 1.0 + 1e-12
    assert -1.0 - 1e-12 <= npmi(k, a, b, n) <= 1.0 + 1e-12
    p = hypergeom_p(k, a, b, n)
    assert 0.0 <= p <= 1.0
    if k < min(a, b):
        assert hypergeom_p(k + 1, a, b, n) <= p + 1e-12
    assert min_attainable_p(a, b, n) <= p + 1e-12
