"""``kg validate``: check a built graph against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

from kg.cli.common import EXIT_INVALID, load_graph


def register(sub) -> None:
    p = sub.add_parser("validate", help="check a graph against the SHACL shapes",
                       description="Validate graph.ttl (or any .ttl) against ontology/shapes.ttl.")
    p.add_argument("graph", type=Path, help="an output folder or a .ttl file")
    p.set_defaults(run=run)


def run(args) -> int:
    from kg.validate import validate

    report = validate(load_graph(args.graph))
    for v in report.violations:
        print(f"{v.severity}: {v.focus} {v.path}: {v.message}")
    print("conforms" if report.conforms else "does not conform")
    return 0 if report.conforms else EXIT_INVALID
