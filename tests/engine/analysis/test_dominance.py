"""Pareto filtering against the definition, for two parties (sweep) and more (chunked)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from shuttle.engine.analysis import dominance
from shuttle.engine.analysis.dominance import pareto_indices
from tests.engine.analysis.brute import frontier_of, same_vectors

LEVELS = [0.0, 0.1, 0.2, 0.3, 0.6, (0.1 + 0.2) + 0.3, 1 / 3, 1.0]


def utilities(parties: int) -> st.SearchStrategy[np.ndarray]:
    return st.integers(1, 80).flatmap(
        lambda rows: arrays(np.float64, (rows, parties), elements=st.sampled_from(LEVELS))
    )


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5).flatmap(utilities))
def test_the_filter_keeps_one_row_per_non_dominated_vector(u: np.ndarray) -> None:
    kept = pareto_indices(u)
    assert np.all(np.diff(kept) > 0)
    assert same_vectors(u[kept], frontier_of(u))


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 4).flatmap(utilities))
def test_tiny_chunks_change_nothing(u: np.ndarray) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "PAIR_BLOCK", 8)
        small = pareto_indices(u)
    assert np.array_equal(small, pareto_indices(u))


def test_the_first_of_equal_rows_stands_for_them() -> None:
    u = np.array([[0.5, 0.5, 0.5], [1.0, 0.0, 0.0], [0.5, 0.5, 0.5], [0.2, 0.2, 0.2]])
    assert pareto_indices(u).tolist() == [0, 1]
    assert pareto_indices(u[:, :2]).tolist() == [0, 1]
    assert pareto_indices(u[:, :1]).tolist() == [1]


def test_empty_input_gives_no_points() -> None:
    assert len(pareto_indices(np.zeros((0, 2)))) == 0
