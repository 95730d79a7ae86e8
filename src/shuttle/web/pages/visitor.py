"""Who is looking at a page, and as whom in the talk: the pages' use of `deps`.

A page answers a stranger (no session) with the login page, and a participant of some other
talk with the same 404 as for a talk that does not exist.
"""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from shuttle.accounts import Identity
from shuttle.talks import NotFound
from shuttle.web.deps import Actor, actor_in, identity_of, talk_service
from shuttle.web.pages.render import page


class Away(Exception):
    """The request cannot go on as a participant; `response` says why (login, 403, 404)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def csrf_of(identity: Identity) -> str:
    """The session's CSRF token, which every form of its pages carries."""
    return identity.csrf or ""


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def not_found() -> HTMLResponse:
    return page("not_found.html", {}, status=404)


async def visitor(request: Request) -> Identity | None:
    """The identity behind the request (CSRF checked on unsafe methods); Away with a 403
    page when a form came without its session's token."""
    try:
        return await identity_of(request)
    except HTTPException as error:
        if error.status_code != 403:
            raise
        template = "refused.html" if is_htmx(request) else "refused_page.html"
        raise Away(page(template, {"message": str(error.detail)}, status=403)) from None


async def account(request: Request) -> tuple[Identity, str]:
    """The visitor as an account that opens talks, and its name; Away to the login page, or
    to a 404 for a delegate's session (which opens nothing beyond its own talk) and for an
    account made from a delegate's link (which acts only through the seats it keeps)."""
    identity = await visitor(request)
    if identity is None:
        raise Away(RedirectResponse("/login", status_code=303))
    if identity.opener is None:
        raise Away(not_found())
    return identity, identity.opener


async def participant(request: Request, talk: str, *, departed: bool = False) -> Actor:
    """The visitor as a participant of `talk` (one who left it too, if `departed`); Away to
    the login page, or to a 404."""
    identity = await visitor(request)
    if identity is None:
        raise Away(RedirectResponse("/login", status_code=303))
    try:
        service = talk_service(request)
        return await run_in_threadpool(actor_in, service, identity, talk, departed=departed)
    except NotFound:
        raise Away(not_found()) from None
