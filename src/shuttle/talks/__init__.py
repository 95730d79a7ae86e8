"""The talk domain, pure: events, commands, state, the rules (`decide`) and who sees what."""

from shuttle.talks.commands import (
    Command,
    Consent,
    Convey,
    Join,
    Note,
    OpenTalk,
    Release,
    Say,
)
from shuttle.talks.decide import decide
from shuttle.talks.events import Delegate, Event, Recorded, event_from_data, to_data
from shuttle.talks.refusals import Invalid, NotFound, Refusal, Refused
from shuttle.talks.state import Participant, Statement, TalkState, evolve, fold, initial_state
from shuttle.talks.visibility import Seen, view_of, visible_record
from shuttle.talks.vocabulary import JOINT_ROOM, Handling, Mode, Role

__all__ = [
    "JOINT_ROOM",
    "Command",
    "Consent",
    "Convey",
    "Delegate",
    "Event",
    "Handling",
    "Invalid",
    "Join",
    "Mode",
    "NotFound",
    "Note",
    "OpenTalk",
    "Participant",
    "Recorded",
    "Refusal",
    "Refused",
    "Release",
    "Role",
    "Say",
    "Seen",
    "Statement",
    "TalkState",
    "decide",
    "event_from_data",
    "evolve",
    "fold",
    "initial_state",
    "to_data",
    "view_of",
    "visible_record",
]
