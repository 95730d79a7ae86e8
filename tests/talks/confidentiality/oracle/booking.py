"""How each recorded event enters the oracle's books: what it knows of the event afterwards
(its room, its party, the secrets inside it) and what the event changes in the talk.

The machine books only events the oracle itself predicted, so the books never learn anything
from `evolve`.
"""

from __future__ import annotations

from shuttle.talks.bids.events import BidOpened, BidSettled, BidSubmitted
from shuttle.talks.conversation.events import (
    Consented,
    Conveyed,
    Joined,
    JointRoomOpened,
    Left,
    Noted,
    Released,
    Said,
    TalkOpened,
)
from shuttle.talks.events import Event
from shuttle.talks.offers.events import OfferAnswered, Offered
from shuttle.talks.profiles.events import ProfileSubmitted
from shuttle.talks.proposals.events import ProposalAnswered, ProposalConcluded, Proposed
from shuttle.talks.single_text.events import (
    AgendaSet,
    Agreed,
    Answered,
    Closed,
    Drafted,
    IncidentReported,
    Signed,
)
from tests.talks.confidentiality.oracle.books import (
    Agreement,
    BidBook,
    Books,
    Entry,
    Person,
    ProposalBook,
)
from tests.talks.confidentiality.oracle.vocabulary import token_in


class Booking(Books):
    """Writing events into the books."""

    def book(self, event: Event) -> None:
        """Record an event the rules allowed (the machine books only what the oracle expected)."""
        seq = self.last + 1
        entry = Entry(event.kind, by=getattr(event, "by", None))
        match event:
            case TalkOpened():
                self.open(event)
            case AgendaSet():
                self.agenda = tuple((issue.name, issue.options) for issue in event.issues)
                entry.tokens = tuple(token_in(step.text) for step in event.escalation)
            case Joined():
                self.people[event.name] = Person(event.name, event.party)
                entry.name, entry.role, entry.party = event.name, event.role, event.party
            case Left():
                self.people[event.name].left = seq
                entry.name, entry.role, entry.party = event.name, event.role, event.party
            case Said() | Offered():
                entry.room, entry.text, entry.handling = event.room, event.text, event.handling
                entry.party = self.people[event.by].party
                if isinstance(event, Offered):
                    entry.terms = event.terms
                else:
                    entry.tokens = (token_in(event.text),)
            case Released():
                statement = self.entries[event.statement]
                statement.handling = event.handling
                entry.party, entry.source = statement.room, event.statement
            case Conveyed():
                self.entries[event.source].carried += 1
                entry.text, entry.tokens = event.text, self.text_tokens(event.source, event.text)
                entry.source, entry.terms, entry.mode = event.source, event.terms, event.mode
                entry.from_room, entry.to_room = event.from_room, event.to_room
            case Noted():
                entry.text, entry.tokens = event.text, (token_in(event.text),)
            case Consented():
                self.consents.add(event.party)
                entry.party = event.party
            case JointRoomOpened():
                self.joint_opened_at = seq
            case _:
                self.book_negotiation(event, entry)
        self.entries[seq] = entry

    def text_tokens(self, source: int, text: str) -> tuple[str, ...]:
        """A carriage's tokens: one, except when an offer's own words (its terms) are carried."""
        if self.entries[source].kind == "offered" and text == self.entries[source].text:
            return ()
        return (token_in(text),)

    def open(self, event: TalkOpened) -> None:
        self.parties = event.parties
        self.default_handling = event.default_handling
        self.hide = event.hide_carried_text
        self.bid_rule = event.bid_rule
        self.people = {m: Person(m, None) for m in event.mediators}
        for delegate in event.delegates:
            self.people[delegate.name] = Person(delegate.name, delegate.party)
            self.opening_delegates.setdefault(delegate.party, []).append(delegate.name)

    def book_negotiation(self, event: Event, entry: Entry) -> None:
        match event:
            case Drafted():
                self.drafts.append((event.terms, event.clauses))
                entry.tokens = tuple(token_in(c) for c in event.clauses)
            case Answered():
                self.answers[(event.version, event.party)] = event.accept
                entry.party = event.party
                entry.tokens = () if event.comment is None else (token_in(event.comment),)
            case Agreed():
                self.agreement = Agreement(event.terms, event.clauses, event.text_hash)
                entry.tokens = tuple(token_in(c) for c in event.clauses)
            case Signed():
                self.signatures.add(event.party)
                entry.party = event.party
            case Closed():
                self.closed = True
                entry.tokens = () if event.reason is None else (token_in(event.reason),)
            case Proposed():
                self.proposals[event.number] = ProposalBook(event.terms, event.clauses)
                entry.tokens = tuple(token_in(c) for c in event.clauses)
            case ProposalAnswered():
                self.proposals[event.number].answers[event.party] = event.accept
                entry.party = event.party
            case ProposalConcluded():
                self.proposals[event.number].concluded = True
                entry.agreed = event.agreed
            case BidOpened():
                self.bids[event.number] = BidBook(event.issue, event.high, event.low)
            case BidSubmitted():
                self.bids[event.number].bounds[event.party] = float(event.bound)
                entry.party, entry.secrets = event.party, (event.bound,)
            case BidSettled():
                self.bids[event.number].settled = True
                if event.value is not None:
                    self.settled[event.issue] = event.value
            case ProfileSubmitted():
                self.profiles += 1
                entry.party, entry.shared = event.party, event.shared
                numbers = [w for _, w in event.weights] + [v for _, _, v in event.values]
                entry.secrets = (*numbers, event.reservation)
            case IncidentReported():
                entry.text, entry.tokens = event.text, (token_in(event.text),)
            case OfferAnswered():
                self.offer_answers.setdefault(event.offer, {})[event.party] = event.accept
                entry.party = event.party
            case _:
                raise AssertionError(f"the oracle cannot book {event}")
