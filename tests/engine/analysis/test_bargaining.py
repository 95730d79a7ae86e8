"""Nash, Kalai-Smorodinsky and maximum welfare picked from a frontier."""

from __future__ import annotations

import numpy as np

from shuttle.engine.analysis.bargaining import solutions


def test_solutions_on_a_small_frontier() -> None:
    frontier = np.array([[1.0, 0.2], [0.8, 0.6], [0.6, 0.75], [0.1, 1.0]])
    chosen = solutions(frontier, np.array([0.0, 0.0]))
    assert chosen.max_welfare == 1  # 1.4
    assert chosen.nash == 1  # 0.48 against 0.45
    # Ideal (1, 1): worst ratios 0.2, 0.6, 0.6, 0.1; tie broken by the larger sum.
    assert chosen.kalai_smorodinsky == 1


def test_reservations_restrict_nash_and_kalai_smorodinsky_but_not_welfare() -> None:
    frontier = np.array([[1.0, 0.2], [0.8, 0.6], [0.6, 0.8], [0.1, 1.0]])
    chosen = solutions(frontier, np.array([0.0, 0.7]))
    assert chosen.max_welfare == 1  # 1.4, though party 2 refuses it
    assert chosen.nash == 2  # 0.6 * 0.1 against 0.1 * 0.3
    assert chosen.kalai_smorodinsky == 2  # ideal (0.6, 1): worst ratios 1/3 against 1/6


def test_nothing_acceptable_leaves_only_welfare() -> None:
    chosen = solutions(np.array([[0.5, 0.5]]), np.array([0.6, 0.0]))
    assert (chosen.nash, chosen.kalai_smorodinsky, chosen.max_welfare) == (None, None, 0)


def test_a_party_whose_ideal_is_its_reservation_counts_as_ratio_one() -> None:
    frontier = np.array([[0.5, 0.9], [0.5, 0.3]])  # party 1 gets 0.5 wherever it accepts
    chosen = solutions(frontier, np.array([0.5, 0.0]))
    assert chosen.kalai_smorodinsky == 0


def test_an_empty_frontier_has_no_solutions() -> None:
    chosen = solutions(np.zeros((0, 2)), np.zeros(2))
    assert (chosen.nash, chosen.kalai_smorodinsky, chosen.max_welfare) == (None, None, None)
