"""Graph: each report's triples, the one RDF term writer, streaming graph files, SHACL validation."""
