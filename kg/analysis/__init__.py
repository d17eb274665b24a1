"""Analysis: plain rows computed from the graph's facts (statistics, co-occurrence, towns)."""
