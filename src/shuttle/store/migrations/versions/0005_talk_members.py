"""Who takes part in each talk, indexed by name, so a person's talks are found without a scan.

Revision ID: 0005
Revises: 0004

Beside the record, never in it: one row for every name a talk's events bring in (at its opening,
or by a later join), written in the same transaction as those events. Rows are never removed:
who has left is the record's to say. Talks recorded before this revision are indexed here from
their stored events.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create ``talk_members`` and fill it from the events already recorded."""
    members = op.create_table(
        "talk_members",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("talk", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("name", "talk", name="pk_talk_members"),
    )
    events = sa.table(
        "events", sa.column("talk"), sa.column("seq"), sa.column("kind"), sa.column("body")
    )
    rows = op.get_bind().execute(
        sa.select(events.c.talk, events.c.seq, events.c.body).where(
            events.c.kind.in_(("talk-opened", "joined"))
        )
    )
    found: dict[tuple[str, str], int] = {}
    for talk, seq, body in rows:
        for name in _named(json.loads(body)):
            found.setdefault((name, talk), seq)
    if found:
        op.bulk_insert(members, [{"name": n, "talk": t, "seq": s} for (n, t), s in found.items()])


def _named(document: dict[str, object]) -> list[str]:
    """The names an opening or a join brings into its talk (the events' stored form)."""
    data = document.get("data")
    if not isinstance(data, dict):
        return []
    if document.get("kind") == "joined":
        return [data["name"]] if isinstance(data.get("name"), str) else []
    names = [m for m in data.get("mediators") or [] if isinstance(m, str)]
    names += [d["name"] for d in data.get("delegates") or [] if isinstance(d, dict)]
    return names


def downgrade() -> None:
    """Drop the index: listings then have nothing to look a person up in."""
    op.drop_table("talk_members")
