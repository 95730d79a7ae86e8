"""Fixtures for the web's tests: a real server process per module, on SQLite and (when
configured) PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.running import Server, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server process on a fresh SQLite database, shared by a module's tests."""
    workdir: Path = tmp_path_factory.mktemp("server")
    with running_server(f"sqlite:///{workdir / 'shuttle.db'}", workdir) as running:
        yield running
