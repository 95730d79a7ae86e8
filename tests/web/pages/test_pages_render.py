"""The room and the console render for the right people, with what each may see."""

from __future__ import annotations

import httpx

from tests.web.pages.rooms import IRAN, US, US_READERS, Rooms, unisolated
from tests.web.running import Server


def test_a_delegate_sees_its_room_with_the_talks_rules(rooms: Rooms) -> None:
    answer = rooms.us.get(f"/talks/{rooms.talk}")
    assert answer.status_code == 200
    page = answer.text
    assert '<html lang="en">' in page
    assert "Illustrative: invented numbers" in page
    assert "Default for this talk: <strong>mediator-only</strong>" in page
    assert f"Only {US_READERS} can read it." in page
    assert "in their own words, to the other rooms" in page
    assert "word for word or not at all" in page
    assert "Your private profile" in page and "Share with the mediator" in page
    assert "Skip to main content" in page
    assert f'value="{rooms.us.headers["X-CSRF-Token"]}"' in page  # forms carry the CSRF field
    assert "Draft editor" not in page and "Private notes" not in page  # the console's


def test_pages_forbid_inline_script_and_other_origins(rooms: Rooms) -> None:
    answer = rooms.iran.get(f"/talks/{rooms.talk}")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in answer.text and "<style" not in answer.text
    assert 'src="/static/vendor/htmx-2.0.11.min.js"' in answer.text
    assert rooms.iran.get("/static/vendor/htmx-2.0.11.min.js").status_code == 200


def test_the_mediator_sees_every_room_side_by_side(rooms: Rooms) -> None:
    page = unisolated(rooms.page(rooms.mediator))
    assert f"{US} room" in page and f"{IRAN} room" in page
    assert "Only mediators see notes." in page
    assert "The full record" in page and 'id="head"' in page
    assert "advice needs a profile from every party" in page  # the engine's refusal, in words
    assert "Circulate as draft version 1" in page


def test_strangers_are_sent_to_login_and_login_says_what_happened(
    server: Server, rooms: Rooms
) -> None:
    stranger = httpx.Client(base_url=server.url)
    answer = stranger.get(f"/talks/{rooms.talk}")
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert stranger.get("/").headers["location"] == "/login"
    login = stranger.get("/login")
    assert login.status_code == 200 and 'action="/login"' in login.text
    assert "Wrong name or password" in stranger.get("/login?failed=1").text
    assert "Signed out" in stranger.get("/login?out=1").text


def test_a_talk_bound_session_goes_home_to_its_talk(rooms: Rooms) -> None:
    answer = rooms.us.get("/")
    assert answer.status_code == 303 and answer.headers["location"] == f"/talks/{rooms.talk}"
