"""What every API route shares: the acting participant, and carrying out a command (once,
when it comes with an idempotency key)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from shuttle.accounts import Identity
from shuttle.service import Appended, IdempotencyClaim, KeyReused, TalkService
from shuttle.talks import Command, Invalid
from shuttle.web.api.idempotency import IDEMPOTENCY_HEADER, RequestKey
from shuttle.web.deps import Actor, actor_in, required_identity, talk_service

TalkPath = Annotated[str, Path(min_length=1, max_length=64, description="The talk's id.")]


async def the_service(request: Request) -> TalkService:
    # Async on purpose: FastAPI runs a plain function dependency in its thread pool, and this
    # one only reads app.state -- a thread hop per request for nothing.
    return talk_service(request)


Service = Annotated[TalkService, Depends(the_service)]


async def acting(
    talk: TalkPath, identity: Annotated[Identity, Depends(required_identity)], service: Service
) -> Actor:
    return await run_in_threadpool(actor_in, service, identity, talk)


Acting = Annotated[Actor, Depends(acting)]


async def acting_or_departed(
    talk: TalkPath, identity: Annotated[Identity, Depends(required_identity)], service: Service
) -> Actor:
    """The caller as a participant of the talk, even one who has left it (for its documents:
    what it saw until it left)."""
    return await run_in_threadpool(actor_in, service, identity, talk, departed=True)


ActingOrDeparted = Annotated[Actor, Depends(acting_or_departed)]


class SeenEvent(BaseModel):
    """An event as the caller may see it: `view_of`'s answer, nothing more."""

    model_config = {"extra": "allow"}
    seq: int
    at: str
    kind: str
    room: str | None = None
    by: str | None = None
    text: str | None = None


class Outcome(BaseModel):
    """What a command added, as the caller sees it, and the record's head after it."""

    talk: str
    head: str
    events: list[SeenEvent] = Field(description="The new events, through view_of.")


def execute_keyed(
    service: TalkService, actor: Actor, command: Command, key: RequestKey | None = None
) -> Appended:
    """Carry out `command` for `actor`, under the request's idempotency key if it sent one."""
    # The key is the acting participant's: another participant's same key is another key.
    claim = None if key is None else IdempotencyClaim(actor.name, key.key, key.fingerprint)
    try:
        return service.execute(actor.talk, command, claim=claim)
    except KeyReused:
        raise Invalid(
            f"{IDEMPOTENCY_HEADER}: this key was already used for another request in this talk "
            "(another route or body); send a new key with a new request"
        ) from None


def outcome_of(appended: Appended) -> Outcome:
    # The new events come as the caller sees them (a replayed answer too): nothing to read.
    events = [SeenEvent.model_validate(seen.to_dict()) for seen in appended.events]
    return Outcome(talk=appended.talk, head=str(appended.head), events=events)


def carry_out(
    service: TalkService, actor: Actor, command: Command, key: RequestKey | None = None
) -> Outcome:
    return outcome_of(execute_keyed(service, actor, command, key))


async def run(
    service: TalkService, actor: Actor, command: Command, key: RequestKey | None = None
) -> Outcome:
    return await run_in_threadpool(carry_out, service, actor, command, key)
