"""Carrying out a page's form: check who sends it (CSRF included), build the command from the
form, execute it as the sender, and answer.

HTMX requests get the form back re-rendered -- empty with a word of success, or as typed with
the refusal beside it (status 409 for a rule, 422 for bad input, 404 for something not found;
the pages' HTMX config swaps those in). Without JavaScript, success is a 303 back to the page
and a refusal is the whole page again with the refusal beside its form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from shuttle.talks import Command, Invalid, Refusal, Refused, TalkView
from shuttle.web.deps import Actor, talk_service
from shuttle.web.errors import status_of
from shuttle.web.pages.context import FormState, page_template, talk_context
from shuttle.web.pages.page_hints import page_hint
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import is_htmx, not_found, participant

Build = Callable[[Actor, TalkView, FormData], Command]


@dataclass(frozen=True)
class Form:
    """A form of the page: its name (and template), the key of its instance (a statement's
    seq, a proposal's number...) and the anchor to return to."""

    name: str
    key: int | None = None
    anchor: str | None = None

    @property
    def template(self) -> str:
        return f"forms/{self.name}.html"


def field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def chosen_terms(form: FormData, view: TalkView) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    """The (issue, option) pairs chosen in the `term-N` selects of a terms editor (the draft
    editor's and the offer form's), and the issues left without an option."""
    terms = tuple((issue.name, field(form, f"term-{i}")) for i, issue in enumerate(view.issues))
    return terms, [issue for issue, option in terms if not option]


def decimal(form: FormData, name: str, what: str) -> float:
    """A decimal number typed in field `name`; Invalid, in words, if it is not one."""
    text = field(form, name)
    try:
        value = float(text)
    except ValueError:
        raise Invalid(f"{what} must be a number such as 0.5, not {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Invalid(f"{what} must be a finite number")
    return value


def says(error: Refusal) -> str:
    """A refusal in words: the rule and what is allowed, and where on the page to act."""
    hint = page_hint(error.hint)
    then = "" if hint is None else f" ({hint})"
    if isinstance(error, Refused):
        return f"Refused: {error.rule}. Allowed: {error.allowed}{then}."
    return f"Not done: {error.message}{then}."


async def submit(
    request: Request,
    talk: str,
    form: Form | Callable[[TalkView], Form],
    build: Build,
    exists: Callable[[TalkView], bool] | None = None,
) -> Response:
    """Run the form's command as the sender. `exists` says whether the thing the form names
    (a statement, a proposal) is in the sender's view: if not, 404 -- the same answer as for
    something that does not exist, whatever the form says."""
    actor = await participant(request, talk)
    service = talk_service(request)
    data = await request.form()
    view = await run_in_threadpool(service.view, actor.talk, actor.name)
    if exists is not None and not exists(view):
        return not_found()
    if not isinstance(form, Form):
        form = form(view)
    values = {k: v for k, v in data.items() if isinstance(v, str) and k != "csrf"}
    try:
        command = build(actor, view, data)
        appended = await run_in_threadpool(service.execute, actor.talk, command)
    except Refusal as error:
        state = FormState(form.name, form.key, values, error=says(error))
        status = status_of(error)
    else:
        seq = appended.first_seq
        state = FormState(form.name, form.key, done=f"Done: event #{seq} is in the record.")
        status = 200
        if not is_htmx(request):
            anchor = f"#{form.anchor}" if form.anchor else ""
            return RedirectResponse(f"/talks/{actor.talk}{anchor}", status_code=303)
    context = await talk_context(service, actor, state)
    if is_htmx(request):
        return page(form.template, context | fragment_context(form, context), status)
    return page(page_template(context), context, status)


def fragment_context(form: Form, context: dict[str, object]) -> dict[str, object]:
    """What a form's template needs besides the page's context: the instance it is drawn for
    (set by the page's loops when the whole page is drawn)."""
    view = context["r"]
    assert isinstance(view, TalkView)
    if form.key is None:
        return {}
    if form.name in ("carry", "release"):
        return {"s": view.statement(form.key)}
    if form.name == "offer_answer":
        return {"s": view.carried_offer(form.key)}
    if form.name == "proposal_answer":
        return {"p": next(p for p in view.proposals if p.number == form.key)}
    if form.name == "bid":
        return {"b": next(b for b in view.bids if b.number == form.key)}
    if form.name == "say_room":
        return {"room_index": form.key, "room": view.room_rooms()[form.key]}
    return {}
