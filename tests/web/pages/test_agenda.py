"""Setting the agenda on the console, for a talk opened without a scenario: lines typed as
"Issue: option, option", refusals in words, and no change once something rests on it."""

from __future__ import annotations

from html import unescape

from tests.web.pages.rooms import Rooms, stream_text, unisolated
from tests.web.running import Server

MEDIATOR, ANN, BO = "Mediator M", "Ann", "Bo"


def bare_talk(server: Server) -> Rooms:
    talk = server.open_talk(
        "--title", "Harbour talks", "--party", "North", "--party", "South",
        "--mediator", MEDIATOR, "--delegate", f"North={ANN}", "--delegate", f"South={BO}",
    )  # fmt: skip
    sessions = (server.browser_session(talk, n) for n in (MEDIATOR, ANN, BO))
    return Rooms(talk, *sessions)


def test_the_mediator_sets_the_agenda_on_the_console(server: Server) -> None:
    rooms = bare_talk(server)
    console = rooms.page(rooms.mediator)
    assert "No agenda yet" in console and "Set the agenda" in console
    assert 'id="draft-slot"' in console and "Circulate as draft" not in console
    assert "has not set the agenda yet" in rooms.page(rooms.us)

    unreadable = rooms.post(rooms.mediator, "/agenda", {"issues": "Fees none low"}, htmx=True)
    assert unreadable.status_code == 422
    assert "line 1 ('Fees none low') needs the issue's name, a colon" in unescape(unreadable.text)
    assert "Fees none low" in unreadable.text  # what was typed stays in the editor
    single = rooms.post(rooms.mediator, "/agenda", {"issues": "Fees: none"}, htmx=True)
    assert single.status_code == 422 and "needs at least two options" in single.text
    twice = rooms.post(rooms.mediator, "/agenda", {"issues": "Fees: a, b\nFees: c, d"}, htmx=True)
    assert twice.status_code == 422 and "on the agenda twice" in twice.text
    assert rooms.post(rooms.us, "/agenda", {"issues": "Fees: a, b"}).status_code == 409

    typed = "Harbour fees: none, halved, full\n\nBerths: 2, 4, 6\n"
    assert rooms.post(rooms.mediator, "/agenda", {"issues": typed}).status_code == 303
    console = rooms.page(rooms.mediator)
    assert "Circulate as draft version 1" in console and "Change the agenda" in console
    assert "Harbour fees: none, halved, full\nBerths: 2, 4, 6" in console  # the editor
    north = unescape(unisolated(rooms.page(rooms.us)))
    assert "Make this offer" in north and "Value of “halved”" in north

    terms = {"term-0": "halved", "term-1": "4"}
    assert rooms.post(rooms.mediator, "/draft", terms).status_code == 303
    assert "can no longer change" in rooms.page(rooms.mediator)
    late = rooms.post(rooms.mediator, "/agenda", {"issues": "Fees: a, b"}, htmx=True)
    assert late.status_code == 409
    assert "Refused: the agenda can no longer change" in late.text
    assert "Allowed: open a new talk for a new agenda." in late.text


def test_the_stream_brings_the_forms_that_rest_on_a_new_agenda(server: Server) -> None:
    rooms = bare_talk(server)
    after = max(e["seq"] for e in rooms.mediator.get(f"/api/talks/{rooms.talk}").json()["events"])
    rooms.post(rooms.mediator, "/agenda", {"issues": "Fees: none, full"})
    party = stream_text(rooms.us, f"/talks/{rooms.talk}/stream?after={after}")
    assert 'hx-swap-oob="innerHTML:#profile-slot"' in party and 'id="profile-weight-0"' in party
    assert 'hx-swap-oob="innerHTML:#offer-slot"' in party and 'id="offer-term-0"' in party
    console = stream_text(rooms.mediator, f"/talks/{rooms.talk}/stream?after={after}")
    assert 'hx-swap-oob="innerHTML:#draft-slot"' in console and 'id="draft-term-0"' in console
    assert 'id="agenda-now" hx-swap-oob="true"' in console
