"""One comparison of `analyze` with the brute force, shared by the property and public tests."""

from __future__ import annotations

import math

import numpy as np

from shuttle.engine.analysis import AnalysisResult, Point, analyze
from shuttle.engine.scenario import Scenario
from tests.engine.analysis.brute import EPS, Brute, brute, same_vectors

# Products and ratios of utilities carry a few more rounding errors than the utilities.
CLOSE = 1e-9


def true_utilities(scenario: Scenario, point: Point) -> tuple[float, ...]:
    row = np.array([point.indices])
    return tuple(float(p.utility(scenario.space, row)[0]) for p in scenario.profiles)


def check_against_brute(scenario: Scenario, result: AnalysisResult | None = None) -> Brute:
    """Assert that `result` (else `analyze(scenario)`) agrees with the brute force."""
    result = analyze(scenario) if result is None else result
    expected = brute(scenario)
    r = np.array(scenario.reservations)
    points = [*result.pareto, result.nash, result.kalai_smorodinsky, result.max_welfare]
    for point in points:
        if point is not None:
            assert point.utilities == true_utilities(scenario, point)
            assert point.outcome == scenario.space.decode(point.indices)
    ours = np.array([p.utilities for p in result.pareto]).reshape(-1, len(scenario.parties))
    assert same_vectors(ours, expected.frontier), (ours, expected.frontier)
    assert [p.utilities for p in result.pareto] == sorted(
        (p.utilities for p in result.pareto), reverse=True
    )
    assert result.zopa_size == expected.zone
    assert result.max_welfare is not None
    assert math.isclose(sum(result.max_welfare.utilities), expected.max_welfare, abs_tol=CLOSE)
    if expected.nash_product is None:
        assert result.nash is None and result.kalai_smorodinsky is None
        return expected
    assert result.nash is not None and result.kalai_smorodinsky is not None
    for point in (result.nash, result.kalai_smorodinsky):
        assert np.all(np.array(point.utilities) >= r - EPS)
    gains = np.maximum(np.array(result.nash.utilities) - r, 0.0)
    assert math.isclose(float(np.prod(gains)), expected.nash_product, abs_tol=CLOSE)
    acceptable = expected.utilities[np.all(expected.utilities >= r - EPS, axis=1)]
    span = acceptable.max(axis=0) - r
    ks_gains = np.maximum(np.array(result.kalai_smorodinsky.utilities) - r, 0.0)
    ratios = np.where(span <= EPS, 1.0, ks_gains / np.where(span <= EPS, 1.0, span))
    assert expected.ks_worst_ratio is not None
    assert math.isclose(float(ratios.min()), expected.ks_worst_ratio, abs_tol=CLOSE)
    return expected
