"""N-Quads: one report's triples in the named graph of the report, and shards read back.

The Spark engine writes these shards (``part-00000`` ...), one line per
quad, which any quad store loads; :func:`assemble_graph` turns them back into
the graph the local engine builds.

Examples
--------
>>> from kg.ingest.structure import document_from_text
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

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from kg.graph.terms import nt_object
from kg.graph.triples import base_graph, report_triples
from kg.model import ExtractedReport
from kg.namespaces import ID

__all__ = ["assemble_graph", "report_nquads"]


def report_nquads(report: ExtractedReport) -> str:
    """The triples of one report as N-Quads in the named graph of the report IRI."""
    graph = f"<{ID[f'report/{report.document.report_id}']}>"
    return "".join(f"<{s}> <{p}> {nt_object(o)} {graph} .\n" for s, p, o in report_triples(report))


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
