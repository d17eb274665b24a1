"""Association measures and tests for two binary features counted over N units.

The units are towns (or reports), the features mechanisms.  Everything is
computed from four counts: ``n`` units, ``a`` units with A, ``b`` units with
B and ``k`` units with both.  The 2x2 table they determine is::

                 B        not B
    A            k        a - k
    not A        b - k    n - a - b + k

Measures
--------
- Jaccard ``k / (a + b - k)`` and cosine (Ochiai) ``k / sqrt(a b)``: overlap
  of the two sets of towns, in [0, 1]; they ignore towns with neither.
- Lift ``k n / (a b)``: observed over expected co-occurrence; 1 is what
  independence gives.
- NPMI ``log(k n / (a b)) / -log(k / n)``: lift on a log scale normalised to
  [-1, 1] (Bouma 2009); -1 for pairs never together, 1 for pairs always together.

Test
----
``p = P(X >= k)`` for ``X ~ Hypergeom(n, a, b)``: the chance of ``k`` or more
shared towns if the ``b`` towns with B were drawn at random from the ``n``,
keeping how many towns have each mechanism.  It is the one-sided Fisher exact
test (``alternative="greater"``).  Across pairs, :func:`bh_qvalues` gives
Benjamini-Hochberg q-values.

When not to test (:func:`untestable_reason`): with fewer than
:data:`MIN_UNITS` towns, when one of the two is named by every town (the
overlap is forced), or when even complete overlap could not reach
``alpha`` (Tarone 1990: the smallest p-value the margins allow,
``P(X = min(a, b))``, is above ``alpha``).  Such pairs get no p-value: a
number would only look like evidence, and leaving them out of the
correction family makes it less conservative for the pairs that can be tested.

Examples
--------
>>> round(jaccard(2, 3, 3), 4), round(lift(2, 3, 3, 10), 4)
(0.5, 2.2222)
>>> round(hypergeom_p(3, 3, 3, 10), 6)   # 1 / C(10, 3)
0.008333
>>> [None if q is None else round(q, 4) for q in bh_qvalues([0.01, None, 0.04, 0.03])]
[0.03, None, 0.04, 0.04]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kg.errors import UsageError

#: Fewest units (towns) for which :func:`untestable_reason` allows a test.
MIN_UNITS = 10
#: Significance level used by the testability rule.
ALPHA = 0.05
#: Association measures a caller can choose, by name.
MEASURES = ("jaccard", "cosine", "lift", "npmi")


def check_counts(k: int, a: int, b: int, n: int | None = None) -> None:
    """Raise UsageError unless the counts can come from one 2x2 table.

    Examples
    --------
    >>> check_counts(2, 3, 3, 10)
    >>> check_counts(4, 3, 3, 10)
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: counts k=4, a=3, b=3, n=10 do not fit a 2x2 table: need 0 <= k <= min(a, b) and a + b - k <= n
    """
    ok = all(isinstance(x, int) for x in (k, a, b)) and 0 <= k <= min(a, b)
    if n is not None:
        ok = ok and isinstance(n, int) and a + b - k <= n
    if not ok:
        raise UsageError(
            f"counts k={k}, a={a}, b={b}, n={n} do not fit a 2x2 table: "
            "need 0 <= k <= min(a, b) and a + b - k <= n"
        )


def jaccard(k: int, a: int, b: int) -> float:
    """Jaccard index ``k / (a + b - k)``; 0 when both sets are empty.

    Examples
    --------
    >>> jaccard(1, 2, 2)
    0.3333333333333333
    """
    check_counts(k, a, b)
    union = a + b - k
    return k / union if union else 0.0


def cosine(k: int, a: int, b: int) -> float:
    """Cosine (Ochiai) coefficient ``k / sqrt(a b)``; 0 when a set is empty.

    Examples
    --------
    >>> cosine(2, 2, 8)
    0.5
    """
    check_counts(k, a, b)
    return k / math.sqrt(a * b) if a and b else 0.0


def lift(k: int, a: int, b: int, n: int) -> float:
    """Lift ``k n / (a b)``: 1 under independence, above 1 when together more often.

    Examples
    --------
    >>> lift(2, 4, 5, 10)
    1.0
    """
    check_counts(k, a, b, n)
    return k * n / (a * b) if a and b else 0.0


def npmi(k: int, a: int, b: int, n: int) -> float:
    """Normalised pointwise mutual information in [-1, 1].

    ``log(k n / (a b)) / -log(k / n)``, with the standard limits: -1 when the
    two never occur together (``k = 0``) and 1 when both occur everywhere
    (``k = n``, where the formula is 0/0).

    Examples
    --------
    >>> npmi(0, 3, 3, 10), npmi(10, 10, 10, 10)
    (-1.0, 1.0)
    >>> round(npmi(3, 3, 3, 10), 4)   # always together: log(10/3) / log(10/3)
    1.0
    >>> round(npmi(2, 4, 5, 10), 4)   # exactly as independence predicts
    0.0
    """
    check_counts(k, a, b, n)
    if k == 0:
        return -1.0
    if k == n:
        return 1.0
    return math.log(k * n / (a * b)) / -math.log(k / n)


def measure(name: str, k: int, a: int, b: int, n: int) -> float:
    """The association measure called ``name`` (one of :data:`MEASURES`).

    Examples
    --------
    >>> measure("cosine", 2, 2, 8, 10)
    0.5
    >>> measure("dice", 2, 2, 8, 10)
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: unknown measure 'dice': use one of jaccard, cosine, lift, npmi
    """
    if name == "jaccard":
        return jaccard(k, a, b)
    if name == "cosine":
        return cosine(k, a, b)
    if name == "lift":
        return lift(k, a, b, n)
    if name == "npmi":
        return npmi(k, a, b, n)
    raise UsageError(f"unknown measure {name!r}: use one of {', '.join(MEASURES)}")


def hypergeom_p(k: int, a: int, b: int, n: int) -> float:
    """One-sided p-value ``P(X >= k)``, ``X ~ Hypergeom(n, a, b)``.

    Equal to ``scipy.stats.fisher_exact([[k, a-k], [b-k, n-a-b+k]],
    alternative="greater")`` (scipy is not needed: the tail is summed here).

    Examples
    --------
    >>> hypergeom_p(0, 3, 3, 10)
    1.0
    >>> round(hypergeom_p(2, 3, 3, 10), 4)   # (C(3,2)C(7,1) + 1) / C(10,3) = 22/120
    0.1833
    """
    check_counts(k, a, b, n)
    return _upper_tail(k, a, b, _log_factorials(n))


def _log_factorials(n: int) -> np.ndarray:
    """``log(i!)`` for ``i = 0 .. n``."""
    return np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, n + 1, dtype=np.float64)))))


def _upper_tail(k: int, a: int, b: int, log_fact: np.ndarray) -> float:
    """``P(X >= k)`` for ``X ~ Hypergeom(n, a, b)``, summed exactly in log space.

    Each term is ``C(a, x) C(n-a, b-x) / C(n, b)``; the sum over ``x = k ..
    min(a, b)`` is taken with the log-sum-exp trick, so tiny tails keep their
    digits (the same values as ``scipy.stats.hypergeom.sf(k - 1, n, a, b)``
    to about 1e-12, tested).
    """
    n = len(log_fact) - 1
    top, support = min(a, b), max(0, a + b - n)
    if k <= support:
        return 1.0  # the whole distribution
    low = k
    if low > top:
        return 0.0
    x = np.arange(low, top + 1)
    terms = (
        log_fact[a]
        - log_fact[x]
        - log_fact[a - x]
        + log_fact[n - a]
        - log_fact[b - x]
        - log_fact[n - a - b + x]
        - (log_fact[n] - log_fact[b] - log_fact[n - b])
    )
    peak = float(terms.max())
    return min(1.0, max(0.0, math.exp(peak) * float(np.exp(terms - peak).sum())))


def min_attainable_p(a: int, b: int, n: int) -> float:
    """The smallest p-value :func:`hypergeom_p` can give for these margins.

    Reached when the overlap is as large as possible, ``k = min(a, b)``.

    Examples
    --------
    >>> round(min_attainable_p(3, 3, 10), 6)
    0.008333
    >>> min_attainable_p(10, 4, 10)   # A everywhere: no overlap is surprising
    1.0
    """
    return hypergeom_p(min(a, b), a, b, n)


def untestable_reason(
    a: int, b: int, n: int, *, min_units: int = MIN_UNITS, alpha: float = ALPHA
) -> str | None:
    """Why a pair with these margins gets no p-value, or None when it can be tested.

    Parameters
    ----------
    a, b : int
        Towns with each of the two mechanisms.
    n : int
        Towns in all.
    min_units : int
        Fewest towns for any test.
    alpha : float
        A pair is tested only if complete overlap would give ``p <= alpha``.

    Examples
    --------
    >>> untestable_reason(2, 2, 5)
    'too few towns to test (N=5 < 10)'
    >>> untestable_reason(1, 2, 12)
    'too few towns with these mechanisms to test (smallest possible p=0.167)'
    >>> untestable_reason(4, 4, 12) is None
    True
    >>> untestable_reason(12, 2, 12)
    'named by every town: nothing to compare'
    """
    return _note(n, a, b, min_attainable_p(a, b, n), min_units, alpha) or None


def _note(n: int, a: int, b: int, smallest: float, min_units: int, alpha: float) -> str:
    if n < min_units:
        return f"too few towns to test (N={n} < {min_units})"
    # A mechanism every town names meets every other one wherever that one
    # occurs: the overlap is forced, however many towns there are.
    if a == n or b == n:
        return "named by every town: nothing to compare"
    if smallest > alpha:
        return f"too few towns with these mechanisms to test (smallest possible p={smallest:.3g})"
    return ""


def bh_qvalues(pvalues: Sequence[float | None]) -> list[float | None]:
    """Benjamini-Hochberg q-values (step-up, false discovery rate), None kept in place.

    Only the p-values that are not None form the family: ``q_(i) = min over
    j >= i of m p_(j) / j``, capped at 1, where ``m`` counts them.

    Raises
    ------
    UsageError
        A p-value outside [0, 1].

    Examples
    --------
    >>> [round(q, 4) for q in bh_qvalues([0.01, 0.02, 0.03, 0.5])]
    [0.04, 0.04, 0.04, 0.5]
    >>> bh_qvalues([None, None])
    [None, None]
    """
    tested = [(p, i) for i, p in enumerate(pvalues) if p is not None]
    for p, _ in tested:
        if not 0.0 <= p <= 1.0 or math.isnan(p):
            raise UsageError(f"p-value {p} is not in [0, 1]")
    m = len(tested)
    out: list[float | None] = [None] * len(pvalues)
    running = 1.0
    for rank, (p, i) in reversed(list(enumerate(sorted(tested), 1))):
        running = min(running, p * m / rank)
        out[i] = running
    return out


@dataclass(frozen=True)
class PairTest:
    """The test result of one pair: p and q, or None with the reason in ``note``."""

    p_value: float | None
    q_value: float | None
    note: str


def pair_tests(
    counts: Sequence[tuple[int, int, int]],
    n: int,
    *,
    min_units: int = MIN_UNITS,
    alpha: float = ALPHA,
) -> list[PairTest]:
    """Test many pairs at once: p-values, the testability rule and BH q-values.

    Parameters
    ----------
    counts : sequence of (k, a, b)
        Shared towns, towns with A, towns with B for each pair.  The family
        for the correction is every pair given, so pass all pairs (also those
        with ``k = 0``), not only the ones you will show.
    n : int
        Towns in all.
    min_units, alpha : see :func:`untestable_reason`.

    Returns
    -------
    list of PairTest
        In the order of ``counts``.

    Examples
    --------
    >>> [t.note for t in pair_tests([(2, 2, 2)], 5)]
    ['too few towns to test (N=5 < 10)']
    >>> r = pair_tests([(3, 3, 3), (0, 3, 3), (1, 1, 1)], 10)
    >>> [round(t.p_value, 4) if t.p_value is not None else t.note for t in r]
    [0.0083, 1.0, 'too few towns with these mechanisms to test (smallest possible p=0.1)']
    >>> round(r[0].q_value, 4), r[1].q_value   # q over the two tested pairs
    (0.0167, 1.0)
    """
    for k, a, b in counts:
        check_counts(k, a, b, n)
    log_fact = _log_factorials(n)
    notes = [
        _note(n, a, b, _upper_tail(min(a, b), a, b, log_fact), min_units, alpha)
        for _, a, b in counts
    ]
    pvalues = [
        None if note else _upper_tail(k, a, b, log_fact) for (k, a, b), note in zip(counts, notes)
    ]
    return [PairTest(pv, qv, note) for pv, qv, note in zip(pvalues, bh_qvalues(pvalues), notes)]
