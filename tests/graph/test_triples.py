"""Graph building: IRIs, town facts, evidence, determinism, SHACL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic

from kg.graph.triples import build_graph, mint
from kg.graph.validate import validate
from kg.ingest.structure import document_from_text
from kg.model import EntityType as T
from kg.model import ExtractedReport, Mention, Place
from kg.namespaces import FZ, MECHANISM, RDF, RDFS
from kg.output.rdf import turtle
from kg.run.report import extract_document

TEXT = (
    "青禾县青禾镇人民政府\n青禾镇2023年法治政府建设情况报告\n一、主要举措和成效\n"
    "全面落实合法性审查，成功化解矛盾纠纷72起。\n二、存在的不足\n普法还未实现全覆盖。\n"
    "三、下一步工作打算\n推行政府法律顾问制度。\n四、党政主要负责人履行第一责任人职责情况\n"
    "党委书记王建国同志带头学习《中华人民共和国民法典》。"
)
PLACE = Place(
    town="青禾镇",
    county="青禾县",
    city="青禾市",
    province="浙江省",
    county_code="330000",
    confidence=1.0,
    how="test",
)


def _mention(doc, text, type_, key, nth=0, **attrs):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return Mention(
        text,
        type_,
        start,
        start + len(text),
        doc.section_kind_at(start),
        key,
        tuple(sorted(attrs.items())),
    )


def _report(text=TEXT, place=PLACE):
    doc = document_from_text(text, "qinghe_2023.txt")
    mentions = (
        _mention(doc, "合法性审查", T.MECHANISM, "legality-review"),
        _mention(doc, "政府法律顾问制度", T.MECHANISM, "government-legal-adviser"),
        _mention(doc, "王建国", T.OFFICIAL, "王建国", post="党委书记"),
        _mention(
            doc, "《中华人民共和国民法典》", T.LAW, "中华人民共和国民法典", kind="NationalLaw"
        ),
        _mention(
            doc,
            "成功化解矛盾纠纷72起",
            T.INDICATOR,
            "化解矛盾纠纷",
            value="72",
            unit="起",
            qualifier="",
        ),
        _mention(doc, "普法还未实现全覆盖", T.PROBLEM, "普法还未实现全覆盖"),
    )
    return ExtractedReport(doc, place, mentions)


def test_town_facts_follow_sections():
    g = build_graph([_report()])
    town = mint("town", "浙江省", "青禾市", "青禾县", "青禾镇")
    assert (town, FZ.adopts, MECHANISM["legality-review"]) in g
    assert (town, FZ.plans, MECHANISM["government-legal-adviser"]) in g
    assert (town, FZ.adopts, MECHANISM["government-legal-adviser"]) not in g
    assert {str(o) for o in g.objects(town, RDFS.label)} == {"青禾镇"}


def test_hierarchy_official_law_indicator():
    g = build_graph([_report()])
    town = mint("town", "浙江省", "青禾市", "青禾县", "青禾镇")
    county = g.value(town, FZ.partOf)
    assert (county, RDF.type, FZ.County) in g and str(g.value(county, FZ.adminCode)) == "330000"
    person = next(g.subjects(FZ.personName, Literal("王建国")))
    position = g.value(person, FZ.holds)
    assert str(g.value(position, FZ.title)) == "党委书记"
    assert g.value(position, FZ.postIn) == town
    assert g.value(position, FZ.year).toPython() == 2023
    law = mint("law", "中华人民共和国民法典")
    assert g.value(law, FZ.lawKind) == FZ.NationalLaw
    indicator = next(g.subjects(FZ.indicatorName, Literal("化解矛盾纠纷")))
    assert g.value(indicator, FZ.value).toPython() == Decimal("72")


def test_mention_offsets_point_into_the_source():
    report = _report()
    g = build_graph([report])
    raw = report.document.source.raw
    for mention in g.subjects(RDF.type, FZ.Mention):
        start = g.value(mention, FZ.start).toPython()
        end = g.value(mention, FZ.end).toPython()
        assert raw[start:end] == str(g.value(mention, FZ.text))
        assert str(g.value(mention, FZ.text)) in str(g.value(mention, FZ.sentence))


def test_same_town_in_two_reports_is_one_node():
    second = TEXT.replace("2023年", "2024年")
    g = build_graph([_report(), _report(second)])
    assert len(set(g.subjects(RDF.type, FZ.Town))) == 1
    assert len(set(g.subjects(RDF.type, FZ.Report))) == 2


def test_deterministic_and_order_independent():
    a, b = _report(), _report(TEXT.replace("2023年", "2024年"))
    g1, g2 = build_graph([a, b]), build_graph([b, a])
    assert isomorphic(g1, g2)
    assert turtle(g1) == turtle(g2)


def test_built_graph_conforms_to_shapes():
    report = validate(build_graph([_report()]))
    assert report.conforms, report.violations


def test_a_report_without_a_unit_has_no_unit_and_no_unit_facts():
    """No placeholder town: the report stays, with its mentions, and carries no unit facts."""
    text = (
        "法治政府建设情况报告\n一、主要举措和成效\n全面落实合法性审查。党委书记王建国同志带头学法。"
    )
    doc = document_from_text(text)
    mentions = (
        _mention(doc, "合法性审查", T.MECHANISM, "legality-review"),
        _mention(doc, "王建国", T.OFFICIAL, "王建国", post="党委书记"),
    )
    g = build_graph([ExtractedReport(doc, None, mentions)])
    report = next(g.subjects(RDF.type, FZ.Report))
    assert g.value(report, FZ.about) is None and g.value(report, FZ.aboutTown) is None
    assert not set(g.subjects(RDF.type, FZ.Town))
    assert not set(g.subjects(FZ.adopts, None))
    assert (report, FZ.mentions, MECHANISM["legality-review"]) in g
    position = g.value(next(g.subjects(FZ.personName, Literal("王建国"))), FZ.holds)
    assert g.value(position, FZ.postIn) is None
    assert validate(g).conforms


YUNTAI = "云台镇{year}年法治政府建设情况报告\n一、主要举措和成效\n全面落实合法性审查。{extra}"


def _unit_report(year: int, place: Place, extra: str = "") -> ExtractedReport:
    doc = document_from_text(YUNTAI.format(year=year, extra=extra), f"yuntai_{year}.txt")
    return ExtractedReport(
        doc, place, (_mention(doc, "合法性审查", T.MECHANISM, "legality-review"),)
    )


def _units(g) -> set:
    return set(g.objects(None, FZ.about))


def test_two_towns_of_one_name_never_merge_and_one_towns_reports_do():
    changshou = Place("云台镇", "长寿区", None, "重庆市", confidence=1.0, how="county named")
    pingchang = Place("云台镇", "平昌县", "巴中市", "四川省", confidence=1.0, how="county named")
    g = build_graph([_unit_report(2023, changshou), _unit_report(2024, pingchang)])
    assert len(_units(g)) == 2
    g = build_graph([_unit_report(2023, changshou), _unit_report(2024, changshou)])
    assert len(_units(g)) == 1


@pytest.mark.parametrize(
    ("first", "second", "units"),
    [
        # one county's bureau, by its short and its full name: one unit
        ("通城县人社局", "通城县人力资源和社会保障局", 1),
        ("通城县卫健局", "通城县卫生健康委员会", 1),
        # two bureaus of one county, or one bureau's name in two counties: two
        ("通城县人社局", "通城县司法局", 2),
    ],
)
def test_one_departments_reports_are_one_unit_however_its_name_is_written(
    first: str, second: str, units: int
) -> None:
    def department(name: str, county: str) -> Place:
        return Place(name, county, "咸宁市", "湖北省", confidence=0.8, kind=T.ORGANIZATION)

    reports = [_unit_report(2023, department(first, "通城县"))]
    reports.append(_unit_report(2024, department(second, "通城县")))
    assert len(_units(build_graph(reports))) == units


@pytest.mark.parametrize(
    ("before", "after", "units"),
    [
        # a township that became a town: its reports from before and after meet on one unit
        (
            "阿克陶县克孜勒陶乡2020年法治政府建设工作报告",
            "阿克陶县克孜勒陶镇2024年法治政府建设工作报告",
            1,
        ),
        # a town that became a street
        ("花溪区党武镇2021年法治政府建设工作报告", "花溪区党武街道2024年法治政府建设工作报告", 1),
        # two towns of one county: two
        (
            "阿克陶县克孜勒陶乡2020年法治政府建设工作报告",
            "阿克陶县木吉乡2024年法治政府建设工作报告",
            2,
        ),
    ],
)
def test_a_towns_reports_meet_across_its_change_of_status(before: str, after: str, units: int):
    reports = [
        extract_document(document_from_text(title + "\n一、主要举措\n落实合法性审查。"))
        for title in (before, after)
    ]
    g = build_graph(reports)
    assert len(_units(g)) == units
    assert {str(label) for unit in _units(g) for label in g.objects(unit, RDFS.label)} >= {
        r.place.name for r in reports
    }  # each report's own name stays a label


def test_an_ambiguous_town_is_its_reports_own_node_and_the_link_is_the_reports():
    """Two reports of one unresolved name, linked with different certainty, still conform."""
    vague = Place(
        "云台镇", confidence=0.33, how="ambiguous: 3 candidates, no clue", identified=False
    )
    tied = Place("云台镇", confidence=0.5, how="ambiguous: 2 candidates, tie", identified=False)
    g = build_graph([_unit_report(2023, vague), _unit_report(2024, tied)])
    assert len(_units(g)) == 2
    assert sorted(str(c) for c in g.objects(None, FZ.linkConfidence)) == ["0.33", "0.50"]
    assert not set(g.subjects(FZ.linkConfidence, None)) & set(g.subjects(RDF.type, FZ.Town))
    assert validate(g).conforms


def test_a_county_report_hangs_its_facts_on_the_county_its_towns_are_part_of():
    county = Place("青禾县", "青禾县", "青禾市", "浙江省", "330000", 1.0, "test", kind=T.COUNTY)
    doc = document_from_text(
        "青禾县2023年法治政府建设情况报告\n一、主要举措和成效\n全面落实合法性审查。"
    )
    report = ExtractedReport(
        doc, county, (_mention(doc, "合法性审查", T.MECHANISM, "legality-review"),)
    )
    g = build_graph([report, _report()])
    node = g.value(next(g.subjects(FZ.year, Literal(2023))), FZ.about)
    units = {
        (g.value(r, FZ.about), g.value(g.value(r, FZ.about), RDF.type))
        for r in g.subjects(RDF.type, FZ.Report)
    }
    assert {cls for _, cls in units} == {FZ.County, FZ.Town}
    county_node = next(u for u, cls in units if cls == FZ.County)
    town = next(u for u, cls in units if cls == FZ.Town)
    assert (county_node, FZ.adopts, MECHANISM["legality-review"]) in g
    assert (town, FZ.partOf, county_node) in g
    assert g.value(county_node, FZ.partOf) is not None and node is not None
    reports_of_county = [r for r in g.subjects(FZ.about, county_node)]
    assert all(g.value(r, FZ.aboutTown) is None for r in reports_of_county)
    assert validate(g).conforms


def test_a_department_report_is_about_an_organization_in_its_county():
    bureau = Place(
        "青禾县司法局", "青禾县", "青禾市", "浙江省", "330000", 1.0, "test", kind=T.ORGANIZATION
    )
    doc = document_from_text(
        "青禾县司法局2023年法治政府建设情况报告\n一、主要举措和成效\n全面落实合法性审查。"
    )
    report = ExtractedReport(
        doc, bureau, (_mention(doc, "合法性审查", T.MECHANISM, "legality-review"),)
    )
    g = build_graph([report])
    unit = g.value(next(g.subjects(RDF.type, FZ.Report)), FZ.about)
    assert (unit, RDF.type, FZ.Organization) in g
    county = g.value(unit, FZ.locatedIn)
    assert (county, RDF.type, FZ.County) in g and (
        unit,
        FZ.adopts,
        MECHANISM["legality-review"],
    ) in g
    assert validate(g).conforms


@pytest.mark.parametrize("clauses", [10, 400])
def test_a_mentions_sentence_in_the_graph_is_its_bounded_evidence(clauses: int) -> None:
    """The graph carries each mention's evidence as Document.evidence_at gives it: the whole
    sentence, or EVIDENCE_MAX characters of an overlong one."""
    from kg.model import EVIDENCE_MAX

    body = "组织开展普法宣传活动，" * clauses + "落实合法性审查制度，成效明显。"
    doc = document_from_text("青禾镇2023年法治政府建设情况报告\n一、主要举措和成效\n" + body)
    report = ExtractedReport(
        doc, PLACE, (_mention(doc, "合法性审查", T.MECHANISM, "legality-review"),)
    )
    sentences = [str(s) for s in build_graph([report]).objects(None, FZ.sentence)]
    assert len(sentences) == 1 and "落实合法性审查制度" in sentences[0]
    assert len(sentences[0]) == min(EVIDENCE_MAX, len(body))
