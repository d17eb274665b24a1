"""Extractors: one module per entity family; see registry.py."""
