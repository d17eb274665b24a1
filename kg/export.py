"""Write outputs atomically, and serialise the graph for other tools.

Every file is written beside its target and renamed into place, so a crash
or Ctrl-C never leaves a half-written file.  The RDF serialisations are:

========  ===================  ===================================================
format    file                 for
========  ===================  ===================================================
Turtle    graph.ttl            reading, SPARQL in any tool (``kg query``)
TriG      graph.trig           triple stores: one named graph per report, so a
                               report can be replaced or retracted alone
N-Triples graph.nt             bulk loading (one triple a line)
JSON-LD   graph.jsonld         web developers; a context with the fazhi-kg prefixes
========  ===================  ===================================================

A build writes graph.ttl and graph.nt report by report (:mod:`kg.stream`);
:func:`turtle` and :func:`ntriples` serialise a graph held in memory.  Blank
nodes (only in the shipped ontology's OWL lists) get canonical RDFC-1.0
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
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kg.model import ExtractedReport
from kg.namespaces import ID, RDF, XSD, bind_prefixes
from kg.store import from_ox, to_ox

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
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def current_umask() -> int:
    """The process's file-creation mask (read by setting it and back)."""
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
    """The quads with RDFC-1.0 blank node labels."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def _sorted_ox(graph: Graph) -> list[ox.Triple]:
    """The graph's triples, canonical and sorted, as Oxigraph triples for its writers."""
    # rdflib terms are str subclasses: sorting on their text is cheap and total.
    ordered = sorted(canonical_rdflib_triples(graph),
                     key=lambda t: (str(t[0]), str(t[1]), type(t[2]).__name__, str(t[2])))
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ordered]


def canonical_rdflib_triples(graph: Graph) -> Iterator[tuple]:
    """The graph's triples, those with blank nodes relabelled by RDFC-1.0 (``c14n0`` ...).

    Only the triples that hold a blank node go through Oxigraph's
    canonicalisation (a few dozen: the ontology's OWL lists); the rest pass
    as they are, which keeps this fast on million-triple graphs.
    """
    with_bnodes = []
    for triple in graph:
        if isinstance(triple[0], BNode) or isinstance(triple[2], BNode):
            with_bnodes.append(triple)
        else:
            yield triple
    for quad in _canonical(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in with_bnodes):
        yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)


_NT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\b": "\\b", "\f": "\\f"}


_NT_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')


def _nt_escape(text: str) -> str:
    def one(match: re.Match) -> str:
        ch = match.group()
        return _NT_ESCAPES.get(ch) or f"\\u{ord(ch):04X}"

    return _NT_SPECIAL.sub(one, text)


def _nt_term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    quoted = f'"{_nt_escape(str(node))}"'
    if node.language:
        return f"{quoted}@{node.language}"
    if node.datatype is not None and node.datatype != XSD.string:
        return f"{quoted}^^<{node.datatype}>"
    return quoted


# --- Turtle and N-Triples --------------------------------------------------------------------


def turtle(graph: Graph) -> str:
    """Serialise a graph as Turtle.

    rdflib writes small graphs (sorted, blank nodes and lists inline); above
    :data:`BULK_TRIPLES` Oxigraph streams sorted triples many times faster.
    """
    if len(graph) <= BULK_TRIPLES:
        return graph.serialize(format="turtle")
    return ox.serialize(_sorted_ox(graph), format=ox.RdfFormat.TURTLE,
                        prefixes=prefixes()).decode("utf-8")


def ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line in sorted order, UTF-8 (no \\u escapes but for controls)."""
    return "".join(sorted(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} .\n"
                          for s, p, o in canonical_rdflib_triples(graph)))


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
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))
             for name, part in sorted(report_graphs(graph, reports).items())
             for t in _sorted_ox(part)]
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes()).decode("utf-8")


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
    xsd_string = str(XSD.string)

    def compact(iri: str) -> str:
        for prefix, namespace in by_namespace:
            if iri.startswith(namespace):
                rest = iri[len(namespace):]
                if rest and not rest.startswith("//"):
                    return f"{prefix}:{rest}"
        return iri

    def node_ref(node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else compact(str(node))

    nodes: dict[str, dict] = {}
    for s, p, o in canonical_rdflib_triples(graph):
        ref = node_ref(s)
        node = nodes.get(ref)
        if node is None:
            node = nodes[ref] = {"@id": ref}
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(node_ref(o))
            continue
        if isinstance(o, Literal):
            if o.language:
                value = {"@value": str(o), "@language": o.language}
            elif o.datatype is None or str(o.datatype) == xsd_string:
                value = str(o)
            else:
                value = {"@value": str(o), "@type": compact(str(o.datatype))}
        else:
            value = {"@id": node_ref(o)}
        node.setdefault(compact(str(p)), []).append(value)
    # Sorted subjects, keys and values: the same graph always gives the same bytes.
    ordered = []
    for ref in sorted(nodes):
        node = nodes[ref]
        out = {"@id": ref}
        for key in sorted(k for k in node if k != "@id"):
            out[key] = sorted(node[key], key=lambda v: json.dumps(v, ensure_ascii=False,
                                                                  sort_keys=True))
        ordered.append(out)
    document = {"@context": context, "@graph": ordered}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
