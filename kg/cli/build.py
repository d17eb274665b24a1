"""``kg build``: reports in; graph, HTML view, co-occurrence table out."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kg.cli.common import EXIT_INVALID, EXIT_SKIPPED, check_output_folder

if TYPE_CHECKING:
    import argparse

    from kg.pipeline import BuildResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "build",
        help="build the graph, HTML view and co-occurrence table",
        description="Read report files and folders (.txt in UTF-8/GB18030/UTF-16, "
        ".html, .docx, .pdf with a text layer), extract entities and "
        "write graph.ttl, graph.html, cooccurrence.csv, problems.jsonl "
        "and summary.json. Exit codes: 0 all files read; 1 some files "
        "skipped (see problems.jsonl); 2 stopped by --strict; 3 SHACL "
        "violations; 64 bad usage or no report read (nothing written); 73 the output "
        "folder cannot be written; 130 interrupted.",
    )
    p.add_argument(
        "paths", nargs="+", type=Path, help="report files or folders (searched recursively)"
    )
    p.add_argument(
        "-o", "--out", type=Path, default=Path("outputs"), help="output folder (default: outputs/)"
    )
    p.add_argument(
        "--formats",
        default="all",
        # Written out, not read from kg.pipeline.OUTPUTS: `kg --help` must not import the
        # pipeline (tests/cli/test_cli.py checks the two agree).
        help="comma-separated outputs or groups to write: any of "
        "ttl, html, bipartite, cooccurrence, network, heatmap, problems, summary, facts, "
        "trig, nt, jsonld, graphml, gexf, reports, entities, mentions, indicators, "
        "matrix, site, profiles, fingerprints, scorecard, scorecard_html, copies, changes, "
        "panel, first_years, adoption, indicator_values, indicator_series, or the groups "
        "all, rdf, gephi, tables, research (default: all; the site only up to 100 reports "
        "unless named)",
    )
    p.add_argument(
        "--addresses",
        type=Path,
        metavar="TABLE",
        help="a tab- or comma-separated table of the web page each report was saved from: a "
        "header row with an address column (url, address or page_url) and a column naming "
        "each report (file: its file name or path from the table's folder; id: its name "
        "without the suffix); a page's address places a same-name town the text leaves open",
    )
    p.add_argument("--no-validate", action="store_true", help="skip the SHACL check")
    p.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first file that would be skipped (exit code 2) "
        "instead of reporting it and going on",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        help="extract and render with N worker processes (0: one per core, the default); "
        "each worker gets at least 4 reports (16 without fork), so a small batch runs in "
        "fewer processes",
    )
    p.add_argument(
        "--cache",
        dest="cache",
        action="store_true",
        default=True,
        help="reuse extractions of unchanged reports from OUT/.cache (default)",
    )
    p.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="extract every report again and leave the cache alone",
    )
    p.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="local processes, or a PySpark job that also writes N-Quads shards "
        "(one named graph per report) to OUT/shards (default: local)",
    )
    for flag in ("--stream", "--in-memory"):
        p.add_argument(
            flag,
            action="store_true",
            help="no effect: every build streams (reports are not kept in memory) and writes "
            "every output; kept so that scripts written for earlier versions still run",
        )
    p.add_argument(
        "--spark-master",
        default="local[*]",
        help="Spark master URL for --engine spark (default: local[*])",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.pipeline import build

    def progress(i: int, n: int, path: Path) -> None:
        if not args.quiet:
            print(f"[{i}/{n}] {path}", file=sys.stderr)

    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.run.engines import ExtractOptions

    check_output_folder(args.out)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    extraction = ExtractOptions(
        jobs=args.jobs,
        engine=args.engine,
        spark_master=args.spark_master,
        cache_dir=args.out / ".cache" if args.cache else None,
        shards_dir=args.out / "shards" if args.engine == "spark" else None,
    )
    try:
        result = build(
            args.paths,
            args.out,
            formats=formats,
            validate_graph=not args.no_validate,
            strict=args.strict,
            progress=progress,
            extraction=extraction,
            addresses=args.addresses,
        )
        print_summary(result, quiet=args.quiet)
    except KeyboardInterrupt:
        # The outputs are switched in with one rename at the very end of build(): say
        # which side of it the interrupt fell on.
        if _switched_in_by_this_build(args.out):
            print(f"kg: interrupted; the outputs in {args.out} are complete", file=sys.stderr)
        else:
            print(
                f"kg: interrupted; nothing was written: the outputs in {args.out} are those "
                "of the previous build, if any",
                file=sys.stderr,
            )
        return 130
    if result.validation is not None and not result.validation.conforms:
        return EXIT_INVALID
    return EXIT_SKIPPED if any(p.category == "skipped" for p in result.problems) else 0


def _switched_in_by_this_build(out: Path) -> bool:
    """Whether ``out``'s current outputs are this process's (kg.output.outset names them)."""
    try:
        current = os.readlink(out / ".kg" / "current")
    except OSError:
        return False
    return current.startswith(f"build-{os.getpid()}-")


def print_summary(result: BuildResult, quiet: bool = False) -> None:
    s = result.summary()
    print(f"reports read: {s['reports']}    triples: {s['triples']}")
    wanted = (
        "Town",
        "Village",
        "Official",
        "Position",
        "Organization",
        "Law",
        "Initiative",
        "Indicator",
        "Problem",
        "CandidateMechanism",
        "Mention",
    )
    print("entities: " + ", ".join(f"{k} {s['entities'].get(k, 0)}" for k in wanted))
    facts = s["triples_by_predicate"]
    print(
        "town facts: "
        + ", ".join(
            f"{k} {facts.get(k, 0)}"
            for k in ("adopts", "plans", "reportsWeakness", "cites", "hasInitiative")
        )
    )
    if result.validation is not None:
        bad = [v for v in result.validation.violations if v.severity == "Violation"]
        print(f"SHACL: {'conforms' if not bad else f'{len(bad)} violations'}")
    counts = s["problems"]
    print(
        f"problems: {len(result.problems) or 'none'}"
        + (" (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")" if counts else "")
    )
    for p in result.problems:
        print(f"  {p.category:8} {p.path}: {p.reason}")
    if not quiet:
        for path in result.outputs.values():
            print(f"wrote {path}")
