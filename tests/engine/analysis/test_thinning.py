"""Thinning keeps a few well-spread points, and always each party's best and the best total."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine.analysis.thinning import thinned
from shuttle.engine.preferences import FloatArray


def simplex(points: int, parties: int, seed: int = 0) -> FloatArray:
    """Utility vectors summing to 1: none dominates another, the worst case for a frontier."""
    utilities: FloatArray = np.random.default_rng(seed).dirichlet(np.ones(parties), size=points)
    return utilities


def farthest_left_out(utilities: FloatArray, kept: np.ndarray) -> float:
    """The largest distance (in the worst party's utility) from a point left out to the
    nearest point kept."""
    left_out = np.setdiff1d(np.arange(len(utilities)), kept)
    gaps = np.abs(utilities[left_out][:, None, :] - utilities[kept][None, :, :]).max(axis=2)
    return float(gaps.min(axis=1).max())


@pytest.mark.parametrize("parties", [2, 3, 5])
def test_at_most_the_limit_plus_the_anchors(parties: int) -> None:
    utilities = simplex(5_000, parties)
    kept = thinned(utilities, 200)
    assert len(kept) <= 200 + parties + 1
    assert np.array_equal(kept, np.unique(kept))  # ascending, no repeats
    assert int(np.argmax(utilities.sum(axis=1))) in kept
    for party in range(parties):
        assert int(np.argmax(utilities[:, party])) in kept


def test_a_small_set_is_kept_whole() -> None:
    utilities = simplex(50, 3)
    assert thinned(utilities, 50).tolist() == list(range(50))


def test_two_parties_are_spread_evenly_along_the_frontier() -> None:
    # 10,000 points on a quarter circle, thinned to 100: every point left out has a kept one
    # within about one hundredth of the curve's length (|du1| + |du2| = 2 in all).
    angle = np.linspace(0, np.pi / 2, 10_000)
    utilities = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    kept = thinned(utilities, 100)
    assert len(kept) >= 90
    assert farthest_left_out(utilities, kept) <= 2 / 99


def test_more_parties_are_spread_over_a_grid() -> None:
    utilities = simplex(3_000, 3)
    kept = thinned(utilities, 300)
    assert len(kept) >= 0.7 * 300  # the grid is refined until it nearly fills the limit
    # 300 cells of a 2-D surface: about 17 a side, so a point is within a cell or two.
    assert farthest_left_out(utilities, kept) <= 2 / 17
