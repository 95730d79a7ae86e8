"""A model vector's layout: one number per option of every issue, issue after issue.

A party's additive utility is such a vector: a package's utility is the sum of its options'
numbers. The single-text mediator's beliefs are written in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.protocol import Package

IntArray = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Layout:
    """Where each issue's options sit in a model vector."""

    sizes: tuple[int, ...]

    @property
    def offsets(self) -> IntArray:
        return np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(np.int64)

    @property
    def width(self) -> int:
        return int(sum(self.sizes))

    def columns(self, packages: NDArray[np.integer]) -> IntArray:
        """Model-vector positions of each package's options (packages x issues)."""
        rows = np.asarray(packages, dtype=np.int64).reshape(-1, len(self.sizes))
        return rows + self.offsets

    def utilities(self, models: FloatArray, packages: NDArray[np.integer]) -> FloatArray:
        """models x packages: each model's utility of each package."""
        total: FloatArray = models[:, self.columns(packages)].sum(axis=2)
        return total

    def difference(self, current: Package, previous: Package) -> FloatArray:
        """The row g with g @ x = u(current) - u(previous) for every model x."""
        row = np.zeros(self.width)
        np.add.at(row, self.columns(np.asarray([current]))[0], 1.0)
        np.add.at(row, self.columns(np.asarray([previous]))[0], -1.0)
        return row

    def normalised(self, models: FloatArray) -> FloatArray:
        """Models shifted and scaled so that each one's worst package is 0 and its best 1."""
        shifted = models.copy()
        span = np.zeros(len(models))
        for offset, size in zip(self.offsets, self.sizes, strict=True):
            block = shifted[:, offset : offset + size]
            block -= block.min(axis=1, keepdims=True)
            span += block.max(axis=1)
        result: FloatArray = shifted / np.maximum(span, 1e-12)[:, None]
        return result
