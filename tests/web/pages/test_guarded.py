"""The leak guard on the mediator's page: words for a room that come close to what the room
may not have are asked about first (nothing recorded), "Send anyway" sends them and "Don't
send" holds them; both choices land in the mediators' notes, which no party reads."""

from __future__ import annotations

import httpx

from tests.web.pages.page_forms import forms_of
from tests.web.pages.rooms import IRAN, US, Rooms, open_rooms, said_seq, unisolated
from tests.web.running import Server

SECRET = "We can only sign before June 30; after that our parliament takes over."
LEAK = "I understand they need everything signed by the end of June."
HARMLESS = "Shall we meet again tomorrow morning?"


def head(rooms: Rooms) -> str:
    return str(rooms.mediator.get(f"/api/talks/{rooms.talk}").json()["head"])


def answer_form(answer: httpx.Response, which: str) -> dict[str, str]:
    [form] = [f for f in forms_of(answer.text) if which in f.classes.split()]
    return form.filled()


def notes(rooms: Rooms, who: httpx.Client) -> list[str]:
    events = who.get(f"/api/talks/{rooms.talk}").json()["events"]
    return [str(e["text"]) for e in events if e["kind"] == "noted"]


def test_a_paraphrase_near_a_kept_date_is_asked_about_and_sent_anyway(server: Server) -> None:
    rooms = open_rooms(server)
    rooms.post(rooms.iran, "/say", {"text": SECRET, "handling": "mediator-only"})
    secret = said_seq(rooms, rooms.mediator, SECRET)
    before = head(rooms)
    asked = rooms.post(rooms.mediator, "/say", {"room": US, "text": LEAK}, htmx=True)
    assert asked.status_code == 200 and head(rooms) == before
    text = unisolated(asked.text)
    assert "come close to something" in text and f"#{secret}</a> in the {IRAN} room" in text
    assert 'the date <q dir="auto">end of June</q>, close to <q dir="auto">June 30</q>' in text
    assert "Send anyway" in text and "Don&#39;t send" in text
    sent = rooms.mediator.post(
        f"/talks/{rooms.talk}/say",
        data=answer_form(asked, "confirm"),
        headers={"HX-Request": "true"},
    )
    assert sent.status_code == 200, sent.text
    assert LEAK in [
        e.get("text") for e in rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"]
    ]
    [note] = notes(rooms, rooms.mediator)
    assert "sent anyway" in note and f"statement {secret}" in note and "end of June" in note
    assert notes(rooms, rooms.us) == [] and notes(rooms, rooms.iran) == []
    for party in (rooms.us, rooms.iran):
        assert "come close to" not in rooms.page(party)


def test_dont_send_holds_the_words_and_notes_the_choice(server: Server) -> None:
    rooms = open_rooms(server)
    rooms.post(rooms.iran, "/say", {"text": SECRET, "handling": "mediator-only"})
    asked = rooms.post(rooms.mediator, "/say", {"room": US, "text": LEAK})  # without JavaScript
    assert "<html" in asked.text and "Nothing has been done yet." in asked.text
    before = head(rooms)
    held = rooms.mediator.post(f"/talks/{rooms.talk}/say", data=answer_form(asked, "decline"))
    assert held.status_code == 200
    assert "Not sent." in held.text and LEAK in held.text  # the words stay on the form
    us_texts = [e.get("text") for e in rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"]]
    assert LEAK not in us_texts
    [note] = notes(rooms, rooms.mediator)
    assert "not sent" in note and head(rooms) != before  # only the note was recorded


def test_harmless_words_and_delegates_are_not_asked(server: Server) -> None:
    rooms = open_rooms(server)
    rooms.post(rooms.iran, "/say", {"text": SECRET, "handling": "mediator-only"})
    before = head(rooms)
    done = rooms.post(rooms.mediator, "/say", {"room": US, "text": HARMLESS}, htmx=True)
    assert "Done: event" in done.text and head(rooms) != before
    own = rooms.post(rooms.us, "/say", {"text": "We too want it by the end of June."}, htmx=True)
    assert "Done: event" in own.text
    assert notes(rooms, rooms.mediator) == []
