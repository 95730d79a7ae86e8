"""Synthetic linear additive scenarios far too large to enumerate, for tests and benchmarks.

The default, `make_synthetic(seed)`, has two parties and 12 issues of 10 options: 10^12
outcomes. Value utilities are uniform in [0, 1] rounded to 4 decimals (so ties and inexact sums
occur as in hand-written profiles), weights uniform and normalised to sum 1. The same seed gives
the same scenario on every machine: NumPy's PCG64 stream is stable across platforms.
"""

from __future__ import annotations

import numpy as np

from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, OutcomeSpace


def make_synthetic(seed: int, issues: int = 12, options: int = 10, parties: int = 2) -> Scenario:
    """A random linear additive scenario with `options ** issues` outcomes."""
    rng = np.random.default_rng(seed)
    space = OutcomeSpace(
        tuple(
            DiscreteIssue(f"issue{i + 1:02d}", tuple(f"v{o}" for o in range(options)))
            for i in range(issues)
        )
    )
    profiles = []
    for _ in range(parties):
        raw = rng.uniform(0.0, 1.0, size=issues)
        weights = tuple(float(w) for w in raw / raw.sum())
        values = tuple(
            tuple(float(v) for v in np.round(rng.uniform(0.0, 1.0, size=options), 4))
            for _ in range(issues)
        )
        profiles.append(LinearAdditive(weights=weights, values=values))
    names = tuple(f"party{p + 1}" for p in range(parties))
    return Scenario(f"synthetic-{seed}", space, names, tuple(profiles))
