"""How offers fold into a talk's state: an offer is a statement of its room (carried like
words, under its handling), and the answers of the rooms it was carried into are negotiation."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, assert_never

from pyrsistent import pmap
from pyrsistent.typing import PMap

from shuttle.talks.conversation.statement import Statement
from shuttle.talks.offers.events import OfferAnswered, Offered, OfferFact

if TYPE_CHECKING:  # the talk's state holds the offers: imported for types only
    from shuttle.talks.state import TalkState


def evolve_offers(state: TalkState, seq: int, event: OfferFact) -> TalkState:
    """Fold one event of an offer into the talk's state."""
    match event:
        case Offered():
            speaker = state.participants[event.by]
            offer = Statement(
                seq=seq,
                room=event.room,
                by=event.by,
                party=speaker.party,
                text=event.text,
                handling=event.handling,
                terms=event.terms,
            )
            return state.with_statement(offer)
        case OfferAnswered():
            n = state.negotiation
            answers: PMap[str, bool] = n.offer_answers.get(event.offer, pmap())
            by_offer = n.offer_answers.set(event.offer, answers.set(event.party, event.accept))
            return replace(state, negotiation=replace(n, offer_answers=by_offer))
        case _:
            assert_never(event)
