"""Bargaining solutions picked from a Pareto frontier: Nash, Kalai-Smorodinsky, max welfare.

Each is defined over all outcomes but attained on the frontier, which is why the frontier alone
suffices, even when it was computed without enumerating outcomes:

* Any outcome x is weakly dominated by some frontier point p (dominance is a strict partial
  order on a finite set). If x is acceptable (u_i >= r_i for all i) then so is p, since
  p_i >= x_i >= r_i.
* Nash: on the acceptable region every factor u_i - r_i is >= 0, so the product is
  non-decreasing in each u_i; p's product is at least x's, so a maximiser lies on the frontier.
* Max welfare: sum(p) >= sum(x) likewise (over all outcomes, acceptable or not).
* Ideal point: ideal_i = max u_i over acceptable outcomes; p_i >= x_i for the acceptable p
  above x, so the maximum is reached on the acceptable part of the frontier.
* Kalai-Smorodinsky is defined on the frontier itself.

Ties are broken deterministically: by the frontier's order (utilities descending, party by
party), and for Kalai-Smorodinsky first by the larger utility sum, so that among points with the
same worst ratio the more efficient one is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shuttle.engine.analysis.tolerance import TOLERANCE, acceptable
from shuttle.engine.preferences import FloatArray


@dataclass(frozen=True)
class Solutions:
    """Positions in the frontier of each solution (None where no outcome qualifies)."""

    nash: int | None
    kalai_smorodinsky: int | None
    max_welfare: int | None


def solutions(frontier: FloatArray, reservations: FloatArray) -> Solutions:
    """The three solutions over `frontier` (points x parties, in the frontier's order)."""
    if len(frontier) == 0:
        return Solutions(None, None, None)
    welfare = int(np.argmax(frontier.sum(axis=1)))
    inside = np.flatnonzero(acceptable(frontier, reservations))
    if len(inside) == 0:
        return Solutions(None, None, welfare)
    # Within the tolerance a utility may sit a hair below its reservation: count that as zero.
    gains = np.maximum(frontier[inside] - reservations, 0.0)
    nash = int(inside[np.argmax(np.prod(gains, axis=1))])
    return Solutions(nash, int(inside[_kalai_smorodinsky(gains)]), welfare)


def _kalai_smorodinsky(gains: FloatArray) -> int:
    """Position in `gains` (acceptable points' u - r) maximising the least ratio
    (u_i - r_i) / (ideal_i - r_i); a party whose ideal is its reservation counts as ratio 1."""
    span = gains.max(axis=0)
    flat = span <= TOLERANCE
    ratios = np.where(flat, 1.0, gains / np.where(flat, 1.0, span))
    worst = ratios.min(axis=1)
    best = np.flatnonzero(worst >= worst.max() - TOLERANCE)
    return int(best[np.argmax(gains[best].sum(axis=1))])
