"""Chunked enumeration: the same frontier and zone whatever the chunk size."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from shuttle.engine.analysis import enumeration
from shuttle.engine.analysis.enumeration import enumerated_frontier, evaluate, zone_size
from shuttle.engine.scenario import Scenario
from tests.engine.analysis.brute import brute, same_vectors
from tests.engine.analysis.strategies import rectangle_scenarios


@settings(max_examples=60, deadline=None)
@given(rectangle_scenarios())
def test_small_chunks_give_the_brute_force_frontier_and_zone(scenario: Scenario) -> None:
    r = np.array(scenario.reservations)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(enumeration, "CHUNK", 3)
        rows, utilities, zone = enumerated_frontier(scenario.space, scenario.profiles, r)
        assert zone_size(scenario.space, scenario.profiles, r) == zone
    expected = brute(scenario)
    assert zone == expected.zone
    assert same_vectors(utilities, expected.frontier)
    assert np.array_equal(evaluate(scenario.space, scenario.profiles, rows), utilities)


@settings(max_examples=30, deadline=None)
@given(rectangle_scenarios())
def test_equal_vectors_keep_their_first_outcome(scenario: Scenario) -> None:
    rows, utilities, _ = enumerated_frontier(
        scenario.space, scenario.profiles, np.array(scenario.reservations)
    )
    every = brute(scenario).utilities  # in the same mixed-radix order as index_block
    for row, vector in zip(rows, utilities, strict=True):
        flat = int(np.ravel_multi_index(tuple(row), scenario.space.sizes))
        first = int(np.flatnonzero(np.all(np.abs(every - vector) <= 1e-12, axis=1))[0])
        assert flat == first
