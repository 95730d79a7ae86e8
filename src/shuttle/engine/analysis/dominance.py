"""Pareto filtering of utility vectors: which rows no other row dominates.

Row q dominates row p when q_i >= p_i for every party and q_i > p_i for some, both under the
shared tolerance (`snap` makes the comparisons exact). Rows with equal vectors are one point:
the first of them, in input order, stands for all.

Two parties get a sort and one sweep, O(m log m). More parties get a sweep over rows sorted by
decreasing utility sum, in chunks checked against the points kept so far: a dominator always
sorts before the rows it dominates, so one pass suffices. That costs O(m * f * n) for f kept
points, with memory bounded by `PAIR_BLOCK` comparisons at a time.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from shuttle.engine.analysis.tolerance import snap
from shuttle.engine.preferences import FloatArray

IntArray = NDArray[np.int64]

# Pairwise comparisons held in memory at once by the many-party filter (booleans, x parties).
PAIR_BLOCK = 1 << 21


def pareto_indices(utilities: FloatArray) -> IntArray:
    """Indices (ascending) of the non-dominated rows of `utilities` (rows x parties), one per
    distinct vector."""
    if len(utilities) == 0:
        return np.zeros(0, dtype=np.int64)
    snapped = snap(utilities)
    if snapped.shape[1] == 1:
        best = snapped[:, 0].max()
        return np.flatnonzero(snapped[:, 0] == best)[:1].astype(np.int64)
    if snapped.shape[1] == 2:
        return _two_parties(snapped)
    kept = _many_parties(snapped, None)
    assert kept is not None, "without a bound the filter always finishes"
    return kept


def pareto_indices_within(utilities: FloatArray, most: int) -> IntArray | None:
    """`pareto_indices(utilities)`, or None as soon as the many-party filter has kept more than
    `most` points: its cost grows with the points kept, so a caller on a budget stops it early
    rather than let a frontier of every candidate cost rows x rows comparisons."""
    if utilities.shape[1] <= 2 or len(utilities) == 0:
        kept = pareto_indices(utilities)
        return kept if len(kept) <= most else None
    return _many_parties(snap(utilities), most)


def _two_parties(snapped: FloatArray) -> IntArray:
    """Sort by u1 then u2, both descending (stable, so the first of equal rows leads); a row
    survives when its u2 beats every row before it, all of which have u1 at least as high."""
    order = np.lexsort((-snapped[:, 1], -snapped[:, 0]))
    second = snapped[order, 1]
    best_before = np.empty_like(second)
    best_before[0] = -np.inf
    np.maximum.accumulate(second[:-1], out=best_before[1:])
    return np.sort(order[second > best_before]).astype(np.int64)


def _many_parties(snapped: FloatArray, most: int | None) -> IntArray | None:
    # One row per distinct vector: after this, "q >= p everywhere" with q != p is dominance.
    _, first = np.unique(snapped, axis=0, return_index=True)
    rows = snapped[first]
    # Decreasing sum, ties broken by decreasing coordinates: a dominator's float sum can equal
    # the dominated row's sum, but it then wins on the first coordinate where they differ.
    keys = [-rows[:, party] for party in reversed(range(rows.shape[1]))]
    order = np.lexsort([*keys, -rows.sum(axis=1)])
    rows, first = rows[order], first[order]
    parties = rows.shape[1]
    kept = np.zeros((0, parties))
    kept_index: list[IntArray] = []
    chunk = max(1, math.isqrt(PAIR_BLOCK // parties))
    for start in range(0, len(rows), chunk):
        block = rows[start : start + chunk]
        alive = ~_dominated_by(block, kept)
        block, index = block[alive], first[start : start + chunk][alive]
        # Within the chunk: rows sorted as above, so compare every pair (the chunk is small).
        inner = block[None, :, 0] >= block[:, None, 0]
        for party in range(1, parties):
            inner &= block[None, :, party] >= block[:, None, party]
        np.fill_diagonal(inner, False)
        alive = np.logical_not(inner.any(axis=1))
        kept = np.concatenate([kept, block[alive]])
        kept_index.append(index[alive])
        if most is not None and len(kept) > most:
            return None
    return np.sort(np.concatenate(kept_index)).astype(np.int64)


def _dominated_by(block: FloatArray, kept: FloatArray) -> NDArray[np.bool_]:
    """For each row of `block`, whether some row of `kept` is >= it everywhere."""
    dominated = np.zeros(len(block), dtype=bool)
    open_ = np.arange(len(block))
    step = max(1, PAIR_BLOCK // max(1, len(block)))
    for start in range(0, len(kept), step):
        if len(open_) == 0:
            break
        part = kept[start : start + step].T
        rows = block[open_]
        # Party by party on 2-D (rows x kept) arrays: contiguous passes, no 3-D temporary and
        # no reduction along a short last axis, which is several times slower.
        covers = part[0][None, :] >= rows[:, 0][:, None]
        for party in range(1, block.shape[1]):
            covers &= part[party][None, :] >= rows[:, party][:, None]
        hit = covers.any(axis=1)
        dominated[open_[hit]] = True
        open_ = open_[~hit]
    return dominated
