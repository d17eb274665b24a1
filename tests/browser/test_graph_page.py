"""The HTML graph page in a real (headless) browser: offline, drawn, searchable, safe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import load

EVIL_SCRIPT = "<script>window.__pwned = 1</script>"
EVIL_ATTR = '" onerror="window.__pwned = 2" x="'
EVIL_IMG = "<img src=x onerror=window.__pwned=3>"


def open_page(driver, path: Path, timeout: float = 30.0) -> tuple[list[str], list[str]]:
    """Load a page and wait until its layout has settled; return console errors and requests."""
    return load(driver, path.as_uri(), "!!(window.kgView && window.kgView.isSettled())", timeout)


def painted_pixels(driver) -> int:
    """Pixels of the graph canvas that are not blank."""
    return driver.execute_script("""
        var c = document.querySelector('#network canvas'), ctx = c.getContext('2d');
        var d = ctx.getImageData(0, 0, c.width, c.height).data, n = 0;
        for (var i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) { n++; }
        }
        return n;""")


def click_node(driver, node_id: str) -> None:
    """Click a node with the mouse: centre it, then click the middle of the canvas."""
    from selenium.webdriver.common.action_chains import ActionChains

    driver.execute_script(
        """
        var net = window.kgView.network;
        net.focus(arguments[0], {scale: 2.5, animation: false}); net.redraw();""",
        node_id,
    )
    canvas = driver.find_element("css selector", "#network canvas")
    # move_to_element goes to the element's centre, where focus() put the node.
    ActionChains(driver).move_to_element(canvas).click().perform()


def isolated(driver) -> set[str]:
    """Ids of the nodes without an edge: hidden until the "isolated" box is ticked."""
    return set(driver.execute_script("return Array.from(window.kgView.isolated)"))


def panel_text(driver) -> str:
    return driver.find_element("id", "panel").text


@pytest.mark.parametrize("view", ["knowledge", "town_mechanism", "cooccurrence"])
def test_page_loads_offline_without_errors_and_draws(browser, pages, artifacts, view):
    errors, requests = open_page(browser, pages[view])
    assert errors == []
    assert requests == [pages[view].as_uri()]  # the file itself, nothing else
    assert painted_pixels(browser) > 2000
    stats = browser.find_element("id", "stats").text
    assert stats and not stats.startswith("0 /")
    browser.save_screenshot(str(artifacts / f"{view}.png"))


def test_search_finds_a_town_and_focuses_it(browser, pages, example_graph):
    from kg.output.views import knowledge_view

    towns = sorted(
        a["label"]
        for _, a in knowledge_view(example_graph).nodes(data=True)
        if a["group"] == "Town"
    )
    town = towns[0]
    open_page(browser, pages["knowledge"])
    box = browser.find_element("id", "search")
    box.clear()
    box.send_keys(town + "\n")
    selected = browser.execute_script("return window.kgView.network.getSelectedNodes()")
    assert len(selected) == 1
    assert (
        browser.execute_script("return window.kgView.nodes.get(arguments[0]).label", selected[0])
        == town
    )
    assert browser.find_element("css selector", "#panel h2").text == town
    # Focused: the town sits at the centre of the canvas.
    offset = browser.execute_script(
        """
        var net = window.kgView.network, id = arguments[0];
        var p = net.canvasToDOM(net.getPositions([id])[id]), c = net.body.container;
        return [p.x - c.clientWidth / 2, p.y - c.clientHeight / 2];""",
        selected[0],
    )
    assert abs(offset[0]) < 5 and abs(offset[1]) < 5


def test_search_without_a_match_says_so(browser, pages):
    open_page(browser, pages["knowledge"])
    box = browser.find_element("id", "search")
    box.send_keys("不存在的名字\n")
    assert "no match" in browser.find_element("id", "stats").text


@pytest.mark.parametrize(
    "view, group", [("knowledge", "Mechanism"), ("knowledge", "Law"), ("town_mechanism", "Town")]
)
def test_type_filter_hides_that_type_only(browser, pages, view, group):
    open_page(browser, pages[view])
    before = painted_pixels(browser)
    browser.find_element("css selector", f'#legend span[data-group="{group}"]').click()
    hidden = browser.execute_script("""
        var out = {}; window.kgView.nodes.get({filter: function (n) { return n.hidden; }})
          .forEach(function (n) { out[n.id] = 1; }); return Object.keys(out);""")
    data = {
        n["id"]: n
        for n in json.loads(
            browser.execute_script("return document.getElementById('kg-data').textContent")
        )["nodes"]
    }
    alone = isolated(browser)
    hidden = set(hidden) - alone
    assert hidden and {data[i]["group"] for i in hidden} == {group}
    assert len(hidden) == sum(n["group"] == group and i not in alone for i, n in data.items())
    assert painted_pixels(browser) != before
    browser.find_element("css selector", f'#legend span[data-group="{group}"]').click()
    assert (
        set(
            browser.execute_script(
                "return window.kgView.nodes.get({filter: function (n) { return n.hidden; }})"
                ".map(function (n) { return n.id; })"
            )
        )
        == alone
    )


def _page_data(driver) -> dict:
    return json.loads(
        driver.execute_script("return document.getElementById('kg-data').textContent")
    )


def _shown(driver, dataset: str) -> set[str]:
    return set(
        driver.execute_script(
            f"return window.kgView.{dataset}.get({{filter: function (x) {{ return !x.hidden; }}}})"
            ".map(function (x) {{ return x.id; }})"
        )
    )


def test_town_and_year_filters_keep_only_matching_nodes(browser, pages):
    from selenium.webdriver.support.ui import Select

    open_page(browser, pages["knowledge"])
    data = _page_data(browser)
    town, year = data["towns"][0], data["years"][-1]
    Select(browser.find_element("id", "town")).select_by_value(town)
    assert _shown(browser, "nodes") == {n["id"] for n in data["nodes"] if town in n["towns"]}
    Select(browser.find_element("id", "year")).select_by_value(str(year))
    assert _shown(browser, "nodes") == {
        n["id"] for n in data["nodes"] if town in n["towns"] and year in n["years"]
    }
    browser.find_element("id", "reset").click()
    assert len(_shown(browser, "nodes")) == len(data["nodes"]) - len(isolated(browser))


def test_section_filter_hides_facts_of_that_stance(browser, pages):
    open_page(browser, pages["town_mechanism"])
    data = _page_data(browser)
    browser.find_element("css selector", '#sections input[value="adopted"]').click()
    shown = _shown(browser, "edges")
    assert shown == {e["id"] for e in data["edges"] if set(e["sections"]) - {"adopted"}}
    assert shown and len(shown) < len(data["edges"])
    hidden_mechs = {n["id"] for n in data["nodes"] if n["sections"] == ["adopted"]}
    assert hidden_mechs and not hidden_mechs & _shown(browser, "nodes")


def test_clicking_a_node_shows_its_evidence_and_source(browser, pages, artifacts):

    open_page(browser, pages["knowledge"])
    data = _page_data(browser)
    node = max(
        (n for n in data["nodes"] if n["group"] == "Mechanism" and n["evidence"]),
        key=lambda n: (n["size"], n["id"]),
    )
    click_node(browser, node["id"])
    assert browser.find_element("css selector", "#panel h2").text == node["label"]
    sentences = [
        e.text for e in browser.find_elements("css selector", "#panel .evidence .sentence")
    ]
    sources = [e.text for e in browser.find_elements("css selector", "#panel .evidence .src")]
    assert sentences == [e["sentence"] for e in node["evidence"]]
    first = node["evidence"][0]
    assert first["report"] in sources[0] and first["section"] in sources[0]
    # A readable picture for the README: the node in its neighbourhood, no tooltip.
    browser.execute_script("window.kgView.network.moveTo({scale: 0.9, animation: false})")
    browser.execute_script("""document.querySelectorAll('.vis-tooltip')
        .forEach(function (t) { t.style.visibility = 'hidden'; });""")
    browser.save_screenshot(str(artifacts / "knowledge_evidence.png"))


def test_neighbourhood_shows_the_node_and_its_neighbours_only(browser, pages):
    open_page(browser, pages["town_mechanism"])
    data = _page_data(browser)
    town = next(n for n in data["nodes"] if n["group"] == "Town")
    near = (
        {town["id"]}
        | {e["to"] for e in data["edges"] if e["from"] == town["id"]}
        | {e["from"] for e in data["edges"] if e["to"] == town["id"]}
    )
    click_node(browser, town["id"])
    button = next(
        b
        for b in browser.find_elements("css selector", "#panel button")
        if "neighbourhood" in b.text
    )
    button.click()
    assert _shown(browser, "nodes") == near


def test_language_toggle_shows_english_labels(browser, pages):
    open_page(browser, pages["town_mechanism"])
    data = _page_data(browser)
    mech = next(n for n in data["nodes"] if n["label_en"])
    label = "return window.kgView.nodes.get(arguments[0]).label"
    assert browser.execute_script(label, mech["id"]) == mech["label"]
    browser.find_element("id", "lang").click()
    assert browser.execute_script(label, mech["id"]) == mech["label_en"]
    assert "Mechanism" in browser.find_element("id", "legend").text
    browser.find_element("id", "lang").click()
    assert browser.execute_script(label, mech["id"]) == mech["label"]


def test_big_graph_shows_an_overview_and_asks_to_filter(browser, tmp_path, example_graph):
    from kg.output.html import render_html
    from kg.output.views import knowledge_view

    page = tmp_path / "big.html"
    view = knowledge_view(example_graph)
    page.write_text(render_html(view, "big", max_nodes=100), "utf-8")
    errors, _ = open_page(browser, page)
    assert errors == []
    notice = browser.find_element("id", "notice")
    assert notice.is_displayed() and "too many" in notice.text
    groups = {a["group"] for _, a in view.nodes(data=True)}
    assert browser.execute_script("return window.kgView.nodes.length") == len(groups)
    assert browser.execute_script("return window.kgView.mode()") == "overview"
    # Searching a town draws its neighbourhood instead.
    town = next(a["label"] for _, a in view.nodes(data=True) if a["group"] == "Town")
    box = browser.find_element("id", "search")
    box.send_keys(town + "\n")
    assert browser.execute_script("return window.kgView.mode()") == "subset"
    drawn = browser.execute_script("return window.kgView.nodes.length")
    assert 1 < drawn <= 100
    assert not notice.is_displayed()


def _evil_graph():
    from kg.graph.triples import build_graph
    from kg.ingest.structure import document_from_text
    from kg.run.report import extract_document

    text = (
        f"青禾镇2023年法治政府建设情况报告\n一、主要举措\n"
        f"全面落实合法性审查{EVIL_SCRIPT}{EVIL_ATTR}{EVIL_IMG}。\n"
        f"二、存在的问题\n普法宣传不够深入{EVIL_SCRIPT}。"
    )
    # The report names its unit, so its mechanisms are the unit's facts (edges, not isolated nodes).
    return build_graph([extract_document(document_from_text(text))])


def test_injected_script_in_a_report_shows_as_text_and_runs_nothing(browser, tmp_path):
    from kg.output.html import render_html
    from kg.output.views import knowledge_view

    view = knowledge_view(_evil_graph())
    # A label made of report text too (a name an extractor could take from a page).
    view.add_node(
        "evil",
        label=f"坏镇{EVIL_SCRIPT}{EVIL_ATTR}",
        group="Town",
        tooltip=EVIL_IMG,
        evidence=(
            {
                "report": EVIL_SCRIPT,
                "section": EVIL_ATTR,
                "heading": EVIL_IMG,
                "sentence": EVIL_SCRIPT,
            },
        ),
    )
    page = tmp_path / "evil.html"
    page.write_text(render_html(view, f"标题{EVIL_SCRIPT}"), "utf-8")
    errors, requests = open_page(browser, page)
    assert errors == []
    assert requests == [page.as_uri()]  # <img src=x> was never fetched
    assert browser.execute_script("return window.__pwned") is None
    assert EVIL_SCRIPT in browser.title
    browser.find_element("id", "search").send_keys("合法性审查\n")
    # The evidence sentence went through ingest's cleaning (quotes, spaces), but its markup
    # is still there, as text.
    text = panel_text(browser)
    assert "<script>window" in text and "</script>" in text and "<img src=x onerror=" in text
    browser.find_element("id", "isolated").click()  # the hand-made node has no edge
    click_node(browser, "evil")
    text = panel_text(browser)
    assert EVIL_SCRIPT in text and EVIL_IMG in text and EVIL_ATTR.strip() in text
    assert browser.execute_script("return window.__pwned") is None
    assert browser.find_elements("css selector", "#panel script, #panel img, body > img") == []


@pytest.mark.parametrize("view", ["knowledge", "town_mechanism", "cooccurrence"])
def test_largest_labels_are_legible_at_load(browser, pages, view):
    open_page(browser, pages[view])
    scale = browser.execute_script("return window.kgView.network.getScale()")
    sizes = browser.execute_script("""
        return window.kgView.nodes.get({filter: function (n) { return !n.hidden; }})
          .sort(function (a, b) { return (b.size || 0) - (a.size || 0); }).slice(0, 20)
          .map(function (n) { return n.font ? n.font.size : 14; });""")
    assert sizes and min(sizes) * scale >= 12.5


def _outside_canvas(browser) -> int:
    """Visible nodes drawn outside the canvas."""
    return browser.execute_script("""
        var net = window.kgView.network, c = net.body.container, out = 0;
        var ids = window.kgView.nodes.get({filter: function (n) { return !n.hidden; }})
          .map(function (n) { return n.id; });
        var pos = net.getPositions(ids);
        ids.forEach(function (id) {
          var p = net.canvasToDOM(pos[id]);
          if (p.x < 0 || p.y < 0 || p.x > c.clientWidth || p.y > c.clientHeight) { out++; }
        });
        return out;""")


def test_view_fits_the_nodes_left_after_a_filter(browser, pages):
    from selenium.webdriver.support.ui import Select

    open_page(browser, pages["knowledge"])
    browser.execute_script("window.kgView.network.moveTo({scale: 4, animation: false})")
    assert _outside_canvas(browser) > 0
    town = _page_data(browser)["towns"][0]
    Select(browser.find_element("id", "town")).select_by_value(town)
    assert _outside_canvas(browser) == 0
    scale = browser.execute_script("return window.kgView.network.getScale()")
    assert scale < 4


def test_isolated_vocabulary_is_hidden_until_asked_for(browser, pages, artifacts):
    open_page(browser, pages["knowledge"])
    data = _page_data(browser)
    linked = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    alone = {n["id"] for n in data["nodes"]} - linked
    assert alone and isolated(browser) == alone
    assert not alone & _shown(browser, "nodes")
    box = browser.find_element("id", "isolated")
    assert str(len(alone)) in browser.find_element("id", "isolated-box").text
    box.click()
    assert alone <= _shown(browser, "nodes")
    box.click()
    browser.save_screenshot(str(artifacts / "knowledge.png"))


def test_edge_colours_have_a_legend_and_tooltips_wrap(browser, pages):
    open_page(browser, pages["town_mechanism"])
    data = _page_data(browser)
    swatches = browser.find_elements("css selector", "#sections .swatch")
    colours = [s.value_of_css_property("border-top-color") for s in swatches]
    assert len(swatches) == len(data["sections"]) + 1  # one per stance, one for the rest
    assert len(set(colours)) == len(colours)
    assert "other relations" in browser.find_element("id", "sections").text
    style = browser.execute_script("""
        var t = document.createElement('div'); t.className = 'vis-tooltip'; document.body.appendChild(t);
        var s = getComputedStyle(t); var out = [s.whiteSpace, s.maxWidth]; t.remove(); return out;""")
    assert style[0] == "pre-wrap" and style[1].endswith("px")
