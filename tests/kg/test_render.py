"""Rendering: offline, escaped, and never mutating its input."""

from __future__ import annotations

import json
import re

import networkx as nx

from kg.render import render_html

EVIL = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


def _view():
    view = nx.DiGraph()
    view.add_node("a", label=f"青禾镇{EVIL}", group="Town", tooltip=f"证据：{EVIL}")
    view.add_node("b", label="合法性审查", group="Mechanism", tooltip="落实合法性审查。")
    view.add_edge("a", "b", label="采用")
    return view


def test_report_text_cannot_inject_markup():
    html = render_html(_view(), "t")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    data = re.search(r"var DATA = (.*);\n", html).group(1)
    nodes = json.loads(data)["nodes"]
    assert any(EVIL in n["label"] for n in nodes)  # the text survives, as data


def test_offline_no_remote_resources():
    html = render_html(_view(), "t")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)
    assert "vis.Network" in html and "default-src 'none'" in html


def test_render_does_not_mutate_the_view():
    view = _view()
    before = (dict(view.nodes(data=True)), list(view.edges(data=True)))
    render_html(view, "t")
    assert (dict(view.nodes(data=True)), list(view.edges(data=True))) == before


def test_legend_lists_present_types():
    html = render_html(_view(), "t")
    legend = json.loads(re.search(r"var DATA = (.*);\n", html).group(1))["legend"]
    assert {item["group"] for item in legend} == {"Town", "Mechanism"}
