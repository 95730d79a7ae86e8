"""One party's linear additive profile, read the way its answers need it: the utility of one
package, its best option on each issue, and truthful comparisons.

Utilities within `TOLERANCE` of each other are equal, as everywhere in the engine, so that
rounding never turns "same" into "better".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.preferences import FloatArray, LinearAdditive
from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.protocol import Comparison, Package


@dataclass(frozen=True, eq=False)
class Valuation:
    """`profile` over `space`, with per-issue contributions computed once."""

    space: OutcomeSpace
    profile: LinearAdditive
    contributions: tuple[FloatArray, ...] = field(init=False)

    def __post_init__(self) -> None:
        if self.space.continuous:
            raise ValueError("strategies need finite options: this space has a real issue")
        if len(self.profile.weights) != len(self.space.issues):
            raise ValueError(
                f"the profile values {len(self.profile.weights)} issues, "
                f"the space has {len(self.space.issues)}"
            )
        object.__setattr__(self, "contributions", tuple(self.profile.contributions()))

    @property
    def best_utility(self) -> float:
        return float(sum(c.max() for c in self.contributions))

    @property
    def worst_utility(self) -> float:
        return float(sum(c.min() for c in self.contributions))

    def utility(self, package: Package) -> float:
        return float(sum(c[o] for c, o in zip(self.contributions, package, strict=True)))

    def best_option(self, issue: int) -> int:
        """The party's best option on `issue` by its value utility (the first, if tied)."""
        return int(np.argmax(self.profile.values[issue]))

    def prefer(self, package: Package) -> dict[int, int]:
        """Issue -> best option, for exactly the issues where `package` is not at a best
        option (an option tied with the best counts as best)."""
        hints = {}
        for issue, option in enumerate(package):
            values = self.profile.values[issue]
            if values[option] < max(values) - TOLERANCE:
                hints[issue] = self.best_option(issue)
        return hints

    def compare(self, current: Package, previous: Package) -> Comparison:
        """`current` against `previous`, truthfully."""
        difference = self.utility(current) - self.utility(previous)
        if difference > TOLERANCE:
            return "better"
        if difference < -TOLERANCE:
            return "worse"
        return "same"

    def effective_reservation(self, escalation: float) -> float:
        """The reservation value after escalation: max(0, reservation - escalation)."""
        return max(0.0, self.profile.reservation - max(0.0, escalation))
