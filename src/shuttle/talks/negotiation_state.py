"""The negotiation's part of a talk's state: the text and its answers, proposals, blind bids,
profiles, escalation and the agreement -- folded from the record like the rest.

`TalkState.negotiation` holds one `Negotiation`; `evolve_negotiation` folds one event into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import assert_never

from pyrsistent import pmap, pvector
from pyrsistent.typing import PMap, PVector

from shuttle.talks.agenda import Agenda, Terms
from shuttle.talks.events import (
    AgendaSet,
    Agreed,
    Answered,
    BidOpened,
    BidSettled,
    BidSubmitted,
    Closed,
    Drafted,
    EscalationStep,
    IncidentReported,
    OfferAnswered,
    ProfileSubmitted,
    ProposalAnswered,
    ProposalConcluded,
    Proposed,
    Signed,
)
from shuttle.talks.negotiation_events import NegotiationFact
from shuttle.talks.numbers import escalated, number
from shuttle.talks.vocabulary import BidRule, Comparison, Source


@dataclass(frozen=True)
class DraftVersion:
    seq: int
    version: int
    terms: Terms
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class PartyAnswer:
    seq: int
    accept: bool
    prefer: Terms
    comparison: Comparison | None
    comment: str | None


@dataclass(frozen=True)
class Agreement:
    seq: int
    reached_on: Source
    ref: int
    terms: Terms
    clauses: tuple[str, ...]
    text_hash: str


@dataclass(frozen=True)
class Proposal:
    seq: int
    number: int
    terms: Terms
    clauses: tuple[str, ...]
    answers: PMap[str, bool] = field(default_factory=pmap)
    agreed: bool | None = None  # None until every party has answered


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


@dataclass(frozen=True)
class PartyProfile:
    """A party's latest profile, as numbers; `seq` is the event that submitted it."""

    seq: int
    weights: tuple[tuple[str, float], ...]
    values: tuple[tuple[str, str, float], ...]
    reservation: float
    shared: bool


@dataclass(frozen=True)
class Negotiation:
    agenda: Agenda | None = None
    agenda_seq: int | None = None
    escalation_schedule: tuple[EscalationStep, ...] = ()
    drafts: PVector[DraftVersion] = field(default_factory=pvector)
    # (version, party) -> that party's latest answer to that version
    answers: PMap[tuple[int, str], PartyAnswer] = field(default_factory=pmap)
    proposals: PMap[int, Proposal] = field(default_factory=pmap)
    bids: PMap[int, BlindBid] = field(default_factory=pmap)
    settled: PMap[str, str] = field(default_factory=pmap)  # issue -> option, by blind bid
    profiles: PMap[str, PartyProfile] = field(default_factory=pmap)
    incidents: int = 0
    escalation: float = 0.0  # the sum of the incidents' drops so far
    # offer seq -> party -> accepted (answers to carriages of that offer)
    offer_answers: PMap[int, PMap[str, bool]] = field(default_factory=pmap)
    agreement: Agreement | None = None
    signatures: PMap[str, int] = field(default_factory=pmap)  # party -> seq of its signature
    closed: int | None = None  # seq of the closing event

    @property
    def current(self) -> DraftVersion | None:
        return self.drafts[-1] if self.drafts else None

    @property
    def open_proposal(self) -> Proposal | None:
        latest = self.proposals.get(len(self.proposals))
        return latest if latest is not None and latest.agreed is None else None

    @property
    def started(self) -> bool:
        """Whether anything already depends on the agenda."""
        return bool(self.drafts or self.proposals or self.bids or self.profiles)


def evolve_negotiation(negotiation: Negotiation, seq: int, event: NegotiationFact) -> Negotiation:
    """Fold one negotiation event. Every kind is handled: a kind added to `NegotiationFact`
    and forgotten here is a type error, and an unknown one at run time raises."""
    n = negotiation
    match event:
        case AgendaSet():
            return replace(
                n,
                agenda=Agenda(event.issues),
                agenda_seq=seq,
                escalation_schedule=event.escalation,
            )
        case Drafted():
            draft = DraftVersion(seq, event.version, event.terms, event.clauses)
            return replace(n, drafts=n.drafts.append(draft))
        case Answered():
            answer = PartyAnswer(seq, event.accept, event.prefer, event.comparison, event.comment)
            return replace(n, answers=n.answers.set((event.version, event.party), answer))
        case Agreed():
            agreement = Agreement(
                seq, event.reached_on, event.ref, event.terms, event.clauses, event.text_hash
            )
            return replace(n, agreement=agreement)
        case Signed():
            return replace(n, signatures=n.signatures.set(event.party, seq))
        case Closed():
            return replace(n, closed=seq)
        case Proposed():
            proposal = Proposal(seq, event.number, event.terms, event.clauses)
            return replace(n, proposals=n.proposals.set(event.number, proposal))
        case ProposalAnswered():
            proposal = n.proposals[event.number]
            answered = replace(proposal, answers=proposal.answers.set(event.party, event.accept))
            return replace(n, proposals=n.proposals.set(event.number, answered))
        case ProposalConcluded():
            concluded = replace(n.proposals[event.number], agreed=event.agreed)
            return replace(n, proposals=n.proposals.set(event.number, concluded))
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
        case ProfileSubmitted():
            profile = PartyProfile(
                seq,
                tuple((issue, number(w)) for issue, w in event.weights),
                tuple((issue, option, number(v)) for issue, option, v in event.values),
                number(event.reservation),
                event.shared,
            )
            return replace(n, profiles=n.profiles.set(event.party, profile))
        case IncidentReported():
            return replace(
                n, incidents=n.incidents + 1, escalation=escalated(n.escalation, event.drop)
            )
        case OfferAnswered():
            answers: PMap[str, bool] = n.offer_answers.get(event.offer, pmap())
            return replace(
                n,
                offer_answers=n.offer_answers.set(
                    event.offer, answers.set(event.party, event.accept)
                ),
            )
        case _:
            assert_never(event)
