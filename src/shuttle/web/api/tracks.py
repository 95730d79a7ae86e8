"""Processes and their tracks for programs: a mediator's account opens a process and its
tracks (`POST /api/talks` with `process`); any account reads the tracks it takes part in side
by side, and carries a statement from one into another where it takes part too (as a mediator,
or through a seat it keeps). A credential bound to one talk reaches no other track."""

from __future__ import annotations

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from shuttle.accounts import Identity
from shuttle.service import TalkService
from shuttle.talks import Mode, NotFound, Refused
from shuttle.tracks import CarriedAcross, carry_across, may_open_track, open_process, title_of
from shuttle.web.api.cases import Caller, Case, case_of
from shuttle.web.api.common import Acting, Outcome, Service, outcome_of
from shuttle.web.api.idempotency import IdempotencyKey
from shuttle.web.api.leak_guard import (
    LEAK_GUARD,
    RESPONSES,
    LeakGuard,
    Unavailable,
    found_for,
    unavailable_answer,
    warned_answer,
)
from shuttle.web.deps import Actor
from shuttle.web.guarded import Warned, note_across, warned_across
from shuttle.web.reach import mediated_within, name_in_track, reached_tracks

router = APIRouter(tags=["processes"])


class ProcessBody(BaseModel):
    title: str = Field(min_length=1, max_length=200)


class ProcessAnswer(BaseModel):
    process: str
    title: str
    tracks: list[Case] = Field(description="The tracks the caller's account mediates.")


class CarryAcrossBody(BaseModel):
    statement: int = Field(ge=1, le=2**31, description="The statement's seq in this track.")
    to_track: str = Field(min_length=1, max_length=64, description="The track it goes into.")
    room: str | None = Field(None, max_length=200, description="The party's room there.")
    mode: Mode
    text: str | None = Field(None, max_length=20_000, description="The paraphrase.")
    leak_guard: LeakGuard = LEAK_GUARD


class Carried(BaseModel):
    received: Outcome = Field(description="The words coming in, in the target track.")
    sent: Outcome = Field(description="Their leaving, in this track.")


def _account(identity: Identity) -> str:
    if identity.opener is None:
        raise Refused(
            "processes are opened by a mediator's account",
            "sign in with the account that mediates the tracks",
        )
    return identity.opener


@router.post("/processes", status_code=201, response_model=ProcessAnswer)
async def open_a_process(body: ProcessBody, identity: Caller, service: Service) -> ProcessAnswer:
    """Open a process; then open its tracks with `POST /api/talks` and `process`."""
    opened = await run_in_threadpool(open_process, service, body.title, _account(identity))
    return ProcessAnswer(process=opened.process, title=opened.title, tracks=[])


@router.get("/processes/{process}", response_model=ProcessAnswer)
async def a_process(
    identity: Caller, service: Service, process: str = Path(min_length=1, max_length=64)
) -> ProcessAnswer:
    """A process's tracks that the caller takes part in, side by side."""
    return await run_in_threadpool(_process, service, process.strip(), identity)


def _process(service: TalkService, process: str, identity: Identity) -> ProcessAnswer:
    # A process the caller opened (its tracks still to come) or takes part in; any other is
    # answered as none at all, exactly as one that does not exist.
    views = reached_tracks(service, identity, process)
    opener = identity.opener
    within = mediated_within(identity)
    if not views and (opener is None or not may_open_track(service, process, opener, within)):
        raise NotFound(f"process {process!r} not found")
    title = title_of(service, process)
    return ProcessAnswer(process=process, title=title, tracks=[case_of(v) for v in views])


@router.post(
    "/talks/{talk}/carry-across", status_code=201, response_model=Carried, responses=RESPONSES
)
async def carry(
    body: CarryAcrossBody, actor: Acting, service: Service, key: IdempotencyKey
) -> Carried | JSONResponse:
    """Carry a statement of this track into another track of the same process that the
    caller's account takes part in too, as the statement's handling allows. With an
    idempotency key, sent again it answers as the first time, and a carry cut off between its
    two records is completed rather than repeated. A mediator's paraphrase is checked by the
    leak guard first when `leak_guard` asks for it; the notes of this track keep a warning."""
    claim = None if key is None else (key.key, key.fingerprint)
    return await run_in_threadpool(_carry_checked, service, actor, body, claim)


def _carry_checked(
    service: TalkService, actor: Actor, body: CarryAcrossBody, claim: tuple[str, str] | None
) -> Carried | JSONResponse:
    def find() -> Warned | None:
        return warned_across(
            service, actor, body.statement, body.to_track, body.room, body.mode, body.text
        )

    try:
        found = found_for(body.leak_guard, find)
    except Unavailable as error:
        return unavailable_answer(error)
    if found is not None and body.leak_guard == "ask":
        return warned_answer(found)
    done = _carry(service, actor, body, claim)
    if found is not None and not done.sent.replayed:
        note_across(service, actor, found, done)
    return Carried(received=outcome_of(done.received), sent=outcome_of(done.sent))


def _carry(
    service: TalkService, actor: Actor, body: CarryAcrossBody, claim: tuple[str, str] | None
) -> CarriedAcross:
    there = name_in_track(service, actor.identity, body.to_track)
    return carry_across(
        service, actor.talk, actor.name, body.statement, body.to_track, there, body.room,
        body.mode, body.text, claim,
    )  # fmt: skip
