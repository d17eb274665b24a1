"""The page of one mechanism (definition, variants, units by stance with evidence, adoption by
year, co-occurring mechanisms) and the list of all mechanisms."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.output.site.data import STANCE_ORDER, Evidence, Fact, SiteData
from kg.output.site.render import page

__all__ = ["render", "render_list"]

#: Units listed per stance on a mechanism page (the matrix shows them all).
UNITS_SHOWN = 300
#: A mechanism page reads the evidence of at most this many units per stance from their reports.
FEW_UNITS = 30
#: Evidence sentences read for a mechanism page under each stance (shown the latest first).
EVIDENCE_SHOWN = 100


def render(data: SiteData, key: str) -> str | None:
    """The mechanism page, or None for an unknown mechanism."""
    mech = data.mechanisms.get(key)
    if mech is None:
        return None
    by_stance: dict[str, list[Fact]] = {s: [] for s in STANCE_ORDER}
    for fact in data.facts_of_mechanism.get(key, ()):
        by_stance[fact.stance].append(fact)
    for facts in by_stance.values():
        facts.sort(key=lambda f: (-(f.years[-1] if f.years else 0), data.unit_label(f.unit)))
    units_of_year = data.units_of_year
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for stance, facts in by_stance.items():
        for fact in facts:
            for year in fact.years:
                counts[year][stance] += 1
    by_year = [
        (year, {**{s: counts[year][s] for s in STANCE_ORDER}, "total": total})
        for year, total in sorted(units_of_year.items())
    ]
    held = sum(len(facts) for facts in by_stance.values())
    evidence = {s: _evidence(data, mech.iri, s, by_stance[s], held) for s in STANCE_ORDER}
    evidence_cut = any(len(found) > EVIDENCE_SHOWN for found in evidence.values())
    evidence = {s: found[:EVIDENCE_SHOWN] for s, found in evidence.items()}
    narrower = sorted(
        (m.key for m in data.mechanisms.values() if key in m.broader),
        key=lambda k: data.mechanisms[k].label,
    )
    pairs = sorted(data.pairs.get(key, ()), key=lambda p: (-float(p.jaccard or 0), p.label))
    return page(
        "mechanism.html",
        root="../",
        title=mech.label,
        page_kind="mechanism",
        data=data,
        mech=mech,
        narrower=narrower,
        by_stance=by_stance,
        n_units=len({f.unit for f in data.facts_of_mechanism.get(key, ())}),
        by_year=by_year,
        evidence=evidence,
        evidence_cut=evidence_cut,
        unit_limit=UNITS_SHOWN,
        pairs=pairs,
    )


def _evidence(
    data: SiteData, iri: str, stance: str, facts: list[Fact], held: int
) -> list[Evidence]:
    """Up to EVIDENCE_SHOWN + 1 sentences naming the mechanism under one stance.

    The store finds them fastest from the mechanism when most of its mentions are
    of this stance (it stops at the limit); otherwise that would scan all of a
    common mechanism's mentions, so the reports of the FEW_UNITS latest units
    holding it under this stance are read instead (``facts`` come latest first).
    """
    if not facts:
        return []
    if 2 * len(facts) >= held or held <= 10 * FEW_UNITS:
        return data.evidence(entity=iri, stance=stance, limit=EVIDENCE_SHOWN + 1)
    # Each unit's reports of its latest year with the stance, at most two a unit: a unit can
    # have hundreds of reports (a name the gazetteer could not tell apart).
    reports = [
        r
        for f in facts[:FEW_UNITS]
        if f.years
        for r in [r for r in data.units[f.unit].reports if data.reports[r].year == f.years[-1]][:2]
    ]
    if not reports:  # facts without a dated mention (none of their reports names it so)
        return []
    found = [e for e in data.evidence(reports=reports, entity=iri) if e.stance == stance]
    return sorted(found, key=lambda e: (-(e.year or 0), e.report))


def render_list(data: SiteData) -> str:
    """Every mechanism of the vocabulary with how many units hold it under each stance."""
    counts = data.stance_counts
    rows = []
    for mech in data.mechanisms.values():
        area = ", ".join(data.mechanisms[b].label for b in mech.broader if b in data.mechanisms)
        rows.append((mech, area, counts[mech.key]))
    rows.sort(key=lambda r: (-r[2]["adopted"], -sum(r[2].values()), r[0].label))
    return page(
        "mechanisms.html", root="", title="机制 mechanisms", page_kind="mechanisms", rows=rows
    )
