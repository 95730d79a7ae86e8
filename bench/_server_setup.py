"""What the server benchmark sets up: a private database, talks and tokens, server processes.

Talks are opened and tokens issued through the service and `Access` before the servers start,
as an operator's `shuttle talk open` and `shuttle token issue` would; the servers then find
them in the record. Everything listens on 127.0.0.1 and stops with the benchmark.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _scale_load import process_cpu
from sqlalchemy import text

from shuttle.accounts import Access
from shuttle.service import TalkService
from shuttle.store import make_engine, open_store
from shuttle.talks import Delegate, OpenTalk

BENCH = Path(__file__).resolve().parent
STARTUP_SECONDS = 60.0
PARTIES = ("Alpha", "Beta")
MEDIATOR = "Mediator"


@contextmanager
def private_database(url: str | None) -> Iterator[str]:
    """A fresh SQLite file, or a fresh schema on the PostgreSQL database at `url` (dropped
    afterwards)."""
    if url is None:
        with tempfile.TemporaryDirectory(prefix="shuttle-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    admin = make_engine(url)
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        scoped = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@dataclass(frozen=True)
class BenchTalk:
    talk: str
    tokens: dict[str, str]  # participant -> bearer token
    rooms: dict[str, list[str]]  # party -> its delegates


def open_talks(url: str, count: int, participants: int) -> list[BenchTalk]:
    """`count` talks of two parties, each with one mediator and `participants - 1` delegates
    split between the parties, and a bearer token for every participant."""
    store = open_store(url)
    service, access = TalkService(store), Access(store.engine)
    delegates = [
        Delegate(f"{PARTIES[i % 2]} {i // 2 + 1}", PARTIES[i % 2]) for i in range(participants - 1)
    ]
    rooms = {p: [d.name for d in delegates if d.party == p] for p in PARTIES}
    opened = []
    for number in range(count):
        command = OpenTalk(f"bench {number}", PARTIES, (MEDIATOR,), tuple(delegates))
        talk = service.open_talk(command).talk
        names = [MEDIATOR, *(d.name for d in delegates)]
        opened.append(BenchTalk(talk, {n: access.bearer(talk, n) for n in names}, rooms))
    store.dispose()
    return opened


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Process:
    port: int
    handle: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        """User and system CPU time of the process so far, all its threads."""
        return process_cpu(self.handle.pid)


@contextmanager
def serving(command: list[str], health: str, log: Path) -> Iterator[Process]:
    """Run a server `command` (which takes `--port`) until the `health` path answers; stop it
    with SIGINT afterwards, as Ctrl+C would."""
    port = free_port()
    with log.open("wb") as output:
        handle = subprocess.Popen(
            [*command, "--port", str(port)], stdout=output, stderr=subprocess.STDOUT
        )
        try:
            _wait_for(f"http://127.0.0.1:{port}{health}", handle, log)
            yield Process(port, handle)
        finally:
            handle.send_signal(signal.SIGINT)
            try:
                handle.wait(timeout=20)
            except subprocess.TimeoutExpired:
                handle.kill()
                handle.wait()


@contextmanager
def shuttle_instances(url: str, count: int) -> Iterator[list[Process]]:
    """`count` `shuttle serve` processes on the database at `url`, each logging to a file of
    its own, all stopped on leaving."""
    with tempfile.TemporaryDirectory() as logs, ExitStack() as stack:
        yield [
            stack.enter_context(
                serving(shuttle_command(url), "/api/health", Path(logs) / f"shuttle{n}.log")
            )
            for n in range(count)
        ]


def shuttle_command(url: str) -> list[str]:
    return [sys.executable, "-m", "shuttle.cli", "serve", "--db", url]


def bare_command(url: str) -> list[str]:
    return [sys.executable, str(BENCH / "_server_bare.py"), "--db", url]


def _wait_for(url: str, handle: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if handle.poll() is not None:
            raise RuntimeError(f"server exited at start:\n{log.read_text(errors='replace')}")
        with suppress(OSError), urllib.request.urlopen(url, timeout=1) as answer:
            if answer.status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server did not answer {url} within {STARTUP_SECONDS} s")


def run_load(
    plan: dict[str, Any], script: str = "_server_load.py", timeout: float = 600
) -> dict[str, Any]:
    """Run a load generator (`script` under bench/) in its own process with `plan`; its
    measurements."""
    done = subprocess.run(
        [sys.executable, str(BENCH / script)],
        input=json.dumps(plan).encode(),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{done.stderr.decode(errors='replace')}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result
