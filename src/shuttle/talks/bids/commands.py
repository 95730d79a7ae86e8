"""What an actor asks of blind bids: open one, send a bound."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpenBid:
    """A mediator opens a blind bid on a numeric issue between the party wanting it high and
    the party wanting it low."""

    actor: str
    issue: str
    high: str
    low: str


@dataclass(frozen=True)
class Bid:
    actor: str
    bound: float
    number: int | None = None


BidCommand = OpenBid | Bid
"""What a participant asks of blind bids, decided by `bids.rules`."""
