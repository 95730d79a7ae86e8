"""Processes: talks grouped as the tracks of one process, indexed beside the record.

Revision ID: 0007
Revises: 0006

A process has an identifier and a title (`processes`). Each track's opening event names its
process, so the record says which process a track belongs to; `process_tracks` indexes that,
written in the same transaction as the opening, so that a process's tracks are found without
reading any other talk. Nothing here is part of a record's chain.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "processes",
        sa.Column("process", sa.String(64), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        # The mediator's account that opened it (None when the operator did, at the command
        # line): it may open the process's first tracks.
        sa.Column("opened_by", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("process", name="pk_processes"),
    )
    op.create_table(
        "process_tracks",
        sa.Column("process", sa.String(64), nullable=False),
        sa.Column("talk", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("process", "talk", name="pk_process_tracks"),
    )


def downgrade() -> None:
    op.drop_table("process_tracks")
    op.drop_table("processes")
