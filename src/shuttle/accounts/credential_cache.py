"""Credentials recently found live, kept briefly so that a busy client's every request does not
ask the database who it is, and forgotten the moment any credential is revoked.

Revocation is the cache's whole difficulty: a session logged out or a participant removed must
stop working within a second on every server instance. Two things guarantee it:

* every revocation is announced (`REVOKED_CHANNEL`, PostgreSQL NOTIFY, sent in the revoking
  transaction, so it is heard only once the revocation is committed), and an instance that hears
  one forgets everything; this process forgets at once when it revokes;
* an entry lives `HEARD_SECONDS` only while this instance hears announcements (its listener is
  connected), else `UNHEARD_SECONDS`: while the listener reconnects, a revoked credential is
  still refused within a second;
* with nowhere to hear announcements at all (SQLite, where a command-line `shuttle leave` in
  another process announces nothing; or a process with no bell) nothing is kept: asking the
  database is then the only way to be sure, and on SQLite it costs no round trip anyway.

A lookup that started before a forgetting never stores its (possibly stale) answer afterwards:
each forgetting starts a new generation, and an answer is kept only in the generation it was
asked in. Only live credentials are kept: an unknown token is asked of the database each time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

HEARD_SECONDS = 300.0
"""How long a live credential is trusted while revocations are heard: long, because any
revocation empties the cache within a second anyway, and a participant who acts once a minute
should not cost a lookup every time (`bench/scale.py` at 1,000 talks measured it)."""

UNHEARD_SECONDS = 0.9
"""How long it is trusted when they may not be: under the one second a revocation may take."""

SIZE = 20_000
"""The most credentials kept: the least recently used go first."""

Value = TypeVar("Value")


class RevocationFeed(Protocol):
    """Where revocations made by other instances are heard (the PostgreSQL bell)."""

    @property
    def listening(self) -> bool: ...

    def on_revoked(self, callback: Callable[[], None]) -> None: ...


class CredentialCache(Generic[Value]):
    """Live credentials by key (a token's digest and the kinds asked for), each until a time
    on the caller's clock; thread-safe."""

    def __init__(self, feed: RevocationFeed | None = None, size: int = SIZE) -> None:
        self._feed = feed
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[object, tuple[Value, float]] = OrderedDict()
        self._generation = 0
        if feed is not None:
            feed.on_revoked(self.forget_all)

    @property
    def generation(self) -> int:
        """Read before asking the database; give it back to `keep`."""
        return self._generation

    def trust_for(self) -> float:
        """How many seconds a credential found live now may be trusted (0: not kept)."""
        if self._feed is None:
            return 0.0
        return HEARD_SECONDS if self._feed.listening else UNHEARD_SECONDS

    def get(self, key: object, now: float) -> Value | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            value, until = found
            if now >= until:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def keep(self, key: object, value: Value, until: float, generation: int) -> None:
        """Keep `value` until `until`, unless a forgetting came after `generation` was read."""
        with self._lock:
            if generation != self._generation:
                return
            self._entries[key] = (value, until)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def forget_all(self) -> None:
        """A credential was revoked, here or elsewhere: trust nothing kept so far."""
        with self._lock:
            self._generation += 1
            self._entries.clear()
