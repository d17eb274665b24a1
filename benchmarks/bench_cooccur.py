"""Time the co-occurrence and town analyses on synthetic town x mechanism incidences.

Run from the repository root:

    python benchmarks/bench_cooccur.py [TOWNS ...]

Each town adopts each of 80 mechanisms with a probability drawn per mechanism
(0.05-0.8, a seeded RNG), which is about what the real reports show.  Prints
one line per size: seconds for the pair table with statistics
(``cooccurrence_report``), the town analyses (``town_report``), the network
page and the heat map.
"""

from __future__ import annotations

import random
import sys
import time

from rdflib import Graph, Literal

from kg.analysis.cooccurrence import cooccurrence_report
from kg.analysis.towns import town_report
from kg.namespaces import FZ, ID, MECHANISM, RDF, SKOS
from kg.output.cooccurrence import render_cooccurrence_html
from kg.output.heatmap import heatmap_png

MECHANISMS = 80


def synthetic(towns: int, seed: int = 1) -> Graph:
    rnd = random.Random(seed)
    rates = [rnd.uniform(0.05, 0.8) for _ in range(MECHANISMS)]
    g = Graph()
    for m in range(MECHANISMS):
        g.add((MECHANISM[f"m{m}"], SKOS.prefLabel, Literal(f"机制{m}", lang="zh")))
    for t in range(towns):
        town = ID[f"town/{t}"]
        g.add((town, RDF.type, FZ.Town))
        for m, rate in enumerate(rates):
            if rnd.random() < rate:
                g.add((town, FZ.adopts, MECHANISM[f"m{m}"]))
    return g


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main(sizes: list[int]) -> None:
    # Warm up the imports (scipy.stats, matplotlib) so they are not counted.
    small = synthetic(12)
    cooccurrence_report(small)
    heatmap_png(small)
    print(f"{'towns':>6} {'facts':>7} {'pairs+stats':>11} {'towns':>7} {'html':>6} {'heatmap':>8}")
    for n in sizes:
        g = synthetic(n)
        facts = len(set(g.subject_objects(FZ.adopts)))
        print(
            f"{n:>6} {facts:>7} {timed(lambda g=g: cooccurrence_report(g)):>11.2f} "
            f"{timed(lambda g=g: town_report(g)):>7.2f} "
            f"{timed(lambda g=g: render_cooccurrence_html(g)):>6.2f} "
            f"{timed(lambda g=g: heatmap_png(g)):>8.2f}"
        )


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [10, 100, 1000])
