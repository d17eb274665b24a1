"""Render the knowledge graph as one self-contained interactive HTML page (pyvis).

The page works from disk with no network: vis-network's script and styles are
inlined from the copy that ships inside pyvis, and a Content-Security-Policy
forbids every request. Report text reaches the page only as JSON data that is
escaped for a ``<script>`` element and shown through ``textContent``, so a
report cannot inject markup or script.

Examples
--------
>>> import networkx as nx
>>> view = nx.DiGraph()
>>> view.add_node("t", label="<script>alert(1)</script>镇", group="Town", tooltip="x")
>>> html = render_html(view, "demo")
>>> "<script>alert(1)" in html
False
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network
from rdflib import Graph, URIRef

from kg.analysis import label
from kg.namespaces import FZ, RDF, RDFS

#: Node colour and Chinese/English legend label per entity type.
STYLE = {
    "Report": ("#7f7f7f", "报告 Report"),
    "Province": ("#393b79", "省 Province"),
    "City": ("#5254a3", "市 City"),
    "County": ("#6b6ecf", "县区 County"),
    "Town": ("#d62728", "乡镇 Town"),
    "Village": ("#ff9896", "村社区 Village"),
    "Official": ("#9467bd", "干部 Official"),
    "Organization": ("#8c564b", "机构 Organization"),
    "Mechanism": ("#1f77b4", "机制 Mechanism"),
    "CandidateMechanism": ("#aec7e8", "候选机制 Candidate"),
    "Law": ("#2ca02c", "法规文件 Law"),
    "Initiative": ("#ff7f0e", "举措品牌 Initiative"),
    "Indicator": ("#bcbd22", "指标 Indicator"),
    "Problem": ("#e377c2", "问题 Problem"),
}
_EDGES = (
    (FZ.aboutTown, "报告"), (FZ.cites, "引用"), (FZ.hasProblem, "问题"), (FZ.reportedIn, "出自"),
    (FZ.adopts, "采用"), (FZ.plans, "计划"), (FZ.reportsWeakness, "不足"), (FZ.hasInitiative, "举措"),
    (FZ.partOf, "隶属"), (FZ.locatedIn, "位于"), (FZ.namesPractice, "做法"),
)
_EVIDENCE_PER_NODE = 3


def knowledge_view(graph: Graph) -> nx.DiGraph:
    """A display graph of the entities (positions folded into official -> town edges)."""
    view = nx.DiGraph()
    types = {}
    for cls in STYLE:
        for node in graph.subjects(RDF.type, FZ[cls]):
            types.setdefault(node, cls)
    evidence = _evidence(graph)
    for node, cls in types.items():
        text = f"{label(graph, node)}\n[{STYLE[cls][1]}]"
        if evidence.get(node):
            text += "\n\n" + "\n\n".join(evidence[node][:_EVIDENCE_PER_NODE])
        view.add_node(str(node), label=label(graph, node), group=cls, tooltip=text)
    for prop, name in _EDGES:
        for s, o in graph.subject_objects(prop):
            if s in types and o in types:
                view.add_edge(str(s), str(o), label=name)
    for person, position in graph.subject_objects(FZ.holds):
        for place in graph.objects(position, FZ.postIn):
            if person in types and place in types:
                view.add_edge(str(person), str(place), label=label(graph, position))
    return view


def _evidence(graph: Graph) -> dict[URIRef, list[str]]:
    found: dict[URIRef, list[str]] = {}
    for mention in sorted(graph.subjects(RDF.type, FZ.Mention)):
        entity = graph.value(mention, FZ.refersTo)
        report = graph.value(mention, FZ.inReport)
        sentence = graph.value(mention, FZ.sentence)
        section = graph.value(mention, FZ.section)
        if entity is None or sentence is None:
            continue
        where = label(graph, report) if report is not None else ""
        kind = label(graph, section) if section is not None else ""
        found.setdefault(entity, []).append(f"《{where}》{kind}：{sentence}")
    return found


def render_html(view: nx.Graph, title: str) -> str:
    """Render a display graph to a self-contained HTML page; ``view`` is not changed.

    Nodes need ``label``, ``group`` (a key of :data:`STYLE`) and ``tooltip``;
    optional ``color`` and ``size`` override the group's colour and the
    degree-based size, and a group outside :data:`STYLE` (a community, say)
    gets a legend entry in its nodes' colour.  An edge's ``weight`` is its width.
    """
    net = Network(directed=view.is_directed(), cdn_resources="in_line")
    net.from_nx(view.copy(), show_edge_weights=False)
    nodes, edges, _, _, _, _ = net.get_network_data()
    counts = Counter(n.get("group", "") for n in nodes)
    for n in nodes:
        own = view.nodes[n["id"]]
        color = own.get("color") or STYLE.get(n.get("group", ""), ("#999999", ""))[0]
        size = own.get("size") or 10 + 3 * min(view.degree(n["id"]), 15)
        n.update(color=color, size=size, shape="dot")
        n.pop("title", None)
    for e in edges:
        e["tooltip"] = e.pop("title", None) or e.get("label", "")
        e.update(font={"size": 9, "color": "#777"}, arrows="to" if view.is_directed() else "")
    legend = [{"group": g, "label": STYLE[g][1], "color": STYLE[g][0], "count": counts[g]}
              for g in STYLE if counts.get(g)]
    extra: dict[str, str] = {}
    for _, attrs in view.nodes(data=True):
        group = attrs.get("group", "")
        if group and group not in STYLE:
            extra.setdefault(group, attrs.get("color") or "#999999")
    legend += [{"group": g, "label": g, "color": c, "count": counts[g]} for g, c in extra.items()]
    data = {"nodes": nodes, "edges": edges, "legend": legend, "options": _OPTIONS}
    return _template().render(title=title, data=data, vis_js=_vis_asset("vis-network.min.js"),
                              vis_css=_vis_asset("vis-network.css"))


_OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300},
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    "nodes": {"font": {"size": 14, "face": "sans-serif"}},
    "edges": {"smooth": False, "color": {"opacity": 0.5}},
}


@cache
def _vis_asset(name: str) -> str:
    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name
    # "</script" inside the inlined library would end the element early.
    return path.read_text("utf-8").replace("</script", "<\\/script")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    # Chinese stays readable in the file; tojson still escapes < > & ' so the
    # data cannot close the <script> element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env.from_string(resources.files("kg").joinpath("templates/graph.html").read_text("utf-8"))
