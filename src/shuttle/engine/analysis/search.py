"""An approximate frontier for spaces too large to enumerate with non-additive profiles.

Pareto local search with restarts, all moves evaluated in vectorised batches:

1. The frontier of `SEARCH_SAMPLES` uniformly random outcomes is the starting archive.
2. Expansion: archive points not yet expanded have all their neighbours (`Neighbourhood`)
   evaluated and merged into the archive, which keeps only non-dominated points.
3. When every archive point is expanded, restart: perturb `SEARCH_BATCH` archive points (a few
   issues re-drawn), give each a random weighting of the parties, and climb: move each to its
   best neighbour under its weighting while that improves it. Every outcome evaluated on the way
   is merged into the archive, and new archive points go back to step 2.

It stops after `SEARCH_EVALUATIONS` evaluated outcomes. The seed is fixed, so a scenario always
gives the same answer. Every point found is a real outcome with its true utilities, but better
outcomes may exist: the result is approximate.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shuttle.engine.analysis.dominance import IntArray, pareto_indices
from shuttle.engine.analysis.enumeration import evaluate
from shuttle.engine.analysis.limits import (
    SEARCH_BATCH,
    SEARCH_EVALUATIONS,
    SEARCH_SAMPLES,
    SEARCH_SEED,
)
from shuttle.engine.analysis.neighbourhood import Neighbourhood
from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.preferences import FloatArray, Profile
from shuttle.engine.space import OutcomeSpace

# Issues re-drawn by a perturbation (fewer in spaces with fewer issues).
PERTURBED_ISSUES = 3
# Improving moves per climb at most: climbs are for diversity, the expansion does the rest.
CLIMB_STEPS = 8


class _Archive:
    """The non-dominated outcomes found so far, and which of them have been expanded."""

    def __init__(self, rows: IntArray, utilities: FloatArray) -> None:
        keep = pareto_indices(utilities)
        self.rows, self.utilities = rows[keep], utilities[keep]
        self.expanded = np.zeros(len(self.rows), dtype=bool)

    def merge(self, rows: IntArray, utilities: FloatArray) -> None:
        # Old points first, so an equal new vector never displaces a known point.
        local = pareto_indices(utilities)
        merged_rows = np.concatenate([self.rows, rows[local]])
        merged = np.concatenate([self.utilities, utilities[local]])
        expanded = np.concatenate([self.expanded, np.zeros(len(local), dtype=bool)])
        keep = pareto_indices(merged)
        self.rows, self.utilities, self.expanded = merged_rows[keep], merged[keep], expanded[keep]


class _Search:
    def __init__(self, space: OutcomeSpace, profiles: Sequence[Profile]) -> None:
        self.space, self.profiles = space, profiles
        self.sizes = np.asarray(space.sizes, dtype=np.int64)
        self.neighbours = Neighbourhood(space, profiles)
        self.rng = np.random.default_rng(SEARCH_SEED)
        self.evaluations = 0

    def evaluate(self, rows: IntArray) -> FloatArray:
        self.evaluations += len(rows)
        return evaluate(self.space, self.profiles, rows)

    def run(self) -> _Archive:
        rows = self.rng.integers(0, self.sizes, size=(SEARCH_SAMPLES, len(self.sizes)))
        archive = _Archive(rows, self.evaluate(rows))
        while self.evaluations < SEARCH_EVALUATIONS:
            pending = np.flatnonzero(~archive.expanded)[:SEARCH_BATCH]
            if len(pending):
                archive.expanded[pending] = True
                fresh = self.neighbours(archive.rows[pending])
                archive.merge(fresh, self.evaluate(fresh))
            else:
                self.climb(archive)
        return archive

    def climb(self, archive: _Archive) -> None:
        """Perturb a batch of archive points and climb each under its own weighting."""
        current = self.perturbed(archive.rows)
        weights = self.rng.dirichlet(np.ones(len(self.profiles)), size=len(current))
        utilities = self.evaluate(current)
        archive.merge(current, utilities)
        score = np.einsum("ij,ij->i", utilities, weights)
        for _ in range(CLIMB_STEPS):
            fresh = self.neighbours(current)
            fresh_utilities = self.evaluate(fresh)
            archive.merge(fresh, fresh_utilities)
            per_point = len(fresh) // len(current)
            scores = np.einsum(
                "ijk,ik->ij", fresh_utilities.reshape(len(current), per_point, -1), weights
            )
            best = scores.argmax(axis=1)
            better = scores[np.arange(len(current)), best] > score + TOLERANCE
            if not better.any():
                return
            chosen = np.arange(len(current)) * per_point + best
            current[better] = fresh[chosen[better]]
            score[better] = scores[np.arange(len(current)), best][better]

    def perturbed(self, rows: IntArray) -> IntArray:
        """`SEARCH_BATCH` random archive rows, each with a few random issues re-drawn."""
        picked = rows[self.rng.integers(0, len(rows), size=SEARCH_BATCH)].copy()
        count = min(PERTURBED_ISSUES, len(self.sizes))
        # A random permutation per row, cut to `count` issues: distinct issues per row.
        issues = np.argsort(self.rng.random((len(picked), len(self.sizes))), axis=1)[:, :count]
        values = self.rng.integers(0, self.sizes[issues])
        np.put_along_axis(picked, issues, values, axis=1)
        return picked


def searched_frontier(
    space: OutcomeSpace, profiles: Sequence[Profile]
) -> tuple[IntArray, FloatArray]:
    """An approximate frontier as (index rows, utilities)."""
    archive = _Search(space, profiles).run()
    return archive.rows, archive.utilities
