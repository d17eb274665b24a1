"""Show co-occurrence and town analyses: the network page, CSV, JSON and text tables.

Every function turns rows (or a network) into a string and changes nothing it
is given; writing the strings is the caller's job (:mod:`kg.output.rdf`).

Examples
--------
>>> from rdflib import Graph
>>> from kg.analysis.cooccurrence import cooccurrence_report
>>> from kg.namespaces import FZ, ID, MECHANISM
>>> g = Graph()
>>> for t, ms in {"t1": "ab", "t2": "ab", "t3": "c", "t4": "bc"}.items():
...     for m in ms:
...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
>>> print(pairs_text(cooccurrence_report(g)))
4 towns, 3 mechanisms (adopted); 1 pairs in 2 or more towns, by jaccard
p, q: too few towns to test (N=4 < 10)
<BLANKLINE>
mechanism A  mechanism B  towns  A  B  expected  jaccard  p  q
-----------  -----------  -----  -  -  --------  -------  -  -
a            b            2      2  3  1.5       0.6667   -  -
(1 rows)
<BLANKLINE>
communities (jaccard > 0.2, 2+ towns):
  1: a、b
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict

import networkx as nx

from kg.analysis.cooccurrence import CooccurrenceReport, Facts, PairRow, mechanism_network
from kg.analysis.stats import ALPHA, MIN_UNITS
from kg.analysis.towns import TownReport, spans
from kg.output.tables import csv_lines, csv_text
from kg.query.sparql import QueryResult, format_table

#: Community colours (colour-blind safe first: Okabe-Ito, then Tableau).
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#8c564b",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#9467bd",
)
#: Colour of mechanisms without an edge.
LONE = "#c8c8c8"
#: Colour of mechanisms every town names (they get no edges).
EVERYWHERE = "#555555"
#: Columns of cooccurrence.csv and `kg cooccur`'s CSV (the first nine are the original ones).
PAIR_COLUMNS = (
    "mechanism_a",
    "label_a",
    "mechanism_b",
    "label_b",
    "towns",
    "jaccard",
    "towns_a",
    "towns_b",
    "shared_towns",
    "n_towns",
    "expected",
    "cosine",
    "lift",
    "npmi",
    "p_value",
    "q_value",
    "note",
)
TOWN_COLUMNS = (
    "town_a",
    "label_a",
    "town_b",
    "label_b",
    "shared",
    "similarity",
    "measure",
    "mechanisms_a",
    "mechanisms_b",
    "shared_mechanisms",
)
#: How the p-values are made, for JSON readers.
TEST_RULE = (
    f"one-sided hypergeometric (Fisher exact) test of more shared towns than chance; "
    f"Benjamini-Hochberg q over every testable pair of mechanisms; no test with fewer "
    f"than {MIN_UNITS} towns or when even complete overlap could not give p <= {ALPHA}"
)


#: An edge's tooltip names at most this many shared towns: across ten thousand towns a
#: full list would make the page hundreds of megabytes (cooccurrence.csv has every town).
TOOLTIP_TOWNS = 30


def _listed(labels: Sequence[str], limit: int = TOOLTIP_TOWNS) -> str:
    """Labels joined with 、, the first ``limit`` of them and how many more.

    Examples
    --------
    >>> _listed(["甲", "乙", "丙"], 2)
    '甲、乙 等 3 个'
    """
    shown = "、".join(labels[:limit])
    return shown if len(labels) <= limit else f"{shown} 等 {len(labels)} 个"


def _p(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}g}"


def _num(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


# --- pairs ---------------------------------------------------------------------------------------


def pairs_csv(rows: Iterable[PairRow]) -> str:
    """CSV of pair rows (UTF-8 with BOM, :data:`PAIR_COLUMNS`), in the order given.

    Examples
    --------
    >>> from kg.analysis.cooccurrence import PairRow
    >>> text = pairs_csv([PairRow("a", "甲", "b", "乙", 2, ("t1", "t2"), 2, 3, 0.6667, 10)])
    >>> text.splitlines()[1]
    'a,甲,b,乙,2,0.6667,2,3,t1；t2,10,0.0,0.0,0.0,0.0,,,'
    """
    return "".join(pairs_csv_lines(rows))


def pairs_csv_lines(rows: Iterable[PairRow]) -> Iterator[str]:
    """The text of :func:`pairs_csv` a row at a time (a build writes cooccurrence.csv so: at
    10,000 reports it is 301 MB, the towns of every pair by name)."""
    return csv_lines(
        PAIR_COLUMNS,
        (
            (
                r.a,
                r.a_label,
                r.b,
                r.b_label,
                r.towns,
                r.jaccard,
                r.a_towns,
                r.b_towns,
                "；".join(r.town_labels),
                r.n_towns,
                r.expected,
                r.cosine,
                r.lift,
                r.npmi,
                "" if r.p_value is None else f"{r.p_value:.6g}",
                "" if r.q_value is None else f"{r.q_value:.6g}",
                r.note,
            )
            for r in rows
        ),
    )


def pairs_json(report: CooccurrenceReport) -> str:
    """JSON of a :class:`~kg.analysis.cooccurrence.CooccurrenceReport`: settings, pairs, mechanisms.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.analysis.cooccurrence import cooccurrence_report
    >>> json.loads(pairs_json(cooccurrence_report(Graph())))["pairs"]
    []
    """
    doc = {
        "stance": report.stance,
        "measure": report.measure,
        "min_towns": report.min_towns,
        "threshold": report.threshold,
        "n_towns": report.n_towns,
        "mechanisms_with_towns": report.mechanisms,
        "test": TEST_RULE,
        "pairs": [asdict(r) for r in report.pairs],
        "mechanisms": [asdict(r) for r in report.nodes],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def pairs_text(report: CooccurrenceReport, top: int | None = 20) -> str:
    """A readable table of the ``top`` pairs, with a header and the communities.

    A note every row shares (too few towns) is said once above the table
    instead of in a column.
    """
    rows = list(report.pairs[:top] if top else report.pairs)
    notes = {r.note for r in report.pairs}
    shared_note = notes.pop() if len(notes) == 1 and "" not in notes else None
    lines = [
        f"{report.n_towns} towns, {report.mechanisms} mechanisms ({report.stance}); "
        f"{len(report.pairs)} pairs in {report.min_towns} or more towns, by {report.measure}"
    ]
    if shared_note:
        lines.append(f"p, q: {shared_note}")
    common = sorted(node.label for node in report.nodes if node.everywhere)
    if common:
        lines.append(
            f"named by every town ({len(common)}; their pairs come last and form no "
            f"network edges): {'、'.join(common)}"
        )
    with_notes = not shared_note and any(r.note for r in rows)
    columns = [
        "mechanism A",
        "mechanism B",
        "towns",
        "A",
        "B",
        "expected",
        report.measure,
        "p",
        "q",
    ]
    columns += ["note"] if with_notes else []
    table = []
    for r in rows:
        cells = [
            r.a_label,
            r.b_label,
            str(r.towns),
            str(r.a_towns),
            str(r.b_towns),
            _num(r.expected),
            _num(getattr(r, report.measure)),
            _p(r.p_value),
            _p(r.q_value),
        ]
        table.append(tuple(cells + ([r.note] if with_notes else [])))
    lines += ["", format_table(QueryResult(tuple(columns), tuple(table)))]
    groups: dict[int, list[str]] = {}
    for node in report.nodes:
        if node.community:
            groups.setdefault(node.community, []).append(node.label)
    if groups:
        lines += [
            "",
            f"communities ({report.measure} > {_num(report.threshold)}, "
            f"{report.min_towns}+ towns):",
        ]
        lines += [f"  {c}: {'、'.join(sorted(labels))}" for c, labels in sorted(groups.items())]
    return "\n".join(lines)


# --- the network page ---------------------------------------------------------------------------


def community_color(community: int) -> str:
    """Colour of a community number (0: no edge).

    Examples
    --------
    >>> community_color(1), community_color(0)
    ('#0072B2', '#c8c8c8')
    """
    return LONE if community <= 0 else PALETTE[(community - 1) % len(PALETTE)]


def cooccurrence_view(net: nx.Graph) -> nx.Graph:
    """A display graph for :func:`kg.output.html.render_html` from a mechanism network.

    Nodes are coloured by community and sized by towns; edges are as wide as
    they are strong and their tooltips list the shared towns.  ``net`` is
    not changed.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import FZ, ID, MECHANISM
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "ab", "t3": "c"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> view = cooccurrence_view(mechanism_network(g))
    >>> sorted((a["label"], a["group"]) for _, a in view.nodes(data=True))
    [('a', '社群 1'), ('b', '社群 1'), ('c', '无强共现 no strong pair')]
    >>> [e["title"].splitlines()[1] for _, _, e in view.edges(data=True)]
    ['jaccard 1 · 共同乡镇 2 个：t1、t2']
    """
    measure, threshold = net.graph.get("measure", "jaccard"), net.graph.get("threshold", 0.0)
    n_towns = net.graph.get("n_towns", 0)
    weights = [w for _, _, w in net.edges(data="weight")]
    top = max(weights, default=threshold)
    view = nx.Graph()
    order = sorted(
        net.nodes(data=True),
        key=lambda x: (
            x[1]["everywhere"],
            x[1]["community"] == 0,
            x[1]["community"],
            x[1]["label"],
            x[0],
        ),
    )
    for mech, a in order:
        if a["everywhere"]:
            group = "所有乡镇都有 in every town"
        else:
            group = f"社群 {a['community']}" if a["community"] else "无强共现 no strong pair"
        strongest = sorted(
            ((w, net.nodes[o]["label"]) for _, o, w in net.edges(mech, data="weight")),
            key=lambda x: (-x[0], x[1]),
        )[:5]
        tip = [
            a["label"],
            f"{a['towns']}/{n_towns} 个乡镇（{a['share']:.0%}）",
            group,
            f"度 degree {net.degree(mech)} · 度中心性 {a['degree_centrality']:.2f} · "
            f"介数 betweenness {a['betweenness']:.2f}",
        ]
        if strongest:
            tip.append(
                f"最常同现 ({measure}): " + "、".join(f"{lab} {_num(w)}" for w, lab in strongest)
            )
        if a["everywhere"]:
            tip.append("每个乡镇都有：与其他机制的重叠是必然的，故不画边")
        color = EVERYWHERE if a["everywhere"] else community_color(a["community"])
        view.add_node(
            mech,
            label=a["label"],
            group=group,
            color=color,
            towns=a["town_labels"],
            size=10 + round(30 * a["share"]),
            tooltip="\n".join(tip),
        )
    for u, v, e in sorted(net.edges(data=True), key=lambda x: (x[0], x[1])):
        span = (e["weight"] - threshold) / (top - threshold) if top > threshold else 1.0
        tip = [
            f"{net.nodes[u]['label']} — {net.nodes[v]['label']}",
            f"{measure} {_num(e['weight'])} · 共同乡镇 {e['towns']} 个：{_listed(e['town_labels'])}",
            f"Jaccard {_num(e['jaccard'])} · cosine {_num(e['cosine'])} · lift {_num(e['lift'])}"
            f" · NPMI {_num(e['npmi'])}",
            f"p {_p(e['p_value'])} · q {_p(e['q_value'])}"
            + (f"（{e['note']}）" if e["note"] else ""),
        ]
        view.add_edge(u, v, weight=round(1 + 7 * span, 2), title="\n".join(tip))
    return view


def render_cooccurrence_html(
    graph: Facts,
    stance: str = "adopted",
    measure: str = "jaccard",
    threshold: float | None = None,
    min_towns: int = 2,
) -> str:
    """The mechanism network of ``graph`` as a self-contained HTML page (cooccurrence.html).

    Examples
    --------
    >>> from rdflib import Graph
    >>> render_cooccurrence_html(Graph()).startswith("<!DOCTYPE html>")
    True
    """
    # Imported here: the page needs the layout and template code; the tables do not.
    from kg.output.html import render_html

    net = mechanism_network(graph, stance, measure, threshold, min_towns)
    title = (
        f"机制共现网络 Mechanism co-occurrence · {net.graph['n_towns']} 个乡镇 · "
        f"{measure} > {_num(net.graph['threshold'])}, ≥{min_towns} 个乡镇 · {stance}"
    )
    return render_html(cooccurrence_view(net), title)


# --- towns ---------------------------------------------------------------------------------------


def towns_csv(report: TownReport) -> str:
    """CSV of the town pairs (UTF-8 with BOM, :data:`TOWN_COLUMNS`).

    Examples
    --------
    >>> from kg.analysis.towns import TownPairRow, TownReport
    >>> pair = TownPairRow("t1", "甲镇", "t2", "乙镇", 1, ("合法性审查",), 2, 1, 0.5, "jaccard")
    >>> towns_csv(TownReport("adopted", "jaccard", 2, (pair,), (), (), (), ())).splitlines()[1]
    't1,甲镇,t2,乙镇,1,0.5,jaccard,2,1,合法性审查'
    """
    return csv_text(
        TOWN_COLUMNS,
        (
            (
                r.a,
                r.a_label,
                r.b,
                r.b_label,
                r.shared,
                r.similarity,
                r.measure,
                r.a_mechanisms,
                r.b_mechanisms,
                "；".join(r.shared_labels),
            )
            for r in report.pairs
        ),
    )


def towns_json(report: TownReport) -> str:
    """JSON of a :class:`~kg.analysis.towns.TownReport`.

    Examples
    --------
    >>> from kg.analysis.towns import TownReport
    >>> json.loads(towns_json(TownReport("adopted", "cosine", 0, (), (), (), (), ())))["measure"]
    'cosine'
    """
    doc = {
        "stance": report.stance,
        "measure": report.measure,
        "n_towns": report.n_towns,
        "pairs": [asdict(r) for r in report.pairs],
        "nearest": [asdict(r) for r in report.nearest],
        "unique": [asdict(r) for r in report.unique],
        "by_year": [asdict(r) for r in report.by_year],
        "by_province": [asdict(r) for r in report.by_province],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def towns_text(report: TownReport, top: int = 20) -> str:
    """Readable tables: nearest towns, unique mechanisms, and spread by year and province.

    The year and province tables appear only when the corpus spans two or
    more of them, and list the ``top`` most common mechanisms.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from kg.namespaces import FZ, ID, MECHANISM
    >>> from kg.analysis.towns import town_report
    >>> g = Graph()
    >>> for t, ms in {"t1": "ab", "t2": "abc"}.items():
    ...     for m in ms:
    ...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
    >>> print(towns_text(town_report(g)))
    2 towns (adopted), similarity by jaccard
    <BLANKLINE>
    town  nearest towns: jaccard (shared mechanisms)
    ----  ------------------------------------------
    t1    t2 0.6667 (2)
    t2    t1 0.6667 (2)
    (2 rows)
    <BLANKLINE>
    mechanisms only one town has:
      t2: c
    """
    lines = [f"{report.n_towns} towns ({report.stance}), similarity by {report.measure}", ""]
    near: dict[str, list[str]] = {}
    for neighbour in report.nearest:
        near.setdefault(neighbour.town_label, []).append(
            f"{neighbour.other_label} {_num(neighbour.similarity)} ({neighbour.shared})"
        )
    lines.append(
        format_table(
            QueryResult(
                ("town", f"nearest towns: {report.measure} (shared mechanisms)"),
                tuple((town, "、".join(found)) for town, found in near.items()),
            )
        )
    )
    unique: dict[str, list[str]] = {}
    for only in report.unique:
        unique.setdefault(only.town_label, []).append(only.mechanism_label)
    lines += ["", "mechanisms only one town has:"]
    lines += [f"  {town}: {'、'.join(labels)}" for town, labels in unique.items()] or ["  (none)"]
    for name, rows in (("year", report.by_year), ("province", report.by_province)):
        if not spans(list(rows)):
            continue
        groups = sorted({r.group for r in rows})
        totals: dict[str, int] = {}
        for r in rows:
            totals[r.mechanism_label] = totals.get(r.mechanism_label, 0) + r.towns
        chosen = sorted(totals, key=lambda m: (-totals[m], m))[:top]
        cell = {(r.group, r.mechanism_label): f"{r.towns}/{r.of_towns}" for r in rows}
        of = {r.group: r.of_towns for r in rows}
        lines += [
            "",
            f"towns with each mechanism by {name} (towns with it / towns of the {name}):",
            format_table(
                QueryResult(
                    ("mechanism", *groups),
                    tuple((m, *(cell.get((g, m), f"0/{of[g]}") for g in groups)) for m in chosen),
                )
            ),
        ]
    return "\n".join(lines)
