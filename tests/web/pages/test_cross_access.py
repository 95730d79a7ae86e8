"""A delegate reaches nothing of another party's room through the pages: every route called
with the other room's ids answers 404, with nothing of that room in the body."""

from __future__ import annotations

import pytest

from tests.web.pages.rooms import IRAN, US, Rooms, said_seq, stream_text
from tests.web.running import Server

SECRET = "Our bottom line on sanctions is humanitarian funds."


@pytest.fixture(scope="module")
def secret(rooms: Rooms) -> int:
    """The seq of a statement in the US room that Iran must never reach."""
    rooms.post(rooms.us, "/say", {"text": SECRET, "handling": "may-convey"})
    return said_seq(rooms, rooms.us, SECRET)


def test_another_partys_statement_ids_are_not_found(rooms: Rooms, secret: int) -> None:
    seq = secret
    attempts = [
        rooms.post(rooms.iran, f"/statements/{seq}/release", {"handling": "mediator-only"}),
        rooms.post(rooms.iran, f"/statements/{seq}/release", {"handling": "x"}, htmx=True),
        rooms.post(rooms.iran, f"/statements/{seq}/carry", {"to": US, "mode": "verbatim"}),
        rooms.post(rooms.iran, f"/offers/{seq}/answer", {"accept": "yes"}),
    ]
    for answer in attempts:
        assert answer.status_code == 404, answer.text
        assert SECRET not in answer.text and US not in answer.text
    # The same answer as for a statement that does not exist at all.
    absent = rooms.post(rooms.iran, "/statements/999/release", {"handling": "mediator-only"})
    assert absent.status_code == 404 and absent.text == attempts[0].text


def test_another_talk_and_the_consoles_parts_are_not_found(
    server: Server, rooms: Rooms, secret: int
) -> None:
    other = server.open_talk()
    for path in (
        f"/talks/{other}",
        f"/talks/{other}/parts/draft",
        f"/talks/{other}/stream",
        f"/talks/{rooms.talk}/parts/matrix",
        f"/talks/{rooms.talk}/parts/advice",
        f"/talks/{rooms.talk}/parts/nothing",
        f"/talks/{US}",
    ):
        answer = rooms.iran.get(path)
        assert answer.status_code == 404, path
        assert SECRET not in answer.text and "Muscat" not in answer.text, path
    posted = rooms.iran.post(
        f"/talks/{other}/say", data={"text": "x", "csrf": rooms.iran.headers["X-CSRF-Token"]}
    )
    assert posted.status_code == 404


def test_every_view_of_the_talk_shows_only_the_own_room(rooms: Rooms, secret: int) -> None:
    for path in (
        f"/talks/{rooms.talk}",
        f"/talks/{rooms.talk}?room={US}",
        f"/talks/{rooms.talk}/parts/draft",
        f"/talks/{rooms.talk}/parts/deals",
        f"/talks/{rooms.talk}/parts/carried",
        f"/api/talks/{rooms.talk}",
    ):
        answer = rooms.iran.get(path)
        assert answer.status_code == 200, path
        assert SECRET not in answer.text, path
    assert SECRET not in stream_text(rooms.iran, f"/talks/{rooms.talk}/stream?after=0")
    assert SECRET in stream_text(rooms.us, f"/talks/{rooms.talk}/stream?after=0")
    assert IRAN in rooms.page(rooms.iran)
