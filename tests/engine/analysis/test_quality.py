"""Outcome quality: the Nash ratio and the distance to the Pareto frontier."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings

from shuttle.engine import DiscreteIssue, LinearAdditive, OutcomeSpace, Scenario, analyze
from shuttle.engine.analysis.quality import OutcomeQuality
from tests.engine.strategies.scenarios import spaces_and_profiles, trade


def test_the_nash_package_scores_one_and_no_agreement_zero() -> None:
    quality = OutcomeQuality.of(trade())
    nash = quality.analysis.nash
    assert nash is not None
    assert quality.nash_ratio(nash.indices) == pytest.approx(1.0)
    assert quality.nash_ratio(None) == 0.0
    assert quality.pareto_distance(nash.indices) == pytest.approx(0.0)
    assert quality.pareto_distance(None) is None


def test_the_ratio_uses_gains_over_the_original_reservation_values() -> None:
    space = OutcomeSpace((DiscreteIssue("split", ("a", "b", "c")),))
    one = LinearAdditive((1.0,), ((1.0, 0.6, 0.0),), reservation=0.2)
    two = LinearAdditive((1.0,), ((0.0, 0.6, 1.0),), reservation=0.2)
    quality = OutcomeQuality.of(Scenario("split", space, ("1", "2"), (one, two)))
    # The Nash point is b: (0.6 - 0.2) ** 2 = 0.16; a and c leave one side below 0.2.
    assert quality.analysis.nash is not None and quality.analysis.nash.indices == (1,)
    assert quality.nash_ratio((0,)) == 0.0
    assert quality.nash_product((1,)) == pytest.approx(0.16)


def test_without_a_zone_of_agreement_walking_away_scores_one() -> None:
    space = OutcomeSpace((DiscreteIssue("split", ("a", "b")),))
    one = LinearAdditive((1.0,), ((1.0, 0.0),), reservation=0.5)
    two = LinearAdditive((1.0,), ((0.0, 1.0),), reservation=0.5)
    quality = OutcomeQuality.of(Scenario("none", space, ("1", "2"), (one, two)))
    assert quality.analysis.nash is None
    assert quality.nash_ratio(None) == 1.0
    assert quality.nash_ratio((0,)) == 0.0


def test_when_the_best_product_is_zero_any_acceptable_agreement_scores_one() -> None:
    space = OutcomeSpace((DiscreteIssue("split", ("a", "b")),))
    one = LinearAdditive((1.0,), ((1.0, 0.5),), reservation=0.5)
    two = LinearAdditive((1.0,), ((0.0, 0.5),), reservation=0.5)
    quality = OutcomeQuality.of(Scenario("edge", space, ("1", "2"), (one, two)))
    assert quality.nash_ratio((1,)) == 1.0
    assert quality.nash_ratio((0,)) == 0.0
    assert quality.nash_ratio(None) == 0.0


def test_the_ratio_ignores_discounting() -> None:
    scenario = trade()
    discounted = replace(
        scenario, profiles=tuple(replace(p, discount=0.5) for p in scenario.profiles)
    )
    for package in [(0, 0, 0), (1, 1, 1), (2, 2, 2)]:
        assert OutcomeQuality.of(discounted).nash_ratio(package) == pytest.approx(
            OutcomeQuality.of(scenario).nash_ratio(package)
        )


@settings(max_examples=30, deadline=None)
@given(spaces_and_profiles())
def test_ratios_lie_in_zero_one_and_frontier_packages_are_at_distance_zero(
    scenario: Scenario,
) -> None:
    quality = OutcomeQuality.of(scenario)
    for package in itertools.islice(itertools.product(*map(range, scenario.space.sizes)), 40):
        assert 0.0 <= quality.nash_ratio(package) <= 1.0
        distance = quality.pareto_distance(package)
        assert distance is not None and distance >= 0.0
    for point in analyze(scenario).pareto:
        assert quality.pareto_distance(point.indices) == pytest.approx(0.0, abs=1e-12)
