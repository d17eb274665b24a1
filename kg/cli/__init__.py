"""The ``kg`` command: parse options, call one library function, report.

Each sub-command lives in its own module here with a ``register(subparsers)``
function; :data:`COMMANDS` lists them in the order ``kg --help`` shows.

Exit codes: 0 success; 1 some input files were skipped (see problems.jsonl);
2 a file could not be read under ``--strict``; 3 the graph does not conform
to the SHACL shapes; 64 bad usage (an unknown option too); 65 a broken
vocabulary or ontology file; 73 the outputs cannot be written; 130
interrupted; 141 the output pipe was closed (``kg ... | head``).

Whatever goes wrong ends in one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from typing import NoReturn

from kg.errors import FazhiError, OutputError, UsageError

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

#: Exit code when the reader of our output went away (a shell's code for SIGPIPE).
EXIT_BROKEN_PIPE = 141


def main(argv: list[str] | None = None) -> int:
    try:
        argv = sys.argv[1:] if argv is None else argv
        parser = build_parser(_command_of(argv))
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help()
            return UsageError.exit_code
        code: int = args.run(args)  # each command's run(args) gives its exit code
        return code
    except FazhiError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; earlier outputs were left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `kg cooccur ... | head` closed the pipe: stop quietly, and keep Python's
        # flush at exit from failing on the closed stdout again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except RecursionError:
        print("kg: error: input nested too deeply to process", file=sys.stderr)
        return UsageError.exit_code
    except OSError as exc:
        # Inputs are read with their own errors; what is left is writing the outputs.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"kg: error: cannot write {where}{exc.strerror or exc}", file=sys.stderr)
        return OutputError.exit_code


def console() -> NoReturn:
    """The ``kg`` program: :func:`main`, then exit.

    The loaded vocabularies and gazetteer are millions of objects, and the
    interpreter's collections at exit walk every one: 0.6-0.8 s of each build,
    a sixth of building the examples.  Frozen first, they are skipped; they are
    still freed, and files and exit handlers close as ever.  (:func:`main` leaves
    them alone: a test or a notebook goes on in its process.)
    """
    code = main()
    gc.freeze()
    sys.exit(code)


class _Parser(argparse.ArgumentParser):
    """argparse with bad usage ending as every other usage error: one line, exit 64."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            UsageError.exit_code,
            f"kg: error: {message} (see `{self.prog} --help`)\n",
        )


def _command_of(argv: list[str]) -> str | None:
    """The command ``argv`` runs, if it names one (``kg`` has no options of its own
    before the command, so that is the first word)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``kg`` parser: with ``command``, only that command's module is imported
    and registered (each imports what it needs: `kg query` starts without networkx
    or numpy); without, every command, for ``kg --help``."""
    parser = _Parser(
        prog="kg",
        description="Turn township rule-of-law reports (法治政府建设年度报告) into a knowledge graph.",
        epilog="Run `kg COMMAND --help` for a command's options.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (command,) if command else COMMANDS:
        importlib.import_module(f"kg.cli.{name}").register(sub)
    return parser


if __name__ == "__main__":
    console()
