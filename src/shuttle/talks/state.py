"""A talk's state: the fold of its record (`evolve`), and nothing the record does not say."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import assert_never

from pyrsistent import pmap, pvector
from pyrsistent.typing import PMap, PVector

from shuttle.talks.conversation.events import ConversationFact
from shuttle.talks.conversation.fold import evolve_conversation
from shuttle.talks.conversation.statement import Statement
from shuttle.talks.events import NegotiationFact, Recorded
from shuttle.talks.negotiation import Negotiation, evolve_negotiation
from shuttle.talks.offers.events import OfferFact
from shuttle.talks.offers.fold import evolve_offers
from shuttle.talks.participant import Participant
from shuttle.talks.tracks.events import TrackFact
from shuttle.talks.tracks.fold import evolve_tracks
from shuttle.talks.vocabulary import BidRule, Handling


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
        """The mediators taking part now."""
        return [p for p in self.members() if p.is_mediator and p.present]

    def delegates_of(self, party: str) -> list[Participant]:
        """The delegates of `party` taking part now."""
        return [p for p in self.members() if p.party == party and p.present]

    def with_statement(self, statement: Statement) -> TalkState:
        """This state with `statement` (new, or as it is now) in its room."""
        return replace(self, statements=self.statements.set(statement.seq, statement))


def initial_state() -> TalkState:
    """The state of a talk that has not been opened yet."""
    return TalkState()


def evolve(state: TalkState, recorded: Recorded) -> TalkState:
    """Fold one recorded event into the state, by its seam's own fold. Events are facts:
    nothing here refuses. Each seam's fold names its every kind and ends in assert_never, so a
    kind added to `Event` and handled nowhere is a type error, and an unknown one at run time
    raises instead of being skipped."""
    if recorded.seq != state.last_seq + 1:
        raise ValueError(f"event {recorded.seq} cannot follow event {state.last_seq}")
    state = replace(state, record=state.record.append(recorded))
    event, seq = recorded.event, recorded.seq
    if isinstance(event, ConversationFact):
        return evolve_conversation(state, seq, event)
    if isinstance(event, OfferFact):
        return evolve_offers(state, seq, event)
    if isinstance(event, TrackFact):
        return evolve_tracks(state, seq, event)
    if isinstance(event, NegotiationFact):
        return replace(state, negotiation=evolve_negotiation(state.negotiation, seq, event))
    assert_never(event)


def fold(records: Iterable[Recorded]) -> TalkState:
    """The state after all `records`, in order."""
    state = initial_state()
    for recorded in records:
        state = evolve(state, recorded)
    return state
