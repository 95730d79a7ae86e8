"""Carrying a statement into another track of the process, from a talk's page: a mediator's
console (any statement its handling lets travel) and a delegate's room (its party's own
statements), for an account that takes part in both tracks -- as a mediator, or through a seat
it keeps. A talk-bound session reaches no other track."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from shuttle.service import TalkService
from shuttle.talks import Invalid, Mode, Refusal
from shuttle.tracks import CarriedAcross, carry_across
from shuttle.web.deps import Actor, talk_service
from shuttle.web.errors import status_of
from shuttle.web.pages.context import FormState
from shuttle.web.pages.forms import Form, field, form_answer, says
from shuttle.web.pages.visitor import is_htmx, participant
from shuttle.web.reach import name_in_track

router = APIRouter(include_in_schema=False)


@router.post("/talks/{talk}/statements/{seq}/carry-across")
async def carry_into_track(request: Request, talk: str, seq: int) -> Response:
    """Carry statement `seq` into a room of another track where this account takes part."""
    actor = await participant(request, talk)
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}
    target, _, room = field(form, "target").partition("|")
    # The form sits in the console's carry slot, or in the delegate's slot beside the
    # statement's handling (so that a release redraws it): the answer redraws that slot.
    mediator = actor.participant.is_mediator
    slot = Form("carry", seq) if mediator else Form("release", seq)
    state = FormState("carry_across", seq, values)
    try:
        try:
            mode = Mode(field(form, "mode"))
        except ValueError:
            raise Invalid("choose verbatim or paraphrase") from None
        text = field(form, "text") if mode is Mode.PARAPHRASE else ""
        done = await run_in_threadpool(
            _carry, talk_service(request), actor, seq, target, room or None, mode, text or None
        )
    except Refusal as error:
        return await form_answer(
            request, actor, slot, replace(state, error=says(error)), status_of(error)
        )
    if not is_htmx(request):
        anchor = f"room-item-{seq}" if mediator else f"said-{seq}"
        return RedirectResponse(f"/talks/{actor.talk}#{anchor}", status_code=303)
    landed = f"Done: carried as event #{done.received.first_seq} of the other track."
    return await form_answer(request, actor, slot, replace(state, done=landed, values={}))


def _carry(
    service: TalkService,
    actor: Actor,
    seq: int,
    target: str,
    room: str | None,
    mode: Mode,
    text: str | None,
) -> CarriedAcross:
    there = name_in_track(service, actor.identity, target)
    return carry_across(service, actor.talk, actor.name, seq, target, there, room, mode, text)
