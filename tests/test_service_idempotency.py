"""Idempotency keys in the service: a command sent again with its key is carried out once, and
answered as the first time, whatever happened in between."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from shuttle.service import Appended, IdempotencyClaim, KeyReused, TalkService
from shuttle.store import EventStore, make_engine, open_store
from shuttle.store.idempotency import Claimed
from shuttle.talks import Command, Consent, Convey, Handling, Mode, Refused, Release, Say
from tests.test_service import MUSCAT

SAY = "a" * 64  # fingerprints: any hex digest of the request
OTHER = "b" * 64


@pytest.fixture
def service(database_url: str) -> Iterator[TalkService]:
    store = open_store(database_url)
    yield TalkService(store)
    store.dispose()


def key(
    participant: str = "US Envoy", name: str = "k-1", fingerprint: str = SAY
) -> IdempotencyClaim:
    return IdempotencyClaim(participant, name, fingerprint)


def answer(service: TalkService, name: str, appended: Appended) -> tuple[str, list[Any]]:
    """What the web answers for `appended`: the head, and the new events as `name`, who sent
    the command, sees them -- just what `name`'s view of that stretch of the record shows."""
    assert appended.actor == name
    events = [e.to_dict() for e in appended.events]
    update = service.seen_since(
        appended.talk, name, after=appended.first_seq - 1, at_least=appended.head.seq
    )
    assert events == [e.to_dict() for e in update.events if e.seq <= appended.head.seq]
    return str(appended.head), events


def kinds(service: TalkService, talk: str) -> list[str]:
    return [e.document["kind"] for e in service.store.load(talk)]


def test_the_same_key_twice_appends_once_and_answers_the_same(service: TalkService) -> None:
    talk = service.open_talk(MUSCAT).talk
    first = service.execute(talk, Say("US Envoy", "We can pause."), claim=key())
    again = service.execute(talk, Say("US Envoy", "We can pause."), claim=key())
    assert not first.replayed and again.replayed
    assert answer(service, "US Envoy", again) == answer(service, "US Envoy", first)
    assert kinds(service, talk) == ["talk-opened", "said"]


def test_the_same_key_with_another_request_is_refused_and_appends_nothing(
    service: TalkService,
) -> None:
    talk = service.open_talk(MUSCAT).talk
    service.execute(talk, Say("US Envoy", "We can pause."), claim=key())
    with pytest.raises(KeyReused, match="another request"):
        service.execute(talk, Say("US Envoy", "Something else."), claim=key(fingerprint=OTHER))
    assert kinds(service, talk) == ["talk-opened", "said"]


def test_two_participants_keys_are_independent(service: TalkService) -> None:
    talk = service.open_talk(MUSCAT).talk
    us = service.execute(talk, Say("US Envoy", "From Washington."), claim=key())
    iran = service.execute(talk, Say("Iranian FM", "From Tehran."), claim=key("Iranian FM"))
    assert not iran.replayed and iran.head.seq == us.head.seq + 1
    # Neither sees the other's statement, key or not.
    assert answer(service, "Iranian FM", iran)[1][0]["text"] == "From Tehran."


def test_a_replay_answers_as_the_first_time_after_the_talk_moved_on(
    service: TalkService,
) -> None:
    talk = service.open_talk(MUSCAT).talk
    said = service.execute(talk, Say("Iranian FM", "Ours.", handling=Handling.MAY_CONVEY))
    us = service.execute(talk, Consent("US Envoy"), claim=key())
    iran = service.execute(talk, Consent("Iranian FM"), claim=key("Iranian FM"))  # opens the room
    first = answer(service, "US Envoy", us), answer(service, "Iranian FM", iran)
    service.execute(talk, Release("Iranian FM", said.head.seq, Handling.VERBATIM_ONLY))
    service.execute(talk, Convey("Oman", said.head.seq, "United States", Mode.VERBATIM))
    service.execute(talk, Say("Oman", "Welcome.", room="joint"))
    # Done once, a consent would now be refused; with its key it is answered as before.
    us_again = service.execute(talk, Consent("US Envoy"), claim=key())
    iran_again = service.execute(talk, Consent("Iranian FM"), claim=key("Iranian FM"))
    assert (answer(service, "US Envoy", us_again), answer(service, "Iranian FM", iran_again)) == (
        first
    )
    assert [e["kind"] for e in first[1][1]] == ["consented", "joint-opened"]


def test_a_refused_command_stores_no_key(service: TalkService) -> None:
    talk = service.open_talk(MUSCAT).talk
    said = service.execute(talk, Say("US Envoy", "Only for you."))
    carry = Convey("Oman", said.head.seq, "Iran", Mode.VERBATIM)
    with pytest.raises(Refused):
        service.execute(talk, carry, claim=key("Oman"))
    service.execute(talk, Release("US Envoy", said.head.seq, Handling.MAY_CONVEY))
    carried = service.execute(talk, carry, claim=key("Oman"))
    assert not carried.replayed and kinds(service, talk)[-1] == "conveyed"


def test_a_key_survives_a_restart(database_url: str, service: TalkService) -> None:
    talk = service.open_talk(MUSCAT).talk
    first = service.execute(talk, Say("US Envoy", "Before the crash."), claim=key())
    restarted = TalkService(open_store(database_url))
    try:
        again = restarted.execute(talk, Say("US Envoy", "Before the crash."), claim=key())
        assert again.replayed
        assert answer(restarted, "US Envoy", again) == answer(service, "US Envoy", first)
    finally:
        restarted.store.dispose()
    assert kinds(service, talk) == ["talk-opened", "said"]


@pytest.mark.parametrize(
    "command", [Say("US Envoy", "Once."), Consent("US Envoy")], ids=["say", "consent"]
)
def test_concurrent_requests_with_one_key_append_once(
    database_url: str, service: TalkService, command: Command
) -> None:
    """Six requests at once, as if through six server instances: one appends, and every
    other gets its answer (a consent re-decided would be refused, a statement repeated)."""
    talk = service.open_talk(MUSCAT).talk
    servers = [TalkService(EventStore(make_engine(database_url))) for _ in range(6)]
    start = threading.Barrier(len(servers))

    def send(server: TalkService) -> tuple[bool, tuple[str, list[Any]]]:
        start.wait(timeout=30)
        done = server.execute(talk, command, claim=key())
        return done.replayed, answer(server, "US Envoy", done)

    try:
        with ThreadPoolExecutor(len(servers)) as pool:
            results = list(pool.map(send, servers, timeout=60))
    finally:
        for server in servers:
            server.store.dispose()
    assert sorted(replayed for replayed, _ in results) == [False] + [True] * 5
    assert len({repr(answered) for _, answered in results}) == 1
    assert len(kinds(service, talk)) == 2


class LateStore(EventStore):
    """A store whose first key lookup misses just before a rival request with the same key
    commits: the narrowest race there is."""

    rival: tuple[TalkService, str, Command, IdempotencyClaim] | None = None

    def claimed(self, talk: str, participant: str, key: str) -> Claimed | None:
        found = super().claimed(talk, participant, key)
        if self.rival is not None:
            server, talk, command, claim = self.rival
            self.rival = None
            server.execute(talk, command, claim=claim)
        return found


@pytest.mark.parametrize(
    ("command", "cached"),
    [
        (Say("US Envoy", "Once."), True),  # the cached fold is stale: the append loses
        (Say("US Envoy", "Once."), False),  # decided on the record: the key itself refuses
        (Consent("US Envoy"), False),  # decided on the record: refused, then found
    ],
    ids=["say-cached", "say-loaded", "consent-loaded"],
)
def test_a_rival_that_wins_between_lookup_and_append_gives_its_answer(
    service: TalkService, command: Command, cached: bool
) -> None:
    talk = service.open_talk(MUSCAT).talk
    late = TalkService(LateStore(service.store.engine))
    if cached:
        late.view(talk, "US Envoy")
    late.store.rival = (service, talk, command, key())  # type: ignore[attr-defined]
    done = late.execute(talk, command, claim=key())
    assert done.replayed and len(kinds(service, talk)) == 2


class CountingStore(EventStore):
    lookups = 0

    def claimed(self, talk: str, participant: str, key: str) -> Claimed | None:
        self.lookups += 1
        return super().claimed(talk, participant, key)


def test_a_command_without_a_key_costs_no_lookup_and_with_one_a_single_one(
    service: TalkService,
) -> None:
    talk = service.open_talk(MUSCAT).talk
    store = CountingStore(service.store.engine)
    counting = TalkService(store)
    counting.view(talk, "US Envoy")  # a warm cache, as on a busy server
    counting.execute(talk, Say("US Envoy", "No key."))
    assert store.lookups == 0
    counting.execute(talk, Say("US Envoy", "A key."), claim=key())
    assert store.lookups == 1
