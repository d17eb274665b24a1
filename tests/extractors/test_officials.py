"""Tests for kg.extractors.officials: named officials with posts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.officials import canonical_post, extract_officials, is_plausible_name
from kg.ingest.structure import document_from_text
from kg.model import EntityType, SectionKind

HEADER = "青禾镇2023年度法治政府建设工作报告\n"


def pairs(text: str) -> set[tuple[str, str]]:
    doc = document_from_text(HEADER + text)
    return {(m.key, m.attr("post")) for m in extract_officials(doc)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # POST NAME, with and without 同志
        ("（一）党委书记谭永锋同志履行推进法治建设第一责任人职责情况", {("谭永锋", "党委书记")}),
        ("镇长刘志强主持召开专题会议，研究部署法治政府建设工作。", {("刘志强", "镇长")}),
        ("由镇党委书记王强任组长，分管领导任副组长。", {("王强", "党委书记")}),
        # an acting head holds a post of his own (代区长 is not 区长)
        (
            "区委副书记、代区长周海峰出席会议并讲话。",
            {("周海峰", "区委副书记"), ("周海峰", "代区长")},
        ),
        ("代镇长吴启明带头开展述法。", {("吴启明", "代镇长")}),
        ("司法所长王东升介绍了全镇矛盾纠纷排查情况。", {("王东升", "司法所长")}),
        # a township's head keeps his level: 乡长 is not 镇长
        ("乡长王为民为组长，副乡长李红梅为副组长。", {("王为民", "乡长"), ("李红梅", "副乡长")}),
        (
            "党委书记刘建军在会上讲话，镇长陈小平作工作报告。",
            {("刘建军", "党委书记"), ("陈小平", "镇长")},
        ),
        ("副镇长欧阳明华同志分管司法行政工作。", {("欧阳明华", "副镇长")}),
        ("村党支部书记陈小红同志带头调解纠纷。", {("陈小红", "村党支部书记")}),
        # one person, two posts: each post is its own mention
        (
            "党委副书记、镇长陈晓东同志履行第一责任人职责情况",
            {("陈晓东", "党委副书记"), ("陈晓东", "镇长")},
        ),
        # a list of people, each with a post
        ("党委书记张建国、镇长李明辉出席会议。", {("张建国", "党委书记"), ("李明辉", "镇长")}),
        # NAME（POST）
        (
            "成员：叶荣华（镇长）、张建国（党委书记）。",
            {("叶荣华", "镇长"), ("张建国", "党委书记")},
        ),
        (
            "组长：王五军（党委副书记）和赵六一（副镇长）",
            {("王五军", "党委副书记"), ("赵六一", "副镇长")},
        ),
        ("人大主席团主席马丽，纪委书记于会上强调要严明纪律。", {("马丽", "人大主席")}),
        (
            "镇党委书记厉忠良、镇长公维刚认真履行第一责任人职责。",
            {("厉忠良", "党委书记"), ("公维刚", "镇长")},
        ),
        (
            "乡党委书记舒志军、乡长向红英分别与各村签订责任书。",
            {("舒志军", "党委书记"), ("向红英", "乡长")},
        ),
        (
            "定期听取人大主席叶春华、政法委员季伟关于平安建设的汇报。",
            {("叶春华", "人大主席"), ("季伟", "政法委员")},
        ),
        ("支持人大工委主任区秀玲同志组织开展代表视察活动。", {("区秀玲", "人大工委主任")}),
        (
            "（二）街道党工委副书记、办事处主任黄俊杰同志履职情况。",
            {("黄俊杰", "党工委副书记"), ("黄俊杰", "办事处主任")},
        ),
        # NAME 同志 任 POST
        ("谭永锋同志任镇党委书记以来，高度重视法治建设。", {("谭永锋", "党委书记")}),
        # two heads of a leading group (双组长), each with a post
        (
            "成立由党委书记张建平、镇长刘小东任双组长的法治建设领导小组。",
            {("张建平", "党委书记"), ("刘小东", "镇长")},
        ),
        # a street's posts lose the level word: 街道党工委书记 -> 党工委书记
        ("由街道党工委书记刘伟任组长。", {("刘伟", "党工委书记")}),
        # a county's leaders, one of them with two posts
        (
            "县委书记汪明12次主持县委中心组学习。县委副书记、县长黄德华召开政府常务会议。",
            {("汪明", "县委书记"), ("黄德华", "县委副书记"), ("黄德华", "县长")},
        ),
        (
            "区委书记孙立平作专题报告，区长吴建设主持会议。",
            {("孙立平", "区委书记"), ("吴建设", "区长")},
        ),
        ("受区长张志明委托，副区长李红作报告。", {("张志明", "区长"), ("李红", "副区长")}),
        # a department's heads: 局党组书记、局长 -> 党组书记 and 局长
        ("局党组书记、局长王建华带头述法。", {("王建华", "党组书记"), ("王建华", "局长")}),
        # a visiting leader, with his post as written
        ("全国政协副主席周明一行到我镇调研。", {("周明", "全国政协副主席")}),
        ("镇长王强等同志参加了培训。", {("王强", "镇长")}),
        # a list of one body's members as field lines: a bare head takes the body of the line above
        (
            "选举结果如下。\n青禾村村委会主任：林大海\n委员：周小燕、吴建波\n",
            {("林大海", "村委会主任"), ("周小燕", "村委会委员"), ("吴建波", "村委会委员")},
        ),
        # a name no cue closes here, closed where the text writes it again
        (
            "派出所教导员张明整队出发，沿街巡逻。张明介绍，辖区治安平稳。",
            {("张明", "派出所教导员")},
        ),
        # a county's 政法委副书记 is no 党委副书记 as well
        ("县政法委副书记刘大明通报了平安建设情况。", {("刘大明", "政法委副书记")}),
        (
            "开发区党工委副书记、管委会第一副主任童向明作部署。",
            {("童向明", "党工委副书记"), ("童向明", "管委会第一副主任")},
        ),
    ],
)
def test_officials_found(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the official does right after the name closes it
        ("镇长刘明远从三个方面汇报了法治政府建设情况。", {("刘明远", "镇长")}),
        ("县长王东升出庭应诉行政案件2件。", {("王东升", "县长")}),
        ("区司法局局长陈立带队督导我街道述法工作。", {("陈立", "局长")}),
        ("乡长韦小宁就依法行政作专题部署。", {("韦小宁", "乡长")}),
        # NAME POST, the name opened by punctuation or a cue and closed after the post
        ("王东升县长组织召开旁听庭审座谈会。", {("王东升", "县长")}),
        ("会议由邓光明镇长主持。", {("邓光明", "镇长")}),
        # ... but a place before a post is the place's head, not a person
        ("黄鹤镇长期坚持会前学法，黄鹤镇长效机制不断完善。", set()),
        ("黄鹤镇党委高度重视，黄鹤镇长主持召开会议。", set()),
        # a committee role between the posts and the name gives no post of its own
        (
            "镇党委副书记、镇全面依法治理委员会常务副主任孙立平主持会议。",
            {("孙立平", "党委副书记")},
        ),
        ("由副镇长、法治政府建设协调小组组长马长青召集。", {("马长青", "副镇长")}),
        # a post after 、 may carry its body before it
        (
            "区人民政府副区长、区公安分局局长许建锋陪同调研。",
            {("许建锋", "副区长"), ("许建锋", "局长")},
        ),
        # the heads of a township's offices and stations
        (
            "市场监管所所长刘青山、综合行政执法大队大队长蒋文涛参加会议。",
            {("刘青山", "市场监管所所长"), ("蒋文涛", "综合行政执法队长")},
        ),
        ("平安办主任高志远同志汇报矛盾纠纷排查情况。", {("高志远", "平安办主任")}),
        # county leaders with their party posts
        (
            "县委常委、政法委书记陈远同志出席。县人大常委会主任胡成功带队视察。",
            {("陈远", "县委常委"), ("陈远", "政法委书记"), ("胡成功", "人大常委会主任")},
        ),
        ("县政协主席田丰出席会议。", {("田丰", "政协主席")}),
        # the head of a place written after its name with the suffix
        (
            "青禾县县长王大成出庭应诉，云溪区副区长李明到庭。",
            {("王大成", "县长"), ("李明", "副区长")},
        ),
        ("时任云溪区区长张东到庭应诉。", {("张东", "区长")}),
        # ... but a township post after a county word is still not the township's: it keeps
        # the county word, as county posts are written (区党工委书记, not 党工委书记)
        ("云溪区党工委书记王大成主持会议，各区县长期坚持学法。", {("王大成", "区党工委书记")}),
        ("区党工委书记李明出席会议。", {("李明", "区党工委书记")}),
        # rare surnames, and what the official thinks closes the name
        (
            "区委书记杲云、区委政法委副书记步娜陪同。",
            {("杲云", "区委书记"), ("步娜", "政法委副书记")},
        ),
        ("青禾司法所所长王金昌认为，调解要注意倾听。", {("王金昌", "司法所长")}),
        ("区司法局局长黄慧说，要加强调解。", {("黄慧", "局长")}),
        # the head of a court's division, and 又 after the name
        ("行政庭庭长彭大海又以案说法。", {("彭大海", "庭长")}),
        # where a visiting official goes closes the name
        (
            "县委常委、政法委书记程远来到青禾镇督查。",
            {("程远", "县委常委"), ("程远", "政法委书记")},
        ),
        # a county congress's heads written short
        (
            "县人大副主任郑大成、县人大主任王立出席。",
            {("郑大成", "人大常委会副主任"), ("王立", "人大常委会主任")},
        ),
        # a bureau sharing its 局 with the post, or named only by its level
        (
            "副市长、市公安局长周明远，区委政法委副书记王一鸣出席。",
            {("周明远", "副市长"), ("周明远", "局长"), ("王一鸣", "政法委副书记")},
        ),
        (
            "松江区委常委、政法委书记陈晓军致辞，县委宣传部部长石磊出席。",
            {("陈晓军", "区委常委"), ("陈晓军", "政法委书记"), ("石磊", "宣传部部长")},
        ),
        # an office or centre head is a post read as body + head (every post a person is
        # named with counts); the office of a rule-of-law committee is a role
        (
            "区司法局党组成员、区公共法律服务中心主任刘学出席。",
            {("刘学", "党组成员"), ("刘学", "公共法律服务中心主任")},
        ),
        (
            "县委常委、政法委书记、县委依法治县办公室主任张文平主持。",
            {("张文平", "县委常委"), ("张文平", "政法委书记")},
        ),
        # posts before a comma after another person of the list are the next person's
        (
            "区委书记曾晟、区委副书记，区人民政府区长何建文切实履行职责。",
            {("曾晟", "区委书记"), ("何建文", "区委副书记"), ("何建文", "区长")},
        ),
        # ranks of civil servants
        (
            "市司法局党委委员、二级巡视员张祎出席，街道副调研员谭秋萌参加。",
            {("张祎", "党委委员"), ("张祎", "二级巡视员"), ("谭秋萌", "副调研员")},
        ),
        ("此次庭审由县人民法院院长李江担任审判长。", {("李江", "法院院长")}),
        ("镇人大主席卓大英结合实际作动员部署。", {("卓大英", "人大主席")}),
        # NAME 同志（POST）, a note between a post and the name, a list of members with colons
        ("周建平同志（党委书记）主持召开党委会。", {("周建平", "党委书记")}),
        ("司法所所长（兼）高远负责日常工作。", {("高远", "司法所长")}),
        ("镇党委书记：周建平；镇长：李东海。", {("周建平", "党委书记"), ("李东海", "镇长")}),
        # names listed after a post that several people hold share it
        (
            "县委常委李春旺、王炜、盛慧琴出席会议。",
            {("李春旺", "县委常委"), ("王炜", "县委常委"), ("盛慧琴", "县委常委")},
        ),
        ("党组成员李翠娥、董瑞卿介绍职能。", {("李翠娥", "党组成员"), ("董瑞卿", "党组成员")}),
        # ... but not a one-holder post, nor past a post or a word of the next piece
        ("党委书记周建平、李东海等同志参加。", {("周建平", "党委书记")}),
        (
            "副镇长周建平、派出所所长李东海参加，党委委员高远、各村支部书记列席。",
            {("周建平", "副镇长"), ("李东海", "派出所所长"), ("高远", "党委委员")},
        ),
        # two leaders of one group (双组长), a 、 between them
        (
            "成立以镇党委书记张华为组长、镇长邓光明为副组长的领导小组。",
            {("张华", "党委书记"), ("邓光明", "镇长")},
        ),
        # a name that is a district's too, between a post and 同志
        ("县委书记江夏同志召开县委常委会会议。", {("江夏", "县委书记")}),
        # how he does it, right after the name (严格, 始终)
        ("局长王伟严格按照法治建设的工作部署。", {("王伟", "局长")}),
        ("2023年度，蔡魏局长严格按照部署推进法治建设。", {("蔡魏", "局长")}),
        # right after a post, a name whose first two characters are a word (王国, 黄金)
        ("镇长王国华主持召开专题会议。", {("王国华", "镇长")}),
        ("由镇党委书记黄金华担任组长。", {("黄金华", "党委书记")}),
        # ... but no name swallows a cue's first character (黎明 is a word: no name at all)
        ("由镇长黎明担任组长。", set()),
        ("党委书记周密部署法治工作。", set()),
        # what he does it with or by, right after the name (以…为主题, 进行…)
        ("镇党委书记高志远以“宪法精神”为题上党课。", {("高志远", "党委书记")}),
        ("请县司法局局长李志明进行专题辅导。", {("李志明", "局长")}),
        # a surname of few holders (励, 茅), as common where it is found as any other
        (
            "局党委书记、局长励明同志切实履行第一责任人职责。",
            {("励明", "党委书记"), ("励明", "局长")},
        ),
        ("加强激励机制，鼓励干部担当作为。", set()),
        # a province's department head, visiting
        ("省委依法治省办副主任、省司法厅厅长陈立新到我镇调研。", {("陈立新", "厅长")}),
        ("省司法厅副厅长王东升到我镇调研。", {("王东升", "副厅长")}),
    ],
)
def test_officials_in_more_written_forms(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a colon after a post opens what the post does, not a name
        "镇长：负责全面工作。党委书记：高度重视，周密部署。",
        # placeholders for a withheld name
        "镇长王某某主持会议，党委书记张某同志出席。",
        "党委书记×××同志主持，镇长XX同志参加。",
        # lawyers and law firms are no officials
        "聘请青禾律师事务所律师李文博担任法律顾问。",
        "法律顾问李文博律师列席党委会，王晓明律师为群众解答法律问题。",
        # a role without a post, a post without a name
        "张华同志任组长，邓光明同志任副组长。",
        "由依法治镇委员会主任、镇长任副组长。",
        "邓光明任镇长以来，法治建设不断加强。",
        # ... and the commonest words stay no names even between a post and 同志
        "县委书记国家同志出席。",
        # a lecturer's trip to a province, not a lecturer named 来渝
        "邀请市委党校教授来渝授课。",
    ],
)
def test_no_official_from_these_phrases(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "结合实际成立由镇党委书记、镇长任组长，分管领导任副组长的法治建设领导小组。",
        "成立了由党委书记负总责，党委副书记具体牵头负责，党委委员具体抓的法治政府建设工作领导小组。",
        "成立了由镇党委副书记、纪委书记任组长的依法行政工作监督小组。",
        "主持召开4次党委会，听取政法委员、司法所长派出所所长工作汇报。",
        "党委书记为第一责任人，镇长负总责。",
        "镇长全面负责政府工作，党委书记高度重视法治建设。",
        "镇长向镇人大报告工作，党委书记和镇长共同研究。",
        "党委书记亲自部署、亲自过问，镇长带头守法。",
        "由党委书记任组长，镇长任常务副组长。",
        "镇长于2023年3月主持会议。",
        "党委书记、镇长、人大主席等领导班子成员参加学法。",
        "镇长常态化开展学法，党委书记周密部署。",
        "镇主要领导认真履行法治建设第一责任人的职责。",
        "调整依法治镇委员会组成人员，由党委书记任主任，党委副书记、镇长任副主任。",
        "主持召开镇长办公会研究依法行政工作，法律顾问列席镇长办公会14次。",
        "镇长来不及参加，党委书记莫过于此。",
    ],
)
def test_posts_without_a_person_give_nothing(text: str) -> None:
    assert pairs(text) == set()


def test_glued_chain_does_not_give_a_held_post_to_a_second_person() -> None:
    text = (
        "（一）党委书记谭永锋同志履行推进法治建设第一责任人职责情况\n"
        "（二）党委书记镇长叶荣华同志履行推进法治建设第一责任人职责情况"
    )
    assert pairs(text) == {("谭永锋", "党委书记"), ("叶荣华", "镇长")}


def test_glued_chain_gives_both_posts_when_nobody_else_holds_them() -> None:
    assert pairs("党委书记镇长叶荣华同志主持会议。") == {("叶荣华", "党委书记"), ("叶荣华", "镇长")}


def test_mentions_point_at_the_name_once_per_person_and_post() -> None:
    doc = document_from_text(
        HEADER + "一、主要举措和成效\n镇长刘志强主持会议。镇长刘志强再次强调。"
    )
    found = extract_officials(doc)
    assert len(found) == 1
    m = found[0]
    assert (m.text, m.type, m.key, m.attrs) == (
        "刘志强",
        EntityType.OFFICIAL,
        "刘志强",
        (("post", "镇长"),),
    )
    assert doc.text[m.start : m.end] == m.text
    assert m.section == doc.section_kind_at(m.start) == SectionKind.ACHIEVEMENTS


def test_mentions_sorted_and_unique() -> None:
    doc = document_from_text(HEADER + "党委副书记、镇长陈晓东同志和党委书记张建国同志出席。")
    found = extract_officials(doc)
    assert found == sorted(set(found), key=lambda m: (m.start, m.end, m.type.value, m.key, m.attrs))


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("镇党委书记", "党委书记"),
        ("党委书记", "党委书记"),
        ("乡长", "乡长"),
        ("代乡长", "代乡长"),
        ("乡人民政府乡长", "乡长"),
        ("司法所所长", "司法所长"),
        ("人大主席团主席", "人大主席"),
        ("街道办事处主任", "办事处主任"),
        ("副乡长", "副乡长"),
        ("街道党工委书记", "党工委书记"),
        ("局党组书记", "党组书记"),
        ("县人民政府县长", "县长"),
        ("人武部长", "武装部长"),
        ("组长", None),
        ("主任", None),
        ("书记", None),
        # a table post behind a place, a level or the bodies it sits in
        ("甘谷县人民政府副县长", "副县长"),
        ("青禾县人民政府代理县长", "代县长"),
        ("草潭镇第十八届人大主席", "人大主席"),
        ("海陵区纪委书记", "区纪委书记"),
        ("镇纪委书记", "纪委书记"),
        ("泸县政协副主席", "政协副主席"),
        ("全国政协副主席", "全国政协副主席"),
        ("区人大常委会党组副书记", "党组副书记"),
        ("区民政局局长", "局长"),
        ("街党工委副书记", "党工委副书记"),
        # BODY + HEAD: the innermost body and the head
        ("县委组织部常务副部长", "组织部常务副部长"),
        ("组织部常务副部长", "组织部常务副部长"),
        ("市政协人资环委主任", "人资环委主任"),
        ("省人大教科文卫委副主任委员", "教科文卫委副主任委员"),
        ("县委组织部远教办主任", "远教办主任"),
        ("区委办副主任", "区委办副主任"),
        ("区公共法律服务中心主任", "公共法律服务中心主任"),
        ("茂南区政协镇联络组组长", "联络组组长"),
        ("县政协常委", "政协常委"),
        ("经管会主任", "经管会主任"),
        ("二级主任科员", "主任科员"),
        # ... a head of several words (常务副书记) is never cut into a table post (副书记)
        ("市委教育工委常务副书记", "教育工委常务副书记"),
        ("区委政法委常务副书记", "政法委常务副书记"),
        ("中国法学会副会长", "法学会副会长"),
        ("县第一中学校长", "中学校长"),
        # roles of a group or committee, memberships and session roles are no posts
        ("依法治县委员会主任", None),
        ("镇安全生产委员会主任", None),
        ("法治建设领导小组组长", None),
        ("县政协委员", None),
        ("主席团常务主席", None),
        # ... but a division of a group's office is a body of staff (eighteenth session)
        ("市委依法治市办秘书科科长", "秘书科科长"),
        ("县委法治建设领导小组办公室综合股股长", "综合股股长"),
        ("县委依法治县办主任", None),
    ],
)
def test_canonical_post(written: str, canonical: str | None) -> None:
    assert canonical_post(written) == canonical


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("谭永锋", True),
        ("叶荣华", True),
        ("王强", True),
        ("欧阳明华", True),
        ("司马建华", True),
        ("任组长", False),
        ("为组长", False),
        ("和镇长", False),
        ("全面", False),
        ("高度", False),
        ("于会上", False),
        ("具体牵头", False),
        ("工作", False),
        ("王强等", False),
        ("abc", False),
        ("张", False),
        ("张王李赵刘", False),
    ],
)
def test_is_plausible_name(name: str, ok: bool) -> None:
    assert is_plausible_name(name) is ok


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("党委书记镇长副谭永锋同志任组长（）、，。王强为主持由")),
        min_size=1,
    )
)
def test_never_raises_and_spans_match(text: str) -> None:
    doc = document_from_text(text)
    for m in extract_officials(doc):
        assert doc.text[m.start : m.end] == m.text == m.key
        assert 2 <= len(m.key) <= 4


@pytest.mark.seeds
def test_seed_000_names_secretary_and_head(seed_documents) -> None:
    found = extract_officials(seed_documents["000_f635664e5ef9ff1d.txt"])
    assert {(m.key, m.attr("post")) for m in found} == {("谭永锋", "党委书记"), ("叶荣华", "镇长")}
    assert all(m.section == SectionKind.DUTIES for m in found)


@pytest.mark.seeds
@pytest.mark.parametrize(
    "name",
    [
        "001_06903343dc56706e.txt",
        "002_b7d66d5ffce03a1f.txt",
        "003_72d73d6d365a8cb9.txt",
        "004_693d1340489262ec.txt",
    ],
)
def test_seeds_without_named_people_give_no_officials(seed_documents, name: str) -> None:
    assert extract_officials(seed_documents[name]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 选举甲为POST, and the clauses after it
        (
            "会议依法选举周明远为青禾镇人民政府镇长，吴晓东、郑立平为青禾镇人民政府副镇长，"
            "钱立新为青禾镇第十届人大主席。",
            {
                ("周明远", "镇长"),
                ("吴晓东", "副镇长"),
                ("郑立平", "副镇长"),
                ("钱立新", "人大主席"),
            },
        ),
        # 当选(为) without 为 before it
        (
            "经过无记名投票，孙海波当选为镇人大副主席，冯建国、陈丽娟当选副镇长。",
            {("孙海波", "人大副主席"), ("冯建国", "副镇长"), ("陈丽娟", "副镇长")},
        ),
        (
            "大会选举出林国栋同志为乡长，何志远、高德明两位同志为副乡长。",
            {("林国栋", "乡长"), ("何志远", "副乡长"), ("高德明", "副乡长")},
        ),
        # an appointment: the post held before it and both posts given
        (
            "会议决定任命县委副书记黄立新同志为青禾县人民政府副县长、代理县长。",
            {("黄立新", "县委副书记"), ("黄立新", "副县长"), ("黄立新", "代县长")},
        ),
        # a resignation names a post held up to the decision (tests/gold/README.md)
        ("会议决定接受赵文斌同志辞去青禾县人民政府县长职务的请求。", {("赵文斌", "县长")}),
        ("会议决定免去刘德明同志青禾县人民政府副县长职务。", {("刘德明", "副县长")}),
        # a candidate holds no post
        ("主席团提名许家宁同志为青禾镇副镇长候选人。", set()),
        # 等 before the verb, 任 as the verb, and a township's post after a banner-like name
        (
            "会议选举鲁建新为白旗乡人大主席，沈国伟、何丽娜等当选为白旗乡人民政府副乡长。",
            {("鲁建新", "人大主席"), ("沈国伟", "副乡长"), ("何丽娜", "副乡长")},
        ),
        (
            "会议决定，韦建平任青禾区副区长、代理区长。",
            {("韦建平", "副区长"), ("韦建平", "代区长")},
        ),
    ],
)
def test_officials_in_elections_and_appointments(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # posts outside the table, read as body + head
        ("县委组织部常务副部长汤立群到会指导。", {("汤立群", "组织部常务副部长")}),
        ("市委教育工委常务副书记吕文涛出席。", {("吕文涛", "教育工委常务副书记")}),
        ("市政协人资环委主任余建平参加了调研。", {("余建平", "人资环委主任")}),
        (
            "县委常委、组织部长孔德明宣读了县委的建议名单。",
            {("孔德明", "县委常委"), ("孔德明", "组织部部长")},
        ),
        ("会议由县纪委书记侯文军主持。", {("侯文军", "县纪委书记")}),
        # a verb before a table post is no body of it
        ("会议支持纪委书记顾明杰开展专项监督。", {("顾明杰", "纪委书记")}),
        # a chain that ends in a session role gives the posts before it
        ("镇党委书记、主席团常务主席梁永福主持会议。", {("梁永福", "党委书记")}),
        ("镇党委书记、镇人大主席团常务主席柏德胜主持会议。", {("柏德胜", "党委书记")}),
        (
            "镇党委副书记、镇长、大会执行主席许立明主持。",
            {("许立明", "党委副书记"), ("许立明", "镇长")},
        ),
        # a bare head takes the body of the post before it (an elliptical list)
        (
            "县人大常委会主任何振华主持会议，副主任罗文杰、蒋红梅出席会议。",
            {
                ("何振华", "人大常委会主任"),
                ("罗文杰", "人大常委会副主任"),
                ("蒋红梅", "人大常委会副主任"),
            },
        ),
        ("区政协党组书记、主席魏宏伟出席。", {("魏宏伟", "党组书记"), ("魏宏伟", "政协主席")}),
        # ... but not a body of another rank (a department's deputy head stays unnamed)
        ("市农委党组成员、副主任石建业出席。", {("石建业", "党组成员")}),
        # a name between its body and its head
        ("派出所潘志刚所长介绍了辖区治安情况。", {("潘志刚", "派出所所长")}),
        ("南岭街道覃国良副书记陪同调研。", {("覃国良", "党工委副书记")}),
        # posts of the township's committee, ranks, and a name before the help it gives
        (
            "镇党委委员、人武部部长钟立伟，镇专职副书记冯德江参加。",
            {("钟立伟", "党委委员"), ("钟立伟", "武装部长"), ("冯德江", "党委副书记")},
        ),
        ("县政协青禾镇联络组组长吕国平主持座谈。", {("吕国平", "联络组组长")}),
        (
            "四级调研员孟宪刚、二级主任科员唐秋月参加学法。",
            {("孟宪刚", "调研员"), ("唐秋月", "主任科员")},
        ),
        (
            "在区委常委、常务副区长沈立明的带领下，全镇干部参加了培训。",
            {("沈立明", "区委常委"), ("沈立明", "常务副区长")},
        ),
        # a remark in brackets between a post and its holder; a congress committee's head
        (
            "副镇长（挂职）孟繁星、党委副书记（主持政府工作）骆文涛出席。",
            {("孟繁星", "副镇长"), ("骆文涛", "党委副书记")},
        ),
        ("县人大常委会法制委员会主任委员邹立新讲话。", {("邹立新", "法制委员会主任委员")}),
        ("县人武部政委韩振宇出席。", {("韩振宇", "人武部政委")}),
        # courts, procuratorates and supervisory commissions, acting heads among them
        (
            "区人民检察院代理检察长邝立群、副检察长姚宏伟，区监察委员会主任施文斌列席会议。",
            {("邝立群", "代检察长"), ("姚宏伟", "副检察长"), ("施文斌", "监委主任")},
        ),
        # a place before a post is no holder's name
        (
            "南湖街道党工委副书记、办事处主任甘立新作报告。",
            {("甘立新", "党工委副书记"), ("甘立新", "办事处主任")},
        ),
        # a post written after one name is not the next name's
        (
            "安全生产负责人方志强副镇长、党委委员龚建华带队检查。",
            {("方志强", "副镇长"), ("龚建华", "党委委员")},
        ),
    ],
)
def test_posts_read_as_body_and_head(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "大会执行主席赵一鸣、钱多多主持会议。",
        "县政协委员姜丽华参加活动。",
        "会上宣读了镇政协联络组组长、副组长任职文件。",
        "法治建设领导小组组长由党委书记担任。",
        "选举产生了新一届镇人大主席、副主席和镇长、副镇长，表决通过了候选人名单。",
        "会议选举产生了5名人大代表，王大明当选为全国人大代表。",
        "同意李四为镇长人选。",
        "任命各村党支部书记为村级调解委员会主任。",
        "会议听取了副镇长候选人龚明同志的表态发言。",
        "镇人大主席团执行主席、秘书长由大会选出。",
    ],
)
def test_roles_and_memberships_give_no_post(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place or proper name before a unit is no part of its post; a word of its kind is
        ("桃源坪派出所指导员韦光明介绍了辖区情况。", {("韦光明", "派出所指导员")}),
        ("城东大队教导员蒲志远主持会议。", {("蒲志远", "大队教导员")}),
        ("南山中队中队长黎晓峰带队巡查。", {("黎晓峰", "中队中队长")}),
        ("县公安局交警大队大队长严振东出席。", {("严振东", "交警大队大队长")}),
        ("枫林交警中队中队长席文斌带队检查。", {("席文斌", "交警中队中队长")}),
        ("石桥第二派出所副所长邬海涛参加。", {("邬海涛", "派出所副所长")}),
        ("市政协滨江区工作室主任卞世明陪同。", {("卞世明", "工作室主任")}),
        ("柳荫居委会主任鲍秀英介绍了情况。", {("鲍秀英", "居委会主任")}),
        ("临江工委书记尚文博出席。", {("尚文博", "工委书记")}),
        ("三河集中示范园区管委会主任施光远讲话。", {("施光远", "管委会主任")}),
        ("镇人大工委副主任鲁春明参加。", {("鲁春明", "人大工委副主任")}),
        # a name between a unit and its head
        ("城南派出所邹小明指导员介绍了情况。", {("邹小明", "派出所指导员")}),
        # a zone's name keeps no 区; nor does a community's
        (
            "经开区党工委委员、招商部部长甘志诚陪同。",
            {("甘志诚", "党委委员"), ("甘志诚", "招商部部长")},
        ),
        ("高新区党工委书记单立平讲话。", {("单立平", "党工委书记")}),
        ("青禾社区党委委员闻少东参加。", {("闻少东", "党委委员")}),
        # a brigade's heads name their body alone
        (
            "副大队长梁振宇宣读了方案，大队长苗建国做总结。",
            {("梁振宇", "副大队长"), ("苗建国", "大队长")},
        ),
        # a unit's political head and a secretary-general, bare after a post, are of its body
        (
            "交警大队大队长韩立新、教导员薛光辉出席。",
            {("韩立新", "交警大队大队长"), ("薛光辉", "交警大队教导员")},
        ),
        (
            "区政协主席侯文博，副主席邵明德、车永安，秘书长温建林出席。",
            {
                ("侯文博", "政协主席"),
                ("邵明德", "政协副主席"),
                ("车永安", "政协副主席"),
                ("温建林", "政协秘书长"),
            },
        ),
        # posts before a comma, in a clause of nothing but posts, are the name's after it
        (
            "市委常委、政法委书记，高新区党工委书记章立群主持会议。",
            {("章立群", "市委常委"), ("章立群", "政法委书记"), ("章立群", "党工委书记")},
        ),
        # the body written before a duty gives a bare head its post
        ("县委政法委分管日常工作的副书记冉启明带队。", {("冉启明", "政法委副书记")}),
        # a former post is one held; a body's person in charge holds a post
        ("街道办事处原主任晏德福参加座谈。", {("晏德福", "办事处主任")}),
        ("镇派出所负责人阮国强介绍了情况。", {("阮国强", "派出所负责人")}),
        # names closed by 以及, 做 and 领学; surnames 毕 and 豆
        (
            "党工委副书记、管委会主任毕文涛以及班子成员参加。",
            {("毕文涛", "党工委副书记"), ("毕文涛", "管委会主任")},
        ),
        ("分局副局长豆建民做动员讲话。", {("豆建民", "副局长")}),
        ("副大队长司马光耀领学了安全防护规定。", {("司马光耀", "副大队长")}),
        # how a vote went is no name, and an election's names are no name before a post
        ("章红梅以全票当选为副镇长。", {("章红梅", "副镇长")}),
        ("选举柯明、严小东为副镇长。", {("柯明", "副镇长"), ("严小东", "副镇长")}),
        ("符海涛、鲍俊均当选为副镇长。", {("符海涛", "副镇长"), ("鲍俊", "副镇长")}),
        # 分别 gives several posts to the names one each, in order
        (
            "蓝天明、葛春燕分别以全票当选为镇长、人大主席。",
            {("蓝天明", "镇长"), ("葛春燕", "人大主席")},
        ),
        # a place the report names is no holder before a post after it (金湾区 … 金湾区委书记)
        (
            "青禾市兰溪区召开党代会，兰溪区委书记、经济技术开发区党工委书记苏明远作报告。",
            {("苏明远", "区委书记"), ("苏明远", "党工委书记")},
        ),
        # a post written after the name counts, as before it
        ("局长田立新主持，孔令武副局长出席。", {("田立新", "局长"), ("孔令武", "副局长")}),
    ],
)
def test_posts_of_units_zones_and_duties(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "经过无记名投票，全票当选为镇长。",
        "根据计票结果，高票当选为副镇长。",
        "相关部门负责人参加会议。",
        "会议由分管日常工作的副书记主持。",
    ],
)
def test_vote_words_and_bare_duties_give_no_official(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("辛庄派出所指导员", "派出所指导员"),
        ("城南交警中队中队长", "交警中队中队长"),
        ("东关大队教导员", "大队教导员"),
        ("西湖公安分局政委", "公安分局政委"),
        ("经开区党工委委员", "党委委员"),
        ("社区党委委员", "党委委员"),
        ("副大队长", "副大队长"),
        ("办事处原主任", "办事处主任"),
        ("司法所负责人", "司法所负责人"),
        ("主要负责人", None),
        ("临江工委书记", "工委书记"),
        ("人大工委主任", "人大工委主任"),
    ],
)
def test_canonical_post_of_units(written: str, canonical: str | None) -> None:
    assert canonical_post(written) == canonical


@pytest.mark.parametrize(
    "text, expected",
    [
        # a division named with 与, and with the words of a rule-of-law group in it, is a body
        ("省司法厅普法与依法治理处处长陈欢欢出席会议。", {("陈欢欢", "普法与依法治理处处长")}),
        ("县司法局普法与依法治理股股长王小明出席会议。", {("王小明", "普法与依法治理股股长")}),
        # ... while 与 between two people, and a rule-of-law group's head, stay as they were
        ("县司法局副局长王小明与镇长李国华出席。", {("王小明", "副局长"), ("李国华", "镇长")}),
        ("依法治县办公室主任王小明出席。", set()),
    ],
)
def test_divisions_with_compound_names(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a lecturer or judge named between the institution and the title or head
        ("镇里邀请省委党校张文华教授作专题讲座。", {("张文华", "教授")}),
        ("聘请西南政法大学李红梅副教授授课。", {("李红梅", "副教授")}),
        ("邀请县人民法院赵建国法官分别进行讲解。", {("赵建国", "法官")}),
        ("邀请干部学院周敏副院长授课。", {("周敏", "学院副院长")}),
        ("特邀市中级人民法院刘洋庭长讲授民法典。", {("刘洋", "庭长")}),
        # a title before the name, as any post
        ("由省政府特约研究员钱志远作辅导。", {("钱志远", "特约研究员")}),
        # a post before a lecturer's name, his academic title after it
        ("邀请中国法学会副会长孙建华教授作辅导报告。", {("孙建华", "法学会副会长")}),
        ("邀请省委党校副校长吴振华教授授课。", {("吴振华", "党校副校长")}),
        ("特邀华东师范大学常务副校长郑立群研究员讲授宪法。", {("郑立群", "大学常务副校长")}),
        ("县律师协会会长何雨辰律师解读民法典。", {("何雨辰", "律师协会会长")}),
        # national leaders visiting
        (
            "中共中央政治局常委、全国人大常委会委员长赵明远来我镇调研。",
            {("赵明远", "中共中央政治局常委"), ("赵明远", "全国人大常委会委员长")},
        ),
        # an honour after the name closes it
        ("街道综合治理局局长孙立新获评全国模范人民调解员。", {("孙立新", "局长")}),
        # a lawyer's profession is no post; titles named without a person give nothing
        ("聘请律师事务所陈静律师担任法律顾问。", set()),
        ("邀请法学专家教授授课。", set()),
        ("组织法官、检察官进社区。", set()),
    ],
)
def test_lecturers_judges_and_national_leaders(text, expected):
    assert pairs(text) == expected
