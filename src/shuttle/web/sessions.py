"""Becoming someone: an account's login, logout, and the session cookie that an invite link
(`pages.invites`) or a login starts.

A session is a cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS). Failed invite and login
attempts are counted per client address in the database; past the limit the answer is 429
until the window passes.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from shuttle.accounts import RateLimiter
from shuttle.accounts.access import SESSION_TTL, Issued
from shuttle.web.cross_site import from_another_site
from shuttle.web.deps import access, identity_of
from shuttle.web.settings import SESSION_COOKIE, Settings

router = APIRouter(include_in_schema=False)


def client_key(request: Request, what: str) -> str:
    host = request.client.host if request.client is not None else "unknown"
    return f"{what}:{host}"


def start_session(response: Response, issued: Issued, request: Request) -> None:
    settings: Settings = request.app.state.settings
    # Secure when asked for, and whenever the request came over HTTPS (uvicorn takes the
    # scheme from X-Forwarded-Proto when the proxy is trusted), so a cookie issued over HTTPS
    # is never sent back in clear.
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=int(SESSION_TTL),
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies or request.url.scheme == "https",
        path="/",
    )


_LOCAL_PATH = re.compile(r"/[A-Za-z0-9_/-]*")


def local_path(path: str) -> bool:
    """Whether `path` may be where a sign-in returns to: a path of this site alone, never
    another site's address (``//elsewhere``), so that a link cannot send someone who signs in
    to a page of the link maker's choosing elsewhere."""
    return bool(_LOCAL_PATH.fullmatch(path)) and not path.startswith("//")


@router.post("/login")
async def login(
    request: Request,
    user: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1_000)],
    next: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    # Another site's page could sign a visitor in to an account of that page's choosing;
    # whatever the visitor did next (entering by its own link) would then land in it.
    if from_another_site(request):
        return RedirectResponse("/login", status_code=303)
    limiter: RateLimiter = request.app.state.login_limiter
    key = client_key(request, "login")
    if await run_in_threadpool(limiter.blocked, key):
        raise HTTPException(429, "too many login attempts from here: wait a few minutes")
    issued = await run_in_threadpool(access(request).login, user, password)
    if issued is None:
        await run_in_threadpool(limiter.failed, key)
        back = f"&next={next}" if local_path(next) else ""
        return RedirectResponse(f"/login?failed=1{back}", status_code=303)
    response = RedirectResponse(next if local_path(next) else "/", status_code=303)
    start_session(response, issued, request)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    identity = await identity_of(request)  # checks the CSRF token of a cookie session
    cookie = request.cookies.get(SESSION_COOKIE)
    if identity is not None and cookie:
        await run_in_threadpool(access(request).end, cookie)
    response = RedirectResponse("/login?out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
