"""The people of a talk, for its mediators: everyone and their role, a new link for anyone
(replacing the old one; copied by hand or mailed), someone added at any time, someone removed
(their sessions and tokens end, and the record says so).

A delegate, or a mediator of another talk, gets the same 404 page as for a talk that does not
exist. Removing asks first, in a second step that works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from shuttle.accounts.mail import MailError
from shuttle.assembly import end_credentials_of_leavers
from shuttle.talks import Join, Leave, NotFound, Refusal, Refused, Role, TalkView
from shuttle.web.deps import Actor, access, talk_service
from shuttle.web.invitations import mail_link, make_link
from shuttle.web.pages.forms import field, says
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import Away, csrf_of, not_found, participant
from shuttle.web.settings import Settings

router = APIRouter(include_in_schema=False)


async def mediator(request: Request, talk: str) -> Actor:
    """The visitor as a mediator of `talk`; to anyone else, the page does not exist."""
    actor = await participant(request, talk)
    if not actor.participant.is_mediator:
        raise Away(not_found())
    return actor


@router.get("/talks/{talk}/people")
async def people(talk: str, request: Request, opened: str = "") -> Response:
    actor = await mediator(request, talk)
    notice = (
        "The talk is open. Now make each person's link and send it to them." if opened else None
    )
    return await _page(request, actor, {"notice": notice})


@router.post("/talks/{talk}/people/add")
async def add(talk: str, request: Request) -> Response:
    actor = await mediator(request, talk)
    form = await request.form()
    name, role = field(form, "name"), field(form, "role")
    party = field(form, "party") or None
    if role not in ("delegate", "mediator"):
        return await _page(request, actor, {"add_error": "Choose delegate or mediator."}, 422)
    chosen = Role.MEDIATOR if role == "mediator" else Role.DELEGATE
    command = Join(actor.name, name, chosen, None if chosen is Role.MEDIATOR else party)
    try:
        await run_in_threadpool(talk_service(request).execute, actor.talk, command)
    except Refusal as refusal:
        typed = {"name": name, "role": role, "party": party or ""}
        context = {"add_error": says(refusal), "typed": typed}
        return await _page(request, actor, context, 409 if _is_rule(refusal) else 422)
    return await _page(request, actor, {"notice": f"{name.strip()} was added."})


@router.post("/talks/{talk}/people/link")
async def link(talk: str, request: Request) -> Response:
    actor = await mediator(request, talk)
    form = await request.form()
    settings: Settings = request.app.state.settings
    name, email = field(form, "name"), field(form, "email")
    base = settings.base_url or str(request.base_url)
    service = talk_service(request)
    try:
        made = await run_in_threadpool(
            make_link, service, access(request), actor.talk, name, base, settings.invite_ttl
        )
    except NotFound:
        return not_found()
    except Refusal as refusal:
        return await _page(request, actor, {"link_error": (name, says(refusal))}, 409)
    context: dict[str, Any] = {"made": made}
    if email and settings.mailer is not None:
        view = await run_in_threadpool(service.view, actor.talk, actor.name)
        try:
            await run_in_threadpool(mail_link, settings.mailer, made, email, view.title, actor.name)
            context["sent_to"] = email
        except MailError as error:
            context["mail_error"] = f"The link was made but not sent: {error}. Copy it instead."
    return await _page(request, actor, context)


@router.post("/talks/{talk}/people/remove")
async def remove(talk: str, request: Request) -> Response:
    actor = await mediator(request, talk)
    form = await request.form()
    name = field(form, "name")
    service = talk_service(request)
    view = await run_in_threadpool(service.view, actor.talk, actor.name)
    member = next((m for m in view.present if m.name == name), None)
    if member is None:
        return not_found()
    if field(form, "confirm") != "yes":
        return _confirm(actor, view, member.name, member.party, csrf_of(actor.identity))
    try:
        appended = await run_in_threadpool(service.execute, actor.talk, Leave(actor.name, name))
    except Refusal as refusal:
        return await _page(request, actor, {"link_error": (name, says(refusal))}, 409)
    await run_in_threadpool(end_credentials_of_leavers, access(request), appended)
    if name == actor.name:  # a mediator who removed itself has no page here any more
        return RedirectResponse("/", status_code=303)
    return await _page(request, actor, {"notice": f"{name} was removed from the talk."})


def _confirm(actor: Actor, view: TalkView, name: str, party: str | None, csrf: str) -> Response:
    context = {
        "talk": actor.talk,
        "title": view.title,
        "name": name,
        "party": party,
        "csrf": csrf,
        "self": name == actor.name,
    }
    return page("people_remove.html", context)


async def _page(
    request: Request, actor: Actor, extra: dict[str, Any], status: int = 200
) -> Response:
    service = talk_service(request)
    view = await run_in_threadpool(service.view, actor.talk, actor.name)
    settings: Settings = request.app.state.settings
    accounts = await run_in_threadpool(_accounts, request, view)
    context: dict[str, Any] = {
        "r": view,
        "csrf": csrf_of(actor.identity),
        "mail": settings.mailer is not None,
        "accounts": accounts,
        "typed": {"name": "", "role": "delegate", "party": ""},
        "notice": None,
        "made": None,
    }
    return page("people.html", context | extra, status=status)


def _accounts(request: Request, view: TalkView) -> set[str]:
    """The people who sign in with an account here: whose place an account keeps, and the
    mediators whose accounts act as their names (the others enter by links)."""
    found = access(request)
    kept = found.kept_in_accounts(view.talk)
    by_name = {
        m.name for m in view.roster if m.is_mediator and found.has_user(m.name, mediating=True)
    }
    return kept | by_name


def _is_rule(refusal: Refusal) -> bool:
    return isinstance(refusal, Refused)
