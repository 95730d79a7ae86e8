"""Shared fixtures: a database per test, on SQLite and (when configured) PostgreSQL.

PostgreSQL runs when ``SHUTTLE_TEST_DATABASE_URL`` is set. Each test then gets its own schema
(selected through the connection's search_path), dropped afterwards, so tests never see each
other's data. If the variable is set but the server cannot be reached, the tests fail rather
than skip: a CI that silently skipped its PostgreSQL half would look green while testing half.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from shuttle.store import EventStore, make_engine, open_store

POSTGRES_URL_ENV = "SHUTTLE_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An engine on the configured PostgreSQL database, used to create and drop schemas."""
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        pytest.skip(
            f"PostgreSQL not configured: set {POSTGRES_URL_ENV} "
            "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run these"
        )
    engine = make_engine(url, connect_args={"connect_timeout": 10})
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        pytest.fail(f"{POSTGRES_URL_ENV} is set but PostgreSQL is unreachable: {exc}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A URL of an empty database of the parametrised backend, private to this test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'shuttle.db'}"
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    # The search_path travels inside the URL (libpq's "options"), so every engine made from
    # it, including those in child processes, lands in the schema.
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        # A connection leaked by a test must not hang the suite on the schema's locks.
        connection.execute(text("SET LOCAL lock_timeout = '10s'"))
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def store(database_url: str) -> Iterator[EventStore]:
    """A migrated, empty store on the parametrised backend."""
    opened = open_store(database_url)
    yield opened
    opened.dispose()
