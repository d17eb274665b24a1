"""Initiatives: named local programmes, brands, campaigns, events and places.

These signals find them:

* a quoted name, “信用吉山”, “模范机关创建”活动, “开学第一课”, unless it is a
  slogan, a principle, a numbered formula (“三重一大”, “四个意识”), a quoted list
  (“公正、便民、廉洁、高效”), a way of working (“网格+警格”), a descriptor
  (“一站式”), an organisation, platform or app (“苎溪发布”微信公众号), a
  mechanism (``data/initiative_stop.txt`` and, when present, the labels of
  ``ontology/mechanisms.ttl``), a rule or role (followed by 机制, 原则, 作用,
  称号 …, or by a short run naming a rule: “红黄绿”三色预警工作法), a goal
  (做到“无事不扰”, 不搞“层层加码”, 担任“说理员”, “服务零距离”), an honour (荣获全国“…”),
  a service catchphrase (“一窗综办”, “跨省通办”), a role (“楼栋长”) or a sentence
  (“…的事”).  A naming head right after the quote joins the name (“法律明白人”培养工程,
  “和为贵”调解室); a generic one does not (“模范机关创建”活动 -> 模范机关创建, “法治大集”品牌
  -> 法治大集);
* a quoted name that a brand or reform word follows a few words on (“银辉”人民调解品牌,
  “一业一证”改革; not a mechanism label, not over 等), a quoted platform (“…平台”), a
  word joining it to 创建 (“五星”支部创建), a short brand right after the unit's place
  (鹤龙“法务大院”); a pair of mottos joined by · is a name only before a campaign's head;
* a named platform or account, quoted before its kind (“苎溪发布”微信公众号,
  “江西干部网络学院”等新媒体平台), written after it (微信公众号吉山发布为主阵地) or unquoted
  before it when it ends as accounts do (青禾发布微信公众号); cadres' online academies and study
  platforms (江西干部网络学院, 干部网络学院, 湛江干部在线学习中心);
* the unit's 法治X/平安X brand, its place named in the report with its suffix, or a county's
  short name set as a goal (推进法治长兴建设);
* an unquoted name made of a specific modifier and a head that names a place,
  an event or a network (老兵调解室, 李氏祠堂民主议事厅, 宪法宣传周,
  法治文化阵地联盟), or a time-boxed campaign (圩镇提升三年行动).  A name
  followed by a count (建成法治长廊3处) is a kind of place, not a named one.

A name that is a label of the mechanism vocabulary (“法律明白人”培养工程, “放管服”,
“最多跑一次”) is the mechanism, not an initiative.  Day events are written as
month·day (“12·4”, “4·15”); a numbered name longer than four characters is a
brand (“一件事一次办”), a shorter one a slogan (“两学一做”), unless the report
works under it as its own programme (“三个全域”建设, “五区战略”).

Merging variants: the key is the name without quotes, without a leading
toponym (吉山社区老兵调解室 -> 老兵调解室, 大吉山镇法治文化主题广场 ->
法治文化主题广场) and with event aliases resolved (宪法日 -> 国家宪法日).  So
of the ways a report writes one place, the shortest name that still has its
specific modifier is the key.

Examples
--------
>>> from kg.ingest.structure import document_from_text
>>> doc = document_from_text("严格执行“三重一大”议事规则，打造“信用吉山”，成立“老兵调解室”，整合吉山社区老兵调解室。")
>>> sorted({m.key for m in extract_initiatives(doc)})
['信用吉山', '老兵调解室']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain

import ahocorasick

from kg.chars import HAN
from kg.extractors import datafiles
from kg.extractors import gazetteer as gz
from kg.extractors.datafiles import longest_first
from kg.extractors.vocabulary import load_vocabulary
from kg.extractors.wordfind import trie_pattern
from kg.model import TOWNSHIP_ENDINGS, Document, EntityType, Mention

#: The longest quote read as a name: course titles and campaign mottos run to 30-odd characters
#: (“学习贯彻习近平法治思想 强化行政执法能力建设专题培训班”).
_QUOTE_MAX = 40
_QUOTED = re.compile(rf"“([^“”\n]{{1,{_QUOTE_MAX}}})”")
_LIST_MARKS = re.compile(r"[、，,；;：:。！？\s]")
_LIST_MARK = "、"
# Numbered formulas: “三重一大”, “四个意识”, “八五”, “一村一辅警”, “第一议题”, “12·4”.
_FORMULA = re.compile(
    r"^(?:[一二三四五六七八九十两双百千万\d]|第[一二三四五六七八九十])"
    r"|[一二三四五六七八九十两]个"
)
# Day events written as month·day: “12·4”国家宪法日, “3·15”, “4·15”全民国家安全教育日.
_DATE_EVENT = re.compile(r"\d{1,2}[·.．]\d{1,2}")
_A_YEAR = re.compile(r"\d{4}年")
_BRACKETS = re.compile("[()（）]")
_FULL_WIDTH_MARKS = str.maketrans("(),", "（），")  # as the reader writes them
_DATE_DOT = re.compile(r"[.．]")
_JOINED_EVENTS = re.compile("[^暨]+")  # 国家宪法日暨宪法宣传周: two events in one title
_LIST_AFTER = ("等", "、")
# Numbered formulas of four characters or fewer are slogans (“两学一做”, “三会一课”, “一人一档”);
# longer ones name a reform or programme brand (“一件事一次办”, “三管三必须”, “一把手工程”).
_FORMULA_MAX = 4
_CJK = re.compile(f"[{HAN}]")
# A day's name after its date: “3·15”消费者权益日, “6.26”国际禁毒日, “12·4”宪法宣传周.
_EVENT_AFTER = re.compile(rf"[{HAN}]{{2,10}}?(?:日|周|月|节)")
_FORMULA_CHARS = re.compile(r"[+＋\d]")  # a quoted name with a number or a plus
_PLUS = re.compile("[+＋]")  # what joins the parts of a quoted “甲+乙”
_POLICY_PACKAGE = re.compile(r"\d+条$")  # “提信心28条”: a package of measures
# ... and an event's title of two parts (甲·乙, 甲暨乙) names the event a short description on:
# “甲乙三月三·法治伴你行”民族法治宣传活动, “法治三月三·公园打卡”短视频征集评选活动.
_EVENT_TITLE_AFTER = re.compile(rf"(?:(?![的等和与及])[{HAN}]){{0,8}}?活动")
_LAUNCH_WINDOW = 8  # characters read before a short quoted term for the verb launching it
# A count right after a quote: the quoted term names things handed out or made (“告知书”30余份).
_COUNTED = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:余|多)?\s*(?:份|张|册|本|封|条|幅|块|套)")
_PLACES_AREA = 1000  # characters at the start of a report read for its place names
_PLACE_SUFFIX = re.compile("[省镇乡县区市街]")  # 街: 街道 and the 街 of Guangzhou's streets
_ONE_CHAR_COUNTY = re.compile(r"(?<=[^全本我该各两郡化\W\d])县")
_CJK_RUN = re.compile(f"[{HAN}]{{0,8}}")
_FIGURE_AFTER = re.compile(r"[\d一二三四五六七八九十两多]+[个处座家所间块条余]")
_WINDOW = 12
_LEVEL_ALONE = frozenset("省市县区")  # a level standing for the place named elsewhere (省…平台)
_LEVEL_ALONE_REST_MIN = 4  # characters after it: 市平台 is no name to merge
# A platform's name holds its owner's place as well (四川省国家工作人员学法考法平台: 16 characters
# before its head), which the usual window would cut.
_PLATFORM_WINDOW = 20
#: How far back a themed year's modifier may reach (信访矛盾纠纷源头治理多元化解|创新年活动).
_THEMED_YEAR_WINDOW = 20
_PLATFORM_OWNER = re.compile(f"[{HAN}]{{0,4}}?[省市县区]")  # 市行政执法监督平台: the owner's level
_KIND_WINDOW = 30  # characters read before a name for a count, a copula or an honour's verb
_CLAUSE_START = re.compile("[，,。；;：:！？\n]")
_HONOUR_WINDOW = 12  # characters read before a quote for the verb of an honour and its level


@cache
def _cjk_run(window: int) -> re.Pattern[str]:
    """A run of up to ``window`` Han characters, searched up to a head."""
    return re.compile(rf"[{HAN}]{{1,{window}}}\Z")


# Platforms and accounts a report names are its channels for publicity and
# oversight, so they count as initiatives (the answer key lists 浙里办, 苎溪发布).
# A motto of parallel phrases (“令行禁止、有呼必应”) is a name only with the platform or zone it
# names right after it (…综合指挥调度平台); before a campaign (“大排查、大化解”专项行动) it words
# the practice.
_PARALLEL = re.compile(rf"[{HAN}]{{3,5}}(?:、[{HAN}]{{3,5}}){{1,3}}")
_PARALLEL_HEAD = re.compile(rf"[{HAN}]{{0,8}}?(?:平台|专区|系统)")
# A motto names the campaign after it when its phrases are long (four or more characters) or many
# (three or more): “法助共富、法护平安”专项行动, “大排查、早调解、护稳定、迎国庆”专项活动.
# So does one long run of them (the phrases set apart by spaces, which the reader drops:
# “践行甲乙同心 深化丙丁风险化解”集中攻坚行动).
_NAMING_MOTTO = re.compile(
    rf"[{HAN}]{{4,8}}(?:、[{HAN}]{{4,8}}){{1,3}}|[{HAN}]{{3,5}}(?:、[{HAN}]{{3,5}}){{2,4}}"
    rf"|[{HAN}]{{11,30}}"
)
# An ordinal opens a slogan or a duty (“第一道防线”, “第一责任人”), never a programme's name.
_ORDINAL = re.compile("^第[一二三四五六七八九十]")
_PLATFORM_AFTER = re.compile(
    r"(?:等|两个)?(?:新媒体|网络|学习|政务服务|便民服务|政务|普法|移动|综合|服务|管理)?"
    r"(?:微信公众号|公众号|微信小程序|小程序|APP|App|客户端|平台|系统|应用|网站)"
    # a channel the unit runs on a platform (“南方+”洪梅频道)
    rf"|[{HAN}]{{0,4}}?频道"
)
# The not-after-a-quote test follows each kind, so that the pattern starts with a word
# (which the regex engine finds fast) rather than a test it would make at every character.
_ACCOUNT_KIND = "|".join(
    f'{kind}(?<![”"]{kind})' for kind in ("微信公众号", "公众号", "微信小程序")
)
# An account or platform named in quotes right after its kind: 官方微博“青禾司法”, 微信“青禾普法”
# 新媒体平台, 智能咨询平台“门小政”.
_KIND_BEFORE_QUOTE = re.compile(
    r"(?:微信公众号|公众号|微信|微博|抖音号|抖音|视频号|头条号|快手号|小程序|平台)$"
)
# A list of quoted names before a column's kind: “甲”、“乙”等精品栏目 names two columns.
_NEXT_QUOTE = re.compile(rf"[、和及]?“[^“”\n]{{1,{_QUOTE_MAX}}}”")
_COLUMN_WINDOW = 6  # characters between a list of quoted columns and their kind (等法治专题专栏)
_ACCOUNT_BEFORE = re.compile(
    f"(?:{_ACCOUNT_KIND})"
    rf"(?![为以在发等的和及与]|平台|网站|矩阵|账号)(?P<name>[{HAN}]{{2,8}}?)(?=为|等|和|及|、|，|。)"
)


@dataclass(frozen=True)
class _Words:
    """The vocabulary of ``data/initiative_words.toml``, ordered for matching."""

    named: tuple[str, ...]
    campaign: tuple[str, ...]
    campaign_modifier: re.Pattern[str]
    themed_year: re.Pattern[str]  # a themed year's last words (…质量提升年活动, …巩固年行动)
    themed_year_opener: re.Pattern[str]  # the verb launching it, then its name's first words
    training_heads: tuple[str, ...]  # a course named in quotes (“…能力提升培训班”)
    training_min: int
    training_for: re.Pattern[str]  # the audience, then the head, after a course's quote
    after_quote: tuple[str, ...]
    followers: tuple[str, ...]
    registered_after: tuple[str, ...]  # a product's mark after its quoted name (地理标志)
    rule_heads: re.Pattern[str]
    left_rejectors: tuple[str, ...]
    descriptor_endings: tuple[str, ...]
    slogan_openers: tuple[str, ...]
    max_quoted: int
    max_named_quoted: int  # ... longer when it ends in a named head (“两所联合人民调解工作室”)
    org_endings: tuple[str, ...]
    generic: frozenset[str]
    generic_pattern: re.Pattern[str]  # the work every unit does (习近平法治思想宣讲团)
    bounds: tuple[str, ...]
    bound_at: re.Pattern[str]  # a boundary word starting at a position (all overlapping ones)
    toponym_endings: tuple[str, ...]
    not_toponyms: tuple[str, ...]
    aliases: dict[str, str]
    descriptor_max: int
    formula_endings: tuple[str, ...]
    generic_after_quote: tuple[str, ...]
    slogan_named_by: tuple[str, ...]  # a campaign head that makes a slogan-like term a name
    not_names: re.Pattern[str]
    campaign_named: tuple[str, ...]
    campaign_named_min: int
    # a campaign's topic read back over 和 (…突出问题专项整治)
    campaign_topic_endings: tuple[str, ...]
    campaign_time_endings: tuple[str, ...]  # a time before the head, no topic (…期间专项整治)
    campaign_topic_links: tuple[str, ...]
    campaign_topic_max: int
    campaign_on: re.Pattern[str]  # a campaign's head a few characters on (…专项整治三年行动)
    place_brand: re.Pattern[str]
    county_brand_prefixes: tuple[str, ...]  # 法治长兴建设: a county's brand set as a goal …
    county_brand_before: tuple[str, ...]  # … a word it comes before …
    not_counties: frozenset[str]  # … and county short names that are ordinary words
    stem_not_ends: tuple[str, ...]  # how a word before a place's suffix ends that names none
    known_plain: ahocorasick.Automaton  # the known names without a pattern
    known: tuple[re.Pattern[str], ...]
    campaign_names: re.Pattern[str]
    campaign_verbs: re.Pattern[str]
    campaign_window: int
    campaign_work: tuple[str, ...]
    campaign_honour: re.Pattern[str]  # the unit honoured for its part (…专项斗争先进集体)
    motto_campaigns: re.Pattern[str]
    motto_events: re.Pattern[str]  # an event a long motto names by itself (…宣传活动)
    short_quoted: int
    short_heads: tuple[str, ...]
    launch: re.Pattern[str]
    after_quote_linked: tuple[str, ...]
    slogan_named_by_window: int
    brand_after: re.Pattern[str]  # a naming word of a brand within a window (…人民调解品牌)
    reform_after: re.Pattern[str]
    platform_endings: tuple[str, ...]  # how a quoted platform's name ends (…平台, …法网)
    platform_min: int
    place_endings: tuple[str, ...]
    motto_dot: str
    bare_levels: tuple[str, ...]
    academies: ahocorasick.Automaton  # the kinds of an online academy (干部网络学院)
    owned_academy_kinds: frozenset[str]  # ... named only with an owner (安徽干部教育在线)
    owned_academy_tail: str  # a word after one that is part of its name (…在线平台)
    academy_owners: frozenset[str]  # owners that are no place (中国, 浙里)
    modifier_levels: tuple[str, ...]  # level words opening a modifier (村级, 全市)
    account_verbs: tuple[str, ...]  # verbs that start what an account does (公众号推送…)
    account_endings: tuple[str, ...]  # how an account's name ends (吉山发布, 青禾普法)
    account_kinds: tuple[str, ...]  # the kinds an account's name may come before
    after_quote_refused_before: tuple[str, ...]
    honour_before: re.Pattern[str]  # an honour's verb and level right before a quote (荣获全国“…”)
    slogan_words: re.Pattern[str]  # words of a sentence, not a name (“老百姓的事”)
    shortfall_endings: tuple[str, ...]  # a problem named in quotes (“服务覆盖不均”)
    outline_after: tuple[str, ...]  # a quoted outline of the work (“强基础、补短板”工作思路)
    programme_after: tuple[str, ...]  # a numbered programme's head (“三个全域”建设)
    programme_endings: tuple[str, ...]  # … or its own last word (“五区战略”)
    counted_rules: re.Pattern[str]  # rules to keep (“五个坚决防止”)
    method_brand_after: tuple[str, ...]  # a method named by a brand (“职通民声”工作法)
    body_endings: tuple[str, ...]  # an account named as a body (“青禾县司法局”公众号)
    platforms: tuple[str, ...]  # heads of unquoted platforms (市行政执法监督平台)
    projects: tuple[str, ...]  # heads of unquoted projects (法治政府建设提升工程)
    project_modifier_min: int
    project_openers: tuple[str, ...]
    platform_modifier_min: int
    platform_generic: tuple[str, ...]
    unless_after_quote: tuple[str, ...]  # 品牌调解工作室 is a kind unless a quote stands before it
    audiences: tuple[str, ...]  # whom a place serves (农民普法讲堂: a kind) …
    topics: frozenset[str]  # … and what it teaches
    audience_heads: frozenset[str]
    service_words: frozenset[str]  # a quoted term of these only labels a desk (“法律咨询服务”)
    kind_count: re.Pattern[str]  # a count before a name makes it a kind (建设一个农家法治书屋)
    copulas: tuple[str, ...]  # … and a copula (…是法治文化主题公园)
    copula_levels: tuple[str, ...]  # … or a level after one of level_copulas (作为国家级…)
    level_copulas: tuple[str, ...]
    honour_verbs: re.Pattern[str]  # … and an honour's verb earlier in the clause (被评为…)
    column_kinds: tuple[str, ...]  # what follows a column's 《name》 (专题栏目)
    column_host_verbs: tuple[str, ...]  # … not after a verb of opening it there (开设专栏)
    listed_media: re.Pattern[str]  # the kind after a list of the place's media (等平台)
    role_endings: tuple[str, ...]  # a numbered formula of roles (“三官一律一专家”) names no brand
    far_place_heads: tuple[str, ...]  # a room's head far after its quoted brand …
    far_place_window: int  # … at most this many characters on
    place_characters: tuple[str, ...]  # how a place's name ends (…厅, …室): one before 的 stays
    plan_after_de: tuple[str, ...]  # 的 + one of these: the plan the quoted campaign is about
    venue_heads: tuple[str, ...]  # squares and parks that are a name only with a word of law …
    law_words: tuple[str, ...]  # … in it (法治文化广场; 奥林匹克文化广场 is a venue)


@cache
def _words() -> _Words:
    data = datafiles.toml("initiative_words.toml")
    heads, reject = data["heads"], data["reject"]
    known = _known_names(datafiles.lines("initiative_known.txt"))
    return _Words(
        named=longest_first(heads["named"]),
        campaign=longest_first(heads["campaign"]),
        campaign_modifier=re.compile(heads["campaign_modifier"]),
        themed_year=re.compile(f"(?:{trie_pattern(heads['year_themes'])})年(?:行动|(?=活动))"),
        themed_year_opener=re.compile(
            f".*(?:{trie_pattern(heads['year_openers'])})(?P<name>[{HAN}]{{2,{_THEMED_YEAR_WINDOW}}})$"
        ),
        training_heads=longest_first(heads["training_heads"]),
        training_min=int(heads["training_min"]),
        training_for=re.compile(
            f"(?:{trie_pattern(heads['training_audiences'])})(?:{trie_pattern(heads['training_heads'])})"
        ),
        after_quote=longest_first(heads["after_quote"]),
        followers=longest_first(reject["followers"]),
        registered_after=longest_first(reject["registered_after"]),
        # (the 办 of 举办 is the verb of what follows: “甲论坛”报告会举办法治讲座 names no 办法)
        rule_heads=re.compile(f"(?<!举)(?:{'|'.join(map(re.escape, reject['rule_heads']))})"),
        left_rejectors=longest_first(reject["left_rejectors"]),
        descriptor_endings=tuple(reject["descriptor_endings"]),
        slogan_openers=longest_first(reject["slogan_openers"]),
        max_quoted=int(reject["max_quoted_length"]),
        max_named_quoted=int(reject["max_named_quoted_length"]),
        org_endings=tuple(reject["org_endings"]),
        generic=frozenset(reject["generic_modifiers"]),
        generic_pattern=re.compile(
            "|".join(f"(?:{p})" for p in reject["generic_modifier_patterns"])
        ),
        bounds=longest_first(data["bounds"]["words"]),
        bound_at=re.compile(
            f"(?=({'|'.join(map(re.escape, longest_first(data['bounds']['words'])))}))"
        ),
        toponym_endings=longest_first(data["names"]["toponym_endings"]),
        not_toponyms=longest_first(data["names"]["not_toponyms"]),
        aliases=dict(data["aliases"]),
        descriptor_max=int(reject["descriptor_max_length"]),
        formula_endings=tuple(reject["formula_endings"]),
        generic_after_quote=longest_first(heads["generic_after_quote"]),
        slogan_named_by=tuple(reject.get("slogan_named_by", ())),
        not_names=re.compile("|".join(f"(?:{p})" for p in reject["patterns"])),
        campaign_named=longest_first(heads["campaign_named"]),
        campaign_named_min=int(heads["campaign_named_min"]),
        campaign_topic_endings=tuple(heads["campaign_topic_endings"]),
        campaign_time_endings=tuple(heads["campaign_time_endings"]),
        campaign_topic_links=tuple(heads["campaign_topic_links"]),
        campaign_topic_max=int(heads["campaign_topic_max"]),
        campaign_on=re.compile(
            rf"[{HAN}]{{0,4}}?(?:{'|'.join(map(re.escape, longest_first(heads['campaign'])))})"
        ),
        place_brand=_place_brand(data["brands"]["place_brand"], data["brands"]["not_places"]),
        county_brand_prefixes=tuple(data["brands"]["county_brand_prefixes"]),
        county_brand_before=tuple(data["brands"]["county_brand_before"]),
        not_counties=frozenset(data["brands"]["not_counties"]),
        stem_not_ends=tuple(data["brands"]["stem_not_ends"]),
        known_plain=_automaton(known[0]),
        known=known[1],
        campaign_names=re.compile("|".join(data["campaigns"]["names"])),
        campaign_verbs=re.compile("|".join(data["campaigns"]["verbs"])),
        campaign_window=int(data["campaigns"]["window"]),
        campaign_work=tuple(data["campaigns"]["work"]),
        campaign_honour=re.compile(data["campaigns"]["honour_after"]),
        motto_campaigns=re.compile("|".join(longest_first(data["campaigns"]["motto_heads"]))),
        motto_events=re.compile("|".join(longest_first(data["campaigns"]["motto_events"]))),
        short_quoted=int(reject["short_quoted_length"]),
        short_heads=longest_first(
            heads["generic_after_quote"] + heads["after_quote"] + reject["short_heads"]
        ),
        launch=re.compile(f"(?:{'|'.join(reject['launch_verbs'])})[^，。；、]{{0,2}}$"),
        after_quote_linked=longest_first(heads["after_quote_linked"]),
        slogan_named_by_window=int(reject["slogan_named_by_window"]),
        brand_after=_word_within(reject["brand_words"], int(reject["brand_window"])),
        reform_after=_word_within(reject["reform_words"], int(reject["reform_window"])),
        platform_endings=tuple(reject["platform_endings"]),
        platform_min=int(reject["platform_min"]),
        place_endings=tuple(reject["place_endings"]),
        motto_dot=str(reject["motto_dot"]),
        bare_levels=longest_first(data["names"]["bare_levels"]),
        academies=_automaton(data["academies"]["kinds"] + data["academies"]["owned_kinds"]),
        owned_academy_kinds=frozenset(data["academies"]["owned_kinds"]),
        owned_academy_tail=str(data["academies"]["owned_tail"]),
        academy_owners=frozenset(data["academies"]["owners"]),
        modifier_levels=longest_first(data["names"]["modifier_levels"]),
        account_verbs=longest_first(data["accounts"]["verbs"]),
        account_endings=tuple(data["accounts"]["endings"]),
        account_kinds=tuple(data["accounts"]["kinds"]),
        after_quote_refused_before=tuple(heads["after_quote_refused_before"]),
        honour_before=re.compile(f"(?:{reject['honour_before']})$"),
        slogan_words=re.compile("|".join(map(re.escape, reject["slogan_words"]))),
        shortfall_endings=longest_first(reject["shortfall_endings"]),
        outline_after=longest_first(reject["outline_after"]),
        programme_after=longest_first(reject["programme_after"]),
        programme_endings=tuple(reject["programme_endings"]),
        counted_rules=re.compile(reject["counted_rules"]),
        method_brand_after=tuple(reject["method_brand_after"]),
        body_endings=tuple(reject["body_endings"]),
        platforms=longest_first(heads["platforms"]),
        projects=longest_first(heads["projects"]),
        project_modifier_min=int(heads["project_modifier_min"]),
        project_openers=longest_first(heads["project_openers"]),
        platform_modifier_min=int(heads["platform_modifier_min"]),
        platform_generic=longest_first(heads["platform_generic"]),
        unless_after_quote=tuple(data["kinds"]["unless_after_quote"]),
        audiences=longest_first(data["kinds"]["audiences"]),
        topics=frozenset(data["kinds"]["topics"]),
        audience_heads=frozenset(data["kinds"]["audience_heads"]),
        service_words=frozenset(data["kinds"]["service_words"]),
        kind_count=re.compile(data["kinds"]["count"]),
        copulas=longest_first(data["kinds"]["copulas"]),
        copula_levels=longest_first(data["kinds"]["copula_levels"]),
        level_copulas=longest_first(data["kinds"]["level_copulas"]),
        honour_verbs=re.compile("|".join(map(re.escape, data["kinds"]["honour_verbs"]))),
        column_kinds=longest_first(data["kinds"]["column_kinds"]),
        column_host_verbs=tuple(data["kinds"]["column_host_verbs"]),
        listed_media=re.compile("|".join(longest_first(data["kinds"]["listed_media_kinds"]))),
        role_endings=tuple(reject["role_endings"]),
        far_place_heads=longest_first(heads["far_place_heads"]),
        far_place_window=int(heads["far_place_window"]),
        place_characters=tuple(reject["place_characters"]),
        plan_after_de=tuple("的" + head for head in reject["plan_after_de"]),
        venue_heads=longest_first(heads["venue_heads"]),
        law_words=tuple(heads["law_words"]),
    )


def _word_within(words: list[str], window: int) -> re.Pattern[str]:
    """One of ``words`` after at most ``window`` Han characters (matched at a quote's end)."""
    # not over 等: "“甲”“乙”等…品牌" calls a list of practices brands, it names none
    return re.compile(rf"(?:(?!等)[{HAN}]){{0,{window}}}?(?:{'|'.join(map(re.escape, words))})")


def _place_brand(pattern: str, not_places: list[str]) -> re.Pattern[str]:
    """The brand pattern, refusing the words that are never a place in the regex itself."""
    refused = f"(?!{'|'.join(map(re.escape, not_places))})" if not_places else ""
    return re.compile(pattern.replace("(?P<place>", f"{refused}(?P<place>", 1))


def _known_names(
    lines: tuple[str, ...],
) -> tuple[list[str], tuple[re.Pattern[str], ...]]:
    """The lines of ``data/initiative_known.txt``: plain names, and the patterns."""
    plain = [line for line in lines if re.escape(line) == line]
    patterns = [line for line in lines if re.escape(line) != line]
    return plain, tuple(re.compile(p) for p in patterns)


def _academy_owner(text: str, start: int, owners: frozenset[str]) -> str:
    """Who runs the online academy whose kind starts at ``start``: the nation, a province or a
    city (2 or 3 characters: 江西, 广东省, 湛江) or one of ``owners``, written right before it; or ''.

    >>> _academy_owner("依托湛江干部在线学习中心", 4, frozenset({"中国"}))
    '湛江'
    >>> _academy_owner("组织干部在线学习中心", 2, frozenset({"中国"}))
    ''
    """
    for width in (2, 3):
        owner = text[max(0, start - width) : start]
        if owner in owners or gz.province_named(owner) is not None or gz.city_named(owner):
            return owner
    return ""


def _account_kind_starts(text: str) -> Iterator[int]:
    """Where a kind of account (公众号, 视频号 …) starts in ``text``; in 微信公众号, the start
    of the longer kind only."""
    ends: dict[int, int] = {}
    for last, length in _account_kinds().iter(text):
        ends[last] = max(length, ends.get(last, 0))
    for last in sorted(ends):
        yield last + 1 - ends[last]


@cache
def _account_kinds() -> ahocorasick.Automaton:
    """The kinds of account a name may come before (青禾发布微信公众号), found in one pass."""
    return _automaton(list(_words().account_kinds))


def _automaton(words: list[str]) -> ahocorasick.Automaton:
    """Words -> their length, in an automaton that finds them all in one pass."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


@cache
def _stop_terms() -> frozenset[str]:
    stop = frozenset(datafiles.lines("initiative_stop.txt"))
    return stop | _mechanism_labels()


@cache
def _mechanism_labels() -> frozenset[str]:
    """Every label of the mechanism vocabulary, without quotes.

    A quoted term that names a mechanism (“四议两公开”) is a mechanism, not an
    initiative.
    """
    return frozenset(
        label.replace("“", "").replace("”", "")
        for concept in load_vocabulary().concepts.values()
        for label in concept.labels
    )


def _names_a_mechanism(inner: str, after: str) -> bool:
    """Whether a quote and the words right after it spell a mechanism's label (“办不成事”专窗)."""
    labels = _mechanism_labels()
    return any(inner + after[:k] in labels for k in range(1, len(after) + 1))


def extract_initiatives(doc: Document) -> list[Mention]:
    """Find named local programmes, brands, campaigns, events and places.

    Parameters
    ----------
    doc : Document
        A structured report.

    Returns
    -------
    list of Mention
        INITIATIVE mentions, one per occurrence; ``key`` is the merged name
        without quotes.  Sorted, without duplicates.

    Examples
    --------
    >>> from kg.ingest.structure import document_from_text
    >>> doc = document_from_text("利用宪法宣传周、民法典宣传月等节点，扎实推进“法律明白人”培养工程，树牢“四个意识”。")
    >>> [(m.text, m.key) for m in extract_initiatives(doc)]
    [('宪法宣传周', '宪法宣传周'), ('民法典宣传月', '民法典宣传月')]
    """
    text = doc.text
    found: dict[tuple[int, int], str] = {}
    taken: list[tuple[int, int]] = []
    places = _Places(text)
    for start, end, name in _quoted(text, places):
        found[(start, end)] = name
        taken.append((start, end))
    quotes = [m.span() for m in _QUOTED.finditer(text)]
    for start, end, name in _named_brands(text, places):
        if not any(a <= start < b or a < end <= b for a, b in taken):
            found[(start, end)] = name
            taken.append((start, end))
    quoted_at = {end: start for start, end in found}
    for start, end, name in chain(_unquoted(text), _themed_years(text), _province_platforms(text)):
        if not any(a <= start < b or a < end <= b for a, b in taken + quotes):
            if start in quoted_at:
                if name.startswith("主题"):
                    continue  # “甲乙”主题普法宣传日: the event named by its theme, read above
                # a quoted brand, then what it names: “蒲公英”普法志愿者联盟 is one name
                begin = quoted_at[start]
                found[(begin, end)] = found.pop((begin, start)) + name
                continue
            if name[: len(name) - len(_named_head(name))] in _words().unless_after_quote:
                continue  # 品牌调解工作室: a kind, with no brand before it
            found[(start, end)] = name
    keys = {span: normalise_name(name) for span, name in found.items()}
    fuller = _fuller_names(set(keys.values()))
    mentions = {
        Mention(text[s:e], EntityType.INITIATIVE, s, e, doc.section_kind_at(s), fuller.get(k, k))
        for (s, e), k in keys.items()
    }
    # A name that is a mechanism label (“法律明白人”培养工程) is the mechanism, not a programme.
    mentions = {m for m in mentions if m.key not in _mechanism_labels()}
    return sorted(
        (m for m in mentions if m.key), key=lambda m: (m.start, m.end, m.type.value, m.key)
    )


def _fuller_names(keys: set[str]) -> dict[str, str]:
    """Keys named by a level alone (省执法监督平台), each with the one key of the report that names
    the same thing by its place (青川省执法监督平台): one programme."""
    out: dict[str, str] = {}
    for key in keys:
        rest = key[1:]
        if key[:1] not in _LEVEL_ALONE or len(rest) < _LEVEL_ALONE_REST_MIN:
            continue
        longer = [k for k in keys if k.endswith(rest) and len(k) > len(key) and k[:1] != key[:1]]
        if len(longer) == 1:
            out[key] = longer[0]
    return out


def normalise_name(name: str) -> str:
    """The key of an initiative name: no quotes, no leading toponym, aliases resolved.

    Examples
    --------
    >>> normalise_name("吉山社区老兵调解室"), normalise_name("“信用吉山”"), normalise_name("宪法日")
    ('老兵调解室', '信用吉山', '国家宪法日')
    >>> normalise_name("新农村法治长廊"), normalise_name("内部参阅（第一期）"), normalise_name("甲乙,丙丁")
    ('新农村法治长廊', '内部参阅', '甲乙，丙丁')
    >>> normalise_name("三月法治宣传月"), normalise_name("五月花")
    ('法治宣传月', '五月花')
    """
    words = _words()
    name = name.replace("“", "").replace("”", "").translate(_FULL_WIDTH_MARKS).strip()
    name = _ISSUE.sub("", name) or name  # a bulletin's issue is no part of its name
    name = _LEADING_MONTH.sub("", name)  # 三月法治宣传月: the month's campaign is 法治宣传月
    if _DATE_EVENT.fullmatch(name):
        name = _DATE_DOT.sub("·", name)  # “6.26” and “6·26” are one day
    name = _strip_toponym(name)
    return words.aliases.get(name, name)


#: The month a campaign month is held in, written before its name (三月法治宣传月).
_LEADING_MONTH = re.compile(f"^(?:[一二三四五六七八九十]{{1,3}}|\\d{{1,2}})月(?=[{HAN}]{{3,}}月$)")
#: The issue or batch of a bulletin or programme written after its name (内部参阅（第一期）).
_ISSUE = re.compile("（第[一二三四五六七八九十百\\d]+[期批辑号]）$")
_PLACE_BRAND_NAME = re.compile(f"(?:法治|平安)([{HAN}]{{2}})")
# Counted levels (百县千镇万村) open a programme's name; they are no place.
_COUNTED_LEVELS = re.compile("(?:[一二三四五六七八九十百千万]+[县镇乡村区市])+")


def _strip_toponym(name: str) -> str:
    words = _words()
    head = _named_head(name)
    if not head:
        return name
    if name.startswith(words.not_toponyms) or "、" in name:
        return name  # (a motto keeps its first phrase: 法润乡村、法护民生专项行动)
    if name.startswith(words.bare_levels):
        level = next(w for w in words.bare_levels if name.startswith(w))
        modifier = name[len(level) : len(name) - len(head)]
        if len(modifier) >= 2 and modifier not in words.generic:
            return name[len(level) :]  # 街道平安大联盟: the level word alone names no place
    for i in range(len(name) - len(head) - 2, 2, -1):
        if (
            name[:i].endswith(words.toponym_endings)
            and len(name[:i].rstrip("镇乡村县区市街道社区")) >= 2  # noqa: B005 - a set of characters
            and not _COUNTED_LEVELS.fullmatch(name[:i])
        ):
            rest = name[i:]
            modifier = rest[: len(rest) - len(head)]
            if len(modifier) >= 2 and modifier not in words.generic:
                return rest
    return name


def _named_head(name: str) -> str:
    words = _words()
    for heads in (words.named, words.after_quote, words.campaign_named):
        if name.endswith(heads):  # one test in C first: many names end in no head
            return next(h for h in heads if name.endswith(h))
    return ""


#: The kind after a list of quoted campaigns (“甲”“乙”等专项行动): each quote names one.
_LISTED_CAMPAIGN = re.compile("等(?:专项行动|集中行动|专项整治|专项治理|系列行动)")
#: Heads right after a quote that make it a campaign (“减证便民”行动, “复议为民促和谐”专项行动).
_CAMPAIGN_HEADS = frozenset(("行动", "专项行动", "集中行动", "工程"))
_HAN_CHARS = re.compile(f"[{HAN}]")


@cache
def _after_quote_pattern() -> re.Pattern[str]:
    # Up to three linking characters between the quote and its head: “法律明白人”培养工程.
    # Not before a plan's word: “满天星”行动计划 is the plan of 满天星, no 满天星行动.
    words = _words()
    heads = "|".join(map(re.escape, words.after_quote))
    refused = "|".join(map(re.escape, words.after_quote_refused_before))
    # not after a word that defines the quote (“N阵地”即法治公园: the quote is what the place is)
    # nor over a conjunction: “三联动”及警务室 joins two things, it names no room
    # (nor over 等, which ends a list of quotes: “甲”等专项行动 names each quote, not the kind)
    return re.compile(rf"(?![即指是为及和与或等])[{HAN}]{{0,3}}?(?:{heads})(?!{refused})")


@cache
def _far_place_pattern() -> re.Pattern[str]:
    # A room named by a quoted brand and a longer description of its work: “甲乙”网格矛盾纠纷化解工作室,
    # “丙丁”妇女儿童维权调解室 (not over 等, 的, a list mark, or a copula: “甲室”作为金牌调解工作室
    # says what the room is).
    words = _words()
    heads = "|".join(map(re.escape, words.far_place_heads))
    return re.compile(
        rf"(?:(?![的等和与及是即]|作为|成为)[{HAN}]){{4,{words.far_place_window}}}?(?:{heads})"
    )


@cache
def _linked_pattern() -> re.Pattern[str]:
    # One to three linking characters, then a head that joins only so: “五星”支部创建.
    heads = "|".join(map(re.escape, _words().after_quote_linked))
    return re.compile(rf"(?:(?![的之])[{HAN}]){{1,3}}?(?:{heads})")


@cache
def _head_pattern() -> re.Pattern[str]:
    words = _words()
    heads = longest_first(
        words.named + words.campaign_named + words.campaign + words.platforms + words.projects
    )
    return re.compile("|".join(map(re.escape, heads)))


def _dated_days(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The days and weeks a quote names after their dates, joined by 暨 (12·4国家宪法日暨宪法宣传周):
    (start, end, name) of each, the date left out."""
    for part in _JOINED_EVENTS.finditer(text, start, end):
        date = _DATE_EVENT.match(text, part.start(), part.end())
        day_start = date.end() if date else part.start()
        if _EVENT_AFTER.fullmatch(text, day_start, part.end()):
            yield day_start, part.end(), text[day_start : part.end()]


def _quoted(text: str, places: _Places) -> Iterator[tuple[int, int, str]]:
    """Quoted initiative names: (start, end, name) with the span covering the quotes."""
    words = _words()
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        after = text[m.end() : m.end() + 10]
        if _names_a_mechanism(inner, after) or inner in _stop_terms():
            # “办不成事”专窗: the quote and the words after it are a mechanism's label;
            # “互联网+监管”建设: a stopped term under any head (no test below repeats this one)
            continue
        if text.startswith(words.registered_after, _quotes_run_end(text, m.end())):
            continue  # “青禾花猪”“青禾鸡”地理标志: products by their origin, over the list
        if _DATE_EVENT.fullmatch(inner):
            # “3·15”消费者权益日 is the day's name; a date alone (“3·15”, “6.26”) names no day
            # (tests/gold/README.md), nor a list of them (“4·15”“12·4”等重要节点)
            event = (
                None if text.startswith(_LIST_AFTER, m.end()) else _EVENT_AFTER.match(text, m.end())
            )
            if event:
                yield event.start(), event.end(), event.group()
            continue
        if _DATE_EVENT.match(inner):
            # “6.26国际禁毒日”, “12·4国家宪法日暨宪法宣传周”: the days and weeks, without the date
            days = list(_dated_days(text, m.start(1), m.end(1)))
            yield from days
            if days:
                continue
        if len(inner) >= words.training_min and (
            (inner.endswith(words.training_heads) and not _LIST_MARKS.search(inner))
            # (a title of two phrases before the head: “学习贯彻…，全面提升依法行政能力”专题培训班)
            or (
                text.startswith(words.training_heads, m.end())
                and not _LIST_MARKS.search(inner.replace("，", ""))
            )
        ):
            yield m.start(), m.end(), inner  # a course by its title: “…能力素质提升培训班”
            continue
        if len(inner) >= words.training_min and (course := words.training_for.match(text, m.end())):
            # “…”领导干部研讨班: a course's title however it is worded (“甲、乙”干部培训班)
            yield m.start(), course.end(), inner + course.group()
            continue
        brand = words.place_brand.match(inner)
        if (
            brand
            and inner[brand.end("place") :] in words.county_brand_before
            and (places.named(brand.group("place")) or _county_goal(brand, inner))
        ):
            continue  # “法治宝安建设”: the unit's brand set as a goal, read with the brands
        if brand and brand.end() == len(inner) and _above_the_unit(brand.group(0)):
            continue  # “法治益阳”: a city's brand, carried by every unit under it
        if _numbered_programme(inner, text, m.start(), m.end(), places):
            yield m.start(), m.end(), inner  # “三个全域”建设, “五区战略”, “五个江夏”
            continue
        parts = inner.split("、")
        if 1 < len(parts) <= 3 and all(
            _numbered_programme(part, text, m.start(), m.end(), places) for part in parts
        ):
            # “一区四中心、五个章贡”建设: two numbered programmes in one quote, each a name
            at = m.start(1)
            for part in parts:
                at = text.index(part, at)
                yield at, at + len(part), part
                at += len(part)
            continue
        if (
            words.not_names.search(inner)
            or words.counted_rules.match(inner)
            or after.startswith(words.outline_after)
        ):
            # a mechanism's wording (“法治进校园”), a survey (“群众满意度调查”) or the outline of
            # the work (“强基础、补短板”工作思路), not a programme
            continue
        if _NUMBERED.fullmatch(inner) and _deployed_above(text, m.start()):
            # 省委“1310”具体部署, 汕尾市委“1+2+9”规划部署: a province's or city's programme,
            # which every unit under it carries, as its brands (tests/gold/README.md)
            continue
        if all(part and _topics_only(part, words.service_words) for part in _PLUS.split(inner)):
            # “信访纠纷受理”, “法律咨询服务”, “线上+线下”: a desk's label or a channel's, no name
            continue
        head = _PARALLEL_HEAD.match(text, m.end()) if _PARALLEL.fullmatch(inner) else None
        if head:
            # a paired motto naming what follows it: “一键呼叫、全区响应”企业服务专区
            yield m.start(), head.end(), inner + head.group()
            continue
        campaign = (
            words.motto_campaigns.match(text, m.end()) if _NAMING_MOTTO.fullmatch(inner) else None
        )
        event = words.motto_events.match(text, m.end()) if _NAMING_MOTTO.fullmatch(inner) else None
        if event and not campaign:
            # “运用甲乙力量守护丙丁资源”宣传活动: the quote names the event
            yield m.start(), m.end(), inner
            continue
        if (
            not campaign
            and _NAMING_MOTTO.fullmatch(inner)
            and not inner.startswith(words.slogan_openers)
            and not text.startswith("的", m.end())
            and words.brand_after.match(text, m.end())
        ):
            yield m.start(), m.end(), inner  # “党建引领、执法为民”服务品牌: the brand's motto
            continue
        if campaign:
            # a campaign named by a motto of long or many phrases: “法助共富、法护平安”专项行动
            # is 法助共富、法护平安, as every annotator names it (“大排查、大化解”专项行动, two short
            # phrases, words the practice)
            yield m.start(), m.end(), inner
            continue
        plain = len(inner) >= 2 and not _LIST_MARKS.search(inner)
        if plain and _column_after(text, m.end()):
            yield m.start(), m.end(), inner  # “甲”、“乙”等精品栏目: each quote a column's name
            continue
        if (
            plain
            and len(inner) <= words.max_quoted
            and _KIND_BEFORE_QUOTE.search(text, max(0, m.start() - 5), m.start())
            and not inner.endswith(words.body_endings)
            and not _FORMULA.search(inner)
        ):
            # 官方微博“青禾司法”: an account by its name (平台“三下沉”: a count, what the platforms do)
            yield m.start(), m.end(), inner
            continue
        if plain and len(_HAN_CHARS.findall(inner)) >= 4 and _LISTED_CAMPAIGN.match(text, m.end()):
            yield m.start(), m.end(), inner  # “信访积案集中化解百日攻坚”等专项行动: one of them
            continue
        if plain and not _descriptor(inner):
            link = (
                _after_quote_pattern().match(after)
                or _linked_pattern().match(after)
                or _far_place_pattern().match(text, m.end())
            )
            if link and link.group(0).startswith("主题"):
                # “美好生活·民法典相伴”主题宣传月: the event named by its theme
                yield m.start(), m.end(), inner
                continue
            if link and link.group(0) in _CAMPAIGN_HEADS and len(_HAN_CHARS.findall(inner)) >= 4:
                # a campaign named by a phrase: “减证便民”行动 is 减证便民, as every annotator
                # names it; a word's campaign keeps its head (“清风”行动 is 清风行动)
                yield m.start(), m.end(), inner
                continue
            if link and link.group(0).startswith("建设"):
                # the goal built is the programme (“首善区”建设工作安排 -> 首善区), as every gold
                # item of a quote before 建设 names it
                yield m.start(), m.end(), inner
                continue
            if link:
                yield m.start(), m.end() + link.end(), inner + link.group(0)
                continue
        if plain and (
            words.brand_after.match(text, m.end())
            or words.reform_after.match(text, m.end())
            or (len(inner) >= words.platform_min and inner.endswith(words.platform_endings))
        ):
            yield m.start(), m.end(), inner  # “银辉”人民调解品牌, “一业一证”改革
            continue
        before = text[max(0, m.start() - 4) : m.start()]
        # an honour won or reached (荣获全国“…”, 入选省级“…”) is its mechanism's evidence; tested
        # last, as most quotes fail a cheaper test first
        window = max(0, m.start() - _HONOUR_WINDOW)
        if (
            # (over the rest of a run of quotes: “甲”“乙”等公众号平台)
            _PLATFORM_AFTER.match(text, _quotes_run_end(text, m.end()))
            and 2 <= len(inner) <= words.max_quoted + 2
            and not _LIST_MARKS.search(inner)
        ):
            # a named platform or account: “监督一点通”微信小程序; one named as a body
            # (“青禾县司法局”微信公众号) is the body's channel, no programme
            if not words.honour_before.search(text, window, m.start()) and not inner.endswith(
                words.body_endings
            ):
                yield m.start(), m.end(), inner
            continue
        if (
            _is_quoted_initiative(inner, after, places)
            and not before.endswith(words.left_rejectors)
            and not _bare_short_term(inner, text, m.start(), after, places)
        ):
            # (a count before it makes it a kind: 建成25个“农家书屋普法角”; one is no count:
            # 一块“甲工作室”的牌子 counts the sign)
            if not words.honour_before.search(text, window, m.start()) and not (
                words.kind_count.search(text, max(0, m.start() - 4), m.start())
                and text[m.start() - 2] != "一"
            ):
                yield m.start(), m.end(), inner
        elif (
            _FORMULA_CHARS.search(inner)
            and not _LIST_MARKS.search(inner)
            and len(_CJK.findall(inner)) >= 2
            and (after.startswith(words.generic_after_quote) or _POLICY_PACKAGE.search(inner))
            and not words.honour_before.search(text, window, m.start())
        ):
            yield m.start(), m.end(), inner  # “非遗传承+普法宣传”项目, “静海镇10条”
    # An account named right after its kind, unquoted: 微信公众号吉山发布为主阵地.
    for m in _ACCOUNT_BEFORE.finditer(text):
        name = m.group("name")
        if name.startswith(words.account_verbs):
            continue  # 公众号推送普法信息: what the account does, not its name
        if text.startswith(("，", "。"), m.end()) and not name.endswith(words.account_endings):
            continue  # a name that ends the clause must look like an account's (…发布, …普法)
        yield m.start("name"), m.end("name"), name
    # ... or right before it: 通过青禾发布微信公众号推送, 开通云溪普法视频号
    for kind_start in _account_kind_starts(text):
        if kind_start and text[kind_start - 1] in '”"':
            continue  # “青禾普法”公众号: the quoted name is read above
        start = _modifier_start(text, kind_start)
        name = text[start:kind_start]
        if 4 <= len(name) <= 8 and name.endswith(words.account_endings) and _CJK.match(name):
            yield start, kind_start, name


def _numbered_programme(inner: str, text: str, start: int, end: int, places: _Places) -> bool:
    """Whether a quoted numbered formula is the unit's own programme: deployed by its county
    (区委“九大行动”), before a programme's head, over a run of quotes (“三区两地”“四个灵丘”发展定位),
    ending in one (“五区战略”) or holding the unit's place (“五个江夏”); not a province's or a
    city's (省委“1310”) nor a national formula (“四个全面”)."""
    words = _words()
    if (
        not _FORMULA.search(inner)
        or _A_YEAR.match(inner)
        or len(inner) > words.max_quoted
        or _LIST_MARKS.search(inner)
        or words.not_names.search(inner)
    ):
        return False  # (“2023年度主要安排”: a year's plan; “百强县”: a ranking)
    end = _quotes_run_end(text, end)
    owned = (
        # 区委“九大行动”, 区委“四个大抓”“四地建设”: the county's numbered programmes, which its
        # units carry out (tests/gold/README.md: a county's deployment counts)
        _deployed_by_the_county(text, start)
        or text.startswith(words.programme_after, end)
        or any(inner.endswith(e) and len(inner) > len(e) + 1 for e in words.programme_endings)
        or _holds_own_place(inner, places)
    )
    return owned and not _deployed_above(text, start, _KIND_WINDOW)


def _quotes_run_end(text: str, end: int) -> int:
    """Where the run of quotes a quote ending at ``end`` opens ends (“甲”、“乙”“丙”等…)."""
    for _ in range(_LIST_LENGTH):  # (bounded: a run of thousands of quotes reads 8 a quote)
        nxt = _NEXT_QUOTE.match(text, end)
        if not nxt:
            break
        end = nxt.end()
    return end


def _column_after(text: str, end: int) -> bool:
    """Whether a column's kind follows a quote, over the rest of its list: “甲”、“乙”等精品栏目."""
    return _column_kind().match(text, _quotes_run_end(text, end)) is not None


@cache
def _column_kind() -> re.Pattern[str]:
    """A column's kind at most ``_COLUMN_WINDOW`` characters on (等精品栏目, 等法治专题专栏)."""
    kinds = "|".join(map(re.escape, longest_first(_words().column_kinds)))
    return re.compile(rf".{{0,{_COLUMN_WINDOW}}}?(?:{kinds})")


def _is_quoted_initiative(inner: str, after: str, places: _Places) -> bool:
    words = _words()
    if _PLUS.search(inner):
        return False  # “网格+警格”, “线上+线下”: ways of working, not names
    timed = inner.endswith(words.campaign) and words.campaign_modifier.search(inner)
    titled = (words.motto_dot in inner or "暨" in inner) and _EVENT_TITLE_AFTER.match(after)
    longest = (
        words.max_named_quoted
        if inner.endswith(words.named) or timed or titled
        else words.max_quoted
    )
    # (one mark at most besides a place in brackets: “信用中国(哈尔滨呼兰)”)
    if (
        not 3 <= len(inner) <= longest
        or len(_CJK.findall(inner)) < len(_BRACKETS.sub("", inner)) - 1
    ):
        return False
    if inner.startswith(words.slogan_openers) and not _named_by_campaign(after):
        return False
    if words.slogan_words.search(inner) or inner.endswith(words.shortfall_endings):
        return False  # words of a sentence (“老百姓的事”, “有了底气”) or a problem, not a name
    if inner.endswith(words.place_endings):
        return False  # a place (“广西-东盟经开区”), not a programme
    if _LIST_MARKS.search(inner) or (
        _FORMULA.search(inner)
        and len(inner) <= _FORMULA_MAX
        and not inner.endswith(words.named)
        and not _holds_own_place(inner, places)
    ):
        # (a place named with its head is no formula: “三堡讲堂”; nor is the unit's own brand
        # counted in its place's name: “四个灵丘”, “五大东海”)
        return False
    if _ORDINAL.match(inner) or (_FORMULA.search(inner) and inner.endswith(words.role_endings)):
        return False  # “第一道防线”; a count of roles (“三官一律一专家”) staffs a practice
    if _descriptor(inner) or inner.endswith(words.org_endings):
        return False
    if after.startswith(words.method_brand_after):
        return True  # the brand of a method (“职通民声”工作法); numbered ones failed above
    run = _CJK_RUN.match(after)  # always matches, maybe empty
    if after.startswith(words.followers) or _COUNTED.match(after):
        return False  # a rule, a role …; or things counted (发出“居民告知书”30余份)
    if (
        after.startswith("的")
        and not inner.endswith(words.place_characters)
        and not after.startswith(words.plan_after_de)
    ):
        # “一村跨两国”的渊源, “两个确立”的意义: a quote that describes what follows names nothing
        # (one in 56 of the older sets' quotes before 的 is a name, a room: “小五合议厅”的)
        return False
    return run is None or not words.rule_heads.search(run.group())


def _named_by_campaign(after: str) -> bool:
    """Whether a campaign head follows, at most a few characters on (“以案四说”典型案例警示教育)."""
    words = _words()
    return any(
        after.startswith(words.slogan_named_by, i) for i in range(words.slogan_named_by_window + 1)
    )


def _bare_short_term(inner: str, text: str, start: int, after: str, places: _Places) -> bool:
    """A short quoted term with nothing that makes it a name: a slogan (“牛鼻子”, “零容忍”).

    A term of ``short_quoted`` characters or fewer is a name only when a head follows it
    (“说法评理”平台, “如法网”学习考试), when it holds a place the report names (“信用吉山”), or
    when a verb launches it (打造“屋场夜话”).
    """
    words = _words()
    if len(inner) > words.short_quoted:
        return False
    if after.startswith(words.short_heads) or _PLATFORM_AFTER.match(after):
        return False
    if _named_by_campaign(after):
        return False  # “以案四说”典型案例警示教育
    if inner.endswith(words.named) and len(inner) > min(map(len, words.named)):
        return False  # a place or event with its head and a modifier: “三堡讲堂”
    first = _list_start(text, start)
    if words.launch.search(text, max(0, first - _LAUNCH_WINDOW), first):
        return False  # (the verb may launch a list of quoted names: 打造“甲”“乙”“丙”等品牌)
    if places.named(text[max(0, start - 2) : start]):
        return False  # the unit's own brand, its place right before it: 鹤龙“法务大院”
    if _PLACE_SUFFIX.match(text, start - 1) and places.named(text[max(0, start - 3) : start - 1]):
        return False  # … or its village's, with the suffix: 清真村“小圆桌”
    if text.startswith("街道", start - 2) and places.named(text[max(0, start - 4) : start - 2]):
        return False  # … or its street's: 良渚街道“共享法庭”
    return not _holds_own_place(inner, places)


def _holds_own_place(inner: str, places: _Places) -> bool:
    """Whether a quoted term holds a place the report names (“信用吉山”), not with its suffix:
    “驻社区” names no place 驻社."""
    return any(
        places.named(inner[i : i + 2]) and not _PLACE_SUFFIX.match(inner, i + 2)
        for i in range(len(inner) - 1)
    )


_LIST_LENGTH = 8  # quoted names read back in a list of adjacent quotes (“甲”“乙”“丙”)


def _list_start(text: str, start: int) -> int:
    """Where a run of adjacent quoted terms ending with the one at ``start`` begins."""
    for _ in range(_LIST_LENGTH):
        if start < 2 or text[start - 1] not in "”、":
            break
        close = start - 1 if text[start - 1] == "”" else start - 2
        if close < 0 or text[close] != "”":
            break
        opening = text.rfind("“", max(0, close - _words().max_quoted - 1), close)
        if opening < 0 or "”" in text[opening:close]:
            break
        start = opening
    return start


def _descriptor(inner: str) -> bool:
    """A quoted word that describes rather than names (“一站式”, “常态化”, “法治工作全局化”)."""
    words = _words()
    if not inner.endswith(words.descriptor_endings):
        return False
    # a longer numbered programme may end in 化 (“三重四创五优化”); other terms are goals
    # (“法治工作全局化”) or descriptors (“一门一网式”)
    return (
        len(inner) <= words.descriptor_max
        or not _FORMULA.search(inner)
        or not inner.endswith(words.formula_endings)
    )


def _named_brands(text: str, places: _Places) -> Iterator[tuple[int, int, str]]:
    """Unquoted brands: the unit's 法治+place brand (法治有庆) and nationally known names (雪亮工程).

    法治 (平安, 信用 …) + a place is a brand where the place is named in the report with its
    suffix (有庆镇, 罗源县) or where it leads the national formula 法治X、法治政府、法治社会.
    """
    words = _words()
    for m in words.place_brand.finditer(text):
        place = m.group("place")
        if m.group("prefix") == "法治" and text.endswith("依", 0, m.start()):
            continue  # 依法治省及市: governing by law, no brand
        if _above_the_unit(m.group("prefix") + place):
            continue  # 法治广东, 平安福州: the brand of a province or city, not the unit's
        longer = text[m.start("place") : m.end("place") + 1]
        if not m.group("formula") and _a_county_of_three(longer) and places.named(longer):
            yield m.start(), m.end("place") + 1, m.group("prefix") + longer  # 平安九龙坡
            continue
        if not m.group("formula") and not places.named(place) and not _county_goal(m, text):
            continue
        yield m.start(), m.end("place"), m.group("prefix") + place
    for last, length in words.academies.iter(text):
        start, end = last + 1 - length, last + 1
        owner = _academy_owner(text, start, words.academy_owners)
        if text[start:end] in words.owned_academy_kinds:
            if not owner:
                continue  # 干部在线学习 alone is an activity, no platform
            tail = words.owned_academy_tail
            end += len(tail) if text.startswith(tail, end) else 0
        yield start - len(owner), end, owner + text[start:end]
    for m in words.campaign_names.finditer(text):
        before = text[max(0, m.start() - words.campaign_window) : m.start()]
        if words.campaign_honour.match(text, m.end()) or (
            (words.campaign_verbs.search(before) or text.startswith(words.campaign_work, m.end()))
            and not text.startswith("专项斗争", m.end())
            and not _longer_campaign(text, m)
        ):
            # (扫黑除恶专项斗争, 根治欠薪冬季攻坚行动: the longer campaign is read by its head,
            # but in an honour, which names no programme, the campaign is read by its name)
            yield m.start(), m.end(), m.group()
    yield from _columns(text)
    yield from _place_named(text, places)
    yield from _listed_media(text, places)
    for last, length in words.known_plain.iter(text):
        start, name = last + 1 - length, text[last + 1 - length : last + 1]
        audience = next((a for a in words.audiences if text.endswith(a, 0, start)), "")
        if audience and _for_an_audience(audience + name[:2]):
            continue  # 职工法治大讲堂: a kind of place named by whom it serves, no one programme
        yield start, last + 1, name
    for pattern in words.known:
        for m in pattern.finditer(text):
            span = m.span("name") if "name" in pattern.groupindex else m.span()
            name = text[span[0] : span[1]]
            if not _above_the_unit(name):
                yield span[0], span[1], name


def _longer_campaign(text: str, name: re.Match[str]) -> bool:
    """Whether a known campaign's name opens a longer timed one (根治欠薪冬季攻坚行动), which the
    campaign head reads; 扫黑除恶行动 is the campaign itself."""
    words = _words()
    on = words.campaign_on.match(text, name.end())
    return on is not None and words.campaign_modifier.search(name.group() + on.group()) is not None


_TITLED = re.compile("《([^《》\n]{2,12})》")
_TITLE_LINK = re.compile("[、和及与]|以及")


@cache
def _place_named_kinds() -> tuple[re.Pattern[str], int, int, tuple[str, ...]]:
    """The kinds, the modifier's bounds and the refused words of ``[place_named]``."""
    data = datafiles.toml("initiative_words.toml")["place_named"]
    kinds = re.compile("|".join(map(re.escape, longest_first(data["kinds"]))))
    return kinds, int(data["modifier_min"]), int(data["modifier_max"]), tuple(data["refused"])


def _a_place(stem: str, places: _Places) -> bool:
    """Whether ``stem`` is a place the report names with its suffix and no common word (法治 of
    法治街道 is no place) nor a county of one character (郏县 names brands only)."""
    return (
        bool(stem)  # (a kind at the text's start has no place before it: “行动镇”)
        and _CJK_RUN.fullmatch(stem) is not None  # a place's name has no punctuation in it
        and places.named(stem)
        and not _PLACE_SUFFIX.search(stem[-1])
        and stem not in datafiles.common_words()
    )


def _place_named(text: str, places: _Places) -> Iterator[tuple[int, int, str]]:
    """Programmes and platforms named by the unit's place: 青禾护苗行动, 青禾民情通小程序."""
    kinds, lo, hi, refused = _place_named_kinds()
    words = _words()
    for kind in kinds.finditer(text):
        for width in range(lo, min(hi, kind.start()) + 1):
            start = kind.start() - width
            modifier = text[start : kind.start()]
            place = next(
                (w for w in (2, 3) if _a_place(text[max(0, start - w) : start], places)), 0
            )
            if (
                place
                and _CJK_RUN.fullmatch(modifier)
                and not _PLACE_SUFFIX.match(modifier)
                and not any(word in modifier for word in refused)
                and not words.bound_at.search(modifier)
                and modifier not in words.generic
            ):
                yield start - place, kind.end(), text[start - place : kind.end()]
                break


@cache
def _province_platform_pattern() -> re.Pattern[str]:
    """A province's name, full or short, a modifier and a platform's kind (``[province_platform]``)."""
    data = datafiles.toml("initiative_words.toml")["province_platform"]
    names = {n for p in gz.provinces() for n in (p.name, p.short)}
    return re.compile(
        f"(?:{'|'.join(longest_first(sorted(names)))})"
        f"[{HAN}]{{{int(data['modifier_min'])},{int(data['modifier_max'])}}}?"
        f"(?:{'|'.join(longest_first(data['kinds']))})"
    )


def _themed_years(text: str) -> Iterator[tuple[int, int, str]]:
    """Campaigns named by a themed year, unquoted, after the verb launching them
    (开展行政复议质量提升年活动 -> 行政复议质量提升年, 印发依法行政巩固年行动实施方案 ->
    依法行政巩固年行动)."""
    words = _words()
    for m in words.themed_year.finditer(text):
        before = words.themed_year_opener.search(
            text, max(0, m.start() - 2 * _THEMED_YEAR_WINDOW), m.start()
        )
        if before is not None:
            yield before.start("name"), m.end(), text[before.start("name") : m.end()]


def _province_platforms(text: str) -> Iterator[tuple[int, int, str]]:
    """Platforms named by their province in a sentence, unquoted (通过贵州政务服务网公示,
    参与安徽干部教育在线平台学习)."""
    for m in _province_platform_pattern().finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if _CLAUSE_START.search(text, line_start, line_end if line_end >= 0 else len(text)):
            # (a line without a clause is a page's links: 丽水市人民政府 浙江政务服务网)
            yield m.start(), m.end(), m.group()


def _listed_media(text: str, places: _Places) -> Iterator[tuple[int, int, str]]:
    """Media named by the unit's place, listed before their kind (通过青禾微刊、青禾融媒等平台): each
    item a place's name and two to four characters; the first may follow a verb (通过)."""
    for kind in _words().listed_media.finditer(text):
        clause = _CLAUSE_BEFORE.search(text, max(0, kind.start() - _LIST_REACH), kind.start())
        if clause is None:
            continue
        items = clause.group().split(_LIST_MARK)
        if len(items) < 2:
            continue
        found, pos = [], clause.start()
        for i, item in enumerate(items):
            name = _media_name(item, places, first=i == 0)
            if name is None:
                break
            found.append((pos + len(item) - len(name), pos + len(item), name))
            pos += len(item) + 1
        else:
            yield from found


def _media_name(item: str, places: _Places, first: bool) -> str | None:
    """The place-named medium an item of a list is, or None (the first item may hold a verb)."""
    for rest in (4, 3, 2):
        for width in (3, 2):
            name = item[-(width + rest) :]
            if (
                len(name) == width + rest
                and (first or name == item)
                and _a_place(name[:width], places)
            ):
                return name
    return None


# The Han run of a list's clause before its kind, and how far back it is read.
_CLAUSE_BEFORE = re.compile(f"[{HAN}、]+$")
_LIST_REACH = 40


def _columns(text: str) -> Iterator[tuple[int, int, str]]:
    """Columns and programmes named in 《》 before their kind: 《法治高州》和《法眼看天下》专题栏目."""
    kinds, not_names = _words().column_kinds, _words().not_names
    titles = list(_TITLED.finditer(text))
    run: list[re.Match[str]] = []
    for i, m in enumerate(titles):
        run.append(m)
        nxt = titles[i + 1] if i + 1 < len(titles) else None
        if nxt and _TITLE_LINK.fullmatch(text[m.end() : nxt.start()]):
            continue  # the list of titles goes on
        after = text[m.end() : m.end() + 8]
        if not after.startswith(_words().column_host_verbs) and any(
            after.startswith(kinds, k) for k in range(3)
        ):  # (专题)栏目, (普法)节目
            for title in run:
                if not not_names.search(title.group(1)):  # (《民法典》等节目: the law's name)
                    yield title.start(1), title.end(1), title.group(1)
        run = []


def _a_county_of_three(place: str) -> bool:
    """Whether ``place`` is a county's short name of three characters (九龙坡 of 九龙坡区)."""
    return (
        len(place) == 3 and _CJK_RUN.fullmatch(place) is not None and bool(gz.county_named(place))
    )


def _county_goal(brand: re.Match[str], text: str) -> bool:
    """Whether a place brand is a county's or a township's set as a goal (推进法治长兴建设, 法治多宝建设),
    the report not naming the place with its suffix: a county's short name, no province's or
    city's, or a township's that is no common word."""
    words = _words()
    place = brand.group("place")
    return (
        brand.group("prefix") in words.county_brand_prefixes
        and text.startswith(words.county_brand_before, brand.end("place"))
        and place not in words.not_counties
        and (bool(gz.county_named(place)) or _a_township(place))
        and not _above_the_unit(brand.group("prefix") + place)
    )


def _gazetteer_place(stem: str) -> bool:
    """Whether the gazetteer knows ``stem`` as a province, city, county or township."""
    return bool(
        gz.province_named(stem)
        or gz.city_named(stem)
        or gz.county_named(stem)
        or any(gz.towns_named(stem + suffix) for suffix in TOWNSHIP_ENDINGS)
    )


def _a_township(place: str) -> bool:
    """Whether ``place`` is a township's name without its suffix in the gazetteer and no common
    word (多宝 of 多宝镇; not 交通, 白鹤, 五星)."""
    return place not in datafiles.common_words() and any(
        gz.towns_named(place + suffix) for suffix in TOWNSHIP_ENDINGS
    )


#: A programme named by numbers alone (“1310”, “1+2+9”).
_NUMBERED = re.compile(r"[\d+＋·.、]+")
#: The committee or government that deploys it, written before the quote (省委, 汕尾市委, 州委, 县委).
_DEPLOYER = re.compile("([省州盟地市县区旗])(?:委|人民政府|政府)")
#: Deployers always above a county: a province's, a prefecture's (州委, 盟委, 地委).
_ABOVE_THE_COUNTY = "省州盟地"


def _deployed_above(text: str, quote: int, reach: int = 6) -> bool:
    """Whether the committee or government of a province or a city deploys the quote at ``quote``:
    the last deployer in its clause, at most ``reach`` characters before it (省委“1310”, 州委“337”,
    汕尾市委“1+2+9”; 围绕省委打造“三大高地”、实施“五大战略” with a longer reach); a bare 市委 is
    the city's unless the report is a county-level city's, and a county's own (县委“九大行动”) is
    no level above."""
    start = max(0, quote - reach)
    for clause_end in _CLAUSE_START.finditer(text, start, quote):
        start = clause_end.end()
    deployer = None
    for deployer in _DEPLOYER.finditer(text, start, quote):  # noqa: B007 - the last one decides
        pass
    if deployer is None or deployer.group(1) not in _ABOVE_THE_COUNTY + "市":
        return False
    if deployer.group(1) in _ABOVE_THE_COUNTY:
        return True
    end = deployer.end(1)
    before = [text[end - n : end] for n in (3, 4, 5) if end >= n]
    # (a municipality's committee is a province's: 重庆市委“885”)
    if any(gz.province_named(w) or any(c.name == w for c in gz.city_named(w)) for w in before):
        return True
    # a bare 市委 is the city's above the county, unless the report is a county-level city's
    # (罗定市委“1+2+3”, or 市委 in a report of 罗定市 or of a town under it)
    own_city = any(gz.county_named(w) for w in before)
    return not own_city and not _county_level_city_named(text)


#: A place name ending in 市 in a report's opening (罗定市, 义乌市).
_CITY_NAME = re.compile(f"[{HAN}]{{2,4}}市")


def _county_level_city_named(text: str) -> bool:
    """Whether a report's opening names a county-level city (罗定市, 义乌市): the unit or the
    county over it, whose committee a bare 市委 may be."""
    return any(
        any(c.name == m.group() for c in gz.county_named(m.group()))
        for m in _CITY_NAME.finditer(text, 0, _PLACES_AREA)
    )


#: A county's committee right before a quote (区委“九大行动”), and the quotes of a run after it.
#: (Not a bare 市委: a county-level city's, but also a municipality's, 重庆市委“885”.)
_COUNTY_COMMITTEE = re.compile("(?:县委|区委|旗委)(?:“[^“”\n]{1,12}”)*$")


def _deployed_by_the_county(text: str, quote: int) -> bool:
    """Whether the quote at ``quote`` follows its county's committee (区委“四城同创”), directly or
    after the quotes of a run (区委“四个大抓”“四地建设”)."""
    return _COUNTY_COMMITTEE.search(text, max(0, quote - 40), quote) is not None


def _above_the_unit(name: str) -> bool:
    """Whether a brand names a province or a city (法治浙江, 平安福州): a place above the units
    that write these reports, whose brand is not theirs (tests/gold/README.md)."""
    brand = _PLACE_BRAND_NAME.fullmatch(name)
    if brand is None:
        return False
    place = brand.group(1)
    return gz.province_named(place) is not None or bool(gz.city_named(place))


class _Places:
    """The places a report names with a suffix in its opening, found once, when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stems: frozenset[str] | None = None

    def named(self, stem: str) -> bool:
        """Whether the report names ``stem`` as a place (有庆 in 有庆镇, 罗源 in 罗源县)."""
        if self.stems is None:
            text = self.text
            # the unit names itself in its title and opening: read there only, so a long
            # report costs no more than a short one
            end = min(len(text), _PLACES_AREA)
            self.stems = (
                frozenset(
                    text[m.start() - width : m.start()]
                    for m in _PLACE_SUFFIX.finditer(text, 2, end)
                    # 乡镇, 镇街, 区县, 市县: a category of units (平安和美乡镇), not a place;
                    # 省级, 市级: a level (…法治报等省级媒体)
                    if not _PLACE_SUFFIX.match(text, m.end()) and not text.startswith("级", m.end())
                    for width in (2, 3)  # 有庆 (有庆镇), 九龙坡 (九龙坡区)
                )
                | {  # a county of one character, written with its suffix (法治郏县)
                    text[m.start() - 1 : m.end()] for m in _ONE_CHAR_COUNTY.finditer(text, 1, end)
                }
            )
            # a common word before a suffix is no place (纳入区委: 纳入), nor a word linked to it
            # or a kind of area (stem_not_ends), unless the gazetteer knows it (长安区)
            common = datafiles.common_words()
            ends = _words().stem_not_ends
            self.stems = frozenset(
                s
                for s in self.stems
                if not (s in common or s.endswith(ends)) or _gazetteer_place(s)
            )
        return stem in self.stems


def _unquoted(text: str) -> Iterator[tuple[int, int, str]]:
    """Unquoted names: a specific modifier and a head (place, event, network, campaign)."""
    words = _words()
    for m in _head_pattern().finditer(text):
        head = m.group(0)
        modifier_start = _modifier_start(
            text, m.start(), _PLATFORM_WINDOW if head in words.platforms else _WINDOW
        )
        modifier = text[modifier_start : m.start()]
        name = modifier + head
        if head in words.campaign_named:
            # 普法强基补短板专项行动, 网络生态治理专项行动: a specific name, not 开展专项行动
            if (
                len(modifier) < words.campaign_named_min
                or modifier in words.generic
                or modifier.endswith(words.campaign_time_endings)
            ):
                continue
            if text.startswith(_LIST_MARK, modifier_start - 1):
                continue  # 非法采砂、非法捕捞专项整治: a list of topics words the work
            if words.campaign_on.match(text, m.end()):
                continue  # 安全生产专项整治三年行动: the longer campaign is read by its head
            if modifier.endswith(words.campaign_topic_endings):
                modifier_start = _topic_start(text, modifier_start, m.start())
                modifier = text[modifier_start : m.start()]
                name = modifier + head
        elif head in words.campaign:
            if len(modifier) < 3 or not words.campaign_modifier.search(modifier):
                continue
            if text.startswith(words.after_quote_refused_before, m.end()):
                continue  # 率先突破两年行动计划: a plan's title, not the campaign
        elif head in words.projects:
            # 法治政府建设提升工程 is a project; 建设工程, 民生工程 are kinds of works
            if len(modifier) < words.project_modifier_min or not modifier.startswith(
                words.project_openers
            ):
                continue
        elif head in words.platforms:
            # 市行政执法监督平台 is one platform; 一体化平台, 信息化平台 are kinds
            owner = _PLATFORM_OWNER.match(modifier)
            rest = modifier[owner.end() :] if owner else ""
            if len(rest) < words.platform_modifier_min or rest.startswith(words.platform_generic):
                continue
        elif name in words.aliases or name in words.aliases.values():
            pass
        elif (
            len(modifier) < 2
            or modifier in words.generic
            or _unlevelled(modifier) in words.generic  # 村级法治文化广场, 全市普法论坛: kinds
            # ... or the unit's level alone before the topic (镇法治文化广场: the town's, a kind)
            or _unlevelled(modifier, words.toponym_endings) in words.generic
            # (市习近平法治思想学习实践宣讲团: the work every unit does, after its level)
            or words.generic_pattern.fullmatch(_unlevelled(modifier, words.toponym_endings))
            or not _CJK.match(modifier)
        ):
            continue
        if _FIGURE_AFTER.match(text, m.end()):
            continue  # 建成法治长廊3处: a kind of place counted, not one named place
        if _a_kind(text, modifier_start, modifier):
            continue
        if head in words.audience_heads and _for_an_audience(modifier):
            continue  # 农民普法讲堂: named by whom it serves and what it teaches, a kind
        if head in words.venue_heads and not any(w in modifier for w in words.law_words):
            continue  # 奥林匹克文化广场: a venue of the town, no place of the rule of law
        yield modifier_start, m.end(), name


def _topic_start(text: str, start: int, head_start: int) -> int:
    """Where a campaign's topic starts when it names a problem: back over 和/与/及 to the
    boundary before (道路交通安全和运输执法领域突出问题专项整治), within ``campaign_topic_max``."""
    words = _words()
    while text.startswith(words.campaign_topic_links, start - 1):
        earlier = _modifier_start(text, start - 1)
        if earlier >= start - 1 or head_start - earlier > words.campaign_topic_max:
            break
        start = earlier
    return start


def _a_kind(text: str, start: int, modifier: str) -> bool:
    """Whether a name starting at ``start`` names a kind: after a count (建设一个农家法治书屋, 三处…),
    a copula (…是法治文化主题公园) or an honour's verb in its clause (被评为…和十佳…主题公园)."""
    words = _words()
    before = text[max(0, start - _KIND_WINDOW) : start]
    # (the count may end inside the modifier: 组建3支宣讲队, the 支 taken in as its first word)
    if any(
        words.kind_count.search(text, max(0, start - _KIND_WINDOW), start + i)
        for i in range(len(modifier))
    ):
        return True
    level = next((w for w in words.copula_levels if before.endswith(w)), "")
    if before.endswith(words.copulas) or (
        level and before.removesuffix(level).endswith(words.level_copulas)
    ):
        return True  # (…是法治文化主题公园, 作为国家级基层立法联络站: what the unit is, a kind)
    clause = _CLAUSE_START.split(before)[-1]
    return words.honour_verbs.search(clause) is not None


def _for_an_audience(modifier: str) -> bool:
    """Whether a modifier is an audience and topics only (农民普法, 村民学法, 农家法治), with no
    word of a name of its own (临江企业法治文化 names a place)."""
    words = _words()
    rest = _unlevelled(modifier)
    audience = next((a for a in words.audiences if rest.startswith(a)), "")
    return bool(audience) and _topics_only(rest[len(audience) :], words.topics)


def _topics_only(rest: str, topics: frozenset[str]) -> bool:
    """Whether ``rest`` splits into words of ``topics`` (empty: yes)."""
    if rest and rest[:2] not in _openings(topics):
        return False  # most quoted terms open with no such word: no split is tried
    ends = {0}
    for i in range(1, len(rest) + 1):
        if any(j in ends and rest[j:i] in topics for j in range(max(0, i - 4), i)):
            ends.add(i)
    return len(rest) in ends


@cache
def _openings(words: frozenset[str]) -> frozenset[str]:
    """The first two characters of each of ``words`` (all are two characters or longer)."""
    return frozenset(word[:2] for word in words)


def _unlevelled(modifier: str, levels: tuple[str, ...] | None = None) -> str:
    """A modifier without the level word it starts with (村级法治 -> 法治, 全市普法 -> 普法), or
    without the first of ``levels`` (the level standing alone, 镇法治 -> 法治: only for the test
    of a generic topic, as 村民 of 村民学法 is an audience, no level)."""
    levels = _words().modifier_levels if levels is None else levels
    return modifier[len(next((w for w in levels if modifier.startswith(w)), "")) :]


def _modifier_start(text: str, head_start: int, window: int = _WINDOW) -> int:
    """Where the modifier of a head starts: after the last boundary word before it, at most
    ``window`` characters back."""
    words = _words()
    run = _cjk_run(window).search(text, max(0, head_start - window), head_start)
    lo = run.start() if run else head_start
    # the furthest end of any boundary word in the window (they may overlap: 建设立), one the
    # window's edge cuts included (举|行学习实践…论坛)
    edge = max(lo - 1, 0)
    ends = [
        end
        for m in words.bound_at.finditer(text, edge, head_start)
        if (end := m.start() + len(m.group(1))) > lo
    ]
    start = max(ends, default=lo)
    if start and text[start] in "年月日" and text[start - 1].isdigit():
        start += 1  # 2024年宪法宣传月: a date's last word is no part of the name
    return start
