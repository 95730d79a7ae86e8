"""The API's tests run against a real server on SQLite and, when configured, PostgreSQL; each
flow runs as programs (bearer tokens) and as browsers (session cookies with the CSRF header)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.api.muscat import Muscat, Operator
from tests.web.conftest import serving
from tests.web.running import Server


@pytest.fixture(scope="package", params=["sqlite", "postgresql"])
def api_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """One server per backend for the whole package: every test opens talks of its own."""
    with serving(request, tmp_path_factory) as running:
        yield running


@pytest.fixture(scope="package")
def operator(api_server: Server) -> Iterator[Operator]:
    running = Operator(api_server)
    yield running
    running.close()


@pytest.fixture(params=["bearer", "cookie"])
def muscat(request: pytest.FixtureRequest, operator: Operator) -> Iterator[Muscat]:
    """A fresh Muscat talk whose heads of delegation and mediator are signed in."""
    talk = operator.muscat(browsers=request.param == "cookie")
    yield talk
    talk.close()
