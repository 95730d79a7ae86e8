"""Invite links that behave: opening one shows a page and spends nothing; only its button
enters the talk.

Chat and mail programs open links to preview them; if opening a link spent it, the preview
would take the room's key before its owner clicked. So GET only describes the link (to whoever
holds it: the link is the secret) and POST redeems it. A used link opened again in the browser
that used it goes to the room; a used, replaced, expired or forged link gets one page telling
the person to ask their mediator for a new one, the same for each, counted by the rate limiter.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from shuttle.accounts import Identity, Invite, RateLimiter
from shuttle.accounts.access import NameTaken
from shuttle.accounts.passwords import MIN_LENGTH
from shuttle.talks import NotFound
from shuttle.web.cross_site import from_another_site
from shuttle.web.deps import access, talk_service
from shuttle.web.opening import sentence
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import visitor
from shuttle.web.sessions import client_key, start_session
from shuttle.web.settings import SESSION_COOKIE

router = APIRouter(include_in_schema=False)


@router.get("/invite/{token}")
async def invite_page(token: str, request: Request) -> Response:
    if await _blocked(request):
        return _too_many()
    invite = await run_in_threadpool(access(request).peek, token)
    if invite is None or not invite.usable:
        held = await _held_session(request)
        if invite is not None and held is not None and _same_person(invite, held):
            return RedirectResponse(_room_of(invite), status_code=303)
        return await _spent(request)
    title = await run_in_threadpool(_title, request, invite)
    if title is None:  # the talk is gone, or the person was removed from it
        return await _spent(request)
    if invite.user is not None:
        context = {"invite": invite, "title": title, "token": token, "error": None}
        return page("invite_password.html", context | {"min_length": MIN_LENGTH})
    return await _seat_page(request, invite, token, title)


async def _seat_page(
    request: Request,
    invite: Invite,
    token: str,
    title: str,
    error: str | None = None,
    typed: str = "",
) -> Response:
    """A participant's link: enter in this browser, keep the seat in the account signed in
    here, or make an account that keeps it (and the talk this browser is in already)."""
    held = await _held_session(request)
    context = {
        "invite": invite,
        "title": title,
        "token": token,
        "error": error,
        "typed": typed,
        "min_length": MIN_LENGTH,
        "account": None if held is None else held.user,
        "csrf": "" if held is None else (held.csrf or ""),
        "kept_too": held is not None and held.user is None and held.talk != invite.talk,
    }
    return page("invite.html", context, status=200 if error is None else 422)


@router.post("/invite/{token}/keep")
async def keep_in_account(token: str, request: Request) -> Response:
    """Keep the link's seat in the account signed in here (its session and CSRF token
    checked: else another site could slip a seat of its choosing into someone's account)."""
    found = await _usable_seat_link(request, token)
    if isinstance(found, Response):
        return found
    invite, title = found
    identity = await visitor(request)
    if identity is None or identity.user is None:
        return RedirectResponse(f"/invite/{token}", status_code=303)
    if await run_in_threadpool(_mediates_by_name, request, invite, identity):
        error = (
            f"Your account, {identity.user}, mediates this talk already, so it cannot keep a "
            "delegate's seat in it too. Sign out, then open the link again to enter as the "
            "delegate in this browser only."
        )
        return await _seat_page(request, invite, token, title, error)
    try:
        kept = await run_in_threadpool(access(request).keep_seat, token, identity.user)
    except ValueError as refused:
        return await _seat_page(request, invite, token, title, sentence(str(refused)))
    if kept is None:
        return await _spent(request)
    return RedirectResponse(_room_of(invite), status_code=303)


@router.post("/invite/{token}/account")
async def make_account(
    token: str,
    request: Request,
    user: Annotated[str, Form(max_length=1_000)],
    password: Annotated[str, Form(max_length=1_000)],
    again: Annotated[str, Form(max_length=1_000)],
) -> Response:
    """Make an account that keeps the link's seat, and the seat of the talk this browser is
    in already (its session's CSRF token checked, so that no other site can move that seat
    into an account it made)."""
    found = await _usable_seat_link(request, token)
    if isinstance(found, Response):
        return found
    invite, title = found
    held = await visitor(request)
    if password != again:
        error = "The two passwords differ. Type the same password twice."
        return await _seat_page(request, invite, token, title, error, user)
    # The talk-bound session this browser holds for another talk: its talk goes too.
    cookie = request.cookies.get(SESSION_COOKIE)
    also = None
    if held is not None and held.user is None and held.talk not in (None, invite.talk):
        also = cookie
    try:
        issued = await run_in_threadpool(access(request).make_account, token, user, password, also)
    except ValueError as refused:
        if isinstance(refused, NameTaken):
            # Telling a name is taken tells it is in use: such tries are counted and limited.
            limiter: RateLimiter = request.app.state.invite_limiter
            await run_in_threadpool(limiter.failed, client_key(request, "invite"))
        return await _seat_page(request, invite, token, title, sentence(str(refused)), user)
    if issued is None:
        return await _spent(request)
    response = RedirectResponse(_room_of(invite), status_code=303)
    start_session(response, issued, request)
    return response


@router.post("/invite/{token}")
async def enter(token: str, request: Request) -> Response:
    if await _blocked(request):
        return _too_many()
    if from_another_site(request):
        return RedirectResponse(f"/invite/{token}", status_code=303)
    invite = await run_in_threadpool(access(request).peek, token)
    if invite is None or invite.user is not None:
        return await _spent(request)
    if await run_in_threadpool(_title, request, invite) is None:
        return await _spent(request)
    issued = await run_in_threadpool(access(request).redeem, token)
    if issued is None:
        held = await _held_session(request)
        if held is not None and _same_person(invite, held):
            return RedirectResponse(_room_of(invite), status_code=303)
        return await _spent(request)
    response = RedirectResponse(_room_of(invite), status_code=303)
    start_session(response, issued, request)
    return response


@router.post("/invite/{token}/password")
async def choose_password(
    token: str,
    request: Request,
    password: Annotated[str, Form(max_length=1_000)],
    again: Annotated[str, Form(max_length=1_000)],
) -> Response:
    if await _blocked(request):
        return _too_many()
    if from_another_site(request):
        return RedirectResponse(f"/invite/{token}", status_code=303)
    invite = await run_in_threadpool(access(request).peek, token)
    if invite is None or invite.user is None or not invite.usable:
        return await _spent(request)
    title = await run_in_threadpool(_title, request, invite)
    if title is None:
        return await _spent(request)

    def again_page(error: str) -> Response:
        context = {"invite": invite, "title": title, "token": token, "error": error}
        return page("invite_password.html", context | {"min_length": MIN_LENGTH}, status=422)

    if password != again:
        return again_page("The two passwords differ. Type the same password twice.")
    try:
        issued = await run_in_threadpool(access(request).set_password, token, password)
    except ValueError as error:
        return again_page(sentence(str(error)))
    if issued is None:
        return await _spent(request)
    response = RedirectResponse(_room_of(invite), status_code=303)
    start_session(response, issued, request)
    return response


async def _usable_seat_link(request: Request, token: str) -> tuple[Invite, str] | Response:
    """The participant link `token` and its talk's title, if it is usable; else the answer
    to give (too many tries, a press from another site, or a spent link)."""
    if await _blocked(request):
        return _too_many()
    if from_another_site(request):
        return RedirectResponse(f"/invite/{token}", status_code=303)
    invite = await run_in_threadpool(access(request).peek, token)
    if invite is None or invite.user is not None or not invite.usable:
        return await _spent(request)
    title = await run_in_threadpool(_title, request, invite)
    if title is None:
        return await _spent(request)
    return invite, title


def _title(request: Request, invite: Invite) -> str | None:
    """The talk's title, shown to the link's holder; None if the link's person is not (or no
    longer) in the talk."""
    name = invite.participant or invite.user
    if invite.talk is None or name is None:
        return None
    try:
        view = talk_service(request).view(invite.talk, name)
    except NotFound:
        return None
    return view.title if view.participant.present else None


def _mediates_by_name(request: Request, invite: Invite, identity: Identity) -> bool:
    """Whether the account already acts in the link's talk as a mediator, by its name."""
    assert invite.talk is not None
    name = identity.mediator_account
    if name is None:
        return False
    try:
        return talk_service(request).participant(invite.talk, name).is_mediator
    except NotFound:
        return False


def _same_person(invite: Invite, held: Identity) -> bool:
    if invite.user is not None:
        return held.user == invite.user
    assert invite.talk is not None
    if held.user is not None:
        return held.seat_in(invite.talk) == invite.participant
    return (held.talk, held.participant) == (invite.talk, invite.participant)


def _room_of(invite: Invite) -> str:
    return f"/talks/{invite.talk}"


async def _held_session(request: Request) -> Identity | None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    return await run_in_threadpool(access(request).identify, cookie, ("session",))


async def _blocked(request: Request) -> bool:
    limiter: RateLimiter = request.app.state.invite_limiter
    return await run_in_threadpool(limiter.blocked, client_key(request, "invite"))


async def _spent(request: Request) -> Response:
    limiter: RateLimiter = request.app.state.invite_limiter
    await run_in_threadpool(limiter.failed, client_key(request, "invite"))
    return page("invite_spent.html", {}, status=404)


def _too_many() -> Response:
    return page("invite_spent.html", {"too_many": True}, status=429)
