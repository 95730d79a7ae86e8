"""The sign-in tests: real servers of each backend, and the secrets none of their logs may hold."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.web.api.muscat import Operator
from tests.web.conftest import serving
from tests.web.running import Server, running_server

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
