"""Idempotency keys: a retried command gets its first answer instead of appending again.

A key is claimed in the same transaction as the events its command appended (see
``EventStore.append``), so the two are written together or not at all: a crash can never leave
events without their key, which a retry would then append a second time. The key lives beside
the record, never in it: the row names the answer (its first and last seq and the head after
it) and holds nothing of what was said.

Keys are scoped to a talk and the participant who sent them; the primary key on
(talk, participant, key) is what refuses the second of two racing requests with one key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.engine import Connection

from shuttle.store.chain import Head
from shuttle.store.schema import idempotency_keys

KEY_LIMIT = 200
"""The longest key (the width of its column); keys are visible ASCII, without spaces."""

_PARTICIPANT_LIMIT = 200
_FINGERPRINT_LIMIT = 64

_CLAIMED = select(
    idempotency_keys.c.fingerprint,
    idempotency_keys.c.first_seq,
    idempotency_keys.c.last_seq,
    idempotency_keys.c.head,
).where(
    idempotency_keys.c.talk == bindparam("talk"),
    idempotency_keys.c.participant == bindparam("participant"),
    idempotency_keys.c.key == bindparam("key"),
)
_CLAIM = insert(idempotency_keys)


def is_valid_key(key: str) -> bool:
    """Whether ``key`` is 1 to ``KEY_LIMIT`` visible ASCII characters ("!" to "~")."""
    return 1 <= len(key) <= KEY_LIMIT and all("!" <= c <= "~" for c in key)


@dataclass(frozen=True)
class IdempotencyClaim:
    """A participant's key for one request, and the request's fingerprint (a digest of what
    was asked, so that the key reused for another request can be told apart)."""

    participant: str
    key: str
    fingerprint: str

    def __post_init__(self) -> None:
        # Checked before the database is touched: PostgreSQL would refuse an over-long value
        # only mid-transaction, and the two backends must accept the same keys.
        if not 1 <= len(self.participant) <= _PARTICIPANT_LIMIT or "\x00" in self.participant:
            raise ValueError(
                f"a claim's participant must be 1 to {_PARTICIPANT_LIMIT} characters without NUL"
            )
        if not is_valid_key(self.key):
            raise ValueError(f"an idempotency key must be 1 to {KEY_LIMIT} visible ASCII chars")
        if not 1 <= len(self.fingerprint) <= _FINGERPRINT_LIMIT or not self.fingerprint.isascii():
            raise ValueError(
                f"a fingerprint must be 1 to {_FINGERPRINT_LIMIT} ASCII characters (a hex digest)"
            )


@dataclass(frozen=True)
class Claimed:
    """What a key was claimed for: the request's fingerprint and the answer it got -- the
    events from ``first_seq`` to ``head.seq``, and ``head``, the record's head right after."""

    fingerprint: str
    first_seq: int
    head: Head


def insert_claim(
    connection: Connection, talk: str, claim: IdempotencyClaim, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert ``claim`` for the chained ``rows`` (mappings with ``seq`` and ``hash``, in seq
    order) inside the caller's transaction; IntegrityError if the key is taken."""
    first, last = rows[0], rows[-1]
    connection.execute(
        _CLAIM,
        {
            "talk": talk,
            "participant": claim.participant,
            "key": claim.key,
            "fingerprint": claim.fingerprint,
            "first_seq": first["seq"],
            "last_seq": last["seq"],
            "head": last["hash"],
        },
    )


def find_claim(connection: Connection, talk: str, participant: str, key: str) -> Claimed | None:
    """The claim of ``key`` by ``participant`` in ``talk``, or None: one primary-key lookup."""
    row = connection.execute(
        _CLAIMED, {"talk": talk, "participant": participant, "key": key}
    ).first()
    if row is None:
        return None
    return Claimed(row.fingerprint, row.first_seq, Head(seq=row.last_seq, hash=row.head))
