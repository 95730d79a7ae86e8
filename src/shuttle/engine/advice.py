"""Advice for a mediator, from the parties' profiles: is there a zone of agreement, which
packages are Pareto-efficient, where is the Nash point, and which packages would improve the
current draft for every party.

The engine reads every profile; the mediator may see only those its parties shared. So every
number derived from a profile the mediator may not see is withheld (None): for such a party
the advice is ordinal -- "this package is better for every party than the draft", "a zone
exists" -- and never states a utility, a reservation value or a count computed from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from shuttle.engine.analysis import analyze
from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import Outcome, OutcomeSpace

IMPROVEMENT_LIMIT = 10
"""At most this many improvements on the draft are listed (the best by Nash product first)."""


@dataclass(frozen=True)
class AdvisedPackage:
    """A package, its options, and each party's utility (None where the mediator may not see
    that party's profile)."""

    package: tuple[int, ...]
    outcome: Outcome
    utilities: tuple[float | None, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": dict(self.outcome), "utilities": list(self.utilities)}


@dataclass(frozen=True)
class Advice:
    parties: tuple[str, ...]
    shared: tuple[bool, ...]  # whether the mediator may see each party's profile
    exact: bool
    zone_exists: bool
    zone_size: int | None  # withheld unless every profile is shared
    reservations: tuple[float | None, ...]  # after escalation; None where not shared
    pareto: tuple[AdvisedPackage, ...]
    nash: AdvisedPackage | None
    draft: AdvisedPackage | None
    improvements: tuple[AdvisedPackage, ...]  # better for every party than the draft

    @property
    def ordinal_only(self) -> bool:
        return not all(self.shared)

    def to_dict(self) -> dict[str, Any]:
        return {
            "parties": list(self.parties),
            "shared": list(self.shared),
            "ordinal_only": self.ordinal_only,
            "exact": self.exact,
            "zone_exists": self.zone_exists,
            "zone_size": self.zone_size,
            "reservations": list(self.reservations),
            "pareto": [p.to_dict() for p in self.pareto],
            "nash": None if self.nash is None else self.nash.to_dict(),
            "draft": None if self.draft is None else self.draft.to_dict(),
            "improvements": [p.to_dict() for p in self.improvements],
        }


def advise(
    space: OutcomeSpace,
    parties: Sequence[str],
    profiles: Sequence[LinearAdditive],
    shared: Sequence[bool],
    draft: tuple[int, ...] | None = None,
) -> Advice:
    """Advice over `space` for `profiles` (reservations already lowered by any escalation)."""
    scenario = Scenario("advice", space, tuple(parties), tuple(profiles))
    result = analyze(scenario)
    visible = tuple(bool(s) for s in shared)

    def advised(package: Sequence[int], utilities: Sequence[float]) -> AdvisedPackage:
        shown = tuple(float(u) if v else None for u, v in zip(utilities, visible, strict=True))
        chosen = tuple(int(i) for i in package)
        return AdvisedPackage(chosen, space.decode(chosen), shown)

    frontier = np.array([p.utilities for p in result.pareto], dtype=np.float64)
    reservations = np.array(scenario.reservations, dtype=np.float64)
    pareto = tuple(advised(p.indices, p.utilities) for p in result.pareto)
    nash = None if result.nash is None else advised(result.nash.indices, result.nash.utilities)
    drafted = improvements = None
    if draft is not None:
        rows = np.array([draft], dtype=np.int64)
        draft_utilities = [float(p.utility(space, rows)[0]) for p in profiles]
        drafted = advised(draft, draft_utilities)
        better = np.all(frontier > np.array(draft_utilities) + TOLERANCE, axis=1)
        chosen = np.flatnonzero(better)
        gains = np.prod(np.maximum(frontier[chosen] - reservations, 0.0), axis=1)
        ranked = chosen[np.argsort(-gains, kind="stable")][:IMPROVEMENT_LIMIT]
        improvements = tuple(pareto[i] for i in ranked)
    return Advice(
        parties=tuple(parties),
        shared=visible,
        exact=result.exact,
        zone_exists=result.nash is not None,
        zone_size=result.zopa_size if all(visible) else None,
        reservations=tuple(
            float(r) if v else None for r, v in zip(reservations, visible, strict=True)
        ),
        pareto=pareto,
        nash=nash,
        draft=drafted,
        improvements=improvements or (),
    )
