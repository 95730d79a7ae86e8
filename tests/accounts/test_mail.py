"""Invitations by mail, sent to a real SMTP server (aiosmtpd) listening on 127.0.0.1."""

from __future__ import annotations

import html
import re
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from shuttle.accounts.mail import (
    DEFAULT_SENDER,
    Mailer,
    MailError,
    invitation,
    mailer_from_env,
)
from tests.mailbox import Inbox, Server, free_port, serving

LINK = "https://shuttle.example.org/invite/Zm9yIHRoZSBkZWxlZ2F0ZSBvbmx5"
SECRET = "correct-horse-battery"


def only_user_with_secret(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: object
) -> AuthResult:
    granted = auth_data == LoginPassword(b"mediator", SECRET.encode())
    return AuthResult(success=granted, handled=False)


@pytest.fixture
def plain_server() -> Iterator[Server]:
    with serving() as server:
        yield server


# aiosmtpd warns, rightly, about a login without TLS; these tests want exactly that.
login_without_tls = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS:UserWarning"
)


@pytest.fixture
def login_server() -> Iterator[Server]:
    """A server that takes mail only after a login, which it offers without TLS."""
    with serving(
        authenticator=only_user_with_secret, auth_required=True, auth_require_tls=False
    ) as server:
        yield server


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for 127.0.0.1, made with openssl for this run."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed, and cryptography is not in the venv")
    folder = tmp_path_factory.mktemp("tls")
    made = Certificate(folder / "cert.pem", folder / "key.pem")
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(made.key), "-out", str(made.cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return made


def invite(to: str = "delegate@example.org", **changes: Any) -> EmailMessage:
    fields: dict[str, Any] = {
        "to": to,
        "name": "Leila",
        "talk_title": "Muscat talks",
        "url": LINK,
        "sender": "shuttle@example.org",
        "expires": "14 May 2026, 18:00 UTC",
        "mediator": "Badr",
    }
    return invitation(**(fields | changes))


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies, decoded."""
    plain, rich = message.get_body(("plain",)), message.get_body(("html",))
    assert isinstance(plain, EmailMessage) and isinstance(rich, EmailMessage)
    return plain.get_content(), rich.get_content()


# Sending


def test_an_invitation_arrives_with_its_link_once_in_each_part(plain_server: Server) -> None:
    Mailer.from_url(f"smtp://127.0.0.1:{plain_server.port}?from=shuttle@example.org").send(invite())

    [mail] = plain_server.inbox.mails
    assert mail.recipients == ["delegate@example.org"]
    assert mail.sender == "shuttle@example.org"
    assert mail.message["Subject"] == "Invitation to the talk Muscat talks"
    text, page = parts(mail.message)
    assert text.count(LINK) == 1
    assert page.count(f'href="{html.escape(LINK)}"') == 1
    assert page.count(LINK) == 1
    assert "Leila, you are invited to the talk" in text.replace("\u2068", "").replace("\u2069", "")
    assert "Badr" in text and "14 May 2026, 18:00 UTC" in text
    assert "works once, and only in one browser" in text
    assert "If you did not expect this, ignore it." in text
    assert "If you did not expect this, ignore it." in page
    for header, value in mail.message.items():
        assert "invite/" not in value, header  # the link travels only in the body


def test_persian_names_and_titles_arrive_intact_and_encoded(plain_server: Server) -> None:
    name, title, mediator = "لیلا احمدی", "مذاکرات مسقط", "بدر البوسعیدی"
    message = invite(name=name, talk_title=title, mediator=mediator)
    Mailer.from_url(f"smtp://127.0.0.1:{plain_server.port}").send(message)

    [mail] = plain_server.inbox.mails
    assert mail.message["Subject"] == f"Invitation to the talk {title}"
    assert mail.message["To"].addresses[0].display_name == name
    assert b"Subject: Invitation to the talk =?utf-8?" in message.as_bytes()
    text, page = parts(mail.message)
    # Isolated, so the English sentence keeps its direction around a right-to-left name.
    assert f"\u2068{name}\u2069, you are invited to the talk “\u2068{title}\u2069”" in text
    assert f"<bdi>{name}</bdi>" in page and f"<bdi>{title}</bdi>" in page
    assert f"<bdi>{mediator}</bdi>" in page
    assert '<div dir="auto">' in page


def test_the_html_part_escapes_what_it_is_given(plain_server: Server) -> None:
    title = "Talks <script>alert('x')</script> & more"
    Mailer.from_url(f"smtp://127.0.0.1:{plain_server.port}").send(
        invite(talk_title=title, name='Eve "<b>"')
    )

    [mail] = plain_server.inbox.mails
    _, page = parts(mail.message)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in page
    assert mail.message["Subject"] == f"Invitation to the talk {title}"


def test_without_a_mediator_or_expiry_the_mail_says_neither(plain_server: Server) -> None:
    Mailer.from_url(f"smtp://127.0.0.1:{plain_server.port}").send(
        invite(mediator=None, expires=None)
    )

    [mail] = plain_server.inbox.mails
    text, page = parts(mail.message)
    assert "mediator" not in text and "expires" not in text
    assert "mediator" not in page and "expires" not in page
    assert mail.sender == "shuttle@example.org"


@login_without_tls
def test_a_server_that_wants_a_login_gets_it(login_server: Server) -> None:
    url = f"smtp://mediator:{SECRET}@127.0.0.1:{login_server.port}"
    Mailer.from_url(url).send(invite())

    [mail] = login_server.inbox.mails
    assert mail.recipients == ["delegate@example.org"]


@login_without_tls
def test_a_refused_login_is_an_error_that_does_not_repeat_the_password(
    login_server: Server,
) -> None:
    mailer = Mailer.from_url(f"smtp://mediator:wrong-secret@127.0.0.1:{login_server.port}")
    with pytest.raises(MailError, match="refused the login of user 'mediator'") as refused:
        mailer.send(invite())

    assert "wrong-secret" not in str(refused.value)
    assert "wrong-secret" not in repr(mailer)
    assert login_server.inbox.mails == []


@login_without_tls
def test_without_a_user_a_server_that_wants_a_login_refuses_the_mail(
    login_server: Server,
) -> None:
    with pytest.raises(MailError, match="refused the sender"):
        Mailer.from_url(f"smtp://127.0.0.1:{login_server.port}").send(invite())
    assert login_server.inbox.mails == []


def test_starttls_with_a_trusted_certificate(certificate: Certificate) -> None:
    with serving(
        tls_context=certificate.server_context(),
        require_starttls=True,
        authenticator=only_user_with_secret,
        auth_required=True,
    ) as server:
        url = f"smtp+starttls://mediator:{SECRET}@127.0.0.1:{server.port}"
        Mailer.from_url(url, ssl_context=certificate.client_context()).send(invite())

        [mail] = server.inbox.mails
        assert mail.over_tls
        assert mail.recipients == ["delegate@example.org"]


def test_starttls_refuses_a_certificate_it_does_not_trust(certificate: Certificate) -> None:
    with serving(tls_context=certificate.server_context(), require_starttls=True) as server:
        mailer = Mailer.from_url(f"smtp+starttls://127.0.0.1:{server.port}")
        with pytest.raises(MailError, match=r"TLS with the mail server .* not trusted"):
            mailer.send(invite())
        assert server.inbox.mails == []


def test_starttls_to_a_server_without_it_is_an_error(plain_server: Server) -> None:
    with pytest.raises(MailError, match="does not offer STARTTLS"):
        Mailer.from_url(f"smtp+starttls://127.0.0.1:{plain_server.port}").send(invite())
    assert plain_server.inbox.mails == []


def test_tls_from_the_first_byte(certificate: Certificate) -> None:
    with serving(ssl_context=certificate.server_context()) as server:
        mailer = Mailer.from_url(
            f"smtps://127.0.0.1:{server.port}", ssl_context=certificate.client_context()
        )
        mailer.send(invite())

        [mail] = server.inbox.mails
        assert mail.recipients == ["delegate@example.org"]


def test_a_refused_recipient_is_an_error_naming_it() -> None:
    with serving(Inbox(unknown={"gone@example.org"})) as server:
        mailer = Mailer.from_url(f"smtp://127.0.0.1:{server.port}")
        with pytest.raises(
            MailError,
            match=r"refused the recipient gone@example\.org \(550 5\.1\.1 No such mailbox here\)",
        ):
            mailer.send(invite(to="gone@example.org"))
        assert server.inbox.mails == []


def test_no_server_on_the_port_is_an_error_naming_it() -> None:
    port = free_port()
    with pytest.raises(
        MailError, match=re.escape(f"cannot connect to the mail server 127.0.0.1:{port}")
    ):
        Mailer.from_url(f"smtp://127.0.0.1:{port}").send(invite())


# Addresses


@pytest.mark.parametrize(
    "to",
    [
        "delegate@example.org\r\nBcc: spy@example.org",
        "delegate@example.org\nBcc: spy@example.org",
        "delegate@example.org, spy@example.org",
        "delegate",
        "delegate@",
        "",
    ],
)
def test_anything_but_one_address_is_refused_before_anything_is_sent(
    plain_server: Server, to: str
) -> None:
    mailer = Mailer.from_url(f"smtp://127.0.0.1:{plain_server.port}")
    with pytest.raises(MailError, match="is not a mail address"):
        mailer.send(invite(to=to))
    assert plain_server.inbox.mails == []


def test_an_address_with_its_own_name_keeps_it() -> None:
    message = invite(to="Leila Ahmadi <leila@example.org>")
    assert str(message["To"]) == "Leila Ahmadi <leila@example.org>"


def test_an_invitation_link_must_be_a_web_address() -> None:
    with pytest.raises(MailError, match="http:// or https://"):
        invite(url="javascript:alert(1)")


# URLs


def test_each_scheme_has_its_default_port_and_security() -> None:
    assert Mailer.from_url("smtp://mail.example.org") == Mailer(
        "mail.example.org", 25, "plain", None, None, DEFAULT_SENDER
    )
    starttls = Mailer.from_url("smtp+starttls://mail.example.org")
    assert (starttls.port, starttls.security) == (587, "starttls")
    tls = Mailer.from_url("smtps://mail.example.org")
    assert (tls.port, tls.security) == (465, "tls")
    assert Mailer.from_url("smtps://mail.example.org:2465").port == 2465


def test_user_and_password_are_percent_decoded() -> None:
    mailer = Mailer.from_url("smtp+starttls://me%40example.org:p%40ss%2Fw%3Ard@mail.example.org")
    assert (mailer.user, mailer.password) == ("me@example.org", "p@ss/w:rd")


def test_the_sender_comes_from_the_query_plus_and_all() -> None:
    mailer = Mailer.from_url("smtp://mail.example.org?from=shuttle%2Binvites@example.org")
    assert mailer.sender == "shuttle+invites@example.org"
    named = Mailer.from_url("smtp://mail.example.org?from=Shuttle%20%3Cshuttle@example.org%3E")
    assert named.sender == "Shuttle <shuttle@example.org>"
    assert Mailer.from_url("smtp://mail.example.org").sender == "shuttle@localhost"


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("http://x", "scheme is 'http'"),
        ("mail.example.org", "scheme is 'missing'"),
        ("smtp://", "names no host"),
        ("smtp://mail.example.org:70000", "not a number from 1 to 65535"),
        ("smtp://mail.example.org:0", "not a number from 1 to 65535"),
        ("smtp://mail.example.org:port", "not a number from 1 to 65535"),
        ("smtp://mail.example.org/inbox", "path"),
        ("smtp://:secret@mail.example.org", "a password but no user"),
        ("smtp://mail.example.org?verify=no", "unknown parameter 'verify'"),
        ("smtp://mail.example.org?from=a@x.org&from=b@x.org", "more than once"),
        ("smtp://mail.example.org?from=nobody", "'nobody' is not a mail address"),
    ],
)
def test_a_bad_url_is_refused_with_what_is_wrong(url: str, complaint: str) -> None:
    with pytest.raises(MailError, match=complaint):
        Mailer.from_url(url)


def test_a_bad_url_error_never_shows_the_password() -> None:
    with pytest.raises(MailError) as refused:
        Mailer.from_url("smtp://mediator:hunter2@mail.example.org:99999")
    assert "hunter2" not in str(refused.value)


def test_no_url_means_no_mailer() -> None:
    assert mailer_from_env(None) is None
    assert mailer_from_env("  ") is None
    assert mailer_from_env("smtp://mail.example.org") == Mailer.from_url("smtp://mail.example.org")


def test_a_mail_error_is_a_value_error() -> None:
    assert issubclass(MailError, ValueError)
