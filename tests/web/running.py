"""A real `shuttle serve` process on a free port, and ways to take part in its talks.

Tests of the web talk to the server over HTTP as a browser or a program would. Talks are
opened and credentials issued on the same database as an operator would: with the same service
and access code the `shuttle` command runs, in this process (a `shuttle` run costs a second of
interpreter start, and these tests open many talks); nothing reaches into the server's memory.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import httpx

from shuttle.accounts import Access
from shuttle.cli.opening import Typed, open_command
from shuttle.engine import load_scenario
from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import BidRule, Handling

SHUTTLE = [sys.executable, "-m", "shuttle.cli"]
MUSCAT = Path(__file__).resolve().parents[2] / "src" / "shuttle" / "scenarios" / "muscat_2024.yaml"
STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def shuttle(*args: str, db: str, stdin: str | None = None) -> str:
    """Run the `shuttle` command on `db`; its stdout (fails the test on a non-zero exit)."""
    done = subprocess.run(
        [*SHUTTLE, *args, "--db", db],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"shuttle {' '.join(args)} failed: {done.stderr or done.stdout}")
    return done.stdout


@dataclass
class Server:
    """A running server and the database behind it."""

    db: str
    url: str
    process: subprocess.Popen[str]
    log: Path
    talks: list[str] = field(default_factory=list)

    @cached_property
    def operator(self) -> tuple[TalkService, Access]:
        """The service and the access of `shuttle talk open`, `invite` and `token issue`, on
        this server's database, in this process."""
        store = open_store(self.db)
        return TalkService(store), Access(store.engine)

    def close(self) -> None:
        if "operator" in self.__dict__:
            self.operator[0].store.dispose()

    def open_talk(self, *extra: str) -> str:
        """Open a talk from the Muscat scenario, as `shuttle talk open --scenario` does (or,
        with `extra` options, by the command itself); its id."""
        if extra:
            talk = str(json.loads(shuttle("talk", "open", *extra, "--json", db=self.db))["talk"])
        else:
            typed = Typed(None, (), (), (), Handling.MEDIATOR_ONLY, False, BidRule.MIDPOINT)
            command = open_command(typed, load_scenario(MUSCAT))
            talk = self.operator[0].open_talk(command).talk
        self.talks.append(talk)
        return talk

    def invite(self, talk: str, name: str) -> str:
        """A single-use invite link, as `shuttle invite --base-url` makes it."""
        return f"{self.url}/invite/{self.operator[1].invite(talk, name)}"

    def token(self, talk: str, name: str) -> str:
        return self.operator[1].bearer(talk, name)

    def bearer(self, talk: str, name: str) -> httpx.Client:
        """An HTTP client acting as `name` in `talk` with a bearer token."""
        token = self.token(talk, name)
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    def browser_session(self, talk: str, name: str) -> httpx.Client:
        """An HTTP client that opened `name`'s invite link: it holds the session cookie and
        sends the session's CSRF token (read from /api/session) on every request."""
        client = httpx.Client(base_url=self.url, timeout=30, follow_redirects=False)
        link = self.invite(talk, name)
        answer = client.post(link.removeprefix(self.url))  # the invite page's button
        assert answer.status_code == 303, answer.text
        csrf = client.get("/api/session").json()["csrf"]
        client.headers["X-CSRF-Token"] = csrf
        return client

    def logs(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def running_server(db: str, workdir: Path, *extra: str) -> Iterator[Server]:
    """Start `shuttle serve` on `db` and a free port; stop it afterwards."""
    port = free_port()
    log = workdir / f"server-{port}.log"
    handle = log.open("w")
    process = subprocess.Popen(
        [*SHUTTLE, "serve", "--db", db, "--port", str(port), *extra],
        stdout=handle,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    server = Server(db, url, process, log)
    try:
        _wait_until_up(server)
        yield server
    finally:
        server.close()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        handle.close()


def _wait_until_up(server: Server) -> None:
    wait_until_healthy(server.url, server.process, server.logs)


def wait_until_healthy(
    url: str, process: subprocess.Popen[str], logs: Callable[[], str] = lambda: ""
) -> None:
    """Wait until the server at `url` answers /api/health; fail, with its `logs`, if its
    `process` exits first or it does not answer within STARTUP_SECONDS."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited at start:\n{logs()}")
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the server did not answer within {STARTUP_SECONDS} s:\n{logs()}")
