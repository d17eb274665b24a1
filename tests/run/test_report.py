"""run_extractors: every family's mentions, one of each, in text order; a failing family costs only its own."""

from __future__ import annotations

import pytest

from kg.ingest.structure import document_from_text
from kg.model import EntityType, Mention, SectionKind
from kg.run import report
from kg.run.report import run_extractors

TEXT = "青禾镇2023年法治政府建设情况报告\n一、主要举措\n落实合法性审查，调解纠纷12起。"


def _mention(text: str, kind: EntityType, key: str = "", section=SectionKind.ACHIEVEMENTS):
    start = TEXT.index(text)
    return Mention(text, kind, start, start + len(text), section, key or text)


REVIEW = _mention("合法性审查", EntityType.MECHANISM, "legality-review")
REVIEW_CANDIDATE = _mention("合法性审查", EntityType.CANDIDATE_MECHANISM)
LEGALITY = _mention("合法性", EntityType.CANDIDATE_MECHANISM)  # starts where REVIEW starts
TOWN = _mention("青禾镇", EntityType.TOWN)
FIGURE = _mention("调解纠纷12起", EntityType.INDICATOR, "调解纠纷")
# the same span and key as FIGURE, read in another section: a mention of its own
FIGURE_OTHER = _mention("调解纠纷12起", EntityType.INDICATOR, "调解纠纷", SectionKind.OTHER)


def _failing(doc):
    raise ValueError("a bug met by odd text")


@pytest.mark.parametrize(
    "families, expected, failed",
    [
        # each family's list in any order; the result in (start, end, type, key) order
        ([[FIGURE, REVIEW], [TOWN]], [TOWN, REVIEW, FIGURE], []),
        # a mention two families (or one family twice) find is kept once
        ([[REVIEW, TOWN, REVIEW], [REVIEW]], [TOWN, REVIEW], []),
        # same span, two types: both, the type's value deciding (CandidateMechanism < Mechanism)
        ([[REVIEW], [REVIEW_CANDIDATE]], [REVIEW_CANDIDATE, REVIEW], []),
        # three at one start, one of them twice: the shorter first, then by type
        (
            [[REVIEW, LEGALITY], [REVIEW_CANDIDATE, REVIEW], [TOWN]],
            [TOWN, LEGALITY, REVIEW_CANDIDATE, REVIEW],
            [],
        ),
        # equal but for the section: both kept, in a fixed order whatever the families' order
        ([[FIGURE_OTHER], [FIGURE]], [FIGURE, FIGURE_OTHER], []),
        ([[FIGURE], [FIGURE_OTHER]], [FIGURE, FIGURE_OTHER], []),
        # a family that raises costs its own mentions only
        ([[TOWN], _failing, [REVIEW]], [TOWN, REVIEW], ["f1"]),
        ([], [], []),
    ],
)
def test_run_extractors_keeps_one_of_each_in_text_order(monkeypatch, families, expected, failed):
    table = tuple(
        (f"f{i}", family if callable(family) else (lambda doc, found=family: list(found)))
        for i, family in enumerate(families)
    )
    monkeypatch.setattr(report, "EXTRACTORS", table)
    mentions, failures = run_extractors(document_from_text(TEXT))
    assert mentions == expected
    assert [name for name, _ in failures] == failed
    assert all(error.startswith("ValueError: a bug") for _, error in failures)
