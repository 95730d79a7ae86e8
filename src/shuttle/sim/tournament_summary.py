"""A tournament's results in brief: per mediator, over all pairings, and per pairing."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shuttle.sim.tournament import Row


@dataclass(frozen=True)
class Standing:
    """The means of one mediator's talks, over every pairing (`strategies` None) or one.
    `pareto_distance` is the mean over agreements only (None without any); a failed talk
    counts 0 in `nash_ratio`."""

    mediator: str
    strategies: tuple[str, ...] | None
    talks: int
    agreements: int
    nash_ratio: float
    pareto_distance: float | None
    rounds: float
    seconds: float

    @property
    def agreement_rate(self) -> float:
        return self.agreements / self.talks

    @property
    def pairing(self) -> str:
        return "all" if self.strategies is None else " ".join(self.strategies)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mediator": self.mediator,
            "strategies": None if self.strategies is None else list(self.strategies),
            "talks": self.talks,
            "agreements": self.agreements,
            "agreement_rate": self.agreement_rate,
            "nash_ratio": self.nash_ratio,
            "pareto_distance": self.pareto_distance,
            "rounds": self.rounds,
            "seconds": self.seconds,
        }


def summarize(rows: Sequence[Row]) -> tuple[Standing, ...]:
    """Each mediator over all its talks, then per pairing, in the order the rows name them."""
    groups: dict[tuple[str, tuple[str, ...] | None], list[Row]] = {}
    for row in rows:
        groups.setdefault((row.mediator, None), []).append(row)
    for row in rows:
        groups.setdefault((row.mediator, row.strategies), []).append(row)
    mediators = list(dict.fromkeys(row.mediator for row in rows))
    ordered = sorted(groups.items(), key=lambda item: mediators.index(item[0][0]))
    return tuple(_standing(mediator, strategies, runs) for (mediator, strategies), runs in ordered)


def _standing(mediator: str, strategies: tuple[str, ...] | None, runs: list[Row]) -> Standing:
    distances = [run.pareto_distance for run in runs if run.pareto_distance is not None]
    return Standing(
        mediator=mediator,
        strategies=strategies,
        talks=len(runs),
        agreements=sum(run.agreement for run in runs),
        nash_ratio=statistics.fmean(run.nash_ratio for run in runs),
        pareto_distance=statistics.fmean(distances) if distances else None,
        rounds=statistics.fmean(run.rounds for run in runs),
        seconds=statistics.fmean(run.seconds for run in runs),
    )
