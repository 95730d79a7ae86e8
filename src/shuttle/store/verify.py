"""Recompute every talk's chain and say, per talk, where it first stops being trustworthy.

The pass reads ``events`` once, ordered by (talk, seq), with a streaming cursor, so memory
stays bounded by one row and one talk's bookkeeping no matter how large the record is. A
single statement also sees one consistent snapshot while writers carry on. Two small queries
then compare ``events`` with the ``talks`` registry, which exposes a talk deleted whole.

Whatever a row holds -- text where bytes belong, a hash of the wrong type, a salt of the wrong
length -- is a failure that names the talk and the event, never an exception: a record that
was tampered with is exactly what this pass exists to describe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.engine import Connection

from shuttle.store.canonical import parse_canonical
from shuttle.store.chain import GENESIS_HASH, SALT_BYTES, Head, event_link, is_hash
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
    """What a verification pass looked at and what it found (at most one failure per talk).

    ``formats`` says, per talk, which record format its chain uses: ``"2"``, ``"1"``, or
    ``"1, then 2 from seq N"`` for a talk begun before format 2 and continued after it.
    """

    talks_checked: int
    events_checked: int
    failures: list[ChainFailure] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict, compare=False)

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
    formats: dict[str, str] = {}
    checker: _TalkChecker | None = None

    query = (
        select(
            events.c.talk, events.c.seq, events.c.kind, events.c.body, events.c.hash, events.c.salt
        )
        .order_by(events.c.talk, events.c.seq)
        .execution_options(yield_per=_BATCH)
    )
    for row in connection.execute(query):
        if checker is None or row.talk != checker.talk:
            if checker is not None:
                failures.extend(checker.finish())
                formats[checker.talk] = checker.format_text()
            checker = _TalkChecker(row.talk, pending.pop(row.talk, None))
            talks_checked += 1
        checker.feed(row.seq, row.kind, row.body, row.hash, row.salt)
        events_checked += 1
    if checker is not None:
        failures.extend(checker.finish())
        formats[checker.talk] = checker.format_text()

    # Talks a participant knows of but the record no longer has at all.
    failures.extend(
        ChainFailure(talk, head.seq, f"talk is missing from the record (expected head {head})")
        for talk, head in pending.items()
    )
    failed = {failure.talk for failure in failures}
    failures.extend(f for f in _registry_failures(connection) if f.talk not in failed)
    return VerifyReport(talks_checked, events_checked, failures, formats)


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
        self.format_1_seen = False
        self.format_2_from: int | None = None

    def feed(self, seq: int, kind: object, body: object, stored_hash: object, salt: object) -> None:
        """Check the next row; after the first failure the rest of the talk is only counted."""
        downgraded = salt is None and self.format_2_from is not None
        if salt is None:
            self.format_1_seen = True
        elif self.format_2_from is None:
            self.format_2_from = seq
        if self.chain_failure is not None:
            return
        if seq != self.next_seq:
            # Rows arrive ordered by seq and (talk, seq) is unique, so seq > next_seq here.
            self.chain_failure = ChainFailure(self.talk, self.next_seq, _gap_reason(self, seq))
            return
        row, type_problem = _typed_row(kind, body, stored_hash, salt)
        if row is None:
            self.chain_failure = ChainFailure(self.talk, seq, type_problem)
            return
        kind, body, stored_hash, salt = row
        reason = self._downgrade_problem() if downgraded else None
        if reason is None:
            reason = _event_problem(
                self.talk, seq, kind, body, stored_hash, salt, self.previous_hash
            )
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

    def _downgrade_problem(self) -> str:
        # Format 2 follows format 1, never the reverse: an unsalted row after a salted one
        # means a salt was stripped and the chain re-hashed from there.
        return (
            f"a format-1 event (no salt) after format 2 began at seq {self.format_2_from}: "
            "the record is only ever written forward"
        )

    def format_text(self) -> str:
        """Which record format this talk's chain uses, as far as it was read."""
        if self.format_2_from is None:
            return "1"
        if not self.format_1_seen:
            return "2"
        return f"1, then 2 from seq {self.format_2_from}"

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


_TypedRow = tuple[str, bytes, str, bytes | None]


def _typed_row(
    kind: object, body: object, stored_hash: object, salt: object
) -> tuple[_TypedRow | None, str]:
    """The row's values as the types the chain is made of, or why they are not."""
    if isinstance(body, memoryview | bytearray):
        body = bytes(body)
    if isinstance(salt, memoryview | bytearray):
        salt = bytes(salt)
    if not isinstance(body, bytes):
        return None, f"stored body is {_kind_of(body)}, not bytes"
    if not is_hash(stored_hash):
        return None, f"stored hash {_shown(stored_hash)} is not 64 lowercase hex digits"
    if salt is not None and (not isinstance(salt, bytes) or len(salt) != SALT_BYTES):
        return None, f"stored salt is {_kind_of(salt)}, not {SALT_BYTES} bytes"
    if not isinstance(kind, str):
        return None, f"stored kind is {_kind_of(kind)}, not text"
    return (kind, body, stored_hash, salt), ""


def _shown(value: object) -> str:
    """A stored hash in the form a recomputed one prints in: 32 bytes as hex, text as is."""
    if isinstance(value, bytes | bytearray | memoryview) and len(bytes(value)) == 32:
        return bytes(value).hex() + " (stored as bytes)"
    if isinstance(value, str):
        return repr(value[:80])
    return _kind_of(value)


def _kind_of(value: object) -> str:
    if value is None:
        return "missing (NULL)"
    if isinstance(value, str):
        return f"text ({len(value)} characters)"
    if isinstance(value, bytes):
        return f"{len(value)} bytes"
    return f"a {type(value).__name__}"


def _event_problem(
    talk: str,
    seq: int,
    kind: str,
    body: bytes,
    stored_hash: str,
    salt: bytes | None,
    previous_hash: str,
) -> str | None:
    """Why this in-sequence row is not a valid link of the chain, or None if it is."""
    recomputed = event_link(previous_hash, body, salt)
    if recomputed != stored_hash:
        return (
            f"hash mismatch: stored {stored_hash}, recomputed {recomputed} "
            "(the body or the stored hash was changed)"
        )
    try:
        document = parse_canonical(body)
    except ValueError as problem:
        return str(problem)
    if document.get("talk") != talk:
        return f"body says talk {document.get('talk')!r} but the row is in talk {talk!r}"
    body_seq = document.get("seq")
    # type() check: True == 1 in Python, but a body with "seq": true is not seq 1.
    if type(body_seq) is not int or body_seq != seq:
        return f"body says seq {body_seq!r} but the row is seq {seq}"
    if document.get("kind") != kind:
        return f"body says kind {document.get('kind')!r} but the row's kind is {kind!r}"
    return None
