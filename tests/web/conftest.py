"""Fixtures for the web's tests: real server processes, on SQLite and (when configured)
PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from tests.web.running import Server, running_server


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server process on a fresh SQLite database, shared by the package's tests (each
    opens talks of its own: starting a server costs seconds, a talk milliseconds)."""
    workdir: Path = tmp_path_factory.mktemp("server")
    with running_server(f"sqlite:///{workdir / 'shuttle.db'}", workdir) as running:
        yield running


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """One server process per module and backend: SQLite always, PostgreSQL when
    SHUTTLE_TEST_DATABASE_URL is set (each module then gets a schema of its own)."""
    with serving(request, tmp_path_factory) as running:
        yield running


@contextmanager
def serving(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server on a fresh database of the backend `request.param` names ("sqlite" or
    "postgresql"; the latter skips unless SHUTTLE_TEST_DATABASE_URL is set)."""
    workdir: Path = tmp_path_factory.mktemp("server")
    if request.param == "sqlite":
        with running_server(f"sqlite:///{workdir / 'shuttle.db'}", workdir) as running:
            yield running
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    with postgres_schema(admin) as url, running_server(url, workdir) as running:
        yield running


@contextmanager
def postgres_schema(admin: Engine) -> Iterator[str]:
    """A URL of a fresh schema on the configured PostgreSQL, dropped afterwards (the same
    arrangement as tests/conftest.py's `database_url`, for a module instead of a test)."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
