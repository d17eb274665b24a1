"""Every export parses back to the graph it came from: Turtle, TriG (one named graph per
report, each retractable alone), N-Triples, JSON-LD, GraphML, GEXF and the CSV tables."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import UsageError
from kg.graph.triples import build_graph
from kg.ingest.structure import document_from_text
from kg.model import EntityType as T
from kg.model import ExtractedReport, Mention, Place
from kg.namespaces import FZ, ID, ID_URI, RDF, XSD
from kg.output import rdf as export
from kg.output import tables as exports
from kg.pipeline import FORMAT_GROUPS, OUTPUTS, expand_formats

PLACE = Place(
    town="青禾镇", county="青禾县", city="青禾市", province="浙江省", confidence=1.0, how="test"
)
OTHER = Place(
    town="白石乡", county="白石县", city="青禾市", province="浙江省", confidence=1.0, how="test"
)


def _report(year: int, place: Place, plan: str) -> ExtractedReport:
    text = (
        f"{place.town}{year}年法治政府建设情况报告\n一、主要举措和成效\n"
        f"全面落实合法性审查，成功化解矛盾纠纷72起，学习《中华人民共和国民法典》。\n"
        f"二、存在的不足\n普法还未实现全覆盖。\n三、下一步工作打算\n推行{plan}。"
    )
    doc = document_from_text(text, f"{place.town}_{year}.txt")

    def m(words, type_, key, **attrs):
        start = doc.text.index(words)
        return Mention(
            words,
            type_,
            start,
            start + len(words),
            doc.section_kind_at(start),
            key,
            tuple(sorted(attrs.items())),
        )

    return ExtractedReport(
        doc,
        place,
        (
            m("合法性审查", T.MECHANISM, "legality-review"),
            m("成功化解矛盾纠纷72起", T.INDICATOR, "化解矛盾纠纷", value="72", unit="起"),
            m("《中华人民共和国民法典》", T.LAW, "中华人民共和国民法典", kind="NationalLaw"),
            m("普法还未实现全覆盖", T.PROBLEM, "普法还未实现全覆盖"),
            m(
                plan,
                T.MECHANISM,
                {"政府法律顾问制度": "government-legal-adviser", "听证制度": "hearing"}[plan],
            ),
        ),
    )


REPORTS = (
    _report(2022, PLACE, "政府法律顾问制度"),
    _report(2023, PLACE, "听证制度"),
    _report(2023, OTHER, "政府法律顾问制度"),
)


@pytest.fixture(scope="module")
def hand():
    return build_graph(REPORTS), REPORTS


# --- RDF -------------------------------------------------------------------------------------

RDF_FORMATS = [
    ("ttl", export.turtle, "turtle"),
    ("nt", export.ntriples, "nt"),
    ("jsonld", export.jsonld, "json-ld"),
]


@pytest.mark.parametrize("name, write, fmt", RDF_FORMATS, ids=[f[0] for f in RDF_FORMATS])
def test_rdf_round_trip_hand_graph(hand, name, write, fmt):
    graph, _ = hand
    assert isomorphic(Graph().parse(data=write(graph), format=fmt), graph)


@pytest.mark.parametrize("name, fmt", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_round_trip_examples(example_build, name, fmt):
    result, out = example_build
    parsed = Graph().parse(out / OUTPUTS[name], format=fmt)
    assert len(parsed) == len(result.graph) and isomorphic(parsed, result.graph)


def test_bulk_turtle_through_oxigraph_round_trips(hand, monkeypatch):
    graph, _ = hand
    monkeypatch.setattr(export, "BULK_TRIPLES", 0)
    text = export.turtle(graph)
    assert text.startswith("@prefix") and "_:c14n" in text  # Oxigraph's writer, canonical bnodes
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)


def test_serialisations_are_byte_identical_for_the_same_input():
    # Two builds parse the ontology twice, so their blank nodes have different ids.
    a, b = build_graph(REPORTS), build_graph(REPORTS)
    for write in (export.ntriples, export.jsonld):
        assert write(a) == write(b)
    assert export.trig(a, REPORTS) == export.trig(b, REPORTS)


def test_ntriples_is_sorted_utf8_lines(hand):
    graph, _ = hand
    lines = export.ntriples(graph).splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)
    assert any('"青禾镇"@zh' in line for line in lines)


def test_jsonld_uses_the_context(hand):
    import json

    graph, _ = hand
    doc = json.loads(export.jsonld(graph))
    assert doc["@context"]["fz"] == "https://w3id.org/fazhi-kg/ontology#"
    towns = [n for n in doc["@graph"] if "fz:Town" in n.get("@type", [])]
    assert {t["rdfs:label"][0]["@value"] for t in towns} == {"青禾镇", "白石乡"}
    assert any(
        v == {"@value": "72.0", "@type": "xsd:decimal"}
        or v == {"@value": "72", "@type": "xsd:decimal"}
        for n in doc["@graph"]
        for v in n.get("fz:value", [])
    )


# --- TriG: one named graph per report -----------------------------------------------------------


def _parse_trig(text: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    return dataset


def _graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    out: dict[URIRef, Graph] = {}
    for s, p, o, c in dataset.quads((None, None, None, None)):
        out.setdefault(URIRef(str(getattr(c, "identifier", c))), Graph()).add((s, p, o))
    return out


def _union(graphs) -> Graph:
    union = Graph()
    for g in graphs:
        for triple in g:
            union.add(triple)
    return union


def _reported(result, out: Path) -> Graph:
    """The build's graph without the corpus analyses' triples (graph.trig's analyses graph):
    what the tables and the Gephi files hold."""
    graphs = _graphs(_parse_trig((out / "graph.trig").read_text("utf-8")))
    analyses = set(graphs[export.ANALYSES_GRAPH])
    reported = Graph()
    for triple in result.graph:
        if triple not in analyses:
            reported.add(triple)
    return reported


def test_trig_has_one_graph_per_report_and_union_is_the_graph(hand):
    graph, reports = hand
    graphs = _graphs(_parse_trig(export.trig(graph, reports)))
    report_iris = {ID[f"report/{r.document.report_id}"] for r in reports}
    assert set(graphs) == report_iris | {export.VOCABULARY_GRAPH}
    for iri in report_iris:
        assert (iri, RDF.type, FZ.Report) in graphs[iri]
        others = report_iris - {iri}
        assert not any((other, RDF.type, FZ.Report) in graphs[iri] for other in others)
    assert isomorphic(_union(graphs.values()), graph)


@pytest.mark.parametrize("dropped", range(len(REPORTS)))
def test_retracting_a_report_graph_leaves_the_graph_built_without_it(hand, dropped):
    graph, reports = hand
    graphs = _graphs(_parse_trig(export.trig(graph, reports)))
    gone = ID[f"report/{reports[dropped].document.report_id}"]
    rest = _union(g for name, g in graphs.items() if name != gone)
    expected = build_graph([r for i, r in enumerate(reports) if i != dropped])
    assert isomorphic(rest, expected)


def test_town_facts_live_in_every_report_graph_that_supports_them(hand):
    graph, reports = hand
    graphs = _graphs(_parse_trig(export.trig(graph, reports)))
    town = next(
        t
        for t in graph.subjects(RDF.type, FZ.Town)
        if (t, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("青禾镇", lang="zh"))
        in graph
    )
    holding = {
        name
        for name, g in graphs.items()
        if (town, FZ.adopts, URIRef("https://w3id.org/fazhi-kg/id/mechanism/legality-review")) in g
    }
    assert len(holding) == 2  # 青禾镇 adopts it in 2022 and in 2023


def test_trig_round_trip_examples(example_build):
    result, out = example_build
    graphs = _graphs(_parse_trig((out / "graph.trig").read_text("utf-8")))
    assert len(graphs) == len(result.reports) + 2  # and the vocabulary's, the analyses'
    assert export.ANALYSES_GRAPH in graphs and export.VOCABULARY_GRAPH in graphs
    assert isomorphic(_union(graphs.values()), result.graph)


# --- Gephi ------------------------------------------------------------------------------------


def _expected_edges(graph: Graph) -> set[tuple[str, str, str]]:
    """(subject, object, property IRI) of the links the network view keeps, straight from RDF."""
    hidden = set(graph.subjects(RDF.type, FZ.Mention)) | set(
        graph.subjects(RDF.type, FZ.SourceFile)
    )
    return {
        (str(s), str(o), str(p))
        for s, p, o in graph
        if str(p).startswith(str(FZ))
        and isinstance(o, URIRef)
        and all(str(x).startswith(ID_URI) and x not in hidden for x in (s, o))
    }


def _expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return {"fz": str(FZ)}[prefix] + local


@pytest.mark.parametrize(
    "reader, write",
    [
        (lambda text: nx.read_graphml(io.StringIO(text), force_multigraph=True), exports.graphml),
        (lambda text: nx.read_gexf(io.StringIO(text)), exports.gexf),
    ],
    ids=["graphml", "gexf"],
)
def test_network_round_trip(hand, reader, write):
    graph, _ = hand
    net = reader(write(graph))
    edges = {(u, v, _expand(data["predicate"])) for u, v, data in net.edges(data=True)}
    assert edges == _expected_edges(graph)
    towns = {n for n, data in net.nodes(data=True) if data["type"] == "Town"}
    assert {net.nodes[t]["label"] for t in towns} == {"青禾镇", "白石乡"}
    indicator = next(n for n, d in net.nodes(data=True) if d["type"] == "Indicator")
    assert float(net.nodes[indicator]["value"]) == 72
    assert not any(d["type"] == "Mention" for _, d in net.nodes(data=True))


@pytest.mark.parametrize(
    "name, reader",
    [
        ("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)),
        ("gexf", nx.read_gexf),
    ],
)
def test_network_round_trip_examples(example_build, name, reader):
    result, out = example_build
    net = reader(out / OUTPUTS[name])
    assert {(u, v, _expand(d["predicate"])) for u, v, d in net.edges(data=True)} == _expected_edges(
        _reported(result, out)
    )


# --- CSV tables -------------------------------------------------------------------------------


# (row of cells, the line csv_body writes): joined as they are, or through the csv writer
# where a cell needs quoting or would start as a formula.
CSV_BODY_ROWS = [
    (["青禾镇", "合法性审查", 12, 15], "青禾镇,合法性审查,12,15\n"),
    (["a-b", "x", -3, 2.5], "a-b,x,-3,2.5\n"),
    (["落实，推进", "", 0, None], "落实，推进,,0,\n"),
    (['他说"好"', "x", 1, 2], '"他说""好""",x,1,2\n'),
    (["a,b", "c", 1, 2], '"a,b",c,1,2\n'),
    (["两行\n文字", "c", 1, 2], '"两行\n文字",c,1,2\n'),
    (["回车\r", "c", 1, 2], '"回车\r","c","1","2"\n'),
    (["=1+1", "@SUM(A1)", "-1.5", "+x"], "'=1+1,'@SUM(A1),-1.5,'+x\n"),
    (["x", "\t制表"], "x,'\t制表\n"),
    ([""], '""\n'),
]


@pytest.mark.parametrize("row, line", CSV_BODY_ROWS)
def test_csv_body_writes_what_the_csv_writer_writes(row, line):
    assert exports.csv_body([row]) == line
    assert exports.csv_body([row]) == exports.csv_text(["h"] * len(row), [row]).split("\n", 1)[1]


def test_csv_body_keeps_the_order_of_plain_rows_and_rows_needing_care():
    rows = [row for row, _ in CSV_BODY_ROWS]
    assert exports.csv_body(rows) == "".join(line for _, line in CSV_BODY_ROWS)


def _csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_reports_table_round_trip(hand):
    graph, reports = hand
    rows = _csv(exports.reports_csv(graph))
    assert {
        (r["report"], r["town_label"], r["year"], r["province"], r["county"]) for r in rows
    } == {
        (
            str(ID[f"report/{x.document.report_id}"]),
            x.place.town,
            str(x.document.year),
            x.place.province,
            x.place.county,
        )
        for x in reports
    }
    for r in rows:
        report = URIRef(r["report"])
        source = graph.value(report, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        assert (source, FZ.sha256, Literal(r["sha256"])) in graph
        assert int(r["mentions"]) == len(set(graph.subjects(FZ.inReport, report)))


def test_mentions_table_round_trip(hand):
    graph, _ = hand
    rows = _csv(exports.mentions_csv(graph))
    assert len(rows) == len(set(graph.subjects(RDF.type, FZ.Mention)))
    for r in rows:
        m = URIRef(r["mention"])
        assert (m, FZ.inReport, URIRef(r["report"])) in graph
        assert (m, FZ.refersTo, URIRef(r["entity"])) in graph
        assert (m, FZ.text, Literal(r["text"])) in graph
        assert (m, FZ.sentence, Literal(r["sentence"])) in graph
        assert (m, FZ.section, FZ[r["section"]]) in graph
        assert (m, FZ.start, Literal(int(r["start"]), datatype=XSD.integer)) in graph
        assert r["text"] in r["sentence"]


def test_indicators_table_round_trip(hand):
    graph, _ = hand
    rows = _csv(exports.indicators_csv(graph))
    assert len(rows) == len(set(graph.subjects(RDF.type, FZ.Indicator))) == 3
    for r in rows:
        ind = URIRef(r["indicator"])
        assert float(graph.value(ind, FZ.value)) == float(r["value"]) == 72
        assert (ind, FZ.unit, Literal(r["unit"])) in graph and r["name"] == "化解矛盾纠纷"
        assert graph.value(URIRef(r["report"]), FZ.year).toPython() == int(r["year"])


def test_entities_table_round_trip(hand):
    graph, _ = hand
    rows = _csv(exports.entities_csv(graph))
    for r in rows:
        assert (URIRef(r["entity"]), RDF.type, FZ[r["type"]]) in graph
        assert int(r["reports"]) == len(set(graph.subjects(FZ.mentions, URIRef(r["entity"]))))
    kinds = {r["type"] for r in rows}
    assert {"Town", "Law", "Problem", "Mechanism", "County", "Province"} <= kinds
    assert not kinds & {"Mention", "Report", "Indicator", "SourceFile"}
    mechanisms = {r["label"] for r in rows if r["type"] == "Mechanism"}
    assert mechanisms == {"合法性审查", "政府法律顾问制度", "听证制度"}  # only those named


def test_town_mechanism_matrix_round_trip(hand):
    from kg.analysis.cooccurrence import label

    graph, _ = hand
    rows = _csv(exports.town_mechanism_csv(graph))
    header = list(rows[0])
    assert header[:3] == ["town", "town_label", "province"]
    cells = {(r["town"], m) for r in rows for m in header[3:] if r[m] == "1"}
    assert cells == {(str(t), label(graph, m)) for t, m in graph.subject_objects(FZ.adopts)}
    assert all(r[m] in ("0", "1") for r in rows for m in header[3:])


@pytest.mark.parametrize("name", ["reports", "entities", "mentions", "indicators", "matrix"])
def test_tables_written_by_build_match_the_graph(example_build, name):
    result, out = example_build
    text = (out / OUTPUTS[name]).read_text("utf-8")
    writer = {
        "reports": exports.reports_csv,
        "entities": exports.entities_csv,
        "mentions": exports.mentions_csv,
        "indicators": exports.indicators_csv,
        "matrix": exports.town_mechanism_csv,
    }[name]
    graph = _reported(result, out)
    if name in ("mentions", "indicators"):  # appended report by report, each report's sorted
        assert sorted(text.splitlines()) == sorted(writer(graph).splitlines())
    else:
        assert text == writer(graph)
    rows = _csv(text)
    count = {
        "reports": len(result.reports),
        "mentions": len(set(result.graph.subjects(RDF.type, FZ.Mention))),
        "indicators": len(set(result.graph.subjects(RDF.type, FZ.Indicator))),
        "matrix": len(set(result.graph.subjects(RDF.type, FZ.Town))),
    }.get(name)
    assert rows and (count is None or len(rows) == count)


# --- formats and files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, expected",
    [
        (["rdf"], ("ttl", "trig", "nt", "jsonld")),
        (["gephi", "ttl"], ("ttl", "graphml", "gexf")),
        (["all"], tuple(OUTPUTS)),
        (["matrix", "tables"], FORMAT_GROUPS["tables"]),
    ],
)
def test_expand_formats(given, expected):
    assert expand_formats(given) == expected


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="groups"):
        expand_formats(["ttl", "xlsx"])


_OWN = str(ID["report/r1"])
_SHARED = str(ID["town/t1"])


@pytest.mark.parametrize(
    "triples",
    [
        [],
        [(_OWN, str(RDF.type), str(FZ.Report)), (_OWN, str(FZ.year), "2023")],
        # the own nodes first, then the shared: the fragment's Turtle is reused
        [(_OWN, str(FZ.about), _SHARED), (_SHARED, str(RDF.type), str(FZ.Town))],
        # a shared node before an own one: rendered again
        [(_SHARED, str(RDF.type), str(FZ.Town)), (_OWN, str(FZ.about), _SHARED)],
        [(_SHARED, str(RDF.type), str(FZ.Town))],
    ],
)
@pytest.mark.parametrize("formats", [("nt", "ttl"), ("nt",)])
def test_fragment_trig_is_the_named_graph_of_the_triples(triples, formats):
    from kg.graph.stream import fragment_of

    fragment = fragment_of(triples, formats)
    got = export.fragment_trig("urn:g", triples, fragment)
    assert got == export.trig_graph("urn:g", triples).encode("utf-8")


@pytest.mark.parametrize("in_folder", [False, True])
@pytest.mark.parametrize("in_memory", [None, 0, 1])
def test_entity_table_adds_up_reports_and_sorts_as_python_sorts(tmp_path, in_folder, in_memory):
    """The rows wait in memory, or past ``in_memory`` rows in SQLite (a build's staged folder,
    or memory): the same rows either way, whenever they leave memory; SQLite's order of text
    (UTF-8 bytes) is Python's order of characters, also past the BMP and fullwidth letters."""
    row = exports.EntityRow
    reports = [
        [row("i/1", "Law", "乙法", "", 1), row("i/2", "Law", "𠀀法", "", 1)],
        [row("i/1", "Law", "another label", "t", 1), row("i/3", "Law", "ｚ", "", 0)],
        [
            row("i/4", "Town", "", "", 1),
            row("i/5", "Law", "Z", "", 1),
            row("i/2", "Law", "", "", 2),
        ],
    ]
    table = exports.EntityTable(tmp_path if in_folder else None, in_memory)
    for rows in reports:
        table.add(rows)
    held = {r.entity: r for rows in reversed(reports) for r in rows}  # the first row of each
    counts = {e: sum(r.reports for rows in reports for r in rows if r.entity == e) for e in held}
    expected = sorted(
        (row(e, r.type, r.label, r.town, counts[e]) for e, r in held.items()),
        key=lambda r: (r.type, r.label, r.entity),
    )
    assert table.csv() == exports.rows_csv(expected, row)
    assert [r.entity for r in expected] == ["i/5", "i/1", "i/3", "i/2", "i/4"]
    assert [p.name for p in tmp_path.iterdir()] == (
        [".scratch-entities.sqlite"] if in_folder and in_memory is not None else []
    )
