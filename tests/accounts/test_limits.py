"""Rate limits in the database: failures per key and window, shared by every instance."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from shuttle.accounts import RateLimiter
from shuttle.accounts.schema import web_attempts
from shuttle.store import make_engine
from tests.accounts.conftest import Clock


def test_a_key_is_blocked_after_its_failures_until_the_window_passes(
    engine: Engine, clock: Clock
) -> None:
    limiter = RateLimiter(engine, limit=3, window=60, clock=clock)
    for _ in range(3):
        assert not limiter.blocked("login:203.0.113.9")
        limiter.failed("login:203.0.113.9")
    assert limiter.blocked("login:203.0.113.9")
    assert not limiter.blocked("login:198.51.100.7")  # another address
    assert not limiter.blocked("invite:203.0.113.9")  # another kind of attempt
    clock.advance(61)
    assert not limiter.blocked("login:203.0.113.9")


def test_the_limit_holds_across_instances_sharing_the_database(
    engine: Engine, database_url: str, clock: Clock
) -> None:
    other = make_engine(database_url)
    try:
        here = RateLimiter(engine, limit=4, window=60, clock=clock)
        there = RateLimiter(other, limit=4, window=60, clock=clock)
        for limiter in (here, there, here, there):
            limiter.failed("login:203.0.113.9")
        assert here.blocked("login:203.0.113.9")
        assert there.blocked("login:203.0.113.9")
    finally:
        other.dispose()


def test_old_failures_are_forgotten(engine: Engine, clock: Clock) -> None:
    limiter = RateLimiter(engine, limit=3, window=60, clock=clock)
    limiter.failed("login:a")
    limiter.failed("login:b")
    clock.advance(120)
    limiter.failed("login:c")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(web_attempts)).scalar() == 1


def test_a_long_key_is_cut_to_the_column(engine: Engine, clock: Clock) -> None:
    limiter = RateLimiter(engine, limit=1, window=60, clock=clock)
    limiter.failed("login:" + "x" * 500)
    assert limiter.blocked("login:" + "x" * 500)
