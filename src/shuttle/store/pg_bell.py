"""The bell between server instances: PostgreSQL LISTEN/NOTIFY carrying "talk:seq", no content.

Each instance keeps a `LocalBell` for its own streams. Ringing a `PostgresBell` rings that
local bell at once (this instance's streams need no round trip) and hands the ring to a sender
thread, which sends ``NOTIFY shuttle_bell, 'talk:seq'`` on its own connection, several rings
in one round trip when they come fast; a listener thread in every instance, on another
connection, hears the notifications of all instances and rings its local bell. The service
rings after the append has committed, so a notification never announces an event that a
reader could not yet see, a failed append announces nothing, and no request waits for NOTIFY.

The payload is the talk and a number, never an event: whoever can LISTEN on the database learns
only that a talk moved. If the listener's connection drops, notifications sent meanwhile are
lost; so after reconnecting it reads the head of every talk with listeners here and rings it.
The streams then read their views from the record, which misses nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import psycopg
from sqlalchemy.engine import Engine

from shuttle.store.bell import Listener, LocalBell
from shuttle.store.event_store import EventStore

CHANNEL = "shuttle_bell"
"""The NOTIFY channel; it is per database, shared by every instance on it."""

REVOKED_CHANNEL = "shuttle_revoked"
"""Where a revocation of credentials is announced, with no payload (who, not even how many):
every instance hearing it forgets the credentials it keeps (`accounts.credential_cache`)."""

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
        self._threads: list[threading.Thread] = []
        self._connection: psycopg.Connection[Any] | None = None
        self._sender: psycopg.Connection[Any] | None = None
        # Rings not yet sent: the highest seq per talk (a later ring supersedes an earlier).
        self._pending: dict[str, int] = {}
        self._pending_lock = threading.Lock()
        self._wake = threading.Event()
        self._on_revoked: list[Callable[[], None]] = []
        self._on_heard: list[Callable[[str, int], None]] = []

    @property
    def engine(self) -> Engine:
        return self.store.engine

    def ring(self, talk: str, seq: int) -> None:
        """Ring this instance's listeners now, and every other instance's through NOTIFY.

        Called after the append committed; returns without waiting for the database."""
        self.local.ring(talk, seq)
        with self._pending_lock:
            if seq > self._pending.get(talk, 0):
                self._pending[talk] = seq
        self._wake.set()

    def listen(self, talk: str) -> Listener:
        return self.local.listen(talk)

    def on_revoked(self, callback: Callable[[], None]) -> None:
        """Call `callback` whenever any instance revokes credentials, and whenever this
        instance may have missed such news (its listener connected again, or dropped)."""
        self._on_revoked.append(callback)

    def on_heard(self, callback: Callable[[str, int], None]) -> None:
        """Call `callback(talk, seq)` for every ring heard from the database (any instance's,
        this one's too), before this instance's listeners are rung."""
        self._on_heard.append(callback)

    def _revoked(self) -> None:
        for callback in self._on_revoked:
            callback()

    def start(self) -> None:
        """Start the sender and listener threads; returns once the listener listens (or after
        a few seconds). Rings before `start` are sent once it has started."""
        if self._threads:
            return
        for name, target in (("send", self._send_loop), ("listen", self._listen_loop)):
            thread = threading.Thread(target=target, name=f"shuttle-bell-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        self._connected.wait(10)

    def close(self) -> None:
        """Stop both threads, after sending the rings still pending."""
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(POLL_SECONDS * 4)
        self._threads = []

    @property
    def listening(self) -> bool:
        """Whether the listener's connection is up (for tests and health)."""
        return self._connected.is_set()

    def backend_pid(self) -> int | None:
        """The PostgreSQL backend of the listener's connection, if connected (for tests)."""
        return _pid(self._connection)

    def sender_pid(self) -> int | None:
        """The PostgreSQL backend of the sender's connection, if connected (for tests)."""
        return _pid(self._sender)

    def _send_loop(self) -> None:
        connection: psycopg.Connection[Any] | None = None
        # Connected before the first ring, which would otherwise wait for the connection.
        try:
            connection = self._sender = self._connect()
        except Exception as error:
            log.warning("bell could not connect to notify yet (%s); will retry", error)
        while True:
            self._wake.wait(POLL_SECONDS)
            self._wake.clear()
            with self._pending_lock:
                batch, self._pending = self._pending, {}
            if batch:
                try:
                    if connection is None or connection.closed:
                        connection = self._sender = self._connect()
                    connection.execute(
                        "SELECT pg_notify(%s, p) FROM unnest(%s::text[]) AS p",
                        (CHANNEL, [payload(t, s) for t, s in batch.items()]),
                    )
                except Exception as error:
                    log.warning("bell could not notify other instances (%s); retrying", error)
                    self._requeue(batch)
                    if connection is not None:
                        connection.close()
                    connection = None
                    if self._stop.wait(RECONNECT_SECONDS):
                        break
                    continue
            # Stopping: but a ring that came in while this batch was sent goes out first.
            if self._stop.is_set():
                with self._pending_lock:
                    if not self._pending:
                        break
        if connection is not None:
            connection.close()

    def _requeue(self, batch: dict[str, int]) -> None:
        with self._pending_lock:
            for talk, seq in batch.items():
                if seq > self._pending.get(talk, 0):
                    self._pending[talk] = seq

    def _listen_loop(self) -> None:
        while not self._stop.is_set():
            try:
                with self._connect() as connection:
                    self._connection = connection
                    connection.execute(f"LISTEN {CHANNEL}")
                    connection.execute(f"LISTEN {REVOKED_CHANNEL}")
                    self._connected.set()
                    # Anything rung or revoked while we were not listening went unheard.
                    self._revoked()
                    self._ring_heads()
                    self._hear(connection)
            except Exception as error:
                if self._stop.is_set():
                    break
                log.warning("bell listener lost its connection (%s); reconnecting", error)
            finally:
                self._connected.clear()
                self._connection = None
                self._revoked()  # kept credentials are trusted only briefly till it is back
            self._stop.wait(RECONNECT_SECONDS)

    def _hear(self, connection: psycopg.Connection[Any]) -> None:
        while not self._stop.is_set():
            for notice in connection.notifies(timeout=POLL_SECONDS):
                if notice.channel == REVOKED_CHANNEL:
                    self._revoked()
                    continue
                heard = parse_payload(notice.payload)
                if heard is not None:
                    for callback in self._on_heard:
                        callback(*heard)
                    self.local.ring(*heard)

    def _ring_heads(self) -> None:
        for talk, head in self.store.heads(self.local.talks()).items():
            self.local.ring(talk, head.seq)

    def _connect(self) -> psycopg.Connection[Any]:
        # The engine's own connection arguments (host, user, search_path options...), so the
        # listener reaches exactly the database the store writes to.
        _, params = self.engine.dialect.create_connect_args(self.engine.url)
        params = {k: v for k, v in params.items() if k != "context"}
        return psycopg.connect(**params, autocommit=True, connect_timeout=10)


def _pid(connection: psycopg.Connection[Any] | None) -> int | None:
    return None if connection is None or connection.closed else connection.info.backend_pid
