"""The search's moves: single-issue changes, and entering a rectangle in one step."""

from __future__ import annotations

import numpy as np

from shuttle.engine.analysis.neighbourhood import Neighbourhood
from shuttle.engine.preferences import HyperRectangle, HyperRectangleProfile, RectangleKind
from shuttle.engine.space import DiscreteIssue, IntegerIssue, OutcomeSpace

SPACE = OutcomeSpace(
    (IntegerIssue("x", 0, 4), IntegerIssue("y", 10, 12), DiscreteIssue("d", ("a", "b")))
)


def test_single_issue_moves_reach_every_option_of_every_issue() -> None:
    moves = Neighbourhood(SPACE, [])(np.array([[0, 0, 0], [4, 2, 1]]))
    assert len(moves) == 2 * (5 + 3 + 2)
    for start, block in zip([[0, 0, 0], [4, 2, 1]], np.split(moves, 2), strict=True):
        differing = (block != np.array(start)).sum(axis=1)
        assert differing.max() == 1
        assert {tuple(r) for r in block} >= {(o, start[1], start[2]) for o in range(5)}


def test_rectangle_moves_clamp_into_the_bounds_and_leave_other_issues() -> None:
    inside = HyperRectangle(RectangleKind.INCLUDES, 1.0, ((0, 2.0, 3.0), (1, 12.0, 12.0)))
    outside = HyperRectangle(RectangleKind.EXCLUDES, 1.0, ((0, 0.0, 0.0),))
    impossible = HyperRectangle(RectangleKind.INCLUDES, 1.0, ((1, 20.0, 30.0),))
    on_labels = HyperRectangle(RectangleKind.INCLUDES, 1.0, ((2, 0.0, 1.0),))
    profile = HyperRectangleProfile((inside, outside, impossible, on_labels), 2.0)
    moves = Neighbourhood(SPACE, [profile])(np.array([[0, 0, 1], [4, 1, 0]]))
    single = 5 + 3 + 2
    assert len(moves) == 2 * single + 2  # one usable box: the others cannot be clamped into
    assert moves[-2].tolist() == [2, 2, 1] and moves[-1].tolist() == [3, 2, 0]
