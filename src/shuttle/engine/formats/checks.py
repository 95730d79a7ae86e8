"""Checks every reader applies the same way: numbers, utilities in [0, 1], weights, sizes.

They raise `Problem` with the problem alone; the reader adds the file and element. A number that
is not finite (NaN, an infinity, or a literal beyond the largest float, 1.8e308, which reads as
infinite) is refused wherever it stands: one NaN weight would make every utility NaN, and the
analysis would report nonsense, or print JSON that strict parsers reject.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from shuttle.engine.formats.errors import Problem, shown
from shuttle.engine.formats.limits import (
    MAX_INTEGER,
    MAX_ISSUES,
    MAX_ISSUES_X_PARTIES,
    MAX_OPTIONS,
    MAX_OUTCOME_DIGITS,
    MAX_PARTIES,
    MAX_PROFILE_VALUES,
)
from shuttle.engine.space import OutcomeSpace

# Dividing weights that already sum to 1 (up to rounding) would only disturb their last bits,
# and a scenario written out and read back would then differ from the original.
_SUMS_TO_ONE = 1e-9

# Longer than any integer within MAX_INTEGER, however written (sign, underscores, spaces):
# refused before Python spends quadratic time converting it.
_INTEGER_CHARACTERS = 40


def finite(value: float, what: str) -> float:
    """`value` if it is a finite number; `what` names it in the problem (``the weight of 'A'``)."""
    if not math.isfinite(value):
        raise Problem(f"{what} {shown(value)} {_not_finite(value)}")
    return value


def _not_finite(value: float) -> str:
    # A literal like 1e400 reads as infinite: say so, or the message would not match the file.
    return "is not a finite number" + ("" if math.isnan(value) else " (beyond ±1.8e308)")


def parse_number(text: str | None, what: str) -> float:
    """`text` as a finite float; `what` names it in the problem (``evaluation``)."""
    if text is None:
        raise Problem(f"{what} is missing")
    try:
        number = float(text)
    except ValueError:
        raise Problem(f"{what} {shown(text)} is not a number") from None
    if not math.isfinite(number):
        raise Problem(f"{what} {shown(text)} {_not_finite(number)}")
    return number


def parse_integer(text: str | None, what: str) -> int:
    """`text` as an int (``-5``, ``10``) within `MAX_INTEGER`; `what` names it in the problem."""
    if text is None:
        raise Problem(f"{what} is missing")
    if len(text) > _INTEGER_CHARACTERS:
        raise Problem(f"{what} {shown(text)} is too long for an integer ({len(text):,} characters)")
    try:
        number = int(text.strip())
    except ValueError:
        raise Problem(f"{what} {shown(text)} is not an integer") from None
    return bounded_integer(number, what)


def bounded_integer(number: int, what: str) -> int:
    """`number` if its magnitude is at most `MAX_INTEGER` (64 bits)."""
    if abs(number) > MAX_INTEGER:
        raise Problem(f"{what} {shown(number)} is too large: at most {MAX_INTEGER:,} in magnitude")
    return number


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
    for weight in weights:
        finite(weight, "weight")
    if any(weight < 0 for weight in weights):
        raise Problem("weights must not be negative")
    total = finite_sum(weights, "the weights")
    if total <= 0:
        raise Problem("weights sum to 0: at least one must be positive")
    if abs(total - 1.0) <= _SUMS_TO_ONE:
        return tuple(float(weight) for weight in weights)
    return tuple(weight / total for weight in weights)


def finite_sum(values: Sequence[float], what: str) -> float:
    """The sum of finite `values`, if it is finite too (1e308 + 1e308 is not)."""
    try:
        total = math.fsum(values)
    except OverflowError:  # fsum's own report of an intermediate overflow
        total = math.inf
    if not math.isfinite(total):
        raise Problem(
            f"{what} sum to more than the largest number (1.8e308): scale them down "
            "(only their ratios matter)"
        )
    return total


def finite_range(low: float, high: float) -> None:
    """Refuse a range whose width is not a finite number: a grid over it would be all NaN."""
    if not math.isfinite(high - low):
        raise Problem(f"the range {low!r}..{high!r} is wider than the largest number (1.8e308)")


def rectangle_scale(utilities: Sequence[float], max_utility: float) -> None:
    """Refuse hyper-rectangle utilities whose total, divided by `max_utility`, is not finite: an
    outcome's utility would be infinite, or NaN."""
    total = finite_sum([abs(utility) for utility in utilities], "the rectangles' utilities")
    if not math.isfinite(total / max_utility):
        raise Problem(
            f"the rectangles' utilities (up to {total:.3g}) over max_utility {max_utility!r} "
            "exceed the largest number (1.8e308)"
        )


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
    """`count` if it is enough parties for a negotiation, and not too many to read."""
    if count < MIN_PARTIES:
        raise Problem(f"a scenario needs at least {MIN_PARTIES} parties (profiles); found {count}")
    if count > MAX_PARTIES:
        raise Problem(f"{count:,} parties (profiles); at most {MAX_PARTIES:,} are supported")
    return count


def check_scale(space: OutcomeSpace, parties: int) -> None:
    """Refuse a scenario whose profiles would be too large to hold, or whose number of outcomes
    too long to print, before any profile is read (limits in `limits`)."""
    issues = len(space.issues)
    if issues > MAX_ISSUES:
        raise Problem(f"{issues:,} issues; at most {MAX_ISSUES:,} are supported")
    if issues * parties > MAX_ISSUES_X_PARTIES:
        raise Problem(
            f"{issues:,} issues x {parties:,} parties = {issues * parties:,}; at most "
            f"{MAX_ISSUES_X_PARTIES:,} are supported"
        )
    options = sum(space.sizes)
    if parties * options > MAX_PROFILE_VALUES:
        raise Problem(
            f"{parties:,} parties x {options:,} options in all = {parties * options:,} "
            f"utilities; at most {MAX_PROFILE_VALUES:,} are supported"
        )
    digits = math.fsum(math.log10(size) for size in space.sizes)
    if digits > MAX_OUTCOME_DIGITS:
        raise Problem(
            f"about 10^{int(digits):,} outcomes; at most 10^{MAX_OUTCOME_DIGITS:,} are supported"
        )
