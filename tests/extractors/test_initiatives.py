"""Tests for extractors/initiatives.py: quoted and unquoted names, merging, the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.initiatives import extract_initiatives, normalise_name
from kg.ingest.structure import document_from_text
from kg.model import EntityType, SectionKind


def keys(text: str) -> set[str]:
    return {m.key for m in extract_initiatives(document_from_text(text))}


# ------------------------------------------------------------ names


@pytest.mark.parametrize(
    "name, expected",
    [
        ("“老兵调解室”", "老兵调解室"),
        ("吉山社区老兵调解室", "老兵调解室"),
        ("大吉山镇法治文化主题广场", "法治文化主题广场"),
        ("田背村和事佬调解室", "和事佬调解室"),
        ("信用吉山", "信用吉山"),
        ("李氏祠堂民主议事厅", "李氏祠堂民主议事厅"),
        ("宪法日", "国家宪法日"),
        ("全民国家安全日", "全民国家安全教育日"),
        ("学习贯彻习近平新时代中国特色社会主义思想主题教育", "主题教育"),
        ("习近平新时代中国特色社会主义思想主题教育", "主题教育"),
        # a leading word that only looks like a toponym stays
        ("新农村法治长廊", "新农村法治长廊"),
        # a toponym followed by a generic name stays: 社区调解室 would say nothing
        ("吉山社区人民调解室", "吉山社区人民调解室"),
        # the month a campaign month is held in is no part of its name (thirtieth session)
        ("三月法治宣传月", "法治宣传月"),
        ("12月宪法宣传月", "宪法宣传月"),
        ("五月花", "五月花"),
        # a known platform named with its kind after it (thirty-second session)
        ("法宣在线平台", "法宣在线"),
    ],
)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # quoted programmes and brands
        ("结合“模范机关创建”活动，打造“信用吉山”。", {"模范机关创建", "信用吉山"}),
        ("以“平安珠龙”建设为载体，以服务“三农”为总抓手。", {"平安珠龙"}),
        ("充分利用“开学第一课”契机，开展法制教育主题课。", {"开学第一课"}),
        ("深入开展“法治进万家”“送法下乡”等活动。", {"法治进万家", "送法下乡"}),
        # a head after the quote joins the name, a generic one does not
        # a name that is a mechanism label is the mechanism (法律明白人培养工程), not a programme
        ("扎实推进“法律明白人”培养工程。", set()),
        ("创建“老兵”工作室和“红色代办”服务站。", {"老兵工作室", "红色代办服务站"}),
        ("依托新时代文明实践所开展“百姓说法”讲堂。", {"百姓说法讲堂"}),
        # unquoted places, events, networks and campaigns
        ("利用宪法宣传周、民法典宣传月等重要时间节点开展宣传。", {"宪法宣传周", "民法典宣传月"}),
        ("高标准建设打造了全县首个法治文化主题广场。", {"法治文化主题广场"}),
        (
            "加快打造李氏祠堂民主议事厅、长谷坪厅下讲法堂。",
            {"李氏祠堂民主议事厅", "长谷坪厅下讲法堂"},
        ),
        ("形成具有吉山特色的法治文化阵地联盟。", {"法治文化阵地联盟"}),
        ("我镇结合圩镇提升三年行动，集资建设广场。", {"圩镇提升三年行动"}),
        ("围绕“12·4”国家宪法日开展宣传。", {"国家宪法日"}),
        ("将每周二定为包村干部下村日，集中为群众办事。", {"包村干部下村日"}),
        (
            "结合全民国家安全日、宪法日、宪法宣传周等特殊节点。",
            {"全民国家安全教育日", "国家宪法日", "宪法宣传周"},
        ),
        ("创新“榕树头”议事会工作机制，擦亮“和为贵”调解室品牌。", {"榕树头议事会", "和为贵调解室"}),
        # day events written as month·day merge with the day's name
        ("以“4·15”全民国家安全教育日为节点开展普法。", {"全民国家安全教育日"}),
        ("开展“6.26”国际禁毒日宣传。", {"国际禁毒日"}),
        # ... and a date alone names no day (tests/gold/README.md)
        ("组织“3·15”宣传活动。", set()),
        # numbered names: five characters or more are brands, four or fewer slogans; but a
        # mechanism's label is the mechanism, a reform brand's too (tests/gold/README.md)
        ("全面落实“一件事一次办”改革，推进“放管服”改革。", set()),
        ("深化“最多跑一次”改革，推进“高效办成一件事”。", set()),
        ("开展“两学一做”学习教育。", set()),
        # the party's study campaigns by name; any other 学习教育 is the unit's own study
        (
            "开展全市党史学习教育和中央八项规定精神学习教育。",
            {"党史学习教育", "中央八项规定精神学习教育"},
        ),
        ("开展领导干部学习教育和党章党规党纪学习教育。", set()),
        # campaigns, places and platforms (tests/gold/README.md conventions)
        # (the campaign's full name has the key of its short one)
        ("深入开展扫黑除恶专项斗争，结合党纪学习教育。", {"扫黑除恶", "党纪学习教育"}),
        ("建成法治文化公园，设置宪法宣誓台和民法典主题步道。", {"宪法宣誓台", "民法典主题步道"}),
        ("通过“浙里办”网上办理，运用学习强国平台。", {"浙里办", "学习强国"}),
        # a generic head after the quote adds nothing
        ("打造“法润苇岗”普法品牌，推进“法治大集”品牌化运作。", {"法润苇岗", "法治大集"}),
        # variants of one place merge into one key
        ("成立“老兵调解室”，整合吉山社区老兵调解室。", {"老兵调解室"}),
        # named platforms and accounts are channels the town runs or uses (the answer key lists them)
        ("运用“江西干部网络学院”等平台。", {"江西干部网络学院"}),
        ("依托“苎溪发布”微信公众号发布信息。", {"苎溪发布"}),
        (
            "以微信公众号吉山发布为主阵地，以“监督一点通”微信小程序为载体。",
            {"吉山发布", "监督一点通"},
        ),
    ],
)
def test_initiatives(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # mechanisms and numbered formulas
        "严格执行“三重一大”议事规则，落实“四议两公开”，严格落实“第一议题”制度。",
        "坚持和发展新时代“枫桥经验”，落实“一案一策一专班”。",
        "树牢“四个意识”，坚定“四个自信”，做到“两个维护”，统筹“五位一体”和“四个全面”。",
        "推动落实“谁执法谁普法”责任，抓好“关键少数”，做到“应审必审”。",
        # slogans, principles, lists and descriptors
        "按照“公正、便民、廉洁、高效”的原则，实现“双提升”，提供“一站式”服务。",
        "牢固树立“法无授权不可为”的基本法治理念，解决“急难愁盼”问题和“老大难”案件。",
        "坚持“以人民为中心”的发展思想，建起新时代“法治型”干部队伍。",
        "以“教、帮、查”三字法构建“村为主”机制。",
        # roles
        "充分发挥“法律明白人”作用。",
        # goals, titles, ways of working, channels and roles
        "全镇连续第5年保持“平安镇”称号，做到“无事不扰”，不搞“层层加码”。",
        "推行“网格+警格”联动，建立矛盾纠纷“红黄绿”三色预警工作法。",
        "由乡贤担任“说理员”。",
        # generic or counted places
        "在各村设立调解室，利用主题宣传月开展集中宣传。",
        "建成法治长廊3处、法治文化公园1个。",
        # a campaign needs a time-boxed modifier
        "开展专项行动，推进依法行政。",
    ],
)
def test_not_initiatives(text):
    assert keys(text) == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # unquoted brands: 法治 + a place the report names, or leading the national formula
        ("苇岗镇2023年报告\n扎实推进法治苇岗建设。", {"法治苇岗"}),
        ("坚持法治青禾、法治政府、法治社会一体建设。", {"法治青禾"}),
        # national names without quotes: platforms, and campaigns where they are carried on
        ("组织干部在如法网完成学法考试，推进雪亮工程建设。", {"如法网", "雪亮工程"}),
        ("常态化推进扫黑除恶斗争。", {"扫黑除恶"}),
        # named campaigns, contests, forums and volunteer teams
        ("开展农村道路交通安全专项行动。", {"农村道路交通安全专项行动"}),
        ("参加全市法治微电影大赛。", {"全市法治微电影大赛"}),
        ("组建“红枫叶”普法志愿者中队。", {"红枫叶普法志愿者中队"}),
        ("举办“青禾说法”论坛。", {"青禾说法论坛"}),
        # a day named after its date is the day; a short quoted term with a launching verb
        ("围绕“6.26”国际禁毒日开展宣传。", {"国际禁毒日"}),
        # national and world days, weeks and months by their names (科普日常化 is none)
        ("结合敬老月、全民健身日开展宣传。", {"敬老月", "全民健身日"}),
        ("在全国科普日推动科普日常化。", {"全国科普日"}),
        ("利用社工周和世界读书日开展活动。", {"社工周", "世界读书日"}),
        # a long motto before 活动 or 专项督察 names the event (a short one before 活动 is read
        # with its head, below)
        ("举办“普法知识进农家 乡村振兴添动力”活动。", {"普法知识进农家乡村振兴添动力"}),
        ("迎接“规范涉企执法 护航民营经济”专项督察。", {"规范涉企执法护航民营经济"}),
        ("开展“守法诚信、共建共享”实践活动。", {"守法诚信、共建共享"}),
        ("打造“板凳说法”。", {"板凳说法"}),
        # a campaign launched by a notice of that name
        ("印发《关于开展基层执法规范提升活动的通知》。", {"基层执法规范提升活动"}),
        # numbered or plus-joined names before a head, and a package of measures
        ("推出“普法+非遗”创新项目。", {"普法+非遗"}),
        ("出台“惠企12条”。", {"惠企12条"}),
        # a county of one character; a province's brand is the level above's, named or not
        ("广东省青禾镇2023年报告\n锚定法治广东建设目标。", set()),
        ("沛县2023年报告\n建设更高水平的法治沛县。", {"法治沛县"}),
        # the national study campaign, bare after a verb or closing its full name
        ("扎实开展主题教育，巩固主题教育成果。", {"主题教育"}),
        ("开展宪法主题教育。", {"宪法主题教育"}),
        # a numbered deployment of the level above with its head (a bare 市委 is a county-level
        # city's in that city's report); a province's or a city's stays out, as its brand
        ("罗定市2023年法治政府建设情况\n落实市委“246”工作安排。", {"246"}),
        ("落实市委“246”工作安排。", set()),
        ("落实汕尾市委“1+2+9”规划部署。", set()),
        # a platform of a named place, after the verb of using it
        ("依托青禾市综合考评工作信息平台开展考核。", {"青禾市综合考评工作信息平台"}),
        # ... and of a province, full or short, even with a generic modifier; not in a page's
        # line of links
        ("通过贵州政务服务网进行公示。", {"贵州政务服务网"}),
        ("完善广东省政务服务事项管理系统事项认领。", {"广东省政务服务事项管理系统"}),
        ("组织干部参与安徽干部教育在线平台学习。", {"安徽干部教育在线平台"}),
        # cadres' online academies: with their owner (a province, a city, 浙里) or, for an
        # academy, alone; a kind that is also an activity only with its owner
        ("依托江南干部在线学习中心、浙里干部之家开展学习。", {"浙里干部之家"}),
        ("依托湛江干部在线学习中心学习。", {"湛江干部在线学习中心"}),
        ("通过学习强国、干部网络学院等平台学习。", {"学习强国", "干部网络学院"}),
        ("按时完成福建干部网络学习。", {"福建干部网络学习"}),
        ("组织干部在线学习、干部网络学习。", set()),
        ("青禾县人民政府 江南市人民政府 浙江政务服务网\n", set()),
        # a paired motto with what it names; a slogan-like term naming a campaign
        ("上线“一网受理、全镇联办”综合服务平台。", {"一网受理、全镇联办综合服务平台"}),
        ("组织“以案促改”警示教育2次。", {"以案促改"}),
        # a place with its head though it starts like a formula; a short name before 活动
        ("在“三河讲堂”传达会议精神。", {"三河讲堂"}),
        ("各村开展“比学赶”等活动。", {"比学赶"}),
        # a mechanism's name (接诉即办: the 12345 hotline's) is no initiative
        ("深化接诉即办改革。", set()),
        # an official account named before its kind
        ("通过青禾发布官方微博公开信息。", {"青禾发布官方微博"}),
        # the two brands in one
        ("苇岗镇2023年报告\n为建设平安法治苇岗提供保障。", {"平安法治苇岗"}),
    ],
)
def test_initiatives_of_real_reports(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # quoted slogans, metaphors and contrasts (data/initiative_stop.txt and the rules)
        "发挥“头雁效应”，抓住“牛鼻子”，坚持“零容忍”。",
        "推动法治建设由“软任务”变为“硬指标”。",
        "实现从“有形覆盖”向“有效治理”转变。",
        "把法治建设作为“一号任务”来抓。",
        # mechanism labels and wordings, categories, a theory and a set of documents
        "深化“放管服”改革，推行“一件事一次办”，开展“法治进校园”活动。",
        "整治“小散乱污”企业，学习“一规划两纲要”和“习近平法治思想”。",
        # bare dates, honour titles, a topic of publicity
        "在“3.8”“6.16”等节点开展宣传。",
        "获评“全国民主法治示范村”。",
        "向群众普及扫黑除恶、防范电信诈骗等知识。",
        # a plan named after the brand is a document; a short word with nothing to name it
        "落实《法治苇岗建设规划》。",
        "坚持“严”字当头，做到“实”处见效，突出“准”字。",
        # honours and rankings, a level of honour before a place's head
        "获评“最佳实践案例”，入选“十佳行政执法案卷”。",
        "调解室创成省级金牌调解室。",
        # committees and the study of the unit are no places
        "坚持法治区委建设，推进法治学习常态化，建设法治化县域。",
        "依托全省一体化政务服务平台办理事项。",  # a generic platform of the whole province
        "组织普法宣传知识竞赛趣味活动17场次。",  # a contest named by its subject, a kind
        "设立“办不成事”专窗。",  # the quote and its head are a mechanism's label
        "通过“三会一课”、主题党日等形式学习。",  # the branch's regular forms of party life
        "坚持“公正、便民、廉洁、高效”服务理念。",  # a motto of principles, nothing named
        "开展“大排查、大化解”专项行动。",  # a motto wording the practice of the campaign
        "坚持“以人民为中心”的发展思想。",
        "在“优化法治化营商环境”等方面取得成效。",  # a goal worded as a task
        "落实“一规划两方案”，做到“五个坚决防止”。",  # a set of documents, rules to keep
        # model titles by their level alone, a school's honour
        "以“法治镇（街）”建设为契机，以“法治村（居）”建设为抓手。",
        "学校获评“江苏省依法治校示范校”。",
    ],
)
def test_not_initiatives_of_real_reports(text):
    assert keys(text) == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted name that a brand word follows, a few words on
        ("“青禾”人民调解品牌被评为省级优秀。", {"青禾"}),
        # a quoted reform named by 改革 after it, numbered or short as it may be
        ("进一步扩大“一照多址”改革范围。", {"一照多址"}),
        ("推行“两书同送”涉企执法服务化改革。", {"两书同送"}),
        # a word between the quote and 创建 joins the name
        ("“四星”支部创建持续领跑。", {"四星支部创建"}),
        # a campaign named by a phrase is the phrase, as every annotator names it; an event
        # named by its theme keeps its head
        ("“调解为民保平安”专项行动获省厅表彰。", {"调解为民保平安"}),
        ("组织开展“宪法与青禾”宣传月启动仪式。", {"宪法与青禾宣传月"}),
        # a numbered plan of the county, with its head
        ("紧扣县委“2345”总体工作思路推进法治建设。", {"2345"}),
        # a slogan-like term that a campaign names a few words on
        ("结合“以案三说”典型案例警示教育，提升干部素养。", {"以案三说"}),
        # a quoted platform, named as such
        ("开展“青禾法律明白人平台”培训。", {"青禾法律明白人平台"}),
        # a named station or salon; a bare level word is no part of the name
        ("深化平安驿站建设，开展云溪律师沙龙。", {"平安驿站", "云溪律师沙龙"}),
        ("为街道平安大联盟授旗。", {"平安大联盟"}),
        # the unit's own short brand, its place right before the quote
        ("青禾街2024年报告\n构建青禾“法务大院”。", {"法务大院"}),
        # a paired motto naming the campaign after it
        ("开展“美好生活·法治相伴”主题宣传活动。", {"美好生活·法治相伴"}),
        # a system of the unit's own level, after the verb of using it
        ("依托区信用信息服务系统实现数据共享。", {"区信用信息服务系统"}),
        # a place's brand set as a goal, the place named nowhere else
        ("努力建设更高水平法治青禾。", {"法治青禾"}),
        ("推进更高水平平安云溪建设。", {"平安云溪"}),
        # a programme known by its type
        ("扎实开展年度法治建设书记项目。", {"法治建设书记项目"}),
        # a festival by its edition; programmes known by name; a verb is no part of a name
        ("举办第二届云溪法治艺术节。", {"云溪法治艺术节"}),
        ("开展法律援助惠民生活动。", {"法律援助惠民生"}),
        ("实施“百县千镇万村高质量发展工程”。", {"百县千镇万村高质量发展工程"}),
        ("实施提升行政执法质量三年行动。", {"提升行政执法质量三年行动"}),
        # a themed year, unquoted, after the verb launching it: before 活动 the year alone,
        # before 行动 with its head; a year counted by its number is none
        ("扎实开展行政复议质量提升年活动。", {"行政复议质量提升年"}),
        ("深入开展法治建设提升年行动。", {"法治建设提升年行动"}),
        ("制定工作要点、依法行政巩固年行动实施方案。", {"依法行政巩固年行动"}),
        ("组织开展2024年活动。", set()),
        # a list of quoted brands shares the verb that launches the first
        ("打造“青禾枫桥”“云溪枫桥”“山门枫桥”等调解品牌。", {"青禾枫桥", "云溪枫桥", "山门枫桥"}),
        # a quoted brand and what it names are one name
        ("成立“木棉花”法律服务志愿者联盟。", {"木棉花法律服务志愿者联盟"}),
        # a quoted platform that begins with a hotline's number; a province's service app
        ("上线运行“12348青禾法网”。", {"12348青禾法网"}),
        ("推行蒙速办掌上办理。", {"蒙速办"}),
        # a course quoted, then its audience and its head: the whole is its name
        ("举办“依法治理能力提升”干部培训班。", {"依法治理能力提升干部培训班"}),
        # a team put to use: its name starts after the verb
        ("用好法治文化巡回宣讲团，开展宣讲8场。", {"法治文化巡回宣讲团"}),
        (
            "开设“依法行政、规范执法”执法人员培训班。",
            {"依法行政、规范执法执法人员培训班"},
        ),
    ],
)
def test_initiatives_of_unseen_wordings(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a top leader's duty, not a programme
        "始终把法治政府建设作为“一把手”工程抓细抓实。",
        # a list of practices called brands names none
        "深化“三色预警”等基层治理品牌。",
        # a place in quotes
        "青禾经济技术开发区（以下简称“青禾经开区”）深入推进法治建设。",
        # 的 between the quote and 创建: no name
        "推进“三联”齐驱的创建工作。",
        # a mechanism label before 改革 stays the mechanism
        "深化“放管服”改革。",
        # the formula's nation, government or society is no place's brand
        "建设更高水平法治中国。",
        "建设更高水平法治浙江。",  # a province's brand, not the unit's
        "推进更高水平法治政府建设。",
        # a way of handling an application
        "推行“容缺受理”，方便群众办事。",
        # an honour won, a way of working
        "被评为“市级法治文化示范点”。",
        "获评“全国文明村镇”。",
        "推行“一线工作法”。",
        # a list of practices not launched by a verb still names none
        "深化“三色预警”“五步调解”等基层治理品牌。",
        # a place's name holds no punctuation: ，在 (of 部署，在市委…) names no place before 行动
        "青山区2020年法治政府建设情况报告\n按照部署，在市委的领导下开展工作，"
        "坚决做到“两个维护”，在思想上政治上行动上保持一致。",
        # products registered by their origin; a municipality's reform package every unit carries
        "青禾县2023年法治政府建设情况报告\n一、工作\n办理“青禾茶”“青禾梨”地理标志登记。",
        # teams counted, the measure word read into the modifier
        "组建3支志愿宣讲队深入村组宣讲。",
        "纵深推进“三攻坚一盘活”改革。",
        # a report naming its own parts
        "报告分“基本情况”“主要工作特点”“下一步工作设想”三部分。",
    ],
)
def test_not_initiatives_of_unseen_wordings(text):
    assert keys(text) == set()


def test_mentions_keep_offsets_and_sections():
    text = "一、主要举措和成效\n成立“老兵调解室”参与社会治理。\n二、下一步工作打算\n整合吉山社区老兵调解室。"
    doc = document_from_text(text)
    found = extract_initiatives(doc)
    assert [(m.text, m.key, m.section) for m in found] == [
        ("“老兵调解室”", "老兵调解室", SectionKind.ACHIEVEMENTS),
        ("吉山社区老兵调解室", "老兵调解室", SectionKind.PLANS),
    ]
    for m in found:
        assert m.type == EntityType.INITIATIVE
        assert m.text == doc.text[m.start : m.end]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="“”老兵调解室广场宣传周月日行动三年法治文化的、，。打造结合吉山社区镇123",
        max_size=60,
    )
)
def test_never_raises_and_offsets_hold(text):
    if not text.strip():
        return
    doc = document_from_text(text)
    found = extract_initiatives(doc)
    assert len(found) == len(set(found))
    for m in found:
        assert m.text == doc.text[m.start : m.end] and m.key


# ------------------------------------------------------------ seeds


def seed_keys(seed_documents, prefix: str) -> set[str]:
    name = next(n for n in seed_documents if n.startswith(prefix))
    doc = seed_documents[name]
    found = extract_initiatives(doc)
    assert all(m.text == doc.text[m.start : m.end] for m in found)
    return {m.key for m in found}


MECHANISMS_AND_SLOGANS = {
    "三重一大",
    "四议两公开",
    "第一议题",
    "枫桥经验",
    "三务公开",
    "八五普法",
    "八五",
    "老大难",
    "双提升",
    "关键少数",
    "谁执法谁普法",
    "一案一策一专班",
    "五述",
    "法治型",
    "四个意识",
    "四个自信",
    "两个维护",
    "五位一体",
    "四个全面",
    "三农",
    "应审必审",
    "急难愁盼",
    "一站式",
    "法律六进",
    "村为主",
    "法律明白人",
    "四位一体",
    "三会一课",
    "一村一辅警",
    "调解接待室",
    "人民调解室",
    "主题宣传月",
}


@pytest.mark.seeds
def test_seed_000_dajishan(seed_documents):
    found = seed_keys(seed_documents, "000_")
    assert {
        "信用吉山",
        "模范机关创建",
        "老兵调解室",
        "法治文化主题广场",
        "宪法宣传周",
        "民法典宣传月",
        "李氏祠堂民主议事厅",
        "长谷坪厅下讲法堂",
        "法治文化阵地联盟",
        "圩镇提升三年行动",
    } <= found
    assert not found & MECHANISMS_AND_SLOGANS
    # 吉山社区老兵调解室 and 大吉山镇法治文化主题广场 merged into the short names
    assert not {"吉山社区老兵调解室", "大吉山镇法治文化主题广场"} & found


@pytest.mark.seeds
def test_seed_001_huanghe(seed_documents):
    # what is quoted here are slogans, principles and mechanisms (“一站式”, “公正、便民、廉洁、高效”,
    # “应审必审”, “急难愁盼”, “四个意识”, “八五”普法); the one named local practice is a day
    assert seed_keys(seed_documents, "001_") == {"包村干部下村日"}


@pytest.mark.seeds
def test_seed_002_zhulong(seed_documents):
    found = seed_keys(seed_documents, "002_")
    assert "平安珠龙" in found
    assert not found & (MECHANISMS_AND_SLOGANS | {"教、帮、查", "帮", "查"})


@pytest.mark.seeds
def test_seed_003_yuntai(seed_documents):
    found = seed_keys(seed_documents, "003_")
    assert found == {"国家宪法日"}


@pytest.mark.seeds
def test_seed_004_fenggang(seed_documents):
    found = seed_keys(seed_documents, "004_")
    assert {"开学第一课", "国家宪法日", "宪法宣传周", "全民国家安全教育日"} <= found
    assert "法律明白人培养工程" not in found  # the mechanism law-savvy-residents
    assert not found & (MECHANISMS_AND_SLOGANS | {"以公开为常态，以不公开为例外", "法无授权不可为"})


# ------------------------------------------------------------ quoted terms that name nothing


@pytest.mark.parametrize(
    "text, expected",
    [
        # honours won or reached, the level between the verb and the quote
        ("柳河镇荣获全国“民主法治建设先进镇”称号，社区获评省级“和美家园”。", set()),
        ("该项目入选第二批“基层治理创新实践”，获得省级“优秀调解组织”。", set()),
        # service catchphrases of the one-window, one-network and no-errand reforms
        ("深入推进“一窗综办”改革，实现“跨省通办”“全程网办”，推行“不见面审批”。", set()),
        ("群众办事“一次不跑”，企业开办“掌上办”。", set()),
        # ... a service app ending in 办 stays a name
        ("开通“渝快办”通道，推广“小江都能办”品牌。", {"渝快办", "小江都能办"}),
        # goals counted in zeros, disputes kept down, states to reach
        ("做到服务群众“零距离”，力争“矛盾不上交”。", set()),
        ("着力构建“大调解工作格局”，努力营造“良好法治氛围”。", set()),
        # working methods by their steps or rhyme, experiences to copy
        ("推广“三步调解法”和“五字诀”，学习“后村经验”。", set()),
        # a sentence or a motto of the people, not a name
        ("群众评价“老百姓的事有人管了”，真正做到“说了就办”。", set()),
        # a reform the vocabulary does not name is a programme by its quote, but a service's
        # slogan words the practice (tests/gold/README.md)
        ("深化“证照分离”改革。", {"证照分离"}),
        ("全面推广“一业一证”改革，推行“免申即享”“全程网上办”。", set()),
        ("加强“互联网+监管”建设。", set()),  # under a programme's head too
        # a way of serving online, as 互联网+监管 is (thirtieth session)
        ("打造全县首个“互联网+公共法律服务”平台，深化“互联网+政务服务”。", set()),
        ("涉企检查推行“综合查一次”。", {"综合查一次"}),
        # systems, rules, lists and rates; zero goals after their subject; roles
        ("推行“积分制”和“首问负责制”，落实“两张清单”，实现“服务零距离”“办事零跑腿”。", set()),
        ("发挥“法治带头人”和“红色代办员”作用，设立“楼栋长”。", set()),
        # ... a motto that ends in 表率 (a model to follow) still names its programme
        ("印发“建三型机关做服务表率”工作方案。", {"建三型机关做服务表率"}),
        # ways of enforcing and serving named by a catchphrase, even after a launching verb
        ("推行“阳光执法”和“非现场执法”，开展“信用修复”，推动“五治融合”。", set()),
        # demonstration projects, pilot sites and model units: honours, with or without a verb
        ("该镇是“基层法治改革试点镇”，司法所是“青年文明号”，项目是“法治建设示范项目”。", set()),
        # an honour or a standard aimed at, a theme, a title
        (
            "以“宪法伴我成长”为主题开展宣传，争创“平安和美乡镇”，发表题为“法治护航发展”的讲话。",
            set(),
        ),
        # practices to copy, errands saved, the deputies and members as a group
        ("推广“后村调解”经验，学习“老杨说事”做法，实现“企业办事少跑腿”。", set()),
        ("邀请“两代表一委员”参与，深化“最多跑一地”改革。", {"最多跑一地"}),
        # the creation of a demonstration unit is its mechanism; other creations stay names
        ("开展“法治政府建设示范创建”，结合“模范机关创建”活动。", {"模范机关创建"}),
        # nicknames and honours named after the quote
        ("调解室被群众誉为“解忧小屋”，社区荣获“平安和美社区”荣誉称号。", set()),
        # law brought into a place by its service or adviser (a mechanism's wording); fields of
        # modernising
        ("实施“法律顾问进村”工程，推动“法律服务进企业”，推进“智慧城管”建设。", set()),
        ("开展“法治进万家”，实施“数字政府”建设。", {"法治进万家"}),
        # goals worded as tasks
        ("持续“守好法治底线”，“助力乡村全面振兴”。", set()),
        # roles, the report's own parts, kinds of document, a school subject
        ("全镇“党政一把手”带头讲法治课，报告分“主要举措和成效”“存在的不足和原因”两部分。", set()),
        ("办理“检察建议”6件、“复议意见书”2件，开好“道德与法治”课程。", set()),
        # a notice of a campaign put up: the campaign is named after the verb
        (
            "张贴道路运输执法领域突出问题专项整治公告50余张。",
            {"道路运输执法领域突出问题专项整治"},
        ),
    ],
)
def test_quoted_terms_that_name_nothing(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted campaign word and its 行动 are one name
        ("开展“清风”行动，实施“护苗”百日行动。", {"清风行动", "护苗百日行动"}),
        ("启动“净网2024”行动。", {"净网2024行动"}),
        # ... a phrase's campaign or project is the phrase (as “减证便民”行动 is 减证便民)
        ("推进“清廉青禾”工程，开展“护苗净网2022”集中行动。", {"清廉青禾", "护苗净网2022"}),
        ("实施“雪亮”工程。", {"雪亮工程"}),
        # ... but a plan's word after it names the plan of the quoted term
        ("制定“满天星”行动计划10条。", {"满天星"}),
        # a quoted campaign before 的 and its plan: the plan is about the campaign
        ("印发《青禾县关于推进法治政府建设“六大攻坚行动”的实施方案》。", {"六大攻坚行动"}),
        ("了解“一村跨两国”的渊源。", set()),
        # days and weeks quoted with their dates: the days, the dates left out
        ("利用“6.26国际禁毒日”开展禁毒宣传。", {"国际禁毒日"}),
        ("开展“12·4国家宪法日暨宪法宣传周”系列活动。", {"国家宪法日", "宪法宣传周"}),
        # national campaigns known by their names
        ("以“不忘初心、牢记使命”主题教育为引领。", {"不忘初心、牢记使命"}),
        ("扎实开展政法队伍教育整顿。", {"政法队伍教育整顿"}),
    ],
)
def test_quoted_campaign_and_its_head(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a county's brand set as a goal, the county never named with its suffix
        ("会议研究部署法治长兴建设主要任务，推动法治白云建设。", {"法治长兴", "法治白云"}),
        # ... not a province's or a city's, not an ordinary word
        ("服务法治浙江建设和法治赣州建设。", set()),
        # a plan's title names the brand the unit works under (tests/gold/README.md)
        (
            "落实《法治长兴建设规划》，青禾镇执行《2024年度法治青禾建设工作要点》。",
            {"法治长兴", "法治青禾"},
        ),
        ("推进法治文化建设、法治政府建设，推动平安和平建设。", set()),
        # ... the goal quoted, before a meeting or inside a plan's title
        ("召开“法治长兴建设”工作部署会。", {"法治长兴"}),
        ("根据《长兴县2023年“法治长兴建设”重点工作安排》要求。", {"法治长兴"}),
        # a county's numbered brand holding its name is its brand, not a formula
        (
            "青禾县2024年法治政府建设情况报告\n围绕“五大青禾”发展定位，打造“七彩青禾”。",
            {"五大青禾", "七彩青禾"},
        ),
        # ... a numbered formula without it stays a slogan
        ("青禾县2024年法治政府建设情况报告\n增强“四个意识”，落实“两个维护”。", set()),
    ],
)
def test_county_brand_set_as_a_goal(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted word and the place it names are one name
        (
            "设立“清风”工作站，建成“和美”法治广场和“老兵”之家，开办“石榴籽”夜校。",
            {"清风工作站", "和美法治广场", "老兵之家", "石榴籽夜校"},
        ),
        # a mall's square is no place of law or culture
        ("在“星河湾”广场开展宣传，打造“清溪”法治文化公园。", {"清溪法治文化公园"}),
        # online academies and the national legal-service platform, unquoted
        (
            "组织干部在江西干部网络学院和中国干部网络学院学习，引导群众登录中国法律服务网咨询。",
            {"江西干部网络学院", "中国干部网络学院", "中国法律服务网"},
        ),
        # a station of deputies or members is a body of oversight; a named one stays a name
        ("依托人大代表联络站和政协委员联络站收集意见，设立老兵联络站。", {"老兵联络站"}),
    ],
)
def test_places_platforms_and_stations(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a contest named by its subject, a team by its members: kinds, not names
        (
            "举办法律知识竞赛和宪法知识竞赛，举办青溪法治动漫微视频大赛。",
            {"青溪法治动漫微视频大赛"},
        ),
        ("成立调解志愿服务队，组建青年志愿服务队和双语普法宣讲队。", {"双语普法宣讲队"}),
        # a time-boxed campaign's plan is a document; the campaign itself is a name
        ("制发推进依法行政率先突破两年行动计划，结合集镇提升三年行动。", {"集镇提升三年行动"}),
    ],
)
def test_kinds_and_plans_are_no_names(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an account named after its kind; what the account does is no name
        ("以微信公众号吉山发布为主阵地，开通微信公众号青禾普法。", {"吉山发布", "青禾普法"}),
        ("通过微信公众号推送普法信息，依托平安公众号开展宣传。", set()),
        # an account named before its kind, unquoted
        ("通过青禾发布微信公众号推送普法信息，开通云溪普法视频号。", {"青禾发布", "云溪普法"}),
        ("通过微信公众号、政务微博发布信息，利用镇政府公众号宣传。", set()),
    ],
)
def test_accounts_named_around_their_kind(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stations, days, leagues and teams named by the service or body they belong to are kinds
        ("在各村设立法律服务驿站，依托党群服务驿站开展服务，打造平安驿站。", {"平安驿站"}),
        ("开展机关开放日，举办检察开放日，成立人民调解联盟，组建老干部宣讲团。", set()),
        # ... as with a level word before the generic modifier
        ("建设村级法治文化广场，组织参加全市普法论坛。", set()),
        # 加入 ends the left context of a name
        ("加入长三角法治联盟。", {"长三角法治联盟"}),
    ],
)
def test_unquoted_kinds_are_no_names(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a word before a category of units (和美乡镇, 文明镇街) is no place to brand
        ("青禾镇推进法治青禾建设，创建法治和美乡镇和平安文明镇街。", {"法治青禾"}),
        # ... the theme with its head still names the event
        ("开展“宪法伴我成长”主题活动。", {"宪法伴我成长"}),
    ],
)
def test_categories_of_units_are_no_places(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a working method named by a brand names the brand (the method is a candidate)
        ("青禾镇创新推行“邻里说事”工作法，化解纠纷。", {"邻里说事"}),
        # ... a numbered or stepwise method, or a mechanism's label, names none
        ("推行“一线”工作法和“三步”工作法，落实“四议两公开”工作法。", set()),
        ("运用“红黄绿”三色预警工作法。", set()),
        # a quoted name with a one-character head is named with it
        ("在派出所建立“警民联调”室。", {"警民联调室"}),
        # a long quoted name that ends in a named head is still a name
        ("共同设置“两所联合人民调解工作室”。", {"两所联合人民调解工作室"}),
        # an honour a body was commended with is no programme
        ("机关支部被表彰为“红旗党支部”，社区被评选为“和谐社区”。", set()),
        # two events joined by 暨 are named one by one
        ("举行全市宪法学习宣传暨农村法治宣传月活动启动仪式。", {"农村法治宣传月"}),
        # the national campaign under its full name is one key
        ("纵深推进扫黑除恶专项斗争，常态化扫黑除恶。", {"扫黑除恶"}),
        ("加大“扫黑除恶”专项斗争和“黄赌毒”专项治理的力度。", {"扫黑除恶"}),
        # a day named by the body that opens its doors is a kind
        ("开展首届司法开放日活动。", set()),
        # what the rule of law does is no place to brand (助力乡村: 助力乡 is no township)
        ("青禾镇：法治助力乡村振兴，法治赋能基层治理。", set()),
        # a base named by its place or owner
        ("因地制宜打造法治广场、青禾临江企业法治文化基地等阵地。", {"青禾临江企业法治文化基地"}),
    ],
)
def test_methods_rooms_honours_and_joined_names(text, expected):
    assert keys(text) == expected


# ------------------------------------------------------------ seventh round (dev6i)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unquoted platform named with its owner's level; a kind of platform is none
        ("依托市执法案件监督平台通报问题，用好一体化平台和信息化平台。", {"市执法案件监督平台"}),
        ("工作人员介绍县综治平台的功能。", set()),
        # columns named in 《》 before their kind
        ("开办《青禾说法》和《法润乡村》电视栏目。", {"青禾说法", "法润乡村"}),
        ("组织学习《青禾普法读本》。", set()),
        ("在《青禾日报》开设专栏宣传。", set()),  # the paper hosts the column, no column's name
        # a county's brand of three characters, named with its suffix
        ("云龙坡区司法局助力平安云龙坡建设。", set()),
        # a reform brand is its mechanism's label, after 实现 as anywhere
        ("全镇实现“一支队伍管执法”，推行“首违不罚”。", set()),
        # a quoted platform of four characters
        ("依托“矛调平台”受理线索。", {"矛调平台"}),
        # an academy of law a unit founds
        ("依托云溪法治学院开展专题授课。", {"云溪法治学院"}),
        # a quoted place launched by 建设
        ("建设小区“法律之家”。", {"法律之家"}),
        # the day under another name
        ("开展国家宪法宣传日活动。", {"国家宪法日"}),
        # a campaign of the review bodies carried on
        ("深化复议为民促和谐，化解行政争议。", {"复议为民促和谐"}),
    ],
)
def test_initiatives_of_the_seventh_round(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a count, a copula or an honour's verb makes a kind
        "建设一个农家法治书屋，新增三处法治文化长廊。",
        "青禾公园是法治文化主题公园。",
        "被评为省级法治文化主题公园和十佳法治文化主题公园。",
        # a kind of room or studio
        "设立矛盾纠纷调解室和品牌调解工作室。",
        # an honour or goal of a city, a count of fields entered
        "聚焦“法治先行示范城市”建设目标，开展“宣讲四进”活动。",
        # a list's 或 ends a name
        "建设一个法治宣传栏（广场、长廊或文化墙）。",
    ],
)
def test_kinds_of_the_seventh_round(text):
    assert keys(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a programme or platform named by the unit's place, unquoted
        (
            "云溪镇2024年工作报告\n依托云溪智慧调解平台和云溪民意通小程序受理诉求。",
            {"云溪智慧调解平台", "云溪民意通小程序"},
        ),
        (
            "云溪镇2024年工作报告\n开通云溪民声热线，开展云溪护河行动。",
            {"云溪民声热线", "云溪护河行动"},
        ),
        # ... not the unit's work in general, nor a place's kind of platform
        ("云溪镇2024年工作报告\n落实云溪镇政府工作计划，用好云溪镇综治平台。", set()),
        # media named by the place, listed before their kind; not channels of everyone
        (
            "云溪镇2024年工作报告\n通过云溪微刊、云溪融媒、云溪新闻等平台开展普法。",
            {"云溪微刊", "云溪融媒", "云溪新闻"},
        ),
        ("云溪镇2024年工作报告\n通过微信、微博、云溪新闻等平台开展普法。", set()),
    ],
)
def test_programmes_named_by_the_place(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a campaign named by a motto of long or many phrases is the motto
        ("组织实施“法润乡村、法护民生”专项行动。", {"法润乡村、法护民生"}),
        ("开展“清隐患、解纠纷、保平安”专项活动。", {"清隐患、解纠纷、保平安"}),
        # ... two short phrases word the practice
        ("开展“大排查、大调处”专项行动。", set()),
    ],
)
def test_campaigns_named_by_a_motto(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a project named by its programme, unquoted
        ("实施普法强基工程和法治阳光工程。", {"普法强基工程", "法治阳光工程"}),
        # ... not a kind of works
        ("推进民生实事工程和水利设施工程。", set()),
    ],
)
def test_projects_named_by_their_programme(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a 专项整治 or 专项治理 named by one topic is a campaign, as a 专项行动 is
        ("镇里深入开展电信诈骗专项治理。", {"电信诈骗专项治理"}),
        ("组织开展燃气安全隐患专项整治工作。", {"燃气安全隐患专项整治"}),
        # ... a problem's topic read back over 和
        (
            "开展窗口服务作风和营商环境突出问题专项整治。",
            {"窗口服务作风和营商环境突出问题专项整治"},
        ),
        # ... the longer campaign it opens is read by its own head
        ("实施消防安全专项整治三年行动。", {"消防安全专项整治三年行动"}),
        # ... not a list of topics, nor the task without a topic
        ("依法开展违规养殖、违法排污专项整治。", set()),
        ("开展河道采砂、违章建筑等专项整治。", set()),
        ("三是从严抓好专项整治，扎实开展专项治理。", set()),
        # ... a field's 突出问题整治 without 专项, and a meeting that studies one: the topic
        # starts after the study (thirty-second session)
        ("全年召开林业领域执法突出问题整治推进会3次。", {"林业领域执法突出问题整治"}),
        ("县政府常务会议专题研究窗口服务突出问题整治。", {"窗口服务突出问题整治"}),
        ("镇党委会议研究部署燃气安全专项整治。", {"燃气安全专项整治"}),
        ("切实抓好突出问题整治。", set()),
    ],
)
def test_campaigns_named_by_their_topic(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the brand of a province or a city is the level above's, named with its suffix or not
        ("漳州市云溪镇2024年报告\n助力平安漳州建设，推进法治云溪建设。", {"法治云溪"}),
        ("福建省云溪县2024年报告\n锚定法治福建、法治云溪建设目标。", {"法治云溪"}),
    ],
)
def test_brands_above_the_unit_stay_out(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a township's brand set as a goal or a task, the township not named with its suffix
        ("全力推进法治多宝建设。", {"法治多宝"}),
        ("推动平安凉城工作再上台阶。", {"平安凉城"}),
        # ... not a kind of unit or a common word after 平安
        ("推进平安校园建设、平安家庭建设和平安交通建设。", set()),
    ],
)
def test_township_brands_set_as_a_goal(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place named only by whom it serves and what it teaches is a kind
        ("各村开设村民学法讲堂和居民议事厅。", set()),
        ("建设农家普法书屋，举办职工法治大讲堂。", set()),
        # ... a place with a name of its own, or an event, keeps its name
        (
            "打造溪口企业法治文化基地，开展青少年法治宣传周。",
            {"溪口企业法治文化基地", "青少年法治宣传周"},
        ),
        # a quoted desk's label names nothing; a quoted brand does
        ("设立“矛盾纠纷受理”“法律援助咨询”窗口，打造“溪口说理”品牌。", {"溪口说理"}),
    ],
)
def test_names_need_a_word_of_their_own(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # days listed by their dates alone before 等: no day is named
        ("围绕“3·15”“6·26”等重要节点开展宣传。", set()),
        # a room named by a quoted brand and a longer description of its work
        ("建成“老杨”婚姻家庭纠纷化解工作室。", {"老杨婚姻家庭纠纷化解工作室"}),
        ("打造“小橘灯”未成年人维权调解室。", {"小橘灯未成年人维权调解室"}),
        # ... not over 等
        ("推广“甲村”“乙村”等特色调解工作室。", set()),
        # a campaign named by one long motto
        (
            "开展“守护一方平安护航振兴发展”集中攻坚行动。",
            {"守护一方平安护航振兴发展集中攻坚行动"},
        ),
        # ... a long one in two runs, before the practice it themes
        (
            "开展“践行习近平法治思想 提升人民群众法治获得感满意度”主题实践活动。",
            {"践行习近平法治思想提升人民群众法治获得感满意度"},
        ),
    ],
)
def test_forms_of_the_eighth_round(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an ordinal opens a slogan; a count of roles staffs a practice
        "筑牢矛盾化解“第一道关口”，推行“两警一律一专家”坐班。",
        # a role taken
        "志愿者化身“普法小蜜蜂”走进社区。",
        # a short term naming its own place with a suffix is no brand of a place
        "青禾镇2024年报告\n调解员每周“进社区”坐班。",
        # rooms by their scope
        "设立综合调解室和专业调解室。",
    ],
)
def test_kinds_and_slogans_of_the_eighth_round(text):
    assert keys(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted names listed before a column's kind are columns
        ("普法专栏设有“青禾往事”、“青禾快讯”等精品栏目。", {"青禾往事", "青禾快讯"}),
        ("在公众号开设“法在身边”专栏。", {"法在身边"}),
        # an account in quotes right after its kind
        ("开通官方微博“青禾司法”、微信“青禾普法”新媒体平台。", {"青禾司法", "青禾普法"}),
        # ... unless it is the body's name
        ("关注微信“青禾县司法局”。", set()),
        # an event named by its theme before 主题宣传月
        ("开展“平安生活·法治同行”主题宣传月活动。", {"平安生活·法治同行"}),
        # a pair of phrases joined by a middle dot is a name, with no head after it too
        ("开展“法润青禾·国旗下宣讲”，每月2场次。", {"法润青禾·国旗下宣讲"}),
        ("优化“蒙速办·帮您办”服务。", {"蒙速办·帮您办"}),
        ("为加快建成“山水青禾·创新之城”提供法治保障。", {"山水青禾·创新之城"}),
        # an event's title of two parts, a short description before 活动
        ("参加“青禾三月三·法治伴我行”民族法治宣传活动。", {"青禾三月三·法治伴我行"}),
        # a troupe named by its quoted word
        ("组建“法之声”艺术团和“边寨普法”文艺队。", {"法之声艺术团", "边寨普法文艺队"}),
        # a street of law culture with its own name
        ("对北山公园法治文化路进行改造。", {"北山公园法治文化路"}),
        # ... but a place before 的 is still a name, and a square of law culture is one
        ("“小六合议厅”的调解员，在青禾法治文化广场举办活动。", {"小六合议厅", "青禾法治文化广场"}),
        # a quoted room said to be a kind (作为…工作室) is its own name, no longer one
        ("该所的“老周调解室”作为金牌调解工作室运行。", {"老周调解室"}),
        # one before a quoted place is no count (a sign's), a year no part of a name
        ("门前一块“老李调解工作室”的牌子。", {"老李调解工作室"}),
        ("拉开了2024年宪法宣传月活动的序幕。", {"宪法宣传月"}),
        # an event named by its theme before 主题…宣传日, by a long motto before 宣传活动
        ("举办“护佑青山绿水家园”主题普法宣传日活动。", {"护佑青山绿水家园"}),
        ("开展“运用法治力量 守护绿水青山”宣传活动。", {"运用法治力量守护绿水青山"}),
        # a short quote after its street's name is the street's brand
        ("青禾街道“小院议事”每周开放。", {"小院议事"}),
        # 作为 with no level after it says what a campaign holds, no designation
        ("把学习法治思想作为党史学习教育的重要内容。", {"党史学习教育"}),
        # national campaigns, days and platforms known by name
        ("持续推进扫黄打非，开展安全生产月活动。", {"扫黄打非", "安全生产月"}),
        ("推广国家反诈中心APP，在信用中国网站公示。", {"国家反诈中心", "信用中国"}),
        (
            "组织干部通过法宣在线平台学法，观看中国庭审公开网庭审直播。",
            {"法宣在线", "中国庭审公开网"},
        ),
        ("依托全国投资项目在线审批监管平台办理审批。", {"全国投资项目在线审批监管平台"}),
        ("开展根治欠薪冬季攻坚行动。", {"根治欠薪冬季攻坚行动"}),
        ("常态化开展扫黑除恶行动。", {"扫黑除恶"}),
    ],
)
def test_forms_of_the_ninth_round(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a law by its name, quoted or in 《》 before 节目
        "推出“民法典”系列普法专题，歌曲《民法典》等节目上演。",
        # a formula of fields entered, however long its subject
        "开展“民法典十进”和“民法典宣传进乡村”活动，“法治宣传进基层”活动。",
        # a quote joined by 及 to a room
        "打造“联防联治”的“三联动”及警务室对接模式。",
        # a nickname
        "素有“水果之乡”美誉的青禾县。",
        # a body that acts at once
        "青禾镇召开会议。会后，青禾司法所立即行动。",
        # a place named by its audience and topic, or the first of a kind
        "利用现有的农村文化广场。宁海县建立首个村级法治文化公园。我县首家村级法治文化公园建成。",
        # a place that makes people do something
        "让法治文化广场人流如织。",
        # a count before a quoted place
        "建成25个“农家书屋普法角”。",
        # a channel of publicity
        "青禾县“微信普法”拓展了学法平台。",
        # an app's sections
        "平台包含“智慧法务”“电视直播”“工作动态”等七大应用版块。",
        # a quote that describes what follows it
        "由于“一山连两省”的地理渊源，调解更难。",
        # a square or park with no word of law in its name is a venue
        "在青禾奥林匹克文化广场搭建服务台。",
        # channels joined by a plus, before 平台
        "搭建普法“线上+线下”平台。",
        # what a unit is designated as, a level between
        "作为国家级基层立法联络站，该村收集意见。",
    ],
)
def test_kinds_and_words_of_the_ninth_round(text):
    assert keys(text) == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # quoted problems, counts of principles and law taken into places are no programmes
        ("聚焦“执法服务覆盖不均”“法治与业务融合不紧”等问题。", set()),
        ("全面落实“十二个坚持”，增强“两个维护”。", set()),
        ("开展“法治进乡村、进企业、进家庭”专项活动15场。", set()),
        # a verb the window's edge cuts is no part of the name
        ("举行长三角青年干部依法治理论坛。", {"长三角青年干部依法治理论坛"}),
        # a rule-of-law street block by its full head
        ("打造青禾坊法治文化街区。", {"青禾坊法治文化街区"}),
        # a numbered outline of the work is the unit's programme, named by its quote; a
        # province's numbered deployment is not (tests/gold/README.md)
        ("形成“1361”工作思路。", {"1361"}),
        ("围绕省委打造“三大高地”、实施“五大战略”的部署。", set()),
        ("贯彻重庆市委“885”工作部署。", set()),
        ("全力投入“三个全域”建设，以“三大比拼”为抓手。", {"三个全域", "三大比拼"}),
        (
            "围绕“三区两地”“四个青禾”发展定位，深入实施“五区战略”。",
            {"三区两地", "四个青禾", "五区战略"},
        ),
        ("做到“五个坚决防止”，统筹推进“四个全面”战略布局，参与“一带一路”建设。", set()),
        (
            "践行“五好思路”，分获青禾司法行政视频大赛一、二等奖。",
            {"五好思路", "青禾司法行政视频大赛"},
        ),
        ("将法治建设工作纳入青禾振兴三年行动。", {"青禾振兴三年行动"}),
        # a course's title of two phrases; a province's standard for its service items
        (
            "举办“学习贯彻习近平法治思想，全面提升依法行政能力”专题培训班。",
            {"学习贯彻习近平法治思想，全面提升依法行政能力"},
        ),
        ("推进政务服务事项“五级十五同”标准化建设。", set()),
        # the goal built is the programme, whatever plan follows (not a place to strip)
        ("落实区委全面加快“首善区”建设工作安排。", {"首善区"}),
        ("在“2023年度主要安排”中，争创全国“百强县”。", set()),
        ("深入开展清规护企、执法暖企等“八大行动”。", {"八大行动"}),
        # (nineteenth session) a campaign by its quoted word and a longer head; a course by its
        # title; platforms by a service kind, an app, a website (a place in brackets kept)
        ("开展反不正当竞争“守护”专项执法行动。", {"守护专项执法行动"}),
        ("组织举办“全面依法治区能力素质提升培训班”。", {"全面依法治区能力素质提升培训班"}),
        ("举办“法治”培训班。", set()),
        # ... however long its title (over 24 characters; a space between its phrases dropped)
        (
            "参加“深入践行习近平法治思想 全面提升基层行政执法规范化水平专题培训班”。",
            {"深入践行习近平法治思想全面提升基层行政执法规范化水平专题培训班"},
        ),
        ("搭建434个村级点位“安易办”便民服务平台，推广“钉钉”应用。", {"安易办", "钉钉"}),
        ("利用“信用中国(青禾)”网站公布守信信息。", {"信用中国（青禾）"}),
        # teams, forums and posts named by the work every unit does are kinds
        ("组建习近平法治思想宣讲团，举行学习实践习近平法治思想论坛。", set()),
        ("各社区同步建立法治工作联络点。", set()),
        # the edition, a visit or an extension before a name is no part of it
        (
            "举行第90期青禾论坛，国家信访局专程调研雷锋调解员志愿服务队。",
            {"青禾论坛", "雷锋调解员志愿服务队"},
        ),
        ("以“1354”工作总抓手推动落实。", {"1354"}),
        # accounts and channels over a run of quotes; kinds of platform and contest are none
        ("在“青禾东城”“东城普法”等公众号平台及门户网站宣传。", {"青禾东城", "东城普法"}),
        ("开通“南方+”青禾频道。", {"南方+"}),
        # a city's brand in quotes is the city's, as unquoted
        ("认真落实“法治益阳”“平安益阳”建设要求。", set()),
        # a campaign quoted before 等专项行动 is named by its quote
        ("开展“信访积案集中化解百日攻坚”等专项行动。", {"信访积案集中化解百日攻坚"}),
        # a national campaign by its quoted motto; a reform the vocabulary does not name
        ("开展“不忘初心、牢记使命”主题教育。", {"不忘初心、牢记使命"}),
        ("持续推进“证照分离”改革。", {"证照分离"}),
        ("在全区新媒体矩阵平台同步投放，举办线上知识竞赛。", set()),
        # nor is a survey, however it is named
        ("在“2021年法治建设群众满意度调查”工作中位居前列，填报“营商环境满意度调查”636份。", set()),
        ("落实省委“1310”具体部署。", set()),
        # a committee's own lecture team is a body, not a programme; nor is policing by law a
        # county's brand (公安县)
        ("邀请区委宣讲团深入区直机关现场授课。", set()),
        ("全面推进法治公安建设，取得阶段性成效。", set()),
        # a platform named with its province, further back than other names reach
        (
            "借助局“林业大讲堂”、四川省国家工作人员学法考法平台开展学习。",
            {"林业大讲堂", "四川省国家工作人员学法考法平台"},
        ),
        # governing a province by law is no brand (依法治省及市)
        ("紧扣全面依法治国、省委依法治省及市、区委法治政府建设要求。", set()),
        # a campaign the work runs through keeps no verb
        ("开展党纪学习教育，贯穿党纪学习教育全过程各环节。", {"党纪学习教育"}),
        ("紧扣行政执法质量提升三年行动收官要求。", {"行政执法质量提升三年行动"}),
        # --- sets T and U ---
        # a national campaign by the unit's work in it; not a topic of publicity
        ("我局扫黑除恶工作取得阶段性成果。", {"扫黑除恶"}),
        ("普及扫黑除恶知识。", set()),
        # ... joined to the unit's other work (thirtieth session)
        ("全镇结合扫黑除恶开展普法。", {"扫黑除恶"}),
        # a quoted term counted out is things handed out, no programme
        ("共发放“安全明白卡”200余份。", set()),
        # the national rectification by its name, whose field would end a topic
        ("开展法治政府建设领域突出问题专项整治。", {"法治政府建设领域突出问题专项整治"}),
        # a 集中整治 named by its topic is a campaign as a 专项整治 is; bare or by a list, none
        ("开展校园周边环境集中整治。", {"校园周边环境集中整治"}),
        ("开展集中整治。", set()),
        ("开展违建、占道等集中整治。", set()),
        # metaphors and watchwords quoted for emphasis name no programme
        ("筑牢法治建设“压舱石”，绘好“路线图”，拿到发展“入场券”。", set()),
        ("开展整改“回头看”，实行“挂图作战”。", set()),
        # --- sets AR to AU (eighteenth session) ---
        # the thought taken somewhere is a mechanism's wording; 进社区 is no district of a brand
        ("开展“习近平法治思想进社区”活动。", set()),
        ("开展法治进社区活动。", set()),
        ("推进法治进贤建设。", {"法治进贤"}),
        # a venue named by the unit's level and its topic alone is a kind
        ("建成镇法治文化广场。", set()),
        ("建成街道法治文化广场。", set()),
        ("建成青禾镇法治文化广场。", {"青禾镇法治文化广场"}),
        # a quoted system is named by its quote, as a quoted platform is
        ("完成设施“码上换”系统更新。", {"码上换"}),
        # the province's showcase, quoted as its slogan
        ("努力建设展示新时代法治建设成果的“重要窗口”。", set()),
        # a national campaign named in an honour the unit won in it: the campaign, not the honour
        ("青禾镇被评为全国扫黑除恶专项斗争先进集体。", {"扫黑除恶"}),
        # the national campaign to cut certificates, quoted alone or named in running text
        ("全面推进“减证便民”。", {"减证便民"}),
        ("贯彻落实减证便民举措。", {"减证便民"}),
        # the national battles against pollution, the legal-literacy campaign, the schools' site
        ("围绕打好污染防治攻坚战，守护蓝天保卫战成果。", {"污染防治攻坚战", "蓝天保卫战"}),
        ("开展公民法治素养提升行动，通过法治教育网学习。", {"公民法治素养提升行动", "法治教育网"}),
        ("积极参与法治大讲堂学习。", {"法治大讲堂"}),
        # a region's programme named alike in its counties' reports (thirty-second session)
        ("以法治政府建设提升工程为抓手推进各项工作。", {"法治政府建设提升工程"}),
        # a platform named by its province, then by the level alone: one platform
        (
            "执法信息与青川省行政执法监督平台对接，组织干部参加省行政执法监督平台应用培训。",
            {"青川省行政执法监督平台"},
        ),
        # an item of work or a thought quoted names no programme
        ("开展“重点案件交叉评查”“举报线索核查”，办理“企业投资项目核准”。", set()),
        ("学习“习近平生态文明思想”，抓好“意识形态工作”，坚持“线上与线下相结合”。", set()),
        # a ranking set as a goal; a rectification named by its time, not its topic
        ("争创全国“百强县”。", set()),
        ("开展疫情防控期间专项整治。", set()),
        # a timetable and a task sheet quoted as metaphors; a mechanism's label quoted
        ("明确“任务书”“时间表”。", set()),
        ("推行“一件事一次办好”。", set()),
        ("严格落实“谁执法谁公示”。", set()),
        # the county committee's numbered programmes, by their quote; not a bare 市委's, which
        # may be a municipality's (重庆市委“885”)
        ("落实区委“九大行动”工作要求。", {"九大行动"}),
        ("聚焦区委“四城同创”工作目标。", {"四城同创"}),
        ("认真落实市委“885”工作机制。", set()),
        # the unit's 和谐 brand beside its 法治 and 平安 ones
        ("青禾镇为法治青禾、和谐青禾建设贡献力量。", {"法治青禾", "和谐青禾"}),
        # --- sets CU to DB (twenty-first session) ---
        # a platform named in quotes right after its kind; a count after it is what it does
        ("上线政务服务智能咨询平台“门小政”。", {"门小政"}),
        ("推进共同缔造、资源服务平台“三下沉”等工作。", set()),
        # a field's campaign read back over 和, as a problem's is
        ("推进道路交通安全和运输执法领域专项整治。", {"道路交通安全和运输执法领域专项整治"}),
        # the national watchwords of petition work, a service slogan and a kind of lecture
        ("持续打造“阳光信访”、“责任信访”和“法治信访”。", set()),
        ("开通“绿色审批通道”，推行“一站式审批”，设置“潮汐窗口”，实现“一窗”受理。", set()),
        ("参加业务知识“大讲堂”。", set()),
        ("推行“不见面开标”“多测合一”“一平台办理”，落实“规划纲要”。", set()),
        ("深化“多证合一”改革，开展“多测合一”改革试点。", set()),
        # days dated with a Japanese middle dot; a bulletin by its name without its issue; two
        # numbered programmes in one quote; a style of training and a document's title quoted
        (
            "开展“4・15全民国家安全教育日”“12・4国家宪法日”宣传。",
            {"全民国家安全教育日", "国家宪法日"},
        ),
        ("以“内部参阅（第一期）”推送至各村。", {"内部参阅"}),
        ("推进“一区四中心、五个章贡”建设。", {"一区四中心", "五个章贡"}),
        ("开展“情景式培训”，对照“法治政府建设督察要点”自查。", set()),
        # a brand named by a motto of two phrases; a motto opening as a slogan, or of 品牌意识,
        # names none
        ("打造“党建引领、执法为民”服务品牌。", {"党建引领、执法为民"}),
        ("树立“以人民为中心、以法治为保障”的品牌意识。", set()),
        # a kind of area before its 区 is no place to name a brand by (…示范区 then 示范城区品牌;
        # 园区 then 法治进园)
        (
            "创建全国法治政府建设示范区，擦亮全国法治政府建设示范城区品牌，推进法治进园区。",
            set(),
        ),
        # a forum quoted before the verb 举办 (no 办法 of a rule); a platform after its count
        ("区委理论学习中心组“江汉论坛”报告会举办法治专题讲座。", {"江汉论坛"}),
        ("依托智慧化“三朵云”综合平台。", {"三朵云"}),
        # a word linked to a place's suffix is no place to brand (区委法治办及市…)
        ("按照区委法治办及市卫生健康系统“八五”普法规划的总体部署。", set()),
    ],
)
def test_wordings_of_unseen_sets(text: str, expected: set[str]) -> None:
    assert keys(text) == expected
