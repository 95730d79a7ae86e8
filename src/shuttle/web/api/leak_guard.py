"""The leak guard on a program's own sending, when it asks for it: a mediator's statement,
paraphrase or carry across checked before it goes into a room, as the browser checks it.

`leak_guard` in the body says what to do when the words come close to what the room may not
have: "ask" sends nothing and answers 409 with the warnings (nothing is recorded, so the
program may change the words or decide); "send_anyway" sends them and keeps the warnings and
the choice in the mediators' notes, as the browser's "Send anyway" does. "off", the default,
sends without checking (`POST .../guard` checks without sending). A delegate's words are its
party's own and are never checked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi.responses import JSONResponse
from pydantic import Field

from shuttle.guard import ModelMissing
from shuttle.guarding import note_choice, room_words
from shuttle.service import TalkService
from shuttle.talks import Command, Refusal
from shuttle.web.api.common import Outcome, execute_keyed, outcome_of
from shuttle.web.api.guard import GuardWarning, warning_of
from shuttle.web.api.idempotency import RequestKey
from shuttle.web.deps import Actor
from shuttle.web.errors import Problem
from shuttle.web.guarded import Warned, warned

LeakGuard = Literal["off", "ask", "send_anyway"]

LEAK_GUARD: Any = Field(
    "off",
    description=(
        "Mediators: 'ask' checks the words with the leak guard first and, when they come "
        "close to what the room may not have, answers 409 with the warnings and sends "
        "nothing; 'send_anyway' sends them and keeps the warnings and the choice in the "
        "mediators' notes; 'off' sends without checking."
    ),
)

RESPONSES: dict[int | str, dict[str, Any]] = {
    409: {
        "model": Problem,
        "description": "A rule refused it, or (leak_guard 'ask') the leak guard warns: "
        "`error` is 'warned' and `warnings` lists what is close, closest first.",
    },
    503: {
        "model": Problem,
        "description": "leak_guard was asked for, and the guard cannot run on this server.",
    },
}


class Unavailable(Exception):
    """The leak guard was asked for and cannot run: nothing is sent unchecked."""

    def __init__(self, missing: ModelMissing) -> None:
        super().__init__(str(missing))


def found_for(choice: LeakGuard, find: Callable[[], Warned | None]) -> Warned | None:
    """The warnings `find` gives when the program asked for the guard, else None. Words the
    rules refuse anyway get the rule's own answer when they are carried out."""
    if choice == "off":
        return None
    try:
        return find()
    except Refusal:
        return None
    except ModelMissing as missing:
        raise Unavailable(missing) from None


def warned_answer(found: Warned) -> JSONResponse:
    where = room_words(found.room, found.track)
    warnings: list[GuardWarning] = [warning_of(w) for w in found.warnings]
    return JSONResponse(
        status_code=409,
        content={
            "error": "warned",
            "message": f"these words come close to something {where} may not have; nothing "
            "was sent. Change them, or send them with leak_guard 'send_anyway'.",
            "warnings": [w.model_dump() for w in warnings],
        },
    )


def unavailable_answer(error: Unavailable) -> JSONResponse:
    return JSONResponse(
        status_code=503,
        content={
            "error": "unavailable",
            "message": f"the leak guard cannot run on this server ({error}); nothing was "
            "sent. Send with leak_guard 'off' to send without it.",
        },
    )


def send_checked(
    service: TalkService,
    actor: Actor,
    command: Command,
    key: RequestKey | None,
    choice: LeakGuard,
) -> Outcome | JSONResponse:
    """Carry out `command` for `actor` as `choice` says, the guard's warnings first."""
    try:
        found = found_for(choice, lambda: warned(service.view(actor.talk, actor.name), command))
    except Unavailable as error:
        return unavailable_answer(error)
    if found is not None and choice == "ask":
        return warned_answer(found)
    appended = execute_keyed(service, actor, command, key)
    # Sent again under its idempotency key, the words were noted the first time.
    if found is not None and not appended.replayed:
        note_choice(service, actor.talk, actor.name, found.room, found.warnings, appended)
    return outcome_of(appended)
