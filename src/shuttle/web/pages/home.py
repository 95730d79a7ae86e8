"""Arriving: the sign-in page (an account's; a delegate without one enters through its invite
link)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from shuttle.web.pages.render import page
from shuttle.web.sessions import local_path

router = APIRouter(include_in_schema=False)


@router.get("/login")
async def login_page(request: Request, failed: str = "", out: str = "", next: str = "") -> Response:
    back = next if local_path(next) else ""
    return page("login.html", {"failed": bool(failed), "out": bool(out), "next": back})
