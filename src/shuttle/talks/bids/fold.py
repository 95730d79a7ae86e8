"""Blind bids in the negotiation's state, and how their events fold into it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, assert_never

from shuttle.talks.bids.events import BidFact, BidOpened, BidSettled, BidSubmitted
from shuttle.talks.numbers import number

if TYPE_CHECKING:  # the negotiation's state holds this seam's records: imported for types only
    from shuttle.talks.negotiation import Negotiation

from dataclasses import dataclass, field

from pyrsistent import pmap
from pyrsistent.typing import PMap

from shuttle.talks.vocabulary import BidRule


@dataclass(frozen=True)
class BlindBid:
    seq: int
    number: int
    issue: str
    high: str
    low: str
    rule: BidRule
    bounds: PMap[str, float] = field(default_factory=pmap)
    settled: bool = False
    value: str | None = None


def evolve_bids(n: Negotiation, seq: int, event: BidFact) -> Negotiation:
    """Fold one event of a blind bid into the negotiation's state."""
    match event:
        case BidOpened():
            bid = BlindBid(seq, event.number, event.issue, event.high, event.low, event.rule)
            return replace(n, bids=n.bids.set(event.number, bid))
        case BidSubmitted():
            bid = n.bids[event.number]
            bid = replace(bid, bounds=bid.bounds.set(event.party, number(event.bound)))
            return replace(n, bids=n.bids.set(event.number, bid))
        case BidSettled():
            bid = replace(n.bids[event.number], settled=True, value=event.value)
            settled = n.settled if event.value is None else n.settled.set(event.issue, event.value)
            return replace(n, bids=n.bids.set(event.number, bid), settled=settled)
        case _:
            assert_never(event)
