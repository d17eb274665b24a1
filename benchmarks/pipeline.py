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
  (:meth:`kg.query.store.OxigraphStore.kept_beside`), reopened, and every named
  query run three times (the best time counts).

Prints Markdown tables ready for BENCHMARKS.md; raw figures go to stderr as JSON.

Usage::

    python benchmarks/pipeline.py --sizes 100,1000 --jobs 2 --work /tmp/fazhi-bench
    python benchmarks/pipeline.py --sizes 10000 --only serial,parallel,sparql,cache --timeout 60
    python benchmarks/pipeline.py --graph outputs --reps 5 --before old/queries   # queries only
"""

from __future__ import annotations

import argparse
import filecmp
import gc
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only: the store is imported where it is used
    from kg.query.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_STREAMED = ("ttl", "nt", "cooccurrence", "network", "matrix", "problems", "summary")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def measure_stages(corpus: Path) -> dict:
    """Each stage of a streaming build, timed separately on one core."""
    from kg.analysis.cooccurrence import cooccurrence, is_town_fact
    from kg.graph.stream import GraphFiles
    from kg.graph.terms import rdflib_triple
    from kg.graph.triples import base_graph, report_triples
    from kg.ingest.read import read_report
    from kg.ingest.structure import structure
    from kg.output.cooccurrence import render_cooccurrence_html
    from kg.run.report import extract_document, warm_up

    warm_up()  # vocabularies and gazetteer load outside the timings
    gc.freeze()  # as kg.run.engines does once they are loaded
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
            report = extract_document(document)
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
    return {
        "n": len(_files(corpus)),
        "chars": chars,
        "stages": stage,
        "triples": triples_written,
        "bytes": sizes,
        "pairs": len(pairs),
        "html_bytes": len(html.encode("utf-8")),
        "facts_triples": len(facts),
        "peak_after_build": peak_build,
        "peak": _peak_mib(),
    }


def measure_build(corpus: Path, jobs: int, out_dir: Path, cache: Path | None = None) -> dict:
    """``kg.pipeline.build`` end to end (streaming outputs, no SHACL).

    With a cache, ``extracted`` counts the reports extracted afresh: each
    becomes one new entry in the cache, whichever process extracted it.
    """
    from kg.pipeline import build
    from kg.run.engines import ExtractOptions

    entries_before = _cache_entries(cache)
    t = time.perf_counter()
    result = build(
        [corpus],
        out_dir,
        formats=_STREAMED,
        validate_graph=False,
        in_memory=False,
        extraction=ExtractOptions(jobs=jobs, cache_dir=cache),
    )
    seconds = time.perf_counter() - t
    summary = result.summary()
    return {
        "seconds": seconds,
        "jobs": jobs,
        "reports": summary["reports"],
        "triples": summary["triples"],
        "peak": _peak_mib(),
        "peak_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "extracted": _cache_entries(cache) - entries_before if cache is not None else None,
    }


def _cache_entries(cache: Path | None) -> int:
    return sum(1 for _ in cache.rglob("*.pickle")) if cache is not None and cache.is_dir() else 0


def measure_baseline(corpus: Path) -> dict:
    """The spaCy baseline, alone and writing its entities with evidence as N-Triples."""
    from kg.ingest.read import decode

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
    return {
        "seconds": alone,
        "to_graph_seconds": to_graph,
        "ents": ents,
        "baseline_triples": triples,
        "peak": _peak_mib(),
    }


def _baseline_to_graph(nlp, files: list[Path]) -> int:
    """The baseline run again, adding what a graph needs: entity nodes, evidence per mention."""
    from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace

    from kg.ingest.read import decode

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

    from kg.extractors.vocabulary import load_vocabulary

    nlp = spacy.blank(
        "zh",
        config={
            "nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "jieba"}}
        },
    )
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


def measure_sparql(graph_nt: Path, timeout: float) -> dict:
    """Load graph.nt once into an on-disk store, reopen it, run every named query.

    A query with a ``town`` parameter also runs for one town of the corpus, as
    a user looking at a town would (its default is every town, or an example
    town).  Each query runs in a child process that is stopped after
    ``timeout`` seconds; one that takes under 5 s runs three times (the best counts).
    """
    from kg.query.sparql import list_queries
    from kg.query.store import OxigraphStore

    t = time.perf_counter()
    OxigraphStore.kept_beside(graph_nt)
    load = time.perf_counter() - t
    t = time.perf_counter()
    store = OxigraphStore.kept_beside(graph_nt)
    reopen = time.perf_counter() - t
    town, triples, folder = _first_town(store, graph_nt)
    del store
    queries = {}
    for query in list_queries():
        runs = {"defaults": {}}
        if "town" in dict(query.params):
            runs[f"town={town}"] = {"town": town}
        for label, params in runs.items():
            found = _timed_query(folder, query, params, timeout)
            if found["seconds"] is not None and found["seconds"] < 5:
                again = [_timed_query(folder, query, params, timeout) for _ in range(2)]
                found["seconds"] = min([found["seconds"], *(a["seconds"] for a in again)])
            queries[f"{query.name} ({label})"] = found
    return {
        "load_seconds": load,
        "reopen_seconds": reopen,
        "triples": triples,
        "queries": queries,
        "timeout": timeout,
        "peak": _peak_mib(),
    }


def _timed_query(folder: Path, query, params: dict, timeout: float) -> dict:
    """Seconds and rows of one query on the store in ``folder`` (seconds None after ``timeout``).

    Also the CPU seconds of the query and a digest of its rows in order
    (``digest``) and as a set (``digest_set``), to check that two texts answer alike.
    """
    import multiprocessing

    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_query_child, args=(folder, query, params, send)
    )
    child.start()
    ready = receive.poll(timeout)
    if not ready:
        child.terminate()
    child.join()
    if not ready:
        return {"seconds": None, "cpu": None, "rows": None, "digest": None, "digest_set": None}
    return receive.recv()


def _query_child(folder: Path, query, params: dict, send) -> None:
    import hashlib

    from kg.query.store import OxigraphStore

    store = OxigraphStore.open_read_only(folder)
    t, cpu = time.perf_counter(), time.process_time()
    result = query.run(store, params)  # as `kg query --name` runs it
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    rows = [repr(row) for row in result.rows]
    send.send(
        {
            "seconds": seconds,
            "cpu": cpu,
            "rows": len(rows),
            "columns": list(result.columns),
            "digest": hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16],
            "digest_set": hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()[:16],
        }
    )


def measure_named_queries(
    graph: Path,
    reps: int,
    timeout: float,
    before: Path | None = None,
    names: tuple[str, ...] = (),
) -> dict:
    """Every named query on an existing build, as ``kg query OUT --name NAME`` runs it.

    The graph file (an output folder's graph.ttl) is loaded once into the
    on-disk store `kg query` keeps beside it.  Each query runs with its
    defaults and, if it has a ``town`` parameter, for one town; ``reps`` times
    each, in fresh processes.  With ``before`` (a folder of .rq files, e.g. an
    older ontology/queries), each of its queries runs in turn with the current
    one (interleaved, so both see the same load) and their rows are compared.
    ``names`` keeps only those queries (all by default).
    """
    import os

    from kg.query.sparql import list_queries, parse_header
    from kg.query.store import OxigraphStore, graph_path

    path = graph_path(graph)
    t = time.perf_counter()
    store = OxigraphStore.kept_beside(path)
    load = time.perf_counter() - t
    print(f"store of {path} ready in {load:.1f} s", file=sys.stderr, flush=True)
    town, triples, folder = _first_town(store, path)
    del store
    old = {}
    if before is not None:
        old = {f.stem: parse_header(f.stem, f.read_text("utf-8")) for f in before.glob("*.rq")}
    load_average = [os.getloadavg()]
    queries = {}
    for query in list_queries():
        if names and query.name not in names:
            continue
        runs = {"defaults": {}}
        if "town" in dict(query.params):
            runs[f"town={town}"] = {"town": town}
        for label, params in runs.items():
            texts = {"after": query}
            if query.name in old:
                texts = {"before": old[query.name], **texts}
            found: dict[str, list[dict]] = {side: [] for side in texts}
            for _ in range(reps):
                for side, q in texts.items():
                    if found[side] and found[side][-1]["seconds"] is None:
                        continue  # stopped once: not run again
                    found[side].append(_timed_query(folder, q, params, timeout))
            queries[f"{query.name} ({label})"] = {side: _summary(r) for side, r in found.items()}
            print(
                query.name, label, queries[f"{query.name} ({label})"], file=sys.stderr, flush=True
            )
    load_average.append(os.getloadavg())
    return {
        "graph": str(path),
        "triples": triples,
        "load_seconds": load,
        "load_average": load_average,
        "reps": reps,
        "timeout": timeout,
        "queries": queries,
    }


def _summary(runs: list[dict]) -> dict:
    """Median wall and CPU seconds of runs of one query (None if it was stopped)."""
    done = [r for r in runs if r["seconds"] is not None]
    if len(done) < len(runs) or not done:
        return {"seconds": None, "cpu": None, "runs": [r["seconds"] for r in runs]}
    return {
        "seconds": statistics.median(r["seconds"] for r in done),
        "cpu": statistics.median(r["cpu"] for r in done),
        "runs": [round(r["seconds"], 3) for r in done],
        "rows": done[0]["rows"],
        "digest": done[0]["digest"],
        "digest_set": done[0]["digest_set"],
    }


def named_query_table(found: dict) -> str:
    """Markdown: each query's rows and median seconds (before and after, if timed)."""
    compare = any("before" in v for v in found["queries"].values())
    head = "| query (parameters) | rows | "
    head += "before s (CPU) | after s (CPU) | same rows |" if compare else "s (CPU) |"
    lines = [head, "|---" * (head.count("|") - 1) + "|"]

    def cell(s: dict | None) -> str:
        if s is None:
            return "–"
        if s["seconds"] is None:
            return f"> {found['timeout']:.0f} (stopped)"
        return f"{s['seconds']:.3f} ({s['cpu']:.3f})"

    for name, sides in found["queries"].items():
        after, before = sides["after"], sides.get("before")
        rows = after.get("rows", before.get("rows") if before else None)
        cells = [name, f"{rows:,}" if rows is not None else "?"]
        if compare:
            same = "–"
            if before and before.get("digest") and after.get("digest"):
                same = (
                    "yes"
                    if before["digest"] == after["digest"]
                    else "same set, other order"
                    if before["digest_set"] == after["digest_set"]
                    else "**no**"
                )
            cells += [cell(before), cell(after), same]
        else:
            cells.append(cell(after))
        lines.append("| " + " | ".join(cells) + " |")
    (a1, a5, a15), (b1, b5, b15) = found["load_average"]
    lines.append("")
    lines.append(
        f"{found['triples']:,} triples; medians of {found['reps']} runs; load average "
        f"{a1:.1f}/{a5:.1f}/{a15:.1f} before, {b1:.1f}/{b5:.1f}/{b15:.1f} after"
    )
    return "\n".join(lines)


def _child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


MEASUREMENTS = ("stages", "serial", "parallel", "baseline", "sparql", "cache")


def run_size(
    corpus: Path, jobs: int, work: Path, only: tuple[str, ...] = MEASUREMENTS, timeout: float = 120
) -> dict:
    """The chosen measurements for one corpus, each in its own process."""
    result = {"corpus": _child("count", str(corpus))}
    if "stages" in only:
        result["stages"] = _child("stages", str(corpus))
    serial_out, parallel_out = work / "out-serial", work / "out-parallel"
    if "serial" in only or "sparql" in only:
        result["serial"] = _child("build", str(corpus), "1", str(serial_out))
    if "parallel" in only:
        result["parallel"] = _child("build", str(corpus), str(jobs), str(parallel_out))
        shutil.rmtree(parallel_out)  # the graph files of 10,000 reports take about 10 GB
    if "baseline" in only:
        result["baseline"] = _child("baseline", str(corpus))
    if "sparql" in only:
        result["sparql"] = _child("sparql", str(serial_out / "graph.nt"), str(timeout))
    shutil.rmtree(serial_out, ignore_errors=True)
    if "cache" in only:
        result["cache"] = _cache_run(corpus, jobs, work)
    return result


def count_corpus(corpus: Path) -> dict:
    """Reports and characters of cleaned text in a corpus."""
    from kg.ingest.read import read_report

    files = _files(corpus)
    return {"n": len(files), "chars": sum(len(read_report(path).text) for path in files)}


def _cache_run(corpus: Path, jobs: int, work: Path) -> dict:
    """Cold build with the cache, add one report, rebuild warm; compare with a build without it."""
    cache, out = work / "cache", work / "out-cached"
    shutil.rmtree(cache, ignore_errors=True)
    cold = _child("build", str(corpus), str(jobs), str(out), str(cache))
    added = corpus / "zzzzzz_added.txt"
    shutil.copy(ROOT / "examples" / "reports" / "qiping_2021.txt", added)
    try:
        warm = _child("build", str(corpus), str(jobs), str(out), str(cache))
        reference = work / "out-reference"
        _child("build", str(corpus), str(jobs), str(reference))
        same = filecmp.cmp(out / "graph.nt", reference / "graph.nt", shallow=False)
    finally:
        added.unlink()
        for folder in (cache, out, work / "out-reference"):
            shutil.rmtree(folder, ignore_errors=True)
    return {
        "cold_seconds": cold["seconds"],
        "warm_seconds": warm["seconds"],
        "reextracted": warm["extracted"],
        "identical_to_uncached": same,
        "warm_peak": warm["peak"],
    }


def tables(results: list[dict]) -> str:
    """The Markdown tables of BENCHMARKS.md (rows for the measurements that were run)."""
    lines = [
        "| N | characters | stage | seconds | characters/s | reports/s |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        n, chars = r["corpus"]["n"], r["corpus"]["chars"]
        rows = []
        if "stages" in r:
            stages = r["stages"]["stages"]
            rows += list(stages.items())
            rows.append(
                (
                    "**one core: ingest → graph files**",
                    sum(stages[k] for k in ("ingest", "extract", "triples", "write")),
                )
            )
        if "serial" in r:
            rows.append(("`kg build --stream` end to end, 1 process", r["serial"]["seconds"]))
        if "parallel" in r:
            rows.append(
                (f"`kg build --stream --jobs {r['parallel']['jobs']}`", r["parallel"]["seconds"])
            )
        if "baseline" in r:
            rows.append(
                ("baseline: spaCy + jieba + EntityRuler (entities only)", r["baseline"]["seconds"])
            )
            rows.append(
                (
                    "baseline to a graph: + sentences, entity and evidence triples (rdflib)",
                    r["baseline"]["to_graph_seconds"],
                )
            )
        for name, seconds in rows:
            lines.append(
                f"| {n:,} | {chars:,} | {name} | {seconds:.2f} | {chars / seconds:,.0f} | "
                f"{n / seconds:,.1f} |"
            )
    lines += [
        "",
        "| N | triples | peak MiB: stages / build / build --jobs (+ each worker) | "
        "ours ÷ baseline (entities only) | ours ÷ baseline to a graph | --jobs speed-up | "
        "cache: cold s / +1 report s / re-extracted / graph.nt identical |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        cells = [f"{r['corpus']['n']:,}", f"{r['serial']['triples']:,}" if "serial" in r else ""]
        peaks = [
            f"{r[k]['peak']:,.0f}" if k in r else "–" for k in ("stages", "serial", "parallel")
        ]
        if "parallel" in r:
            peaks[-1] += f" (+ {r['parallel']['peak_worker']:,.0f})"
        cells.append(" / ".join(peaks))
        ours = r["serial"]["seconds"] if "serial" in r else None
        b = r.get("baseline")
        cells.append(f"{b['seconds'] / ours:.2f}" if b and ours else "")
        cells.append(f"{b['to_graph_seconds'] / ours:.2f}" if b and ours else "")
        cells.append(f"{ours / r['parallel']['seconds']:.2f}" if ours and "parallel" in r else "")
        c = r.get("cache")
        cells.append(
            f"{c['cold_seconds']:.1f} / {c['warm_seconds']:.1f} / {c['reextracted']} / "
            f"{c['identical_to_uncached']}"
            if c
            else ""
        )
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "| N | triples in store | load graph.nt once | reopen | queries under 1 s | "
        "the others | median |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if "sparql" not in r:
            continue
        q, sparql = r["sparql"]["queries"], r["sparql"]
        done = {name: v for name, v in q.items() if v["seconds"] is not None}
        slow = [
            f"{name} {v['seconds']:,.1f} s ({v['rows']:,} rows)"
            for name, v in sorted(done.items())
            if v["seconds"] >= 1
        ]
        slow += [
            f"{name} stopped after {sparql['timeout']:.0f} s"
            for name in sorted(q)
            if name not in done
        ]
        fast = [v for v in done.values() if v["seconds"] < 1]
        median = sorted(
            v["seconds"] if v["seconds"] is not None else float("inf") for v in q.values()
        )[len(q) // 2]
        lines.append(
            f"| {r['corpus']['n']:,} | {sparql['triples']:,} | "
            f"{sparql['load_seconds']:.1f} s | {sparql['reopen_seconds'] * 1000:.0f} ms | "
            f"{len(fast)} of {len(q)} | {'; '.join(slow) or 'none'} | "
            f"{median * 1000:,.0f} ms |"
        )
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
    if mode == "count":
        return count_corpus(corpus)
    return measure_sparql(corpus, float(args[2]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-bench"))
    parser.add_argument(
        "--only",
        default=",".join(MEASUREMENTS),
        help=f"comma-separated measurements (default: all of {', '.join(MEASUREMENTS)})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120,
        help="stop a named query after this many seconds (default: 120)",
    )
    parser.add_argument(
        "--results", type=Path, help="also append each size's raw figures (JSON) here"
    )
    parser.add_argument(
        "--graph",
        type=Path,
        help="only time every named query on this existing build (an output folder or "
        "graph file), as `kg query OUT --name NAME` runs it",
    )
    parser.add_argument(
        "--reps", type=int, default=3, help="with --graph: runs of each query (default: 3)"
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="with --graph: a folder of older .rq files to time in turn with the current "
        "ones, comparing their rows",
    )
    parser.add_argument(
        "--queries", default="", help="with --graph: comma-separated query names (default: all)"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)  # one measurement
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_run_child(args.child)))
        return 0
    if args.graph:
        names = tuple(filter(None, args.queries.split(",")))
        found = measure_named_queries(args.graph, args.reps, args.timeout, args.before, names)
        print(json.dumps(found), file=sys.stderr, flush=True)
        if args.results:
            with open(args.results, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(found) + "\n")
        print(named_query_table(found))
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
        results.append(run_size(corpus, args.jobs, work, tuple(args.only.split(",")), args.timeout))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        if args.results:
            with open(args.results, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(results[-1]) + "\n")
    print(tables(results))
    return 0


def _first_town(store: OxigraphStore, path: Path) -> tuple[str, int, Path]:
    """The first unit's label (the one-unit queries ask for it), the store's size and
    the folder it is kept in beside ``path``."""
    town = store.query(
        "SELECT ?l WHERE { ?r fz:about ?t . ?t rdfs:label ?l } ORDER BY ?l LIMIT 1"
    ).rows[0][0]
    return town, len(store), path.parent / f".{path.name}.oxigraph"


if __name__ == "__main__":
    sys.exit(main())
