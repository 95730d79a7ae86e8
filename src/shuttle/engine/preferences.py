"""A party's private preferences over an outcome space, evaluated in bulk with NumPy.

Two families cover the field's scenario files: linear additive profiles (a weighted sum of
per-issue utilities) and the ANAC 2014 hyper-rectangle profiles (non-linear). Both carry a
reservation value (the utility of no deal) and an optional discount factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from shuttle.engine.space import OutcomeSpace

FloatArray: TypeAlias = NDArray[np.float64]
IndexArray: TypeAlias = NDArray[np.integer]


def effective_discount(factor: float | None) -> float | None:
    """Genius's convention: a factor <= 0 or >= 1 means no discounting."""
    return factor if factor is not None and 0.0 < factor < 1.0 else None


@dataclass(frozen=True)
class LinearAdditive:
    """u(outcome) = sum over issues of weight_i * value_utility_i(option_i).

    `values[i]` holds issue i's value utility for every option index (for integer and real
    issues, the linear evaluator already applied and clipped to [0, 1]). Weights sum to 1.
    """

    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    reservation: float = 0.0
    discount: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "discount", effective_discount(self.discount))

    def contributions(self) -> list[FloatArray]:
        """Per issue, each option's weighted contribution: utilities are their sums."""
        return [
            w * np.asarray(v, dtype=np.float64)
            for w, v in zip(self.weights, self.values, strict=True)
        ]

    def utility(self, space: OutcomeSpace, indices: IndexArray) -> FloatArray:
        total = np.zeros(len(indices), dtype=np.float64)
        for column, contribution in enumerate(self.contributions()):
            total += contribution[indices[:, column]]
        return total


class RectangleKind(StrEnum):
    INCLUDES = "INCLUDES"  # counts when the outcome lies inside
    EXCLUDES = "EXCLUDES"  # counts when the outcome lies outside


@dataclass(frozen=True)
class HyperRectangle:
    """A box over some issues' values (inclusive bounds, by issue position) and its utility."""

    kind: RectangleKind
    utility: float
    bounds: tuple[tuple[int, float, float], ...]  # (issue position, min value, max value)


@dataclass(frozen=True)
class HyperRectangleProfile:
    """ANAC 2014 non-linear profile: min(1, sum of satisfied rectangles' utility / max_utility).

    Bounds are in issue *values*; evaluation converts index rows to values through the space.
    """

    rectangles: tuple[HyperRectangle, ...]
    max_utility: float
    reservation: float = 0.0
    discount: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "discount", effective_discount(self.discount))

    def utility(self, space: OutcomeSpace, indices: IndexArray) -> FloatArray:
        # Only the issues a rectangle bounds need numeric values (discrete labels have none).
        used = {position for rectangle in self.rectangles for position, _, _ in rectangle.bounds}
        value_tables = {
            position: np.asarray(space.issues[position].values, dtype=np.float64)
            for position in used
        }
        total = np.zeros(len(indices), dtype=np.float64)
        for rectangle in self.rectangles:
            inside = np.ones(len(indices), dtype=bool)
            for position, low, high in rectangle.bounds:
                values = value_tables[position][indices[:, position]]
                inside &= (values >= low) & (values <= high)
            satisfied = inside if rectangle.kind is RectangleKind.INCLUDES else ~inside
            total += np.where(satisfied, rectangle.utility, 0.0)
        if self.max_utility <= 0:
            return np.zeros(len(indices), dtype=np.float64)
        return np.minimum(1.0, total / self.max_utility)


Profile: TypeAlias = LinearAdditive | HyperRectangleProfile


def discounted(
    utility: FloatArray | float, discount: float | None, time: float
) -> FloatArray | float:
    """Utility at normalised time `time` in [0, 1]: u * d**t, or u when there is no discount."""
    return utility if discount is None else utility * discount**time
