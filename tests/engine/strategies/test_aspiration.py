"""Time-based concession: curves fall from the best utility to the reservation value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shuttle.engine.strategies.aspiration import BOULWARE, CONCEDER, LINEAR, aspiration

times = st.floats(0.0, 1.0)
exponents = st.sampled_from([BOULWARE, LINEAR, CONCEDER, 0.5, 3.0])


@given(times, times, exponents)
def test_aspiration_never_rises_with_time(a: float, b: float, exponent: float) -> None:
    early, late = sorted((a, b))
    assert aspiration(early, 1.0, 0.3, exponent) >= aspiration(late, 1.0, 0.3, exponent)


@pytest.mark.parametrize("exponent", [BOULWARE, LINEAR, CONCEDER])
def test_asks_for_the_best_at_the_start_and_the_reservation_at_the_deadline(
    exponent: float,
) -> None:
    assert aspiration(0.0, 0.9, 0.25, exponent) == pytest.approx(0.9)
    assert aspiration(1.0, 0.9, 0.25, exponent) == pytest.approx(0.25)


@given(st.floats(0.01, 0.99))
def test_boulware_holds_out_longer_than_linear_and_linear_than_conceder(t: float) -> None:
    boulware, linear, conceder = (aspiration(t, 1.0, 0.0, e) for e in (BOULWARE, LINEAR, CONCEDER))
    assert boulware >= linear >= conceder


def test_linear_concedes_in_proportion_to_time() -> None:
    assert aspiration(0.25, 1.0, 0.2, LINEAR) == pytest.approx(0.8)


def test_a_reservation_above_the_best_is_asked_for_throughout() -> None:
    assert aspiration(0.5, 0.4, 0.6, LINEAR) == 0.6


def test_time_outside_the_deadline_is_clamped() -> None:
    assert aspiration(1.5, 1.0, 0.1, LINEAR) == pytest.approx(0.1)
    assert aspiration(-1.0, 1.0, 0.1, LINEAR) == pytest.approx(1.0)


def test_a_non_positive_exponent_is_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="exponent must be > 0"):
        aspiration(0.5, 1.0, 0.0, 0.0)
