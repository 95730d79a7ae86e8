"""Profiles in the negotiation's state, and how their event folds into it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from shuttle.talks.numbers import number
from shuttle.talks.profiles.events import ProfileFact

if TYPE_CHECKING:  # the negotiation's state holds this seam's records: imported for types only
    from shuttle.talks.negotiation import Negotiation

from dataclasses import dataclass


@dataclass(frozen=True)
class PartyProfile:
    """A party's latest profile, as numbers; `seq` is the event that submitted it."""

    seq: int
    weights: tuple[tuple[str, float], ...]
    values: tuple[tuple[str, str, float], ...]
    reservation: float
    shared: bool


def evolve_profiles(n: Negotiation, seq: int, event: ProfileFact) -> Negotiation:
    """Fold a profile into the negotiation's state: a later one replaces the party's earlier."""
    profile = PartyProfile(
        seq,
        tuple((issue, number(w)) for issue, w in event.weights),
        tuple((issue, option, number(v)) for issue, option, v in event.values),
        number(event.reservation),
        event.shared,
    )
    return replace(n, profiles=n.profiles.set(event.party, profile))
