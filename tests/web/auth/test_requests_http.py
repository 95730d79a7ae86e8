"""Which requests count: a cookie session's unsafe request needs its CSRF token and without it
records nothing; a bearer token needs none; a revoked token, or none at all, gets 401."""

from __future__ import annotations

import httpx
import pytest

from tests.web.api.muscat import IRAN_HEAD, Operator
from tests.web.auth.conftest import SECRETS
from tests.web.running import shuttle


@pytest.mark.parametrize("csrf", [None, "", "not the session's token"])
def test_a_cookie_session_without_its_csrf_token_records_nothing(
    operator: Operator, csrf: str | None
) -> None:
    talk = operator.open_talk()
    browser = operator.browser(talk, IRAN_HEAD)
    right = browser.headers.pop("X-CSRF-Token")
    SECRETS.extend([right, browser.cookies["shuttle_session"]])
    before = browser.get(f"/api/talks/{talk}").json()["head"]
    headers = {} if csrf is None else {"X-CSRF-Token": csrf}
    answer = browser.post(
        f"/api/talks/{talk}/statements", json={"text": "forged by another site"}, headers=headers
    )
    assert answer.status_code == 403
    assert "CSRF" in answer.json()["detail"]
    assert browser.get(f"/api/talks/{talk}").json()["head"] == before
    # Another session's token does not do either.
    other = operator.browser(talk, IRAN_HEAD).headers["X-CSRF-Token"]
    assert other != right
    stolen = browser.post(
        f"/api/talks/{talk}/statements", json={"text": "x"}, headers={"X-CSRF-Token": other}
    )
    assert stolen.status_code == 403
    ok = browser.post(
        f"/api/talks/{talk}/statements", json={"text": "mine"}, headers={"X-CSRF-Token": right}
    )
    assert ok.status_code == 201


def test_a_bearer_token_needs_no_csrf_token(operator: Operator) -> None:
    talk = operator.open_talk()
    program = operator.bearer(talk, IRAN_HEAD)
    answer = program.post(f"/api/talks/{talk}/statements", json={"text": "from a program"})
    assert answer.status_code == 201
    assert program.get("/api/session").status_code == 404  # no session, no CSRF token


def test_a_revoked_token_gets_401(operator: Operator) -> None:
    talk = operator.open_talk()
    token = shuttle("token", "issue", talk, IRAN_HEAD, db=operator.server.db).strip()
    SECRETS.append(token)
    program = httpx.Client(
        base_url=operator.server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert program.get(f"/api/talks/{talk}").status_code == 200
    assert shuttle("token", "revoke", token, db=operator.server.db).strip() == "revoked"
    for answer in (
        program.get(f"/api/talks/{talk}"),
        program.post(f"/api/talks/{talk}/statements", json={"text": "still here?"}),
    ):
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz"]
)
def test_no_credential_or_a_bad_one_gets_401(operator: Operator, authorization: str | None) -> None:
    talk = operator.open_talk()
    headers = {} if authorization is None else {"Authorization": authorization}
    client = httpx.Client(base_url=operator.server.url, headers=headers, timeout=30)
    assert client.get(f"/api/talks/{talk}").status_code == 401
    assert client.post(f"/api/talks/{talk}/statements", json={"text": "x"}).status_code == 401
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/health").json() == {"status": "ok"}
