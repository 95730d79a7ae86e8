"""Blind bids: opened on a numeric issue, a bound from each side, settled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shuttle.talks.vocabulary import BidRule


@dataclass(frozen=True)
class BidOpened:
    """A mediator opened a blind bid on a numeric issue: `high` wants it high, `low` low."""

    kind: ClassVar[str] = "bid-opened"
    by: str
    number: int
    issue: str
    high: str
    low: str
    rule: BidRule


@dataclass(frozen=True)
class BidSubmitted:
    """A party's confidential bound: the least it accepts (`high` side) or the most (`low`)."""

    kind: ClassVar[str] = "bid-submitted"
    by: str
    party: str
    number: int
    bound: str


@dataclass(frozen=True)
class BidSettled:
    """Both bounds are in: the settled option, or (value None) no option satisfies both."""

    kind: ClassVar[str] = "bid-settled"
    number: int
    issue: str
    value: str | None


BidFact = BidOpened | BidSubmitted | BidSettled
"""The blind bids' events, folded by `bids.fold`."""
