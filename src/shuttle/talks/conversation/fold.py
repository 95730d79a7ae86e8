"""How the conversation's events fold into a talk's state: who takes part, the statements and
their handling, how often each was carried, the consents and the joint room."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, assert_never

from pyrsistent import pmap, pvector

from shuttle.talks.conversation.events import (
    Consented,
    ConversationFact,
    Conveyed,
    Joined,
    JointRoomOpened,
    Left,
    Noted,
    Released,
    Said,
    TalkOpened,
)
from shuttle.talks.conversation.statement import Statement
from shuttle.talks.participant import Participant
from shuttle.talks.vocabulary import Role

if TYPE_CHECKING:  # the talk's state holds the conversation: imported for types only
    from shuttle.talks.state import TalkState


def evolve_conversation(state: TalkState, seq: int, event: ConversationFact) -> TalkState:
    """Fold one event of the conversation into the talk's state."""
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
        case Left():
            gone = replace(state.participants[event.name], left=seq)
            return replace(state, participants=state.participants.set(event.name, gone))
        case Said():
            speaker = state.participants[event.by]
            statement = Statement(
                seq=seq,
                room=event.room,
                by=event.by,
                party=speaker.party,
                text=event.text,
                handling=event.handling,
            )
            return state.with_statement(statement)
        case Released():
            released = replace(state.statements[event.statement], handling=event.handling)
            return state.with_statement(released)
        case Conveyed():
            source = state.statements[event.source]
            return state.with_statement(replace(source, carried=source.carried + 1))
        case Consented():
            return replace(state, consents=state.consents.set(event.party, seq))
        case JointRoomOpened():
            return replace(state, joint_open=True)
        case Noted():
            return state
        case _:
            assert_never(event)
