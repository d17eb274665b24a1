"""The registry: every extractor the pipeline runs, in one table.

To add an entity family, write ``extract_<family>(doc) -> list[Mention]`` in
its own module and add one row here.

Examples
--------
>>> [name for name, _ in EXTRACTORS][:3]
['places', 'officials', 'organizations']
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.indicators import extract_indicators
from extractors.initiatives import extract_initiatives
from extractors.laws import extract_laws
from extractors.mechanisms import extract_mechanisms
from extractors.officials import extract_officials
from extractors.organizations import extract_organizations
from extractors.places import extract_places, resolve_place
from extractors.problems import extract_problems
from kg.model import Document, Mention, Place

Extractor = Callable[[Document], list[Mention]]

#: (name, function) for every extractor, in the order they run.
EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("places", extract_places),
    ("officials", extract_officials),
    ("organizations", extract_organizations),
    ("mechanisms", extract_mechanisms),
    ("laws", extract_laws),
    ("initiatives", extract_initiatives),
    ("indicators", extract_indicators),
    ("problems", extract_problems),
)

#: Links a report to its place in the national gazetteer.
PLACE_RESOLVER: Callable[[Document], Place | None] = resolve_place


def run_extractors(doc: Document, names: tuple[str, ...] | None = None) -> list[Mention]:
    """Run the registered extractors (or only ``names``) on a document.

    Mentions come back sorted and without exact duplicates.
    """
    found: set[Mention] = set()
    for name, extract in EXTRACTORS:
        if names is None or name in names:
            found.update(extract(doc))
    return sorted(found, key=lambda m: (m.start, m.end, m.type.value, m.key, m.attrs))
