"""Table objects for Core queries.

These mirror ``migrations/versions``; they are never used to create the schema (Alembic does
that), and a test compares them with the migrated database so the two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
)

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("talk", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    # Copied from the body's "kind" so queries can filter without parsing bodies; verify
    # checks that it still agrees with the body.
    Column("kind", String(64), nullable=False),
    # The exact canonical bytes that were hashed. Not a JSON column type: those may reorder
    # keys or reformat numbers, which would break the hash.
    Column("body", LargeBinary, nullable=False),
    Column("hash", String(64), nullable=False),
    # Format 2 (see chain.py): the event's secret salt, NULL for a format-1 link. Never shown
    # to a participant who may not see the whole event.
    Column("salt", LargeBinary, nullable=True),
    # The primary key is the optimistic-concurrency guard: two writers that both want the
    # next seq of a talk cannot both insert it.
    PrimaryKeyConstraint("talk", "seq", name="pk_events"),
    CheckConstraint("seq >= 1", name="ck_events_seq_positive"),
)

# One row per talk, numbered in the order talks were opened. ``events`` has no portable
# insertion-order column (its key is (talk, seq), and SQLite can only autoincrement a sole
# INTEGER PRIMARY KEY), so ``EventStore.talks`` orders by this table instead of by a timestamp
# inside the bodies, whose format belongs to the service layer.
talks = Table(
    "talks",
    metadata,
    Column("ordinal", Integer, primary_key=True, autoincrement=True),
    Column("talk", String(64), nullable=False),
    UniqueConstraint("talk", name="uq_talks_talk"),
    # AUTOINCREMENT: never reuse an ordinal, even one whose row is gone.
    sqlite_autoincrement=True,
)

# Idempotency keys (see idempotency.py): beside the record, never in it. A row is written in
# the same transaction as the events its request appended, and names them; the primary key
# scopes a key to one talk and one participant and refuses a second claim of it.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("talk", String(64), nullable=False),
    Column("participant", String(200), nullable=False),
    Column("key", String(200), nullable=False),
    # SHA-256 hex of what was asked (route and body), to refuse the key reused for another.
    Column("fingerprint", String(64), nullable=False),
    # The answer: events first_seq..last_seq, and the record's head right after them.
    Column("first_seq", Integer, nullable=False),
    Column("last_seq", Integer, nullable=False),
    Column("head", String(64), nullable=False),
    PrimaryKeyConstraint("talk", "participant", "key", name="pk_idempotency_keys"),
)

# Who takes part in each talk, by name (see migration 0005): written in the same transaction as
# the events that bring the names in, so that a person's talks are found without reading any
# other talk. Rows are never removed; the record says who has left.
talk_members = Table(
    "talk_members",
    metadata,
    Column("name", String(200), nullable=False),
    Column("talk", String(64), nullable=False),
    Column("seq", Integer, nullable=False),  # the event that brought the name in
    PrimaryKeyConstraint("name", "talk", name="pk_talk_members"),
)


# Processes and their tracks (see migration 0007): beside the record. A track's opening event
# names its process; this index, written in the same transaction, finds a process's tracks.
processes = Table(
    "processes",
    metadata,
    Column("process", String(64), nullable=False),
    Column("title", String(500), nullable=False),
    Column("opened_by", String(200), nullable=True),  # an account's name, or None (operator)
    PrimaryKeyConstraint("process", name="pk_processes"),
)

process_tracks = Table(
    "process_tracks",
    metadata,
    Column("process", String(64), nullable=False),
    Column("talk", String(64), nullable=False),
    PrimaryKeyConstraint("process", "talk", name="pk_process_tracks"),
)


def described_here(name: str | None, kind: str, _parents: object = None) -> bool:
    """Whether a database object is one this module describes: not one of the partitions of
    ``events`` (PostgreSQL, revision 0006), which are the events table itself, split by talk.
    (Alembic's ``include_name`` hook, so comparing and autogenerating leave them alone.)"""
    return not (kind == "table" and name is not None and name.startswith("events_p"))
