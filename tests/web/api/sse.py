"""Reading a server-sent event stream with httpx, with a timeout on every read so that a test
waiting for an event that never comes fails in seconds instead of hanging."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

READ_SECONDS = 5.0


@dataclass
class Stream:
    """An open event stream: `next()` is the next event's data (JSON), heartbeats skipped."""

    response: httpx.Response
    lines: Iterator[str]
    raw: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def next(self) -> dict[str, Any]:
        data: list[str] = []
        ident = None
        for line in self.lines:
            self.raw.append(line)
            if line == "":
                if data:
                    if ident is not None:
                        self.ids.append(ident)
                    event: dict[str, Any] = json.loads("\n".join(data))
                    return event
                continue
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "data":
                data.append(value)
            elif name == "id":
                ident = value
        raise AssertionError("the stream ended")

    def until(self, done: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
        """Events up to and including the first for which `done` holds."""
        events = []
        while True:
            event = self.next()
            events.append(event)
            if done(event):
                return events

    def through(self, seq: int) -> list[dict[str, Any]]:
        """Events up to and including seq `seq` (which must be visible to the reader)."""
        return self.until(lambda e: e["seq"] >= seq)


@contextmanager
def stream(
    client: httpx.Client, path: str, headers: dict[str, str] | None = None
) -> Iterator[Stream]:
    timeout = httpx.Timeout(READ_SECONDS)
    with client.stream("GET", path, headers=headers, timeout=timeout) as response:
        assert response.status_code == 200, response.read().decode()
        assert response.headers["content-type"].startswith("text/event-stream")
        yield Stream(response, response.iter_lines())
