"""The application: load a talk, decide, append, and read views -- only through `view_of`.

The service is the one place that joins the pure talk domain to the record. It stamps events
with the time (the domain never reads a clock), assigns sequence numbers, and on a concurrent
append re-decides on the new state, so a command is judged against the record as it really is.
A command sent with an idempotency key is carried out once: sent again, it gets its first answer.
"""

from __future__ import annotations

import threading
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from shuttle.engine.advice import Advice, advise
from shuttle.store import ConcurrentAppend, EventStore, StoredEvent, VerifyReport
from shuttle.store.bell import Bell
from shuttle.store.chain import Head as Head
from shuttle.store.idempotency import IdempotencyClaim as IdempotencyClaim
from shuttle.store.proof import ProofError as ProofError
from shuttle.store.proof import ProofReport as ProofReport
from shuttle.store.proof import build_proof
from shuttle.store.proof import check_proof as check_proof
from shuttle.store.proof import parse_proof as parse_proof
from shuttle.talks import (
    Command,
    Hint,
    Invalid,
    NotFound,
    OpenTalk,
    Participant,
    Recorded,
    Refused,
    Role,
    Seen,
    Sign,
    TalkState,
    TalkView,
    decide,
    event_from_data,
    evolve,
    initial_state,
    reveals_all,
    to_data,
    view_of,
    visible_record,
)
from shuttle.talks.common import participant_named
from shuttle.talks.conversation.events import Joined
from shuttle.talks.conversation.events import TalkOpened as OpenTalkEvent
from shuttle.talks.profiles.preferences import engine_profile
from shuttle.talks.talk_view import Status

LOAD_LOCKS = 64
"""Talks are spread over this many locks for reading their new events (`_load`)."""

CACHE_EVENTS = 200_000
"""How many events' folds the service keeps in memory by default: about 200 MiB, the talks of a
busy instance (a thousand talks of two hundred events each)."""

MAX_ATTEMPTS = 100
"""How often a command is re-decided after losing a race before the service gives up."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Appended:
    """What one command added, as its actor may see it: the new events through `view_of`
    (never the raw events or state), from seq `first_seq`, and the record's head after them."""

    talk: str
    actor: str
    events: list[Seen]
    first_seq: int
    head: Head
    # True when nothing was added: the command's key was claimed, and this is its first answer.
    replayed: bool = False


class KeyReused(Exception):
    """An idempotency key came back with another request (another route or body) than the one
    it was first used for. Nothing was done: a new request needs a new key."""


@dataclass(frozen=True)
class Update:
    """What one participant may see of a talk after some seq, and the whole record's head."""

    talk: str
    participant: Participant
    head: Head
    events: list[Seen]


@dataclass(frozen=True)
class TalkSummary:
    """A talk in a listing, as the one looking may see it. `role` and `status` are None in the
    operator's listing, which tells only each talk's public opening facts."""

    talk: str
    title: str
    parties: list[str]
    opened_at: str
    head: Head
    role: Role | None = None
    status: Status | None = None
    last_activity: str | None = None


class TalkService:
    def __init__(
        self,
        store: EventStore,
        clock: Callable[[], str] = utc_now,
        cache_events: int = CACHE_EVENTS,
        bell: Bell | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        # Rung after every append with the talk and its new head seq, never with content:
        # live readers wake and read their own views again.
        self.bell = bell
        # The record is append-only, so a folded state stays true: keep the latest fold of
        # recently used talks and read only the events appended since, instead of re-reading
        # and re-folding the whole talk on every command.
        # Bounded by the events held (about a kibibyte each, folded), not by talks: a few long
        # talks and many short ones cost what their records cost.
        self._cache: OrderedDict[str, tuple[TalkState, Head]] = OrderedDict()
        self._cache_events = cache_events
        self._cached_events = 0
        self._lock = threading.Lock()
        # Readers of one talk woken together (every stream of it, after another instance's
        # append) read its new events once: the first reads and folds, the rest find the fold.
        self._load_locks = [threading.Lock() for _ in range(LOAD_LOCKS)]
        # The highest seq another instance announced for a cached talk the cache has not read
        # yet (`heard`): a command then reads the new events first, rather than trying an
        # append that the record would refuse.
        self._heard: dict[str, int] = {}

    def open_talk(self, command: OpenTalk) -> Appended:
        """Open a new talk under a fresh identifier."""
        for _ in range(MAX_ATTEMPTS):
            talk = uuid.uuid4().hex
            try:
                return self._append(talk, initial_state(), None, command)
            except ConcurrentAppend:  # an identifier collision: draw another
                continue
        raise RuntimeError("could not allocate a talk identifier")

    def execute(
        self, talk: str, command: Command, *, claim: IdempotencyClaim | None = None
    ) -> Appended:
        """Decide `command` on the talk's current state and append the result atomically.

        With `claim` (the acting participant's idempotency key and the request's fingerprint),
        a command already carried out under that key is not decided again: its first answer is
        rebuilt from the record (`replayed`), or KeyReused if the key came with another
        request. The key is stored in the append's own transaction; a refusal stores none."""
        # First on the cached fold, without reading the record: the append itself proves it
        # current (it refuses a head that is no longer the last). Only if the append loses
        # that race, or the command is refused on the cached fold -- which another server
        # instance's appends may have left behind -- is the record read and the command
        # judged again on the state as it really is.
        with self._lock:
            cached = self._cache.get(talk)
            if cached is not None and self._heard.get(talk, 0) > cached[1].seq:
                cached = None  # another instance has appended since: read that first
        # The key is looked up before anything is decided: done once, a command may well be
        # refused the second time (a party consents only once).
        if (replayed := self._replay(talk, claim)) is not None:
            return replayed
        if cached is not None:
            try:
                return self._append(talk, *cached, command, claim)
            except (ConcurrentAppend, Refused, Invalid, NotFound):
                pass
        looked_up = cached is None  # and nothing was tried since
        for _ in range(MAX_ATTEMPTS):
            # A rival request with the same key may have won the race: its answer is ours.
            if not looked_up and (replayed := self._replay(talk, claim)) is not None:
                return replayed
            looked_up = False
            state, head = self._load(talk)
            try:
                return self._append(talk, state, head, command, claim)
            except ConcurrentAppend:  # another writer went first: judge again on the new state
                continue
            except (Refused, Invalid, NotFound):
                # Perhaps refused because a rival with the same key committed between the
                # lookup and the load: then the rival's answer is this request's answer too.
                if (replayed := self._replay(talk, claim)) is not None:
                    return replayed
                raise
        raise RuntimeError(f"talk {talk} is too busy: gave up after {MAX_ATTEMPTS} attempts")

    def _replay(self, talk: str, claim: IdempotencyClaim | None) -> Appended | None:
        """The first answer to the request that `claim`'s key was claimed for, rebuilt from the
        record; None (without a query when there is no claim) if the key is not claimed yet."""
        if claim is None:
            return None
        claimed = self.store.claimed(talk, claim.participant, claim.key)
        if claimed is None:
            return None
        if claimed.fingerprint != claim.fingerprint:
            raise KeyReused(
                "this idempotency key was used for another request in this talk; "
                "send a new key with a new request"
            )
        state, _ = self._load(talk, at_least=claimed.head.seq)
        events = list(state.record[claimed.first_seq - 1 : claimed.head.seq])
        return _appended(talk, claim.participant, state, events, claimed.head, replayed=True)

    def _load(self, talk: str, at_least: int | None = None) -> tuple[TalkState, Head]:
        """The talk's current state and head; NotFound if there is no such talk. Private: a
        surface reads a talk only through a participant's view.

        With `at_least`, a cached fold that already reaches that seq is returned without
        reading the record: a reader woken by the bell for seq N needs the record up to N,
        and anything appended later rings again."""
        if (cached := self._cached(talk, at_least)) is not None:
            return cached
        with self._load_locks[hash(talk) % LOAD_LOCKS]:
            # Another reader may have read what this one needs while it waited.
            if (cached := self._cached(talk, at_least)) is not None:
                return cached
            with self._lock:
                known = self._cache.get(talk)
            state, head = known if known is not None else (initial_state(), None)
            newer = self.store.load(talk, after_seq=0 if head is None else head.seq)
            if newer:
                for stored in newer:
                    state = evolve(state, _recorded(stored))
                head = newer[-1].head
            if head is None:
                raise NotFound(f"talk {talk!r} not found")
            self._remember(talk, state, head)
            return state, head

    def _cached(self, talk: str, at_least: int | None) -> tuple[TalkState, Head] | None:
        """The cached fold of the talk if it reaches seq `at_least`; None without `at_least`
        (the caller needs the record as it is now) or when the record must be read."""
        with self._lock:
            cached = self._cache.get(talk)
        if cached is not None and at_least is not None and cached[1].seq >= at_least:
            return cached
        return None

    def _remember(self, talk: str, state: TalkState, head: Head) -> None:
        with self._lock:
            known = self._cache.get(talk)
            if known is None or known[1].seq < head.seq:
                self._cache[talk] = (state, head)
                self._cached_events += head.seq - (0 if known is None else known[1].seq)
            if self._heard.get(talk, 0) <= head.seq:
                self._heard.pop(talk, None)
            self._cache.move_to_end(talk)
            # The talk just used stays, however long: it is the one being worked on.
            while self._cached_events > self._cache_events and len(self._cache) > 1:
                dropped, (_, dropped_head) = self._cache.popitem(last=False)
                self._cached_events -= dropped_head.seq
                self._heard.pop(dropped, None)

    def check(self, talk: str, command: Command) -> None:
        """Decide `command` on the talk as it stands without recording anything: a refusal
        is raised exactly as `execute` would raise it (for a command that spans two talks,
        to refuse before anything is written to either)."""
        state, _ = self._load(talk)
        decide(state, command)

    def heard(self, talk: str, seq: int) -> None:
        """The record of `talk` reaches `seq`, as the bell says (perhaps from another server
        instance): a cached fold short of it is not tried for a command (see `execute`)."""
        with self._lock:
            cached = self._cache.get(talk)
            behind = cached is not None and cached[1].seq < seq
            if behind and seq > self._heard.get(talk, 0):
                self._heard[talk] = seq

    def view(self, talk: str, as_name: str) -> TalkView:
        """What participant `as_name` sees of the talk, through `view_of`, as one read model."""
        update = self.seen_since(talk, as_name)
        head = update.head
        return TalkView.of(talk, update.participant, str(head), head.seq, update.events)

    def seen_since(
        self, talk: str, as_name: str, after: int = 0, at_least: int | None = None
    ) -> Update:
        """The events participant `as_name` may see after seq `after` (a reader catching
        up), through `view_of`; with `at_least`, of the record up to at least that seq (see
        `_load`)."""
        state, head = self._load(talk, at_least)
        participant = _participant(state, as_name)
        return Update(talk, participant, head, list(visible_record(participant, state, after)))

    def read_up_to(self, talk: str, seq: int) -> None:
        """Bring the talk's fold kept in memory up to at least `seq`, reading the record if it
        falls short; for live streams, which then make their views with `seen_in_memory`."""
        self._load(talk, at_least=seq)

    def seen_in_memory(self, talk: str, as_name: str, after: int, at_least: int) -> Update | None:
        """`seen_since` when the talk's fold kept in memory reaches seq `at_least`, without
        touching the record: a live stream woken by a ring answers on its own event loop. None
        when the record must be read (then call `seen_since`, off the loop)."""
        cached = self._cached(talk, at_least)
        if cached is None:
            return None
        state, head = cached
        participant = _participant(state, as_name)
        return Update(talk, participant, head, list(visible_record(participant, state, after)))

    def proof(self, talk: str, as_name: str) -> dict[str, Any]:
        """Participant `as_name`'s proof of the talk up to its head (``store.proof``): the salt
        and bytes of every event its view shows whole, only the commitment of every other.

        Whole means `view_of` shows every value the stored bytes hold; an event it shows
        redacted, or not at all, is given by commitment only."""
        return self._proven(talk, as_name)[3]

    def proven_view(self, talk: str, as_name: str) -> tuple[TalkView, dict[str, Any]]:
        """Participant `as_name`'s view of the talk and its proof, both read at one head: what
        an export holds (the views, and what makes those it shows whole checkable)."""
        participant, head, seen, proof = self._proven(talk, as_name)
        return TalkView.of(talk, participant, str(head), head.seq, seen), proof

    def _proven(
        self, talk: str, as_name: str
    ) -> tuple[Participant, Head, list[Seen], dict[str, Any]]:
        """The participant, the head, what it sees up to it, and its proof."""
        state, head = self._load(talk)
        participant = _participant(state, as_name)
        stored = [s for s in self.store.load(talk) if s.seq <= head.seq]
        seen = list(visible_record(participant, state, 0))
        by_seq = {one.seq: one for one in seen}
        readable = {
            event.seq
            for event in stored
            if event.seq in by_seq and reveals_all(by_seq[event.seq], event.document)
        }
        return participant, head, seen, build_proof(talk, participant.name, stored, readable)

    def view_as_of(self, head: Head, talk: str, as_name: str) -> tuple[TalkView, Head] | None:
        """Participant `as_name`'s view of the talk as it stood at `head`, and the record's
        current head; None unless the talk, the participant (then) and that head all exist.

        For the check page, which compares a document with the record: it answers whether a
        view held at `head` is the record's, never with anything of the record itself."""
        stored = self.store.load(talk)
        if not 1 <= head.seq <= len(stored) or stored[head.seq - 1].head != head:
            return None
        state = initial_state()
        for event in stored[: head.seq]:
            state = evolve(state, _recorded(event))
        participant = state.participant(as_name)
        if participant is None:
            return None
        seen = visible_record(participant, state, 0)
        view = TalkView.of(talk, participant, str(head), head.seq, seen)
        return view, stored[-1].head

    def participant(self, talk: str, name: str) -> Participant:
        """Participant `name` of the talk; NotFound if the talk or the participant is not there.

        Nobody ever leaves a talk's record, so a participant found in the cached fold is
        there still; only a name the cache does not know makes the record be read. Whether it
        has left since may be newer than the cache (another server's append): every view and
        command reads the record again, and shows or allows nothing past the leaving."""
        with self._lock:
            cached = self._cache.get(talk)
        if cached is not None:
            known = cached[0].participant(name)
            if known is not None:
                return known
        return _participant(self._load(talk)[0], name)

    def advice(self, talk: str, as_name: str) -> Advice:
        """The engine's advice for mediator `as_name`, numbers withheld for unshared profiles."""
        state, _ = self._load(talk)
        participant = _participant(state, as_name)
        if not participant.is_mediator:
            raise Refused(
                "advice is for mediators: it is computed from every party's profile",
                "your own profile and the text are in your view",
            )
        negotiation = state.negotiation
        agenda = negotiation.agenda
        if agenda is None:
            raise Refused("this talk has no agenda yet", "set one first", Hint(action="set-agenda"))
        missing = [p for p in state.parties if p not in negotiation.profiles]
        if missing:
            raise Refused(
                "advice needs a profile from every party",
                "waiting for " + ", ".join(repr(p) for p in missing),
            )
        profiles = [negotiation.profiles[p] for p in state.parties]
        current = negotiation.current
        return advise(
            agenda.space(),
            state.parties,
            [engine_profile(agenda, p, negotiation.escalation) for p in profiles],
            [p.shared for p in profiles],
            None if current is None else agenda.package(current.terms),
        )

    def talks(self, as_name: str | None) -> list[TalkSummary]:
        """The talks `as_name` takes part in (and has not left), each as its view tells (its
        role, the talk's status, its last activity), found through the index of who takes
        part where; with None, the server's operator's listing of every talk by its public
        opening facts alone."""
        if as_name is None:
            return [self._summary(first) for first in self.store.talks()]
        return [_case_summary(view) for view in self.cases(as_name)]

    def cases(self, as_name: str) -> list[TalkView]:
        """The view of every talk `as_name` takes part in and has not left, oldest first: read
        from the index of who takes part where, never by scanning other talks."""
        name = unicodedata.normalize("NFC", as_name.strip())
        views = []
        for talk in self.store.talks_of(name):
            view = self.view(talk, name)
            if view.participant.present:
                views.append(view)
        return views

    def _summary(self, first: StoredEvent) -> TalkSummary:
        opened = _recorded(first).event
        assert isinstance(opened, OpenTalkEvent)
        head = self.store.head(first.talk)
        assert head is not None
        return TalkSummary(
            first.talk, opened.title, list(opened.parties), first.document["at"], head
        )

    def verify(self, expect: Mapping[str, Head] | None = None) -> VerifyReport:
        return self.store.verify(expect)

    def _append(
        self,
        talk: str,
        state: TalkState,
        head: Head | None,
        command: Command,
        claim: IdempotencyClaim | None = None,
    ) -> Appended:
        if isinstance(command, Sign) and head is not None:
            command = _stamped(command, head)
        events = decide(state, command)
        at = self.clock()
        recorded = [Recorded(state.last_seq + i, at, e) for i, e in enumerate(events, start=1)]
        documents = [
            {
                "talk": talk,
                "seq": r.seq,
                "kind": r.event.kind,
                "at": r.at,
                "data": to_data(r.event),
            }
            for r in recorded
        ]
        members = [(name, r.seq) for r in recorded for name in _brought_in(r.event)]
        track_of = command.process if isinstance(command, OpenTalk) else None
        stored = self.store.append(
            talk, head, documents, claim=claim, members=members, track_of=track_of
        )
        for r in recorded:
            state = evolve(state, r)
        self._remember(talk, state, stored[-1].head)
        if self.bell is not None:
            self.bell.ring(talk, stored[-1].head.seq)
        actor = command.mediators[0] if isinstance(command, OpenTalk) else command.actor
        return _appended(talk, actor, state, recorded, stored[-1].head)


def _appended(
    talk: str,
    actor: str,
    state: TalkState,
    events: list[Recorded],
    head: Head,
    replayed: bool = False,
) -> Appended:
    """A command's answer: its events as its actor may see them, like any view, so that a
    command's own output never shows what the actor's view would hide."""
    participant = _participant(state, actor)
    seen = (view_of(participant, recorded, state) for recorded in events)
    return Appended(
        talk,
        participant.name,
        [s for s in seen if s is not None],
        events[0].seq,
        head,
        replayed,
    )


def _case_summary(view: TalkView) -> TalkSummary:
    return TalkSummary(
        view.talk,
        view.title,
        list(view.parties),
        view.opened_at,
        Head.parse(view.head),
        view.participant.role,
        view.status,
        view.last_activity,
    )


def _brought_in(event: object) -> list[str]:
    """The names an event brings into its talk: for the index of who takes part where."""
    if isinstance(event, OpenTalkEvent):
        return [*event.mediators, *(d.name for d in event.delegates)]
    if isinstance(event, Joined):
        return [event.name]
    return []


def _participant(state: TalkState, name: str) -> Participant:
    return participant_named(state, name)


def _stamped(command: Sign, head: Head) -> Sign:
    """A signature vouches for the record's head as the service reads it, not as claimed: a
    head the signer gives must be that one (it saw the record as it is), else it is refused."""
    if command.head is not None:
        try:
            given = Head.parse(command.head)
        except ValueError as error:
            raise Invalid(str(error)) from None
        if given != head:
            raise Refused(
                f"the record's head is {head}, not {given}: it has moved on or differs",
                "view the talk again and sign at its current head",
            )
    return replace(command, head=str(head))


def _recorded(stored: StoredEvent) -> Recorded:
    document = stored.document
    return Recorded(
        seq=document["seq"],
        at=document["at"],
        event=event_from_data(document["kind"], document["data"]),
    )
