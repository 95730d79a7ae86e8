"""Two `shuttle serve` processes on one PostgreSQL database act as one service: a statement
posted to one reaches a participant's live stream held on the other (LISTEN/NOTIFY)."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.running import Server, running_server

MEDIATOR = "Oman (mediator)"
IRAN = "Iran head of delegation"
US = "US head of delegation"


@pytest.fixture
def two_servers(database_url: str, tmp_path: Path) -> Iterator[tuple[Server, Server]]:
    with (
        running_server(database_url, tmp_path) as first,
        running_server(database_url, tmp_path) as second,
    ):
        yield first, second


def stream_events(client: httpx.Client, talk: str, into: queue.Queue[dict[str, Any]]) -> None:
    """Read the participant's SSE stream, putting each event's JSON into `into`."""
    try:
        with client.stream("GET", f"/api/talks/{talk}/events") as response:
            assert response.status_code == 200
            for line in response.iter_lines():
                if line.startswith("data:"):
                    into.put(json.loads(line.removeprefix("data:").strip()))
    except httpx.HTTPError:
        pass  # the test closed the client: the stream ends


def next_text(events: queue.Queue[dict[str, Any]], timeout: float = 5) -> dict[str, Any]:
    """The next event on the stream that carries a text (a statement); the heartbeat is 15 s,
    so arriving within `timeout` means the bell woke the stream."""
    while True:
        event = events.get(timeout=timeout)
        if event.get("text"):
            return event


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_statement_posted_to_one_server_arrives_on_a_stream_held_on_the_other(
    two_servers: tuple[Server, Server],
) -> None:
    a, b = two_servers
    talk = a.open_talk()
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    with (
        a.bearer(talk, MEDIATOR) as mediator_on_a,
        a.bearer(talk, US) as us_on_a,
        b.bearer(talk, IRAN) as iran_on_b,
    ):
        reader = threading.Thread(target=stream_events, args=(iran_on_b, talk, events))
        reader.start()
        try:
            first = events.get(timeout=10)  # the backlog: the stream is up and listening
            assert first["seq"] == 1

            said = mediator_on_a.post(
                f"/api/talks/{talk}/statements", json={"text": "Tehran, a proposal", "room": "Iran"}
            )
            assert said.status_code == 201, said.text
            arrived = next_text(events)
            assert arrived["text"] == "Tehran, a proposal" and arrived["by"] == MEDIATOR

            # What the US says in its own room never reaches Iran's stream, on any server;
            # the mediator's next word in Iran's room does, and comes next.
            us = us_on_a.post(f"/api/talks/{talk}/statements", json={"text": "US only"})
            assert us.status_code == 201, us.text
            again = mediator_on_a.post(
                f"/api/talks/{talk}/statements", json={"text": "and another", "room": "Iran"}
            )
            assert again.status_code == 201, again.text
            assert next_text(events)["text"] == "and another"
        finally:
            iran_on_b.close()
            reader.join(timeout=10)
