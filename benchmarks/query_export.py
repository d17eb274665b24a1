"""Query and export speed on large synthetic graphs: rdflib against Oxigraph.

Makes graphs shaped like a `kg build` output (reports, towns up to provinces,
mentions with evidence, adopted/planned/weak mechanisms, laws, indicators,
officials, problems: about 2,000 triples a report, plus the shipped ontology
and vocabulary) and times, for each size:

* writing: rdflib Turtle, kg.output.rdf.turtle's Oxigraph path, kg.output.rdf.ntriples,
  kg.output.rdf.jsonld, rdflib N-Triples;
* reading: graph.ttl and graph.nt with rdflib and with Oxigraph (bulk load);
* copying an in-memory rdflib graph into Oxigraph (OxigraphStore.from_graph);
* named queries on each engine (rdflib runs are stopped after --cap seconds).

Usage::

    python benchmarks/query_export.py                    # 10k, 100k, 1M triples
    python benchmarks/query_export.py --reports 5 50     # custom sizes (reports)

Prints a Markdown table per size; BENCHMARKS.md quotes its output.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rdflib import Graph, Literal  # noqa: E402
from rdflib.namespace import XSD  # noqa: E402

from kg.graph.triples import base_graph, mint  # noqa: E402
from kg.namespaces import DCTERMS, FZ, ID, PROV, RDF, RDFS  # noqa: E402

QUERIES = (
    "reports_per_year",
    "towns_adopting_mechanism",
    "laws_most_cited",
    "indicators_by_name",
    "mechanisms_of_town",
    "similar_towns",
    "mechanism_pairs",
)
SECTIONS = (FZ.Achievements, FZ.Plans, FZ.Problems, FZ.Duties, FZ.OtherSection)
PROVINCES = (
    "浙江省",
    "江西省",
    "重庆市",
    "安徽省",
    "四川省",
    "河南省",
    "广东省",
    "山东省",
    "湖南省",
    "福建省",
)


def synthetic_graph(reports: int, seed: int = 7) -> Graph:
    """A graph shaped like a build of ``reports`` reports (2 years per town)."""
    rng = random.Random(seed)
    g = base_graph()
    # Most used first (weights fall with the rank), with the named queries' default first.
    mechanisms = sorted(
        set(g.subjects(RDF.type, FZ.Mechanism)),
        key=lambda m: (not str(m).endswith("/legality-review"), str(m)),
    )
    weights = [1 / (i + 1) for i in range(len(mechanisms))]  # a few mechanisms are everywhere
    laws = [mint("law", f"法规{i}") for i in range(300)]
    law_weights = [1 / (i + 1) for i in range(len(laws))]
    for law_no, law in enumerate(laws):
        g.add((law, RDF.type, FZ.Law))
        g.add((law, RDFS.label, Literal(f"法规{law_no}", lang="zh")))
        g.add((law, FZ.lawKind, FZ.NationalLaw))
    indicator_names = [f"指标{i}" for i in range(150)] + ["调解成功率"]
    for n in range(reports):
        town_no, year = divmod(n, 2)
        year += 2022
        province = PROVINCES[town_no % len(PROVINCES)]
        town = mint("town", province, f"县{town_no // 5}", f"镇{town_no}")
        county = mint("county", province, f"县{town_no // 5}")
        prov = mint("province", province)
        town_name = "苇岗镇" if town_no == 0 else f"镇{town_no}"  # the named queries' default
        for node, cls, name in (
            (town, FZ.Town, town_name),
            (county, FZ.County, f"县{town_no // 5}"),
            (prov, FZ.Province, province),
        ):
            g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(name, lang="zh")))
        g.add((town, FZ.partOf, county))
        g.add((county, FZ.partOf, prov))
        report = ID[f"report/{n:016x}"]
        source = ID[f"source/{n:064x}"]
        g.add((report, RDF.type, FZ.Report))
        g.add(
            (report, DCTERMS.title, Literal(f"镇{town_no}{year}年法治政府建设情况报告", lang="zh"))
        )
        g.add((report, RDFS.label, Literal(f"镇{town_no}{year}年法治政府建设情况报告", lang="zh")))
        g.add((report, FZ.year, Literal(year)))
        g.add((report, FZ.about, town))
        g.add((report, FZ.aboutTown, town))
        g.add((report, FZ.linkConfidence, Literal("1.00", datatype=XSD.decimal)))
        g.add((report, PROV.wasDerivedFrom, source))
        g.add((source, RDF.type, FZ.SourceFile))
        g.add((source, FZ.fileName, Literal(f"{n}.txt")))
        g.add((source, FZ.sha256, Literal(f"{n:064x}")))
        entities = []
        for mech in set(rng.choices(mechanisms, weights, k=30)):
            section = rng.choices(SECTIONS, (6, 2, 1, 1, 0.5))[0]
            prop = {
                FZ.Achievements: FZ.adopts,
                FZ.Duties: FZ.adopts,
                FZ.Plans: FZ.plans,
                FZ.Problems: FZ.reportsWeakness,
            }.get(section)
            if prop is not None:
                g.add((town, prop, mech))
            entities.extend([(mech, section)] * rng.randint(1, 3))
        for law in set(rng.choices(laws, law_weights, k=8)):
            g.add((report, FZ.cites, law))
            entities.append((law, FZ.Achievements))
        for i in range(40):
            ind = mint("indicator", str(n), str(i))
            name = rng.choice(indicator_names)
            g.add((ind, RDF.type, FZ.Indicator))
            g.add((ind, RDFS.label, Literal(f"{name} {i}", lang="zh")))
            g.add((ind, FZ.indicatorName, Literal(name)))
            g.add((ind, FZ.value, Literal(f"{rng.randint(1, 999)}.5", datatype=XSD.decimal)))
            g.add((ind, FZ.unit, Literal("起")))
            g.add((ind, FZ.reportedIn, report))
            entities.append((ind, FZ.Achievements))
        for i in range(3):
            person = mint("official", str(town), f"人{i}")
            position = mint("position", str(person), f"职务{i}", str(year))
            g.add((person, RDF.type, FZ.Official))
            g.add((person, RDFS.label, Literal(f"人{i}", lang="zh")))
            g.add((person, FZ.personName, Literal(f"人{i}")))
            g.add((person, FZ.holds, position))
            g.add((position, RDF.type, FZ.Position))
            g.add((position, FZ.title, Literal(f"职务{i}")))
            g.add((position, FZ.postIn, town))
            g.add((position, FZ.year, Literal(year)))
            entities.append((person, FZ.Duties))
        for i in range(4):
            problem = mint("problem", str(n), str(i))
            g.add((problem, RDF.type, FZ.Problem))
            g.add((problem, RDFS.label, Literal(f"问题{rng.randint(0, 40)}", lang="zh")))
            g.add((report, FZ.hasProblem, problem))
            entities.append((problem, FZ.Problems))
        for i, (entity, section) in enumerate(entities):
            m = ID[f"mention/{n}-{i}"]
            g.add((report, FZ.mentions, entity))
            g.add((m, RDF.type, FZ.Mention))
            g.add((m, FZ.inReport, report))
            g.add((m, FZ.refersTo, entity))
            g.add((m, FZ.text, Literal(f"提及{i}")))
            g.add((m, FZ.sentence, Literal(f"第{i}句，全面落实各项制度，提及{i}。")))
            g.add((m, FZ.section, section))
            g.add((m, FZ.start, Literal(i * 40)))
            g.add((m, FZ.end, Literal(i * 40 + 4)))
    return g


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


_GRAPH = None  # the rdflib graph a forked query process inherits


def _rdflib_query(name: str, conn) -> None:
    from kg.query.sparql import run_named

    seconds, result = _timed(lambda: run_named(_GRAPH, name))
    conn.send((seconds, len(result.rows)))


def rdflib_query_capped(graph, name: str, cap: float):
    """Seconds and rows of a named query on rdflib, or None after ``cap`` seconds (killed).

    The query runs in a forked child that inherits the loaded graph, so a slow
    one can be stopped without stopping the benchmark.
    """
    global _GRAPH
    _GRAPH = graph
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_rdflib_query, args=(name, child))
    process.start()
    answer = parent.recv() if parent.poll(cap) else None
    process.kill()
    process.join()
    return answer


def run(reports: int, cap: float, rdflib_max: int) -> None:
    from kg.output import rdf as export
    from kg.query.sparql import run_named
    from kg.query.store import OxigraphStore, load_rdflib

    graph = synthetic_graph(reports)
    triples = len(graph)
    print(f"\n### {reports} reports, {triples:,} triples\n")
    print("| step | rdflib | Oxigraph (kg) |")
    print("|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        ttl, nt = Path(tmp) / "graph.ttl", Path(tmp) / "graph.nt"
        big = triples > rdflib_max
        t_rdf_ttl = None if big else _timed(lambda graph=graph: graph.serialize(format="turtle"))[0]
        old = export.BULK_TRIPLES
        export.BULK_TRIPLES = 0
        t_ox_ttl, text = _timed(lambda graph=graph: export.turtle(graph))
        export.BULK_TRIPLES = old
        ttl.write_text(text, "utf-8")
        t_rdf_nt = _timed(lambda graph=graph: graph.serialize(format="nt"))[0]
        t_ox_nt, text = _timed(lambda graph=graph: export.ntriples(graph))
        nt.write_text(text, "utf-8")
        t_jsonld = _timed(lambda graph=graph: export.jsonld(graph))[0]
        t_copy = _timed(lambda graph=graph: OxigraphStore.from_graph(graph))[0]
        del graph
        t_rdf_parse_ttl = None if big else _timed(lambda: load_rdflib(ttl))[0]
        t_rdf_parse_nt, rdf_graph = _timed(lambda: load_rdflib(nt))
        t_ox_parse_ttl, store = _timed(lambda: OxigraphStore.from_path(ttl))
        t_ox_parse_nt = _timed(lambda: OxigraphStore.from_path(nt))[0]

        def cell(v):
            return "skipped" if v is None else f"{v:.2f} s"

        print(f"| write Turtle | {cell(t_rdf_ttl)} | {cell(t_ox_ttl)} |")
        print(f"| write N-Triples | {cell(t_rdf_nt)} | {cell(t_ox_nt)} |")
        print(f"| write JSON-LD (kg.output.rdf.jsonld) | | {cell(t_jsonld)} |")
        print(f"| read graph.ttl | {cell(t_rdf_parse_ttl)} | {cell(t_ox_parse_ttl)} |")
        print(f"| read graph.nt | {cell(t_rdf_parse_nt)} | {cell(t_ox_parse_nt)} |")
        print(f"| copy an rdflib Graph into Oxigraph | | {cell(t_copy)} |")
        for name in QUERIES:
            t_ox, result = _timed(lambda name=name: run_named(store, name))
            answer = rdflib_query_capped(rdf_graph, name, cap)
            rd = f"> {cap:g} s (stopped)" if answer is None else f"{answer[0]:.2f} s"
            print(f"| query {name} ({len(result.rows)} rows) | {rd} | {t_ox:.3f} s |")
        sys.stdout.flush()


def examples() -> None:
    """Time each export writer of `kg build --formats all` on the bundled examples."""
    from kg.graph.validate import validate
    from kg.output import rdf as export
    from kg.output import tables as exports
    from kg.pipeline import build

    folder = Path(__file__).resolve().parents[1] / "examples" / "reports"
    result = build(
        sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".html"}), validate_graph=False
    )
    g = result.graph
    print(f"\n### bundled examples, {len(g):,} triples\n")
    print("| output | time |")
    print("|---|---:|")
    steps = [
        ("graph.ttl", lambda: export.turtle(g)),
        ("graph.trig (re-derives each report's graph)", lambda: export.trig(g, result.reports)),
        ("graph.nt", lambda: export.ntriples(g)),
        ("graph.jsonld", lambda: export.jsonld(g)),
        ("graph.graphml", lambda: exports.graphml(g)),
        ("graph.gexf", lambda: exports.gexf(g)),
        (
            "the five CSV tables",
            lambda: [
                exports.reports_csv(g),
                exports.entities_csv(g),
                exports.mentions_csv(g),
                exports.indicators_csv(g),
                exports.town_mechanism_csv(g),
            ],
        ),
        ("SHACL validation (every build)", lambda: validate(g)),
    ]
    for name, step in steps:
        print(f"| {name} | {_timed(step)[0]:.2f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reports",
        type=int,
        nargs="+",
        default=[10, 100, 800],
        help="graph sizes in reports (about 2,000 triples each)",
    )
    parser.add_argument(
        "--cap", type=float, default=60, help="stop an rdflib query after this long"
    )
    parser.add_argument(
        "--rdflib-max",
        type=int,
        default=300_000,
        help="skip rdflib Turtle read/write above this many triples",
    )
    parser.add_argument(
        "--examples",
        action="store_true",
        help="time each export writer on the bundled examples instead",
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if args.examples:
        examples()
        return
    for reports in args.reports:
        run(reports, args.cap, args.rdflib_max)


if __name__ == "__main__":
    main()
