"""``kg query``: run SPARQL (a file, a named query or text) on a built graph."""

from __future__ import annotations

from pathlib import Path

from kg.cli.common import load_graph
from kg.errors import UsageError


def register(sub) -> None:
    p = sub.add_parser("query", help="run a SPARQL query on a built graph",
                       description="Run a query file, a named query (--name) or SPARQL text (-e) "
                                   "on graph.ttl; --list shows the named queries.")
    p.add_argument("graph", type=Path, nargs="?", help="an output folder or a .ttl file")
    p.add_argument("query_file", nargs="?", type=Path, help="a .rq file")
    p.add_argument("-n", "--name", help="a named query from queries/ (see --list)")
    p.add_argument("-e", "--expression", help="SPARQL text")
    p.add_argument("-p", "--param", action="append", default=[], metavar="VAR=VALUE",
                   help="bind a named query's parameter, e.g. mechanismLabel=枫桥经验")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.set_defaults(run=run)


def run(args) -> int:
    from kg.sparql import format_table, list_queries, load_query, run_query

    if args.list:
        for q in list_queries():
            print(f"{q.name:28} {q.description}")
        return 0
    bindings = {}
    if args.name:
        named = load_query(args.name)
        text, bindings = named.text, dict(named.params)
    chosen = [x for x in (args.query_file, args.name, args.expression) if x]
    if args.graph is None or len(chosen) != 1:
        raise UsageError("give a graph and exactly one of QUERY_FILE, --name or -e "
                         "(e.g. kg query outputs --name officials_by_town)")
    if not args.name:
        text = args.expression or args.query_file.read_text("utf-8")
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param {item!r}: write VAR=VALUE, e.g. mechanismLabel=枫桥经验")
        bindings[name.strip()] = value.strip()
    print(format_table(run_query(load_graph(args.graph), text, bindings)))
    return 0
