"""Compare towns by their mechanisms: similar towns, nearest towns, unique mechanisms, spread.

Plain functions from a graph to rows; nothing here prints or writes.  The
mechanism sets are those of :func:`kg.analysis.cooccurrence.town_sets` for one stance.

Similarity of two towns is Jaccard (shared / either) or cosine
(shared / sqrt(|A| |B|)) of their mechanism sets.  Both depend on how much a
report says: a long report lists more mechanisms, so two long reports share
more; cosine is a little less sensitive to one town listing many more than the other.

Examples
--------
>>> from rdflib import Graph
>>> from kg.namespaces import FZ, ID, MECHANISM
>>> g = Graph()
>>> for t, ms in {"t1": "abc", "t2": "ab", "t3": "d"}.items():
...     for m in ms:
...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
>>> [(r.a_label, r.b_label, r.shared, r.similarity) for r in town_pairs(g)]
[('t1', 't2', 2, 0.6667)]
>>> [(r.town_label, r.mechanism_label) for r in unique_mechanisms(g)]
[('t1', 'c'), ('t3', 'd')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from kg.analysis.cooccurrence import (
    UNKNOWN,
    Facts,
    TownSets,
    facts_index,
    report_incidence,
    town_sets,
)
from kg.errors import UsageError
from kg.graph.index import TripleIndex, text_of
from kg.namespaces import FZ

_ABOUT, _YEAR, _PART_OF, _LOCATED_IN, _PROVINCE = (
    str(FZ[name]) for name in ("about", "year", "partOf", "locatedIn", "Province")
)

#: Measures of town similarity (set overlap; lift and NPMI need a population of towns).
TOWN_MEASURES = ("jaccard", "cosine")


@dataclass(frozen=True)
class TownPairRow:
    """Two towns, the mechanisms they share and how similar their sets are."""

    a: str
    a_label: str
    b: str
    b_label: str
    shared: int
    shared_labels: tuple[str, ...]
    a_mechanisms: int
    b_mechanisms: int
    similarity: float
    measure: str


@dataclass(frozen=True)
class NeighbourRow:
    """One of a town's nearest towns (``rank`` 1 is the most similar)."""

    town: str
    town_label: str
    rank: int
    other: str
    other_label: str
    similarity: float
    shared: int


@dataclass(frozen=True)
class UniqueRow:
    """A mechanism that only one town has (under the chosen stance)."""

    town: str
    town_label: str
    mechanism: str
    mechanism_label: str


@dataclass(frozen=True)
class AdoptionRow:
    """How many towns of a group (a year, a province) have a mechanism.

    ``of_towns`` counts the towns in the group (the denominator), also those
    without the mechanism; ``share = towns / of_towns``.  Every group gets a
    row for every mechanism any group has, zeros included.
    """

    by: str
    group: str
    mechanism: str
    mechanism_label: str
    towns: int
    of_towns: int
    share: float


def town_pairs(
    graph: Facts, stance: str = "adopted", measure: str = "jaccard", min_shared: int = 1
) -> list[TownPairRow]:
    """Pairs of towns sharing at least ``min_shared`` mechanisms, most similar first.

    Parameters
    ----------
    graph : rdflib.Graph, TownFacts or TripleIndex
        The knowledge graph or the town facts of a build (see :func:`facts_index`).
    stance : {"adopted", "planned", "problem", "any"}
        Which town facts count.
    measure : {"jaccard", "cosine"}
        Similarity of the two mechanism sets.
    min_shared : int
        Fewest shared mechanisms for a pair to be listed (0 lists every pair).

    Returns
    -------
    list of TownPairRow
        Sorted by similarity (descending), shared mechanisms, then labels.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "abcd"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> [r.similarity for r in town_pairs(g, measure="cosine")]
    [0.7071]
    """
    if min_shared < 0:
        raise UsageError(f"min_shared must be 0 or more, not {min_shared}")
    return _pairs(_overlap(town_sets(graph, stance), measure), min_shared)


@dataclass(frozen=True)
class _Overlap:
    """Shared mechanisms and similarity of every two towns, as matrices in town order."""

    sets: TownSets
    measure: str
    mechanisms: tuple[frozenset[str], ...]
    shared: np.ndarray
    similarity: np.ndarray


def _overlap(sets: TownSets, measure: str) -> _Overlap:
    if measure not in TOWN_MEASURES:
        raise UsageError(f"unknown town measure {measure!r}: use one of {', '.join(TOWN_MEASURES)}")
    of = sets.mechanisms_of()
    mechs = sets.mechanisms
    column = {m: j for j, m in enumerate(mechs)}
    x = np.zeros((len(sets.towns), len(mechs)), dtype=np.int32)
    for i, town in enumerate(sets.towns):
        for m in of[town]:
            x[i, column[m]] = 1
    # One matrix product instead of a set intersection per pair: N^2 / 2 pairs add up fast.
    shared = x @ x.T
    size = x.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "jaccard":
            sim = shared / (size[:, None] + size[None, :] - shared)
        else:
            sim = shared / np.sqrt(np.outer(size, size))
    sim = np.round(np.nan_to_num(sim, nan=0.0, posinf=0.0), 4)
    return _Overlap(sets, measure, tuple(of[t] for t in sets.towns), shared, sim)


def _pairs(
    o: _Overlap, min_shared: int, only: set[frozenset[str]] | None = None
) -> list[TownPairRow]:
    i, j = np.triu_indices(len(o.sets.towns), k=1)
    keep = o.shared[i, j] >= min_shared
    i, j = i[keep], j[keep]
    if only is not None:
        towns = o.sets.towns
        chosen = np.array(
            [frozenset((towns[a], towns[b])) in only for a, b in zip(i.tolist(), j.tolist())],
            dtype=bool,
        )
        i, j = i[chosen], j[chosen]
    # Most similar first, then most shared; towns are in label order, so index order breaks ties.
    order = np.lexsort((j, i, -o.shared[i, j], -o.similarity[i, j]))
    towns, labels = o.sets.towns, o.sets.labels
    return [
        TownPairRow(
            towns[a],
            labels[towns[a]],
            towns[b],
            labels[towns[b]],
            int(o.shared[a, b]),
            tuple(sorted(labels[m] for m in o.mechanisms[a] & o.mechanisms[b])),
            len(o.mechanisms[a]),
            len(o.mechanisms[b]),
            float(o.similarity[a, b]),
            o.measure,
        )
        for a, b in zip(i[order].tolist(), j[order].tolist())
    ]


def nearest_towns(
    graph: Facts, stance: str = "adopted", measure: str = "jaccard", k: int = 3
) -> list[NeighbourRow]:
    """Each town's ``k`` most similar towns (only towns sharing a mechanism).

    Ties are broken by shared mechanisms, then label, so the list is stable;
    a town with no mechanism under ``stance`` has no neighbours.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "ab", "t3": "abc"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> [(r.town_label, r.rank, r.other_label, r.similarity) for r in nearest_towns(g, k=1)]
    [('t1', 1, 't2', 1.0), ('t2', 1, 't1', 1.0), ('t3', 1, 't1', 0.6667)]
    """
    if k < 1:
        raise UsageError(f"k must be at least 1, not {k}")
    return _nearest(_overlap(town_sets(graph, stance), measure), k)


def _nearest(o: _Overlap, k: int) -> list[NeighbourRow]:
    towns, labels = o.sets.towns, o.sets.labels
    index = np.arange(len(towns))
    rows: list[NeighbourRow] = []
    for a, town in enumerate(towns):
        order = np.lexsort((index, -o.shared[a], -o.similarity[a]))
        found = [b for b in order.tolist() if b != a and o.shared[a, b] > 0][:k]
        rows.extend(
            NeighbourRow(
                town,
                labels[town],
                rank,
                towns[b],
                labels[towns[b]],
                float(o.similarity[a, b]),
                int(o.shared[a, b]),
            )
            for rank, b in enumerate(found, 1)
        )
    return rows


def unique_mechanisms(graph: Facts, stance: str = "adopted") -> list[UniqueRow]:
    """Mechanisms that exactly one town has, by town.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> _ = g.add((ID.t1, FZ.plans, MECHANISM.x))
    >>> [r.mechanism_label for r in unique_mechanisms(g, "planned")]
    ['x']
    """
    return _unique(town_sets(graph, stance))


def _unique(sets: TownSets) -> list[UniqueRow]:
    rows = [
        UniqueRow(t, sets.labels[t], m, sets.labels[m])
        for m, towns in sets.towns_of.items()
        if len(towns) == 1
        for t in towns
    ]
    return sorted(rows, key=lambda r: (r.town_label, r.town, r.mechanism_label))


def adoption_by_year(graph: Facts, stance: str = "adopted") -> list[AdoptionRow]:
    """Per report year, how many reporting towns name each mechanism (by section).

    A town counts once per year; its reports of other years count there.
    Reports without a year form the group ``未详``.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.namespaces import ID, MECHANISM, RDF
    >>> g = Graph()
    >>> facts = [(ID.r1, 2023, "x"), (ID.r2, 2023, None), (ID.r3, 2024, "x")]
    >>> for i, (report, year, mech) in enumerate(facts):
    ...     _ = g.add((report, FZ.about, ID[f"t{i}"])); _ = g.add((report, FZ.year, Literal(year)))
    ...     if mech:
    ...         for s, p, o in [(ID[f"m{i}"], RDF.type, FZ.Mention), (ID[f"m{i}"], FZ.inReport, report),
    ...                         (ID[f"m{i}"], FZ.refersTo, MECHANISM[mech]),
    ...                         (ID[f"m{i}"], FZ.section, FZ.Achievements)]:
    ...             _ = g.add((s, p, o))
    >>> [(r.group, r.towns, r.of_towns) for r in adoption_by_year(g)]
    [('2023', 1, 2), ('2024', 1, 1)]
    """
    data = facts_index(graph)
    towns_in_year: dict[str, set[str]] = defaultdict(set)
    for report, props in data.by_subject.items():
        for town in props.get(_ABOUT, ()):
            year = data.value(report, _YEAR)
            towns_in_year[text_of(year) if year is not None else UNKNOWN].add(text_of(town))
    having: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels = {}
    for row in report_incidence(data, stance):
        group = str(row.year) if row.year is not None else UNKNOWN
        having[(group, row.mechanism)].add(row.town)
        labels[row.mechanism] = row.mechanism_label
    return _rows("year", having, towns_in_year, labels)


def adoption_by_province(graph: Facts, stance: str = "adopted") -> list[AdoptionRow]:
    """Per province, how many of its towns have each mechanism (town facts).

    The province is the fz:Province the town is part of (through county and
    city); towns the gazetteer did not place form the group ``未详``.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.namespaces import ID, MECHANISM, RDF, RDFS
    >>> g = Graph()
    >>> for s, p, o in [(ID.t1, FZ.partOf, ID.c1), (ID.c1, FZ.partOf, ID.p1),
    ...                 (ID.p1, RDF.type, FZ.Province), (ID.p1, RDFS.label, Literal("江西省")),
    ...                 (ID.t1, FZ.adopts, MECHANISM.x), (ID.t2, FZ.adopts, MECHANISM.x)]:
    ...     _ = g.add((s, p, o))
    >>> [(r.group, r.towns, r.of_towns) for r in adoption_by_province(g)]
    [('未详', 1, 1), ('江西省', 1, 1)]
    """
    data = facts_index(graph)
    return _by_province(data, town_sets(data, stance))


def _by_province(data: TripleIndex, sets: TownSets) -> list[AdoptionRow]:
    province_of = {t: _province(data, t) for t in sets.towns}
    towns_in: dict[str, set[str]] = defaultdict(set)
    for town, province in province_of.items():
        towns_in[province].add(town)
    having: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mech, towns in sets.towns_of.items():
        for town in towns:
            having[(province_of[town], mech)].add(town)
    return _rows("province", having, towns_in, sets.labels)


def _province(data: TripleIndex, town: str) -> str:
    seen, todo = set(), [town]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if _PROVINCE in data.types(node):
            return data.label(node)
        # A department is fz:locatedIn its county, which is fz:partOf the rest.
        todo.extend(
            sorted(
                o
                for p in (_PART_OF, _LOCATED_IN)
                for o in data.objects(node, p)
                if type(o) is str and not o.startswith("_:")  # IRIs only
            )
        )
    return UNKNOWN


def _rows(
    by: str,
    having: dict[tuple[str, str], set[str]],
    members: dict[str, set[str]],
    labels: dict[str, str],
) -> list[AdoptionRow]:
    # Every group x mechanism, zeros included: "0 of 3 towns in 2023" is a finding too.
    mechanisms = {mech for _, mech in having}
    rows = []
    for group, towns_of_group in members.items():
        for mech in mechanisms:
            count = len(having.get((group, mech), ()))
            rows.append(
                AdoptionRow(
                    by,
                    group,
                    mech,
                    labels[mech],
                    count,
                    len(towns_of_group),
                    round(count / len(towns_of_group), 4) if towns_of_group else 0.0,
                )
            )
    return sorted(rows, key=lambda r: (r.group, -r.towns, r.mechanism_label, r.mechanism))


def spans(rows: list[AdoptionRow]) -> bool:
    """Whether the rows cover two or more known groups, so a comparison means something.

    Examples
    --------
    >>> spans([AdoptionRow("year", "2023", "m", "m", 1, 1, 1.0)])
    False
    """
    return len({r.group for r in rows if r.group != UNKNOWN}) >= 2


@dataclass(frozen=True)
class TownReport:
    """Everything ``kg towns`` shows for one stance and measure.

    ``pairs`` holds the pairs that are among some town's ``k`` nearest, or
    every pair sharing a mechanism when the report was made with ``all_pairs``.
    """

    stance: str
    measure: str
    n_towns: int
    pairs: tuple[TownPairRow, ...]
    nearest: tuple[NeighbourRow, ...]
    unique: tuple[UniqueRow, ...]
    by_year: tuple[AdoptionRow, ...]
    by_province: tuple[AdoptionRow, ...]


def town_report(
    graph: Facts,
    stance: str = "adopted",
    measure: str = "jaccard",
    k: int = 3,
    all_pairs: bool = False,
) -> TownReport:
    """Similar towns, each town's ``k`` nearest, unique mechanisms, spread by year and province.

    Parameters
    ----------
    graph : rdflib.Graph, TownFacts or TripleIndex
        The knowledge graph or the town facts of a build (see :func:`facts_index`).
    stance : {"adopted", "planned", "problem", "any"}
        Which town facts count.
    measure : {"jaccard", "cosine"}
        Similarity of two towns' mechanism sets.
    k : int
        Nearest towns per town.
    all_pairs : bool
        List every pair of towns sharing a mechanism, not only nearest ones:
        N (N - 1) / 2 rows, half a million for a thousand towns.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "ab", "t3": "c"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> r = town_report(g)
    >>> r.n_towns, len(r.pairs), len(r.nearest), [u.mechanism_label for u in r.unique]
    (3, 1, 2, ['c'])
    """
    if k < 1:
        raise UsageError(f"k must be at least 1, not {k}")
    data = facts_index(graph)
    sets = town_sets(data, stance)
    overlap = _overlap(sets, measure)
    nearest = _nearest(overlap, k)
    pairs = _pairs(
        overlap, 1, None if all_pairs else {frozenset((r.town, r.other)) for r in nearest}
    )
    return TownReport(
        stance,
        measure,
        sets.n,
        tuple(pairs),
        tuple(nearest),
        tuple(_unique(sets)),
        tuple(adoption_by_year(data, stance)),
        tuple(_by_province(data, sets)),
    )
