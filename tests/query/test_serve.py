"""The SPARQL endpoint, over real HTTP: GET and POST, content negotiation, refused
updates, timeouts, the row cap and named graphs."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.errors import UsageError
from kg.files import atomic_write
from kg.graph.triples import build_graph
from kg.ingest.structure import document_from_text
from kg.model import EntityType as T
from kg.model import ExtractedReport, Mention, Place
from kg.output.rdf import trig
from kg.query.serve import Endpoint, ServeOptions


def _report(town: str, year: int) -> ExtractedReport:
    text = f"{town}{year}年法治政府建设情况报告\n一、主要举措和成效\n全面落实合法性审查。"
    doc = document_from_text(text, f"{town}{year}.txt")
    start = doc.text.index("合法性审查")
    mention = Mention(
        "合法性审查", T.MECHANISM, start, start + 5, doc.section_kind_at(start), "legality-review"
    )
    return ExtractedReport(
        doc, Place(town=town, province="浙江省", confidence=1.0, how="test"), (mention,)
    )


REPORTS = (_report("青禾镇", 2022), _report("青禾镇", 2023), _report("白石乡", 2023))


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    out = tmp_path_factory.mktemp("serve")
    graph = build_graph(REPORTS)
    atomic_write(out / "graph.trig", trig(graph, REPORTS))
    with Endpoint(out, port=0, options=ServeOptions(timeout=2, max_rows=5, workers=1)) as ep:
        yield ep


def request(ep, query=None, *, method="GET", accept=None, body=None, content_type=None, **params):
    if query is not None:
        params["query"] = query
    url = ep.url
    data = None
    if method == "GET":
        url += "?" + urllib.parse.urlencode(params, doseq=True)
    elif body is not None:
        data = body.encode("utf-8")
    else:
        data = urllib.parse.urlencode(params, doseq=True).encode("utf-8")
        content_type = content_type or "application/x-www-form-urlencoded"
    headers = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


TOWNS = "SELECT ?l WHERE { ?t a fz:Town ; rdfs:label ?l } ORDER BY ?l"


def test_binds_localhost_only(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_get_select_defaults_to_sparql_json(endpoint):
    status, headers, body = request(endpoint, TOWNS)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    labels = [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert labels == ["白石乡", "青禾镇"]  # one row each: the TriG's graphs are merged, not bagged


@pytest.mark.parametrize("how", ["form", "body"])
def test_post_query(endpoint, how):
    if how == "form":
        status, _, body = request(endpoint, TOWNS, method="POST", accept="text/csv")
    else:
        status, _, body = request(
            endpoint,
            method="POST",
            body=TOWNS,
            accept="text/csv",
            content_type="application/sparql-query",
        )
    assert status == 200
    assert list(csv.reader(io.StringIO(body))) == [["l"], ["白石乡"], ["青禾镇"]]


@pytest.mark.parametrize(
    "accept, fmt, content_type, check",
    [
        ("text/csv", None, "text/csv", lambda b: b.splitlines()[0] == "l"),
        (
            "text/tab-separated-values",
            None,
            "text/tab-separated-values",
            lambda b: b.splitlines()[1] == '"白石乡"@zh',
        ),
        (
            "application/sparql-results+json",
            None,
            "application/sparql-results+json",
            lambda b: json.loads(b)["head"]["vars"] == ["l"],
        ),
        ("*/*", None, "application/sparql-results+json", lambda b: "results" in json.loads(b)),
        ("text/html", "csv", "text/csv", lambda b: "青禾镇" in b),
    ],
)
def test_content_negotiation_for_solutions(endpoint, accept, fmt, content_type, check):
    params = {"format": fmt} if fmt else {}
    status, headers, body = request(endpoint, TOWNS, accept=accept, **params)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    assert check(body)


@pytest.mark.parametrize(
    "accept, content_type",
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        (None, "text/turtle"),
    ],
)
def test_construct_as_turtle_or_ntriples(endpoint, accept, content_type):
    from rdflib import Graph

    query = "CONSTRUCT { ?t rdfs:label ?l } WHERE { ?t a fz:Town ; rdfs:label ?l }"
    status, headers, body = request(endpoint, query, accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    graph = Graph().parse(data=body, format="turtle" if content_type == "text/turtle" else "nt")
    assert {str(o) for o in graph.objects()} == {"青禾镇", "白石乡"}


def test_ask(endpoint):
    status, _, body = request(endpoint, "ASK { ?t fz:adopts fzm:legality-review }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


def test_named_graphs_per_report(endpoint):
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?r a fz:Report } }"
    _, _, body = request(endpoint, query, accept="text/csv")
    assert body.splitlines()[1] == "3"
    one = "https://w3id.org/fazhi-kg/id/report/" + REPORTS[0].document.report_id
    _, _, body = request(
        endpoint,
        "SELECT ?r WHERE { ?r a fz:Report }",
        accept="text/csv",
        **{"default-graph-uri": one},
    )
    assert body.splitlines()[1:] == [one]


@pytest.mark.parametrize(
    "method, query, extra",
    [
        ("GET", "INSERT DATA { fz:a fz:b fz:c }", {}),
        ("POST", "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }", {}),
        ("POST", "LOAD <http://example.org/data.ttl>", {}),
        ("GET", "CLEAR ALL", {}),
        ("POST", None, {"update": "DROP ALL"}),
    ],
)
def test_updates_are_refused(endpoint, method, query, extra):
    status, _, body = request(endpoint, query, method=method, **extra)
    assert status == 403 and "read-only" in body


def test_sparql_update_content_type_is_refused(endpoint):
    status, _, body = request(
        endpoint,
        method="POST",
        body="INSERT DATA { fz:a fz:b fz:c }",
        content_type="application/sparql-update",
    )
    assert status == 403 and "read-only" in body
    _, _, after = request(endpoint, "ASK { fz:a fz:b fz:c }")
    assert json.loads(after)["boolean"] is False


def test_service_is_refused(endpoint):
    status, _, body = request(
        endpoint, "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    )
    assert status == 403 and "SERVICE" in body


@pytest.mark.parametrize(
    "query, params, accept, status, words",
    [
        (None, {}, None, 400, "no query"),
        ("SELEC ?x {", {}, None, 400, "not valid SPARQL"),
        ("SELECT ?x WHERE { ?x ?y }", {}, None, 400, "not valid SPARQL"),
        (TOWNS, {}, "text/turtle", 406, "offered"),
        (TOWNS, {"format": "turtle"}, None, 406, "not offered"),
    ],
)
def test_bad_requests_get_clear_errors(endpoint, query, params, accept, status, words):
    got, headers, body = request(endpoint, query, accept=accept, **params)
    assert got == status and words in body and headers["Content-Type"].startswith("text/plain")


def test_long_query_times_out_and_the_endpoint_recovers(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = request(endpoint, slow)
    assert status == 503 and "timed out after 2 s" in body
    status, _, body = request(endpoint, TOWNS, accept="text/csv")
    assert status == 200 and "青禾镇" in body


def test_results_are_capped(endpoint):
    status, headers, body = request(endpoint, "SELECT ?s WHERE { ?s ?p ?o }", accept="text/csv")
    assert status == 200 and headers["X-Result-Truncated"] == "max-rows=5"
    assert len(body.splitlines()) == 1 + 5
    _, headers, _ = request(endpoint, TOWNS)
    assert headers["X-Result-Truncated"] is None


def test_index_page_says_what_this_is(endpoint):
    with urllib.request.urlopen(endpoint.url.rsplit("/", 1)[0] + "/", timeout=10) as response:
        assert "read-only SPARQL" in response.read().decode("utf-8")


@pytest.mark.parametrize("options", [dict(timeout=0), dict(max_rows=0), dict(workers=0)])
def test_bad_options_are_usage_errors(options):
    with pytest.raises(UsageError):
        ServeOptions(**options)


def test_taken_port_and_missing_graph_are_usage_errors(endpoint, tmp_path):
    with pytest.raises(UsageError, match="no graph"):
        Endpoint(tmp_path, port=0)
    with pytest.raises(UsageError, match="another --port"):
        Endpoint(endpoint.source, port=endpoint.port, options=ServeOptions(workers=1))


# --- hostile requests (issue 12) --------------------------------------------------------------


@pytest.fixture
def listener():
    """A local HTTP server that records every request: nothing may reach it."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(
    "template",
    [
        # The bypass: `#` after a \u escape inside an IRI read as a comment.
        "SELECT * WHERE { VALUES ?z { <http://x/\\u0041#> } SERVICE <http://127.0.0.1:PORT/x> {?a ?b ?c} }",
        "SELECT * WHERE { VALUES ?z { <http://x/\\u0041> }\nSERVICE <http://127.0.0.1:PORT/x> {?a ?b ?c} }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } } }",
        "ASK { { SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:PORT/> { ?s ?p ?o } } } }",
        "SELECT * FROM <http://127.0.0.1:PORT/from> WHERE { ?s ?p ?o }",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_no_query_makes_the_endpoint_call_another_server(endpoint, listener, template, method):
    port, hits = listener
    status, _, body = request(endpoint, template.replace("PORT", str(port)), method=method)
    if "SERVICE" in template:
        assert status in (400, 403), body
    assert hits == []


def test_workers_run_without_network_where_the_system_allows(endpoint):
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "unshare"):
        pytest.skip("no unshare(2) on this system")
    assert endpoint.network_isolated


@pytest.mark.parametrize(
    "headers, status",
    [
        ({"Host": "evil.example:7879"}, 403),  # DNS rebinding: a site's name resolved to us
        ({"Host": "127.0.0.1.evil.example"}, 403),
        ({"Host": "localhost"}, 200),
        ({"Host": "[::1]:7879"}, 200),
        ({"Origin": "http://evil.example"}, 403),  # another site's page
        ({"Origin": "null"}, 403),
        ({"Origin": "http://127.0.0.1:7879"}, 200),
    ],
)
def test_host_and_origin_must_be_this_machine(endpoint, headers, status):
    url = endpoint.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            got, body = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        got, body = exc.code, exc.read().decode()
    assert got == status, body
    if status == 403:
        assert "refused" in body


def test_index_page_is_guarded_too(endpoint):
    req = urllib.request.Request(
        endpoint.url.rsplit("/", 1)[0] + "/", headers={"Host": "x.example"}
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=30)
    assert info.value.code == 403


def test_request_size_is_bounded(endpoint):
    from kg.query.serve import MAX_BODY_BYTES
    from kg.query.sparql import MAX_QUERY_CHARS

    long_query = "ASK { ?s ?p " + '"' + "x" * MAX_QUERY_CHARS + '" }'
    status, _, body = request(
        endpoint, method="POST", body=long_query, content_type="application/sparql-query"
    )
    assert status == 413 and "characters" in body
    # A body over the limit is refused on its Content-Length, before it is read (a raw
    # socket: the server may close before a client finishes sending).
    import socket

    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=30) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\n"
            b"Content-Length: %d\r\n\r\nASK {}" % (100 * MAX_BODY_BYTES)
        )
        assert sock.recv(4096).split(b" ", 2)[1] == b"413"
    status, _, _ = request(endpoint, TOWNS)
    assert status == 200


def test_junk_graph_names_are_bad_requests(endpoint):
    status, _, body = request(endpoint, TOWNS, **{"default-graph-uri": "not an iri"})
    assert status == 400 and "default-graph-uri" in body
    status, _, body = request(endpoint, TOWNS, **{"named-graph-uri": "<x>"})
    assert status == 400 and "named-graph-uri" in body


@pytest.fixture(scope="module")
def small_endpoint(tmp_path_factory):
    """An endpoint with tight limits: 256 MiB per query, 2 s to send a request, 12 connections."""
    out = tmp_path_factory.mktemp("serve-small")
    graph = build_graph(REPORTS)
    atomic_write(out / "graph.trig", trig(graph, REPORTS))
    options = ServeOptions(
        timeout=20, workers=1, max_memory=256, read_timeout=2, max_connections=12
    )
    with Endpoint(out, port=0, options=options) as ep:
        yield ep


def test_a_query_past_the_memory_limit_is_stopped_and_the_endpoint_recovers(small_endpoint):
    # A short query that sorts a cross product: it once took 6 GB.
    greedy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i ?f ?c"
    status, _, body = request(small_endpoint, greedy)
    assert status == 503 and "256 MiB" in body
    status, _, body = request(small_endpoint, TOWNS, accept="text/csv")
    assert status == 200 and "青禾镇" in body


def test_slow_clients_cannot_keep_others_out(small_endpoint):
    """Twice as many connections as allowed, each sending a byte now and then: a new client
    is still answered at once, and the slow ones are cut off after the read timeout."""
    import socket
    import time

    slow = []
    for _ in range(24):
        sock = socket.create_connection(("127.0.0.1", small_endpoint.port), timeout=5)
        sock.sendall(b"GET /sparql?query=ASK")
        slow.append(sock)
    start = time.monotonic()
    status, _, _ = request(small_endpoint, "ASK { ?s ?p ?o }")
    assert status == 200 and time.monotonic() - start < 3
    time.sleep(4)  # past read_timeout (2 s) and the 1 s maintenance interval
    closed = 0
    for sock in slow:
        try:
            sock.sendall(b"%20")
            sock.settimeout(2)
            closed += sock.recv(1) == b""
        except OSError:
            closed += 1
        finally:
            sock.close()
    assert closed == len(slow)
