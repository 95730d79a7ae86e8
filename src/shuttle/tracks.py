"""Processes and their tracks: several talks that belong together (the Muscat round, and the
consultation run beside it), and words carried from one track into another.

Nothing crosses between tracks by itself. A participant who sees a statement in one track may
carry it into another track of the same process where it may speak, only as the statement's
handling allows. The carry is an event in both records, each naming the other's head: first
the words come in to the target track (naming the source's head, which holds the statement),
then the source records where they went (naming the target's head, which holds their coming
in). Each append is one talk's own transaction: no transaction ever spans two talks.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from shuttle.service import Appended, Head, IdempotencyClaim, TalkService
from shuttle.store import ConcurrentAppend
from shuttle.talks import (
    Invalid,
    Mode,
    NotFound,
    OpenTalk,
    ReceivedFromTrackView,
    ReceiveFromTrack,
    Refused,
    SendToTrack,
    TalkView,
)
from shuttle.talks.text import MAX_TITLE, clean_name


@dataclass(frozen=True)
class Process:
    process: str
    title: str
    tracks: list[str]


@dataclass(frozen=True)
class CarriedAcross:
    """What one carry added: the words' coming in (`received`, in the target track) and
    their leaving (`sent`, in the source track), each as its actor sees it."""

    received: Appended
    sent: Appended


def open_process(service: TalkService, title: str, opened_by: str | None = None) -> Process:
    """Register a new process under a fresh identifier; `opened_by`, a mediator's account
    name, may then open its tracks (None: the operator, at the command line)."""
    clean = clean_name(title, "title", limit=MAX_TITLE)
    while True:
        process = uuid.uuid4().hex
        try:
            service.store.open_process(process, clean, opened_by)
        except ConcurrentAppend:  # an identifier collision: draw another
            continue
        return Process(process, clean, [])


def process_of(service: TalkService, process: str) -> Process:
    """Process `process`, its title and tracks; NotFound if there is none."""
    title = service.store.process_title(process.strip())
    if title is None:
        raise NotFound(f"process {process.strip()!r} not found")
    return Process(process.strip(), title, service.store.tracks_of(process.strip()))


def may_open_track(
    service: TalkService,
    process: str,
    account: str,
    within: Collection[str] | None = None,
    *,
    opened: bool = True,
) -> bool:
    """Whether a mediator's account may open a track of `process`: it opened the process, or
    mediates one of its tracks. (Else anyone who learnt a process's id could add a track to
    it and appear in its listings.) `within`, for a credential that acts through seats or in
    one talk: the talks it mediates, where its name alone proves nothing. `opened` False, for
    a name that is no account's (a talk-bound credential): having opened the process counts
    for nothing, since an account of that name may be someone else."""
    reached = _mediated_if_reached(service, process, account, within)
    if reached is None:
        return False
    return opened or bool(reached[1])


def processes_for(
    service: TalkService, account: str, within: Collection[str] | None = None
) -> list[Process]:
    """The processes a mediator's account may open tracks in: those it opened, and those of
    the tracks it mediates (`within` them alone, if given); each with the tracks it
    mediates."""
    found = list(service.store.processes(opened_by=account))
    for view in service.cases(account):
        if within is not None and view.talk not in within:
            continue
        if view.is_mediator and view.process is not None and view.process not in found:
            found.append(view.process)
    return [reached_by(service, process, account, within) for process in found]


def reached_by(
    service: TalkService, process: str, account: str, within: Collection[str] | None = None
) -> Process:
    """Process `process` as a mediator's account may know it: its title and the tracks the
    account mediates (`within` them alone, if given); NotFound, exactly as for a process that
    does not exist, unless the account opened it or mediates one of its tracks."""
    reached = _mediated_if_reached(service, process, account, within)
    if reached is None:
        raise NotFound(f"process {process.strip()!r} not found")
    title, mediated = reached
    return Process(process.strip(), title, mediated)


def _mediated_if_reached(
    service: TalkService, process: str, account: str, within: Collection[str] | None = None
) -> tuple[str, list[str]] | None:
    """The process's title and the tracks `account` mediates (`within` them alone, if
    given), if the account opened the process or mediates one of them; else None. Each
    track's view is read once."""
    row = service.store.process_row(process.strip())
    if row is None:
        return None
    title, opened_by = row
    mediated = [
        v.talk
        for v in tracks_for(service, process, account)
        if v.is_mediator and (within is None or v.talk in within)
    ]
    return (title, mediated) if opened_by == account or mediated else None


def title_of(service: TalkService, process: str) -> str:
    """Process `process`'s title (NotFound if there is none), without listing its tracks."""
    title = service.store.process_title(process.strip())
    if title is None:
        raise NotFound(f"process {process.strip()!r} not found")
    return title


def open_track(service: TalkService, command: OpenTalk) -> Appended:
    """Open a talk as a track of `command.process`, which must exist."""
    if command.process is None:
        raise Invalid("a track needs its process")
    title_of(service, command.process)
    return service.open_talk(command)


def tracks_for(service: TalkService, process: str, as_name: str) -> list[TalkView]:
    """The tracks of `process` that `as_name` takes part in, as it sees each."""
    found = process_of(service, process)
    mine = set(service.store.talks_of(as_name.strip()))
    return [service.view(talk, as_name) for talk in found.tracks if talk in mine]


def carry_across(
    service: TalkService,
    source: str,
    actor: str,
    statement: int,
    target: str,
    target_actor: str,
    room: str | None,
    mode: Mode,
    text: str | None = None,
    key: tuple[str, str] | None = None,
) -> CarriedAcross:
    """Carry statement `statement` of track `source`, as `actor` there, into room `room` of
    track `target`, as `target_actor` there (the same person, under its name in that
    track). Refused, with nothing recorded in either track, unless both are tracks of one
    process, the statement's handling lets it travel so, and the carrier may speak there.

    With `key` (an idempotency key and its request's fingerprint), the carry is claimed in
    both tracks, each in its own append: sent again, it answers as the first time; and one
    that stopped between its two appends is completed, not repeated."""
    claims = (
        (None, None)
        if key is None
        else (
            IdempotencyClaim(target_actor.strip(), *key),
            IdempotencyClaim(actor.strip(), *key),
        )
    )
    source_view = service.view(source, actor)
    try:
        target_view = service.view(target, target_actor)
    except NotFound:
        # No such talk, or one the carrier takes no part in: answered alike.
        raise NotFound(f"track {target.strip()!r} not found among yours") from None
    if source_view.process is None or source_view.process != target_view.process:
        raise Refused(
            "words travel only between tracks of one process",
            "open the other talk as a track of this one's process",
        )
    if source == target:
        raise Refused("the two tracks are one talk", "carry within a talk with convey")
    said = source_view.statement(statement)
    if said is None:
        raise NotFound(f"event {statement} not found")
    # Decide the source's side first, on the record as it is, so that a refusal there (a
    # mediator-only statement, a paraphrase of a verbatim-only one) records nothing anywhere.
    probe = SendToTrack(
        actor, statement, target, target_view.title, room or "", mode, text, _PLACEHOLDER
    )
    service.check(source, probe)
    party = said.room if said.room in source_view.parties else _party_of(source_view, said.by)
    words = said.text if mode is Mode.VERBATIM else (text or "")
    received = service.execute(
        target,
        ReceiveFromTrack(
            target_actor, room, source, source_view.title, party, mode, words, source_view.head
        ),
        claim=claims[0],
    )
    landed = received.events[0]
    assert isinstance(landed, ReceivedFromTrackView)  # what a receive adds, as its actor sees it
    sent = service.execute(
        source,
        SendToTrack(
            actor,
            statement,
            target,
            target_view.title,
            landed.room,
            mode,
            text,
            str(received.head),
        ),
        claim=claims[1],
    )
    return CarriedAcross(received, sent)


def link_problems(service: TalkService) -> list[str]:
    """What does not hold between the records of each process's tracks: every carry across
    must be in both records, each naming a head the other record holds -- the words' coming in
    names the source's head, and their leaving names the event of their coming in. (Each
    record's own chain is `verify`'s; this checks the links between records.)"""
    problems: list[str] = []
    for process in service.store.processes():
        records = {t: service.store.load(t) for t in service.store.tracks_of(process)}
        hashes = {t: {e.seq: e.hash for e in stored} for t, stored in records.items()}
        came: dict[tuple[str, str], tuple[str, int]] = {}  # (target, its head) -> source, seq
        went: set[tuple[str, str]] = set()
        for talk, record in records.items():
            for stored in record:
                kind, data = stored.document["kind"], stored.document["data"]
                if kind == "received-from-track":
                    source, there = data["from_track"], data["there"]
                    if not _holds(hashes.get(source), there):
                        problems.append(
                            f"talk {talk} event {stored.seq}: names head {there} of track "
                            f"{source}, which that record does not hold"
                        )
                    came[(talk, f"{stored.seq}:{stored.hash}")] = (source, stored.seq)
                elif kind == "sent-to-track":
                    target, there = data["to_track"], data["there"]
                    went.add((target, there))
                    if not _holds(hashes.get(target), there):
                        problems.append(
                            f"talk {talk} event {stored.seq}: names head {there} of track "
                            f"{target}, which that record does not hold"
                        )
        for (target, head), (source, seq) in came.items():
            if (target, head) not in went:
                problems.append(
                    f"talk {target} event {seq}: words carried in from track {source}, whose "
                    "record does not say they were sent"
                )
    return problems


def _holds(hashes: dict[int, str] | None, head: str) -> bool:
    seq, _, digest = head.partition(":")
    return hashes is not None and seq.isdigit() and hashes.get(int(seq)) == digest


def _party_of(view: TalkView, name: str) -> str:
    """The party of the delegate `name` (a statement in the joint room names its speaker)."""
    party = next((m.party for m in view.roster if m.name == name), None)
    if party is None:
        raise Refused("a mediator's own words are not a party's statement", "say them yourself")
    return party


_PLACEHOLDER = str(Head(1, "0" * 64))
"""A well-formed head for deciding the source's side before the target's head is known."""
