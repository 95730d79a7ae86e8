"""Offers and the joint room on the pages: a delegate offers terms in its room, the mediator
carries them word for word, the other room answers; the parties consent to a joint room,
which then opens for everyone."""

from __future__ import annotations

import httpx

from tests.web.pages.rooms import (
    IRAN,
    US,
    US_READERS,
    Rooms,
    open_rooms,
    stream_text,
    unisolated,
)
from tests.web.pages.test_forms import FIRST_OPTIONS
from tests.web.running import Server

TERMS = {f"term-{i}": option for i, option in enumerate(FIRST_OPTIONS)}


def seq_of(rooms: Rooms, who: httpx.Client, kind: str) -> int:
    """The seq of the last event of `kind` in `who`'s view."""
    events = who.get(f"/api/talks/{rooms.talk}").json()["events"]
    return max(int(e["seq"]) for e in events if e["kind"] == kind)


def test_an_offer_is_made_carried_verbatim_and_answered(server: Server) -> None:
    rooms = open_rooms(server)
    page = rooms.page(rooms.us)
    assert "Make this offer" in page and "word for word" in page
    assert f"Only {US_READERS} can read it." in page  # who reads the offer
    incomplete = rooms.post(rooms.us, "/offer", {"term-0": "paused"}, htmx=True)
    assert incomplete.status_code == 422 and "choose one for Red Sea shipping" in incomplete.text
    assert 'value="paused" selected' in incomplete.text  # what was chosen is kept
    made = rooms.post(rooms.us, "/offer", {**TERMS, "handling": "verbatim-only"})
    assert made.status_code == 303
    offer = seq_of(rooms, rooms.us, "offered")
    assert "offers:" in rooms.page(rooms.us) and "commercial shipping spared" in rooms.page(
        rooms.us
    )
    console = rooms.page(rooms.mediator)
    assert f"Carry offer #{offer}" in console
    assert "the terms themselves, which that room can accept" in console
    assert "offers:" not in rooms.page(rooms.iran)

    carried = rooms.post(
        rooms.mediator, f"/statements/{offer}/carry", {"to": IRAN, "mode": "verbatim"}
    )
    assert carried.status_code == 303
    via = seq_of(rooms, rooms.iran, "conveyed")
    iran = unisolated(rooms.page(rooms.iran))
    assert "brings an offer from the United States room" in iran
    assert f'action="/talks/{rooms.talk}/offers/{via}/answer"' in iran
    assert (
        '<li><span class="issue">Direct Israel-Iran strikes:</span> tacit mutual restraint' in iran
    )
    assert f"{IRAN}: no answer yet" in unisolated(rooms.page(rooms.mediator))

    # Iran cannot answer by the offer's own seq in the US room: as absent as a missing seq.
    by_source = rooms.post(rooms.iran, f"/offers/{offer}/answer", {"accept": "yes"})
    missing = rooms.post(rooms.iran, "/offers/987654/answer", {"accept": "yes"})
    assert by_source.status_code == missing.status_code == 404
    assert by_source.text == missing.text
    # Nor can the offering party answer its own offer's carriage.
    assert rooms.post(rooms.us, f"/offers/{via}/answer", {"accept": "yes"}).status_code == 404

    answered = rooms.post(rooms.iran, f"/offers/{via}/answer", {"accept": "no"}, htmx=True)
    assert answered.status_code == 200 and "Your party rejected this offer" in answered.text
    assert "Your party rejected this offer" in rooms.page(rooms.iran)
    assert "rejects</strong> this offer" in rooms.page(rooms.mediator)
    again = rooms.post(rooms.iran, f"/offers/{via}/answer", {"accept": "yes"}, htmx=True)
    assert again.status_code == 409 and "already answered" in again.text


def test_the_joint_room_opens_when_every_party_consents(server: Server) -> None:
    rooms = open_rooms(server)
    page = unisolated(rooms.page(rooms.us))
    assert "everyone (every party's delegates and" in page
    assert f"Consent to the joint room for {US}" in page
    assert "joint room" in rooms.page(rooms.mediator).lower()
    refused = rooms.post(rooms.us, "/say", {"text": "Hello all.", "room": "joint"}, htmx=True)
    assert refused.status_code == 409 and "every party has consented" in refused.text

    assert rooms.post(rooms.us, "/consent", {"confirm": "yes"}).status_code == 303
    assert "Your party consented to the joint room" in rooms.page(rooms.us)
    assert f"Consented: {US}." in unisolated(rooms.page(rooms.mediator))
    iran = unisolated(rooms.page(rooms.iran))
    assert f"Consent to the joint room for {IRAN}" in iran
    assert f"{US} consented" not in iran and "Your party consented" not in iran

    opened = rooms.post(rooms.iran, "/consent", {"confirm": "yes"}, htmx=True)
    assert opened.status_code == 200
    for who in (rooms.us, rooms.iran):
        page = rooms.page(who)
        assert "The joint room is open" in page and 'id="say-joint-text"' in page
        assert "<strong>Everyone will read it</strong>" in page
    assert 'id="room-joint"' in rooms.page(rooms.mediator)

    said = rooms.post(rooms.iran, "/say", {"text": "We are here to talk.", "room": "joint"})
    assert said.status_code == 303
    rooms.post(rooms.mediator, "/say", {"text": "Welcome, both.", "room": "joint"})
    for who in (rooms.us, rooms.iran, rooms.mediator):
        page = rooms.page(who)
        assert "We are here to talk." in page and "Welcome, both." in page
    us = rooms.page(rooms.us)
    assert us.index("We are here to talk.") > us.index('id="joint-conversation"')


def test_a_release_redraws_the_consoles_carry_form_in_the_stream(rooms: Rooms) -> None:
    rooms.post(rooms.us, "/say", {"text": "Held back for now.", "handling": "mediator-only"})
    seq = next(
        int(e["seq"])
        for e in rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"]
        if e.get("text") == "Held back for now."
    )
    assert "Not for carrying" in rooms.page(rooms.mediator)
    relaxed = {"handling": "may-convey", "confirm": "yes"}
    assert rooms.post(rooms.us, f"/statements/{seq}/release", relaxed).status_code == 303
    streamed = stream_text(rooms.mediator, f"/talks/{rooms.talk}/stream?after={seq}")
    assert f'hx-swap-oob="innerHTML:#carry-slot-{seq}"' in streamed
    assert f'id="handling-{seq}"' in streamed and f"Carry #{seq}" in streamed
    us_stream = stream_text(rooms.us, f"/talks/{rooms.talk}/stream?after={seq}")
    assert f'hx-swap-oob="innerHTML:#release-slot-{seq}"' in us_stream
