"""A negotiation scenario: an outcome space and one private profile per party, and optionally
how to play it as a talk (who sits where) and the incidents that escalate while it runs."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.engine.escalation import ScheduledIncident
from shuttle.engine.preferences import Profile
from shuttle.engine.space import OutcomeSpace


@dataclass(frozen=True)
class TalkSetup:
    """The people of a talk played on the scenario: its title, its mediators, and its delegates
    as (name, party) pairs, grouped by party. `notice` is shown as written to everyone who
    looks at the talk; an invented scenario says so there ("Illustrative: invented numbers")."""

    title: str
    mediators: tuple[str, ...]
    delegates: tuple[tuple[str, str], ...]
    notice: str | None = None

    def delegates_of(self, party: str) -> tuple[str, ...]:
        """The names of `party`'s delegates, in order."""
        return tuple(name for name, of in self.delegates if of == party)


@dataclass(frozen=True)
class Scenario:
    """`parties[i]` holds `profiles[i]`; parties are named by their profile files' stems.

    `escalation` lists the scheduled incidents in the order they may happen (empty: none);
    `talk` is None when the scenario does not say who takes part."""

    name: str
    space: OutcomeSpace
    parties: tuple[str, ...]
    profiles: tuple[Profile, ...]
    escalation: tuple[ScheduledIncident, ...] = ()
    talk: TalkSetup | None = None

    @property
    def reservations(self) -> tuple[float, ...]:
        return tuple(profile.reservation for profile in self.profiles)
