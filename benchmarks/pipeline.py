"""Per-stage speed, memory and scaling of the pipeline, beside a plain spaCy baseline.

For each corpus size N this generates N reports (benchmarks/generate_corpus.py)
and measures, in a fresh process so peak memory belongs to that N alone:

* ingest (read + decode + clean), extract (structure + extractors + place
  linking), build (rdflib graph), serialise (rdflib Turtle; N-Triples through
  pyoxigraph when installed), analyse (co-occurrence), render (HTML view,
  only up to ``--render-max`` reports);
* the baseline a user would write: ``spacy.blank("zh")`` with the jieba
  segmenter and an EntityRuler over the same vocabulary (mechanism labels,
  law titles, organisation names), run on the same files;
* extraction with ``--jobs`` processes, and a cached rebuild after adding one
  report (how many reports were re-extracted, how long it took).

Prints a Markdown table per measure, ready for BENCHMARKS.md.

Usage::

    python benchmarks/pipeline.py --sizes 100,1000 --jobs 2 --work /tmp/fazhi-bench
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(corpus: Path, jobs: int, render_max: int) -> dict:
    """All figures for one corpus folder (run in its own process)."""
    from kg.analysis import cooccurrence
    from kg.export import turtle
    from kg.graph import build_graph
    from kg.ingest import read_report
    from kg.parallel import ExtractOptions, _warm_up, extract_files
    from kg.render import knowledge_view, render_html
    from kg.structure import structure
    from extractors.registry import PLACE_RESOLVER, run_extractors
    from kg.model import ExtractedReport

    files = sorted(corpus.glob("*.txt"))
    _warm_up()  # load vocabularies and gazetteer outside the timings
    out: dict = {"n": len(files), "baseline_mib_before": _peak_mib()}
    stage: dict[str, float] = {}
    reports, chars = [], 0
    for path in files:
        t = time.perf_counter()
        source = read_report(path)
        t1 = time.perf_counter()
        document = structure(source)
        report = ExtractedReport(document, PLACE_RESOLVER(document), tuple(run_extractors(document)))
        t2 = time.perf_counter()
        stage["ingest"] = stage.get("ingest", 0) + t1 - t
        stage["extract"] = stage.get("extract", 0) + t2 - t1
        chars += len(source.text)
        reports.append(report)
    out["chars"] = chars
    out["peak_after_extract"] = _peak_mib()
    t = time.perf_counter()
    graph = build_graph(reports)
    stage["build"] = time.perf_counter() - t
    out["triples"] = len(graph)
    out["peak_after_build"] = _peak_mib()
    t = time.perf_counter()
    ttl = turtle(graph)
    stage["serialise_ttl_rdflib"] = time.perf_counter() - t
    out["ttl_bytes"] = len(ttl.encode("utf-8"))
    del ttl
    try:
        import pyoxigraph
        t = time.perf_counter()
        store = pyoxigraph.Store()
        nt = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(nt, pyoxigraph.RdfFormat.N_TRIPLES)
        stage["load_oxigraph"] = time.perf_counter() - t
        t = time.perf_counter()
        dumped = store.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph())
        stage["serialise_ttl_oxigraph"] = time.perf_counter() - t
        t = time.perf_counter()
        rows = list(store.query("PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> "
                                "SELECT ?m (COUNT(?t) AS ?n) WHERE { ?t fz:adopts ?m } "
                                "GROUP BY ?m ORDER BY DESC(?n)"))
        stage["sparql_adopts_oxigraph"] = time.perf_counter() - t
        out["oxigraph_rows"] = len(rows)
        del store, nt, dumped
    except ImportError:
        pass
    t = time.perf_counter()
    pairs = cooccurrence(graph)
    stage["analyse"] = time.perf_counter() - t
    out["pairs"] = len(pairs)
    if len(files) <= render_max:
        t = time.perf_counter()
        html = render_html(knowledge_view(graph), "bench")
        stage["render"] = time.perf_counter() - t
        out["html_bytes"] = len(html.encode("utf-8"))
    out["peak_after_all"] = _peak_mib()
    out["stages"] = stage
    del graph, reports

    # Baseline: what a user would write with spaCy.
    t = time.perf_counter()
    nlp = baseline_nlp()
    out["baseline_setup"] = time.perf_counter() - t
    t = time.perf_counter()
    ents = 0
    for path in files:
        text, _ = _decode(path)
        ents += len(nlp(text).ents)
    out["baseline_seconds"] = time.perf_counter() - t
    out["baseline_ents"] = ents

    # Parallel extraction (ingest + extract), and the cache.
    t = time.perf_counter()
    for _ in extract_files(files, options=ExtractOptions(jobs=jobs)):
        pass
    out["parallel_seconds"] = time.perf_counter() - t
    out["jobs"] = jobs
    cache_dir = corpus.parent / f".cache-{corpus.name}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    options = ExtractOptions(jobs=jobs, cache_dir=cache_dir)
    t = time.perf_counter()
    for _ in extract_files(files, options=options):
        pass
    out["cache_cold_seconds"] = time.perf_counter() - t
    extra = corpus / "zzzzzz_added.txt"
    shutil.copy(ROOT / "examples" / "reports" / "qiping_2021.txt", extra)
    import kg.parallel
    real, calls = kg.parallel.extract_one, []
    kg.parallel.extract_one = lambda p: (calls.append(p), real(p))[1]
    try:
        t = time.perf_counter()
        for _ in extract_files(sorted(corpus.glob("*.txt")), options=ExtractOptions(cache_dir=cache_dir)):
            pass
        out["cache_warm_seconds"] = time.perf_counter() - t
        out["cache_reextracted"] = len(calls)
    finally:
        kg.parallel.extract_one = real
        extra.unlink()
        shutil.rmtree(cache_dir, ignore_errors=True)
    return out


def _decode(path: Path):
    from kg.ingest import decode
    return decode(path.read_bytes(), str(path))


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
    for folder, label in (("law_national.txt", "LAW"), ("organization_heads.txt", "ORG")):
        path = ROOT / "extractors" / "data" / folder
        for line in path.read_text("utf-8").splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                patterns.append({"label": label, "pattern": word})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)
    return nlp


def table(results: list[dict]) -> str:
    lines = ["| N | chars | stage | seconds | chars/s | reports/s |", "|---|---|---|---|---|---|"]
    for r in results:
        for name, seconds in r["stages"].items():
            lines.append(f"| {r['n']} | {r['chars']:,} | {name} | {seconds:.2f} | "
                         f"{r['chars'] / seconds:,.0f} | {r['n'] / seconds:,.1f} |")
        e2e = sum(r["stages"].get(k, 0) for k in ("ingest", "extract", "build"))
        lines.append(f"| {r['n']} | {r['chars']:,} | **ingest+extract+build** | {e2e:.2f} | "
                     f"{r['chars'] / e2e:,.0f} | {r['n'] / e2e:,.1f} |")
        lines.append(f"| {r['n']} | {r['chars']:,} | baseline (spaCy+jieba+EntityRuler) | "
                     f"{r['baseline_seconds']:.2f} | {r['chars'] / r['baseline_seconds']:,.0f} | "
                     f"{r['n'] / r['baseline_seconds']:,.1f} |")
    lines += ["", "| N | triples | Turtle MiB | peak MiB after extract / build / all | "
              f"ratio ours/baseline (1 core) | --jobs | serial extract s | parallel s | speed-up | "
              "cache cold s | +1 report warm s | re-extracted |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        serial = r["stages"]["ingest"] + r["stages"]["extract"]
        e2e = serial + r["stages"]["build"]
        lines.append(
            f"| {r['n']} | {r['triples']:,} | {r['ttl_bytes'] / 2**20:.1f} | "
            f"{r['peak_after_extract']:.0f} / {r['peak_after_build']:.0f} / {r['peak_after_all']:.0f} | "
            f"{r['baseline_seconds'] / e2e:.2f} | {r['jobs']} | {serial:.1f} | "
            f"{r['parallel_seconds']:.1f} | {serial / r['parallel_seconds']:.2f} | "
            f"{r['cache_cold_seconds']:.1f} | {r['cache_warm_seconds']:.1f} | {r['cache_reextracted']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-bench"))
    parser.add_argument("--render-max", type=int, default=1000,
                        help="render the HTML view only up to this many reports")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.jobs, args.render_max)))
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate_corpus import generate
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        corpus = args.work / f"corpus-{n}"
        if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != n:
            shutil.rmtree(corpus, ignore_errors=True)
            generate(n, corpus)
        child = subprocess.run([sys.executable, __file__, "--one", str(corpus), "--jobs", str(args.jobs),
                                "--render-max", str(args.render_max)],
                               check=True, capture_output=True, text=True)
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), file=sys.stderr)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
