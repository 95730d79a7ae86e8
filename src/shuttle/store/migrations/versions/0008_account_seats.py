"""Seats kept in an account: one person's places in several talks, under one sign-in.

Revision ID: 0008
Revises: 0007

A seat binds a participant of a talk to an account, by an act of the person who holds the
participant's invite link (or session) and the account's session at once: never by a name found
in a talk, since another talk's mediator may name anyone anything. `web_users.seats_only` marks
an account made from a delegate's link: it acts only through its seats, never as a mediator of
whatever talk happens to use its name.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "web_users",
        sa.Column("seats_only", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "web_seats",
        sa.Column("talk", sa.String(64), nullable=False),
        sa.Column("participant", sa.String(200), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("bound_at", sa.Float(precision=53), nullable=False),
        # A participant is kept in one account at most, and an account holds one seat a talk.
        sa.PrimaryKeyConstraint("talk", "participant", name="pk_web_seats"),
        sa.UniqueConstraint("user", "talk", name="uq_web_seats_user_talk"),
    )


def downgrade() -> None:
    op.drop_table("web_seats")
    with op.batch_alter_table("web_users") as batch:
        batch.drop_column("seats_only")
