"""The PostgreSQL bell: an append through one service instance wakes readers of another.

Runs only on PostgreSQL (``SHUTTLE_TEST_DATABASE_URL``); CI sets it, so there it must run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.store.pg_bell import CHANNEL, PostgresBell, parse_payload, payload
from shuttle.talks import Delegate, OpenTalk, Say

TALK = OpenTalk(
    title="Muscat",
    parties=("United States", "Iran"),
    mediators=("Oman",),
    delegates=(Delegate("US Envoy", "United States"), Delegate("Iranian FM", "Iran")),
)

postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def instances(database_url: str) -> Iterator[tuple[TalkService, TalkService]]:
    """Two service instances on the same schema, each with its own started PostgreSQL bell,
    as two `shuttle serve` processes would have."""
    services = []
    for _ in range(2):
        store = open_store(database_url)
        bell = PostgresBell(store)
        bell.start()
        services.append(TalkService(store, bell=bell))
    yield services[0], services[1]
    for service in services:
        assert isinstance(service.bell, PostgresBell)
        service.bell.close()
        service.store.dispose()


def bell_of(service: TalkService) -> PostgresBell:
    assert isinstance(service.bell, PostgresBell)
    return service.bell


async def hear(service: TalkService, talk: str, beyond: int, act: Any) -> int:
    """Listen on `service`'s bell for `talk`, run `act` in a thread, and return the seq heard
    (or `beyond` if nothing came within five seconds)."""
    listener = bell_of(service).listen(talk)
    try:
        await asyncio.to_thread(act)
        deadline = time.monotonic() + 5
        heard = listener.heard
        while heard <= beyond and time.monotonic() < deadline:
            heard = await listener.wait(beyond, timeout=0.5)
        return heard
    finally:
        listener.close()


def test_payloads_are_a_talk_and_a_seq() -> None:
    assert payload("abc", 12) == "abc:12"
    assert parse_payload("abc:12") == ("abc", 12)
    assert parse_payload("nonsense") is None and parse_payload("abc:") is None


@postgresql_only
def test_an_append_through_one_instance_wakes_a_reader_of_the_other(
    instances: tuple[TalkService, TalkService],
) -> None:
    writer, reader = instances
    talk = writer.open_talk(TALK).talk

    def speak() -> None:
        writer.execute(talk, Say("US Envoy", "we are ready"))

    assert asyncio.run(hear(reader, talk, 1, speak)) == 2
    # Woken, the reader's own service reads the event from the record: it was committed.
    seen = reader.seen_since(talk, "Oman", after=1).events
    assert [(s.seq, s.to_dict()["text"]) for s in seen] == [(2, "we are ready")]


@postgresql_only
def test_a_ring_heard_from_the_database_is_told_before_the_readers_wake(
    instances: tuple[TalkService, TalkService],
) -> None:
    writer, reader = instances
    heard: list[tuple[str, int]] = []
    bell_of(reader).on_heard(lambda talk, seq: heard.append((talk, seq)))
    talk = writer.open_talk(TALK).talk

    def speak() -> None:
        writer.execute(talk, Say("US Envoy", "we are ready"))

    assert asyncio.run(hear(reader, talk, 1, speak)) == 2
    assert (talk, 2) in heard


@postgresql_only
def test_the_notification_carries_only_talk_and_seq(
    instances: tuple[TalkService, TalkService], database_url: str
) -> None:
    writer, _ = instances
    talk = writer.open_talk(TALK).talk
    _, params = writer.store.engine.dialect.create_connect_args(writer.store.engine.url)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as spy:
        spy.execute(f"LISTEN {CHANNEL}")
        writer.execute(talk, Say("US Envoy", "a secret position"))
        payloads = []
        for notice in spy.notifies(timeout=5):
            payloads.append(notice.payload)
            if notice.payload == f"{talk}:2":
                break
    # The opening's ring (seq 1) is sent by a background thread and may come in too.
    assert payloads[-1] == f"{talk}:2"
    assert set(payloads) <= {f"{talk}:1", f"{talk}:2"}


@postgresql_only
def test_rings_are_sent_again_after_the_senders_connection_dropped(
    instances: tuple[TalkService, TalkService],
) -> None:
    writer, reader = instances
    talk = writer.open_talk(TALK).talk
    bell = bell_of(writer)
    deadline = time.monotonic() + 5
    while bell.sender_pid() is None:  # the opening's ring is being sent
        assert time.monotonic() < deadline, "the sender never connected"
        time.sleep(0.02)
    with writer.store.engine.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": bell.sender_pid()})

    def speak() -> None:
        writer.execute(talk, Say("US Envoy", "after the cut"))

    assert asyncio.run(hear(reader, talk, 1, speak)) == 2


@postgresql_only
def test_a_listener_that_lost_its_connection_reconnects_and_catches_up(
    instances: tuple[TalkService, TalkService],
) -> None:
    writer, reader = instances
    bell = bell_of(reader)
    talk = writer.open_talk(TALK).talk
    before = bell.backend_pid()
    assert before is not None

    def cut_then_speak() -> None:
        # The listener's connection dies (a restart, a network cut); meanwhile a statement is
        # appended, whose notification the reader may never get: the catch-up must ring it.
        with writer.store.engine.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": before})
        writer.execute(talk, Say("US Envoy", "while you were away"))

    assert asyncio.run(hear(reader, talk, 1, cut_then_speak)) == 2
    deadline = time.monotonic() + 10
    while not (bell.listening and bell.backend_pid() not in (None, before)):
        assert time.monotonic() < deadline, "the listener did not reconnect"
        time.sleep(0.05)

    def speak_again() -> None:
        writer.execute(talk, Say("US Envoy", "and now"))

    assert asyncio.run(hear(reader, talk, 2, speak_again)) == 3
