"""The shared tolerance: snapping makes near-equal utilities equal, and only those."""

from __future__ import annotations

import numpy as np

from shuttle.engine.analysis.tolerance import TOLERANCE, acceptable, snap


def test_sums_in_another_order_snap_together() -> None:
    u = np.array([[(0.1 + 0.2) + 0.3, 0.5], [(0.3 + 0.2) + 0.1, 0.5], [0.6 + 1e-9, 0.5]])
    assert u[0, 0] != u[1, 0]
    snapped = snap(u)
    assert snapped[0, 0] == snapped[1, 0] == min(u[0, 0], u[1, 0])
    assert snapped[2, 0] == u[2, 0]  # 1e-9 apart is a real difference
    assert np.array_equal(snapped[:, 1], u[:, 1])


def test_snapping_keeps_the_order_of_distinct_values() -> None:
    rng = np.random.default_rng(3)
    u = rng.integers(0, 50, size=(200, 3)) / 7.0
    snapped = snap(u + rng.uniform(-TOLERANCE / 4, TOLERANCE / 4, size=u.shape))
    for party in range(3):
        order = np.argsort(u[:, party], kind="stable")
        assert np.all(np.diff(snapped[order, party]) >= 0)
        assert len(np.unique(snapped[:, party])) == len(np.unique(u[:, party]))


def test_acceptable_allows_the_tolerance_below_the_reservation() -> None:
    u = np.array([[0.6 - TOLERANCE / 2, 1.0], [0.6 - 2 * TOLERANCE, 1.0], [0.7, 0.1]])
    assert acceptable(u, np.array([0.6, 0.2])).tolist() == [True, False, False]
