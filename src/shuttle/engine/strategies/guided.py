"""The guided mediator: it circulates the package the engine advises and holds it.

With the Nash package known, holding it is all there is to do: it is acceptable to every
party, and automated parties' aspirations reach their reservation values by the deadline, so
it is signed at the latest on the last version. Without one (no package is acceptable to all,
or not every profile was shared) the mediator holds a middle Pareto package, and in the last
`LATE` share of the time moves one frontier step toward any party that rejected the previous
version, in case escalation has opened a zone of agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.advice import MediatorAdvice
from shuttle.engine.strategies.protocol import Package, Round

LATE = 0.1


@dataclass(frozen=True)
class GuidedMediator:
    """Single-text mediation on the engine's advice (see the module docstring)."""

    space: OutcomeSpace
    advice: MediatorAdvice
    seed: int = 0
    protocol: ClassVar[str] = "single-text"

    def draft(self, history: Sequence[Round], time: float) -> Package:
        """The text of the next version, given the rounds so far and its time in [0, 1]."""
        if self.advice.nash is not None:
            return self.advice.nash
        frontier = self.advice.pareto
        if not frontier:
            return history[-1].draft if history else tuple(0 for _ in self.space.issues)
        position = len(frontier) // 2
        if history and history[-1].draft in frontier:
            position = frontier.index(history[-1].draft)
            if time >= 1.0 - LATE:
                position = self._toward_rejecters(position, history[-1])
        return frontier[position]

    def _toward_rejecters(self, position: int, last: Round) -> int:
        rejecting = [i for i, answer in enumerate(last.answers) if not answer.accept]
        if not rejecting:
            return position
        utilities = self.advice.utilities
        if utilities is None:
            if len(last.answers) != 2 or len(rejecting) != 1:
                return position
            # The frontier is ordered by the first party's utility, descending.
            step = -1 if rejecting[0] == 0 else 1
            return min(max(position + step, 0), len(self.advice.pareto) - 1)
        current = utilities[position]

        def gain(k: int) -> float:
            values = [
                (utilities[k][i] or 0.0) - (current[i] or 0.0)
                for i in rejecting
                if utilities[k][i] is not None and current[i] is not None
            ]
            return min(values) if values else 0.0

        better = [k for k in range(len(utilities)) if gain(k) > 0]
        return min(better, key=gain) if better else position
