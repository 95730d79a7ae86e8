"""Numbers in the record: written as the shortest decimal text that reads back exactly.

The record's canonical form has no floating-point values (their JSON spelling is not unique),
so weights, values, reservation values, drops and bid bounds are stored as text such as "0.45"
and read back with `number`.
"""

from __future__ import annotations

import math

from shuttle.talks.refusals import Invalid


def decimal_text(
    value: float, what: str, low: float = 0.0, high: float = 1.0, *, open_low: bool = False
) -> str:
    """`value` as text, after checking it is finite and within [low, high] ((low, high] if
    `open_low`); the message names `what` and the range."""
    number_value = float(value)
    if not math.isfinite(number_value):
        raise Invalid(f"{what} must be a finite number, not {value!r}")
    below = number_value <= low if open_low else number_value < low
    if below or number_value > high:
        bracket = "(" if open_low else "["
        raise Invalid(f"{what} must lie in {bracket}{low:g}, {high:g}]; {number_value:g} does not")
    if number_value == 0.0:
        number_value = 0.0  # no "-0.0" in the record
    return repr(number_value)


def number(text: str) -> float:
    return float(text)


def escalated(total: float, drop: str) -> float:
    """How far reservation values have fallen after one more incident of `drop`: the one sum
    the negotiation's fold, the read model and the automated parties all use."""
    return total + number(drop)
