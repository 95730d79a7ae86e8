"""Who is asking, and as whom in this talk: the only way a route learns its actor.

A request is identified by a bearer token (programs) or the session cookie (browsers). A
cookie is sent by the browser on its own, so every unsafe request that relies on it must also
carry the session's CSRF token, in a header or a form field. A bearer token is never sent
implicitly, so it needs none.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.requests import HTTPConnection

from shuttle.accounts import Access, Identity
from shuttle.accounts.tokens import same
from shuttle.service import TalkService
from shuttle.talks import NotFound, Participant
from shuttle.web.settings import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SIGN_IN = "sign in: open your invite link, log in, or send a bearer token"


@dataclass(frozen=True)
class Actor:
    """The caller as a participant of one talk."""

    talk: str
    name: str
    participant: Participant
    identity: Identity


def access(request: Request) -> Access:
    found: Access = request.app.state.access
    return found


def talk_service(request: Request) -> TalkService:
    found: TalkService = request.app.state.service
    return found


def bearer_token(request: HTTPConnection) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def has_credential(request: HTTPConnection) -> bool:
    """Whether the request carries a credential at all, valid or not: what `identity_of`
    would look up. Needs only the headers, so it can be asked before the body is read."""
    return bearer_token(request) is not None or bool(request.cookies.get(SESSION_COOKIE))


async def identity_of(request: Request) -> Identity | None:
    """The identity behind the request's credential, CSRF checked; None if there is none.
    Raises 403 when a cookie session's unsafe request lacks its CSRF token."""
    token = bearer_token(request)
    if token is not None:
        return access(request).identify(token, ("bearer",))
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    identity = access(request).identify(cookie, ("session",))
    if identity is None or request.method in SAFE_METHODS:
        return identity
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and _is_form(request):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or identity.csrf is None or not same(sent, identity.csrf):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
    return identity


async def required_identity(request: Request) -> Identity:
    identity = await identity_of(request)
    if identity is None:
        raise HTTPException(
            401,
            SIGN_IN,
            headers={"WWW-Authenticate": "Bearer"},
        )
    return identity


def actor_in(
    service: TalkService, identity: Identity, talk: str, *, departed: bool = False
) -> Actor:
    """The identity as a participant of `talk`; NotFound (404) when it is none, whether the
    talk is absent or simply not the caller's. `departed`: one who has left the talk counts
    too (its documents, which hold what it saw until it left), as long as its credential
    still holds (an account's session; a talk-bound one ended when it left)."""
    name = identity.name_in(talk)
    # No talk's id holds a NUL, and PostgreSQL could not even look for one.
    if name is None or "\x00" in talk:
        raise NotFound(f"talk {talk!r} not found")
    try:
        participant = service.participant(talk, name)
    except NotFound:
        raise NotFound(f"talk {talk!r} not found") from None
    if not identity.acts_in(talk, participant.is_mediator):
        raise NotFound(f"talk {talk!r} not found")
    if not participant.present and not departed:
        # Removed: its talk-bound credentials were ended then; an account's session (a
        # co-mediator's) lives on for its other talks, and is refused here.
        raise NotFound(f"talk {talk!r} not found")
    return Actor(talk, participant.name, participant, identity)


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))
