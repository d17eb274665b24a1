"""Query: SPARQL over a built graph (rdflib or Oxigraph), the named queries, the read-only endpoint."""
