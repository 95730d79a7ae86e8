"""Processes and tracks from a mediator's browser forms: open a process on the home page, open
talks as its tracks, and carry a statement from one track into another."""

from __future__ import annotations

import uuid

from shuttle.talks import NoteView
from tests.web.pages.rooms import unisolated
from tests.web.pages.test_opening import csrf, signed_in
from tests.web.running import Server


def open_track(client, token: str, process: str, title: str, other: str) -> str:  # type: ignore[no-untyped-def]
    answer = client.post("/talks/new", data={
        "csrf": token, "title": title, "parties": f"North\n{other}", "process": process,
        "delegates": f"North: North lead\n{other}: {other} lead",
    })  # fmt: skip
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"].split("/")[2])


def test_a_process_its_tracks_and_a_carry_from_the_forms(server: Server) -> None:
    me = signed_in(server, f"Forms Convener {uuid.uuid4().hex[:6]}")
    token = csrf(me)
    assert me.post("/processes", data={"csrf": token, "title": "Spring"}).status_code == 303
    assert "The process is open" in me.get("/?process=opened").text
    form = me.get("/talks/new").text
    [process] = [line.split('"')[1] for line in form.splitlines() if "<option value=\"" in line
                 and ">Spring<" in line]  # fmt: skip
    main = open_track(me, token, process, "Main", "South")
    side = open_track(me, token, process, "Side", "East")
    home = unisolated(me.get("/").text)
    assert home.count("Track of Spring") == 2

    north = server.browser_session(main, "North lead")
    said = north.post(f"/talks/{main}/say", data={
        "csrf": north.headers["X-CSRF-Token"], "text": "We could open the crossing.",
        "handling": "may-convey",
    })  # fmt: skip
    assert said.status_code == 303
    console = unisolated(me.get(f"/talks/{main}").text)
    assert "into another track" in console and f'value="{side}|East"' in console
    seq = int(console.split("We could open the crossing.")[0].rsplit('id="room-item-', 1)[1]
              .split('"')[0])  # fmt: skip
    carried = me.post(
        f"/talks/{main}/statements/{seq}/carry-across",
        data={"csrf": token, "target": f"{side}|East", "mode": "verbatim"},
        headers={"HX-Request": "true"},
    )
    assert carried.status_code == 200 and "Done: carried as event" in carried.text
    east = unisolated(server.browser_session(side, "East lead").get(f"/talks/{side}").text)
    assert "brings words from the track Main, where North said them" in east

    stranger = signed_in(server, f"Stranger {uuid.uuid4().hex[:6]}")
    intruding = stranger.post("/talks/new", data={
        "csrf": csrf(stranger), "title": "Intruder", "parties": "A\nB", "process": process,
    })  # fmt: skip
    assert intruding.status_code == 422 and "Choose one of your processes" in intruding.text


def test_a_paraphrase_carried_across_is_checked_by_the_leak_guard(server: Server) -> None:
    me = signed_in(server, f"Guarded Convener {uuid.uuid4().hex[:6]}")
    token = csrf(me)
    me.post("/processes", data={"csrf": token, "title": "Guarded round"})
    form = me.get("/talks/new").text
    [process] = [line.split('"')[1] for line in form.splitlines() if "<option value=\"" in line
                 and ">Guarded round<" in line]  # fmt: skip
    main = open_track(me, token, process, "Guarded main", "South")
    side = open_track(me, token, process, "Guarded side", "East")
    north = server.browser_session(main, "North lead")
    north_token = north.headers["X-CSRF-Token"]
    north.post(
        f"/talks/{main}/say",
        data={
            "csrf": north_token,
            "text": "Our ministers would sign before 30 June, not later.",
        },
    )  # fmt: skip  (mediator-only: it never leaves this track)
    north.post(f"/talks/{main}/say", data={
        "csrf": north_token, "text": "We want the crossing reopened.", "handling": "may-convey",
    })  # fmt: skip
    console = unisolated(me.get(f"/talks/{main}").text)
    seq = int(console.split("We want the crossing reopened.")[0].rsplit('id="room-item-', 1)[1]
              .split('"')[0])  # fmt: skip
    action = f"/talks/{main}/statements/{seq}/carry-across"
    fields = {
        "csrf": token,
        "target": f"{side}|East",
        "mode": "paraphrase",
        "text": "They want the crossing open again, and soon: before the end of June.",
    }
    htmx = {"HX-Request": "true"}
    before = len(server.operator[0].view(side, "East lead").events)

    asked = unisolated(me.post(action, data=fields, headers=htmx).text)
    assert "Careful: these words come close to something the East room of the track" in asked
    assert "Guarded side" in asked and "this track: mediator-only" in asked
    assert "Send anyway" in asked and "Don&#39;t send" in asked
    assert len(server.operator[0].view(side, "East lead").events) == before

    held = me.post(action, data=fields | {"confirm": "no"}, headers=htmx)
    assert "Not sent. Your notes keep the warning" in held.text
    assert len(server.operator[0].view(side, "East lead").events) == before

    sent = me.post(action, data=fields | {"confirm": "yes"}, headers=htmx)
    assert "Done: carried as event" in sent.text
    notes = [e.text for e in server.operator[0].view(main, me_name(me)).events
             if isinstance(e, NoteView)]  # fmt: skip
    assert any("were not sent" in n and "of the track Guarded side" in n for n in notes)
    assert any("were sent anyway" in n for n in notes)

    harmless = fields | {"text": "They would like the crossing reopened."}
    quiet = me.post(action, data=harmless, headers=htmx)
    assert "Done: carried as event" in quiet.text and "Careful" not in quiet.text


def me_name(client) -> str:  # type: ignore[no-untyped-def]
    return str(client.get("/api/me").json()["user"])
