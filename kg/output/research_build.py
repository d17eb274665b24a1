"""The research outputs of ``kg build``: profiles kept as reports stream in, tables at the end.

:class:`ResearchOutputs` is all :func:`kg.pipeline.build` needs: a worker
makes each report's profile (:func:`kg.analysis.profile.report_profile`),
the build hands it to :meth:`ResearchOutputs.add`, and at the end
:meth:`ResearchOutputs.finish` runs the corpus-level analyses over the
profiles (read back one at a time; the fingerprints as a memory map) and
returns the graph triples and the rendered files, which the build writes
with its other outputs.  Files (keys of :data:`RESEARCH_OUTPUTS`, usable in
``--formats``; the group ``research`` names them all):

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

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.analysis.changes import change_rows
from kg.analysis.copies import CopyOptions, copies_in_table, find_copies
from kg.analysis.diffusion import (
    AdoptionRow,
    FirstYearRow,
    PanelRow,
    adoption_curves,
    first_years,
    panel_rows,
)
from kg.analysis.indicators import IndicatorRow, SeriesRow, indicator_rows, series_rows
from kg.analysis.profile import ProfileWriter, report_profile
from kg.analysis.records import ReportProfile
from kg.analysis.scorecard import GradingRule, ScorecardRow, load_rule, scorecard_rows
from kg.files import atomic_write
from kg.graph.stream import GraphFiles, fragment_of
from kg.graph.terms import Triple, rdflib_triple
from kg.output import research_rdf
from kg.output.research import changes_csv, copies_csv, rows_csv
from kg.output.scorecard import scorecard_page

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

#: Areas whose adoption curves the build writes (``kg diffusion --level county`` gives counties).
BUILD_LEVELS = ("all", "province", "city")


class ResearchOutputs:
    """Collects report profiles during a build and renders the research outputs at its end.

    With an ``out_dir`` the profiles go to ``profiles.jsonl`` and
    ``fingerprints.bin`` there (committed by :meth:`write`), so memory does
    not grow with the reports; without one they are kept in a list.
    """

    def __init__(
        self,
        out_dir: str | Path | None,
        rule: GradingRule | None = None,
        copies: CopyOptions | None = None,
    ) -> None:
        self.writer = ProfileWriter(out_dir) if out_dir is not None else None
        self.kept: list[ReportProfile] = []
        self.rule = rule or load_rule()
        self.copy_options = copies or CopyOptions()

    def __enter__(self) -> ResearchOutputs:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()

    def add(self, profile: ReportProfile | None) -> None:
        if profile is None:
            return
        if self.writer is not None:
            self.writer.add(profile)
        else:
            self.kept.append(profile)

    def profiles(self, fingerprints: bool = False) -> Iterator[ReportProfile]:
        if self.writer is not None:
            return self.writer.profiles(fingerprints)
        return iter(self.kept)

    def finish(
        self, formats: Iterable[str], graph_files: GraphFiles | None = None, graph=None
    ) -> dict[str, str]:
        """Run the analyses: add their triples to ``graph_files`` and ``graph`` (an
        rdflib Graph), return the rendered files among ``formats`` for :meth:`write`."""
        triples, rendered = self.analyse(formats)
        if graph_files is not None:
            graph_files.add_fragment(fragment_of(triples, tuple(graph_files.targets)))
            graph_files.counts.reports -= 1  # add_fragment counts a report; these are none
        if graph is not None:
            for triple in triples:
                graph.add(rdflib_triple(triple))
        return rendered

    def analyse(self, formats: Iterable[str]) -> tuple[list[Triple], dict[str, str]]:
        """Graph triples of every analysis, and the rendered files among ``formats``."""
        wanted = set(formats)
        rendered: dict[str, str] = {}
        triples: list[Triple] = []
        cards = list(scorecard_rows(self.profiles(), self.rule))
        triples += research_rdf.scorecard_triples(self.profiles(), self.rule)
        if "scorecard" in wanted:
            rendered["scorecard"] = rows_csv(cards, ScorecardRow)
        if "scorecard_html" in wanted:
            rendered["scorecard_html"] = scorecard_page(self.profiles(), self.rule)
        if self.writer is not None:
            found = copies_in_table(*self.writer.table(), self.copy_options)
        else:
            found = find_copies(self.kept, self.copy_options)
        triples += research_rdf.copy_triples(found.pairs)
        if "copies" in wanted:
            rendered["copies"] = copies_csv(found.pairs)
        changes = list(change_rows(self.profiles()))
        triples += research_rdf.change_triples(changes)
        if "changes" in wanted:
            rendered["changes"] = changes_csv(changes)
        firsts = first_years(self.profiles())
        triples += research_rdf.first_naming_triples(firsts)
        if "panel" in wanted:
            rendered["panel"] = rows_csv(panel_rows(self.profiles()), PanelRow)
        if "first_years" in wanted:
            rendered["first_years"] = rows_csv(firsts, FirstYearRow)
        if "adoption" in wanted:
            curves = [
                row for level in BUILD_LEVELS for row in adoption_curves(self.profiles(), level)
            ]
            rendered["adoption"] = rows_csv(curves, AdoptionRow)
        triples += research_rdf.indicator_triples(self.profiles())
        if "indicator_values" in wanted:
            rendered["indicator_values"] = rows_csv(indicator_rows(self.profiles()), IndicatorRow)
        if "indicator_series" in wanted:
            rendered["indicator_series"] = rows_csv(series_rows(self.profiles()), SeriesRow)
        return triples, rendered

    def write(self, out_dir: str | Path, rendered: dict[str, str], formats: Iterable[str]):
        """Write the rendered files and commit the profiles (if ``profiles`` is among ``formats``)."""
        out_dir = Path(out_dir)
        written = {
            name: atomic_write(out_dir / RESEARCH_OUTPUTS[name], text)
            for name, text in rendered.items()
        }
        if self.writer is not None:
            if {"profiles", "fingerprints"} & set(formats):
                written.update(self.writer.commit())
            else:
                self.writer.discard()
        return written

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.discard()
