"""The research outputs of ``kg build``: profiles kept as reports stream in, tables at the end.

:class:`ResearchOutputs` is all :func:`kg.pipeline.build` needs: a worker
makes each report's profile (:func:`kg.analysis.profile.report_profile`),
the build hands it to :meth:`ResearchOutputs.add`, and at the end
:meth:`ResearchOutputs.finish` runs the corpus-level analyses over the
profiles (read back a report, or a unit, at a time; the fingerprints as a
memory map), sends their triples to the graph files in chunks and writes
each table beside its target as its rows come; :meth:`ResearchOutputs.write`
renames them into place with the build's other outputs.  The build's one
edit for all this is a marked block in :mod:`kg.pipeline`.  Files (keys of
:data:`RESEARCH_OUTPUTS`, usable in ``--formats``; the group ``research``
names them all):

=====================  =====================================================================
profiles, fingerprints profiles.jsonl and fingerprints.bin (either name writes both): what
                       ``kg scorecard``, ``kg copies``, ``kg compare``, ``kg diffusion`` and
                       ``kg indicators`` read
scorecard              scorecard.csv;  scorecard_html: scorecard.html
copies                 copies.csv
changes                changes.csv
panel                  panel.csv;  first_years: first_years.csv;  adoption: adoption.csv
indicator_values       indicator_values.csv;  indicator_series: indicator_series.csv
=====================  =====================================================================

Examples
--------
>>> from kg.analysis.profile import report_profile
>>> from kg.ingest.structure import document_from_text
>>> from kg.model import ExtractedReport
>>> doc = document_from_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措和成效\\n落实合法性审查。")
>>> research = ResearchOutputs(None)
>>> research.add(report_profile(ExtractedReport(doc, None, ())))
>>> triples, rendered = research.analyse(("scorecard", "panel"))
>>> sorted(rendered), len(triples) > 10
(['panel', 'scorecard'], True)
"""

from __future__ import annotations

import csv
import functools
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import fields
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from kg.analysis.changes import unit_changes
from kg.analysis.copies import CopyOptions, copies_in_table, find_copies
from kg.analysis.diffusion import (
    AdoptionRow,
    FirstYearRow,
    PanelRow,
    adoption_curves,
    iter_first_years,
    iter_panel_rows,
)
from kg.analysis.indicators import IndicatorRow, SeriesRow, indicator_rows, series_of, sort_series
from kg.analysis.profile import ProfileRecord, ProfileWriter, report_profile
from kg.analysis.records import Evidence, MechanismFact, ReportProfile, Scorecard, Unit
from kg.analysis.scorecard import GradingRule, ScorecardRow, load_rule, scorecard_rows
from kg.files import AtomicFile
from kg.graph.terms import Triple
from kg.output import research_rdf
from kg.output.research import CHANGES_COLUMNS, change_cells, copies_csv, rows_csv
from kg.output.scorecard import ScorecardEntry, entries_page, scorecard_entry
from kg.output.tables import TableRow
from kg.run.engines import beside
from kg.run.spool import SpoolReader

if TYPE_CHECKING:
    from _csv import Writer as CsvWriter


__all__ = ["BUILD_LEVELS", "RESEARCH_OUTPUTS", "ReportProfile", "ResearchOutputs", "report_profile"]

#: Output files of the research analyses, by the name ``--formats`` uses.
RESEARCH_OUTPUTS = {
    "profiles": "profiles.jsonl",
    "fingerprints": "fingerprints.bin",  # written with profiles.jsonl: one record, two files
    "scorecard": "scorecard.csv",
    "scorecard_html": "scorecard.html",
    "copies": "copies.csv",
    "changes": "changes.csv",
    "panel": "panel.csv",
    "first_years": "first_years.csv",
    "adoption": "adoption.csv",
    "indicator_values": "indicator_values.csv",
    "indicator_series": "indicator_series.csv",
}

#: The outputs that are tables and pages (the rest: the profiles and their fingerprints).
TABLES = tuple(name for name in RESEARCH_OUTPUTS if name not in ("profiles", "fingerprints"))

#: The tables made of the rows the analyses' triples come from: written where the triples are
#: made (:meth:`ResearchOutputs.finish`), the rest beside.
_WITH_TRIPLES = ("copies", "changes", "first_years")

#: Areas whose adoption curves the build writes (``kg diffusion --level city`` or ``county``
#: gives the others: a row per area, mechanism and year soon outgrows the rest of the outputs).
BUILD_LEVELS = ("all", "province")


class _Sink:
    """A text file being written: beside its target (renamed into place by :meth:`commit`), or
    in memory when the build writes no files.

    ``text`` takes the text: a csv writer writes a row at a time into it, each a call in C
    (a method here, encoding each row, cost more than the rows' CSV).
    """

    def __init__(self, path: Path | None) -> None:
        self.file: AtomicFile | None = None
        self.memory: io.StringIO | None = None
        self.text: TextIO
        if path is not None:
            self.file = AtomicFile(path, buffering=1 << 20)
            self.text = io.TextIOWrapper(self.file.handle, encoding="utf-8", newline="")
        else:
            self.memory = self.text = io.StringIO()

    def write(self, text: str) -> int:
        return self.text.write(text)

    def _detach(self) -> None:
        if isinstance(self.text, io.TextIOWrapper):
            self.text.detach()  # writes what it holds; the file stays open for its owner
            self.text = io.StringIO()  # nothing more is written

    def commit(self) -> Path | None:
        """Rename the file into place (None in memory)."""
        self._detach()
        return self.file.commit() if self.file is not None else None

    def discard(self) -> None:
        self._detach()
        if self.file is not None:
            self.file.discard()


class ResearchOutputs:
    """Collects report profiles during a build and writes the research outputs at its end.

    With an ``out_dir`` the profiles go to ``profiles.jsonl`` and
    ``fingerprints.bin`` there, and the analyses read them back a few times,
    one profile or one unit at a time, writing each table as its rows come:
    memory does not grow with the reports' facts.  Without one they are kept
    in a list (notebooks, tests).
    """

    def __init__(
        self,
        out_dir: str | Path | None,
        rule: GradingRule | None = None,
        copies: CopyOptions | None = None,
    ) -> None:
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.writer = ProfileWriter(out_dir) if out_dir is not None else None
        self.kept: list[ReportProfile] = []
        self.rule = rule or load_rule()
        self.copy_options = copies or CopyOptions()
        self.sinks: dict[str, _Sink] = {}
        self.forked: set[str] = set()  # files a forked copy wrote into place (see finish)

    def __enter__(self) -> ResearchOutputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add(
        self, profile: ReportProfile | ProfileRecord | None, parts: SpoolReader | None = None
    ) -> None:
        """Keep a profile; a :class:`~kg.analysis.profile.ProfileRecord` (``parts`` copies
        what a worker spooled of it) only with an ``out_dir``."""
        if profile is None:
            return
        if self.writer is not None:
            self.writer.add(profile, parts)
        else:
            assert isinstance(profile, ReportProfile), "a record is made for a written build"
            self.kept.append(profile)

    def profiles(self, fingerprints: bool = False) -> Iterator[ReportProfile]:
        if self.writer is not None:
            return self.writer.profiles(fingerprints)
        return iter(self.kept)

    def _by_index(self, indices: list[int]) -> Iterator[ReportProfile]:
        if self.writer is not None:
            return self.writer.read(indices)
        return (self.kept[i] for i in indices)

    def finish(
        self,
        formats: Iterable[str],
        emit: Callable[[list[Triple]], None],
        apart: Apart | None = None,
    ) -> None:
        """Run the analyses: their triples go to ``emit`` in chunks, their files (among
        ``formats``) beside their targets (:meth:`write` renames them).

        The files are written by a forked copy of this process while this one sends the
        triples (:func:`kg.run.engines.beside`): at the end of a build the workers are done
        and a core is free.  The tables made of the rows the triples come from (copies,
        changes, first namings) are written here, which makes those rows anyway.  With
        ``apart`` the copy also renders each report's figures as triples (over a quarter of
        the analyses' triples) through ``apart.writing()``, and this process appends them
        after the rest with ``apart.append()``; without, they are sent to ``emit`` after the
        rest, so the graph documents hold the same triples in the same order either way.
        """
        # without an output folder there are no files to write, only triples
        tables = set(formats) & set(TABLES) if self.out_dir is not None else set()
        here, there = tables & set(_WITH_TRIPLES), tables - set(_WITH_TRIPLES)
        if not there and apart is None:
            self._run(here, emit, scorecards=emit, figures=emit)
            return
        # What the profile files hold is written out first: the copy reads them, and must
        # find nothing left to write of them (it would be written twice).
        self.profiles()
        with beside(functools.partial(self._beside, there, apart)):
            self._run(here, emit, scorecards=emit, figures=emit if apart is None else None)
        if apart is not None:
            apart.append()
        self.forked.update(there)

    def _beside(self, tables: set[str], apart: Apart | None) -> None:
        """Write the files among ``tables`` into place, and each report's figures as triples
        through ``apart``: in the forked copy."""
        if apart is None:
            self._run(tables, None)
        else:
            with apart.writing() as write:
                self._run(tables, None, figures=write)
        for sink in self.sinks.values():
            sink.commit()
        self.sinks = {}

    def analyse(self, formats: Iterable[str]) -> tuple[list[Triple], dict[str, str]]:
        """Every analysis at once, in memory: the triples, and the files among ``formats``."""
        triples: list[Triple] = []
        self._run(
            set(formats),
            triples.extend,
            in_memory=True,
            scorecards=triples.extend,
            figures=triples.extend,
        )
        rendered = {}
        for name, sink in self.sinks.items():
            assert sink.memory is not None
            rendered[name] = sink.memory.getvalue()
        self.sinks = {}
        return triples, rendered

    def _sink(self, name: str, in_memory: bool) -> _Sink:
        path = None if in_memory or self.out_dir is None else self.out_dir / RESEARCH_OUTPUTS[name]
        self.sinks[name] = _Sink(path)
        return self.sinks[name]

    def _csv(self, name: str, header: Iterable[str], in_memory: bool) -> CsvWriter:
        sink = self._sink(name, in_memory)
        sink.write("\ufeff")  # as every fazhi-kg table: Excel needs it for Chinese
        out = csv.writer(sink.text, lineterminator="\n")
        out.writerow(list(header))
        return out

    def _run(
        self,
        wanted: set[str],
        emit: Callable[[list[Triple]], None] | None,
        in_memory: bool = False,
        scorecards: Callable[[list[Triple]], None] | None = None,
        figures: Callable[[list[Triple]], None] | None = None,
    ) -> None:
        """The analyses, in two passes over the profiles and one over the fingerprints: the
        files among ``wanted``, the corpus's triples if there is an ``emit``, each report's
        scorecard as triples to ``scorecards`` as its profile is read (before the corpus's), and
        its figures' to ``figures``: after the corpus's if there is an ``emit``, else as read
        (the order :meth:`finish` gives them apart)."""

        def table(name: str, row_type: type[TableRow]) -> Callable[[Iterable[object]], None] | None:
            if name not in wanted:
                return None
            header = [f.name for f in fields(row_type)]
            out = self._csv(name, header, in_memory)
            get = attrgetter(*header)
            return lambda rows: out.writerows(map(get, rows))

        # Pass 1, report by report: scorecards, figures; what diffusion and changes need.
        cards: list[ScorecardRow] = []
        series: list[SeriesRow] = []
        light: list[ReportProfile] = []
        # (unit, year, -chars, report, index) of reports with both
        dated: list[tuple[Unit, int, int, str, int]] = []
        later: list[int] = []  # the reports whose figures go after the rest
        values = table("indicator_values", IndicatorRow)
        # the page's entries, made here: the page needs no second reading of the profiles
        entries: list[ScorecardEntry] | None = [] if "scorecard_html" in wanted else None
        rows, values_of = (
            bool({"scorecard", "scorecard_html"} & wanted),
            "indicator_series" in wanted,
        )
        for i, p in enumerate(self.profiles()):
            if rows:
                card = next(scorecard_rows([p], self.rule))
                cards.append(card)
                if entries is not None:
                    entries.append(scorecard_entry(p, card))
            if scorecards is not None:
                scorecards(list(research_rdf.scorecard_triples([p], self.rule)))
            if figures is not None:
                if emit is None:
                    figures(list(research_rdf.indicator_triples([p])))
                else:
                    later.append(i)
            if values is not None:
                values(indicator_rows([p]))
            if values_of:
                series.extend(series_of(p))
            light.append(_light(p))
            if p.unit.known and p.year is not None:
                dated.append((p.unit, p.year, -p.scorecard.chars, p.report, i))
        if "scorecard" in wanted:
            self._sink("scorecard", in_memory).write(rows_csv(cards, ScorecardRow))
        if "indicator_series" in wanted:
            self._sink("indicator_series", in_memory).write(
                rows_csv(sort_series(series), SeriesRow)
            )
        del cards, series
        if entries is not None:
            self._sink("scorecard_html", in_memory).write(entries_page(entries, self.rule))
        del entries
        # The fingerprints: copies.
        if emit is not None or "copies" in wanted:
            if self.writer is not None:
                found = copies_in_table(*self.writer.table(), self.copy_options)
            else:
                found = find_copies(self.kept, self.copy_options)
            if emit is not None:
                emit(list(research_rdf.copy_triples(found.pairs)))
            if "copies" in wanted:
                self._sink("copies", in_memory).write(copies_csv(found.pairs))
        # Pass 2, unit by unit (only units with two years or more): changes.
        changes = self._csv("changes", CHANGES_COLUMNS, in_memory) if "changes" in wanted else None
        for _, group in (
            groupby(sorted(dated), key=lambda d: d[0])
            if emit is not None or changes is not None
            else ()
        ):
            yearly = [next(reports) for _, reports in groupby(group, key=lambda d: d[1])]
            if len(yearly) < 2:
                continue
            found_changes = unit_changes(list(self._by_index([d[4] for d in yearly])))
            if emit is not None:
                emit(list(research_rdf.change_triples(found_changes)))
            if changes is not None:
                changes.writerows(change_cells(r) for r in found_changes)
        # Diffusion, from the mechanisms alone.
        panel, firsts = table("panel", PanelRow), table("first_years", FirstYearRow)
        if panel is not None:
            panel(iter_panel_rows(light))
        chunk: list[Triple] = []
        for row in iter_first_years(light) if emit is not None or firsts is not None else ():
            if emit is not None:
                chunk.extend(research_rdf.first_naming_triples([row]))
            if firsts is not None:
                firsts([row])
            if emit is not None and len(chunk) > 50_000:
                emit(chunk)
                chunk = []
        if emit is not None:
            emit(chunk)
        for p in self._by_index(later):
            assert figures is not None
            figures(list(research_rdf.indicator_triples([p])))
        if "adoption" in wanted:
            curves = [row for level in BUILD_LEVELS for row in adoption_curves(light, level)]
            self._sink("adoption", in_memory).write(rows_csv(curves, AdoptionRow))

    def write(self, formats: Iterable[str]) -> dict[str, Path]:
        """Rename the written files into place (and the profiles, if ``profiles`` is wanted)."""
        written = {}
        for name, sink in self.sinks.items():
            path = sink.commit()
            if path is not None:
                written[name] = path
        self.sinks = {}
        if self.out_dir is not None:
            written.update((name, self.out_dir / RESEARCH_OUTPUTS[name]) for name in self.forked)
        if self.writer is not None:
            if {"profiles", "fingerprints"} & set(formats):
                written.update(self.writer.commit())
            else:
                self.writer.discard()
        return {name: written[name] for name in RESEARCH_OUTPUTS if name in written}

    def discard(self) -> None:
        for sink in self.sinks.values():
            sink.discard()
        self.sinks = {}
        if self.writer is not None:
            self.writer.discard()


class Apart(Protocol):
    """Where a build renders each report's own analysis triples apart
    (:meth:`ResearchOutputs.finish`)."""

    def writing(self) -> AbstractContextManager[Callable[[list[Triple]], None]]:
        """In the forked copy: a function that renders a chunk of triples aside."""
        ...

    def append(self) -> None:
        """In the build's process, after the copy: append what was rendered aside."""
        ...


_NO_EVIDENCE = Evidence("", 0, 0)
_NO_CARD = Scorecard((), 0, None, 0, 0, 0, "", "", None, None)


def _light(p: ReportProfile) -> ReportProfile:
    """What diffusion needs of a profile: its unit, year and mechanisms by stance (keys interned,
    no evidence), a tenth of the profile's memory."""
    return ReportProfile(
        p.report,
        "",
        "",
        p.unit,
        p.year,
        _NO_CARD,
        tuple(
            MechanismFact(sys.intern(m.key), sys.intern(m.stance), _NO_EVIDENCE)
            for m in p.mechanisms
        ),
    )
