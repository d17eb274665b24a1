"""``kg cooccur``: which mechanisms go together across towns (table, CSV, JSON)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.analysis.stats import MEASURES
from kg.cli.common import load_graph
from kg.errors import UsageError
from kg.model import FACT_STANCES

if TYPE_CHECKING:
    import argparse

    from rdflib import Graph

#: Values of --section: the stances of kg.analysis.cooccurrence.STANCES, or all of them.
SECTIONS = (*(stance.value for stance in FACT_STANCES), "any")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "cooccur",
        help="mechanism pairs that go together across towns",
        description="Count, for every pair of mechanisms, the towns having both, with Jaccard, "
        "cosine, lift, NPMI, a one-sided hypergeometric p and its Benjamini-Hochberg q "
        "(none when too few towns to test). Prints the top pairs and the communities "
        "of the mechanism network; writes cooccur-SECTION.csv (all listed pairs) and "
        "cooccur-SECTION.json (pairs and mechanisms with community and centrality).",
    )
    add_source_arguments(p)
    p.add_argument(
        "--measure",
        choices=MEASURES,
        default="jaccard",
        help="rank pairs and weigh network edges by this measure (default: jaccard)",
    )
    p.add_argument(
        "--min-towns",
        type=int,
        default=2,
        metavar="N",
        help="list pairs sharing at least N towns (default: 2)",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="network edges need the measure above this (default: jaccard 0.2, "
        "cosine 0.4, lift 1, npmi 0)",
    )
    p.add_argument(
        "--top",
        type=int,
        default=20,
        metavar="K",
        help="print the K strongest pairs (default: 20; the files hold all)",
    )
    p.set_defaults(run=run)


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    """The input and output options ``kg cooccur`` and ``kg towns`` share."""
    p.add_argument(
        "source",
        nargs="+",
        type=Path,
        metavar="OUT_OR_REPORTS",
        help="an output folder of `kg build` (or its graph.ttl), or report files and "
        "folders to build in memory",
    )
    p.add_argument(
        "--section",
        choices=SECTIONS,
        default="adopted",
        help="count mechanisms named as adopted (achievement and duty sections), "
        "planned, a problem, or any of the three (default: adopted)",
    )
    p.add_argument(
        "-o",
        "--out",
        type=Path,
        default=None,
        help="where to write CSV and JSON (default: beside the graph; "
        "outputs/ when building from reports)",
    )


def load_source(paths: list[Path], out: Path | None) -> tuple[Graph, Path]:
    """The graph to analyse and the folder for the files.

    One output folder is read through the town facts the build left
    (``town_facts.nt``: a small file, all the analyses need), or its graph.ttl
    when there is none; one .ttl file is loaded; anything else is read as
    reports and built in memory (without SHACL validation).
    """
    facts = paths[0] / "town_facts.nt" if len(paths) == 1 else None
    if facts is not None and facts.is_file():
        # Imported when the command runs: `kg --help` and the other commands start without it.
        from rdflib import Graph

        return Graph().parse(facts, format="nt"), out or paths[0]
    if len(paths) == 1 and (
        (paths[0].is_dir() and (paths[0] / "graph.ttl").is_file())
        or (paths[0].is_file() and paths[0].suffix == ".ttl")
    ):
        graph = load_graph(paths[0])
        return graph, out or (paths[0] if paths[0].is_dir() else paths[0].parent)
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.pipeline import build

    result = build(paths, None, validate_graph=False)
    if not result.summary()["reports"]:
        why = (
            f" ({result.problems[0].path}: {result.problems[0].reason})" if result.problems else ""
        )
        raise UsageError(
            f"no report could be read from {', '.join(map(str, paths))}{why}: give an "
            "output folder of `kg build`, a graph .ttl, or report files and folders"
        )
    for problem in result.problems:
        print(f"kg: {problem.category}: {problem.path}: {problem.reason}", file=sys.stderr)
    return result.graph, out or Path("outputs")


def stored_tests(paths: list[Path], stance: str) -> dict[str, Any] | None:
    """The pair tests a build left in its folder for ``stance``, if any (no SciPy needed)."""
    # The file name is kg.pipeline.PAIR_TESTS; importing the pipeline would cost a second.
    found = paths[0] / ".kg" / "current" / ".pair_tests.json" if len(paths) == 1 else None
    if found is None or not found.is_file():
        return None
    try:
        tests: dict[str, Any] | None = json.loads(found.read_text("utf-8")).get(stance)
        return tests
    except (OSError, ValueError, AttributeError):
        return None  # damaged: the tests are computed again


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.analysis.cooccurrence import cooccurrence_report
    from kg.files import atomic_write
    from kg.output.cooccurrence import pairs_csv, pairs_json, pairs_text

    if args.top < 1:
        raise UsageError(f"--top must be at least 1, not {args.top}")
    graph, out = load_source(args.source, args.out)
    report = cooccurrence_report(
        graph,
        args.section,
        args.measure,
        args.min_towns,
        args.threshold,
        stored=stored_tests(args.source, args.section),
    )
    print(pairs_text(report, args.top))
    for name, text in (
        (f"cooccur-{args.section}.csv", pairs_csv(report.pairs)),
        (f"cooccur-{args.section}.json", pairs_json(report)),
    ):
        print(f"wrote {atomic_write(out / name, text)}")
    return 0
