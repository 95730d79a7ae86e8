"""The conversation: speaking, carrying between rooms, handling, notes, consent."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from shuttle.talks import Consent, Convey, Handling, Mode, Note, Release, Say
from shuttle.web.api.common import Acting, Outcome, Service, run
from shuttle.web.api.idempotency import IdempotencyKey
from shuttle.web.api.leak_guard import LEAK_GUARD, RESPONSES, LeakGuard, send_checked

router = APIRouter(tags=["conversation"])

Text = Field(min_length=1, max_length=20_000)


class SayBody(BaseModel):
    text: str = Text
    room: str | None = Field(None, max_length=200, description="Mediators: the party's room.")
    handling: Handling | None = Field(None, description="Else the talk's default.")
    leak_guard: LeakGuard = LEAK_GUARD


class ConveyBody(BaseModel):
    statement: int = Field(ge=1, le=2**31, description="The statement's seq.")
    to: str = Field(min_length=1, max_length=200, description="The party whose room.")
    mode: Mode
    text: str | None = Field(None, max_length=20_000, description="The paraphrase.")
    leak_guard: LeakGuard = LEAK_GUARD


class ReleaseBody(BaseModel):
    statement: int = Field(ge=1, le=2**31)
    handling: Handling


class NoteBody(BaseModel):
    text: str = Text


@router.post(
    "/talks/{talk}/statements", status_code=201, response_model=Outcome, responses=RESPONSES
)
async def say(
    body: SayBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome | JSONResponse:
    """Speak in a room: a delegate in its own party's, a mediator in any. A mediator's words
    are checked by the leak guard first when `leak_guard` asks for it."""
    command = Say(actor.name, body.text, body.room, body.handling)
    return await run_in_threadpool(send_checked, service, actor, command, key, body.leak_guard)


@router.post(
    "/talks/{talk}/conveyances", status_code=201, response_model=Outcome, responses=RESPONSES
)
async def convey(
    body: ConveyBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome | JSONResponse:
    """Mediators: carry a statement into another party's room, verbatim or paraphrased. A
    paraphrase is checked by the leak guard first when `leak_guard` asks for it."""
    command = Convey(actor.name, body.statement, body.to, body.mode, body.text)
    return await run_in_threadpool(send_checked, service, actor, command, key, body.leak_guard)


@router.post("/talks/{talk}/releases", status_code=201)
async def release(
    body: ReleaseBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Outcome:
    """The speaker changes how one of its statements may travel."""
    return await run(service, actor, Release(actor.name, body.statement, body.handling), key)


@router.post("/talks/{talk}/notes", status_code=201)
async def note(body: NoteBody, actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """Mediators: a private note, seen by mediators only."""
    return await run(service, actor, Note(actor.name, body.text), key)


@router.post("/talks/{talk}/consent", status_code=201)
async def consent(actor: Acting, service: Service, key: IdempotencyKey) -> Outcome:
    """A delegate consents, for its party, to the joint room; it opens when every party has."""
    return await run(service, actor, Consent(actor.name), key)
