"""The one tolerance under which two utilities count as equal, and how it is applied.

Utilities are sums of floats, and the same sum taken in another order differs in the last bits
(0.76 against 0.7599999999999999). Compared exactly, such twins would split one Pareto point into
two or drop an outcome that meets a reservation value, so every comparison in the analysis goes
through `TOLERANCE`: in dominance, in reservation checks (u >= r - TOLERANCE) and in the zone
count. Exact rational arithmetic would avoid the question, at a large cost in speed.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from shuttle.engine.preferences import FloatArray

TOLERANCE = 1e-12


def snap(utilities: FloatArray) -> FloatArray:
    """A copy of `utilities` (outcomes x parties) in which, per party, values within
    `TOLERANCE` of each other are replaced by one shared value.

    Values are grouped by chaining (a gap larger than the tolerance starts a new group) and each
    group takes its smallest member. After snapping, exact comparisons implement the tolerant
    ones, and they are transitive, which the sweeps and `np.unique` need. The chaining differs
    from a pairwise test only for values spread over more than one tolerance, which sums of the
    same terms never are: their differences are ~1e-16, far below 1e-12, and distinct utilities
    of real scenarios lie far above it.
    """
    snapped = np.empty_like(utilities)
    for party in range(utilities.shape[1]):
        column = utilities[:, party]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.empty(len(ordered), dtype=bool)
        starts[:1] = True
        starts[1:] = np.diff(ordered) > TOLERANCE
        group_first = np.flatnonzero(starts)
        group = np.cumsum(starts) - 1
        snapped[order, party] = ordered[group_first[group]]
    return snapped


def acceptable(utilities: FloatArray, reservations: FloatArray) -> NDArray[np.bool_]:
    """Which outcomes (rows) every party accepts: u_i >= r_i - TOLERANCE for all i."""
    passes: NDArray[np.bool_] = np.all(utilities >= reservations - TOLERANCE, axis=1)
    return passes
