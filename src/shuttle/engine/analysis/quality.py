"""How good an agreement is, measured against the scenario's analysis.

* `nash_ratio`: the agreement's Nash product over the best one, both taken with undiscounted
  utilities and the parties' original reservation values (escalation is an incident of one
  talk, not a property of the scenario): prod max(0, u_i - r_i) / prod (u*_i - r_i), u* the
  Nash point of `analyze`. No agreement scores 0. Edge cases, so that the ratio always says
  "how much of the achievable was achieved":
  - no outcome is acceptable to every party (no Nash point): no agreement scores 1 (walking
    away was right) and any agreement 0 (someone signed below its reservation value);
  - the best product is 0 (every acceptable outcome leaves someone exactly at its
    reservation value): an agreement acceptable to all scores 1, any other 0.
* `pareto_distance`: the Euclidean distance in utility space from the agreement to the nearest
  Pareto-efficient point; None without agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from shuttle.engine.analysis.analyzer import analyze
from shuttle.engine.analysis.result import AnalysisResult
from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.preferences import FloatArray
from shuttle.engine.scenario import Scenario


@dataclass(frozen=True, eq=False)
class OutcomeQuality:
    """The yardstick of one scenario; build it once with `OutcomeQuality.of(scenario)`."""

    scenario: Scenario
    analysis: AnalysisResult
    frontier: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        points = [point.utilities for point in self.analysis.pareto]
        parties = len(self.scenario.profiles)
        frontier = np.asarray(points, dtype=np.float64).reshape(len(points), parties)
        object.__setattr__(self, "frontier", frontier)

    @classmethod
    def of(cls, scenario: Scenario, analysis: AnalysisResult | None = None) -> OutcomeQuality:
        return cls(scenario, analyze(scenario) if analysis is None else analysis)

    def utilities(self, package: Sequence[int]) -> FloatArray:
        """The parties' undiscounted utilities of `package`."""
        row = np.asarray([package], dtype=np.int64)
        return np.array(
            [float(p.utility(self.scenario.space, row)[0]) for p in self.scenario.profiles]
        )

    def nash_product(self, package: Sequence[int]) -> float:
        gains = self.utilities(package) - np.asarray(self.scenario.reservations)
        return float(np.prod(np.maximum(gains, 0.0)))

    def acceptable(self, package: Sequence[int]) -> bool:
        """Every party gets at least its reservation value (within the tolerance)."""
        reservations = np.asarray(self.scenario.reservations)
        return bool(np.all(self.utilities(package) >= reservations - TOLERANCE))

    def nash_ratio(self, package: Sequence[int] | None) -> float:
        """The agreement's share of the best Nash product (see the module docstring)."""
        nash = self.analysis.nash
        if nash is None:
            return 1.0 if package is None else 0.0
        if package is None:
            return 0.0
        best = self.nash_product(nash.indices)
        if best <= TOLERANCE:
            return 1.0 if self.acceptable(package) else 0.0
        return min(1.0, self.nash_product(package) / best)

    def pareto_distance(self, package: Sequence[int] | None) -> float | None:
        """Distance in utility space to the nearest Pareto point; None without agreement."""
        if package is None or len(self.frontier) == 0:
            return None
        gaps = self.frontier - self.utilities(package)
        return float(np.sqrt((gaps**2).sum(axis=1)).min())
