"""Automated parties that concede over time: what they answer, offer and accept.

A party asks for its *aspiration*, a utility level that falls from its best to its effective
reservation value by the deadline; subclasses say how it falls (`TimeBasedParty` by the clock,
`TitForTatParty` in step with the other side). Everything else is the same for all:

* a draft is accepted iff its utility is at least the aspiration and the effective reservation;
  `prefer` and `comparison` are always truthful;
* a mediator's proposal (take it or leave it) is judged by the same rule;
* an offer is a package worth at least the aspiration, chosen among those within a small band
  above it as the one the other side's offers suggest it likes best;
* a received offer is accepted iff it is worth at least the aspiration (hence at least the
  party's own next offer, which is made at the same moment) and the effective reservation.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import numpy as np

from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.aspiration import aspiration
from shuttle.engine.strategies.opponent_model import estimated_utilities
from shuttle.engine.strategies.protocol import DraftAnswer, Package, PartySight
from shuttle.engine.strategies.utility_table import utility_table
from shuttle.engine.strategies.valuation import Valuation

OFFER_BAND = 0.05
"""Offers are chosen among packages within this share of the party's range above its
aspiration: close enough to concede no more than planned, wide enough to give the other side
a choice."""
MAX_CANDIDATES = 20_000


@dataclass(frozen=True, eq=False)
class AspirationParty(ABC):
    """An automated party over `space` with the private `profile`; `seed` breaks ties."""

    space: OutcomeSpace
    profile: LinearAdditive
    seed: int = 0
    valuation: Valuation = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "valuation", Valuation(self.space, self.profile))

    @abstractmethod
    def aspiration(self, sight: PartySight) -> float:
        """The utility the party asks for, having seen `sight`."""

    def lowest(self, sight: PartySight) -> float:
        """Where the aspiration ends: the effective reservation value."""
        return self.valuation.effective_reservation(sight.escalation)

    def acceptable(self, sight: PartySight, package: Package) -> bool:
        utility = self.valuation.utility(package)
        floor = max(self.aspiration(sight), self.lowest(sight))
        return utility >= floor - TOLERANCE

    def answer_draft(self, sight: PartySight) -> DraftAnswer:
        """The private answer to the draft `sight.drafts[-1]`."""
        if not sight.drafts:
            raise ValueError("there is no draft to answer: sight.drafts is empty")
        draft = sight.drafts[-1]
        previous = sight.drafts[-2] if len(sight.drafts) > 1 else None
        return DraftAnswer(
            accept=self.acceptable(sight, draft),
            prefer=self.valuation.prefer(draft),
            comparison=None if previous is None else self.valuation.compare(draft, previous),
        )

    def answer_proposal(self, sight: PartySight, package: Package) -> bool:
        """A mediator's take-it-or-leave-it proposal: accepted by the same rule as a draft."""
        return self.acceptable(sight, package)

    def accept_offer(self, sight: PartySight, package: Package) -> bool:
        """An offer carried from the other side: accepted iff worth the aspiration."""
        return self.acceptable(sight, package)

    def offer(self, sight: PartySight) -> Package:
        """An offer at the current aspiration (see the module docstring)."""
        table = utility_table(self.space, self.profile)
        level = max(self.aspiration(sight), self.lowest(sight))
        start = table.first_at_least(level)
        if start >= len(table.utilities):
            return tuple(int(o) for o in table.rows[-1])
        span = max(self.valuation.best_utility - self.lowest(sight), TOLERANCE)
        ceiling = table.utilities[start] + OFFER_BAND * span
        stop = int(np.searchsorted(table.utilities, ceiling + TOLERANCE, side="right"))
        stop = min(max(stop, start + 1), start + MAX_CANDIDATES)
        candidates = table.rows[start:stop]
        scores = estimated_utilities(self.space.sizes, sight.offers_received, candidates)
        tied = np.flatnonzero(scores >= scores.max() - TOLERANCE)
        rng = np.random.default_rng((self.seed, len(sight.own_offers)))
        return tuple(int(o) for o in candidates[int(rng.choice(tied))])


@dataclass(frozen=True, eq=False)
class TimeBasedParty(AspirationParty):
    """Concedes by the clock: `exponent` < 1 Boulware, 1 linear, > 1 Conceder."""

    exponent: float = 1.0

    def aspiration(self, sight: PartySight) -> float:
        return aspiration(
            sight.time, self.valuation.best_utility, self.lowest(sight), self.exponent
        )
