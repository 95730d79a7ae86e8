"""Offers relayed by the mediator, on the pages: a delegate offers complete terms in its own
room, and answers the offers the mediator carried into it word for word. (The mediator
carries an offer with the `carry` form, as any statement.)"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from shuttle.talks import AnswerOffer, Invalid, Offer, TalkView
from shuttle.web.deps import Actor
from shuttle.web.pages.forms import Form, chosen_terms, submit
from shuttle.web.pages.party_forms import accepts, handling

router = APIRouter(include_in_schema=False)


@router.post("/talks/{talk}/offer")
async def offer(request: Request, talk: str) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Offer:
        terms, missing = chosen_terms(form, view)
        if missing:
            listing = ", ".join(missing)
            raise Invalid(f"an offer names an option for every issue; choose one for {listing}")
        return Offer(actor.name, terms, handling(form))

    return await submit(request, talk, Form("offer", anchor="offer-title", echo=True), build)


@router.post("/talks/{talk}/offers/{seq}/answer")
async def answer_offer(request: Request, talk: str, seq: int) -> Response:
    """Accept or reject the offer that carriage `seq` brought into the sender's room. Any
    other seq -- another room's, or one that does not exist -- is not found."""

    def build(actor: Actor, view: TalkView, form: FormData) -> AnswerOffer:
        return AnswerOffer(actor.name, seq, accepts(form))

    def carried_here(view: TalkView) -> bool:
        return view.carried_offer(seq) is not None

    form = Form("offer_answer", seq, f"said-{seq}")
    return await submit(request, talk, form, build, carried_here)
