"""Invitations by mail: a server given `--smtp` sends the link through a real SMTP server run
by the test, and the link in the mail opens the room; a server without one sends nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.mailbox import Server as MailServer
from tests.mailbox import link_in, serving
from tests.web.api.muscat import Operator
from tests.web.api.test_cases import entered, ok, opening, signed_in
from tests.web.running import running_server


@pytest.fixture(scope="module")
def mail() -> Iterator[MailServer]:
    with serving() as server:
        yield server


@pytest.fixture(scope="module")
def mailing(mail: MailServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Operator]:
    workdir: Path = tmp_path_factory.mktemp("mailing")
    smtp = f"smtp://127.0.0.1:{mail.port}?from=invitations@shuttle.example"
    with running_server(f"sqlite:///{workdir / 'shuttle.db'}", workdir, "--smtp", smtp) as server:
        operator = Operator(server)
        yield operator
        operator.close()


def test_a_link_is_mailed_and_the_mailed_link_opens_the_room(
    mailing: Operator, mail: MailServer
) -> None:
    mediator = signed_in(mailing, "Mailing Mediator")
    talk = ok(mediator.post("/api/talks", json=opening(title="Salalah: مذاکرات")))["talk"]
    body = {"name": "Ithaca Lead", "send": True, "email": "ithaca@example.org"}
    sent = ok(mediator.post(f"/api/talks/{talk}/invites", json=body))
    assert sent["sent_to"] == "ithaca@example.org"
    [received] = mail.inbox.mails
    assert received.recipients == ["ithaca@example.org"]
    assert received.sender == "invitations@shuttle.example"
    assert received.message["Subject"] == "Invitation to the talk Salalah: مذاکرات"
    url = link_in(received.message)
    assert url == sent["url"]
    delegate = entered(mailing, url)
    assert delegate.get("/api/me").json()["participant"] == "Ithaca Lead"


def test_a_bad_address_is_refused_and_nothing_is_sent(mailing: Operator, mail: MailServer) -> None:
    mediator = signed_in(mailing, "Mailing Mediator")
    talk = ok(mediator.post("/api/talks", json=opening()))["talk"]
    before = len(mail.inbox.mails)
    body = {"name": "Ithaca Lead", "send": True, "email": "ithaca@example.org\r\nBcc: x@y.z"}
    answer = mediator.post(f"/api/talks/{talk}/invites", json=body)
    assert answer.status_code == 409 and "not a mail address" in answer.json()["message"]
    assert len(mail.inbox.mails) == before


def test_without_a_mail_server_a_link_is_made_but_never_sent(operator: Operator) -> None:
    mediator = signed_in(operator, "Salalah Mediator")
    talk = ok(mediator.post("/api/talks", json=opening()))["talk"]
    body = {"name": "Ithaca Lead", "send": True, "email": "ithaca@example.org"}
    answer = mediator.post(f"/api/talks/{talk}/invites", json=body)
    assert answer.status_code == 422 and "sends no mail" in answer.json()["message"]
    assert httpx.get(f"{operator.server.url}/api/health").status_code == 200
