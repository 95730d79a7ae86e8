"""Fixtures for the accounts' tests: a hand-moved clock, and an empty migrated database of each
backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import Engine

from shuttle.store import open_store


@dataclass
class Clock:
    """Seconds since the epoch, moved by hand."""

    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty database of the parametrised backend (SQLite, PostgreSQL)."""
    store = open_store(database_url)
    yield store.engine
    store.dispose()
