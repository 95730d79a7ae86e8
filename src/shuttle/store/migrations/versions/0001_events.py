"""Create the events record and the talks index.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create ``events`` (the hash-chained record) and ``talks`` (creation order of talks)."""
    op.create_table(
        "events",
        sa.Column("talk", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("talk", "seq", name="pk_events"),
        sa.CheckConstraint("seq >= 1", name="ck_events_seq_positive"),
    )
    op.create_table(
        "talks",
        sa.Column("ordinal", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("talk", sa.String(64), nullable=False),
        sa.UniqueConstraint("talk", name="uq_talks_talk"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    """Drop both tables (and with them the whole record)."""
    op.drop_table("talks")
    op.drop_table("events")
