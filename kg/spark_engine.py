"""Run ingest and extraction as a PySpark job when one machine is not enough.

Each Spark partition loads the pipeline once (vocabularies, gazetteer,
patterns) and then reads, structures and extracts its reports.  For every
report the job produces

* the extracted report itself, streamed back to the driver in input order,
  so :func:`kg.pipeline.build` assembles exactly the graph the local engine
  builds, and
* the report's triples as N-Quads in a named graph whose name is the report
  IRI; ``saveAsTextFile`` writes them as shards (``part-00000`` ...) that any
  quad store loads (Oxigraph, Apache Jena Fuseki, QLever), and
  :func:`assemble_graph` turns back into the local engine's graph.

Executors read the report files by path, so on a cluster the paths must be
on storage every node sees (NFS, a mounted bucket); see README "Speed and
scale".  pyspark is an optional dependency (``pip install fazhi-kg[spark]``)
and needs a Java runtime.

Examples
--------
>>> from kg.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n落实合法性审查。")
>>> quads = report_nquads(ExtractedReport(doc, None, ()))
>>> all(line.endswith("> .") for line in quads.splitlines())
True
>>> graph_name = "<https://w3id.org/fazhi-kg/id/report/" + doc.report_id + ">"
>>> all(graph_name in line for line in quads.splitlines())
True
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import UsageError
from kg.graph import base_graph, nt_object, report_triples
from kg.model import ExtractedReport
from kg.namespaces import ID


def spark_available() -> str | None:
    """Why the spark engine cannot run here, or None when it can.

    Examples
    --------
    >>> spark_available() is None or "install" in spark_available()
    True
    """
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed: install it with `pip install 'fazhi-kg[spark]'`"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "Spark needs Java: install it with `apt-get install -y default-jre-headless`"
    return None


def spark_session(master: str = "local[*]"):
    """A Spark session for fazhi-kg (created once, reused by later calls).

    Raises
    ------
    kg.errors.UsageError
        pyspark or Java is missing.
    """
    missing = spark_available()
    if missing:
        raise UsageError(missing)
    # Executors must run this interpreter, which has fazhi-kg and its data installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master(master).appName("fazhi-kg")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.python.worker.reuse", "true")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def report_nquads(report: ExtractedReport) -> str:
    """The triples of one report as N-Quads in the named graph of the report IRI."""
    graph = f"<{ID[f'report/{report.document.report_id}']}>"
    return "".join(f"<{s}> <{p}> {nt_object(o)} {graph} .\n" for s, p, o in report_triples(report))


def _extract_partition(rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, tuple, str]]:
    # Imported here: this runs inside a Spark Python worker.
    from kg.parallel import _pack, _warm_up, extract_one
    _warm_up()  # once per partition, not once per report
    for index, path in rows:
        outcome = extract_one(Path(path))
        quads = report_nquads(outcome) if isinstance(outcome, ExtractedReport) else ""
        yield index, _pack(outcome), quads.rstrip("\n")


def extract_with_spark(files: list[Path], *, master: str = "local[*]",
                       shards_dir: Path | str | None = None,
                       partitions: int | None = None) -> Iterator[tuple[Path, object]]:
    """Extract ``files`` on Spark, yielding ``(path, report or error)`` in input order.

    Parameters
    ----------
    files : list of Path
        Report files, on storage the executors can read.
    master : str
        Spark master URL.
    shards_dir : Path or str, optional
        Where to write the N-Quads shards (replaced if it exists on local disk;
        any Hadoop URL such as ``hdfs://`` works too).
    partitions : int, optional
        Number of partitions (default: 4 per core Spark offers, at most one per file).
    """
    from kg.parallel import _unpack
    files = list(files)
    if not files:
        return
    spark = spark_session(master)
    sc = spark.sparkContext
    n = partitions or max(1, min(len(files), sc.defaultParallelism * 4))
    rows = sc.parallelize([(i, str(f)) for i, f in enumerate(files)], n)
    results = rows.mapPartitions(_extract_partition).persist()
    try:
        if shards_dir is not None:
            if "://" not in str(shards_dir) and Path(shards_dir).exists():
                shutil.rmtree(shards_dir)  # saveAsTextFile refuses an existing folder
            results.map(lambda r: r[2]).filter(bool).saveAsTextFile(str(shards_dir))
        # parallelize and mapPartitions keep order, so this streams in input order.
        for index, packed, _ in results.toLocalIterator(prefetchPartitions=True):
            yield files[index], _unpack(packed)
    finally:
        results.unpersist()


def assemble_graph(shards: Path | str | Iterable[Path]) -> Graph:
    """The base graph plus every triple of the N-Quads shards (a folder or files).

    This is the graph the local engine builds from the same reports.
    """
    if isinstance(shards, (str, Path)):
        folder = Path(shards)
        paths = sorted(p for p in folder.iterdir() if p.name.startswith("part-"))
    else:
        paths = list(shards)
    graph = base_graph()
    for path in paths:
        dataset = Dataset()
        dataset.parse(path, format="nquads")
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
    return graph
