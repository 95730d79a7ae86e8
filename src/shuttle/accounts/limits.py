"""Rate limits kept in the database, so that they hold across every server instance."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from shuttle.accounts.schema import web_attempts
from shuttle.store.database import write_transaction


class RateLimiter:
    """At most `limit` failed attempts per `window` seconds for one key (e.g. "login:203.0.113.9").

    Only failures count: a person who opens a good invite or types the right password is never
    slowed down, while guessing is capped for every server instance sharing the database.
    """

    def __init__(
        self, engine: Engine, limit: int, window: float, clock: Callable[[], float] = time.time
    ) -> None:
        self._engine = engine
        self.limit = limit
        self.window = window
        self._clock = clock

    def blocked(self, key: str) -> bool:
        """Whether `key` has used up its failures in the current window."""
        since = self._clock() - self.window
        with self._engine.connect() as connection:
            recent = connection.execute(
                select(func.count())
                .select_from(web_attempts)
                .where(web_attempts.c.key == key[:200], web_attempts.c.at >= since)
            ).scalar_one()
        return int(recent) >= self.limit

    def failed(self, key: str) -> None:
        """Count a failed attempt for `key` (and forget those older than any window)."""
        now = self._clock()
        with write_transaction(self._engine) as connection:
            connection.execute(delete(web_attempts).where(web_attempts.c.at < now - self.window))
            connection.execute(insert(web_attempts).values(key=key[:200], at=now))
