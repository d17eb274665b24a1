"""The page of one report (its text with every extracted entity highlighted, displaCy style)
and the paged list of reports."""

from __future__ import annotations

import math
from collections import Counter

from kg.output.site.data import Mention, SiteData
from kg.output.site.render import node_href, page

__all__ = ["PAGE_SIZE", "highlight", "list_pages", "mention_href", "render", "render_list"]

#: Reports per page of the report list.
PAGE_SIZE = 200


def highlight(text: str, mentions: list[Mention]) -> list[tuple[str, Mention | None]]:
    """The text cut into plain runs and entity runs; overlapping mentions keep the earlier, longer.

    >>> m = Mention(2, 4, "审查", "law-x", "law", "审查")
    >>> [(text, m is not None) for text, m in highlight("合法审查。", [m])]
    [('合法', False), ('审查', True), ('。', False)]
    """
    pieces: list[tuple[str, Mention | None]] = []
    at = 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < at or m.end > len(text) or m.start >= m.end:
            continue
        if m.start > at:
            pieces.append((text[at : m.start], None))
        pieces.append((text[m.start : m.end], m))
        at = m.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def render(data: SiteData, key: str) -> str | None:
    """The report page, or None for an unknown report."""
    report = data.reports.get(key)
    if report is None:
        return None
    mentions = data.mentions_of(report)
    text = data.text_of(report)
    return page(
        "report.html",
        root="../",
        title=report.title,
        page_kind="report",
        data=data,
        report=report,
        mentions=mentions,
        kind_counts=sorted(Counter(m.entity_kind for m in mentions).items()),
        segments=highlight(text, mentions) if text is not None else None,
        problems=data.problems_of(report),
        link=lambda m: mention_href(data, m, "../"),
    )


def mention_href(data: SiteData, m: Mention, root: str) -> str:
    """Where an entity of the text leads (:func:`kg.output.site.render.node_href`).

    An indicator has no page of its own: it is a row of its unit's table of indicators.
    """
    if m.entity_kind == "indicator":
        return ""
    return node_href(data, m.entity, root)


def list_pages(data: SiteData) -> int:
    return max(1, math.ceil(len(data.reports) / PAGE_SIZE))


def render_list(data: SiteData, page_no: int = 1) -> str | None:
    """One page of the report list (by unit and year), or None past the last page."""
    pages = list_pages(data)
    if not 1 <= page_no <= pages:
        return None
    ordered = sorted(
        data.reports.values(),
        key=lambda r: (data.unit_label(r.unit) if r.unit else "\uffff", r.year or 0, r.key),
    )
    rows = ordered[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
    return page(
        "reports.html",
        root="",
        title="报告 reports",
        page_kind="reports",
        data=data,
        rows=rows,
        total=len(ordered),
        page_no=page_no,
        pages=pages,
    )
