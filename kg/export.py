"""Write outputs atomically, and serialise the graph for other tools.

Every file is written beside its target and renamed into place, so a crash
or Ctrl-C never leaves a half-written file.  The RDF serialisations are:

========  ===================  ===================================================
format    file                 for
========  ===================  ===================================================
Turtle    graph.ttl            reading, SPARQL in any tool (``kg query``)
TriG      graph.trig           triple stores: one named graph per report, so a
                               report can be replaced or retracted alone
N-Triples graph.nt             bulk loading (one triple a line, sorted)
JSON-LD   graph.jsonld         web developers; a context with the fazhi-kg prefixes
========  ===================  ===================================================

Blank nodes (only in the shipped ontology's OWL lists) get canonical RDFC-1.0
labels, so every file is byte-identical for the same input.  The Gephi and
CSV exports are in :mod:`kg.exports`.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(d / "a.txt", "法治")
PosixPath('...a.txt')
>>> (d / "a.txt").read_text("utf-8")
'法治'
>>> from rdflib import Graph, Literal
>>> from kg.namespaces import FZ, ID
>>> g = Graph()
>>> g.add((ID["report/1"], FZ.year, Literal(2023)))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> print(ntriples(g), end="")
<https://w3id.org/fazhi-kg/id/report/1> <https://w3id.org/fazhi-kg/ontology#year> "2023"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from kg.model import ExtractedReport
from kg.namespaces import ID, RDF, bind_prefixes
from kg.store import to_ox

#: The named graph of the ontology, the mechanism vocabulary and anything not
#: written by one report (see :func:`report_graphs`).
VOCABULARY_GRAPH = ID["graph/vocabulary"]

#: Above this many triples Turtle is written by Oxigraph's streaming writer:
#: rdflib's pretty printer (nested blank nodes, lists) takes minutes on a
#: million triples (BENCHMARKS.md, "Query and export").
BULK_TRIPLES = 200_000


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); an output is as readable as
        # any file the user creates.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header, UTF-8 with BOM so Excel shows Chinese correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def jsonl_text(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


# --- canonical quads -------------------------------------------------------------------------


def prefixes() -> dict[str, str]:
    """The fazhi-kg prefixes (plus rdf) as a plain dict, for every serialisation."""
    found = {p: str(ns) for p, ns in bind_prefixes(Graph()).namespaces()}
    found.setdefault("rdf", str(RDF))
    return found


def _canonical(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads with RDFC-1.0 blank node labels, sorted: the same input gives the same bytes."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                          str(q.object)))


def canonical_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples as sorted Oxigraph triples with canonical blank nodes."""
    return [q.triple for q in _canonical(ox.Quad(to_ox(s), to_ox(p), to_ox(o))
                                         for s, p, o in graph)]


# --- Turtle and N-Triples --------------------------------------------------------------------


def turtle(graph: Graph) -> str:
    """Serialise a graph as Turtle.

    rdflib writes small graphs (sorted, blank nodes and lists inline); above
    :data:`BULK_TRIPLES` Oxigraph streams sorted triples many times faster.
    """
    if len(graph) <= BULK_TRIPLES:
        return graph.serialize(format="turtle")
    return ox.serialize(canonical_triples(graph), format=ox.RdfFormat.TURTLE,
                        prefixes=prefixes()).decode("utf-8")


def ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line in sorted order, UTF-8 (no \\u escapes)."""
    lines = ox.serialize(canonical_triples(graph), format=ox.RdfFormat.N_TRIPLES)
    return "".join(sorted(lines.decode("utf-8").splitlines(keepends=True)))


# --- TriG: one named graph per report ---------------------------------------------------------


def report_graphs(graph: Graph, reports: Iterable[ExtractedReport]) -> dict[URIRef, Graph]:
    """Split ``graph`` into one graph per report plus :data:`VOCABULARY_GRAPH`.

    A report's graph holds exactly the triples the graph builder writes for
    that report alone (its Report and source nodes, mentions, indicators,
    problems, and the entities and town facts it supports), re-derived by
    running :func:`kg.graph.build_graph` on the report by itself.  A triple
    several reports support (a town's label, ``town fz:adopts mechanism`` said in
    two years) is in each of their graphs, so dropping one report's graph
    leaves exactly the graph built without that report.  The vocabulary graph
    holds the ontology, the mechanism vocabulary and every triple of ``graph``
    no single report wrote (none today; kept so the union is always ``graph``).

    Returns
    -------
    dict
        Graph IRI (``fzid:report/<id>`` or :data:`VOCABULARY_GRAPH`) -> graph.
    """
    from kg.graph import base_graph, build_graph

    parts: dict[URIRef, Graph] = {}
    written: set = set()
    for report in sorted(reports, key=lambda r: r.document.report_id):
        part = build_graph([report], Graph())
        parts[ID[f"report/{report.document.report_id}"]] = part
        written.update(part)
    # Ground triples of the shipped ontology stay in the vocabulary graph even
    # if a report repeats one; blank-node triples can only come from there.
    base = {t for t in base_graph() if not any(_is_bnode(x) for x in t)}
    vocabulary = Graph()
    for triple in graph:
        if triple not in written or triple in base or any(_is_bnode(x) for x in triple):
            vocabulary.add(triple)
    return {VOCABULARY_GRAPH: vocabulary, **parts}


def _is_bnode(node) -> bool:
    return isinstance(node, BNode)


def trig(graph: Graph, reports: Iterable[ExtractedReport]) -> str:
    """TriG with one named graph per report and one for the vocabulary (:func:`report_graphs`)."""
    quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(name)))
             for name, part in report_graphs(graph, reports).items() for s, p, o in part)
    return ox.serialize(_canonical(quads), format=ox.RdfFormat.TRIG,
                        prefixes=prefixes()).decode("utf-8")


# --- JSON-LD -----------------------------------------------------------------------------------


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context: the fazhi-kg prefixes, so keys read ``fz:adopts``."""
    return dict(sorted(prefixes().items()))


def jsonld(graph: Graph) -> str:
    """JSON-LD 1.1 with an inline context and one node object per subject.

    Keys and IRIs are compacted with the prefixes of :func:`jsonld_context`;
    literals keep their lexical form (``{"@value": "98.5", "@type": "xsd:decimal"}``),
    so a round trip gives back the same graph.  Written directly rather than
    through rdflib's compaction, which takes minutes on large graphs.
    """
    context = jsonld_context()
    by_namespace = sorted(context.items(), key=lambda kv: -len(kv[1]))

    def compact(iri: str) -> str:
        for prefix, namespace in by_namespace:
            rest = iri[len(namespace):]
            if iri.startswith(namespace) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return iri

    def node_ref(term) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compact(term.value)

    nodes: dict[str, dict] = {}
    for t in canonical_triples(graph):
        node = nodes.setdefault(node_ref(t.subject), {"@id": node_ref(t.subject)})
        o = t.object
        if t.predicate.value == str(RDF.type) and not isinstance(o, ox.Literal):
            node.setdefault("@type", []).append(node_ref(o))
            continue
        if isinstance(o, ox.Literal):
            if o.language:
                value = {"@value": o.value, "@language": o.language}
            elif o.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
                value = o.value
            else:
                value = {"@value": o.value, "@type": compact(o.datatype.value)}
        else:
            value = {"@id": node_ref(o)}
        node.setdefault(compact(t.predicate.value), []).append(value)
    document = {"@context": context, "@graph": list(nodes.values())}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
