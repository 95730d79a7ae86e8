"""The work and memory the additive fold may use, and Pareto filtering within them.

The fold (`additive`) filters one candidate set per step. Each step may use its fair share of
the work left (what is left divided by the steps to come), so cheap early steps leave more to
the late ones, where frontiers are largest. Work is counted in the unit that drives the cost:

* two parties: candidate rows (the filter is a sort);
* more: comparisons of a candidate with a kept point, times parties (the filter compares every
  candidate with the points kept so far, so a set where nothing is dominated costs rows²).

A many-party filter is first tried exactly, stopped as soon as it has kept more points than its
share pays for; only then are the candidates thinned to what the share can filter whole. So a
step stays exact whenever its frontier is affordable, however many candidates it had. Once an
attempt has failed, attempts on as many candidates or more are skipped: that step costs twice
its share, and a fold whose frontiers outgrew the budget once keeps outgrowing it.
"""

from __future__ import annotations

import math

import numpy as np

from shuttle.engine.analysis.dominance import IntArray, pareto_indices, pareto_indices_within
from shuttle.engine.analysis.limits import FOLD_MIN_POINTS, FOLD_PAIRS, FOLD_ROWS
from shuttle.engine.analysis.thinning import thinned
from shuttle.engine.preferences import FloatArray


class FoldBudget:
    """The work left for `steps` filtering steps among `parties`; `exact` turns false the first
    time anything is thinned."""

    def __init__(self, parties: int, steps: int) -> None:
        self.parties = parties
        self.left = FOLD_ROWS if parties <= 2 else FOLD_PAIRS
        self.steps = max(1, steps)
        self.exact = True
        self.failed_at = math.inf  # the fewest candidates an exact attempt has failed on

    def share(self) -> int:
        """The work this step may use."""
        return max(1, self.left // self.steps)

    def rows(self) -> int:
        """The most candidate rows this step may build: its share for two parties; for more,
        as many as two parties' `FOLD_ROWS` hold in memory (the exact-then-thinned filter keeps
        the work within the share)."""
        if self.parties <= 2:
            return max(FOLD_MIN_POINTS, self.share())
        return max(FOLD_MIN_POINTS, 2 * FOLD_ROWS // self.parties)

    def frontier(self, points: FloatArray, keep: int) -> IntArray:
        """Indices (ascending) of `points`' Pareto frontier, thinned to about `keep` points when
        larger, found within this step's share; ends the step."""
        share = self.share()
        if self.parties <= 2:
            kept = pareto_indices(points)
            self._spend(len(points))
        else:
            kept = self._many(points, share)
        if len(kept) > keep:
            self.exact = False
            kept = kept[thinned(points[kept], keep)]
        return kept

    def thin(self, points: FloatArray, limit: int) -> IntArray:
        """Indices of at most about `limit` rows spread over `points` (a frontier already)."""
        if len(points) > limit:
            self.exact = False
        return thinned(points, limit)

    def _many(self, points: FloatArray, share: int) -> IntArray:
        per_kept = len(points) * self.parties  # the cost of each point the filter keeps
        if share // per_kept >= len(points):
            kept = pareto_indices(points)  # even keeping every candidate is within the share
            self._spend(per_kept * len(kept))
            return kept
        # An exact attempt, unless one on no more candidates has already failed: in a fold
        # whose frontiers outgrew the budget once, they will again.
        if len(points) < self.failed_at:
            found = pareto_indices_within(points, max(1, share // per_kept))
            if found is not None:
                self._spend(per_kept * len(found))
                return found
            self.failed_at = len(points)
        self.exact = False
        spread = thinned(points, max(FOLD_MIN_POINTS, math.isqrt(share // self.parties)))
        kept = spread[pareto_indices(points[spread])]
        self._spend(share)
        return np.sort(kept)

    def _spend(self, work: int) -> None:
        self.left = max(0, self.left - work)
        self.steps = max(1, self.steps - 1)
