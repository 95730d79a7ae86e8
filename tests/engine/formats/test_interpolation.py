"""Straight-line utilities: exact at both ends, clipped, and detected only when exact."""

from __future__ import annotations

from shuttle.engine.formats.interpolation import as_line, interpolated
from shuttle.engine.space import IntegerIssue, RealIssue


def test_a_line_hits_both_ends_exactly_and_clips() -> None:
    assert interpolated(IntegerIssue("n", 3, 7), 0.1, 0.3)[0] == 0.1
    assert interpolated(IntegerIssue("n", 3, 7), 0.1, 0.3)[-1] == 0.3
    assert interpolated(IntegerIssue("n", 0, 4), -0.5, 1.5) == (0.0, 0.0, 0.5, 1.0, 1.0)
    assert interpolated(RealIssue("x", 0.0, 1.0, 3), 1.0, 0.0) == (1.0, 0.5, 0.0)


def test_a_single_value_issue_takes_the_minimum_end() -> None:
    assert interpolated(IntegerIssue("n", 5, 5), 0.4, 0.9) == (0.4,)


def test_lines_are_detected_only_when_they_reproduce_the_values() -> None:
    issue = IntegerIssue("n", 1, 5)
    line = interpolated(issue, 0.2, 0.9)
    assert as_line(issue, line) == (0.2, 0.9)
    assert as_line(issue, (0.2, 0.9, 0.1, 0.5, 0.9)) is None
    assert as_line(issue, interpolated(issue, -1.0, 2.0)) is None  # clipped: not recoverable
