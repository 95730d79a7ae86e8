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
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shuttle.engine.analysis.dominance import IntArray, pareto_indices
from shuttle.engine.preferences import FloatArray, LinearAdditive
from shuttle.engine.space import OutcomeSpace


def contribution_matrices(profiles: Sequence[LinearAdditive]) -> list[FloatArray]:
    """Per issue, an options x parties matrix of weighted contributions."""
    per_party = [profile.contributions() for profile in profiles]
    return [np.stack(column, axis=1) for column in zip(*per_party, strict=True)]


def additive_frontier(
    space: OutcomeSpace, profiles: Sequence[LinearAdditive]
) -> tuple[IntArray, FloatArray]:
    """The frontier as (outcome index rows, utilities), one outcome per distinct vector.

    Utilities are re-evaluated through the profiles, so they are summed in issue order exactly
    as anyone evaluating that outcome would sum them.
    """
    matrices = contribution_matrices(profiles)
    options = [pareto_indices(matrix) for matrix in matrices]
    # Fewest surviving options first: the partial frontiers then grow as late as possible.
    order = sorted(range(len(matrices)), key=lambda issue: len(options[issue]))
    sums = np.zeros((1, len(profiles)))
    steps: list[tuple[int, IntArray, IntArray]] = []
    for issue in order:
        choices = options[issue]
        candidates = (sums[:, None, :] + matrices[issue][choices][None, :, :]).reshape(
            -1, len(profiles)
        )
        kept = pareto_indices(candidates)
        # Back-pointers instead of copying the chosen options of every partial sum each step.
        steps.append((issue, kept // len(choices), choices[kept % len(choices)]))
        sums = candidates[kept]
    rows = np.zeros((len(sums), len(space.issues)), dtype=np.int64)
    current = np.arange(len(sums))
    for issue, parent, option in reversed(steps):
        rows[:, issue] = option[current]
        current = parent[current]
    utilities = np.stack([profile.utility(space, rows) for profile in profiles], axis=1)
    return rows, utilities
