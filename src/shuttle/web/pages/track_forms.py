"""Carrying a statement into another track of the process, from a talk's page: a mediator's
console (any statement its handling lets travel) and a delegate's room (its party's own
statements), for an account that takes part in both tracks -- as a mediator, or through a seat
it keeps. A talk-bound session reaches no other track."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from shuttle.service import TalkService
from shuttle.talks import Invalid, Mode, Refusal
from shuttle.tracks import CarriedAcross, carry_across
from shuttle.web.deps import Actor, talk_service
from shuttle.web.errors import status_of
from shuttle.web.guarded import Warned, checked, note_across, warned_across
from shuttle.web.pages.context import FormState
from shuttle.web.pages.forms import Form, confirmation, field, form_answer, says
from shuttle.web.pages.guarded import question as leak_question
from shuttle.web.pages.visitor import is_htmx, participant
from shuttle.web.reach import name_in_track

router = APIRouter(include_in_schema=False)


@router.post("/talks/{talk}/statements/{seq}/carry-across")
async def carry_into_track(request: Request, talk: str, seq: int) -> Response:
    """Carry statement `seq` into a room of another track where this account takes part. A
    mediator's paraphrase is checked by the leak guard first, as within a talk: a warning is
    asked before anything is sent, and the choice is kept in the mediators' notes here."""
    actor = await participant(request, talk)
    service = talk_service(request)
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k not in ("csrf", "confirm")}
    target, _, room = field(form, "target").partition("|")
    # The form sits in the console's carry slot, or in the delegate's slot beside the
    # statement's handling (so that a release redraws it): the answer redraws that slot.
    mediator = actor.participant.is_mediator
    slot = Form("carry", seq) if mediator else Form("release", seq)
    state = FormState("carry_across", seq, values)
    answer = field(form, "confirm")
    try:
        try:
            mode = Mode(field(form, "mode"))
        except ValueError:
            raise Invalid("choose verbatim or paraphrase") from None
        text = field(form, "text") if mode is Mode.PARAPHRASE else ""
        carry = Carry(actor, seq, target, room or None, mode, text or None)
        found = await run_in_threadpool(_warned, service, carry)
        if found is not None and answer == "no":
            await run_in_threadpool(_note, service, carry, found, None)
            held = "Not sent. Your notes keep the warning; change the words and send them again."
            return await form_answer(request, actor, slot, replace(state, done=held, held=True))
        if found is not None and answer != "yes":
            view = await run_in_threadpool(service.view, actor.talk, actor.name)
            asked = replace(state, confirm=leak_question(view, found))
            return await confirmation(request, actor, asked, slot)
        done = await run_in_threadpool(_carry, service, carry)
        if found is not None:
            await run_in_threadpool(_note, service, carry, found, done)
    except Refusal as error:
        return await form_answer(
            request, actor, slot, replace(state, error=says(error)), status_of(error)
        )
    if not is_htmx(request):
        anchor = f"room-item-{seq}" if mediator else f"said-{seq}"
        return RedirectResponse(f"/talks/{actor.talk}#{anchor}", status_code=303)
    landed = f"Done: carried as event #{done.received.first_seq} of the other track."
    return await form_answer(request, actor, slot, replace(state, done=landed, values={}))


@dataclass(frozen=True)
class Carry:
    """What the form asks: statement `seq` of the actor's track, into `room` of `target`."""

    actor: Actor
    seq: int
    target: str
    room: str | None
    mode: Mode
    text: str | None


def _carry(service: TalkService, carry: Carry) -> CarriedAcross:
    actor = carry.actor
    there = name_in_track(service, actor.identity, carry.target)
    return carry_across(
        service, actor.talk, actor.name, carry.seq, carry.target, there, carry.room, carry.mode,
        carry.text,
    )  # fmt: skip


def _warned(service: TalkService, carry: Carry) -> Warned | None:
    """The leak guard's warnings for a mediator's paraphrase carried across, or None (a carry
    the rules will refuse is answered with the rule's own words)."""
    return checked(
        lambda: warned_across(
            service, carry.actor, carry.seq, carry.target, carry.room, carry.mode, carry.text
        )
    )


def _note(service: TalkService, carry: Carry, found: Warned, done: CarriedAcross | None) -> None:
    note_across(service, carry.actor, found, done)
