"""Doctest set-up for the package (tests/conftest.py holds the test fixtures).

The doctests of `kg/` run with `kg` already imported, as networkx's do with
`nx`; the spaCy component's doctest needs the `[spacy]` extra and is left out
where spaCy is not installed (never under CI=true, which installs it).
"""

from __future__ import annotations

import importlib.util
import os

import pytest

collect_ignore = []
if importlib.util.find_spec("spacy") is None and os.environ.get("CI") != "true":
    collect_ignore.append("kg/nlp.py")


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    import kg

    doctest_namespace["kg"] = kg
