"""Copy detection (kg/analysis/copies.py): copied passages found, expected reuse left out."""

from __future__ import annotations

import pytest

from kg.analysis.copies import CopyOptions, copies_in_table, find_copies, fingerprint, letters_of
from kg.analysis.profile import ProfileWriter
from kg.analysis.records import ReportProfile, Scorecard, Unit
from kg.ingest.read import read_report
from kg.ingest.structure import document_from_text

CARD = Scorecard((), 100, None, 0, 0, 0, "", "", None, None)


def letters(text: str) -> str:
    return "".join(map(chr, letters_of(text)[0]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年，共化解 72 起。", "#年共化解#起"),
        ("《中华人民共和国民法典》", "中华人民共和国民法典"),
        ("ABC镇１２３件", "abc镇#件"),
        ("“谁执法、谁普法”", "谁执法谁普法"),
        ("  \n\t", ""),
    ],
)
def test_letters_drop_punctuation_and_fold_digit_runs(text, expected):
    assert letters(text) == expected


def profile(name: str, unit: Unit, year: int, body: str) -> ReportProfile:
    doc = document_from_text(f"{unit.name}{year}年法治政府建设情况报告\n{body}", name)
    table, n = fingerprint(doc)
    return ReportProfile(name, name, "", unit, year, CARD, letters=n, fingerprints=table)


# Paragraphs written for these tests: each long enough to be one copied passage.
OWN = {
    "a": "今年镇里请来县农业农村局的干部，把土地承包经营权确权登记中遇到的边界争议逐户核对，"
    "凡是涉及祖坟和林地交界的，一律请两边村民小组长到现场指认并签字，全年没有一户因为确权上访。"
    "核对完的地块由村委会张榜公示七天，有异议的再组织一次现场复核，复核结果记入台账备查。",
    "b": "街道把老旧小区加装电梯的协商会搬到了楼道口，由社区律师先讲清楚相邻权和费用分摊的规定，"
    "再让低层住户和高层住户各推一名代表算账，三个月里十二部电梯全部签下了协议并开工建设。"
    "对个别坚持不同意的住户，社区请人民调解员上门听取意见，把补偿办法写进协议附件。",
    "c": "乡里在汛期前组织应急、水利和自然资源三个部门联合排查山塘水库和地质灾害隐患点，"
    "对每一处隐患都明确一名乡干部、一名村干部和一名网格员负责，汛期转移群众时没有一人受伤。"
    "排查中发现的两处病险山塘，乡里先行降低水位，并报请县里列入下一年度除险加固计划。",
    "d": "镇综合执法队对集镇占道经营实行错时执法，早市由市场监管所牵头，夜市由派出所配合，"
    "首次发现的先劝导后登记，屡劝不改的依法暂扣物品，半年来投诉件数下降了一半以上。"
    "执法队还在集镇入口划出临时摊位区，让进城卖菜的老人有地方可去，不再沿街摆摊。",
}
SLOGANS = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
    "认真落实《法治政府建设实施纲要（2021—2025年）》。"
)
QINGHE, LUWAN = (
    Unit("浙江省", "丽水市", "松阳县", "青禾镇"),
    Unit("江西省", "吉安市", "安福县", "芦湾镇"),
)


def test_a_copied_paragraph_is_found_with_its_offsets_in_both_files():
    a = profile("a", QINGHE, 2023, OWN["a"] + "\n" + OWN["b"])
    b = profile("b", LUWAN, 2023, OWN["c"] + "\n" + OWN["b"].replace("街道", "芦湾镇"))
    [pair] = find_copies([a, b]).pairs
    assert (pair.report_a, pair.report_b, pair.kind) == ("a", "b", "cross-unit")
    text_a = f"青禾镇2023年法治政府建设情况报告\n{OWN['a']}\n{OWN['b']}"
    text_b = f"芦湾镇2023年法治政府建设情况报告\n{OWN['c']}\n{OWN['b'].replace('街道', '芦湾镇')}"
    [passage] = pair.passages
    # the passage lies inside the copied paragraph in both files, and covers most of it
    assert letters(text_a[passage.a_start : passage.a_end]) in letters(OWN["b"])
    assert letters(text_b[passage.b_start : passage.b_end]) in letters(OWN["b"])
    assert passage.letters >= len(letters(OWN["b"])) - 2 * CopyOptions().window
    assert 0.3 < pair.share_a < 0.6 and 0.3 < pair.share_b < 0.6


@pytest.mark.parametrize(
    ("body_a", "body_b", "kind"),
    [
        (OWN["a"], OWN["a"].replace("今年", "去年"), "cross-unit"),  # a word changed
        (OWN["d"], OWN["d"].replace("一半", "三成"), "cross-unit"),
        (OWN["c"] + "全年转移群众120人次。", OWN["c"] + "全年转移群众86人次。", "cross-unit"),
    ],
)
def test_copies_with_small_edits_and_new_figures_are_found(body_a, body_b, kind):
    pairs = find_copies(
        [profile("a", QINGHE, 2023, body_a), profile("b", LUWAN, 2023, body_b)]
    ).pairs
    assert [p.kind for p in pairs] == [kind]


@pytest.mark.parametrize(
    ("unit_b", "year_b", "kind"),
    [(QINGHE, 2024, "cross-year"), (QINGHE, 2023, "same-year"), (Unit(), 2024, "unknown-unit")],
)
def test_the_kind_of_a_pair(unit_b, year_b, kind):
    a = profile("a", QINGHE, 2023, OWN["a"])
    b = profile("b", unit_b, year_b, OWN["a"])
    assert [p.kind for p in find_copies([b, a]).pairs] == [kind]
    assert find_copies([b, a]).pairs[0].report_a == "a"  # the earlier report comes first


def test_slogans_and_titles_every_report_repeats_are_expected_reuse():
    a = profile("a", QINGHE, 2023, SLOGANS + OWN["a"])
    b = profile("b", LUWAN, 2023, SLOGANS + OWN["c"])
    result = find_copies([a, b], CopyOptions(min_shared=20, min_passage=20))
    assert result.pairs == []


def test_a_passage_in_many_units_is_common_and_one_in_two_is_copying():
    towns = [Unit("某省", "", "某县", f"第{i}镇") for i in range(12)]
    reports = [
        profile(f"r{i}", u, 2023, OWN["d"] + OWN["a"][i : i + 20]) for i, u in enumerate(towns)
    ]
    reports.append(profile("copier", Unit("某省", "", "某县", "抄写镇"), 2023, OWN["b"]))
    reports.append(profile("source", Unit("某省", "", "别县", "原创镇"), 2022, OWN["b"]))
    result = find_copies(reports, CopyOptions(common_units=10))
    assert [(p.report_a, p.report_b) for p in result.pairs] == [("source", "copier")]
    assert result.common_threshold == 10 and result.common_fingerprints > 0


def test_the_common_threshold_grows_with_the_corpus():
    options = CopyOptions()
    assert [options.common_threshold(n) for n in (5, 2000, 40000)] == [10, 10, 200]


def test_a_build_folder_gives_the_same_pairs_as_profiles_in_memory(tmp_path, research_profiles):
    profiles = list(research_profiles.values())
    with ProfileWriter(tmp_path) as writer:
        for p in profiles:
            writer.add(p)
        writer.commit()
    from kg.analysis.profile import fingerprint_table

    from_files = copies_in_table(*fingerprint_table(tmp_path))
    assert from_files.pairs == find_copies(profiles).pairs


def test_written_pairs_copying_and_one_unit_over_two_years(research_profiles, research_files):
    result = find_copies(research_profiles.values())
    found = {(p.unit_a.name, p.unit_b.name, p.kind) for p in result.pairs}
    assert found == {("青禾镇", "芦湾镇", "cross-unit"), ("柳溪乡", "柳溪乡", "cross-year")}
    pair = next(p for p in result.pairs if p.kind == "cross-unit")
    raw_a, raw_b = (read_report(p).raw for p in (pair.path_a, pair.path_b))
    copied = [
        "退休教师、老党员和村医组成调解志愿队",
        "法律赶集日",
        "政务公开栏搬进了各村的便民服务点",
    ]
    for words in copied:
        assert any(words in raw_a[p.a_start : p.a_end] for p in pair.passages), words
        assert any(words in raw_b[p.b_start : p.b_end] for p in pair.passages), words
    # what 芦湾镇 wrote itself is in no passage
    assert not any("非法采砂" in raw_b[p.b_start : p.b_end] for p in pair.passages)
    assert pair.share_b > 0.35 and pair.longest_passage > 80


@pytest.mark.seeds
def test_no_copies_between_the_five_seed_towns(seed_profiles):
    assert find_copies(seed_profiles.values()).pairs == []


def test_no_copies_among_the_real_openings_of_sixty_units(real_profiles):
    """Sixty openings of different units share slogans, never a passage of 80 letters."""
    result = find_copies(real_profiles)
    assert result.pairs == []
    assert result.candidate_pairs > 0  # they do share short fragments
