"""Inputs: the report files a list of files and folders holds, and the ones that will not be read.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("a.txt", "b.html", "c.xls", ".hidden.txt"):
...     _ = (d / name).write_text("x", "utf-8")
>>> files, problems = collect_inputs([d, d / "missing.txt"])
>>> [f.name for f in files], [(pathlib.Path(p.path).name, p.category) for p in problems]
(['a.txt', 'b.html'], [('c.xls', 'skipped'), ('missing.txt', 'skipped')])
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kg.ingest.formats import REFUSED_SUFFIXES
from kg.ingest.read import SUPPORTED_SUFFIXES
from kg.model import Problem

__all__ = ["collect_inputs"]


def collect_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders (recursively) into report files, sorted.

    Unsupported files inside folders are passed over quietly only when they
    are hidden; every other file that is not read is reported as a problem.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in dirs:
                    if (Path(root) / name).is_symlink():
                        # os.walk does not follow it (a link to a parent would loop for ever).
                        problems.append(
                            Problem(
                                str(Path(root) / name),
                                "warning",
                                "symbolic link to a folder not followed; "
                                "pass its target to read it",
                            )
                        )
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    _add_file(Path(root) / name, files, problems)
        elif path.exists():
            _add_file(path, files, problems)
        elif path.is_symlink():
            problems.append(Problem(str(path), "skipped", "broken or looping symbolic link"))
        else:
            problems.append(Problem(str(path), "skipped", "no such file or folder"))
    return sorted(set(files)), problems


def _add_file(path: Path, files: list[Path], problems: list[Problem]) -> None:
    if path.suffix.lower() in SUPPORTED_SUFFIXES or path.suffix.lower() in REFUSED_SUFFIXES:
        files.append(path)  # read_report refuses .doc with the fix
    else:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        problems.append(
            Problem(
                str(path),
                "skipped",
                f"unsupported file type {path.suffix or '(none)'}: use {supported}",
            )
        )
