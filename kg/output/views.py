"""Display graphs of the knowledge graph, ready for :func:`kg.output.html.render_html`.

A *view* is a :class:`networkx.DiGraph` or :class:`networkx.Graph` whose
nodes carry everything the HTML page shows about them: ``label`` (Chinese),
``label_en`` (English where the ontology or vocabulary has it, else empty),
``group`` (the entity type, a key of :data:`kg.output.html.STYLE`), ``towns`` and
``years`` (for the page's filters), ``sections`` (the stances ``adopted``,
``planned``, ``problem``, ``other`` of the sections the node is named in),
``evidence`` (a few ``{"report", "section", "heading", "sentence"}`` dicts,
capped at :data:`EVIDENCE_PER_NODE`), ``evidence_total`` and a ``tooltip``
text.  Edges carry ``label``/``label_en`` (the relation) and optionally
``sections`` and ``weight`` (the edge's width).

The builders read the graph and return a new view; they never change the
graph.  A build never holds the whole graph: each report's part of a view
(:func:`view_part`, made in the worker from the report's triples) is added
to a :class:`ViewData`, which keeps the facts of at most :data:`VIEW_NODES`
nodes.  A larger graph is drawn as an overview (:func:`overview_view`): the
places of one level (towns, or counties, cities, provinces when towns are too
many) against the mechanisms, each edge the facts of its towns; the page says
what was left out and where to find it.

Examples
--------
>>> from kg.graph.triples import build_graph
>>> from kg.ingest.structure import document_from_text
>>> from kg.run.report import extract_document
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n落实合法性审查。"
...                          "\\n二、存在的问题\\n合法性审查不够规范。")
>>> g = build_graph([extract_document(doc)])
>>> view = town_mechanism_view(g)
>>> sorted(a["group"] for _, a in view.nodes(data=True))
['Mechanism', 'Town']
>>> [(a["label"], a["sections"]) for _, _, a in view.edges(data=True)]
[('实施 · 存在薄弱环节', ('adopted', 'problem'))]
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import cast

import networkx as nx
from rdflib import Graph, Literal, URIRef

from kg import ontology
from kg.analysis.cooccurrence import label
from kg.graph.index import TripleIndex, base_index, first_value, index_of_graph, text_of
from kg.graph.terms import Lit
from kg.namespaces import FZ, RDF, RDFS, SECTION_TERM_STANCES, SKOS, STANCE_PROPERTIES

#: Entity types a view can show, in legend order (local names of fz: classes).
TYPES = (
    "Report",
    "Province",
    "City",
    "County",
    "Town",
    "Village",
    "Official",
    "Organization",
    "Mechanism",
    "CandidateMechanism",
    "Law",
    "Initiative",
    "Indicator",
    "Problem",
)
#: Evidence sentences kept per node; the page says how many more there are.
EVIDENCE_PER_NODE = 5
#: Most nodes a view draws: a browser lays out and draws this many in about a second.
#: A graph with more is drawn as an overview (:func:`overview_view`).
VIEW_NODES = 1500
#: Most edges an overview draws (the level of :func:`overview_level` is coarse enough for both).
VIEW_EDGES = 6000
#: Stance of each section kind, the values of the page's section filter.
SECTION_STANCE = {term: stance.value for term, stance in SECTION_TERM_STANCES.items()}
#: Town -> mechanism facts and the stance each records.
STANCE_FACTS = tuple((prop, stance.value) for stance, prop in STANCE_PROPERTIES.items())
#: Relations drawn in the knowledge view, as (property, direction kept).
RELATIONS = (
    FZ.about,
    FZ.cites,
    FZ.hasProblem,
    FZ.reportedIn,
    FZ.adopts,
    FZ.plans,
    FZ.reportsWeakness,
    FZ.hasInitiative,
    FZ.partOf,
    FZ.locatedIn,
    FZ.namesPractice,
)


@dataclass
class NodeFacts:
    """What the graph says about one node of a view: its type, label, towns, years, evidence."""

    cls: str
    label: str
    towns: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    evidence: list[dict[str, str]] = field(
        default_factory=list
    )  # report, section, heading, sentence
    evidence_total: int = 0

    def merge(self, other: NodeFacts) -> None:
        self.towns |= other.towns
        self.years |= other.years
        self.sections |= other.sections
        self.evidence_total += other.evidence_total
        room = EVIDENCE_PER_NODE - len(self.evidence)
        if room > 0:
            self.evidence.extend(e for e in other.evidence[:room] if e not in self.evidence)


# The places above a town, each (class local name, IRI, label).
PlaceChain = tuple[tuple[str, str, str], ...]


@dataclass
class ViewPart:
    """One report's part of the views (or a whole graph's), see :func:`view_part`.

    ``nodes`` maps each node of :data:`TYPES` to its facts; ``edges`` maps
    ``(source, target)`` to ``(label, label_en, stance or "")``; ``stances``
    maps ``(town, mechanism)`` to stance -> mentions behind the fact; ``places``
    maps a town to its label and ``(class, IRI, label)`` of the places above it.
    """

    nodes: dict[str, NodeFacts] = field(default_factory=dict)
    edges: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)
    stances: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    places: dict[str, tuple[str, PlaceChain]] = field(default_factory=dict)


def _ontology() -> Graph:
    # English labels of classes, properties and mechanisms, for graphs loaded
    # from a file that lacks the ontology.
    return ontology.graph("fazhi.ttl", "mechanisms.ttl")


def english_label(graph: Graph | TripleIndex, node: str) -> str:
    """The English label of a node (skos:prefLabel or rdfs:label @en), or "".

    Looks in ``graph`` first, then in the shipped ontology and vocabulary.

    Examples
    --------
    >>> english_label(Graph(), FZ.adopts)
    'adopts'
    >>> english_label(Graph(), FZ.Town)
    'township-level division'
    >>> english_label(Graph(), URIRef("https://example.org/x"))
    ''
    """
    data = graph if isinstance(graph, TripleIndex) else None
    for index in (data, base_index()):
        if index is None:
            continue
        for prop in (_PREF, _LABEL):
            found = sorted(
                o.value for o in index.objects(str(node), prop) if type(o) is Lit and o.lang == "en"
            )
            if found:
                return found[0]
    if data is None:
        for prop in (SKOS.prefLabel, RDFS.label):
            found = sorted(
                str(v)
                for v in graph.objects(URIRef(node), prop)
                if isinstance(v, Literal) and v.language == "en"
            )
            if found:
                return found[0]
    return ""


def relation_labels(graph: Graph | TripleIndex, prop: str) -> tuple[str, str]:
    """Chinese and English label of a property (from the ontology).

    Examples
    --------
    >>> relation_labels(Graph(), FZ.reportsWeakness)
    ('存在薄弱环节', 'reports weakness in')
    """
    if isinstance(graph, TripleIndex):
        zh = (
            graph.label(str(prop))
            if graph.objects(str(prop), _LABEL)
            else base_index().label(str(prop))
        )
    else:
        iri = URIRef(prop)
        zh = label(graph, iri) if (iri, RDFS.label, None) in graph else label(_ontology(), iri)
    return zh, english_label(graph, prop)


_TYPE, _LABEL, _PREF = str(RDF.type), str(RDFS.label), str(SKOS.prefLabel)
_CLASS_OF = {str(FZ[cls]): cls for cls in TYPES}
_P = {
    name: str(FZ[name])
    for name in (
        "about inReport refersTo section sectionHeading sentence year partOf holds postIn"
    ).split()
}
_SECTION_STANCE = {str(term): stance for term, stance in SECTION_STANCE.items()}
_STANCE_OF = {str(prop): stance for prop, stance in STANCE_FACTS}
_RELATIONS = tuple(str(p) for p in RELATIONS)


def _types(data: TripleIndex) -> dict[str, str]:
    found: dict[str, str] = {}
    for cls in TYPES:
        for node in data.subjects_of(str(FZ[cls])):
            found.setdefault(node, cls)
    return found


def view_part(data: TripleIndex, overview: bool = False) -> ViewPart:
    """The part of the views that ``data`` gives (one report's triples, or a graph's).

    Mechanisms the part mentions are looked up in ``data``'s fallback (the
    vocabulary); nodes of the vocabulary alone come from the whole-graph index.
    With ``overview``, only what :class:`ViewData` keeps past its node limit: the
    stances, the places and the mechanisms' facts (the same as in the whole part); a
    build's workers make that once the views are an overview (about 1 ms a report
    less to make, and a third of the bytes for the build's process to unpickle).
    """
    part = ViewPart()
    types = _types(data)
    for props in data.by_subject.values():
        for mech in props.get(_P["refersTo"], ()):
            if mech not in types and type(mech) is str:
                cls = next((_CLASS_OF[t] for t in data.types(mech) if t in _CLASS_OF), None)
                if cls is not None:
                    types[mech] = cls
    # Every node's facts; with overview, the mechanisms' first and the others' (places, for
    # their chains) only when asked (facts_of): most labels of a report would go unread.
    nodes: dict[str, NodeFacts] = {
        node: NodeFacts(cls, data.label(node))
        for node, cls in types.items()
        if not overview or cls == "Mechanism"
    }
    part.nodes = nodes

    def facts_of(node: str) -> NodeFacts:
        made = nodes.get(node)
        if made is None:
            made = nodes[node] = NodeFacts(types[node], data.label(node))
        return made

    # the nodes whose facts the mentions add to (with overview, the mechanisms alone)
    named = dict(nodes) if overview else nodes
    # report -> (town label, year); None stands for a mention's missing report.
    reports: dict[str | None, tuple[str, int | None]] = {}
    report: str | None
    for report in data.subjects_of(str(FZ.Report)):
        about = data.node(report, _P["about"])
        year_value = data.value(report, _P["year"])
        reports[report] = (
            data.label(about) if about is not None else "",
            int(text_of(year_value)) if year_value is not None else None,
        )
    section_names: dict[str | None, str] = {s: base_index().label(s) for s in _SECTION_STANCE}
    evidence: dict[str, dict[tuple[tuple[str, str], ...], dict[str, str]]] = defaultdict(dict)
    for mention in sorted(data.subjects_of(str(FZ.Mention))):
        props = data.props(mention)  # each value below is its first, as data.node gives
        entity = first_value(props, _P["refersTo"])
        if entity is None or entity not in named:
            continue
        # object properties: IRIs (the shapes check it), as data.node gives them
        report = cast("str | None", first_value(props, _P["inReport"]))
        town, year = reports.get(report, ("", None))
        section = cast("str | None", first_value(props, _P["section"]))
        f = nodes[entity]
        if town:
            f.towns.add(town)
        if year is not None:
            f.years.add(year)
        if section in _SECTION_STANCE:
            f.sections.add(_SECTION_STANCE[section])
        sentence = first_value(props, _P["sentence"])
        if sentence is not None:
            heading = first_value(props, _P["sectionHeading"])
            # The evidence's items in key order: the same sentence named twice (two
            # mentions in one sentence) is one piece of evidence.
            key = (
                ("heading", "" if heading is None else text_of(heading)),
                ("report", data.label(report) if report is not None else ""),
                ("section", section_names.get(section, "")),
                ("sentence", text_of(sentence)),
            )
            found = evidence[entity]
            if key not in found:
                found[key] = dict((key[1], key[2], key[0], key[3]))
    for entity, found in evidence.items():
        nodes[entity].evidence = list(found.values())[:EVIDENCE_PER_NODE]
        nodes[entity].evidence_total = len(found)
    for report, (town, year) in reports.items():
        if report in types:
            facts_of(report).towns.add(town)
            if year is not None:
                facts_of(report).years.add(year)
    # A place belongs to the towns inside it; a town's years are its reports' years.
    for town in (n for n, t in types.items() if t == "Town"):
        name = facts_of(town).label
        years = {y for t, y in reports.values() if t == name and y is not None}
        chain: list[tuple[str, str, str]] = []
        todo: list[str | Lit] = [town]
        seen: set[str] = set()
        while todo:
            place = todo.pop()
            if place in seen or type(place) is not str:
                continue
            seen.add(place)
            if place in types:
                held = facts_of(place)
                held.towns.add(name)
                held.years.update(years)
                if place != town:
                    chain.append((held.cls, place, held.label))
            todo.extend(data.objects(place, _P["partOf"]))
        part.places[town] = (name, tuple(sorted(chain)))
    if overview:
        part.nodes = named
        _stances(data, part)
        return part
    for person in (n for n, t in types.items() if t == "Official"):
        for position in data.nodes(person, _P["holds"]):
            for place in data.nodes(position, _P["postIn"]):
                nodes[person].towns.add(data.label(place))
                if place in nodes:
                    part.edges[(person, place)] = (data.label(position), _HOLDS, "")
            post_year = data.value(position, _P["year"])
            if post_year is not None:
                nodes[person].years.add(int(text_of(post_year)))
    # the relations' edges, by relation in the order of _RELATIONS (one walk of the nodes)
    related: dict[str, list[tuple[str, str]]] = {prop: [] for prop in _RELATIONS}
    for s, props in data.by_subject.items():
        if s not in nodes:
            continue
        for prop, values in props.items():
            edges_of = related.get(prop)
            if edges_of is not None:
                edges_of.extend((s, o) for o in values if o in nodes)
    for prop, ends in related.items():
        zh, en = _relation_names()[prop]
        stance = _STANCE_OF.get(prop, "")
        for edge in ends:
            part.edges[edge] = (zh, en, stance)
    _stances(data, part)
    return part


@functools.cache
def _relation_names() -> dict[str, tuple[str, str]]:
    return {prop: relation_labels(base_index(), prop) for prop in _RELATIONS}


_HOLDS = "holds"


def _stances(data: TripleIndex, part: ViewPart) -> None:
    """(town, mechanism) -> stance -> mentions behind the fact (0 when none)."""
    counts = part.stances
    for prop, stance in _STANCE_OF.items():
        for town, props in data.by_subject.items():
            for mech in props.get(prop, ()):
                counts.setdefault((town, cast(str, mech)), {})[stance] = 0
    town_of: dict[str | None, str | None] = {
        r: data.node(r, _P["about"]) for r in data.subjects_of(str(FZ.Report))
    }
    for mention in data.subjects_of(str(FZ.Mention)):
        props = data.props(mention)
        about = town_of.get(cast("str | None", first_value(props, _P["inReport"])))
        entity = cast("str | None", first_value(props, _P["refersTo"]))
        section = cast("str | None", first_value(props, _P["section"]))
        if about is None or entity is None or section is None:
            continue  # no fact of counts has it, nor a stance
        key = (about, entity)
        named = _SECTION_STANCE.get(section)
        if key in counts and named in counts[key]:
            counts[key][named] += 1


class ViewData:
    """The views of a build, gathered report by report (:meth:`add` each :func:`view_part`).

    Node facts are kept for at most ``limit`` nodes; past that only what the
    overview needs stays (the town facts and places), and the view of the
    whole graph becomes :func:`overview_view`.
    """

    def __init__(self, limit: int = VIEW_NODES) -> None:
        self.limit = limit
        self.nodes: dict[str, NodeFacts] | None = {}
        self.edges: dict[tuple[str, str], tuple[str, str, str]] = {}
        self.stances = StanceFacts()
        self.places: dict[str, tuple[str, PlaceChain]] = {}
        self.mechanisms: dict[str, NodeFacts] = {}

    @property
    def complete(self) -> bool:
        """Whether every node is kept (the graph fits in :data:`VIEW_NODES`)."""
        return self.nodes is not None

    def add(self, part: ViewPart) -> None:
        self.stances.add(part.stances)
        self.places.update(part.places)
        for node, facts in part.nodes.items():
            if facts.cls == "Mechanism":
                mechanism = self.mechanisms.get(node)
                if mechanism is None:
                    self.mechanisms[node] = NodeFacts(
                        facts.cls,
                        facts.label,
                        set(facts.towns),
                        set(facts.years),
                        set(facts.sections),
                        list(facts.evidence),
                        facts.evidence_total,
                    )
                else:
                    mechanism.merge(facts)
        if self.nodes is None:
            return
        for node, facts in part.nodes.items():
            kept = self.nodes.get(node)
            if kept is None:
                self.nodes[node] = facts
            else:
                kept.merge(facts)
        self.edges.update(part.edges)
        if len(self.nodes) > self.limit:
            self.nodes, self.edges = None, {}  # the overview needs neither

    def counts(self) -> Counter[str]:
        """Nodes kept, by type (only while :attr:`complete`)."""
        return Counter(f.cls for f in (self.nodes or {}).values())


class StanceFacts(Mapping[tuple[str, str], dict[str, int]]):
    """``(town, mechanism)`` -> stance -> mentions behind the fact, added up over reports.

    A build keeps one for every town and mechanism of the corpus (about 60 a
    report); as a dict of tuples and dicts they took 270 bytes each.  Here each
    town and mechanism IRI is held once and numbered (``terms``), a fact is one
    integer key, ``town << 32 | mechanism``, and its counts one integer, 32 bits
    a stance of :data:`STANCES` holding the count plus one (0: not stated).
    Read as a mapping, a fact's stances come in :data:`STANCES` order.

    Examples
    --------
    >>> facts = StanceFacts()
    >>> facts.add({("t", "m"): {"planned": 0}}); facts.add({("t", "m"): {"adopted": 2}})
    >>> dict(facts), len(facts)
    ({('t', 'm'): {'adopted': 2, 'planned': 0}}, 1)
    """

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.ids: dict[str, int] = {}
        self.facts: dict[int, int] = {}

    def _id(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return found

    def add(self, stances: dict[tuple[str, str], dict[str, int]]) -> None:
        """Add one report's (or graph's) facts: :attr:`ViewPart.stances`."""
        facts = self.facts
        for (town, mech), counts in stances.items():
            key = self._id(town) << 32 | self._id(mech)
            packed = facts.get(key, 0)
            for stance, n in counts.items():
                shift = _STANCE_BITS * _STANCE_NUMBER[stance]
                held = packed >> shift & _STANCE_MASK
                total = (held - 1 if held else 0) + n + 1
                if total > _STANCE_MASK:
                    raise ValueError(f"more than {_STANCE_MASK - 1:,} mentions of one fact")
                packed += (total - held) << shift
            facts[key] = packed

    def __getitem__(self, key: tuple[str, str]) -> dict[str, int]:
        town, mech = self.ids.get(key[0]), self.ids.get(key[1])
        packed = None if town is None or mech is None else self.facts.get(town << 32 | mech)
        if packed is None:
            raise KeyError(key)
        return _unpacked(packed)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        terms = self.terms
        return ((terms[key >> 32], terms[key & 0xFFFFFFFF]) for key in self.facts)

    def __len__(self) -> int:
        return len(self.facts)


#: The stances a view fact can record, in the order :class:`StanceFacts` gives them.
STANCES = tuple(stance for _, stance in STANCE_FACTS)
_STANCE_NUMBER = {stance: i for i, stance in enumerate(STANCES)}
_STANCE_BITS = 32
_STANCE_MASK = (1 << _STANCE_BITS) - 1


def _unpacked(packed: int) -> dict[str, int]:
    """A fact's stance -> mentions from its packed counts."""
    found = {}
    for i, stance in enumerate(STANCES):
        held = packed >> (_STANCE_BITS * i) & _STANCE_MASK
        if held:
            found[stance] = held - 1
    return found


def _add_node(view: nx.Graph, node: str, f: NodeFacts, **extra: int) -> None:
    view.add_node(
        node,
        label=f.label,
        label_en=english_label(base_index(), node),
        group=f.cls,
        towns=tuple(sorted(f.towns - {""})),
        years=tuple(sorted(f.years)),
        sections=tuple(sorted(f.sections)),
        evidence=tuple(f.evidence[:EVIDENCE_PER_NODE]),
        evidence_total=f.evidence_total,
        tooltip=_tooltip(f.label, f.cls, f),
        **extra,
    )


def _tooltip(name: str, cls: str, f: NodeFacts) -> str:
    lines = [name, f"[{cls}]"]
    if f.towns:
        lines.append("乡镇 towns: " + "、".join(sorted(f.towns)))
    if f.years:
        lines.append("年份 years: " + ", ".join(str(y) for y in sorted(f.years)))
    for e in f.evidence[:2]:
        lines.append(f"《{e['report']}》{e['section']}：{e['sentence']}")
    return "\n".join(lines)


def _size(count: int) -> int:
    """Node size from a count (towns adopting, mechanisms adopted): grows, then levels off."""
    return 8 + 2 * min(count, 15)


def _data_of(graph: Graph | TripleIndex | ViewData) -> ViewData:
    if isinstance(graph, ViewData):
        return graph
    data = ViewData(limit=10**9)
    data.add(view_part(graph if isinstance(graph, TripleIndex) else index_of_graph(graph)))
    return data


def knowledge_view(graph: Graph | ViewData) -> nx.DiGraph:
    """The whole knowledge graph as a display graph.

    Every entity of :data:`TYPES` is a node (positions are folded into
    official -> town edges labelled with the post).  Towns are sized by the
    mechanisms they adopt and mechanisms by the towns adopting them; other
    nodes get the page's degree-based size.  A :class:`ViewData` that outgrew
    :data:`VIEW_NODES` gives :func:`overview_view` instead.

    Parameters
    ----------
    graph : rdflib.Graph or ViewData
        A graph built by :func:`kg.graph.triples.build_graph` (or loaded from
        graph.ttl), or the view data a build gathered.

    Returns
    -------
    networkx.DiGraph
        Node and edge attributes as described in this module's docstring.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> _ = g.add((ID.t, RDF.type, FZ.Town)); _ = g.add((ID.t, RDFS.label, Literal("青禾镇", lang="zh")))
    >>> _ = g.add((MECHANISM["legality-review"], RDF.type, FZ.Mechanism))
    >>> _ = g.add((ID.t, FZ.adopts, MECHANISM["legality-review"]))
    >>> view = knowledge_view(g)
    >>> view.nodes[str(MECHANISM["legality-review"])]["label_en"]
    'legality review'
    >>> [a["label"] for _, _, a in view.edges(data=True)]
    ['实施']
    """
    data = _data_of(graph)
    if not data.complete:
        return overview_view(data)
    view = nx.DiGraph()
    adopted_by: dict[str, int] = defaultdict(int)
    adopts: dict[str, int] = defaultdict(int)
    for (town, mech), stances in data.stances.items():
        if "adopted" in stances:
            adopted_by[mech] += 1
            adopts[town] += 1
    for node, f in sorted((data.nodes or {}).items()):
        extra: dict[str, int] = {}
        if f.cls == "Mechanism":
            extra["size"] = _size(adopted_by[node])
        elif f.cls == "Town":
            extra["size"] = _size(adopts[node])
        _add_node(view, node, f, **extra)
    holds_en = english_label(base_index(), FZ.holds) or "holds"
    for (s, o), (zh, en, stance) in sorted(data.edges.items()):
        attrs = {"sections": (stance,)} if stance else {}
        view.add_edge(s, o, label=zh, label_en=holds_en if en == _HOLDS else en, **attrs)
    return view


def town_mechanism_view(graph: Graph | ViewData) -> nx.Graph:
    """Towns and the mechanisms they adopt, plan or name as weak (a bipartite graph).

    One edge per town and mechanism, labelled with the stances (实施, 计划实施,
    存在薄弱环节) and as wide as the number of mentions behind it; a
    mechanism is sized by the towns that have it, a town by its mechanisms.
    Past :data:`VIEW_NODES` towns and mechanisms, :func:`overview_view`.

    Parameters
    ----------
    graph : rdflib.Graph or ViewData
        A graph built by :func:`kg.graph.triples.build_graph`, or a build's view data.

    Returns
    -------
    networkx.Graph
        Nodes ``group`` "Town" or "Mechanism" (attributes as in the module
        docstring); edges ``label``, ``label_en``, ``sections``, ``weight``.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import ID, MECHANISM
    >>> g = Graph()
    >>> for t in ("a", "b"):
    ...     _ = g.add((ID[t], RDF.type, FZ.Town)); _ = g.add((ID[t], FZ.adopts, MECHANISM.m))
    >>> view = town_mechanism_view(g)
    >>> view.number_of_nodes(), view.number_of_edges(), view.nodes[str(MECHANISM.m)]["size"]
    (3, 2, 12)
    """
    data = _data_of(graph)
    return overview_view(data, level="Town" if data.complete else None)


#: Levels an overview can group towns by, finest first.
LEVELS = ("Town", "County", "City", "Province")


def overview_level(data: ViewData) -> str:
    """The finest level whose places and mechanisms fit in the data's node limit and
    whose edges in :data:`VIEW_EDGES`."""
    mechanisms = len({m for _, m in data.stances})
    for level in LEVELS:
        units = _units(data, level)
        edges = {(units.get(town, (town,))[0], mech) for town, mech in data.stances}
        if len(set(units.values())) + mechanisms <= data.limit and len(edges) <= VIEW_EDGES:
            return level
    return LEVELS[-1]


def _units(data: ViewData, level: str) -> dict[str, tuple[str, str]]:
    """Town -> (unit IRI, unit label) at ``level`` (a town without that level is its own unit)."""
    found = {}
    for town, (name, chain) in data.places.items():
        unit = (town, name)
        if level != "Town":
            for cls, iri, place in chain:
                if cls == level:
                    unit = (iri, place)
        found[town] = unit
    return found


def overview_view(data: ViewData, level: str | None = None) -> nx.Graph:
    """Places of one level against the mechanisms their towns adopt, plan or name as weak.

    Each edge joins a place (a town, or the county, city or province holding
    towns, ``level``, by default the finest that fits :data:`VIEW_NODES`) and a
    mechanism; its stances and width come from the facts of the place's towns,
    its tooltip says how many towns have each.  What this leaves out (every
    other entity) the page says (:func:`overview_note`).
    """
    level = level or overview_level(data)
    units = _units(data, level)
    names = {stance: relation_labels(base_index(), prop) for prop, stance in STANCE_FACTS}
    order = [s for _, s in STANCE_FACTS]
    edges: dict[tuple[str, str], dict[str, list[int]]] = {}
    for (town, mech), stances in data.stances.items():
        unit = units.get(town, (town, base_index().label(town)))[0]
        known = edges.setdefault((unit, mech), {})
        for stance, n in stances.items():
            towns_mentions = known.setdefault(stance, [0, 0])
            towns_mentions[0] += 1
            towns_mentions[1] += max(n, 1)
    degree: dict[str, int] = defaultdict(int)
    for unit, mech in edges:
        degree[unit] += 1
        degree[mech] += 1
    view = nx.Graph()
    unit_names = dict(sorted(set(units.values())))
    unit_towns: dict[str, set[str]] = defaultdict(set)
    for town, (unit, _) in units.items():
        unit_towns[unit].add(data.places[town][0])
    for unit, name in sorted(unit_names.items()):
        towns = unit_towns[unit]
        facts = NodeFacts(level, name, towns if len(towns) <= 30 else set())
        if level == "Town" and data.nodes is not None and unit in data.nodes:
            facts = data.nodes[unit]
        _add_node(view, unit, facts, size=_size(degree[unit]))
        if level != "Town":
            view.nodes[unit]["tooltip"] = f"{name}\n[{level}] {len(towns)} 乡镇 towns"
    for unit, mech in sorted(edges):
        if unit not in view:
            _add_node(
                view, unit, NodeFacts("Town", base_index().label(unit)), size=_size(degree[unit])
            )
        if mech not in view:
            facts = data.mechanisms.get(mech) or NodeFacts("Mechanism", base_index().label(mech))
            _add_node(view, mech, facts, size=_size(degree[mech]))
        counted = edges[(unit, mech)]
        present = [s for s in order if s in counted]
        view.add_edge(
            unit,
            mech,
            sections=tuple(present),
            label=" · ".join(names[s][0] for s in present),
            label_en=" · ".join(names[s][1] for s in present),
            weight=min(sum(counted[s][1] for s in present), 8),
            title=f"{unit_names.get(unit, view.nodes[unit]['label'])} — {view.nodes[mech]['label']}\n"
            + "\n".join(
                f"{names[s][0]} {names[s][1]}: {counted[s][1]}"
                + (f" ({counted[s][0]} 乡镇 towns)" if level != "Town" else "")
                for s in present
            ),
        )
    return view


def overview_note(data: ViewData, entities: Counter[str], level: str | None = None) -> str:
    """What an overview page leaves out and how to see it, in one paragraph (zh and en)."""
    level = level or overview_level(data)
    towns = len(data.places)
    left = ", ".join(
        f"{n:,} {cls}"
        for cls, n in sorted(entities.items())
        if cls not in ("Town", "Mechanism") and n
    )
    grouped = (
        f"{towns:,} towns grouped by {level.lower()}" if level != "Town" else f"{towns:,} towns"
    )
    return (
        f"概览 Overview: the graph has more than {data.limit:,} nodes, more than a browser draws "
        f"at once, so this page shows {grouped} against the mechanisms they adopt, plan or name "
        f"as weak. Left out: {left or 'nothing else'}. See them in entities.csv and "
        "mentions.csv, ask `kg query OUT --name mechanisms_of_town -p town=…` (or any SPARQL) "
        "for one town, or build a subset of the reports for the full interactive graph."
    )
