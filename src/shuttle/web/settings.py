"""How a server instance is configured."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.accounts.access import INVITE_TTL
from shuttle.accounts.mail import Mailer

SESSION_COOKIE = "shuttle_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf"
MAX_BODY = 1024 * 1024
"""The largest request body a server accepts by default, in bytes. A real command or form is
a few kilobytes (a 20,000-character statement is at most ~120 KB of JSON), so 1 MiB leaves
room to spare without letting a stranger fill the server's memory."""


@dataclass(frozen=True)
class Settings:
    # Secure cookies are sent over HTTPS only: on when the server is reached through HTTPS
    # (directly or behind a proxy that says so), off for http://127.0.0.1 during development.
    secure_cookies: bool = False
    login_limit: int = 10
    invite_limit: int = 20
    limit_window: float = 300.0
    # Seconds between keep-alive comments on a live stream, so proxies keep it open.
    heartbeat: float = 15.0
    # Bytes: a larger request body is answered 413 and never read past this many.
    max_body: int = MAX_BODY
    # How browsers reach the server, for the links it makes (else the request's own address).
    base_url: str | None = None
    # Seconds an invite link works for, unless used before.
    invite_ttl: float = INVITE_TTL
    # Where invitations are mailed through; None: links are copied by hand.
    mailer: Mailer | None = None
