"""The explorer in a real (headless) browser: every page type, from disk and served; search,
matrix filters, sorting and clicks, the SPARQL page; report markup shown as text, never run."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.browser.conftest import load

EVIL_SCRIPT = "<script>window.__pwned = 1</script>"
EVIL_IMG = "<img src=x onerror=window.__pwned=3>"
EVIL_ATTR = '" onmouseover="window.__pwned = 2" x="'
#: A report (written for this test) whose text carries markup in sentences that name a
#: mechanism, a law and a problem.
EVIL_REPORT = (
    "浙江省松阳县青禾镇人民政府\n"
    "青禾镇2023年法治政府建设情况报告\n"
    "一、主要举措\n"
    f"全面落实合法性审查{EVIL_SCRIPT}，认真贯彻《中华人民共和国行政复议法》{EVIL_IMG}。\n"
    f"推行行政执法公示制度{EVIL_ATTR}。\n"
    "二、存在的问题\n"
    f"普法宣传不够深入{EVIL_SCRIPT}，行政执法监督仍有短板。\n"
    "三、下一步工作打算\n"
    "健全重大行政决策程序。\n"
)


@pytest.fixture(scope="module")
def site_build(tmp_path_factory, example_files):
    """A build of three examples and the hostile report: (out_dir, SiteData)."""
    from kg.output.site import SiteData
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("site-reports")
    for path in example_files[:3]:
        shutil.copy(path, folder / path.name)
    (folder / "evil_2023.txt").write_text(EVIL_REPORT, "utf-8")
    out = tmp_path_factory.mktemp("site-out")
    build([folder], out, formats=("ttl", "trig", "html", "cooccurrence", "problems", "site"))
    return out, SiteData.open(out)


@pytest.fixture(scope="module")
def served(site_build):
    """``kg serve`` of that build, with the pages: its base URL."""
    from kg.output.site.app import site_mount
    from kg.query.serve import Endpoint

    out, _ = site_build
    with Endpoint(out, port=0, site=site_mount(out)) as endpoint:
        yield f"http://127.0.0.1:{endpoint.port}"


def page_paths(data) -> dict[str, str]:
    """One site path per page type."""
    from kg.output.site.home import counties, provinces

    evil = next(r for r in data.reports.values() if r.file_name == "evil_2023.txt")
    law = next(k for k in data.entity_keys(["law"]))
    return {
        "home": "index.html",
        "county": f"county/{next(iter(counties(data)))}.html",
        "province": f"province/{next(iter(provinces(data)))}.html",
        "unit": f"unit/{evil.unit}.html",
        "mechanism": "mechanism/mechanism-legality-review.html",
        "report": f"report/{evil.key}.html",
        "entity": f"entity/{law}.html",
        "matrix": "matrix.html",
        "mechanisms": "mechanisms.html",
        "reports": "reports.html",
        "sparql": "sparql.html",
        "views": "views.html",
    }


PAGE_TYPES = (
    "home",
    "province",
    "county",
    "unit",
    "mechanism",
    "report",
    "entity",
    "matrix",
    "mechanisms",
    "reports",
    "sparql",
    "views",
)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_opens_from_disk_offline_without_errors(browser, site_build, kind):
    out, data = site_build
    path = out / "site" / page_paths(data)[kind]
    errors, requests = load(browser, path.as_uri())
    assert errors == []
    assert requests and all(r.startswith(f"file://{out}/site/") for r in requests), requests
    assert browser.find_element("tag name", "h1").text


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_is_served_without_errors(browser, site_build, served, kind):
    _, data = site_build
    errors, requests = load(browser, f"{served}/site/{page_paths(data)[kind]}")
    assert errors == []
    assert requests and all(r.startswith(served + "/") for r in requests), requests


def test_report_markup_is_shown_as_text_and_runs_nothing(browser, site_build):
    out, data = site_build
    paths = page_paths(data)
    for kind in ("report", "unit", "mechanism"):
        errors, requests = load(browser, (out / "site" / paths[kind]).as_uri())
        assert errors == []
        assert not any(r.endswith("/x") for r in requests)  # <img src=x> never fetched
        assert browser.execute_script("return window.__pwned") is None
        assert browser.find_elements("css selector", "main script, main img") == []
    load(browser, (out / "site" / paths["report"]).as_uri())
    text = browser.find_element("id", "text").text
    assert "<script>window.__pwned = 1</script>" in text and "<img src=x onerror=" in text
    # The entities of the hostile text are still highlighted and lead to their nodes.
    link = browser.find_element("css selector", "#text a.k-mechanism")
    assert link.get_attribute("href").endswith(".html")
    link.click()
    assert "/mechanism/" in browser.current_url and browser.find_element("tag name", "h1").text


def test_report_text_highlights_every_kind_and_toggles_them(browser, site_build):
    out, data = site_build
    report = next(r for r in data.reports.values() if r.file_name != "evil_2023.txt")
    load(browser, (out / "site" / "report" / f"{report.key}.html").as_uri())
    kinds = {
        e.get_attribute("data-kind")
        for e in browser.find_elements("css selector", "#kind-legend input")
    }
    assert {"mechanism", "law", "town"} <= kinds
    shown = browser.find_elements("css selector", "#text .k-law:not(.hidden)")
    assert shown
    browser.find_element("css selector", '#kind-legend input[data-kind="law"]').click()
    assert browser.find_elements("css selector", "#text .k-law:not(.hidden)") == []
    # Every highlight is exactly the text its mention names (offsets into the source).
    mentions = {(m.start, m.end) for m in data.mentions_of(report)}
    assert len(browser.find_elements("css selector", "#text .ent")) <= len(mentions)


@pytest.mark.parametrize(
    "query, kind, label",
    [
        ("hfxsc", "mechanism", "合法性审查"),
        ("合法性", "mechanism", "合法性审查"),
        ("qhz", "unit", "青禾镇"),
    ],
)
def test_search_finds_by_name_and_pinyin_initials(browser, site_build, query, kind, label):
    out, _ = site_build
    load(browser, (out / "site" / "index.html").as_uri())
    box = browser.find_element("id", "search")
    box.send_keys(query)
    hits = browser.find_elements("css selector", f"#results a.hit-{kind}")
    assert hits and hits[0].text.startswith(label)
    box.send_keys("\n")
    assert f"/{kind}/" in browser.current_url
    assert browser.find_element("tag name", "h1").text.startswith(label)


def test_nav_search_from_any_page_lands_on_results(browser, site_build):
    out, data = site_build
    load(browser, (out / "site" / page_paths(data)["mechanism"]).as_uri())
    box = browser.find_element("css selector", "#nav-search input")
    box.send_keys("青禾镇\n")
    start = time.monotonic()  # the form submits: wait for the home page to draw its results
    while not browser.find_elements("css selector", "#results a.hit-unit"):
        assert time.monotonic() - start < 10, "no results drawn"
        time.sleep(0.05)
    assert browser.current_url.split("?")[0].endswith("/index.html")


def _matrix(browser) -> dict:
    return browser.execute_script(
        "return {units: window.kgMatrix.units, columns: window.kgMatrix.columns}"
    )


def test_matrix_filters_by_county_year_and_stance(browser, site_build):
    from selenium.webdriver.support.ui import Select

    out, data = site_build
    load(browser, (out / "site" / "matrix.html").as_uri())
    every = _matrix(browser)
    assert set(every["units"]) == set(data.units)
    evil = next(r for r in data.reports.values() if r.file_name == "evil_2023.txt")
    unit = data.units[evil.unit]
    Select(browser.find_element("id", "f-county")).select_by_value(f"{unit.province} {unit.county}")
    assert _matrix(browser)["units"] == [unit.key]
    Select(browser.find_element("id", "f-county")).select_by_value("")
    year = data.reports[next(iter(data.units[every["units"][0]].reports))].year
    Select(browser.find_element("id", "f-year")).select_by_value(str(year))
    assert set(_matrix(browser)["units"]) == {
        u.key for u in data.units.values() if any(data.reports[r].year == year for r in u.reports)
    }
    Select(browser.find_element("id", "f-year")).select_by_value("")
    # Only weaknesses: the columns are the mechanisms some unit reports as a weakness.
    for stance in ("adopted", "planned"):
        browser.find_element("css selector", f'#f-stances input[value="{stance}"]').click()
    weak = {f.mechanism for f in data.index.facts if f.stance == "problem"}
    assert set(_matrix(browser)["columns"]) == weak
    assert browser.find_elements("css selector", "#matrix td.s2")
    assert browser.find_elements("css selector", "#matrix td.s0") == []


def test_matrix_sorts_by_a_mechanism_and_cells_lead_to_the_evidence(browser, site_build, artifacts):
    out, data = site_build
    load(browser, (out / "site" / "matrix.html").as_uri())
    adopted: dict[str, set[str]] = {}
    for f in data.index.facts:
        adopted.setdefault(f.mechanism, set()).add(f.unit)
    # A mechanism some units hold and some do not.
    mech = next(m for m in _matrix(browser)["columns"] if 0 < len(adopted[m]) < len(data.units))
    browser.find_element("css selector", f'#matrix thead th[data-mech="{mech}"]').click()
    order = _matrix(browser)["units"]
    holders = len(adopted[mech])
    assert set(order[:holders]) == adopted[mech]
    browser.save_screenshot(str(artifacts / "site_matrix.png"))
    row = browser.find_element("css selector", f'#matrix tbody tr[data-unit="{order[0]}"]')
    index = _matrix(browser)["columns"].index(mech)
    row.find_elements("css selector", "td")[index].find_element("tag name", "a").click()
    assert browser.current_url.endswith(f"/unit/{order[0]}.html#m-{mech}")
    target = browser.find_element("id", f"m-{mech}")
    assert target.is_displayed()


def test_sortable_table_sorts_numbers_as_numbers(browser, site_build):
    out, _ = site_build
    load(browser, (out / "site" / "mechanisms.html").as_uri())
    head = browser.find_elements("css selector", "table.sortable thead th")[3]
    head.click()
    cells = [
        int(td.text)
        for td in browser.find_elements("css selector", "table.sortable tbody td:nth-child(4)")
    ]
    assert cells == sorted(cells)
    head.click()
    cells = [
        int(td.text)
        for td in browser.find_elements("css selector", "table.sortable tbody td:nth-child(4)")
    ]
    assert cells == sorted(cells, reverse=True)


def test_sparql_page_runs_a_named_query_and_offers_csv(browser, site_build, served):
    from selenium.webdriver.support.ui import Select

    load(browser, f"{served}/site/sparql.html")
    assert not browser.find_element("id", "offline").is_displayed()
    Select(browser.find_element("id", "examples")).select_by_value("reports_per_year")
    browser.find_element("id", "run").click()
    start = time.monotonic()
    while not browser.find_elements("css selector", "#result tbody tr"):
        assert time.monotonic() - start < 20, browser.find_element("id", "q-status").text
        time.sleep(0.05)
    heads = [th.text for th in browser.find_elements("css selector", "#result thead th")]
    assert "year" in heads
    csv_url = browser.find_element("id", "csv").get_attribute("href")
    assert csv_url.startswith(f"{served}/sparql?format=csv&query=")
    import urllib.request

    with urllib.request.urlopen(csv_url) as answer:
        assert answer.headers["Content-Type"].startswith("text/csv")
        assert answer.read().decode("utf-8").splitlines()[0].split(",")[0] == heads[0]


def test_sparql_page_from_disk_says_it_needs_the_server(browser, site_build):
    out, _ = site_build
    load(browser, (out / "site" / "sparql.html").as_uri())
    assert browser.find_element("id", "offline").is_displayed()
    browser.find_element("id", "run").click()
    assert "kg serve" in browser.find_element("id", "q-status").text


def test_screenshots_of_every_page_type(browser, example_build, served, artifacts):
    """Pictures for the README: FAZHI_ARTIFACTS=docs/img pytest tests/browser -k screenshots.

    The pages of the eight example reports, opened from disk (the SPARQL page served).
    """
    from selenium.webdriver.support.ui import Select

    from kg.output.site import SiteData

    _, out = example_build
    paths = page_paths_of_examples(SiteData.open(out))
    browser.set_window_size(1400, 1000)
    try:
        for kind, path in paths.items():
            if kind == "sparql":
                load(browser, f"{served}/site/sparql.html")
                Select(browser.find_element("id", "examples")).select_by_value("mechanisms_of_town")
                browser.find_element("id", "run").click()
                time.sleep(1.5)
            else:
                load(browser, (out / "site" / path).as_uri())
            if kind == "home":
                browser.find_element("id", "search").send_keys("hfxsc")
            browser.save_screenshot(str(artifacts / f"site_{kind}.png"))
    finally:
        browser.set_window_size(1400, 900)
    assert all((artifacts / f"site_{k}.png").stat().st_size > 10_000 for k in paths)


def page_paths_of_examples(data) -> dict[str, str]:
    """The pages of the README's pictures: a unit with two reports, its latest report."""
    unit = max(data.units.values(), key=lambda u: (len(u.reports), u.key))
    return {
        "home": "index.html",
        "unit": f"unit/{unit.key}.html",
        "mechanism": "mechanism/mechanism-legality-review.html",
        "report": f"report/{unit.reports[-1]}.html",
        "matrix": "matrix.html",
        "sparql": "sparql.html",
    }


def test_served_pages_refuse_paths_outside_the_site(served):
    import urllib.error
    import urllib.request

    for path in (
        "site/../pyproject.toml",
        "site/unit/..%2F..%2Fgraph.ttl.html",
        "site/static/x.js",
        "site/unit/nope.html",
    ):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{served}/{path}")
        assert err.value.code == 404
    assert urllib.parse.urlparse(served).hostname == "127.0.0.1"
