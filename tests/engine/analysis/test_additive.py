"""The decomposed frontier of additive profiles equals the enumerated one."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from shuttle.engine.analysis.additive import additive_frontier, contribution_matrices
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from tests.engine.analysis.brute import all_utilities, frontier_of, same_vectors
from tests.engine.analysis.strategies import additive_scenarios


@settings(max_examples=100, deadline=None)
@given(additive_scenarios())
def test_the_fold_finds_the_enumerated_frontier(scenario: Scenario) -> None:
    profiles = [p for p in scenario.profiles if isinstance(p, LinearAdditive)]
    rows, utilities = additive_frontier(scenario.space, profiles)
    assert same_vectors(utilities, frontier_of(all_utilities(scenario)))
    # Each row is a real outcome whose utilities, evaluated afresh, are the ones reported.
    again = np.stack([p.utility(scenario.space, rows) for p in profiles], axis=1)
    assert np.array_equal(again, utilities)


def test_contribution_matrices_are_options_by_parties() -> None:
    a = LinearAdditive((0.25, 0.75), ((1.0, 0.0), (0.0, 0.5, 1.0)))
    b = LinearAdditive((0.5, 0.5), ((0.0, 1.0), (1.0, 1.0, 0.0)))
    first, second = contribution_matrices([a, b])
    assert first.tolist() == [[0.25, 0.0], [0.0, 0.5]]
    assert second.tolist() == [[0.0, 0.5], [0.375, 0.5], [0.75, 0.0]]
