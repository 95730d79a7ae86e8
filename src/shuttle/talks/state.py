"""A talk's state: the fold of its record (`evolve`), and nothing the record does not say."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pyrsistent import pmap, pvector
from pyrsistent.typing import PMap, PVector

from shuttle.talks.events import (
    Consented,
    Conveyed,
    Joined,
    JointRoomOpened,
    Noted,
    Offered,
    Recorded,
    Released,
    Said,
    TalkOpened,
)
from shuttle.talks.negotiation_state import Negotiation, evolve_negotiation
from shuttle.talks.vocabulary import BidRule, Handling, Role


@dataclass(frozen=True)
class Participant:
    name: str
    role: Role
    party: str | None = None

    @property
    def is_mediator(self) -> bool:
        return self.role is Role.MEDIATOR


@dataclass(frozen=True)
class Statement:
    """What the rules need to know about a statement: where, whose, and how it may travel."""

    seq: int
    room: str
    by: str
    party: str | None  # the speaker's party; None when a mediator spoke
    text: str
    handling: Handling
    carried: int = 0  # how many times it has been conveyed; tightening needs 0
    terms: tuple[tuple[str, str], ...] = ()  # an offer's terms; empty for words alone

    @property
    def is_offer(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class TalkState:
    """Everything `decide` and `view_of` consult. Build it only by folding events."""

    opened: bool = False
    title: str = ""
    parties: tuple[str, ...] = ()
    default_handling: Handling = Handling.MEDIATOR_ONLY
    hide_carried_text: bool = False
    bid_rule: BidRule = BidRule.MIDPOINT
    # Persistent collections: evolving shares structure with the previous state instead of
    # copying it, so folding a long talk costs O(n log n), not O(n^2), and stays pure.
    participants: PMap[str, Participant] = field(default_factory=pmap)
    roster: PVector[str] = field(default_factory=pvector)  # names in the order they joined
    statements: PMap[int, Statement] = field(default_factory=pmap)
    consents: PMap[str, int] = field(default_factory=pmap)
    joint_open: bool = False
    record: PVector[Recorded] = field(default_factory=pvector)
    negotiation: Negotiation = field(default_factory=Negotiation)

    @property
    def last_seq(self) -> int:
        return len(self.record)

    def participant(self, name: str) -> Participant | None:
        """The participant called `name`, compared after NFC normalisation and trimming."""
        return self.participants.get(unicodedata.normalize("NFC", name.strip()))

    def party_named(self, name: str) -> str | None:
        wanted = unicodedata.normalize("NFC", name.strip())
        return wanted if wanted in self.parties else None

    def recorded(self, seq: int) -> Recorded | None:
        return self.record[seq - 1] if 1 <= seq <= len(self.record) else None

    def members(self) -> list[Participant]:
        """Every participant, in the order they joined the talk."""
        return [self.participants[name] for name in self.roster]

    def mediators(self) -> list[Participant]:
        return [p for p in self.members() if p.is_mediator]

    def delegates_of(self, party: str) -> list[Participant]:
        return [p for p in self.members() if p.party == party]


def initial_state() -> TalkState:
    """The state of a talk that has not been opened yet."""
    return TalkState()


def evolve(state: TalkState, recorded: Recorded) -> TalkState:
    """Fold one recorded event into the state. Events are facts: nothing here refuses."""
    if recorded.seq != state.last_seq + 1:
        raise ValueError(f"event {recorded.seq} cannot follow event {state.last_seq}")
    state = replace(state, record=state.record.append(recorded))
    event = recorded.event
    match event:
        case TalkOpened():
            people = {name: Participant(name, Role.MEDIATOR) for name in event.mediators}
            people |= {d.name: Participant(d.name, Role.DELEGATE, d.party) for d in event.delegates}
            return replace(
                state,
                opened=True,
                title=event.title,
                parties=event.parties,
                default_handling=event.default_handling,
                hide_carried_text=event.hide_carried_text,
                bid_rule=event.bid_rule,
                participants=pmap(people),
                roster=pvector(people),
            )
        case Joined():
            joined = Participant(event.name, event.role, event.party)
            return replace(
                state,
                participants=state.participants.set(event.name, joined),
                roster=state.roster.append(event.name),
            )
        case Said():
            speaker = state.participants[event.by]
            statement = Statement(
                seq=recorded.seq,
                room=event.room,
                by=event.by,
                party=speaker.party,
                text=event.text,
                handling=event.handling,
            )
            return _with_statement(state, statement)
        case Offered():
            speaker = state.participants[event.by]
            offer = Statement(
                seq=recorded.seq,
                room=event.room,
                by=event.by,
                party=speaker.party,
                text=event.text,
                handling=event.handling,
                terms=event.terms,
            )
            return _with_statement(state, offer)
        case Released():
            released = replace(state.statements[event.statement], handling=event.handling)
            return _with_statement(state, released)
        case Conveyed():
            source = state.statements[event.source]
            return _with_statement(state, replace(source, carried=source.carried + 1))
        case Consented():
            return replace(state, consents=state.consents.set(event.party, recorded.seq))
        case JointRoomOpened():
            return replace(state, joint_open=True)
        case Noted():
            return state
        case _:
            # What is left is the negotiation's: its fold names every kind and ends in
            # assert_never, so a kind added to `Event` and handled nowhere is a type error, and
            # an unknown one at run time raises instead of being skipped.
            negotiation = evolve_negotiation(state.negotiation, recorded.seq, event)
            return replace(state, negotiation=negotiation)


def _with_statement(state: TalkState, statement: Statement) -> TalkState:
    return replace(state, statements=state.statements.set(statement.seq, statement))


def fold(records: Iterable[Recorded]) -> TalkState:
    """The state after all `records`, in order."""
    state = initial_state()
    for recorded in records:
        state = evolve(state, recorded)
    return state
