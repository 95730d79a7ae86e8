"""Live credentials kept briefly: a busy client's requests skip the database, and a revocation
takes effect within a second on every instance (PostgreSQL NOTIFY), or within a second anyway
where nothing is announced (SQLite)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event

from shuttle.accounts import Access, Identity
from shuttle.accounts.credential_cache import (
    HEARD_SECONDS,
    UNHEARD_SECONDS,
    CredentialCache,
)
from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.store.pg_bell import PostgresBell
from shuttle.talks import Delegate, OpenTalk

WHO = Identity("bearer", "t", "US Envoy", None, None)


class Feed:
    def __init__(self) -> None:
        self.listening = True
        self.callbacks: list[Callable[[], None]] = []

    def on_revoked(self, callback: Callable[[], None]) -> None:
        self.callbacks.append(callback)


def test_an_entry_lives_until_its_time_and_a_forgetting_drops_all() -> None:
    cache: CredentialCache[Identity] = CredentialCache()
    cache.keep("k", WHO, until=10.0, generation=cache.generation)
    assert cache.get("k", 9.9) == WHO and cache.get("k", 10.0) is None
    cache.keep("k", WHO, until=10.0, generation=cache.generation)
    cache.forget_all()
    assert cache.get("k", 1.0) is None


def test_an_answer_asked_before_a_forgetting_is_not_kept_after_it() -> None:
    cache: CredentialCache[Identity] = CredentialCache()
    asked = cache.generation  # a lookup starts...
    cache.forget_all()  # ...a revocation lands meanwhile...
    cache.keep("k", WHO, until=10.0, generation=asked)  # ...its stale answer is dropped
    assert cache.get("k", 1.0) is None


def test_credentials_are_trusted_long_only_while_revocations_are_heard() -> None:
    feed = Feed()
    cache: CredentialCache[Identity] = CredentialCache(feed)
    assert cache.trust_for() == HEARD_SECONDS
    feed.listening = False
    assert cache.trust_for() == UNHEARD_SECONDS < 1.0
    assert CredentialCache[Identity]().trust_for() == 0.0  # nowhere to hear: nothing kept
    cache.keep("k", WHO, until=10.0, generation=cache.generation)
    feed.callbacks[0]()  # heard: another instance revoked something
    assert cache.get("k", 1.0) is None


def test_the_oldest_entries_go_first_when_full() -> None:
    cache: CredentialCache[Identity] = CredentialCache(size=2)
    for key in ("a", "b", "c"):
        cache.keep(key, WHO, until=10.0, generation=cache.generation)
    assert cache.get("a", 1.0) is None and cache.get("c", 1.0) == WHO


def queries(access_engine: object, counted: list[str]) -> None:
    event.listen(access_engine, "before_cursor_execute", lambda *a: counted.append("q"))


def test_a_busy_client_is_identified_from_memory_until_it_is_revoked(database_url: str) -> None:
    store = open_store(database_url)
    try:
        access = Access(store.engine, revocations=Feed())
        token = access.bearer("t", "US Envoy")
        assert access.identify(token, ("bearer",)) is not None
        counted: list[str] = []
        queries(store.engine, counted)
        for _ in range(50):
            assert access.identify(token, ("bearer",)) is not None
        assert counted == []  # none of the 50 asked the database
        access.end(token)
        assert access.identify(token, ("bearer",)) is None  # this instance: at once
    finally:
        store.dispose()


@pytest.fixture
def two_instances(database_url: str) -> Iterator[tuple[Access, Access, TalkService]]:
    """Two instances' accounts on one database, each with its bell (on PostgreSQL), as two
    `shuttle serve` processes have them; the service opens talks on the first."""
    stores, bells, accesses = [], [], []
    for _ in range(2):
        store = open_store(database_url)
        bell = PostgresBell(store) if database_url.startswith("postgresql") else None
        if bell is not None:
            bell.start()
            bells.append(bell)
        stores.append(store)
        accesses.append(Access(store.engine, revocations=bell))
    yield accesses[0], accesses[1], TalkService(stores[0])
    for bell in bells:
        bell.close()
    for store in stores:
        store.dispose()


def test_without_a_feed_nothing_is_kept(database_url: str) -> None:
    """SQLite, or a process with no bell: a revocation by another process (the command line's
    `shuttle leave`) announces nothing here, so every request asks the database."""
    store = open_store(database_url)
    try:
        here, there = Access(store.engine), Access(store.engine)
        token = here.bearer("t", "US Envoy")
        assert there.identify(token, ("bearer",)) is not None
        here.end(token)
        assert there.identify(token, ("bearer",)) is None
    finally:
        store.dispose()


def test_a_revocation_on_one_instance_takes_effect_on_the_other_within_a_second(
    two_instances: tuple[Access, Access, TalkService], database_url: str
) -> None:
    here, there, service = two_instances
    talk = service.open_talk(
        OpenTalk("T", ("A", "B"), ("M",), (Delegate("US Envoy", "A"), Delegate("Iran", "B")))
    ).talk
    token = here.bearer(talk, "US Envoy")
    assert there.identify(token, ("bearer",)) is not None  # kept in the other's memory
    assert there.identify(token, ("bearer",)) is not None
    here.end_participant(talk, "US Envoy")  # removed from the talk, through the first
    start = time.monotonic()
    while there.identify(token, ("bearer",)) is not None:
        assert time.monotonic() - start < 1.0, "still trusted a second after its revocation"
        time.sleep(0.01)
    took = time.monotonic() - start
    if database_url.startswith("postgresql"):
        assert took < 0.5  # heard through NOTIFY, not waited out
