"""How a server instance is configured."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from shuttle.accounts.access import INVITE_TTL
from shuttle.accounts.mail import Mailer

if TYPE_CHECKING:  # the documents' PDF and signing libraries load when a seal is loaded
    from shuttle.documents import Seal

SESSION_COOKIE = "shuttle_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf"
MAX_BODY = 1024 * 1024
"""The largest request body a server accepts by default, in bytes. A real command or form is
a few kilobytes (a 20,000-character statement is at most ~120 KB of JSON), so 1 MiB leaves
room to spare without letting a stranger fill the server's memory."""
MAX_UPLOAD = 20 * 1024 * 1024
"""The largest document the check page accepts, in bytes: a PDF of a long record with its
attached proof stays well under it."""


@dataclass(frozen=True)
class Settings:
    # Secure cookies are sent over HTTPS only: on when the server is reached through HTTPS
    # (directly or behind a proxy that says so), off for http://127.0.0.1 during development.
    secure_cookies: bool = False
    login_limit: int = 10
    invite_limit: int = 20
    # Documents checked on the public check page (and POST /api/check) per address and window:
    # each check draws a PDF again, so a stranger may not make the server do it endlessly.
    check_limit: int = 30
    # Documents one participant of a talk may have made per window: a PDF of a long record
    # costs a core a second or two, so a hostile participant must not make them without end.
    document_limit: int = 30
    limit_window: float = 300.0
    # Seconds between keep-alive comments on a live stream, so proxies keep it open.
    heartbeat: float = 15.0
    # Bytes: a larger request body is answered 413 and never read past this many.
    max_body: int = MAX_BODY
    # Bytes: the largest document the check page accepts (it alone takes more than max_body).
    max_upload: int = MAX_UPLOAD
    # How browsers reach the server, for the links it makes (else the request's own address).
    base_url: str | None = None
    # The address the server listens on (`serve` sets it): what a document names as its check
    # page when there is no base_url, never the request's Host header, which a caller writes.
    own_url: str | None = None
    # Seconds an invite link works for, unless used before.
    invite_ttl: float = INVITE_TTL
    # Where invitations are mailed through; None: links are copied by hand.
    mailer: Mailer | None = None
    # The server's seal for the PDFs it makes; None: its PDFs are unsealed, and say so.
    seal: Seal | None = None
