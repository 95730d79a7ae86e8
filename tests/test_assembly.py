"""The server's bell as `fit_bell` wires it: a ring heard from another instance reaches the
service before the streams wake, so that they make their views from memory."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from shuttle.assembly import PostgresBell, fit_bell, live_bell
from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import Say
from tests.test_service import MUSCAT

postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def servers(database_url: str) -> Iterator[tuple[TalkService, TalkService]]:
    """Two services as two `shuttle serve` processes have them: each with its fitted bell."""
    services = [TalkService(open_store(database_url)) for _ in range(2)]
    for service in services:
        fit_bell(service)
    yield services[0], services[1]
    for service in services:
        assert isinstance(service.bell, PostgresBell)
        service.bell.close()
        service.store.dispose()


async def wake_after(reader: TalkService, talk: str, act: object) -> int:
    listener = live_bell(reader).listen(talk)
    try:
        await asyncio.to_thread(act)  # type: ignore[arg-type]
        deadline = time.monotonic() + 5
        while listener.heard < 2 and time.monotonic() < deadline:
            await listener.wait(1, timeout=0.5)
        return listener.heard
    finally:
        listener.close()


@postgresql_only
def test_streams_woken_by_another_instance_find_the_new_events_in_memory(
    servers: tuple[TalkService, TalkService],
) -> None:
    writer, reader = servers
    talk = writer.open_talk(MUSCAT).talk
    reader.seen_since(talk, "Oman")  # the reader's fold stops at seq 1

    def speak() -> None:
        writer.execute(talk, Say("US Envoy", "read once, shown to every stream"))

    assert asyncio.run(wake_after(reader, talk, speak)) == 2
    update = reader.seen_in_memory(talk, "Oman", 1, 2)
    assert update is not None
    assert [s.to_dict()["text"] for s in update.events] == ["read once, shown to every stream"]


@postgresql_only
def test_a_talk_nobody_watches_here_is_not_read_on_hearing(
    servers: tuple[TalkService, TalkService],
) -> None:
    writer, reader = servers
    watched, unwatched = writer.open_talk(MUSCAT).talk, writer.open_talk(MUSCAT).talk
    reader.seen_since(unwatched, "Oman")

    def speak() -> None:
        writer.execute(unwatched, Say("US Envoy", "no stream here"))
        writer.execute(watched, Say("US Envoy", "a stream here"))

    # Heard in order: once the watched talk's ring is in, the unwatched one's came before it.
    assert asyncio.run(wake_after(reader, watched, speak)) == 2
    assert reader.seen_in_memory(unwatched, "Oman", 1, 2) is None
    # A command there reads first rather than trying an append the record would refuse.
    assert reader.execute(unwatched, Say("US Envoy", "next")).head.seq == 3
