"""The strategies by name, as talks and the simulator name them.

`PARTY_STRATEGIES[name](space, profile, seed)` makes an automated party (of a linear additive
profile; any other is refused with a ValueError);
`MEDIATOR_STRATEGIES[name]` is a mediator's class, whose constructor says what it may be
given: `SingleTextMediator(space, seed)` (answers only, never a profile),
`GuidedMediator(space, advice, seed)`, `RelayMediator(space)`. Look names up with
`party_strategy` and `mediator_strategy`, which say what is known when a name is not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from shuttle.engine.preferences import LinearAdditive, Profile
from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.aspiration import BOULWARE, CONCEDER, LINEAR
from shuttle.engine.strategies.guided import GuidedMediator
from shuttle.engine.strategies.party import AspirationParty, TimeBasedParty
from shuttle.engine.strategies.relay import RelayMediator
from shuttle.engine.strategies.single_text import SingleTextMediator
from shuttle.engine.strategies.tit_for_tat import TitForTatParty

PartyFactory: TypeAlias = Callable[[OutcomeSpace, Profile, int], AspirationParty]
MediatorClass: TypeAlias = type[SingleTextMediator] | type[GuidedMediator] | type[RelayMediator]


class UnknownStrategy(ValueError):
    """A strategy name that is not in the registry; the message lists the known ones."""

    def __init__(self, kind: str, name: str, known: list[str]) -> None:
        super().__init__(f"unknown {kind} strategy {name!r}; known: {', '.join(sorted(known))}")
        self.name = name
        self.known = tuple(sorted(known))


def additive(profile: Profile) -> LinearAdditive:
    """`profile`, if automated parties can play it (they answer issue by issue)."""
    if not isinstance(profile, LinearAdditive):
        raise ValueError(
            "automated parties need a linear additive profile; "
            f"this one is {type(profile).__name__}"
        )
    return profile


def _time_based(exponent: float) -> PartyFactory:
    def make(space: OutcomeSpace, profile: Profile, seed: int = 0) -> AspirationParty:
        return TimeBasedParty(space, additive(profile), seed, exponent=exponent)

    return make


def _tit_for_tat(space: OutcomeSpace, profile: Profile, seed: int = 0) -> AspirationParty:
    return TitForTatParty(space, additive(profile), seed)


PARTY_STRATEGIES: dict[str, PartyFactory] = {
    "boulware": _time_based(BOULWARE),
    "linear": _time_based(LINEAR),
    "conceder": _time_based(CONCEDER),
    "tit-for-tat": _tit_for_tat,
}

MEDIATOR_STRATEGIES: dict[str, MediatorClass] = {
    "single-text": SingleTextMediator,
    "guided": GuidedMediator,
    "relay": RelayMediator,
}


def party_strategy(name: str) -> PartyFactory:
    """The factory of the party strategy `name`; UnknownStrategy if there is none."""
    try:
        return PARTY_STRATEGIES[name]
    except KeyError:
        raise UnknownStrategy("party", name, list(PARTY_STRATEGIES)) from None


def mediator_strategy(name: str) -> MediatorClass:
    """The class of the mediator strategy `name`; UnknownStrategy if there is none."""
    try:
        return MEDIATOR_STRATEGIES[name]
    except KeyError:
        raise UnknownStrategy("mediator", name, list(MEDIATOR_STRATEGIES)) from None
