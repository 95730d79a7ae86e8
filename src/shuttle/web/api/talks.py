"""Reading: who am I, what may I see of this talk, and (mediators) the engine's advice."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from shuttle.web.api.common import Acting, SeenEvent, Service
from shuttle.web.auth import Identity
from shuttle.web.deps import required_identity

router = APIRouter(tags=["reading"])


class Me(BaseModel):
    kind: str
    talk: str | None
    participant: str | None
    user: str | None


class Participation(BaseModel):
    name: str
    role: str
    party: str | None


class TalkViewModel(BaseModel):
    talk: str
    head: str
    participant: Participation
    events: list[SeenEvent]


@router.get("/me", response_model=Me)
async def me(identity: Annotated[Identity, Depends(required_identity)]) -> Me:
    return Me(
        kind=identity.kind, talk=identity.talk, participant=identity.participant, user=identity.user
    )


@router.get("/talks/{talk}", response_model=TalkViewModel)
async def view(
    actor: Acting, service: Service, after: Annotated[int, Query(ge=0, le=2**31)] = 0
) -> TalkViewModel:
    """Everything the caller may see of the talk (after seq `after`), through view_of."""
    seen = await run_in_threadpool(service.view, actor.talk, actor.name, after)
    p = seen.participant
    return TalkViewModel(
        talk=seen.talk,
        head=str(seen.head),
        participant=Participation(name=p.name, role=p.role.value, party=p.party),
        events=[SeenEvent.model_validate(e.to_dict()) for e in seen.events],
    )


@router.get("/talks/{talk}/advice")
async def advice(actor: Acting, service: Service) -> dict[str, Any]:
    """The engine's advice (mediators only): numbers of unshared profiles are withheld."""
    advised = await run_in_threadpool(service.advice, actor.talk, actor.name)
    return advised.to_dict()
