"""Render a display graph as one self-contained interactive HTML page.

The page works from disk with no network: vis-network's script and styles are
inlined from the copy that ships inside pyvis, and a Content-Security-Policy
forbids every request and lets only the page's own two scripts run (by their
SHA-256 hashes).  Report text reaches the page only as JSON in a
``<script type="application/json">`` element, escaped so that it cannot close
the element, and is shown through ``textContent`` or drawn on the canvas, so a
report cannot inject markup or script.

The page offers search (Chinese or English), filters by entity type (the
legend), town, year and section stance, a "show neighbourhood" view, a side
panel with the selected node's evidence sentences, and a Chinese/English
label toggle.  Layout physics stops once the layout has settled.  When more
than ``max_nodes`` nodes pass the filters the page draws one node per entity
type instead and asks the user to filter, so a big graph never freezes the
browser.

View builders live in :mod:`kg.output.views`; :func:`knowledge_view` is re-exported
here for callers of the earlier API.

Examples
--------
>>> import networkx as nx
>>> view = nx.DiGraph()
>>> view.add_node("t", label="<script>alert(1)</script>镇", group="Town", tooltip="x")
>>> html = render_html(view, "demo")
>>> "<script>alert(1)" in html
False
>>> page_data(html)["nodes"][0]["label"]
'<script>alert(1)</script>镇'
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import math
import random
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from kg.errors import UsageError
from kg.output.views import knowledge_view, town_mechanism_view  # noqa: F401  (public re-exports)

#: Colour, vis-network shape, legend glyph, Chinese and English name per entity type.
STYLE = {
    "Report": ("#7f7f7f", "square", "■", "报告", "Report"),
    "Province": ("#393b79", "triangle", "▲", "省", "Province"),
    "City": ("#5254a3", "triangle", "▲", "市", "City"),
    "County": ("#6b6ecf", "triangle", "▲", "县区", "County"),
    "Town": ("#d62728", "diamond", "◆", "乡镇", "Town"),
    "Village": ("#ff9896", "triangleDown", "▼", "村社区", "Village"),
    "Official": ("#9467bd", "dot", "●", "干部", "Official"),
    "Organization": ("#8c564b", "square", "■", "机构", "Organization"),
    "Mechanism": ("#1f77b4", "dot", "●", "机制", "Mechanism"),
    "CandidateMechanism": ("#aec7e8", "dot", "●", "候选机制", "Candidate mechanism"),
    "Law": ("#2ca02c", "hexagon", "⬢", "法规文件", "Law"),
    "Initiative": ("#ff7f0e", "star", "★", "举措品牌", "Initiative"),
    "Indicator": ("#bcbd22", "triangleDown", "▼", "指标", "Indicator"),
    "Problem": ("#e377c2", "dot", "●", "问题", "Problem"),
}
#: Edge colour and dashes per stance of a town -> mechanism fact.
STANCE_STYLE = {
    "adopted": ("#2ca02c", False),
    "planned": ("#1f77b4", True),
    "problem": ("#d62728", False),
    "mentioned": ("#999999", True),
}
#: Colour of an edge of several stances or of no stance (a report's mention, a place's part).
OTHER_EDGE_COLOR = "#888888"
#: Stance names for the section filter: Chinese, English.
STANCE_NAMES = {
    "adopted": ("实施", "adopted"),
    "planned": ("计划", "planned"),
    "problem": ("不足", "problem"),
    "mentioned": ("其他", "mentioned"),
}
#: Above this many nodes passing the filters the page draws one node per type instead.
#: 5,000 nodes settle in about 8 s in headless chromium and stay responsive (BENCHMARKS.md).
MAX_NODES = 5000
#: Edge labels are drawn only up to this many edges; beyond it they stay in the tooltips.
EDGE_LABEL_LIMIT = 1500
#: Seed of the layout, so the same view gives the same page.
LAYOUT_SEED = 7
#: Typical edge length of the layout, in vis-network units (a node is 20 to 110 across).
EDGE_LENGTH = 120
#: Median distance of a node to its nearest neighbour, at least (vis-network units).
NODE_GAP = 45
#: Room left between two nodes' shapes once the layout has pushed overlapping ones apart.
NODE_MARGIN = 4
_DATA = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.S)


def render_html(
    view: nx.Graph, title: str, *, max_nodes: int = MAX_NODES, layout: bool = True, note: str = ""
) -> str:
    """Render a display graph to a self-contained HTML page; ``view`` is not changed.

    Parameters
    ----------
    view : networkx.Graph or networkx.DiGraph
        Nodes need ``label`` and ``group`` (a key of :data:`STYLE`, or any
        other name, say a community, which gets a legend entry in its nodes'
        colour); optional ``label_en``, ``tooltip``, ``color``, ``size``
        (default: by degree), ``towns``, ``years``, ``sections``,
        ``evidence`` and ``evidence_total`` (see :mod:`kg.output.views`).  Edges may
        have ``label``, ``label_en``, ``title`` (tooltip), ``sections`` and
        ``weight`` (the width).
    title : str
        The page title.
    max_nodes : int
        The most nodes drawn at once; above it the page shows one node per
        type and asks the user to filter.
    layout : bool
        Lay the nodes out here (:func:`layout_positions`), so the page draws
        them at once and nothing moves; with False the browser runs
        vis-network's physics until the layout settles, which takes tens of
        seconds beyond a thousand nodes.
    note : str
        A paragraph shown under the title (what an overview leaves out).

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    UsageError
        If ``max_nodes`` is below 1.

    Examples
    --------
    >>> import networkx as nx
    >>> v = nx.Graph()
    >>> v.add_edge("a", "b", weight=3)
    >>> v.nodes["a"].update(label="合法性审查", group="Mechanism")
    >>> v.nodes["b"].update(label="青禾镇", group="Town", size=30)
    >>> data = page_data(render_html(v, "t"))
    >>> [(n["label"], n["shape"], n["size"]) for n in data["nodes"]]
    [('合法性审查', 'dot', 13), ('青禾镇', 'diamond', 30)]
    >>> data["edges"][0]["width"]
    3
    """
    if max_nodes < 1:
        raise UsageError(f"max_nodes must be at least 1, not {max_nodes}")
    directed = view.is_directed()
    nodes = [_node(view, node, attrs) for node, attrs in view.nodes(data=True)]
    if layout:
        for n, (x, y) in zip(nodes, layout_positions(view).values()):
            n.update(x=x, y=y)
    edges = [
        _edge(i, u, v, attrs, directed) for i, (u, v, attrs) in enumerate(view.edges(data=True))
    ]
    counts = Counter(n["group"] for n in nodes)
    legend = [
        {
            "group": g,
            "label": s[3],
            "label_en": s[4],
            "color": s[0],
            "glyph": s[2],
            "count": counts[g],
        }
        for g, s in STYLE.items()
        if counts.get(g)
    ]
    for n in nodes:
        if n["group"] not in STYLE and n["group"] not in {item["group"] for item in legend}:
            legend.append(
                {
                    "group": n["group"],
                    "label": n["group"],
                    "label_en": n["group"],
                    "color": n["color"],
                    "glyph": "●",
                    "count": counts[n["group"]],
                }
            )
    used = {s for item in (*nodes, *edges) for s in item["sections"]}
    sections = sorted(used, key=list(STANCE_NAMES).index)
    data = {
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "limit": max_nodes,
        "edge_label_limit": EDGE_LABEL_LIMIT,
        "directed": directed,
        "towns": sorted({t for n in nodes for t in n["towns"]}),
        "years": sorted({y for n in nodes for y in n["years"]}),
        "sections": [
            {
                "key": s,
                "label": STANCE_NAMES[s][0],
                "label_en": STANCE_NAMES[s][1],
                "color": STANCE_STYLE[s][0],
                "dashes": STANCE_STYLE[s][1],
            }
            for s in sections
        ],
        # Edges of one stance take its colour; every other edge is this grey.
        "other_edge_color": OTHER_EDGE_COLOR,
    }
    vis_js, app_js = _vis_asset("vis-network.min.js"), _app_js()
    csp_hashes = " ".join(f"'sha256-{_sha256(js)}'" for js in (vis_js, app_js))
    return _template().render(
        title=title,
        note=note,
        data=data,
        vis_js=vis_js,
        app_js=app_js,
        vis_css=_vis_asset("vis-network.css"),
        script_hashes=csp_hashes,
    )


def load_layout() -> None:
    """Import what :func:`layout_positions` needs (igraph, which imports matplotlib's pyplot,
    and scipy's spatial index: 0.5 s).

    A build does it in a thread while the reports come in, before it forks the processes that
    draw the heat map and the pages: the copies find matplotlib and scipy imported, instead
    of importing them each, and the build's end does not wait for them.
    """
    # Imported here: see layout_positions.
    import igraph  # noqa: F401
    from scipy.spatial import cKDTree  # noqa: F401


def layout_positions(view: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Node -> (x, y): a force-directed layout, the same for the same view.

    Fruchterman-Reingold on a grid (igraph's C code) lays out 5,000 nodes in
    about a second where the browser's physics takes a minute.  Positions are
    scaled so that the median edge is :data:`EDGE_LENGTH` long (or longer, so
    that the median node has :data:`NODE_GAP` to its nearest neighbour), in the
    order of ``view.nodes``.

    Examples
    --------
    >>> v = nx.path_graph(3)
    >>> pos = layout_positions(v)
    >>> list(pos), pos == layout_positions(v)
    ([0, 1, 2], True)
    >>> round(math.dist(pos[0], pos[1]))
    120
    """
    # Imported here: with what they import (matplotlib) they take 2-4 s, which every
    # command that imports this module without laying out a page paid at start-up.
    import igraph
    from scipy.spatial import cKDTree

    names = list(view.nodes)
    if not names:
        return {}
    index = {node: i for i, node in enumerate(names)}
    g = igraph.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in view.edges() if u != v])
    # igraph draws its start positions from a global generator: seed it for a repeatable
    # page, then give the caller's generator back.
    igraph.set_random_number_generator(random.Random(LAYOUT_SEED))
    try:
        coords = g.layout_fruchterman_reingold(niter=500, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in g.get_edgelist())
    median = lengths[len(lengths) // 2] if lengths else 1.0
    scale = EDGE_LENGTH / median if median > 0 else 1.0
    if len(coords) > 1:
        # Leaves crowd around their hub: spread until most nodes have room for a label.
        gaps = sorted(cKDTree(coords).query(coords, k=2)[0][:, 1])
        gap = gaps[len(gaps) // 2]
        if gap > 0:
            scale = max(scale, NODE_GAP / gap)
    placed = _apart(
        [(x * scale, y * scale) for x, y in coords],
        [node_size(view, node, view.nodes[node]) for node in names],
    )
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in zip(names, placed)}


def _apart(
    coords: list[tuple[float, float]], radii: list[int], rounds: int = 50
) -> list[tuple[float, float]]:
    """``coords`` with the nodes whose shapes overlap pushed apart, each pair half each way.

    A force-directed layout puts nodes with the same neighbours on one spot (two towns that
    adopt the same mechanisms): drawn over each other, the lower one cannot be clicked.
    Overlapping pairs, found with a k-d tree, move together, for at most ``rounds`` rounds;
    coincident nodes part along x, so the same view gives the same page.
    """
    # Imported here, as in layout_positions: only a laid-out page needs them.
    import numpy as np
    from scipy.spatial import cKDTree

    xy, r = np.array(coords, dtype=float).reshape(-1, 2), np.array(radii, dtype=float)
    if len(xy) < 2:
        return coords
    reach = 2 * float(r.max()) + NODE_MARGIN
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        a, b = pairs[:, 0], pairs[:, 1]
        delta = xy[b] - xy[a]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        need = r[a] + r[b] + NODE_MARGIN
        over = dist < need
        if not over.any():
            break
        a, b, delta, dist, need = a[over], b[over], delta[over], dist[over], need[over]
        delta[dist == 0] = (1.0, 0.0)
        dist[dist == 0] = 1.0
        push = delta / dist[:, None] * ((need - dist) / 2)[:, None]
        moves = np.zeros_like(xy)
        np.add.at(moves, a, -push)
        np.add.at(moves, b, push)
        xy = xy + moves
    return [(x, y) for x, y in xy.tolist()]


def page_data(html: str) -> dict[str, Any]:
    """The graph data embedded in a page made by :func:`render_html`.

    Examples
    --------
    >>> page_data(render_html(nx.Graph(), "empty"))["nodes"]
    []
    """
    found = _DATA.search(html)
    if found is None:
        raise UsageError("not a fazhi-kg graph page: no kg-data element")
    data: dict[str, Any] = json.loads(found.group(1))  # the page's JSON object
    return data


def node_size(view: nx.Graph, node: Hashable, attrs: dict[str, Any]) -> int:
    """A node's size on the page (vis-network's, half its width): its own, else by its degree."""
    return int(attrs.get("size") or 10 + 3 * min(view.degree(node), 15))


def _stances(value: Iterable[str] | None) -> list[str]:
    return [s for s in (value or ()) if s in STANCE_NAMES]


# Any: networkx attributes and the page's JSON hold values of any type.
def _node(view: nx.Graph, node: Hashable, attrs: dict[str, Any]) -> dict[str, Any]:
    group = str(attrs.get("group", ""))
    style = STYLE.get(group)
    name = str(attrs.get("label", node))
    return {
        "id": str(node),
        "label": name,
        "label_en": str(attrs.get("label_en") or ""),
        "group": group,
        "color": attrs.get("color") or (style[0] if style else "#999999"),
        "shape": style[1] if style else "dot",
        "size": node_size(view, node, attrs),
        "tooltip": str(attrs.get("tooltip") or name),
        "towns": [str(t) for t in attrs.get("towns", ())],
        "years": [int(y) for y in attrs.get("years", ())],
        "sections": _stances(attrs.get("sections")),
        "evidence": [
            {k: str(e.get(k, "")) for k in ("report", "section", "heading", "sentence")}
            for e in attrs.get("evidence", ())
        ],
        "evidence_total": int(attrs.get("evidence_total", len(attrs.get("evidence", ())))),
    }


def _edge(
    i: int, u: Hashable, v: Hashable, attrs: dict[str, Any], directed: bool
) -> dict[str, Any]:
    sections = _stances(attrs.get("sections"))
    color, dashes = STANCE_STYLE[sections[0]] if len(sections) == 1 else (OTHER_EDGE_COLOR, False)
    text = str(attrs.get("label") or "")
    return {
        "id": f"e{i}",
        "from": str(u),
        "to": str(v),
        "label": text,
        "label_en": str(attrs.get("label_en") or ""),
        "tooltip": str(attrs.get("title") or attrs.get("tooltip") or text),
        "sections": sections,
        "width": attrs.get("weight", 1),
        "color": color,
        "dashes": dashes,
        "arrows": "to" if directed else "",
    }


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _vis_asset(name: str) -> str:
    # Found, not imported: pyvis imports IPython (1.4 s) and only its files are used.
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError("pyvis is not installed: pip install pyvis (its vis-network files)")
    folder = Path(spec.submodule_search_locations[0])
    path = folder / "templates" / "lib" / "vis-9.1.2" / name
    # "</script" inside the inlined library would end the element early.
    return path.read_text("utf-8").replace("</script", "<\\/script")


@cache
def _app_js() -> str:
    return resources.files("kg.output").joinpath("templates/graph.js").read_text("utf-8")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    # Chinese stays readable in the file; tojson still escapes < > & ' so the
    # data cannot close the <script> element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env.from_string(
        resources.files("kg.output").joinpath("templates/graph.html").read_text("utf-8")
    )
