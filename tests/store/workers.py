"""Functions run in spawned child processes by the concurrency tests (a module of its own so
that a child imports only this and the store, not pytest and the test modules)."""

from __future__ import annotations

from typing import Protocol

from shuttle.store import ConcurrentAppend, EventStore, make_engine, open_store


class Barrier(Protocol):
    """What the writer needs of a (manager-proxied) barrier."""

    def wait(self, timeout: float | None = None) -> int: ...


def append_one_at_a_time(url: str, talk: str, writer: str, count: int, start: Barrier) -> int:
    """Append ``count`` events to ``talk`` the way the service does: read the head, decide,
    append after it, and on ``ConcurrentAppend`` reload and try again. Returns the retries."""
    store = EventStore(make_engine(url))  # the parent migrated the database already
    retries = 0
    try:
        start.wait(timeout=60)
        written = 0
        while written < count:
            head = store.head(talk)
            seq = 1 if head is None else head.seq + 1
            document = {"talk": talk, "seq": seq, "kind": "note", "writer": writer, "n": written}
            try:
                store.append(talk, head, [document])
            except ConcurrentAppend:
                retries += 1
                continue
            written += 1
    finally:
        store.dispose()
    return retries


def open_at_once(url: str, start: Barrier) -> str | None:
    """Open (and so migrate) the store at ``url`` together with other processes; returns the
    error's text if opening failed, so the parent can report it."""
    start.wait(timeout=60)
    try:
        open_store(url).dispose()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
