"""Hypothesis profiles: short in CI, long for the fuzz run.

``HYPOTHESIS_PROFILE=fuzz`` (set by ``benchmarks/fuzz.py``) multiplies the
examples so one run covers at least 10,000 generated inputs; the default
``ci`` profile keeps the suite to seconds.  No deadline: the machine's load
must never make a property fail, only a wrong result.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: The graph property builds and validates a whole graph per example; it gets
#: this share of the examples.
GRAPH_SHARE = float(os.environ.get("FUZZ_GRAPH_SHARE", "0.25"))
