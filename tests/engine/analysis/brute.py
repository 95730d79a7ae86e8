"""The analysis by brute force, written from the definitions and nothing else.

Every outcome is listed with itertools, evaluated through the profiles, and each quantity is
taken straight from its definition over all outcomes (never over a frontier), with the same
1e-12 tolerance the specification states. Quadratic and slow: for small spaces only.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.scenario import Scenario

EPS = 1e-12


@dataclass(frozen=True)
class Brute:
    utilities: FloatArray  # every outcome, in itertools.product order
    frontier: FloatArray  # distinct non-dominated vectors
    nash_product: float | None
    ks_worst_ratio: float | None
    max_welfare: float
    zone: int


def all_utilities(scenario: Scenario) -> FloatArray:
    rows = np.array(list(itertools.product(*(range(s) for s in scenario.space.sizes))))
    rows = rows.reshape(-1, len(scenario.space.issues))
    return np.stack([p.utility(scenario.space, rows) for p in scenario.profiles], axis=1)


def frontier_of(utilities: FloatArray) -> FloatArray:
    """Distinct non-dominated vectors, by an archive: a vector enters unless a member is at
    least as good everywhere (dominates or equals it), and members it dominates leave. Taken a
    block of rows at a time so that NumPy does the comparisons; O(N x F)."""
    kept = np.zeros((0, utilities.shape[1]))
    for start in range(0, len(utilities), 512):
        block = utilities[start : start + 512]
        covered = np.all(kept[None, :, :] >= block[:, None, :] - EPS, axis=2).any(axis=1)
        block = block[~covered]
        # [i, j]: row j is at least as good as row i everywhere / better somewhere.
        no_worse = np.all(block[None, :, :] >= block[:, None, :] - EPS, axis=2)
        better = np.any(block[None, :, :] > block[:, None, :] + EPS, axis=2)
        earlier = np.tri(len(block), k=-1, dtype=bool)  # [i, j]: j < i
        dominated = (no_worse & better).any(axis=1)
        repeated = (no_worse & ~better & earlier).any(axis=1)
        block = block[~dominated & ~repeated]
        beaten = (
            np.all(block[None, :, :] >= kept[:, None, :] - EPS, axis=2)
            & np.any(block[None, :, :] > kept[:, None, :] + EPS, axis=2)
        ).any(axis=1)
        kept = np.vstack([kept[~beaten], block])
    return kept


def brute(scenario: Scenario) -> Brute:
    u = all_utilities(scenario)
    r = np.array(scenario.reservations)
    front = frontier_of(u)
    ok = np.all(u >= r - EPS, axis=1)
    nash = ks = None
    if ok.any():
        gains = np.maximum(u[ok] - r, 0.0)
        nash = float(np.prod(gains, axis=1).max())
        span = u[ok].max(axis=0) - r  # ideal - r, the ideal over every acceptable outcome
        ratios = np.where(span <= EPS, 1.0, gains / np.where(span <= EPS, 1.0, span)).min(axis=1)
        # KS is defined on the frontier: only acceptable outcomes that are frontier vectors.
        on_front = np.zeros(int(ok.sum()), dtype=bool)
        for f in front:
            on_front |= np.all(np.abs(u[ok] - f) <= EPS, axis=1)
        ks = float(ratios[on_front].max())
    return Brute(u, front, nash, ks, float(u.sum(axis=1).max()), int(ok.sum()))


def same_vectors(ours: FloatArray, theirs: FloatArray) -> bool:
    """Equal as sets of vectors, up to the tolerance (and as many of each)."""
    if ours.shape != theirs.shape:
        return False

    def covered(points: FloatArray, by: FloatArray) -> bool:
        return all(np.any(np.all(np.abs(by - p) <= EPS, axis=1)) for p in points)

    return covered(ours, theirs) and covered(theirs, ours)
