"""Relative tit-for-tat (Faratin, Sierra & Jennings 1998), for a party that never sees the
other side's offers directly.

The other side's concessions show in the packages that reach this party: in the single text,
the drafts (the mediator moves a draft toward this party when the others give ground); with a
relaying mediator, the offers carried in. Their *reciprocity* is the share of the gap between
the first such package and this party's best utility that they have closed so far:

    reciprocity = (best utility seen - first utility seen) / (best utility - first utility seen)

and the party concedes the same share of its own range: it asks for
`high - reciprocity * (high - low)`. So it meets a mediator halfway: a draft is accepted once
the text has moved toward the party by as much of the way as the party would then give up.
Pure imitation deadlocks against a mediator that holds the text still, so the party never asks
for more than a Boulware party would at the same time, and it too reaches its reservation value
at the deadline.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.strategies.aspiration import BOULWARE, aspiration
from shuttle.engine.strategies.party import AspirationParty
from shuttle.engine.strategies.protocol import PartySight


@dataclass(frozen=True, eq=False)
class TitForTatParty(AspirationParty):
    """Concedes as much as the other side has, and at least as fast as `patience` (a time
    exponent, Boulware by default)."""

    patience: float = BOULWARE

    def reciprocity(self, sight: PartySight) -> float:
        """The share of the way to this party's best that the other side has come, in [0, 1]."""
        moves = sight.offers_received or sight.drafts
        if len(moves) < 2:
            return 0.0
        utilities = [self.valuation.utility(package) for package in moves]
        gap = self.valuation.best_utility - utilities[0]
        if gap <= TOLERANCE:
            return 0.0
        return min(1.0, max(0.0, (max(utilities) - utilities[0]) / gap))

    def aspiration(self, sight: PartySight) -> float:
        high, low = self.valuation.best_utility, self.lowest(sight)
        imitated = high - self.reciprocity(sight) * max(0.0, high - low)
        return min(imitated, aspiration(sight.time, high, low, self.patience))
