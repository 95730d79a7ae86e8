"""A frequency model of the other side, learnt from its offers (the HardHeaded estimate of
ANAC 2011, in its plain form).

An issue on which the other side keeps its option from one offer to the next is taken to
matter to it; the options it offers often are taken to be the ones it values. The estimate is
for ranking a party's own candidate offers by how well the other side may like them, nothing
more: it is never shown to anyone.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.protocol import Package


def estimated_utilities(
    sizes: tuple[int, ...], offers: tuple[Package, ...], rows: NDArray[np.integer]
) -> FloatArray:
    """The estimated utility, to the side that made `offers`, of each package in `rows`;
    zeros when there are no offers yet."""
    if not offers:
        return np.zeros(len(rows))
    made = np.asarray(offers, dtype=np.int64)
    kept = (made[1:] == made[:-1]).sum(axis=0) if len(made) > 1 else np.zeros(len(sizes))
    weights = 1.0 + kept.astype(np.float64)
    weights /= weights.sum()
    total = np.zeros(len(rows))
    for issue, size in enumerate(sizes):
        counts = np.bincount(made[:, issue], minlength=size).astype(np.float64) + 1.0
        total += weights[issue] * (counts / counts.max())[rows[:, issue]]
    return total
