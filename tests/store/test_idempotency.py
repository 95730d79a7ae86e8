"""Idempotency keys in the store: claimed in the append's own transaction, or not at all."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from shuttle.store import ConcurrentAppend, EventStore, Head, open_store
from shuttle.store.idempotency import IdempotencyClaim, is_valid_key
from shuttle.store.schema import idempotency_keys

FINGERPRINT = "a" * 64


def doc(talk: str, seq: int, **fields: Any) -> dict[str, Any]:
    return {"talk": talk, "seq": seq, "kind": "note", **fields}


def claim(
    key: str = "k-1", participant: str = "US Envoy", fingerprint: str = FINGERPRINT
) -> IdempotencyClaim:
    return IdempotencyClaim(participant, key, fingerprint)


def keys_stored(store: EventStore) -> int:
    with store.engine.connect() as connection:
        count: int = connection.execute(
            select(func.count()).select_from(idempotency_keys)
        ).scalar_one()
    return count


def opened(store: EventStore, talk: str = "t") -> Head:
    return store.append(talk, None, [doc(talk, 1)])[-1].head


def test_a_claim_names_the_events_it_was_appended_with(store: EventStore) -> None:
    head = opened(store)
    stored = store.append("t", head, [doc("t", 2), doc("t", 3)], claim=claim())
    found = store.claimed("t", "US Envoy", "k-1")
    assert found is not None
    assert (found.fingerprint, found.first_seq, found.head) == (FINGERPRINT, 2, stored[-1].head)


def test_an_unclaimed_key_is_none(store: EventStore) -> None:
    opened(store)
    assert store.claimed("t", "US Envoy", "never") is None


def test_a_key_claimed_twice_writes_nothing_the_second_time(store: EventStore) -> None:
    head = opened(store)
    first = store.append("t", head, [doc("t", 2)], claim=claim())
    # Built on the true head, so only the key can refuse it: events and key go together.
    with pytest.raises(ConcurrentAppend, match="key 'k-1' is claimed already"):
        store.append("t", first[-1].head, [doc("t", 3)], claim=claim(fingerprint="b" * 64))
    assert [e.seq for e in store.load("t")] == [1, 2]
    found = store.claimed("t", "US Envoy", "k-1")
    assert found is not None and found.fingerprint == FINGERPRINT


def test_a_lost_race_claims_no_key(store: EventStore) -> None:
    head = opened(store)
    store.append("t", head, [doc("t", 2)])
    with pytest.raises(ConcurrentAppend):
        store.append("t", head, [doc("t", 2)], claim=claim())
    assert store.claimed("t", "US Envoy", "k-1") is None and keys_stored(store) == 0


def test_keys_are_scoped_to_the_participant_and_the_talk(store: EventStore) -> None:
    us, other = opened(store), opened(store, "other")
    us = store.append("t", us, [doc("t", 2)], claim=claim())[-1].head
    iran = store.append("t", us, [doc("t", 3)], claim=claim(participant="Iranian FM"))
    store.append("other", other, [doc("other", 2)], claim=claim())
    found = store.claimed("t", "Iranian FM", "k-1")
    assert found is not None and found.head == iran[-1].head
    assert keys_stored(store) == 3


def test_a_claim_survives_reopening_the_database(database_url: str, store: EventStore) -> None:
    stored = store.append("t", opened(store), [doc("t", 2)], claim=claim())
    again = open_store(database_url)
    try:
        found = again.claimed("t", "US Envoy", "k-1")
        assert found is not None and found.head == stored[-1].head
    finally:
        again.dispose()


@pytest.mark.parametrize("key", ["", "k" * 201, "with space", "caf\u00e9", "tab\t", "nul\x00"])
def test_a_key_must_be_1_to_200_visible_ascii_characters(key: str) -> None:
    assert not is_valid_key(key)
    with pytest.raises(ValueError, match="1 to 200 visible ASCII"):
        claim(key=key)


def test_the_longest_key_fits_both_databases(store: EventStore) -> None:
    key = "~" * 200
    assert is_valid_key(key)
    store.append("t", opened(store), [doc("t", 2)], claim=claim(key=key, participant="p" * 200))
    assert store.claimed("t", "p" * 200, key) is not None


@pytest.mark.parametrize(
    ("participant", "fingerprint"), [("", FINGERPRINT), ("p" * 201, FINGERPRINT), ("p", "")]
)
def test_a_claim_is_checked_before_the_database_is_touched(
    participant: str, fingerprint: str
) -> None:
    with pytest.raises(ValueError):
        IdempotencyClaim(participant, "k", fingerprint)
