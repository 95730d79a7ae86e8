"""Straight-line value utilities for integer and real issues, as the YAML format writes them.

``{at_min: a, at_max: b}`` means the utility runs in a straight line from a at the issue's
minimum to b at its maximum, clipped to [0, 1]. Both reading and writing go through
`interpolated`, so a line written out and read back gives the very same floats; the writer
uses the form only when it reproduces a profile's values exactly (`as_line`).
"""

from __future__ import annotations

from collections.abc import Sequence

from shuttle.engine.formats.checks import clip_unit
from shuttle.engine.space import IntegerIssue, RealIssue


def interpolated(
    issue: IntegerIssue | RealIssue, at_min: float, at_max: float
) -> tuple[float, ...]:
    """The utility of each of the issue's values on the line from `at_min` to `at_max`."""
    span = issue.high - issue.low
    if span == 0:
        return tuple(clip_unit(at_min) for _ in issue.values)
    # a*(1-t) + b*t (not a + (b-a)*t) hits both ends exactly: t = 0 gives a, t = 1 gives b.
    return tuple(
        clip_unit(at_min * (1 - t) + at_max * t)
        for t in ((value - issue.low) / span for value in issue.values)
    )


def as_line(issue: IntegerIssue | RealIssue, values: Sequence[float]) -> tuple[float, float] | None:
    """(at_min, at_max) when the line between the end values reproduces `values` exactly."""
    if not values:
        return None
    line = (values[0], values[-1])
    return line if interpolated(issue, *line) == tuple(values) else None
