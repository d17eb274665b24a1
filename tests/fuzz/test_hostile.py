"""Property tests over hostile input (issue 12): queries, files, cache entries and CSV cells.

* Whatever query text is made of (SERVICE, IRIs with `#` and \\u escapes, comments,
  strings, braces): when the read-only check lets it through, Oxigraph running it
  never calls another server.
* Any bytes under any report suffix: reading gives a report or one InputError.
* Any JSON as a cache entry: a miss or a report, never another exception.
* Any cell text: no CSV cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import re

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.chars import FORMULA_START
from kg.errors import InputError, UsageError
from kg.ingest.read import read_report
from kg.output.tables import csv_lines, csv_text
from kg.query.sparql import parse_query
from kg.query.store import default_prefixes
from kg.run.cache import ReportCache, decode_report
from tests.fuzz.conftest import GRAPH_SHARE

# A closed port: an engine that tries SERVICE fails with a connection error we can see.
ENDPOINT = "<http://127.0.0.1:9/sparql>"

QUERY_FRAGMENTS = [
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "*",
    "WHERE",
    "{",
    "}",
    "(",
    ")",
    " ",
    "\n",
    ".",
    ";",
    "SERVICE",
    "service",
    "SILENT",
    ENDPOINT,
    "<http://x/\\u0041#>",
    "<http://x/#>",
    "<http://x/a>",
    "#",
    "# SERVICE",
    '"',
    '"SERVICE"',
    "'",
    "\\u0022",
    "?a ?b ?c",
    "?s",
    "VALUES ?z {",
    "FILTER EXISTS",
    "FILTER (",
    "OPTIONAL",
    "MINUS",
    "UNION",
    "GRAPH ?g",
    "INSERT DATA",
    "LOAD",
    "PREFIX x: <http://x/#>",
    "x:p",
    "fz:Town",
    "BIND(",
    "AS ?q",
    "<<",
    ">>",
]

queries = st.lists(st.sampled_from(QUERY_FRAGMENTS), min_size=1, max_size=30).map(" ".join)
# Queries that certainly parse: SERVICE somewhere in a well-formed pattern.
SHAPES = [
    "SELECT * WHERE {{ {0} }}",
    "ASK {{ ?s ?p ?o {0} }}",
    "SELECT * WHERE {{ VALUES ?z {{ <http://x/\\u0041#> }} {0} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ {0} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?a WHERE {{ {0} }} }} }}",
    "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ OPTIONAL {{ {0} }} }}",
]
with_service = st.tuples(
    st.sampled_from(SHAPES),
    st.sampled_from(["SERVICE", "service", "SERVICE SILENT", "Service"]),
    st.sampled_from(["\n", " ", "\t", " # note\n"]),
).map(lambda t: t[0].format(f"{t[1]}{t[2]}{ENDPOINT} {{ ?a ?b ?c }}"))


def _engine_calls_out(text: str) -> bool:
    """Whether Oxigraph, running ``text``, tried to reach another server."""
    try:
        list(ox.Store().query(text, prefixes=default_prefixes()) or [])
    except Exception as exc:  # any engine error: only a connection attempt matters
        return "127.0.0.1:9" in str(exc) or "onnection" in str(exc)
    return False


@settings(max_examples=max(20, int(settings().max_examples * GRAPH_SHARE * 4)))
@given(st.one_of(queries, with_service))
def test_what_the_check_lets_through_never_calls_another_server(text):
    try:
        parse_query(text)
    except UsageError:
        return  # refused (or not SPARQL): nothing runs
    assert not _engine_calls_out(text), text


@given(with_service)
def test_every_service_is_refused(text):
    with pytest.raises(UsageError):
        parse_query(text)


SUFFIXES = [".txt", ".html", ".docx", ".pdf", ".md", ".htm"]
HEADERS = [b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>", b"\x00"]


@settings(max_examples=max(10, int(settings().max_examples * GRAPH_SHARE)))
@given(st.sampled_from(SUFFIXES), st.sampled_from(HEADERS), st.binary(max_size=2000))
def test_any_bytes_give_a_report_or_one_input_error(tmp_path_factory, suffix, header, body):
    path = tmp_path_factory.mktemp("bytes") / f"file{suffix}"
    path.write_bytes(header + body)
    try:
        read_report(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=6) | st.dictionaries(st.text(max_size=4), children)
    ),
    max_leaves=40,
)


@given(json_values)
def test_any_json_is_a_miss_or_a_report(value):
    try:
        decode_report(value)
    except ValueError:
        pass


@settings(max_examples=max(10, int(settings().max_examples * GRAPH_SHARE)))
@given(st.binary(max_size=400))
def test_any_bytes_as_a_cache_entry_are_a_miss(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("cache")
    report = folder / "r.txt"
    report.write_text("青禾镇2023年法治政府建设情况报告", "utf-8")
    cache = ReportCache(folder / "c", version="v")
    key = cache.key(report)
    entry = cache._file(key)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(data)
    assert cache.get(key, report) is None


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
cells = st.one_of(
    st.text(max_size=12),
    st.tuples(st.sampled_from(list(FORMULA_START)), st.text(max_size=10)).map("".join),
    st.floats(allow_nan=False, allow_infinity=False).map(str),
)


@given(st.lists(st.lists(cells, min_size=1, max_size=4), max_size=6))
def test_no_csv_cell_starts_a_formula(rows):
    width = max((len(r) for r in rows), default=1)
    rows = [r + [""] * (width - len(r)) for r in rows]
    text = csv_text([f"c{i}" for i in range(width)], rows)
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    for row, original in zip(parsed[1:], rows):
        for cell, before in zip(row, original):
            assert not (cell[:1] and cell[0] in FORMULA_START and not _NUMBER.fullmatch(cell))
            assert cell in (before, "'" + before)
    assert "".join(csv_lines([f"c{i}" for i in range(width)], rows)) == text
