"""A mediator's account: log in, find the talks it mediates, open the console, log out. And
the pages' live stream: HTML for the reader's page, resuming after Last-Event-ID."""

from __future__ import annotations

import httpx

from tests.web.pages.rooms import MEDIATOR, Rooms, stream_text
from tests.web.running import Server, shuttle

PASSWORD = "a long passphrase for Muscat"


def test_a_mediator_logs_in_sees_its_talks_and_logs_out(server: Server, rooms: Rooms) -> None:
    shuttle("user", "add", MEDIATOR, db=server.db, stdin=PASSWORD + "\n")
    browser = httpx.Client(base_url=server.url, timeout=30)
    failed = browser.post("/login", data={"user": MEDIATOR, "password": "wrong"})
    assert failed.headers["location"] == "/login?failed=1"
    answer = browser.post("/login", data={"user": MEDIATOR, "password": PASSWORD})
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    home = browser.get("/")
    assert home.status_code == 200 and f'href="/talks/{rooms.talk}"' in home.text
    assert "Muscat, May 2024" in home.text and "Sign out" in home.text
    assert "Only mediators see notes." in browser.get(f"/talks/{rooms.talk}").text
    csrf = browser.get("/api/session").json()["csrf"]
    assert browser.post("/logout", data={}).status_code == 403  # no CSRF token: refused
    out = browser.post("/logout", data={"csrf": csrf})
    assert out.headers["location"] == "/login?out=1"
    assert browser.get("/").headers["location"] == "/login"


def test_the_page_stream_sends_html_and_resumes_after_the_last_event(rooms: Rooms) -> None:
    rooms.post(rooms.us, "/say", {"text": "First words.", "handling": "may-convey"})
    rooms.post(rooms.us, "/say", {"text": "Second words.", "handling": "may-convey"})
    path = f"/talks/{rooms.talk}/stream?after=0"
    everything = stream_text(rooms.us, path)
    assert "event: conversation" in everything and "hx-swap-oob" in everything
    assert "First words." in everything and "Second words." in everything
    first = next(
        e["seq"]
        for e in rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"]
        if e.get("text") == "First words."
    )
    rooms.us.headers["Last-Event-ID"] = str(first)
    try:
        resumed = stream_text(rooms.us, path)
    finally:
        del rooms.us.headers["Last-Event-ID"]
    assert "First words." not in resumed and "Second words." in resumed
