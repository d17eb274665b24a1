"""The ``kg`` command: parse options, call one library function, report.

Each sub-command lives in its own module here with a ``register(subparsers)``
function; :data:`COMMANDS` lists them in the order ``kg --help`` shows.

Exit codes: 0 success; 1 some input files were skipped (see problems.jsonl);
2 a file could not be read under ``--strict``; 3 the graph does not conform
to the SHACL shapes; 64 bad usage; 65 a broken vocabulary or ontology file;
130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg.errors import FazhiError

#: Sub-command modules, in help order.
COMMANDS = (
    "build",
    "validate",
    "query",
    "cooccur",
    "towns",
    # research analyses (issue 16)
    "scorecard",
    "copies",
    "compare",
    "diffusion",
    "indicators",
    "eval",
    "vocab",
    "serve",
)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Turn township rule-of-law reports (法治政府建设年度报告) into a knowledge graph.",
        epilog="Run `kg COMMAND --help` for a command's options.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"kg.cli.{name}").register(sub)
    return parser


if __name__ == "__main__":
    sys.exit(main())
