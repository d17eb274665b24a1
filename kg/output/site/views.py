"""The page leading to the graph views a build writes beside the site (graph.html ...)."""

from __future__ import annotations

from pathlib import Path

from kg.output.site.render import page

__all__ = ["VIEWS", "render"]

#: The graph views of a build: file, title, what it shows.
VIEWS = (
    (
        "graph.html",
        "知识图谱 Knowledge graph",
        "every node and relation; filter by type, unit, year",
    ),
    (
        "town_mechanism.html",
        "单位 × 机制 Units and mechanisms",
        "units and the mechanisms they hold",
    ),
    ("cooccurrence.html", "机制共现 Co-occurrence network", "mechanisms adopted in the same units"),
)


def render(out_dir: Path | None, drawn: frozenset[str] = frozenset()) -> str:
    """The graph views page; views missing from the build folder are listed unlinked, except
    those ``drawn`` into it beside the site (the build writes them by the time it commits)."""
    views = [
        (name, title, what, name in drawn or bool(out_dir and (out_dir / name).is_file()))
        for name, title, what in VIEWS
    ]
    return page("views.html", root="", title="图 graphs", page_kind="views", views=views)
