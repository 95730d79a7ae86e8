"""How a simulated talk ended, measured against the scenario's analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shuttle.engine.space import Outcome


@dataclass(frozen=True)
class SimulationResult:
    """`utilities` are undiscounted, `discounted_utilities` at the agreement's time (the
    round over the deadline), both in `parties` order; `nash_ratio` is the agreement's
    undiscounted Nash product over the optimum (0 without agreement); `pareto_distance` the
    Euclidean distance to the nearest Pareto-efficient point (None without agreement)."""

    talk: str
    scenario: str
    mediator: str
    strategies: tuple[str, ...]
    parties: tuple[str, ...]
    agreement: bool
    outcome: Outcome | None
    utilities: tuple[float, ...] | None
    discounted_utilities: tuple[float, ...] | None
    rounds: int
    nash_ratio: float
    pareto_distance: float | None
    incidents: int
    drafts: tuple[tuple[int, ...], ...]  # each version's (or offer's) package, in order
    package: tuple[int, ...] | None  # the agreement as option indices

    def to_dict(self) -> dict[str, Any]:
        return {
            "talk": self.talk,
            "scenario": self.scenario,
            "mediator": self.mediator,
            "strategies": list(self.strategies),
            "parties": list(self.parties),
            "agreement": self.agreement,
            "outcome": None if self.outcome is None else dict(self.outcome),
            "utilities": None if self.utilities is None else list(self.utilities),
            "discounted_utilities": (
                None if self.discounted_utilities is None else list(self.discounted_utilities)
            ),
            "rounds": self.rounds,
            "nash_ratio": self.nash_ratio,
            "pareto_distance": self.pareto_distance,
            "incidents": self.incidents,
        }
