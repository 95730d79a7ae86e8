"""Accounts made from a co-mediator's link: they open talks, and act through seats.

Revision ID: 0009
Revises: 0008

An account made from a co-mediator's password link used to act as its name in every talk where
that name mediates: a mediator of one talk could add a co-mediator of any name to it, make that
account, and so read whatever later talk named a mediator so. Such an account now keeps the
seat of the talk its link came from, and the seat of each talk it opens (`opens_talks`), and
acts through those seats alone, as an account made from a delegate's link does
(`seats_only`). Accounts made before this revision keep acting by their names.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "web_users",
        sa.Column("opens_talks", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("web_users") as batch:
        batch.drop_column("opens_talks")
