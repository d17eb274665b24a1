"""The explorer's templates, links and shared page pieces: one Jinja environment, everything escaped.

Pages live at the same relative paths whether written to disk (``site/``) or
served by ``kg serve`` (under ``/site/``), so every link is relative and the
two never differ: ``index.html``, ``unit/KEY.html``, ``mechanism/KEY.html``,
``report/KEY.html``, ``entity/KEY.html``, ``county/KEY.html``, ``matrix.html``,
``sparql.html``, ``views.html``, with data files ``search-data.js`` and
``matrix-data.js`` and assets under ``static/``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jinja2.runtime import Context

    from kg.output.site.data import Evidence, SiteData

__all__ = [
    "ENTITY_KINDS",
    "STANCE_NAMES",
    "STATIC_FILES",
    "data_script",
    "evidence_list",
    "href",
    "mech_link",
    "node_href",
    "page",
    "report_link",
    "stance_badge",
    "static_text",
    "unit_link",
]

#: Display name (zh, en) and colour of each kind of node a report mentions.
ENTITY_KINDS = {
    "town": ("乡镇", "unit", "#d62728"),
    "county": ("县区", "county", "#9467bd"),
    "city": ("市", "city", "#8c6d31"),
    "province": ("省", "province", "#7f7f7f"),
    "village": ("村社区", "village", "#e377c2"),
    "official": ("干部", "official", "#9c27b0"),
    "organization": ("机构", "organization", "#8c564b"),
    "mechanism": ("机制", "mechanism", "#1f77b4"),
    "candidate": ("候选机制", "candidate mechanism", "#17becf"),
    "law": ("法规文件", "law", "#2ca02c"),
    "initiative": ("举措品牌", "initiative", "#ff7f0e"),
    "indicator": ("指标", "indicator", "#bcbd22"),
    "problem": ("问题", "problem", "#e6550d"),
}
#: Display names of the stances (zh, en).
STANCE_NAMES = {
    "adopted": ("实施", "adopted"),
    "planned": ("计划", "planned"),
    "problem": ("不足", "weakness"),
    "": ("提及", "mentioned"),
}
#: Assets every page may load, relative to ``static/``.
STATIC_FILES = ("site.css", "site.js", "matrix.js", "sparql.js")
#: Folder of each page kind (a node's kind decides which page shows it).
_FOLDERS = {"unit": "unit", "mechanism": "mechanism", "report": "report", "county": "county"}


def href(kind: str, key: str, root: str = "../") -> str:
    """The relative link to a page from a page ``root`` below the site's top.

    >>> href("unit", "town-ab12")
    '../unit/town-ab12.html'
    """
    return f"{root}{_FOLDERS.get(kind, 'entity')}/{key}.html"


def node_href(data: SiteData, key: str, root: str = "../") -> str:
    """The page of any node: its unit, report or mechanism page, else its node page where the
    site has one (``data.entity_kinds``: None when every kind has, as served), else ""."""
    if key in data.units:
        return href("unit", key, root)
    if key in data.reports:
        return href("report", key, root)
    if key in data.mechanisms:
        return href("mechanism", key, root)
    kinds = data.entity_kinds
    return href("entity", key, root) if kinds is None or key.split("-", 1)[0] in kinds else ""


# The links and badges every page repeats, in Python: a page of a unit with many reports shows
# thousands, and a Jinja macro call costs ten times a function's (100 reports' site: 3.4 s).
# Every value from the data is escaped (markupsafe's escape, as the templates' autoescape).
@jinja2.pass_context
def unit_link(context: Context, data: SiteData, key: str) -> Markup:
    """A unit's name, linked to its page."""
    url, label = escape(href("unit", key, context["root"])), escape(data.unit_label(key))
    return Markup(f'<a class="unit" href="{url}">{label}</a>')


@jinja2.pass_context
def mech_link(context: Context, data: SiteData, key: str) -> Markup:
    """A mechanism's label (its English label as the title), linked to its page."""
    m = data.mechanisms.get(key)
    url = escape(href("mechanism", key, context["root"]))
    title, label = (escape(m.label_en), escape(m.label)) if m else ("", escape(key))
    return Markup(f'<a class="mech" href="{url}" title="{title}">{label}</a>')


@jinja2.pass_context
def report_link(context: Context, data: SiteData, key: str) -> Markup:
    """A report's year and title, linked to its page."""
    r = data.reports[key]
    url = escape(href("report", key, context["root"]))
    return Markup(f'<a class="report" href="{url}">{escape(r.year or "")} {escape(r.title)}</a>')


def stance_badge(stance: str) -> Markup:
    """The badge of a stance ("" for a mention without one)."""
    return _BADGES[stance]


_BADGES = {
    stance: Markup(
        f'<span class="badge s-{escape(stance or "mentioned")}" title="{escape(en)}">'
        f"{escape(zh)}</span>"
    )
    for stance, (zh, en) in STANCE_NAMES.items()
}


@jinja2.pass_context
def evidence_list(
    context: Context, data: SiteData, items: Iterable[Evidence], show_unit: bool = False
) -> Markup:
    """Evidence sentences with their stance, report (and unit) and heading, as a list."""
    lines = ['<ol class="evidence">\n']
    for e in items:
        unit = data.reports[e.report].unit if show_unit else None
        by = f"{unit_link(context, data, unit)} · " if unit else ""
        source = report_link(context, data, e.report)
        heading = f" · {escape(e.heading)}" if e.heading else ""
        lines.append(
            f"  <li>{_BADGES[e.stance]} "
            f'<span class="sentence">{escape(e.sentence)}</span>\n'
            f'    <span class="src">{by}{source}{heading}</span></li>\n'
        )
    lines.append("</ol>")
    return Markup("".join(lines))


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kg.output.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    env.globals.update(
        href=href,
        node_href=node_href,
        kinds=ENTITY_KINDS,
        stances=STANCE_NAMES,
        unit_link=unit_link,
        mech_link=mech_link,
        report_link=report_link,
        stance_badge=stance_badge,
        evidence_list=evidence_list,
    )
    return env


def page(template: str, *, root: str, title: str, **context: object) -> str:
    """Render one page; ``root`` is the relative way to the site's top ("" or "../")."""
    return _env().get_template(template).render(root=root, title=title, **context)


@cache
def static_text(name: str) -> str:
    """An asset of ``static/`` as text."""
    if name not in STATIC_FILES:
        raise KeyError(name)
    return resources.files("kg.output.site").joinpath("static", name).read_text("utf-8")


def data_script(variable: str, value: object) -> str:
    """A ``.js`` data file setting ``window.VARIABLE`` (pages opened from disk cannot fetch JSON).

    ``<`` is escaped so the data cannot end a script element.

    >>> print(data_script("KG", {"a": "</script>"}), end="")
    window.KG = {"a":"\\u003c/script>"};
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.{variable} = {text.replace('<', chr(92) + 'u003c')};\n"
