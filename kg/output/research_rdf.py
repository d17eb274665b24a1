"""The research analyses as graph triples: scorecards, copies, changes, first namings, indicators.

Each function turns the rows of one analysis into writer triples
(:data:`kg.graph.terms.Triple`: plain strings and :class:`~kg.graph.terms.Lit`),
in the order of its input, so the same build gives the same bytes.  IRIs
are minted from content (:func:`kg.graph.triples.mint`), reports are the
report IRIs of the graph (``id/report/<first 16 hex digits of the SHA-256>``),
and every piece of evidence is a ``fz:Passage`` with offsets into the source
file.  The terms are the last section of ``ontology/fazhi.ttl``.

Examples
--------
>>> from kg.analysis.records import Evidence, PartFinding, ReportProfile, Scorecard, Unit
>>> parts = (PartFinding("achievements", "present", 40, Evidence("一、主要举措和成效", 12, 21)),)
>>> card = Scorecard(parts, 1000, None, 3, 0, 1, "", "某镇人民政府", "2024-01-09", None)
>>> p = ReportProfile("abcd", "a.txt", "", Unit(name="某镇"), 2023, card)
>>> triples = list(scorecard_triples([p]))
>>> wanted = ("passageStart", "passageEnd", "partStatus", "grade")
>>> {t[1].rsplit("#", 1)[-1]: t[2].value for t in triples if t[1].endswith(wanted)}
{'partStatus': 'present', 'passageStart': '12', 'passageEnd': '21', 'grade': '较差'}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.analysis.changes import ChangeRow
from kg.analysis.copies import CopyPair
from kg.analysis.diffusion import FirstYearRow
from kg.analysis.indicators import catalogue
from kg.analysis.records import Evidence, ReportProfile
from kg.analysis.scorecard import GradingRule, grade, load_rule
from kg.graph.terms import Lit, Triple

# The graph writer's canonical xsd:decimal form (the indicator IRIs are minted from it) and
# its cache of term strings (a DefinedNamespace checks every attribute read).
from kg.graph.triples import _decimal_lexical, _Terms, integer, mint, zh
from kg.namespaces import FZ, ID_URI, MECHANISM, RDF, RDFS, XSD

__all__ = [
    "PART_TERMS",
    "change_triples",
    "copy_triples",
    "first_naming_triples",
    "indicator_triples",
    "report_iri",
    "scorecard_triples",
]


_FZ = _Terms(FZ)  # the fz: terms as plain strings, each read once


_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)
_DECIMAL, _BOOLEAN, _DATE = str(XSD.decimal), str(XSD.boolean), str(XSD.date)

#: The fz:RequiredPart individual of each part name.
PART_TERMS = {
    "achievements": _FZ.MeasuresAndResults,
    "problems": _FZ.ShortcomingsAndCauses,
    "duties": _FZ.LeadersDuties,
    "plans": _FZ.NextYearPlans,
    "other": _FZ.OtherMatters,
}
_REUSE_KINDS = {
    "cross-unit": _FZ.CrossUnit,
    "cross-year": _FZ.CrossYear,
    "same-year": _FZ.SameYear,
    "unknown-unit": _FZ.UnknownUnit,
}
_CHANGE_KINDS = {
    "mechanism-added": _FZ.MechanismAdded,
    "mechanism-dropped": _FZ.MechanismDropped,
    "plan-realised": _FZ.PlanRealised,
    "plan-not-realised": _FZ.PlanNotRealised,
    "problem-repeated": _FZ.ProblemRepeated,
    "figure-changed": _FZ.FigureChanged,
    "figure-unchanged": _FZ.FigureUnchanged,
}


def report_iri(report: str) -> str:
    """The graph's IRI of the report with this id (:attr:`kg.model.Document.report_id`)."""
    return f"{ID_URI}report/{report}"


def _of_report(report: str, *parts: str) -> str:
    """An IRI under the report's own: the graph files write its triples once, as the report's,
    without remembering them (only triples several reports share are remembered)."""
    return "/".join((report_iri(report), *parts))


def _decimal(value: float) -> Lit:
    return Lit(_decimal_lexical(repr(float(value))) or "0.0", None, _DECIMAL)


def _indicator_kind(indicator: str) -> str:
    return f"{ID_URI}indicator-kind/{indicator}"


def _passage(
    iri: str, report: str, start: int, end: int, text: str | None = None
) -> Iterator[Triple]:
    yield iri, _TYPE, _FZ.Passage
    yield iri, _FZ.passageOf, report_iri(report)
    yield iri, _FZ.passageStart, integer(start)
    yield iri, _FZ.passageEnd, integer(end)
    if text:
        yield iri, _FZ.passageText, Lit(text)


def _evidence(report: str, evidence: Evidence, seen: set[str]) -> tuple[str, list[Triple]]:
    """A heading or sentence as a passage node; its triples only the first time it is used."""
    iri = _of_report(report, "passage", f"{evidence.start}-{evidence.end}")
    if iri in seen:
        return iri, []
    seen.add(iri)
    return iri, list(_passage(iri, report, evidence.start, evidence.end, evidence.text))


def scorecard_triples(
    profiles: Iterable[ReportProfile], rule: GradingRule | None = None
) -> Iterator[Triple]:
    """Each report's five parts (with evidence), measures, dates and grade under ``rule``."""
    rule = rule or load_rule()
    for p in profiles:
        card, report = p.scorecard, report_iri(p.report)
        seen: set[str] = set()  # passages written for this report
        for finding in card.parts:
            part = _of_report(p.report, "part", finding.part)
            yield report, _FZ.hasPart, part
            yield part, _TYPE, _FZ.ReportPart
            yield part, _FZ.requiredPart, PART_TERMS[finding.part]
            yield part, _FZ.partStatus, Lit(finding.status)
            yield part, _FZ.partLength, integer(finding.chars)
            if finding.evidence is not None:
                passage, triples = _evidence(p.report, finding.evidence, seen)
                yield part, _FZ.evidence, passage
                yield from triples
        yield report, _FZ.givesCauses, Lit("true" if card.causes else "false", None, _BOOLEAN)
        if card.causes is not None:
            passage, triples = _evidence(p.report, card.causes, seen)
            yield report, _FZ.causesEvidence, passage
            yield from triples
        yield report, _FZ.figuresPer1000, _decimal(card.per_1000(card.figures))
        yield report, _FZ.casesPer1000, _decimal(card.per_1000(card.cases))
        yield report, _FZ.documentsPer1000, _decimal(card.per_1000(card.documents))
        if card.party_signature:
            yield report, _FZ.signedByParty, Lit(card.party_signature)
        if card.government_signature:
            yield report, _FZ.signedByGovernment, Lit(card.government_signature)
        if card.signed:
            yield report, _FZ.signingDate, Lit(card.signed, None, _DATE)
        if card.published:
            yield report, _FZ.publicationDate, Lit(card.published, None, _DATE)
        g = grade(card, p.year, rule)
        if g.days_past_deadline is not None:
            yield report, _FZ.daysPastDeadline, integer(g.days_past_deadline)
        yield report, _FZ.score, _decimal(g.score)
        yield report, _FZ.grade, Lit(g.grade)
        yield report, _FZ.gradingRule, Lit(rule.source)


def copy_triples(pairs: Iterable[CopyPair]) -> Iterator[Triple]:
    """Each pair of reports sharing passages, with the passages' spans in both files."""
    for pair in pairs:
        iri = _of_report(pair.report_a, "reuse", pair.report_b)
        yield iri, _TYPE, _FZ.TextReuse
        yield iri, _FZ.firstReport, report_iri(pair.report_a)
        yield iri, _FZ.secondReport, report_iri(pair.report_b)
        yield iri, _FZ.reuseKind, _REUSE_KINDS[pair.kind]
        yield iri, _FZ.sharedChars, integer(pair.shared_chars)
        yield iri, _FZ.firstShare, _decimal(pair.share_a)
        yield iri, _FZ.secondShare, _decimal(pair.share_b)
        yield iri, _FZ.longestPassage, integer(pair.longest_passage)
        for i, passage in enumerate(pair.passages):
            shared = f"{iri}/{i}"
            first = list(_passage(f"{shared}/a", pair.report_a, passage.a_start, passage.a_end))
            second = list(_passage(f"{shared}/b", pair.report_b, passage.b_start, passage.b_end))
            yield iri, _FZ.hasSharedPassage, shared
            yield shared, _TYPE, _FZ.SharedPassage
            yield shared, _FZ.firstSpan, first[0][0]
            yield shared, _FZ.secondSpan, second[0][0]
            yield shared, _FZ.passageLetters, integer(passage.letters)
            yield from first
            yield from second


def change_triples(rows: Iterable[ChangeRow]) -> Iterator[Triple]:
    """Each change between a unit's report and its previous one."""
    kinds = {e.id for e in catalogue()}
    for row in rows:
        digest = str(mint("change", row.report_from, row.kind, row.item)).rsplit("/", 1)[-1]
        iri = _of_report(row.report_to, "change", digest)
        yield iri, _TYPE, _FZ.Change
        yield iri, _FZ.changeKind, _CHANGE_KINDS[row.kind]
        yield iri, _FZ.fromReport, report_iri(row.report_from)
        yield iri, _FZ.toReport, report_iri(row.report_to)
        yield iri, _FZ.changedItem, Lit(row.label)
        if row.about == "indicator" and row.item in kinds:
            yield iri, _FZ.concerns, _indicator_kind(row.item)
        elif row.about == "mechanism":
            yield iri, _FZ.concerns, str(MECHANISM) + row.item
        if row.before:
            yield iri, _FZ.valueBefore, Lit(row.before)
        if row.after:
            yield iri, _FZ.valueAfter, Lit(row.after)


def first_naming_triples(rows: Iterable[FirstYearRow]) -> Iterator[Triple]:
    """The first year each unit names each mechanism, and first adopts it."""
    for row in rows:
        iri = _of_report(row.first_report, "first-naming", row.mechanism)
        yield iri, _TYPE, _FZ.Adoption
        yield iri, _FZ.adoptedMechanism, str(MECHANISM) + row.mechanism
        yield iri, _FZ.firstNamedIn, report_iri(row.first_report)
        yield iri, _FZ.firstYear, integer(row.first_year)
        if row.first_adopted is not None:
            yield iri, _FZ.firstAdoptedYear, integer(row.first_adopted)


def indicator_triples(profiles: Iterable[ReportProfile]) -> Iterator[Triple]:
    """The canonical indicators, and each extracted figure's canonical indicator."""
    entries = {e.id: e for e in catalogue()}
    used: dict[str, None] = {}
    for p in profiles:
        for v in p.indicators:
            value = _decimal_lexical(v.value)
            if not v.indicator or value is None:
                continue
            figure = str(mint("indicator", p.report, v.name, value, v.unit, v.qualifier))
            yield figure, _FZ.canonicalIndicator, _indicator_kind(v.indicator)
            used[v.indicator] = None
    for indicator in used:
        entry, iri = entries[indicator], _indicator_kind(indicator)
        yield iri, _TYPE, _FZ.IndicatorKind
        yield iri, _LABEL, zh(entry.zh)
        yield iri, _LABEL, Lit(entry.en, "en")
        yield iri, _FZ.canonicalUnit, Lit(entry.unit)
