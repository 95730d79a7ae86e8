"""Live updates: a participant's own view, pushed as server-sent events as the record grows.

The bell says only "talk T reaches seq N"; each stream then reads its participant's view after
the last seq it sent, through the service and so through `view_of`. Each event goes out with
its seq as the SSE id, so a browser that reconnects sends `Last-Event-ID` and resumes exactly
after it: events appended while it was away are read from the record, not from memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import AsyncIterator, Callable

from sse_starlette import ServerSentEvent
from starlette.concurrency import run_in_threadpool

from shuttle.assembly import LocalBell
from shuttle.service import TalkService, Update
from shuttle.talks import Seen
from shuttle.web.deps import Actor

Render = Callable[[Seen, Update], ServerSentEvent]
"""One event as its stream sends it, given the update it came in (for the record's head)."""


async def updates(
    service: TalkService,
    bell: LocalBell,
    actor: Actor,
    after: int,
    render: Render,
    heartbeat: float,
) -> AsyncIterator[ServerSentEvent]:
    """Every event `actor` may see after seq `after`, then each new one as it is appended."""
    # Listen before the first read, so nothing appended between the read and the wait is
    # missed: a ring that comes in meanwhile leaves the listener ahead of `sent`.
    listener = bell.listen(actor.talk)
    try:
        sent, heard = after, None
        while True:
            # Rung for seq N, the service's cached fold may already reach N (an append in
            # this process, or one another stream has read) and the view is made here, with no
            # thread and no read; else, and when woken by the heartbeat (a ring from another
            # instance may have been lost), the record is read off the event loop.
            update = None
            if heard is not None:
                update = service.seen_in_memory(actor.talk, actor.name, sent, heard)
                if update is None:  # another instance appended: one read for every stream
                    await read_once(service, actor.talk, heard)
                    update = service.seen_in_memory(actor.talk, actor.name, sent, heard)
            if update is None:
                update = await run_in_threadpool(
                    service.seen_since, actor.talk, actor.name, sent, heard
                )
            for seen in update.events:
                yield render(seen, update)
            sent = max(sent, update.head.seq)
            rung = await listener.wait(sent, heartbeat)
            heard = rung if rung > sent else None
    finally:
        listener.close()


_reading: weakref.WeakKeyDictionary[TalkService, dict[str, asyncio.Future[None]]] = (
    weakref.WeakKeyDictionary()
)
"""Per service, the talks whose new events are being read now, for the streams of this loop."""


async def read_once(service: TalkService, talk: str, seq: int) -> None:
    """Have the service's fold of `talk` reach `seq`: the first stream woken reads the record
    off the loop, the others woken with it wait for that read instead of each making its own.
    Errors are left to the stream's own read that follows."""
    reading = _reading.setdefault(service, {})
    running = reading.get(talk)
    if running is None:
        running = asyncio.ensure_future(run_in_threadpool(service.read_up_to, talk, seq))
        reading[talk] = running
        running.add_done_callback(lambda done: _forget(reading, talk, done))
    # Shielded: a stream that goes away does not cancel the read the others wait for.
    with contextlib.suppress(Exception):
        await asyncio.shield(running)


def _forget(
    reading: dict[str, asyncio.Future[None]], talk: str, done: asyncio.Future[None]
) -> None:
    if reading.get(talk) is done:
        del reading[talk]
    if not done.cancelled():
        done.exception()  # looked at: a failed read is retried by the stream itself


def resume_point(last_event_id: str | None, after: int) -> int:
    """Where a stream starts: after the browser's `Last-Event-ID` when it sends one."""
    if last_event_id is not None:
        try:
            return max(0, int(last_event_id.strip()))
        except ValueError:
            return after
    return after
