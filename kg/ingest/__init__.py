"""Ingest: a report file in; decoded, cleaned and structured text out (``read_report``, ``structure``)."""
