"""The append-only, hash-chained record of talks, on SQLite (embedded) or PostgreSQL.

Each event is stored with a secret salt, and the chain links salted commitments to events,
never the events themselves (record format 2, see ``chain``), so that the head every participant
is shown lets no one test guesses of an event it may not see; ``proof`` gives a participant
what it may read whole and only commitments of the rest, checkable offline.

Typical use::

    store = open_store("sqlite:///shuttle.db")
    head = store.head(talk)
    seq = 1 if head is None else head.seq + 1
    store.append(talk, head, [{"talk": talk, "seq": seq, "kind": "opened", ...}])

``append`` raises ``ConcurrentAppend`` when another writer got there first: reload and
re-decide. ``verify`` recomputes every chain; heads that participants kept (``str(head)``,
``Head.parse``) also expose truncation and rewritten-and-rehashed chains.
"""

from shuttle.store.canonical import canonical_bytes
from shuttle.store.chain import GENESIS_HASH, Head, chain_hash
from shuttle.store.database import make_engine, migrate
from shuttle.store.errors import ConcurrentAppend
from shuttle.store.event_store import EventStore, open_store
from shuttle.store.stored_event import StoredEvent
from shuttle.store.verify import ChainFailure, VerifyReport

__all__ = [
    "GENESIS_HASH",
    "ChainFailure",
    "ConcurrentAppend",
    "EventStore",
    "Head",
    "StoredEvent",
    "VerifyReport",
    "canonical_bytes",
    "chain_hash",
    "make_engine",
    "migrate",
    "open_store",
]
