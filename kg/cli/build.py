"""``kg build``: reports in; graph, HTML view, co-occurrence table out."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.cli.common import EXIT_INVALID, EXIT_SKIPPED


def register(sub) -> None:
    p = sub.add_parser("build", help="build the graph, HTML view and co-occurrence table",
                       description="Read report files and folders (.txt in UTF-8/GB18030, .html), "
                                   "extract entities and write graph.ttl, graph.html, "
                                   "cooccurrence.csv, problems.jsonl and summary.json.")
    p.add_argument("paths", nargs="+", type=Path, help="report files or folders (searched recursively)")
    p.add_argument("-o", "--out", type=Path, default=Path("outputs"),
                   help="output folder (default: outputs/)")
    p.add_argument("--formats", default="ttl,html,cooccurrence,problems,summary",
                   help="comma-separated outputs to write (default: all)")
    p.add_argument("--no-validate", action="store_true", help="skip the SHACL check")
    p.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    p.set_defaults(run=run)


def run(args) -> int:
    from kg.pipeline import build

    def progress(i: int, n: int, path: Path) -> None:
        if not args.quiet:
            print(f"[{i}/{n}] {path}", file=sys.stderr)

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    result = build(args.paths, args.out, formats=formats, validate_graph=not args.no_validate,
                   strict=args.strict, progress=progress)
    print_summary(result)
    if result.validation is not None and not result.validation.conforms:
        return EXIT_INVALID
    return EXIT_SKIPPED if any(p.category == "skipped" for p in result.problems) else 0


def print_summary(result) -> None:
    s = result.summary()
    print(f"reports read: {s['reports']}    triples: {s['triples']}")
    wanted = ("Town", "Village", "Official", "Position", "Organization", "Law", "Initiative",
              "Indicator", "Problem", "CandidateMechanism", "Mention")
    print("entities: " + ", ".join(f"{k} {s['entities'].get(k, 0)}" for k in wanted))
    facts = s["triples_by_predicate"]
    print("town facts: " + ", ".join(f"{k} {facts.get(k, 0)}" for k in
                                     ("adopts", "plans", "reportsWeakness", "cites", "hasInitiative")))
    if result.validation is not None:
        bad = [v for v in result.validation.violations if v.severity == "Violation"]
        print(f"SHACL: {'conforms' if not bad else f'{len(bad)} violations'}")
    print(f"problems: {len(result.problems) or 'none'}")
    for p in result.problems:
        print(f"  {p.category:8} {p.path}: {p.reason}")
    for path in result.outputs.values():
        print(f"wrote {path}")
