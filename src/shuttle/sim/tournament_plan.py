"""A tournament's plan: every talk to run, in a fixed order, checked before any runs.

Every scenario x every mediator x every pairing x every seed. A pairing gives one strategy to
each party of the scenario, in its party order; the pairings are every such assignment of the
strategies asked for (`itertools.product`), so strategies [a, b] on a bilateral scenario give
(a, a), (a, b), (b, a), (b, b), and on a three-party scenario eight pairings.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from shuttle.engine.scenario import Scenario
from shuttle.sim.cast import MEDIATORS, PARTIES, SimulationError, cast


@dataclass(frozen=True)
class Match:
    """One talk of the plan: `scenario` is an index into the tournament's scenarios."""

    position: int  # the talk's place in the plan, and so its row's place in the results
    scenario: int
    mediator: str
    strategies: tuple[str, ...]
    seed: int
    rounds: int


def pairings(strategies: Sequence[str], parties: int) -> tuple[tuple[str, ...], ...]:
    """Every assignment of `strategies` to `parties` parties, in party order."""
    return tuple(itertools.product(strategies, repeat=parties))


def plan(
    scenarios: Sequence[Scenario],
    mediators: Sequence[str],
    strategies: Sequence[str],
    seeds: int,
    rounds: int,
) -> tuple[Match, ...]:
    """The talks of a tournament, scenario by scenario, then mediator, pairing and seed;
    SimulationError, saying what is accepted, if any of them could not run."""
    check(scenarios, mediators, strategies, seeds, rounds)
    matches: list[Match] = []
    for index, scenario in enumerate(scenarios):
        for mediator in mediators:
            for pairing in pairings(strategies, len(scenario.parties)):
                for seed in range(seeds):
                    matches.append(Match(len(matches), index, mediator, pairing, seed, rounds))
    return tuple(matches)


def check(
    scenarios: Sequence[Scenario],
    mediators: Sequence[str],
    strategies: Sequence[str],
    seeds: int,
    rounds: int,
) -> None:
    """Raise SimulationError, in a sentence, for the first thing that would stop a talk."""
    if not scenarios:
        raise SimulationError("a tournament needs at least one scenario")
    if seeds < 1:
        raise SimulationError(f"--seeds must be at least 1, not {seeds}")
    if rounds < 1:
        raise SimulationError(f"--rounds must be at least 1, not {rounds}")
    if not mediators:
        raise SimulationError(f"give at least one mediator: {', '.join(MEDIATORS)}")
    for mediator in mediators:
        if mediator not in MEDIATORS:
            raise SimulationError(
                f"unknown mediator {mediator!r}; choose from {', '.join(MEDIATORS)}"
            )
    if not strategies:
        raise SimulationError(f"give at least one party strategy: {', '.join(PARTIES)}")
    for strategy in strategies:
        if strategy not in PARTIES:
            raise SimulationError(
                f"unknown party strategy {strategy!r}; choose from {', '.join(PARTIES)}"
            )
    for scenario in scenarios:
        # The cast refuses what no talk on this scenario could play (a continuous issue, a
        # profile that is not linear additive) without running anything.
        cast(scenario, mediators[0], [strategies[0]] * len(scenario.parties), 0)
