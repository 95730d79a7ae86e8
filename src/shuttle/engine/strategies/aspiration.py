"""Time-based concession (Faratin, Sierra & Jennings 1998): how much a party still asks for.

    aspiration(t) = low + (high - low) * (1 - t ** (1 / e))

`high` is the party's best utility, `low` its effective reservation value, t in [0, 1] the
share of the deadline used. The exponent e sets the attitude: e < 1 is Boulware (holds firm,
concedes near the deadline), e = 1 linear, e > 1 Conceder (gives ground early). At t = 0 the
party asks for its best; at t = 1 for its reservation value, never less.
"""

from __future__ import annotations

BOULWARE = 0.2
LINEAR = 1.0
CONCEDER = 5.0


def aspiration(time: float, high: float, low: float, exponent: float) -> float:
    """The utility a party asks for at `time`; `low` when it exceeds `high` (nothing is
    good enough)."""
    if exponent <= 0:
        raise ValueError(f"a concession exponent must be > 0, got {exponent}")
    t = min(1.0, max(0.0, time))
    return float(low + max(0.0, high - low) * (1.0 - t ** (1.0 / exponent)))
