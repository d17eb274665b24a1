"""Time the explorer's pages over a built corpus: rendered in Python, served over HTTP, written.

Opens a `kg build` output folder the way `kg serve` does (its graph in an on-disk
Oxigraph store), reads the corpus index once, then renders a sample of pages of
every type and reports the median and the slowest.  ``--serve`` also starts
`kg serve`'s endpoint with the pages and times HTTP GETs of the same pages;
``--write`` times writing the whole static site (``site/`` of `kg build`).

Run from the repository root::

    python benchmarks/generate_corpus.py 1000 -o /tmp/c1000
    kg build /tmp/c1000 -o /tmp/o1000 --stream --jobs 2
    python benchmarks/site.py /tmp/o1000 --serve --write --sources /tmp/c1000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.output.site import Site, SiteData, write_site  # noqa: E402
from kg.output.site.data import source_index  # noqa: E402
from kg.output.site.home import counties  # noqa: E402


def sample_paths(data: SiteData, n: int, seed: int) -> dict[str, list[str]]:
    """Up to ``n`` site paths of each page type, drawn at random (seeded)."""
    rng = random.Random(seed)

    def pick(keys) -> list[str]:
        keys = sorted(keys)
        return rng.sample(keys, min(n, len(keys)))

    return {
        "home": ["index.html"],
        "county": [f"county/{k}.html" for k in pick(counties(data))],
        "unit": [f"unit/{k}.html" for k in pick(data.units)],
        "mechanism": [f"mechanism/{k}.html" for k in pick({f.mechanism for f in data.index.facts})],
        "report": [f"report/{k}.html" for k in pick(data.reports)],
        "entity": [f"entity/{k}.html" for k in pick(data.entity_keys(["law", "official"])[:5000])],
        "reports list": ["reports.html"],
        "mechanism list": ["mechanisms.html"],
        "matrix page": ["matrix.html"],
        "matrix-data.js": ["matrix-data.js"],
        "search-data.js": ["search-data.js"],
    }


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def cpu_timed(fn) -> tuple[float, float, object]:
    """Wall and CPU seconds of this process (the store's queries run in it): on a shared
    machine the CPU time says what a page costs, the wall time what it took."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def table(title: str, times: dict[str, list[float]], cpu: dict[str, list[float]] | None = None):
    print(f"\n{title}")
    extra = f" {'median CPU ms':>14} {'max CPU ms':>11}" if cpu else ""
    print(f"{'page type':<16} {'n':>4} {'median ms':>10} {'max ms':>8}{extra}")
    for kind, found in times.items():
        ms = [t * 1000 for t in found]
        line = f"{kind:<16} {len(ms):>4} {statistics.median(ms):>10.1f} {max(ms):>8.1f}"
        if cpu:
            cms = [t * 1000 for t in cpu[kind]]
            line += f" {statistics.median(cms):>14.1f} {max(cms):>11.1f}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="a kg build output folder")
    parser.add_argument("--pages", type=int, default=20, help="pages of each type (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sources", type=Path, help="the report folder, for report texts")
    parser.add_argument("--serve", action="store_true", help="also time pages served over HTTP")
    parser.add_argument("--write", action="store_true", help="also time writing site/")
    args = parser.parse_args()

    took, data = timed(lambda: SiteData.open(args.out))
    print(f"open the store: {took:.1f} s")
    if args.sources:
        data.sources.update(source_index(sorted(args.sources.rglob("*.*")), base=args.out))
    took, index = timed(lambda: data.index)
    print(
        f"corpus index (once): {took:.1f} s: {len(index.units)} units, {len(index.reports)} "
        f"reports, {len(index.facts)} unit facts"
    )
    site = Site(data)
    for name in ("matrix_js", "search_js"):
        took, text = timed(lambda name=name: getattr(site, name))
        print(f"{name.replace('_', '-data.')} (once): {took:.1f} s, {len(text) / 2**20:.1f} MiB")
    took, _ = timed(site.warm)
    print(f"the rest read once (cooccurrence.csv, counts): {took:.1f} s")
    paths = sample_paths(data, args.pages, args.seed)
    rendered: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for kind, found in paths.items():
        for path in found:
            took, used, text = cpu_timed(lambda path=path: site.render(path))
            assert text, path
            rendered.setdefault(kind, []).append(took)
            cpu.setdefault(kind, []).append(used)
    table("rendered in Python (the index in memory)", rendered, cpu)

    if args.serve:
        from kg.output.site.app import site_mount
        from kg.query.serve import Endpoint

        took, endpoint = timed(lambda: Endpoint(args.out, port=0, site=site_mount(args.out)))
        print(f"\nkg serve start (store load, index, workers): {took:.1f} s")
        with endpoint:
            base = f"http://127.0.0.1:{endpoint.port}/site/"
            served: dict[str, list[float]] = {}
            for kind, found in paths.items():
                for path in found:
                    took, _ = timed(lambda path=path: urllib.request.urlopen(base + path).read())
                    served.setdefault(kind, []).append(took)
            table("served over HTTP (GET, whole response)", served)

    if args.write:
        texts = sorted(args.sources.rglob("*.*")) if args.sources else ()
        took, folder = timed(lambda: write_site(args.out, data, sources=texts))
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"\nwrite site/: {took:.1f} s, {files} files, {size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
