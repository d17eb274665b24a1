"""The explorer: a site of pages per unit, mechanism and report over a build, static or served.

One page module per page type (``home``, ``unit``, ``mechanism``, ``report``,
``entity``, ``matrix``, ``query``, ``views``), all reading :mod:`.data`;
:class:`Site` maps a site path to its page, for :func:`write_site` (``site/``
of ``kg build``, opened from disk) and for ``kg serve`` (rendered on request).
"""

from __future__ import annotations

from kg.output.site.data import SiteData
from kg.output.site.pages import Site, write_site

__all__ = ["Site", "SiteData", "write_site"]
