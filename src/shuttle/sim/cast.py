"""Who takes part in a simulated talk, and the strategies they play, checked up front."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.strategies.party import AspirationParty
from shuttle.engine.strategies.registry import MEDIATOR_STRATEGIES, PARTY_STRATEGIES

MEDIATORS = tuple(MEDIATOR_STRATEGIES)
PARTIES = PARTY_STRATEGIES


class SimulationError(ValueError):
    """The simulation cannot run as asked; the message says why and what would work."""


@dataclass(frozen=True)
class Cast:
    mediator: str  # the mediator participant's name
    delegates: tuple[str, ...]  # one per party, in the scenario's party order
    profiles: tuple[LinearAdditive, ...]
    players: tuple[AspirationParty, ...]


def cast(scenario: Scenario, mediator: str, strategies: Sequence[str], seed: int) -> Cast:
    if mediator not in MEDIATORS:
        raise SimulationError(
            f"unknown mediator {mediator!r}; choose one of {', '.join(MEDIATORS)}"
        )
    if len(strategies) != len(scenario.parties):
        raise SimulationError(
            f"{scenario.name} has {len(scenario.parties)} parties "
            f"({', '.join(scenario.parties)}); give one strategy for each, in that order "
            f"(--parties {','.join(['boulware'] * len(scenario.parties))})"
        )
    unknown = [s for s in strategies if s not in PARTIES]
    if unknown:
        raise SimulationError(
            f"unknown party strategy {unknown[0]!r}; choose from {', '.join(PARTIES)}"
        )
    if scenario.space.continuous:
        raise SimulationError(
            f"{scenario.name} has a continuous issue; a talk's agenda needs options to choose from"
        )
    profiles = []
    for party, profile in zip(scenario.parties, scenario.profiles, strict=True):
        if not isinstance(profile, LinearAdditive):
            raise SimulationError(
                f"{party!r} has a non-linear profile; automated parties submit linear additive "
                "profiles (weights and option values)"
            )
        profiles.append(profile)
    setup = scenario.talk
    mediator_name = setup.mediators[0] if setup else "Mediator"
    delegates = tuple(
        (setup.delegates_of(party) or (f"{party} delegate",))[0] if setup else f"{party} delegate"
        for party in scenario.parties
    )
    players = tuple(
        PARTIES[name](scenario.space, profile, seed * 1_000 + position)
        for position, (name, profile) in enumerate(zip(strategies, profiles, strict=True))
    )
    return Cast(mediator_name, delegates, tuple(profiles), players)
