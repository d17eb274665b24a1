"""Compare towns by their mechanisms: similar towns, nearest towns, unique mechanisms, spread.

Plain functions from a graph to rows; nothing here prints or writes.  The
mechanism sets are those of :func:`kg.analysis.town_sets` for one stance.

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

import itertools
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, URIRef

from kg.analysis import UNKNOWN, label, report_incidence, town_sets
from kg.errors import UsageError
from kg.namespaces import FZ, RDF
from kg.stats import cosine, jaccard

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
    without the mechanism; ``share = towns / of_towns``.
    """

    by: str
    group: str
    mechanism: str
    mechanism_label: str
    towns: int
    of_towns: int
    share: float


def _similarity(measure: str, shared: int, a: int, b: int) -> float:
    if measure == "jaccard":
        return round(jaccard(shared, a, b), 4)
    if measure == "cosine":
        return round(cosine(shared, a, b), 4)
    raise UsageError(f"unknown town measure {measure!r}: use one of {', '.join(TOWN_MEASURES)}")


def town_pairs(graph: Graph, stance: str = "adopted", measure: str = "jaccard",
               min_shared: int = 1) -> list[TownPairRow]:
    """Pairs of towns sharing at least ``min_shared`` mechanisms, most similar first.

    Parameters
    ----------
    graph : rdflib.Graph
        The knowledge graph.
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
    _similarity(measure, 0, 0, 0)
    if min_shared < 0:
        raise UsageError(f"min_shared must be 0 or more, not {min_shared}")
    sets = town_sets(graph, stance)
    mechs = sets.mechanisms_of()
    rows = []
    for a, b in itertools.combinations(sets.towns, 2):
        both = mechs[a] & mechs[b]
        if len(both) < min_shared:
            continue
        rows.append(TownPairRow(
            a, sets.labels[a], b, sets.labels[b], len(both),
            tuple(sorted(sets.labels[m] for m in both)), len(mechs[a]), len(mechs[b]),
            _similarity(measure, len(both), len(mechs[a]), len(mechs[b])), measure))
    return sorted(rows, key=lambda r: (-r.similarity, -r.shared, r.a_label, r.b_label))


def nearest_towns(graph: Graph, stance: str = "adopted", measure: str = "jaccard",
                  k: int = 3) -> list[NeighbourRow]:
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
    near: dict[str, list[tuple[str, str, float, int]]] = defaultdict(list)
    for p in town_pairs(graph, stance, measure, min_shared=1):
        near[p.a].append((p.a_label, p.b, p.b_label, p.similarity, p.shared))
        near[p.b].append((p.b_label, p.a, p.a_label, p.similarity, p.shared))
    rows = []
    for town, found in near.items():
        found.sort(key=lambda x: (-x[3], -x[4], x[2], x[1]))
        rows.extend(NeighbourRow(town, own, rank, other, other_label, sim, shared)
                    for rank, (own, other, other_label, sim, shared) in enumerate(found[:k], 1))
    return sorted(rows, key=lambda r: (r.town_label, r.town, r.rank))


def unique_mechanisms(graph: Graph, stance: str = "adopted") -> list[UniqueRow]:
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
    sets = town_sets(graph, stance)
    rows = [UniqueRow(t, sets.labels[t], m, sets.labels[m])
            for m, towns in sets.towns_of.items() if len(towns) == 1 for t in towns]
    return sorted(rows, key=lambda r: (r.town_label, r.town, r.mechanism_label))


def adoption_by_year(graph: Graph, stance: str = "adopted") -> list[AdoptionRow]:
    """Per report year, how many reporting towns name each mechanism (by section).

    A town counts once per year; its reports of other years count there.
    Reports without a year form the group ``未详``.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> facts = [(ID.r1, 2023, "x"), (ID.r2, 2023, None), (ID.r3, 2024, "x")]
    >>> for i, (report, year, mech) in enumerate(facts):
    ...     _ = g.add((report, FZ.aboutTown, ID[f"t{i}"])); _ = g.add((report, FZ.year, Literal(year)))
    ...     if mech:
    ...         for s, p, o in [(ID[f"m{i}"], RDF.type, FZ.Mention), (ID[f"m{i}"], FZ.inReport, report),
    ...                         (ID[f"m{i}"], FZ.refersTo, MECHANISM[mech]),
    ...                         (ID[f"m{i}"], FZ.section, FZ.Achievements)]:
    ...             _ = g.add((s, p, o))
    >>> [(r.group, r.towns, r.of_towns) for r in adoption_by_year(g)]
    [('2023', 1, 2), ('2024', 1, 1)]
    """
    towns_in_year: dict[str, set[str]] = defaultdict(set)
    for report, town in graph.subject_objects(FZ.aboutTown):
        year = graph.value(report, FZ.year)
        towns_in_year[str(year) if year is not None else UNKNOWN].add(str(town))
    having: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels = {}
    for row in report_incidence(graph, stance):
        group = str(row.year) if row.year is not None else UNKNOWN
        having[(group, row.mechanism)].add(row.town)
        labels[row.mechanism] = row.mechanism_label
    return _rows("year", having, towns_in_year, labels)


def adoption_by_province(graph: Graph, stance: str = "adopted") -> list[AdoptionRow]:
    """Per province, how many of its towns have each mechanism (town facts).

    The province is the fz:Province the town is part of (through county and
    city); towns the gazetteer did not place form the group ``未详``.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.namespaces import ID, MECHANISM, RDFS
    >>> g = Graph()
    >>> for s, p, o in [(ID.t1, FZ.partOf, ID.c1), (ID.c1, FZ.partOf, ID.p1),
    ...                 (ID.p1, RDF.type, FZ.Province), (ID.p1, RDFS.label, Literal("江西省")),
    ...                 (ID.t1, FZ.adopts, MECHANISM.x), (ID.t2, FZ.adopts, MECHANISM.x)]:
    ...     _ = g.add((s, p, o))
    >>> [(r.group, r.towns, r.of_towns) for r in adoption_by_province(g)]
    [('未详', 1, 1), ('江西省', 1, 1)]
    """
    sets = town_sets(graph, stance)
    province_of = {t: _province(graph, t) for t in sets.towns}
    towns_in: dict[str, set[str]] = defaultdict(set)
    for town, province in province_of.items():
        towns_in[province].add(town)
    having: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mech, towns in sets.towns_of.items():
        for town in towns:
            having[(province_of[town], mech)].add(town)
    return _rows("province", having, towns_in, sets.labels)


def _province(graph: Graph, town: str) -> str:
    seen, todo = set(), [URIRef(town)]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if (node, RDF.type, FZ.Province) in graph:
            return label(graph, node)
        todo.extend(sorted(graph.objects(node, FZ.partOf)))
    return UNKNOWN


def _rows(by: str, having: dict[tuple[str, str], set[str]], members: dict[str, set[str]],
          labels: dict[str, str]) -> list[AdoptionRow]:
    rows = [AdoptionRow(by, group, mech, labels[mech], len(towns), len(members[group]),
                        round(len(towns) / len(members[group]), 4) if members[group] else 0.0)
            for (group, mech), towns in having.items()]
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
    """Everything ``kg towns`` shows for one stance and measure."""

    stance: str
    measure: str
    n_towns: int
    pairs: tuple[TownPairRow, ...]
    nearest: tuple[NeighbourRow, ...]
    unique: tuple[UniqueRow, ...]
    by_year: tuple[AdoptionRow, ...]
    by_province: tuple[AdoptionRow, ...]


def town_report(graph: Graph, stance: str = "adopted", measure: str = "jaccard",
                k: int = 3) -> TownReport:
    """Similar towns, each town's ``k`` nearest, unique mechanisms, spread by year and province.

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
    return TownReport(stance, measure, town_sets(graph, stance).n,
                      tuple(town_pairs(graph, stance, measure)),
                      tuple(nearest_towns(graph, stance, measure, k)),
                      tuple(unique_mechanisms(graph, stance)),
                      tuple(adoption_by_year(graph, stance)),
                      tuple(adoption_by_province(graph, stance)))
