"""The leak guard on a program's own sending, when it asks for it: 'ask' answers with the
warnings and records nothing; 'send_anyway' sends and keeps the warning and the choice in the
mediators' notes; a delegate's words are never checked; the default sends unchecked."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.web.api.muscat import IRAN, US, Muscat, Operator
from tests.web.api.test_tracks import account, track

KEPT = "We can sign nothing after June 30."  # mediator-only, the talk's default
CLOSE = "They need it done by the end of June."


def notes(muscat: Muscat) -> list[dict[str, Any]]:
    return [e for e in muscat.view(muscat.mediator) if e["kind"] == "noted"]


def test_ask_answers_with_the_warnings_and_sends_nothing(muscat: Muscat) -> None:
    [said] = muscat.act(muscat.iran, "statements", {"text": KEPT})
    asked = {"room": US, "text": CLOSE, "leak_guard": "ask"}
    refusal = muscat.refused(muscat.mediator, "statements", asked)
    assert refusal["error"] == "warned" and "nothing was sent" in refusal["message"]
    [warning] = refusal["warnings"]
    assert warning["source"] == said["seq"] and warning["room"] == IRAN
    assert warning["close"][0]["what"] == "date"
    assert notes(muscat) == []
    # Harmless words are sent at once, and nothing is noted.
    muscat.act(muscat.mediator, "statements", {**asked, "text": "Shall we meet tomorrow?"})
    assert notes(muscat) == []


def test_send_anyway_sends_and_the_notes_keep_the_choice_once(muscat: Muscat) -> None:
    [said] = muscat.act(muscat.iran, "statements", {"text": KEPT})
    body = {"room": US, "text": CLOSE, "leak_guard": "send_anyway"}
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = muscat.mediator.post(muscat.path("statements"), json=body, headers=key)
    assert first.status_code == 201, first.text
    again = muscat.mediator.post(muscat.path("statements"), json=body, headers=key)
    assert again.json() == first.json()
    [note] = notes(muscat)
    sent = first.json()["events"][0]["seq"]
    assert f"sent anyway (event {sent})" in note["text"] and "June 30" in note["text"]
    assert [e["text"] for e in muscat.view(muscat.us) if e["kind"] == "said"] == [CLOSE]
    assert all(e["kind"] != "noted" for e in muscat.view(muscat.us))
    assert said["seq"] < sent


def test_a_paraphrase_is_checked_and_a_verbatim_carriage_is_not(muscat: Muscat) -> None:
    [kept] = muscat.act(muscat.iran, "statements", {"text": KEPT})
    [open_] = muscat.act(
        muscat.iran, "statements", {"text": "We want the talks to go on.", "handling": "may-convey"}
    )
    paraphrase = {"statement": open_["seq"], "to": US, "mode": "paraphrase",
                  "text": "They want to go on, but only until the end of June.",
                  "leak_guard": "ask"}  # fmt: skip
    refusal = muscat.refused(muscat.mediator, "conveyances", paraphrase)
    assert [w["source"] for w in refusal["warnings"]] == [kept["seq"]]
    verbatim = {"statement": open_["seq"], "to": US, "mode": "verbatim", "leak_guard": "ask"}
    muscat.act(muscat.mediator, "conveyances", verbatim)


def test_a_delegates_words_and_the_default_are_not_checked(muscat: Muscat) -> None:
    muscat.act(muscat.iran, "statements", {"text": KEPT})
    muscat.act(muscat.us, "statements", {"text": CLOSE, "leak_guard": "ask"})
    muscat.act(muscat.mediator, "statements", {"room": US, "text": CLOSE})
    assert notes(muscat) == []
    wrong = muscat.refused(
        muscat.mediator, "statements", {"room": US, "text": CLOSE, "leak_guard": "maybe"}, 422
    )
    assert "leak_guard" in str(wrong["detail"])
    # Words the rules refuse get the rule's answer, not a warning.
    missing = {"room": "Nowhere", "text": CLOSE, "leak_guard": "ask"}
    assert muscat.refused(muscat.mediator, "statements", missing, 404)["error"] == "notfound"


def test_a_carry_across_asks_first_and_notes_in_its_own_track(operator: Operator) -> None:
    me = account(operator, f"Convener {uuid.uuid4().hex[:6]}")
    process = me.post("/api/processes", json={"title": "Guarded round"}).json()["process"]
    main = track(me, process, "Main", "South")
    side = track(me, process, "Side", "East")
    south = operator.bearer(main, "South head")
    kept = south.post(f"/api/talks/{main}/statements", json={"text": "Our limit is 4.2 million."})
    assert kept.status_code == 201, kept.text
    north = operator.bearer(main, "North head")
    fee = {"text": "We could pay the fee.", "handling": "may-convey"}
    open_ = north.post(f"/api/talks/{main}/statements", json=fee)
    across = {"statement": open_.json()["events"][0]["seq"], "to_track": side, "room": "East",
              "mode": "paraphrase", "text": "They would pay, up to about 4.2 million.",
              "leak_guard": "ask"}  # fmt: skip

    def lengths() -> list[int]:
        return [len(me.get(f"/api/talks/{t}").json()["events"]) for t in (main, side)]

    before = lengths()
    asked = me.post(f"/api/talks/{main}/carry-across", json=across)
    assert asked.status_code == 409, asked.text
    assert asked.json()["error"] == "warned" and "Side" in asked.json()["message"]
    assert lengths() == before
    sent = me.post(f"/api/talks/{main}/carry-across", json=across | {"leak_guard": "send_anyway"})
    assert sent.status_code == 201, sent.text
    events = me.get(f"/api/talks/{main}").json()["events"]
    [note] = [e for e in events if e["kind"] == "noted"]
    assert "track Side" in note["text"] and "sent anyway" in note["text"]
    assert all(e["kind"] != "noted" for e in me.get(f"/api/talks/{side}").json()["events"])


def test_the_openapi_description_names_the_choice(operator: Operator) -> None:
    schema = httpx.get(f"{operator.server.url}/openapi.json", timeout=30).json()
    say = schema["components"]["schemas"]["SayBody"]["properties"]["leak_guard"]
    assert set(say["enum"]) == {"off", "ask", "send_anyway"} and say["default"] == "off"


def test_a_warning_from_the_target_track_is_noted_there_alone(operator: Operator) -> None:
    # The two tracks' mediators may differ: the words the target track keeps must not reach
    # the source track's notes, which a mediator of that track alone may read.
    me = account(operator, f"Convener {uuid.uuid4().hex[:6]}")
    process = me.post("/api/processes", json={"title": "Two notebooks"}).json()["process"]
    main = track(me, process, "Main", "South")
    side = track(me, process, "Side", "East")
    ceiling = {"text": "Our ceiling is 9.5 million."}  # mediator-only, in Side's North room
    assert (
        operator.bearer(side, "North head")
        .post(f"/api/talks/{side}/statements", json=ceiling)
        .is_success
    )
    fee = {"text": "We could pay the fee.", "handling": "may-convey"}
    open_ = operator.bearer(main, "North head").post(f"/api/talks/{main}/statements", json=fee)
    across = {"statement": open_.json()["events"][0]["seq"], "to_track": side, "room": "East",
              "mode": "paraphrase", "text": "They would pay, perhaps up to 9.5 million.",
              "leak_guard": "send_anyway"}  # fmt: skip
    sent = me.post(f"/api/talks/{main}/carry-across", json=across)
    assert sent.status_code == 201, sent.text

    def notes(talk: str) -> list[str]:
        events = me.get(f"/api/talks/{talk}").json()["events"]
        return [e["text"] for e in events if e["kind"] == "noted"]

    assert all("9.5" not in n and "ceiling" not in n for n in notes(main))
    [there] = notes(side)
    assert "9.5 million" in there and "sent anyway" in there
