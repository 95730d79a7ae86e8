"""Outcome spaces: the issues on the table and the options of each.

An outcome is one option per issue. Analysis works on outcomes encoded as integer *indices*
(row = outcome, column = issue), which NumPy evaluates in bulk; `OutcomeSpace.decode` turns an
index row back into the options a person reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

Value: TypeAlias = str | int | float
Outcome: TypeAlias = dict[str, Value]


@dataclass(frozen=True)
class DiscreteIssue:
    """An issue with named options, in the order the scenario lists them."""

    name: str
    values: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.values)

    def value(self, index: int) -> Value:
        return self.values[index]


@dataclass(frozen=True)
class IntegerIssue:
    """An issue whose options are the integers low, low + 1, ..., high."""

    name: str
    low: int
    high: int

    @property
    def size(self) -> int:
        return self.high - self.low + 1

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(self.low, self.high + 1))

    def value(self, index: int) -> Value:
        return self.low + index


@dataclass(frozen=True)
class RealIssue:
    """A continuous issue on [low, high]; analysed on a grid of `points` evenly spaced values,
    which makes any result over it approximate."""

    name: str
    low: float
    high: float
    points: int = 101

    @property
    def size(self) -> int:
        return self.points

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(float(v) for v in np.linspace(self.low, self.high, self.points))

    def value(self, index: int) -> Value:
        return self.values[index]


Issue: TypeAlias = DiscreteIssue | IntegerIssue | RealIssue


@dataclass(frozen=True)
class OutcomeSpace:
    issues: tuple[Issue, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(issue.name for issue in self.issues)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Options per issue (grid points for real issues)."""
        return tuple(issue.size for issue in self.issues)

    @property
    def continuous(self) -> bool:
        return any(isinstance(issue, RealIssue) for issue in self.issues)

    @property
    def cardinality(self) -> int | None:
        """The number of outcomes, or None when a real issue makes it uncountable."""
        return None if self.continuous else math.prod(self.sizes)

    @property
    def grid_size(self) -> int:
        """The number of outcomes analysed: the cardinality, or the grid's for real issues."""
        return math.prod(self.sizes)

    def decode(self, indices: NDArray[np.integer] | list[int] | tuple[int, ...]) -> Outcome:
        """The options an index row stands for, keyed by issue name."""
        return {
            issue.name: issue.value(int(i)) for issue, i in zip(self.issues, indices, strict=True)
        }

    def index_block(self, start: int, stop: int) -> NDArray[np.int64]:
        """Outcomes start..stop-1 in mixed-radix order (last issue fastest), as index rows."""
        flat = np.arange(start, stop, dtype=np.int64)
        columns = []
        for size in reversed(self.sizes):
            columns.append(flat % size)
            flat = flat // size
        return np.stack(columns[::-1], axis=1) if columns else np.zeros((stop - start, 0), np.int64)
