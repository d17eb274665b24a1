"""Which page each site path is, and the static site written to disk (``site/``)."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kg.output.site import entity, home, matrix, mechanism, query, report, unit, views
from kg.output.site.data import SOURCES_FILE, SiteData, check_key, source_index
from kg.output.site.render import STATIC_FILES, data_script, static_text
from kg.query.store import OxigraphStore
from kg.run.engines import beside

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["CONTENT_TYPES", "Site", "write_site"]

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
_PAGE = re.compile(r"^(unit|mechanism|report|entity|county|province)/([A-Za-z0-9_.-]+)\.html$")
_REPORT_LIST = re.compile(r"^reports(?:-(\d+))?\.html$")


class Site:
    """Every page of the explorer over one build's data, by site path (``unit/KEY.html`` ...)."""

    def __init__(self, data: SiteData) -> None:
        self.data = data

    def warm(self) -> None:
        """Read everything computed once for the whole corpus, so that no page request pays it:
        the index, the build's co-occurrence table, the counts, the two data files."""
        data = self.data
        _ = data.index, data.pairs, data.stance_counts, data.adoption_matrix, data.units_of_year
        _ = home.counties(data), home.units_of_county(data), home.provinces(data)
        _ = data.facts_of_unit, data.facts_of_mechanism, data.label_counts, data.problems
        _ = self.matrix_js, self.search_js

    @cached_property
    def search_js(self) -> str:
        return data_script("KG_SEARCH", home.search_rows(self.data))

    @cached_property
    def matrix_js(self) -> str:
        return data_script("KG_MATRIX", matrix.matrix_data(self.data))

    def render(self, path: str) -> str | None:
        """The text of the page or file at a site path, or None when there is none."""
        data = self.data
        fixed: dict[str, Callable[[], str]] = {
            "": lambda: home.render(data, pinyin=home.has_pinyin()),
            "index.html": lambda: home.render(data, pinyin=home.has_pinyin()),
            "matrix.html": lambda: matrix.render(data),
            "mechanisms.html": lambda: mechanism.render_list(data),
            "sparql.html": query.render,
            "views.html": lambda: views.render(data.out_dir, data.views_drawn),
            "search-data.js": lambda: self.search_js,
            "matrix-data.js": lambda: self.matrix_js,
        }
        if path in fixed:
            return fixed[path]()
        if path.startswith("static/"):
            name = path[len("static/") :]
            return static_text(name) if name in STATIC_FILES else None
        found = _REPORT_LIST.match(path)
        if found:
            return report.render_list(data, int(found.group(1) or 1))
        found = _PAGE.match(path)
        if not found:
            return None
        kind, key = found.group(1), check_key(found.group(2))
        if kind == "unit":
            return unit.render(data, key)
        if kind == "mechanism":
            return mechanism.render(data, key)
        if kind == "report":
            return report.render(data, key)
        if kind == "county":
            return home.render_county(data, key)
        if kind == "province":
            return home.render_province(data, key)
        return entity.render(data, key)

    def paths(self, entity_kinds: Iterable[str] = entity.STATIC_KINDS) -> Iterator[str]:
        """Every path of the static site."""
        yield from ("index.html", "matrix.html", "mechanisms.html", "sparql.html", "views.html")
        yield from ("search-data.js", "matrix-data.js")
        yield from (f"static/{name}" for name in STATIC_FILES)
        yield "reports.html"
        yield from (f"reports-{n}.html" for n in range(2, report.list_pages(self.data) + 1))
        yield from (f"province/{key}.html" for key in home.provinces(self.data))
        yield from (f"county/{key}.html" for key in home.counties(self.data))
        yield from (f"unit/{key}.html" for key in self.data.units)
        yield from (f"mechanism/{key}.html" for key in self.data.mechanisms)
        yield from (f"report/{key}.html" for key in self.data.reports)
        yield from (f"entity/{key}.html" for key in self.data.entity_keys(entity_kinds))


def write_site(
    out_dir: str | Path,
    data: SiteData | None = None,
    *,
    sources: Iterable[str | Path] = (),
    graph: Graph | None = None,
    entity_kinds: Iterable[str] = entity.STATIC_KINDS,
    folder: str = "site",
    sources_base: str | Path | None = None,
    views_drawn: Iterable[str] = (),
) -> Path:
    """Write the static explorer into ``out_dir/site`` (replacing it whole) and return its path.

    ``sources`` are the report files of the build: their texts fill the report
    pages, and their paths (relative to ``sources_base``, by default
    ``out_dir``: the folder ``kg serve`` is given) are kept in
    ``site/sources.json`` so ``kg serve`` shows the same texts.  The data is
    ``data``, else the whole graph ``graph`` (an rdflib Graph, copied into a
    store), else the build's graph file in ``out_dir`` loaded into a store.
    ``entity_kinds`` are the kinds of other node (law, official ...) given a
    page; links to nodes of other kinds are left out. ``views_drawn`` are the files
    of graph views (graph.html ...) another process is writing into ``out_dir``
    meanwhile: the views page links them as the finished build will hold them.
    """
    out_dir = Path(out_dir)
    base = Path(sources_base if sources_base is not None else out_dir).resolve()
    index = source_index(sources)  # absolute: the pages are rendered from anywhere
    if data is None and graph is not None:
        data = SiteData(OxigraphStore.from_graph(graph), out_dir)
    elif data is None:
        # In memory: read once to write every page; a store kept on disk takes more memory
        # (its caches) and twice the time (300 reports: 0.65 against 1.2 GiB, 16 against 39 s).
        data = SiteData.open(out_dir, in_memory=True)
    data.sources.update(index)
    data.entity_kinds = frozenset(entity_kinds)
    data.views_drawn = frozenset(views_drawn)
    site = Site(data)
    target = out_dir / folder
    staging = Path(tempfile.mkdtemp(prefix=f".{folder}-", dir=out_dir))
    try:
        # Two processes write alternate pages (a hundred reports' pages took half the build's
        # time in one); what every page reads is read first, once, and the fork shares it.
        site.warm()
        paths = list(site.paths(data.entity_kinds))
        with beside(functools.partial(_write_pages, site, paths[1::2], staging)):
            _write_pages(site, paths[::2], staging)
        kept = {sha: _relative(path, data.out_dir, base) for sha, path in data.sources.items()}
        (staging / Path(SOURCES_FILE).name).write_text(
            json.dumps(kept, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8"
        )
        # One rename puts the new site in place: a reader sees the old site or the new one.
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder}-old-", dir=out_dir))
            os.replace(target, old / folder)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _write_pages(site: Site, paths: Iterable[str], staging: Path) -> None:
    """Write the pages at these site paths into the staging folder."""
    for path in paths:
        text = site.render(path)
        if text is None:
            continue
        file = staging / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, "utf-8")


def _relative(path: str, folder: Path | None, base: Path) -> str:
    """``path`` (absolute, or relative to ``folder``) relative to ``base``."""
    full = Path(path) if Path(path).is_absolute() or folder is None else folder / path
    return os.path.relpath(full.resolve(), base)
