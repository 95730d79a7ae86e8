"""A process that speaks through the service (its own module, so a spawned child imports only
this and Shuttle, not pytest)."""

from __future__ import annotations

from shuttle.service import TalkService
from shuttle.store import EventStore, make_engine
from shuttle.talks import Say
from tests.store.workers import Barrier


def speak(url: str, talk: str, speaker: str, count: int, start: Barrier) -> None:
    """Say `count` numbered lines as `speaker`, racing whoever else writes to the talk."""
    service = TalkService(EventStore(make_engine(url)))
    try:
        start.wait(timeout=60)
        for n in range(count):
            service.execute(talk, Say(speaker, f"{speaker} {n}"))
    finally:
        service.store.dispose()
