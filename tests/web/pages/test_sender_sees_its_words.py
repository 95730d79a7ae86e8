"""After "Say it", the sender's words are in its conversation at once: the form's answer brings
them, as its page shows them, besides the form cleared. The live stream brings the same item
with the same id (its seq), so the page keeps one of the two (shuttle.js)."""

from __future__ import annotations

import re

from tests.web.pages.page_forms import forms_of
from tests.web.pages.rooms import Rooms, said_seq, stream_text


def appended(answer: str, target: str) -> list[str]:
    """The ids of the items an answer appends to the list `target`."""
    pieces = re.findall(rf'<div hx-swap-oob="beforeend:#{target}">\s*<li id="([^"]+)"', answer)
    return list(pieces)


def test_a_delegate_sees_its_words_at_once_and_the_form_cleared(rooms: Rooms) -> None:
    words = "We would accept a phased approach."
    answer = rooms.post(rooms.us, "/say", {"text": words, "handling": "may-convey"}, htmx=True)
    assert answer.status_code == 200
    seq = said_seq(rooms, rooms.us, words)
    assert appended(answer.text, "conversation") == [f"said-{seq}"]
    item = answer.text.split(f'<li id="said-{seq}"', 1)[1].split("</li>", 1)[0]
    assert 'class="item kind-said own"' in item and words in item
    say = next(f for f in forms_of(answer.text) if f.id == "say")
    assert next(f.value for f in say.fields if f.name == "text") == ""  # cleared
    # The stream brings the very same item, by the same id.
    streamed = stream_text(rooms.us, f"/talks/{rooms.talk}/stream?after={seq - 1}")
    assert appended(streamed, "conversation")[:1] == [f"said-{seq}"]


def test_the_mediator_sees_its_words_at_once_in_the_rooms_column(rooms: Rooms) -> None:
    words = "Both sides have shown restraint this week."
    answer = rooms.post(rooms.mediator, "/say", {"text": words, "room": "Iran"}, htmx=True)
    assert answer.status_code == 200
    seq = said_seq(rooms, rooms.mediator, words)
    assert appended(answer.text, "room-1") == [f"room-item-{seq}"]
    assert appended(answer.text, "record") == [f"record-{seq}"]
    form = next(f for f in forms_of(answer.text) if f.id == "say-room-1")
    assert next(f.value for f in form.fields if f.name == "text") == ""
    assert "Done: event #" in answer.text


def test_a_refused_statement_adds_nothing(rooms: Rooms) -> None:
    refused = rooms.post(rooms.us, "/say", {"text": "Hello all.", "room": "joint"}, htmx=True)
    assert refused.status_code == 409 and "hx-swap-oob" not in refused.text
