"""Processes and tracks through the API: a mediator's account opens a process and its tracks,
reads them side by side and carries across; another account learns nothing of the process,
and a credential bound to one talk carries nothing anywhere."""

from __future__ import annotations

import uuid

import httpx

from tests.web.api.muscat import Operator

PASSWORD = "a mediator's passphrase"


def account(operator: Operator, name: str) -> httpx.Client:
    operator.access.add_user(name, PASSWORD)
    client = httpx.Client(base_url=operator.server.url, timeout=30)
    assert client.post("/login", data={"user": name, "password": PASSWORD}).status_code == 303
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
    return client


def track(client: httpx.Client, process: str, title: str, other: str) -> str:
    answer = client.post("/api/talks", json={
        "title": title, "parties": ["North", other], "process": process,
        "delegates": [{"party": "North", "name": "North head"},
                      {"party": other, "name": f"{other} head"}],
    })  # fmt: skip
    assert answer.status_code == 201, answer.text
    return str(answer.json()["talk"])


def test_a_process_its_tracks_and_a_carry_across(operator: Operator) -> None:
    me = account(operator, f"Convener {uuid.uuid4().hex[:6]}")
    opened = me.post("/api/processes", json={"title": "Spring round"})
    assert opened.status_code == 201, opened.text
    process = opened.json()["process"]
    main = track(me, process, "Main", "South")
    side = track(me, process, "Side", "East")
    shown = me.get(f"/api/processes/{process}").json()
    assert shown["title"] == "Spring round"
    assert [t["talk"] for t in shown["tracks"]] == [main, side]

    north = operator.bearer(main, "North head")
    words = {"text": "We could open the crossing.", "handling": "may-convey"}
    said = north.post(f"/api/talks/{main}/statements", json=words)
    seq = said.json()["events"][0]["seq"]
    carried = me.post(f"/api/talks/{main}/carry-across", json={
        "statement": seq, "to_track": side, "room": "East", "mode": "paraphrase",
        "text": "They could open the crossing.",
    })  # fmt: skip
    assert carried.status_code == 201, carried.text
    body = carried.json()
    assert body["received"]["talk"] == side and body["sent"]["talk"] == main
    east = operator.bearer(side, "East head").get(f"/api/talks/{side}").json()["events"]
    [came] = [e for e in east if e["kind"] == "received-from-track"]
    assert came["text"] == "They could open the crossing." and came["from_title"] == "Main"
    assert "there" not in came


def test_others_learn_nothing_and_a_talk_bound_credential_carries_nothing(
    operator: Operator,
) -> None:
    me = account(operator, f"Convener {uuid.uuid4().hex[:6]}")
    process = me.post("/api/processes", json={"title": "Mine"}).json()["process"]
    main = track(me, process, "Main", "South")
    stranger = account(operator, f"Stranger {uuid.uuid4().hex[:6]}")
    for answer in (
        stranger.get(f"/api/processes/{process}"),
        stranger.get("/api/processes/nope"),
        stranger.post(
            "/api/talks", json={"title": "Intruder", "parties": ["A", "B"], "process": process}
        ),
    ):
        assert answer.status_code == 404, answer.text
        assert "not found" in answer.json()["message"]
    north = operator.bearer(main, "North head")
    refused = north.post(f"/api/talks/{main}/carry-across",
                         json={"statement": 1, "to_track": main, "mode": "verbatim"})  # fmt: skip
    assert refused.status_code == 409 and "account" in refused.json()["message"]
    assert north.post("/api/processes", json={"title": "x"}).status_code == 409


def test_a_delegates_account_reads_its_tracks_and_carries_its_words_across(
    operator: Operator,
) -> None:
    me = account(operator, f"Convener {uuid.uuid4().hex[:6]}")
    process = me.post("/api/processes", json={"title": "Autumn round"}).json()["process"]
    main = track(me, process, "Main", "South")
    side = track(me, process, "Side", "East")
    third = track(me, process, "Third", "West")

    holder = f"North's account {uuid.uuid4().hex[:6]}"
    operator.access.add_user(holder, PASSWORD)
    for talk in (main, side):  # the links it used while signed in: not the third track's
        token = operator.access.invite(talk, "North head")
        assert operator.access.keep_seat(token, holder) is not None
    north = httpx.Client(base_url=operator.server.url, timeout=30)
    north.post("/login", data={"user": holder, "password": PASSWORD})
    north.headers["X-CSRF-Token"] = north.get("/api/session").json()["csrf"]

    me_now = north.get("/api/me").json()
    assert me_now["seats"] == [
        {"talk": main, "participant": "North head"},
        {"talk": side, "participant": "North head"},
    ]
    shown = north.get(f"/api/processes/{process}").json()
    assert [t["talk"] for t in shown["tracks"]] == [main, side]
    assert {c["talk"] for c in north.get("/api/talks").json()} == {main, side}

    said = north.post(
        f"/api/talks/{main}/statements",
        json={"text": "We could open the crossing.", "handling": "verbatim-only"},
    )
    seq = said.json()["events"][0]["seq"]
    across = {"statement": seq, "to_track": side, "room": "North", "mode": "verbatim"}
    carried = north.post(f"/api/talks/{main}/carry-across", json=across)
    assert carried.status_code == 201, carried.text
    # Named "North head" there too, the third track is not the account's: answered as none.
    elsewhere = north.post(f"/api/talks/{main}/carry-across", json=across | {"to_track": third})
    assert elsewhere.status_code == 404, elsewhere.text
    assert "Third" not in elsewhere.text
    # A paraphrase of verbatim-only words is refused, and nothing is written in either track.
    before = len(me.get(f"/api/talks/{side}").json()["events"])
    worded = across | {"mode": "paraphrase", "text": "They might open it."}
    assert north.post(f"/api/talks/{main}/carry-across", json=worded).status_code == 409
    assert len(me.get(f"/api/talks/{side}").json()["events"]) == before
