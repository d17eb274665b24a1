"""Every page of the explorer renders, escapes what reports say, and is written atomically."""

from __future__ import annotations

import json
import os

import pytest
from markupsafe import escape

from kg.errors import UsageError
from kg.output.site import Site, SiteData, write_site


@pytest.fixture(scope="module")
def site(example_build):
    _, out = example_build
    return Site(SiteData.open(out))


def test_every_static_path_renders(site):
    paths = list(site.paths())
    assert len(paths) == len(set(paths))
    for path in paths:
        assert site.render(path), path


@pytest.mark.parametrize(
    "path", ["unit/nope.html", "report/x.html", "static/../../x", "nothing.html", "reports-99.html"]
)
def test_unknown_paths_render_nothing(site, path):
    assert site.render(path) is None


@pytest.mark.parametrize("path", ["unit/..%2Fx.html", "entity/a b.html"])
def test_bad_keys_are_refused(site, path):
    try:
        assert site.render(path) is None
    except UsageError:
        pass


def test_report_text_markup_is_escaped(site):
    from kg.output.site.data import Mention
    from kg.output.site.render import page

    html = page(
        "report.html",
        root="../",
        title="<script>alert(1)</script>",
        page_kind="report",
        data=site.data,
        report=next(iter(site.data.reports.values())),
        mentions=[],
        kind_counts=[],
        segments=[
            ("<img src=x onerror=alert(2)>", None),
            ("<b>", Mention(0, 3, "<b>", "law-x", "law", '"><script>')),
        ],
        problems=[{"category": "warning", "reason": "<script>alert(3)</script>"}],
        link=lambda m: "../entity/law-x.html",
    )
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "&lt;script&gt;alert(3)" in html


@pytest.mark.parametrize(
    "sentence, heading",
    [
        ("<script>alert(1)</script>", "（一）工作"),
        ("依法行政", '"><img src=x onerror=alert(2)>'),
        ("a & b < c", "<b>"),
    ],
)
def test_evidence_lists_escape_sentences_and_headings(site, sentence, heading):
    from kg.output.site.data import Evidence
    from kg.output.site.render import _env

    report = next(iter(site.data.reports))
    evidence = Evidence("law-x", report, 2023, "adopted", heading, sentence)
    template = _env().from_string("{{ evidence_list(data, items, True) }}")
    html = template.render(root="../", data=site.data, items=[evidence])
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert str(escape(sentence)) in html and str(escape(heading)) in html
    assert html.startswith('<ol class="evidence">') and 'class="badge s-adopted"' in html


def test_data_files_cannot_close_their_script(site):
    assert "</" not in site.search_js.replace("<\\/", "")
    assert site.search_js.startswith("window.KG_SEARCH = ")
    rows = json.loads(site.search_js[len("window.KG_SEARCH = ") : -2])
    kinds = {r[2] for r in rows}
    assert kinds == {"unit", "mechanism", "report"}
    legality = next(r for r in rows if r[0] == "合法性审查")
    assert legality[1] == "hfxsc" and legality[3] == "mechanism/mechanism-legality-review.html"


def test_write_site_replaces_the_folder_whole(example_build, tmp_path):
    result, out = example_build
    written = write_site(tmp_path, graph=result.graph, sources=[])
    assert (written / "index.html").is_file() and (written / "matrix-data.js").is_file()
    (written / "stale.html").write_text("old", "utf-8")
    again = write_site(tmp_path, graph=result.graph, sources=[])
    assert again == written and not (written / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_two_processes_write_the_site_one_process_writes(example_build, tmp_path, monkeypatch):
    import threading

    result, _ = example_build
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    forked = write_site(tmp_path / "a", graph=result.graph, sources=[])
    # another thread running: write_site's fork is not taken, one process writes every page
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    alone = write_site(tmp_path / "b", graph=result.graph, sources=[])
    pages = sorted(p.relative_to(forked) for p in forked.rglob("*") if p.is_file())
    assert pages == sorted(p.relative_to(alone) for p in alone.rglob("*") if p.is_file())
    assert len(pages) > 100
    assert all((forked / p).read_bytes() == (alone / p).read_bytes() for p in pages)


def test_a_units_figures_keep_their_order_in_every_process(tmp_path):
    import subprocess
    import sys

    from kg.pipeline import build

    report = tmp_path / "a.txt"
    report.write_text(
        "青禾镇2023年法治政府建设情况报告\n一、主要举措和成效\n"
        "上半年，案卷评查合格率达100%。下半年，案卷评查合格率100%。\n",
        "utf-8",
    )
    build([report], tmp_path / "out", formats=("ttl", "nt", "problems"))
    write = (
        "import sys; from kg.output.site import write_site; "
        "write_site(sys.argv[1], folder=sys.argv[2])"
    )
    cells = set()
    for seed in ("1", "2", "3"):  # a set's order changes with the hash seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        folder = f"site-{seed}"
        subprocess.run(
            [sys.executable, "-c", write, str(tmp_path / "out"), folder], env=env, check=True
        )
        page = next((tmp_path / "out" / folder / "unit").glob("*.html")).read_text("utf-8")
        cells.add(page.split("案卷评查合格率</td>", 1)[1].split("</td>", 1)[0])
    assert cells == {'<td class="num">100%；100%达'}


def test_build_writes_the_site_with_report_texts(example_build):
    _, out = example_build
    sources = json.loads((out / "site" / "sources.json").read_text("utf-8"))
    assert len(sources) == 8
    page = next((out / "site" / "report").glob("*.html")).read_text("utf-8")
    assert '<article class="text" id="text">' in page


def test_static_site_has_no_broken_links(example_build, tmp_path):
    import re

    result, out = example_build
    for name in ("graph.html", "town_mechanism.html", "cooccurrence.html"):
        (tmp_path / name).write_text("", "utf-8")  # the graph views the pages link to
    site = write_site(tmp_path, graph=result.graph, sources=[])
    broken = []
    for page in site.rglob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"]+)"', page.read_text("utf-8")):
            if target.startswith(("data:", "#", "http:", "https:")) or "?" in target:
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            if not path.exists():
                broken.append((page.relative_to(site), target))
    assert broken == []


def test_home_lists_provinces_when_counties_are_many(site, monkeypatch):
    from kg.output.site import home

    assert "county/" in site.render("index.html")
    monkeypatch.setattr(home, "COUNTIES_SHOWN", 1)
    page = site.render("index.html")
    assert "county/" not in page
    for key in home.provinces(site.data):
        assert f"province/{key}.html" in page
        assert "county/" in site.render(f"province/{key}.html")


@pytest.mark.parametrize(
    "on_disk, drawn, linked",
    [
        # views written before the site are linked from the folder
        ({"graph.html"}, set(), {"graph.html"}),
        # views a build draws beside the site are linked though not yet on disk
        (set(), {"graph.html", "town_mechanism.html"}, {"graph.html", "town_mechanism.html"}),
        ({"cooccurrence.html"}, {"graph.html"}, {"cooccurrence.html", "graph.html"}),
        (set(), set(), set()),
    ],
)
def test_views_page_links_the_views_written_or_drawn_beside(tmp_path, on_disk, drawn, linked):
    from kg.output.site import views

    for name in on_disk:
        (tmp_path / name).write_text("<html></html>", "utf-8")
    html = views.render(tmp_path, frozenset(drawn))
    assert {name for name, *_ in views.VIEWS if f'href="../{name}"' in html} == linked
