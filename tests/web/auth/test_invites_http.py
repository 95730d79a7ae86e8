"""Invite links over HTTP: used once, they become an HttpOnly, SameSite=Lax session cookie
(Secure behind HTTPS); logging out ends the session; nothing secret reaches the server's log."""

from __future__ import annotations

import httpx
import pytest

from tests.web.api.muscat import IRAN_HEAD, Operator
from tests.web.auth.conftest import SECRETS, address, assert_no_secret_in
from tests.web.running import Server


def cookie_of(answer: httpx.Response) -> tuple[str, set[str]]:
    """The session cookie's value and its attributes (lower case), from Set-Cookie."""
    header = answer.headers["set-cookie"]
    first, *attributes = [part.strip() for part in header.split(";")]
    name, _, value = first.partition("=")
    assert name == "shuttle_session"
    return value, {a.lower() for a in attributes}


def test_an_invite_link_works_once_and_sets_a_locked_cookie(operator: Operator) -> None:
    talk = operator.open_talk()
    token = operator.access.invite(talk, IRAN_HEAD)
    browser = httpx.Client(base_url=operator.server.url, headers=address())
    opened = browser.get(f"/invite/{token}")
    assert opened.status_code == 303
    assert opened.headers["location"] == f"/talks/{talk}"
    value, attributes = cookie_of(opened)
    SECRETS.extend([token, value])
    assert {"httponly", "samesite=lax", "path=/"} <= attributes
    assert "secure" not in attributes  # plain http on 127.0.0.1
    me = browser.get("/api/me").json()
    assert (me["kind"], me["talk"], me["participant"]) == ("session", talk, IRAN_HEAD)
    SECRETS.append(browser.get("/api/session").json()["csrf"])
    again = httpx.get(f"{operator.server.url}/invite/{token}", headers=address())
    assert again.status_code == 404
    assert "set-cookie" not in again.headers


def test_behind_https_the_cookie_is_secure(operator: Operator, twin: Server) -> None:
    token = operator.access.invite(operator.open_talk(), IRAN_HEAD)
    opened = httpx.get(f"{twin.url}/invite/{token}", headers=address())
    assert opened.status_code == 303
    value, attributes = cookie_of(opened)
    SECRETS.extend([token, value])
    assert {"secure", "httponly", "samesite=lax"} <= attributes


def test_a_cookie_issued_through_an_https_proxy_is_secure(operator: Operator) -> None:
    """A proxy on this host that says the browser came over HTTPS: the cookie is Secure even
    though the server itself was not started with --secure-cookies."""
    token = operator.access.invite(operator.open_talk(), IRAN_HEAD)
    headers = {**address(), "X-Forwarded-Proto": "https"}
    opened = httpx.get(f"{operator.server.url}/invite/{token}", headers=headers)
    assert opened.status_code == 303
    value, attributes = cookie_of(opened)
    SECRETS.extend([token, value])
    assert "secure" in attributes


@pytest.mark.parametrize("how", ["expired", "forged"])
def test_an_expired_or_forged_invite_fails_alike(operator: Operator, how: str) -> None:
    talk = operator.open_talk()
    token = operator.access.invite(talk, IRAN_HEAD, ttl=-1) if how == "expired" else "x" * 43
    SECRETS.append(token)
    answer = httpx.get(f"{operator.server.url}/invite/{token}", headers=address())
    assert answer.status_code == 404
    assert answer.json() == {"detail": "this invite link is not valid: it was used, or has expired"}
    assert "set-cookie" not in answer.headers


def test_logout_ends_the_session(operator: Operator) -> None:
    talk = operator.open_talk()
    browser = operator.browser(talk, IRAN_HEAD)
    cookie = browser.cookies["shuttle_session"]
    SECRETS.extend([cookie, browser.headers["X-CSRF-Token"]])
    assert browser.get("/api/me").status_code == 200
    # Without its CSRF token a logout is refused: another site cannot sign the user out.
    refused = browser.post("/logout", headers={"X-CSRF-Token": "wrong"})
    assert refused.status_code == 403
    assert browser.get("/api/me").status_code == 200
    out = browser.post("/logout")
    assert (out.status_code, out.headers["location"]) == (303, "/login?out=1")
    stale = httpx.Client(base_url=operator.server.url, cookies={"shuttle_session": cookie})
    assert stale.get("/api/me").status_code == 401
    assert stale.get(f"/api/talks/{talk}").status_code == 401


def test_a_form_logout_carries_its_csrf_token_as_a_field(operator: Operator) -> None:
    talk = operator.open_talk()
    browser = operator.browser(talk, IRAN_HEAD)
    csrf = browser.headers.pop("X-CSRF-Token")
    SECRETS.extend([browser.cookies["shuttle_session"], csrf])
    assert browser.post("/logout", data={"csrf": "wrong"}).status_code == 403
    assert browser.post("/logout", data={"csrf": csrf}).status_code == 303
    assert browser.get("/api/me").status_code == 401


def test_nothing_secret_reaches_the_log(auth_server: Server, twin: Server) -> None:
    """After the tests above (the servers' teardown checks again after every test)."""
    assert SECRETS
    assert_no_secret_in(auth_server.logs())
    assert_no_secret_in(twin.logs())
