"""The Spark engine (local mode) gives the local engine's graph on the seeds.

Skips with the reason when pyspark or Java is missing here; fails under
CI=true, where .ci/run installs both.
"""

from __future__ import annotations

import os

import pytest
from rdflib.compare import isomorphic

from kg.graph.nquads import assemble_graph, report_nquads
from kg.graph.triples import build_graph
from kg.run.engines import ExtractOptions, extract_files
from kg.run.spark import spark_available


@pytest.fixture(scope="module")
def spark_ready():
    missing = spark_available()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Spark test: {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def local_outcomes(seed_files):
    return list(extract_files(seed_files))


def test_report_nquads_holds_only_that_report(local_outcomes):
    _, report = local_outcomes[0]
    quads = report_nquads(report).splitlines()
    assert quads and all(f"/report/{report.document.report_id}> ." in q for q in quads)


@pytest.mark.slow  # a Spark job in local mode: a JVM starts
def test_spark_and_local_engines_give_isomorphic_graphs(
    spark_ready, seed_files, local_outcomes, tmp_path
):
    shards = tmp_path / "shards"
    options = ExtractOptions(
        engine="spark", spark_master="local[2]", shards_dir=shards, shard=report_nquads
    )
    spark_outcomes = list(extract_files(seed_files, options=options))
    assert [p for p, _ in spark_outcomes] == [p for p, _ in local_outcomes]
    local_graph = build_graph(r for _, r in local_outcomes)
    # The reports streamed back build the local graph ...
    assert isomorphic(build_graph(r for _, r in spark_outcomes), local_graph)
    # ... and so do the N-Quads shards, one named graph per report.
    assert isomorphic(assemble_graph(shards), local_graph)
    graph_names = {
        line.rsplit(" ", 2)[-2]
        for part in shards.glob("part-*")
        for line in part.read_text("utf-8").splitlines()
    }
    assert graph_names == {
        f"<https://w3id.org/fazhi-kg/id/report/{r.document.report_id}>" for _, r in local_outcomes
    }
