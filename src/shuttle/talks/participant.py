"""Who takes part in a talk: a mediator, or a delegate of one party."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.vocabulary import Role


@dataclass(frozen=True)
class Participant:
    name: str
    role: Role
    party: str | None = None

    @property
    def is_mediator(self) -> bool:
        return self.role is Role.MEDIATOR
