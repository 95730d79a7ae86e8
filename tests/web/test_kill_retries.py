"""Retries across crashes: `kill -9` a real server at random moments while clients speak.

Four delegates post numbered statements, each with its own key (the same key strings in every
client: keys belong to their participant). The test kills `shuttle serve` with SIGKILL at
seeded random moments and restarts it on the same database and port; every client sends each
request it got no answer for again, with its key, until it is answered. At the end every
statement is in the record exactly once, every acknowledged one among them, the answers name
the events the record holds, and `shuttle verify` passes.

A kill can land after a command's transaction committed and before its answer left: the retry
is then answered from the stored key ("replayed" below); without keys it would be a duplicate.
`SHUTTLE_KILL_SEED` replays a run's kill schedule, `SHUTTLE_KILLS` sets how many kills; run
with `-s` to see the figures.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import httpx

from shuttle.accounts import Access
from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import Delegate, OpenTalk, StatementView
from tests.web.running import SHUTTLE, shuttle, wait_until_healthy

SEED = int(os.environ.get("SHUTTLE_KILL_SEED", "20240412"))
# Each kill costs a restart (seconds here). At six kills every kill interrupted a request of
# every client (24 retried of 24, on both backends), so six keep `make test` short while still
# landing kills mid-request; `SHUTTLE_KILLS` asks for a longer run.
KILLS = int(os.environ.get("SHUTTLE_KILLS", "6"))
UP_SECONDS = (0.2, 1.0)  # how long the server runs between kills, drawn from the seed
HEADER = "Idempotency-Key"
DOWN_LIMIT = 90.0  # seconds a client keeps retrying a server that does not answer
DELEGATES = (
    Delegate("US Envoy", "United States"),
    Delegate("US Deputy", "United States"),
    Delegate("Iranian FM", "Iran"),
    Delegate("Iranian Deputy", "Iran"),
)
TALK = OpenTalk(
    title="Muscat under fire",
    parties=("United States", "Iran"),
    mediators=("Oman",),
    delegates=DELEGATES,
)


@dataclass
class Tally:
    """One client's figures, and every answer it got (statement text -> answer)."""

    acknowledged: int = 0
    retried: int = 0  # requests sent more than once
    replayed: int = 0  # of those, answered with an event recorded before the last send
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


class Crashing:
    """`shuttle serve` on a fixed port of `db`, killed with SIGKILL and started again."""

    def __init__(self, db: str, workdir: Path) -> None:
        self.db = db
        self.port = port_outside_ephemeral_range()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "server.log"
        self.log: IO[str] = self.log_path.open("a")
        self.process: subprocess.Popen[str] | None = None
        self.kills = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [*SHUTTLE, "serve", "--db", self.db, "--port", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        wait_until_healthy(self.url, self.process, lambda: self.log_path.read_text())

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def port_outside_ephemeral_range() -> int:
    """A free port below the kernel's ephemeral range. While the server is down, the clients'
    connection attempts draw source ports from that range; one could draw the server's own
    port and connect to itself (TCP simultaneous open), and the restart could not bind it."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    draw = random.Random()
    for _ in range(200):
        port = draw.randrange(10_000, low)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port below the ephemeral range")


def speak(url: str, talk: str, name: str, token: str, stop: threading.Event) -> Tally:
    """Post numbered statements as `name` until `stop`, each until it is answered."""
    tally = Tally()
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=auth, timeout=10) as http:
        n = 0
        while not stop.is_set():
            text, key = f"{name} #{n}", f"statement-{n}"
            sends = 0
            down_since: float | None = None
            while True:
                sends += 1
                sent_at = datetime.now(UTC).isoformat(timespec="microseconds")
                try:
                    answer = http.post(
                        f"/api/talks/{talk}/statements", json={"text": text}, headers={HEADER: key}
                    )
                except httpx.TransportError:  # the server is down, or died mid-request
                    # A server that never comes back must fail the test, not hang it.
                    down_since = down_since or time.monotonic()
                    assert time.monotonic() - down_since < DOWN_LIMIT, f"{url} stayed down"
                    time.sleep(0.1)
                    continue
                assert answer.status_code == 201, f"{text}: {answer.status_code} {answer.text}"
                break
            [event] = answer.json()["events"]
            assert event["text"] == text, f"{text} was answered with {event['text']!r}"
            tally.acknowledged += 1
            tally.answers[text] = answer.json()
            if sends > 1:
                tally.retried += 1
                tally.replayed += event["at"] < sent_at
            n += 1
    return tally


def prepare(db: str) -> tuple[str, dict[str, str]]:
    """Open the talk and issue each delegate's bearer token, as an operator would."""
    store = open_store(db)
    try:
        talk = TalkService(store).open_talk(TALK).talk
        access = Access(store.engine)
        return talk, {d.name: access.bearer(talk, d.name) for d in DELEGATES}
    finally:
        store.dispose()


def recorded_statements(db: str, talk: str) -> list[dict[str, Any]]:
    """Every statement of the talk, read through the service as its mediator."""
    store = open_store(db)
    try:
        view = TalkService(store).view(talk, "Oman")
        return [e.to_dict() for e in view.events if isinstance(e, StatementView)]
    finally:
        store.dispose()


def test_every_statement_is_recorded_once_across_kills(database_url: str, tmp_path: Path) -> None:
    talk, tokens = prepare(database_url)
    server = Crashing(database_url, tmp_path)
    schedule = random.Random(SEED)
    stop = threading.Event()
    try:
        server.start()
        with ThreadPoolExecutor(len(tokens)) as pool:
            clients = [
                pool.submit(speak, server.url, talk, name, token, stop)
                for name, token in tokens.items()
            ]
            try:
                for _ in range(KILLS):
                    time.sleep(schedule.uniform(*UP_SECONDS))
                    server.kill()
                    server.start()
                time.sleep(UP_SECONDS[1])  # the last requests reach a server that stays up
            finally:
                stop.set()
            tallies = [client.result(timeout=120) for client in clients]
    finally:
        server.stop()

    answers = {text: a for t in tallies for text, a in t.answers.items()}
    said = recorded_statements(database_url, talk)
    counts = Counter(e["text"] for e in said)
    once = sum(1 for text in answers if counts[text] == 1)
    figures = (
        f"seed {SEED}: {server.kills} kills, {sum(t.acknowledged for t in tallies)} requests "
        f"acknowledged, {sum(t.retried for t in tallies)} retried "
        f"({sum(t.replayed for t in tallies)} answered from a key stored before the kill), "
        f"{once} statements found exactly once of {len(said)} recorded"
    )
    print(f"\n[{database_url.split(':')[0]}] {figures}")
    assert server.kills == KILLS, figures
    assert sum(t.retried for t in tallies) > 0, f"no kill interrupted a request: {figures}"
    assert set(counts) == set(answers), f"recorded and acknowledged differ: {figures}"
    assert once == len(answers) == len(said), f"duplicates {counts.most_common(3)}: {figures}"
    by_text = {e["text"]: e for e in said}
    for text, answer in answers.items():
        event = by_text[text]
        assert answer["events"] == [event], f"{text}: answered {answer}; {figures}"
        assert answer["head"].startswith(f"{event['seq']}:"), f"{text}: {answer}; {figures}"
    verified = json.loads(shuttle("verify", "--json", db=database_url))
    assert verified["ok"] and verified["events_checked"] == 1 + len(said), verified
