"""The ontology files (OWL, SKOS vocabulary, SHACL shapes) shipped with fazhi-kg."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
FAZHI_TTL = ONTOLOGY_DIR / "fazhi.ttl"
MECHANISMS_TTL = ONTOLOGY_DIR / "mechanisms.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"
