"""Proposals in the negotiation's state, and how their events fold into it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, assert_never

from shuttle.talks.proposals.events import (
    ProposalAnswered,
    ProposalConcluded,
    ProposalFact,
    Proposed,
)

if TYPE_CHECKING:  # the negotiation's state holds this seam's records: imported for types only
    from shuttle.talks.negotiation import Negotiation

from dataclasses import dataclass, field

from pyrsistent import pmap
from pyrsistent.typing import PMap

from shuttle.talks.agenda import Terms


@dataclass(frozen=True)
class Proposal:
    seq: int
    number: int
    terms: Terms
    clauses: tuple[str, ...]
    answers: PMap[str, bool] = field(default_factory=pmap)
    agreed: bool | None = None  # None until every party has answered


def evolve_proposals(n: Negotiation, seq: int, event: ProposalFact) -> Negotiation:
    """Fold one event of a proposal into the negotiation's state."""
    match event:
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
        case _:
            assert_never(event)
