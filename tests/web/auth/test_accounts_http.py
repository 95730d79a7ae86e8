"""Mediators' accounts over HTTP: `shuttle user add` (password from stdin), POST /login, and
acting only in talks where that name is a mediator."""

from __future__ import annotations

import httpx

from tests.web.api.muscat import IRAN, MEDIATOR, US_HEAD, Operator
from tests.web.auth.conftest import SECRETS, address
from tests.web.running import shuttle

PASSWORD = "frankincense and myrrh, 2024"
SECRETS.append(PASSWORD)


def log_in(operator: Operator, user: str, password: str) -> httpx.Client:
    browser = httpx.Client(base_url=operator.server.url, headers=address())
    answer = browser.post("/login", data={"user": user, "password": password})
    assert answer.status_code == 303, answer.text
    SECRETS.extend([password, browser.cookies["shuttle_session"]])
    return browser


def test_a_mediator_logs_in_and_acts_only_where_it_mediates(operator: Operator) -> None:
    shuttle("user", "add", MEDIATOR, db=operator.server.db, stdin=PASSWORD + "\n")
    mine, also_mine = operator.open_talk(), operator.open_talk()
    browser = log_in(operator, MEDIATOR, PASSWORD)
    assert "shuttle_session" in browser.cookies
    assert browser.get("/api/me").json()["user"] == MEDIATOR
    browser.headers["X-CSRF-Token"] = browser.get("/api/session").json()["csrf"]
    for talk in (mine, also_mine):
        said = browser.post(f"/api/talks/{talk}/statements", json={"text": "Hello", "room": IRAN})
        assert said.status_code == 201, said.text
    # A talk with another mediator: as absent as a talk that does not exist.
    elsewhere = operator.open_talk(mediator="Qatar (mediator)")
    for talk in (elsewhere, "no-such-talk", "nul%00talk"):
        assert browser.get(f"/api/talks/{talk}").status_code == 404
        answer = browser.post(f"/api/talks/{talk}/statements", json={"text": "x", "room": IRAN})
        assert answer.status_code == 404
        assert answer.json()["error"] == "notfound"


def test_an_account_named_like_a_delegate_cannot_act_as_that_delegate(operator: Operator) -> None:
    shuttle("user", "add", US_HEAD, db=operator.server.db, stdin=PASSWORD + "\n")
    talk = operator.open_talk()
    browser = log_in(operator, US_HEAD, PASSWORD)
    assert browser.get(f"/api/talks/{talk}").status_code == 404


def test_a_wrong_password_and_an_unknown_user_look_the_same(operator: Operator) -> None:
    shuttle("user", "add", "Oman (second mediator)", db=operator.server.db, stdin=PASSWORD + "\n")
    answers = [
        httpx.post(
            f"{operator.server.url}/login",
            data={"user": user, "password": password},
            headers=address(),
        )
        for user, password in [
            ("Oman (second mediator)", PASSWORD + "?"),
            ("Nobody at all", PASSWORD),
            ("Nobody\x00", PASSWORD),
        ]
    ]
    for answer in answers:
        assert answer.status_code == 303
        assert answer.headers["location"] == "/login?failed=1"
        assert "set-cookie" not in answer.headers
    assert len({a.content for a in answers}) == 1


def test_another_sites_page_cannot_sign_a_visitor_in(operator: Operator) -> None:
    """A page elsewhere that posts the sign-in form (an account of its own choosing) signs no
    one in: the visitor would then enter by its own link into that account."""
    name = "Oman (sign-in from elsewhere)"
    shuttle("user", "add", name, db=operator.server.db, stdin=PASSWORD + "\n")
    url = f"{operator.server.url}/login"
    form = {"user": name, "password": PASSWORD}
    host = operator.server.url.split("//", 1)[1]
    for forged in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://elsewhere.example"},
        {"Origin": "null"},
    ):
        answer = httpx.post(url, data=form, headers={**address(), **forged})
        assert (answer.status_code, answer.headers["location"]) == (303, "/login"), forged
        assert "set-cookie" not in answer.headers
    for own in ({"Sec-Fetch-Site": "same-origin"}, {"Origin": f"http://{host}"}, {}):
        answer = httpx.post(url, data=form, headers={**address(), **own})
        assert answer.status_code == 303 and answer.headers["location"] == "/", own
        SECRETS.append(answer.cookies["shuttle_session"])
