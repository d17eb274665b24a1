"""The ``kg`` command: parse options, call one library function, report.

Exit codes: 0 all reports read; 1 some files skipped (see problems.jsonl);
2 a file could not be read under --strict; 3 the graph failed its SHACL
shapes; 64 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import FazhiError

EXIT_SKIPPED = 1
EXIT_INVALID = 3


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 64
    try:
        return args.run(args)
    except FazhiError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; earlier outputs were left as they were", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Turn township rule-of-law reports (法治政府建设年度报告) into a knowledge graph.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = sub.add_parser("build", help="build the graph, HTML view and co-occurrence table",
                           description="Read report files and folders (.txt in UTF-8/GB18030, .html), "
                                       "extract entities and write graph.ttl, graph.html, "
                                       "cooccurrence.csv, problems.jsonl and summary.json.")
    build.add_argument("paths", nargs="+", type=Path, help="report files or folders (searched recursively)")
    build.add_argument("-o", "--out", type=Path, default=Path("outputs"),
                       help="output folder (default: outputs/)")
    build.add_argument("--formats", default="ttl,html,cooccurrence,problems,summary",
                       help="comma-separated outputs to write (default: all)")
    build.add_argument("--no-validate", action="store_true", help="skip the SHACL check")
    build.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    build.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    build.set_defaults(run=_run_build)

    validate = sub.add_parser("validate", help="check a graph against the SHACL shapes")
    validate.add_argument("graph", type=Path, help="an output folder or a .ttl file")
    validate.set_defaults(run=_run_validate)

    query = sub.add_parser("query", help="run a SPARQL query on a built graph",
                           description="Run a query file, a named query (--name) or SPARQL text (-e) "
                                       "on graph.ttl; --list shows the named queries.")
    query.add_argument("graph", type=Path, nargs="?", help="an output folder or a .ttl file")
    query.add_argument("query_file", nargs="?", type=Path, help="a .rq file")
    query.add_argument("-n", "--name", help="a named query from queries/ (see --list)")
    query.add_argument("-e", "--expression", help="SPARQL text")
    query.add_argument("-p", "--param", action="append", default=[], metavar="VAR=VALUE",
                       help="bind a named query's parameter, e.g. mechanismLabel=枫桥经验")
    query.add_argument("--list", action="store_true", help="list the named queries")
    query.set_defaults(run=_run_query)
    return parser


def _run_build(args) -> int:
    from kg.pipeline import build

    def progress(i: int, n: int, path: Path) -> None:
        if not args.quiet:
            print(f"[{i}/{n}] {path}", file=sys.stderr)

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    result = build(args.paths, args.out, formats=formats, validate_graph=not args.no_validate,
                   strict=args.strict, progress=progress)
    _print_summary(result)
    if result.validation is not None and not result.validation.conforms:
        return EXIT_INVALID
    return EXIT_SKIPPED if any(p.category == "skipped" for p in result.problems) else 0


def _print_summary(result) -> None:
    s = result.summary()
    print(f"reports read: {s['reports']}    triples: {s['triples']}")
    wanted = ("Town", "Village", "Official", "Position", "Organization", "Law", "Initiative",
              "Indicator", "Problem", "CandidateMechanism", "Mention")
    print("entities: " + ", ".join(f"{k} {s['entities'].get(k, 0)}" for k in wanted))
    adopts = s["triples_by_predicate"]
    print("town facts: " + ", ".join(f"{k} {adopts.get(k, 0)}" for k in
                                     ("adopts", "plans", "reportsWeakness", "cites", "hasInitiative")))
    if result.validation is not None:
        bad = [v for v in result.validation.violations if v.severity == "Violation"]
        print(f"SHACL: {'conforms' if not bad else f'{len(bad)} violations'}")
    if result.problems:
        print(f"problems: {len(result.problems)}")
        for p in result.problems:
            print(f"  {p.category:8} {p.path}: {p.reason}")
    else:
        print("problems: none")
    for name, path in result.outputs.items():
        print(f"wrote {path}")


def _load_graph(path: Path):
    from rdflib import Graph

    from kg.errors import UsageError
    ttl = path / "graph.ttl" if path.is_dir() else path
    if not ttl.is_file():
        raise UsageError(f"{path}: no graph here; give an output folder of `kg build` or a .ttl file")
    return Graph().parse(ttl, format="turtle")


def _run_validate(args) -> int:
    from kg.validate import validate
    report = validate(_load_graph(args.graph))
    for v in report.violations:
        print(f"{v.severity}: {v.focus} {v.path}: {v.message}")
    print("conforms" if report.conforms else "does not conform")
    return 0 if report.conforms else EXIT_INVALID


def _run_query(args) -> int:
    from kg.sparql import format_table, list_queries, load_query, run_query
    if args.list:
        for q in list_queries():
            print(f"{q.name:28} {q.description}")
        return 0
    from kg.errors import UsageError
    chosen = [x for x in (args.query_file, args.name, args.expression) if x]
    if args.graph is None or len(chosen) != 1:
        raise UsageError("give a graph and exactly one of QUERY_FILE, --name or -e "
                         "(kg query outputs --name officials_by_town)")
    bindings = {}
    if args.name:
        named = load_query(args.name)
        text, bindings = named.text, dict(named.params)
    else:
        text = args.expression or args.query_file.read_text("utf-8")
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param {item!r}: write VAR=VALUE, e.g. mechanismLabel=枫桥经验")
        bindings[name.strip()] = value.strip()
    print(format_table(run_query(_load_graph(args.graph), text, bindings)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
