"""Arriving: the talks a signed-in visitor can open, and the mediators' login page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from shuttle.accounts import Identity
from shuttle.service import TalkService, TalkSummary
from shuttle.talks import Role
from shuttle.web.deps import talk_service
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import csrf_of, visitor

router = APIRouter(include_in_schema=False)


@router.get("/")
async def home(request: Request) -> Response:
    identity = await visitor(request)
    if identity is None:
        return RedirectResponse("/login", status_code=303)
    if identity.talk is not None:
        return RedirectResponse(f"/talks/{identity.talk}", status_code=303)
    talks = await run_in_threadpool(mediated, talk_service(request), identity)
    context = {"talks": talks, "who": identity.user, "csrf": csrf_of(identity)}
    return page("talks.html", context)


def mediated(service: TalkService, identity: Identity) -> list[TalkSummary]:
    """The talks in which this account is a mediator (a signed-in account acts only as one)."""
    if identity.user is None:
        return []
    return [t for t in service.talks(identity.user) if t.role is Role.MEDIATOR]


@router.get("/login")
async def login_page(request: Request, failed: str = "", out: str = "") -> Response:
    return page("login.html", {"failed": bool(failed), "out": bool(out)})
