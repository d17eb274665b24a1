"""Traditional -> simplified conversion: one for one, offsets preserved, simplified text untouched."""

from __future__ import annotations

import pytest

from kg.ingest.read import issues_of, source_from_text
from kg.ingest.textnorm import count_traditional, to_simplified


@pytest.mark.parametrize(
    "text, expected, changed",
    [
        (
            "關於青禾鎮2023年度法治政府建設工作情況的報告",
            "关于青禾镇2023年度法治政府建设工作情况的报告",
            6,
        ),
        ("嚴格落實合法性審查制度", "严格落实合法性审查制度", 3),
        ("成效显著，覆盖全镇，乾坤", "成效显著，覆盖全镇，乾坤", 0),  # also simplified: kept
        ("其餘三項", "其余三项", 2),  # override: 余, not 馀
        ("", "", 0),
    ],
)
def test_conversion_table(text, expected, changed):
    assert to_simplified(text) == (expected, changed)
    assert count_traditional(text) == changed


def test_mixed_text_is_converted_with_a_warning_and_offsets_survive():
    raw = "青禾镇2023年法治政府建设报告\n一、主要舉措\n嚴格落實合法性審查。"
    source = source_from_text(raw)
    assert "严格落实合法性审查" in source.text
    assert issues_of(source) == [("warning", "4 traditional characters converted to simplified")]
    i = source.text.index("严")
    assert source.raw[source.offsets.to_source(i)] == "嚴"


def test_one_or_two_traditional_characters_are_left_alone():
    source = source_from_text("青禾镇2023年法治政府建设报告，引用《台灣》")
    assert "台灣" in source.text and issues_of(source) == []
