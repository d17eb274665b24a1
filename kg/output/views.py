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
graph.

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

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph, Literal, URIRef

from kg import ontology
from kg.analysis.cooccurrence import label
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
class _Facts:
    """What the graph says about one node, gathered before the view is built."""

    towns: set = field(default_factory=set)
    years: set = field(default_factory=set)
    sections: set = field(default_factory=set)
    evidence: list = field(default_factory=list)


def _ontology() -> Graph:
    # English labels of classes, properties and mechanisms, for graphs loaded
    # from a file that lacks the ontology.
    return ontology.graph("fazhi.ttl", "mechanisms.ttl")


def english_label(graph: Graph, node: URIRef) -> str:
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
    for g in (graph, _ontology()):
        for prop in (SKOS.prefLabel, RDFS.label):
            found = sorted(
                str(v)
                for v in g.objects(node, prop)
                if isinstance(v, Literal) and v.language == "en"
            )
            if found:
                return found[0]
    return ""


def relation_labels(graph: Graph, prop: URIRef) -> tuple[str, str]:
    """Chinese and English label of a property (from the ontology).

    Examples
    --------
    >>> relation_labels(Graph(), FZ.reportsWeakness)
    ('存在薄弱环节', 'reports weakness in')
    """
    zh = label(graph, prop) if (prop, RDFS.label, None) in graph else label(_ontology(), prop)
    return zh, english_label(graph, prop)


def _types(graph: Graph) -> dict[URIRef, str]:
    found: dict[URIRef, str] = {}
    for cls in TYPES:
        for node in graph.subjects(RDF.type, FZ[cls]):
            found.setdefault(node, cls)
    return found


def _report_places(graph: Graph) -> dict[URIRef, tuple[str, int | None]]:
    """Report -> (town label, year)."""
    found = {}
    for report in graph.subjects(RDF.type, FZ.Report):
        town = graph.value(report, FZ.about)
        year = graph.value(report, FZ.year)
        found[report] = (
            label(graph, town) if town is not None else "",
            int(year) if year is not None else None,
        )
    return found


def _facts(graph: Graph, types: dict[URIRef, str]) -> dict[URIRef, _Facts]:
    """Towns, years, stances and evidence of every node, from its mentions and places."""
    facts: dict[URIRef, _Facts] = defaultdict(_Facts)
    reports = _report_places(graph)
    titles = {r: label(graph, r) for r in reports}
    section_names = {s: label(_ontology(), s) for s in SECTION_STANCE}
    for mention in sorted(graph.subjects(RDF.type, FZ.Mention)):
        entity = graph.value(mention, FZ.refersTo)
        if entity not in types:
            continue
        report = graph.value(mention, FZ.inReport)
        town, year = reports.get(report, ("", None))
        section = graph.value(mention, FZ.section)
        f = facts[entity]
        if town:
            f.towns.add(town)
        if year is not None:
            f.years.add(year)
        if section in SECTION_STANCE:
            f.sections.add(SECTION_STANCE[section])
        sentence = graph.value(mention, FZ.sentence)
        if sentence is not None:
            f.evidence.append(
                {
                    "report": titles.get(report, ""),
                    "section": section_names.get(section, ""),
                    "heading": str(graph.value(mention, FZ.sectionHeading) or ""),
                    "sentence": str(sentence),
                }
            )
    for report, (town, year) in reports.items():
        facts[report].towns.add(town)
        if year is not None:
            facts[report].years.add(year)
    # A place belongs to the towns inside it; a town's years are its reports' years.
    for town in (n for n, t in types.items() if t == "Town"):
        name = label(graph, town)
        years = {y for r, (t, y) in reports.items() if t == name and y is not None}
        for place in [town, *graph.transitive_objects(town, FZ.partOf)]:
            facts[place].towns.add(name)
            facts[place].years.update(years)
    for person, position in graph.subject_objects(FZ.holds):
        for place in graph.objects(position, FZ.postIn):
            facts[person].towns.add(label(graph, place))
        year = graph.value(position, FZ.year)
        if year is not None:
            facts[person].years.add(int(year))
    for f in facts.values():
        # Same sentence named twice (two mentions in one sentence) is one piece of evidence.
        unique = {tuple(sorted(e.items())): e for e in f.evidence}
        f.evidence = list(unique.values())
    return facts


def _tooltip(name: str, cls: str, f: _Facts) -> str:
    lines = [name, f"[{cls}]"]
    if f.towns:
        lines.append("乡镇 towns: " + "、".join(sorted(f.towns)))
    if f.years:
        lines.append("年份 years: " + ", ".join(str(y) for y in sorted(f.years)))
    for e in f.evidence[:2]:
        lines.append(f"《{e['report']}》{e['section']}：{e['sentence']}")
    return "\n".join(lines)


def _add_node(view: nx.Graph, graph: Graph, node: URIRef, cls: str, f: _Facts, **extra) -> None:
    name = label(graph, node)
    view.add_node(
        str(node),
        label=name,
        label_en=english_label(graph, node),
        group=cls,
        towns=tuple(sorted(f.towns - {""})),
        years=tuple(sorted(f.years)),
        sections=tuple(sorted(f.sections)),
        evidence=tuple(f.evidence[:EVIDENCE_PER_NODE]),
        evidence_total=len(f.evidence),
        tooltip=_tooltip(name, cls, f),
        **extra,
    )


def _stance_counts(graph: Graph) -> dict[tuple[URIRef, URIRef], dict[str, int]]:
    """(town, mechanism) -> stance -> number of mentions behind the fact (at least 1)."""
    town_of = {r: graph.value(r, FZ.about) for r in graph.subjects(RDF.type, FZ.Report)}
    counts: dict[tuple[URIRef, URIRef], dict[str, int]] = defaultdict(dict)
    for prop, stance in STANCE_FACTS:
        for town, mech in graph.subject_objects(prop):
            counts[(town, mech)][stance] = 0
    for mention in graph.subjects(RDF.type, FZ.Mention):
        key = (town_of.get(graph.value(mention, FZ.inReport)), graph.value(mention, FZ.refersTo))
        stance = SECTION_STANCE.get(graph.value(mention, FZ.section))
        if key in counts and stance in counts[key]:
            counts[key][stance] += 1
    return {k: {s: max(n, 1) for s, n in v.items()} for k, v in counts.items()}


def _size(count: int) -> int:
    """Node size from a count (towns adopting, mechanisms adopted): grows, then levels off."""
    return 8 + 2 * min(count, 15)


def knowledge_view(graph: Graph) -> nx.DiGraph:
    """The whole knowledge graph as a display graph.

    Every entity of :data:`TYPES` is a node (positions are folded into
    official -> town edges labelled with the post).  Towns are sized by the
    mechanisms they adopt and mechanisms by the towns adopting them; other
    nodes get the page's degree-based size.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph built by :func:`kg.graph.triples.build_graph` (or loaded from graph.ttl).

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
    view = nx.DiGraph()
    types = _types(graph)
    facts = _facts(graph, types)
    adopted_by: dict[URIRef, int] = defaultdict(int)
    adopts: dict[URIRef, int] = defaultdict(int)
    for town, mech in graph.subject_objects(FZ.adopts):
        adopted_by[mech] += 1
        adopts[town] += 1
    for node, cls in sorted(types.items()):
        extra = {}
        if cls == "Mechanism":
            extra["size"] = _size(adopted_by[node])
        elif cls == "Town":
            extra["size"] = _size(adopts[node])
        _add_node(view, graph, node, cls, facts[node], **extra)
    stances = dict(STANCE_FACTS)
    for prop in RELATIONS:
        zh, en = relation_labels(graph, prop)
        for s, o in sorted(graph.subject_objects(prop)):
            if s in types and o in types:
                attrs = {"sections": (stances[prop],)} if prop in stances else {}
                view.add_edge(str(s), str(o), label=zh, label_en=en, **attrs)
    holds_en = english_label(graph, FZ.holds) or "holds"
    for person, position in sorted(graph.subject_objects(FZ.holds)):
        for place in graph.objects(position, FZ.postIn):
            if person in types and place in types:
                view.add_edge(
                    str(person), str(place), label=label(graph, position), label_en=holds_en
                )
    return view


def town_mechanism_view(graph: Graph) -> nx.Graph:
    """Towns and the mechanisms they adopt, plan or name as weak (a bipartite graph).

    One edge per town and mechanism, labelled with the stances (实施, 计划实施,
    存在薄弱环节) and as wide as the number of mentions behind it; a
    mechanism is sized by the towns that have it, a town by its mechanisms.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph built by :func:`kg.graph.triples.build_graph`.

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
    view = nx.Graph()
    types = _types(graph)
    facts = _facts(graph, types)
    counts = _stance_counts(graph)
    names = {stance: relation_labels(graph, prop) for prop, stance in STANCE_FACTS}
    degree: dict[URIRef, int] = defaultdict(int)
    for town, mech in counts:
        degree[town] += 1
        degree[mech] += 1
    for town in sorted(n for n, t in types.items() if t == "Town"):
        _add_node(view, graph, town, "Town", facts[town], size=_size(degree[town]))
    for town, mech in sorted(counts):
        if str(town) not in view:
            _add_node(view, graph, town, "Town", facts[town], size=_size(degree[town]))
        if str(mech) not in view:
            _add_node(view, graph, mech, "Mechanism", facts[mech], size=_size(degree[mech]))
        stances = counts[(town, mech)]
        order = [s for _, s in STANCE_FACTS if s in stances]
        view.add_edge(
            str(town),
            str(mech),
            sections=tuple(order),
            label=" · ".join(names[s][0] for s in order),
            label_en=" · ".join(names[s][1] for s in order),
            weight=min(sum(stances.values()), 8),
            title=f"{label(graph, town)} — {label(graph, mech)}\n"
            + "\n".join(f"{names[s][0]} {names[s][1]}: {stances[s]}" for s in order),
        )
    return view
