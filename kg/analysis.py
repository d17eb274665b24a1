"""Analyse the knowledge graph: town x mechanism incidence and co-occurrence.

Every function takes a graph and returns plain rows (frozen dataclasses);
nothing here prints, draws or writes files.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from kg.namespaces import FZ, RDF, RDFS, SKOS, ID, MECHANISM
>>> g = Graph()
>>> for town, mechs in {"t1": ["a", "b"], "t2": ["a", "b", "c"], "t3": ["a"]}.items():
...     g.add((ID[town], RDF.type, FZ.Town)); g.add((ID[town], RDFS.label, Literal(town)))
...     for m in mechs:
...         g.add((ID[town], FZ.adopts, MECHANISM[m]))
>>> [(r.a_label, r.b_label, r.towns) for r in cooccurrence(g)]
[('a', 'b', 2), ('a', 'c', 1), ('b', 'c', 1)]
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, Literal, URIRef

from kg.errors import UsageError
from kg.namespaces import FZ, RDFS, SKOS

STANCES = {"adopted": FZ.adopts, "planned": FZ.plans, "problem": FZ.reportsWeakness}


@dataclass(frozen=True)
class IncidenceRow:
    """One town using one mechanism with a stance (adopted, planned, problem)."""

    town: str
    town_label: str
    mechanism: str
    mechanism_label: str
    stance: str


@dataclass(frozen=True)
class PairRow:
    """Two mechanisms and the towns where both occur."""

    a: str
    a_label: str
    b: str
    b_label: str
    towns: int
    town_labels: tuple[str, ...]
    a_towns: int
    b_towns: int
    jaccard: float


def label(graph: Graph, node: URIRef) -> str:
    """The Chinese label of a node (skos:prefLabel, else rdfs:label, else the IRI's tail)."""
    best = None
    for prop in (SKOS.prefLabel, RDFS.label):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language in ("zh", None):
                if best is None or str(value) < best:
                    best = str(value)
        if best is not None:
            return best
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def incidence(graph: Graph, stance: str = "adopted") -> list[IncidenceRow]:
    """Town x mechanism rows for one stance, or all three with ``stance="any"``.

    Raises
    ------
    UsageError
        ``stance`` is not one of adopted, planned, problem, any.
    """
    if stance != "any" and stance not in STANCES:
        raise UsageError(f"unknown stance {stance!r}: use one of adopted, planned, problem, any")
    wanted = STANCES if stance == "any" else {stance: STANCES[stance]}
    rows = {
        IncidenceRow(str(town), label(graph, town), str(mech), label(graph, mech), name)
        for name, prop in wanted.items()
        for town, mech in graph.subject_objects(prop)
    }
    return sorted(rows, key=lambda r: (r.town_label, r.town, r.mechanism_label, r.stance))


def incidence_graph(graph: Graph, stance: str = "adopted") -> nx.Graph:
    """A bipartite networkx graph: towns (bipartite=0) linked to their mechanisms (1)."""
    g = nx.Graph()
    for row in incidence(graph, stance):
        g.add_node(row.town, label=row.town_label, kind="town", bipartite=0)
        g.add_node(row.mechanism, label=row.mechanism_label, kind="mechanism", bipartite=1)
        g.add_edge(row.town, row.mechanism, stance=row.stance)
    return g


def cooccurrence(graph: Graph, stance: str = "adopted", min_towns: int = 1) -> list[PairRow]:
    """Mechanism pairs occurring in at least ``min_towns`` common towns.

    Rows are sorted by the number of shared towns (descending), then labels.
    """
    if min_towns < 1:
        raise UsageError(f"min_towns must be at least 1, not {min_towns}")
    towns_of: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in incidence(graph, stance):
        towns_of[row.mechanism].add(row.town)
        labels[row.mechanism] = row.mechanism_label
        labels[row.town] = row.town_label
    rows = []
    for a, b in itertools.combinations(sorted(towns_of, key=lambda m: (labels[m], m)), 2):
        shared = towns_of[a] & towns_of[b]
        if len(shared) < min_towns:
            continue
        union = towns_of[a] | towns_of[b]
        rows.append(PairRow(
            a=a, a_label=labels[a], b=b, b_label=labels[b], towns=len(shared),
            town_labels=tuple(sorted(labels[t] for t in shared)),
            a_towns=len(towns_of[a]), b_towns=len(towns_of[b]),
            jaccard=round(len(shared) / len(union), 4),
        ))
    return sorted(rows, key=lambda r: (-r.towns, r.a_label, r.b_label))


def cooccurrence_graph(graph: Graph, stance: str = "adopted", min_towns: int = 1) -> nx.Graph:
    """Mechanisms as nodes (weighted by towns adopting them), pairs as weighted edges."""
    g = nx.Graph()
    for row in cooccurrence(graph, stance, min_towns):
        g.add_node(row.a, label=row.a_label, towns=row.a_towns)
        g.add_node(row.b, label=row.b_label, towns=row.b_towns)
        g.add_edge(row.a, row.b, weight=row.towns, jaccard=row.jaccard, towns=row.town_labels)
    return g
