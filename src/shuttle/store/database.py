"""Engines for the two backends, write transactions, and migrating a database to head.

SQLite is the embedded default; PostgreSQL (psycopg 3) runs the same Core code. The
differences are confined to this module: SQLite needs pragmas and explicit ``BEGIN IMMEDIATE``
for writers, PostgreSQL needs its driver named in the URL.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 15_000
"""How long a SQLite connection waits for another process's write lock before failing."""

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Execution option that marks a connection as about to write (see write_transaction).
_WRITE_OPTION = "shuttle_write"

# Key of the PostgreSQL advisory lock that serialises concurrent migrators (an arbitrary
# constant; "shuttle" in ASCII).
_MIGRATION_LOCK_KEY = 0x73687574746C65

# Alembic keeps the running migration's context in module globals (alembic.context, alembic.op),
# so two threads of one process must never run it at once, not even on different databases.
_ALEMBIC_LOCK = threading.Lock()


def normalise_url(url: str | URL) -> URL:
    """Parse ``url``; a PostgreSQL URL without a driver gets psycopg 3, the one we ship.

    ``postgresql://`` (and the older ``postgres://``) would otherwise select psycopg2, which is
    not a dependency. A URL that names its driver explicitly is left alone.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


WAL_ATTEMPTS = 100
"""How often switching a fresh database to WAL is tried while another process holds it."""


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    # While another process is creating the same fresh database, SQLite can answer the switch
    # to WAL with "database is locked" at once, without calling the busy handler; so retry.
    for attempt in range(WAL_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.02 * (1 + attempt % 5))


def make_engine(url: str | URL, **engine_kwargs: Any) -> Engine:
    """Create an engine for ``url`` configured for the record; ``engine_kwargs`` go to
    ``create_engine`` (e.g. ``connect_args``) and win over the defaults chosen here."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, **engine_kwargs)
        _configure_sqlite(engine)
        return engine
    # One pooled connection per worker thread of the web's thread pool (anyio's default 40),
    # opened only as needed: with SQLAlchemy's default of 5 (+10 opened and closed again per
    # use), a busy server's threads queued for connections or reconnected all the time
    # (`bench/server.py` on PostgreSQL: 262 statements/s before, 441 after).
    # No ping on every checkout (a round trip per request): a connection idle for a while is
    # pinged (`_ping_when_idle`), and one that fails in use makes the pool recycle every
    # connection opened before it, which is what a database restart needs.
    defaults = {"pool_pre_ping": False, "pool_size": 40, "max_overflow": 10}
    chosen = defaults | engine_kwargs
    engine = create_engine(parsed, **chosen)
    if not chosen["pool_pre_ping"]:  # a caller asking for pre-ping gets exactly that
        _ping_when_idle(engine)
    return engine


IDLE_PING_SECONDS = 5.0
"""A pooled connection idle this long is pinged before use: long enough that a busy server
never pays the round trip, short enough that a database restarted meanwhile costs no request."""


def _ping_when_idle(engine: Engine) -> None:
    """Ping a connection at checkout only if it sat in the pool for `IDLE_PING_SECONDS`; a
    failed ping makes the pool connect afresh (SQLAlchemy retries on DisconnectionError)."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi: Any, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            cursor = dbapi.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
            dbapi.rollback()
        except Exception as error:
            raise DisconnectionError(f"a pooled connection was dead: {error}") from error


def _configure_sqlite(engine: Engine) -> None:
    """Set pragmas on every new connection and let SQLAlchemy, not sqlite3, emit BEGIN."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        connection = cast(sqlite3.Connection, dbapi_connection)
        # sqlite3's legacy transaction handling issues BEGIN only before DML and never for
        # SELECT; switch it off and emit BEGIN ourselves (the recipe in SQLAlchemy's SQLite
        # docs), so reads are transactional and writers can ask for BEGIN IMMEDIATE.
        connection.isolation_level = None
        cursor = connection.cursor()
        try:
            # Busy timeout first: switching to WAL itself needs a lock another process may hold.
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            # WAL: readers never block the writer and vice versa; NORMAL sync is durable
            # against application crashes and only risks the last commits on power loss.
            _switch_to_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A writer takes the write lock at BEGIN (waiting up to the busy timeout). With a
        # deferred BEGIN, a transaction that reads and then writes can fail at once with
        # SQLITE_BUSY if another process committed in between, since the busy handler cannot
        # help a transaction whose snapshot is already stale.
        writing = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """Yield a connection inside a transaction meant for writing; commit on success, roll back
    on any exception. On SQLite the transaction holds the write lock from its start."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE_OPTION: True})
        with connection.begin():
            yield connection


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped inside this package."""
    config = Config()
    # Config values go through configparser interpolation, where "%" is special.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the database behind ``engine`` to the newest migration; a no-op if it is there.

    Runs in one transaction on ``engine`` itself (DDL is transactional on both backends), so a
    failed migration leaves nothing half done, and concurrent callers are serialised: threads
    of this process by a lock, other processes by the write lock on SQLite and by an advisory
    lock on PostgreSQL.
    """
    config = alembic_config()
    with _ALEMBIC_LOCK, write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
