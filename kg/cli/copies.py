"""``kg copies``: passages reports share beyond expected reuse (跨地抄, 跨时抄)."""

from __future__ import annotations

import dataclasses
import textwrap
from typing import TYPE_CHECKING

from kg.chars import display_width
from kg.cli.profile_source import add_source_argument, load_profiles
from kg.errors import InputError, UsageError

if TYPE_CHECKING:
    import argparse

    from kg.analysis.copies import CopyPair

KINDS = ("cross-unit", "cross-year", "same-year", "unknown-unit", "all")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "copies",
        help="passages reports share beyond expected reuse (跨地抄, 跨时抄)",
        description="Find passages two reports share: between units (跨地抄) and between one "
        "unit's years (跨时抄). Quotations of national texts, 《》 titles, stock phrases and "
        "passages found in many units' reports are expected reuse, not copying. Prints the "
        "pairs (--show N prints the top N side by side from the source files); writes "
        "copies.csv with the passages' offsets into both files.",
    )
    add_source_argument(p)
    p.add_argument(
        "--kind", choices=KINDS, default="all", help="which pairs to list (default: all)"
    )
    p.add_argument(
        "--min-chars",
        type=int,
        default=None,
        metavar="N",
        help="a pair shares at least N letters (default: 80)",
    )
    p.add_argument(
        "--min-passage",
        type=int,
        default=None,
        metavar="N",
        help="a passage has at least N letters (default: 40)",
    )
    p.add_argument(
        "--common",
        type=int,
        default=None,
        metavar="N",
        help="a passage in N or more units' reports is expected reuse "
        "(default: 10, or 0.5%% of the units if more)",
    )
    p.add_argument("--top", type=int, default=20, metavar="K", help="print K pairs (default: 20)")
    p.add_argument(
        "--show",
        type=int,
        default=0,
        metavar="N",
        help="print the passages of the top N pairs side by side, read from the source files",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.analysis.copies import CopyOptions
    from kg.files import atomic_write
    from kg.output.research import copies_csv, text_table

    options = CopyOptions()
    changes = {
        "min_shared": args.min_chars,
        "min_passage": args.min_passage,
        "common_units": args.common,
    }
    for name, value in changes.items():
        if value is not None:
            if value < 1:
                raise UsageError(f"--{name.replace('_', '-')} must be at least 1, not {value}")
            options = dataclasses.replace(options, **{name: value})
    if args.top < 0 or args.show < 0:
        raise UsageError("--top and --show must be 0 or more")
    source = load_profiles(args.source, args.out)
    result = source.copies(options)
    pairs = [p for p in result.pairs if args.kind in ("all", p.kind)]
    print(
        f"{result.reports} reports of {result.units} units, {result.fingerprints} fingerprints; "
        f"a passage in {result.common_threshold} or more units is expected reuse "
        f"({result.common_fingerprints} fingerprints); {result.candidate_pairs} pairs share a "
        f"rare fingerprint, {len(pairs)} share {options.min_shared} letters or more"
        + (f" ({args.kind})" if args.kind != "all" else "")
    )
    if pairs and args.top:
        print(
            text_table(
                (
                    "unit a",
                    "year",
                    "unit b",
                    "year",
                    "kind",
                    "shared",
                    "share a",
                    "share b",
                    "longest",
                    "passages",
                ),
                (
                    (
                        p.unit_a.label,
                        p.year_a,
                        p.unit_b.label,
                        p.year_b,
                        p.kind,
                        p.shared_chars,
                        f"{p.share_a:.0%}",
                        f"{p.share_b:.0%}",
                        p.longest_passage,
                        len(p.passages),
                    )
                    for p in pairs[: args.top]
                ),
            )
        )
    for pair in pairs[: args.show]:
        print(side_by_side(pair))
    print(f"wrote {atomic_write(source.out / 'copies.csv', copies_csv(pairs))}")
    return 0


def side_by_side(pair: CopyPair, width: int = 36) -> str:
    """The passages of a pair in two columns, read from the two source files."""
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.ingest.read import read_report

    texts = []
    for path in (pair.path_a, pair.path_b):
        try:
            texts.append(read_report(path).raw)
        except (InputError, OSError) as exc:
            return f"\n{pair.path_a} | {pair.path_b}: cannot read the source file ({exc})"
    lines = [
        "",
        f"== {pair.unit_a.label} {pair.year_a or ''} ({pair.path_a})",
        f"   {pair.unit_b.label} {pair.year_b or ''} ({pair.path_b})",
    ]
    for i, p in enumerate(pair.passages, 1):
        left = textwrap.wrap(" ".join(texts[0][p.a_start : p.a_end].split()), width)
        right = textwrap.wrap(" ".join(texts[1][p.b_start : p.b_end].split()), width)
        lines.append(
            f"-- passage {i}: {p.letters} letters, a {p.a_start}-{p.a_end}, b {p.b_start}-{p.b_end}"
        )
        for j in range(max(len(left), len(right))):
            a = left[j] if j < len(left) else ""
            b = right[j] if j < len(right) else ""
            lines.append(f"{_pad(a, 2 * width)} | {b}")
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))
