"""fazhi-kg: Chinese rule-of-law government reports into a knowledge graph.

The pipeline runs one way, a sub-package per stage: ``kg.ingest`` (files to
structured text) -> ``kg.extractors`` (mentions) -> ``kg.run`` (one file to
one extracted report, in processes, cached) -> ``kg.graph`` (triples, graph
files, validation) -> ``kg.analysis`` (rows) -> ``kg.query`` and
``kg.output``; :mod:`kg.pipeline` drives them and :mod:`kg.cli` sits on top.
Most users need one call:

>>> import kg
>>> result = kg.build(["examples/reports"], "outputs")   # doctest: +SKIP
>>> result.summary()["reports"]                          # doctest: +SKIP
8
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.model import Problem
    from kg.pipeline import BuildResult, build
    from kg.run.report import extract_report

__all__ = ["BuildResult", "Problem", "build", "extract_report"]
__version__ = "0.1.0"

# Where each name of the API lives.  They are imported on first use (PEP 562):
# `kg.build` needs every stage, while a worker, `kg query` or an extractor that
# imports `kg.model` should not pay for importing rdflib, networkx and pyvis.
_API = {
    "BuildResult": "kg.pipeline",
    "build": "kg.pipeline",
    "Problem": "kg.model",
    "extract_report": "kg.run.report",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
