"""Making someone's way into a talk: an invite link (or, for a co-mediator with no account, a
link to choose a password), and sending it by mail. Shared by the people page, the API and
the command line, so that each makes the same link under the same rules."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from shuttle.accounts import Access
from shuttle.accounts.access import INVITE_TTL
from shuttle.accounts.mail import Mailer, invitation
from shuttle.service import TalkService
from shuttle.talks import Refused, Role

DEFAULT_BASE = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Link:
    """A link made for `participant`: `kind` "invite" enters the talk; "password" makes a
    co-mediator's account. It works once, until `expires_at` (seconds since the epoch)."""

    talk: str
    participant: str
    url: str
    kind: Literal["invite", "password"]
    expires_at: float

    @property
    def expires(self) -> str:
        """When it stops working, as a person reads it."""
        return datetime.fromtimestamp(self.expires_at, UTC).strftime("%d %B %Y, %H:%M UTC")


def make_link(
    service: TalkService,
    access: Access,
    talk: str,
    name: str,
    base: str | None = None,
    ttl: float = INVITE_TTL,
    accounts: bool = True,
) -> Link:
    """A new link for participant `name` of `talk`, its only way in from a browser: earlier
    links and sessions end, and an account keeping its place loses it (`replace_link`). With
    `accounts`, a co-mediator who may have an account made gets a link to choose its
    password instead. NotFound if there is no such participant; Refused if it has left."""
    # The view reads the record as it is now (another server may have recorded a leaving).
    participant = service.view(talk, name).participant
    if not participant.present:
        raise Refused(f"{participant.name!r} has left this talk", "add them again under a new name")
    root = (base or DEFAULT_BASE).rstrip("/")
    mediator = participant.role is Role.MEDIATOR
    if accounts and mediator and _may_make_account(access, participant.name):
        token = access.account_invite(participant.name, talk, ttl)
        kind: Literal["invite", "password"] = "password"
    else:
        token = access.replace_link(talk, participant.name, ttl)
        kind = "invite"
    return Link(talk, participant.name, f"{root}/invite/{token}", kind, time.time() + ttl)


def _may_make_account(access: Access, name: str) -> bool:
    """Whether a co-mediator's link may make its account: no account has the name. (The
    account made keeps this talk's seat and acts through seats: another talk naming a
    mediator so is not opened by it.)"""
    return not access.has_user(name)


def mail_link(mailer: Mailer, link: Link, to: str, title: str, mediator: str | None) -> None:
    """Send `link` to the address `to`; MailError naming what went wrong."""
    message = invitation(
        to=to,
        name=link.participant,
        talk_title=title,
        url=link.url,
        sender=mailer.sender,
        expires=link.expires,
        mediator=mediator,
    )
    mailer.send(message)
