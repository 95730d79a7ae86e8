"""The negotiation: agenda, the single text and answers, proposals, blind bids, profiles,
incidents, offers, signatures and closing."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from shuttle.talks import (
    Answer,
    AnswerOffer,
    AnswerProposal,
    Bid,
    Close,
    Comparison,
    Draft,
    Handling,
    Offer,
    OpenBid,
    Propose,
    ReportIncident,
    SetAgenda,
    Sign,
    SubmitProfile,
)
from shuttle.talks.single_text.commands import Incident
from shuttle.web.api.common import Acting, Outcome, Service, run
from shuttle.web.api.idempotency import IdempotencyKey

router = APIRouter(tags=["negotiation"])

Name = Field(min_length=1, max_length=200)
MAX_ITEMS = 200


class IssueBody(BaseModel):
    name: str = Name
    options: list[str] = Field(min_length=1, max_length=MAX_ITEMS)


class ScheduledIncidentBody(BaseModel):
    after_round: int = Field(ge=0, le=100_000)
    text: str = Field(min_length=1, max_length=2_000)
    drop: float = Field(ge=0, le=1)
    chance: float = Field(1.0, ge=0, le=1)


class AgendaBody(BaseModel):
    issues: list[IssueBody] = Field(min_length=1, max_length=MAX_ITEMS)
    escalation: list[ScheduledIncidentBody] = Field(default_factory=list, max_length=MAX_ITEMS)


class TermsBody(BaseModel):
    terms: dict[str, str] = Field(description="Issue -> option, for every issue on the agenda.")
    clauses: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)


class AnswerBody(BaseModel):
    accept: bool
    version: int | None = Field(None, ge=1, le=2**31)
    prefer: dict[str, str] = Field(default_factory=dict, description="Issue -> preferred option.")
    comparison: Comparison | None = None
    comment: str | None = Field(None, max_length=20_000)


class ProposalAnswerBody(BaseModel):
    accept: bool
    number: int | None = Field(None, ge=1, le=2**31)


class OpenBidBody(BaseModel):
    issue: str = Name
    high: str = Field(min_length=1, max_length=200, description="The party wanting it high.")
    low: str = Field(min_length=1, max_length=200, description="The party wanting it low.")


class BidBody(BaseModel):
    bound: float = Field(allow_inf_nan=False)
    number: int | None = Field(None, ge=1, le=2**31)


class ProfileBody(BaseModel):
    weights: dict[str, float] = Field(description="Issue -> weight.")
    values: dict[str, dict[str, float]] = Field(description="Issue -> option -> value in [0, 1].")
    reservation: float = Field(allow_inf_nan=False)
    share: bool = Field(False, description="Whether the mediator may see it.")


class IncidentBody(BaseModel):
    text: str = Field(min_length=1, max_length=2_000)
    drop: float = Field(allow_inf_nan=False)


class OfferBody(BaseModel):
    terms: dict[str, str]
    handling: Handling | None = None


class OfferAnswerBody(BaseModel):
    via: int = Field(ge=1, le=2**31, description="The seq of the carriage into your room.")
    accept: bool


class SignBody(BaseModel):
    head: str | None = Field(None, max_length=200, description="The head you saw (SEQ:HASH).")
    intent: bool = Field(
        False,
        description="You read the whole agreed text and sign it electronically (required).",
    )
    text_hash: str | None = Field(
        None, max_length=200, description="The hash of the text you read: the agreed one."
    )


class CloseBody(BaseModel):
    reason: str | None = Field(None, max_length=2_000)


@router.post("/talks/{talk}/agenda", status_code=201)
async def agenda(body: AgendaBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Mediators: set the agenda while nothing rests on it yet."""
    issues = tuple((i.name, tuple(i.options)) for i in body.issues)
    escalation = tuple(Incident(e.after_round, e.text, e.drop, e.chance) for e in body.escalation)
    return await run(service, actor, SetAgenda(actor.name, issues, escalation), key)


@router.post("/talks/{talk}/drafts", status_code=201)
async def draft(body: TermsBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Mediators: circulate a new version of the single text."""
    command = Draft(actor.name, tuple(body.terms.items()), tuple(body.clauses))
    return await run(service, actor, command, key)


@router.post("/talks/{talk}/answers", status_code=201)
async def answer(body: AnswerBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Delegates: answer the current version privately."""
    command = Answer(
        actor.name,
        body.accept,
        body.version,
        tuple(body.prefer.items()),
        body.comparison,
        body.comment,
    )
    return await run(service, actor, command, key)


@router.post("/talks/{talk}/proposals", status_code=201)
async def propose(body: TermsBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Mediators: a double-blind, take-it-or-leave-it proposal."""
    command = Propose(actor.name, tuple(body.terms.items()), tuple(body.clauses))
    return await run(service, actor, command, key)


@router.post("/talks/{talk}/proposal-answers", status_code=201)
async def answer_proposal(
    body: ProposalAnswerBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome:
    """Delegates: accept or reject the open proposal."""
    return await run(service, actor, AnswerProposal(actor.name, body.accept, body.number), key)


@router.post("/talks/{talk}/bids", status_code=201)
async def open_bid(
    body: OpenBidBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome:
    """Mediators: open a blind bid on a numeric issue between two parties."""
    return await run(service, actor, OpenBid(actor.name, body.issue, body.high, body.low), key)


@router.post("/talks/{talk}/bid-bounds", status_code=201)
async def bid(body: BidBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Delegates: submit your party's confidential bound; nobody sees it, the mediator
    included."""
    return await run(service, actor, Bid(actor.name, body.bound, body.number), key)


@router.post("/talks/{talk}/profile", status_code=201)
async def profile(
    body: ProfileBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome:
    """Delegates: your party's private preferences, shared with the mediator or not."""
    values = tuple(
        (issue, option, value)
        for issue, options in body.values.items()
        for option, value in options.items()
    )
    command = SubmitProfile(
        actor.name, tuple(body.weights.items()), values, body.reservation, body.share
    )
    return await run(service, actor, command, key)


@router.post("/talks/{talk}/incidents", status_code=201)
async def incident(
    body: IncidentBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome:
    """Mediators: an incident outside the talks lowers every reservation value."""
    return await run(service, actor, ReportIncident(actor.name, body.text, body.drop), key)


@router.post("/talks/{talk}/offers", status_code=201)
async def offer(body: OfferBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Delegates: offer complete terms in your room, for the mediator to carry."""
    command = Offer(actor.name, tuple(body.terms.items()), body.handling)
    return await run(service, actor, command, key)


@router.post("/talks/{talk}/offer-answers", status_code=201)
async def answer_offer(
    body: OfferAnswerBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome:
    """Delegates: answer an offer carried verbatim into your room."""
    return await run(service, actor, AnswerOffer(actor.name, body.via, body.accept), key)


@router.post("/talks/{talk}/signatures", status_code=201)
async def sign(body: SignBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Delegates: sign the agreement for your party, at the record's current head."""
    return await run(service, actor, Sign(actor.name, body.head, body.intent, body.text_hash), key)


@router.post("/talks/{talk}/close", status_code=201)
async def close(body: CloseBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Mediators: close the talk without agreement."""
    return await run(service, actor, Close(actor.name, body.reason), key)
