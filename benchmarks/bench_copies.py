"""Copy detection at scale: planted copies found, and seconds and peak memory at N reports.

The corpus is ``generate_corpus.py``'s (every report recombined from the paragraphs of the
eight bundled examples, so nearly all of each text is shared by tens to hundreds of units:
the worst case of expected reuse), plus three paragraphs of its own per report (random
Chinese words drawn from the examples, naming the report's town), plus planted copies:

* cross-unit: report j copies two of report i's own paragraphs with i's town renamed to j's
  (one such pair per 20 reports);
* cross-year: a new report of report i's unit for the next year repeats two of i's own
  paragraphs with new figures and a body of its own (one per 40 reports).

Then, as ``kg build`` does: each report is read and fingerprinted (the part a worker runs;
timed per report), the profiles go to ``profiles.jsonl`` / ``fingerprints.bin``, and a fresh
process runs the corpus step on the folder (``copies_in_table`` on the memory-mapped
fingerprints), timed, with its peak memory (``VmHWM``).  Found pairs are scored against
the planted ones (pair precision and recall by kind), and each planted passage against the
found passages (share of its letters covered).

Usage::

    python benchmarks/bench_copies.py --sizes 1000,10000 --work /tmp/fazhi-copies
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import EXAMPLES, load_sources, make_report, towns  # noqa: E402

from kg.ingest.read import decode  # noqa: E402

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def word_pool() -> list[str]:
    """Two- to four-character pieces of the examples' Han text, to draw paragraphs from."""
    pieces = set()
    for path in sorted(EXAMPLES.glob("*.txt")):
        text, _ = decode(path.read_bytes(), str(path))
        for run in _HAN_RUN.findall(text):
            for size in (2, 3, 4):
                pieces.update(run[i : i + size] for i in range(0, len(run) - size + 1, size))
    return sorted(pieces)


def own_paragraph(rng: random.Random, words: list[str], town: str) -> str:
    """About 150 characters no other report has: the town and random words, in clauses."""
    clauses = []
    for _ in range(rng.randint(6, 8)):
        clauses.append("".join(rng.choice(words) for _ in range(rng.randint(5, 8))))
    return f"{town}" + "，".join(clauses) + f"，全年共{rng.randint(5, 900)}件。"


def make_corpus(n: int, out: Path, seed: int = 7) -> dict:
    """Write the corpus; return the planted copies and each file's unit and year."""
    out.mkdir(parents=True, exist_ok=True)
    sources, all_towns, words = load_sources(), towns(), word_pool()
    rng = random.Random(f"copies-{seed}")
    docs = []
    for i in range(n):
        name, text = make_report(i, sources, all_towns, seed)
        pick = random.Random(f"{seed}-{i}")  # make_report's own draws: its place and year
        place = all_towns[pick.randrange(len(all_towns))]
        year = pick.randint(2020, 2025)
        own = [own_paragraph(rng, words, place.town) for _ in range(3)]
        docs.append(
            {"name": name, "text": text, "place": place, "year": year, "own": own, "copied": []}
        )
    planted = []
    targets = rng.sample(range(n), k=min(n, 2 * (n // 20)))
    for i, j in zip(targets[::2], targets[1::2]):  # j copies two of i's paragraphs
        a, b = docs[i], docs[j]
        if (a["place"].county, a["place"].town) == (b["place"].county, b["place"].town):
            continue
        copied = [p.replace(a["place"].town, b["place"].town) for p in a["own"][:2]]
        b["copied"] += copied
        planted.append({"a": a["name"], "b": b["name"], "kind": "cross-unit", "text": copied})
    for k, i in enumerate(rng.sample(range(n), k=n // 40)):  # next year's report of i's unit
        a = docs[i]
        _, body = make_report(n + k, sources, all_towns, seed)
        pick = random.Random(f"{seed}-{n + k}")
        other = all_towns[pick.randrange(len(all_towns))]
        body = body.replace(other.town, a["place"].town)
        copied = [re.sub(r"\d+", lambda m: str(int(m.group()) + 7), p) for p in a["own"][:2]]
        name = f"{n + k:06d}_{a['place'].town}_{a['year'] + 1}.txt"
        docs.append(
            {
                "name": name,
                "text": body,
                "place": a["place"],
                "year": a["year"] + 1,
                "own": [own_paragraph(rng, words, a["place"].town)],
                "copied": copied,
            }
        )
        planted.append({"a": a["name"], "b": name, "kind": "cross-year", "text": copied})
    units = {}
    for d in docs:
        lines = d["text"].rstrip("\n").split("\n")
        p, year = d["place"], d["year"]
        # header and title name the unit and year the ground truth says (cross-year reports)
        lines[0] = f"{p.city or p.province}{p.county}{p.town}人民政府"
        lines[1] = f"{p.town}{year}年法治政府建设情况报告"
        body = lines[:-2] + [""] + d["own"] + d["copied"] + [""] + lines[-2:]
        (out / d["name"]).write_text("\n".join(body) + "\n", "utf-8")
        units[d["name"]] = [p.province, p.city or "", p.county, p.town, year]
    return {"planted": planted, "units": units}


def fingerprint_corpus(folder: Path, truth: dict, profiles: Path) -> dict:
    """Read and fingerprint every report as a build's workers do; write the profile files."""
    from kg.analysis.copies import fingerprint
    from kg.analysis.profile import ProfileWriter
    from kg.analysis.records import ReportProfile, Scorecard, Unit
    from kg.ingest.read import read_report
    from kg.ingest.structure import structure

    card = Scorecard((), 0, None, 0, 0, 0, "", "", None, None)
    ids, start = {}, time.perf_counter()
    with ProfileWriter(profiles) as writer:
        for name in sorted(truth["units"]):
            province, city, county, town, year = truth["units"][name]
            doc = structure(read_report(folder / name))
            table, letters = fingerprint(doc)
            writer.add(
                ReportProfile(
                    doc.report_id,
                    str(folder / name),
                    doc.title,
                    Unit(province, city, county, town),
                    year,
                    card,
                    letters=letters,
                    fingerprints=table,
                )
            )
            ids[name] = doc.report_id
        writer.commit()
    seconds = time.perf_counter() - start
    return {"ids": ids, "seconds": seconds, "per_report_ms": 1000 * seconds / len(ids)}


def peak_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def detect(profiles: Path) -> None:
    """The corpus step alone, in this (fresh) process: print time, peak memory and the pairs."""
    start = time.perf_counter()
    from kg.analysis.copies import copies_in_table
    from kg.analysis.profile import fingerprint_table

    imported = time.perf_counter()
    imported_mib = peak_mib()
    result = copies_in_table(*fingerprint_table(profiles))
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": done - imported,
                "import_seconds": imported - start,
                "peak_mib": peak_mib(),
                "imported_mib": imported_mib,
                "fingerprints": result.fingerprints,
                "common_threshold": result.common_threshold,
                "common_fingerprints": result.common_fingerprints,
                "candidate_pairs": result.candidate_pairs,
                "pairs": [
                    {
                        "a": p.report_a,
                        "b": p.report_b,
                        "kind": p.kind,
                        "passages": [[q.b_start, q.b_end] for q in p.passages],
                        "passages_a": [[q.a_start, q.a_end] for q in p.passages],
                    }
                    for p in result.pairs
                ],
            }
        )
    )


def score(truth: dict, ids: dict, found: dict, folder: Path) -> dict:
    # a found pair names the earlier report first: compare pairs unordered
    planted = {frozenset((ids[p["a"]], ids[p["b"]])): p for p in truth["planted"]}
    pairs = {frozenset((p["a"], p["b"])): p for p in found["pairs"]}
    out = {}
    for kind in ("cross-unit", "cross-year"):
        want = {k for k, p in planted.items() if p["kind"] == kind}
        got = {k for k, p in pairs.items() if p["kind"] == kind}
        out[kind] = {"planted": len(want), "found": len(got), "true": len(want & got)}
    # two reports that both copied one source's paragraphs share them too: a true pair
    holders: dict[str, set] = {}
    for p in truth["planted"]:
        holders.setdefault(ids[p["a"]], {ids[p["a"]]}).add(ids[p["b"]])
    extra = set(pairs) - set(planted)
    transitive = {k for k in extra if any(k <= group for group in holders.values())}
    out["pairs sharing a planted source"] = len(transitive)
    # The generator recombines the same paragraphs with the town's name put in: two reports
    # of towns with one name share every name-bearing passage, which no threshold makes common.
    town = {ids[name]: unit[3] for name, unit in truth["units"].items()}
    namesakes = {k for k in extra - transitive if len({town[r] for r in k}) == 1}
    out["pairs of namesake towns (generator)"] = len(namesakes)
    out["other pairs found"] = len(extra - transitive - namesakes)
    covered = total = 0
    for key, p in planted.items():
        if key not in pairs:
            continue
        text = (folder / p["b"]).read_text("utf-8")
        mask = [False] * len(text)
        pair = pairs[key]
        spans = pair["passages"] if pair["b"] == ids[p["b"]] else pair["passages_a"]
        for start, end in spans:
            for x in range(start, min(end, len(text))):
                mask[x] = True
        for paragraph in p["text"]:
            at = text.find(paragraph)
            letters = [x for x in range(at, at + len(paragraph)) if text[x] not in "，。"]
            total += len(letters)
            covered += sum(mask[x] for x in letters)
    out["planted letters covered"] = round(covered / total, 3) if total else None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated corpus sizes")
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-copies"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of the corpus step per size, interleaved (median)",
    )
    parser.add_argument("--detect", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.detect is not None:
        detect(args.detect)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    made, truths, fps = {}, {}, {}
    for n in sizes:
        folder, profiles = args.work / f"corpus{n}", args.work / f"profiles{n}"
        t0 = time.perf_counter()
        truths[n] = make_corpus(n, folder, args.seed)
        made[n] = time.perf_counter() - t0
        fps[n] = fingerprint_corpus(folder, truths[n], profiles)
    runs: dict[int, list[dict]] = {n: [] for n in sizes}
    for _ in range(args.repeat):  # interleaved: each size in turn, again and again
        for n in sizes:
            run = subprocess.run(
                [sys.executable, __file__, "--detect", str(args.work / f"profiles{n}")],
                capture_output=True,
                text=True,
                check=True,
            )
            runs[n].append(json.loads(run.stdout))
    for n in sizes:
        folder, profiles = args.work / f"corpus{n}", args.work / f"profiles{n}"
        truth, fp, found = truths[n], fps[n], runs[n][0]
        seconds = sorted(r["seconds"] for r in runs[n])
        report = {
            "reports": len(truth["units"]),
            "generate_seconds": round(made[n], 1),
            "fingerprint_ms_per_report": round(fp["per_report_ms"], 2),
            "fingerprints_bin_mib": round(
                (profiles / "fingerprints.bin").stat().st_size / 2**20, 1
            ),
            "detect_seconds_median": round(seconds[len(seconds) // 2], 2),
            "detect_seconds_all": [round(x, 2) for x in seconds],
            "detect_import_seconds": round(found["import_seconds"], 2),
            "detect_peak_mib": round(max(r["peak_mib"] for r in runs[n])),
            "detect_rss_after_imports_mib": round(found["imported_mib"]),
            "fingerprints": found["fingerprints"],
            "common_threshold": found["common_threshold"],
            "common_fingerprints": found["common_fingerprints"],
            "candidate_pairs": found["candidate_pairs"],
            **score(truth, fp["ids"], found, folder),
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
