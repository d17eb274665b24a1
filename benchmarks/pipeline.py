"""Per-stage speed, memory and scaling of the pipeline, beside a plain spaCy baseline.

For each corpus size N this generates N reports (benchmarks/generate_corpus.py)
and runs every measurement in a fresh process, so each peak memory figure
belongs to that measurement alone:

* ``stages``: one core, streaming as ``kg build`` does above 500 reports:
  ingest (read, decode, clean), extract (structure, the registered extractors,
  place linking), triples (the graph writer), write (graph.nt and graph.ttl),
  analyse (co-occurrence from the town facts) and render (cooccurrence.html);
* ``build``: ``kg.pipeline.build`` end to end (streaming outputs, no SHACL),
  serially and with ``--jobs`` processes;
* ``baseline``: what a user would write: ``spacy.blank("zh")`` with the
  jieba segmenter and an EntityRuler over the same vocabulary (mechanism
  labels, law titles, organisation heads), alone and writing its entities
  and their evidence to N-Triples with rdflib;
* ``cache``: a cold build with the cache, then one report added: how many
  reports were extracted again, how long it took, and whether graph.nt is
  byte-identical to a build without the cache;
* ``sparql``: graph.nt loaded once into an on-disk Oxigraph store
  (:meth:`kg.store.OxigraphStore.kept_beside`), reopened, and every named
  query run three times (the best time counts).

Prints Markdown tables ready for BENCHMARKS.md; raw figures go to stderr as JSON.

Usage::

    python benchmarks/pipeline.py --sizes 100,1000,10000 --jobs 2 --work /tmp/fazhi-bench
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_STREAMED = ("ttl", "nt", "cooccurrence", "network", "matrix", "problems", "summary")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def measure_stages(corpus: Path) -> dict:
    """Each stage of a streaming build, timed separately on one core."""
    from extractors.registry import PLACE_RESOLVER, run_extractors
    from kg.analysis import cooccurrence, is_town_fact
    from kg.graph import base_graph, rdflib_triple, report_triples
    from kg.ingest import read_report
    from kg.model import ExtractedReport
    from kg.parallel import _warm_up
    from kg.render_cooccurrence import render_cooccurrence_html
    from kg.stream import GraphFiles
    from kg.structure import structure

    _warm_up()  # vocabularies and gazetteer load outside the timings
    out_dir = Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    stage = dict.fromkeys(("ingest", "extract", "triples", "write"), 0.0)
    chars = 0
    facts = base_graph()
    with GraphFiles({"nt": out_dir / "graph.nt", "ttl": out_dir / "graph.ttl"}) as files:
        for path in _files(corpus):
            t0 = time.perf_counter()
            source = read_report(path)
            t1 = time.perf_counter()
            document = structure(source)
            report = ExtractedReport(document, PLACE_RESOLVER(document),
                                     tuple(run_extractors(document)))
            t2 = time.perf_counter()
            triples = report_triples(report)
            t3 = time.perf_counter()
            files.add(triples)
            for triple in filter(is_town_fact, triples):
                facts.add(rdflib_triple(triple))
            t4 = time.perf_counter()
            for name, seconds in zip(stage, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                stage[name] += seconds
            chars += len(source.text)
        written = files.commit()
        triples_written = files.counts.triples
    peak_build = _peak_mib()
    t = time.perf_counter()
    pairs = cooccurrence(facts)
    stage["analyse"] = time.perf_counter() - t
    t = time.perf_counter()
    html = render_cooccurrence_html(facts)
    stage["render"] = time.perf_counter() - t
    sizes = {fmt: path.stat().st_size for fmt, path in written.items()}
    shutil.rmtree(out_dir)
    return {"n": len(_files(corpus)), "chars": chars, "stages": stage, "triples": triples_written,
            "bytes": sizes, "pairs": len(pairs), "html_bytes": len(html.encode("utf-8")),
            "facts_triples": len(facts), "peak_after_build": peak_build, "peak": _peak_mib()}


def measure_build(corpus: Path, jobs: int, out_dir: Path, cache: Path | None = None) -> dict:
    """``kg.pipeline.build`` end to end (streaming outputs, no SHACL)."""
    import kg.parallel
    from kg.parallel import ExtractOptions
    from kg.pipeline import build

    extracted: list[Path] = []
    real = kg.parallel.extract_one
    kg.parallel.extract_one = lambda path: (extracted.append(path), real(path))[1]
    t = time.perf_counter()
    result = build([corpus], out_dir, formats=_STREAMED, validate_graph=False, in_memory=False,
                   extraction=ExtractOptions(jobs=jobs, cache_dir=cache))
    seconds = time.perf_counter() - t
    summary = result.summary()
    return {"seconds": seconds, "jobs": jobs, "reports": summary["reports"],
            "triples": summary["triples"], "peak": _peak_mib(),
            "peak_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            # Pool workers extract in other processes; count only serial extractions.
            "extracted": len(extracted) if jobs == 1 else None}


def measure_baseline(corpus: Path) -> dict:
    """The spaCy baseline, alone and writing its entities with evidence as N-Triples."""
    from kg.ingest import decode
    nlp = baseline_nlp()
    files = _files(corpus)
    texts = (decode(path.read_bytes(), str(path))[0] for path in files)
    t = time.perf_counter()
    ents = sum(len(nlp(text).ents) for text in texts)
    alone = time.perf_counter() - t
    with_sentences = baseline_nlp()
    with_sentences.add_pipe("sentencizer")  # the evidence sentence of each entity
    t = time.perf_counter()
    triples = _baseline_to_graph(with_sentences, files)
    to_graph = time.perf_counter() - t
    return {"seconds": alone, "to_graph_seconds": to_graph, "ents": ents,
            "baseline_triples": triples, "peak": _peak_mib()}


def _baseline_to_graph(nlp, files: list[Path]) -> int:
    """The baseline run again, adding what a graph needs: entity nodes, evidence per mention."""
    from rdflib import Graph, Literal, Namespace, RDF, RDFS, XSD
    from kg.ingest import decode
    ex = Namespace("https://example.org/baseline/")
    out = Path(tempfile.mkdtemp(prefix="fazhi-baseline-")) / "graph.nt"
    total = 0
    with open(out, "w", encoding="utf-8") as handle:
        for number, path in enumerate(files):
            graph = Graph()  # one report at a time, so the baseline streams too
            report = ex[f"report/{number}"]
            for i, ent in enumerate(nlp(decode(path.read_bytes(), str(path))[0]).ents):
                entity = ex[f"{ent.label_}/{ent.ent_id_ or ent.text}"]
                mention = ex[f"mention/{number}/{i}"]
                graph.add((entity, RDF.type, ex[ent.label_]))
                graph.add((entity, RDFS.label, Literal(ent.text, lang="zh")))
                graph.add((mention, ex.refersTo, entity))
                graph.add((mention, ex.inReport, report))
                graph.add((mention, ex.text, Literal(ent.text)))
                graph.add((mention, ex.sentence, Literal(ent.sent.text)))
                graph.add((mention, ex.start, Literal(ent.start_char, datatype=XSD.integer)))
                graph.add((mention, ex.end, Literal(ent.end_char, datatype=XSD.integer)))
            handle.write(graph.serialize(format="nt"))
            total += len(graph)
    shutil.rmtree(out.parent)
    return total


def baseline_nlp():
    """spaCy blank zh + jieba + an EntityRuler over the project's vocabulary."""
    import spacy
    from extractors.vocabulary import load_vocabulary
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "jieba"}}})
    patterns = []
    for key, concept in load_vocabulary().concepts.items():
        for label in {*concept.labels, *concept.alt_labels, *concept.hidden_labels}:
            patterns.append({"label": "MECHANISM", "pattern": label, "id": key})
    for name, label in (("law_national.txt", "LAW"), ("organization_heads.txt", "ORG")):
        path = ROOT / "extractors" / "data" / name
        for line in path.read_text("utf-8").splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                patterns.append({"label": label, "pattern": word})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)
    return nlp


def measure_sparql(graph_nt: Path) -> dict:
    """Load graph.nt once into an on-disk store, reopen it, run every named query.

    A query with a ``town`` parameter also runs for one town of the corpus, as
    a user looking at a town would (its default is every town, or an example town).
    """
    from kg.sparql import list_queries, run_query
    from kg.store import OxigraphStore
    t = time.perf_counter()
    OxigraphStore.kept_beside(graph_nt)
    load = time.perf_counter() - t
    t = time.perf_counter()
    store = OxigraphStore.kept_beside(graph_nt)
    reopen = time.perf_counter() - t
    town = store.query("PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> SELECT ?l WHERE { "
                       "?r fz:aboutTown ?t . ?t rdfs:label ?l } ORDER BY ?l LIMIT 1").rows[0][0]
    queries = {}
    for query in list_queries():
        runs = {"defaults": {}}
        if "town" in dict(query.params):
            runs[f"town={town}"] = {"town": town}
        for label, params in runs.items():
            best, rows = float("inf"), 0
            for _ in range(3):
                t = time.perf_counter()
                rows = len(run_query(store, query.text, query.bindings(params)).rows)
                best = min(best, time.perf_counter() - t)
            queries[f"{query.name} ({label})"] = {"seconds": best, "rows": rows}
    return {"load_seconds": load, "reopen_seconds": reopen, "triples": len(store),
            "queries": queries, "peak": _peak_mib()}


def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_size(corpus: Path, jobs: int, work: Path) -> dict:
    """Every measurement for one corpus, each in its own process."""
    result = {"stages": _child("stages", str(corpus))}
    serial_out, parallel_out = work / "out-serial", work / "out-parallel"
    result["serial"] = _child("build", str(corpus), "1", str(serial_out))
    result["parallel"] = _child("build", str(corpus), str(jobs), str(parallel_out))
    shutil.rmtree(parallel_out)  # the graph files of 10,000 reports take about 10 GB
    result["baseline"] = _child("baseline", str(corpus))
    result["sparql"] = _child("sparql", str(serial_out / "graph.nt"))
    shutil.rmtree(serial_out)
    result["cache"] = _cache_run(corpus, jobs, work)
    return result


def _cache_run(corpus: Path, jobs: int, work: Path) -> dict:
    """Cold build with the cache, add one report, rebuild warm; compare with a build without it."""
    cache, out = work / "cache", work / "out-cached"
    shutil.rmtree(cache, ignore_errors=True)
    cold = _child("build", str(corpus), str(jobs), str(out), str(cache))
    added = corpus / "zzzzzz_added.txt"
    shutil.copy(ROOT / "examples" / "reports" / "qiping_2021.txt", added)
    try:
        warm = _child("build", str(corpus), "1", str(out), str(cache))
        reference = work / "out-reference"
        _child("build", str(corpus), str(jobs), str(reference))
        same = (out / "graph.nt").read_bytes() == (reference / "graph.nt").read_bytes()
    finally:
        added.unlink()
        for folder in (cache, out, work / "out-reference"):
            shutil.rmtree(folder, ignore_errors=True)
    return {"cold_seconds": cold["seconds"], "warm_seconds": warm["seconds"],
            "reextracted": warm["extracted"], "identical_to_uncached": same,
            "warm_peak": warm["peak"]}


def tables(results: list[dict]) -> str:
    """The Markdown tables of BENCHMARKS.md."""
    lines = ["| N | characters | stage | seconds | characters/s | reports/s |",
             "|---|---|---|---|---|---|"]
    for r in results:
        s = r["stages"]
        n, chars = s["n"], s["chars"]
        rows = list(s["stages"].items())
        rows.append(("**one-core total: ingest → graph files**",
                     sum(s["stages"][k] for k in ("ingest", "extract", "triples", "write"))))
        rows.append(("`kg build --stream` end to end, 1 process", r["serial"]["seconds"]))
        rows.append((f"`kg build --stream --jobs {r['parallel']['jobs']}`", r["parallel"]["seconds"]))
        rows.append(("baseline: spaCy + jieba + EntityRuler (entities only)", r["baseline"]["seconds"]))
        rows.append(("baseline to a graph: + sentences, entities and evidence to N-Triples (rdflib)",
                     r["baseline"]["to_graph_seconds"]))
        for name, seconds in rows:
            lines.append(f"| {n:,} | {chars:,} | {name} | {seconds:.2f} | {chars / seconds:,.0f} | "
                         f"{n / seconds:,.1f} |")
    lines += ["", "| N | triples | graph.nt MiB | graph.ttl MiB | peak MiB: stages / build / "
                  "build --jobs | ours ÷ baseline (entities only) | ours ÷ baseline to a graph | "
                  "--jobs speed-up | cache: cold s / +1 report s / re-extracted / identical |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        s, b = r["stages"], r["baseline"]
        ours = r["serial"]["seconds"]
        c = r["cache"]
        lines.append(
            f"| {s['n']:,} | {s['triples']:,} | {s['bytes']['nt'] / 2**20:,.0f} | "
            f"{s['bytes']['ttl'] / 2**20:,.0f} | {s['peak']:,.0f} / {r['serial']['peak']:,.0f} / "
            f"{r['parallel']['peak']:,.0f} + {r['parallel']['peak_worker']:,.0f} per worker | "
            f"{b['seconds'] / ours:.2f} | "
            f"{b['to_graph_seconds'] / ours:.2f} | "
            f"{ours / r['parallel']['seconds']:.2f} | {c['cold_seconds']:.1f} / "
            f"{c['warm_seconds']:.1f} / {c['reextracted']} / {c['identical_to_uncached']} |")
    lines += ["", "| N | triples in store | load graph.nt once | reopen | named queries over 1 s "
                  "(rows) | slowest of the rest | median |", "|---|---|---|---|---|---|---|"]
    for r in results:
        q = r["sparql"]["queries"]
        slow = [f"{name} {v['seconds']:,.1f} s ({v['rows']:,})" for name, v in sorted(q.items())
                if v["seconds"] >= 1]
        fast = sorted((v["seconds"], name) for name, v in q.items() if v["seconds"] < 1)
        median = sorted(v["seconds"] for v in q.values())[len(q) // 2]
        lines.append(f"| {r['stages']['n']:,} | {r['sparql']['triples']:,} | "
                     f"{r['sparql']['load_seconds']:.1f} s | {r['sparql']['reopen_seconds'] * 1000:.0f} ms | "
                     f"{'; '.join(slow) or 'none'} | {fast[-1][1]} {fast[-1][0] * 1000:,.0f} ms | "
                     f"{median * 1000:,.0f} ms |")
    return "\n".join(lines)


def _run_child(args: list[str]) -> dict:
    mode, corpus = args[0], Path(args[1])
    if mode == "stages":
        return measure_stages(corpus)
    if mode == "build":
        cache = Path(args[4]) if len(args) > 4 else None
        return measure_build(corpus, int(args[2]), Path(args[3]), cache)
    if mode == "baseline":
        return measure_baseline(corpus)
    return measure_sparql(corpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-bench"))
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)  # one measurement
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_run_child(args.child)))
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate_corpus import generate
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        corpus = args.work / f"corpus-{n}"
        if not corpus.is_dir() or len(_files(corpus)) != n:
            shutil.rmtree(corpus, ignore_errors=True)
            generate(n, corpus)
        work = args.work / f"runs-{n}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        results.append(run_size(corpus, args.jobs, work))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(tables(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
