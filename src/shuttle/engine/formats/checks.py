"""Checks every reader applies the same way: numbers, utilities in [0, 1], weights.

They raise `Problem` with the problem alone; the reader adds the file and element.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from shuttle.engine.formats.errors import Problem

# Dividing weights that already sum to 1 (up to rounding) would only disturb their last bits,
# and a scenario written out and read back would then differ from the original.
_SUMS_TO_ONE = 1e-9

# One utility per option is stored for every issue: an integer issue of a billion values would
# exhaust memory long before any analysis ran.
MAX_OPTIONS = 1_000_000


def parse_number(text: str | None, what: str) -> float:
    """`text` as a finite float; `what` names it in the problem (``evaluation``)."""
    if text is None:
        raise Problem(f"{what} is missing")
    try:
        number = float(text)
    except ValueError:
        raise Problem(f"{what} {text!r} is not a number") from None
    if not math.isfinite(number):
        raise Problem(f"{what} {text!r} is not a finite number")
    return number


def parse_integer(text: str | None, what: str) -> int:
    """`text` as an int (``-5``, ``10``); `what` names it in the problem."""
    if text is None:
        raise Problem(f"{what} is missing")
    try:
        return int(text.strip())
    except ValueError:
        raise Problem(f"{what} {text!r} is not an integer") from None


def unit_interval(value: float, what: str) -> float:
    """`value` if it lies in [0, 1], the range of every utility."""
    if not 0.0 <= value <= 1.0:
        raise Problem(f"{what} {value!r} is outside [0, 1]")
    return value


def positive_fraction(value: float, what: str) -> float:
    """`value` if it lies in (0, 1]: a share that must be more than nothing (0.03, not 3)."""
    if not 0.0 < value <= 1.0:
        raise Problem(f"{what} {value!r} is outside (0, 1]")
    return value


def normalised_weights(weights: Sequence[float]) -> tuple[float, ...]:
    """`weights` scaled to sum 1; weights that already do are kept exactly as given."""
    if any(weight < 0 for weight in weights):
        raise Problem("weights must not be negative")
    total = math.fsum(weights)
    if total <= 0:
        raise Problem("weights sum to 0: at least one must be positive")
    if abs(total - 1.0) <= _SUMS_TO_ONE:
        return tuple(float(weight) for weight in weights)
    return tuple(weight / total for weight in weights)


def check_size(size: int, what: str) -> int:
    """`size` if an issue with that many options can be tabulated."""
    if size < 1:
        raise Problem(f"{what} has no options")
    if size > MAX_OPTIONS:
        raise Problem(f"{what} has {size:,} options; at most {MAX_OPTIONS:,} are supported")
    return size


def clip_unit(value: float) -> float:
    """`value` clipped to [0, 1], as Genius clips its linear evaluators."""
    return min(1.0, max(0.0, value))


MIN_PARTIES = 2


def check_parties(count: int) -> int:
    """`count` if it is enough parties for a negotiation."""
    if count < MIN_PARTIES:
        raise Problem(f"a scenario needs at least {MIN_PARTIES} parties (profiles); found {count}")
    return count
