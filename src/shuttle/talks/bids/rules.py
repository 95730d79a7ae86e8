"""Blind bids: two parties bound one numeric issue in confidence; the issue settles only if
the bounds overlap on an option of the agenda.

The party wanting the issue high bids the least it accepts, the party wanting it low the most.
Nobody sees a bound, the mediator included (see `visibility`); both learn the settlement, or
only that there is none. The talk's rule picks the option within the overlap: nearest its
midpoint (ties to the lower option), or its lower or upper end.
"""

from __future__ import annotations

from typing import assert_never

from shuttle.talks.agenda import AgendaIssue
from shuttle.talks.bids.commands import Bid, BidCommand, OpenBid
from shuttle.talks.bids.events import BidOpened, BidSettled, BidSubmitted
from shuttle.talks.bids.fold import BlindBid
from shuttle.talks.common import (
    listing,
    party_of,
    require_agenda,
    require_delegate,
    require_mediator,
    require_negotiating,
)
from shuttle.talks.events import Event
from shuttle.talks.numbers import decimal_text
from shuttle.talks.participant import Participant
from shuttle.talks.refusals import Hint, Invalid, NotFound, Refused
from shuttle.talks.state import TalkState
from shuttle.talks.vocabulary import BidRule

BOUND_LIMIT = 1e15


def open_bid(state: TalkState, actor: Participant, command: OpenBid) -> list[Event]:
    require_mediator(actor, "only a mediator opens a blind bid", "ask the mediator")
    require_negotiating(state)
    agenda = require_agenda(state)
    issue = agenda.issue(command.issue)
    if issue is None:
        raise NotFound(
            f"issue {command.issue.strip()!r} not found; agenda: {listing(agenda.names)}"
        )
    if not issue.numeric:
        raise Refused(
            f"{issue.name!r} is not numeric: its options are not all numbers",
            "open a blind bid on an issue whose options are numbers",
        )
    if issue.name in state.negotiation.settled:
        raise Refused(f"{issue.name!r} is already settled", "choose an open issue")
    for bid in state.negotiation.bids.values():
        if bid.issue == issue.name and not bid.settled:
            raise Refused(
                f"blind bid {bid.number} on {issue.name!r} is still open",
                "wait for both bounds",
            )
    high, low = party_of(state, command.high), party_of(state, command.low)
    if high == low:
        raise Invalid("a blind bid is between two different parties: one high, one low")
    number = len(state.negotiation.bids) + 1
    return [
        BidOpened(
            by=actor.name,
            number=number,
            issue=issue.name,
            high=high,
            low=low,
            rule=state.bid_rule,
        )
    ]


def bid(state: TalkState, actor: Participant, command: Bid) -> list[Event]:
    party = require_delegate(
        actor, "only a party's delegate submits a bound", "nobody else, the mediator included"
    )
    require_negotiating(state)
    mine = [
        b for b in state.negotiation.bids.values() if not b.settled and party in (b.high, b.low)
    ]
    if command.number is not None:
        chosen = next((b for b in mine if b.number == command.number), None)
        if chosen is None:
            raise NotFound(f"no open blind bid {command.number} for {party!r}")
    else:
        awaiting = [b for b in mine if party not in b.bounds]
        if len(awaiting) > 1:
            numbers = ", ".join(str(b.number) for b in awaiting)
            raise Invalid(
                f"blind bids {numbers} await your bound; name the one you bid in",
                Hint(field="number"),
            )
        if not awaiting and not mine:
            raise Refused(f"no blind bid awaits a bound from {party!r}", "wait for the mediator")
        chosen = awaiting[0] if awaiting else mine[0]
    if party in chosen.bounds:
        raise Refused(f"{party!r} has already bid in blind bid {chosen.number}", "a bound is final")
    bound = decimal_text(command.bound, "a bound", -BOUND_LIMIT, BOUND_LIMIT)
    events: list[Event] = [
        BidSubmitted(by=actor.name, party=party, number=chosen.number, bound=bound)
    ]
    bounds = {**chosen.bounds, party: float(bound)}
    if chosen.high in bounds and chosen.low in bounds:
        agenda = require_agenda(state)
        issue = agenda.issue(chosen.issue)
        assert issue is not None
        value = settlement(issue, chosen, bounds[chosen.high], bounds[chosen.low])
        events.append(BidSettled(number=chosen.number, issue=chosen.issue, value=value))
    return events


def settlement(issue: AgendaIssue, chosen: BlindBid, high: float, low: float) -> str | None:
    """The option the bid settles on, or None when no option lies within [high, low]."""
    inside = [
        (value, option)
        for value, option in zip(issue.numbers(), issue.options, strict=True)
        if high <= value <= low
    ]
    if not inside:
        return None
    inside.sort()
    if chosen.rule is BidRule.LOWER:
        return inside[0][1]
    if chosen.rule is BidRule.UPPER:
        return inside[-1][1]
    middle = (high + low) / 2
    return min(inside, key=lambda pair: (abs(pair[0] - middle), pair[0]))[1]


def decide_bids(state: TalkState, actor: Participant, command: BidCommand) -> list[Event]:
    """The events a command about blind bids adds, or a refusal."""
    match command:
        case OpenBid():
            return open_bid(state, actor, command)
        case Bid():
            return bid(state, actor, command)
        case _:
            assert_never(command)
