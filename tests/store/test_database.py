"""Engines and migrations: the schema comes from Alembic, on the caller's engine."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from shuttle.accounts.schema import metadata as accounts_metadata
from shuttle.store import make_engine, migrate, open_store
from shuttle.store.database import MIGRATIONS_DIR, alembic_config, normalise_url
from shuttle.store.schema import described_here, metadata

from .workers import open_at_once


def _head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_fresh_database_is_at_head_after_open(database_url: str) -> None:
    store = open_store(database_url)
    try:
        with store.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            tables = set(inspect(connection).get_table_names())
        assert current == _head_revision()
        assert {"alembic_version", "events", "talks"} <= tables
    finally:
        store.dispose()


def test_opening_twice_is_harmless(database_url: str) -> None:
    first = open_store(database_url)
    second = open_store(database_url)
    try:
        document = {"talk": "t", "seq": 1, "kind": "opened"}
        [event] = first.append("t", None, [document])
        assert second.load("t") == [event]
        with second.engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
        assert count == 1
    finally:
        first.dispose()
        second.dispose()


def test_migrate_creates_the_schema_and_is_idempotent(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            assert "events" not in inspect(connection).get_table_names()
        migrate(engine)
        migrate(engine)
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() is not None
    finally:
        engine.dispose()


def test_threads_migrating_different_databases_at_once(tmp_path: Path) -> None:
    """Alembic's running context is process-global, so even migrations of unrelated
    databases must take turns; no database lock can see that."""
    engines = [make_engine(f"sqlite:///{tmp_path / f'{n}.db'}") for n in range(4)]
    try:
        with ThreadPoolExecutor(max_workers=len(engines)) as pool:
            list(pool.map(migrate, engines, timeout=60))
        for engine in engines:
            with engine.connect() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
                tables = set(inspect(connection).get_table_names())
            assert current == _head_revision()
            assert {"events", "talks"} <= tables
    finally:
        for engine in engines:
            engine.dispose()


def test_processes_opening_a_fresh_database_at_once_all_succeed(database_url: str) -> None:
    """Several processes may start at once on a new database; all must come up."""
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(2, mp_context=context) as pool:
        start = manager.Barrier(2)
        errors = list(pool.map(open_at_once, [database_url] * 2, [start] * 2, timeout=90))
    assert errors == [None, None]
    store = open_store(database_url)
    try:
        with store.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        assert current == _head_revision()
    finally:
        store.dispose()


def test_schema_module_mirrors_the_migrations(database_url: str) -> None:
    """Core queries use schema.py (and the accounts' tables, accounts/schema.py); together they
    must describe what the migrations actually built."""
    store = open_store(database_url)
    try:
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_name": described_here})
            differences = compare_metadata(
                context,
                [metadata, accounts_metadata],  # type: ignore[arg-type]
            )
        assert differences == []
    finally:
        store.dispose()


def test_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert list((MIGRATIONS_DIR / "versions").glob("0001_*.py"))


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg"),
        ("postgres://u@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_postgresql_urls_get_psycopg(url: str, driver: str) -> None:
    assert normalise_url(url).drivername == driver


def test_sqlite_connections_use_wal_and_wait_when_busy(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 1000
            # 1 == NORMAL
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1
    finally:
        engine.dispose()


def test_open_store_reports_an_unopenable_database(tmp_path: Path) -> None:
    missing_dir = tmp_path / "no" / "such" / "dir" / "x.db"
    with pytest.raises(Exception, match="unable to open database file"):
        open_store(f"sqlite:///{missing_dir}")
