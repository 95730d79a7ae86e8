"""verify: tampering done directly in the database shows at exactly the tampered event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from shuttle.store import (
    ChainFailure,
    EventStore,
    Head,
    StoredEvent,
    VerifyReport,
    canonical_bytes,
    chain_hash,
    open_store,
)
from shuttle.store.chain import event_link

TALK = "victim"
LENGTH = 5


def build(store: EventStore, talk: str = TALK, length: int = LENGTH) -> list[StoredEvent]:
    documents = [{"talk": talk, "seq": 1, "kind": "opened", "title": "Zoning — Ost"}]
    documents += [
        {"talk": talk, "seq": seq, "kind": "note", "text": f"point {seq} ✓", "n": seq * 7}
        for seq in range(2, length + 1)
    ]
    return store.append(talk, None, documents)


def sql(store: EventStore, statement: str, **params: Any) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(statement), params)


def set_body(store: EventStore, seq: int, body: bytes, talk: str = TALK) -> None:
    sql(store, "UPDATE events SET body = :b WHERE talk = :t AND seq = :s", b=body, t=talk, s=seq)


def set_hash(store: EventStore, seq: int, hash_: str, talk: str = TALK) -> None:
    sql(store, "UPDATE events SET hash = :h WHERE talk = :t AND seq = :s", h=hash_, t=talk, s=seq)


def rewrite_from(store: EventStore, seq: int, bodies: list[bytes], talk: str = TALK) -> None:
    """Replace bodies from ``seq`` on and re-hash the rest of the chain consistently,
    as a careful forger with database access would."""
    events = store.load(talk)
    previous = events[seq - 2].hash if seq > 1 else "0" * 64
    new_bodies = {seq + offset: body for offset, body in enumerate(bodies)}
    for event in events[seq - 1 :]:
        body = new_bodies.get(event.seq, event.body)
        previous = event_link(previous, body, event.salt)
        set_body(store, event.seq, body, talk)
        set_hash(store, event.seq, previous, talk)


def only_failure(report: VerifyReport) -> ChainFailure:
    assert not report.ok
    assert len(report.failures) == 1, report.failures
    return report.failures[0]


def test_untouched_record_verifies(store: EventStore) -> None:
    build(store)
    build(store, "bystander", 3)
    report = store.verify()
    assert report == VerifyReport(talks_checked=2, events_checked=LENGTH + 3, failures=[])
    assert report.ok


def test_empty_record_verifies(store: EventStore) -> None:
    assert store.verify() == VerifyReport(talks_checked=0, events_checked=0, failures=[])


def test_every_flipped_body_byte_shows_at_its_event(store: EventStore) -> None:
    events = build(store)
    build(store, "bystander", 3)
    for event in events:
        body = event.body
        for position in sorted({0, 1, len(body) // 2, body.index(b'"kind"') + 2, len(body) - 1}):
            tampered = bytearray(body)
            tampered[position] ^= 0x01
            set_body(store, event.seq, bytes(tampered))
            failure = only_failure(store.verify())
            assert (failure.talk, failure.seq) == (TALK, event.seq), (position, failure)
            set_body(store, event.seq, body)
    assert store.verify().ok


def test_changed_stored_hash_shows_at_its_event(store: EventStore) -> None:
    events = build(store)
    for event in events:
        set_hash(store, event.seq, chain_hash("1" * 64, event.body))
        failure = only_failure(store.verify())
        assert (failure.talk, failure.seq) == (TALK, event.seq)
        assert "hash mismatch" in failure.reason
        set_hash(store, event.seq, event.hash)
    assert store.verify().ok


def test_truncated_tail_needs_a_kept_head_to_show(store: EventStore) -> None:
    events = build(store)
    sql(store, "DELETE FROM events WHERE talk = :t AND seq > 3", t=TALK)
    assert store.verify().ok
    failure = only_failure(store.verify(expect={TALK: events[4].head}))
    assert (failure.talk, failure.seq) == (TALK, 5)
    assert "no event at seq 5" in failure.reason and "ends at seq 3" in failure.reason
    assert store.verify(expect={TALK: events[2].head}).ok


def test_rewritten_and_rehashed_chain_needs_a_kept_head_to_show(store: EventStore) -> None:
    events = build(store)
    forged = {**events[2].document, "text": "point 3, as the forger prefers"}
    rewrite_from(store, 3, [canonical_bytes(forged)])
    assert store.load(TALK)[2].document == forged
    assert store.verify().ok
    failure = only_failure(store.verify(expect={TALK: events[4].head}))
    assert (failure.talk, failure.seq) == (TALK, 5)
    assert "rewritten" in failure.reason
    failure = only_failure(store.verify(expect={TALK: events[2].head}))
    assert failure.seq == 3
    # A head kept before the forged event still matches.
    assert store.verify(expect={TALK: events[1].head}).ok


def test_kept_valid_heads_pass(store: EventStore) -> None:
    events = build(store)
    others = build(store, "other", 2)
    for event in events:
        assert store.verify(expect={TALK: event.head, "other": others[-1].head}).ok


def test_kept_head_of_a_vanished_talk_fails(store: EventStore) -> None:
    events = build(store)
    sql(store, "DELETE FROM events WHERE talk = :t", t=TALK)
    failure = only_failure(store.verify(expect={TALK: events[1].head}))
    assert (failure.talk, failure.seq) == (TALK, 2)
    assert "missing" in failure.reason
    report = store.verify(expect={"never-existed": events[0].head})
    assert [failure.talk for failure in report.failures] == ["never-existed", TALK]


def test_kept_head_before_a_chain_break_reports_the_earlier_seq(store: EventStore) -> None:
    events = build(store)
    # The chain breaks at 2 and 4, but the head kept at 1 already disagrees.
    set_hash(store, 2, "f" * 64)
    set_body(store, 4, events[3].body + b" ")
    failure = only_failure(store.verify(expect={TALK: Head(1, "e" * 64)}))
    assert failure.seq == 1


def test_talk_deleted_whole_shows_without_a_kept_head(store: EventStore) -> None:
    build(store)
    build(store, "bystander", 2)
    sql(store, "DELETE FROM events WHERE talk = :t", t=TALK)
    failure = only_failure(store.verify())
    assert (failure.talk, failure.seq) == (TALK, 1)
    assert "registered but has no events" in failure.reason


def test_deleted_registration_shows(store: EventStore) -> None:
    build(store)
    sql(store, "DELETE FROM talks WHERE talk = :t", t=TALK)
    assert store.talks() == []
    failure = only_failure(store.verify())
    assert (failure.talk, failure.seq) == (TALK, 1)
    assert "registration was deleted" in failure.reason


def test_missing_middle_event(store: EventStore) -> None:
    build(store)
    sql(store, "DELETE FROM events WHERE talk = :t AND seq = 3", t=TALK)
    failure = only_failure(store.verify())
    assert failure.seq == 3
    assert "seq 3 is missing" in failure.reason


def test_missing_first_event(store: EventStore) -> None:
    build(store)
    sql(store, "DELETE FROM events WHERE talk = :t AND seq = 1", t=TALK)
    failure = only_failure(store.verify())
    assert failure.seq == 1
    assert "does not start at seq 1" in failure.reason


def test_kind_column_disagreeing_with_body(store: EventStore) -> None:
    build(store)
    sql(store, "UPDATE events SET kind = 'other' WHERE talk = :t AND seq = 2", t=TALK)
    failure = only_failure(store.verify())
    assert failure.seq == 2
    assert "kind" in failure.reason


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"seq": 9}, "body says seq 9"),
        ({"seq": True}, "body says seq True"),
        ({"talk": "elsewhere"}, "body says talk 'elsewhere'"),
        ({"kind": "opened"}, "body says kind 'opened'"),
    ],
)
def test_rehashed_body_disagreeing_with_row(
    store: EventStore, change: dict[str, object], reason: str
) -> None:
    events = build(store)
    rewrite_from(store, 2, [canonical_bytes({**events[1].document, **change})])
    failure = only_failure(store.verify())
    assert failure.seq == 2
    assert reason in failure.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"kind": "note", "seq": 2, "talk": "victim"}', "not in canonical form"),
        (b'{"talk":"victim","seq":2,"kind":"note"}', "not in canonical form"),
        (b'{"kind":"note","seq":2,"talk":"victim","x":1.5}', "floats"),
        (b'{"kind":"note","seq":2,"talk":"victim","x":NaN}', "NaN is not allowed"),
        (b'{"kind":"note","kind":"note","seq":2,"talk":"victim"}', "duplicate key"),
        (b'["kind","note"]', "not an object"),
        (b'{"kind":"note","seq":2,"talk":"vict\xffim"}', "not canonical JSON"),
        (b"", "not canonical JSON"),
    ],
)
def test_rehashed_non_canonical_body(store: EventStore, body: bytes, reason: str) -> None:
    build(store)
    rewrite_from(store, 2, [body])
    failure = only_failure(store.verify())
    assert failure.seq == 2
    assert reason in failure.reason


def test_only_the_tampered_talks_fail(store: EventStore) -> None:
    first = build(store, "first")
    build(store, "second")
    third = build(store, "third")
    set_body(store, 2, first[1].body.replace(b"point", b"p0int"), talk="first")
    set_hash(store, 4, "a" * 64, talk="third")
    report = store.verify()
    assert [(f.talk, f.seq) for f in report.failures] == [("first", 2), ("third", 4)]
    assert report.talks_checked == 3
    assert report.events_checked == 3 * LENGTH
    assert "talk 'first', seq 2: hash mismatch" in str(report.failures[0])
    assert third[3].hash != "a" * 64


def test_verify_streams_past_one_batch(store: EventStore) -> None:
    for name in ["a", "b", "c"]:
        store.append(name, None, [{"talk": name, "seq": 1, "kind": "opened"}])
        head = store.head(name)
        documents = [{"talk": name, "seq": seq, "kind": "note"} for seq in range(2, 401)]
        store.append(name, head, documents)
    report = store.verify()
    assert report.ok
    assert (report.talks_checked, report.events_checked) == (3, 1200)


def test_body_is_stored_as_the_hashed_bytes(store: EventStore) -> None:
    # The stored body is exactly what was hashed: JSON text, not a re-encoded column value.
    events = build(store)
    with store.engine.connect() as connection:
        raw = connection.execute(
            text("SELECT body FROM events WHERE talk = :t AND seq = 1"), {"t": TALK}
        ).scalar_one()
    assert bytes(raw) == events[0].body
    assert json.loads(raw)["title"] == "Zoning — Ost"


def set_salt(store: EventStore, seq: int, salt: object, talk: str = TALK) -> None:
    sql(store, "UPDATE events SET salt = :v WHERE talk = :t AND seq = :s", v=salt, t=talk, s=seq)


def test_verify_says_which_format_each_talk_uses(database_url: str) -> None:
    old = open_store(database_url, record_format=1)
    try:
        build(old, "old")
        build(old, "mixed", 2)
    finally:
        old.dispose()
    store = open_store(database_url)
    try:
        build(store, "new", 2)
        store.append("mixed", store.head("mixed"), [{"talk": "mixed", "seq": 3, "kind": "note"}])
        report = store.verify()
        assert report.ok
        assert report.formats == {"old": "1", "new": "2", "mixed": "1, then 2 from seq 3"}
    finally:
        store.dispose()


def test_a_changed_salt_shows_at_its_event(store: EventStore) -> None:
    events = build(store)
    salt = events[2].salt
    assert salt is not None
    set_salt(store, 3, bytes([salt[0] ^ 1]) + salt[1:])
    failure = only_failure(store.verify())
    assert (failure.seq, "hash mismatch" in failure.reason) == (3, True)


def test_a_stripped_and_rehashed_salt_is_a_downgrade(store: EventStore) -> None:
    events = build(store)
    set_salt(store, 4, None)
    previous = events[2].hash
    for event in events[3:]:
        salt = None if event.seq == 4 else event.salt
        previous = event_link(previous, event.body, salt)
        set_hash(store, event.seq, previous)
    failure = only_failure(store.verify())
    assert failure.seq == 4
    assert "format-1 event (no salt) after format 2 began at seq 1" in failure.reason


def test_hashes_print_in_one_form(store: EventStore) -> None:
    events = build(store)
    set_hash(store, 2, "b" * 64)
    reason = only_failure(store.verify()).reason
    assert f"stored {'b' * 64}, recomputed {events[1].hash}" in reason


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("body", "plain text", "stored body is text (10 characters), not bytes"),
        ("body", 42, "stored body is a int, not bytes"),
        ("hash", bytes(range(32)), f"stored hash {bytes(range(32)).hex()} (stored as bytes)"),
        ("hash", 7, "stored hash '7' is not 64 lowercase hex digits"),
        ("hash", "A" * 64, "is not 64 lowercase hex digits"),
        ("salt", b"short", "stored salt is 5 bytes, not 32 bytes"),
        ("salt", "text salt", "stored salt is text (9 characters), not 32 bytes"),
        ("kind", b"note", "stored kind is 4 bytes, not text"),
    ],
)
def test_values_of_the_wrong_type_fail_at_their_event(
    tmp_path: Path, column: str, value: object, reason: str
) -> None:
    # Only SQLite lets a column hold a value of another type; PostgreSQL refuses the UPDATE.
    store = open_store(f"sqlite:///{tmp_path / 'typed.db'}")
    try:
        build(store)
        sql(store, f"UPDATE events SET {column} = :v WHERE seq = 3", v=value)
        failure = only_failure(store.verify())
        assert (failure.talk, failure.seq) == (TALK, 3)
        assert reason in failure.reason
    finally:
        store.dispose()
