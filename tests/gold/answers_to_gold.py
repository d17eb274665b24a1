"""Turn entries of examples/ANSWERS.md (the example author's hand answers) into gold files.

Run from the repo root: ``python tests/gold/answers_to_gold.py heldout/jiaoba_2022.txt ...``.
Entries under ``reports/`` (the tuning set) go to ``tests/gold/tuning/``, those under
``heldout/`` to ``tests/gold/examples/``.  It only re-shapes what the author wrote; labels the
vocabulary cannot resolve are printed so a person maps them (``LABELS`` below), never guessed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.extractors.vocabulary import load_vocabulary  # noqa: E402

SECTIONS = {
    "achievements": "Achievements",
    "problems": "Problems",
    "duties": "Duties",
    "plans": "Plans",
    "intro": "OtherSection",
    "signature": "OtherSection",
}
# The answer key's concept heads (shared/DOMAIN.md) that name no single vocabulary concept.
LABELS = {
    "学法用法": ["leading-cadres-law-study"],
    "人民调解 / 大调解联动": ["peoples-mediation", "grand-mediation"],
    "社区矫正与安置帮教": ["community-correction", "post-release-resettlement"],
    "人大监督/社会监督": ["congress-oversight", "public-oversight"],
    "执法人员资格管理 / 行政执法": ["enforcement-qualification"],
    "网格化": ["grid-management"],
    "12345热线": ["hotline-12345"],
    "社会稳定风险评估": ["risk-assessment"],
    "三重一大": ["three-important-one-large"],
    "规范性文件管理": ["normative-document-management"],
    "人大监督": ["congress-oversight"],
    "社会监督": ["public-oversight"],
    # Tuning entries that name two concepts for one surface, or carry a note instead of a label.
    "重大行政决策程序 / 合法性审查": ["major-decision-procedure", "legality-review"],
    "政府法律顾问制度 / 一村（社区）一法律顾问": [
        "government-legal-adviser",
        "one-village-one-legal-adviser",
    ],
    "网格化 + 人民调解": ["grid-management", "peoples-mediation"],
    "行政执法三项制度 is not repeated here": [],
}


def section_of(answers: str, name: str) -> str:
    m = re.search(rf"^## \d+\. {re.escape(name)}\n(.*?)(?=^## |\Z)", answers, re.S | re.M)
    if not m:
        raise SystemExit(f"{name}: no entry in ANSWERS.md")
    return m.group(1)


def ticks(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def concepts(label: str) -> list[str]:
    label = label.strip()
    if label in LABELS:
        return LABELS[label]
    key = load_vocabulary().lookup(label)
    if key:
        return [key]
    print(f"  unresolved concept label: {label!r}", file=sys.stderr)
    return []


def convert(name: str, answers: str) -> dict:
    body = section_of(answers, name)
    row = lambda field: re.search(rf"^\| {field} \| (.*) \|$", body, re.M)  # noqa: E731
    hierarchy = row(r"county / city / province").group(1).split(".")[0]
    county, city, province = (
        re.sub(r"\s*\(.*$", "", p).strip() or None for p in hierarchy.split(" / ")[:3]
    )
    town = re.match(r"(\S+)", row("town").group(1)).group(1)
    year = int(re.match(r"\d{4}", row("year").group(1)).group(0))
    gold: dict = {
        "file": Path(name).name,
        "source": f"examples/ANSWERS.md ({name})",
        "not_exhaustive": ["indicator", "problem"],
        "title": (ticks(row("title").group(1)) or [""])[0],
        "town": {
            "name": town,
            "county": county,
            "city": city,
            "province": province,
            "evidence": town,
        },
        "year": year,
        "officials": [],
        "laws": [],
        "organizations": [],
        "villages": [],
        "mechanisms": [],
        "initiatives": [],
        "indicators": [],
    }
    for m in re.finditer(r"^- `([^`]+)` — (.+)$", body, re.M):
        # The posts end at the first sentence stop: "人大工委主任. 区 is a Cantonese surname".
        posts = re.split(r" \.|\.(?:\s|$)", re.sub(r"\(.*?\)", "", m.group(2)))[0]
        for post in re.split(r"[;；]", posts):
            # The post as the project keys it: 镇党委书记 -> 党委书记 (the town is implied), 镇长 stays.
            post = re.sub(r"^(镇|乡|街道)(?!长)", "", post.strip().rstrip("."))
            if post:
                gold["officials"].append({"name": m.group(1), "post": post, "evidence": m.group(1)})
    for field, key in (
        ("Organizations", "organizations"),
        ("Villages", "villages"),
        ("Initiatives", "initiatives"),
    ):
        line = re.search(rf"^\*\*{field}\*\*:(.*)$", body, re.M)
        for t in ticks(line.group(1)) if line else []:
            gold[key].append({"name": t, "evidence": t})
    mech = re.search(r"\*\*Mechanisms\*\*\n(.*?)\n\n", body, re.S).group(1)
    for line in mech.splitlines():
        m = re.match(r"- (\w+): (.*)$", line)
        if not m:
            continue
        section = SECTIONS[m.group(1)]
        for part in re.split(r";\s+(?![^()]*\))", m.group(2)):
            label, _, surface = part.partition("←")
            label = re.sub(r"\*\*\(plan only\)\*\*|\(same surface\)|\(heading\)", "", label).strip()
            if not label or label.startswith("("):
                continue
            evidence = (ticks(surface) or [label])[0]
            for concept in concepts(re.sub(r"\s*\(.*?\)\s*$", "", label).rstrip(".")):
                gold["mechanisms"].append(
                    {"concept": concept, "section": section, "evidence": evidence}
                )
    laws = re.search(r"\*\*Laws\*\*\n(.*?)\n\n", body, re.S)
    for line in (laws.group(1).splitlines() if laws else [])[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 2:
            title = re.sub(r"\s*\(.*?\)\s*$", "", cells[0]).strip("` ")
            gold["laws"].append({"title": title, "kind": cells[1].split()[0], "evidence": title})
    inds = re.search(r"\*\*Indicators\*\*\n(.*?)\n\n", body, re.S)
    for line in (inds.group(1).splitlines() if inds else [])[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 6:
            gold["indicators"].append(
                {
                    "name": re.sub(r"\s*\(\*target\*\)", "", cells[2]),
                    "value": cells[3],
                    "unit": cells[4],
                    "qualifier": cells[5],
                    "section": SECTIONS.get(cells[0], "OtherSection"),
                    "evidence": ticks(cells[1])[0] if ticks(cells[1]) else "",
                }
            )
    return gold


def main(names: list[str]) -> None:
    answers = (ROOT / "examples" / "ANSWERS.md").read_text("utf-8")
    for name in names:
        print(name, file=sys.stderr)
        # The tuning set (reports/) and the held-out set are kept apart so the held-out gold is
        # never rewritten while the tuning gold is being worked on.
        folder = "tuning" if name.startswith("reports/") else "examples"
        out = Path(__file__).parent / folder / (Path(name).stem + ".json")
        out.parent.mkdir(exist_ok=True)
        out.write_text(
            json.dumps(convert(name, answers), ensure_ascii=False, indent=1) + "\n", "utf-8"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
