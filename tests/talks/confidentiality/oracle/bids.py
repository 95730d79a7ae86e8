"""What the rules say of blind bids: a mediator opens one on a numeric issue between a high and
a low party, each submits a bound in confidence, and the two bounds settle the issue by the
talk's rule.

Each prediction is the list of events the command must produce, or None: refused.
"""

from __future__ import annotations

from shuttle.talks import Bid, BidRule, OpenBid
from shuttle.talks.bids.events import BidOpened, BidSettled, BidSubmitted
from shuttle.talks.events import Event
from tests.talks.confidentiality.oracle.books import Books, Person
from tests.talks.confidentiality.oracle.vocabulary import option_number, within

BOUND_LIMIT = 1e15


class BidPredictions(Books):
    """Predictions for opening a blind bid and submitting a bound."""

    def expect_open_bid(self, actor: Person, command: OpenBid) -> list[Event] | None:
        issue = self.issue(command.issue)
        if issue is None or not self.numeric(issue[0]) or issue[0] in self.settled:
            return None
        if any(b.issue == issue[0] and not b.settled for b in self.bids.values()):
            return None
        high, low = self.party(command.high), self.party(command.low)
        if high is None or low is None or high == low:
            return None
        number = len(self.bids) + 1
        return [BidOpened(actor.name, number, issue[0], high, low, self.bid_rule)]

    def expect_bid(self, by: str, party: str, command: Bid) -> list[Event] | None:
        mine = {n: b for n, b in self.bids.items() if not b.settled and party in (b.high, b.low)}
        if command.number is not None:
            number: int | None = command.number if command.number in mine else None
        else:  # the one open bid that awaits this party's bound
            awaiting = [n for n, b in mine.items() if party not in b.bounds]
            number = awaiting[0] if len(awaiting) == 1 else None
        bound = within(command.bound, -BOUND_LIMIT, BOUND_LIMIT)
        if number is None or party in mine[number].bounds or bound is None:
            return None
        chosen = mine[number]
        events: list[Event] = [BidSubmitted(by, party, number, bound)]
        bounds = chosen.bounds | {party: float(bound)}
        if chosen.high in bounds and chosen.low in bounds:
            value = self.settlement(chosen.issue, bounds[chosen.high], bounds[chosen.low])
            events.append(BidSettled(number, chosen.issue, value))
        return events

    def settlement(self, issue: str, high: float, low: float) -> str | None:
        """The option within [the high side's bound, the low side's]: by the talk's rule, the
        lowest, the highest, or the nearest the middle (the lower one of two as near)."""
        found = self.issue(issue)
        assert found is not None
        numbered = [(option_number(option), option) for option in found[1]]
        inside = sorted((v, o) for v, o in numbered if v is not None and high <= v <= low)
        if not inside:
            return None
        match self.bid_rule:
            case BidRule.LOWER:
                return inside[0][1]
            case BidRule.UPPER:
                return inside[-1][1]
        middle = (high + low) / 2
        return min(inside, key=lambda pair: (abs(pair[0] - middle), pair[0]))[1]
