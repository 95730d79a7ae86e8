"""PostgreSQL connections without a ping per checkout: a busy pool pays no extra round trip,
and a connection that died while idle (a database restart) is replaced without failing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from shuttle.store import database, make_engine


@pytest.fixture
def engine(postgres_admin: Engine) -> Iterator[Engine]:
    made = make_engine(postgres_admin.url, pool_size=1, max_overflow=0)
    yield made
    made.dispose()


def connects_of(engine: Engine) -> list[str]:
    sent: list[str] = []
    event.listen(engine.pool, "connect", lambda *_: sent.append("connect"))
    return sent


def test_a_busy_pool_sends_nothing_but_the_work(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ping between uses that follow each other closely (the ping is `SELECT 1` sent on
    the raw driver connection: count what the driver sends)."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    pings: list[str] = []
    raw = engine.raw_connection()
    assert raw.driver_connection is not None
    driver: Any = type(raw.driver_connection)
    original = driver.cursor

    def counting(self: object, *args: object, **kwargs: object) -> object:
        pings.append("cursor")
        return original(self, *args, **kwargs)

    raw.close()
    monkeypatch.setattr(driver, "cursor", counting)
    for _ in range(20):
        with engine.connect() as connection:
            connection.execute(text("SELECT 2"))
    # One cursor per statement of ours; a ping would add one per checkout.
    assert len(pings) == 20


def test_a_connection_that_died_while_idle_is_replaced_without_an_error(
    engine: Engine, postgres_admin: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with engine.connect() as connection:
        pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with postgres_admin.begin() as admin:  # as a database restart would
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    monkeypatch.setattr(database, "IDLE_PING_SECONDS", 0.0)  # it has been idle "long enough"
    connects = connects_of(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
    assert connects == ["connect"]
