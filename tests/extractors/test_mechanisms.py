"""Tests for extractors/mechanisms.py: variants, stance cues, candidates, the seeds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.mechanisms import concept_label, extract_mechanisms
from kg.extractors.vocabulary import load_vocabulary
from kg.ingest.structure import document_from_text
from kg.model import EntityType, SectionKind

ACHIEVEMENTS = "一、主要举措和成效\n"
PROBLEMS = "二、存在的问题\n"
PLANS = "三、下一步工作打算\n"


def found(text: str, kind: EntityType = EntityType.MECHANISM) -> set[str]:
    """Keys of the mentions of ``kind`` in an achievements section holding ``text``."""
    return {
        m.key for m in extract_mechanisms(document_from_text(ACHIEVEMENTS + text)) if m.type is kind
    }


def stances(text: str) -> set[tuple[str, str]]:
    """(key, stance) of every vocabulary mention in a report made of ``text``."""
    return {
        (m.key, m.attr("stance"))
        for m in extract_mechanisms(document_from_text(text))
        if m.type is EntityType.MECHANISM
    }


# ------------------------------------------------------------ variants map to one concept


@pytest.mark.parametrize(
    "text, expected",
    [
        ("严格落实合法性审查制度。", {"legality-review"}),
        ("落实行政规范性文件合法性审核机制，做到“应审必审”。", {"legality-review"}),
        ("建立健全政府法律顾问制度。", {"government-legal-adviser"}),
        ("聘请1名专业律师担任政府法律顾问。", {"government-legal-adviser"}),
        ("交至司法所和法律顾问征求意见。", {"government-legal-adviser"}),
        ("持续深入推进“一村（社区）一法律顾问”工作。", {"one-village-one-legal-adviser"}),
        ("推进一村(社区)一法律顾问全覆盖。", {"one-village-one-legal-adviser"}),
        ("充分发挥村（社区）法律顾问作用。", {"one-village-one-legal-adviser"}),
        ("全面落实行政执法三项制度。", {"three-enforcement-systems"}),
        (
            "全面实行行政执法公示制度、执法全过程记录制度以及重大执法决定法制审核制度。",
            {
                "enforcement-publicity",
                "enforcement-whole-process-record",
                "major-enforcement-decision-review",
            },
        ),
        (
            "全面落实行政执法公示、执法全过程记录和重大执法决定法治审核三项制度。",
            {
                "enforcement-publicity",
                "enforcement-whole-process-record",
                "major-enforcement-decision-review",
                "three-enforcement-systems",
            },
        ),
        ("严格落实“第一议题”制度。", {"first-agenda-item"}),
        (
            "严格执行“三重一大”议事规则，落实“四议两公开”。",
            {"three-important-one-large", "four-deliberations-two-disclosures"},
        ),
        ("凡是准备上镇“三重一大”班子会议议题的事项。", {"three-important-one-large"}),
        ("坚持和发展新时代“枫桥经验”。", {"fengqiao-experience"}),
        ("落实国家机关“谁执法谁普法”普法责任制。", {"who-enforces-educates"}),
        ("推进“八五”普法。", {"eighth-five-year-legal-education"}),
        ("深入落实法制副校长制度。", {"legal-vice-principal"}),
        (
            "建立了机关干部和工作人员学法治度。",
            {"leading-cadres-law-study"},
        ),  # 治度: an input-method slip
        ("坚持和完善党委理论学习中心组集体学法制度。", {"central-group-law-study"}),
        (
            "支持开展社区矫正、安装帮教等工作。",
            {"community-correction", "post-release-resettlement"},
        ),
        (
            "建立由人民调解、司法调解与行政调解三方联动的大调解体系。",
            {
                "peoples-mediation",
                "judicial-mediation",
                "administrative-mediation",
                "grand-mediation",
            },
        ),
        ("积极贯彻落实每月矛盾纠纷大排查化解机制。", {"dispute-screening"}),
        (
            "实行领导接访制度，落实“一案一策一专班”。",
            {"leader-petition-reception", "one-case-one-plan-one-team"},
        ),
        (
            "制定了首问责任制、公开承诺制、来访接待等制度。",
            {"first-inquiry-responsibility", "public-commitment"},
        ),
        ("编制了职权目录和流程图，公示权责清单。", {"power-responsibility-list"}),
        ("要求行政执法人员必须持证上岗。", {"enforcement-qualification"}),
        ("对重大行政决策实行终身责任追究和责任倒查。", {"lifetime-decision-accountability"}),
        ("依托12345平台，及时受理群众诉求。", {"hotline-12345"}),
        ("严格执行罚缴分离和收支两条线管理制度。", {"fine-collection-separation"}),
        ("成立了由党委书记任组长的法治政府建设工作领导小组。", {"rule-of-law-leadership-body"}),
        ("把法治建设纳入年终考核内容。", {"rule-of-law-assessment"}),
        ("充分发挥“一村一辅警”作用。", {"one-village-one-auxiliary-police"}),
        ("实行党务、政务、村务公开。", {"three-affairs-disclosure"}),
    ],
)
def test_vocabulary_variants(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # constructions with a gap (data/mechanism_patterns.toml)
        ("将法治建设工作纳入村级年度绩效考核。", {"rule-of-law-assessment"}),
        # the work in the leaders' annual report is also their report on law (real-corpus gold)
        (
            "把法治建设工作情况纳入领导班子述职和干部绩效考核范畴。",
            {"rule-of-law-assessment", "leaders-report-on-law"},
        ),
        ("开展“法律进乡村、进校园、进企业”活动。", {"law-into-six-places"}),
        ("全年排查化解矛盾纠纷213起。", {"dispute-screening"}),
        ("规范性文件全部按程序报县司法局备案。", {"normative-document-filing-review"}),
        ("对2019年以来制发的文件进行了清理。", {"normative-document-cleanup"}),
        ("自觉接受区人大常委会和街道人大工委的监督。", {"congress-oversight"}),
        ("主动配合新闻媒体进行监督。", {"public-oversight"}),
        ("全年办理信访事项27件。", {"petition-work"}),
        ("推行网格员与人民调解员“两员融合”。", {"grid-management", "peoples-mediation"}),
        # a list sharing its head names each item; a label naming the whole list wins
        (
            "自觉接受人大、司法、监察、审计监督。",
            {
                "congress-oversight",
                "judicial-oversight",
                "supervisory-oversight",
                "audit-oversight",
            },
        ),
        ("实行党务、政务、村务公开。", {"three-affairs-disclosure"}),
        # village rules reviewed for legality are about village rules, not the town's legality review
        ("部分村规民约修订后未进行合法性审查。", {"village-rules"}),
        # words split across lines by a scraped page
        ("一是深化网格\n化管理。", {"grid-management"}),
        ("全面推行行政执法公示\n制度。", {"enforcement-publicity"}),
        # a village legal adviser is the one-village-one-adviser scheme, not the town's adviser
        ("村级法律顾问作用发挥不平衡。", {"one-village-one-legal-adviser"}),
        ("推进“枫桥式派出所”创建。", {"fengqiao-experience"}),
    ],
)
def test_constructions_and_labels(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a service hall named as the place of something else is no adoption of the hall
        (
            ACHIEVEMENTS + "在镇便民服务中心设立咨询点。",
            {("convenience-service-centre", "mentioned")},
        ),
        (
            ACHIEVEMENTS + "镇便民服务中心设置综合窗口8个。",
            {("convenience-service-centre", "adopted")},
        ),
    ],
)
def test_located_service_hall(text, expected):
    assert stances(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a legal adviser's matters are not the unit's reconsideration work
        (
            ACHIEVEMENTS + "聘请律师担任法律顾问，参与行政复议、行政诉讼等法律事务。",
            {
                ("government-legal-adviser", "adopted"),
                ("administrative-reconsideration", "mentioned"),
            },
        ),
        (
            ACHIEVEMENTS + "依法办理行政复议案件3件。",
            {("administrative-reconsideration", "adopted")},
        ),
    ],
)
def test_a_legal_advisers_matters(text, expected):
    assert stances(text) == expected


@pytest.mark.parametrize(
    "title, sentence, expected",
    [
        # a leading body named with a level above the unit is the level above's
        ("青禾镇2021年法治政府建设年度报告", "在县法治政府建设领导小组的指导下工作。", "mentioned"),
        ("黄陂区2021年法治政府建设年度报告", "在市法治政府建设领导小组的指导下工作。", "mentioned"),
        # ... but the unit's own level is its own, a county-level city's 市 too
        ("黄陂区2021年法治政府建设年度报告", "调整区法治政府建设领导小组。", "adopted"),
        ("大冶市2021年法治政府建设年度报告", "调整市法治政府建设领导小组。", "adopted"),
        # ... the committee by its short name too (thirty-first session)
        ("青禾镇2021年法治政府建设年度报告", "落实县委法建委的部署。", "mentioned"),
        ("青禾县2021年法治政府建设年度报告", "县委法建委听取了普法工作汇报。", "adopted"),
    ],
)
def test_a_leading_body_of_the_level_above(title, sentence, expected):
    doc = document_from_text(f"{title}\n{ACHIEVEMENTS}{sentence}")
    assert {m.attr("stance") for m in extract_mechanisms(doc)} == {expected}


def test_a_report_calling_itself_a_town_holds_no_county_committee():
    # no unit found, but 我镇: the city's and district's committees' meetings are above it
    doc = document_from_text(
        ACHIEVEMENTS + "我镇贯彻落实党的二十大及市委全面依法治市工作会议、区委全面依法治区工作会议"
        "精神，我镇推进依法行政。"
    )
    assert doc.unit is None and doc.self_level == "镇"
    assert found(doc.text.removeprefix(ACHIEVEMENTS)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "全镇干部群众法治意识明显增强。",  # no mechanism named
        "不断提高依法决策、依法管理、依法行政水平。",  # goals, not mechanisms
        "电话号码为0797123456。",  # 12345 inside a longer number
        "积极参与社会治理，营造良好氛围。",
    ],
)
def test_not_mechanisms(text):
    assert found(text) == set()


# ------------------------------------------------------------ real-report wordings (issue 14)


@pytest.mark.parametrize(
    "text, expected",
    [
        # party leadership of rule-of-law work, in its usual wordings
        ("始终坚持党对法治政府建设工作的领导。", {"party-leadership-of-rule-of-law"}),
        ("把党的领导贯穿到法治建设的各个环节。", {"party-leadership-of-rule-of-law"}),
        ("构建党委领导、政府负责、社会协同的工作格局。", {"party-leadership-of-rule-of-law"}),
        ("坚持镇党委在法治建设中的领导核心作用。", {"party-leadership-of-rule-of-law"}),
        ("全年召开党委会议3次专题研究法治建设工作。", {"party-leadership-of-rule-of-law"}),
        (
            "召开镇党委专题会议4次，研究部署法治政府建设重点工作。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("召开镇党委专题会议研究部署安全生产工作。", set()),
        ("镇党委定期听取法治政府建设情况汇报。", {"party-leadership-of-rule-of-law"}),
        # a body that stands for the mechanism, with a modifier inserted
        ("成立了以镇长为组长的普法依法治理工作领导小组。", {"rule-of-law-leadership-body"}),
        ("年内调整充实领导小组成员。", {"rule-of-law-leadership-body"}),
        ("组建法治政府建设工作专班。", {"rule-of-law-leadership-body"}),
        ("召开全面依法治街道委员会第二次会议。", {"rule-of-law-leadership-body"}),
        ("设立镇综合行政执法队。", {"comprehensive-enforcement-reform"}),
        # law study of leaders and of the theory group (tests/gold/README.md)
        ("组织机关干部专题学法6次。", {"leading-cadres-law-study"}),
        ("班子成员带头尊法学法守法用法。", {"leading-cadres-law-study"}),
        ("政府常务会议集中学习新修订的行政复议法。", {"leading-cadres-law-study"}),
        ("政府班子集体学法4次。", {"leading-cadres-law-study"}),
        ("举办依法行政专题培训班2期。", {"leading-cadres-law-study"}),
        ("将宪法纳入机关干部必学课程。", {"leading-cadres-law-study"}),
        ("党工委理论学习中心组专题学习宪法。", {"central-group-law-study"}),
        ("把民法典列入区委中心组学习计划。", {"central-group-law-study"}),
        # rule-of-law work written into assessment
        ("与中心工作同部署、同落实、同考核。", {"rule-of-law-assessment"}),
        (
            "将学法用法情况纳入干部年度考核。",
            {"rule-of-law-assessment", "leading-cadres-law-study"},
        ),
        ("在年度综合考核中设置法治建设指标。", {"rule-of-law-assessment"}),
        ("落实法治苇岗建设考评。", {"rule-of-law-assessment"}),
        # 述法 in every form, and the duties reported with the annual report
        ("组织村居书记书面述法。", {"leaders-report-on-law"}),
        ("将推进法治建设情况列入年终述职内容。", {"leaders-report-on-law"}),
        # exams, oversight lists, dispute screening in other words
        ("组织干部参加网上法律知识考试。", {"official-law-exams"}),
        (
            "主动接受人大、政协和纪检监察监督。",
            {"congress-oversight", "democratic-oversight", "supervisory-oversight"},
        ),
        ("配合区委巡察做好整改。", {"party-internal-oversight"}),
        ("每月摸排矛盾纠纷一次。", {"dispute-screening"}),
        (
            "统筹人民调解、行政调解资源。",
            {"peoples-mediation", "administrative-mediation", "grand-mediation"},
        ),
        ("开展送法进企业活动。", {"law-into-six-places"}),
        ("深化法治宣传“八进”活动。", {"law-into-six-places"}),
        ("划分三级网格。", {"grid-management"}),
        (
            "各村（社区）均聘请了常年法律顾问。",
            {"one-village-one-legal-adviser", "government-legal-adviser"},
        ),
        # vocabulary concepts added from real reports
        ("班子成员严格落实“一岗双责”。", {"one-post-two-responsibilities"}),
        ("全面推行说理式执法。", {"reasoned-flexible-enforcement"}),
        ("落实法治政府建设年度报告制度。", {"annual-rule-of-law-report"}),
        ("严格执行重大事项请示报告制度。", {"major-matters-reporting"}),
        ("建立健全法治建设工作台账。", {"rule-of-law-work-ledger"}),
        # labels and wordings that two annotators of one set both tagged
        ("推行行政规范性文件全流程管理。", {"normative-document-management"}),
        ("严格落实执法过错责任追究制度。", {"accountability"}),
        ("对3家企业依法不予行政处罚。", {"lenient-enforcement"}),
        ("开展政策实施效果评估。", {"decision-follow-up-evaluation"}),
        ("重大决策、重要干部任免、重大项目安排均集体研究。", {"three-important-one-large"}),
        ("采取约谈提醒等柔性措施处理轻微违法行为。", {"reasoned-flexible-enforcement"}),
        ("采取柔性措施做好窗口服务。", set()),
        ("4项审批事项下放至镇街。", {"streamline-administration"}),
        ("推动示范创建100项指标完成，提升法治政府建设水平。", {"rule-of-law-demonstration"}),
        ("推进卫生城市示范创建。", set()),
        (
            "深入开展示范创建，推动社区创建民主法治示范社区，提升法治政府建设水平。",
            {"democracy-rule-of-law-model-village"},
        ),
        ("印发年度法治宣传教育责任清单。", {"who-enforces-educates"}),
        ("对重大文件进行合法合规性审查。", {"legality-review"}),
        ("将社会公众征求意见作为决策必经环节。", {"public-participation"}),
        ("经过征求意见、专家论证等环节。", {"public-participation", "expert-argumentation"}),
    ],
)
def test_real_report_wordings(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "引导群众尊法学法守法用法。",  # the public's law study is legal education
        "为村民开展法治讲座5场。",
        "培育一批网格员、调解员等法治骨干。",  # grid workers as people, no grid
        "营造学法、遵法、守法的良好氛围。",
        "按照区委全面依法治区委员会的部署开展工作。",  # the guide of a town, below
        "把权力关进制度的笼子里。",
        "将合法性审查作为重大决策必经程序。",  # a step of the procedure: legality review
    ],
)
def test_real_report_wordings_not_these(text):
    assert found(text) - {"legality-review"} == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # the committee of the county is the town's guide in a town's report ...
        ("青禾镇2024年法治政府建设报告\n一、主要举措\n召开县委全面依法治县委员会会议。", set()),
        # ... and its own body in the county's report
        (
            "青禾县2024年法治政府建设报告\n一、主要举措\n召开县委全面依法治县委员会会议。",
            {"rule-of-law-leadership-body"},
        ),
        # ... written short (依法治区委), but not as the one whose deployment the unit follows
        (
            "青禾区2024年法治政府建设报告\n一、主要举措\n发挥区委依法治区委统筹协调作用。",
            {"rule-of-law-leadership-body"},
        ),
        (
            "青禾区司法局2024年法治政府建设报告\n一、主要举措\n认真落实市委全会和区委依法治区委各项工作部署。",
            set(),
        ),
        # the committee's meeting stands for it, numbered too
        (
            "青禾区2024年法治政府建设报告\n一、主要举措\n召开区委全面依法治区工作会议。",
            {"rule-of-law-leadership-body"},
        ),
        (
            "青禾县2024年法治政府建设报告\n一、主要举措\n召开依法治县第五次会议。",
            {"rule-of-law-leadership-body"},
        ),
        # the county's committee deploys the work in the county's report, not in a town's
        (
            "青禾县2024年法治政府建设报告\n一、主要举措\n县委、县政府研究部署法治建设工作5次。",
            {"party-leadership-of-rule-of-law"},
        ),
        (
            "青禾镇2024年法治政府建设报告\n一、主要举措\n县委、县政府研究部署法治建设工作5次。",
            set(),
        ),
        # ... and its standing committee studies the thought on the rule of law (the leaders'
        # law study too), but not the theory study group a list of law study names after it
        (
            "青禾县2024年法治政府建设报告\n一、主要举措\n县委常委会、县政府常务会认真学习习近平法治思想。",
            {"party-leadership-of-rule-of-law", "leading-cadres-law-study"},
        ),
        (
            "青禾区2024年法治政府建设报告\n一、主要举措\n区委常委会会议会前学法、区委理论学习中心组"
            "常态化学法，推进法治建设。",
            {"central-group-law-study", "leading-cadres-law-study"},
        ),
    ],
)
def test_county_committee_belongs_to_county_reports(text, expected):
    doc = document_from_text(text)
    found_keys = {m.key for m in extract_mechanisms(doc) if m.type is EntityType.MECHANISM}
    assert found_keys == expected, doc.town


# ------------------------------------------------------------ wordings of unseen reports (issue 14)


@pytest.mark.parametrize(
    "text, expected",
    [
        # words inserted between 党对 and the field; the leadership carried into the work
        ("切实加强党对本乡法治政府建设工作的领导。", {"party-leadership-of-rule-of-law"}),
        ("坚持党的领导在法治建设中的核心地位。", {"party-leadership-of-rule-of-law"}),
        ("强化党的领导，夯实法治政府建设根基。", {"party-leadership-of-rule-of-law"}),
        ("深化党委全面领导，将法治政府建设纳入年度重点工作。", {"party-leadership-of-rule-of-law"}),
        ("二是加强党的领导。镇长牵头协调。", {"party-leadership-of-rule-of-law"}),
        (
            "镇党委及时传达学习习近平总书记关于全面依法治国的重要论述。",
            {"party-leadership-of-rule-of-law"},
        ),
        # a township's own committee, with a word inserted or its kinds listed
        ("召开全面依法治街工作委员会会议2次。", {"rule-of-law-leadership-body"}),
        ("调整全面依法治乡镇（街道）委员会成员。", {"rule-of-law-leadership-body"}),
        # assessment: a place's assessment with a note, and work tied to an assessment
        ("高质量完成法治青禾（法治政府）考核。", {"rule-of-law-assessment"}),
        ("将普法工作与绩效考评相挂钩。", {"rule-of-law-assessment"}),
        # law study of leaders: a meeting named before, a plan of training
        ("政府常务会议围绕新修订的条例开展专题集体学法。", {"leading-cadres-law-study"}),
        ("将宪法纳入年度教育培训计划。", {"leading-cadres-law-study"}),
        ("开展党委理论学习中心组集体学法。", {"central-group-law-study"}),  # not the leaders'
        ("完善理论学习中心组集中学法制度。", {"central-group-law-study"}),
        # 督查 written for 督察, and inspections in a sentence about rule-of-law work
        ("配合做好法治政府建设督查。", {"rule-of-law-inspection"}),
        ("对依法行政工作开展专项督查。", {"rule-of-law-inspection"}),
        # reporting to the congress is congress oversight, and the annual report
        (
            "每年一季度向区人大常委会报告上一年度法治政府建设情况。",
            {"congress-oversight", "annual-rule-of-law-report"},
        ),
        ("主动接受人大、政协等监督。", {"congress-oversight", "democratic-oversight"}),
        # variants of many reports
        ("深化行政审批制度改革。", {"streamline-administration"}),
        ("组织以案说法活动3场。", {"case-based-law-explanation"}),
        ("召开府院检联席会议。", {"government-court-linkage"}),
        ("被评为全国法治政府建设综合示范区。", {"rule-of-law-demonstration"}),
        ("推进“企业开办一件事”集成服务。", {"one-stop-service"}),
        ("开展规范性文件动态清理。", {"normative-document-cleanup"}),
        ("建立重大行政决策执行情况跟踪和评估制度。", {"decision-follow-up-evaluation"}),
        ("决策前广泛征求居民意见。", {"public-participation"}),
        ("推动川渝通办事项落地。", {"online-government-services"}),
        ("组织干部参加如法网学习考核。", {"official-law-exams"}),
        # the committee named in the party's leadership of the work
        ("加强镇党委对法治政府建设工作的领导。", {"party-leadership-of-rule-of-law"}),
        ("（一）始终坚持党的领导", {"party-leadership-of-rule-of-law"}),
        # cadres trained in law, village cadres too
        ("组织镇、村两级干部开展法治专题培训3次。", {"leading-cadres-law-study"}),
        ("举办全县领导干部法治思想专题培训班。", {"leading-cadres-law-study"}),
        ("抓好机关干部法制教育。", {"leading-cadres-law-study"}),
        # wordings of older concepts
        ("落实“谁执法，谁普法”责任。", {"who-enforces-educates"}),
        (
            "加强规范性文件管理、清理工作。",
            {"normative-document-management", "normative-document-cleanup"},
        ),
        ("将两份办法草案向社会公开征求意见。", {"public-participation"}),
        ("向县人大常委会备案文件3件。", {"normative-document-filing-review"}),
        ("推行全过程执法记录。", {"enforcement-whole-process-record"}),
        ("建立法治政府建设工作台账。", {"rule-of-law-work-ledger"}),
        ("公布重大决策事项年度目录。", {"major-decision-catalogue"}),
        ("压实法治建设第一责任制。", {"first-responsible-person"}),
        # steps named then the procedure; the leadership deciding together; village affairs
        (
            "所有决策均履行合法性审查、集体讨论决定等法定程序。",
            {"legality-review", "collective-decision", "major-decision-procedure"},
        ),
        ("坚持班子集体研究。", {"collective-decision"}),
        ("办复检察建议2件。", {"judicial-oversight"}),
        (
            "将履行法治建设职责情况列入年度工作总结及领导干部年终述职。",
            {"leaders-report-on-law"},
        ),
        ("各村在公开栏公开村务。", {"village-affairs-disclosure"}),
        ("推进法治政府创建活动。", {"rule-of-law-demonstration"}),
        (
            "健全首问负责、一次告知等制度。",
            {"first-inquiry-responsibility", "one-time-notification"},
        ),
        # clean-up at the end of the documents' list; a note inside an assessment's name
        (
            "加强规范性文件审查、备案及清理制度。",
            {"normative-document-filing-review", "normative-document-cleanup"},
        ),
        ("制定《法治政府(法治市场监管)建设考评办法》。", {"rule-of-law-assessment"}),
        ("全局执法人员持证比例98%以上。", {"enforcement-qualification"}),
        ("推进“接诉即办”向“未诉先办”转变。", {"hotline-12345"}),
        ("签订法治建设目标责任书270余份。", {"rule-of-law-assessment"}),
        ("主动公开部门预决算等信息。", {"government-information-disclosure"}),
        ("对一般企业实施双随机执法检查。", {"double-random-one-public"}),
        ("加强信访事项办理。", {"petition-work"}),
        # a leader teaching the staff law, a training named after the law it teaches
        ("镇党委书记为全镇干部职工讲法治课。", {"leading-cadres-law-study"}),
        ("邀请律师开展《民法典》专题讲座。", {"leading-cadres-law-study"}),
        # the leading group by who leads and sits on it, named 建设小组, or with a word before it;
        # the documents' compliance review (twenty-first session)
        (
            "由镇党委书记担任组长，镇长为常务副组长，相关部门负责人为成员，全面推进法治政府建设工作。",
            {"rule-of-law-leadership-body"},
        ),
        ("成立由镇党委书记、镇长任双组长的法治政府建设小组。", {"rule-of-law-leadership-body"}),
        (
            "成立由街道党工委书记任组长的专门领导小组，统筹推进法治政府建设工作。",
            {"rule-of-law-leadership-body"},
        ),
        ("对保留的6件政策性文件开展合规性审查。", {"legality-review"}),
        # a township's party committee meeting studies the thought on the rule of law (a bureau's
        # party group: its cadres' study alone); a sector's mediation body
        (
            "召开街道党工委(扩大)会议专题学习习近平法治思想。",
            {"party-leadership-of-rule-of-law", "leading-cadres-law-study"},
        ),
        ("局党组会系统学习了习近平法治思想。", {"leading-cadres-law-study"}),
        # law examined at a step, documents cleared by what they are, case files sampled, the
        # plan's ledger, the catalogue as a list, the report to the congress, the party's charge
        # written short, services wholly online, the lawyer of each village
        ("出台晋级考法制度。", {"official-law-exams"}),
        ("清理已失效文件1件。", {"normative-document-cleanup"}),
        ("完成20份行政处罚案卷抽查评审工作。", {"case-file-review"}),
        ("对全面依法治县工作要点的落实统筹协调，并建立工作任务台账。", {"rule-of-law-work-ledger"}),
        ("修订《局重大行政决策事项清单》。", {"major-decision-catalogue"}),
        (
            "加强行政规范性文件备案审查和清理工作。",
            {"normative-document-filing-review", "normative-document-cleanup"},
        ),
        (
            "区政府向区人大常委会报告全区法治政府建设情况。",
            {"annual-rule-of-law-report", "congress-oversight"},
        ),
        ("压实党管法治核心责任。", {"party-leadership-of-rule-of-law"}),
        ("新推出50项高频民生事项全流程网办。", {"online-government-services"}),
        ("组织村居律师入村居开展法治宣传。", {"one-village-one-legal-adviser"}),
        # the villages' own advisers; the county committee over the work; enforcement graded;
        # the duty graded as one word; the congress as a body inspecting; a 普法 course's exam
        ("村居公益法律顾问累计提供法律咨询服务1400余人次。", {"one-village-one-legal-adviser"}),
        ("加强区委对法治政府建设的全面领导。", {"party-leadership-of-rule-of-law"}),
        ("全覆盖开展行政执法工作评议。", {"enforcement-supervision"}),
        ("深化督述考评压实法治责任。", {"rule-of-law-assessment"}),
        ("镇人大定期开展法治工作视察。", {"congress-oversight"}),
        ("组织全乡干部职工参加普法培训和考试。", {"official-law-exams"}),
        # the theory study group leading the study is its own
        ("镇党委中心组带头学习习近平法治思想。", {"central-group-law-study"}),
        # qualification renewed, the one window's reach, a base for the thought, township
        # enforcement brought together, the committee's core role, the township's duty list
        ("全员通过执法资格复核。", {"enforcement-qualification"}),
        ("建成区级通用综合窗口，一窗可办事项687项。", {"one-stop-service"}),
        ("成立首个“习近平法治思想学习宣传基地”。", {"rule-of-law-culture-venues"}),
        ("创新基层综合执法模式。", {"comprehensive-enforcement-reform"}),
        ("充分发挥市委推进法治建设核心作用。", {"party-leadership-of-rule-of-law"}),
        ("分类制定3张履职清单共311项。", {"township-duty-list"}),
        ("成立园区知识产权纠纷调解委员会。", {"professional-mediation"}),
        # the division of labour the public ends: no decision the public takes part in
        (
            "健全“党委领导、政府负责、部门协同、公众参与”工作格局。",
            {"party-leadership-of-rule-of-law"},
        ),
        # (twenty-second session) the hall's own negative list; the villages' advisers at work;
        # the documents' quality guarded; a law's implementation inspected; the chair last; the
        # supervisory organs; the exam among the leaders' duties to the law
        ("严格执行政务服务中心集中进驻事项负面清单制度。", {"convenience-service-centre"}),
        ("法律顾问为各村（居）提供法律服务1035次。", {"one-village-one-legal-adviser"}),
        ("严把行政规范性文件质量关。", {"normative-document-management"}),
        ("开展《长江保护法》贯彻实施情况专项督察。", {"rule-of-law-inspection"}),
        ("研究重大事项时坚持主要领导末位发言。", {"host-speaks-last"}),
        ("自觉接受监察机关监督。", {"supervisory-oversight"}),
        (
            "落实领导干部学法用法考法述法制度。",
            {"leading-cadres-law-study", "official-law-exams", "leaders-report-on-law"},
        ),
        # the joint meeting with a word inserted, case files sampled, documents reviewed and
        # filed, documents published unasked, the procedure written with 的
        ("召开法治政府建设暨府院联席工作会议。", {"government-court-linkage"}),
        ("共抽查12个部门的执法案卷120卷。", {"case-file-review"}),
        ("审查和备案规范性文件54件。", {"normative-document-filing-review"}),
        ("主动公开文件87件。", {"government-information-disclosure"}),
        ("严格执行重大决策的程序。", {"major-decision-procedure"}),
        # grave problems named before the committee they go to; a decision taken in consultation
        ("及时研究有关重大问题并向区委请示汇报。", {"major-matters-reporting"}),
        ("重大事项经局党组会议集体会商决定。", {"collective-decision"}),
        # the year's report sent up, drawn up or put on the site (not the notice asking for it)
        ("按时向省政府上报法治政府年度报告并在政府网站主动公开。", {"annual-rule-of-law-report"}),
        ("规范法治政府建设年度报告的编制、报送和公开流程。", {"annual-rule-of-law-report"}),
        # the joint meetings listed; the experts consulted as a step of a decision
        ("组织召开府院、府检联席会议。", {"government-court-linkage"}),
        ("认真执行风险评估、专家咨询论证程序。", {"risk-assessment", "expert-argumentation"}),
    ],
)
def test_unseen_report_wordings(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "坚持党的领导、人民当家作主、依法治国有机统一。",  # the formula, not leadership of the work
        "加强党对政法工作的绝对领导。",  # another field
        "坚持党的领导下的村民自治。",  # not a sentence of its own
        "组织法治理论考核。",  # a test of knowledge is an exam, not an assessment
        "开展安全生产专项督查。",  # an inspection of another field
        "宣传信访工作条例。",  # the regulation's name, not the work
        "荣获市级先进集体称号。",  # an honour that claims no mechanism
        "推动党的创新理论进课堂、进头脑。",  # a thought studied, not law taken to places
        "组织干部开展法治宣传教育进社区活动。",  # publicity for others, not cadres' study
        "加强党委对宣传工作的领导。",  # another field
        "签订安全生产目标责任书。",  # targets of another field
        "民警为学生上法治课。",  # a lesson for pupils, not the staff's study
        "为辖区群众开展《民法典》专题讲座。",  # a lecture for the public
        "组织干部职工学习党的二十大精神。",  # no law in what they study
        "组织干部职工学习外省市先进地区基层治理的经验做法。",  # a way of working, no law
        "规范合同审查备案工作。",  # a contract's filing, not a normative document's
        "结合“六进社区”等活动宣传法治。",  # one campaign's places, not law taken to places
        "由镇长任组长，各村支书为成员，全力推进安全生产工作。",  # a group of another field
        "引导干部思考法治问题。",  # 考法 inside 思考法治
        "建立安全生产工作台账。",  # a ledger of another field
        "支持乡人大主席开展人大代表依法行政专题视察。",  # its chair and deputies, in a duty
        "组织党员参考法律知识竞赛。",  # 考法 inside 参考法律
        "开展安全生产落实情况专项督察。",  # no law's implementation inspected
        "根据《青禾市司法局关于做好法治政府建设年度报告有关工作的通知》编写。",  # the notice
        "邀请专家咨询企业难题。",  # experts asked at large, no step of a decision
    ],
)
def test_unseen_report_wordings_not_these(text):
    assert found(text) - {"official-law-exams"} == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # officials sit in on a trial, however worded
        ("组织镇村干部到县法院现场旁听一起行政案件。", {"court-trial-attendance"}),
        ("邀请执法人员走进法庭旁听案件审理。", {"court-trial-attendance"}),
        ("采用以庭代训方式提升执法能力。", {"court-trial-attendance"}),
        ("组织科室负责人到庭观摩行政诉讼庭审。", {"court-trial-attendance"}),
        ("组织机关人员观看中国庭审公开网公开审理的行政诉讼案件。", {"court-trial-attendance"}),
        # venues in the communities, and the petition desk written as a mechanism
        ("完善基层普法阵地建设，加强法治文化宣传。", {"rule-of-law-culture-venues"}),
        ("定期督导社区普法阵地运行。", {"rule-of-law-culture-venues"}),
        ("落实接访机制，面对面解决群众诉求。", {"petition-work"}),
        # the study group's words in another order
        ("镇党委中心学习组开展宪法专题学习。", {"central-group-law-study"}),
        # the exam after the study it follows
        (
            "干部职工参加学法用法网上学习和考试。",
            {"leading-cadres-law-study", "official-law-exams"},
        ),
        # the assessment formula in other words
        ("法治建设与中心工作一体谋划、一体推进、一体考核。", {"rule-of-law-assessment"}),
        ("做到同安排、同落实、同考核。", {"rule-of-law-assessment"}),
        ("法治工作与业务工作同谋划同落实同考核。", {"rule-of-law-assessment"}),
        # exams told apart: an enforcement licence's, a test of knowledge called 考核
        ("组织执法人员参加执法证考试。", {"enforcement-qualification"}),
        ("组织领导干部参加法治理论知识考核。", {"official-law-exams"}),
        # leading groups named otherwise
        ("调整政府法制工作领导小组成员。", {"rule-of-law-leadership-body"}),
        ("成立依法行政推进小组。", {"rule-of-law-leadership-body"}),
        # the committee named apart from 对, its leadership called by another word
        ("镇党委进一步加强对法治建设的统筹谋划。", {"party-leadership-of-rule-of-law"}),
        # the work on the party committee's agenda
        ("把法治政府建设列入镇党委议事日程。", {"party-leadership-of-rule-of-law"}),
        # minor violations left unpunished
        ("对初次轻微违法的商户依法不予行政处罚。", {"lenient-enforcement"}),
        ("公布免予处罚事项清单。", {"lenient-enforcement"}),
        ("推行提醒纠正不罚。", {"lenient-enforcement"}),
        ("对首次违法实行提醒不罚。", {"lenient-enforcement"}),
        # documents reported for filing
        ("规范性文件报备率达到100%。", {"normative-document-filing-review"}),
        # every village's adviser, said as coverage
        ("全乡8个村法律顾问实现全覆盖。", {"one-village-one-legal-adviser"}),
        # venues for law education
        ("新建普法宣传阵地2处。", {"rule-of-law-culture-venues"}),
        # labels of older concepts
        ("召开府院府检联席会议。", {"government-court-linkage"}),
        ("重大事项经班子集体研究讨论。", {"collective-decision"}),
        (
            "实行首违不罚与告诫说理相结合。",
            {"lenient-enforcement", "reasoned-flexible-enforcement"},
        ),
        ("依托智慧政务服务中心办理事项。", {"convenience-service-centre"}),
        ("制定领导干部学法清单。", {"must-know-law-lists"}),
        ("落实法治政府建设报告制度。", {"annual-rule-of-law-report"}),
        ("落实重大执法决定审核制度。", {"major-enforcement-decision-review"}),
        ("开展执法案卷质量评查2次。", {"case-file-review"}),
        ("将宪法列入领导干部应知应会清单。", {"must-know-law-lists"}),
        # the work reported to the congress and to the CPPCC, however far from the verb
        ("镇政府向县人大常委会提交了年度法治建设报告。", {"congress-oversight"}),
        (
            "每年向县委常委会和县人大常委会及县政协专题报告。",
            {"congress-oversight", "democratic-oversight"},
        ),
        # officers holding the enforcement card; the list of sectors closed to investment
        ("全局持执法证人员共36人。", {"enforcement-qualification"}),
        ("落实负面清单制度。", {"market-access-negative-list"}),
    ],
)
def test_fifth_round_wordings(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "组织村民旁听村民代表大会。",  # a meeting, not a trial
        "新建文化阵地一处。",  # a venue of no law
        "文件报送及时。",  # no filing
        "聘请法律顾问一名。",  # the town's adviser is another concept, checked below
        "党委加强对安全生产工作的领导。",  # another field
    ],
)
def test_fifth_round_wordings_not_these(text):
    assert (
        found(text)
        & {
            "court-trial-attendance",
            "rule-of-law-culture-venues",
            "normative-document-filing-review",
            "one-village-one-legal-adviser",
        }
        == set()
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        # a district names the city's committee as the body above it: no own body ...
        ("青禾区2024年法治政府建设报告\n一、主要举措\n落实市委依法治市办部署。", set()),
        (  # the city in the unit's written name does not make it the city's report
            "重庆市青禾区2024年法治政府建设报告\n一、主要举措\n"
            "被市委依法治市办命名为法治政府建设示范区。",
            {"rule-of-law-demonstration"},
        ),
        # ... and its own committee is one
        (
            "青禾区2024年法治政府建设报告\n一、主要举措\n召开区委依法治区委员会会议。",
            {"rule-of-law-leadership-body"},
        ),
        # a department of a district takes the district's level
        (
            "青禾区司法局2024年法治政府建设报告\n一、主要举措\n召开区委依法治区委员会会议。",
            {"rule-of-law-leadership-body"},
        ),
        (
            "青禾区司法局2024年法治政府建设报告\n一、主要举措\n召开市委依法治市委员会会议。",
            set(),
        ),
        # a prefecture's (地区, 自治州, 盟) committee is its own departments' level, a county's above
        (
            "青禾地区司法局2024年法治政府建设报告\n一、主要举措\n提请召开地委依法治地委员会会议。",
            {"rule-of-law-leadership-body"},
        ),
        (
            "青禾藏族自治州司法局2024年法治政府建设报告\n一、主要举措\n召开州委依法治州委员会会议。",
            {"rule-of-law-leadership-body"},
        ),
        (
            "青禾县司法局2024年法治政府建设报告\n一、主要举措\n召开州委依法治州委员会会议。",
            set(),
        ),
        # another bureau reports to its level's committee, whose office is the justice bureau's
        (
            "青禾区应急管理局2024年法治政府建设报告\n一、主要举措\n向区委依法治区委员会书面述法。",
            {"leaders-report-on-law"},
        ),
        (
            "青禾区应急管理局2024年法治政府建设报告\n一、主要举措\n成立法治建设工作领导小组。",
            {"rule-of-law-leadership-body"},
        ),
    ],
)
def test_committee_of_the_level_above_is_not_the_reports(text, expected):
    doc = document_from_text(text)
    assert {m.key for m in extract_mechanisms(doc) if m.type is EntityType.MECHANISM} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a construction inside a title the report carries out counts, as a label does
        ("完成《法治政府建设实地督察反馈意见》整改。", {"rule-of-law-inspection"}),
        ("学习《法治政府建设实地督察反馈意见》。", set()),
        ("及时制发了《青禾镇法治政府创建工作实施方案》。", {"rule-of-law-demonstration"}),
    ],
)
def test_constructions_in_titles_carried_out(text, expected):
    assert found(text) - {"leading-cadres-law-study"} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title the report carries out names its mechanism; one it studies does not
        ("认真贯彻《重大行政决策程序暂行条例》。", {"major-decision-procedure"}),
        ("编制《青禾镇领导干部应知应会法律法规清单》。", {"must-know-law-lists"}),
        ("制定《青禾镇年度学法计划》《青禾镇应知应会法律清单》。", {"must-know-law-lists"}),
        ("组织学习《重大行政决策程序暂行条例》。", set()),
        ("印制《青禾镇领导干部应知应会法律法规清单》。", {"must-know-law-lists"}),
        ("完善《全面依法治镇委员会工作规则》。", {"rule-of-law-leadership-body"}),
        ("建立《青禾区重大决策目录》。", {"major-decision-catalogue"}),
        # ... or follows and fulfils
        (
            "严格按照《党政主要负责人履行推进法治建设第一责任人职责规定》要求履职。",
            {"first-responsible-person"},
        ),
        (
            "严格履行《党政主要负责人履行推进法治建设第一责任人职责规定》规定。",
            {"first-responsible-person"},
        ),
        # ... or hands out, or checks its work against
        ("下发《青禾县领导干部应知应会党内法规和法律法规清单》。", {"must-know-law-lists"}),
        ("对照《青禾镇领导干部应知应会法律法规清单》自查。", {"must-know-law-lists"}),
        # ... or draws up, or publishes (the title the subject of its publication)
        ("梳理形成《青禾县权力清单（2022版）》。", {"power-responsibility-list"}),
        (
            "《2023年青禾区人民政府重大行政决策事项目录》在区人民政府网站公开。",
            {"major-decision-catalogue"},
        ),
        ("组织收看《行政复议法》公开课。", set()),
        # ... or hands out to its cadres (not leaflets handed out to the public)
        ("为领导干部配发《领导干部应知应会党内法规和国家法律汇编》。", {"must-know-law-lists"}),
        ("发放《信访工作条例》宣传册。", set()),
        # a verb that only dates the document is no carrying out; one the unit drafts is
        ("针对国家新修订的《中华人民共和国行政复议法》开展解读培训。", set()),
        ("县公安局新制定《青禾县公安局执法监督管理委员会工作规则》。", {"enforcement-supervision"}),
        (
            "贯彻落实中共中央办公厅、国务院办公厅印发的《关于建立领导干部应知应会党内法规和国家法律清单制度的意见》。",
            {"must-know-law-lists"},
        ),
    ],
)
def test_titles_carried_out(text, expected):
    assert found(text) - {"leading-cadres-law-study"} == expected


@pytest.mark.parametrize(
    "text, stance",
    [
        # a menu item or breadcrumb of the page is no claim of the report
        ("乡镇信息公开\n索引号 001\n一、主要举措\n推进政务公开。", "mentioned"),
        ("政务公开>政府信息公开>工作报告\n一、主要举措\n推进政务公开。", "mentioned"),
        ("一、主要举措\n全面推进政府信息公开工作，主动公开信息20条。", "adopted"),
    ],
)
def test_page_chrome_is_no_claim(text, stance):
    doc = document_from_text(text)
    disclosure = [
        m for m in extract_mechanisms(doc) if m.key == "government-information-disclosure"
    ]
    assert disclosure and disclosure[0].attr("stance") == stance


def test_mention_text_is_tidied_around_quotes_and_suffixes():
    doc = document_from_text(
        ACHIEVEMENTS + "严格执行“三重一大”议事规则，持续推进“一村（社区）一法律顾问”工作。"
    )
    assert [m.text for m in extract_mechanisms(doc)] == [
        "“三重一大”议事规则",
        "“一村（社区）一法律顾问”工作",
    ]


def test_longest_label_wins():
    doc = document_from_text(ACHIEVEMENTS + "落实重大行政执法决定法制审核制度。")
    [mention] = extract_mechanisms(doc)
    assert (mention.key, mention.text) == (
        "major-enforcement-decision-review",
        "重大行政执法决定法制审核制度",
    )


# ------------------------------------------------------------ stance


@pytest.mark.parametrize(
    "text, expected",
    [
        # section defaults
        (ACHIEVEMENTS + "落实合法性审查。", {("legality-review", "adopted")}),
        (
            "青禾镇2023年法治政府建设工作报告\n一、党政主要负责人履行推进法治建设第一责任人职责情况\n推行政府法律顾问制度。",
            {("first-responsible-person", "adopted"), ("government-legal-adviser", "adopted")},
        ),
        (PLANS + "建立执法全过程记录制度。", {("enforcement-whole-process-record", "planned")}),
        (PROBLEMS + "法律援助力度还需进一步加大。", {("legal-aid", "problem")}),
        # weakness cues inside an achievements section
        (
            ACHIEVEMENTS + "我镇尚未建立村务监督委员会。",
            {("village-affairs-supervision-committee", "problem")},
        ),
        (ACHIEVEMENTS + "法律顾问制度有待完善。", {("government-legal-adviser", "problem")}),
        (ACHIEVEMENTS + "政务公开还不够规范。", {("government-affairs-openness", "problem")}),
        (ACHIEVEMENTS + "缺乏专职人民调解员。", {("peoples-mediation", "problem")}),
        # plan cues inside an achievements section
        (
            ACHIEVEMENTS + "下一步，我镇将进一步完善行政裁量权基准制度。",
            {("discretion-benchmark", "planned")},
        ),
        (ACHIEVEMENTS + "计划聘请法律顾问。", {("government-legal-adviser", "planned")}),
        (
            ACHIEVEMENTS + "我镇拟建立“一村一辅警”机制。",
            {("one-village-one-auxiliary-police", "planned")},
        ),
        # look-alikes that are not cues
        (ACHIEVEMENTS + "将法律顾问制度纳入年度考核。", {("government-legal-adviser", "adopted")}),
        (ACHIEVEMENTS + "未经合法性审查的，不得提交会议讨论。", {("legality-review", "adopted")}),
        # ... nor over a list (a zero count's cue is, below)
        (
            ACHIEVEMENTS + "凡未经合法性审查、集体讨论决定的，不得出台。",
            {("legality-review", "adopted"), ("collective-decision", "adopted")},
        ),
        # a zero count is a fact about the year, not an adopted mechanism
        (
            ACHIEVEMENTS + "全年没有发生一起行政复议案件。",
            {("administrative-reconsideration", "mentioned")},
        ),
        (
            ACHIEVEMENTS + "办理行政处罚案件9件，无行政复议、行政诉讼案件。",
            {("administrative-reconsideration", "mentioned")},
        ),
        # ... for every item of the list after the cue
        (
            ACHIEVEMENTS + "全年未发生行政复议、行政应诉败诉案件。",
            {
                ("administrative-reconsideration", "mentioned"),
                ("agency-head-court-appearance", "mentioned"),
            },
        ),
        # … and none received
        (
            ACHIEVEMENTS + "全年未收到政府信息公开申请。",
            {("government-information-disclosure", "mentioned")},
        ),
        # … also when the zero follows the mention; a count that ends in 0 is no zero
        (
            ACHIEVEMENTS + "全年受理行政复议案件0件。",
            {("administrative-reconsideration", "mentioned")},
        ),
        (
            ACHIEVEMENTS + "行政复议、行政诉讼案件均为0件。",
            {("administrative-reconsideration", "mentioned")},
        ),
        (
            ACHIEVEMENTS + "办理行政复议案件10件。",
            {("administrative-reconsideration", "adopted")},
        ),
        # … and so is none made in the year
        (
            ACHIEVEMENTS + "2025年未制定规范性文件。",
            {("normative-document-management", "mentioned")},
        ),
        (ACHIEVEMENTS + "没有建立行政调解制度。", {("administrative-mediation", "problem")}),
        (ACHIEVEMENTS + "制定了年度工作计划，建立了听证制度。", {("hearing", "adopted")}),
        (ACHIEVEMENTS + "一是完善听证制度；二是普法宣传还不够深入。", {("hearing", "adopted")}),
        # a problems section that reports work done is not a weakness
        (
            PROBLEMS + "我镇在大调解工作方面进行了积极探索，但普法还未全覆盖。",
            {("grand-mediation", "adopted")},
        ),
        # a plan stays a plan even when it fixes a weakness
        (
            PLANS + "针对法律援助覆盖面不足的问题，推进公共法律服务。",
            {("legal-aid", "planned"), ("public-legal-services", "planned")},
        ),
    ],
)
def test_stance(text, expected):
    assert stances(text) == expected


def test_preamble_adopts_only_under_a_verb_of_doing():
    doc = document_from_text(
        "青禾镇2023年法治政府建设工作报告\n"
        "2023年，我镇坚持落实合法性审查制度，围绕政务公开主题开展宣传。\n"
        "一、主要举措和成效\n落实听证制度。"
    )
    got = {(m.key, m.section, m.attr("stance")) for m in extract_mechanisms(doc)}
    assert got == {
        ("legality-review", SectionKind.OTHER, "adopted"),
        ("government-affairs-openness", SectionKind.OTHER, "mentioned"),
        ("hearing", SectionKind.ACHIEVEMENTS, "adopted"),
    }


@pytest.mark.parametrize(
    "sentence, stance",
    [
        ("我镇被评为全省法治政府建设示范镇。", "adopted"),  # an honour claims the work
        ("我镇获评全省人民调解工作先进集体。", "adopted"),
        ("我镇围绕人民调解主题开展宣传。", "mentioned"),
        # the honour after the mention
        ("法治建设考核连续三年荣获优秀等次。", "adopted"),
        ("青禾镇在法治建设考核中获得优秀等次。", "adopted"),
        ("人民调解工作获省司法厅通报表扬。", "adopted"),
        ("行政复议工作被省政府评为先进集体。", "adopted"),
        ("法律援助工作取得新进展。", "mentioned"),
        # the honour worked for, and a report that is one
        ("我镇以创建省级法治政府示范镇为目标依法行政。", "adopted"),
        ("以争创全国法治政府建设示范县为抓手。", "adopted"),
        ("现述法报告如下：", "adopted"),
        ("现将本人2024年述法工作情况报告如下：", "adopted"),
        # a duty carried out, an honour kept, a rate reached, the means of the work
        ("我镇切实履行推进法治建设第一责任人职责。", "adopted"),
        ("巩固拓展“全省法治政府建设示范县”创建成果。", "adopted"),
        ("实现负责人出庭应诉率100%。", "adopted"),
        ("我局以执法监督为抓手推进依法行政。", "adopted"),
        ("在全省培训班上就法律援助工作作经验交流。", "adopted"),
        ("负责人出庭应诉制度是法律规定的制度。", "mentioned"),
        # a grade or a body's praise won, a goal reached, or one set for the year ahead
        ("我县法治建设考核位居全市优秀档次。", "adopted"),
        ("我县在全面依法治市(法治政府建设)考核中获优秀等次。", "adopted"),
        ("行政复议工作受到司法部通报表彰。", "adopted"),
        ("实现行政决策合法性审查全覆盖。", "adopted"),
        ("今年将实现合法性审查全覆盖。", "planned"),
        # the work carried into another
        ("我镇将党的领导贯穿法治政府建设全过程。", "adopted"),
        # the work put up for an honour by a body above
        ("合法性审查工作由省司法厅推荐参评全国示范项目。", "adopted"),
        ("我县被推荐参评全国法治政府建设示范县。", "adopted"),
        # an honour the year added
        ("新增全国“民主法治示范村”1个。", "adopted"),
        ("对标法治政府建设示范县目标任务。", "adopted"),
        # an honour crowned with, the work stepped up (eighteenth session)
        ("青禾区荣膺全国首批“法治政府建设示范区”称号。", "adopted"),
        ("我镇加大行政执法监督力度。", "adopted"),
        ("我县法治建设考评位居全省县(市、区)第一。", "adopted"),
        # the work as the year's main means, joined to it or helped along, or its effect
        # (twentieth session)
        ("我县以法治政府建设示范创建为主抓手依法行政。", "adopted"),
        ("我区结合全国法治政府建设综合示范区创建工作依法行政。", "adopted"),
        ("以助力全国法治政府建设示范市创建为契机。", "adopted"),
        ("法治政府建设示范区创建工作取得显著成效。", "adopted"),
        ("在迎接中央法治政府建设督察工作中依法行政。", "adopted"),
        # a duty pressed home, a plan's evaluation passed (twenty-first session)
        ("全面压实法治建设第一责任人职责。", "adopted"),
        ("顺利通过“八五”普法规划中期评估验收。", "adopted"),
        ("擦亮全国法治政府建设示范城区品牌。", "adopted"),
        # the year's work led by a reform; a grade won in an assessment named with its second
        # name in brackets, the grade in the clause after 在…中 (thirtieth session)
        ("我县在法治青禾（法治政府）建设考核中，连续两年被评为优秀。", "adopted"),
        ("我县在法治建设考核中，坚持问题导向。", "mentioned"),
        ("以深化“大综合一体化”改革为牵引，推进依法行政。", "adopted"),
        ("全年以数字化改革为关键。", "adopted"),
        ("数字化改革取得新进展。", "mentioned"),
    ],
)
def test_preamble_honours_claim_the_work(sentence, stance):
    doc = document_from_text(f"青禾镇2023年法治政府建设工作报告\n{sentence}\n一、主要举措\n")
    assert {m.attr("stance") for m in extract_mechanisms(doc)} == {stance}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "在县人大、县政协的监督支持下，我镇推进法治建设。",
            {"congress-oversight", "democratic-oversight"},
        ),
        ("在县人大的监督支持下，全县推进法治建设。", {"congress-oversight"}),
        (
            "在区人大、区政协的有力监督和大力支持下，区政府依法行政。",
            {"congress-oversight", "democratic-oversight"},
        ),
        (
            "在区人大常委会和区政协的监督支持下，区政府依法行政。",
            {"congress-oversight", "democratic-oversight"},
        ),
        ("在县人大的有力监督下，我县推进法治建设。", {"congress-oversight"}),
        ("在县人大及其常委会的指导监督下，我县推进法治建设。", {"congress-oversight"}),
        (
            "在县人大法律监督和县政协民主监督下，我县推进法治建设。",
            {"congress-oversight", "democratic-oversight"},
        ),
        ("我县更加自觉地接受县人大的监督。", {"congress-oversight"}),
        (
            "在区人大及其常委会和区政协的监督支持下，区政府依法行政。",
            {"congress-oversight", "democratic-oversight"},
        ),
        # a list that closes with the public, and oversight that guides (thirtieth session)
        (
            "县政府在县人大、县政协和社会各界的监督支持下履职尽责。",
            {"congress-oversight", "democratic-oversight", "public-oversight"},
        ),
        ("在县人大常委会的监督指导下，县政府依法履职。", {"congress-oversight"}),
    ],
)
def test_preamble_oversight_the_unit_works_under(sentence, expected):
    doc = document_from_text(f"青禾镇2023年法治政府建设工作报告\n{sentence}\n一、主要举措\n")
    got = {(m.key, m.attr("stance")) for m in extract_mechanisms(doc)}
    assert got == {(key, "adopted") for key in expected}


def test_section_field_keeps_the_true_section():
    doc = document_from_text(ACHIEVEMENTS + "下一步将推行法律顾问制度。")
    [mention] = extract_mechanisms(doc)
    assert mention.section is SectionKind.ACHIEVEMENTS and mention.attr("stance") == "planned"


# ------------------------------------------------------------ candidates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("推行“街长制”工作机制。", {"街长制工作机制"}),
        ("规范构建矛盾调处“村为主”机制。", {"村为主机制"}),
        (
            "以“教、帮、查”三字法构建了人民调解工作“村为主”机制。",
            {"教、帮、查三字法", "村为主机制"},
        ),
        ("“查”是实行季度业务督导制度，即每季度进行工作督查。", {"季度业务督导制度"}),
        ("建立“一月一研判”工作机制，探索“321”工作法。", {"一月一研判工作机制", "321工作法"}),
        ("创新推行“五步工作法”。", {"五步工作法"}),
        ("探索推出“屋场夜话”普法工作法。", {"屋场夜话普法工作法"}),
        ("建立矛盾纠纷“红黄绿”三色预警工作法。", {"红黄绿三色预警工作法"}),
        ("建立健全了“日排查、周研判、月调度”工作机制。", {"日排查、周研判、月调度工作机制"}),
        ("执行“邻长制”工作制度。", {"邻长制工作制度"}),
        ("严格落实执规责任制。", {"执规责任制"}),
        ("编制涉企检查事项清单。", {"涉企检查事项清单"}),
        ("建立涉企矛盾纠纷快速调处机制。", {"涉企矛盾纠纷快速调处机制"}),
    ],
)
def test_candidates(text, expected):
    assert found(text, EntityType.CANDIDATE_MECHANISM) == expected


@pytest.mark.parametrize(
    "text",
    [
        "建立健全法治建设领导体制和工作机制5项。",
        "完善矛盾纠纷调处制度等工作机制。",
        "公开完善了各项制度和办事程序。",
        "建立健全各项规章制度，形成长效机制。",
        "不断健全完善机制，整合法律资源。",
        "建立了机关内部监督制度。",  # vocabulary: internal-oversight
        "队伍管理制度、执法办案流程上墙。",
        "建立健全领导干部问责制度。",  # vocabulary: accountability
        "进一步完善群众投诉、举报违法行为制度和途径。",  # one item of an enumeration
        "加强了程序制度建设。",
        "推动工作规范化、制度化。",
        "建立政府行政管理与基层群众自治有效衔接和良性互动机制。",
        "不断提高政府治理体系和治理能力现代化水平。",
        "七、行政权力监督机制健全",
        "我镇严格落实党政主要负责人安全生产工作责任制度。",  # no visible start of a name
        "遵守议事规则程序。",
        "确立了每年至少向党委汇报2次依法行政工作制度。",
        "印发《大吉山镇重大行政决策事项合法性审查机制实施细则》。",
        "严格执行“三重一大”议事规则。",  # vocabulary, not a candidate
        "重点抓好“关键少数”的学法用法制度。",
        "结合“模范机关创建”活动建立考核机制。",
    ],
)
def test_not_candidates(text):
    assert found(text, EntityType.CANDIDATE_MECHANISM) == set()


def test_candidate_has_a_stance_too():
    doc = document_from_text(PLANS + "推行“街长制”工作机制。")
    [mention] = extract_mechanisms(doc)
    assert (mention.type, mention.key, mention.attr("stance")) == (
        EntityType.CANDIDATE_MECHANISM,
        "街长制工作机制",
        "planned",
    )


# ------------------------------------------------------------ contract


def test_concept_label():
    assert concept_label("legality-review") == "合法性审查"
    assert concept_label("area-legal-education") == "法治宣传教育"
    assert concept_label("not-a-concept") == "not-a-concept"


def check_contract(doc, mentions):
    keys = load_vocabulary().concepts
    assert mentions == sorted(mentions, key=lambda m: (m.start, m.end, m.type.value, m.key))
    assert len(mentions) == len(set(mentions))
    for m in mentions:
        assert m.text == doc.text[m.start : m.end] and m.text
        assert m.section == doc.section_kind_at(m.start)
        assert m.attr("stance") in {"adopted", "planned", "problem", "mentioned"}
        assert m.type in (EntityType.MECHANISM, EntityType.CANDIDATE_MECHANISM)
        if m.type is EntityType.MECHANISM:
            assert m.key in keys and keys[m.key].is_mechanism
        else:
            assert m.key and "“" not in m.key and "”" not in m.key


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="“”（）()、，。；\n一二三四五六七八九十是建立健全落实尚未将下步计划还需有待"
        "合法性审查法律顾问社区村政务公开制度机制体系清单工作法三字查帮教12345 ",
        max_size=80,
    )
)
def test_never_raises_and_contract_holds(text):
    if not text.strip():
        return
    doc = document_from_text(text)
    check_contract(doc, extract_mechanisms(doc))


# ------------------------------------------------------------ the seeds


def seed(seed_documents, prefix: str):
    return seed_documents[next(n for n in seed_documents if n.startswith(prefix))]


def by_stance(doc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in extract_mechanisms(doc):
        if m.type is EntityType.MECHANISM:
            out.setdefault(m.attr("stance"), set()).add(m.key)
    return out


def candidates(doc) -> set[str]:
    return {m.key for m in extract_mechanisms(doc) if m.type is EntityType.CANDIDATE_MECHANISM}


def test_seeds_keep_the_contract(seed_documents):
    carried_out = re.compile(r"(?:贯彻|落实|执行|遵守|遵照|编制|制定|出台|印发|修订|实施|推行)")
    for doc in seed_documents.values():
        mentions = extract_mechanisms(doc)
        check_contract(doc, mentions)
        books = [m.span() for m in re.finditer(r"《[^》]*》", doc.text)]
        for m in mentions:
            assert m.text in doc.sentence_text_at(m.start)
            # inside a title only where the report carries the document out
            held = [s for s, e in books if s <= m.start and m.end <= e]
            assert not held or carried_out.search(doc.text[max(0, held[0] - 24) : held[0]])


def test_every_seed_adopts_at_least_eight_mechanisms(seed_documents):
    for name, doc in seed_documents.items():
        assert len(by_stance(doc).get("adopted", set())) >= 8, name


def test_seed_000_dajishan(seed_documents):
    got = by_stance(seed(seed_documents, "000_"))
    assert {
        "legality-review",
        "government-legal-adviser",
        "three-important-one-large",
        "four-deliberations-two-disclosures",
        "fengqiao-experience",
        "first-agenda-item",
        "eighth-five-year-legal-education",
        "legal-vice-principal",
        "one-case-one-plan-one-team",
        "rule-of-law-leadership-body",
        "three-affairs-disclosure",
        "who-enforces-educates",
        "first-responsible-person",
        "dispute-screening",
        "community-correction",
        "post-release-resettlement",
    } <= got["adopted"]
    assert got["problem"] == {"legal-aid", "public-legal-services"}
    assert {"law-into-six-places", "eighth-five-year-legal-education"} <= got["planned"]
    assert candidates(seed(seed_documents, "000_")) == set()


def test_seed_001_huanghe(seed_documents):
    got = by_stance(seed(seed_documents, "001_"))
    assert {
        "first-inquiry-responsibility",
        "public-commitment",
        "leader-petition-reception",
        "hotline-12345",
        "hearing",
        "congress-oversight",
        "major-enforcement-decision-review",
        "legality-review",
        "government-legal-adviser",
        "rule-of-law-leadership-body",
        "enforcement-responsibility-system",
    } <= got["adopted"]
    assert {
        "rule-of-law-assessment",
        "eighth-five-year-legal-education",
        "leading-cadres-law-study",
    } <= got["planned"]
    assert "problem" not in got
    assert candidates(seed(seed_documents, "001_")) == set()


def test_seed_002_zhulong(seed_documents):
    doc = seed(seed_documents, "002_")
    got = by_stance(doc)
    # 执法全过程记录 appears only in the plan for next year
    assert "enforcement-whole-process-record" in got["planned"]
    assert "enforcement-whole-process-record" not in got["adopted"]
    assert {
        "discretion-benchmark",
        "enforcement-responsibility-system",
        "agency-head-court-appearance",
        "grand-mediation",
        "government-legal-adviser",
        "enforcement-qualification",
        "power-responsibility-list",
        "law-into-six-places",
        "leading-cadres-law-study",
    } <= got["adopted"]
    assert {
        "lifetime-decision-accountability",
        "fine-collection-separation",
        "major-penalty-filing",
        "accountability",
        "risk-assessment",
    } <= got["planned"]
    assert "problem" not in got  # its problems section names no mechanism as weak
    assert candidates(doc) == {"村为主机制", "教、帮、查三字法", "季度业务督导制度"}


def test_seed_003_yuntai(seed_documents):
    got = by_stance(seed(seed_documents, "003_"))
    assert {
        "risk-assessment",
        "case-file-review",
        "enforcement-supervision",
        "law-savvy-residents",
        "enforcement-qualification",
        "major-decision-procedure",
        "government-affairs-openness",
        "rule-of-law-leadership-body",
    } <= got["adopted"]
    assert got["problem"] == {"public-participation"}
    assert {"enforcement-responsibility-system", "decision-follow-up-evaluation"} <= got["planned"]
    assert candidates(seed(seed_documents, "003_")) == set()


def test_seed_004_fenggang(seed_documents):
    got = by_stance(seed(seed_documents, "004_"))
    assert {
        "enforcement-publicity",
        "enforcement-whole-process-record",
        "major-enforcement-decision-review",
        "one-village-one-legal-adviser",
        "one-village-one-auxiliary-police",
        "who-enforces-educates",
        "fengqiao-experience",
        "village-affairs-supervision-committee",
        "normative-document-cleanup",
        "central-group-law-study",
        "agency-head-court-appearance",
        "law-savvy-residents",
    } <= got["adopted"]
    assert {
        "three-enforcement-systems",
        "lifetime-decision-accountability",
        "petition-work",
        "legal-education-plan",
    } <= got["planned"]
    assert "three-enforcement-systems" not in got["adopted"]
    assert candidates(seed(seed_documents, "004_")) == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # --- wordings of set G ---
        # an emergency handled by law
        ("坚持在法治轨道上统筹推进疫情防控各项工作。", {"law-based-emergency-response"}),
        # rule-of-law work tied to the assessment, by 同 or so that an assessment follows
        (
            "把法治建设履职情况纳入年终述职内容，同绩效考核、评先推优等紧密挂钩。",
            {"leaders-report-on-law", "rule-of-law-assessment"},
        ),
        ("将法治工作与镇中心工作挂钩，形成考核机制。", {"rule-of-law-assessment"}),
        (
            "做好对全镇法治建设情况的督导和考核工作。",
            {"rule-of-law-inspection", "rule-of-law-assessment"},
        ),
        # the legal check of contracts is their legality review, of enforcement decisions not
        ("对重大项目合同开展好法制审核。", {"legality-review"}),
        ("落实重大执法决定法制审核制度。", {"major-enforcement-decision-review"}),
        # the committee's meeting relays the centre's words on the rule of law ...
        (
            "及时召开街道党工委（扩大）会议传达落实全面依法治国新理念新思想新战略。",
            {"party-leadership-of-rule-of-law"},
        ),
        # ... not when its study content is what is meant (law study, not the committee leading)
        (
            "把法治思想纳入党委会学习内容，多种形式传达和学习关于依法治国的论述。",
            {"leading-cadres-law-study"},
        ),
        # venues, lists and contact points by other names
        ("打造法治文化街区，建成青少年法治宣传教育基地。", {"rule-of-law-culture-venues"}),
        ("梳理应知应会党内法规和国家法律。", {"must-know-law-lists"}),
        ("街道立法信息采集点征询法律法规10部。", {"grassroots-legislative-contact-point"}),
        # --- wordings of set H ---
        # the party committee puts the work on its agenda
        ("乡党委政府始终将法治建设工作列入重要议事日程。", {"party-leadership-of-rule-of-law"}),
        # ... a meeting's deliberation before which a review runs is no deliberation of the work
        ("文件提交党政联席会议审议前，经法治机构进行合法性审查。", {"legality-review"}),
        # the lists with words between, study of law reported with the year's work
        ("制定领导干部应知应会党内法规和法律法规共性清单。", {"must-know-law-lists"}),
        (
            "将班子成员学法守法用法情况纳入个人年终述职报告内容。",
            {"leaders-report-on-law"},
        ),
        # officers who qualified to enforce; the assessment by evaluation
        ("12名新进执法人员取得了执法资格。", {"enforcement-qualification"}),
        ("在市县法治政府建设评估考核中被评为优秀等级。", {"rule-of-law-assessment"}),
        ("不断提高依法疫情防控能力。", {"law-based-emergency-response"}),
        ("编制镇（街）履职清单，明确履职事项311项。", {"township-duty-list"}),
        # a county's committee meetings counted, then the work they took up
        (
            "先后召开县委常委会、政府常务会等会议12次，对法治建设工作进行研究部署。",
            {"party-leadership-of-rule-of-law"},
        ),
        # --- wordings of set I ---
        # the committee's agenda, and the party's leadership written without 的
        ("将法治建设纳入党政联席会议重要议程。", {"party-leadership-of-rule-of-law"}),
        ("加强党对法治建设工作领导。", {"party-leadership-of-rule-of-law"}),
        # the work written into a target management, the certificates' yearly check
        (
            "将法治建设工作纳入全县中小学校年度绩效目标管理。",
            {"rule-of-law-assessment"},
        ),
        ("对执法人员进行执法资格证年检。", {"enforcement-qualification"}),
        # labels: publishing enforcement information, a regular report, services online
        ("及时公开行政执法信息。", {"enforcement-publicity"}),
        ("严格落实法治建设定期报告制度。", {"annual-rule-of-law-report"}),
        # --- wordings of sets L and M ---
        # the party's leadership written 全面, and the committee's duty of leading the work
        ("坚持党的全面领导，统筹推进法治政府建设。", {"party-leadership-of-rule-of-law"}),
        ("镇党委切实履行法治建设领导职责。", {"party-leadership-of-rule-of-law"}),
        # the year's report reviewed, or made to a long list of bodies above
        ("召开委员会会议，研究审议法治政府建设年度报告。", {"annual-rule-of-law-report"}),
        (
            "向示范区党工委、管委会、区委、区人大常委会报告2024年度法治政府建设情况。",
            {"annual-rule-of-law-report"},
        ),
        # the congress and the CPPCC over one oversight
        (
            "坚持在区人大常委会和区政协的监督下依法行政。",
            {"congress-oversight", "democratic-oversight"},
        ),
        # laws and regulations taken into places
        ("推动宪法法律法规进农村、进社区、进企业。", {"law-into-six-places"}),
        # a case told is not the leaders' report on their duties
        ("开展“以案述法”活动。", set()),
        # --- wordings of set K ---
        # the year's report heard by a meeting, or as a task of its own
        ("工委会议听取并审议了2022年度法治政府建设工作报告。", {"annual-rule-of-law-report"}),
        (
            "县政府常务会专项听取年度法治政府建设目标完成情况、法治政府建设工作报告。",
            {"annual-rule-of-law-report"},
        ),
        # service reforms written as slogans, a window, a hall's reform, digital reform
        ("推进“一网办、一窗办、一次办”工作。", {"online-government-services", "one-stop-service"}),
        ("一次办理了3件。", set()),
        ("实行综合窗改革，全区业务纳入“一窗综办”。", {"one-stop-service"}),
        ("设立“办不成事”专窗。", {"service-evaluation"}),
        ("持续实施数字化改革，推进政府数字化转型。", {"digital-government"}),
        # the court and the government, petitions received, cases explained, documents cleared
        ("建立“法治冬奥”府院良性互动机制。", {"government-court-linkage"}),
        ("接待来访群众42批270多人。", {"petition-work"}),
        (
            "邀请镇法律顾问结合典型案例解读法律法规。",
            {"government-legal-adviser", "case-based-law-explanation"},
        ),
        ("组织开展文件清理工作，废止区政府文件99件。", {"normative-document-cleanup"}),
        ("做好档案文件清理工作。", set()),
        # the rule-of-law work inspected, in one clause, or an inspection's findings put right;
        # not a body's duty to organise and inspect
        ("对中小学校法治建设工作开展情况进行全面督导检查。", {"rule-of-law-inspection"}),
        ("推进中央督察反馈意见共性问题全部整改落实。", {"rule-of-law-inspection"}),
        ("办公室负责法治政府建设工作的组织实施和督促检查。", set()),
        # a law or a regulation studied by its title, by the unit's staff, not by the public
        ("认真学习《重大行政决策程序暂行条例》。", {"leading-cadres-law-study"}),
        ("专题学习《中华人民共和国行政复议法》等法律法规。", {"leading-cadres-law-study"}),
        ("组织群众学习《民法典》。", set()),
        # ... the labels inside the studied title adopted by no one (政府信息公开, 问责)
        ("认真学习《政府信息公开条例》。", {"leading-cadres-law-study"}),
        ("学习了《中国共产党问责条例》。", {"leading-cadres-law-study"}),
        # the thought studied in one place is no law taken there
        ("开展“习近平法治思想进社区”活动。", set()),
        ("推动习近平法治思想进农村、进社区。", {"law-into-six-places"}),
        # the wordings of the sets CQ-CT: a law exam by 普法, the assessment that steers, the
        # filing's rates, decisions on major matters by a procedure, a plan adopted by its title,
        # the government's duty list, a service hall, notices posted, a rule-of-law square, the
        # internal control system, the committee's leaders instructing on the work
        ("认真开展普法考试。", {"official-law-exams"}),
        (
            "发挥考核评价“风向标”和“指挥棒”作用，运用法治思维推动工作。",
            {"rule-of-law-assessment"},
        ),
        ("发挥考核“指挥棒”作用，推动招商引资。", set()),
        ("执行备案“三率”100%。", {"normative-document-filing-review"}),
        ("建立重大事项决策制度。", {"major-decision-procedure"}),
        ("审议并通过《关于推动青禾县公共法律服务体系发展实施方案》。", {"public-legal-services"}),
        ("完成青禾县政府责任清单的梳理、编制。", {"power-responsibility-list"}),
        ("街道行政服务大厅办理综合业务10357件。", {"convenience-service-centre"}),
        ("落实网上政务公示。", {"government-affairs-openness"}),
        ("充分发挥网站、法治广场等宣传阵地作用。", {"rule-of-law-culture-venues"}),
        ("建立管理科学的内部控制体系。", {"internal-oversight"}),
        ("修订《青禾县教育局内控制度》，规范财务收支。", set()),
        # the assessment beside the inspection; a ledger named with words inserted
        (
            "建立法治政府建设督察和考核工作机制。",
            {"rule-of-law-inspection", "rule-of-law-assessment"},
        ),
        (
            "制定《青禾镇2021年度法治政府建设重点工作任务安排台账》，明确责任单位。",
            {"rule-of-law-work-ledger"},
        ),
        ("常态化推进法治政府建设年度报告工作。", {"annual-rule-of-law-report"}),
        # the first person's duty written without 人; the five-year plan written in full
        ("主要负责人切实履行了推进法治建设第一责任职责。", {"first-responsible-person"}),
        (
            "制定《青禾街道开展法治宣传教育的第八个五年规划》。",
            {"eighth-five-year-legal-education"},
        ),
        # --- wordings of sets N and O ---
        # the committee leads the work
        ("坚持党工委的全面领导，推进法治政府建设。", {"party-leadership-of-rule-of-law"}),
        ("着力完善党领导基层法治建设的体制机制。", {"party-leadership-of-rule-of-law"}),
        # grave problems reported to the committee; the work reported without a year
        ("及时向党委报告法治政府建设中的重大问题。", {"major-matters-reporting"}),
        ("建立健全法治政府建设情况定期报告制度。", {"annual-rule-of-law-report"}),
        ("法治政府建设情况主动向区委、区政府报告。", {"annual-rule-of-law-report"}),
        ("在区政府门户网站公示法治政府建设年报。", {"annual-rule-of-law-report"}),
        # any two places the work is taken into
        ("通过知识产权进企业、进校园、进社区开展宣传。", {"law-into-six-places"}),
        # what enforcement publishes
        ("公开行政执法主体、行政执法人员、执法依据。", {"enforcement-publicity"}),
        ("行政执法“八清单”全部公示完成。", {"enforcement-publicity"}),
        # the staff's study of the thought on the rule of law, not the slogan every report
        # opens with, nor the theory study group's
        ("组织全局民警开展习近平法治思想学习15次。", {"leading-cadres-law-study"}),
        ("深入学习贯彻习近平法治思想。", set()),
        # --- wordings of sets P and Q ---
        # the committee's part in the work
        ("充分发挥党工委在法治建设中的核心作用。", {"party-leadership-of-rule-of-law"}),
        ("发挥党组推进法治建设的领导作用。", {"party-leadership-of-rule-of-law"}),
        # 法制审核 of the topics a meeting decides is their legality review
        ("严格法制审核，全年审查政府常务会、专题会议题302项。", {"legality-review"}),
        # 规文 for 规范性文件; documents cleared out by rule
        ("从严规范规文管理。", {"normative-document-management"}),
        ("对规范性文件坚持定期清理与专项清理相结合。", {"normative-document-cleanup"}),
        # --- wordings of sets K and N read together ---
        ("严格执行班子集体依法决策程序。", {"collective-decision"}),
        ("对可能引发重大问题的事项进行评估。", {"risk-assessment"}),
        ("党委总揽全局、协调各方的法治工作机制不断完善。", {"party-leadership-of-rule-of-law"}),
        (
            "局党组始终将法治建设摆在突出位置，切实履行推进法治建设主体责任。",
            {"party-leadership-of-rule-of-law"},
        ),
        # --- wordings of sets M and O read together ---
        (
            "局党组、班子（扩大）会议及时传达中央、省、市、县法治建设有关会议精神。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("加强规范性文件制发管理。", {"normative-document-management"}),
        ("公布13项重大决策事项。", {"major-decision-catalogue"}),
        # --- wordings of sets T and U ---
        ("进一步健全决策机制和程序。", {"major-decision-procedure"}),
        ("明确行政决策的权限和程序。", {"major-decision-procedure"}),
        ("一是依法决策制度更加完善。", {"major-decision-procedure"}),
        ("持续规范重大行政决策。", {"major-decision-procedure"}),
        ("完善重大行政决策听证制度。", {"hearing"}),  # one of its steps, not the procedure
        ("认真执行依法行政报告制度。", {"annual-rule-of-law-report"}),
        ("按照要求报告法治政府建设情况。", {"annual-rule-of-law-report"}),
        ("落实法治政府建设情况“四报告”机制。", {"annual-rule-of-law-report"}),
        ("局党组扛起法治建设政治责任。", {"party-leadership-of-rule-of-law"}),
        ("形成党委负总责、政府依法履职的工作格局。", {"party-leadership-of-rule-of-law"}),
        (
            "发挥党委和领导班子在法治政府建设中的核心领导作用。",
            {"party-leadership-of-rule-of-law"},
        ),
        (
            "将会前学法纳入党组中心理论组学习。",
            {"central-group-law-study", "leading-cadres-law-study"},
        ),
        ("党组中心理论组学习党的二十大报告。", set()),
        (
            "按时提交履行推进法治建设第一责任人职责述职报告。",
            {"leaders-report-on-law", "first-responsible-person"},
        ),
        ("召开信访稳定工作推进会。", {"petition-work"}),
        ("开展行政执法实地监督2次。", {"enforcement-supervision"}),
        ("推行重大行政决策律师参与制度。", {"government-legal-adviser"}),
        (
            "将习近平法治思想列为党组会议第一议题。",
            {"leading-cadres-law-study", "first-agenda-item"},
        ),
        ("公示行政处罚信息52条。", {"enforcement-publicity"}),
        ("对行政许可决定及时进行公示。", {"enforcement-publicity"}),
        ("对行政执法案卷进行审核把关。", {"case-file-review"}),
        ("办理回复检察意见3件。", {"judicial-oversight"}),
        ("检察意见认为该行为违法。", set()),
        ("开展学法抽考80人次。", {"official-law-exams"}),
        ("制定第八个五年法治宣传教育实施方案。", {"eighth-five-year-legal-education"}),
        (
            "加强重大行政执法决定的合法性审核。",
            {"major-enforcement-decision-review", "legality-review"},
        ),
        ("强化依法行政绩效考核。", {"rule-of-law-assessment"}),
        # --- wordings of set V ---
        ("深入开展“七·五普法”宣传。", {"seventh-five-year-legal-education"}),
        ("启动“八・五”普法规划。", {"eighth-five-year-legal-education", "legal-education-plan"}),
        ("建立健全群众来访接待制度。", {"petition-work"}),
        # --- wordings of set W ---
        ("健全依法决策、科学决策、民主决策机制。", {"major-decision-procedure"}),
        ("深化行政执法体制改革。", {"comprehensive-enforcement-reform"}),
        ("规范行使自由裁量权。", {"discretion-benchmark"}),
        ("委员会下设法治建设专项工作组。", {"rule-of-law-leadership-body"}),
        # --- wordings of set X ---
        ("组织干部积极参加公职人员学法考试。", {"official-law-exams"}),
        ("组织公职人员学法。", {"leading-cadres-law-study"}),
        ("健全依法行政决策机制。", {"major-decision-procedure"}),
        ("执法过程全记录设备配备率达100%。", {"enforcement-whole-process-record"}),
        ("清理修订规范性文件1件。", {"normative-document-cleanup"}),
        ("排查化解历史遗留矛盾纠纷43件。", {"dispute-screening"}),
        # --- wordings of set Y ---
        ("建成一站式矛盾纠纷调处化解中心。", {"diversified-dispute-resolution"}),
        ("推行一站式服务。", {"one-stop-service"}),
        ("以党的绝对领导引领法治建设方向。", {"party-leadership-of-rule-of-law"}),
        (
            "将推进法治建设第一责任人职责情况列入年终述责述廉报告。",
            {"leaders-report-on-law", "first-responsible-person"},
        ),
        # --- wordings of sets AB and AC ---
        ("全年组织局党组专题法治学习10次。", {"leading-cadres-law-study"}),
        ("在全系统会议上讲授专题法治课。", {"leading-cadres-law-study"}),
        ("构建全员覆盖的学法体系。", {"leading-cadres-law-study"}),
        ("开展依法行政工作考核。", {"rule-of-law-assessment"}),
        ("率先开展法治建设绩效综合考评。", {"rule-of-law-assessment"}),
        ("文件按照时限要求向备案机关备案。", {"normative-document-filing-review"}),
        ("落实审查备案制度。", {"normative-document-filing-review"}),
        ("依托平台实现执法全程留痕。", {"enforcement-whole-process-record"}),
        (  # the street's own adviser, and each community's
            "街道及8个社区均与律师事务所签订法律顾问合同。",
            {"government-legal-adviser", "one-village-one-legal-adviser"},
        ),
        ("实现法治政府建设工作报告制度常态化。", {"annual-rule-of-law-report"}),
        ("重大决策三项制度刚性落实。", {"major-decision-procedure"}),
        (
            "组织干部职工学习党的二十大精神和有关法律。",
            {"leading-cadres-law-study"},
        ),
        ("全系统队员分3期学习了党的二十大精神、行政处罚法。", {"leading-cadres-law-study"}),
        # --- wordings of set AE ---
        ("将法治政府建设纳入党委、政府重要议事日程。", {"party-leadership-of-rule-of-law"}),
        (
            "坚持集体领导、民主集中、个别酝酿、会议决定的原则。",
            {"collective-decision"},
        ),
        ("各执法单位依法实施疫情防控措施。", {"law-based-emergency-response"}),
        # --- wordings of set AD ---
        ("从合法性、必要性、可行性上严格审核把关。", {"legality-review"}),
        ("对6名执法人员开展培训，全员通过资格考试。", {"enforcement-qualification"}),
        ("及时公示行政执法信息。", {"enforcement-publicity"}),
        ("深化综合行政执法体系改革。", {"comprehensive-enforcement-reform"}),
        ("“双随机”掌上执法率100%。", {"double-random-one-public"}),
        ("开展习近平法治思想宣传“八进”活动。", {"law-into-six-places"}),
        # --- wordings of set AF ---
        ("开展党委（党组）书记点评法治工作。", {"party-leadership-of-rule-of-law"}),
        ("以全面依法治县示范试点为抓手。", {"rule-of-law-demonstration"}),
        ("村调解员参与调解矛盾纠纷30余起。", {"peoples-mediation"}),
        ("诉前调解案件61件。", {"litigation-mediation-linkage"}),  # a court's, not the people's
        ("调解工作取得实效。", set()),  # no disputes counted
        ("组织《行政处罚法》《乡村振兴促进法》专题测试2次。", {"official-law-exams"}),
        ("组织《行政处罚法》知识竞赛。", set()),  # a contest, no test of the staff
        ("按要求完成法治政府建设报告公示。", {"annual-rule-of-law-report"}),
        ("做好法治政府建设的报告报送公示工作。", {"annual-rule-of-law-report"}),
        (
            "落实《县人大常委会关于对县司法局工作情况报告的审议意见》。",
            {"congress-oversight"},
        ),
        ("深化规范性文件“三统一”。", {"normative-document-management"}),
        (
            "开展执法证考试及监督证申领工作。",
            {"enforcement-qualification", "enforcement-supervision"},
        ),
        ("落实“首题必政治”学习制度。", {"first-agenda-item"}),
        ("打造综合行政执法中心示范点1个。", {"comprehensive-enforcement-reform"}),
        ("新建青少年法治教育实践基地。", {"rule-of-law-culture-venues"}),
        # the unit's people studying Xi Jinping Thought on the Rule of Law, not the formula alone
        # nor an event's quoted name
        ("主要负责人带头学习、宣讲习近平法治思想。", {"leading-cadres-law-study"}),
        (
            "定期组织机关党员干部认真学习习近平总书记关于法治政府建设的重要指示精神。",
            {"leading-cadres-law-study"},
        ),
        ("我镇深入学习贯彻习近平法治思想。", set()),
        # the unit's committee leading: its leadership as a sentence of its own, its role, its
        # agenda at the end of a longer sentence
        ("二是坚持党工委的全面领导。", {"party-leadership-of-rule-of-law"}),
        ("坚持党工委的全面领导下开展工作。", set()),
        ("充分发挥党组统筹协调作用。", {"party-leadership-of-rule-of-law"}),
        # a rule-of-law county's creation named short; a brand's model unit
        ("荣获全省法治县创建活动先进单位。", {"rule-of-law-demonstration"}),
        ("被评为法治青禾建设示范单位。", {"rule-of-law-demonstration"}),
        # the duty of legal education, however written; a justice bureau's own field led
        ("多措并举落实普法工作责任制。", {"who-enforces-educates"}),
        ("一是落实普法责任。", {"who-enforces-educates"}),
        ("坚持党对司法行政工作的绝对领导。", {"party-leadership-of-rule-of-law"}),
        # the leading body named by its kind, not a system of who leads
        ("及时调整依法治街工作领导机构。", {"rule-of-law-leadership-body"}),
        ("完善党委牵头抓总、部门协同的法治建设领导体系。", set()),
        # the documents combed or cleared, made or managed, a field's enforcement supervised, a
        # township's service centre by its other name
        ("梳理涉企现行有效规范性文件83件。", {"normative-document-cleanup"}),
        ("加强对政府规范性和政策性文件的清理修订。", {"normative-document-cleanup"}),
        ("严格行政规范性文件制发程序。", {"normative-document-management"}),
        ("加强对单位规范性文件的管理。", {"normative-document-management"}),
        ("加强对教育行政执法的监督和管理。", {"enforcement-supervision"}),
        ("镇公共服务中心承接下放事项54项。", {"convenience-service-centre"}),
        # --- wordings of set AH ---
        ("设立商事调解中心。", {"professional-mediation"}),
        ("探索实施执法“观察期”制度。", {"lenient-enforcement"}),
        ("落实第一责任人职责述职制度。", {"first-responsible-person", "leaders-report-on-law"}),
        ("文化园被评为省级法治文化示范基地。", {"rule-of-law-culture-venues"}),
        ("全年举办大型综合性演练4场。", {"emergency-drills"}),
        ("全面推进决策、执行、管理、服务、结果的信息依法公开。", {"government-affairs-openness"}),
        ("开展法治政府建设专项检查督导。", {"rule-of-law-inspection"}),
        ("开展安全生产专项检查督导。", set()),  # no rule-of-law work inspected
        ("加强对行政执法工作监督管理。", {"enforcement-supervision"}),
        # law put into the theory study group's plan, the plan named as a document
        (
            "把习近平法治思想作为《区委中心组2025年理论学习计划》的重要内容。",
            {"central-group-law-study"},
        ),
        (
            "乡党委政府高度重视普法依法治理工作，将普法和依法治理工作纳入重要议事日程。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("镇领导牵头召开“学习二十大精神——习近平法治思想下基层”宣讲会。", set()),
        # --- a leading body shared with another task, or named short (fifteenth session) ---
        (
            "成立系统法治建设和“八五”普法工作领导小组。",
            {"rule-of-law-leadership-body", "eighth-five-year-legal-education"},
        ),
        ("调整街道全面依法治理及法治宣传教育工作委员会。", {"rule-of-law-leadership-body"}),
        ("局法治建设领导小组和公平竞争领导小组按月调度。", {"rule-of-law-leadership-body"}),
        ("镇里召开法治建设委全体会议。", {"rule-of-law-leadership-body"}),
        ("镇里召开平安建设和综合治理工作领导小组会议。", set()),  # no rule-of-law work
        ("把法治建设委托第三方评估。", set()),  # 委托: a commission given
        # the year's report made public together, or heard as an oral report
        ("推进镇街两级法治政府建设年度报告集中公示。", {"annual-rule-of-law-report"}),
        (
            "党委会专题听取2024年度法治政府建设情况汇报。",
            {"annual-rule-of-law-report", "party-leadership-of-rule-of-law"},
        ),
        # no year: a hearing of the work, not the year's report
        ("党委会听取法治政府建设情况汇报。", {"party-leadership-of-rule-of-law"}),
        # legality listed among the reviews a text passes, or argued for a decision
        ("严格落实公平竞争、市场准入、合法性等各项审查。", {"legality-review"}),
        ("对重大事项开展合法性、可行性论证。", {"legality-review"}),
        ("加强合法性的宣传。", set()),
        # the steps of the procedure listed, then the procedure
        (
            "严格履行公众参与、专家论证、合法性审查等程序。",
            {
                "major-decision-procedure",
                "public-participation",
                "expert-argumentation",
                "legality-review",
            },
        ),
        ("开展合法性审查程序培训。", {"legality-review"}),
        # the words the other way round, or a word inserted
        ("对规范性文件严格审查合法性。", {"legality-review"}),
        ("对合同进行合法性的审查。", {"legality-review"}),
        ("所有文件均经过合法性前置审查。", {"legality-review"}),
        ("确保决策的合法性。", set()),
        ("依法公开政务信息。", {"government-affairs-openness"}),
        ("及时公开政府信息。", {"government-information-disclosure"}),
        # a numbered part headed by the unit's study of Xi Jinping Thought on the Rule of Law
        # (sixteenth session); the phrase inside a preamble's sentence is the guiding thought
        ("（一）深入学习贯彻习近平法治思想，筑牢法治根基\n", {"leading-cadres-law-study"}),
        ("一是深学笃用习近平法治思想，统筹推进法治建设。", {"leading-cadres-law-study"}),
        ("我镇以党的二十大精神为指导，深入学习贯彻习近平法治思想，全面推进法治建设。", set()),
        # legality review shortened; the villages' and communities' legal advisers
        ("对镇级文件开展合法审查。", {"legality-review"}),
        ("将村社法律顾问补贴纳入财政预算。", {"one-village-one-legal-adviser"}),
        # the year's report written or published, named by its unit and year
        ("完成青禾街道2024年法治政府建设报告。", {"annual-rule-of-law-report"}),
        (
            "编撰并公示《青禾县交通运输局关于2024年法治政府建设情况的报告》。",
            {"annual-rule-of-law-report"},
        ),
        ("现将2024年法治政府建设情况报告如下。", set()),
        # sitting in on trials as a step of the cadres' study; reconsideration after litigation
        ("推行“学法+考试+旁听”模式。", {"court-trial-attendance", "official-law-exams"}),
        ("组织旁听人代会。", set()),
        (
            "会议研究行政应诉与复议事项。",
            {"administrative-reconsideration", "agency-head-court-appearance"},
        ),
        # a Mongolian village (嘎查村) named a model; powers listed as 事项
        ("被评为“全国民主法治示范嘎查村”。", {"democracy-rule-of-law-model-village"}),
        ("动态调整行政权力事项清单。", {"power-responsibility-list"}),
        # legality review by its older name; a task force led for the work
        ("落实集体决策和法制审查制度。", {"collective-decision", "legality-review"}),
        ("成立法治建设专项工作领导专班。", {"rule-of-law-leadership-body"}),
        # the matters handled at once, quoted, reformed or bundled
        ("全面推进“一件事”改革。", {"one-stop-service"}),
        ("推出“一件事”集成服务场景20个。", {"one-stop-service"}),
        # the party working committee and the street office's agenda
        ("将法治建设列入街道党工委、办事处的重要议事日程。", {"party-leadership-of-rule-of-law"}),
        # (eighteenth session) the study of the thought made the object of the unit's work
        ("我镇将学习践行习近平法治思想作为重要政治任务。", {"leading-cadres-law-study"}),
        ("坚持把学习贯彻习近平法治思想同开展党纪学习教育融合起来。", {"leading-cadres-law-study"}),
        (
            "把学习贯彻习近平法治思想作为党委理论学习中心组的首要内容。",
            {"central-group-law-study"},
        ),
        # the year's report published without 年度, and the rule named without 建设
        ("在政府网站公示法治政府工作报告。", {"annual-rule-of-law-report"}),
        ("认真落实法治政府报告制度。", {"annual-rule-of-law-report"}),
        # the theory study group's study of no law is no law study
        ("全年共进行党委理论学习中心组学习12次，学习全会精神。", set()),
        ("开展党委理论学习中心组学习，专题学习宪法。", {"central-group-law-study"}),
        # the 三重一大 rule's collective decision is that rule, not a second concept
        ("严格执行“三重一大”集体决策制度。", {"three-important-one-large"}),
        # disputes settled (调处化解), the verb first or after 的; 调处 alone is mediation's
        ("成功调处化解各类矛盾纠纷120件。", {"dispute-screening"}),
        ("积极参与重大矛盾纠纷的调处化解。", {"dispute-screening"}),
        ("村调委会全年调处矛盾纠纷96宗。", {"peoples-mediation"}),
        # cadres' training by 依法行政 or as a 研修班; inspections of a 巡查督察
        ("举办领导干部依法行政能力专题研修班。", {"leading-cadres-law-study"}),
        ("将法治政府建设纳入专项巡查督察重点。", {"rule-of-law-inspection"}),
        # approvals reformed or cut without 行政…制度; litigation answered beside reconsideration
        ("强化审批改革，取消全部非行政许可审批事项。", {"streamline-administration"}),
        (
            "依法履行复议应诉职能。",
            {"agency-head-court-appearance", "administrative-reconsideration"},
        ),
        # one window by its other names; the public's views sought on a decision
        ("推行无差别“综窗”受理。", {"one-stop-service"}),
        ("严格落实“谁执法谁公示”。", {"enforcement-publicity"}),
        ("实现服务事项“一口受理、一站办结”。", {"one-stop-service"}),
        ("健全重大决策征求意见制度。", {"public-participation"}),
        (
            "经评估论证、意见征集、集体讨论等程序后作出决策。",
            {"public-participation", "collective-decision"},
        ),
        ("开展立法意见征集20次。", set()),
        # the province's campaign with the government's in brackets
        ("创成“法治青禾(法治政府)示范县”。", {"rule-of-law-demonstration"}),
        # a bureau's party group studying the work at a meeting; laws put into the staff's study
        ("组织召开局党组专题会议研究法治建设年度工作计划。", {"party-leadership-of-rule-of-law"}),
        ("我局将法律法规纳入学习核心内容。", {"leading-cadres-law-study"}),
        # the central conference on law-based governance studied
        ("认真组织学习了中央全面依法治国工作会议精神。", {"leading-cadres-law-study"}),
        # the unit's party committee holding a meeting on the work
        ("青禾镇党委、政府召开法治政府建设专题会议1次。", {"party-leadership-of-rule-of-law"}),
        # the committee's theory study named without 中心组, with law put into it or without
        ("将习近平法治思想纳入党组理论学习重点内容。", {"central-group-law-study"}),
        ("开展党委理论学习，学习党的二十大精神。", set()),
        # (nineteenth session) a leading group named by its task alone is the report's; a named
        # task is another group
        ("成立以县委书记、县长为双组长的创建领导小组。", {"rule-of-law-leadership-body"}),
        ("成立了以镇长为组长的建设工作领导小组。", {"rule-of-law-leadership-body"}),
        ("成立了以县长为组长的文明城市创建领导小组。", set()),
        # the committee's plenary session deploying the work; not the centre's plenum studied
        (
            "召开县委全委会议，对全县法治建设工作进行安排部署。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("深入贯彻党的二十届三中全会关于法治政府建设重大部署。", set()),
        (
            "召开区委常委会会议，对规范入企执法等法治工作进行专门安排部署。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("坚持把党的领导作为法治政府建设的生命之魂。", {"party-leadership-of-rule-of-law"}),
        # enforcement bodies inspected are supervised; the lists by other words
        ("对18个行政执法单位分别开展现场行政执法检查。", {"enforcement-supervision"}),
        ("落实配合事项清单。", {"township-duty-list"}),
        ("调整完善行政权力和公共服务事项清单18项。", {"power-responsibility-list"}),
        ("审核区政府规范性文件26件。", {"legality-review"}),
        ("完成2项后评估决策事项。", {"decision-follow-up-evaluation"}),
        ("强化依法防疫工作。", {"law-based-emergency-response"}),
        ("推进林木采伐“掌上审批”改革。", {"online-government-services"}),
        ("持续加强镇政府与法院联动。", {"government-court-linkage"}),
        ("深化习近平法治思想宣传“十进”行动。", {"law-into-six-places"}),
        # a party congress's spirit taken to places is its study, no law taken there
        ("推动党的二十大精神进企业、进农村、进机关。", set()),
        # a monitoring or a satisfaction survey is no law exam
        ("印发法治建设监测评价文件，开展法治建设满意度第三方测评。", set()),
        ("15个镇(街道、区园)成立全面依法治镇(街道、区园)委员会。", {"rule-of-law-leadership-body"}),
        # the year's report heard, made public or made every year; the congress hearing it
        (
            "区人大常委会听取审议法治政府建设情况报告。",
            {"congress-oversight", "annual-rule-of-law-report"},
        ),
        ("主动向社会公开上一年度法治政府建设情况。", {"annual-rule-of-law-report"}),
        ("每年向县政府报告法治政府建设工作。", {"annual-rule-of-law-report"}),
        # the committee's office inspecting; education in the course of enforcement; the leaders'
        # report on their first-responsibility duty; the party's leadership made the core
        (
            "区委依法治区办组织对中期推进情况进行了全面督导。",
            {"rule-of-law-inspection", "rule-of-law-leadership-body"},
        ),
        ("实现执法与普法同步。", {"who-enforces-educates"}),
        ("做好疫情防控法治保障。", {"law-based-emergency-response"}),
        ("坚持以法治思维和法治方式开展疫情防控工作。", {"law-based-emergency-response"}),
        ("落实法治政府建设第一责任，压实“第一责任”。", {"first-responsible-person"}),
        ("健全信访制度机制，化解信访积案。", {"petition-work"}),
        ("在宪法公园、法治文化园设立宣传专栏。", {"rule-of-law-culture-venues"}),
        # the assessment by its brand or with its inspection; the party's leading role
        ("加强法治政府建设督察考核。", {"rule-of-law-inspection", "rule-of-law-assessment"}),
        ("在法治广州建设考评中获优秀等次。", {"rule-of-law-assessment"}),
        ("强化党在法治建设中的引领作用。", {"party-leadership-of-rule-of-law"}),
        ("夯实“党的统一领导”法治基础。", {"party-leadership-of-rule-of-law"}),
        ("建立健全党领导全面依法治街工作机制。", {"party-leadership-of-rule-of-law"}),
        ("坚持党委统揽全局地位，确保正确的法治建设方向。", {"party-leadership-of-rule-of-law"}),
        # inspection and assessment named together name neither on their own (annotators differ)
        ("三是强化督查考核。", set()),
        (
            "向区人大常委会报告我区2020年法治政府建设情况。",
            {"congress-oversight", "annual-rule-of-law-report"},
        ),
        (
            "党政主要领导对履行推进法治建设第一责任人职责情况进行述职。",
            {"first-responsible-person", "leaders-report-on-law"},
        ),
        ("始终牢记党的领导是建设法治政府的根本保证。", {"party-leadership-of-rule-of-law"}),
        ("形成街道党工委统一领导，各委办整体联动的工作格局。", {"party-leadership-of-rule-of-law"}),
        # labels by other words; disputes settled counted, not a leader's own cases
        ("行政负责人出庭率100%。", {"agency-head-court-appearance"}),
        ("化解涉企矛盾纠纷11起。", {"dispute-screening"}),
        ("镇长亲自包案化解红色预警矛盾纠纷3起。", set()),
        (
            "优化为民中心建设，及时调整职权清单。",
            {"convenience-service-centre", "power-responsibility-list"},
        ),
        ("在网上公示各行政事项执法权限、执法依据。", {"enforcement-publicity"}),
        (
            "学习领导干部必学清单，加强领导干部法治思想教育。",
            {"must-know-law-lists", "leading-cadres-law-study"},
        ),
        # --- wordings of sets EP to ES, each read after it was scored ---
        ("建立领导干部学法用法清单制度。", {"must-know-law-lists"}),
        ("青山区获评2023年度法治江南建设优秀单位。", {"rule-of-law-assessment"}),
        ("连续3年获评法治江南（法治政府）建设优秀单位。", {"rule-of-law-assessment"}),
        ("获评全市平安建设优秀单位。", set()),
        ("随机抽取40卷处罚案卷开展集中评查。", {"case-file-review"}),
        ("将12项重大行政决策事项纳入目录管理。", {"major-decision-catalogue"}),
        ("持续深化行政审批领域改革。", {"streamline-administration"}),
        ("认真履行行政执法协调与监督职能。", {"enforcement-supervision"}),
        (
            "区法院获评全国法院一站式多元解纷诉讼服务体系建设先进单位。",
            {"diversified-dispute-resolution"},
        ),
        ("区人力社保局获评“全国法治人社建设优秀单位”。", set()),  # a sector's honour
        ("坚持由社区法律顾问每季度开展一场法律讲座。", {"one-village-one-legal-adviser"}),
        ("落实法治情况报告制度。", {"annual-rule-of-law-report"}),
        ("狠抓“法治明白人”培养。", {"law-savvy-residents"}),
        # the rules the report is made under name no work of the unit
        (
            "根据《法治政府建设与责任落实督察工作规定》《江南省法治政府建设年度报告制度工作指引》"
            "要求，现将我局2023年法治政府建设情况报告如下。",
            set(),
        ),
        # the year's report reviewed, published, kept as a rule; major matters decided together
        (
            "区政府常务会议审议并通过《青山区2024年度法治政府建设情况报告》。",
            {"annual-rule-of-law-report"},
        ),
        ("连续三年集中发布法治政府建设年度情况报告。", {"annual-rule-of-law-report"}),
        ("形成青山区法治政府建设情况报告并向社会公开发布。", {"annual-rule-of-law-report"}),
        ("严格执行法治政府工作年度报告制度。", {"annual-rule-of-law-report"}),
        # ... written, then published or graded; not a page's publishing fields after its title
        ("形成青禾县生态环境局法治政府建设工作报告，并按要求公开。", {"annual-rule-of-law-report"}),
        (
            "总结全局法治政府建设年度工作，经局主要领导审签后在区政府网站公开。",
            {"annual-rule-of-law-report"},
        ),
        ("局2022年度法治政府建设情况报告获评全市优秀。", {"annual-rule-of-law-report"}),
        ("青禾镇2023年法治政府建设情况报告发布时间：2024-01-02", set()),
        # an audit bureau's audits, the quality of enforcement cases graded
        ("完成审计项目24个，开展跟踪审计。", {"audit-oversight"}),
        ("开展案件质量评查。", {"case-file-review"}),
        # the penalty discretion a bureau's rules narrow; trials sat in on, the words reversed
        ("制定《青禾县卫生健康行政处罚裁量权实施办法》。", {"discretion-benchmark"}),
        ("干部参加法庭旁听率100%。", {"court-trial-attendance"}),
        (
            "“三重一大”事项全面提交集体研究。",
            {"three-important-one-large", "collective-decision"},
        ),
        # the law-study platforms' exams; decisions through their statutory steps; the party
        # committee leading the work
        ("干部职工完成法宣在线学习、考试。", {"official-law-exams"}),
        ("3个重大行政决策事项均严格履行法定程序。", {"major-decision-procedure"}),
        ("健全党委领导法治建设体制机制。", {"party-leadership-of-rule-of-law"}),
        ("规范行政处罚自由裁量，统一执法尺度。", {"discretion-benchmark"}),
        # (a desk for petitioners among the others is no petition-work: the real corpus and the
        # seeds leave out all 3 of theirs)
        ("将法律服务、信访接待等功能整合入驻。", set()),
        # the demonstration campaign named short, and the inspection written bare (twenty-seventh
        # session): not another field's, the rule's title or a paragraph on model villages
        ("镇长每月过问示范创建进度。", {"rule-of-law-demonstration"}),
        ("推进卫生乡镇示范创建。", set()),
        (
            "二是抓好示范创建。争创两个民主法治示范村。",
            {"democracy-rule-of-law-model-village"},
        ),
        ("强化督察考核，层层传导压力。", {"rule-of-law-inspection"}),
        ("形成述职、督察、考核联动格局。", {"rule-of-law-inspection"}),
        ("依照《法治政府建设与责任落实督察工作规定》报送本报告。", set()),
        ("依照法治政府建设与责任落实督察工作规定报送本报告。", set()),
        ("完成生态环保督察交办问题整改。", set()),
        ("局里有执法督察员两名。", set()),
        # the service hall by what moves into it, the 一件事 reform by its quoted name, the
        # townships' enforcement named from above, major contracts reviewed, law study tested
        ("各部门的300项事项进驻大厅办理。", {"convenience-service-centre"}),
        ("新设两个政务服务分中心。", {"convenience-service-centre"}),
        ("依托就业服务站点开展帮扶。", set()),
        ("上线“一件事”事项20项。", {"one-stop-service"}),
        ("梳理执法监管“一件事”清单。", set()),
        ("指导镇（街）综合行政执法队伍建设。", {"comprehensive-enforcement-reform"}),
        ("举办街道综合行政执法人员培训。", set()),
        ("办结重大合同审查5件。", {"legality-review"}),
        ("审查政府合同40份。", {"legality-review"}),
        ("法律顾问帮村里审查合同30份。", {"government-legal-adviser"}),
        (
            "干部学法计划全年完成，考试全部合格。",
            {"leading-cadres-law-study", "official-law-exams"},
        ),
        ("新进人员参加执法证件申领考试。", {"enforcement-qualification"}),
        ("印发应知应会党内法规和法律法规读本。", {"must-know-law-lists"}),
        ("年内化解复议积案三件。", {"administrative-reconsideration"}),
        ("坚持依法科学防控。", {"law-based-emergency-response"}),
        # a decision's statutory steps listed, and documents cleared out, listed or counted
        (
            "方案经意见征集、集体审议等程序后出台。",
            {"public-participation", "collective-decision"},
        ),
        ("建立“常委会集体审议+专班推进”调度机制。", set()),
        ("清理、修改、废止文件6件。", {"normative-document-cleanup"}),
        ("坚持常态化清理，全年废止12件。", {"normative-document-cleanup"}),
        ("摸排、清理、整治各类安全隐患。", set()),
        ("对规范性文件草稿进行修改、修订。", set()),
        # --- wordings of the sets GX-HH (thirtieth session) ---
        # the leadership deciding together, with or without its meetings named
        ("班子对辖区内的大事一律集体研究决策。", {"collective-decision"}),
        ("凡重大事项都提交党政联席会议、党委会讨论决定。", {"collective-decision"}),
        ("拆迁方案经镇党委会研究决定后实施。", {"collective-decision"}),
        ("村集体决定修缮祠堂。", set()),
        ("党委会研究部署普法工作。", set()),
        # the steps and powers of a decision, its review, and documents of past years cleared
        ("各项决策均守住法定权限和程序。", {"major-decision-procedure"}),
        ("司法所为镇里的重大决策出具审查意见26份。", {"legality-review"}),
        ("建立重大决策审查制度并严格执行。", {"legality-review"}),
        ("清理历年出台的规范性文件3件。", {"normative-document-cleanup"}),
        # a ledger named by the committee's task, the townships' lists of duties
        ("建好依法治县工作台账。", {"rule-of-law-work-ledger"}),
        # ... or by the committee and its year (the committee named is its own evidence)
        (
            "印发《青禾县委全面依法治县委员会2024年工作任务台账》。",
            {"rule-of-law-work-ledger", "rule-of-law-leadership-body"},
        ),
        ("为各镇、街道编制职责事项清单。", {"township-duty-list"}),
        ("编制各科室职责事项清单。", set()),
        # the one window, the inspection drawn at random and made public, firms graded by credit
        ("办事群众的申请一律由综合窗口统一受理。", {"one-stop-service"}),
        (
            "抽查做到企业随机、检查员随机、抽查情况公开。",
            {"double-random-one-public"},
        ),
        ("按企业信用等级对经营户分级分类监管。", {"credit-based-supervision"}),
        ("对辖区商户分级分类管理。", set()),
        # the party group taking the work in hand; 高度重视 alone is no claim
        (
            "局党组高度重视法治政府建设，主要领导带头研究部署。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("局党组高度重视法治政府建设。", set()),
        # the committee's meeting first in a list of the ways the thought was studied
        (
            "依托党委会议、主题党日、读书班等载体，组织干部学习习近平法治思想。",
            {"party-leadership-of-rule-of-law", "leading-cadres-law-study"},
        ),
        # the public heard, the head reporting on the duty to the committee's office
        ("起草规范性文件时广泛征求各方意见。", {"public-participation"}),
        # --- wordings of the sets IA-IF (thirtieth session) ---
        ("决策时严格遵循法定权限和程序。", {"major-decision-procedure"}),
        ("严格遵循法定权限和程序办理业务。", set()),
        ("按时办结建议提案9件。", {"congress-oversight", "democratic-oversight"}),
        (
            "每季度对干部开展法律知识培训和考核。",
            {"leading-cadres-law-study", "official-law-exams"},
        ),
        ("定期对重大行政决策的执行情况开展跟踪。", {"decision-follow-up-evaluation"}),
        ("坚持党委领导，健全依法治县工作机制。", {"party-leadership-of-rule-of-law"}),
        ("在镇党委领导下做好普法宣传。", set()),
        # --- wordings of the sets JA-JF (thirtieth session) ---
        ("决策前严守法定程序。", {"major-decision-procedure"}),
        ("严守法定程序办理案件。", set()),
        ("年底清理全县规范性文件11件。", {"normative-document-cleanup"}),
        ("法治建设各项任务实行台账管理。", {"rule-of-law-work-ledger"}),
        ("对安全隐患实行台账管理。", set()),
        ("完善法治政府建设（依法行政）工作考核评价指标体系。", {"rule-of-law-assessment"}),
        (
            "班子对“三重一大”事项集体协商讨论决定。",
            {"collective-decision", "three-important-one-large"},
        ),
        # the committee calling a meeting to hear the work; a report on the duty tied to the
        # assessment; the work written into it first of a list
        (
            "街道党工委召开会议，审议依法治街工作安排。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("镇党委召开会议研究防汛工作。", set()),
        (
            "把班子成员述法同干部年度考核相结合。",
            {"leaders-report-on-law", "rule-of-law-assessment"},
        ),
        ("普法与文明创建相结合。", set()),
        (
            "把法治建设、乡村振兴、安全生产、环境整治、森林防火等一并纳入村级目标考核。",
            {"rule-of-law-assessment"},
        ),
        (
            "主要负责同志年底向县委依法治县办书面汇报履行推进法治建设第一责任人职责的情况。",
            {"leaders-report-on-law", "first-responsible-person", "rule-of-law-leadership-body"},
        ),
        # --- wordings of the sets LA-LH (thirty-first session) ---
        # the yearly report's rule with its period, or the report made and then published
        ("执行法治政府定期报告制度。", {"annual-rule-of-law-report"}),
        ("健全法治政府建设年度工作报告制度。", {"annual-rule-of-law-report"}),
        ("写好法治建设工作报告并依法公示。", {"annual-rule-of-law-report"}),
        ("法治建设年度报告和网上公开均按期完成。", {"annual-rule-of-law-report"}),
        ("转发关于做好法治建设年度报告和公开工作的通知。", set()),
        ("完成安全生产工作报告并公示。", set()),
        # the committee's theory study given the Thought on the Rule of Law, its group unnamed
        (
            "乡党委把习近平法治思想和新修订的法律纳入理论学习计划。",
            {"central-group-law-study"},
        ),
        (
            "把习近平法治思想作为全市卫生系统各级党委（党组）理论学习的重点。",
            {"central-group-law-study"},
        ),
        ("乡党委把乡村振兴纳入理论学习计划。", set()),
        # a part's heading that closes on the party's leadership after a clause of its own
        ("（二）守牢底线，全面加强党的领导。一是健全制度。", {"party-leadership-of-rule-of-law"}),
        ("会议强调，要加强党的领导。", set()),
        # the committee by its short name; the one door of a service hall; disputes settled by
        # many means, the words shortened
        ("县委法建委听取了普法工作汇报。", {"rule-of-law-leadership-body"}),
        ("办事群众只进一扇门即可办完。", {"one-stop-service"}),
        ("推行矛盾纠纷多元调处。", {"diversified-dispute-resolution"}),
        # the discipline inspectors watching decisions; decisions under their statutory steps;
        # enforcement decisions and agenda items reviewed; documents drafted and amended
        (
            "派驻纪检监察组以列席会议的方式对招标全程开展监督。",
            {"supervisory-oversight"},
        ),
        ("纪检监察干部参加业务培训。", set()),
        ("坚持以法定程序规范重大决策。", {"major-decision-procedure"}),
        ("审核采购合同3件、重大执法决定15件。", {"major-enforcement-decision-review"}),
        ("印发重大执法决定目录。", set()),
        ("会前审查常务会议议题21个。", {"legality-review"}),
        ("全年制修订规范性文件4件。", {"normative-document-management"}),
        # light penalties and the discretion's rules of use; law study organised as such
        ("制定轻罚不罚事项清单。", {"lenient-enforcement"}),
        ("制定罚款裁量适用办法。", {"discretion-benchmark"}),
        ("每月组织一次法治学习。", {"leading-cadres-law-study"}),
        # a title the unit drafts or fills, a period of the legal-education plan before it
        ("把5项事项列入《青禾县2024年重大行政决策事项目录》。", {"major-decision-catalogue"}),
        (
            "修订“八五”普法期间《青禾县普法责任清单》。",
            {"eighth-five-year-legal-education", "who-enforces-educates"},
        ),
        # --- wordings of the sets MA-MH (thirty-first session) ---
        # decided together with all taking part; the service network of three levels; a
        # community's title without 示范; the list of enforcement matters made public
        ("采购事项由班子集体参与讨论决定。", {"collective-decision"}),
        ("建成县乡村三级政务服务体系。", {"convenience-service-centre"}),
        ("两个社区获评市级民主法治社区。", {"democracy-rule-of-law-model-village"}),
        ("梳理执法事项清单并在网站公示。", {"enforcement-publicity"}),
        ("梳理执法事项清单40项。", set()),
        # laws put into the staff's study; documents cleared for a cause, or filed and reviewed
        # in the other order
        ("把民法典列为机关干部重要学习内容。", {"leading-cadres-law-study"}),
        ("把乡村振兴列为机关干部重要学习内容。", set()),
        ("清理不符合上位法的规范性文件。", {"normative-document-cleanup"}),
        ("审查备案规范性文件5件。", {"normative-document-filing-review"}),
        # the party leading the law's fields; the standing committee on named institutions; the
        # committee's own meeting on the work, not its secretary's; its leadership as the core
        ("加强党对执法、普法工作的领导。", {"party-leadership-of-rule-of-law"}),
        ("乡党委召开会议，研究、部署依法治乡工作。", {"party-leadership-of-rule-of-law"}),
        ("街道党工委书记召开会议，部署法治工作。", set()),
        (
            "以坚持党的领导为统领，推进依法治县。",
            {"party-leadership-of-rule-of-law"},
        ),
        # the leaders' report on the law assessed with their others; a park on a field of the
        # law; the townships' matters of the ground; an audit by its short name
        ("述法和述职同考核。", {"leaders-report-on-law", "rule-of-law-assessment"}),
        ("新建宪法主题公园一处。", {"rule-of-law-culture-venues"}),
        ("新建花卉主题公园一处。", set()),
        ("厘清属地管理事项32项。", {"township-duty-list"}),
        ("配合完成经责审计。", {"audit-oversight"}),
        # the theory study group on the congress's spirit, the rule-of-law work beside it, is no
        # law study
        ("党组理论学习中心组学习二十大精神，研究推进法治建设的措施。", set()),
        ("党组理论学习中心组专题学习行政复议法。", {"central-group-law-study"}),
        # --- wordings of the sets NA-NE (thirty-first session) ---
        # the year's report graded; the three enforcement systems by their moments
        ("上年度法治政府建设报告获评优秀。", {"annual-rule-of-law-report"}),
        (
            "执法全面做到事前公开、事中留痕、事后审核。",
            {
                "enforcement-publicity",
                "enforcement-whole-process-record",
                "major-enforcement-decision-review",
            },
        ),
        ("项目实行事后审核。", set()),
        # the courts' oversight named by their organs; leaders first to keep and study the law;
        # law put into the party school's classes; exams on a platform
        (
            "主动接受人大、政协及司法机关监督。",
            {"congress-oversight", "democratic-oversight", "judicial-oversight"},
        ),
        ("班子成员带头遵法、学法。", {"leading-cadres-law-study"}),
        ("把宪法列为党校主体班次学习重点。", {"leading-cadres-law-study"}),
        ("全员参加宪法知识线上学考。", {"official-law-exams"}),
        ("学生参加线上学考。", set()),
        # petitions handled under the law; the public's oversight with what it watches
        ("信访事项依法分类处理。", {"petition-work"}),
        ("接受社会公众对政府依法履职的监督。", {"public-oversight"}),
        ("接受群众委托代理案件。", set()),
        # misses both annotators of a second reading agreed on (thirty-second session): the work
        # put into the yearly inspection, the standing committee's review, case files graded,
        # documents evaluated and cleared, powers listed, observation points by another name
        ("把依法行政情况纳入年终督查。", {"rule-of-law-inspection"}),
        ("县人大常委会审议县政府依法行政工作情况。", {"congress-oversight"}),
        ("县人大常委会审议通过预算调整方案。", set()),
        ("3卷执法案卷被市里评为优秀案卷。", {"case-file-review"}),
        (
            "开展规范性文件后评估和清理。",
            {"normative-document-cleanup", "normative-document-management"},
        ),
        ("动态调整并公布权力事项。", {"power-responsibility-list"}),
        ("深化法治观察，走访各观察点位。", {"rule-of-law-observation-point"}),
        ("调整各观察点位的监测设备。", set()),
        # round 28's first reading: the year's report of a department, the work reported to the
        # committee at set times, documents filed verb first, a list of powers published, the
        # ledgers named short, the committee's meeting of the unit's own level, the cadres'
        # grasp of law weighed for promotion, the enforcement card but not its evidence
        (
            "向县政府报告青禾县水利局2024年法治政府部门建设情况。",
            {"annual-rule-of-law-report"},
        ),
        ("定期向县委汇报法治政府建设进展。", {"annual-rule-of-law-report"}),
        ("定期向群众报告法治宣传活动安排。", set()),
        ("备案行政规范性文件3件。", {"normative-document-filing-review"}),
        ("公示《青禾市应急管理局权责清单（2024年）》。", {"power-responsibility-list"}),
        ("建立科室和岗位两级法治台账12册。", {"rule-of-law-work-ledger"}),
        (
            "县政府在全县依法治县委员会会议上作专题汇报。",
            {"rule-of-law-leadership-body"},
        ),
        ("在市委依法治市委员会的领导下开展工作。", set()),
        ("把法治素养纳入干部提拔任用考察。", {"rule-of-law-assessment"}),
        ("全镇共31人持有行政执法证。", {"enforcement-qualification"}),
        ("推进行政执法证据共享应用。", set()),
        # round 29's first reading: the rule of reporting and publishing, the leaders' reception
        # day, the public consulted as a step, licences and penalties published, 法制审核 of
        # decisions, exams by sample, the congress's support and oversight, filing and clearing,
        # a list kept up to date, laws studied in a run of titles, the party body hearing the
        # work after its other clauses
        ("完善法治建设情况报告和公示制度。", {"annual-rule-of-law-report"}),
        ("坚持每周四“领导接待日”。", {"leader-petition-reception"}),
        (
            "草案经过征求意见、合法性审查、备案审查三道程序。",
            {"public-participation", "legality-review", "normative-document-filing-review"},
        ),
        ("行政处罚信息按时“双公示”。", {"enforcement-publicity"}),
        ("坚持依法决策，把牢法制审核关口。", {"legality-review"}),
        ("落实重大执法决定法制审核制度。", {"major-enforcement-decision-review"}),
        ("组织执法人员参加法治学习和抽考。", {"official-law-exams", "leading-cadres-law-study"}),
        ("依靠县人大的支持、监督开展工作。", {"congress-oversight"}),
        (
            "各类文件备案审查与清理同步推进。",
            {"normative-document-cleanup", "normative-document-filing-review"},
        ),
        (
            "更新运用《青禾镇领导干部应知应会党内法规和法律法规清单》。",
            {"must-know-law-lists"},
        ),
        (
            "带头开展新修订《中华人民共和国行政复议法》等3次集体学法。",
            {"central-group-law-study"},
        ),
        (
            "党组按月组织学法，定期听取依法行政工作汇报。",
            {"party-leadership-of-rule-of-law"},
        ),
        (
            "县委高度重视法治建设，专题研究相关工作。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("县政府高度重视法治建设，定期听取汇报。", set()),
        # a heading that opens on the party's leadership and names the work later in its line
        (
            "\n（三）坚持和加强党的全面领导，压实各方责任，推动法治政府建设\n",
            {"party-leadership-of-rule-of-law"},
        ),
        ("\n（一）坚持党的全面领导，推动经济发展\n", set()),
        # the unit's party body leading the work as a claim's frame; not the opening's formula
        # after the year
        (
            "始终在局党组统一领导下谋划依法行政工作。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("坚持在党的领导下推动法治建设。", {"party-leadership-of-rule-of-law"}),
        ("2024年，在镇党委的领导下，全镇法治工作稳步推进。", set()),
        # round 30's first reading: 学法 first in a list of the law's rules, the committee
        # convening a meeting on the work (county reports), steering it or putting it into its
        # plans, the four forms of discipline, the resident discipline team's oversight
        (
            "完善学法、考法、述法等制度。",
            {"leading-cadres-law-study", "official-law-exams", "leaders-report-on-law"},
        ),
        (
            "青山县2024年法治政府建设情况报告\n一、主要举措和成效\n县委召开依法治县专题会议2次。",
            {"party-leadership-of-rule-of-law"},
        ),
        (
            "青禾镇2024年法治政府建设情况报告\n一、主要举措和成效\n县委召开法治建设专题会议。",
            set(),
        ),
        ("党委掌舵，统筹推进法治建设。", {"party-leadership-of-rule-of-law"}),
        ("党组将依法行政纳入年度工作部署。", {"party-leadership-of-rule-of-law"}),
        ("运用监督执纪四种形态。", {"party-internal-oversight"}),
        ("派驻纪检监察组开展日常监督。", {"supervisory-oversight"}),
        # round 31's first reading: the whole bureau's agenda, the bar exam (no exam of the
        # law's knowledge), a ledger in a title with its year spaced, case files bettered, a
        # department's yearly report with its publication, the party group passing the Thought
        # on, the work put into the party's inspection tours, the party group's meetings
        (
            "把依法行政摆上全局议事日程。",
            {"party-leadership-of-rule-of-law"},
        ),
        ("支持干部报考法律职业资格考试。", set()),
        (
            "对照《法治政府建设实施方案 2024 年重点工作台账》逐项落实。",
            {"rule-of-law-work-ledger"},
        ),
        ("推动案卷质量提升。", {"case-file-review"}),
        ("落实法治部门建设年度报告和公开制度。", {"annual-rule-of-law-report"}),
        (
            "围绕法治思想召开党组会传达学习。",
            {"party-leadership-of-rule-of-law", "leading-cadres-law-study"},
        ),
        ("把法治建设情况纳入巡视内容。", {"party-internal-oversight"}),
        (
            "党组高度重视法治建设，全年召开专题会议6次。",
            {"party-leadership-of-rule-of-law"},
        ),
    ],
)
def test_wordings_of_unseen_sets(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, county_report, town_report",
    [
        # a county's committee by its name leads the county's work, not a township's
        (
            "县委、县政府将法治政府建设摆上重要议事日程。",
            {"party-leadership-of-rule-of-law"},
            set(),
        ),
        (
            "形成了县委统一领导，人大、政府、政协各负其责的格局。",
            {"party-leadership-of-rule-of-law"},
            set(),
        ),
        # the standing committee on the law's institutions, and the work on the committee's
        # agenda, written after it (thirty-first session)
        (
            "县委常委会专题研究法律顾问、普法等工作。",
            {"party-leadership-of-rule-of-law", "government-legal-adviser"},
            {"government-legal-adviser"},
        ),
        (
            "把法治建设工作纳入县委、县政府议事日程。",
            {"party-leadership-of-rule-of-law"},
            set(),
        ),
    ],
)
def test_a_county_committee_named_leads_only_a_county_report(text, county_report, town_report):
    for title, expected in (("青禾县", county_report), ("青禾镇", town_report)):
        doc = document_from_text(f"{title}2023年法治政府建设工作报告\n{ACHIEVEMENTS}{text}\n")
        assert {m.key for m in extract_mechanisms(doc)} == expected, title
