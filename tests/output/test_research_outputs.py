"""The research outputs of `kg build`: files, graph triples with evidence, the scorecard page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from kg.analysis.records import Evidence, PartFinding, ReportProfile, Scorecard, Unit
from kg.namespaces import FZ, RDF
from kg.output.research_build import RESEARCH_OUTPUTS
from kg.output.scorecard import scorecard_page

RESEARCH_DIR = Path(__file__).resolve().parent.parent / "analysis" / "data" / "research"


@pytest.fixture(scope="module")
def research_build(tmp_path_factory):
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("research-build")
    return build([RESEARCH_DIR], out, in_memory=True), out


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def test_build_writes_every_research_output(research_build):
    result, out = research_build
    for name in RESEARCH_OUTPUTS.values():
        assert (out / name).is_file(), name
    assert result.validation.conforms, result.validation.violations[:3]


@pytest.mark.parametrize(
    ("name", "first_columns"),
    [
        (
            "scorecard.csv",
            ["report", "unit", "year", "achievements", "problems", "duties", "plans", "other"],
        ),
        (
            "copies.csv",
            [
                "report_a",
                "report_b",
                "unit_a",
                "unit_b",
                "shared_chars",
                "share_a",
                "share_b",
                "longest_passage",
                "passages",
            ],
        ),
        ("panel.csv", ["unit", "county", "province", "year", "mechanism", "stance"]),
        ("changes.csv", ["unit", "county", "city", "province", "year_from", "year_to"]),
    ],
)
def test_csv_columns(research_build, name, first_columns):
    _, out = research_build
    header = next(csv.reader(io.StringIO((out / name).read_text("utf-8-sig"))))
    assert header[: len(first_columns)] == first_columns
    if name == "scorecard.csv":
        assert header.index("grade") > header.index("documents_per_1k")


def test_copies_csv_offsets_point_at_the_copied_paragraph(research_build):
    _, out = research_build
    rows = {(r["unit_a"], r["unit_b"]): r for r in read_csv(out / "copies.csv")}
    row = rows[("青禾镇", "芦湾镇")]
    raw_a = (RESEARCH_DIR / row["file_a"]).read_text("utf-8")
    raw_b = (RESEARCH_DIR / row["file_b"]).read_text("utf-8")
    spans = [
        re.fullmatch(r"(\d+)-(\d+):(\d+)-(\d+)", p).groups() for p in row["passages"].split(";")
    ]
    texts = [(raw_a[int(a) : int(b)], raw_b[int(c) : int(d)]) for a, b, c, d in spans]
    assert any("法律赶集日" in a and "法律赶集日" in b for a, b in texts)
    assert row["kind"] == "cross-unit" and int(row["shared_chars"]) >= 150


def test_graph_holds_the_analyses_with_evidence(research_build):
    result, _ = research_build
    g = result.graph
    reuse = list(g.subjects(RDF.type, FZ.TextReuse))
    assert len(reuse) == 2
    kinds = {str(g.value(r, FZ.reuseKind)).rsplit("#", 1)[-1] for r in reuse}
    assert kinds == {"CrossUnit", "CrossYear"}
    for r in reuse:
        for shared in g.objects(r, FZ.hasSharedPassage):
            first = g.value(shared, FZ.firstSpan)
            assert g.value(first, FZ.passageOf) == g.value(r, FZ.firstReport)
            assert int(g.value(first, FZ.passageStart)) < int(g.value(first, FZ.passageEnd))
    parts = list(g.subjects(RDF.type, FZ.ReportPart))
    assert len(parts) == 4 * 5  # five parts of each of the four reports
    grades = {str(o) for o in g.objects(None, FZ.grade)}
    assert "优秀" in grades
    assert len(list(g.subjects(RDF.type, FZ.Change))) > 5
    assert len(list(g.subjects(RDF.type, FZ.Adoption))) > 20
    canonical = list(g.subject_objects(FZ.canonicalIndicator))
    assert canonical and all((s, RDF.type, FZ.Indicator) in g for s, _ in canonical)


# query, its parameters, the columns compared, the rows expected among its answers
NAMED = [
    (
        "copied_passages",
        {},
        ("townA", "townB", "kind"),
        {("青禾镇", "芦湾镇", "跨地抄"), ("柳溪乡", "柳溪乡", "跨时抄")},
    ),
    ("copied_passages", {"minShared": "1000"}, ("townA",), set()),
    (
        "plans_followed_up",
        {},
        ("townLabel", "outcome", "mechanism"),
        {
            ("柳溪乡", "计划已落实", "法治副校长制度"),
            ("柳溪乡", "计划未见落实", "行政执法三项制度"),
        },
    ),
    (
        "report_scorecards",
        {"grade": "优秀"},
        ("town", "year", "grade"),
        {("青禾镇", "2023", "优秀")},
    ),
    (
        "first_namings",
        {"mechanismLabel": "法治副校长制度"},
        ("town", "firstYear", "firstAdopted"),
        {("柳溪乡", "2022", "2023")},
    ),
]


@pytest.mark.parametrize(("query", "params", "columns", "expected"), NAMED)
def test_named_queries_answer_from_the_graph(research_build, query, params, columns, expected):
    from kg.query.sparql import run_named

    records = run_named(research_build[0].graph, query, params).records()
    got = {tuple(r[c] for c in columns) for r in records}
    assert expected <= got if expected else got == set()


def test_streamed_and_in_memory_builds_write_the_same_research_files(research_build, tmp_path):
    from kg.pipeline import build

    _, memory = research_build
    build([RESEARCH_DIR], tmp_path, in_memory=False, formats=["research", "ttl"])
    for name in RESEARCH_OUTPUTS.values():
        assert (tmp_path / name).read_bytes() == (memory / name).read_bytes(), name


def test_the_scorecard_page_escapes_report_text_and_loads_nothing():
    hostile = '<img src=x onerror="alert(1)">'
    parts = tuple(
        PartFinding(p, "present", 10, Evidence(f"{hostile}</td><script>x()</script>", 0, 9))
        for p in ("achievements", "problems", "duties", "plans", "other")
    )
    card = Scorecard(parts, 1000, None, 1, 0, 0, hostile, "", None, None)
    page = scorecard_page(
        [ReportProfile("r", "a.txt", hostile, Unit(county=hostile, name=hostile), 2023, card)]
    )
    assert hostile not in page and "<script" not in page and "<img" not in page
    assert "default-src 'none'" in page
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, {name for name, _ in attrs}))

    parser = Tags()
    parser.feed(page)
    assert {tag for tag, _ in parser.found} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "p",
        "table",
        "tr",
        "th",
        "td",
    }
    assert not any({"src", "href"} & attrs for _, attrs in parser.found)  # nothing loads


def test_research_files_written_here_or_by_a_forked_copy_are_the_same(
    research_build, tmp_path, monkeypatch
):
    # Where there is no fork (or other threads run) the tables are written in the build's
    # own process, before the triples: the same files either way.
    import contextlib

    from kg.output import research_build as module
    from kg.pipeline import build

    @contextlib.contextmanager
    def in_this_process(work):
        work()
        yield

    monkeypatch.setattr(module, "beside", in_this_process)
    _, forked = research_build
    build([RESEARCH_DIR], tmp_path, in_memory=False)
    for name in [*RESEARCH_OUTPUTS.values(), "graph.ttl", "graph.trig", "graph.jsonld"]:
        assert (tmp_path / name).read_bytes() == (forked / name).read_bytes(), name
