"""``kg serve``: a read-only SPARQL 1.1 endpoint on localhost over a built graph."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import argparse
    from types import FrameType


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.query.serve import DEFAULT_PORT, ServeOptions

    defaults = ServeOptions()
    p = sub.add_parser(
        "serve",
        help="browse a built graph (pages per unit, mechanism, report) beside a SPARQL endpoint",
        description="Serve the explorer at http://127.0.0.1:PORT/ (home, a page per unit, "
        "mechanism and report, the units x mechanisms matrix, a SPARQL page) and a read-only "
        "SPARQL 1.1 Protocol endpoint at http://127.0.0.1:PORT/sparql over a built graph (an "
        "output folder: its graph.trig, graph.nt or graph.ttl; or a graph file). GET and POST "
        "queries; JSON, XML, CSV, TSV, Turtle, N-Triples or RDF/XML by Accept header or "
        "format=. Updates and SERVICE are refused; requests must come from this machine "
        "(Host, Origin); each query is bounded in time (--timeout) and memory (--max-memory). "
        "Ctrl-C stops it.",
    )
    p.add_argument("graph", type=Path, help="an output folder or a graph file")
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=defaults.timeout,
        metavar="SECONDS",
        help=f"stop a query after this long with 503 (default {defaults.timeout:g})",
    )
    p.add_argument(
        "--max-rows",
        type=int,
        default=defaults.max_rows,
        metavar="N",
        help=f"return at most N rows or triples (default {defaults.max_rows})",
    )
    p.add_argument(
        "--max-memory",
        type=int,
        default=defaults.max_memory,
        metavar="MIB",
        help=f"stop a query that needs more memory than this with 503 "
        f"(default {defaults.max_memory} MiB per worker)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=defaults.workers,
        metavar="N",
        help=f"queries answered at once, one process each (default {defaults.workers})",
    )
    p.add_argument(
        "--no-site",
        action="store_true",
        help="serve the SPARQL endpoint only, without the explorer's pages",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.query.serve import HOST, Endpoint, ServeOptions

    def stop(signum: int, frame: FrameType | None) -> NoReturn:
        # `kill` (SIGTERM) stops the server like Ctrl-C: workers ended, temporary store deleted.
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    options = ServeOptions(
        timeout=args.timeout,
        max_rows=args.max_rows,
        workers=args.workers,
        max_memory=args.max_memory,
    )
    site = None
    if not args.no_site:
        # Imported when the pages are served: `kg serve --no-site` starts without them.
        from kg.output.site.app import site_mount

        site = site_mount(args.graph, log=lambda line: print(line, file=sys.stderr))
    endpoint = Endpoint(args.graph, port=args.port, options=options, site=site)
    print(
        f"serving {endpoint.source} ({endpoint.triples} triples) read-only at {endpoint.url}",
        file=sys.stderr,
    )
    if not endpoint.network_isolated:
        print(
            "note: this system does not let the query workers drop their network access; "
            "SERVICE is refused all the same",
            file=sys.stderr,
        )
    if site is not None:
        print(f"explorer: http://{HOST}:{endpoint.port}/", file=sys.stderr)
    print(
        "try: curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } "
        f"LIMIT 5' {endpoint.url}    (Ctrl-C stops)",
        file=sys.stderr,
    )
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    print("stopped", file=sys.stderr)
    return 0
