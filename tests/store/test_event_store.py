"""EventStore: append, load, head, talks, and the refusals that keep the chain whole."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from shuttle.store import (
    GENESIS_HASH,
    ConcurrentAppend,
    EventStore,
    Head,
    canonical_bytes,
    chain_hash,
    open_store,
)
from shuttle.store.chain import SALT_BYTES, leaf_commitment, link_hash


def doc(talk: str, seq: int, kind: str = "note", **fields: Any) -> dict[str, Any]:
    return {"talk": talk, "seq": seq, "kind": kind, **fields}


def count_rows(store: EventStore) -> tuple[int, int]:
    with store.engine.connect() as connection:
        events = connection.execute(text("SELECT count(*) FROM events")).scalar_one()
        talks = connection.execute(text("SELECT count(*) FROM talks")).scalar_one()
    return events, talks


def test_append_new_talk_chains_from_genesis(store: EventStore) -> None:
    stored = store.append("t", None, [doc("t", 1, "opened", text="hé"), doc("t", 2)])
    assert [event.seq for event in stored] == [1, 2]
    assert stored[0].body == canonical_bytes(doc("t", 1, "opened", text="hé"))
    first, second = stored
    assert first.salt is not None and second.salt is not None
    assert first.hash == link_hash(GENESIS_HASH, leaf_commitment(first.salt, first.body))
    assert second.hash == link_hash(first.hash, leaf_commitment(second.salt, second.body))
    assert second.document == doc("t", 2)


def test_every_event_gets_its_own_secret_salt(store: EventStore) -> None:
    stored = store.append("t", None, [doc("t", seq) for seq in range(1, 21)])
    salts = {event.salt for event in stored}
    assert len(salts) == 20
    assert all(salt is not None and len(salt) == SALT_BYTES for salt in salts)
    assert {event.record_format for event in stored} == {2}


def test_a_format_1_store_links_the_bare_bodies(database_url: str) -> None:
    store = open_store(database_url, record_format=1)
    try:
        stored = store.append("t", None, [doc("t", 1, "opened"), doc("t", 2)])
        assert [event.salt for event in stored] == [None, None]
        assert stored[0].hash == chain_hash(GENESIS_HASH, stored[0].body)
        assert stored[1].hash == chain_hash(stored[0].hash, stored[1].body)
        assert store.load("t") == stored
    finally:
        store.dispose()


def test_a_format_1_talk_continues_in_format_2(database_url: str) -> None:
    old = open_store(database_url, record_format=1)
    try:
        first = old.append("t", None, [doc("t", 1, "opened")])
    finally:
        old.dispose()
    new = open_store(database_url)
    try:
        more = new.append("t", first[-1].head, [doc("t", 2)])
        assert more[0].salt is not None
        assert more[0].hash == link_hash(first[0].hash, leaf_commitment(more[0].salt, more[0].body))
        report = new.verify()
        assert report.ok
        assert report.formats == {"t": "1, then 2 from seq 2"}
    finally:
        new.dispose()


def test_unknown_record_format_is_refused(store: EventStore) -> None:
    with pytest.raises(ValueError, match="record format must be 1 or 2"):
        EventStore(store.engine, record_format=3)


def test_load_returns_what_append_returned(store: EventStore) -> None:
    first = store.append("t", None, [doc("t", 1, "opened")])
    more = store.append("t", first[-1].head, [doc("t", 2), doc("t", 3)])
    assert store.load("t") == first + more
    assert store.load("t", after_seq=1) == more
    assert store.load("t", after_seq=3) == []
    assert store.load("unknown") == []


def test_head(store: EventStore) -> None:
    assert store.head("t") is None
    stored = store.append("t", None, [doc("t", 1, "opened"), doc("t", 2)])
    assert store.head("t") == stored[-1].head == Head(2, stored[-1].hash)


def test_talks_lists_first_events_oldest_first(store: EventStore) -> None:
    # Names chosen so that neither alphabetical order nor seq order would give this order.
    for name in ["zulu", "alpha", "mike"]:
        first = store.append(name, None, [doc(name, 1, "opened")])
        store.append(name, first[0].head, [doc(name, 2)])
    listed = store.talks()
    assert [event.talk for event in listed] == ["zulu", "alpha", "mike"]
    assert all(event.seq == 1 for event in listed)
    assert listed[1] == store.load("alpha")[0]


def test_talks_keep_separate_chains(store: EventStore) -> None:
    a = store.append("a", None, [doc("a", 1, "opened")])
    b = store.append("b", None, [doc("b", 1, "opened")])
    assert a[0].hash != b[0].hash
    assert store.load("a") == a
    assert store.verify().ok


@pytest.mark.parametrize(
    ("documents", "message"),
    [
        ([doc("t", 2)], "expected 1"),
        ([doc("t", 1, "opened"), doc("t", 3)], "expected 2"),
        ([doc("t", 1, "opened"), doc("t", 1)], "expected 2"),
        ([{"talk": "t", "seq": True, "kind": "opened"}], "expected 1"),
        ([{"talk": "t", "seq": "1", "kind": "opened"}], "expected 1"),
        ([doc("other", 1, "opened")], "expected 't'"),
        ([{"seq": 1, "kind": "opened"}], "expected 't'"),
        ([{"talk": "t", "seq": 1}], "'kind'"),
        ([doc("t", 1, "k" * 65)], "kind must be"),
        ([], "non-empty"),
    ],
)
def test_malformed_documents_refused_and_nothing_written(
    store: EventStore, documents: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        store.append("t", None, documents)
    assert count_rows(store) == (0, 0)


def test_unencodable_document_refused_and_nothing_written(store: EventStore) -> None:
    with pytest.raises(TypeError, match="floats"):
        store.append("t", None, [doc("t", 1, "opened"), doc("t", 2, amount=1.5)])
    assert count_rows(store) == (0, 0)


@pytest.mark.parametrize("talk", ["", "x" * 65, "a\x00b"])
def test_bad_talk_names_refused(store: EventStore, talk: str) -> None:
    with pytest.raises(ValueError, match="talk must be"):
        store.append(talk, None, [doc(talk, 1, "opened")])


def test_stale_head_raises_concurrent_append_and_writes_nothing(store: EventStore) -> None:
    [first] = store.append("t", None, [doc("t", 1, "opened")])
    store.append("t", first.head, [doc("t", 2, text="winner")])
    before = store.load("t")
    with pytest.raises(ConcurrentAppend):
        # Three documents: the first collides, and none of them may remain.
        store.append("t", first.head, [doc("t", 2), doc("t", 3), doc("t", 4)])
    assert store.load("t") == before
    assert store.verify().ok


def test_creating_an_existing_talk_raises_concurrent_append(store: EventStore) -> None:
    store.append("t", None, [doc("t", 1, "opened")])
    before = count_rows(store)
    with pytest.raises(ConcurrentAppend):
        store.append("t", None, [doc("t", 1, "opened"), doc("t", 2)])
    assert count_rows(store) == before


def test_head_from_elsewhere_refused(store: EventStore) -> None:
    [first] = store.append("t", None, [doc("t", 1, "opened")])
    with pytest.raises(ValueError, match="no event matching head"):
        store.append("t", Head(1, "f" * 64), [doc("t", 2)])
    with pytest.raises(ValueError, match="no such event"):
        # Appending after a seq the talk does not have would leave a gap.
        store.append("t", Head(5, first.hash), [doc("t", 6)])
    with pytest.raises(ValueError, match="no such event"):
        store.append("other", first.head, [doc("other", 2)])
    assert store.load("t") == [first]


def test_store_survives_reopening(database_url: str, store: EventStore) -> None:
    stored = store.append("t", None, [doc("t", 1, "opened"), doc("t", 2)])
    store.dispose()
    reopened = open_store(database_url)
    try:
        assert reopened.load("t") == stored
        assert reopened.talks() == stored[:1]
    finally:
        reopened.dispose()


def test_the_heads_of_many_talks_come_in_one_call(store: EventStore) -> None:
    talks = [f"talk-{n}" for n in range(3)]
    for number, talk in enumerate(talks):
        store.append(talk, None, [doc(talk, seq) for seq in range(1, number + 2)])
    heads = store.heads([*talks, "no-such-talk"])
    assert sorted(heads) == talks
    assert [heads[t].seq for t in talks] == [1, 2, 3]
    assert heads["talk-2"] == store.head("talk-2")
    many = [f"absent-{n}" for n in range(2500)] + ["talk-0"]
    assert store.heads(many) == {"talk-0": store.head("talk-0")}
    assert store.heads([]) == {}
