"""One account across tracks, in the browser's requests: a delegate keeps each track's link in
one account (made from a link, or signed in already), its home lists them all, and it carries
its delegation's words from one track into another. What binds a track to an account is a link
used while signed in, never a name found in a track."""

from __future__ import annotations

import re

import httpx

from shuttle.talks import Delegate, Handling, Join, OpenTalk, Role, Say
from shuttle.tracks import open_process, open_track
from tests.web.pages.rooms import unisolated
from tests.web.pages.test_opening import PASSWORD, csrf, signed_in
from tests.web.running import Server

HTMX = {"HX-Request": "true"}


def _tracks(server: Server, convener: str) -> tuple[str, str]:
    service = server.operator[0]
    process = open_process(service, "Harbour round").process
    main = open_track(service, OpenTalk(
        "Harbour main round", ("North", "South"), (convener,),
        (Delegate("North head", "North"), Delegate("South head", "South")), process=process,
    )).talk  # fmt: skip
    side = open_track(service, OpenTalk(
        "Harbour side consultation", ("North", "East"), (convener,),
        (Delegate("North head", "North"), Delegate("East head", "East")), process=process,
    )).talk  # fmt: skip
    return main, side


def _path(server: Server, talk: str, name: str) -> str:
    return server.invite(talk, name).removeprefix(server.url)


def _form_csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_a_delegate_keeps_both_tracks_in_one_account_and_carries_across(server: Server) -> None:
    main, side = _tracks(server, "Harbour Convener")
    service = server.operator[0]
    browser = httpx.Client(base_url=server.url, timeout=30)
    assert browser.post(_path(server, main, "North head")).status_code == 303
    first_cookie = browser.cookies.get("shuttle_session")

    link = _path(server, side, "North head")
    offer = unisolated(browser.get(link).text)
    assert "Keep them in one account" in offer
    assert "The talk you are already in, in this browser, is kept in it too." in offer
    made = browser.post(
        f"{link}/account",
        data={"csrf": _form_csrf(offer), "user": "North's own", "password": PASSWORD,
              "again": PASSWORD},
    )  # fmt: skip
    assert made.status_code == 303 and made.headers["location"] == f"/talks/{side}"
    # The session the first link gave is ended: the account's session replaced it.
    old = httpx.Client(base_url=server.url, cookies={"shuttle_session": first_cookie or ""})
    assert old.get(f"/talks/{main}").status_code in (303, 404)

    home = unisolated(browser.get("/").text)
    assert "Your talks" in home and "Open a new talk" not in home
    assert home.count("North head, delegate of North") == 2
    assert home.count("Track of Harbour round") == 2

    said = service.execute(
        main, Say("North head", "The harbour dues could halve.", handling=Handling.MAY_CONVEY)
    )
    kept = service.execute(main, Say("North head", "Our floor is 40."))  # mediator-only
    room = unisolated(browser.get(f"/talks/{main}").text)
    assert "Tracks of Harbour round" in room and f'href="/talks/{side}"' in room
    assert f"Carry #{said.first_seq} into another track" in room
    assert f"Carry #{kept.first_seq} into another track" not in room
    # Only the room it may speak in there is offered: its own party's.
    assert f'value="{side}|North"' in room and f'value="{side}|East"' not in room

    carried = browser.post(
        f"/talks/{main}/statements/{said.first_seq}/carry-across",
        data={"csrf": _form_csrf(room), "target": f"{side}|North", "mode": "verbatim"},
        headers=HTMX,
    )
    assert carried.status_code == 200, carried.text
    assert "Done: carried as event #" in carried.text
    convened = service.view(side, "Harbour Convener")
    assert any(getattr(e, "text", "") == "The harbour dues could halve." for e in convened.events)

    refused = browser.post(
        f"/talks/{main}/statements/{kept.first_seq}/carry-across",
        data={"csrf": _form_csrf(room), "target": f"{side}|North", "mode": "verbatim"},
        headers=HTMX,
    )
    assert refused.status_code == 409 and "mediator-only" in refused.text
    assert len(service.view(side, "Harbour Convener").events) == len(convened.events)


def test_a_signed_in_account_keeps_a_link_and_its_name_opens_nothing_else(server: Server) -> None:
    main, side = _tracks(server, "Harbour Convener Two")
    layla = signed_in(server, "Layla Account")
    link = _path(server, main, "North head")
    offer = unisolated(layla.get(link).text)
    assert "You are signed in here as <strong>Layla Account</strong>" in offer

    # Without the session's CSRF token (another site's form), nothing is kept.
    forged = layla.post(f"{link}/keep", data={})
    assert forged.status_code == 403
    kept = layla.post(f"{link}/keep", data={"csrf": csrf(layla)})
    assert kept.status_code == 303 and kept.headers["location"] == f"/talks/{main}"
    room = unisolated(layla.get(f"/talks/{main}").text)
    assert "North head" in room
    # The side track names a "North head" too: the account did not keep it, so it is closed.
    assert layla.get(f"/talks/{side}").status_code == 404
    assert f'href="/talks/{side}"' not in room

    # Removed from the talk, the seat is freed at once.
    convener = signed_in(server, "Harbour Convener Two")
    gone = convener.delete(
        f"/api/talks/{main}/participants/North head", headers={"X-CSRF-Token": csrf(convener)}
    )
    assert gone.status_code == 200, gone.text
    assert layla.get(f"/talks/{main}").status_code == 404
    assert "Harbour main round" not in layla.get("/").text


def test_a_mediator_cannot_also_keep_a_delegates_seat_in_its_talk(server: Server) -> None:
    main, _ = _tracks(server, "Harbour Convener Three")
    convener = signed_in(server, "Harbour Convener Three")
    link = _path(server, main, "South head")
    answer = convener.post(f"{link}/keep", data={"csrf": csrf(convener)})
    assert answer.status_code == 422 and "mediates this talk already" in answer.text
    assert "Enter the talk as" in answer.text


def test_an_account_made_from_a_link_mediates_nothing_by_its_name(server: Server) -> None:
    service = server.operator[0]
    theirs = service.open_talk(OpenTalk(
        "Someone else's talk", ("A", "B"), ("Future Mediator",),
        (Delegate("A head", "A"), Delegate("B head", "B")),
    )).talk  # fmt: skip
    mine, _ = _tracks(server, "Harbour Convener Four")
    browser = httpx.Client(base_url=server.url, timeout=30)
    link = _path(server, mine, "South head")
    taken = browser.post(
        f"{link}/account",
        data={"user": "Future Mediator", "password": PASSWORD, "again": PASSWORD},
    )
    assert taken.status_code == 303
    assert browser.get(f"/talks/{mine}").status_code == 200
    assert browser.get(f"/talks/{theirs}").status_code == 404
    assert browser.get("/talks/new").status_code == 404
    session = {"X-CSRF-Token": csrf(browser)}
    assert browser.post("/processes", data={"title": "x"}, headers=session).status_code == 404
    listed = [case["talk"] for case in browser.get("/api/talks").json()]
    assert listed == [mine]


def test_a_refused_account_keeps_the_link_usable_and_says_why(server: Server) -> None:
    main, _ = _tracks(server, "Harbour Convener Five")
    signed_in(server, "Already Here")
    browser = httpx.Client(base_url=server.url, timeout=30)
    link = _path(server, main, "South head")
    for data, why in (
        ({"user": "Already Here", "password": PASSWORD, "again": PASSWORD}, "exists already"),
        ({"user": "New Name", "password": PASSWORD, "again": PASSWORD + "!"}, "differ"),
    ):
        answer = browser.post(f"{link}/account", data=data)
        assert answer.status_code == 422 and why in answer.text
    assert browser.post(link).status_code == 303  # the link still enters


def test_sign_in_returns_to_the_link_and_never_to_another_site(server: Server) -> None:
    server.operator[1].add_user("Returning Account", PASSWORD)
    browser = httpx.Client(base_url=server.url, timeout=30)
    form = {"user": "Returning Account", "password": PASSWORD}
    back = browser.post("/login", data=form | {"next": "/invite/abc-DEF_1"})
    assert back.headers["location"] == "/invite/abc-DEF_1"
    for elsewhere in ("//evil.example/x", "https://evil.example/", "/a?b=//c"):
        answer = browser.post("/login", data=form | {"next": elsewhere})
        assert answer.headers["location"] == "/", elsewhere
    assert 'name="next" value="/invite/abc"' in browser.get("/login?next=/invite/abc").text
    assert 'name="next"' not in browser.get("/login?next=//evil.example").text


def test_a_co_mediators_account_opens_talks_and_tracks_and_acts_in_them_by_seats(
    server: Server,
) -> None:
    # An account made from a co-mediator's password link mediates by its seats alone, yet
    # opens talks, processes and tracks from its home like any mediator's account.
    service, access = server.operator
    first = service.open_talk(OpenTalk(
        "Where the link came from", ("North", "South"), ("Convener of seats",),
        (Delegate("North head", "North"), Delegate("South head", "South")),
    )).talk  # fmt: skip
    service.execute(first, Join("Convener of seats", "Co-mediator of seats", Role.MEDIATOR))
    made = access.set_password(access.account_invite("Co-mediator of seats", first), PASSWORD)
    assert made is not None
    me = httpx.Client(base_url=server.url, timeout=30)
    me.post("/login", data={"user": "Co-mediator of seats", "password": PASSWORD})
    token = csrf(me)
    assert me.get(f"/talks/{first}").status_code == 200
    who = me.get("/api/me").json()
    assert (who["mediates_by_name"], who["opens_talks"]) == (False, True)

    assert me.post("/processes", data={"csrf": token, "title": "Seats round"}).status_code == 303
    form = me.get("/talks/new").text
    [process] = re.findall(r'<option value="([0-9a-f]{32})"[^>]*>Seats round<', form)
    opened = me.post("/talks/new", data={
        "csrf": token, "title": "Opened by seats", "parties": "North\nEast", "process": process,
        "delegates": "North: North lead\nEast: East lead",
    })  # fmt: skip
    assert opened.status_code == 303, opened.text
    talk = opened.headers["location"].split("/")[2]
    assert me.get(f"/talks/{talk}").status_code == 200
    assert me.get(f"/api/processes/{process}").json()["tracks"][0]["talk"] == talk
    assert set(access.seats("Co-mediator of seats")) == {
        (first, "Co-mediator of seats"),
        (talk, "Co-mediator of seats"),
    }
    home = unisolated(me.get("/").text)
    assert "Opened by seats" in home and "Where the link came from" in home
