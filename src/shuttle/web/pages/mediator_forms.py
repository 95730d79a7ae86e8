"""The forms of the mediator's console: set the agenda, carry a statement, keep a note,
circulate a draft or a proposal, open a blind bid, report an incident, close the talk.
(Speaking in a room is the `say` form, shared with the parties' rooms.)"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from shuttle.talks import (
    Close,
    Command,
    Convey,
    Draft,
    Invalid,
    Mode,
    Note,
    OpenBid,
    Propose,
    ReportIncident,
    SetAgenda,
    TalkView,
)
from shuttle.web.deps import Actor
from shuttle.web.pages.agenda_text import parse_agenda
from shuttle.web.pages.confirmations import closing
from shuttle.web.pages.forms import Form, chosen_terms, decimal, field, submit

router = APIRouter(include_in_schema=False)


@router.post("/talks/{talk}/agenda")
async def agenda(request: Request, talk: str) -> Response:
    """Set the agenda from the editor's lines, while nothing rests on it yet."""

    def build(actor: Actor, view: TalkView, form: FormData) -> SetAgenda:
        return SetAgenda(actor.name, parse_agenda(field(form, "issues")))

    return await submit(request, talk, Form("agenda", anchor="agenda-title"), build)


@router.post("/talks/{talk}/statements/{seq}/carry")
async def carry(request: Request, talk: str, seq: int) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Convey:
        try:
            mode = Mode(field(form, "mode"))
        except ValueError:
            raise Invalid("choose verbatim or paraphrase") from None
        text = field(form, "text") if mode is Mode.PARAPHRASE else None
        return Convey(actor.name, seq, field(form, "to"), mode, text or None)

    def visible(view: TalkView) -> bool:
        return view.statement(seq) is not None

    form = Form("carry", seq, f"room-item-{seq}")
    return await submit(request, talk, form, build, visible, guarded=True)


@router.post("/talks/{talk}/note")
async def note(request: Request, talk: str) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Note:
        return Note(actor.name, field(form, "text"))

    return await submit(request, talk, Form("note", anchor="notes-title"), build)


@router.post("/talks/{talk}/draft")
async def draft(request: Request, talk: str) -> Response:
    """Circulate the editor's text as a new draft version, or put it as a proposal."""

    def build(actor: Actor, view: TalkView, form: FormData) -> Command:
        terms, missing = chosen_terms(form, view)
        if missing:
            raise Invalid(f"choose an option for {', '.join(missing)}")
        clauses = tuple(line.strip() for line in field(form, "clauses").splitlines())
        kept = tuple(c for c in clauses if c)
        if field(form, "action") == "propose":
            return Propose(actor.name, terms, kept)
        return Draft(actor.name, terms, kept)

    return await submit(request, talk, Form("draft", anchor="draft-title"), build)


@router.post("/talks/{talk}/bids")
async def open_bid(request: Request, talk: str) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> OpenBid:
        return OpenBid(actor.name, field(form, "issue"), field(form, "high"), field(form, "low"))

    return await submit(request, talk, Form("open_bid", anchor="deals-title"), build)


@router.post("/talks/{talk}/incident")
async def incident(request: Request, talk: str) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> ReportIncident:
        drop = decimal(form, "drop", "the fall in reservation values")
        return ReportIncident(actor.name, field(form, "text"), drop)

    return await submit(request, talk, Form("incident", anchor="incidents-title"), build)


@router.post("/talks/{talk}/close")
async def close(request: Request, talk: str) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Close:
        return Close(actor.name, field(form, "reason") or None)

    form = Form("close", anchor="incidents-title")
    return await submit(request, talk, form, build, confirm=closing)
