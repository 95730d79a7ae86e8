"""Offers relayed by the mediator: alternating offers through an intermediary, as in Muscat.

A delegate offers complete terms in its own room -- a statement with terms, under the same
handling rules as words. A verbatim carriage takes the terms into another room, where a
delegate may accept them; the offer is agreed once every other party has accepted it.
"""

from __future__ import annotations

from typing import assert_never

from shuttle.talks.agenda import clean_terms, describe_terms
from shuttle.talks.common import (
    check_settled,
    require_agenda,
    require_delegate,
    require_negotiating,
)
from shuttle.talks.conversation.events import Conveyed
from shuttle.talks.events import Event
from shuttle.talks.offers.commands import AnswerOffer, Offer, OfferCommand
from shuttle.talks.offers.events import OfferAnswered, Offered
from shuttle.talks.participant import Participant
from shuttle.talks.refusals import NotFound, Refused
from shuttle.talks.single_text.rules import agreed
from shuttle.talks.state import TalkState
from shuttle.talks.visibility import can_see
from shuttle.talks.vocabulary import Source


def offer(state: TalkState, actor: Participant, command: Offer) -> list[Event]:
    party = require_delegate(
        actor,
        "offers are made by a party's delegates",
        "a mediator circulates a draft or makes a proposal",
    )
    require_negotiating(state)
    agenda = require_agenda(state)
    terms = clean_terms(agenda, command.terms, "an offer's terms")
    check_settled(state, terms)
    return [
        Offered(
            by=actor.name,
            room=party,
            terms=terms,
            text=describe_terms(terms),
            handling=command.handling or state.default_handling,
        )
    ]


def answer_offer(state: TalkState, actor: Participant, command: AnswerOffer) -> list[Event]:
    party = require_delegate(
        actor, "only a party's delegate answers an offer", "carry it to a party's room"
    )
    require_negotiating(state)
    if not can_see(actor, command.via, state):
        raise NotFound(f"event {command.via} not found")
    recorded = state.recorded(command.via)
    assert recorded is not None
    carried = recorded.event
    if not isinstance(carried, Conveyed) or carried.to_room != party or not carried.terms:
        raise Refused(
            f"event {command.via} is not an offer carried into your room",
            "answer the event that carried an offer's terms to you (a verbatim carriage)",
        )
    earlier = dict(state.negotiation.offer_answers.get(carried.source, {}))
    if party in earlier:
        raise Refused(f"{party!r} has already answered this offer", "make a counter-offer instead")
    events: list[Event] = [
        OfferAnswered(
            by=actor.name, party=party, offer=carried.source, via=command.via, accept=command.accept
        )
    ]
    source = state.statements[carried.source]
    check_settled(state, source.terms)
    accepted = {p for p, yes in earlier.items() if yes} | ({party} if command.accept else set())
    if accepted >= {p for p in state.parties if p != source.party}:
        events.append(agreed(Source.OFFER, carried.source, source.terms, ()))
    return events


def decide_offers(state: TalkState, actor: Participant, command: OfferCommand) -> list[Event]:
    """The events a command about offers adds, or a refusal."""
    match command:
        case Offer():
            return offer(state, actor, command)
        case AnswerOffer():
            return answer_offer(state, actor, command)
        case _:
            assert_never(command)
