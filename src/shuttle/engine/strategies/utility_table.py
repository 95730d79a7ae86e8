"""Every package of a space sorted by one party's utility, computed once and shared.

Offers at an aspiration level need "the packages worth at least x" quickly; a sorted table
answers with one binary search. It is built once per (space, profile) and cached, so that the
many strategy objects a simulation makes of one profile share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from shuttle.engine.preferences import FloatArray, LinearAdditive
from shuttle.engine.space import OutcomeSpace

TABLE_LIMIT = 2_000_000
"""Largest space a table is built for (16 bytes and a few columns of int32 per package)."""


@dataclass(frozen=True, eq=False)
class UtilityTable:
    """`rows[k]` is a package and `utilities[k]` its utility, utilities ascending."""

    rows: NDArray[np.int32]
    utilities: FloatArray

    def first_at_least(self, level: float, tolerance: float = 1e-12) -> int:
        """Position of the first package worth at least `level` (len when there is none)."""
        return int(np.searchsorted(self.utilities, level - tolerance, side="left"))


@lru_cache(maxsize=16)
def utility_table(space: OutcomeSpace, profile: LinearAdditive) -> UtilityTable:
    """The sorted table of `profile` over `space`; raises ValueError beyond `TABLE_LIMIT`."""
    if space.continuous or space.grid_size > TABLE_LIMIT:
        raise ValueError(
            f"offers need every package listed: this space has {space.grid_size:,} "
            f"(at most {TABLE_LIMIT:,} discrete packages are supported)"
        )
    rows = space.index_block(0, space.grid_size).astype(np.int32)
    utilities = profile.utility(space, rows)
    order = np.argsort(utilities, kind="stable")
    return UtilityTable(rows=rows[order], utilities=utilities[order])
