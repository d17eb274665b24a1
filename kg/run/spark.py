"""Run ingest and extraction as a PySpark job when one machine is not enough.

Each Spark partition loads the pipeline once (vocabularies, gazetteer,
patterns) and then reads, structures and extracts its reports.  For every
report the job produces

* the extracted report itself, streamed back to the driver in input order,
  so :func:`kg.pipeline.build` assembles exactly the graph the local engine
  builds, and
* the report's triples as N-Quads in a named graph whose name is the report
  IRI (made by the ``shard`` function the build passes,
  :func:`kg.graph.nquads.report_nquads`); ``saveAsTextFile`` writes them as
  shards (``part-00000`` ...) that any quad store loads (Oxigraph, Apache
  Jena Fuseki, QLever), and :func:`kg.graph.nquads.assemble_graph` turns
  back into the local engine's graph.

Executors read the report files by path, so on a cluster the paths must be
on storage every node sees (NFS, a mounted bucket); see README "Speed and
scale".  pyspark is an optional dependency (``pip install fazhi-kg[spark]``)
and needs a Java runtime.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.model import ExtractedReport
from kg.run.report import Outcome, Packed, extract_one, pack, unpack, warm_up

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


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


def spark_session(master: str = "local[*]") -> SparkSession:
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
    # pyspark is optional (the [spark] extra): only a Spark build imports it.
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("fazhi-kg")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _extract_partition(
    rows: Iterable[tuple[int, str, str | None]], shard: Callable[[ExtractedReport], str] | None
) -> Iterator[tuple[int, Packed, str]]:
    warm_up()  # once per partition, not once per report
    for index, path, address in rows:
        outcome = extract_one(Path(path), address)
        quads = shard(outcome) if shard and isinstance(outcome, ExtractedReport) else ""
        yield index, pack(outcome), quads.rstrip("\n")


def extract_with_spark(
    files: list[Path],
    *,
    master: str = "local[*]",
    shards_dir: Path | str | None = None,
    shard: Callable[[ExtractedReport], str] | None = None,
    partitions: int | None = None,
    addresses: Mapping[Path, str] | None = None,
) -> Iterator[tuple[Path, Outcome]]:
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
    shard : callable, optional
        A report's N-Quads (:func:`kg.graph.nquads.report_nquads`); needed with ``shards_dir``.
    partitions : int, optional
        Number of partitions (default: 4 per core Spark offers, at most one per file).
    addresses : mapping of Path to str, optional
        The web page a file was saved from (:mod:`kg.ingest.addresses`).
    """
    files = list(files)
    if shards_dir is not None and shard is None:
        raise UsageError(
            "extract_with_spark: shards_dir needs a shard function (report -> N-Quads)"
        )
    if not files:
        return
    spark = spark_session(master)
    sc = spark.sparkContext
    n = partitions or max(1, min(len(files), sc.defaultParallelism * 4))
    addresses = addresses or {}
    rows = sc.parallelize([(i, str(f), addresses.get(f)) for i, f in enumerate(files)], n)
    results = rows.mapPartitions(functools.partial(_extract_partition, shard=shard)).persist()
    try:
        if shards_dir is not None:
            if "://" not in str(shards_dir) and Path(shards_dir).exists():
                shutil.rmtree(shards_dir)  # saveAsTextFile refuses an existing folder
            results.map(lambda r: r[2]).filter(bool).saveAsTextFile(str(shards_dir))
        # parallelize and mapPartitions keep order, so this streams in input order.
        for index, packed, _ in results.toLocalIterator(prefetchPartitions=True):
            outcome = unpack(packed)
            assert outcome is not None, "the Spark engine always sends the report back"
            yield files[index], outcome
    finally:
        results.unpersist()
