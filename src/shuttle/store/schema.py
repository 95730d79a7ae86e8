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
