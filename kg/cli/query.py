"""``kg query``: run SPARQL (a file, a named query or text) on a built graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse

    from kg.query.sparql import QueryResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.query.sparql import FORMATS
    from kg.query.store import ENGINES

    p = sub.add_parser(
        "query",
        help="run a SPARQL query on a built graph",
        description="Run a SPARQL 1.1 query file, a named query (--name) or SPARQL "
        "text (-e) on a built graph (an output folder's graph.ttl, or "
        "a .ttl/.nt/.trig/.jsonld file); --list shows the named queries. "
        "Prefixes fz:, fzid:, fzm:, skos:, rdfs: ... need no PREFIX line.",
    )
    p.add_argument("graph", type=Path, nargs="?", help="an output folder or a graph file")
    p.add_argument("query_file", nargs="?", type=Path, help="a .rq file")
    p.add_argument("-n", "--name", help="a named query from queries/ (see --list)")
    p.add_argument("-e", "--expression", help="SPARQL text")
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="VAR=VALUE",
        help="bind a parameter, e.g. mechanismLabel=枫桥经验 or, for -e and files, "
        "minTowns:integer=3 (repeatable)",
    )
    p.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="table",
        help="table (default), csv, tsv or json (W3C SPARQL results formats); "
        "turtle or nt for CONSTRUCT/DESCRIBE",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="query engine (default: oxigraph, fast at every size; rdflib for comparison)",
    )
    p.add_argument("--max-rows", type=int, metavar="N", help="show at most N rows")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.query.sparql import list_queries, render
    from kg.query.store import query_file

    if args.list:
        for q in list_queries():
            shown = " ".join(f"{p.name}={p.default or '(all)'}" for p in q.typed_params)
            print(f"{q.name:26} {q.description}" + (f"  [{shown}]" if shown else ""))
        return 0
    chosen = [x for x in (args.query_file, args.name, args.expression) if x]
    if args.graph is None or len(chosen) != 1:
        raise UsageError(
            "give a graph and exactly one of QUERY_FILE, --name or -e "
            "(e.g. kg query outputs --name officials_by_town)"
        )
    params: dict[str, str] = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {item!r}: write VAR=VALUE, e.g. mechanismLabel=枫桥经验")
        params[name.strip()] = value.strip()
    text = None
    if args.expression:
        text = args.expression
    elif args.query_file:
        try:
            text = args.query_file.read_text("utf-8")
        except OSError as exc:
            raise UsageError(
                f"{args.query_file}: cannot read the query file ({exc.strerror})"
            ) from exc
    result = query_file(
        args.graph, text, name=args.name, params=params, engine=args.engine, max_rows=args.max_rows
    )
    sys.stdout.write(render(result, args.format).rstrip("\n") + "\n")
    sys.stdout.flush()  # the notes come after the rows, also where both go to one pipe
    for note in notes(args.name, params, result, args.format):
        print(f"kg: note: {note}", file=sys.stderr)
    return 0


def notes(name: str | None, params: dict[str, str], result: QueryResult, fmt: str) -> list[str]:
    """What narrowed the rows without being asked: a unit or label a named query's
    default chose, and rows ``--max-rows`` left out (the table says that itself)."""
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.query.sparql import load_query

    found = []
    if name is not None:
        for param in load_query(name).typed_params:
            if param.default and param.name not in params and param.type in NARROWING_TYPES:
                found.append(
                    f"{param.name}={param.default} (the default): -p {param.name}=... for "
                    f"another, -p {param.name}= for all"
                )
    if result.truncated and fmt != "table":
        found.append(
            f"the first {len(result.rows):,} rows: more were left out (without --max-rows, all)"
        )
    return found


#: Parameter types whose default picks a unit or a label (a number is a threshold).
NARROWING_TYPES = ("zh", "string", "iri")
