"""A real SMTP server for tests (aiosmtpd on 127.0.0.1) that keeps every mail it receives."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class Received:
    """One mail as the server took it."""

    sender: str | None
    recipients: list[str]
    message: EmailMessage
    over_tls: bool


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    mails: list[Received] = field(default_factory=list)
    unknown: set[str] = field(default_factory=set)  # mailboxes it refuses

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.unknown:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.mails.append(
            Received(envelope.mail_from, envelope.rcpt_tos, message, session.ssl is not None)
        )
        return "250 OK"


@dataclass
class Server:
    inbox: Inbox
    port: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(inbox: Inbox | None = None, **options: Any) -> Iterator[Server]:
    """A real SMTP server on 127.0.0.1, stopped however the test ends."""
    inbox = inbox or Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    try:
        controller.start()
        yield Server(inbox, port)
    finally:
        controller.stop(no_assert=True)


def link_in(message: EmailMessage) -> str:
    """The one invite link in a mail's plain-text part."""
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text: str = body.get_content()
    links = [w for w in text.split() if "/invite/" in w]
    assert len(links) == 1, links
    return links[0]
