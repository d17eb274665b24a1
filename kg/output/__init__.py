"""Output: files for people and tools (RDF serialisations, tables, HTML views, heat map)."""
