"""The service's cached folds save reading the record, and are never trusted past what they
prove: two service instances on one database (as two server processes) see each other's
appends."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import (
    Convey,
    Handling,
    Join,
    Mode,
    NotFound,
    Refused,
    Role,
    Say,
)
from tests.test_service import MUSCAT


@pytest.fixture
def two(database_url: str) -> Iterator[tuple[TalkService, TalkService]]:
    stores = [open_store(database_url), open_store(database_url)]
    yield TalkService(stores[0]), TalkService(stores[1])
    for store in stores:
        store.dispose()


def test_a_command_refused_on_a_stale_fold_is_judged_again_on_the_record(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    first.seen_since(talk, "Oman")  # first's cache now stops at seq 1
    second.execute(talk, Say("US Envoy", "carry this", handling=Handling.MAY_CONVEY))
    # On first's cached fold statement 2 does not exist; on the record it does.
    carried = first.execute(talk, Convey("Oman", 2, "Iran", Mode.VERBATIM))
    assert [r.seq for r in carried.events] == [3]


def test_a_command_on_a_stale_fold_lands_after_the_other_instances_appends(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    first.seen_since(talk, "Oman")
    second.execute(talk, Say("US Envoy", "one"))
    said = first.execute(talk, Say("US Envoy", "two"))
    assert said.head.seq == 3
    seen = second.view(talk, "US Envoy").events[1:]
    assert [s.to_dict()["text"] for s in seen] == ["one", "two"]


def test_a_refusal_stands_when_the_record_agrees(two: tuple[TalkService, TalkService]) -> None:
    first, _ = two
    talk = first.open_talk(MUSCAT).talk
    with pytest.raises(Refused):
        first.execute(talk, Convey("Oman", 1, "Iran", Mode.VERBATIM))


def test_a_participant_who_joined_through_another_instance_is_found(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    assert first.participant(talk, "US Envoy").party == "United States"
    second.execute(talk, Join("Oman", "US Deputy", Role.DELEGATE, "United States"))
    assert first.participant(talk, "US Deputy").party == "United States"
    with pytest.raises(NotFound):
        first.participant(talk, "Nobody")
    with pytest.raises(NotFound):
        first.participant("no-such-talk", "Oman")


def test_a_view_at_least_at_a_seq_reads_the_record_only_when_the_cache_is_behind(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    second.execute(talk, Say("US Envoy", "from the other instance"))
    # Rung for seq 2 (by another instance), first's cache (seq 1) is behind: it reads.
    seen = first.seen_since(talk, "Oman", after=1, at_least=2).events
    assert [s.to_dict()["text"] for s in seen] == ["from the other instance"]


class CountingStore:
    """Counts the store's appends and reads of one service, passing each on; a read may be
    slowed, so that readers woken together overlap."""

    def __init__(self, service: TalkService, read_delay: float = 0.0) -> None:
        self.appends: list[int] = []
        self.reads: list[int] = []  # the seq each read started after
        store = service.store
        append, load = store.append, store.load

        def counted_append(*args: Any, **kwargs: Any) -> Any:
            self.appends.append(1)
            return append(*args, **kwargs)

        def counted_load(talk: str, after_seq: int = 0) -> Any:
            self.reads.append(after_seq)
            time.sleep(read_delay)
            return load(talk, after_seq)

        store.append = counted_append  # type: ignore[method-assign]
        store.load = counted_load  # type: ignore[method-assign]


def test_a_command_after_the_bell_announced_another_instances_append_reads_first(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    second.execute(talk, Say("US Envoy", "one"))
    counted = CountingStore(first)
    first.heard(talk, 2)  # as the bell would, from the other instance's notification
    said = first.execute(talk, Say("US Envoy", "two"))
    assert said.head.seq == 3
    # One append, on the state read from the record: no attempt the record would refuse.
    assert counted.appends == [1] and counted.reads == [1]


def test_without_the_bell_a_stale_command_costs_a_refused_append(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    second.execute(talk, Say("US Envoy", "one"))
    counted = CountingStore(first)
    assert first.execute(talk, Say("US Envoy", "two")).head.seq == 3
    assert counted.appends == [1, 1] and counted.reads == [1]


def test_a_ring_for_a_seq_the_cache_holds_changes_nothing(
    two: tuple[TalkService, TalkService],
) -> None:
    first, _ = two
    talk = first.open_talk(MUSCAT).talk
    first.heard(talk, 1)
    first.heard("a talk never read here", 9)
    counted = CountingStore(first)
    first.execute(talk, Say("US Envoy", "one"))
    assert counted.appends == [1] and counted.reads == []


def test_a_view_in_memory_is_made_only_when_the_fold_reaches_the_seq_rung(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    second.execute(talk, Say("US Envoy", "from the other instance"))
    counted = CountingStore(first)
    assert first.seen_in_memory(talk, "Oman", 1, 2) is None
    assert counted.reads == []  # it never reads
    first.read_up_to(talk, 2)
    update = first.seen_in_memory(talk, "Oman", 1, 2)
    assert update is not None and update.head.seq == 2
    assert [s.to_dict()["text"] for s in update.events] == ["from the other instance"]
    # What the participant may not see stays out of a view made in memory too.
    assert first.seen_in_memory(talk, "Iranian FM", 1, 2).events == []  # type: ignore[union-attr]


def test_readers_woken_together_read_the_new_events_once(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    second.execute(talk, Say("US Envoy", "for everyone watching"))
    counted = CountingStore(first, read_delay=0.2)
    start = threading.Barrier(8)

    def read() -> int:
        start.wait()
        return len(first.seen_since(talk, "Oman", after=1, at_least=2).events)

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(lambda _: read(), range(8))) == [1] * 8
    assert counted.reads == [1]


def test_the_cache_is_bounded_by_the_events_it_holds(database_url: str) -> None:
    store = open_store(database_url)
    try:
        service = TalkService(store, cache_events=5)
        talks = [service.open_talk(MUSCAT).talk for _ in range(3)]
        for talk in talks:
            service.execute(talk, Say("US Envoy", "one"))
            service.execute(talk, Say("US Envoy", "two"))  # three events each
        counted = CountingStore(service)
        service.seen_since(talks[2], "Oman")  # the last used is kept
        service.seen_since(talks[0], "Oman")  # pushed out by the others: read whole again
        assert counted.reads == [3, 0]
        # A talk longer than the whole bound is still kept while it is the one in use.
        for n in range(6):
            service.execute(talks[1], Say("US Envoy", f"more {n}"))
        counted.reads.clear()
        service.seen_since(talks[1], "Oman")
        assert counted.reads == [9]
    finally:
        store.dispose()
