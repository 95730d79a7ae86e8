"""Arriving: the sign-in page (a mediator's; a delegate enters through its invite link)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from shuttle.web.pages.render import page

router = APIRouter(include_in_schema=False)


@router.get("/login")
async def login_page(request: Request, failed: str = "", out: str = "") -> Response:
    return page("login.html", {"failed": bool(failed), "out": bool(out)})
