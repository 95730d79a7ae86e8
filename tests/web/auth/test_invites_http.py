"""Invite links over HTTP: opening one shows a page and spends nothing; its button makes it an
HttpOnly, SameSite=Lax session cookie (Secure behind HTTPS), once; a used link goes back to the
room in the browser that used it, and is a page saying to ask for a new one anywhere else;
logging out ends the session; nothing secret reaches the server's log."""

from __future__ import annotations

import httpx
import pytest

from shuttle.talks import Join, Leave, Role
from tests.web.api.muscat import IRAN_HEAD, MEDIATOR, Operator
from tests.web.auth.conftest import SECRETS, address, assert_no_secret_in
from tests.web.running import Server


def cookie_of(answer: httpx.Response) -> tuple[str, set[str]]:
    """The session cookie's value and its attributes (lower case), from Set-Cookie."""
    header = answer.headers["set-cookie"]
    first, *attributes = [part.strip() for part in header.split(";")]
    name, _, value = first.partition("=")
    assert name == "shuttle_session"
    return value, {a.lower() for a in attributes}


SPENT = "This link no longer works"


def test_opening_a_link_spends_nothing_and_its_button_enters_once(operator: Operator) -> None:
    talk = operator.open_talk()
    token = operator.access.invite(talk, IRAN_HEAD)
    preview = httpx.get(f"{operator.server.url}/invite/{token}", headers=address())
    browser = httpx.Client(base_url=operator.server.url, headers=address())
    shown = browser.get(f"/invite/{token}")
    for page in (preview, shown):
        assert page.status_code == 200 and "set-cookie" not in page.headers
        assert f"Enter the talk as <bdi>{IRAN_HEAD}</bdi>" in page.text
    opened = browser.post(f"/invite/{token}")
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
    assert again.status_code == 404 and SPENT in again.text
    assert "Ask your mediator for a new link" in again.text
    assert "set-cookie" not in again.headers
    assert httpx.post(f"{operator.server.url}/invite/{token}", headers=address()).status_code == 404
    # The browser that used it is taken back to its room, by the link or by its button.
    for method in ("GET", "POST"):
        back = browser.request(method, f"/invite/{token}")
        assert (back.status_code, back.headers["location"]) == (303, f"/talks/{talk}")


def test_a_button_pressed_on_another_site_enters_nothing(operator: Operator) -> None:
    """Another site's page cannot sign a visitor in as the holder of the site's own link."""
    token = operator.access.invite(operator.open_talk(), IRAN_HEAD)
    SECRETS.append(token)
    url = f"{operator.server.url}/invite/{token}"
    forged = httpx.post(url, headers={**address(), "Sec-Fetch-Site": "cross-site"})
    assert (forged.status_code, forged.headers["location"]) == (303, f"/invite/{token}")
    assert "set-cookie" not in forged.headers
    entered = httpx.post(url, headers={**address(), "Sec-Fetch-Site": "same-origin"})
    assert entered.status_code == 303 and "shuttle_session" in entered.headers["set-cookie"]
    SECRETS.append(entered.cookies["shuttle_session"])


def test_a_new_link_replaces_a_lost_one(operator: Operator) -> None:
    talk = operator.open_talk()
    lost = operator.access.invite(talk, IRAN_HEAD)
    new = operator.access.invite(talk, IRAN_HEAD)
    SECRETS.extend([lost, new])
    assert httpx.post(f"{operator.server.url}/invite/{lost}", headers=address()).status_code == 404
    entered = httpx.post(f"{operator.server.url}/invite/{new}", headers=address())
    assert entered.status_code == 303
    SECRETS.append(entered.cookies["shuttle_session"])


def test_behind_https_the_cookie_is_secure(operator: Operator, twin: Server) -> None:
    token = operator.access.invite(operator.open_talk(), IRAN_HEAD)
    opened = httpx.post(f"{twin.url}/invite/{token}", headers=address())
    assert opened.status_code == 303
    value, attributes = cookie_of(opened)
    SECRETS.extend([token, value])
    assert {"secure", "httponly", "samesite=lax"} <= attributes


def test_a_cookie_issued_through_an_https_proxy_is_secure(operator: Operator) -> None:
    """A proxy on this host that says the browser came over HTTPS: the cookie is Secure even
    though the server itself was not started with --secure-cookies."""
    token = operator.access.invite(operator.open_talk(), IRAN_HEAD)
    headers = {**address(), "X-Forwarded-Proto": "https"}
    opened = httpx.post(f"{operator.server.url}/invite/{token}", headers=headers)
    assert opened.status_code == 303
    value, attributes = cookie_of(opened)
    SECRETS.extend([token, value])
    assert "secure" in attributes


@pytest.mark.parametrize("how", ["expired", "forged"])
def test_an_expired_or_forged_invite_fails_alike(operator: Operator, how: str) -> None:
    talk = operator.open_talk()
    token = operator.access.invite(talk, IRAN_HEAD, ttl=-1) if how == "expired" else "x" * 43
    SECRETS.append(token)
    for method in ("GET", "POST"):
        answer = httpx.request(method, f"{operator.server.url}/invite/{token}", headers=address())
        assert answer.status_code == 404 and SPENT in answer.text
        assert "set-cookie" not in answer.headers


def test_a_removed_participants_link_no_longer_works(operator: Operator) -> None:
    talk = operator.open_talk()
    token = operator.access.invite(talk, IRAN_HEAD)
    SECRETS.append(token)
    operator.service.execute(talk, Leave(MEDIATOR, IRAN_HEAD))
    for method in ("GET", "POST"):
        answer = httpx.request(method, f"{operator.server.url}/invite/{token}", headers=address())
        assert answer.status_code == 404 and SPENT in answer.text


def test_a_co_mediator_without_an_account_chooses_a_password_once(operator: Operator) -> None:
    talk = operator.open_talk()
    name = f"Qatar {talk[:8]}"
    operator.service.execute(talk, Join(MEDIATOR, name, Role.MEDIATOR))
    token = operator.access.account_invite(name, talk)
    SECRETS.append(token)
    browser = httpx.Client(base_url=operator.server.url, headers=address())
    shown = browser.get(f"/invite/{token}")
    assert shown.status_code == 200 and "Choose a password" in shown.text
    differ = browser.post(
        f"/invite/{token}/password", data={"password": "a" * 12, "again": "b" * 12}
    )
    assert differ.status_code == 422 and "The two passwords differ" in differ.text
    short = browser.post(f"/invite/{token}/password", data={"password": "a", "again": "a"})
    assert short.status_code == 422 and "at least 12 characters" in short.text
    password = "a good long passphrase"
    SECRETS.append(password)
    made = browser.post(f"/invite/{token}/password", data={"password": password, "again": password})
    assert (made.status_code, made.headers["location"]) == (303, f"/talks/{talk}")
    SECRETS.append(made.cookies["shuttle_session"])
    assert browser.get("/api/me").json()["user"] == name
    assert browser.get(f"/talks/{talk}").status_code == 200
    # Used: a second try makes nothing; the account signs in with its password.
    again = httpx.post(
        f"{operator.server.url}/invite/{token}/password",
        data={"password": "another passphrase", "again": "another passphrase"},
        headers=address(),
    )
    assert again.status_code == 404
    signed_in = httpx.post(
        f"{operator.server.url}/login", data={"user": name, "password": password}, headers=address()
    )
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"


def test_a_password_link_makes_an_account_that_opens_no_other_talk_of_its_name(
    operator: Operator,
) -> None:
    """A mediator may name a co-mediator after another talk's mediator, or a mediator to be,
    and set that account's password: the account acts in the talk its link came from and the
    talks it opens, never in another talk that names a mediator so."""
    victim = operator.open_talk(mediator="Sultanate envoy")
    mine = operator.open_talk()
    operator.service.execute(mine, Join(MEDIATOR, "Sultanate envoy", Role.MEDIATOR))
    token = operator.access.account_invite("Sultanate envoy", mine)
    SECRETS.append(token)
    password = "a takeover attempt"
    SECRETS.append(password)
    browser = httpx.Client(base_url=operator.server.url, headers=address())
    made = browser.post(f"/invite/{token}/password", data={"password": password, "again": password})
    assert (made.status_code, made.headers["location"]) == (303, f"/talks/{mine}")
    SECRETS.append(made.cookies["shuttle_session"])
    later = operator.open_talk(mediator="Sultanate envoy")
    operator.bearer(later, IRAN_HEAD).post(
        f"/api/talks/{later}/statements", json={"text": "Our floor is 9."}
    )
    assert browser.get(f"/talks/{mine}").status_code == 200
    for talk in (victim, later):
        assert browser.get(f"/talks/{talk}").status_code == 404
        assert browser.get(f"/api/talks/{talk}").status_code == 404
    assert [c["talk"] for c in browser.get("/api/talks").json()] == [mine]
    # The real envoy of the later talk, handed its link, may keep it in the account: an
    # explicit act, with that talk's own link.
    browser.headers["X-CSRF-Token"] = browser.get("/api/session").json()["csrf"]
    link = operator.access.invite(later, "Sultanate envoy")
    SECRETS.append(link)
    kept = browser.post(f"/invite/{link}/keep", data={"csrf": browser.headers["X-CSRF-Token"]})
    assert kept.status_code == 303, kept.text
    assert browser.get(f"/api/talks/{later}").status_code == 200


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
