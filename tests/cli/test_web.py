"""The web's commands: invites, accounts and tokens issued from the command line, and
`serve --demo` printing one working invite link per participant."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from shuttle.accounts import Access
from shuttle.accounts.schema import web_credentials, web_users
from shuttle.store import open_store
from tests.cli.runner import Shuttle
from tests.mailbox import link_in, serving
from tests.web.running import free_port, wait_until_healthy


def _access(db: str) -> Access:
    return Access(open_store(db).engine)


def test_invite_prints_a_link_that_identifies_the_participant_once(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    url = shuttle.ok("invite", talk, "Iranian FM", "--base-url", "https://talks.example/").out
    assert url.startswith("https://talks.example/invite/")
    token = url.strip().rsplit("/", 1)[1]
    access = _access(shuttle.db)
    session = access.redeem(token)
    assert session is not None
    identity = access.identify(session.token, ("session",))
    assert identity is not None
    assert (identity.talk, identity.participant) == (talk, "Iranian FM")
    assert access.redeem(token) is None  # single use


def test_invite_json_names_the_recorded_participant(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    answer = shuttle.ok("invite", talk, "  Oman ", "--json").json
    assert answer["participant"] == "Oman"
    assert answer["url"].startswith("http://127.0.0.1:8000/invite/")


def test_invite_send_mails_the_link_through_the_smtp_server(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    with serving() as mail:
        smtp = f"smtp://127.0.0.1:{mail.port}?from=shuttle@talks.example"
        sent = shuttle.ok(
            "invite", talk, "Iranian FM", "--send", "fm@iran.example", "--smtp", smtp, "--json"
        ).json
        [received] = mail.inbox.mails
    assert sent["sent_to"] == "fm@iran.example" and sent["kind"] == "invite"
    assert received.recipients == ["fm@iran.example"]
    assert link_in(received.message) == sent["url"]
    # A second link replaces the first, which then opens nothing.
    token = sent["url"].rsplit("/", 1)[1]
    shuttle.ok("invite", talk, "Iranian FM")
    assert _access(shuttle.db).redeem(token) is None


def test_invite_send_without_a_mail_server_is_a_usage_error(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    result = shuttle("invite", talk, "Iranian FM", "--send", "fm@iran.example")
    assert result.code == 2 and "--smtp" in result.err
    bad = shuttle("invite", talk, "Iranian FM", "--smtp", "http://mail.example")
    assert bad.code == 2 and "--smtp" in bad.err


def test_leave_removes_a_participant_and_ends_its_credentials(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    token = shuttle.ok("token", "issue", talk, "Iranian FM").out.strip()
    access = _access(shuttle.db)
    assert access.identify(token, ("bearer",)) is not None
    left = shuttle.ok("leave", talk, "Iranian FM", "--as", "Oman", "--json").json
    assert left["events"][0]["kind"] == "left"
    assert access.identify(token, ("bearer",)) is None
    refused = shuttle("say", talk, "still here?", "--as", "Iranian FM")
    assert refused.code == 1 and "no longer take part" in refused.err
    alone = shuttle("leave", talk, "Oman", "--as", "Oman")
    assert alone.code == 1 and "only mediator" in alone.err


def test_invite_for_someone_not_in_the_talk_exits_3_and_issues_nothing(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    result = shuttle("invite", talk, "Somebody Else")
    assert result.code == 3
    assert "Somebody Else" in result.err
    assert shuttle("invite", "no-such-talk", "Oman").code == 3
    with open_store(shuttle.db).engine.connect() as connection:
        assert connection.execute(select(web_credentials)).first() is None


def test_user_add_stores_an_argon2_hash_never_the_password(shuttle: Shuttle) -> None:
    shuttle.ok("user", "add", "Oman", stdin="correct horse battery staple\n")
    with open_store(shuttle.db).engine.connect() as connection:
        stored = connection.execute(select(web_users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert _access(shuttle.db).login("Oman", "correct horse battery staple") is not None
    assert _access(shuttle.db).login("Oman", "wrong password here") is None


@pytest.mark.parametrize(
    ("name", "password", "expected"),
    [("Oman", "short", "at least 12"), ("  ", "long enough password", "needs a name")],
)
def test_user_add_refuses_bad_input(
    shuttle: Shuttle, name: str, password: str, expected: str
) -> None:
    result = shuttle("user", "add", name, stdin=password + "\n")
    assert result.code == 2
    assert expected in result.err


def test_user_add_refuses_a_taken_name(shuttle: Shuttle) -> None:
    shuttle.ok("user", "add", "Oman", stdin="correct horse battery staple\n")
    result = shuttle("user", "add", "Oman", stdin="another long password\n")
    assert result.code == 2
    assert "already exists" in result.err


def test_token_issue_and_revoke(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    token = shuttle.ok("token", "issue", talk, "US Envoy").out.strip()
    access = _access(shuttle.db)
    identity = access.identify(token, ("bearer",))
    assert identity is not None and identity.participant == "US Envoy"
    assert identity.csrf is None  # never sent implicitly, so no CSRF token
    shuttle.ok("token", "revoke", token)
    assert access.identify(token, ("bearer",)) is None


def test_serve_demo_prints_one_working_invite_per_participant(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "shuttle.cli", "serve", "--demo", "--db", db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines: list[list[str]] = []
        while len(lines) < 7:
            line = process.stdout.readline()
            assert line, "serve --demo ended before printing its invites"
            if line.startswith(("MEDIATOR\t", "DELEGATE\t")):
                lines.append(line.rstrip("\n").split("\t"))
        assert [(role, name) for role, name, _ in lines] == [
            ("MEDIATOR", "Oman (mediator)"),
            ("DELEGATE", "US head of delegation"),
            ("DELEGATE", "Iran head of delegation"),
            # The linked consultation track, the US delegation's head in it too.
            ("MEDIATOR", "White House (convener)"),
            ("DELEGATE", "US head of delegation"),
            ("DELEGATE", "Saudi head of delegation"),
            ("DELEGATE", "Israeli head of delegation"),
        ]
        wait_until_healthy(f"http://127.0.0.1:{port}", process)
        entered = []
        for _, _, url in lines:
            assert url.startswith(f"http://127.0.0.1:{port}/invite/")
            assert "Enter the talk as" in httpx.get(url, timeout=10).text  # spends nothing
            answer = httpx.post(url, follow_redirects=False, timeout=10)
            assert answer.status_code == 303
            assert answer.headers["location"].startswith("/talks/")
            assert "shuttle_session" in answer.headers["set-cookie"]
            assert httpx.post(url, timeout=10).status_code == 404  # used once
            entered.append(answer.headers["location"])
        assert len(set(entered[:3])) == 1 and len(set(entered[3:])) == 1
        assert entered[0] != entered[3]  # two tracks: one link for each
    finally:
        process.terminate()
        process.wait(timeout=15)
