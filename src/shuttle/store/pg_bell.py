"""The bell between server instances: PostgreSQL LISTEN/NOTIFY carrying "talk:seq", no content.

Each instance keeps a `LocalBell` for its own streams. Ringing a `PostgresBell` rings that
local bell at once (this instance's streams need no round trip) and sends
``NOTIFY shuttle_bell, 'talk:seq'``; a listener thread in every instance, on its own
connection, hears the notifications of all instances and rings its local bell. The service
rings after the append has committed, so a notification never announces an event that a
reader could not yet see, and a failed append announces nothing.

The payload is the talk and a number, never an event: whoever can LISTEN on the database learns
only that a talk moved. If the listener's connection drops, notifications sent meanwhile are
lost; so after reconnecting it reads the head of every talk with listeners here and rings it.
The streams then read their views from the record, which misses nothing.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import Engine

from shuttle.store.bell import Listener, LocalBell
from shuttle.store.event_store import EventStore

CHANNEL = "shuttle_bell"
"""The NOTIFY channel; it is per database, shared by every instance on it."""

RECONNECT_SECONDS = 1.0
"""How long the listener waits before trying a dropped connection again."""

POLL_SECONDS = 0.5
"""How often the listener looks up from waiting to see whether it should stop."""

log = logging.getLogger(__name__)


def payload(talk: str, seq: int) -> str:
    return f"{talk}:{seq}"


def parse_payload(text_: str) -> tuple[str, int] | None:
    """The talk and seq of a notification, or None for one that is not ours."""
    talk, _, seq = text_.rpartition(":")
    if not talk or not seq.isdigit():
        return None
    return talk, int(seq)


class PostgresBell:
    """Rings listeners in every server instance on the same PostgreSQL database.

    `local` is the bell this instance's streams listen on. Call `start` to begin hearing other
    instances, and `close` when the server stops.
    """

    def __init__(self, store: EventStore, local: LocalBell | None = None) -> None:
        self.store = store
        self.local = local or LocalBell()
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: psycopg.Connection[Any] | None = None

    @property
    def engine(self) -> Engine:
        return self.store.engine

    def ring(self, talk: str, seq: int) -> None:
        """Ring this instance's listeners now and every other instance's through NOTIFY.

        Called after the append committed. A failed NOTIFY is logged, not raised: the event is
        recorded and the command succeeded; other instances' streams still read it at their
        next heartbeat or ring."""
        self.local.ring(talk, seq)
        try:
            with self.engine.connect() as connection:
                connection.execute(
                    text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": payload(talk, seq)},
                )
                connection.commit()
        except Exception:
            log.warning("could not notify other instances of talk %s seq %d", talk, seq)

    def listen(self, talk: str) -> Listener:
        return self.local.listen(talk)

    def start(self) -> None:
        """Start the listener thread; returns once it listens (or after a few seconds)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="shuttle-pg-bell", daemon=True)
        self._thread.start()
        self._connected.wait(10)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(POLL_SECONDS * 4)
            self._thread = None

    @property
    def listening(self) -> bool:
        """Whether the listener's connection is up (for tests and health)."""
        return self._connected.is_set()

    def backend_pid(self) -> int | None:
        """The PostgreSQL backend of the listener's connection, if connected (for tests)."""
        connection = self._connection
        return None if connection is None or connection.closed else connection.info.backend_pid

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with self._connect() as connection:
                    self._connection = connection
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._connected.set()
                    # Anything rung while we were not listening went unheard: catch up.
                    self._ring_heads()
                    self._hear(connection)
            except Exception as error:
                if self._stop.is_set():
                    break
                log.warning("bell listener lost its connection (%s); reconnecting", error)
            finally:
                self._connected.clear()
                self._connection = None
            self._stop.wait(RECONNECT_SECONDS)

    def _hear(self, connection: psycopg.Connection[Any]) -> None:
        while not self._stop.is_set():
            for notice in connection.notifies(timeout=POLL_SECONDS):
                heard = parse_payload(notice.payload)
                if heard is not None:
                    self.local.ring(*heard)

    def _ring_heads(self) -> None:
        for talk in self.local.talks():
            head = self.store.head(talk)
            if head is not None:
                self.local.ring(talk, head.seq)

    def _connect(self) -> psycopg.Connection[Any]:
        # The engine's own connection arguments (host, user, search_path options...), so the
        # listener reaches exactly the database the store writes to.
        _, params = self.engine.dialect.create_connect_args(self.engine.url)
        params = {k: v for k, v in params.items() if k != "context"}
        return psycopg.connect(**params, autocommit=True, connect_timeout=10)
