"""Accounts made from a co-mediator's link: they open talks, and act through seats.

Revision ID: 0009
Revises: 0008

An account made from a co-mediator's password link used to act as its name in every talk where
that name mediates: a mediator of one talk could add a co-mediator of any name to it, make that
account, and so read whatever later talk named a mediator so. Such an account now keeps the
seat of the talk its link came from, and the seat of each talk it opens (`opens_talks`), and
acts through those seats alone, as an account made from a delegate's link does
(`seats_only`).

Accounts made that way before this revision are found and turned so too: the link that made
one was used in the same instant the account was created (the invite's `ended_at` is the
account's `created_at`, with the account's name as its `user`), which no account made at the
command line shares. Each keeps the seat of its link's talk. In other talks that name it, it
enters by that talk's own link, kept in the account.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

_users = sa.table(
    "web_users",
    sa.column("name", sa.String),
    sa.column("created_at", sa.Float),
    sa.column("seats_only", sa.Boolean),
    sa.column("opens_talks", sa.Boolean),
)
_credentials = sa.table(
    "web_credentials",
    sa.column("kind", sa.String),
    sa.column("talk", sa.String),
    sa.column("user", sa.String),
    sa.column("ended_at", sa.Float),
)
_seats = sa.table(
    "web_seats",
    sa.column("talk", sa.String),
    sa.column("participant", sa.String),
    sa.column("user", sa.String),
    sa.column("bound_at", sa.Float),
)


def upgrade() -> None:
    op.add_column(
        "web_users",
        sa.Column("opens_talks", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    bind = op.get_bind()
    made_by_links = bind.execute(
        sa.select(_users.c.name, _users.c.created_at, _credentials.c.talk)
        .join(_credentials, _credentials.c.user == _users.c.name)
        .where(
            _users.c.seats_only.is_(False),
            _credentials.c.kind == "invite",
            _credentials.c.talk.is_not(None),
            _credentials.c.ended_at == _users.c.created_at,
        )
    ).all()
    for name, created_at, talk in made_by_links:
        bind.execute(
            sa.update(_users).where(_users.c.name == name).values(seats_only=True, opens_talks=True)
        )
        taken = bind.execute(
            sa.select(_seats.c.user).where(
                _seats.c.talk == talk,
                sa.or_(_seats.c.participant == name, _seats.c.user == name),
            )
        ).first()
        if taken is None:
            bind.execute(
                sa.insert(_seats).values(
                    talk=talk, participant=name, user=name, bound_at=created_at
                )
            )


def downgrade() -> None:
    with op.batch_alter_table("web_users") as batch:
        batch.drop_column("opens_talks")
