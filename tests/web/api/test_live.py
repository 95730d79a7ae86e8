"""Live updates: each participant's stream carries what it may see as it happens, nothing of
another party's room, and resumes after `Last-Event-ID` without missing anything."""

from __future__ import annotations

import httpx

from tests.web.api.muscat import IRAN, US, Muscat, kinds
from tests.web.api.sse import stream


def test_a_statement_by_another_participant_arrives(muscat: Muscat) -> None:
    with stream(muscat.iran, muscat.path("events")) as iran:
        assert kinds(iran.through(muscat.seq()))[:2] == ["talk-opened", "agenda-set"]
        [said] = muscat.act(muscat.mediator, "statements", {"text": "Tea is served", "room": IRAN})
        [arrived] = iran.through(said["seq"])
        assert (arrived["kind"], arrived["text"], arrived["seq"]) == (
            "said",
            "Tea is served",
            said["seq"],
        )
        assert iran.ids[-1] == str(said["seq"])
        [words] = muscat.act(
            muscat.us, "statements", {"text": "We are ready", "handling": "may-convey"}
        )
        [carried] = muscat.act(
            muscat.mediator,
            "conveyances",
            {"statement": words["seq"], "to": IRAN, "mode": "verbatim"},
        )
        [arrived] = iran.through(carried["seq"])
        assert (arrived["kind"], arrived["text"], arrived["from_room"]) == (
            "conveyed",
            "We are ready",
            US,
        )


def test_nothing_of_the_us_room_reaches_irans_stream(muscat: Muscat) -> None:
    secrets = ["US red line: never below four", "Oman thinks the US will fold", "US-only aside"]
    with (
        stream(muscat.iran, muscat.path("events")) as iran,
        stream(muscat.us, muscat.path("events")) as us,
    ):
        iran.through(muscat.seq())
        us.through(muscat.seq())
        start = len(iran.raw)
        [hidden] = muscat.act(
            muscat.us, "statements", {"text": secrets[0], "handling": "mediator-only"}
        )
        muscat.act(muscat.mediator, "notes", {"text": secrets[1]})
        muscat.act(muscat.mediator, "statements", {"text": secrets[2], "room": US})
        muscat.act(muscat.us, "consent")
        muscat.act(muscat.us, "releases", {"statement": hidden["seq"], "handling": "verbatim-only"})
        assert us.through(muscat.seq())[0]["seq"] == hidden["seq"]  # live for the US
        [marker] = muscat.act(muscat.mediator, "statements", {"text": "marker", "room": IRAN})
        events = iran.through(marker["seq"])
        assert events == [muscat.view(muscat.iran, after=marker["seq"] - 1)[0]]
        streamed = "\n".join(iran.raw[start:])
        for secret in secrets:
            assert secret not in streamed
        assert US not in streamed and "consented" not in streamed


def test_reconnecting_with_last_event_id_resumes_exactly_after_it(muscat: Muscat) -> None:
    with stream(muscat.iran, muscat.path("events")) as iran:
        seen = iran.through(muscat.seq())
        last = seen[-1]["seq"]
        assert iran.ids[-1] == str(last)
    # Disconnected: the record grows, in Iran's room and elsewhere.
    posted = []
    for n in range(3):
        muscat.act(muscat.us, "statements", {"text": f"US while Iran is away {n}"})
        posted += muscat.act(muscat.mediator, "statements", {"text": f"for Iran {n}", "room": IRAN})
    with stream(muscat.iran, muscat.path("events"), headers={"Last-Event-ID": str(last)}) as iran:
        resumed = iran.through(posted[-1]["seq"])
    assert [e["seq"] for e in resumed] == [e["seq"] for e in posted]
    assert [e["text"] for e in resumed] == ["for Iran 0", "for Iran 1", "for Iran 2"]
    # `after` does the same for a first connection.
    with stream(muscat.iran, muscat.path("events") + f"?after={posted[0]['seq']}") as iran:
        assert [e["seq"] for e in iran.through(posted[-1]["seq"])] == [e["seq"] for e in posted[1:]]


def test_a_stream_needs_a_participant_of_the_talk(muscat: Muscat) -> None:
    anonymous = httpx.get(muscat.server.url + muscat.path("events"), timeout=5)
    assert anonymous.status_code == 401
    other = muscat.iran.get("/api/talks/not-a-talk/events", timeout=5)
    assert other.status_code == 404
