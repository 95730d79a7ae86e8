"""An unsafe API request that carries no credential is answered 401 before its body is read.

Every POST, PUT, PATCH and DELETE under /api/ acts as a participant (but for the check of a
document, open to anyone: `OPEN`), so one with neither a bearer token nor the session cookie can
only be refused; answering from the headers alone
keeps a stranger from making the server read even the size limit's worth of body. Whether a
credential that is present is valid is still decided where it always was
(`deps.required_identity`), after the body is read: see `CredentialGate`.

The pages and sign-in (`/login`, `/invite/...`, `/logout`, the rooms' forms) are not under
/api/ and are bounded only by the body limit: a stranger may post there.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from shuttle.web.deps import SAFE_METHODS, SIGN_IN, has_credential

API = "/api/"
OPEN = frozenset({"/api/check"})
"""Unsafe API routes open to anyone: they act as no participant."""


class CredentialGate:
    """ASGI middleware: 401 to an unsafe /api/ request without any credential.

    It checks that a credential is there, not that it is valid: that would take a database
    lookup for every command, on top of the one `required_identity` makes, to spare at most
    the body limit's worth of reading for a caller who holds a forged or stale token.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] not in SAFE_METHODS
            and scope["path"].startswith(API)
            and scope["path"] not in OPEN
            and not has_credential(HTTPConnection(scope))
        ):
            await not_signed_in()(scope, receive, send)
            return
        await self.app(scope, receive, send)


def not_signed_in() -> JSONResponse:
    """The same 401 as `required_identity` gives, and the connection closed, so whatever
    body follows is never read."""
    return JSONResponse(
        {"detail": SIGN_IN},
        status_code=401,
        headers={"WWW-Authenticate": "Bearer", "Connection": "close"},
    )
