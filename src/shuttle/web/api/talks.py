"""Reading: who am I, what may I see of this talk, and (mediators) the engine's advice."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from shuttle.accounts import Identity
from shuttle.talks import NotFound
from shuttle.web.api.common import Acting, SeenEvent, Service
from shuttle.web.deps import required_identity

router = APIRouter(tags=["reading"])


class Seat(BaseModel):
    talk: str
    participant: str


class Me(BaseModel):
    kind: str
    talk: str | None
    participant: str | None
    user: str | None
    seats: list[Seat] = Field(
        default_factory=list,
        description="For an account: the participants of talks it keeps (entered by their "
        "links while signed in), each one it acts as in that talk.",
    )
    mediates_by_name: bool = Field(
        default=False,
        description="For an account: whether it acts as a mediator, by its name, in the talks "
        "that name it so (only an account made at the command line does; one made from a link "
        "acts through its seats).",
    )
    opens_talks: bool = Field(
        default=False,
        description="For an account: whether it opens talks and processes (`POST /api/talks`, "
        "`POST /api/processes`); an account made from a co-mediator's link does, and keeps "
        "the seat of each talk it opens.",
    )


class Participation(BaseModel):
    name: str
    role: str
    party: str | None


class TalkViewModel(BaseModel):
    talk: str
    head: str
    participant: Participation
    events: list[SeenEvent]


class Session(BaseModel):
    """A browser session's CSRF token, for pages' scripts to send with unsafe requests."""

    csrf: str


@router.get("/health")
async def health() -> dict[str, str]:
    """Whether the server is up (no credentials needed, nothing revealed)."""
    return {"status": "ok"}


@router.get("/session", response_model=Session)
async def session(identity: Annotated[Identity, Depends(required_identity)]) -> Session:
    """The CSRF token of the caller's cookie session (404 for a bearer token, which needs
    none)."""
    if identity.csrf is None:
        raise NotFound("a bearer token has no session: it needs no CSRF token")
    return Session(csrf=identity.csrf)


@router.get("/me", response_model=Me)
async def me(identity: Annotated[Identity, Depends(required_identity)]) -> Me:
    """Who the caller is: a participant of one talk, or an account (and the seats it keeps)."""
    return Me(
        kind=identity.kind,
        talk=identity.talk,
        participant=identity.participant,
        user=identity.user,
        seats=[Seat(talk=talk, participant=name) for talk, name in identity.seats],
        mediates_by_name=identity.mediator_account is not None,
        opens_talks=identity.opener is not None,
    )


@router.get("/talks/{talk}", response_model=TalkViewModel)
async def view(
    actor: Acting, service: Service, after: Annotated[int, Query(ge=0, le=2**31)] = 0
) -> TalkViewModel:
    """Everything the caller may see of the talk (after seq `after`), through view_of."""
    # Only the events after `after` are viewed: a client polling for news does not pay for a
    # view of the whole record each time.
    update = await run_in_threadpool(service.seen_since, actor.talk, actor.name, after)
    p = update.participant
    return TalkViewModel(
        talk=update.talk,
        head=str(update.head),
        participant=Participation(name=p.name, role=p.role.value, party=p.party),
        events=[SeenEvent.model_validate(e.to_dict()) for e in update.events],
    )


@router.get("/talks/{talk}/advice")
async def advice(actor: Acting, service: Service) -> dict[str, Any]:
    """The engine's advice (mediators only): numbers of unshared profiles are withheld."""
    advised = await run_in_threadpool(service.advice, actor.talk, actor.name)
    return advised.to_dict()


class ProofEvent(BaseModel):
    """One event of a proof: `salt` and `body` where the caller may read it whole (`body`
    alone for a format-1 event), else only `leaf`, its salted commitment (or `link`, the
    stored link of a format-1 event)."""

    seq: int
    salt: str | None = None
    body: str | None = None
    leaf: str | None = None
    link: str | None = None


class Proof(BaseModel):
    """The caller's proof of the talk, checkable offline with `shuttle verify-proof`."""

    proof: str
    talk: str
    participant: str
    head: str
    events: list[ProofEvent]


@router.get(
    "/talks/{talk}/proof",
    response_model=Proof,
    response_model_exclude_none=True,
)
async def proof(actor: Acting, service: Service) -> dict[str, Any]:
    """The caller's proof, up to the record's head: the salt and canonical bytes of every
    event its view shows whole, and only the commitment of every other event. Save it and
    check it offline with `shuttle verify-proof FILE --expect SEQ:HASH`."""
    return await run_in_threadpool(service.proof, actor.talk, actor.name)
