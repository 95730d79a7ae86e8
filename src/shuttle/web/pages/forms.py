"""Carrying out a page's form: check who sends it (CSRF included), build the command from the
form, execute it as the sender, and answer.

HTMX requests get the form back re-rendered -- empty with a word of success, or as typed with
the refusal beside it (status 409 for a rule, 422 for bad input, 404 for something not found;
the pages' HTMX config swaps those in). Without JavaScript, success is a 303 back to the page
and a refusal is the whole page again with the refusal beside its form.

A form for something that cannot be taken back (closing the talk, consenting to the joint
room, relaxing a handling) first answers with its question (`confirmations`): in place of the
form with HTMX, as a page of its own without; only the same fields again with `confirm=yes`
carry the command out. A form that speaks (`Form.echo`) also answers with the sender's words as
its conversation shows them, so they appear at once, before the live stream brings them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from shuttle.guarding import note_choice
from shuttle.service import Appended, TalkService
from shuttle.talks import Command, Invalid, Refusal, Refused, TalkView
from shuttle.web.deps import Actor, talk_service
from shuttle.web.errors import status_of
from shuttle.web.guarded import checked, warned
from shuttle.web.pages.confirmations import Confirmation
from shuttle.web.pages.context import FormState, page_template, talk_context
from shuttle.web.pages.guarded import question as leak_question
from shuttle.web.pages.page_hints import page_hint
from shuttle.web.pages.render import answer, html, page
from shuttle.web.pages.stream import event_html
from shuttle.web.pages.visitor import is_htmx, not_found, participant

C = TypeVar("C", bound=Command)
Build = Callable[[Actor, TalkView, FormData], C]
Confirm = Callable[[TalkView, C], Confirmation | None]
"""The question to ask before carrying out a command, or None when it needs none."""


@dataclass(frozen=True)
class Form:
    """A form of the page: its name (and template), the key of its instance (a statement's
    seq, a proposal's number...) and the anchor to return to."""

    name: str
    key: int | None = None
    anchor: str | None = None
    echo: bool = False  # answer with the sender's words too (the forms that speak)

    @property
    def template(self) -> str:
        return f"forms/{self.name}.html"

    @property
    def element(self) -> str:
        """The id of the form's element on the page ("release-12", "say-room-0")."""
        name = self.name.replace("_", "-")
        return name if self.key is None else f"{name}-{self.key}"


class FieldErrors(Invalid):
    """Several fields of a form are wrong; `fields` says what, beside each field (by name)."""

    def __init__(self, message: str, fields: Mapping[str, str]) -> None:
        super().__init__(message)
        self.fields = dict(fields)


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
    build: Build[C],
    exists: Callable[[TalkView], bool] | None = None,
    confirm: Confirm[C] | None = None,
    guarded: bool = False,
) -> Response:
    """Run the form's command as the sender. `exists` says whether the thing the form names
    (a statement, a proposal) is in the sender's view: if not, 404 -- the same answer as for
    something that does not exist, whatever the form says. `confirm` asks its question first,
    unless the form says `confirm=yes`. A `guarded` form's mediator words are checked by the
    leak guard first (`guarded.warned`): a warning is asked like a question, and the answer,
    sent (`confirm=yes`) or held back (`confirm=no`), is kept in the mediators' notes."""
    actor = await participant(request, talk)
    service = talk_service(request)
    data = await request.form()
    view = await run_in_threadpool(service.view, actor.talk, actor.name)
    if exists is not None and not exists(view):
        return not_found()
    if not isinstance(form, Form):
        form = form(view)
    values = {k: v for k, v in data.items() if isinstance(v, str) and k not in ("csrf", "confirm")}
    try:
        command = build(actor, view, data)
        asked = question(confirm, view, command, data)
        if asked is not None:
            state = FormState(form.name, form.key, values, confirm=asked)
            return await confirmation(request, actor, state, form)
        found = await run_in_threadpool(checked, lambda: warned(view, command)) if guarded else None
        if found is not None and field(data, "confirm") == "no":
            await run_in_threadpool(
                note_choice, service, actor.talk, actor.name, found.room, found.warnings, None
            )
            held = "Not sent. Your notes keep the warning; change the words and send them again."
            state = FormState(form.name, form.key, values, done=held, held=True)
            return await form_answer(request, actor, form, state)
        if found is not None and field(data, "confirm") != "yes":
            state = FormState(form.name, form.key, values, confirm=leak_question(view, found))
            return await confirmation(request, actor, state, form)
        appended = await run_in_threadpool(service.execute, actor.talk, command)
        if found is not None:
            await run_in_threadpool(
                note_choice, service, actor.talk, actor.name, found.room, found.warnings, appended
            )
    except Refusal as error:
        errors = error.fields if isinstance(error, FieldErrors) else {}
        state = FormState(form.name, form.key, values, error=says(error), errors=errors)
        status = status_of(error)
    else:
        if not is_htmx(request):
            anchor = f"#{form.anchor}" if form.anchor else ""
            return RedirectResponse(f"/talks/{actor.talk}{anchor}", status_code=303)
        return await succeeded(actor, form, appended, service)
    return await form_answer(request, actor, form, state, status)


async def form_answer(
    request: Request, actor: Actor, form: Form, state: FormState, status: int = 200
) -> Response:
    """The form as `state` left it: in place (HTMX), or on the whole page again."""
    context = await talk_context(talk_service(request), actor, state)
    if is_htmx(request):
        return page(form.template, context | fragment_context(form, context), status)
    return page(page_template(context), context, status)


def question(
    confirm: Confirm[C] | None, view: TalkView, command: C, data: FormData
) -> Confirmation | None:
    """The question to ask before carrying out `command`: none if the form needs none, or
    if it already said yes."""
    if confirm is None or field(data, "confirm") == "yes":
        return None
    return confirm(view, command)


async def succeeded(actor: Actor, form: Form, appended: Appended, service: TalkService) -> Response:
    """HTMX's answer to a form carried out: the form again, empty, with a word of success --
    and, for a form that speaks, the sender's words where its page shows them (the live
    stream brings them too; the page keeps one of the two, by the item's id)."""
    done = f"Done: event #{appended.first_seq} is in the record."
    context = await talk_context(service, actor, FormState(form.name, form.key, done=done))
    text = html(form.template, context | fragment_context(form, context))
    if form.echo:
        view: TalkView = context["r"]
        text += "".join(
            event_html(view, seen, context["csrf"], view.head, context.get("other_tracks", ()))
            for seen in appended.events
        )
    return answer(text)


async def confirmation(request: Request, actor: Actor, state: FormState, form: Form) -> Response:
    """The question before an action that cannot be taken back, and nothing done yet: in
    place of the form (HTMX), or as a page of its own, whose "yes" posts the same fields."""
    context = await talk_context(talk_service(request), actor, state)
    context |= {"action": request.url.path, "form": form}
    if is_htmx(request):
        return page("forms/confirm.html", context)
    return page("forms/confirm_page.html", context)


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
