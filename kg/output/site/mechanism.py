"""The page of one mechanism (definition, variants, units by stance with evidence, adoption by
year, co-occurring mechanisms) and the list of all mechanisms."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.output.site.data import STANCE_ORDER, SiteData
from kg.output.site.render import page

__all__ = ["render", "render_list"]

#: Units listed per stance on a mechanism page (the matrix shows them all).
UNITS_SHOWN = 300
#: Evidence sentences read for a mechanism page under each stance (shown the latest first).
EVIDENCE_SHOWN = 100


def render(data: SiteData, key: str) -> str | None:
    """The mechanism page, or None for an unknown mechanism."""
    mech = data.mechanisms.get(key)
    if mech is None:
        return None
    by_stance: dict[str, list] = {s: [] for s in STANCE_ORDER}
    for fact in data.facts_of_mechanism.get(key, ()):
        by_stance[fact.stance].append(fact)
    for facts in by_stance.values():
        facts.sort(key=lambda f: (-(f.years[-1] if f.years else 0), data.unit_label(f.unit)))
    units_of_year = data.units_of_year
    counts: dict[int, Counter] = defaultdict(Counter)
    for stance, facts in by_stance.items():
        for fact in facts:
            for year in fact.years:
                counts[year][stance] += 1
    by_year = [
        (year, {**{s: counts[year][s] for s in STANCE_ORDER}, "total": total})
        for year, total in sorted(units_of_year.items())
    ]
    evidence = {
        s: data.evidence(entity=mech.iri, stance=s, limit=EVIDENCE_SHOWN + 1) for s in STANCE_ORDER
    }
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
