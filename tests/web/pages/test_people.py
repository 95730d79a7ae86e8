"""The people page: for a talk's mediators alone; adding someone, making a link that replaces
the old one, and removing someone only after a second step (which works without JavaScript),
after which their session is over and every page names them no more as a reader."""

from __future__ import annotations

import httpx

from tests.web.api.muscat import IRAN_HEAD, MEDIATOR, US_HEAD
from tests.web.pages.rooms import open_rooms
from tests.web.running import Server


def test_the_page_is_the_mediators_alone(server: Server) -> None:
    rooms = open_rooms(server)
    page = rooms.mediator.get(f"/talks/{rooms.talk}/people")
    assert page.status_code == 200
    assert US_HEAD in page.text and IRAN_HEAD in page.text
    for delegate in (rooms.us, rooms.iran):
        assert delegate.get(f"/talks/{rooms.talk}/people").status_code == 404
        refused = rooms.post(delegate, "/people/link", {"name": US_HEAD})
        assert refused.status_code == 404


def test_adding_names_the_problem_beside_the_form(server: Server) -> None:
    rooms = open_rooms(server)
    taken = rooms.post(rooms.mediator, "/people/add", {"name": US_HEAD, "role": "delegate"})
    assert taken.status_code == 409 and "already takes part" in taken.text
    added = rooms.post(
        rooms.mediator, "/people/add", {"name": "Qatar", "role": "mediator", "party": "Iran"}
    )
    assert added.status_code == 200 and "Qatar was added" in added.text
    # The US room now names the co-mediator among its readers.
    assert "Qatar" in rooms.page(rooms.us).split('id="room-readers"')[1].split("</span>")[-2]


def test_a_new_link_replaces_the_old_one(server: Server) -> None:
    rooms = open_rooms(server)
    first = rooms.post(rooms.mediator, "/people/link", {"name": IRAN_HEAD})
    second = rooms.post(rooms.mediator, "/people/link", {"name": IRAN_HEAD})
    old, new = (
        answer.text.split('id="made-url" readonly value="')[1].split('"')[0]
        for answer in (first, second)
    )
    assert old != new
    assert httpx.post(old).status_code == 404
    assert httpx.post(new, follow_redirects=False).status_code == 303
    assert "whoever entered with one is signed out" in second.text


def test_a_new_link_signs_out_whoever_entered_with_an_old_one(server: Server) -> None:
    # A link reported lost may have been used by someone else: the new one ends their session.
    rooms = open_rooms(server)
    assert rooms.iran.get(f"/talks/{rooms.talk}").status_code == 200
    rooms.post(rooms.mediator, "/people/link", {"name": IRAN_HEAD})
    out = rooms.iran.get(f"/talks/{rooms.talk}")
    assert out.status_code == 303 and out.headers["location"].startswith("/login")
    assert rooms.iran.get("/api/me").status_code == 401
    assert rooms.us.get(f"/talks/{rooms.talk}").status_code == 200


def test_a_delegates_account_named_like_a_mediator_is_no_mediators_account(
    server: Server,
) -> None:
    rooms = open_rooms(server)
    rooms.post(rooms.mediator, "/people/add", {"name": "Qatar envoy", "role": "mediator"})
    # A delegate's link made an account with that name: it acts only through its seats.
    _, access = server.operator
    access.make_account(access.invite(rooms.talk, US_HEAD), "Qatar envoy", "a long passphrase")
    page = rooms.mediator.get(f"/talks/{rooms.talk}/people").text
    rows = {row.split("</bdi>")[0]: row for row in page.split('<th scope="row"><bdi>')[1:]}
    assert "Signs in with an account" not in rows["Qatar envoy"]
    # The delegate whose link made the account keeps its place there: the page says so.
    assert "Signs in with an account" in rows[US_HEAD]


def test_removing_asks_first_then_ends_the_session(server: Server) -> None:
    rooms = open_rooms(server)
    asked = rooms.post(rooms.mediator, "/people/remove", {"name": US_HEAD})
    assert asked.status_code == 200 and "cannot be undone" in asked.text
    assert 'name="confirm" value="yes"' in asked.text
    assert rooms.us.get(f"/talks/{rooms.talk}").status_code == 200  # nothing happened yet
    done = rooms.post(rooms.mediator, "/people/remove", {"name": US_HEAD, "confirm": "yes"})
    assert done.status_code == 200 and f"{US_HEAD} was removed" in done.text
    gone = rooms.us.get(f"/talks/{rooms.talk}", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/login"
    events = rooms.mediator.get(f"/api/talks/{rooms.talk}").json()["events"]
    assert events[-1]["kind"] == "left" and events[-1]["name"] == US_HEAD
    # The last mediator is never removed: the refusal says why.
    alone = rooms.post(rooms.mediator, "/people/remove", {"name": MEDIATOR, "confirm": "yes"})
    assert alone.status_code == 409 and "only mediator" in alone.text
