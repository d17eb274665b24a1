"""Where ``kg scorecard``, ``kg copies``, ``kg compare``, ``kg diffusion`` and ``kg indicators``
read report profiles from: an output folder of ``kg build``, or report files read now."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse

    from kg.analysis.copies import CopyOptions, CopyResult
    from kg.analysis.records import ReportProfile

__all__ = ["ProfileSource", "add_source_argument", "load_profiles"]


def add_source_argument(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument(
        "source",
        nargs=nargs,
        type=Path,
        metavar="OUT_OR_REPORTS",
        help="an output folder of `kg build` (it holds profiles.jsonl), or report files and "
        "folders to read now" + (" (default: outputs/)" if nargs == "*" else ""),
    )
    p.add_argument(
        "-o",
        "--out",
        type=Path,
        default=None,
        help="where to write the files (default: the output folder read; outputs/ when "
        "reading reports)",
    )


@dataclass
class ProfileSource:
    """Report profiles from a build's folder (read lazily) or from reports (kept in memory)."""

    folder: Path | None
    out: Path
    kept: list[ReportProfile] = field(default_factory=list)

    def profiles(self, fingerprints: bool = False) -> Iterator[ReportProfile]:
        if self.folder is not None:
            # Imported when the command runs: `kg --help` and the other commands start without it.
            from kg.analysis.profile import read_profiles

            return read_profiles(self.folder, fingerprints)
        return iter(self.kept)

    def copies(self, options: CopyOptions) -> CopyResult:
        """Copy detection over every profile (a build's fingerprints as a memory map)."""
        # Imported when the command runs: `kg --help` and the other commands start without it.
        from kg.analysis.copies import copies_in_table, find_copies
        from kg.analysis.profile import fingerprint_table

        if self.folder is not None:
            return copies_in_table(*fingerprint_table(self.folder), options)
        return find_copies(self.kept, options)


def load_profiles(paths: list[Path], out: Path | None) -> ProfileSource:
    """One output folder holding profiles.jsonl is read from; anything else is read as reports."""
    if len(paths) == 1 and paths[0].is_dir() and (paths[0] / "profiles.jsonl").is_file():
        return ProfileSource(paths[0], out or paths[0])
    if len(paths) == 1 and paths[0].is_dir() and (paths[0] / "graph.ttl").is_file():
        raise UsageError(
            f"{paths[0]}: this output folder has no profiles.jsonl (built by an older "
            "version, or without --formats profiles); build it again"
        )
    # Imported when the command runs: `kg --help` and the other commands start without them.
    from kg.analysis.profile import report_profile
    from kg.ingest.inputs import collect_inputs
    from kg.model import ExtractedReport
    from kg.pipeline import extract_all
    from kg.run.report import not_a_report

    files, problems = collect_inputs(paths)
    kept: list[ReportProfile] = []
    seen: dict[str, Path] = {}  # report id -> the first file with that content
    for path, outcome in extract_all(files):
        if not isinstance(outcome, ExtractedReport):
            print(f"kg: skipped: {path}: {outcome}", file=sys.stderr)
            continue
        reason = not_a_report(outcome)
        if reason:
            print(f"kg: skipped: {path}: {reason}", file=sys.stderr)
            continue
        profile = report_profile(outcome)
        if profile.report in seen:
            print(
                f"kg: skipped: {path}: duplicate: same content as {seen[profile.report]}",
                file=sys.stderr,
            )
            continue
        seen[profile.report] = path
        kept.append(profile)
    for problem in problems:
        print(f"kg: {problem.category}: {problem.path}: {problem.reason}", file=sys.stderr)
    if not kept:
        raise UsageError(
            f"no report could be read from {', '.join(map(str, paths))}: give an output "
            "folder of `kg build`, or report files and folders"
        )
    return ProfileSource(None, out or Path("outputs"), kept)
