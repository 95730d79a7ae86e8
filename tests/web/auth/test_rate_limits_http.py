"""Failed invite and login attempts are limited per address in the database: the limit holds
across two server processes sharing one database."""

from __future__ import annotations

import httpx

from shuttle.web.settings import Settings
from tests.web.api.muscat import IRAN_HEAD, Operator
from tests.web.auth.conftest import SECRETS, address
from tests.web.running import Server

LOGIN_LIMIT = Settings().login_limit
INVITE_LIMIT = Settings().invite_limit


def test_failed_logins_are_limited_across_two_servers(auth_server: Server, twin: Server) -> None:
    here, elsewhere = address(), address()
    servers = [auth_server.url, twin.url]
    guess = {"user": "Oman", "password": "a guess at the password"}
    for n in range(LOGIN_LIMIT):
        answer = httpx.post(f"{servers[n % 2]}/login", data=guess, headers=here)
        assert answer.status_code == 303, f"attempt {n + 1}: {answer.text}"
    for url in servers:
        blocked = httpx.post(f"{url}/login", data=guess, headers=here)
        assert blocked.status_code == 429
        assert "too many login attempts" in blocked.json()["detail"]
    # Another address is not slowed down.
    assert httpx.post(f"{twin.url}/login", data=guess, headers=elsewhere).status_code == 303


def test_failed_invites_are_limited_across_two_servers_even_for_a_good_link(
    operator: Operator, auth_server: Server, twin: Server
) -> None:
    here = address()
    good = operator.access.invite(operator.open_talk(), IRAN_HEAD)
    servers = [auth_server.url, twin.url]
    for n in range(INVITE_LIMIT):
        answer = httpx.get(f"{servers[n % 2]}/invite/guess-{n}", headers=here)
        assert answer.status_code == 404, f"attempt {n + 1}"
    for url in servers:
        assert httpx.get(f"{url}/invite/{good}", headers=here).status_code == 429
        assert httpx.post(f"{url}/invite/{good}", headers=here).status_code == 429
    # The good link is still unused: from another address it opens.
    opened = httpx.post(f"{twin.url}/invite/{good}", headers=address())
    assert opened.status_code == 303
    SECRETS.extend([good, opened.cookies["shuttle_session"]])
