"""The page of any other node a report names: a law, an official, an organisation ..."""

from __future__ import annotations

from kg.output.site.data import SiteData
from kg.output.site.render import page

__all__ = ["STATIC_KINDS", "render"]

#: Kinds of node that get a page in the static site: laws, which many units cite.  Officials,
#: organisations and the rest are rows of their unit's page (a static page each would be tens
#: of thousands of files at scale); `kg serve` has a page for every node.
STATIC_KINDS = ("law",)
#: Evidence sentences shown on an entity page.
EVIDENCE_SHOWN = 100


def render(data: SiteData, key: str) -> str | None:
    """The entity page, or None when the graph has no such node."""
    entity = data.entity(key)
    if entity is None:
        return None
    return page(
        "entity.html",
        root="../",
        title=entity.label,
        page_kind="entity",
        data=data,
        entity=entity,
        reports=data.reports_naming(entity.iri),
        evidence=data.evidence(entity=entity.iri, limit=EVIDENCE_SHOWN),
    )
