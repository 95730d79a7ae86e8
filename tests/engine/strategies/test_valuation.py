"""A party's profile read for answering: utilities, best options, truthful comparisons."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given

from shuttle.engine import DiscreteIssue, LinearAdditive, OutcomeSpace, RealIssue, Scenario
from shuttle.engine.strategies.valuation import Valuation
from tests.engine.strategies.scenarios import additive, spaces_and_profiles, trade


def test_utility_of_a_package_is_the_sum_of_its_options_contributions() -> None:
    scenario = trade()
    north = Valuation(scenario.space, additive(scenario)[0])
    assert north.utility((0, 2, 2)) == pytest.approx(0.6 + 0.3 + 0.1)
    assert north.best_utility == pytest.approx(1.0)
    assert north.worst_utility == pytest.approx(0.0)


@given(spaces_and_profiles())
def test_prefer_names_exactly_the_issues_off_the_best_and_their_best_option(
    scenario: Scenario,
) -> None:
    valuation = Valuation(scenario.space, additive(scenario)[0])
    for package in itertools.islice(itertools.product(*map(range, scenario.space.sizes)), 50):
        hints = valuation.prefer(package)
        for issue, option in enumerate(package):
            values = additive(scenario)[0].values[issue]
            if values[option] < max(values):
                assert hints[issue] == valuation.best_option(issue)
                assert values[hints[issue]] == max(values)
            else:
                assert issue not in hints


@given(spaces_and_profiles())
def test_comparisons_match_the_utilities(scenario: Scenario) -> None:
    valuation = Valuation(scenario.space, additive(scenario)[1])
    packages = list(itertools.islice(itertools.product(*map(range, scenario.space.sizes)), 12))
    for current, previous in itertools.product(packages, repeat=2):
        difference = valuation.utility(current) - valuation.utility(previous)
        expected = "better" if difference > 1e-12 else "worse" if difference < -1e-12 else "same"
        assert valuation.compare(current, previous) == expected


def test_escalation_lowers_the_reservation_but_never_below_zero() -> None:
    space = OutcomeSpace((DiscreteIssue("a", ("x", "y")),))
    valuation = Valuation(space, LinearAdditive((1.0,), ((0.0, 1.0),), reservation=0.4))
    assert valuation.effective_reservation(0.0) == pytest.approx(0.4)
    assert valuation.effective_reservation(0.15) == pytest.approx(0.25)
    assert valuation.effective_reservation(1.0) == 0.0


def test_a_real_issue_or_a_mismatched_profile_is_refused() -> None:
    real = OutcomeSpace((RealIssue("price", 0.0, 1.0),))
    with pytest.raises(ValueError, match="real issue"):
        Valuation(real, LinearAdditive((1.0,), ((0.0,) * 101,)))
    space = OutcomeSpace((DiscreteIssue("a", ("x", "y")),))
    with pytest.raises(ValueError, match="2 issues"):
        Valuation(space, LinearAdditive((0.5, 0.5), ((0.0, 1.0), (1.0, 0.0))))
