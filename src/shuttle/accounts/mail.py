"""Invitation links sent by mail, through an SMTP server named by a URL.

    smtp://host:25                          plain (port 25 by default)
    smtp+starttls://user:password@host:587  STARTTLS (port 587 by default)
    smtps://user:password@host:465          TLS from the first byte (port 465 by default)
    ...?from=Shuttle%20<shuttle@example.org>  the sender; "shuttle@localhost" when absent

User and password are percent-decoded; the server is asked to log in only when the URL names a
user. Over TLS the server's certificate is checked against the system's trust store (OpenSSL
also reads $SSL_CERT_FILE); there is deliberately no switch to turn checking off: a program
that trusts a self-signed server passes its own `ssl_context`, as the tests do.
"""

from __future__ import annotations

import html
import smtplib
import ssl
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid, parseaddr
from typing import Literal
from urllib.parse import unquote, urlsplit

Security = Literal["plain", "starttls", "tls"]

SCHEMES: dict[str, tuple[Security, int]] = {
    "smtp": ("plain", 25),
    "smtp+starttls": ("starttls", 587),
    "smtps": ("tls", 465),
}

# Deliverable by no one, so a server that insists on a real sender says so at once, and the
# operator adds ?from= rather than mail going out under a guessed name of this machine.
DEFAULT_SENDER = "shuttle@localhost"

URL_EXAMPLE = "smtp+starttls://user:password@mail.example.org:587?from=shuttle@example.org"

# First strong isolate ... pop directional isolate: in the plain-text part, a Persian, Arabic
# or Hebrew name neither reorders the English sentence around it nor makes it right-to-left.
FSI, PDI = "\u2068", "\u2069"


class MailError(ValueError):
    """A mail could not be built or sent; the message says why, for the operator."""


@dataclass(frozen=True)
class Mailer:
    """An SMTP server to send through, parsed from a URL."""

    host: str
    port: int
    security: Security
    user: str | None
    password: str | None = field(repr=False)
    sender: str
    timeout: float = 10.0
    # Trust for TLS instead of the system's (a test server's self-signed certificate).
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_url(cls, url: str, *, ssl_context: ssl.SSLContext | None = None) -> Mailer:
        """The server that `url` names; MailError saying what is wrong with it otherwise.

        No message repeats the URL, which may hold a password."""
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            raise MailError(
                f"the SMTP URL's scheme is {scheme or 'missing'!r}; "
                f"expected smtp://, smtp+starttls:// or smtps://, e.g. {URL_EXAMPLE}"
            )
        security, default_port = SCHEMES[scheme]
        if not parts.hostname:
            raise MailError(f"the SMTP URL names no host; expected e.g. {URL_EXAMPLE}")
        try:
            port = parts.port
        except ValueError:
            port = 0
        if port is None:
            port = default_port
        if not 1 <= port <= 65535:
            raise MailError(
                f"the SMTP URL's port for {parts.hostname} is not a number from 1 to 65535"
            )
        if parts.path not in ("", "/") or parts.fragment:
            raise MailError("the SMTP URL has a path or a fragment; it takes neither")
        user = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password is not None else None
        if user is None and password:
            raise MailError("the SMTP URL has a password but no user")
        return cls(
            host=parts.hostname,
            port=port,
            security=security,
            user=user,
            password=password,
            sender=_sender(parts.query),
            ssl_context=ssl_context,
        )

    @property
    def where(self) -> str:
        """The server as the messages name it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"the mail server {host}:{self.port}"

    def send(self, message: EmailMessage) -> None:
        """Hand `message` to the server for delivery to its recipients; MailError saying what
        went wrong otherwise (cannot connect, TLS, login, refused sender or recipient)."""
        if not message.get_all("To"):
            raise MailError("the message has no recipient (no To header)")
        context = None
        if self.security != "plain":
            context = self.ssl_context or ssl.create_default_context()
        try:
            client = self._connect(context)
            try:
                if context is not None and self.security == "starttls":
                    self._starttls(client, context)
                if self.user is not None:
                    self._login(client, self.user, self.password or "")
                self._deliver(client, message)
            finally:
                _quit(client)
        except ssl.SSLCertVerificationError as error:
            raise self._error(
                f"TLS with {self.where} failed: its certificate is not trusted "
                f"({error.verify_message})"
            ) from error
        except ssl.SSLError as error:
            raise self._error(f"TLS with {self.where} failed: {error.reason or error}") from error
        except smtplib.SMTPServerDisconnected as error:
            raise self._error(f"{self.where} closed the connection: {error}") from error
        except smtplib.SMTPResponseException as error:
            raise self._error(f"{self.where} answered {_reply(error)}") from error
        except smtplib.SMTPException as error:
            raise self._error(f"sending through {self.where} failed: {error}") from error
        except TimeoutError as error:
            raise self._error(
                f"{self.where} did not answer within {self.timeout:g} seconds"
            ) from error
        except OSError as error:
            raise self._error(
                f"the connection to {self.where} failed: {error.strerror or error}"
            ) from error

    def _connect(self, context: ssl.SSLContext | None) -> smtplib.SMTP:
        try:
            if self.security == "tls":
                return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            return smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        except ssl.SSLError:
            raise
        except TimeoutError as error:
            raise self._error(
                f"cannot connect to {self.where}: no answer within {self.timeout:g} seconds"
            ) from error
        except OSError as error:  # refused, unknown host, unreachable, a bad greeting
            raise self._error(f"cannot connect to {self.where}: {_reason(error)}") from error

    def _starttls(self, client: smtplib.SMTP, context: ssl.SSLContext) -> None:
        try:
            client.starttls(context=context)
        except smtplib.SMTPNotSupportedError as error:
            raise self._error(
                f"{self.where} does not offer STARTTLS; use smtps:// if it speaks TLS "
                "from the start, or smtp:// for no TLS"
            ) from error

    def _login(self, client: smtplib.SMTP, user: str, password: str) -> None:
        try:
            client.login(user, password)
        except smtplib.SMTPAuthenticationError as error:
            raise self._error(
                f"{self.where} refused the login of user {user!r}: {_reply(error)}"
            ) from error
        except smtplib.SMTPNotSupportedError as error:
            raise self._error(
                f"{self.where} does not offer login (AUTH) on this connection; if it wants "
                "TLS first, use smtp+starttls:// or smtps://; if it needs no login, drop the "
                "user from the URL"
            ) from error

    def _deliver(self, client: smtplib.SMTP, message: EmailMessage) -> None:
        try:
            refused = client.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            refused = error.recipients
        except smtplib.SMTPSenderRefused as error:
            raise self._error(
                f"{self.where} refused the sender {error.sender!r}: {_reply(error)}"
            ) from error
        except smtplib.SMTPDataError as error:
            raise self._error(f"{self.where} refused the message: {_reply(error)}") from error
        except smtplib.SMTPNotSupportedError as error:  # e.g. an address needs SMTPUTF8
            raise self._error(f"{self.where} cannot take this message: {error}") from error
        if refused:
            which = "; ".join(
                f"{address} ({_reply_of(code, text)})" for address, (code, text) in refused.items()
            )
            raise self._error(f"{self.where} refused the recipient {which}")

    def _error(self, text: str) -> MailError:
        """A MailError that never carries the password, whatever a server echoed back."""
        if self.password:
            text = text.replace(self.password, "***")
        return MailError(text)


def mailer_from_env(url: str | None) -> Mailer | None:
    """The mailer that `url` (from --smtp or $SHUTTLE_SMTP) names; None when it names none."""
    if url is None or not url.strip():
        return None
    return Mailer.from_url(url)


def invitation(
    *,
    to: str,
    name: str,
    talk_title: str,
    url: str,
    sender: str,
    expires: str | None,
    mediator: str | None,
) -> EmailMessage:
    """The mail that hands `name` their single-use link `url` into the talk `talk_title`.

    `to` and `sender` are one address each (MailError otherwise); `expires` is a time a person
    reads, such as "14 May 2026, 18:00 UTC". The link appears only in the body."""
    recipient = _address(to)
    if not recipient.display_name and name.strip():
        recipient = Address(" ".join(name.split()), recipient.username, recipient.domain)
    origin = _address(sender)
    if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        raise MailError("the invitation link must be one http:// or https:// URL")

    message = EmailMessage()
    message["Subject"] = f"Invitation to the talk {' '.join(talk_title.split())}"
    message["From"] = origin
    message["To"] = recipient
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=origin.domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message.set_content(_plain(name, talk_title, url, expires, mediator))
    message.add_alternative(_html(name, talk_title, url, expires, mediator), subtype="html")
    return message


def _plain(name: str, title: str, url: str, expires: str | None, mediator: str | None) -> str:
    by = f" by the mediator {FSI}{mediator}{PDI}" if mediator else ""
    lines = [
        f"{FSI}{name}{PDI}, you are invited to the talk “{FSI}{title}{PDI}”{by}.",
        "",
        "Open this link to enter your room:",
        "",
        url,
        "",
        "The link works once, and only in one browser: the browser that opens it first stays "
        "signed in to your room. Open it in the browser you will use for the talk, and do not "
        "forward it.",
    ]
    if expires:
        lines.append(f"It expires on {FSI}{expires}{PDI}.")
    lines += ["", "If you did not expect this, ignore it.", ""]
    return "\n".join(lines)


def _html(name: str, title: str, url: str, expires: str | None, mediator: str | None) -> str:
    def isolated(text: str) -> str:
        return f"<bdi>{html.escape(text)}</bdi>"

    by = f" by the mediator {isolated(mediator)}" if mediator else ""
    expiry = f"\n<p>It expires on {isolated(expires)}.</p>" if expires else ""
    return (
        '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n'
        '<div dir="auto">\n'
        f"<p>{isolated(name)}, you are invited to the talk “{isolated(title)}”{by}.</p>\n"
        f'<p><a href="{html.escape(url)}">Enter your room</a></p>\n'
        "<p>The link works once, and only in one browser: the browser that opens it first "
        "stays signed in to your room. Open it in the browser you will use for the talk, and "
        f"do not forward it.</p>{expiry}\n"
        "<p>If you did not expect this, ignore it.</p>\n"
        "</div>\n</body>\n</html>\n"
    )


def _address(text: str) -> Address:
    """`text` as one mail address, with or without a display name; MailError otherwise."""
    bad = MailError(
        f"{text!r} is not a mail address; expected one address such as "
        "delegate@example.org or 'Name <delegate@example.org>'"
    )
    if any(c in text for c in "\r\n\0") or len(getaddresses([text])) != 1:
        raise bad
    display_name, addr_spec = parseaddr(text)
    try:
        address = Address(display_name=display_name, addr_spec=addr_spec)
    except (ValueError, IndexError, HeaderParseError):
        raise bad from None
    if not address.username or not address.domain:
        raise bad
    return address


def _sender(query: str) -> str:
    """The sender that the URL's query names (?from=...), or DEFAULT_SENDER.

    Read by hand rather than with parse_qs, which would turn the "+" of
    shuttle+invites@example.org into a space."""
    senders = []
    for pair in query.split("&") if query else []:
        key, _, value = pair.partition("=")
        if unquote(key) != "from":
            raise MailError(
                f"the SMTP URL has the unknown parameter {unquote(key)!r}; "
                "it takes only ?from=address"
            )
        senders.append(unquote(value))
    if len(senders) > 1:
        raise MailError("the SMTP URL gives ?from= more than once")
    return str(_address(senders[0] if senders else DEFAULT_SENDER))


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def _reason(error: OSError) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"it answered {_reply(error)}"
    return error.strerror or str(error) or type(error).__name__


def _reply(error: smtplib.SMTPResponseException) -> str:
    return _reply_of(error.smtp_code, error.smtp_error)


def _reply_of(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}"
