"""Validate a built graph against ``ontology/shapes.ttl`` (SHACL Core, pySHACL).

Examples
--------
>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from ontology import SHAPES_TTL


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in words a person can act on."""

    focus: str
    path: str
    severity: str
    message: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


@cache
def _shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def validate(graph: Graph) -> ValidationReport:
    """Check ``graph`` against the shipped SHACL shapes.

    ``conforms`` is False only for results of severity sh:Violation;
    warnings are listed but do not fail a build.
    """
    _, results, _ = pyshacl.validate(graph, shacl_graph=_shapes(), inference="none",
                                     advanced=False, abort_on_first=False, allow_warnings=True)
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        violations.append(Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=str(results.value(result, SH.resultPath) or ""),
            severity=severity,
            message=str(results.value(result, SH.resultMessage) or ""),
        ))
    violations.sort(key=lambda v: (v.severity, v.focus, v.path, v.message))
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
    )
