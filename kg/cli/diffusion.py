"""``kg diffusion``: when each unit first names each mechanism; adoption curves; the panel."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kg.cli.profile_source import add_source_argument, load_profiles
from kg.errors import UsageError

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diffusion",
        help="first years, adoption curves, unit-year-mechanism panel",
        description="Diffusion of mechanisms: the first year each unit names (and adopts) each "
        "mechanism, cumulative adoption curves by county, city or province, and the long "
        "unit-year-mechanism-stance panel for event-history models. Prints the adoption "
        "curves of the most adopted mechanisms; writes panel.csv, first_years.csv and "
        "adoption-LEVEL.csv.",
    )
    add_source_argument(p)
    p.add_argument(
        "--level",
        default="all",
        help="areas of the adoption curves: all (the whole corpus, the default), province, "
        "city or county",
    )
    p.add_argument(
        "--stance",
        choices=("adopted", "any"),
        default="adopted",
        help="adoption is the first year a unit reports the mechanism adopted, or names "
        "it at all (default: adopted)",
    )
    p.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="K",
        help="print the K most adopted mechanisms of each area (default: 10)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: `kg --help` and the other commands start without it.
    from kg.analysis.diffusion import (
        AdoptionRow,
        FirstYearRow,
        PanelRow,
        adoption_curves,
        first_years,
        panel_rows,
    )
    from kg.files import atomic_write
    from kg.output.research import rows_csv, text_table

    if args.top < 1:
        raise UsageError(f"--top must be at least 1, not {args.top}")
    source = load_profiles(args.source, args.out)
    curves = adoption_curves(source.profiles(), args.level, args.stance)
    years = sorted({r.year for r in curves})
    final: dict[tuple[str, str], int] = defaultdict(int)
    table: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for r in curves:
        table[(r.area, r.mechanism_label)][r.year] = f"{r.adopters}/{r.units}"
        final[(r.area, r.mechanism_label)] = max(final[(r.area, r.mechanism_label)], r.adopters)
    # the K most adopted mechanisms of each area (of the whole corpus for --level all)
    by_area: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in sorted(final, key=lambda k: (k[0], -final[k], k[1])):
        by_area[key[0]].append(key)
    top = [key for keys in by_area.values() for key in keys[: args.top]]
    print(f"units that have reported the mechanism {args.stance} by each year / units observed:")
    print(
        text_table(
            ("area", "mechanism", *map(str, years)),
            (
                (area, label, *(table[(area, label)].get(y, "") for y in years))
                for area, label in top
            ),
        )
    )
    written = [
        atomic_write(source.out / "panel.csv", rows_csv(panel_rows(source.profiles()), PanelRow)),
        atomic_write(
            source.out / "first_years.csv", rows_csv(first_years(source.profiles()), FirstYearRow)
        ),
        atomic_write(source.out / f"adoption-{args.level}.csv", rows_csv(curves, AdoptionRow)),
    ]
    for path in written:
        print(f"wrote {path}")
    return 0
