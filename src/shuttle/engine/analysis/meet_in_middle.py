"""Exact zone size for two parties with linear additive profiles, beyond enumeration.

Split the issues into two halves A and B. Every outcome is a pair (a, b) of half-outcomes and
its utilities are a + b (per party), so the zone size is the number of pairs with
a_1 + b_1 >= r_1 - TOLERANCE and a_2 + b_2 >= r_2 - TOLERANCE. With both halves of ~10^6
partial sums this is a 2-D dominance count: for each a, how many b have b_1 >= t_1(a) and
b_2 >= t_2(a).

B is sorted by decreasing b_1, so the b's passing the first test are a prefix of length p(a).
Counting those with b_2 >= t_2(a) is a range query answered with a merge-sort tree: at level L
the positions are cut into aligned blocks of 2^L, each sorted by b_2's rank; a prefix of length
p is the union of one block per set bit of p, and each block's count is two binary searches. All
queries of a level run as one vectorised `searchsorted`, so the count costs
O((|A| + |B|) log^2 |B|) in NumPy and O(|B|) memory per level. Ranks are integers, so every
comparison is exact: the only tolerance is the one in the thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from shuttle.engine.analysis.dominance import IntArray
from shuttle.engine.analysis.limits import MEET_IN_MIDDLE_HALF_LIMIT
from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.preferences import FloatArray


def split_issues(sizes: Sequence[int]) -> tuple[list[int], list[int]]:
    """Two groups of issue positions whose option-combination counts are as even as greedy
    assignment (largest issue first, to the smaller half) makes them."""
    halves: tuple[list[int], list[int]] = ([], [])
    products = [1, 1]
    for issue in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        smaller = 0 if products[0] <= products[1] else 1
        halves[smaller].append(issue)
        products[smaller] *= sizes[issue]
    return halves


def partial_sums(matrices: Sequence[FloatArray], parties: int) -> FloatArray:
    """Every combination's summed contribution vector (combinations x parties)."""
    sums = np.zeros((1, parties))
    for matrix in matrices:
        sums = (sums[:, None, :] + matrix[None, :, :]).reshape(-1, parties)
    return sums


def zone_size_two_parties(
    matrices: Sequence[FloatArray], reservations: Sequence[float]
) -> int | None:
    """The number of outcomes both parties accept, or None when a half would exceed
    `MEET_IN_MIDDLE_HALF_LIMIT` combinations. `matrices[j]` is issue j's options x 2
    contribution matrix."""
    first, second = split_issues([len(m) for m in matrices])
    if max(math.prod(len(matrices[i]) for i in half) for half in (first, second)) > (
        MEET_IN_MIDDLE_HALF_LIMIT
    ):
        return None
    floor = np.asarray(reservations, dtype=np.float64) - TOLERANCE
    queries = partial_sums([matrices[i] for i in first], 2)
    points = partial_sums([matrices[i] for i in second], 2)
    thresholds = floor - queries
    return count_dominating(points, thresholds)


def count_dominating(points: FloatArray, thresholds: FloatArray) -> int:
    """Sum over thresholds t of #{points b : b_1 >= t_1 and b_2 >= t_2}."""
    order = np.argsort(-points[:, 0], kind="stable")
    first = points[order, 0]
    values, rank = np.unique(points[order, 1], return_inverse=True)
    # Only the total matters, so the queries may be taken in any order: sorted by t_1, the
    # binary searches below walk memory in order (several times faster at a million queries).
    thresholds = thresholds[np.argsort(thresholds[:, 0])]
    # p(t): how many points have b_1 >= t_1, a prefix of the decreasing order.
    prefix = np.searchsorted(-first, -thresholds[::-1, 0], side="right")[::-1]
    needed = np.searchsorted(values, thresholds[:, 1], side="left")
    # Most queries are settled by the prefix's least and greatest rank: all pass or none do.
    low = np.minimum.accumulate(rank)
    high = np.maximum.accumulate(rank)
    has = prefix > 0
    last = np.maximum(prefix - 1, 0)
    all_pass = has & (low[last] >= needed)
    none_pass = ~has | (high[last] < needed)
    total = int(prefix[all_pass].sum())
    open_ = ~(all_pass | none_pass)
    return total + _tree_count(rank, len(values), prefix[open_], needed[open_])


def _tree_count(rank: IntArray, distinct: int, prefix: IntArray, needed: IntArray) -> int:
    """Sum over queries of #{positions < prefix with rank >= needed}, by merge-sort tree."""
    if len(prefix) == 0:
        return 0
    count = 0
    # Keys are (block << shift) | rank: shifts and masks, not divisions, re-key each level.
    shift = max(1, int(distinct).bit_length())
    mask = (1 << shift) - 1
    keys = (np.arange(len(rank), dtype=np.int64) << shift) | rank  # level 0: position order
    for level in range(int(prefix.max()).bit_length()):
        if level > 0:
            # Level L's blocks are pairs of level L-1's sorted blocks: re-key and merge. A stable
            # sort finds the two sorted runs per block, so this is a linear merge, not a sort.
            keys = ((keys >> (shift + 1)) << shift) | (keys & mask)
            keys.sort(kind="stable")
        uses = (prefix >> level) & 1 == 1
        if not uses.any():
            continue
        block = (prefix[uses] >> (level + 1)) << 1  # the block's index at this level
        # Sorted probes again: the sum of counts does not depend on their order.
        ends = np.sort((block + 1) << shift)
        starts = np.sort((block << shift) | needed[uses])
        count += int(np.searchsorted(keys, ends).sum() - np.searchsorted(keys, starts).sum())
    return count
