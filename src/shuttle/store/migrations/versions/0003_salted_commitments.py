"""Record format 2: a secret salt beside every new event.

Revision ID: 0003
Revises: 0002

Rows written before this revision keep a NULL salt and stay format-1 links of their chains;
see ``shuttle.store.chain`` for both constructions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``events.salt``: NULL for a format-1 link, 32 random bytes for format 2."""
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("salt", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    """Drop the salts (the format-2 links can then no longer be checked)."""
    with op.batch_alter_table("events") as batch:
        batch.drop_column("salt")
