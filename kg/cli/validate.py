"""``kg validate``: check a built graph against the SHACL shapes, or the ontology itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.cli.common import EXIT_INVALID
from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check a graph against the SHACL shapes",
        description="Validate a built graph (an output folder's graph.ttl, or a "
        ".ttl/.nt/.trig/.jsonld file) against ontology/shapes.ttl with "
        "SHACL Core; results are grouped by message with example nodes. "
        "--ontology checks the ontology instead: every term used is "
        "declared and has zh and en labels.",
    )
    p.add_argument("graph", type=Path, nargs="?", help="an output folder or a graph file")
    p.add_argument(
        "--ontology",
        action="store_true",
        help="check ontology/fazhi.ttl against its users instead of a graph",
    )
    p.add_argument(
        "--engine",
        choices=("compiled", "pyshacl"),
        default="compiled",
        help="the shapes compiled to code (default: fast at any size) or pySHACL "
        "(the same results, for comparison)",
    )
    p.add_argument(
        "--examples",
        type=int,
        default=3,
        metavar="N",
        help="example nodes shown per kind of violation (default 3)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.graph.validate import check_ontology, format_report

    if args.ontology:
        issues = check_ontology()
        for issue in issues:
            print(f"{issue.where}: {issue.term}: {issue.problem}")
        print(
            f"ontology: {len(issues)} problems"
            if issues
            else "ontology: every term declared and labelled in zh and en"
        )
        return EXIT_INVALID if issues else 0
    if args.graph is None:
        raise UsageError(
            "give a graph to validate (an output folder or a .ttl file), or --ontology"
        )
    if args.engine == "pyshacl":
        # Imported for this engine only: the default engine needs neither rdflib parsing nor pySHACL.
        from kg.graph.validate import validate
        from kg.query.store import load_rdflib

        data = load_rdflib(args.graph, merged=True)
        report = validate(data, engine="pyshacl")
        print(format_report(report, data, examples=args.examples))
    else:
        # Imported when the command runs: `kg --help` and the other commands start without it.
        from kg.graph.index import TripleIndex
        from kg.graph.validate import validate_index
        from kg.query.store import writer_triples

        index = TripleIndex(writer_triples(args.graph))
        report = validate_index(index)
        print(format_report(report, index, examples=args.examples))
    return 0 if report.conforms else EXIT_INVALID
