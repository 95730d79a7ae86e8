"""The negotiation's part of a talk's state: the text and its answers, proposals, blind bids,
profiles, escalation, the answers to offers and the agreement -- each seam's records side by
side, folded by each seam's own fold.

`TalkState.negotiation` holds one `Negotiation`; `evolve_negotiation` hands each event to its
seam.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never

from pyrsistent import pmap, pvector
from pyrsistent.typing import PMap, PVector

from shuttle.talks.agenda import Agenda
from shuttle.talks.bids.events import BidFact
from shuttle.talks.bids.fold import BlindBid, evolve_bids
from shuttle.talks.events import NegotiationFact
from shuttle.talks.profiles.events import ProfileFact
from shuttle.talks.profiles.fold import PartyProfile, evolve_profiles
from shuttle.talks.proposals.events import ProposalFact
from shuttle.talks.proposals.fold import Proposal, evolve_proposals
from shuttle.talks.single_text.events import EscalationStep, TextFact
from shuttle.talks.single_text.fold import Agreement, DraftVersion, PartyAnswer, evolve_text


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


def evolve_negotiation(negotiation: Negotiation, seq: int, event: NegotiationFact) -> Negotiation:
    """Fold one negotiation event, by its seam's own fold. Each seam's fold names its every
    kind; a seam added to `NegotiationFact` and not dispatched here is a type error."""
    if isinstance(event, TextFact):
        return evolve_text(negotiation, seq, event)
    if isinstance(event, ProposalFact):
        return evolve_proposals(negotiation, seq, event)
    if isinstance(event, BidFact):
        return evolve_bids(negotiation, seq, event)
    if isinstance(event, ProfileFact):
        return evolve_profiles(negotiation, seq, event)
    assert_never(event)
