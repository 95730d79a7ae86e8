"""The signal "talk T has events up to N" -- never content -- from writers to live readers.

Writers ring the bell after an append commits; readers (one per connected participant) wait on
it and then read what they may see through the service, which filters with `view_of`. The
bell carries no event, so it cannot leak one: a reader that wakes learns only that it should
look again.

`LocalBell` rings readers in this process. Readers live on asyncio event loops, writers on any
thread (the web runs commands in a thread pool), so a ring is handed to each reader's loop
with `call_soon_threadsafe`. `PostgresBell` (see `pg_bell`) carries rings between server
instances with LISTEN/NOTIFY and rings a `LocalBell` in each.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol


class Bell(Protocol):
    def ring(self, talk: str, seq: int) -> None:
        """Tell readers of `talk` that its record now reaches `seq`."""

    def listen(self, talk: str) -> Listener:
        """A new listener for `talk`; close it when done."""


@dataclass(eq=False)
class Listener:
    """One reader's view of the bell: the highest seq heard, and a way to wait for more."""

    talk: str
    _bell: LocalBell
    _loop: asyncio.AbstractEventLoop
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    heard: int = 0

    def _hear(self, seq: int) -> None:
        if seq > self.heard:
            self.heard = seq
            self._changed.set()

    async def wait(self, beyond: int, timeout: float) -> int:
        """Wait until something past `beyond` was heard, or `timeout` seconds; the highest
        seq heard (which may still be `beyond` after a timeout)."""
        if self.heard <= beyond:
            self._changed.clear()
            # A timeout scope, not `wait_for`: no task is made per wait.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._changed.wait()
        return self.heard

    def close(self) -> None:
        self._bell._forget(self)


class LocalBell:
    """Rings the listeners of this process; safe to ring from any thread."""

    def __init__(self) -> None:
        self._listeners: dict[str, set[Listener]] = defaultdict(set)
        self._lock = threading.Lock()

    def ring(self, talk: str, seq: int) -> None:
        with self._lock:
            listeners = list(self._listeners.get(talk, ()))
        # One hand-over per event loop, not per listener: waking a loop from another thread
        # is the costly part, and a server's streams mostly share one loop.
        by_loop: dict[asyncio.AbstractEventLoop, list[Listener]] = defaultdict(list)
        for listener in listeners:
            by_loop[listener._loop].append(listener)
        for loop, group in by_loop.items():
            try:
                loop.call_soon_threadsafe(_hear_all, group, seq)
            except RuntimeError:  # its loop has closed: its readers are gone
                for listener in group:
                    self._forget(listener)

    def listen(self, talk: str) -> Listener:
        """Must be called on the reader's running event loop."""
        listener = Listener(talk, self, asyncio.get_running_loop())
        with self._lock:
            self._listeners[talk].add(listener)
        return listener

    def listening(self, talk: str) -> int:
        """How many readers of `talk` are listening (for tests and metrics)."""
        with self._lock:
            return len(self._listeners.get(talk, ()))

    def talks(self) -> list[str]:
        """The talks that have listeners now (a bell reconnecting rings each of them)."""
        with self._lock:
            return list(self._listeners)

    def _forget(self, listener: Listener) -> None:
        with self._lock:
            found = self._listeners.get(listener.talk)
            if found is not None:
                found.discard(listener)
                if not found:
                    del self._listeners[listener.talk]


def _hear_all(listeners: list[Listener], seq: int) -> None:
    for listener in listeners:
        listener._hear(seq)
