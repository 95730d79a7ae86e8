"""The synthetic 10^12-outcome scenario: exact analysis without enumeration, sanity-checked."""

from __future__ import annotations

import math

import numpy as np

from shuttle.engine import analyze
from shuttle.engine.analysis import Method
from shuttle.engine.analysis.enumeration import evaluate
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.synthetic import make_synthetic


def test_the_builder_is_repeatable_and_as_described() -> None:
    scenario = make_synthetic(11)
    assert scenario == make_synthetic(11) and scenario != make_synthetic(12)
    assert scenario.space.cardinality == 10**12 and len(scenario.parties) == 2
    for profile in scenario.profiles:
        assert isinstance(profile, LinearAdditive)
        assert math.isclose(sum(profile.weights), 1.0)
        values = np.array(profile.values)
        assert values.min() >= 0 and values.max() <= 1
        assert np.array_equal(values, np.round(values, 4))


def test_a_trillion_outcomes_are_analysed_exactly() -> None:
    scenario = make_synthetic(1)
    result = analyze(scenario)
    assert result.exact and result.method is Method.DECOMPOSITION
    assert result.outcomes == 10**12 and result.zopa_size == 10**12  # no reservation values
    frontier = np.array([p.utilities for p in result.pareto])
    assert len(frontier) > 10
    # No frontier point dominates another.
    for point in frontier:
        assert not np.any(np.all(frontier >= point, axis=1) & np.any(frontier > point, axis=1))
    # Reported utilities are the outcomes' own.
    rows = np.array([p.indices for p in result.pareto])
    assert np.array_equal(evaluate(scenario.space, scenario.profiles, rows), frontier)
    # Nothing in a million random outcomes beats the frontier, the Nash product or the welfare.
    rng = np.random.default_rng(0)
    sample = evaluate(scenario.space, scenario.profiles, rng.integers(0, 10, size=(1_000_000, 12)))
    dominated = np.zeros(len(sample), dtype=bool)
    for point in frontier:
        dominated |= np.all(point >= sample, axis=1)
    assert dominated.all()
    assert result.nash is not None and result.max_welfare is not None
    assert math.prod(result.nash.utilities) >= np.prod(sample, axis=1).max()
    assert sum(result.max_welfare.utilities) >= sample.sum(axis=1).max()


def test_a_trillion_outcomes_with_reservations_count_the_zone_exactly() -> None:
    base = make_synthetic(1)
    profiles = tuple(
        LinearAdditive(p.weights, p.values, reservation=0.55)
        for p in base.profiles
        if isinstance(p, LinearAdditive)
    )
    scenario = type(base)(base.name, base.space, base.parties, profiles)
    result = analyze(scenario)
    assert result.exact and result.zopa_size is not None
    # The share of a million random outcomes acceptable to both estimates the zone's share.
    rng = np.random.default_rng(1)
    sample = evaluate(scenario.space, scenario.profiles, rng.integers(0, 10, size=(1_000_000, 12)))
    share = float(np.mean(np.all(sample >= 0.55, axis=1)))
    assert abs(result.zopa_size / 10**12 - share) < 0.005
