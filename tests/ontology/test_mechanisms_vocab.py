"""Tests of ontology/mechanisms.ttl (the SKOS mechanism vocabulary) and its loader.

The file is read twice on purpose: with rdflib, to check the SKOS structure as a curator
wrote it, and through ``kg.extractors.vocabulary``, to check what the extractor and the graph
builder actually see.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg import ontology
from kg.extractors.vocabulary import Concept, Vocabulary, load_vocabulary, normalise

FZ = Namespace("https://w3id.org/fazhi-kg/ontology#")
FZM = Namespace("https://w3id.org/fazhi-kg/id/mechanism/")
SCHEME = URIRef("https://w3id.org/fazhi-kg/id/scheme/mechanisms")
AREAS = {
    "area-government-functions",
    "area-administrative-institutions",
    "area-administrative-decision",
    "area-administrative-enforcement",
    "area-emergency-response",
    "area-dispute-resolution",
    "area-power-oversight",
    "area-technology-support",
    "area-party-leadership",
    "area-legal-education",
}


@functools.cache
def graph() -> Graph:
    return Graph().parse(data=ontology.text("mechanisms.ttl"), format="turtle")


def mechanisms() -> set[URIRef]:
    return set(graph().subjects(RDF.type, FZ.Mechanism))


def areas() -> set[URIRef]:
    return set(graph().subjects(SKOS.topConceptOf, SCHEME))


def local(iri: URIRef) -> str:
    return str(iri)[len(str(FZM)) :]


def literals(subject: URIRef, prop: URIRef, lang: str) -> list[str]:
    return [
        str(o)
        for o in graph().objects(subject, prop)
        if isinstance(o, Literal) and o.language == lang
    ]


# --- structure of the file -------------------------------------------------------------------


def test_scheme_has_zh_and_en_labels_and_ten_top_concepts():
    g = graph()
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in g
    assert literals(SCHEME, SKOS.prefLabel, "zh") and literals(SCHEME, SKOS.prefLabel, "en")
    assert {local(a) for a in areas()} == AREAS
    assert {local(a) for a in g.objects(SCHEME, SKOS.hasTopConcept)} == AREAS


def test_areas_are_plain_concepts_with_labels():
    for area in areas():
        assert (area, RDF.type, SKOS.Concept) in graph()
        assert (area, RDF.type, FZ.Mechanism) not in graph(), (
            f"{local(area)} must not be a fz:Mechanism"
        )
        assert (area, SKOS.inScheme, SCHEME) in graph()
        assert len(literals(area, SKOS.prefLabel, "zh")) == 1
        assert len(literals(area, SKOS.prefLabel, "en")) == 1
        assert not list(graph().objects(area, SKOS.broader))


def test_at_least_sixty_mechanisms():
    assert len(mechanisms()) >= 60


@pytest.mark.parametrize(
    "prop, lang", [(SKOS.prefLabel, "zh"), (SKOS.prefLabel, "en"), (SKOS.definition, "en")]
)
def test_every_mechanism_has_exactly_one(prop, lang):
    wrong = {
        local(m): literals(m, prop, lang) for m in mechanisms() if len(literals(m, prop, lang)) != 1
    }
    assert not wrong


def test_every_mechanism_is_a_concept_in_the_scheme_with_a_kebab_case_name():
    for m in mechanisms():
        assert (m, RDF.type, SKOS.Concept) in graph()
        assert (m, SKOS.inScheme, SCHEME) in graph()
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", local(m)), local(m)
        assert not local(m).startswith("area-")


def test_every_mechanism_has_exactly_one_area_and_only_mechanism_parents_besides():
    area_set = areas()
    for m in mechanisms():
        parents = set(graph().objects(m, SKOS.broader))
        assert len(parents & area_set) == 1, local(m)
        assert parents - area_set <= mechanisms(), local(m)


def test_alt_and_hidden_labels_are_chinese():
    for m in mechanisms():
        for prop in (SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph().objects(m, prop):
                assert label.language == "zh", (local(m), label)


@pytest.mark.parametrize(
    "child, parent",
    [
        ("enforcement-publicity", "three-enforcement-systems"),
        ("enforcement-whole-process-record", "three-enforcement-systems"),
        ("major-enforcement-decision-review", "three-enforcement-systems"),
        ("seventh-five-year-legal-education", "legal-education-plan"),
        ("eighth-five-year-legal-education", "legal-education-plan"),
        ("risk-assessment", "major-decision-procedure"),
        ("lifetime-decision-accountability", "accountability"),
        ("one-case-one-plan-one-team", "petition-work"),
    ],
)
def test_parts_point_to_their_parent_mechanism(child, parent):
    assert (FZM[child], SKOS.broader, FZM[parent]) in graph()


def test_no_label_names_two_concepts():
    owners: dict[str, set[str]] = {}
    for m in mechanisms():
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in literals(m, prop, "zh"):
                owners.setdefault(normalise(label), set()).add(local(m))
    shared = {label: keys for label, keys in owners.items() if len(keys) > 1}
    assert not shared


def test_no_concept_writes_a_label_twice():
    """A label written twice is one triple, so the graph cannot show it; the file's text can (a
    curator adding a label the concept already has is told so)."""
    concepts = re.split(r"\n(?=fzm:[a-z0-9-]+\n)", ontology.text("mechanisms.ttl"))[1:]
    repeated = {
        block.split(maxsplit=1)[0]: [label for label, n in counts.items() if n > 1]
        for block in concepts
        if max((counts := Counter(re.findall(r'"([^"]+)"@zh', block))).values(), default=0) > 1
    }
    assert not repeated


def test_preferred_and_alternative_labels_are_disjoint():
    """SKOS integrity condition S13: a concept's prefLabel is none of its altLabels or
    hiddenLabels (a label written twice is one curators forgot they had)."""
    for m in mechanisms():
        preferred = set(graph().objects(m, SKOS.prefLabel))
        other = set(graph().objects(m, SKOS.altLabel)) | set(graph().objects(m, SKOS.hiddenLabel))
        assert not preferred & other, (local(m), preferred & other)


def test_mechanisms_conform_to_the_shapes():
    data = Graph().parse(data=ontology.text("mechanisms.ttl"), format="turtle")
    ont = Graph().parse(data=ontology.text("fazhi.ttl"), format="turtle")
    shapes = Graph().parse(data=ontology.text("shapes.ttl"), format="turtle")
    conforms, _, report = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ont, inference="none"
    )
    assert conforms, report


# --- the loader ------------------------------------------------------------------------------


def test_loader_gives_plain_frozen_data():
    vocab = load_vocabulary()
    assert isinstance(vocab, Vocabulary)
    assert load_vocabulary() is vocab
    concept = vocab.concepts["legality-review"]
    assert isinstance(concept, Concept)
    assert (concept.pref_zh, concept.pref_en) == ("合法性审查", "legality review")
    assert "合法性审核" in concept.labels and concept.labels[0] == "合法性审查"
    assert concept.broader == ("area-administrative-institutions",)
    assert concept.is_mechanism and not concept.is_area
    with pytest.raises(TypeError):
        vocab.concepts["x"] = concept  # type: ignore[index]
    for c in vocab.concepts.values():
        for value in (c.key, c.iri, c.pref_zh, c.pref_en, c.definition, *c.labels, *c.broader):
            assert type(value) is str


def test_loader_agrees_with_the_file():
    vocab = load_vocabulary()
    assert {c.key for c in vocab.mechanisms()} == {local(m) for m in mechanisms()}
    assert {c.key for c in vocab.areas()} == AREAS
    assert vocab.concepts["enforcement-publicity"].broader == (
        "area-administrative-enforcement",
        "three-enforcement-systems",
    )
    assert all(vocab.area_of(c.key) in AREAS for c in vocab.mechanisms())


def test_label_index_covers_every_label_and_no_area():
    vocab = load_vocabulary()
    counts = Counter(vocab.label_index.values())
    assert set(counts) == {c.key for c in vocab.mechanisms()}
    for c in vocab.mechanisms():
        for label in c.labels:
            assert vocab.lookup(label) == c.key, label
    assert vocab.lookup("政府机构职能体系") is None


# Every mechanism and variant of DOMAIN.md's starting vocabulary, as a report writes it.
DOMAIN_VARIANTS = [
    ("法治建设第一责任人职责", "first-responsible-person"),
    ("第一责任人", "first-responsible-person"),
    ("依法治镇委员会", "rule-of-law-leadership-body"),
    ("法治建设领导小组", "rule-of-law-leadership-body"),
    ("重大行政决策程序", "major-decision-procedure"),
    ("五大法定程序", "major-decision-procedure"),
    ("合法性审查", "legality-review"),
    ("合法性审核", "legality-review"),
    ("应审必审", "legality-review"),
    ("政府法律顾问制度", "government-legal-adviser"),
    ("法律顾问制度", "government-legal-adviser"),
    ("法律顾问", "government-legal-adviser"),
    ("一村（社区）一法律顾问", "one-village-one-legal-adviser"),
    ("一村一法律顾问", "one-village-one-legal-adviser"),
    ("规范性文件管理", "normative-document-management"),
    ("规范性文件备案", "normative-document-filing-review"),
    ("规范性文件清理", "normative-document-cleanup"),
    ("行政执法公示制度", "enforcement-publicity"),
    ("执法全过程记录制度", "enforcement-whole-process-record"),
    ("重大执法决定法制审核制度", "major-enforcement-decision-review"),
    ("行政执法三项制度", "three-enforcement-systems"),
    ("三项制度", "three-enforcement-systems"),
    ("行政执法责任制", "enforcement-responsibility-system"),
    ("行政裁量权基准制度", "discretion-benchmark"),
    ("执法人员资格管理", "enforcement-qualification"),
    ("持证上岗", "enforcement-qualification"),
    ("政务公开", "government-affairs-openness"),
    ("政府信息公开", "government-information-disclosure"),
    ("三务公开", "three-affairs-disclosure"),
    ("“三重一大”议事规则", "three-important-one-large"),
    ("三重一大", "three-important-one-large"),
    ("“四议两公开”", "four-deliberations-two-disclosures"),
    ("第一议题制度", "first-agenda-item"),
    ("“第一议题”制度", "first-agenda-item"),
    ("中心组集体学法", "central-group-law-study"),
    ("领导干部学法用法", "leading-cadres-law-study"),
    ("谁执法谁普法普法责任制", "who-enforces-educates"),
    ("“谁执法谁普法”", "who-enforces-educates"),
    ("八五普法", "eighth-five-year-legal-education"),
    ("“八五”普法", "eighth-five-year-legal-education"),
    ("七五普法", "seventh-five-year-legal-education"),
    ("法律六进", "law-into-six-places"),
    ("法治副校长制度", "legal-vice-principal"),
    ("法制副校长", "legal-vice-principal"),
    ("法律明白人培养", "law-savvy-residents"),
    ("枫桥经验", "fengqiao-experience"),
    ("矛盾纠纷排查调处", "dispute-screening"),
    ("矛盾纠纷大排查", "dispute-screening"),
    ("多元化解", "diversified-dispute-resolution"),
    ("大调解联动", "grand-mediation"),
    ("人民调解", "peoples-mediation"),
    ("行政调解", "administrative-mediation"),
    ("司法调解", "judicial-mediation"),
    ("信访工作机制", "petition-work"),
    ("领导接访", "leader-petition-reception"),
    ("一案一策一专班", "one-case-one-plan-one-team"),
    ("行政机关负责人出庭应诉", "agency-head-court-appearance"),
    ("首问责任制", "first-inquiry-responsibility"),
    ("公开承诺制", "public-commitment"),
    ("社区矫正", "community-correction"),
    ("安置帮教", "post-release-resettlement"),
    ("决策风险评估", "risk-assessment"),
    ("社会稳定风险评估", "risk-assessment"),
    ("听证制度", "hearing"),
    ("权责清单", "power-responsibility-list"),
    ("职权目录", "power-responsibility-list"),
    ("综合行政执法改革", "comprehensive-enforcement-reform"),
    ("民主法治示范村（社区）创建", "democracy-rule-of-law-model-village"),
    ("法治文化阵地建设", "rule-of-law-culture-venues"),
    ("重大决策终身责任追究", "lifetime-decision-accountability"),
    ("责任倒查", "lifetime-decision-accountability"),
    ("人大监督", "congress-oversight"),
    ("社会监督", "public-oversight"),
    ("举报投诉", "complaints-and-reports"),
    ("村务监督委员会", "village-affairs-supervision-committee"),
    ("便民服务中心", "convenience-service-centre"),
    ("一站式服务", "one-stop-service"),
    ("法治建设纳入考核", "rule-of-law-assessment"),
    ("公共法律服务", "public-legal-services"),
    ("法律援助", "legal-aid"),
    ("12345热线", "hotline-12345"),
    ("网格化", "grid-management"),
    ("一村一辅警", "one-village-one-auxiliary-police"),
    ("罚缴分离", "fine-collection-separation"),
    ("收支两条线", "fine-collection-separation"),
]


@pytest.mark.parametrize("label, key", DOMAIN_VARIANTS)
def test_domain_starting_vocabulary_is_covered(label, key):
    assert load_vocabulary().lookup(label) == key


# Mechanisms that real reports name (issue 14: the annotated openings and a survey of 164 other
# reports), each under its area, as reports write them.
REAL_REPORT_CONCEPTS = [
    ("一岗双责", "one-post-two-responsibilities", "area-party-leadership"),
    ("一岗多责", "one-post-two-responsibilities", "area-party-leadership"),
    ("法治政府建设年度报告制度", "annual-rule-of-law-report", "area-party-leadership"),
    ("重大事项请示报告制度", "major-matters-reporting", "area-party-leadership"),
    ("请示汇报制度", "major-matters-reporting", "area-party-leadership"),
    ("法治建设工作台账", "rule-of-law-work-ledger", "area-party-leadership"),
    ("主持人末位表态制", "host-speaks-last", "area-administrative-decision"),
    ("基层立法联系点", "grassroots-legislative-contact-point", "area-administrative-institutions"),
    ("柔性执法", "reasoned-flexible-enforcement", "area-administrative-enforcement"),
    ("说理式执法", "reasoned-flexible-enforcement", "area-administrative-enforcement"),
    ("扫码入企", "enterprise-inspection-code", "area-administrative-enforcement"),
    ("市场准入负面清单", "market-access-negative-list", "area-government-functions"),
    ("信用监管", "credit-based-supervision", "area-government-functions"),
    ("小微权力监督", "small-power-oversight", "area-power-oversight"),
    ("基层法治观察点", "rule-of-law-observation-point", "area-power-oversight"),
    # new variants of concepts the vocabulary had
    ("全面依法治街道委员会", "rule-of-law-leadership-body", "area-party-leadership"),
    ("法治政府建设工作专班", "rule-of-law-leadership-body", "area-party-leadership"),
    ("综合行政执法队", "comprehensive-enforcement-reform", "area-administrative-enforcement"),
    ("党对法治政府建设的领导", "party-leadership-of-rule-of-law", "area-party-leadership"),
    ("任前考法", "official-law-exams", "area-party-leadership"),
    ("法治考核", "rule-of-law-assessment", "area-party-leadership"),
    ("政协监督", "democratic-oversight", "area-power-oversight"),
    ("首个议题", "first-agenda-item", "area-party-leadership"),
    ("应审尽审", "legality-review", "area-administrative-institutions"),
    ("高效办成一件事", "one-stop-service", "area-government-functions"),
    ("四治融合", "three-governance-integration", "area-dispute-resolution"),
]


@pytest.mark.parametrize("label, key, area", REAL_REPORT_CONCEPTS)
def test_real_report_mechanisms_are_concepts_under_their_area(label, key, area):
    vocab = load_vocabulary()
    assert vocab.lookup(label) == key
    assert vocab.area_of(key) == area


# --- a broken vocabulary is refused with a clear error ------------------------------------

_TWO_CONCEPTS = """
@prefix fz: <https://w3id.org/fazhi-kg/ontology#> .
@prefix fzm: <https://w3id.org/fazhi-kg/id/mechanism/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
fzm:a a skos:Concept , fz:Mechanism ; skos:inScheme <https://w3id.org/fazhi-kg/id/scheme/mechanisms> ;
    skos:prefLabel "甲制度"@zh , "a"@en ; skos:altLabel %s .
fzm:b a skos:Concept , fz:Mechanism ; skos:inScheme <https://w3id.org/fazhi-kg/id/scheme/mechanisms> ;
    skos:prefLabel "乙制度"@zh %s .
"""


@pytest.mark.parametrize(
    "alt_a, more_b, message",
    [
        (
            '"共同"@zh',
            ', "b"@en ; skos:altLabel "“共同”"@zh',
            "belongs to both",
        ),  # same label once quotes go
        ('"甲"@zh', "", "exactly one zh and one en"),  # b lacks its en prefLabel
    ],
)
def test_broken_vocabulary_is_refused(alt_a, more_b, message):
    from kg.errors import VocabularyError
    from kg.extractors.vocabulary import _build

    g = Graph().parse(data=_TWO_CONCEPTS % (alt_a, more_b), format="turtle")
    with pytest.raises(VocabularyError, match=message):
        _build(g)


def test_missing_or_invalid_file_is_a_vocabulary_error(monkeypatch):
    from kg import ontology
    from kg.errors import VocabularyError

    with pytest.raises(VocabularyError, match="missing.ttl: ontology file not found"):
        ontology.graph("missing.ttl")
    monkeypatch.setattr(ontology, "text", lambda name: "@prefix x: <a> . x:b x:c")
    with pytest.raises(VocabularyError, match="bad.ttl: not valid Turtle"):
        ontology.graph("bad.ttl")


# ---------------------------------------------------------------- coarse heads (answer keys)


def _heads_table() -> dict[str, list[str]]:
    import tomllib
    from importlib import resources

    return tomllib.loads(
        resources.files("extractors").joinpath("data/mechanism_heads.toml").read_text("utf-8")
    )["heads"]


def test_heads_and_members_are_mechanisms_listed_once():
    table = _heads_table()
    keys = [*table, *(m for members in table.values() for m in members)]
    assert set(keys) <= {local(m) for m in mechanisms()}
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "concept, head",
    [
        ("legality-review", "legality-review"),  # a head is its own head
        ("official-law-exams", "leading-cadres-law-study"),  # a member listed in the table
        ("public-participation", "major-decision-procedure"),  # a part, through skos:broader
        ("leader-petition-reception", "petition-work"),
        ("post-release-resettlement", "community-correction"),
        ("emergency-plans", None),  # outside the coarse vocabulary
        ("no-such-concept", None),
    ],
)
def test_head_of(concept, head):
    assert load_vocabulary().head_of(concept) == head
