"""Tests for extractors/laws.py: titles, kinds, bare short names, the seeds."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.laws import LAW_KINDS, canonical_law_title, extract_laws
from kg.ingest.structure import document_from_text
from kg.model import EntityType, SectionKind

NL, AR, LR, PR = "NationalLaw", "AdministrativeRegulation", "LocalRegulation", "PartyRule"
PD, LND, BOOK = "PolicyDocument", "LocalNormativeDocument", "Book"


def keys_and_kinds(text: str) -> set[tuple[str, str]]:
    return {(m.key, m.attr("kind")) for m in extract_laws(document_from_text(text))}


# ------------------------------------------------------------ canonical titles


@pytest.mark.parametrize(
    "title, expected",
    [
        # one node per national law however written
        ("民法典", ("中华人民共和国民法典", NL)),
        ("《民法典》", ("中华人民共和国民法典", NL)),
        ("《中华人民共和国民法典》", ("中华人民共和国民法典", NL)),
        ("<<民法典>>", ("中华人民共和国民法典", NL)),
        ("〈宪法〉", ("中华人民共和国宪法", NL)),
        ("中 华 人 民 共 和 国 行 政 处 罚 法", ("中华人民共和国行政处罚法", NL)),
        ("中华人民共和国行政处罚法（2021年修订）", ("中华人民共和国行政处罚法", NL)),
        # an amendment is part of the law it amends
        ("刑法修正案（十一）", ("中华人民共和国刑法", NL)),
        ("宪法修正案", ("中华人民共和国宪法", NL)),
        ("反食品浪费法", ("中华人民共和国反食品浪费法", NL)),
        # administrative regulations
        ("政府信息公开条例", ("中华人民共和国政府信息公开条例", AR)),
        ("《中华人民共和国政府信息公开条例》", ("中华人民共和国政府信息公开条例", AR)),
        ("土地管理法实施条例", ("中华人民共和国土地管理法实施条例", AR)),
        ("重大行政决策程序暂行条例", ("重大行政决策程序暂行条例", AR)),
        ("优化营商环境条例", ("优化营商环境条例", AR)),
        # party rules, including those jointly issued with the State Council
        ("中国共产党问责条例", ("中国共产党问责条例", PR)),
        ("中国共产党章程", ("中国共产党章程", PR)),
        ("党章", ("中国共产党章程", PR)),
        ("信访工作条例", ("信访工作条例", PR)),
        (
            "党政主要负责人履行推进法治建设第一责任人职责规定",
            ("党政主要负责人履行推进法治建设第一责任人职责规定", PR),
        ),
        ("中国共产党廉洁自律准则", ("中国共产党廉洁自律准则", PR)),
        # local regulations: a province or city issues them
        ("江西省平安建设条例", ("江西省平安建设条例", LR)),
        ("安徽省行政执法监督条例", ("安徽省行政执法监督条例", LR)),
        ("江西省征收土地管理办法", ("江西省征收土地管理办法", LR)),
        ("重庆市行政执法监督条例", ("重庆市行政执法监督条例", LR)),
        ("赣州市城市管理条例", ("赣州市城市管理条例", LR)),
        ("石柱土家族自治县自治条例", ("石柱土家族自治县自治条例", LR)),
        # policy documents; every dash and bracket of a period
        ("法治政府建设实施纲要(2015-2020年)", ("法治政府建设实施纲要（2015—2020年）", PD)),
        ("《法治政府建设实施纲要（2021—2025 年）》", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("法治政府建设实施纲要（2021－2025年）", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("法治政府建设实施纲要（2021–2025年）", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("法治政府建设实施纲要（2021——2025年）", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("法治政府建设实施纲要（2021~2025年）", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("法治政府建设实施纲要（2021至2025年）", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("法治政府建设实施纲要（2021一2025年）", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("法治政府建设实施纲要（2021-2025）", ("法治政府建设实施纲要（2021—2025年）", PD)),
        # a county's work points are a policy its towns follow
        ("全县普法依法治理工作要点", ("全县普法依法治理工作要点", PD)),
        ("2022年全县普法依法治理工作要点", ("2022年全县普法依法治理工作要点", PD)),
        (
            "石柱土家族自治县2023年普法依法治理工作要点",
            ("石柱土家族自治县2023年普法依法治理工作要点", PD),
        ),
        ("关于加强法治乡村建设的意见", ("关于加强法治乡村建设的意见", PD)),
        ("国务院关于加强法治政府建设的意见", ("国务院关于加强法治政府建设的意见", PD)),
        (
            "中共中央关于全面推进依法治国若干重大问题的决定",
            ("中共中央关于全面推进依法治国若干重大问题的决定", PD),
        ),
        (
            "关于开展法治宣传教育的第八个五年规划(2021-2025年)",
            ("关于开展法治宣传教育的第八个五年规划（2021—2025年）", PD),
        ),
        # a comma typed half width inside a long title is the full-width one
        (
            "中共青禾县委关于贯彻落实全会精神,进一步全面深化改革的实施意见",
            ("中共青禾县委关于贯彻落实全会精神，进一步全面深化改革的实施意见", PD),
        ),
        # local normative documents: a town's or county's own rules
        (
            "大吉山镇重大行政决策事项和行政规范性文件合法性审查机制实施细则",
            ("大吉山镇重大行政决策事项和行政规范性文件合法性审查机制实施细则", LND),
        ),
        ("青禾镇法律顾问工作实施方案", ("青禾镇法律顾问工作实施方案", LND)),
        ("青禾镇合法性审核工作规程", ("青禾镇合法性审核工作规程", LND)),
        # whatever a town issues for itself, work points and plans included
        ("青禾镇2024年法治政府建设工作要点", ("青禾镇2024年法治政府建设工作要点", LND)),
        (
            "青禾镇法治宣传教育第八个五年规划(2021-2025年)",
            ("青禾镇法治宣传教育第八个五年规划（2021—2025年）", LND),
        ),
        ("全镇2023年普法工作计划", ("全镇2023年普法工作计划", LND)),
        ("石柱土家族自治县行政规范性文件管理办法", ("石柱土家族自治县行政规范性文件管理办法", LND)),
        (
            "赣州经济技术开发区凤岗镇综合行政执法工作制度",
            ("赣州经济技术开发区凤岗镇综合行政执法工作制度", LND),
        ),
        ("中共青禾镇委员会议事规则", ("中共青禾镇委员会议事规则", LND)),
        ("田背村村规民约", ("田背村村规民约", LND)),
        ("村规民约", ("村规民约", LND)),
        ("居民公约", ("居民公约", LND)),
        # books
        ("习近平法治思想学习纲要", ("习近平法治思想学习纲要", BOOK)),
        ("习近平关于全面依法治国论述摘编", ("习近平关于全面依法治国论述摘编", BOOK)),
        ("宪法学习读本", ("宪法学习读本", BOOK)),
        ("民法典100问", ("民法典100问", BOOK)),
        ("农村常用法律法规汇编", ("农村常用法律法规汇编", BOOK)),
        ("习近平法治思想概论", ("习近平法治思想概论", BOOK)),  # the subject's textbook
        ("青少年法治教育大纲", ("青少年法治教育大纲", PD)),  # a curriculum set by ministries
        # not laws: media, programmes, methods, a bare head
        ("人民日报", None),
        ("今日说法", None),
        ("法治在线", None),
        ("“枫桥式”工作法", None),
        ("三字工作法", None),
        # a period whose opening bracket was lost
        ("法治政府建设实施纲要2021-2025年)", ("法治政府建设实施纲要（2021—2025年）", PD)),
        ("意见", None),
        ("实施", None),
        ("民法典宣传手册", None),
        ("《通知》", None),
        ("", None),
    ],
)
def test_canonical_law_title(title, expected):
    assert canonical_law_title(title) == expected


@pytest.mark.parametrize(
    "year, expected",
    [
        (2016, "法治政府建设实施纲要（2015—2020年）"),
        (2020, "法治政府建设实施纲要（2015—2020年）"),
        (2021, "法治政府建设实施纲要（2021—2025年）"),
        (2024, "法治政府建设实施纲要（2021—2025年）"),
        (2010, "法治政府建设实施纲要"),
        (None, "法治政府建设实施纲要"),
    ],
)
def test_edition_without_period_follows_report_year(year, expected):
    assert canonical_law_title("《法治政府建设实施纲要》", year=year) == (expected, PD)


def test_kinds_in_data_are_known_kinds():
    data = tomllib.loads(
        resources.files("extractors").joinpath("data/law_titles.toml").read_text("utf-8")
    )
    kinds = set(data) - {"editions", "edition_kinds"}
    assert kinds <= LAW_KINDS
    assert set(data["edition_kinds"].values()) <= LAW_KINDS
    for kind in kinds:
        for canonical in data[kind]:
            assert canonical_law_title(canonical) == (canonical, kind)


def test_every_listed_national_law_resolves_with_prefix():
    lines = resources.files("extractors").joinpath("data/law_national.txt").read_text("utf-8")
    names = [s for s in map(str.strip, lines.splitlines()) if s and not s.startswith("#")]
    assert len(names) == len(set(names)) >= 100
    for name in names:
        assert canonical_law_title(name) == ("中华人民共和国" + name, NL)


# ------------------------------------------------------------ extraction


@pytest.mark.parametrize(
    "text, expected",
    [
        # brackets of every kind
        ("认真贯彻落实《政府信息公开条例》要求。", {("中华人民共和国政府信息公开条例", AR)}),
        ("按照<<江西省平安建设条例>>要求开展工作。", {("江西省平安建设条例", LR)}),
        ("学习〈中华人民共和国民法典〉。", {("中华人民共和国民法典", NL)}),
        (
            "集中学习了《中华人民共和国民法典》、《中国共产党问责条例》、《中国共产党章程》等法律法规。",
            {("中华人民共和国民法典", NL), ("中国共产党问责条例", PR), ("中国共产党章程", PR)},
        ),
        # a lost opening bracket, at the start of a line or after a lead-in verb
        (
            "三是加强普法宣传。对标2022年全县普法依法治理工作要点》认真抓好“八五普法”。",
            {("2022年全县普法依法治理工作要点", PD)},
        ),
        (
            "前言\n法治政府建设实施纲要（2021—2025年）》明确了目标。",
            {("法治政府建设实施纲要（2021—2025年）", PD)},
        ),
        # a lost closing bracket
        (
            "认真落实《政府信息公开条例要求，及时公开信息。",
            {("中华人民共和国政府信息公开条例", AR)},
        ),
        ("学习了《中华人民共和国民法典等法律法规。", {("中华人民共和国民法典", NL)}),
        # nested titles: a notice and the document it issues are both cited
        (
            "学习《关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》精神。",
            {
                ("关于印发《法治政府建设实施纲要（2021—2025年）》的通知", PD),
                ("法治政府建设实施纲要（2021—2025年）", PD),
            },
        ),
        (
            "学习《关于印发《法治政府建设实施纲要（2021—2025年）》的通知》精神。",
            {
                ("关于印发《法治政府建设实施纲要（2021—2025年）》的通知", PD),
                ("法治政府建设实施纲要（2021—2025年）", PD),
            },
        ),
        # a document of its own that implements another also cites it (the real-corpus gold)
        (
            "贯彻《江西省实施〈中华人民共和国村民委员会组织法〉办法》。",
            {
                ("江西省实施《中华人民共和国村民委员会组织法》办法", LR),
                ("中华人民共和国村民委员会组织法", NL),
            },
        ),
        ("撰写《学习〈民法典〉心得》。", {("中华人民共和国民法典", NL)}),
        # bare short names that are citations
        ("指导村级按照人民调解法的要求规范调解程序。", {("中华人民共和国人民调解法", NL)}),
        (
            "深入学习宪法，宣传民法典，弘扬宪法精神。",
            {("中华人民共和国宪法", NL), ("中华人民共和国民法典", NL)},
        ),
        (
            "围绕“12·4”国家宪法日、民法典、优化营商环境等主题，广泛宣传宪法、法律法规和政策。",
            {("中华人民共和国宪法", NL), ("中华人民共和国民法典", NL)},
        ),
        (
            "宣传反电信网络诈骗法、未成年人保护法和安全生产法。",
            {
                ("中华人民共和国反电信网络诈骗法", NL),
                ("中华人民共和国未成年人保护法", NL),
                ("中华人民共和国安全生产法", NL),
            },
        ),
        (
            "认真落实土地管理法实施条例，依据中华人民共和国土地管理法办理。",
            {("中华人民共和国土地管理法实施条例", AR), ("中华人民共和国土地管理法", NL)},
        ),
        ("把学习党章党纪和法律法规作为重要内容。", {("中国共产党章程", PR)}),
        (
            "严格执行信访工作条例，落实政府信息公开条例。",
            {("信访工作条例", PR), ("中华人民共和国政府信息公开条例", AR)},
        ),
        ("刑法学专家讲授刑法修正案（十一）。", {("中华人民共和国刑法", NL)}),
        ("组织学习《中华人民共和国宪法》和宪法修正案。", {("中华人民共和国宪法", NL)}),
        (
            "认真学习中国共产党纪律处分条例和法治政府建设实施纲要。",
            {("中国共产党纪律处分条例", PR), ("法治政府建设实施纲要", PD)},
        ),
        ("学习“民法典”。", {("中华人民共和国民法典", NL)}),
        # the first-responsible-person rule named without 《》 is cited as any named document
        (
            "认真落实党政主要负责人履行推进法治建设第一责任人职责规定，带头学法。",
            {("党政主要负责人履行推进法治建设第一责任人职责规定", PR)},
        ),
        # ... and with a word dropped, as reports often write it
        (
            "严格落实党政主要负责人履行法治建设第一责任人职责规定。",
            {("党政主要负责人履行推进法治建设第一责任人职责规定", PR)},
        ),
        (
            "全面落实《党政主要负责人推进法治建设第一责任人职责规定》。",
            {("党政主要负责人履行推进法治建设第一责任人职责规定", PR)},
        ),
        # events, days, campaigns and other words are no citations
        ("利用宪法宣传周、民法典宣传月等重要时间节点开展宣传。", set()),
        ("12月4日国家宪法日当天，组织宪法宣誓。", set()),
        ("宪法宣传教育周期间开展活动，推进宪法进万家。", set()),
        ("结合宪法日、民法典宣传月开展普法。", set()),
        ("开展“美好生活·民法典相伴”主题活动。", set()),
        ("建成宪法宣誓台和民法典主题步道、宪法文化广场。", set()),
        ("加强劳动法律法规宣传，加强档案法治建设，办理公司法人登记。", set()),
        ("开展教育法治宣传，听取法院意见。", set()),
        ("收看《今日说法》《人民日报》《法治在线》栏目。", set()),
        ("推行《“枫桥式”工作法》。", set()),
        ("制定了工作方案》并落实。", set()),
        ("落实党内法规和行政法规，坚持依法行政。", set()),
        # a law's own words after it: study of the law, what the law lays down
        ("组织干部开展宪法学习。", {("中华人民共和国宪法", NL)}),
        ("清理不符合行政处罚法规定的事项。", {("中华人民共和国行政处罚法", NL)}),
        ("宪法学是法学的一门学科。", set()),
        # a name too short to read anywhere (水法), read as the next of a list of laws
        (
            "学习行政许可法、水法等法律。",
            {("中华人民共和国行政许可法", NL), ("中华人民共和国水法", NL)},
        ),
        (
            "学习《行政许可法》和水法。",
            {("中华人民共和国行政许可法", NL), ("中华人民共和国水法", NL)},
        ),
        ("学习行政许可法、水法规。", {("中华人民共和国行政许可法", NL)}),
        ("开展节水法治宣传。", set()),
        # a law's implementing rules named after it
        (
            "认真贯彻土地管理法及其实施条例。",
            {("中华人民共和国土地管理法", NL), ("中华人民共和国土地管理法实施条例", AR)},
        ),
        # a government's year of work set out as 工作安排
        (
            "印发《青禾县2023年度法治政府建设工作安排》。",
            {("青禾县2023年度法治政府建设工作安排", PD)},
        ),
        # plans without 《》: listed one after another, or named by their place without a year
        (
            "落实甲山市2022年全面依法治市工作要点、乙水县2022年依法行政工作要点和青禾县"
            "2022年全面依法治县工作要点。",
            {
                ("甲山市2022年全面依法治市工作要点", PD),
                ("乙水县2022年依法行政工作要点", PD),
                ("青禾县2022年全面依法治县工作要点", PD),
            },
        ),
        ("紧紧围绕青禾县全面依法治县工作要点开展工作。", {("青禾县全面依法治县工作要点", PD)}),
        # two verbs before the title are no part of it
        ("制定实施2024年法治政府建设工作要点。", {("2024年法治政府建设工作要点", PD)}),
        ("制定完善了全镇依法治理工作要点。", {("全镇依法治理工作要点", LND)}),
        ("紧紧围绕全面依法治县工作要点开展工作。", set()),
        # ... or by a level or its party committee alone; work put into such a plan names
        # only its kind
        ("依据区委全面依法治区工作要点制定方案。", {("区委全面依法治区工作要点", PD)}),
        ("按照区法治政府工作要点推进各项工作。", {("区法治政府工作要点", PD)}),
        ("将示范创建纳入市委全面依法治市委员会工作要点。", set()),
        # the work put into a plan
        (
            "将法治政府建设纳入市委全面依法治市委员会2020年工作要点。",
            {("市委全面依法治市委员会2020年工作要点", PD)},
        ),
        # one plan of two fields joined by 和; two plans joined are none; a work list is a plan
        # too; the writer's level word before the year is no part of the title
        (
            "认真落实2024年全面依法治区和法治政府建设工作要点。",
            {("2024年全面依法治区和法治政府建设工作要点", PD)},
        ),
        ("研究法治工作规划和2022年度工作计划。", set()),
        ("制定街道2025年普法依法治理工作清单。", {("2025年普法依法治理工作清单", LND)}),
        # the unit's study plans and lists, issued (制发, 编制, 下发)
        ("制发2024年法治政府建设工作要点。", {("2024年法治政府建设工作要点", PD)}),
        ("精心制定2024年度法治学习计划。", {("2024年度法治学习计划", PD)}),
        ("制定2025年度学法清单。", {("2025年度学法清单", LND)}),
        # ... not the plan the work is put into by a clause the verb carries
        ("通过把学习法治思想纳入2022年度镇党委中心组学习计划。", set()),
        # a title whose 《 was lost opens with its year after the verb citing it
        (
            "抓整改纠偏差根据2023年法治政府建设督察要点》开展自查。",
            {("2023年法治政府建设督察要点", PD)},
        ),
        # a short name the report gives a title it cites is no second document
        (
            "对照《青禾县法治政府建设实施方案》（以下简称《实施方案》），落实《实施方案》。",
            {("青禾县法治政府建设实施方案", LND)},
        ),
        # a ledger the unit made
        (
            "制定《青禾镇2021年度法治政府建设重点工作任务安排台账》。",
            {("青禾镇2021年度法治政府建设重点工作任务安排台账", LND)},
        ),
        # the year's key tasks a city sets out
        (
            "落实《青禾市2025年推进法治政府建设十项重点任务》。",
            {("青禾市2025年推进法治政府建设十项重点任务", PD)},
        ),
        (
            "印发《青禾市司法行政系统深入学习贯彻习近平法治思想若干举措》。",
            {("青禾市司法行政系统深入学习贯彻习近平法治思想若干举措", PD)},
        ),
        # a copying site left words out of a title: no document is called so
        ("审议《青禾区贯彻〈（略）会建设实施纲要（2021-2025年）〉实施办法》。", set()),
        # the lists of laws leaders must know, named without 《》; not the system of keeping
        # them (…清单制度), nor a place's own list cut from its title
        (
            "印发领导干部应知应会党内法规和国家法律清单，组织新提任干部考法。",
            {("领导干部应知应会党内法规和国家法律清单", LND)},
        ),
        (
            "出台领导干部应知应会党内法规和法律法规清单。",
            {("领导干部应知应会党内法规和法律法规清单", LND)},
        ),
        ("落实领导干部应知应会党内法规和国家法律清单制度。", set()),
        # a title in single angle brackets that opens with its year
        ("印发<2022年青山区法治政府建设工作要点>。", {("2022年青山区法治政府建设工作要点", PD)}),
        ("印发青山区领导干部应知应会党内法规和法律法规清单。", set()),
        # ... but 全区 names no place: the list itself
        (
            "制定全区领导干部应知应会党内法规和法律法规清单。",
            {("领导干部应知应会党内法规和法律法规清单", LND)},
        ),
        # a party rule without 中国共产党; the constitution's authority upheld; a stray bracket
        # inside a title's own (thirty-first session)
        ("学习巡视工作条例和保密规定。", {("中国共产党巡视工作条例", PR)}),
        ("带头维护宪法权威。", {("中华人民共和国宪法", NL)}),
        ("发放宪法权利读本。", set()),
        (
            "落实〈(法治政府建设实施纲要(2021-2025年)〉。",
            {("法治政府建设实施纲要（2021—2025年）", PD)},
        ),
        # laws the list lacked, and the short names reports write for longer titles, in 《》
        # and in running text (thirty-second session); 监督法规 is no law
        (
            "组织干部学习民营经济促进法和《海关法》。",
            {("中华人民共和国民营经济促进法", NL), ("中华人民共和国海关法", NL)},
        ),
        (
            "学习《保密法》、科技进步法、政务处分法。",
            {
                ("中华人民共和国保守国家秘密法", NL),
                ("中华人民共和国科学技术进步法", NL),
                ("中华人民共和国公职人员政务处分法", NL),
            },
        ),
        (
            "贯彻监督法，完善党内监督法规。",
            {("中华人民共和国各级人民代表大会常务委员会监督法", NL)},
        ),
        ("修订内部监督法规。", set()),
        # the year's plan named after 年度 without its year
        ("按照年度青禾市法治政府建设工作要点推进工作。", {("青禾市法治政府建设工作要点", PD)}),
        # the book of speeches, named without 《》
        ("班子成员通读习近平谈治国理政。", {("习近平谈治国理政", "Book")}),
    ],
)
def test_extract_laws_table(text, expected):
    assert keys_and_kinds(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # doubled quotes, a document number, a lost dash, a lost closing bracket
        ("落实《苇岗县法治政府建设““十四五””规划》。", {("苇岗县法治政府建设“十四五”规划", PD)}),
        (
            "转发《关于印发2023年全县普法工作要点的通知（青府办发〔2023〕12号）》。",
            {("关于印发2023年全县普法工作要点的通知", PD)},
        ),
        (
            "对照《法治政府建设实施纲要(20212025年)》。",
            {("法治政府建设实施纲要（2021—2025年）", PD)},
        ),
        ("落实《青禾县法治建设规划(2021-2025年》。", {("青禾县法治建设规划（2021—2025年）", PD)}),
        # a document of its own that cites another in 〈〉
        (
            "制定《落实〈党政主要负责人履行推进法治建设第一责任人职责规定〉任务清单》。",
            {
                ("落实《党政主要负责人履行推进法治建设第一责任人职责规定》任务清单", LND),
                ("党政主要负责人履行推进法治建设第一责任人职责规定", PR),
            },
        ),
        # well-known short names and books
        ("严格落实中央八项规定精神。", {("中央八项规定", PR)}),
        (
            "学习《习近平关于法治政府建设的重要论述》。",
            {("习近平关于法治政府建设的重要论述", BOOK)},
        ),
        # a named plan written without 《》, after a verb; not two documents joined
        ("研究2024年青禾镇法治政府建设工作要点。", {("2024年青禾镇法治政府建设工作要点", LND)}),
        ("制定2025年度普法计划。", {("2025年度普法计划", PD)}),
        # (nineteenth session) a year's study plan of law; a plan the unit takes up (结合), but
        # not its conditions (结合我镇实际); the city's plan named by its whole
        ("制定县政府党组2021年学法计划。", {("县政府党组2021年学法计划", PD)}),
        ("结合我镇实际制定2024年全面依法治县工作计划。", {("2024年全面依法治县工作计划", PD)}),
        ("结合我镇2025年全面依法治镇工作要点推进工作。", {("2025年全面依法治镇工作要点", LND)}),
        ("按照全市法治政府建设工作要点推进。", {("全市法治政府建设工作要点", PD)}),
        # a title still open at the text's end was cut with the text; one open before a mark
        # ends there
        ("严格执行《青禾县人民政府办公室关于加强行政规范性文件制定", set()),
        (
            "严格执行《青禾县行政规范性文件管理办法，推进依法行政。",
            {("青禾县行政规范性文件管理办法", LND)},
        ),
        ("制定法治工作规划和2024年度工作计划。", set()),
        # a page writing 《》 as single angle brackets, nested or not
        (
            "制定《青禾区贯彻落实<法治政府建设实施纲要（2021—2025年）>的实施方案》。",
            {
                ("青禾区贯彻落实《法治政府建设实施纲要（2021—2025年）》的实施方案", LND),
                ("法治政府建设实施纲要（2021—2025年）", PD),
            },
        ),
        # ... or a period glued to the title with no bracket
        (
            "认真落实《法治政府建设实施纲要2021—2025》。",
            {("法治政府建设实施纲要（2021—2025年）", PD)},
        ),
        # ... or a period in angle brackets, as its parentheses
        (
            "全面落实《法治政府建设实施纲要<2015-2020年>》。",
            {("法治政府建设实施纲要（2015—2020年）", PD)},
        ),
        # indicator systems, circulars, key tasks, a county's tables, a known book
        ("对照《青禾省法治政府建设指标体系》。", {("青禾省法治政府建设指标体系", PD)}),
        ("转发《关于法治督察发现问题的通报》。", {("关于法治督察发现问题的通报", PD)}),
        ("印发《青禾县普法任务分工表》。", {("青禾县普法任务分工表", LND)}),
        ("编制《青禾街道自由裁量基准表》。", {("青禾街道自由裁量基准表", LND)}),
        ("制定《2021青禾镇党委议事规则和决策程序》。", {("2021青禾镇党委议事规则和决策程序", LND)}),
        # a guide to a book is a book, and the book it guides to is cited in it
        (
            "举办《〈习近平谈治国理政〉第五卷导读》专题培训班。",
            {("《习近平谈治国理政》第五卷导读", BOOK), ("习近平谈治国理政", BOOK)},
        ),
        ("学习《论坚持全面依法治国》。", {("论坚持全面依法治国", BOOK)}),
        # the party rule on inspections, cited without 《》
        (
            "按照中央法治政府建设与责任落实督察工作规定开展自查。",
            {("法治政府建设与责任落实督察工作规定", PR)},
        ),
        # a party rule written without 中国共产党, in running text
        (
            "严格执行廉洁自律准则，落实纪律处分条例。",
            {("中国共产党廉洁自律准则", PR), ("中国共产党纪律处分条例", PR)},
        ),
        # verbs in a row before a plan named without 《》
        ("贯彻落实中央依法治国委2023年工作要点。", {("中央依法治国委2023年工作要点", PD)}),
        # the report's own parts joined to a plan's name are no list of plans
        ("现将2024年度我旗法治政府建设工作情况总结和2025年法治政府工作计划如下。", set()),
        # a bureau's plan of the year's study; a town's plan with its tasks divided, its own document
        ("制定《青禾县林业局2023年干部学法安排》。", {("青禾县林业局2023年干部学法安排", PD)}),
        (
            "制定《青禾街道2020年法治街道建设要点及任务分解》。",
            {("青禾街道2020年法治街道建设要点及任务分解", LND)},
        ),
        # the unit's own rules for its leaders' first-responsible duty, made without 《》;
        # the duty carried out names no document
        (
            "年初研究制定街道党政主要负责人履行推进法治建设第一责任人职责清单，逐项明确分工。",
            {("街道党政主要负责人履行推进法治建设第一责任人职责清单", LND)},
        ),
        (
            "镇党委印发党政主要负责人履行法治建设第一责任工作清单。",
            {("党政主要负责人履行法治建设第一责任工作清单", LND)},
        ),
        ("认真落实法治建设第一责任人职责清单要求。", set()),
        # a government's catalogue and its emergency plans; a study book, not a leaflet
        (
            "公布《青禾县人民政府重大行政决策事项目录》。",
            {("青禾县人民政府重大行政决策事项目录", LND)},
        ),
        ("修订《县防汛抗旱应急预案》。", {("县防汛抗旱应急预案", PD)}),
        ("编印《领导干部法治建设学习手册》。", {("领导干部法治建设学习手册", BOOK)}),
        ("发放《法治宣传手册》2000册。", set()),
    ],
)
def test_real_report_citations(text, expected):
    assert keys_and_kinds(text) == expected


def test_mentions_keep_the_contract():
    text = (
        "关于青禾镇2022年度法治政府建设工作情况的报告\n一、主要举措和成效\n"
        "学习《中华人民共和国民法典》和宪法，对标2022年全县普法依法治理工作要点》抓普法。\n"
        "二、存在的不足\n对政府信息公开条例理解不深。\n三、2023年工作安排\n宣传《法治政府建设实施纲要》。"
    )
    doc = document_from_text(text)
    mentions = extract_laws(doc)
    assert mentions == sorted(mentions, key=lambda m: (m.start, m.end, m.type.value, m.key))
    assert len(mentions) == len(set(mentions))
    for m in mentions:
        assert m.type is EntityType.LAW
        assert m.text == doc.text[m.start : m.end]
        assert m.section == doc.section_kind_at(m.start)
        assert m.attr("kind") in LAW_KINDS
    by_key = {m.key: m for m in mentions}
    assert by_key["中华人民共和国民法典"].text == "中华人民共和国民法典"  # brackets left out
    assert by_key["中华人民共和国民法典"].section is SectionKind.ACHIEVEMENTS
    assert by_key["中华人民共和国政府信息公开条例"].section is SectionKind.PROBLEMS
    assert by_key["法治政府建设实施纲要（2021—2025年）"].section is SectionKind.PLANS


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet='《》〈〉<>（）()“”"，。、：\n 法条例规定办法民法典宪法中华人民共和国镇县省2021—-年纲要宣传周日',
        max_size=60,
    )
)
def test_never_raises_on_odd_text(noise):
    doc = document_from_text("x" + noise)
    for m in extract_laws(doc):
        assert m.text == doc.text[m.start : m.end] and m.end > m.start


# ------------------------------------------------------------ seeds


def seed_laws(seed_documents, prefix: str) -> tuple[set[tuple[str, str]], list]:
    name = next(n for n in seed_documents if n.startswith(prefix))
    doc = seed_documents[name]
    mentions = extract_laws(doc)
    return {(m.key, m.attr("kind")) for m in mentions}, mentions


@pytest.mark.seeds
def test_seed_000_dajishan(seed_documents):
    found, mentions = seed_laws(seed_documents, "000_")
    assert found == {
        ("中华人民共和国政府信息公开条例", AR),
        ("大吉山镇重大行政决策事项和行政规范性文件合法性审查机制实施细则", LND),
        ("2022年全县普法依法治理工作要点", PD),
    }
    # 宪法宣传周 and 民法典宣传月 are initiatives, not citations
    assert not {k for k, _ in found} & {"中华人民共和国宪法", "中华人民共和国民法典"}


@pytest.mark.seeds
def test_seed_001_huanghe(seed_documents):
    found, _ = seed_laws(seed_documents, "001_")
    assert found == {
        ("习近平法治思想学习纲要", BOOK),
        ("中华人民共和国政府信息公开条例", AR),
        ("中华人民共和国宪法", NL),
    }


@pytest.mark.seeds
def test_seed_002_zhulong(seed_documents):
    found, mentions = seed_laws(seed_documents, "002_")
    assert found == {
        ("法治政府建设实施纲要（2015—2020年）", PD),
        ("安徽省行政执法监督条例", LR),
        ("中华人民共和国人民调解法", NL),
    }
    by_key = {m.key: m for m in mentions}
    assert by_key["安徽省行政执法监督条例"].section is SectionKind.PLANS
    assert (
        by_key["法治政府建设实施纲要（2015—2020年）"].text == "法治政府建设实施纲要（2015-2020年）"
    )


@pytest.mark.seeds
def test_seed_003_yuntai(seed_documents):
    found, mentions = seed_laws(seed_documents, "003_")
    assert found == {("中华人民共和国民法典", NL), ("中华人民共和国宪法", NL)}
    doc = next(d for n, d in seed_documents.items() if n.startswith("003_"))
    day = doc.text.index("国家宪法日")
    assert not [m for m in mentions if day <= m.start < day + len("国家宪法日")]


@pytest.mark.seeds
def test_seed_004_fenggang(seed_documents):
    found, mentions = seed_laws(seed_documents, "004_")
    assert found >= {
        ("中华人民共和国民法典", NL),
        ("中国共产党问责条例", PR),
        ("中国共产党章程", PR),
        ("江西省平安建设条例", LR),
        ("江西省征收土地管理办法", LR),
        ("法治政府建设实施纲要（2021—2025年）", PD),
        ("中华人民共和国野生动物保护法", NL),
        ("中华人民共和国反电信网络诈骗法", NL),
        ("中华人民共和国义务教育法", NL),
        ("中华人民共和国未成年人保护法", NL),
        ("中华人民共和国预防未成年人犯罪法", NL),
        ("中华人民共和国反家庭暴力法", NL),
    }
    keys = {k for k, _ in found}
    # only 宪法日 and 宪法宣传周 name the constitution here
    assert "中华人民共和国宪法" not in keys
    assert len(keys) == 12
    party_charter = [m for m in mentions if m.key == "中国共产党章程"]
    assert {m.text for m in party_charter} == {"中国共产党章程", "党章"}
    assert {m.section for m in party_charter if m.text == "党章"} == {SectionKind.PLANS}


# ------------------------------------------------------------ bundled examples


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "dibu_2020.txt",
            {
                ("法治政府建设实施纲要（2015—2020年）", PD),
                ("重大行政决策程序暂行条例", AR),
                ("荻埠街道重大行政决策事项目录管理制度", LND),
                ("广东省信访条例", LR),
                ("中国共产党政法工作条例", PR),
                ("党政主要负责人履行推进法治建设第一责任人职责规定", PR),
                ("广东省实施《中华人民共和国村民委员会组织法》办法", LR),
                ("中华人民共和国村民委员会组织法", NL),
                ("中华人民共和国民法典", NL),
                ("中华人民共和国传染病防治法", NL),
                ("中华人民共和国突发事件应对法", NL),
            },
        ),
        (
            "qiping_2021.txt",
            {
                ("法治政府建设实施纲要（2021—2025年）", PD),
                ("法治社会建设实施纲要（2020—2025年）", PD),
                ("桤坪镇合法性审核工作规程", LND),
                ("桤坪镇法治宣传教育第八个五年规划（2021—2025年）", LND),
                ("四川省纠纷多元化解条例", LR),
                ("中华人民共和国行政处罚法", NL),
                ("中华人民共和国乡村振兴促进法", NL),
                ("中华人民共和国政府信息公开条例", AR),
                ("中华人民共和国突发事件应对法", NL),
                ("中华人民共和国民法典", NL),
            },
        ),
        (
            "yanling_2024.txt",
            {
                ("法治政府建设实施纲要（2021—2025年）", PD),
                ("砚岭镇2024年法治建设工作要点", LND),
                ("习近平法治思想学习纲要", BOOK),
                ("中国共产党纪律处分条例", PR),
                ("砚岭镇履行职责事项清单", LND),
                ("砚岭镇行政规范性文件合法性审核办法", LND),
                ("中华人民共和国行政处罚法", NL),
                ("山东省多元化解纠纷促进条例", LR),
                ("中华人民共和国民法典", NL),
                ("中华人民共和国政府信息公开条例", AR),
            },
        ),
        (
            "yuanting_2019.txt",
            {
                ("法治政府建设实施纲要（2015—2020年）", PD),
                ("重大行政决策程序暂行条例", AR),
                ("湖南省行政程序规定", LR),
                ("沅汀乡合法性审查工作制度", LND),
                ("中华人民共和国宪法", NL),
                ("中国共产党农村基层组织工作条例", PR),
                ("中华人民共和国土地管理法", NL),
            },
        ),
    ],
)
def test_bundled_examples(example_files, name, expected):
    from kg.ingest.read import read_report
    from kg.ingest.structure import structure

    path = next((p for p in example_files if p.name == name), None)
    if path is None:
        pytest.skip(f"example {name} is not bundled")
    found = {(m.key, m.attr("kind")) for m in extract_laws(structure(read_report(path)))}
    assert found == expected
