"""The named SPARQL queries shipped with fazhi-kg (one .rq file each)."""
