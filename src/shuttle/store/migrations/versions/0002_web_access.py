"""Create the web's users, credentials and rate-limit attempts.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Users with argon2 hashes, credentials by token digest, and login/invite attempts."""
    op.create_table(
        "web_users",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.Float(precision=53), nullable=False),
    )
    op.create_table(
        "web_credentials",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("talk", sa.String(64), nullable=True),
        sa.Column("participant", sa.String(200), nullable=True),
        sa.Column("user", sa.String(200), nullable=True),
        sa.Column("csrf", sa.String(64), nullable=True),
        sa.Column("created_at", sa.Float(precision=53), nullable=False),
        sa.Column("expires_at", sa.Float(precision=53), nullable=True),
        sa.Column("ended_at", sa.Float(precision=53), nullable=True),
        sa.CheckConstraint(
            "kind IN ('invite', 'session', 'bearer')", name="ck_web_credentials_kind"
        ),
    )
    op.create_table(
        "web_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", sa.Float(precision=53), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_web_attempts_key_at", "web_attempts", ["key", "at"])


def downgrade() -> None:
    op.drop_index("ix_web_attempts_key_at", "web_attempts")
    op.drop_table("web_attempts")
    op.drop_table("web_credentials")
    op.drop_table("web_users")
