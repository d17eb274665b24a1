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
  with 403, SERVICE too, decided on the parsed query
  (:func:`kg.query.sparql.parse_query`); the store is opened read-only, and
  where the system allows it the workers run without any network at all.
* Only this machine: the server binds 127.0.0.1, and a request whose ``Host``
  is not a local name (DNS rebinding) or whose ``Origin`` is another site is
  refused with 403 (:func:`check_request`, for every page of the app).
* Bounded: a request body of :data:`MAX_BODY_BYTES` at most (413), a query of
  :data:`kg.query.sparql.MAX_QUERY_CHARS`; ``timeout`` seconds and
  ``max_memory`` MiB per query (503), each query in a worker process that
  is ended when it goes past either; ``max_connections`` connections, each
  given ``read_timeout`` seconds to send its request (slow clients are cut
  off, the slowest first when the server is full).
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
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import RefusedError, UsageError
from kg.query.sparql import MAX_QUERY_CHARS

if TYPE_CHECKING:
    from flask import Flask, Request
    from flask.typing import ResponseReturnValue

#: What adds pages to the app (:func:`kg.output.site.app.site_mount` makes one).
Mount = Callable[["Flask"], None]

#: Where the endpoint answers.
SPARQL_PATH = "/sparql"
#: Where the explorer's pages are served when a site is mounted (kg/output/site/app.py).
SITE_PATH = "/site"
#: Interface the server binds: never anything but this machine.
HOST = "127.0.0.1"
#: Default port (Fuseki uses 3030 and Oxigraph 7878; this one leaves both free).
DEFAULT_PORT = 7879
#: Host names a request may be addressed to (anything else is DNS rebinding).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
#: Largest request body, and request line plus headers, in bytes: room for a query
#: of :data:`~kg.query.sparql.MAX_QUERY_CHARS` Chinese characters, URL-encoded.
MAX_BODY_BYTES = 2**20

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
    max_memory : int
        MiB of memory one worker may take; a query that needs more is stopped (503).
    read_timeout : float
        Seconds a client may take to send one request (headers and body).
    max_connections : int
        Connections open at once; when full, the slowest one still sending is closed.
    """

    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    max_memory: int = 1024
    read_timeout: float = 10.0
    max_connections: int = 100

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise UsageError(f"timeout must be positive, not {self.timeout}")
        if self.max_rows < 1:
            raise UsageError(f"max_rows must be at least 1, not {self.max_rows}")
        if self.workers < 1:
            raise UsageError(f"workers must be at least 1, not {self.workers}")
        if self.max_memory < 256:
            raise UsageError(
                f"max_memory must be at least 256 MiB (a worker needs about 150), "
                f"not {self.max_memory}"
            )
        if self.read_timeout <= 0:
            raise UsageError(f"read_timeout must be positive, not {self.read_timeout}")
        if self.max_connections < self.workers + 1:
            raise UsageError(
                f"max_connections must be more than workers ({self.workers}), "
                f"not {self.max_connections}"
            )


# --- worker processes ------------------------------------------------------------------------

# Flags of unshare(2): a new user namespace (so no privilege is needed) holding a
# new network namespace, which has no interface but a loopback that is down.
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def isolate_network() -> bool:
    """Cut this process off every network, where the system allows it (Linux user namespaces).

    A second line of defence behind the SERVICE check: a worker only reads its
    store and talks to the server over pipes, so it never needs the network.
    Must run before the process starts threads.  Returns whether it worked.
    """
    if not sys.platform.startswith("linux"):
        return False
    # Imported here: only the worker processes unshare, and only on Linux.
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (_CLONE_NEWUSER | _CLONE_NEWNET, _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def limit_memory(mebibytes: int) -> None:
    """Cap this process's address space: past it, allocations fail and the query stops."""
    # Imported here: resource is POSIX-only, and only the workers limit themselves.
    import resource

    limit = mebibytes * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _worker_main(store_dir: str, max_memory: int) -> None:
    """Answer queries read from stdin, one JSON line each, until stdin closes.

    Runs in a child process (``python -m kg.query.serve STORE_DIR MAX_MEMORY``):
    a plain subprocess, not multiprocessing, so it never re-imports the caller's
    script.  Each request carries the result format for each query form; the
    query is parsed and checked here, where memory and time are bounded.
    """
    isolated = isolate_network()
    limit_memory(max_memory)
    # Imported in the process that needs it: workers and the web app load different libraries.
    import json
    import sys

    # Imported in the process that needs it: workers and the web app load different libraries.
    import pyoxigraph as ox

    # Imported in the process that needs it: workers and the web app load different libraries.
    from kg.query.sparql import parse_query, render
    from kg.query.store import OxigraphStore

    out = sys.stdout
    store = OxigraphStore.open_read_only(store_dir)
    parse_query("ASK { ?s ?p ?o }")  # build the parser now, not on the first request
    out.write(json.dumps({"ready": True, "isolated": isolated}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            form = parse_query(request["query"]).form
            fmt = request["formats"]["graph" if form in GRAPH_FORMS else "solutions"]
            if fmt is None:
                answer = {"status": 406, "body": form}
            else:
                result = store.query(
                    request["query"],
                    max_rows=request["max_rows"],
                    default_graph=[ox.NamedNode(g) for g in request["default"]] or None,
                    named_graphs=[ox.NamedNode(g) for g in request["named"]] or None,
                )
                answer = {
                    "status": 200,
                    "body": render(result, fmt),
                    "format": fmt,
                    "truncated": result.truncated,
                }
        except RefusedError as exc:
            answer = {"status": 403, "body": f"{exc}; this endpoint is read-only"}
        except UsageError as exc:
            answer = {"status": 400, "body": str(exc)}
        except MemoryError:
            answer = {"status": 503, "body": _out_of_memory(max_memory)}
        except Exception as exc:  # an engine error must reach the client as text
            answer = {"status": 500, "body": f"query failed: {exc}".splitlines()[0]}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()


#: Query forms whose result is a graph (the others give solutions).
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


def _out_of_memory(max_memory: int) -> str:
    return (
        f"query stopped: it needed more than the {max_memory} MiB a query may use; "
        "add LIMIT or narrow the patterns, or start kg serve with a larger --max-memory"
    )


class _Worker:
    """One child process holding the store read-only."""

    def __init__(self, store_dir: str, max_memory: int) -> None:
        # Imported in the process that needs it: workers and the web app load different libraries.
        import kg

        root = str(Path(kg.__file__).resolve().parent.parent)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p),
        }
        self.isolated = False
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.query.serve", store_dir, str(max_memory)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
            encoding="utf-8",
        )
        stdin, stdout = self.process.stdin, self.process.stdout
        if stdin is None or stdout is None:  # never: both were asked for as pipes
            raise RuntimeError("the worker's pipes were not opened")
        self.stdin, self.stdout = stdin, stdout

    def _readline(self, timeout: float) -> dict[str, Any] | None:
        ready, _, _ = select.select([self.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.stdout.readline()
        if not line:
            raise EOFError("worker closed its output")
        answer: dict[str, Any] = json.loads(line)  # the worker writes one JSON object a line
        return answer

    def wait_ready(self, timeout: float) -> None:
        try:
            answer = self._readline(timeout)
        except (EOFError, ValueError):
            answer = None
        if not answer or not answer.get("ready"):
            self.stop()
            raise UsageError(
                "the query worker did not start: the store could not be opened "
                "(or --max-memory is too small for it)"
            )
        self.isolated = bool(answer.get("isolated"))

    def ask(self, request: dict[str, Any], timeout: float) -> dict[str, Any] | None:
        """The worker's answer, or None when it takes longer than ``timeout``."""
        self.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.stdin.flush()
        return self._readline(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for stream in (self.stdin, self.stdout):
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

    @property
    def isolated(self) -> bool:
        """Whether every worker runs without network access."""
        with self._lock:
            return bool(self._all) and all(w.isolated for w in self._all)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_dir, self.options.max_memory)
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

    def run(
        self,
        text: str,
        formats: dict[str, str | None],
        default_graphs: Iterable[str] = (),
        named_graphs: Iterable[str] = (),
    ) -> dict[str, Any]:
        """The worker's answer to one query: ``status`` and ``body``, and for a result its
        ``format`` and ``truncated``.  ``formats`` gives the result format for
        ``solutions`` (SELECT, ASK) and for ``graph`` (CONSTRUCT, DESCRIBE); None
        where the client accepts none (the answer is 406, its body the query form).
        """
        timeout = self.options.timeout
        try:
            busy = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _answer(
                503,
                f"server busy: {self.options.workers} queries already running for "
                f"{timeout:g} s; try again later",
            )
        worker: _Worker | None = busy  # None once retired: it must not go back to work
        try:
            answer = busy.ask(
                {
                    "query": text,
                    "formats": formats,
                    "max_rows": self.options.max_rows,
                    "default": list(default_graphs),
                    "named": list(named_graphs),
                },
                timeout,
            )
            if answer is None:
                # The only way to stop a query inside the engine is to end its process;
                # a new worker reopens the store in the background.
                self._retire(busy)
                worker = None
                return _answer(
                    503,
                    f"query timed out after {timeout:g} s: add LIMIT or narrow the "
                    f"patterns, or start kg serve with a longer --timeout",
                )
        except (EOFError, OSError, ValueError):
            died = busy.process.wait(10)
            self._retire(busy)
            worker = None
            if died == -signal.SIGABRT:  # an allocation past the memory limit aborts the engine
                return _answer(503, _out_of_memory(self.options.max_memory))
            return _answer(500, "the query worker died; the query was not answered")
        finally:
            if worker is not None:
                self._idle.put(worker)
        return answer

    def _retire(self, worker: _Worker) -> None:
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()


def _answer(status: int, body: str) -> dict[str, Any]:
    return {"status": status, "body": body}


# --- HTTP ------------------------------------------------------------------------------------


class Refused(Exception):
    """A request answered with an error status before any query runs."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Headers(Protocol):
    """The request headers :func:`check_request` reads (Flask's ``request.headers``)."""

    def get(self, key: str) -> str | None: ...


def check_request(headers: _Headers, content_length: int | None = None) -> None:
    """The checks every request passes before any page answers it.

    * ``Host`` must name this machine (127.0.0.1, localhost, [::1]): a web page
      whose own name was made to resolve to 127.0.0.1 (DNS rebinding) sends its
      name here, and is refused.
    * An ``Origin`` header, which browsers send with scripted and form requests,
      must be this machine too: another site's page cannot make this server work.
    * The body is at most :data:`MAX_BODY_BYTES`.

    Raises
    ------
    Refused
        403 for the Host and Origin checks, 413 for the size.
    """
    host = (headers.get("Host") or "").strip().lower()
    if _host_name(host) not in LOCAL_HOSTS:
        raise Refused(
            403,
            f"Host {host or '(none)'} refused: this endpoint answers only requests addressed "
            f"to {', '.join(LOCAL_HOSTS)}",
        )
    origin = headers.get("Origin")
    if origin is not None and _host_name(origin.strip().lower().partition("://")[2]) not in (
        LOCAL_HOSTS
    ):
        raise Refused(
            403, f"Origin {origin} refused: only pages served from this machine may query it"
        )
    if content_length is not None and content_length > MAX_BODY_BYTES:
        raise Refused(
            413,
            f"request body of {content_length:,} bytes refused: at most {MAX_BODY_BYTES:,}",
        )


def _host_name(host: str) -> str:
    """``localhost`` of ``localhost:7879``; ``[::1]`` of ``[::1]:7879``."""
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.partition(":")[0].rstrip(".")


def read_query(request: Request) -> str:
    """The query text of a SPARQL Protocol request (Flask ``request``), checked for size.

    Raises
    ------
    Refused
        403 for SPARQL Update (by media type or an ``update`` field), 400 when no
        query is given, 413 when it is longer than :data:`~kg.query.sparql.MAX_QUERY_CHARS`.
    """
    content_type = (request.mimetype or "").lower()
    if request.method == "POST" and content_type == "application/sparql-update":
        raise Refused(403, "SPARQL Update is refused: this endpoint is read-only")
    text: str | None
    if request.method == "POST" and content_type == "application/sparql-query":
        text = request.get_data(as_text=True)
    else:
        if request.form.get("update") is not None or request.args.get("update") is not None:
            raise Refused(403, "SPARQL Update is refused: this endpoint is read-only")
        text = request.values.get("query")
    if not text:
        raise Refused(
            400,
            f"no query: send ?query=SPARQL (GET), a form field query, or an "
            f"application/sparql-query body (POST) to {SPARQL_PATH}",
        )
    if len(text) > MAX_QUERY_CHARS:
        raise Refused(
            413, f"query of {len(text):,} characters refused: at most {MAX_QUERY_CHARS:,}"
        )
    return text


def graph_names(values: list[str], field: str) -> list[str]:
    """The IRIs of ``default-graph-uri`` or ``named-graph-uri``, each checked.

    Raises
    ------
    Refused
        400 for a value that is not an absolute IRI.
    """
    # Imported in the process that needs it: workers and the web app load different libraries.
    import pyoxigraph as ox

    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise Refused(
                400,
                f"{field}={value!r} is not an IRI: give a graph name such as "
                "https://w3id.org/fazhi-kg/id/report/...",
            ) from None
    return values


def negotiate(request: Request) -> dict[str, str | None]:
    """The result format for solutions (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE).

    From ``format=`` when given, else the ``Accept`` header; None for a kind of
    result the client accepts in no format offered.
    """
    wanted = request.values.get("format")
    formats: dict[str, str | None] = {}
    for kind, offered in (("solutions", SOLUTION_TYPES), ("graph", GRAPH_TYPES)):
        if wanted:
            fmt = offered.get(wanted.lower()) or _FORMAT_ALIASES.get(wanted.lower())
            if fmt == "xml" and kind == "graph":
                fmt = "rdfxml"  # format=xml asks a CONSTRUCT for RDF/XML (SPARQLWrapper's default)
            formats[kind] = fmt if fmt in offered.values() else None
        elif not request.headers.get("Accept"):
            formats[kind] = next(iter(offered.values()))
        else:
            best = request.accept_mimetypes.best_match(list(offered))
            formats[kind] = None if best is None else offered[best]
    return formats


def make_app(
    pool: QueryPool, options: ServeOptions, source: str = "", mount: Mount | None = None
) -> Flask:
    """The Flask application of the endpoint (exposed for WSGI servers and tests).

    Every request first passes :func:`check_request` (a ``before_request`` hook,
    so pages added to the app later are guarded too).  ``mount(app)``, when
    given, adds the explorer's pages under :data:`SITE_PATH`
    (:func:`kg.output.site.app.site_mount`); ``/`` then leads there.
    """
    # Imported in the process that needs it: workers and the web app load different libraries.
    from flask import Flask, Response, redirect, request

    app = Flask("kg.query.serve")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_BODY_BYTES

    def error(status: int, message: str) -> Response:
        return Response(
            message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8"
        )

    @app.errorhandler(Refused)
    def refused(exc: Refused) -> Response:
        return error(exc.status, str(exc))

    @app.errorhandler(413)
    def too_large(exc: Exception) -> Response:
        return error(413, f"request refused: at most {MAX_BODY_BYTES:,} bytes")

    @app.before_request
    def guard() -> None:
        check_request(request.headers, request.content_length)

    @app.get("/")
    def index() -> ResponseReturnValue:
        if mount is not None:
            return redirect(f"{SITE_PATH}/index.html")
        return Response(
            f"fazhi-kg read-only SPARQL 1.1 endpoint over {source}\n"
            f"query:   GET or POST {SPARQL_PATH}?query=...  (SELECT, ASK, CONSTRUCT, DESCRIBE)\n"
            f"results: JSON, XML, CSV, TSV (Accept or format=json|xml|csv|tsv); Turtle, "
            f"N-Triples, RDF/XML for graphs\nlimits:  {options.timeout:g} s and "
            f"{options.max_memory} MiB per query, {options.max_rows} rows, "
            f"{MAX_QUERY_CHARS:,} characters\n",
            content_type="text/plain; charset=utf-8",
        )

    @app.route(SPARQL_PATH, methods=["GET", "POST"])
    def sparql() -> Response:
        text = read_query(request)
        formats = negotiate(request)
        answer = pool.run(
            text,
            formats,
            graph_names(request.values.getlist("default-graph-uri"), "default-graph-uri"),
            graph_names(request.values.getlist("named-graph-uri"), "named-graph-uri"),
        )
        if answer["status"] == 406:
            form = answer["body"]
            offered = GRAPH_TYPES if form in GRAPH_FORMS else SOLUTION_TYPES
            wanted = request.values.get("format")
            asked = f"format={wanted}" if wanted else f"Accept: {request.headers.get('Accept')}"
            return error(
                406,
                f"{asked} is not offered for {form}: use "
                f"{', '.join(offered)} (or format={'|'.join(sorted(set(offered.values())))})",
            )
        if answer["status"] != 200:
            return error(answer["status"], answer["body"])
        fmt = answer["format"]
        response = Response(
            answer["body"], status=200, content_type=f"{_CONTENT_TYPE[fmt]}; charset=utf-8"
        )
        if answer.get("truncated"):
            response.headers["X-Result-Truncated"] = f"max-rows={options.max_rows}"
        return response

    if mount is not None:
        mount(app)
    return app


def _server_classes() -> type[Any]:
    """waitress's server and connection, bounded against slow clients.

    A connection has ``read_timeout`` seconds from the first byte of a request
    to its last; an idle connection is closed after as long.  When
    ``max_connections`` are open, the connection that has been sending its
    request the longest (or idle the longest) is closed to make room, so slow
    clients cannot keep others out.
    (Any: waitress has no type information.)
    """
    # Imported in the process that needs it: workers and the web app load different libraries.
    from waitress.channel import HTTPChannel
    from waitress.server import TcpWSGIServer

    class Channel(HTTPChannel):  # type: ignore[misc]  # waitress is untyped
        reading_since: float | None = None

        def received(self, data: bytes) -> bool:
            if self.request is None and data:
                self.reading_since = time.monotonic()
            result: bool = super().received(data)
            if self.request is None:
                self.reading_since = None
            return result

        def idle_since(self) -> float:
            """Since when this connection has kept the server waiting (monotonic seconds)."""
            if self.reading_since is not None:
                return self.reading_since
            since: float = time.monotonic() - (time.time() - self.last_activity)
            return since

    class Server(TcpWSGIServer):  # type: ignore[misc]  # waitress is untyped
        channel_class = Channel

        def __init__(self, application: Flask, read_timeout: float, **adjustments: object) -> None:
            self.read_timeout = read_timeout
            super().__init__(application, **adjustments)

        def _waiting(self) -> list[Channel]:
            return [
                c
                for c in self.active_channels.values()
                if not c.requests and not c.will_close and isinstance(c, Channel)
            ]

        def maintenance(self, now: float) -> None:
            super().maintenance(now)
            cutoff = time.monotonic() - self.read_timeout
            for channel in self._waiting():
                if channel.idle_since() < cutoff:
                    channel.will_close = True

        def readable(self) -> bool:
            if self.accepting and len(self._map) >= self.adj.connection_limit:
                waiting = self._waiting()
                if waiting:
                    min(waiting, key=lambda c: c.idle_since()).will_close = True
            readable: bool = super().readable()
            return readable

    return Server


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
        site: Callable[[str], Mount] | None = None,
    ) -> None:
        # Imported in the process that needs it: workers and the web app load different libraries.
        from kg.query.store import OxigraphStore, graph_path

        self.options = options or ServeOptions()
        self.source = graph_path(path, prefer=("graph.trig", "graph.nt", "graph.ttl"))
        self._dir = tempfile.mkdtemp(prefix="fazhi-kg-store-")
        self.pool: QueryPool | None = None
        self._thread: threading.Thread | None = None
        try:
            store = OxigraphStore.from_path(self.source, directory=self._dir)
            self.triples = store.triples()
            del store  # workers reopen it read-only
            self.pool = QueryPool(self._dir, self.options)
            mount = site(self._dir) if site is not None else None
            app = make_app(self.pool, self.options, str(self.source), mount)
            try:
                self._server = _server_classes()(
                    app,
                    read_timeout=self.options.read_timeout,
                    host=HOST,
                    port=port,
                    threads=self.options.workers + 2,
                    ident="fazhi-kg",
                    connection_limit=self.options.max_connections,
                    channel_timeout=max(1, round(self.options.read_timeout)),
                    cleanup_interval=1,
                    max_request_body_size=MAX_BODY_BYTES,
                    max_request_header_size=MAX_BODY_BYTES,
                    asyncore_use_poll=True,
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
        #: Whether the query workers run cut off from every network (see :func:`isolate_network`).
        self.network_isolated = self.pool.isolated

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

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    _worker_main(sys.argv[1], int(sys.argv[2]))
