"""The exact Pareto frontier of linear additive profiles, without enumerating outcomes.

With additive utilities an outcome's utility vector is the sum, over issues, of its options'
contribution vectors. Two facts make the frontier computable issue by issue:

* If option a of issue j is dominated by option b of the same issue, swapping a for b in any
  outcome gives a vector that dominates it; so a frontier outcome only uses undominated options.
* More generally, if partial sum s (over the issues folded so far) is dominated by s', then
  s + t is dominated by s' + t for every completion t: dominance is preserved by adding the same
  vector. So a dominated partial sum can never become part of a frontier point, and pruning it
  after each fold step loses nothing.

Hence: keep each issue's undominated options (one per distinct vector), then fold issues one at
a time, Minkowski-summing the surviving partial sums with the next issue's options and pruning
dominated sums. The final set is the frontier of the whole space. Each step costs the Pareto
filter of (partial frontier size x options) candidates: for two parties O(c log c), so the
whole fold is O(sum of c log c), independent of the number of outcomes.

The frontier itself can still grow without bound: with every option a trade-off between the
parties, 500 issues of 3 options already give 37,000 frontier points, and 1,000 issues exhaust
memory. So the fold keeps within the bounds of `limits` (points x issues held, work done; see
`fold_budget`): beyond them it thins the partial frontiers to well-spread points (`thinning`),
and says the result is not exact. Thinning keeps each party's best point and the point of
greatest total utility at every step, and those add up issue by issue, so the outcome of
maximum welfare and each party's best outcome stay exact even then.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shuttle.engine.analysis.dominance import IntArray
from shuttle.engine.analysis.fold_budget import FoldBudget
from shuttle.engine.analysis.limits import FOLD_MAX_POINTS, FOLD_MIN_POINTS, FOLD_POINTS
from shuttle.engine.preferences import FloatArray, LinearAdditive
from shuttle.engine.space import OutcomeSpace


def contribution_matrices(profiles: Sequence[LinearAdditive]) -> list[FloatArray]:
    """Per issue, an options x parties matrix of weighted contributions."""
    per_party = [profile.contributions() for profile in profiles]
    return [np.stack(column, axis=1) for column in zip(*per_party, strict=True)]


@dataclass(frozen=True)
class Folded:
    """The frontier as (outcome index rows, utilities), one outcome per distinct vector;
    `exact` is false when the fold's bounds made it thin the frontier."""

    rows: IntArray
    utilities: FloatArray
    exact: bool


def additive_frontier(
    space: OutcomeSpace, profiles: Sequence[LinearAdditive]
) -> tuple[IntArray, FloatArray]:
    """The frontier as (outcome index rows, utilities): `folded_frontier` without its
    exactness, for callers that only need good packages."""
    folded = folded_frontier(space, profiles)
    return folded.rows, folded.utilities


def folded_frontier(space: OutcomeSpace, profiles: Sequence[LinearAdditive]) -> Folded:
    """The frontier, exact while it fits the fold's bounds (`limits`), else thinned.

    Utilities are re-evaluated through the profiles, so they are summed in issue order exactly
    as anyone evaluating that outcome would sum them.
    """
    matrices = contribution_matrices(profiles)
    parties, issues = len(profiles), len(matrices)
    keep = max(FOLD_MIN_POINTS, min(FOLD_MAX_POINTS, FOLD_POINTS // max(1, issues)))
    budget = FoldBudget(parties, steps=2 * issues)  # each issue's options, then its fold step
    options = [budget.frontier(matrix, keep) for matrix in matrices]
    # Fewest surviving options first: the partial frontiers then grow as late as possible.
    order = sorted(range(issues), key=lambda issue: len(options[issue]))
    sums = np.zeros((1, parties))
    steps: list[tuple[int, IntArray, IntArray]] = []
    for issue in order:
        choices = options[issue]
        held, taken = _room(len(sums), len(choices), budget.rows())
        if held < len(sums):
            spread = budget.thin(sums, held)
            sums = sums[spread]
            last, parent, option = steps[-1]  # the step that made `sums`: keep it aligned
            steps[-1] = (last, parent[spread], option[spread])
        if taken < len(choices):
            choices = choices[budget.thin(matrices[issue][choices], taken)]
        candidates = (sums[:, None, :] + matrices[issue][choices][None, :, :]).reshape(-1, parties)
        kept = budget.frontier(candidates, keep)
        # Back-pointers instead of copying the chosen options of every partial sum each step.
        steps.append((issue, kept // len(choices), choices[kept % len(choices)]))
        sums = candidates[kept]
    rows = np.zeros((len(sums), len(space.issues)), dtype=np.int64)
    current = np.arange(len(sums))
    for issue, parent, option in reversed(steps):
        rows[:, issue] = option[current]
        current = parent[current]
    utilities = np.stack([profile.utility(space, rows) for profile in profiles], axis=1)
    return Folded(rows, utilities, budget.exact)


def _room(held: int, choices: int, rows: int) -> tuple[int, int]:
    """How many partial sums and options a step may combine within `rows` candidates: all of
    both when they fit, else the larger cut first, down to the square root of `rows`."""
    if held * choices <= rows:
        return held, choices
    side = max(1, math.isqrt(rows))
    if choices <= side:
        return max(1, rows // choices), choices
    if held <= side:
        return held, max(1, rows // held)
    return side, side
