"""Profiles: discounting by Genius's convention, and non-linear profiles over mixed spaces."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine import (
    DiscreteIssue,
    HyperRectangle,
    HyperRectangleProfile,
    IntegerIssue,
    LinearAdditive,
    OutcomeSpace,
    RectangleKind,
)
from shuttle.engine.preferences import discounted, effective_discount


@pytest.mark.parametrize(("factor", "kept"), [(0.5, 0.5), (0.0, None), (1.0, None), (-2, None)])
def test_a_factor_outside_zero_one_means_no_discount(factor: float, kept: float | None) -> None:
    assert effective_discount(factor) == kept
    assert LinearAdditive((1.0,), ((0.0, 1.0),), discount=factor).discount == kept


def test_discounted_utility_is_u_times_d_to_the_t() -> None:
    assert discounted(0.8, 0.5, 1.0) == pytest.approx(0.4)
    assert discounted(0.8, 0.5, 0.0) == pytest.approx(0.8)
    assert discounted(0.8, None, 1.0) == 0.8


def test_linear_additive_sums_weighted_value_utilities() -> None:
    space = OutcomeSpace((DiscreteIssue("a", ("x", "y")), IntegerIssue("n", 1, 3)))
    profile = LinearAdditive((0.25, 0.75), ((1.0, 0.0), (0.0, 0.5, 1.0)))
    rows = space.index_block(0, 6)
    assert space.decode(rows[5]) == {"a": "y", "n": 3}
    assert np.allclose(profile.utility(space, rows), [0.25, 0.625, 1.0, 0.0, 0.375, 0.75])


def test_rectangles_may_ignore_discrete_issues() -> None:
    space = OutcomeSpace((DiscreteIssue("colour", ("red", "blue")), IntegerIssue("n", 1, 4)))
    profile = HyperRectangleProfile(
        rectangles=(
            HyperRectangle(RectangleKind.INCLUDES, 2.0, ((1, 2.0, 3.0),)),
            HyperRectangle(RectangleKind.EXCLUDES, 1.0, ((1, 1.0, 1.0),)),
        ),
        max_utility=2.0,
    )
    utilities = profile.utility(space, space.index_block(0, 4))
    # n=1: outside the INCLUDES box, inside the EXCLUDES one -> 0; n=2,3: 2+1 capped at 1;
    # n=4: only the EXCLUDES rectangle counts -> 1/2.
    assert np.allclose(utilities, [0.0, 1.0, 1.0, 0.5])
