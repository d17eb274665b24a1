"""The scorecard page: a corpus's or a county's reports graded, with the evidence for each part.

One self-contained HTML page, the kind a county justice bureau publishes
after reviewing its townships' reports: how many reports got each grade,
how often each of the five required parts is present, merged or missing,
the counties side by side, and one row per report with its parts (hover a
cell for the heading or sentence that shows the part and its offsets in the
source file), causes, concreteness, signatures, dates and grade.

The page has no script and makes no request (its Content-Security-Policy
forbids both); every text from a report is HTML-escaped.

Examples
--------
>>> from kg.analysis.records import PartFinding, ReportProfile, Scorecard, Unit
>>> parts = tuple(PartFinding(p, "missing") for p in ("achievements", "problems", "duties",
...                                                   "plans", "other"))
>>> card = Scorecard(parts, 1000, None, 0, 0, 0, "", "", None, None)
>>> p = ReportProfile("r1", "a.txt", "", Unit(county="某县", name="<b>镇"), 2023, card)
>>> page = scorecard_page([p], title="test")
>>> "<b>镇" in page, "&lt;b&gt;镇" in page, "<script" in page
(False, True, False)
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean

from kg.analysis.records import PARTS, PartFinding, ReportProfile
from kg.analysis.scorecard import GradingRule, ScorecardRow, load_rule, scorecard_rows

__all__ = [
    "PART_NAMES",
    "ScorecardEntry",
    "entries_page",
    "scorecard_entry",
    "scorecard_page",
    "scorecard_pages",
]

#: Chinese and English names of the five parts.
PART_NAMES = {
    "achievements": ("主要举措和成效", "measures and results"),
    "problems": ("存在的不足和原因", "shortcomings and causes"),
    "duties": ("第一责任人职责", "leaders' duties"),
    "plans": ("下一年度安排", "next year's plans"),
    "other": ("其他情况", "other matters"),
}
_STATUS = {"present": ("✓", "ok"), "merged": ("◐", "half"), "missing": ("✗", "no")}

_STYLE = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
       margin: 16px; font-size: 13px; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
td.num { text-align: right; }
td.ok { background: #e3f4e1; text-align: center; }
td.half { background: #fff4cc; text-align: center; }
td.no { background: #f9dcdc; text-align: center; }
.note { color: #555; }
.g-优秀 { color: #1a7f37; font-weight: bold; } .g-较差 { color: #b42318; font-weight: bold; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            f"<title>{_e(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>"]
    out += ["<tr>" + "".join(row) + "</tr>" for row in rows]
    out.append("</table>")
    return out


def _td(value: object, cls: str = "", title: str = "") -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' title="{_e(title)}"' if title else "")
    return f"<td{attrs}>{_e(value)}</td>"


def _summary(rows: list[ScorecardRow], rule: GradingRule) -> list[str]:
    body = []
    grades = Counter(r.grade for r in rows)
    names = [name for name, _ in rule.grades]
    body.append("<h2>等级 Grades</h2>")
    body += _table(
        [_e(n) for n in names] + ["平均分 mean score"],
        [
            [_td(grades.get(n, 0), "num") for n in names]
            + [_td(round(mean(r.score for r in rows), 1) if rows else "", "num")]
        ],
    )
    body.append("<h2>五个部分 The five required parts</h2>")
    part_rows = []
    for part in PARTS:
        counts = Counter(getattr(r, part) for r in rows)
        zh, en = PART_NAMES[part]
        part_rows.append(
            [_td(f"{zh} {en}")]
            + [_td(counts.get(s, 0), "num") for s in ("present", "merged", "missing")]
        )
    body += _table(["部分 part", "有 present", "合并 merged", "缺 missing"], part_rows)
    on_time = Counter(r.on_time for r in rows)
    causes = sum(r.causes == "yes" for r in rows)
    body.append(
        f'<p class="note">按期公开 on time: {on_time.get("yes", 0)}, 逾期 late: '
        f"{on_time.get('no', 0)}, 日期不详 no date: {on_time.get('unknown', 0)}; "
        f"分析原因 causes given: {causes} of {len(rows)}.</p>"
    )
    return body


def _by_county(rows: list[ScorecardRow], rule: GradingRule) -> list[str]:
    counties: dict[tuple[str, str], list[ScorecardRow]] = defaultdict(list)
    for r in rows:
        counties[(r.province, r.county)].append(r)
    names = [name for name, _ in rule.grades]
    table_rows = []
    for (province, county), group in sorted(counties.items()):
        grades = Counter(r.grade for r in group)
        table_rows.append(
            [_td(province), _td(county or "（未知）"), _td(len(group), "num")]
            + [_td(grades.get(n, 0), "num") for n in names]
            + [
                _td(round(mean(r.score for r in group), 1), "num"),
                _td(sum(r.on_time == "no" for r in group), "num"),
            ]
        )
    header = ["省 province", "县区 county", "报告 reports"] + [_e(n) for n in names]
    header += ["平均分 mean", "逾期 late"]
    return ["<h2>按县区 By county</h2>", *_table(header, table_rows)]


def _evidence_title(finding: PartFinding) -> str:
    if finding.evidence is None:
        return finding.status
    ev = finding.evidence
    return f"{finding.status}: {ev.text} [{ev.start}–{ev.end}]"


@dataclass(frozen=True)
class ScorecardEntry:
    """What the page shows of one report: its row and the hover text of each cell."""

    row: ScorecardRow
    parts: tuple[tuple[str, str], ...]  # (status, evidence) per part
    causes: str


def scorecard_entry(profile: ReportProfile, row: ScorecardRow) -> ScorecardEntry:
    """The page's entry of a report, from its profile and its row (:func:`scorecard_rows`)."""
    causes = profile.scorecard.causes
    return ScorecardEntry(
        row,
        tuple((f.status, _evidence_title(f)) for f in profile.scorecard.parts),
        f"{causes.text} [{causes.start}–{causes.end}]" if causes else "",
    )


def _reports(entries: list[ScorecardEntry]) -> list[str]:
    header = ["单位 unit", "县区 county", "年度 year"]
    header += [f"{PART_NAMES[p][0]}" for p in PARTS]
    header += [
        "原因 causes",
        "数字/千字 figures",
        "案例/千字 cases",
        "文件/千字 documents",
        "党委署名 party",
        "政府署名 government",
        "成文 signed",
        "发布 published",
        "逾期天数 days late",
        "得分 score",
        "等级 grade",
        "文件 file",
    ]
    rows = []
    for entry in entries:
        row = entry.row
        cells = [_td(row.unit), _td(row.county), _td(row.year, "num")]
        for status, title in entry.parts:
            symbol, cls = _STATUS[status]
            cells.append(_td(symbol, cls, title))
        cells += [
            _td("✓" if entry.causes else "✗", "ok" if entry.causes else "no", entry.causes),
            _td(row.figures_per_1k, "num"),
            _td(row.cases_per_1k, "num"),
            _td(row.documents_per_1k, "num"),
            _td("✓" if row.party_signature else "✗", "", row.party_signature),
            _td("✓" if row.government_signature else "✗", "", row.government_signature),
            _td(row.signed),
            _td(row.published),
            _td(row.days_past_deadline, "num"),
            _td(row.score, "num"),
            _td(row.grade, f"g-{row.grade}"),
            _td(row.file, "", row.title),
        ]
        rows.append(cells)
    return ["<h2>报告 Reports</h2>", *_table(header, rows)]


def scorecard_page(
    profiles: Iterable[ReportProfile],
    rule: GradingRule | None = None,
    title: str = "法治政府建设年度报告评分 Scorecard",
) -> str:
    """The scorecard page of the given reports (a corpus or one county)."""
    rule = rule or load_rule()
    entries = (scorecard_entry(p, next(scorecard_rows([p], rule))) for p in profiles)
    return entries_page(entries, rule, title)


def entries_page(
    entries: Iterable[ScorecardEntry],
    rule: GradingRule,
    title: str = "法治政府建设年度报告评分 Scorecard",
) -> str:
    """The scorecard page of reports' entries (:func:`scorecard_entry`), in any order: a build
    makes them as it reads the profiles for scorecard.csv, and needs no second reading."""
    ordered = sorted(
        entries,
        key=lambda e: (e.row.province, e.row.county, e.row.unit, e.row.year or 0, e.row.report),
    )
    rows = [e.row for e in ordered]
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="note">{len(rows)} reports; grading rule: {_e(rule.source)} '
        f"(highest possible score {rule.most:g}). Hover a part for the heading or sentence that "
        "shows it and its offsets in the source file. ✓ present ◐ merged ✗ missing.</p>",
    ]
    body += _summary(rows, rule)
    if len({(r.province, r.county) for r in rows}) > 1:
        body += _by_county(rows, rule)
    body += _reports(ordered)
    return _page(title, body)


def scorecard_pages(
    profiles: Iterable[ReportProfile], rule: GradingRule | None = None
) -> dict[str, str]:
    """One page per county: ``{"province county": page}`` (reports without a county apart)."""
    rule = rule or load_rule()
    counties: dict[str, list[ReportProfile]] = defaultdict(list)
    for p in profiles:
        counties[f"{p.unit.province}{p.unit.county}" or "未知县区"].append(p)
    return {
        name: scorecard_page(group, rule, f"{name} 法治政府建设年度报告评分 Scorecard")
        for name, group in sorted(counties.items())
    }
