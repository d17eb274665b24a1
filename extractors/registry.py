"""The registry: every extractor the pipeline runs, in one table.

To add an entity family, write ``extract_<family>(doc) -> list[Mention]`` in
its own module and add one row here.  :func:`kg.run.report.run_extractors`
runs them, and owns what happens when one fails.

Examples
--------
>>> [name for name, _ in EXTRACTORS][:3]
['places', 'officials', 'organizations']
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extractors.indicators import extract_indicators
from kg.extractors.initiatives import extract_initiatives
from kg.extractors.laws import extract_laws
from kg.extractors.mechanisms import extract_mechanisms
from kg.extractors.officials import extract_officials
from kg.extractors.organizations import extract_organizations
from kg.extractors.places import extract_places, resolve_place
from kg.extractors.problems import extract_problems
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
