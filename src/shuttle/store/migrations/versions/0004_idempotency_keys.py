"""Idempotency keys: a retried command gets its first answer instead of appending again.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create ``idempotency_keys``, one row per (talk, participant, key), beside the record."""
    op.create_table(
        "idempotency_keys",
        sa.Column("talk", sa.String(64), nullable=False),
        sa.Column("participant", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("first_seq", sa.Integer, nullable=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.Column("head", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("talk", "participant", "key", name="pk_idempotency_keys"),
    )


def downgrade() -> None:
    """Drop the keys: retries of earlier commands would then append again."""
    op.drop_table("idempotency_keys")
