"""The service: decide on the record as it really is, append, and read only through view_of."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor

import pytest

from shuttle.service import IdempotencyClaim, TalkService
from shuttle.store import EventStore, Head, StoredEvent, open_store
from shuttle.talks import (
    Convey,
    Delegate,
    Handling,
    Mode,
    NotFound,
    OpenTalk,
    Refused,
    Release,
    Say,
)
from tests.service_writer import speak

MUSCAT = OpenTalk(
    title="Muscat",
    parties=("United States", "Iran"),
    mediators=("Oman",),
    delegates=(Delegate("US Envoy", "United States"), Delegate("Iranian FM", "Iran")),
)


@pytest.fixture
def service(database_url: str) -> Iterator[TalkService]:
    store = open_store(database_url)
    yield TalkService(store, clock=lambda: "2026-11-25T10:00:00.000000+00:00")
    store.dispose()


def test_events_are_stamped_numbered_and_chained(service: TalkService) -> None:
    opened = service.open_talk(MUSCAT)
    said = service.execute(opened.talk, Say("US Envoy", "hello"))
    assert [r.seq for r in said.events] == [2] and said.events[0].at.startswith("2026-11-25")
    [first, second] = service.store.load(opened.talk)
    assert second.head == said.head and first.head == opened.head
    assert second.document["data"]["text"] == "hello"


def test_views_go_through_view_of(service: TalkService) -> None:
    talk = service.open_talk(MUSCAT).talk
    service.execute(talk, Say("US Envoy", "private"))
    iran = service.view(talk, "Iranian FM")
    assert [s.seq for s in iran.events] == [1] and iran.head_seq == 2
    with pytest.raises(NotFound, match="participant 'Nobody'"):
        service.view(talk, "Nobody")
    with pytest.raises(NotFound, match="talk 'nope' not found"):
        service.view("nope", "Oman")


def test_a_command_that_loses_a_race_is_judged_again_on_the_new_state(
    service: TalkService,
) -> None:
    talk = service.open_talk(MUSCAT).talk
    service.execute(talk, Say("US Envoy", "offer", handling=Handling.MAY_CONVEY))

    class RacingStore(EventStore):
        """Lets the mediator carry the statement just before our first append lands."""

        raced = False

        def append(
            self,
            talk: str,
            after: Head | None,
            documents: Sequence[Mapping[str, object]],
            *,
            claim: IdempotencyClaim | None = None,
            members: Sequence[tuple[str, int]] = (),
            track_of: str | None = None,
        ) -> list[StoredEvent]:
            if not self.raced:
                self.raced = True
                rival.execute(talk, Convey("Oman", 2, "Iran", Mode.VERBATIM))
            return super().append(
                talk, after, documents, claim=claim, members=members, track_of=track_of
            )

    rival = TalkService(service.store)
    racing = TalkService(RacingStore(service.store.engine))
    # Tightening was allowed when decided, but the statement has been carried since: judged
    # again on the record as it now is, the release is refused and nothing of it is written.
    with pytest.raises(Refused, match="already been carried"):
        racing.execute(talk, Release("US Envoy", 2, Handling.MEDIATOR_ONLY))
    assert [e.document["kind"] for e in service.store.load(talk)] == [
        "talk-opened",
        "said",
        "conveyed",
    ]


def test_two_processes_speaking_in_one_talk(database_url: str, service: TalkService) -> None:
    talk = service.open_talk(MUSCAT).talk
    context = multiprocessing.get_context("spawn")
    per_speaker = 25
    with (
        context.Manager() as manager,
        ProcessPoolExecutor(max_workers=2, mp_context=context) as pool,
    ):
        start = manager.Barrier(2)
        futures = [
            pool.submit(speak, database_url, talk, speaker, per_speaker, start)
            for speaker in ("US Envoy", "Iranian FM")
        ]
        for future in futures:
            future.result(timeout=120)
    events = service.store.load(talk)
    assert [e.seq for e in events] == list(range(1, 2 * per_speaker + 2))
    for speaker in ("US Envoy", "Iranian FM"):
        lines = [
            e.document["data"]["text"] for e in events if e.document["data"].get("by") == speaker
        ]
        assert lines == [f"{speaker} {n}" for n in range(per_speaker)]
    assert service.verify().ok


def test_talks_lists_every_talk_oldest_first(service: TalkService) -> None:
    first = service.open_talk(MUSCAT).talk
    second = service.open_talk(MUSCAT).talk
    assert [s.talk for s in service.talks(None)] == [first, second]
    assert service.talks(None)[0].title == "Muscat"
