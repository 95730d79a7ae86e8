"""Credentials on a real database of each backend, with a clock the tests move."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import Engine

from shuttle.store import open_store
from tests.web.api.muscat import Operator
from tests.web.conftest import serving
from tests.web.running import Server, running_server


@dataclass
class Clock:
    """Seconds since the epoch, moved by hand."""

    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty database of the parametrised backend (SQLite, PostgreSQL)."""
    store = open_store(database_url)
    yield store.engine
    store.dispose()


SECRETS: list[str] = []
"""Every token, cookie value, CSRF token and password the HTTP tests handled: none may appear
in any server's log."""


@pytest.fixture(scope="package", params=["sqlite", "postgresql"])
def auth_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """One server per backend for the package's HTTP tests (each test uses addresses of its
    own, so rate limits do not cross tests). Afterwards its log must hold no secret."""
    with serving(request, tmp_path_factory) as running:
        yield running
    assert_no_secret_in(running.logs())


@pytest.fixture(scope="package")
def twin(auth_server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A second server process on the same database, as behind HTTPS (--secure-cookies)."""
    with running_server(
        auth_server.db, tmp_path_factory.mktemp("twin"), "--secure-cookies"
    ) as running:
        yield running
    assert_no_secret_in(running.logs())


@pytest.fixture(scope="package")
def operator(auth_server: Server) -> Iterator[Operator]:
    running = Operator(auth_server)
    yield running
    running.close()


def assert_no_secret_in(log: str) -> None:
    for secret in SECRETS:
        assert secret not in log, "a secret reached the server's log"


_addresses = itertools.count(1)


def address() -> dict[str, str]:
    """Headers that make a request come from an address no other test uses: the server trusts
    X-Forwarded-For from 127.0.0.1 (uvicorn's default, for a proxy on the same host), and the
    rate limits count failures per address."""
    n = next(_addresses)
    return {"X-Forwarded-For": f"198.18.{n // 250}.{n % 250 + 1}"}
