"""Every unit that writes these reports: the gazetteer's counties and townships written as the
titles of their reports in the usual ways, and whether the report's unit and place come out
right. Real reports cover a few hundred units; the gazetteer holds 3,188 county-level units
and about 40,000 townships, so this finds the names the rules misread without unseen text.

    python benchmarks/gazetteer_units.py [--sample N] [--seed S] [--errors K]

For each way of writing (a county's title, its government's, its justice bureau's and trade
union's, one of 66 usual departments' in turn, a bureau named only in its signature; a township
bare, under its county, under its city and county, and bare with the county named in the opening
or the signature; a township written as the street it became, under its county and bare) it
prints how many titles were read, how many gave the right unit (name and kind), the right place
(county and township), and how many placed a township whose name the gazetteer gives several
units in a county the text never names (a wrong answer given with confidence; where several
units share a name and nothing above it is written, right is not to place it). ``--sample``
reads N townships (all counties are read); ``--errors`` prints K errors of each way.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.extractors import gazetteer as gz
from kg.ingest.structure import document_from_text
from kg.model import TOWNSHIP_ENDINGS
from kg.run.report import extract_document

BODY = "\n一、主要举措\n落实合法性审查制度。\n"
# The departments, bodies and mass organisations of a county's government under their usual
# names, full and short: each county is read with one of them, in turn.
DEPARTMENTS = (
    "人民政府办公室",
    "发展和改革局",
    "发展和改革委员会",
    "教育局",
    "教育和体育局",
    "教育体育局",
    "科学技术局",
    "工业和信息化局",
    "科技和工业信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "水务局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "文化广电和旅游局",
    "文化广电体育和旅游局",
    "卫生健康局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "林业和草原局",
    "城市管理局",
    "综合行政执法局",
    "城市管理和综合执法局",
    "行政审批局",
    "行政审批服务局",
    "政务服务管理局",
    "政务服务和大数据管理局",
    "数据局",
    "信访局",
    "人民防空办公室",
    "机关事务管理局",
    "乡村振兴局",
    "粮食和物资储备局",
    "投资促进局",
    "体育局",
    "民族宗教事务局",
    "国有资产监督管理局",
    "供销合作社联合社",
    "残疾人联合会",
    "妇女联合会",
    "科学技术协会",
    "消防救援大队",
    "气象局",
    "融媒体中心",
    "档案馆",
    "生态环境分局",
    "市场监管局",
    "人社局",
    "住建局",
    "发改局",
    "农业农村和水利局",
)


@dataclass
class Tally:
    read: int = 0
    unit: int = 0
    place: int = 0
    confidently_wrong: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    form: str
    text: str
    unit: str
    kind: str
    county: str
    town: str | None
    ambiguous: bool = False  # a name several units share, and no county above it written


def _county_cases(county: gz.GazetteerCounty, usual: str) -> Iterator[Case]:
    """The titles of a county's reports, one of them by the department ``usual``."""
    name = county.name
    shared = len(gz.county_named(name)) > 1  # 宝山区 of Shanghai and of 双鸭山
    title = f"{name}2023年法治政府建设情况报告{BODY}"
    yield Case("county", title, name, "County", name, None, shared)
    yield Case(
        "county government",
        f"{name}人民政府关于2023年度法治政府建设情况的报告{BODY}",
        name,
        "County",
        name,
        None,
        shared,
    )
    for department in ("司法局", "总工会"):
        yield Case(
            f"county department ({department})",
            f"{name}{department}2023年法治政府建设工作报告{BODY}",
            name + department,
            "Organization",
            name,
            None,
            shared,
        )
    yield Case(
        "county department (every usual name, in turn)",
        f"{name}{usual}关于2023年度法治政府建设情况的报告{BODY}",
        name + usual,
        "Organization",
        name,
        None,
        shared,
    )
    # a department named only where it signs (the title names no unit)
    yield Case(
        "county department, signed",
        f"关于2023年度法治政府建设情况的报告\n2023年，我局坚持依法行政。{BODY}{name}卫生健康局\n2024年1月5日",
        name + "卫生健康局",
        "Organization",
        name,
        None,
        shared,
    )


def _town_cases(county: gz.GazetteerCounty, town: str, shared: bool) -> Iterator[Case]:
    title = f"{town}2023年法治政府建设情况报告"
    yield Case("township bare", title + BODY, town, "Town", county.name, town, ambiguous=shared)
    yield Case(
        "township under its county", county.name + title + BODY, town, "Town", county.name, town
    )
    above = county.city or county.province or ""
    yield Case(
        "township under its city and county",
        f"{above}{county.name}{town}人民政府关于2023年度法治政府建设情况的报告{BODY}",
        town,
        "Town",
        county.name,
        town,
    )
    yield Case(
        "township, county in the opening",
        f"{title}\n2023年，{town}在{county.name}委、{county.name}政府的坚强领导下，坚持依法行政。{BODY}",
        town,
        "Town",
        county.name,
        town,
    )
    yield Case(
        "township, county in the signature",
        f"{title}{BODY}{county.name}{town}人民政府\n2024年1月5日",
        town,
        "Town",
        county.name,
        town,
    )
    # a town or township become a street since the gazetteer (镇 -> 街道), where that name is
    # no township of its own: the gazetteer's township is meant
    street = town.removesuffix("镇").removesuffix("乡") + "街道"
    if street != town + "街道" and not gz.towns_named(street) and len(street) >= 4:
        title = f"{street}2023年法治政府建设情况报告"
        yield Case(
            "street, once a township, under its county",
            county.name + title + BODY,
            street,
            "Town",
            county.name,
            town,
        )
        yield Case(
            "street, once a township, bare",
            title + BODY,
            street,
            "Town",
            county.name,
            town,
            ambiguous=True,
        )


def _check(case: Case, tally: Tally, keep: int) -> None:
    result = extract_document(document_from_text(case.text))
    unit, place = result.document.unit, result.place
    tally.read += 1
    unit_right = unit is not None and (unit.name, unit.kind.value) == (case.unit, case.kind)
    tally.unit += unit_right
    if case.ambiguous:
        # nothing above it written: right is to leave it unplaced (or to place it right), wrong
        # to name another county with confidence
        placed = place is not None and place.county is not None and place.confidence > 0.5
        wrong = placed and place is not None and place.county != case.county
        tally.place += not wrong
        tally.confidently_wrong += wrong
        problem = "placed in another county" if wrong else ""
    else:
        # a township's place keeps the name written (托里街道 for the gazetteer's 托里镇)
        place_right = (
            place is not None
            and place.county == case.county
            and (case.town is None or place.town in (case.town, case.unit))
        )
        tally.place += place_right
        problem = "" if place_right else "place"
    if not unit_right:
        problem = (problem + " unit").strip()
    if problem and len(tally.errors) < keep:
        got = (unit.name if unit else None, place.county if place else None)
        tally.errors.append(f"{problem}: {case.text.splitlines()[0][:40]} -> {got}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=3000, help="townships read (default 3000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--errors", type=int, default=0, help="errors printed for each way")
    args = parser.parse_args()
    counties = list(gz.counties())
    towns = [
        (county, town.town)
        for county in counties
        for town in gz.towns_in(county)
        if town.town.endswith(TOWNSHIP_ENDINGS)
    ]
    sample = random.Random(args.seed).sample(towns, min(args.sample, len(towns)))
    tallies: dict[str, Tally] = {}
    usual = [DEPARTMENTS[i % len(DEPARTMENTS)] for i in range(len(counties))]
    cases: list[Callable[[], Iterator[Case]]] = [
        lambda c=c, d=d: _county_cases(c, d) for c, d in zip(counties, usual, strict=True)
    ]
    cases += [lambda c=c, t=t: _town_cases(c, t, len(gz.towns_named(t)) > 1) for c, t in sample]
    for make in cases:
        for case in make():
            _check(case, tallies.setdefault(case.form, Tally()), args.errors)
    print(f"{len(counties)} counties, {len(sample)} of {len(towns)} townships (seed {args.seed})")
    print("| written as | titles | unit right | place right | placed wrong with confidence |")
    print("|---|---|---|---|---|")
    for form, t in tallies.items():
        print(
            f"| {form} | {t.read} | {t.unit} ({t.unit / t.read:.1%}) | "
            f"{t.place} ({t.place / t.read:.1%}) | {t.confidently_wrong} |"
        )
    for form, t in tallies.items():
        for error in t.errors:
            print(f"{form}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
