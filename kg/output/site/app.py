"""The explorer's routes in ``kg serve``: pages rendered on request over the endpoint's store.

Pages are at the paths of the static site under ``/site/`` (so their relative
links are the same), the build's graph views at ``/graph.html`` ... beside it,
and the SPARQL endpoint at ``/sparql``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.output.site.data import SiteData, read_sources
from kg.output.site.pages import CONTENT_TYPES, Site
from kg.output.site.views import VIEWS
from kg.query.serve import SITE_PATH, Mount
from kg.query.store import OxigraphStore

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["SECURITY_HEADERS", "site_mount"]

#: Sent with every page: nothing is loaded from anywhere but this server.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def site_mount(
    out_dir: str | Path, log: Callable[[str], None] | None = None
) -> Callable[[str], Mount]:
    """For :class:`kg.query.serve.Endpoint`'s ``site``: store_dir -> the mount of the pages.

    The corpus index and the matrix and search data are read once, when the
    server starts, so that every page is then answered from the store's
    indexes; ``log`` hears how long that took.
    """
    out_dir = Path(out_dir)
    folder = out_dir if out_dir.is_dir() else out_dir.parent

    def make(store_dir: str) -> Mount:
        start = time.perf_counter()
        data = SiteData(OxigraphStore.open_read_only(store_dir), folder, read_sources(folder))
        site = Site(data)
        site.warm()
        if log is not None:
            log(
                f"site: {len(data.units)} units, {len(data.reports)} reports indexed in "
                f"{time.perf_counter() - start:.1f} s"
            )

        def mount(app: Flask) -> None:
            # Imported in the web process only: flask is the endpoint's, loaded when it starts.
            from flask import Response, abort

            from kg.errors import UsageError  # here with flask: the routes' one error

            def respond(text: str | None, suffix: str) -> Response:
                if text is None:
                    abort(404)
                response = Response(text, content_type=CONTENT_TYPES.get(suffix, "text/plain"))
                response.headers.update(SECURITY_HEADERS)
                return response

            @app.get(f"{SITE_PATH}/")
            @app.get(f"{SITE_PATH}/<path:path>")
            def site_page(path: str = "index.html") -> Response:
                try:
                    text = site.render(path)
                except UsageError:
                    text = None
                return respond(text, Path(path).suffix)

            for name, _, _ in VIEWS:
                if (folder / name).is_file():
                    app.add_url_rule(
                        f"/{name}",
                        f"view_{Path(name).stem}",
                        lambda name=name: Response(
                            (folder / name).read_bytes(), content_type=CONTENT_TYPES[".html"]
                        ),
                    )

        return mount

    return make
