"""The additive fold stays within its bounds: past them it thins the frontier, says so, and keeps
what adds up exactly (each party's best outcome, the outcome of maximum welfare)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from shuttle.engine.analysis import Method, analyze
from shuttle.engine.analysis.additive import contribution_matrices, folded_frontier
from shuttle.engine.analysis.dominance import pareto_indices
from shuttle.engine.analysis.limits import FOLD_POINTS
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, OutcomeSpace
from tests.engine.analysis.brute import all_utilities, frontier_of, same_vectors


def conflict(issues: int, options: int, parties: int, seed: int = 0) -> Scenario:
    """Every option splits one unit between the parties: no outcome dominates another, so the
    frontier is as large as it can be."""
    rng = np.random.default_rng(seed)
    space = OutcomeSpace(
        tuple(DiscreteIssue(f"i{k}", tuple(f"o{j}" for j in range(options))) for k in range(issues))
    )
    shares = rng.dirichlet(np.ones(parties), size=(issues, options))  # issue x option x party
    weights = tuple(1 / issues for _ in range(issues))
    profiles = tuple(
        LinearAdditive(weights, tuple(tuple(shares[k, :, p]) for k in range(issues)), 0.2)
        for p in range(parties)
    )
    return Scenario("conflict", space, tuple(f"p{p}" for p in range(parties)), profiles)


def linear(scenario: Scenario) -> list[LinearAdditive]:
    return [p for p in scenario.profiles if isinstance(p, LinearAdditive)]


def best_by_issue(scenario: Scenario) -> tuple[list[float], float]:
    """Each party's best utility and the greatest total: sums over issues of the best option."""
    matrices = contribution_matrices(linear(scenario))
    best = [sum(float(m[:, p].max()) for m in matrices) for p in range(len(scenario.parties))]
    return best, sum(float(m.sum(axis=1).max()) for m in matrices)


def test_within_the_bounds_the_frontier_is_exact() -> None:
    scenario = conflict(issues=5, options=4, parties=2)  # 1,024 outcomes
    folded = folded_frontier(scenario.space, linear(scenario))
    assert folded.exact
    assert same_vectors(folded.utilities, frontier_of(all_utilities(scenario)))


@pytest.mark.parametrize(("parties", "issues"), [(2, 2_000), (3, 300)])
def test_beyond_the_bounds_the_frontier_is_thinned_and_says_so(parties: int, issues: int) -> None:
    scenario = conflict(issues=issues, options=3, parties=parties)
    folded = folded_frontier(scenario.space, linear(scenario))
    assert not folded.exact
    assert 50 <= len(folded.rows) <= FOLD_POINTS // issues + parties + 1
    # Real outcomes, with the utilities their profiles give, none dominating another.
    again = np.stack([p.utility(scenario.space, folded.rows) for p in linear(scenario)], axis=1)
    assert np.array_equal(again, folded.utilities)
    assert len(pareto_indices(folded.utilities)) == len(folded.utilities)
    # What adds up issue by issue stays exact.
    best, total = best_by_issue(scenario)
    assert folded.utilities.max(axis=0) == pytest.approx(best, abs=1e-9)
    assert folded.utilities.sum(axis=1).max() == pytest.approx(total, abs=1e-9)


def test_the_work_bound_thins_a_small_but_costly_frontier() -> None:
    # 3 parties, 6 issues: 46,656 outcomes, every one on the frontier. Filtering them whole
    # costs 46,656^2 x 3 = 6.5e9 comparisons, beyond the budget.
    scenario = conflict(issues=6, options=6, parties=3)
    folded = folded_frontier(scenario.space, linear(scenario))
    assert not folded.exact and 1_000 < len(folded.rows) < 46_656


def test_the_analysis_of_a_thinned_frontier_is_labelled_approximate() -> None:
    result = analyze(conflict(issues=1_000, options=3, parties=2))
    assert result.method is Method.THINNED and not result.exact
    body = result.to_dict()
    assert body["exact"] is False and body["nash"] is not None
    json.dumps(body, allow_nan=False)  # strict JSON: no NaN, no infinity
