"""CPU time of each part a worker makes of one report: extraction, triples, every output.

What :func:`kg.pipeline.report_output` does, step by step, on the first N
reports of a corpus, in CPU milliseconds per report (process time, so a busy
machine inflates it less than wall time), and what sending its result to the
build's main process costs: writing its bytes to the worker's spool file
(:mod:`kg.run.spool`), pickling the rest there, unpickling it here, the
megabytes sent; and, for comparison, pickling it whole as builds did before the
spool.

Usage::

    python benchmarks/report_parts.py CORPUS [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    import gc
    import pickle
    import shutil
    import tempfile

    from kg.analysis.cooccurrence import is_town_fact, town_facts_of
    from kg.analysis.profile import profile_record, report_profile
    from kg.graph.index import TripleIndex, base_index
    from kg.graph.stream import fragment_of
    from kg.graph.terms import render
    from kg.graph.triples import REPORT_SCOPED, report_triples
    from kg.graph.validate import check_report
    from kg.output import tables
    from kg.output.rdf import node_objects
    from kg.output.views import view_part
    from kg.pipeline import DEFAULT_FORMATS, expand_formats, report_output
    from kg.run.report import extract_one, warm_up
    from kg.run.spool import Spool

    corpus, n = Path(argv[0]), int(argv[1]) if len(argv) > 1 else 40
    warm_up()
    base_index()
    check_report([], [])  # compiles the shapes, as a worker's first report does
    gc.freeze()  # as a worker does after its warm-up (kg/run/engines.py)
    formats = expand_formats(DEFAULT_FORMATS)
    pickled = whole = 0
    folder = tempfile.mkdtemp(prefix="fazhi-spool-")
    spool = Spool(Path(folder), owner=-1)  # no process owns it: this one spools as a worker
    files = sorted(corpus.glob("*.txt"))[:n]
    spent: dict[str, float] = {}
    clock = [time.process_time()]

    def done(name: str) -> None:
        now = time.process_time()
        spent[name] = spent.get(name, 0.0) + now - clock[0]
        clock[0] = now

    for path in files:
        clock[0] = time.process_time()
        report = extract_one(path)
        done("extract (not this issue's)")
        triples = report_triples(report)
        done("triples")
        fragment = fragment_of(triples, ("nt", "ttl"))
        done("graph.nt + graph.ttl text")
        data = TripleIndex(triples, fallback=base_index())
        done("index")
        own = [t for t in triples if t[0].startswith(REPORT_SCOPED)]
        check_report(triples, list(dict.fromkeys(t[0] for t in own)), data)
        done("SHACL")
        node_objects(own)
        done("JSON-LD")
        render(list(fragment.shared), ("ttl",))
        done("TriG")
        tables.csv_body(tables.mention_cells(data))
        done("mentions.csv")
        tables.csv_body(tables.indicator_cells(data))
        done("indicators.csv")
        tables.entity_rows(data), tables.report_rows(data)
        done("entity and report rows")
        tables.render_network(tables.network_part(data))
        done("GraphML + GEXF")
        view_part(data)
        done("views")
        render(town_facts_of(triples), ("nt",))
        done("town_facts.nt")
        profile = report_profile(report)
        done("profile")
        profile_record(profile)
        done("profile line (JSON)")
        output = report_output(report, formats, is_town_fact, validate_graph=True)
        whole += len(pickle.dumps(output, protocol=pickle.HIGHEST_PROTOCOL))  # before the spool
        record = profile_record(profile)
        parts = [record.head, record.table, output.trig, output.jsonld, output.facts]
        parts += [*output.fragment.text.values(), *output.csv.values()]
        clock[0] = time.process_time()  # the parts above, made again as a build sends them
        spool.put(parts)
        done("bytes written to the spool")
        output = report_output(report, formats, is_town_fact, validate_graph=True, spool=spool)
        clock[0] = time.process_time()
        message = pickle.dumps(output, protocol=pickle.HIGHEST_PROTOCOL)
        done("pickled in the worker")
        pickle.loads(message)
        done("unpickled in the main process")
        pickled += len(message)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(files)} reports of {corpus}; CPU ms per report")
    print("| part | ms |\n|---|---|")
    for name, seconds in spent.items():
        print(f"| {name} | {1000 * seconds / len(files):.1f} |")
    print(f"| all | {1000 * sum(spent.values()) / len(files):.1f} |")
    print(
        f"{pickled / len(files) / 1e6:.3f} MB sent to the main process per report "
        f"({whole / len(files) / 1e6:.2f} MB pickled whole, without the spool)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
