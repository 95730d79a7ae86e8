"""Live streams of one talk woken together read the record once between them."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import Say
from shuttle.web.live import read_once
from tests.test_service import MUSCAT


class SlowReads:
    """Stands in for the service's reading: counts reads, each taking a while."""

    def __init__(self, fails: bool = False) -> None:
        self.reads: list[tuple[str, int]] = []
        self.fails = fails
        self.lock = threading.Lock()

    def read_up_to(self, talk: str, seq: int) -> None:
        with self.lock:
            self.reads.append((talk, seq))
        time.sleep(0.2)
        if self.fails:
            raise OSError("the database went away")


def test_streams_woken_together_share_one_read() -> None:
    reads = SlowReads()

    async def wake(count: int) -> None:
        await asyncio.gather(*(read_once(reads, "talk-a", 5) for _ in range(count)))  # type: ignore[arg-type]

    asyncio.run(wake(20))
    assert reads.reads == [("talk-a", 5)]


def test_a_stream_that_goes_away_does_not_stop_the_read_the_others_wait_for() -> None:
    reads = SlowReads()

    async def scene() -> None:
        leaving = asyncio.ensure_future(read_once(reads, "talk-a", 5))  # type: ignore[arg-type]
        staying = asyncio.ensure_future(read_once(reads, "talk-a", 5))  # type: ignore[arg-type]
        await asyncio.sleep(0.05)
        leaving.cancel()
        await staying
        assert staying.done() and not staying.cancelled()

    asyncio.run(scene())
    assert reads.reads == [("talk-a", 5)]


def test_a_failed_read_is_left_to_each_stream_and_the_next_ring_reads_again() -> None:
    reads = SlowReads(fails=True)

    async def twice() -> None:
        await asyncio.gather(*(read_once(reads, "talk-a", 5) for _ in range(3)))  # type: ignore[arg-type]
        await read_once(reads, "talk-a", 6)  # type: ignore[arg-type]

    asyncio.run(twice())  # no error escapes: each stream then reads for itself
    assert reads.reads == [("talk-a", 5), ("talk-a", 6)]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_after_the_shared_read_every_stream_makes_its_own_view_in_memory(
    database_url: str,
) -> None:
    stores = [open_store(database_url), open_store(database_url)]
    try:
        writer, reader = TalkService(stores[0]), TalkService(stores[1])
        talk = writer.open_talk(MUSCAT).talk
        reader.seen_since(talk, "Oman")
        writer.execute(talk, Say("US Envoy", "heard on the other instance"))
        asyncio.run(read_once(reader, talk, 2))
        for name, expected in (("Oman", 1), ("US Envoy", 1), ("Iranian FM", 0)):
            update = reader.seen_in_memory(talk, name, 1, 2)
            assert update is not None and len(update.events) == expected
    finally:
        for store in stores:
            store.dispose()
