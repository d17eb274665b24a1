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

# The graph writer's canonical xsd:decimal form: the indicator IRIs are minted from it.
from kg.graph.triples import _decimal_lexical, integer, mint, zh
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

_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)
_DECIMAL, _BOOLEAN, _DATE = str(XSD.decimal), str(XSD.boolean), str(XSD.date)

#: The fz:RequiredPart individual of each part name.
PART_TERMS = {
    "achievements": str(FZ.MeasuresAndResults),
    "problems": str(FZ.ShortcomingsAndCauses),
    "duties": str(FZ.LeadersDuties),
    "plans": str(FZ.NextYearPlans),
    "other": str(FZ.OtherMatters),
}
_REUSE_KINDS = {
    "cross-unit": str(FZ.CrossUnit),
    "cross-year": str(FZ.CrossYear),
    "same-year": str(FZ.SameYear),
    "unknown-unit": str(FZ.UnknownUnit),
}
_CHANGE_KINDS = {
    "mechanism-added": str(FZ.MechanismAdded),
    "mechanism-dropped": str(FZ.MechanismDropped),
    "plan-realised": str(FZ.PlanRealised),
    "plan-not-realised": str(FZ.PlanNotRealised),
    "problem-repeated": str(FZ.ProblemRepeated),
    "figure-changed": str(FZ.FigureChanged),
    "figure-unchanged": str(FZ.FigureUnchanged),
}


def report_iri(report: str) -> str:
    """The graph's IRI of the report with this id (:attr:`kg.model.Document.report_id`)."""
    return f"{ID_URI}report/{report}"


def _decimal(value: float) -> Lit:
    return Lit(_decimal_lexical(repr(float(value))) or "0.0", None, _DECIMAL)


def _indicator_kind(indicator: str) -> str:
    return f"{ID_URI}indicator-kind/{indicator}"


def _passage(report: str, start: int, end: int, text: str | None = None) -> Iterator[Triple]:
    iri = str(mint("passage", report, str(start), str(end)))
    yield iri, _TYPE, str(FZ.Passage)
    yield iri, str(FZ.passageOf), report_iri(report)
    yield iri, str(FZ.passageStart), integer(start)
    yield iri, str(FZ.passageEnd), integer(end)
    if text:
        yield iri, str(FZ.passageText), Lit(text)


def _evidence(report: str, evidence: Evidence) -> tuple[str, list[Triple]]:
    triples = list(_passage(report, evidence.start, evidence.end, evidence.text))
    return triples[0][0], triples


def scorecard_triples(
    profiles: Iterable[ReportProfile], rule: GradingRule | None = None
) -> Iterator[Triple]:
    """Each report's five parts (with evidence), measures, dates and grade under ``rule``."""
    rule = rule or load_rule()
    for p in profiles:
        card, report = p.scorecard, report_iri(p.report)
        for finding in card.parts:
            part = str(mint("report-part", p.report, finding.part))
            yield report, str(FZ.hasPart), part
            yield part, _TYPE, str(FZ.ReportPart)
            yield part, str(FZ.requiredPart), PART_TERMS[finding.part]
            yield part, str(FZ.partStatus), Lit(finding.status)
            yield part, str(FZ.partLength), integer(finding.chars)
            if finding.evidence is not None:
                passage, triples = _evidence(p.report, finding.evidence)
                yield part, str(FZ.evidence), passage
                yield from triples
        yield report, str(FZ.givesCauses), Lit("true" if card.causes else "false", None, _BOOLEAN)
        if card.causes is not None:
            passage, triples = _evidence(p.report, card.causes)
            yield report, str(FZ.causesEvidence), passage
            yield from triples
        yield report, str(FZ.figuresPer1000), _decimal(card.per_1000(card.figures))
        yield report, str(FZ.casesPer1000), _decimal(card.per_1000(card.cases))
        yield report, str(FZ.documentsPer1000), _decimal(card.per_1000(card.documents))
        if card.party_signature:
            yield report, str(FZ.signedByParty), Lit(card.party_signature)
        if card.government_signature:
            yield report, str(FZ.signedByGovernment), Lit(card.government_signature)
        if card.signed:
            yield report, str(FZ.signingDate), Lit(card.signed, None, _DATE)
        if card.published:
            yield report, str(FZ.publicationDate), Lit(card.published, None, _DATE)
        g = grade(card, p.year, rule)
        if g.days_past_deadline is not None:
            yield report, str(FZ.daysPastDeadline), integer(g.days_past_deadline)
        yield report, str(FZ.score), _decimal(g.score)
        yield report, str(FZ.grade), Lit(g.grade)
        yield report, str(FZ.gradingRule), Lit(rule.source)


def copy_triples(pairs: Iterable[CopyPair]) -> Iterator[Triple]:
    """Each pair of reports sharing passages, with the passages' spans in both files."""
    for pair in pairs:
        iri = str(mint("reuse", pair.report_a, pair.report_b))
        yield iri, _TYPE, str(FZ.TextReuse)
        yield iri, str(FZ.firstReport), report_iri(pair.report_a)
        yield iri, str(FZ.secondReport), report_iri(pair.report_b)
        yield iri, str(FZ.reuseKind), _REUSE_KINDS[pair.kind]
        yield iri, str(FZ.sharedChars), integer(pair.shared_chars)
        yield iri, str(FZ.firstShare), _decimal(pair.share_a)
        yield iri, str(FZ.secondShare), _decimal(pair.share_b)
        yield iri, str(FZ.longestPassage), integer(pair.longest_passage)
        for i, passage in enumerate(pair.passages):
            shared = str(mint("shared-passage", pair.report_a, pair.report_b, str(i)))
            first = list(_passage(pair.report_a, passage.a_start, passage.a_end))
            second = list(_passage(pair.report_b, passage.b_start, passage.b_end))
            yield iri, str(FZ.hasSharedPassage), shared
            yield shared, _TYPE, str(FZ.SharedPassage)
            yield shared, str(FZ.firstSpan), first[0][0]
            yield shared, str(FZ.secondSpan), second[0][0]
            yield shared, str(FZ.passageLetters), integer(passage.letters)
            yield from first
            yield from second


def change_triples(rows: Iterable[ChangeRow]) -> Iterator[Triple]:
    """Each change between a unit's report and its previous one."""
    kinds = {e.id for e in catalogue()}
    for row in rows:
        iri = str(mint("change", row.report_from, row.report_to, row.kind, row.item))
        yield iri, _TYPE, str(FZ.Change)
        yield iri, str(FZ.changeKind), _CHANGE_KINDS[row.kind]
        yield iri, str(FZ.fromReport), report_iri(row.report_from)
        yield iri, str(FZ.toReport), report_iri(row.report_to)
        yield iri, str(FZ.changedItem), Lit(row.label)
        if row.about == "indicator" and row.item in kinds:
            yield iri, str(FZ.concerns), _indicator_kind(row.item)
        elif row.about == "mechanism":
            yield iri, str(FZ.concerns), str(MECHANISM) + row.item
        if row.before:
            yield iri, str(FZ.valueBefore), Lit(row.before)
        if row.after:
            yield iri, str(FZ.valueAfter), Lit(row.after)


def first_naming_triples(rows: Iterable[FirstYearRow]) -> Iterator[Triple]:
    """The first year each unit names each mechanism, and first adopts it."""
    for row in rows:
        iri = str(mint("adoption", row.province, row.city, row.county, row.unit, row.mechanism))
        yield iri, _TYPE, str(FZ.Adoption)
        yield iri, str(FZ.adoptedMechanism), str(MECHANISM) + row.mechanism
        yield iri, str(FZ.firstNamedIn), report_iri(row.first_report)
        yield iri, str(FZ.firstYear), integer(row.first_year)
        if row.first_adopted is not None:
            yield iri, str(FZ.firstAdoptedYear), integer(row.first_adopted)


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
            yield figure, str(FZ.canonicalIndicator), _indicator_kind(v.indicator)
            used[v.indicator] = None
    for indicator in used:
        entry, iri = entries[indicator], _indicator_kind(indicator)
        yield iri, _TYPE, str(FZ.IndicatorKind)
        yield iri, _LABEL, zh(entry.zh)
        yield iri, _LABEL, Lit(entry.en, "en")
        yield iri, str(FZ.canonicalUnit), Lit(entry.unit)
