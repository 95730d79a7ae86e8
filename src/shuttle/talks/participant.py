"""Who takes part in a talk: a mediator, or a delegate of one party; and whether it still does."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.vocabulary import Role


@dataclass(frozen=True)
class Participant:
    name: str
    role: Role
    party: str | None = None
    # The seq of the event by which the participant left the talk, if it has: it stays in
    # the record (what it said and saw is history) but acts and reads no more after it.
    left: int | None = None

    @property
    def is_mediator(self) -> bool:
        return self.role is Role.MEDIATOR

    @property
    def present(self) -> bool:
        return self.left is None
