"""The accounts' tables: who may use the web, kept beside the record but never in it.

Secrets have no place in an append-only, exported, shared record. Tokens are stored as SHA-256
digests, so a copy of the database opens no session; passwords as argon2 hashes. The tables
live in the record's database and are created by its migrations (``store/migrations``, revision
0002), but belong here: nothing of the record reads them.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    false,
)

metadata = MetaData()

web_users = Table(
    "web_users",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", Float(precision=53), nullable=False),
    # Made from a delegate's link: acts only through its seats, never as a mediator by its name
    # (else anyone could take the name of a mediator-to-be and mediate its talks).
    Column("seats_only", Boolean, nullable=False, server_default=false()),
    # Made from a co-mediator's link (migration 0009): seats only too, and it opens talks and
    # processes, keeping the seat of each talk it opens.
    Column("opens_talks", Boolean, nullable=False, server_default=false()),
)

# A participant of a talk kept in an account (migration 0008), bound by someone holding both
# the participant's credential and the account's session: never by a name found in a talk.
web_seats = Table(
    "web_seats",
    metadata,
    Column("talk", String(64), nullable=False),
    Column("participant", String(200), nullable=False),
    Column("user", String(200), nullable=False),
    Column("bound_at", Float(precision=53), nullable=False),
    PrimaryKeyConstraint("talk", "participant", name="pk_web_seats"),
    UniqueConstraint("user", "talk", name="uq_web_seats_user_talk"),
)

web_credentials = Table(
    "web_credentials",
    metadata,
    Column("digest", String(64), primary_key=True),
    # invite (single use, becomes a session), session (a browser's cookie), bearer (a program)
    Column("kind", String(16), nullable=False),
    # A talk-bound credential acts as `participant` in `talk`; a user's session has `user`
    # instead and acts as that mediator in any talk that names it.
    Column("talk", String(64), nullable=True),
    Column("participant", String(200), nullable=True),
    Column("user", String(200), nullable=True),
    Column("csrf", String(64), nullable=True),
    Column("created_at", Float(precision=53), nullable=False),
    Column("expires_at", Float(precision=53), nullable=True),
    # An invite's redemption, a session's logout, a token's revocation.
    Column("ended_at", Float(precision=53), nullable=True),
    CheckConstraint("kind IN ('invite', 'session', 'bearer')", name="ck_web_credentials_kind"),
)

web_attempts = Table(
    "web_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False),
    Column("at", Float(precision=53), nullable=False),
    Index("ix_web_attempts_key_at", "key", "at"),
    sqlite_autoincrement=True,
)
