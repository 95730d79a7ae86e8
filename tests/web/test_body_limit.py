"""A request body larger than the server accepts is answered 413 while it arrives: never held
whole, never carried out. A stranger's 100 MB upload leaves the server's memory as it was.

The middleware alone first (no server), then a real `shuttle serve` process on SQLite and,
when configured, PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Message, Receive, Scope, Send

from shuttle.web.body_limit import BodyLimit, in_words
from tests.web.api.muscat import IRAN_HEAD, MEDIATOR, Operator
from tests.web.conftest import postgres_schema
from tests.web.running import Server, running_server
from tests.web.uploads import padded, statement, upload

MIB = 1024 * 1024
DEFAULT = MIB
SMALL = 4096
GROWTH = 16 * MIB
"""How much a refused 100 MiB upload may grow the server's memory. Before the limit, the
first one grew its VmRSS by 170-220 MiB and its peak by ~285 MiB."""


# -- the middleware alone ------------------------------------------------------------------


async def reading_app(scope: Scope, receive: Receive, send: Send) -> None:
    """An app that reads the whole body, and answers 400 when it cannot (as FastAPI does)."""
    try:
        body = await Request(scope, receive).body()
    except Exception:
        await JSONResponse({"detail": "could not read"}, status_code=400)(scope, receive, send)
        return
    await JSONResponse({"read": len(body)})(scope, receive, send)


def call(
    parts: list[bytes], limit: int, headers: dict[str, str] | None = None
) -> tuple[list[Message], list[Message]]:
    """Send `parts` as one request's body through BodyLimit(reading_app, limit): what was
    sent back, and the body's messages the app never asked for."""
    incoming: list[Message] = [
        {"type": "http.request", "body": part, "more_body": i < len(parts) - 1}
        for i, part in enumerate(parts)
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/talks/t/statements",
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    asyncio.run(BodyLimit(reading_app, limit)(scope, receive, send))
    return sent, incoming


def status_and_json(sent: list[Message]) -> tuple[int, Any]:
    start, body = sent
    return start["status"], json.loads(body["body"])


def test_a_body_of_exactly_the_limit_reaches_the_app_whole() -> None:
    sent, _ = call([b"x" * 10] * 3, limit=30)
    assert status_and_json(sent) == (200, {"read": 30})


def test_one_byte_past_the_limit_is_413_and_the_rest_is_never_asked_for() -> None:
    sent, unread = call([b"x" * 10] * 5, limit=25)
    status, body = status_and_json(sent)  # the 413 alone: the app's own 400 is dropped
    assert status == 413
    assert body == {
        "detail": "the request body is too large: this server accepts at most 25 bytes in "
        "one request; send a smaller one"
    }
    assert (b"connection", b"close") in sent[0]["headers"]
    assert len(unread) == 2  # 30 bytes were read, and no more


def test_an_announced_length_past_the_limit_is_413_before_the_app_runs() -> None:
    sent, unread = call([b"x" * 10] * 2, limit=10, headers={"Content-Length": "20"})
    assert status_and_json(sent)[0] == 413
    assert len(unread) == 2


def test_an_app_that_answered_first_is_cut_off_without_a_413() -> None:
    async def eager(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await Request(scope, receive).body()

    sent: list[Message] = []
    incoming: list[Message] = [{"type": "http.request", "body": b"x" * 10, "more_body": True}] * 3

    async def receive() -> Message:
        return incoming.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    asyncio.run(BodyLimit(eager, 15)(scope, receive, send))
    assert [m["type"] for m in sent] == ["http.response.start"]  # the server drops the rest


@pytest.mark.parametrize(
    ("size", "words"),
    [(MIB, "1 MiB (1048576 bytes)"), (SMALL, "4 KiB (4096 bytes)"), (4000, "4000 bytes")],
)
def test_a_limit_is_named_as_a_person_reads_it(size: int, words: str) -> None:
    assert in_words(size) == words


# -- a real server ---------------------------------------------------------------------------


@contextmanager
def serving_with(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, *extra: str
) -> Iterator[Server]:
    """A server started with `extra` options on a fresh database of the backend
    `request.param` names (as tests/web/conftest.py's `serving`)."""
    workdir: Path = tmp_path_factory.mktemp("server")
    if request.param == "sqlite":
        with running_server(f"sqlite:///{workdir / 'shuttle.db'}", workdir, *extra) as running:
            yield running
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    with postgres_schema(admin) as url, running_server(url, workdir, *extra) as running:
        yield running


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def default_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server with the default limit, 1 MiB."""
    with serving_with(request, tmp_path_factory) as running:
        yield running


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def small_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server started with `--max-body 4096`."""
    with serving_with(request, tmp_path_factory, "--max-body", str(SMALL)) as running:
        yield running


@dataclass
class Talk:
    """A talk on a server, and what its delegate and mediator send to take part."""

    server: Server
    talk: str
    bearer: dict[str, str]
    cookie: dict[str, str]
    mediator: httpx.Client

    @property
    def statements(self) -> str:
        return f"/api/talks/{self.talk}/statements"

    def head(self) -> str:
        answer = self.mediator.get(f"/api/talks/{self.talk}", params={"after": 2**31})
        assert answer.status_code == 200, answer.text
        head: str = answer.json()["head"]
        return head


@contextmanager
def talk_on(server: Server) -> Iterator[Talk]:
    operator = Operator(server)
    talk = operator.open_talk()
    browser = operator.browser(talk, IRAN_HEAD)
    mediator = operator.bearer(talk, MEDIATOR)
    cookie = {
        "Cookie": f"shuttle_session={browser.cookies['shuttle_session']}",
        "X-CSRF-Token": browser.headers["X-CSRF-Token"],
    }
    bearer = {"Authorization": f"Bearer {operator.access.bearer(talk, IRAN_HEAD)}"}
    try:
        yield Talk(server, talk, bearer, cookie, mediator)
    finally:
        browser.close()
        mediator.close()
        operator.close()


@pytest.fixture(scope="module")
def default_talk(default_server: Server) -> Iterator[Talk]:
    with talk_on(default_server) as talk:
        yield talk


@pytest.fixture(scope="module")
def small_talk(small_server: Server) -> Iterator[Talk]:
    with talk_on(small_server) as talk:
        yield talk


def memory(pid: int, line: str) -> int:
    """VmRSS (resident now) or VmHWM (its peak) of process `pid`, in bytes."""
    for entry in Path(f"/proc/{pid}/status").read_text().splitlines():
        if entry.startswith(f"{line}:"):
            return int(entry.split()[1]) * 1024
    raise AssertionError(f"no {line} in /proc/{pid}/status")


def reset_peak(pid: int) -> None:
    """Bring VmHWM down to VmRSS, so a later VmHWM is the peak since now (where the kernel
    forbids it, VmHWM stays the peak since the start, and its growth a weaker check)."""
    with suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")


FRAMINGS = ["content-length", "chunked"]
CALLERS = {
    "stranger": ({}, {"content-length": 413, "chunked": 401}),
    "forged token": ({"Authorization": "Bearer forged"}, {"content-length": 413, "chunked": 413}),
}
"""Each caller's headers, and its answer for each framing: a length past the limit is 413 from
the headers alone; a body of no announced length is 401 when no credential comes with it, and
otherwise 413 once the first MiB of it has been counted."""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize("framing", FRAMINGS)
@pytest.mark.parametrize("caller", list(CALLERS))
def test_a_100_mb_post_is_refused_and_the_server_does_not_grow(
    default_talk: Talk, caller: str, framing: str
) -> None:
    headers, expected = CALLERS[caller]
    pid = default_talk.server.process.pid
    size, chunks = statement(2_000)
    upload(default_talk.server.url, default_talk.statements, chunks, length=size)  # warm up
    reset_peak(pid)
    before, peak_before = memory(pid, "VmRSS"), memory(pid, "VmHWM")
    size, chunks = statement(100 * MIB)
    length = size if framing == "content-length" else None
    answer = upload(
        default_talk.server.url, default_talk.statements, chunks, length=length, headers=headers
    )
    assert httpx.get(f"{default_talk.server.url}/api/health").status_code == 200  # settled
    grown, peak = memory(pid, "VmRSS") - before, memory(pid, "VmHWM") - peak_before
    assert answer.status == expected[framing], answer.body
    assert answer.headers["connection"] == "close"
    assert answer.sent < 100 * MIB  # the server answered long before the body ended
    assert grown < GROWTH, f"the server grew by {grown / MIB:.1f} MiB"
    assert peak < GROWTH, f"the server's peak grew by {peak / MIB:.1f} MiB"


@pytest.mark.parametrize("framing", FRAMINGS)
@pytest.mark.parametrize("credential", ["bearer", "cookie"])
def test_a_participants_over_limit_command_is_413_and_changes_nothing(
    default_talk: Talk, credential: str, framing: str
) -> None:
    before = default_talk.head()
    size, chunks = statement(DEFAULT + 1)
    answer = upload(
        default_talk.server.url,
        default_talk.statements,
        chunks,
        length=size if framing == "content-length" else None,
        headers=getattr(default_talk, credential),
    )
    assert answer.status == 413, answer.body
    assert answer.headers["content-type"] == "application/json"
    assert "at most 1 MiB (1048576 bytes)" in answer.json()["detail"]
    assert default_talk.head() == before


@pytest.mark.parametrize("framing", FRAMINGS)
def test_a_command_of_exactly_the_limit_is_carried_out(default_talk: Talk, framing: str) -> None:
    body = padded({"text": "Within the limit."}, DEFAULT)
    length = len(body) if framing == "content-length" else None
    halves = [body[: DEFAULT // 2], body[DEFAULT // 2 :]]
    answer = upload(
        default_talk.server.url,
        default_talk.statements,
        halves,
        length=length,
        headers=default_talk.bearer,
    )
    assert answer.status == 201, answer.body
    assert answer.json()["events"][0]["text"] == "Within the limit."


def test_max_body_sets_the_limit(small_talk: Talk) -> None:
    with httpx.Client(base_url=small_talk.server.url, headers=small_talk.bearer) as program:
        fits = padded({"text": "Four KiB will do."}, SMALL)
        carried = program.post(
            small_talk.statements, content=fits, headers={"Content-Type": "application/json"}
        )
        assert carried.status_code == 201, carried.text
        before = small_talk.head()
        # A statement the default limit takes (20,000 characters) is too large here.
        refused = program.post(small_talk.statements, json={"text": "x" * 20_000})
        assert refused.status_code == 413
        assert refused.json() == {
            "detail": "the request body is too large: this server accepts at most 4 KiB "
            "(4096 bytes) in one request; send a smaller one"
        }
        assert small_talk.head() == before


def test_413_is_in_the_api_description(default_server: Server) -> None:
    schema = httpx.get(f"{default_server.url}/openapi.json").json()
    say = schema["paths"]["/api/talks/{talk}/statements"]["post"]["responses"]
    assert say["413"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Detail"
    }
