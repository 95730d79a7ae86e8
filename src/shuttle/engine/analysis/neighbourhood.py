"""The moves of the local search: outcomes one step away from given outcomes.

Two kinds of step:

* change one issue to another option (every issue, every option);
* for hyper-rectangle profiles, enter a rectangle: move each issue the rectangle bounds to the
  nearest option inside its bounds, leaving the other issues alone. Rectangle utilities are
  flat plateaus, and reaching a new one usually takes several issues changing at once, which
  single-issue steps cannot do without first losing utility; this step does it in one move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shuttle.engine.analysis.dominance import IntArray
from shuttle.engine.preferences import HyperRectangleProfile, Profile, RectangleKind
from shuttle.engine.space import DiscreteIssue, OutcomeSpace


@dataclass(frozen=True)
class Box:
    """A rectangle's bounds as option-index ranges: issues[k] must lie in [low[k], high[k]]."""

    issues: IntArray
    low: IntArray
    high: IntArray


class Neighbourhood:
    """Generates the outcomes one move away from a batch of outcomes."""

    def __init__(self, space: OutcomeSpace, profiles: Sequence[Profile]) -> None:
        sizes = space.sizes
        self._issue = np.repeat(np.arange(len(sizes)), sizes)
        self._option = np.concatenate([np.arange(size) for size in sizes] or [np.zeros(0, int)])
        self._boxes = [box for profile in profiles for box in _boxes(space, profile)]

    def __call__(self, rows: IntArray) -> IntArray:
        """Every one-move neighbour of each row (duplicates and the rows themselves possible)."""
        single = np.repeat(rows, len(self._issue), axis=0)
        issue = np.tile(self._issue, len(rows))
        single[np.arange(len(single)), issue] = np.tile(self._option, len(rows))
        if not self._boxes:
            return single
        entered = np.repeat(rows, len(self._boxes), axis=0).reshape(len(rows), len(self._boxes), -1)
        for position, box in enumerate(self._boxes):
            part = entered[:, position, :]
            part[:, box.issues] = np.clip(part[:, box.issues], box.low, box.high)
        return np.concatenate([single, entered.reshape(-1, rows.shape[1])])


def _boxes(space: OutcomeSpace, profile: Profile) -> list[Box]:
    """The satisfiable INCLUDES rectangles of a hyper-rectangle profile, as index boxes."""
    if not isinstance(profile, HyperRectangleProfile):
        return []
    boxes = []
    for rectangle in profile.rectangles:
        if rectangle.kind is not RectangleKind.INCLUDES:
            continue  # leaving a box is a single-issue move already
        issues, lows, highs = [], [], []
        for position, low, high in rectangle.bounds:
            issue = space.issues[position]
            if isinstance(issue, DiscreteIssue):
                break  # named options have no order to clamp into
            values = np.asarray(issue.values, dtype=np.float64)
            first = int(np.searchsorted(values, low, side="left"))
            last = int(np.searchsorted(values, high, side="right")) - 1
            if first > last:
                break  # no option lies inside: the rectangle can never be satisfied
            issues.append(position)
            lows.append(first)
            highs.append(last)
        else:
            boxes.append(
                Box(
                    np.asarray(issues, np.int64),
                    np.asarray(lows, np.int64),
                    np.asarray(highs, np.int64),
                )
            )
    return boxes
