"""On PostgreSQL, the events table partitioned by talk (hash partitioning), ready to shard.

Revision ID: 0006
Revises: 0005

A talk is the natural shard: no event touches two talks, every query of the record names its
talk, and no transaction spans two. Declarative hash partitioning on ``talk`` makes that the
table's own layout: each talk's events live in one of `PARTITIONS` partitions, every lookup by
talk reads one, and a sharded PostgreSQL (Citus distributing by ``talk``) takes the same key.

The table of an existing database is rebuilt in this migration's transaction: renamed aside,
recreated partitioned under the same name, constraints and columns alike, its rows copied,
the old one dropped. SQLite has no partitions: there the revision changes nothing.
"""

from __future__ import annotations

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

PARTITIONS = 16
"""Enough to spread a large record over files and, later, over nodes; each is an ordinary
table to PostgreSQL (vacuumed and indexed apart)."""

_COLUMNS = "talk, seq, kind, body, hash, salt"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _rebuild(
        "PARTITION BY HASH (talk)",
        [
            f"CREATE TABLE events_p{i:02d} PARTITION OF events "
            f"FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {i})"
            for i in range(PARTITIONS)
        ],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _rebuild("", [])


def _rebuild(partitioning: str, partitions: list[str]) -> None:
    """Recreate ``events`` as `partitioning` says (with its `partitions`), keeping its rows."""
    op.execute("ALTER TABLE events RENAME TO events_before_0006")
    op.execute("ALTER TABLE events_before_0006 RENAME CONSTRAINT pk_events TO pk_events_before")
    op.execute(
        "ALTER TABLE events_before_0006 "
        "RENAME CONSTRAINT ck_events_seq_positive TO ck_events_seq_positive_before"
    )
    op.execute(
        "CREATE TABLE events ("
        "talk VARCHAR(64) NOT NULL, seq INTEGER NOT NULL, kind VARCHAR(64) NOT NULL, "
        "body BYTEA NOT NULL, hash VARCHAR(64) NOT NULL, salt BYTEA, "
        "CONSTRAINT pk_events PRIMARY KEY (talk, seq), "
        "CONSTRAINT ck_events_seq_positive CHECK (seq >= 1)"
        f") {partitioning}"
    )
    for partition in partitions:
        op.execute(partition)
    op.execute(f"INSERT INTO events ({_COLUMNS}) SELECT {_COLUMNS} FROM events_before_0006")
    op.execute("DROP TABLE events_before_0006")
