"""Inputs: the report files a list of files and folders holds, and the ones that will not be read.

A folder is searched recursively.  What is not read is said, file by file, as a
:class:`~kg.model.Problem`; only hidden files of other types (``.DS_Store``) and
hidden folders (``.git``, ``.cache``) are passed over without a word.  Folders
that hold the outputs of a build are not read (their HTML and tables are not
reports), and neither are Markdown files in folders (a README is not a report)
unless named on their own.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("a.txt", "b.html", "c.xls", ".hidden", "README.md"):
...     _ = (d / name).write_text("x", "utf-8")
>>> files, problems = collect_inputs([d, d / "missing.txt"])
>>> [f.name for f in files], [(pathlib.Path(p.path).name, p.category) for p in problems]
(['a.txt', 'b.html'], [('README.md', 'skipped'), ('c.xls', 'skipped'), ('missing.txt', 'skipped')])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.errors import UsageError
from kg.ingest.formats import REFUSED_SUFFIXES
from kg.ingest.read import SUPPORTED_SUFFIXES
from kg.model import Problem

__all__ = ["OUTPUT_MARKERS", "collect_inputs", "is_output_folder", "no_report_read", "shown"]

#: Suffixes read only when the file is named on its own, not when found in a folder.
NAMED_ONLY_SUFFIXES = {".md": "a Markdown file (a README or notes, seldom a report)"}

#: A folder holding ``summary.json`` and one of the others is the output folder of a
#: build (``kg build -o``); its pages and tables are not reports.
OUTPUT_MARKERS = ("summary.json", ("problems.jsonl", "graph.ttl", "graph.nt"))


def collect_inputs(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()
) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders (recursively) into report files, sorted.

    Parameters
    ----------
    paths : iterable of str or Path
        Report files and folders.  A file named here is read whatever its
        name; in a folder, Markdown and hidden files are not.
    exclude : iterable of str or Path
        Folders never to read, such as the build's own output folder, and files
        that are no reports (the build's address table, ``--addresses``).

    Returns
    -------
    files, problems
        The files to read, and a problem for each file or folder that will
        not be read (or is read with a doubt).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    excluded = {_real(p) for p in exclude}
    for raw in paths:
        path = Path(raw)
        if not _utf8(str(path)):
            problems.append(_bad_name(path))
        elif path.is_dir():
            _walk(path, files, problems, excluded)
        elif path.exists():
            _add_file(path, files, problems, named=True)
        elif path.is_symlink():
            problems.append(Problem(str(path), "skipped", "broken or looping symbolic link"))
        else:
            problems.append(Problem(str(path), "skipped", "no such file or folder"))
    return sorted(set(files)), problems


def _walk(top: Path, files: list[Path], problems: list[Problem], excluded: set[str]) -> None:
    """Add the report files under ``top``, walking with a stack: any depth, no recursion."""
    root = _real(top)
    # (folder, its real path): links to folders are not followed, so a folder's real path is
    # its parent's and its name; realpath on each would lstat every level, quadratic in depth.
    stack = [(top, root)]
    while stack:
        folder, real = stack.pop()
        if real in excluded:
            problems.append(_not_read(folder, "the output folder of this build"))
            continue
        if is_output_folder(folder):
            problems.append(_not_read(folder, "the output folder of an earlier build"))
            continue
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem(
                    shown(folder),
                    "skipped",
                    f"folder not read: {exc.strerror or exc}; its files are not in the graph",
                )
            )
            continue
        below = []
        for entry in entries:
            path = Path(entry.path)
            if not _utf8(entry.name):
                problems.append(_bad_name(path))
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_link = entry.is_symlink()
            except OSError:
                is_dir = is_link = False
            if is_dir:
                if not entry.name.startswith("."):
                    below.append((path, os.path.join(real, entry.name)))
            elif is_link and path.is_dir():
                # Not followed: a link to a parent folder would loop for ever.
                problems.append(
                    Problem(
                        str(path),
                        "warning",
                        "symbolic link to a folder not followed; pass its target to read it",
                    )
                )
            elif entry.name.startswith("."):
                if Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES:
                    problems.append(
                        Problem(
                            str(path),
                            "skipped",
                            "hidden file (its name starts with a dot) in a folder: not read; "
                            "pass it by name to read it",
                        )
                    )
            elif is_link and not path.exists():
                problems.append(Problem(str(path), "skipped", "broken or looping symbolic link"))
            elif os.path.join(real, entry.name) in excluded:
                continue  # a file the build reads otherwise (its address table)
            else:
                if is_link:
                    _check_link_target(path, root, problems)
                _add_file(path, files, problems, named=False)
        stack.extend(reversed(below))


def _check_link_target(path: Path, root: str, problems: list[Problem]) -> None:
    """Warn of a symbolic link that leads out of the folder being read."""
    target = _real(path)
    if not (target == root or target.startswith(root.rstrip(os.sep) + os.sep)):
        problems.append(
            Problem(
                str(path),
                "warning",
                f"symbolic link to a file outside {shown(Path(root))}: read from {shown(target)}",
            )
        )


def _add_file(path: Path, files: list[Path], problems: list[Problem], *, named: bool) -> None:
    suffix = path.suffix.lower()
    if suffix in NAMED_ONLY_SUFFIXES and not named:
        problems.append(
            Problem(
                str(path),
                "skipped",
                f"{NAMED_ONLY_SUFFIXES[suffix]} in a folder: not read; pass it by name "
                "to read it as a report",
            )
        )
    elif suffix in SUPPORTED_SUFFIXES or suffix in REFUSED_SUFFIXES:
        files.append(path)  # read_report refuses .doc with the fix
    else:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        problems.append(
            Problem(
                str(path),
                "skipped",
                f"unsupported file type {suffix or '(none)'}: use {supported}",
            )
        )


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds the outputs of a build (see :data:`OUTPUT_MARKERS`)."""
    first, others = OUTPUT_MARKERS
    try:
        return (folder / first).is_file() and any((folder / name).is_file() for name in others)
    except OSError:
        return False


def _not_read(folder: Path, what: str) -> Problem:
    return Problem(
        shown(folder), "warning", f"{what}: not read as reports; pass its files to read them"
    )


def no_report_read(paths: Sequence[str | Path], problems: Sequence[Problem]) -> UsageError:
    """The error for a build that read no report at all: nothing is written, exit 64.

    A typo in the input path must not replace a good graph with an empty one.
    The message names what was given and the first reason files were not read.

    Examples
    --------
    >>> no_report_read(["sedes"], [Problem("sedes", "skipped", "no such file or folder")])
    UsageError('no report read from sedes (sedes: no such file or folder); nothing was written')
    """
    given = ", ".join(shown(Path(p)) for p in paths[:3]) + (" ..." if len(paths) > 3 else "")
    # Files tried and failed come last in ``problems``; their reasons say most.
    reasons = [p for p in problems if p.category == "skipped"][::-1] or list(problems)
    if reasons:
        shown_reasons = "; ".join(f"{p.path}: {p.reason}" for p in reasons[:2])
        more = f"; {len(reasons) - 2} more not read" if len(reasons) > 2 else ""
        why = f" ({shown_reasons}{more})"
    else:
        why = " (no .txt, .html, .docx or .pdf files there)"
    return UsageError(f"no report read from {given}{why}; nothing was written")


def shown(path: Path | str) -> str:
    """A path as it can be printed and written to UTF-8 files: bytes that are not
    UTF-8 shown as ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bad_name(path: Path) -> Problem:
    return Problem(
        shown(path),
        "skipped",
        "name is not valid UTF-8 (written in another encoding?): not read; rename it",
    )


def _real(path: str | Path) -> str:
    return os.path.realpath(path)
