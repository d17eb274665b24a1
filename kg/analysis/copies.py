"""Copy detection: passages two reports share beyond what every report repeats.

Reviewers and journalists ask which reports copy another unit's report (跨地抄)
or the unit's own report of an earlier year (跨时抄).  Two reports always share
some text: quotations of national documents, the slogans every report repeats,
set formulas.  That is expected reuse, not copying, and is told apart in two
ways: text inside 《》 titles or a stock phrase (``data/stock_phrases.txt``)
is never fingerprinted, and a passage found in many units' reports (at least
``common_units``, or ``common_share`` of all units) is common.

**Method: winnowing** (Schleimer, Wilkerson and Aiken 2003, the algorithm of
MOSS).  A report's text is reduced to its letters (Han characters, Latin
letters and digits; every run of digits becomes one ``#``, so a copied
paragraph with new figures still matches); every ``k`` consecutive letters
are hashed, and in each window of ``window`` hashes the smallest is kept as
a fingerprint, with its position and the source-file span it covers.  Any
run of ``window + k - 1`` letters two reports share gives them at least one
common fingerprint.  A worker fingerprints its report
(:func:`fingerprint`); the corpus step (:func:`find_copies`) sorts all
fingerprints by hash, drops the common and the unique ones, pairs the
reports that share the rest, and chains each pair's matches that run along
one diagonal (the same offset between the two texts, give or take
``drift`` letters, so a renamed town does not cut a passage) into passages.

It grows linearly: the work is one sort of the fingerprints plus the pairs
within each rare fingerprint (at most ``common_units`` units), never all
pairs of reports.  MinHash with LSH estimates the resemblance of *whole*
reports and misses a report that copies three paragraphs of another's ten;
winnowing finds each shared passage and where it is in both files.

Passage offsets point into the decoded source files (as ``fz:start`` and
``fz:end`` do); a passage's ends are exact to within ``window - 1`` letters,
since only fingerprinted positions are known.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> from kg.analysis.records import ReportProfile, Scorecard, Unit
>>> shared = ("本镇组建了由退休教师和老党员组成的调解志愿队，每周三在集市设点接待群众，"
...           "当场解答土地承包、婚姻家庭和邻里纠纷方面的咨询，并把疑难事项登记转交司法所跟进办理。"
...           "志愿队还把常见纠纷编成顺口溜，在赶场天用广播循环播放，群众听得懂、记得住。")
>>> def profile(name, town, text):
...     doc = document_from_text(f"{town}2023年法治政府建设情况报告\\n{text}")
...     table, letters = fingerprint(doc)
...     card = Scorecard((), len(doc.text), None, 0, 0, 0, "", "", None, None)
...     return ReportProfile(name, name, "", Unit(name=town), 2023, card, letters=letters,
...                          fingerprints=table)
>>> a = profile("a", "青禾镇", "今年我镇修缮了村部。" + shared)
>>> b = profile("b", "白沙镇", "白沙镇新建了三处文化广场。" + shared.replace("本镇", "我镇"))
>>> [(p.report_a, p.report_b, p.kind, p.shared_chars) for p in find_copies([a, b]).pairs]
[('a', 'b', 'cross-unit', 83)]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from kg.analysis.records import FINGERPRINT_DTYPE, ReportProfile, Unit, empty_fingerprints
from kg.model import Document, OffsetMap

__all__ = [
    "COPY_KINDS",
    "CopyOptions",
    "CopyPair",
    "CopyResult",
    "Passage",
    "ReportRef",
    "copies_in_table",
    "find_copies",
    "fingerprint",
    "letters_of",
]

#: Kinds of pair: two units (跨地抄), one unit's different years (跨时抄), one unit's two
#: reports of the same year (versions), or a pair where a unit was not found.
COPY_KINDS = ("cross-unit", "cross-year", "same-year", "unknown-unit")

_BOOK_TITLE = re.compile(r"《[^《》\n]{1,100}》")
_HASH_BASE = np.uint64(0x100000001B3)
_NO_HASH = np.uint64(1 << 32)  # above every 32-bit fingerprint: a window never picks it
_DIGIT = ord("#")


@dataclass(frozen=True)
class CopyOptions:
    """Settings of copy detection; the defaults are what ``kg build`` uses.

    ``k`` letters are hashed together, one fingerprint is kept per ``window``
    hashes; a passage has at least ``min_passage`` letters and a pair shares at
    least ``min_shared``; a fingerprint in ``common_units`` units or more, or in
    ``common_share`` of all units if that is more, is common (expected reuse);
    matches up to ``gap`` letters apart whose offsets differ by at most
    ``drift`` letters make one passage.
    """

    k: int = 12
    window: int = 16
    min_passage: int = 40
    min_shared: int = 80
    common_units: int = 10
    common_share: float = 0.005
    drift: int = 8
    gap: int = 40

    def common_threshold(self, units: int) -> int:
        """Units a fingerprint must be in to count as common, for a corpus of ``units`` units."""
        return max(self.common_units, math.ceil(self.common_share * units))


# --- one report ------------------------------------------------------------------------------


def letters_of(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The letters of ``text`` (code points) and where each stands in ``text``.

    Han characters, Latin letters (lower-cased) and digits are letters;
    punctuation, spaces and line breaks are not; a run of digits (ASCII or
    full-width) is one ``#``.

    >>> codes, where = letters_of("2023年，共化解 72 起。A")
    >>> "".join(map(chr, codes)), where.tolist()
    ('#年共化解#起a', [0, 4, 6, 7, 8, 10, 13, 15])
    """
    if not text:
        return np.zeros(0, np.uint32), np.zeros(0, np.int64)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").copy()
    digit = ((codes >= 0x30) & (codes <= 0x39)) | ((codes >= 0xFF10) & (codes <= 0xFF19))
    upper = (codes >= 0x41) & (codes <= 0x5A)
    codes[upper] += 32
    latin = (codes >= 0x61) & (codes <= 0x7A)
    han = (
        ((codes >= 0x3400) & (codes <= 0x4DBF))
        | ((codes >= 0x4E00) & (codes <= 0x9FFF))
        | ((codes >= 0xF900) & (codes <= 0xFAFF))
        | ((codes >= 0x20000) & (codes <= 0x2FA1F))
    )
    after_digit = np.concatenate(([False], digit[:-1]))
    keep = han | latin | (digit & ~after_digit)
    codes[digit] = _DIGIT
    where = np.flatnonzero(keep)
    return codes[where], where


@cache
def _stock_phrases() -> tuple[str, ...]:
    text = resources.files("kg.analysis").joinpath("data/stock_phrases.txt").read_text("utf-8")
    phrases = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            codes, _ = letters_of(line)
            phrases.append("".join(map(chr, codes)))
    return tuple(sorted(set(phrases), key=len, reverse=True))


def _expected(text: str, codes: np.ndarray, where: np.ndarray) -> np.ndarray:
    """Which letters stand in a 《》 title or a stock phrase (expected reuse)."""
    in_title = np.zeros(len(text) + 1, dtype=np.int8)
    for match in _BOOK_TITLE.finditer(text):
        in_title[match.start()] += 1
        in_title[match.end()] -= 1
    expected: np.ndarray = np.cumsum(in_title)[:-1][where] > 0
    letters = codes.tobytes().decode("utf-32-le", "surrogatepass")
    for phrase in _stock_phrases():
        start = letters.find(phrase)
        while start >= 0:
            expected[start : start + len(phrase)] = True
            start = letters.find(phrase, start + 1)
    return expected


def _kgram_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """A 64-bit hash of every ``k`` consecutive letters, mixed so that low bits are random."""
    n = len(codes) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    wide = codes.astype(np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _HASH_BASE + wide[j : j + n]
        # splitmix64's finaliser: every input bit moves every output bit
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return h


def _to_source(offsets: OffsetMap, clean: np.ndarray) -> np.ndarray:
    """:meth:`OffsetMap.to_source` for many offsets at once."""
    anchors = np.asarray(offsets.anchors, dtype=np.int64).reshape(-1, 2)
    i = np.maximum(np.searchsorted(anchors[:, 0], clean, side="right") - 1, 0)
    source: np.ndarray = anchors[i, 1] + (clean - anchors[i, 0])
    return source


def fingerprint(doc: Document, options: CopyOptions | None = None) -> tuple[np.ndarray, int]:
    """The winnowed fingerprints of one report and the number of letters of its text.

    Returns a :data:`~kg.analysis.records.FINGERPRINT_DTYPE` table sorted by
    position; k-grams that lie mostly in a 《》 title or a stock phrase are
    never chosen.
    """
    options = options or CopyOptions()
    k, w = options.k, options.window
    codes, where = letters_of(doc.text)
    n = len(codes)
    if n < k:
        return empty_fingerprints(), n
    expected = _expected(doc.text, codes, where)
    covered = np.concatenate(([0], np.cumsum(expected, dtype=np.int64)))
    mostly_expected = 2 * (covered[k:] - covered[:-k]) >= k
    key = _kgram_hashes(codes, k) >> np.uint64(32)
    key[mostly_expected] = _NO_HASH
    if len(key) <= w:
        chosen = np.array([len(key) - 1 - int(np.argmin(key[::-1]))])
    else:
        windows = np.lib.stride_tricks.sliding_window_view(key, w)
        rightmost_min = w - 1 - np.argmin(windows[:, ::-1], axis=1)
        chosen = np.unique(np.arange(len(windows)) + rightmost_min)
    chosen = chosen[key[chosen] != _NO_HASH]
    table = np.zeros(len(chosen), dtype=FINGERPRINT_DTYPE)
    table["hash"] = key[chosen].astype(np.uint32)
    table["position"] = chosen
    table["start"] = _to_source(doc.source.offsets, where[chosen])
    table["end"] = _to_source(doc.source.offsets, where[chosen + k - 1]) + 1
    return table, n


# --- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A passage two reports share: its spans in both source files and its length in letters."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    letters: int


@dataclass(frozen=True)
class CopyPair:
    """Two reports sharing passages beyond expected reuse.

    ``report_a`` is the earlier report (by year, then id), the likely source;
    ``shared_chars`` counts letters (punctuation and spaces left out) in the
    shared passages, the smaller of the two sides; ``share_a`` and ``share_b``
    are the shares of each report's letters they cover.
    """

    report_a: str
    report_b: str
    path_a: str
    path_b: str
    unit_a: Unit
    unit_b: Unit
    year_a: int | None
    year_b: int | None
    kind: str
    shared_chars: int
    share_a: float
    share_b: float
    longest_passage: int
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class CopyResult:
    """The pairs found, and the counts that explain them."""

    pairs: list[CopyPair]
    reports: int
    units: int
    fingerprints: int
    common_threshold: int
    common_fingerprints: int
    candidate_pairs: int


@dataclass(frozen=True)
class ReportRef:
    """What copy detection needs of a report besides its fingerprints."""

    report: str
    path: str
    unit: Unit
    year: int | None
    letters: int


def find_copies(
    profiles: Iterable[ReportProfile], options: CopyOptions | None = None
) -> CopyResult:
    """Pairs of reports sharing passages, from their profiles (fingerprints included)."""
    reports, tables = [], []
    for p in profiles:
        reports.append(ReportRef(p.report, p.path, p.unit, p.year, p.letters))
        tables.append(p.fingerprints)
    table = np.concatenate(tables) if tables else empty_fingerprints()
    return copies_in_table(reports, table, [len(t) for t in tables], options)


def copies_in_table(
    reports: Sequence[ReportRef],
    table: np.ndarray,
    counts: Sequence[int],
    options: CopyOptions | None = None,
) -> CopyResult:
    """:func:`find_copies` on the fingerprints of all reports in one table.

    ``table`` holds each report's fingerprints in turn (``counts[i]`` rows for
    ``reports[i]``); it may be a memory map of the build's fingerprint file,
    so that only the fingerprints that matter are ever read into memory.
    """
    options = options or CopyOptions()
    n_reports = len(reports)
    owner = _Owner(np.cumsum(np.asarray(counts, dtype=np.int64)))
    unit_ids: dict[Unit, int] = {}
    unit_of = np.empty(n_reports, dtype=np.int64)
    for i, r in enumerate(reports):
        # A report whose unit was not found is a unit of its own.
        key = r.unit if r.unit.known else Unit(name=f"\x00{i}")
        unit_of[i] = unit_ids.setdefault(key, len(unit_ids))
    common = options.common_threshold(len(unit_ids))
    a, b, n_common = _matching_entries(table["hash"], owner, unit_of, common)
    pairs = _pairs(reports, table, owner, a, b, options)
    return CopyResult(
        pairs=pairs,
        reports=n_reports,
        units=len(unit_ids),
        fingerprints=len(table),
        common_threshold=common,
        common_fingerprints=n_common,
        candidate_pairs=len(np.unique(owner(a) * n_reports + owner(b))) if len(a) else 0,
    )


class _Owner:
    """The report each row of the fingerprint table belongs to, looked up by row.

    A lookup in the reports' row ends instead of an array of one owner per row:
    the corpus step then holds only the partition it sorts, never a column of
    the whole table.
    """

    def __init__(self, ends: np.ndarray) -> None:
        self.ends = ends

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ends, rows, side="right")


#: Fingerprints sorted at once; more are split by hash so memory stays flat.
_PARTITION_ROWS = 500_000


def _partition(hashes: np.ndarray, parts: int, part: int) -> np.ndarray:
    """Rows whose hash falls in ``part`` of ``parts``, read a slice of the table at a time."""
    if parts == 1:
        return np.arange(len(hashes))
    found = [
        np.flatnonzero(hashes[start : start + _PARTITION_ROWS] % parts == part) + start
        for start in range(0, len(hashes), _PARTITION_ROWS)
    ]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _matching_entries(
    hashes: np.ndarray, owner: _Owner, unit_of: np.ndarray, common: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Row pairs of ``hashes`` with one rare fingerprint in two different reports.

    A fingerprint is kept when at least two reports have it and fewer than
    ``common`` units do.  Returns the rows ``(a, b)`` with ``owner[a] < owner[b]``
    and how many fingerprints (rows) were common.
    """
    parts = max(1, math.ceil(len(hashes) / _PARTITION_ROWS))
    found_a, found_b, n_common = [], [], 0
    for part in range(parts):
        rows = _partition(hashes, parts, part)
        h, o = hashes[rows], owner(rows)
        u = unit_of[o]
        order = np.lexsort((o, u, h))
        rows, h, o, u = rows[order], h[order], o[order], u[order]
        first = np.ones(len(h), dtype=bool)
        first[1:] = h[1:] != h[:-1]
        new_unit, new_report = first.copy(), first.copy()
        new_unit[1:] |= u[1:] != u[:-1]
        new_report[1:] |= o[1:] != o[:-1]
        group = np.cumsum(first) - 1
        units = np.bincount(group, weights=new_unit)[group]
        n_reports = np.bincount(group, weights=new_report)[group]
        n_common += int(np.count_nonzero(units >= common))
        keep = (n_reports >= 2) & (units < common)
        rows, o, group = rows[keep], o[keep], group[keep]
        # Rows of one fingerprint are adjacent: pair each with the next d rows of its group.
        d = 1
        while d < len(rows):
            i = np.flatnonzero(group[:-d] == group[d:])
            if not len(i):
                break
            j = i + d
            other = o[i] != o[j]
            found_a.append(rows[i[other]])
            found_b.append(rows[j[other]])
            d += 1
    if not found_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, n_common
    a, b = np.concatenate(found_a), np.concatenate(found_b)
    swap = owner(a) > owner(b)
    a[swap], b[swap] = b[swap], a[swap]
    return a, b, n_common


def _pairs(
    reports: Sequence[ReportRef],
    table: np.ndarray,
    owner: _Owner,
    a: np.ndarray,
    b: np.ndarray,
    options: CopyOptions,
) -> list[CopyPair]:
    """Chain the matches of each pair of reports into passages; keep pairs sharing enough."""
    if not len(a):
        return []
    n = len(reports)
    pair = owner(a) * n + owner(b)
    pa = table["position"][a].astype(np.int64)
    pb = table["position"][b].astype(np.int64)
    order = np.lexsort((pb, pa, pair))
    pair, pa, pb, a, b = pair[order], pa[order], pb[order], a[order], b[order]
    diag = pb - pa
    new = np.ones(len(pair), dtype=bool)
    new[1:] = (
        (pair[1:] != pair[:-1])
        | (np.abs(diag[1:] - diag[:-1]) > options.drift)
        | (pa[1:] - pa[:-1] > options.gap)
    )
    starts = np.flatnonzero(new)
    k = options.k
    size = np.diff(np.append(starts, len(pair)))
    length_a = np.maximum.reduceat(pa, starts) - np.minimum.reduceat(pa, starts) + k
    length_b = np.maximum.reduceat(pb, starts) - np.minimum.reduceat(pb, starts) + k
    a_start = np.minimum.reduceat(table["start"][a].astype(np.int64), starts)
    a_end = np.maximum.reduceat(table["end"][a].astype(np.int64), starts)
    b_start = np.minimum.reduceat(table["start"][b].astype(np.int64), starts)
    b_end = np.maximum.reduceat(table["end"][b].astype(np.int64), starts)
    a_first = np.minimum.reduceat(pa, starts)
    b_first = np.minimum.reduceat(pb, starts)
    good = (size >= 2) & (np.minimum(length_a, length_b) >= options.min_passage)
    found: list[CopyPair] = []
    kept = np.flatnonzero(good)  # passages, sorted by pair
    keys, firsts = np.unique(pair[starts][kept], return_index=True)
    for key, idx in zip(keys.tolist(), np.split(kept, firsts[1:])):
        i, j = divmod(int(key), n)
        cover_a = _covered(a_first[idx], length_a[idx])
        cover_b = _covered(b_first[idx], length_b[idx])
        shared = min(cover_a, cover_b)
        if shared < options.min_shared:
            continue
        passages = tuple(
            Passage(
                int(a_start[x]),
                int(a_end[x]),
                int(b_start[x]),
                int(b_end[x]),
                int(min(length_a[x], length_b[x])),
            )
            for x in idx
        )
        found.append(_copy_pair(reports[i], reports[j], shared, cover_a, cover_b, passages))
    found.sort(key=lambda p: (-p.shared_chars, p.report_a, p.report_b))
    return found


def _covered(firsts: np.ndarray, lengths: np.ndarray) -> int:
    """Letters covered by the intervals ``[first, first + length)`` (overlaps counted once)."""
    total, reach = 0, -1
    for first, length in sorted(zip(firsts.tolist(), lengths.tolist())):
        end = first + length
        if end > reach:
            total += end - max(first, reach)
            reach = end
    return total


def _year_order(r: ReportRef) -> tuple[bool, int, str]:
    return (r.year is None, r.year or 0, r.report)


def _copy_pair(
    x: ReportRef,
    y: ReportRef,
    shared: int,
    cover_x: int,
    cover_y: int,
    passages: tuple[Passage, ...],
) -> CopyPair:
    if _year_order(y) < _year_order(x):
        x, y, cover_x, cover_y = y, x, cover_y, cover_x
        passages = tuple(
            Passage(p.b_start, p.b_end, p.a_start, p.a_end, p.letters) for p in passages
        )
    passages = tuple(sorted(passages, key=lambda p: (p.a_start, p.b_start)))
    if not (x.unit.known and y.unit.known):
        kind = "unknown-unit"
    elif x.unit != y.unit:
        kind = "cross-unit"
    else:
        kind = "same-year" if x.year == y.year else "cross-year"
    return CopyPair(
        report_a=x.report,
        report_b=y.report,
        path_a=x.path,
        path_b=y.path,
        unit_a=x.unit,
        unit_b=y.unit,
        year_a=x.year,
        year_b=y.year,
        kind=kind,
        shared_chars=shared,
        share_a=round(cover_x / x.letters, 4) if x.letters else 0.0,
        share_b=round(cover_y / y.letters, 4) if y.letters else 0.0,
        longest_passage=max(p.letters for p in passages),
        passages=passages,
    )
