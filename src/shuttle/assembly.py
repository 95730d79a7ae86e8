"""A running Shuttle put together: the record, the service over it, its bell, and the accounts
kept beside it in the same database.

The one place above the store that knows how these are wired, so that neither the web nor the
command line imports the store (the import contracts in pyproject.toml hold them to that).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from shuttle.accounts import Access, RateLimiter
from shuttle.service import CACHE_EVENTS, Appended, TalkService
from shuttle.store import open_store
from shuttle.store.bell import LocalBell
from shuttle.store.pg_bell import PostgresBell
from shuttle.talks import LeaveView

log = logging.getLogger(__name__)

__all__ = [
    "LocalBell",
    "PostgresBell",
    "access_to",
    "end_credentials_of_leavers",
    "fit_bell",
    "live_bell",
    "open_service",
    "rate_limiter",
]


def open_service(url: str, cache_events: int = CACHE_EVENTS) -> TalkService:
    """The service over the record at `url`, migrated to the current schema, keeping up to
    `cache_events` events' folds in memory."""
    return TalkService(open_store(url), cache_events=cache_events)


def fit_bell(service: TalkService) -> LocalBell | PostgresBell:
    """Give the service the bell a server needs: on PostgreSQL one that also rings (and hears)
    the other server instances on the same database, started; else one for this process."""
    bell: LocalBell | PostgresBell
    if service.store.engine.dialect.name == "postgresql":
        bell = PostgresBell(service.store)
        bell.on_heard(_hearing(service, bell.local))
        bell.start()
    else:
        bell = LocalBell()
    service.bell = bell
    return bell


def _hearing(service: TalkService, local: LocalBell) -> Callable[[str, int], None]:
    """What an instance does with a ring heard from the database, before its streams wake:
    the service learns the talk has moved on (a command will read first), and when streams
    here watch the talk, its new events are read now, once, on the bell's thread, so that
    every stream then makes its view from memory."""

    def heard(talk: str, seq: int) -> None:
        service.heard(talk, seq)
        if local.listening(talk):
            try:
                service.read_up_to(talk, seq)
            except Exception as error:  # the streams read for themselves, as without this
                log.warning("could not read talk %s up to %d for its streams: %s", talk, seq, error)

    return heard


def live_bell(service: TalkService) -> LocalBell:
    """The bell that wakes this process's live streams: the service's `LocalBell`, or the one a
    `PostgresBell` feeds; a `LocalBell` is fitted if the service has no bell."""
    if service.bell is None:
        service.bell = LocalBell()
    bell = service.bell.local if isinstance(service.bell, PostgresBell) else service.bell
    if not isinstance(bell, LocalBell):
        raise TypeError("live streams need a LocalBell, or a PostgresBell that feeds one")
    return bell


def access_to(service: TalkService, clock: Callable[[], float] = time.time) -> Access:
    """The accounts (invites, sessions, tokens, mediators' passwords) in the service's database;
    with the PostgreSQL bell fitted (`fit_bell`), they hear other instances' revocations."""
    bell = service.bell
    return Access(service.store.engine, clock, bell if isinstance(bell, PostgresBell) else None)


def end_credentials_of_leavers(access: Access, appended: Appended) -> None:
    """End at once the invites, sessions and tokens of everyone `appended` says has left the
    talk (removed by a mediator or gone of its own accord): the record says they act no more,
    so no credential may still let them in. The name is the one recorded, which may differ in
    spaces or form from what the command was given."""
    for seen in appended.events:
        if isinstance(seen, LeaveView):
            access.end_participant(appended.talk, seen.name)


def rate_limiter(service: TalkService, limit: int, window: float) -> RateLimiter:
    """A limit of `limit` failures per key in `window` seconds, counted in the service's
    database so that every server instance shares it."""
    return RateLimiter(service.store.engine, limit, window)
