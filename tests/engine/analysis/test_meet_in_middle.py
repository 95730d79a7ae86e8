"""Counting the zone by meeting in the middle, against direct counting."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from shuttle.engine.analysis import meet_in_middle
from shuttle.engine.analysis.meet_in_middle import (
    count_dominating,
    partial_sums,
    split_issues,
    zone_size_two_parties,
)

LEVELS = [0.0, 0.1, 0.2, 0.3, 0.25, 0.5, 0.6, 1.0]


@settings(max_examples=150, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 70), st.just(2)), elements=st.sampled_from(LEVELS)),
    arrays(np.float64, st.tuples(st.integers(1, 40), st.just(2)), elements=st.sampled_from(LEVELS)),
)
def test_dominance_count_matches_direct_counting(
    points: np.ndarray, thresholds: np.ndarray
) -> None:
    direct = sum(int(np.sum((points[:, 0] >= t[0]) & (points[:, 1] >= t[1]))) for t in thresholds)
    assert count_dominating(points, thresholds) == direct


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        arrays(
            np.float64, st.tuples(st.integers(1, 4), st.just(2)), elements=st.sampled_from(LEVELS)
        ),
        min_size=1,
        max_size=5,
    ),
    st.tuples(st.sampled_from(LEVELS), st.sampled_from(LEVELS)),
)
def test_zone_size_matches_enumeration(matrices: list[np.ndarray], r: tuple[float, float]) -> None:
    every = partial_sums(matrices, 2)
    expected = int(np.sum(np.all(every >= np.array(r) - 1e-12, axis=1)))
    assert zone_size_two_parties(matrices, r) == expected


def test_halves_are_balanced() -> None:
    first, second = split_issues([10] * 12)
    assert sorted(first + second) == list(range(12)) and len(first) == len(second) == 6
    first, second = split_issues([50, 2, 2, 2, 2, 2, 2])
    assert math.prod([50, 2, 2, 2, 2, 2, 2][i] for i in first) <= 100


def test_too_large_halves_are_refused() -> None:
    matrices = [np.zeros((10, 2)) + 0.1 * k for k in range(4)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(meet_in_middle, "MEET_IN_MIDDLE_HALF_LIMIT", 99)
        assert zone_size_two_parties(matrices, (0.5, 0.5)) is None
    assert zone_size_two_parties(matrices, (0.0, 0.0)) == 10**4
