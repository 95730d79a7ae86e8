"""The append-only, hash-chained record of every talk, on SQLite or PostgreSQL.

Each talk is a chain of events numbered 1, 2, 3, ... Writers append with optimistic
concurrency: they say which head they built on, and the (talk, seq) primary key refuses the
second of two writers that built on the same head. Nothing here updates or deletes a row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, exists, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from shuttle.store.canonical import canonical_bytes
from shuttle.store.chain import GENESIS_HASH, Head, event_link, new_salt
from shuttle.store.database import make_engine, migrate, write_transaction
from shuttle.store.errors import ConcurrentAppend
from shuttle.store.idempotency import Claimed, IdempotencyClaim, find_claim, insert_claim
from shuttle.store.schema import events, process_tracks, processes, talk_members, talks
from shuttle.store.stored_event import StoredEvent
from shuttle.store.verify import VerifyReport, verify_events

_NAME_LIMIT = 64  # the width of the talk and kind columns

# The queries of every command and every live read, built once: building a statement per call
# cost about as much CPU as running it.
_HASH_AT = select(events.c.hash).where(
    events.c.talk == bindparam("talk"), events.c.seq == bindparam("seq")
)
_EVENTS_AFTER = (
    select(events.c.talk, events.c.seq, events.c.body, events.c.hash, events.c.salt)
    .where(events.c.talk == bindparam("talk"), events.c.seq > bindparam("after"))
    .order_by(events.c.seq)
)


class EventStore:
    """Append, read and verify talks' event chains through one SQLAlchemy engine.

    The schema must already be migrated (``open_store`` does that). Safe to share between
    threads; several processes may use the same database at once. New events are written in
    ``record_format`` 2 (salted commitments); 1 exists only to compare the two, and to show in
    tests what format 2 prevents.
    """

    def __init__(self, engine: Engine, record_format: int = 2) -> None:
        if record_format not in (1, 2):
            raise ValueError(f"record format must be 1 or 2, got {record_format!r}")
        self._engine = engine
        self._salted = record_format == 2

    @property
    def engine(self) -> Engine:
        """The engine underneath, for callers that run their own queries or maintenance."""
        return self._engine

    def append(
        self,
        talk: str,
        after: Head | None,
        documents: Sequence[Mapping[str, object]],
        *,
        claim: IdempotencyClaim | None = None,
        members: Sequence[tuple[str, int]] = (),
        track_of: str | None = None,
    ) -> list[StoredEvent]:
        """Append ``documents`` to ``talk`` right after ``after``, all or nothing.

        ``after`` is the head the caller decided on (``None``: the talk is new). Each document
        must carry ``"talk"`` equal to ``talk``, ``"seq"`` counting on from ``after.seq`` (from
        1 for a new talk) and a ``"kind"`` string of at most 64 characters; otherwise, or if
        ``documents`` is empty, ``ValueError``. ``TypeError``/``ValueError`` from
        ``canonical_bytes`` pass through. If ``after`` is not the hash actually stored at
        ``after.seq`` the caller's head is not from this record: ``ValueError``.

        Raises ``ConcurrentAppend`` when another writer appended first (``after`` is stale or the
        "new" talk exists); then nothing of this call was written.

        ``claim``, an idempotency key, is stored in the same transaction as the events, naming
        them as its answer (see ``claimed``); if the key is already claimed, ``ConcurrentAppend``
        too, and nothing is written.

        ``members``, the names these events bring into the talk with the seq of the event
        that names each, are indexed in the same transaction (see ``talks_of``); so is
        ``track_of``, the process a new talk is a track of (see ``tracks_of``).
        """
        _check_name("talk", talk)
        rows = _chain_rows(talk, after, documents, self._salted)
        try:
            with write_transaction(self._engine) as connection:
                if after is None:
                    # Registers the talk's creation order; its unique key also refuses a second
                    # creator, like the events primary key would.
                    connection.execute(insert(talks).values(talk=talk))
                    connection.execute(insert(events), rows)
                else:
                    # The head check rides in the first row's insert: one round trip, not two.
                    chained = connection.execute(
                        _APPEND_AFTER_HEAD,
                        {**rows[0], "after_seq": after.seq, "after_hash": after.hash},
                    )
                    if chained.rowcount != 1:
                        stored = connection.execute(
                            _HASH_AT, {"talk": talk, "seq": after.seq}
                        ).scalar_one_or_none()
                        found = "no such event" if stored is None else f"stored hash {stored}"
                        raise ValueError(
                            f"talk {talk!r} has no event matching head {after} ({found}); "
                            "append after a head loaded from this store"
                        )
                    if len(rows) > 1:
                        connection.execute(insert(events), rows[1:])
                if claim is not None:
                    insert_claim(connection, talk, claim, rows)
                if members:
                    connection.execute(
                        insert(talk_members),
                        [{"name": name, "talk": talk, "seq": seq} for name, seq in members],
                    )
                if track_of is not None:
                    connection.execute(insert(process_tracks).values(process=track_of, talk=talk))
        except IntegrityError as exc:
            # The only constraints an insert can violate here are the uniqueness of (talk, seq),
            # of the talk's registration and of a claimed key: another writer got there first.
            first = 1 if after is None else after.seq + 1
            keyed = "" if claim is None else f" (or key {claim.key!r} is claimed already)"
            raise ConcurrentAppend(
                f"talk {talk!r} already has an event at seq {first}{keyed}: "
                "another writer appended first; reload and re-decide"
            ) from exc
        return [
            StoredEvent(
                talk=talk, seq=row["seq"], body=row["body"], hash=row["hash"], salt=row["salt"]
            )
            for row in rows
        ]

    def claimed(self, talk: str, participant: str, key: str) -> Claimed | None:
        """What ``participant`` claimed idempotency key ``key`` for in ``talk``, or None: one
        primary-key lookup."""
        with self._engine.connect() as connection:
            return find_claim(connection, talk, participant, key)

    def load(self, talk: str, after_seq: int = 0) -> list[StoredEvent]:
        """The talk's events with seq greater than ``after_seq``, in seq order."""
        parameters = {"talk": talk, "after": after_seq}
        with self._engine.connect() as connection:
            return [_stored_event(*row) for row in connection.execute(_EVENTS_AFTER, parameters)]

    def head(self, talk: str) -> Head | None:
        """The talk's last event's position, or ``None`` if the talk has no events."""
        query = (
            select(events.c.seq, events.c.hash)
            .where(events.c.talk == talk)
            .order_by(events.c.seq.desc())
            .limit(1)
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else Head(seq=row.seq, hash=row.hash)

    def heads(self, talks: Sequence[str]) -> dict[str, Head]:
        """The head of each of `talks` that has events, in one query (a bell reconnecting
        catches up every talk it has streams for at once, not one round trip each)."""
        latest = (
            select(events.c.talk, func.max(events.c.seq).label("seq"))
            .where(events.c.talk.in_(bindparam("talks", expanding=True)))
            .group_by(events.c.talk)
            .subquery()
        )
        query = select(events.c.talk, events.c.seq, events.c.hash).join(
            latest, (events.c.talk == latest.c.talk) & (events.c.seq == latest.c.seq)
        )
        found: dict[str, Head] = {}
        with self._engine.connect() as connection:
            # In slices, so that no statement carries more parameters than a driver takes.
            for start in range(0, len(talks), 1000):
                chunk = list(talks[start : start + 1000])
                for row in connection.execute(query, {"talks": chunk}):
                    found[row.talk] = Head(seq=row.seq, hash=row.hash)
        return found

    def talks(self) -> list[StoredEvent]:
        """The first event (seq 1) of every talk, oldest talk first.

        "Oldest" is the order in which the talks were created in this database (the ``talks``
        table's autoincrementing ordinal), not any timestamp inside the bodies.
        """
        query = (
            select(events.c.talk, events.c.seq, events.c.body, events.c.hash, events.c.salt)
            .join(talks, talks.c.talk == events.c.talk)
            .where(events.c.seq == 1)
            .order_by(talks.c.ordinal)
        )
        with self._engine.connect() as connection:
            return [_stored_event(*row) for row in connection.execute(query)]

    def talks_of(self, name: str) -> list[str]:
        """The talks whose events named ``name`` (as recorded, exactly), oldest talk first:
        one index lookup, whatever the number of other talks."""
        query = (
            select(talk_members.c.talk)
            .join(talks, talks.c.talk == talk_members.c.talk)
            .where(talk_members.c.name == name)
            .order_by(talks.c.ordinal)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def open_process(self, process: str, title: str, opened_by: str | None = None) -> None:
        """Register process ``process`` with its title and who opened it (an account's name,
        or None); ``ConcurrentAppend`` if the identifier is taken."""
        _check_name("process", process)
        try:
            with write_transaction(self._engine) as connection:
                connection.execute(
                    insert(processes).values(process=process, title=title, opened_by=opened_by)
                )
        except IntegrityError as exc:
            raise ConcurrentAppend(f"process {process!r} exists already") from exc

    def process_title(self, process: str) -> str | None:
        """The title of process ``process``, or None if there is no such process."""
        found = self.process_row(process)
        return None if found is None else found[0]

    def process_row(self, process: str) -> tuple[str, str | None] | None:
        """The title of process ``process`` and who opened it, or None if there is none."""
        query = select(processes.c.title, processes.c.opened_by).where(
            processes.c.process == process
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        return None if row is None else (row[0], row[1])

    def processes(self, opened_by: str | None = None) -> list[str]:
        """Every process's identifier; with ``opened_by``, those that account opened."""
        query = select(processes.c.process)
        if opened_by is not None:
            query = query.where(processes.c.opened_by == opened_by)
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def process_of_talk(self, talk: str) -> str | None:
        """The process ``talk`` is a track of, if any."""
        query = select(process_tracks.c.process).where(process_tracks.c.talk == talk)
        with self._engine.connect() as connection:
            return connection.execute(query).scalar_one_or_none()

    def tracks_of(self, process: str) -> list[str]:
        """The talks opened as tracks of ``process``, oldest first."""
        query = (
            select(process_tracks.c.talk)
            .join(talks, talks.c.talk == process_tracks.c.talk)
            .where(process_tracks.c.process == process)
            .order_by(talks.c.ordinal)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def verify(self, expect: Mapping[str, Head] | None = None) -> VerifyReport:
        """Recompute every talk's chain and report each talk's first failing seq.

        A chain fails at: a missing seq (or one not starting at 1); a body that is not
        canonical JSON; a body whose talk/seq/kind disagree with its row; a stored hash that is
        not the link of the previous hash and the event (salted or not, by its format); a value
        of the wrong type; an unsalted event after a salted one. ``expect`` maps talks to heads that
        participants kept earlier; a talk then also fails if it is gone, if it no longer has an
        event at that seq (truncated), or if the hash stored there differs (rewritten).
        A talk whose events were all deleted, or whose registration in ``talks`` was, fails
        at seq 1 even without ``expect``.
        """
        with self._engine.connect() as connection:
            return verify_events(connection, expect)

    def dispose(self) -> None:
        """Close the engine's pooled connections."""
        self._engine.dispose()


def open_store(url: str, record_format: int = 2, **engine_kwargs: Any) -> EventStore:
    """Connect to ``url``, migrate its schema to the newest revision, and return the store.

    ``sqlite:///path/to/file.db`` for the embedded default; ``postgresql://...`` (rewritten to
    psycopg 3) or ``postgresql+psycopg://...``. ``engine_kwargs`` go to ``create_engine``.
    ``record_format``: see ``EventStore``.
    """
    engine = make_engine(url, **engine_kwargs)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return EventStore(engine, record_format)


_EVENT_COLUMNS = [column.name for column in events.columns]

# INSERT a row ... only if the talk's event at "after_seq" has "after_hash": the stored head
# the row chains on, checked in the same statement (no row inserted otherwise). Built once,
# like the queries above: a command appends on every call. Drivers drop an INSERT's row count
# when its cursor closes unless asked to keep it.
_APPEND_AFTER_HEAD = (
    insert(events)
    .from_select(
        _EVENT_COLUMNS,
        select(*(bindparam(name, type_=events.c[name].type) for name in _EVENT_COLUMNS)).where(
            exists().where(
                events.c.talk == bindparam("talk"),
                events.c.seq == bindparam("after_seq"),
                events.c.hash == bindparam("after_hash"),
            )
        ),
    )
    .execution_options(preserve_rowcount=True)
)


def _chain_rows(
    talk: str, after: Head | None, documents: Sequence[Mapping[str, object]], salted: bool
) -> list[dict[str, Any]]:
    """Validate ``documents`` and turn them into hash-chained rows, before touching the DB."""
    if isinstance(documents, Mapping) or not documents:
        raise ValueError("documents must be a non-empty sequence of documents")
    previous_hash = GENESIS_HASH if after is None else after.hash
    seq = 1 if after is None else after.seq + 1
    rows: list[dict[str, Any]] = []
    for document in documents:
        if not isinstance(document, Mapping):
            raise ValueError(f"document for seq {seq} is a {type(document).__name__}, not a dict")
        if document.get("talk") != talk:
            raise ValueError(
                f"document for seq {seq} has talk {document.get('talk')!r}, expected {talk!r}"
            )
        doc_seq = document.get("seq")
        if type(doc_seq) is not int or doc_seq != seq:
            raise ValueError(
                f"document has seq {doc_seq!r}, expected {seq} (seqs run on from the head)"
            )
        kind = document.get("kind")
        if not isinstance(kind, str):
            raise ValueError(f"document for seq {seq} needs a string 'kind', got {kind!r}")
        _check_name("kind", kind)
        body = canonical_bytes(document)
        salt = new_salt() if salted else None
        digest = event_link(previous_hash, body, salt)
        rows.append(
            {"talk": talk, "seq": seq, "kind": kind, "body": body, "hash": digest, "salt": salt}
        )
        previous_hash = digest
        seq += 1
    return rows


def _check_name(what: str, value: object) -> None:
    # NUL is refused because PostgreSQL text cannot hold it; SQLite would, and the two
    # backends must accept the same names.
    if not isinstance(value, str) or not 1 <= len(value) <= _NAME_LIMIT or "\x00" in value:
        raise ValueError(
            f"{what} must be a string of 1 to {_NAME_LIMIT} characters without NUL, got {value!r}"
        )


def _stored_event(talk: str, seq: int, body: bytes, hash_: str, salt: bytes | None) -> StoredEvent:
    # bytes(): drivers may hand BLOB/bytea back as memoryview.
    return StoredEvent(
        talk=talk,
        seq=seq,
        body=bytes(body),
        hash=hash_,
        salt=None if salt is None else bytes(salt),
    )
