"""What cannot be taken back asks first: closing the talk, consenting to the joint room and
relaxing a statement's handling. The first submission records nothing and answers with the
question in plain words -- a page of its own without JavaScript, the form's place with HTMX --
whose "yes" posts the same fields again with confirm=yes and the session's CSRF token."""

from __future__ import annotations

import httpx

from tests.web.pages.page_forms import forms_of
from tests.web.pages.rooms import Rooms, open_rooms, said_seq, unisolated
from tests.web.running import Server


def head(rooms: Rooms) -> str:
    """The record's head: it moves with every event recorded."""
    return str(rooms.mediator.get(f"/api/talks/{rooms.talk}").json()["head"])


def question(answer: httpx.Response, action: str) -> dict[str, str]:
    """The fields the question's "yes" sends; the question must post them to `action`."""
    assert answer.status_code == 200, answer.text
    asked = [f for f in forms_of(answer.text) if "confirm" in f.classes.split()]
    assert len(asked) == 1 and asked[0].action == action
    return asked[0].filled()


def test_closing_asks_first_without_javascript(server: Server) -> None:
    rooms = open_rooms(server)
    before = head(rooms)
    answer = rooms.post(rooms.mediator, "/close", {"reason": "No zone of agreement."})
    page = unisolated(answer.text)
    assert "<html" in page and "Please confirm" in page and "Nothing has been done yet." in page
    assert "Closing ends the talk for everyone: nobody can speak, carry or sign after it" in page
    assert "Yes, close it" in page and ">Go back</a>" in page
    assert f'href="/talks/{rooms.talk}#incidents-title"' in page
    sent = question(answer, f"/talks/{rooms.talk}/close")
    assert sent == {
        "csrf": rooms.mediator.headers["X-CSRF-Token"],
        "reason": "No zone of agreement.",
        "confirm": "yes",
    }
    assert head(rooms) == before  # nothing recorded yet
    assert "This talk is closed" not in rooms.page(rooms.us)

    done = rooms.mediator.post(f"/talks/{rooms.talk}/close", data=sent)
    assert done.status_code == 303 and head(rooms) != before
    assert "This talk is closed" in rooms.page(rooms.us)


def test_closing_asks_in_place_of_the_form_with_htmx(server: Server) -> None:
    rooms = open_rooms(server)
    before = head(rooms)
    answer = rooms.post(rooms.mediator, "/close", {"reason": ""}, htmx=True)
    assert "<html" not in answer.text
    assert answer.text.lstrip().startswith('<form id="close" class="form confirm"')
    assert f'hx-post="/talks/{rooms.talk}/close"' in answer.text and 'role="alert"' in answer.text
    sent = question(answer, f"/talks/{rooms.talk}/close")
    assert sent["confirm"] == "yes" and sent["csrf"] == rooms.mediator.headers["X-CSRF-Token"]
    assert head(rooms) == before

    done = rooms.post(rooms.mediator, "/close", {"reason": "", "confirm": "yes"}, htmx=True)
    assert done.status_code == 200 and "Done: event #" in done.text
    assert 'id="close"' in done.text and "<button" not in done.text  # no form to close again
    assert head(rooms) != before


def test_whoever_the_rules_refuse_is_refused_at_once(rooms: Rooms) -> None:
    """A question that could only lead to a refusal is not asked."""
    refused = rooms.post(rooms.us, "/close", {"reason": "We leave."}, htmx=True)
    assert refused.status_code == 409 and "only a mediator closes a talk" in refused.text


def test_consenting_asks_first_both_ways(server: Server) -> None:
    rooms = open_rooms(server)
    before = head(rooms)
    plain = rooms.post(rooms.us, "/consent", {})
    words = unisolated(plain.text)
    assert "You consent for United States as a whole, and consent cannot be withdrawn." in words
    assert "everything said there is read by every party's delegates and" in words
    assert "Yes, consent" in words and "<html" in words
    question(plain, f"/talks/{rooms.talk}/consent")
    htmx = rooms.post(rooms.us, "/consent", {}, htmx=True)
    assert htmx.text.lstrip().startswith('<form id="consent" class="form confirm"')
    assert head(rooms) == before
    assert "Your party consented" not in rooms.page(rooms.us)

    done = rooms.post(rooms.us, "/consent", {"confirm": "yes"}, htmx=True)
    assert done.status_code == 200 and "Your party consented to the joint room" in done.text
    assert head(rooms) != before


def test_relaxing_a_handling_asks_first_and_tightening_does_not(server: Server) -> None:
    rooms = open_rooms(server)
    rooms.post(rooms.us, "/say", {"text": "Held back.", "handling": "mediator-only"})
    seq = said_seq(rooms, rooms.us, "Held back.")
    path = f"/statements/{seq}/release"
    before = head(rooms)
    asked = rooms.post(rooms.us, path, {"handling": "may-convey"}, htmx=True)
    words = unisolated(asked.text)
    assert asked.text.lstrip().startswith(f'<form id="release-{seq}" class="form confirm"')
    assert f"Statement #{seq} is mediator-only now. Changing it to may-convey lets" in words
    assert "Once it has been carried, it can never be made stricter again" in words
    assert 'name="handling" value="may-convey"' in asked.text
    plain = rooms.post(rooms.us, path, {"handling": "verbatim-only"})
    assert "<html" in plain.text and "Yes, change it to verbatim-only" in plain.text
    assert head(rooms) == before

    relaxed = rooms.post(rooms.us, path, {"handling": "may-convey", "confirm": "yes"})
    assert relaxed.status_code == 303 and head(rooms) != before
    # Back to stricter (nothing was carried yet): nothing more can happen, so no question.
    tightened = rooms.post(rooms.us, path, {"handling": "mediator-only"}, htmx=True)
    assert tightened.status_code == 200 and "Done: event #" in tightened.text
