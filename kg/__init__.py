"""fazhi-kg: Chinese township rule-of-law reports into a knowledge graph.

The pipeline runs ingest -> structure -> extract -> graph -> analyse ->
render/export.  Most users need one call:

>>> import kg
>>> result = kg.build(["examples/reports"], "outputs")   # doctest: +SKIP
>>> result.summary()["reports"]                          # doctest: +SKIP
8
"""

__all__ = ["BuildResult", "Problem", "build", "extract_report"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Imported on first use, so `import kg.model` stays light for extractors.
    if name in __all__:
        from kg import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
