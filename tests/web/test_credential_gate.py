"""An unsafe API request with no credential at all is answered 401 from its headers, before a
byte of its body is read; a credential that is present is checked where it always was, after
a body the size limit bounds. Signing in stays open to strangers."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import httpx
import pytest

from tests.web.auth.conftest import address
from tests.web.running import Server
from tests.web.uploads import CHUNK, upload

SIGN_IN = {"detail": "sign in: open your invite link, log in, or send a bearer token"}


def endless() -> Iterator[bytes]:
    """A body that never ends: only an answer before it is read can stop it."""
    yield b'{"text": "'
    yield from itertools.repeat(b"x" * CHUNK)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_no_credential_is_401_before_the_body_is_read(backend_server: Server, method: str) -> None:
    answer = upload(
        backend_server.url, "/api/talks/any/statements", endless(), length=None, method=method
    )
    assert answer.status == 401
    assert answer.json() == SIGN_IN
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.headers["connection"] == "close"


def test_the_401_is_the_one_every_route_gives(backend_server: Server) -> None:
    gate = httpx.post(f"{backend_server.url}/api/talks/any/statements", json={"text": "x"})
    route = httpx.get(f"{backend_server.url}/api/me")
    assert (gate.status_code, gate.json()) == (route.status_code, route.json()) == (401, SIGN_IN)
    assert gate.headers["www-authenticate"] == route.headers["www-authenticate"]


@pytest.mark.parametrize(
    "credential",
    [{"Authorization": "Bearer forged"}, {"Cookie": "shuttle_session=forged"}],
    ids=["bearer", "cookie"],
)
def test_a_forged_credential_is_checked_after_a_body_the_limit_bounds(
    backend_server: Server, credential: dict[str, str]
) -> None:
    path = f"{backend_server.url}/api/talks/any/statements"
    small = httpx.post(path, json={"text": "x"}, headers=credential)
    assert (small.status_code, small.json()) == (401, SIGN_IN)
    large = upload(
        backend_server.url, "/api/talks/any/statements", endless(), length=None, headers=credential
    )
    assert large.status == 413


def test_strangers_may_still_sign_in_and_out(backend_server: Server) -> None:
    with httpx.Client(base_url=backend_server.url, headers=address()) as stranger:
        login = stranger.post("/login", data={"user": "Nobody", "password": "not a password"})
        assert (login.status_code, login.headers["location"]) == (303, "/login?failed=1")
        logout = stranger.post("/logout")
        assert logout.status_code == 303
        # Bounded by the size limit alone.
        huge = stranger.post("/login", data={"user": "Nobody", "password": "x" * 2**21})
        assert huge.status_code == 413
