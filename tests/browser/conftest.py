"""A headless chromium for the browser tests, and the pages they open.

The browser is Debian's chromium driven through Debian's chromedriver (both
installed by ``.ci/run``); Selenium Manager is never asked for a driver, so
nothing is downloaded.  Where either is absent the tests skip with the reason,
except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FAZHI_CHROMEDRIVER", "/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[2]
#: Screenshots of every view land here (CI keeps build/ as its artifact folder).
ARTIFACTS = Path(os.environ.get("FAZHI_ARTIFACTS", ROOT / "build" / "test-artifacts" / "browser"))
#: Flags for a quiet, sandbox-free, offline headless chromium.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,900",
    "--lang=zh-CN",
)


def load(driver, url: str, ready: str = "document.readyState === 'complete'", timeout=20.0):
    """Open a page and wait until the script ``ready`` is true; return its console errors and
    every URL it requested."""
    driver.get_log("browser")  # drop what earlier pages (or the start page) logged
    driver.get_log("performance")
    driver.get(url)
    start = time.monotonic()
    while not driver.execute_script(f"return {ready}"):
        if time.monotonic() - start > timeout:
            pytest.fail(f"{url} did not load within {timeout} s")
        time.sleep(0.05)
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return errors, requests


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).is_file():
            return f"{path} not found (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots (created)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session, logging console and network."""
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    # Belt and braces: even if Selenium Manager were consulted, it may not fetch anything.
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="fazhi-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def example_graph(example_build):
    """The knowledge graph of the bundled example reports."""
    return example_build[0].graph


@pytest.fixture(scope="session")
def pages(example_graph, tmp_path_factory):
    """The three views of the examples as HTML files: name -> path."""
    from kg.output.cooccurrence import render_cooccurrence_html
    from kg.output.html import knowledge_view, render_html, town_mechanism_view

    folder = tmp_path_factory.mktemp("pages")
    html = {
        "knowledge": render_html(knowledge_view(example_graph), "知识图谱 knowledge graph"),
        "town_mechanism": render_html(town_mechanism_view(example_graph), "乡镇 × 机制"),
        "cooccurrence": render_cooccurrence_html(example_graph),
    }
    found = {}
    for name, text in html.items():
        found[name] = folder / f"{name}.html"
        found[name].write_text(text, "utf-8")
    return found
