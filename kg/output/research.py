"""Tables of the research analyses: scorecards, copies, changes, the panel, indicators.

Each ``*_csv`` function turns the rows of one analysis (:mod:`kg.analysis`)
into CSV text (UTF-8 with BOM, as every fazhi-kg table, so Excel shows
Chinese); :func:`text_table` prints rows for the terminal.  Nothing here
writes files or changes its input.

=======================  ==============================================================
scorecard.csv            one row per report: unit, year, the five parts, measures, grade
copies.csv               one row per pair of reports sharing passages, with their offsets
changes.csv              one row per change between a unit's report and its previous one
panel.csv                one row per unit, year, mechanism and stance
first_years.csv          the first year each unit names (and adopts) each mechanism
adoption.csv             cumulative adoption by area (all, province, city) and year
indicator_values.csv     every figure under its canonical indicator, with its evidence
indicator_series.csv     each unit's value of each indicator by year
=======================  ==============================================================

Examples
--------
>>> print(text_table(("unit", "score"), [("青禾镇", 86.0), ("白沙镇", None)]))
unit    score
------  -----
青禾镇  86.0
白沙镇
(2 rows)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from operator import attrgetter

from kg.analysis.changes import ChangeRow
from kg.analysis.copies import CopyPair
from kg.chars import display_width
from kg.output.tables import TableRow, csv_text

__all__ = [
    "CHANGES_COLUMNS",
    "COPIES_COLUMNS",
    "change_cells",
    "changes_csv",
    "copies_csv",
    "passages_text",
    "rows_csv",
    "text_table",
]


def _cell(value: object) -> object:
    return "" if value is None else value


def rows_csv(rows: Iterable[object], row_type: type[TableRow]) -> str:
    """CSV of dataclass rows: one column per field, in field order."""
    header = [f.name for f in fields(row_type)]
    # attrgetter, not dataclasses.astuple (which deep-copies every value); the csv writer
    # writes None as an empty cell
    return csv_text(header, map(attrgetter(*header), rows))


#: Columns of copies.csv: the pair, how much they share, the passages' offsets, then context.
COPIES_COLUMNS = (
    "report_a",
    "report_b",
    "unit_a",
    "unit_b",
    "shared_chars",
    "share_a",
    "share_b",
    "longest_passage",
    "passages",
    "kind",
    "year_a",
    "year_b",
    "county_a",
    "county_b",
    "province_a",
    "province_b",
    "file_a",
    "file_b",
)


def passages_text(pair: CopyPair) -> str:
    """The passages' offsets: ``a_start-a_end:b_start-b_end`` joined by ``;``."""
    return ";".join(f"{p.a_start}-{p.a_end}:{p.b_start}-{p.b_end}" for p in pair.passages)


def _file(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def copies_csv(pairs: Iterable[CopyPair]) -> str:
    """copies.csv: one row per pair; offsets point into the two source files."""
    return csv_text(
        COPIES_COLUMNS,
        (
            (
                p.report_a,
                p.report_b,
                p.unit_a.name,
                p.unit_b.name,
                p.shared_chars,
                p.share_a,
                p.share_b,
                p.longest_passage,
                passages_text(p),
                p.kind,
                _cell(p.year_a),
                _cell(p.year_b),
                p.unit_a.county,
                p.unit_b.county,
                p.unit_a.province,
                p.unit_b.province,
                _file(p.path_a),
                _file(p.path_b),
            )
            for p in pairs
        ),
    )


#: Columns of changes.csv: the change, then the evidence's words and offsets in both reports.
CHANGES_COLUMNS = (
    *(f.name for f in fields(ChangeRow) if not f.name.startswith("evidence")),
    "text_from",
    "start_from",
    "end_from",
    "text_to",
    "start_to",
    "end_to",
)


def change_cells(r: ChangeRow) -> list[object]:
    """One row of changes.csv."""
    values = [_cell(getattr(r, name)) for name in CHANGES_COLUMNS[:-6]]
    for ev in (r.evidence_from, r.evidence_to):
        values += [ev.text, ev.start, ev.end] if ev else ["", "", ""]
    return values


def changes_csv(rows: Iterable[ChangeRow]) -> str:
    """changes.csv: one row per change, with the evidence spans in both reports."""
    return csv_text(CHANGES_COLUMNS, map(change_cells, rows))


def text_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain-text table for the terminal; Chinese characters count two columns."""
    cells = [list(columns)] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(columns))]
    lines = [
        "  ".join(v + " " * (w - display_width(v)) for v, w in zip(row, widths)).rstrip()
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(cells) - 1} rows)")
    return "\n".join(lines)
