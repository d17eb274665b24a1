"""Rendering: offline, escaped, laid out, and never mutating its input."""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
import re

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.output.html import MAX_NODES, STANCE_STYLE, layout_positions, page_data, render_html

EVIL = '</script><script>alert("x")</script><img src=x onerror=alert(1)>" onerror="alert(2)'


def _view():
    view = nx.DiGraph()
    view.add_node(
        "a",
        label=f"青禾镇{EVIL}",
        group="Town",
        tooltip=f"证据：{EVIL}",
        towns=("青禾镇",),
        years=(2023,),
        sections=("adopted",),
        evidence=(
            {"report": EVIL, "section": "主要举措和成效", "heading": "", "sentence": f"落实{EVIL}"},
        ),
        evidence_total=3,
    )
    view.add_node(
        "b",
        label="合法性审查",
        label_en="legality review",
        group="Mechanism",
        tooltip="落实合法性审查。",
    )
    view.add_edge("a", "b", label="实施", label_en="adopts", sections=("adopted",), weight=4)
    return view


def test_report_text_cannot_inject_markup():
    html = render_html(_view(), EVIL)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'onerror="alert' not in html
    data = page_data(html)
    assert any(EVIL in n["label"] for n in data["nodes"])  # the text survives, as data
    assert data["nodes"][0]["evidence"][0]["report"] == EVIL


def test_only_the_pages_own_scripts_may_run():
    html = render_html(_view(), "t")
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert (
        "default-src 'none'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for js in scripts:
        digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_offline_no_remote_resources():
    html = render_html(_view(), "t")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)
    assert "vis.Network" in html


def test_render_does_not_mutate_the_view():
    view = _view()
    before = (dict(view.nodes(data=True)), list(view.edges(data=True)))
    render_html(view, "t")
    assert (dict(view.nodes(data=True)), list(view.edges(data=True))) == before


def test_legend_lists_present_types_with_shapes_and_english():
    legend = page_data(render_html(_view(), "t"))["legend"]
    assert {(i["group"], i["label_en"], i["count"]) for i in legend} == {
        ("Town", "Town", 1),
        ("Mechanism", "Mechanism", 1),
    }


def test_other_groups_get_a_legend_entry_in_their_colour():
    view = nx.Graph()
    view.add_node("m", label="m", group="社群 1", color="#0072B2", size=22)
    data = page_data(render_html(view, "t"))
    assert data["legend"] == [
        {
            "group": "社群 1",
            "label": "社群 1",
            "label_en": "社群 1",
            "color": "#0072B2",
            "glyph": "●",
            "count": 1,
        }
    ]
    assert (data["nodes"][0]["color"], data["nodes"][0]["size"]) == ("#0072B2", 22)


@pytest.mark.parametrize(
    "key, expected",
    [
        ("towns", ["青禾镇"]),
        ("years", [2023]),
        ("sections", ["adopted"]),
    ],
)
def test_filters_are_offered_for_what_the_nodes_have(key, expected):
    data = page_data(render_html(_view(), "t"))
    found = [s["key"] for s in data[key]] if key == "sections" else data[key]
    assert found == expected


def test_edges_carry_stance_style_and_width():
    edge = page_data(render_html(_view(), "t"))["edges"][0]
    assert (edge["label"], edge["label_en"], edge["width"], edge["color"], edge["arrows"]) == (
        "实施",
        "adopts",
        4,
        STANCE_STYLE["adopted"][0],
        "to",
    )


def test_nodes_are_laid_out_unless_asked_not_to():
    laid = page_data(render_html(_view(), "t"))["nodes"]
    assert all("x" in n and "y" in n for n in laid)
    assert all("x" not in n for n in page_data(render_html(_view(), "t", layout=False))["nodes"])


def test_layout_is_repeatable_and_spread():
    view = nx.barabasi_albert_graph(300, 2, seed=1)
    pos = layout_positions(view)
    assert pos == layout_positions(view)
    assert len(set(pos.values())) == 300


@pytest.mark.parametrize(
    "towns, mechanisms",
    [
        # towns that adopt the same mechanisms land on one spot of a force-directed layout
        (2, 12),
        (8, 30),
        # ... and towns of a dense view, with nodes of every size
        (20, 40),
    ],
)
def test_no_two_nodes_are_drawn_over_each_other(towns, mechanisms):
    view = nx.Graph()
    for t in range(towns):
        view.add_node(f"t{t}", group="Town", size=38)
        view.add_edges_from((f"t{t}", f"m{m}") for m in range(mechanisms))
    pos = layout_positions(view)
    sizes = {n["id"]: n["size"] for n in page_data(render_html(view, "t"))["nodes"]}
    for a, b in itertools.combinations(view.nodes, 2):
        gap = math.dist(pos[a], pos[b]) - sizes[a] - sizes[b]
        assert gap >= 0, (a, b, gap)


@pytest.mark.parametrize("limit, expected", [(None, MAX_NODES), (10, 10)])
def test_node_limit_is_passed_to_the_page(limit, expected):
    kwargs = {} if limit is None else {"max_nodes": limit}
    assert page_data(render_html(_view(), "t", **kwargs))["limit"] == expected


def test_bad_limit_is_a_usage_error():
    with pytest.raises(UsageError, match="max_nodes"):
        render_html(_view(), "t", max_nodes=0)


def test_page_data_rejects_other_html():
    with pytest.raises(UsageError):
        page_data("<html></html>")
