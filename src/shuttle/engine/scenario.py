"""A negotiation scenario: an outcome space and one private profile per party."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.engine.preferences import Profile
from shuttle.engine.space import OutcomeSpace


@dataclass(frozen=True)
class Scenario:
    """`parties[i]` holds `profiles[i]`; parties are named by their profile files' stems."""

    name: str
    space: OutcomeSpace
    parties: tuple[str, ...]
    profiles: tuple[Profile, ...]

    @property
    def reservations(self) -> tuple[float, ...]:
        return tuple(profile.reservation for profile in self.profiles)
