"""What a page reads of a talk beyond the read model (`shuttle.talks.TalkView`): which region
of the page an event concerns, and which agenda a form is drawn for. Both by the views' types."""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from shuttle.talks import (
    ConversationSeen,
    JoinView,
    NegotiationSeen,
    NoteView,
    OpeningView,
    Seen,
    TalkView,
)


class Region(StrEnum):
    """The part of a page an event concerns: the live stream names each event so, and the
    page's regions that must read themselves again listen for their name."""

    CONVERSATION = "conversation"
    NEGOTIATION = "negotiation"
    NOTES = "notes"
    OTHER = "other"


def region_of(seen: Seen) -> Region:
    if isinstance(seen, ConversationSeen):
        return Region.CONVERSATION
    if isinstance(seen, NegotiationSeen):
        return Region.NEGOTIATION
    match seen:
        case NoteView():
            return Region.NOTES
        case OpeningView() | JoinView():
            return Region.OTHER
        case _:
            assert_never(seen)


def agenda_basis(view: TalkView) -> str:
    """Which agenda the forms built on it were drawn for (a form drawn for another agenda
    must be reviewed before it is sent): the event that set it."""
    return f"agenda #{view.agenda_seq}" if view.agenda_seq else "no agenda"
