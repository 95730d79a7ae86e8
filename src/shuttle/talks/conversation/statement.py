"""A statement as the rules know it: words or an offer in a room, and how it may travel."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.vocabulary import Handling


@dataclass(frozen=True)
class Statement:
    """What the rules need to know about a statement: where, whose, and how it may travel."""

    seq: int
    room: str
    by: str
    party: str | None  # the speaker's party; None when a mediator spoke
    text: str
    handling: Handling
    carried: int = 0  # how many times it has been conveyed; tightening needs 0
    terms: tuple[tuple[str, str], ...] = ()  # an offer's terms; empty for words alone

    @property
    def is_offer(self) -> bool:
        return bool(self.terms)
