"""`analyze` against the brute force, on every path it can take."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from shuttle.engine import analyze
from shuttle.engine.analysis import Method, analyzer, search
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, OutcomeSpace, RealIssue
from tests.engine.analysis.brute import brute
from tests.engine.analysis.check import check_against_brute
from tests.engine.analysis.strategies import additive_scenarios, rectangle_scenarios

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(additive_scenarios())
def test_additive_scenarios_match_the_brute_force(scenario: Scenario) -> None:
    result = analyze(scenario)
    assert result.method is Method.DECOMPOSITION and result.exact
    check_against_brute(scenario, result)


@PROPERTY
@given(rectangle_scenarios())
def test_rectangle_scenarios_match_the_brute_force(scenario: Scenario) -> None:
    result = analyze(scenario)
    assert result.method is Method.ENUMERATION and result.exact
    check_against_brute(scenario, result)


@settings(max_examples=30, deadline=None)
@given(additive_scenarios(parties=(2, 2)))
def test_two_parties_beyond_enumeration_count_the_zone_by_meeting_in_the_middle(
    scenario: Scenario,
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analyzer, "ENUMERATION_LIMIT", 0)
        result = analyze(scenario)
    assert result.exact
    check_against_brute(scenario, result)


@settings(max_examples=10, deadline=None)
@given(additive_scenarios(parties=(3, 4)))
def test_more_parties_beyond_enumeration_leave_the_zone_uncounted_unless_trivial(
    scenario: Scenario,
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analyzer, "ENUMERATION_LIMIT", 0)
        result = analyze(scenario)
    expected = brute(scenario)
    if expected.zone == scenario.space.grid_size:
        # Every outcome acceptable is visible from the issues' worst options alone.
        assert result.zopa_size == expected.zone and result.exact
    else:
        assert result.zopa_size is None and not result.exact
        assert result.to_dict()["zopa_size"] is None
    assert len(result.pareto) == len(expected.frontier)  # the frontier stays exact


@settings(max_examples=15, deadline=None)
@given(rectangle_scenarios())
def test_search_beyond_enumeration_is_approximate_but_finds_small_frontiers(
    scenario: Scenario,
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analyzer, "ENUMERATION_LIMIT", 0)
        patch.setattr(search, "SEARCH_EVALUATIONS", 5_000)
        patch.setattr(search, "SEARCH_SAMPLES", 2_000)
        result = analyze(scenario)
    assert result.method is Method.SEARCH and not result.exact and result.zopa_size is None
    # 2,000 random samples of at most 256 outcomes see every outcome: the search is then exact
    # in its points even though it cannot know it; everything but the zone must agree.
    exact = analyze(scenario)
    assert [p.utilities for p in result.pareto] == [p.utilities for p in exact.pareto]
    for found, known in ((result.nash, exact.nash), (result.max_welfare, exact.max_welfare)):
        # Equal vectors may be reached by other outcomes: any of them is a valid answer.
        assert (found is None) == (known is None)
        assert found is None or known is None or found.utilities == known.utilities


def test_real_issues_are_analysed_on_their_grid_and_never_exact() -> None:
    space = OutcomeSpace((RealIssue("price", 0.0, 10.0, 11), DiscreteIssue("d", ("a", "b"))))
    ups = tuple(i / 10 for i in range(11))
    buyer = LinearAdditive((0.5, 0.5), (ups[::-1], (1.0, 0.0)), reservation=0.2)
    seller = LinearAdditive((0.5, 0.5), (ups, (0.0, 1.0)), reservation=0.2)
    scenario = Scenario("grid", space, ("buyer", "seller"), (buyer, seller))
    result = analyze(scenario)
    body = result.to_dict()
    assert not body["exact"] and body["outcomes"] is None and body["zopa_size"] is None
    assert body["issues"][0] == {"name": "price", "min": 0.0, "max": 10.0}
    expected = brute(scenario)
    assert len(body["pareto"]) == len(expected.frontier)


def test_no_acceptable_outcome_gives_no_nash_and_no_kalai_smorodinsky() -> None:
    space = OutcomeSpace((DiscreteIssue("split", ("mine", "yours")),))
    a = LinearAdditive((1.0,), ((1.0, 0.0),), reservation=0.9)
    b = LinearAdditive((1.0,), ((0.0, 1.0),), reservation=0.9)
    result = analyze(Scenario("deadlock", space, ("a", "b"), (a, b)))
    assert result.nash is None and result.kalai_smorodinsky is None
    assert result.zopa_size == 0 and result.exact
    assert result.max_welfare is not None and len(result.pareto) == 2


def test_utilities_a_hair_apart_are_one_point_and_meet_reservations() -> None:
    # Summed left to right, (0.1 + 0.2) + 0.3 = 0.6000000000000001 but (0.3 + 0.2) + 0.1 = 0.6.
    issues = (("lo", "hi"), ("only",), ("hi", "lo"))
    space = OutcomeSpace(tuple(DiscreteIssue(f"i{k}", v) for k, v in enumerate(issues)))
    weights = (1.0, 1.0, 1.0)
    a = LinearAdditive(weights, ((0.1, 0.3), (0.2,), (0.3, 0.1)), reservation=0.1 + 0.2 + 0.3)
    b = LinearAdditive(weights, ((0.3, 0.1), (0.2,), (0.1, 0.3)), reservation=0.1 + 0.2 + 0.3)
    scenario = Scenario("twins", space, ("a", "b"), (a, b))
    assert a.utility(space, space.index_block(0, 4)).tolist()[::3] == [0.6000000000000001, 0.6]
    result = analyze(scenario)
    # Exact comparisons would see four frontier points and an empty zone.
    assert len(result.pareto) == 3
    assert result.zopa_size == 2
    assert result.nash is not None and result.kalai_smorodinsky is not None
    check_against_brute(scenario, result)


def test_the_json_is_exactly_the_documented_object() -> None:
    space = OutcomeSpace((DiscreteIssue("x", ("p", "q")),))
    a = LinearAdditive((1.0,), ((1.0, 0.25),))
    b = LinearAdditive((1.0,), ((0.5, 1.0),), reservation=0.6)
    body = analyze(Scenario("tiny", space, ("a", "b"), (a, b))).to_dict()
    assert json.loads(json.dumps(body)) == body
    assert body == {
        "scenario": "tiny",
        "parties": ["a", "b"],
        "issues": [{"name": "x", "values": ["p", "q"]}],
        "outcomes": 2,
        "exact": True,
        "reservation": [0.0, 0.6],
        "pareto": [
            {"outcome": {"x": "p"}, "utilities": [1.0, 0.5]},
            {"outcome": {"x": "q"}, "utilities": [0.25, 1.0]},
        ],
        "nash": {"outcome": {"x": "q"}, "utilities": [0.25, 1.0]},
        "kalai_smorodinsky": {"outcome": {"x": "q"}, "utilities": [0.25, 1.0]},
        "max_welfare": {"outcome": {"x": "p"}, "utilities": [1.0, 0.5]},
        "zopa_size": 1,
    }
