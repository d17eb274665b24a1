"""Time to first draw and to a settled layout of the HTML graph page, in headless chromium.

Synthetic knowledge-graph-like views (towns, mechanisms, laws, officials, problems ...
wired like the real graph, about 1.3 edges per node) of 500, 2,000 and 5,000 nodes are
rendered with :func:`kg.output.html.render_html` and opened from disk; the page records
``performance.now()`` at its first drawn frame and when the layout has settled (physics
off), and ``page made`` is the time :func:`render_html` takes in Python (the layout
included).  Also timed: a type filter (hide one type) and a search, i.e. how responsive the
page is once drawn.  Needs /usr/bin/chromium and /usr/bin/chromedriver.

Run from the repository root::

    python benchmarks/render.py            # 500 2000 5000, 3 runs each
    python benchmarks/render.py 5000 --runs 1
    python benchmarks/render.py 500 2000 --runs 1 --browser-layout   # the browser's physics
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.output.html import render_html  # noqa: E402

# Share of nodes per type, roughly as in a corpus of many towns.
MIX = (
    ("Town", 0.06),
    ("Mechanism", 0.04),
    ("Law", 0.14),
    ("Official", 0.12),
    ("Organization", 0.14),
    ("Initiative", 0.12),
    ("Indicator", 0.18),
    ("Problem", 0.08),
    ("Village", 0.08),
    ("Report", 0.04),
)


def synthetic_view(n: int, seed: int = 0) -> nx.DiGraph:
    """A display graph of ``n`` nodes shaped like :func:`kg.output.views.knowledge_view`."""
    rng = random.Random(seed)
    view = nx.DiGraph()
    by_type: dict[str, list[str]] = {}
    for cls, share in MIX:
        for i in range(max(1, round(n * share))):
            node = f"{cls}-{i}"
            by_type.setdefault(cls, []).append(node)
            view.add_node(
                node,
                label=f"{cls[:2]}{i}号",
                label_en=f"{cls} {i}",
                group=cls,
                towns=(f"镇{i % max(1, round(n * 0.06))}",),
                years=(2019 + i % 6,),
                sections=("adopted",),
                evidence=(
                    {"report": "报告", "section": "主要举措", "heading": "", "sentence": "句子。"},
                ),
                tooltip=f"{cls} {i}",
            )
    towns, mechs = by_type["Town"], by_type["Mechanism"]
    for town in towns:  # every town adopts a dozen mechanisms, popular ones more often
        for mech in rng.choices(mechs, weights=[1 / (k + 1) for k in range(len(mechs))], k=12):
            view.add_edge(town, mech, label="实施", sections=("adopted",))
    for cls, nodes in by_type.items():
        if cls in ("Town", "Mechanism"):
            continue
        for node in nodes:
            view.add_edge(node, rng.choice(towns), label="位于")
    return view


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        f"--user-data-dir={tempfile.mkdtemp()}",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def measure(driver, page: Path) -> dict[str, float]:
    driver.get(page.as_uri())
    start = time.monotonic()
    while not driver.execute_script("return !!(window.kgView && window.kgView.isSettled())"):
        if time.monotonic() - start > 300:
            raise TimeoutError(f"{page} did not settle in 300 s")
        time.sleep(0.05)
    timings = driver.execute_script("return window.kgView.timings")
    # Responsiveness once drawn: hide a type, show it again, search a node.
    filt = driver.execute_script("""
        var t = performance.now(), span = document.querySelector('#legend span');
        span.click(); span.click(); return performance.now() - t;""")
    found = driver.execute_script("""
        var t = performance.now(); window.kgView.search('To3号'); return performance.now() - t;""")
    return {
        "first_draw": timings["firstDraw"] / 1000,
        "stabilised": timings["stabilised"] / 1000,
        "filter": filt / 1000,
        "search": found / 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--browser-layout",
        action="store_true",
        help="let vis-network's physics lay the graph out (render_html layout=False)",
    )
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp())
    render_html(synthetic_view(50), "warm-up")  # read the template and vis-network once
    driver = _driver()
    try:
        print(
            "| nodes | edges | page made (s) | HTML size | first draw (s) | settled (s) "
            "| filter (s) | search (s) |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in args.sizes:
            view = synthetic_view(n)
            page = out / f"graph-{n}.html"
            start = time.perf_counter()
            html = render_html(view, f"{n} nodes", layout=not args.browser_layout)
            made = time.perf_counter() - start
            page.write_text(html, "utf-8")
            runs = [measure(driver, page) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(
                f"| {view.number_of_nodes():,} | {view.number_of_edges():,} | {made:.2f} | "
                f"{page.stat().st_size / 1e6:.1f} MB | {med['first_draw']:.2f} | "
                f"{med['stabilised']:.2f} | {med['filter']:.2f} | {med['search']:.2f} |",
                flush=True,
            )
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
