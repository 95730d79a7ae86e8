"""The approximate search: real outcomes, repeatable, and good on known spaces."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine.analysis import search
from shuttle.engine.analysis.enumeration import evaluate
from shuttle.engine.analysis.search import searched_frontier
from shuttle.engine.preferences import HyperRectangle, HyperRectangleProfile, RectangleKind
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import IntegerIssue, OutcomeSpace
from tests.engine.analysis.brute import brute, same_vectors


def needle_scenario() -> Scenario:
    """6 issues of 6 options; each party's best outcomes lie in one small box, which random
    samples rarely hit and single-issue steps cannot reach without losing utility first."""
    space = OutcomeSpace(tuple(IntegerIssue(f"x{k}", 0, 5) for k in range(6)))
    box_a = HyperRectangle(RectangleKind.INCLUDES, 10.0, tuple((k, 5.0, 5.0) for k in range(4)))
    box_b = HyperRectangle(RectangleKind.INCLUDES, 10.0, tuple((k, 0.0, 0.0) for k in range(2, 6)))
    wide_a = HyperRectangle(RectangleKind.INCLUDES, 2.0, ((4, 0.0, 2.0),))
    wide_b = HyperRectangle(RectangleKind.INCLUDES, 2.0, ((0, 0.0, 2.0),))
    a = HyperRectangleProfile((box_a, wide_a), 12.0)
    b = HyperRectangleProfile((box_b, wide_b), 12.0)
    return Scenario("needles", space, ("a", "b"), (a, b))


def test_the_search_finds_boxes_that_sampling_misses() -> None:
    scenario = needle_scenario()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SEARCH_SAMPLES", 50)
        patch.setattr(search, "SEARCH_EVALUATIONS", 20_000)
        rows, utilities = searched_frontier(scenario.space, scenario.profiles)
    assert np.array_equal(evaluate(scenario.space, scenario.profiles, rows), utilities)
    assert same_vectors(utilities, brute(scenario).frontier)


def test_the_search_repeats_itself() -> None:
    scenario = needle_scenario()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SEARCH_SAMPLES", 50)
        patch.setattr(search, "SEARCH_EVALUATIONS", 5_000)
        first = searched_frontier(scenario.space, scenario.profiles)
        second = searched_frontier(scenario.space, scenario.profiles)
    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1], second[1])
