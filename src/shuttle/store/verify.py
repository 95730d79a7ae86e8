"""Recompute every talk's chain and say, per talk, where it first stops being trustworthy.

The pass reads ``events`` once, ordered by (talk, seq), with a streaming cursor, so memory
stays bounded by one row and one talk's bookkeeping no matter how large the record is. A
single statement also sees one consistent snapshot while writers carry on. Two small queries
then compare ``events`` with the ``talks`` registry, which exposes a talk deleted whole.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.engine import Connection

from shuttle.store.canonical import canonical_bytes
from shuttle.store.chain import GENESIS_HASH, Head, chain_hash
from shuttle.store.schema import events, talks

# Rows fetched per round trip while streaming.
_BATCH = 500


@dataclass(frozen=True)
class ChainFailure:
    """The first event of ``talk`` that does not check out, and why, in words."""

    talk: str
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"talk {self.talk!r}, seq {self.seq}: {self.reason}"


@dataclass(frozen=True)
class VerifyReport:
    """What a verification pass looked at and what it found (at most one failure per talk)."""

    talks_checked: int
    events_checked: int
    failures: list[ChainFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no talk failed."""
        return not self.failures


def verify_events(connection: Connection, expect: Mapping[str, Head] | None = None) -> VerifyReport:
    """Check every talk's chain on ``connection``; see ``EventStore.verify``."""
    pending = dict(expect or {})
    failures: list[ChainFailure] = []
    talks_checked = 0
    events_checked = 0
    checker: _TalkChecker | None = None

    query = (
        select(events.c.talk, events.c.seq, events.c.kind, events.c.body, events.c.hash)
        .order_by(events.c.talk, events.c.seq)
        .execution_options(yield_per=_BATCH)
    )
    for row in connection.execute(query):
        if checker is None or row.talk != checker.talk:
            if checker is not None:
                failures.extend(checker.finish())
            checker = _TalkChecker(row.talk, pending.pop(row.talk, None))
            talks_checked += 1
        checker.feed(row.seq, row.kind, bytes(row.body), row.hash)
        events_checked += 1
    if checker is not None:
        failures.extend(checker.finish())

    # Talks a participant knows of but the record no longer has at all.
    failures.extend(
        ChainFailure(talk, head.seq, f"talk is missing from the record (expected head {head})")
        for talk, head in pending.items()
    )
    failed = {failure.talk for failure in failures}
    failures.extend(f for f in _registry_failures(connection) if f.talk not in failed)
    return VerifyReport(talks_checked, events_checked, failures)


def _registry_failures(connection: Connection) -> list[ChainFailure]:
    """Disagreements between ``events`` and the ``talks`` registry.

    Append writes a talk's registration and its first events in one transaction, so each
    statement below sees both or neither, and any hit means rows were removed by hand. A
    registered talk without events is a whole talk deleted, which no chain can show.
    """
    registered_without_events = (
        select(talks.c.talk)
        .where(~exists().where(events.c.talk == talks.c.talk))
        .order_by(talks.c.ordinal)
    )
    events_without_registration = (
        select(events.c.talk)
        .where(events.c.seq == 1, ~exists().where(talks.c.talk == events.c.talk))
        .order_by(events.c.talk)
    )
    return [
        ChainFailure(talk, 1, "talk is registered but has no events: they were deleted")
        for talk in connection.execute(registered_without_events).scalars()
    ] + [
        ChainFailure(talk, 1, "talk has events but its registration was deleted (talks() hides it)")
        for talk in connection.execute(events_without_registration).scalars()
    ]


class _TalkChecker:
    """Follows one talk's rows in seq order and keeps its first failure."""

    def __init__(self, talk: str, expected: Head | None) -> None:
        self.talk = talk
        self.expected = expected
        self.next_seq = 1
        self.previous_hash = GENESIS_HASH
        self.chain_failure: ChainFailure | None = None
        self.expect_failure: ChainFailure | None = None
        self.expected_seen = False

    def feed(self, seq: int, kind: str, body: bytes, stored_hash: str) -> None:
        """Check the next row; after the first failure the rest of the talk is only counted."""
        if self.chain_failure is not None:
            return
        if seq != self.next_seq:
            # Rows arrive ordered by seq and (talk, seq) is unique, so seq > next_seq here.
            self.chain_failure = ChainFailure(self.talk, self.next_seq, _gap_reason(self, seq))
            return
        reason = _event_problem(self.talk, seq, kind, body, stored_hash, self.previous_hash)
        if reason is not None:
            self.chain_failure = ChainFailure(self.talk, seq, reason)
            return
        if self.expected is not None and seq == self.expected.seq:
            self.expected_seen = True
            if stored_hash != self.expected.hash:
                self.expect_failure = ChainFailure(
                    self.talk,
                    seq,
                    f"stored hash {stored_hash} differs from the kept head {self.expected}: "
                    "the chain was rewritten and re-hashed",
                )
        self.next_seq = seq + 1
        self.previous_hash = stored_hash

    def finish(self) -> list[ChainFailure]:
        """The talk's first failure, if any, once all of its rows were fed."""
        # An expect failure can only have been recorded before the chain broke, so it is the
        # earlier of the two whenever both exist.
        if self.expect_failure is not None:
            return [self.expect_failure]
        if self.chain_failure is not None:
            return [self.chain_failure]
        if self.expected is not None and not self.expected_seen:
            last = self.next_seq - 1
            return [
                ChainFailure(
                    self.talk,
                    self.expected.seq,
                    f"no event at seq {self.expected.seq} any more (the record ends at seq "
                    f"{last}), but a participant kept head {self.expected}: events were removed",
                )
            ]
        return []


def _gap_reason(checker: _TalkChecker, found_seq: int) -> str:
    if checker.next_seq == 1:
        return f"the chain does not start at seq 1 (its first stored event is seq {found_seq})"
    return f"seq {checker.next_seq} is missing (the next stored event is seq {found_seq})"


def _event_problem(
    talk: str, seq: int, kind: str, body: bytes, stored_hash: str, previous_hash: str
) -> str | None:
    """Why this in-sequence row is not a valid link of the chain, or None if it is."""
    recomputed = chain_hash(previous_hash, body)
    if recomputed != stored_hash:
        return (
            f"hash mismatch: stored {stored_hash}, recomputed {recomputed} "
            "(the body or the stored hash was changed)"
        )
    document, problem = _parse_canonical(body)
    if document is None:
        return problem
    if document.get("talk") != talk:
        return f"body says talk {document.get('talk')!r} but the row is in talk {talk!r}"
    body_seq = document.get("seq")
    # type() check: True == 1 in Python, but a body with "seq": true is not seq 1.
    if type(body_seq) is not int or body_seq != seq:
        return f"body says seq {body_seq!r} but the row is seq {seq}"
    if document.get("kind") != kind:
        return f"body says kind {document.get('kind')!r} but the row's kind is {kind!r}"
    return None


def _parse_canonical(body: bytes) -> tuple[dict[str, Any] | None, str]:
    """Parse ``body`` and check that re-encoding it reproduces it byte for byte."""
    try:
        document = json.loads(
            body.decode("utf-8"),
            parse_constant=_refuse_constant,
            object_pairs_hook=_refuse_duplicate_keys,
        )
        if not isinstance(document, dict):
            return None, f"body is JSON but not an object ({type(document).__name__})"
        if canonical_bytes(document) != body:
            return None, "body is valid JSON but not in canonical form"
    except (ValueError, TypeError, RecursionError) as exc:
        return None, f"body is not canonical JSON: {exc}"
    return document, ""


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("an object has a duplicate key")
    return result
