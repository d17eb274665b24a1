"""A read-only SPARQL 1.1 Protocol endpoint on localhost (``kg serve``).

Built on maintained libraries rather than hand-rolled HTTP: Flask (routing,
content negotiation) served by waitress (a production WSGI server), with the
queries answered by Oxigraph.

* ``GET /sparql?query=...``, ``POST /sparql`` with a form field ``query`` or a
  ``application/sparql-query`` body.  ``default-graph-uri`` and
  ``named-graph-uri`` pick graphs of the TriG output (one named graph per report).
* Results as SPARQL JSON, XML, CSV or TSV (SELECT, ASK), Turtle, N-Triples or
  RDF/XML (CONSTRUCT, DESCRIBE), chosen by the ``Accept`` header or ``format=``.
* With a site mounted (``kg serve``), the explorer's pages under :data:`SITE_PATH`.
* SPARQL Update (and INSERT/DELETE/LOAD/CLEAR ... sent as a query) is refused
  with 403, SERVICE too: the store is opened read-only and nothing leaves
  the machine.
* A query running longer than ``timeout`` seconds is stopped and answered
  with 503 and a message.  Queries run in worker processes, each holding the
  store read-only, so a runaway query is ended by ending its process.
* At most ``max_rows`` rows (or triples) are returned; a cut result carries
  the header ``X-Result-Truncated: max-rows=N``.

Examples
--------
>>> import json, urllib.parse, urllib.request
>>> with Endpoint("outputs", port=0) as ep:  # doctest: +SKIP
...     url = ep.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
...     json.load(urllib.request.urlopen(url))["boolean"]
True
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError

#: Where the endpoint answers.
SPARQL_PATH = "/sparql"
#: Where the explorer's pages are served when a site is mounted (kg/output/site/app.py).
SITE_PATH = "/site"
#: Interface the server binds: never anything but this machine.
HOST = "127.0.0.1"
#: Default port (Fuseki uses 3030 and Oxigraph 7878; this one leaves both free).
DEFAULT_PORT = 7879

#: Media type -> result format of :func:`kg.query.sparql.render`, by query form.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "rdfxml",
}
_CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
_FORMAT_ALIASES = {
    "json": "json",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "xml": "xml",
    "rdfxml": "rdfxml",
    "rdf": "rdfxml",
}


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the endpoint.

    Parameters
    ----------
    timeout : float
        Seconds a query may run before it is stopped (503).
    max_rows : int
        Rows (or triples) returned at most; the rest is cut with a header.
    workers : int
        Queries answered at the same time (one process each).
    """

    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise UsageError(f"timeout must be positive, not {self.timeout}")
        if self.max_rows < 1:
            raise UsageError(f"max_rows must be at least 1, not {self.max_rows}")
        if self.workers < 1:
            raise UsageError(f"workers must be at least 1, not {self.workers}")


# --- worker processes ------------------------------------------------------------------------


def _worker_main(store_dir: str) -> None:
    """Answer queries read from stdin, one JSON line each, until stdin closes.

    Runs in a child process (``python -m kg.query.serve STORE_DIR``): a plain
    subprocess, not multiprocessing, so it never re-imports the caller's script.
    """
    # Imported in the process that needs it: workers and the web app load different libraries.
    import json
    import sys

    # Imported in the process that needs it: workers and the web app load different libraries.
    import pyoxigraph as ox

    # Imported in the process that needs it: workers and the web app load different libraries.
    from kg.query.sparql import render
    from kg.query.store import OxigraphStore

    out = sys.stdout
    store = OxigraphStore.open_read_only(store_dir)
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            result = store.query(
                request["query"],
                max_rows=request["max_rows"],
                default_graph=[ox.NamedNode(g) for g in request["default"]] or None,
                named_graphs=[ox.NamedNode(g) for g in request["named"]] or None,
            )
            answer = {
                "status": 200,
                "body": render(result, request["format"]),
                "truncated": result.truncated,
            }
        except UsageError as exc:
            answer = {"status": 400, "body": str(exc)}
        except Exception as exc:  # an engine error must reach the client as text
            answer = {"status": 500, "body": f"query failed: {exc}".splitlines()[0]}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()


class _Worker:
    """One child process holding the store read-only."""

    def __init__(self, store_dir: str) -> None:
        # Imported in the process that needs it: workers and the web app load different libraries.
        import kg

        root = str(Path(kg.__file__).resolve().parent.parent)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.query.serve", store_dir],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
            encoding="utf-8",
        )

    def _readline(self, timeout: float) -> dict | None:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.process.stdout.readline()
        if not line:
            raise EOFError("worker closed its output")
        return json.loads(line)

    def wait_ready(self, timeout: float) -> None:
        try:
            answer = self._readline(timeout)
        except (EOFError, ValueError):
            answer = None
        if not answer or not answer.get("ready"):
            self.stop()
            raise UsageError("the query worker did not start: the store could not be opened")

    def ask(self, request: dict, timeout: float) -> dict | None:
        """The worker's answer, or None when it takes longer than ``timeout``."""
        self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        return self._readline(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


class QueryPool:
    """Worker processes answering queries on a read-only on-disk Oxigraph store."""

    def __init__(self, store_dir: str, options: ServeOptions) -> None:
        self.store_dir = store_dir
        self.options = options
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        workers = [self._spawn() for _ in range(options.workers)]
        for worker in workers:
            worker.wait_ready(60)
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_dir)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        fresh = self._spawn()
        try:
            fresh.wait_ready(60)
        except UsageError:
            return
        self._idle.put(fresh)

    def run(self, text: str, fmt: str, default_graphs=(), named_graphs=()) -> tuple[int, str, bool]:
        """(status, body, truncated) for one query; errors come back as (status, message, False)."""
        timeout = self.options.timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return (
                503,
                (
                    f"server busy: {self.options.workers} queries already running for "
                    f"{timeout:g} s; try again later"
                ),
                False,
            )
        try:
            answer = worker.ask(
                {
                    "query": text,
                    "format": fmt,
                    "max_rows": self.options.max_rows,
                    "default": list(default_graphs),
                    "named": list(named_graphs),
                },
                timeout,
            )
            if answer is None:
                # The only way to stop a query inside the engine is to end its process;
                # a new worker reopens the store in the background.
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                worker = None
                return (
                    503,
                    (
                        f"query timed out after {timeout:g} s: add LIMIT or narrow the "
                        f"patterns, or start kg serve with a longer --timeout"
                    ),
                    False,
                )
        except (EOFError, OSError, ValueError):
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            worker = None
            return 500, "the query worker died; the query was not answered", False
        finally:
            if worker is not None:
                self._idle.put(worker)
        return answer["status"], answer["body"], bool(answer.get("truncated"))

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()


# --- HTTP ------------------------------------------------------------------------------------


def make_app(pool: QueryPool, options: ServeOptions, source: str = "", mount=None):
    """The Flask application of the endpoint (exposed for WSGI servers and tests).

    ``mount(app)``, when given, adds the explorer's pages under :data:`SITE_PATH`
    (:func:`kg.output.site.app.site_mount`); ``/`` then leads there.
    """
    # Imported in the process that needs it: workers and the web app load different libraries.
    from flask import Flask, Response, redirect, request

    # Imported in the process that needs it: workers and the web app load different libraries.
    from kg.query.sparql import QUERY_FORMS, query_form, uses_service

    app = Flask("kg.query.serve")

    def error(status: int, message: str) -> Response:
        return Response(
            message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8"
        )

    @app.get("/")
    def index() -> Response:
        if mount is not None:
            return redirect(f"{SITE_PATH}/index.html")
        return Response(
            f"fazhi-kg read-only SPARQL 1.1 endpoint over {source}\n"
            f"query:   GET or POST {SPARQL_PATH}?query=...  (SELECT, ASK, CONSTRUCT, DESCRIBE)\n"
            f"results: JSON, XML, CSV, TSV (Accept or format=json|xml|csv|tsv); Turtle, "
            f"N-Triples, RDF/XML for graphs\nlimits:  {options.timeout:g} s per query, {options.max_rows} rows\n",
            content_type="text/plain; charset=utf-8",
        )

    @app.route(SPARQL_PATH, methods=["GET", "POST"])
    def sparql() -> Response:
        content_type = (request.mimetype or "").lower()
        if request.method == "POST" and content_type == "application/sparql-update":
            return error(403, "SPARQL Update is refused: this endpoint is read-only")
        if request.method == "POST" and content_type == "application/sparql-query":
            text = request.get_data(as_text=True)
        else:
            if request.form.get("update") is not None or request.args.get("update") is not None:
                return error(403, "SPARQL Update is refused: this endpoint is read-only")
            text = request.values.get("query")
        if not text:
            return error(
                400,
                f"no query: send ?query=SPARQL (GET), a form field query, or an "
                f"application/sparql-query body (POST) to {SPARQL_PATH}",
            )
        form = query_form(text)
        if form == "UPDATE":
            return error(
                403,
                "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP ...) is refused: "
                "this endpoint is read-only",
            )
        if form not in QUERY_FORMS:
            return error(
                400,
                "not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE "
                "after the PREFIX lines",
            )
        if uses_service(text):
            return error(
                403, "SERVICE (federated query) is refused: this endpoint never calls other servers"
            )
        offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else SOLUTION_TYPES
        wanted = request.values.get("format")
        if wanted:
            fmt = offered.get(wanted.lower()) or _FORMAT_ALIASES.get(wanted.lower())
            if fmt == "xml" and offered is GRAPH_TYPES:
                fmt = "rdfxml"  # format=xml asks a CONSTRUCT for RDF/XML (SPARQLWrapper's default)
            if fmt not in offered.values():
                return error(
                    406,
                    f"format={wanted} is not offered for {form}: use "
                    f"{', '.join(sorted(set(offered.values())))}",
                )
        elif not request.headers.get("Accept"):
            fmt = next(iter(offered.values()))
        else:
            best = request.accept_mimetypes.best_match(list(offered))
            if best is None:
                return error(
                    406,
                    f"none of the accepted types ({request.headers.get('Accept')}) "
                    f"is offered for {form}: use {', '.join(offered)}",
                )
            fmt = offered[best]
        status, body, truncated = pool.run(
            text,
            fmt,
            request.values.getlist("default-graph-uri"),
            request.values.getlist("named-graph-uri"),
        )
        if status != 200:
            return error(status, body)
        response = Response(body, status=200, content_type=f"{_CONTENT_TYPE[fmt]}; charset=utf-8")
        if truncated:
            response.headers["X-Result-Truncated"] = f"max-rows={options.max_rows}"
        return response

    if mount is not None:
        mount(app)
    return app


class Endpoint:
    """A running endpoint: loads the graph, starts the workers and the HTTP server.

    Use as a context manager, or call :meth:`close`.  ``port=0`` picks a free port.

    Parameters
    ----------
    path : str or Path
        An output folder of ``kg build`` (its graph.trig, else graph.nt or
        graph.ttl) or a graph file.
    port : int
        Port on 127.0.0.1.
    options : ServeOptions, optional
    site : callable, optional
        ``site(store_dir)`` returns the ``mount`` of :func:`make_app` for pages
        over the endpoint's store (reopened read-only from ``store_dir``).

    Raises
    ------
    UsageError
        No graph there, a file that does not parse, or the port is taken.
    """

    def __init__(
        self,
        path: str | Path,
        port: int = DEFAULT_PORT,
        options: ServeOptions | None = None,
        site=None,
    ) -> None:
        # Imported in the process that needs it: workers and the web app load different libraries.
        from waitress.server import create_server

        # Imported in the process that needs it: workers and the web app load different libraries.
        from kg.query.store import OxigraphStore, graph_path

        self.options = options or ServeOptions()
        self.source = graph_path(path, prefer=("graph.trig", "graph.nt", "graph.ttl"))
        self._dir = tempfile.mkdtemp(prefix="fazhi-kg-store-")
        self.pool = None
        self._thread = None
        try:
            store = OxigraphStore.from_path(self.source, directory=self._dir)
            self.triples = store.triples()
            del store  # workers reopen it read-only
            self.pool = QueryPool(self._dir, self.options)
            mount = site(self._dir) if site is not None else None
            app = make_app(self.pool, self.options, str(self.source), mount)
            try:
                self._server = create_server(
                    app, host=HOST, port=port, threads=self.options.workers + 2, ident="fazhi-kg"
                )
            except OSError as exc:
                raise UsageError(
                    f"cannot listen on {HOST}:{port} ({exc.strerror}); choose another --port"
                ) from exc
        except BaseException:
            self._cleanup()
            raise
        self.port = self._server.effective_port
        self.url = f"http://{HOST}:{self.port}{SPARQL_PATH}"

    def start(self) -> Endpoint:
        """Serve in a background thread and return at once."""
        self._thread = threading.Thread(target=self._server.run, name="kg-serve", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C), then clean up."""
        try:
            self._server.run()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the server and the workers and delete the temporary store."""
        # Imported in the process that needs it: workers and the web app load different libraries.
        from waitress import wasyncore

        server = getattr(self, "_server", None)
        if server is not None:
            server.task_dispatcher.shutdown()
            wasyncore.close_all(server._map)
            if self._thread is not None:
                self._thread.join(10)
        self._cleanup()

    def _cleanup(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    _worker_main(sys.argv[1])
