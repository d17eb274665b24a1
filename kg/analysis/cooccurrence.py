"""Analyse the knowledge graph: which mechanisms go together across towns.

Every function takes a graph (an rdflib graph, the town facts a build kept, or
their index: :func:`facts_index`) and returns plain rows (frozen dataclasses) or
a networkx graph; nothing here prints, draws or writes files.

The unit is the town: a mechanism counts once per town however often and in
however many reports it is named.  Which town facts count is the *stance*:
``adopted`` (``fz:adopts``: named in an achievements or duties section),
``planned`` (``fz:plans``), ``problem`` (``fz:reportsWeakness``) or ``any``
of the three.  The population ``N`` is every town in the graph, also towns
with no fact of the stance: a town that names no weakness is evidence too.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from kg.namespaces import FZ, RDF, RDFS, SKOS, ID, MECHANISM
>>> g = Graph()
>>> for town, mechs in {"t1": ["a", "b"], "t2": ["a", "b", "c"], "t3": ["a"]}.items():
...     _ = g.add((ID[town], RDF.type, FZ.Town)); _ = g.add((ID[town], RDFS.label, Literal(town)))
...     for m in mechs:
...         _ = g.add((ID[town], FZ.adopts, MECHANISM[m]))
>>> [(r.a_label, r.b_label, r.towns) for r in cooccurrence(g)]
[('a', 'b', 2), ('a', 'c', 1), ('b', 'c', 1)]
>>> row = cooccurrence(g)[0]
>>> row.jaccard, row.lift, row.note
(0.6667, 1.0, 'too few towns to test (N=3 < 10)')
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeAlias, cast

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.analysis.facts import TownFacts
from kg.analysis.stats import ALPHA, MEASURES, MIN_UNITS, PairTest, pair_tests
from kg.analysis.stats import cosine as _cosine
from kg.analysis.stats import jaccard as _jaccard
from kg.analysis.stats import lift as _lift
from kg.analysis.stats import npmi as _npmi
from kg.errors import UsageError
from kg.graph.index import TripleIndex, text_of
from kg.graph.terms import Lit, Triple, writer_term
from kg.model import FACT_STANCES
from kg.namespaces import (
    FZ,
    ID,
    MECHANISM,
    RDF,
    RDFS,
    SECTION_TERM_STANCES,
    SKOS,
    STANCE_PROPERTIES,
)

#: Town facts counted by each stance.
STANCES = {stance.value: prop for stance, prop in STANCE_PROPERTIES.items()}
#: The stance a mention's section gives (the graph builder's rule); other sections give none.
SECTION_STANCE: dict[Node, str] = {
    term: stance.value for term, stance in SECTION_TERM_STANCES.items() if stance in FACT_STANCES
}
#: Edges of :func:`mechanism_network` need a measure strictly above this by default:
#: independence for lift (1) and NPMI (0); a modest overlap for Jaccard and cosine.
DEFAULT_THRESHOLDS = {"jaccard": 0.2, "cosine": 0.4, "lift": 1.0, "npmi": 0.0}
#: Seed of the Louvain community search, so the same graph gives the same communities.
LOUVAIN_SEED = 42
#: Label of a group (year, province) that the graph does not know.
UNKNOWN = "未详"


@dataclass(frozen=True)
class IncidenceRow:
    """One town using one mechanism with a stance (adopted, planned, problem).

    ``sections`` are the section kinds (``Achievements``, ``Duties`` ...) of
    the mentions behind the fact and ``mentions`` their number; both are empty
    when the graph holds the fact without evidence.
    """

    town: str
    town_label: str
    mechanism: str
    mechanism_label: str
    stance: str
    sections: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True)
class ReportIncidenceRow:
    """One report naming one mechanism in sections of one stance."""

    report: str
    report_label: str
    year: int | None
    town: str
    town_label: str
    mechanism: str
    mechanism_label: str
    stance: str
    sections: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class PairRow:
    """Two mechanisms, the towns where both occur, and how strongly they go together.

    ``towns`` (k) towns have both, ``a_towns`` (a) and ``b_towns`` (b) each,
    ``n_towns`` (N) are in the graph; ``expected = a b / N`` is k under
    independence.  ``p_value`` is the one-sided hypergeometric (Fisher) test of
    "together more often than chance", ``q_value`` its Benjamini-Hochberg
    correction over every testable pair; both are None when the counts are too
    low to test, and ``note`` says why (see :func:`kg.analysis.stats.untestable_reason`).
    """

    a: str
    a_label: str
    b: str
    b_label: str
    towns: int
    town_labels: tuple[str, ...]
    a_towns: int
    b_towns: int
    jaccard: float
    n_towns: int = 0
    expected: float = 0.0
    cosine: float = 0.0
    lift: float = 0.0
    npmi: float = 0.0
    p_value: float | None = None
    q_value: float | None = None
    note: str = ""


@dataclass(frozen=True)
class MechanismRow:
    """A mechanism as a node of :func:`mechanism_network`.

    ``community`` numbers groups of two or more mechanisms from 1 (the
    largest); 0 means the mechanism has no edge.  ``degree_centrality`` and
    ``betweenness`` are networkx's normalised values on the unweighted edges;
    ``strength`` sums the measure over the node's edges.  ``everywhere`` marks
    a mechanism every town names: it gets no edges.
    """

    mechanism: str
    label: str
    towns: int
    share: float
    community: int
    degree: int
    strength: float
    degree_centrality: float
    betweenness: float
    everywhere: bool = False


@dataclass(frozen=True)
class TownSets:
    """Which towns have which mechanisms under one stance: the input of every count.

    ``towns`` is the population (every town in the graph), ``labels`` maps
    IRIs of towns and mechanisms to display labels (a town name shared by two
    towns gets its county or city added), ``towns_of`` maps a mechanism to
    its towns.
    """

    stance: str
    towns: tuple[str, ...]
    labels: dict[str, str]
    towns_of: dict[str, frozenset[str]]

    @property
    def n(self) -> int:
        """Towns in all (N)."""
        return len(self.towns)

    @property
    def mechanisms(self) -> tuple[str, ...]:
        """Mechanisms held by at least one town, sorted by label."""
        return tuple(sorted(self.towns_of, key=lambda m: (self.labels[m], m)))

    def mechanisms_of(self) -> dict[str, frozenset[str]]:
        """Town -> its mechanisms (towns without any map to an empty set)."""
        found: dict[str, set[str]] = {t: set() for t in self.towns}
        for mech, towns in self.towns_of.items():
            for town in towns:
                found[town].add(mech)
        return {t: frozenset(ms) for t, ms in found.items()}


#: Where the town facts live: the only nodes whose triples the analyses read.
_TOWN_FACT_SUBJECTS = tuple(
    str(ID[kind])
    for kind in ("town/", "county/", "department/", "city/", "province/", "report/", "mechanism/")
)
#: The predicates of the town facts.
TOWN_FACT_PREDICATES = frozenset(
    map(
        str,
        (
            RDF.type,
            RDFS.label,
            SKOS.prefLabel,
            FZ.partOf,
            FZ.locatedIn,
            FZ.about,
            FZ.aboutTown,
            FZ.year,
            *STANCES.values(),
        ),
    )
)


def is_town_fact(triple: Triple | tuple[str, str]) -> bool:
    """Whether every analysis here needs this triple (towns, places, reports, stances).

    A graph of the ontology plus these triples gives the same :func:`town_sets`,
    pairs, network and heat map as the whole graph at a small part of its size,
    which is what a streaming build keeps in memory.

    Only the subject and predicate are read: a (subject, predicate) pair will do.

    Examples
    --------
    >>> is_town_fact((str(ID["town/1"]), str(FZ.adopts), str(MECHANISM.x)))
    True
    >>> is_town_fact((str(ID["mention/1"]), str(RDF.type), str(FZ.Mention)))
    False
    """
    return triple[1] in TOWN_FACT_PREDICATES and triple[0].startswith(_TOWN_FACT_SUBJECTS)


_MENTION_FACTS = frozenset(map(str, (RDF.type, FZ.refersTo, FZ.inReport, FZ.section)))
_MECHANISM_IRI = str(MECHANISM)


def town_facts_of(triples: list[Triple]) -> list[Triple]:
    """One report's town facts and the mentions of vocabulary mechanisms (type, entity,
    report, section): everything the analyses here read, :func:`incidence` and
    adoption by year included (what ``town_facts.nt`` holds).

    Examples
    --------
    >>> m = str(ID["mention/1"])
    >>> len(town_facts_of([(m, str(FZ.refersTo), str(MECHANISM.x)), (m, str(FZ.text), "x"),
    ...                    (str(ID["town/1"]), str(FZ.adopts), str(MECHANISM.x))]))
    2
    """
    mentions = {
        s
        for s, p, o in triples
        if p == _REFERS_TO and type(o) is str and o.startswith(_MECHANISM_IRI)
    }
    # is_town_fact written out: a call a triple was half the time
    predicates, subjects = TOWN_FACT_PREDICATES, _TOWN_FACT_SUBJECTS
    return [
        t
        for t in triples
        if (t[1] in predicates and t[0].startswith(subjects))
        or (t[0] in mentions and t[1] in _MENTION_FACTS)
    ]


_REFERS_TO, _P_SECTION = str(FZ.refersTo), str(FZ.section)


def label(graph: Graph, node: Node) -> str:
    """The Chinese label of a node (skos:prefLabel, else rdfs:label, else the IRI's tail;
    :meth:`kg.graph.index.TripleIndex.label` on an index)."""
    best = None
    for prop in (SKOS.prefLabel, RDFS.label):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language in ("zh", None):
                if best is None or str(value) < best:
                    best = str(value)
        if best is not None:
            return best
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


#: What the analyses read: an rdflib graph, the town facts a build kept (:class:`TownFacts`),
#: or either's :func:`facts_index`.
Facts: TypeAlias = "Graph | TownFacts | TripleIndex"

#: The predicates the analyses read: the town facts' and their mentions'.
_READ_PREDICATES = tuple(sorted(TOWN_FACT_PREDICATES | _MENTION_FACTS))


def facts_index(graph: Facts) -> TripleIndex:
    """The triples of ``graph`` the analyses read, indexed by subject (an index as it is).

    Every function here takes a graph, the town facts of a build or this index; a caller
    running several analyses on one graph indexes it once and passes the index.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph()
    >>> _ = g.add((ID.t1, FZ.adopts, MECHANISM.x)); _ = g.add((ID.t1, FZ.text, ID.y))
    >>> len(facts_index(g))
    1
    """
    if isinstance(graph, TripleIndex):
        return graph
    if isinstance(graph, TownFacts):
        return graph.index()
    return TripleIndex(
        (cast(str, writer_term(s)), p, writer_term(o))
        for p in _READ_PREDICATES
        for s, _, o in graph.triples((None, URIRef(p), None))
    )


def _check_stance(stance: str) -> dict[str, URIRef]:
    if stance != "any" and stance not in STANCES:
        raise UsageError(f"unknown stance {stance!r}: use one of adopted, planned, problem, any")
    return STANCES if stance == "any" else {stance: STANCES[stance]}


_MECHANISM_CLASS, _MENTION_CLASS = str(FZ.Mechanism), str(FZ.Mention)
_P = {name: str(FZ[name]) for name in ("about", "inReport", "partOf", "locatedIn", "year")}
#: :data:`SECTION_STANCE` by IRI.
_SECTION_STANCE = {str(term): stance for term, stance in SECTION_STANCE.items()}


def _is_mechanism(data: TripleIndex, node: str) -> bool:
    return node.startswith(_MECHANISM_IRI) or _MECHANISM_CLASS in data.types(node)


def _mechanism_mentions(data: TripleIndex) -> Iterator[tuple[str, str, str | None]]:
    """(report, mechanism, section) of every mention of a vocabulary mechanism."""
    for mention in data.subjects_of(_MENTION_CLASS):
        entity = data.node(mention, _REFERS_TO)
        report = data.node(mention, _P["inReport"])
        if entity is None or report is None or not _is_mechanism(data, entity):
            continue
        yield report, entity, data.node(mention, _P_SECTION)


def _subject_objects(data: TripleIndex, predicate: str) -> Iterator[tuple[str, str | Lit]]:
    """Every (subject, object) of ``predicate``."""
    for s, props in data.by_subject.items():
        for o in props.get(predicate, ()):
            yield s, o


def _local(node: str | None) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def incidence(graph: Facts, stance: str = "adopted") -> list[IncidenceRow]:
    """Town x mechanism rows for one stance, or all three with ``stance="any"``.

    Parameters
    ----------
    graph : rdflib.Graph, TownFacts or TripleIndex
        A graph built by :func:`kg.graph.triples.build_graph` (or any graph with the
        same town facts), see :func:`facts_index`.
    stance : {"adopted", "planned", "problem", "any"}
        Which town facts to list.

    Returns
    -------
    list of IncidenceRow
        Sorted by town label, mechanism label and stance.

    Raises
    ------
    UsageError
        ``stance`` is not one of adopted, planned, problem, any.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> _ = g.add((ID.t1, FZ.plans, MECHANISM["legal-adviser"]))
    >>> [(r.town_label, r.mechanism_label, r.stance) for r in incidence(g, "any")]
    [('t1', 'legal-adviser', 'planned')]
    """
    wanted = _check_stance(stance)
    data = facts_index(graph)
    evidence: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for report, mech, section in _mechanism_mentions(data):
        town = data.node(report, _P["about"])
        kind = _SECTION_STANCE.get(section) if section is not None else None
        if town is not None and kind is not None:
            evidence[(town, mech, kind)].append(_local(section))
    rows = set()
    for name, prop in wanted.items():
        for town, fact in _subject_objects(data, str(prop)):
            mechanism = text_of(fact)
            sections = evidence.get((town, mechanism, name), [])
            rows.add(
                IncidenceRow(
                    town,
                    data.label(town),
                    mechanism,
                    data.label(mechanism),
                    name,
                    tuple(sorted(set(sections))),
                    len(sections),
                )
            )
    return sorted(rows, key=lambda r: (r.town_label, r.town, r.mechanism_label, r.stance))


def report_incidence(graph: Facts, stance: str = "adopted") -> list[ReportIncidenceRow]:
    """Report x mechanism rows from the mentions' sections, to see years.

    A town that reports twice (2023 and 2024) has one row per report here but
    one per mechanism in :func:`incidence`.  The stance comes from the
    section of each mention (achievements and duties: adopted; plans:
    planned; problems: problem); mentions elsewhere count for no stance.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for s, p, o in [(ID.m1, RDF.type, FZ.Mention), (ID.m1, FZ.refersTo, MECHANISM.x),
    ...                 (ID.m1, FZ.inReport, ID.r1), (ID.m1, FZ.section, FZ.Plans),
    ...                 (ID.r1, FZ.about, ID.t1), (ID.r1, FZ.year, Literal(2023))]:
    ...     _ = g.add((s, p, o))
    >>> [(r.year, r.mechanism_label, r.stance, r.sections) for r in report_incidence(g, "any")]
    [(2023, 'x', 'planned', ('Plans',))]
    """
    wanted = set(_check_stance(stance))
    data = facts_index(graph)
    sections: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for report, mech, section in _mechanism_mentions(data):
        kind = _SECTION_STANCE.get(section) if section is not None else None
        if kind in wanted:
            sections[(report, mech, kind)].append(_local(section))
    rows = []
    for (report, mech, kind), found in sections.items():
        town = data.node(report, _P["about"])
        year = data.value(report, _P["year"])
        rows.append(
            ReportIncidenceRow(
                report,
                data.label(report),
                int(text_of(year)) if year is not None else None,
                town if town is not None else "",
                data.label(town) if town is not None else UNKNOWN,
                mech,
                data.label(mech),
                kind,
                tuple(sorted(set(found))),
                len(found),
            )
        )
    return sorted(
        rows, key=lambda r: (r.year or 0, r.town_label, r.report, r.mechanism_label, r.stance)
    )


def towns_in(graph: Facts) -> set[str]:
    """Every town of the graph: typed fz:Town, the subject of a town fact or a report's town.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> _ = g.add((ID.r1, FZ.about, ID.t1)); _ = g.add((ID.t2, FZ.plans, MECHANISM.x))
    >>> sorted(t[-2:] for t in towns_in(g))
    ['t1', 't2']
    """
    data = facts_index(graph)
    towns = set(data.subjects_of(str(FZ.Town)))
    stances = [str(prop) for prop in STANCES.values()]
    for s, props in data.by_subject.items():
        towns.update(cast("list[str]", props.get(_P["about"], ())))
        if any(p in props for p in stances):
            towns.add(s)
    return towns


def town_labels(graph: Facts, towns: Iterable[Node | str]) -> dict[str, str]:
    """Display labels of towns; a name two towns share gets the larger place added.

    Township names repeat across China (three 云台镇, four 凤岗镇), so a table
    reading "云台镇" twice would hide that they are different towns.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.namespaces import ID
    >>> g = Graph()
    >>> for town, county in (("t1", "长寿区"), ("t2", "蓬溪县")):
    ...     _ = g.add((ID[town], RDFS.label, Literal("云台镇")))
    ...     _ = g.add((ID[town], FZ.partOf, ID[county]))
    ...     _ = g.add((ID[county], RDFS.label, Literal(county)))
    >>> sorted(town_labels(g, [ID.t1, ID.t2]).values())
    ['云台镇（蓬溪县）', '云台镇（长寿区）']
    """
    data = facts_index(graph)
    plain = {str(t): data.label(str(t)) for t in towns}
    count: dict[str, int] = defaultdict(int)
    for name in plain.values():
        count[name] += 1
    labels: dict[str, str] = {}
    for town, name in plain.items():
        parent = data.node(town, _P["partOf"])
        if count[name] > 1 and parent is not None:
            name = f"{name}（{data.label(parent)}）"
        labels[town] = name
    return labels


def town_sets(graph: Facts, stance: str = "adopted") -> TownSets:
    """Which towns have which mechanisms under ``stance``.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> _ = g.add((ID.t1, FZ.adopts, MECHANISM.x)); _ = g.add((ID.t2, RDF.type, FZ.Town))
    >>> s = town_sets(g)
    >>> s.n, [s.labels[m] for m in s.mechanisms]
    (2, ['x'])
    """
    wanted = _check_stance(stance)
    data = facts_index(graph)
    towns = towns_in(data)
    labels = town_labels(data, towns)
    towns_of: dict[str, set[str]] = defaultdict(set)
    for prop in wanted.values():
        for town, mech in _subject_objects(data, str(prop)):
            towns_of[str(mech)].add(town)
            if str(mech) not in labels:
                labels[str(mech)] = data.label(str(mech))
    ordered = tuple(sorted(towns, key=lambda t: (labels[t], t)))
    return TownSets(stance, ordered, labels, {m: frozenset(ts) for m, ts in towns_of.items()})


def cooccurrence(
    graph: Facts,
    stance: str = "adopted",
    min_towns: int = 1,
    *,
    min_units: int = MIN_UNITS,
    alpha: float = ALPHA,
) -> list[PairRow]:
    """Mechanism pairs occurring in at least ``min_towns`` common towns, with statistics.

    Parameters
    ----------
    graph : rdflib.Graph, TownFacts or TripleIndex
        The knowledge graph or the town facts of a build (see :func:`facts_index`).
    stance : {"adopted", "planned", "problem", "any"}
        Which town facts count.
    min_towns : int
        Fewest shared towns for a pair to be listed (at least 1).
    min_units, alpha : optional
        The testability rule, see :func:`kg.analysis.stats.untestable_reason`.

    Returns
    -------
    list of PairRow
        Sorted by shared towns (descending), then labels.

    Notes
    -----
    p-values are computed for every pair of mechanisms, also pairs never seen
    together, and the Benjamini-Hochberg correction runs over all testable
    pairs before ``min_towns`` filters the list: a q-value must not depend on
    which rows a reader chose to look at.  Measures are rounded to 4 places.

    Raises
    ------
    UsageError
        ``min_towns < 1`` or an unknown stance.
    """
    return _pairs(town_sets(graph, stance), min_towns, min_units, alpha)


def pair_rows(
    graph: Facts,
    stance: str = "adopted",
    min_towns: int = 1,
    *,
    min_units: int = MIN_UNITS,
    alpha: float = ALPHA,
) -> Iterator[PairRow]:
    """The rows of :func:`cooccurrence` one at a time, in its order (for a writer: the rows
    of a large corpus together name tens of millions of towns).

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "ab"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> [(r.a_label, r.b_label, r.town_labels) for r in pair_rows(g)]
    [('a', 'b', ('t1', 't2'))]
    """
    return _pair_rows(town_sets(graph, stance), min_towns, min_units, alpha)


def pair_test_table(graph: Facts, stance: str = "adopted") -> dict[str, Any]:
    """The tests of every mechanism pair under ``stance`` (default rule), as plain JSON data.

    A build stores them (``.pair_tests.json``) so that ``kg cooccur`` on its
    output gives the same p- and q-values without loading SciPy, which takes
    longer to import than the whole analysis takes.
    """
    sets = town_sets(graph, stance)
    tests = _tests(sets, list(itertools.combinations(sets.mechanisms, 2)), MIN_UNITS, ALPHA)
    return {
        "stance": stance,
        "towns": sets.n,
        "mechanisms": list(sets.mechanisms),
        "tests": [[t.p_value, t.q_value, t.note] for t in tests],
    }


def _tests(
    sets: TownSets,
    pairs: list[tuple[str, str]],
    min_units: int,
    alpha: float,
    stored: dict[str, Any] | None = None,
) -> list[PairTest]:
    if (
        stored is not None
        and stored.get("stance") == sets.stance
        and stored.get("towns") == sets.n
        and stored.get("mechanisms") == list(sets.mechanisms)
        and (min_units, alpha) == (MIN_UNITS, ALPHA)
    ):
        return [PairTest(p, q, note) for p, q, note in stored["tests"]]
    return pair_tests(
        [
            (len(sets.towns_of[a] & sets.towns_of[b]), len(sets.towns_of[a]), len(sets.towns_of[b]))
            for a, b in pairs
        ],
        sets.n,
        min_units=min_units,
        alpha=alpha,
    )


def _pairs(
    sets: TownSets,
    min_towns: int,
    min_units: int,
    alpha: float,
    stored: dict[str, Any] | None = None,
) -> list[PairRow]:
    return list(_pair_rows(sets, min_towns, min_units, alpha, stored))


def _pair_rows(
    sets: TownSets,
    min_towns: int,
    min_units: int,
    alpha: float,
    stored: dict[str, Any] | None = None,
) -> Iterator[PairRow]:
    """The rows of :func:`cooccurrence`, in its order, each made when asked for.

    The shared towns of a pair are found again for its row: the rows of a corpus name
    tens of millions of towns (10,000 reports: 301 MB of cooccurrence.csv), so a
    writer must be able to hold one row at a time.
    """
    if min_towns < 1:
        raise UsageError(f"min_towns must be at least 1, not {min_towns}")
    n, towns_of, labels = sets.n, sets.towns_of, sets.labels
    pairs = list(itertools.combinations(sets.mechanisms, 2))
    tests = _tests(sets, pairs, min_units, alpha, stored)
    counts = [len(towns_of[a] & towns_of[b]) for a, b in pairs]
    listed = sorted(
        (i for i, k in enumerate(counts) if k >= min_towns),
        key=lambda i: (-counts[i], labels[pairs[i][0]], labels[pairs[i][1]]),
    )
    for i in listed:
        (a, b), k, test = pairs[i], counts[i], tests[i]
        na, nb = len(towns_of[a]), len(towns_of[b])
        yield PairRow(
            a=a,
            a_label=labels[a],
            b=b,
            b_label=labels[b],
            towns=k,
            town_labels=tuple(sorted(labels[t] for t in towns_of[a] & towns_of[b])),
            a_towns=na,
            b_towns=nb,
            jaccard=round(_jaccard(k, na, nb), 4),
            n_towns=n,
            expected=round(na * nb / n, 4),
            cosine=round(_cosine(k, na, nb), 4),
            lift=round(_lift(k, na, nb, n), 4),
            npmi=round(_npmi(k, na, nb, n), 4),
            p_value=test.p_value,
            q_value=test.q_value,
            note=test.note,
        )


def everywhere(row: PairRow) -> bool:
    """Whether one of the pair is named by every town, so their overlap is forced.

    Examples
    --------
    >>> everywhere(PairRow("a", "A", "b", "B", 2, ("t1", "t2"), 3, 2, 0.6667, n_towns=3))
    True
    """
    return row.n_towns > 0 and row.n_towns in (row.a_towns, row.b_towns)


def rank_pairs(
    rows: list[PairRow], measure: str = "jaccard", top: int | None = None
) -> list[PairRow]:
    """Pairs sorted by ``measure`` (descending), then shared towns, then labels; the first ``top``.

    Pairs with a mechanism every town names come last: they meet wherever the
    other one occurs, so a high Jaccard there says nothing about going together.

    Examples
    --------
    >>> rows = [PairRow("a", "A", "b", "B", 1, ("t",), 1, 3, 0.3333),
    ...         PairRow("a", "A", "c", "C", 2, ("t", "u"), 1, 2, 0.5)]
    >>> [r.b for r in rank_pairs(rows, "jaccard", top=1)]
    ['c']
    """
    _check_measure(measure)
    if top is not None and top < 1:
        raise UsageError(f"top must be at least 1, not {top}")
    ranked = sorted(
        rows, key=lambda r: (everywhere(r), -getattr(r, measure), -r.towns, r.a_label, r.b_label)
    )
    return ranked if top is None else ranked[:top]


def incidence_graph(graph: Facts, stance: str = "adopted") -> nx.Graph:
    """A bipartite networkx graph: towns (bipartite=0) linked to their mechanisms (1).

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> _ = g.add((ID.t1, FZ.adopts, MECHANISM.a)); _ = g.add((ID.t2, FZ.adopts, MECHANISM.a))
    >>> b = incidence_graph(g)
    >>> b.degree(str(MECHANISM.a)), nx.is_bipartite(b)
    (2, True)
    """
    g = nx.Graph()
    for row in incidence(graph, stance):
        g.add_node(row.town, label=row.town_label, kind="town", bipartite=0)
        g.add_node(row.mechanism, label=row.mechanism_label, kind="mechanism", bipartite=1)
        g.add_edge(row.town, row.mechanism, stance=row.stance)
    return g


def mechanism_network(
    graph: Facts,
    stance: str = "adopted",
    measure: str = "jaccard",
    threshold: float | None = None,
    min_towns: int = 2,
    seed: int = LOUVAIN_SEED,
) -> nx.Graph:
    """The mechanism network: nodes weighted by towns, edges by an association measure.

    Parameters
    ----------
    graph : rdflib.Graph, TownFacts or TripleIndex
        The knowledge graph or the town facts of a build (see :func:`facts_index`).
    stance : {"adopted", "planned", "problem", "any"}
        Which town facts count.
    measure : {"jaccard", "cosine", "lift", "npmi"}
        Edge weight.
    threshold : float, optional
        An edge needs ``measure > threshold``; default :data:`DEFAULT_THRESHOLDS`.
    min_towns : int
        An edge also needs this many shared towns (one town is an anecdote).
    seed : int
        Seed of the Louvain community search.

    Returns
    -------
    networkx.Graph
        Every mechanism held by a town is a node (``label``, ``towns``,
        ``town_labels``, ``share``, ``everywhere``, ``community``, ``degree_centrality``,
        ``betweenness``, ``strength``); a mechanism every town names gets no
        edge, since it meets every other one by necessity.  Edges carry ``weight`` (the measure), ``towns``,
        ``town_labels`` and the :class:`PairRow` statistics.  Nodes are
        added in label order so the result, communities included, is the same
        on every run.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "ab", "t3": "c"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> net = mechanism_network(g)
    >>> sorted(net.edges()), net.nodes[str(MECHANISM.c)]["community"]
    ([('https://w3id.org/fazhi-kg/id/mechanism/a', 'https://w3id.org/fazhi-kg/id/mechanism/b')], 0)
    """
    _check_measure(measure)
    sets = town_sets(graph, stance)
    rows = _pair_rows(sets, min_towns, MIN_UNITS, ALPHA)  # one at a time: most are not drawn
    return _network(sets, rows, measure, threshold, seed)


def _check_measure(measure: str) -> None:
    if measure not in MEASURES:
        raise UsageError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}")


def _network(
    sets: TownSets, pairs: Iterable[PairRow], measure: str, threshold: float | None, seed: int
) -> nx.Graph:
    threshold = DEFAULT_THRESHOLDS[measure] if threshold is None else threshold
    net = nx.Graph(measure=measure, threshold=threshold, n_towns=sets.n, stance=sets.stance)
    for mech in sets.mechanisms:
        count = len(sets.towns_of[mech])
        net.add_node(
            mech,
            label=sets.labels[mech],
            towns=count,
            share=round(count / sets.n, 4) if sets.n else 0.0,
            everywhere=count == sets.n,
            town_labels=tuple(sorted(sets.labels[t] for t in sets.towns_of[mech])),
        )
    # A mechanism in every town would link to everything and swamp the communities.
    drawn = [row for row in pairs if getattr(row, measure) > threshold and not everywhere(row)]
    for row in sorted(drawn, key=lambda r: (r.a_label, r.a, r.b_label, r.b)):
        net.add_edge(
            row.a,
            row.b,
            weight=getattr(row, measure),
            towns=row.towns,
            town_labels=row.town_labels,
            jaccard=row.jaccard,
            cosine=row.cosine,
            lift=row.lift,
            npmi=row.npmi,
            p_value=row.p_value,
            q_value=row.q_value,
            note=row.note,
        )
    _annotate(net, seed)
    return net


@dataclass(frozen=True)
class CooccurrenceReport:
    """Everything ``kg cooccur`` shows: the settings, the ranked pairs and the network's nodes."""

    stance: str
    measure: str
    min_towns: int
    threshold: float
    n_towns: int
    mechanisms: int
    pairs: tuple[PairRow, ...]
    nodes: tuple[MechanismRow, ...]
    network: nx.Graph


def cooccurrence_report(
    graph: Facts,
    stance: str = "adopted",
    measure: str = "jaccard",
    min_towns: int = 2,
    threshold: float | None = None,
    seed: int = LOUVAIN_SEED,
    stored: dict[str, Any] | None = None,
) -> CooccurrenceReport:
    """Pairs ranked by ``measure`` and the mechanism network, computed once.

    Parameters are those of :func:`cooccurrence` and :func:`mechanism_network`;
    pairs must share ``min_towns`` towns to be listed and to form an edge.
    ``stored`` is a :func:`pair_test_table` of the same graph and stance
    (used only when it matches the graph's towns and mechanisms).

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "ab", "t3": "bc"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> r = cooccurrence_report(g, measure="lift")
    >>> r.n_towns, r.mechanisms, [(p.a_label, p.b_label, p.lift) for p in r.pairs]
    (3, 3, [('a', 'b', 1.0)])
    >>> r.network.number_of_edges()   # lift 1.0 is not above the threshold 1.0
    0
    """
    _check_measure(measure)
    sets = town_sets(graph, stance)
    pairs = _pairs(sets, min_towns, MIN_UNITS, ALPHA, stored)
    net = _network(sets, pairs, measure, threshold, seed)
    return CooccurrenceReport(
        stance,
        measure,
        min_towns,
        net.graph["threshold"],
        sets.n,
        len(sets.mechanisms),
        tuple(rank_pairs(pairs, measure)),
        tuple(nodes_of(net)),
        net,
    )


def _annotate(net: nx.Graph, seed: int) -> None:
    """Add communities and centralities to the nodes of ``net`` (in place: it is ours)."""
    found = nx.community.louvain_communities(net, weight="weight", seed=seed) if net.edges else []
    groups = sorted(
        (sorted(c, key=lambda m: (net.nodes[m]["label"], m)) for c in found if len(c) > 1),
        key=lambda c: (-len(c), net.nodes[c[0]]["label"], c[0]),
    )
    community = {m: i for i, members in enumerate(groups, 1) for m in members}
    degree = nx.degree_centrality(net) if len(net) > 1 else {m: 0.0 for m in net}
    # Betweenness on unweighted edges: association strengths are not distances,
    # and turning them into distances (1/w, 1-w) would be an arbitrary choice.
    between = nx.betweenness_centrality(net, normalized=True)
    for m, attrs in net.nodes(data=True):
        attrs.update(
            community=community.get(m, 0),
            degree_centrality=round(degree[m], 4),
            betweenness=round(between[m], 4),
            strength=round(sum(w for _, _, w in net.edges(m, data="weight")), 4),
        )


def mechanism_centrality(
    graph: Facts,
    stance: str = "adopted",
    measure: str = "jaccard",
    threshold: float | None = None,
    min_towns: int = 2,
    seed: int = LOUVAIN_SEED,
) -> list[MechanismRow]:
    """The nodes of :func:`mechanism_network` as rows, by community then degree.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for t, ms in {"t1": "abc", "t2": "abc", "t3": "c", "t4": "d"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> [(r.label, r.towns, r.community, r.degree) for r in mechanism_centrality(g)]
    [('c', 3, 1, 2), ('a', 2, 1, 2), ('b', 2, 1, 2), ('d', 1, 0, 0)]
    """
    net = mechanism_network(graph, stance, measure, threshold, min_towns, seed)
    return nodes_of(net)


def nodes_of(net: nx.Graph) -> list[MechanismRow]:
    """Rows for the nodes of a :func:`mechanism_network` graph."""
    rows = [
        MechanismRow(
            m,
            a["label"],
            a["towns"],
            a["share"],
            a["community"],
            net.degree(m),
            a["strength"],
            a["degree_centrality"],
            a["betweenness"],
            a["everywhere"],
        )
        for m, a in net.nodes(data=True)
    ]
    return sorted(
        rows,
        key=lambda r: (r.community == 0, r.community, -r.degree, -r.towns, r.label, r.mechanism),
    )
