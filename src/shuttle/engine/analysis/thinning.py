"""Thinning a set of utility vectors to a few well-spread points, when a frontier is too large
to keep whole (see `limits`: the additive fold's bounds).

The points kept cover the set evenly, so any point left out has a kept neighbour close to it in
every party's utility, and three points are always kept, so that what rests on them stays
exact through a fold: each party's best point (best for that party, then for all together) and
the point of greatest total utility.

* Two parties: the points, sorted by the first party's utility, form a curve; the points kept
  are evenly spaced along its length (measured as |du1| + |du2|), so a stretch where the
  frontier bends is covered as densely as a flat one.
* More parties: utilities are cut into a grid of equal cells, as fine as the limit allows, and
  the point of greatest total utility in each occupied cell is kept. Any point left out then
  lies within one cell width, in every party's utility, of the point kept in its cell.
"""

from __future__ import annotations

import numpy as np

from shuttle.engine.analysis.dominance import IntArray
from shuttle.engine.preferences import FloatArray

# Grid refinements tried before settling for the best grid found (each costs one sort); a grid
# that keeps this share of the limit is fine enough.
_GRID_TRIES = 6
_GOOD_ENOUGH = 0.7
# Cells are numbered by one int64: a grid never has this many.
_KEYS = 1 << 62


def thinned(utilities: FloatArray, limit: int) -> IntArray:
    """Indices (ascending) of at most `limit` rows of `utilities` (rows x parties) spread over
    them, plus each party's best row and the row of greatest total utility."""
    if len(utilities) <= limit:
        return np.arange(len(utilities), dtype=np.int64)
    if utilities.shape[1] == 2:
        spread = _along_curve(utilities, limit)
    else:
        spread = _on_grid(utilities, limit)
    return np.union1d(spread, _anchors(utilities)).astype(np.int64)


def _anchors(utilities: FloatArray) -> IntArray:
    """Each party's best row (ties: the greatest total) and the row of greatest total."""
    total = utilities.sum(axis=1)
    best = [int(np.argmax(total))]
    for party in range(utilities.shape[1]):
        column = utilities[:, party]
        tied = np.flatnonzero(column == column.max())
        best.append(int(tied[np.argmax(total[tied])]))
    return np.asarray(best, dtype=np.int64)


def _along_curve(utilities: FloatArray, limit: int) -> IntArray:
    order = np.lexsort((-utilities[:, 1], -utilities[:, 0]))
    steps = np.abs(np.diff(utilities[order], axis=0)).sum(axis=1)
    length = np.concatenate([[0.0], np.cumsum(steps)])
    targets = np.linspace(0.0, length[-1], max(1, limit))
    positions = np.unique(np.searchsorted(length, targets, side="left"))
    return np.sort(order[np.minimum(positions, len(order) - 1)])


def _on_grid(utilities: FloatArray, limit: int) -> IntArray:
    low = utilities.min(axis=0)
    span = float((utilities.max(axis=0) - low).max()) or 1.0
    scaled = (utilities - low) / span  # in [0, 1]: one cell width for every party
    by_total = np.argsort(-utilities.sum(axis=1), kind="stable")
    parties = utilities.shape[1]
    # An (n-1)-dimensional frontier crosses about d^(n-1) cells of a grid d cells wide.
    exponent = 1.0 / max(1, parties - 1)
    divisions = max(1, int(limit**exponent))
    best = by_total[:1]  # one cell for everything: always within the limit
    for _ in range(_GRID_TRIES):
        kept = _one_per_cell(scaled, by_total, divisions)
        if len(kept) <= limit and len(kept) > len(best):
            best = kept
        if _GOOD_ENOUGH * limit <= len(best):
            break
        ratio = (limit / len(kept)) ** exponent
        refined = max(1, int(divisions * ratio))
        if refined == divisions or len(kept) == limit or refined**parties >= _KEYS:
            break
        divisions = refined
    return np.sort(best)


def _one_per_cell(scaled: FloatArray, by_total: IntArray, divisions: int) -> IntArray:
    """In each occupied cell of a grid `divisions` cells wide, the row first in `by_total`."""
    cells = np.minimum((scaled * divisions).astype(np.int64), divisions - 1)
    key = np.zeros(len(scaled), dtype=np.int64)
    for party in range(scaled.shape[1]):
        key = key * divisions + cells[:, party]
    _, first = np.unique(key[by_total], return_index=True)
    kept: IntArray = by_total[first]
    return kept
