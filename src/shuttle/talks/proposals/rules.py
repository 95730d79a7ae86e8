"""The mediator's proposal: a take-it-or-leave-it text put to every party separately.

Double-blind: each party's answer reaches only its own room and the mediator; when the last
answer is in, every party learns one bit -- agreed or not -- and nothing about who rejected.
"""

from __future__ import annotations

from typing import assert_never

from shuttle.talks.agenda import clean_clauses, clean_terms
from shuttle.talks.common import (
    check_settled,
    require_agenda,
    require_delegate,
    require_mediator,
    require_negotiating,
)
from shuttle.talks.events import Event
from shuttle.talks.participant import Participant
from shuttle.talks.proposals.commands import AnswerProposal, ProposalCommand, Propose
from shuttle.talks.proposals.events import ProposalAnswered, ProposalConcluded, Proposed
from shuttle.talks.refusals import NotFound, Refused
from shuttle.talks.single_text.rules import agreed
from shuttle.talks.state import TalkState
from shuttle.talks.vocabulary import Source


def propose(state: TalkState, actor: Participant, command: Propose) -> list[Event]:
    require_mediator(
        actor, "only a mediator makes a mediator's proposal", "offer terms in your own room"
    )
    require_negotiating(state)
    pending = state.negotiation.open_proposal
    if pending is not None:
        raise Refused(
            f"proposal {pending.number} still awaits answers",
            "wait until every party has answered it",
        )
    agenda = require_agenda(state)
    terms = clean_terms(agenda, command.terms, "a proposal's terms")
    check_settled(state, terms)
    number = len(state.negotiation.proposals) + 1
    clauses = clean_clauses(command.clauses)
    return [Proposed(by=actor.name, number=number, terms=terms, clauses=clauses)]


def answer_proposal(state: TalkState, actor: Participant, command: AnswerProposal) -> list[Event]:
    party = require_delegate(
        actor,
        "only a party's delegate answers a mediator's proposal",
        "the mediator sees the answers in its view",
    )
    require_negotiating(state)
    proposals = state.negotiation.proposals
    pending = state.negotiation.open_proposal
    number = command.number
    if number is None:
        if pending is None:
            raise Refused("no mediator's proposal awaits an answer", "wait for a proposal")
        number = pending.number
    proposal = proposals.get(number)
    if proposal is None:
        raise NotFound(f"proposal {number} not found")
    if proposal.agreed is not None:
        raise Refused(f"proposal {number} has been concluded", "answer the current proposal")
    if party in proposal.answers:
        raise Refused(
            f"{party!r} has already answered proposal {number}",
            "an answer to a proposal is final",
        )
    if command.accept:
        # A blind bid may have settled an issue since the proposal was made.
        check_settled(state, proposal.terms)
    events: list[Event] = [
        ProposalAnswered(by=actor.name, party=party, number=number, accept=command.accept)
    ]
    answers = {**proposal.answers, party: command.accept}
    if set(answers) >= set(state.parties):
        everyone = all(answers.values())
        events.append(ProposalConcluded(number=number, agreed=everyone))
        if everyone:
            events.append(agreed(Source.PROPOSAL, number, proposal.terms, proposal.clauses))
    return events


def decide_proposals(state: TalkState, actor: Participant, command: ProposalCommand) -> list[Event]:
    """The events a command about proposals adds, or a refusal."""
    match command:
        case Propose():
            return propose(state, actor, command)
        case AnswerProposal():
            return answer_proposal(state, actor, command)
        case _:
            assert_never(command)
