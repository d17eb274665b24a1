"""The units x mechanisms matrix: the overview, clustered, filtered and sorted in the browser.

The page is small and fixed; the cells are a data file (``matrix-data.js``) the
page's script draws a page of rows at a time, so ten thousand reports give the
same page, and a data file of a few megabytes.
"""

from __future__ import annotations

from typing import Any

from kg.output.site.data import STANCE_ORDER, SiteData
from kg.output.site.render import page

__all__ = ["CLUSTER_UNITS", "matrix_data", "render"]

#: Up to this many units are ordered by hierarchical clustering; above it by county and size
#: (clustering n units costs n^2 / 2 distances).
CLUSTER_UNITS = 3000


def render(data: SiteData) -> str:
    """The matrix page (its cells come from matrix-data.js)."""
    note = (
        ""
        if len(data.units) <= CLUSTER_UNITS
        else f"(mechanisms only: above {CLUSTER_UNITS} units, units are ordered by county)"
    )
    return page(
        "matrix.html", root="", title="单位 × 机制 matrix", page_kind="matrix", cluster_note=note
    )


def matrix_data(data: SiteData) -> dict[str, list[Any]]:
    """What matrix.js draws: units, mechanisms (each in clustered order) and cells.

    ``cells`` rows are ``[unit index, mechanism index, stance index, years]``
    with stances in :data:`kg.output.site.data.STANCE_ORDER`.
    """
    facts = data.index.facts
    used = sorted({f.mechanism for f in facts})
    units = sorted(data.units)
    adopted = {(f.unit, f.mechanism) for f in facts if f.stance == "adopted"}
    mech_order = _cluster_order(used, units, adopted, by_row=True)
    if len(units) <= CLUSTER_UNITS:
        unit_order = _cluster_order(units, used, adopted, by_row=False)
    else:
        unit_order = sorted(
            units,
            key=lambda u: (
                data.units[u].province,
                data.units[u].county,
                -data.adopted_counts[u],
                data.unit_label(u),
            ),
        )
    mi = {m: i for i, m in enumerate(mech_order)}
    ui = {u: i for i, u in enumerate(unit_order)}
    cells = [
        [ui[f.unit], mi[f.mechanism], STANCE_ORDER.index(f.stance), list(f.years)] for f in facts
    ]
    cells.sort()
    return {
        "stances": list(STANCE_ORDER),
        "mechanisms": [
            [m, data.mechanisms[m].label, data.mechanisms[m].label_en] for m in mech_order
        ],
        "units": [
            [
                u,
                data.unit_label(u),
                data.units[u].county,
                data.units[u].province,
                sorted(
                    {data.reports[r].year for r in data.units[u].reports if data.reports[r].year}
                ),
            ]
            for u in unit_order
        ],
        "cells": cells,
    }


def _cluster_order(
    items: list[str], others: list[str], pairs: set[tuple[str, str]], by_row: bool
) -> list[str]:
    """Items in the leaf order of average-linkage clustering on Jaccard distance of their sets."""
    if len(items) < 3:
        return list(items)
    # Imported for the matrix only: scipy is slow to import.
    import numpy as np
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import pdist

    at = {o: j for j, o in enumerate(others)}
    rows = np.zeros((len(items), len(others)), dtype=bool)
    for i, item in enumerate(items):
        for other in others:
            if ((other, item) if by_row else (item, other)) in pairs:
                rows[i, at[other]] = True
    empty = np.asarray(~rows.any(axis=1), dtype=bool)
    if empty.all():
        return list(items)
    full = [i for i in range(len(items)) if not empty[i]]
    if len(full) < 3:
        order = full
    else:
        distances = np.nan_to_num(pdist(rows[full], "jaccard"), nan=1.0)
        order = [full[i] for i in leaves_list(linkage(distances, "average"))]
    return [items[i] for i in order] + [items[i] for i in range(len(items)) if empty[i]]
