"""The leak guard for programs: a mediator's words for a room, checked against what that room
may not have, without sending them. A delegate gets the refusal any mediator-only command
gets; parties never see a warning."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from shuttle.guard import Warning
from shuttle.guarding import check_words
from shuttle.web.api.common import Acting, Service

router = APIRouter(tags=["guard"])


class GuardBody(BaseModel):
    to: str = Field(min_length=1, max_length=200, description="The room the words would go into.")
    text: str = Field(min_length=1, max_length=20_000, description="The words to check.")
    source: int | None = Field(
        None, ge=1, le=2**31, description="The statement the words carry, if any (its seq)."
    )


class Close(BaseModel):
    what: str = Field(description="number, date, name, phrase or meaning")
    said: str = Field(description="The words that are close, as checked.")
    source: str = Field(description="What they are close to, in the kept statement.")
    score: float = Field(ge=0, le=1)


class GuardWarning(BaseModel):
    source: int = Field(description="The kept statement's seq.")
    room: str = Field(description="The room it was said in.")
    why: str = Field(description="Why the target room may not have it.")
    score: float = Field(ge=0, le=1, description="The closest of `close`.")
    close: list[Close]


class GuardAnswer(BaseModel):
    talk: str
    room: str
    warnings: list[GuardWarning] = Field(description="Closest first; empty when nothing is close.")


def warning_of(warning: Warning) -> GuardWarning:
    return GuardWarning(
        source=warning.seq,
        room=warning.room,
        why=warning.why,
        score=round(warning.score, 3),
        close=[
            Close(what=c.what, said=c.said, source=c.source, score=c.score) for c in warning.close
        ],
    )


@router.post("/talks/{talk}/guard")
async def guard(body: GuardBody, actor: Acting, service: Service) -> GuardAnswer:
    """Mediators: would these words, sent into room `to`, come close to a statement of
    another room that this room may not have? Nothing is sent or recorded."""
    warnings = await run_in_threadpool(
        check_words, service, actor.talk, actor.name, body.to, body.text, body.source
    )
    return GuardAnswer(talk=actor.talk, room=body.to, warnings=[warning_of(w) for w in warnings])
