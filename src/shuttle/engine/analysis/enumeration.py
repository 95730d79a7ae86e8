"""Evaluate every outcome, chunk by chunk: the exact method for any profile kind.

Outcomes are generated in mixed-radix order `CHUNK` rows at a time (`OutcomeSpace.index_block`),
so memory stays bounded whatever the space's size; only the running frontier is kept. Each chunk
is first reduced to its own frontier, then merged with the running one: a point dominated inside
its chunk is dominated in the whole space, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from shuttle.engine.analysis.dominance import IntArray, pareto_indices
from shuttle.engine.analysis.limits import CHUNK
from shuttle.engine.analysis.tolerance import acceptable
from shuttle.engine.preferences import FloatArray, Profile
from shuttle.engine.space import OutcomeSpace


def evaluate(space: OutcomeSpace, profiles: Sequence[Profile], rows: IntArray) -> FloatArray:
    """Utilities (rows x parties) of the outcomes `rows`."""
    if not profiles:
        return np.zeros((len(rows), 0))
    # Profiles read the rows column by column (one issue at a time): column-major storage
    # makes each column contiguous, which is several times faster for wide spaces.
    columns = np.asfortranarray(rows)
    return np.stack([profile.utility(space, columns) for profile in profiles], axis=1)


def blocks(
    space: OutcomeSpace, profiles: Sequence[Profile]
) -> Iterator[tuple[IntArray, FloatArray]]:
    """Every outcome, as (index rows, utilities) chunks in mixed-radix order."""
    total = space.grid_size
    for start in range(0, total, CHUNK):
        rows = space.index_block(start, min(total, start + CHUNK))
        yield rows, evaluate(space, profiles, rows)


def enumerated_frontier(
    space: OutcomeSpace, profiles: Sequence[Profile], reservations: FloatArray
) -> tuple[IntArray, FloatArray, int]:
    """(frontier rows, their utilities, zone size) by evaluating every outcome.

    Equal vectors keep their first outcome in mixed-radix order: the running frontier always
    precedes the new chunk when they are merged.
    """
    kept_rows = np.zeros((0, len(space.issues)), dtype=np.int64)
    kept = np.zeros((0, len(profiles)))
    zone = 0
    for rows, utilities in blocks(space, profiles):
        zone += int(acceptable(utilities, reservations).sum())
        local = pareto_indices(utilities)
        merged_rows = np.concatenate([kept_rows, rows[local]])
        merged = np.concatenate([kept, utilities[local]])
        survivors = pareto_indices(merged)
        kept_rows, kept = merged_rows[survivors], merged[survivors]
    return kept_rows, kept, zone


def zone_size(space: OutcomeSpace, profiles: Sequence[Profile], reservations: FloatArray) -> int:
    """The number of outcomes every party accepts, by evaluating every outcome."""
    return sum(int(acceptable(u, reservations).sum()) for _, u in blocks(space, profiles))
