"""The machine's rules for blind bids: a mediator opens one on a numeric issue between two
parties, and each bounds it in confidence -- nobody else may ever see a bound, the mediator
included.

Every bound is a secret number of its own (see `Books.secret`), so finding it in anyone else's
view or refusal is a leak. An aimed bid goes several steps of the way in one rule (a bid opened
if none is, then the missing bounds); the views are checked between the steps.
"""

from __future__ import annotations

import math

from hypothesis import strategies as st
from hypothesis.stateful import rule

from shuttle.talks import Bid, OpenBid
from tests.talks.confidentiality.machine.arguments import Arguments
from tests.talks.confidentiality.machine.draws import (
    actors,
    bound_digits,
    digit,
    picks,
    salts,
    step_counts,
)
from tests.talks.confidentiality.machine.running import Running
from tests.talks.confidentiality.machine.views import ViewChecks


class BidRules(Arguments, Running, ViewChecks):
    """Rules: open_bid, bid."""

    @rule(actor=actors, issue=picks, high=picks, low=picks, aimed=st.booleans())
    def open_bid(self, actor: int, issue: int, high: int, low: int, aimed: bool) -> None:
        names = [name for name, _ in self.oracle.agenda]
        parties = list(self.oracle.parties)
        if aimed:
            self.mediator_opens_bid(actor, issue, high, low)
            return
        names.append("Nowhere")
        parties.append("Nowhere")
        self.run(
            OpenBid(
                self.actor_name(actor),
                names[issue % len(names)],
                parties[high % len(parties)],
                parties[low % len(parties)],
            )
        )

    def mediator_opens_bid(self, actor: int, issue: int, high: int, low: int) -> None:
        """On a numeric issue not yet settled, between two different parties."""
        names = [name for name, _ in self.oracle.agenda]
        free = [n for n in names if self.oracle.numeric(n) and n not in self.oracle.settled]
        names = free or names
        parties = self.oracle.parties
        high_party = parties[high % len(parties)]
        others = [p for p in parties if p != high_party]
        low_party = others[low % len(others)]
        self.run(OpenBid(self.mediator(actor), names[issue % len(names)], high_party, low_party))

    @rule(
        actor=actors,
        wholes=bound_digits,
        salt=salts,
        number=st.sampled_from(("none", "own", "other")),
        steps=step_counts,
        aimed=st.booleans(),
    )
    def bid(
        self,
        actor: int,
        wholes: int,
        salt: int,
        number: str,
        steps: int,
        aimed: bool,
    ) -> None:
        """Parties bound a numeric issue in confidence: nobody else may ever see a bound.
        Aimed, `steps` of the way: a blind bid opened if none is, then the missing bounds."""
        oracle = self.oracle
        if not aimed:
            numbers = {"none": None, "own": len(oracle.bids), "other": len(oracle.bids) + 1}
            self.run(
                Bid(self.actor_name(actor), self.bound(digit(wholes, 0), salt), numbers[number])
            )
            return
        for step in range(steps):
            self.between_steps(step)
            waiting = [(n, b) for n, b in oracle.bids.items() if not b.settled]
            if not waiting:
                self.mediator_opens_bid(actor, salt, actor + step, salt + 1)
                continue
            chosen, bid = waiting[salt % len(waiting)]
            missing = [p for p in (bid.high, bid.low) if p not in bid.bounds]
            who = self.delegate_in(missing, actor + step)
            typed = None if number == "none" else chosen
            self.run(Bid(who, self.bound(digit(wholes, step), salt), typed))

    def bound(self, whole: int, salt: int) -> float:
        """A unique bound around the numeric options (10 to 40), or (50) one that is refused."""
        return math.inf if whole == 50 else self.oracle.secret(whole, salt)
