"""What a page reads of a talk beyond the read model (`shuttle.talks.TalkView`): which region
of the page an event concerns, which agenda a form is drawn for, and which forms the talk's
rules still allow now that it may be agreed, signed or closed."""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from shuttle.talks import (
    ConversationSeen,
    JoinView,
    LeaveView,
    NegotiationSeen,
    NoteView,
    OpeningView,
    Seen,
    Status,
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
        case OpeningView() | JoinView() | LeaveView():
            return Region.OTHER
        case _:
            assert_never(seen)


def agenda_basis(view: TalkView) -> str:
    """Which agenda the forms built on it were drawn for (a form drawn for another agenda
    must be reviewed before it is sent): the event that set it."""
    return f"agenda #{view.agenda_seq}" if view.agenda_seq else "no agenda"


def still_negotiating(view: TalkView) -> bool:
    """Whether what is on the table may still change: the agenda, drafts and their answers,
    proposals, blind bids, offers, profiles, incidents -- and closing the talk. The rules
    refuse all of these once an agreement is reached or the talk is closed
    (`require_negotiating`), so a page shows none of their forms then."""
    return view.status is Status.OPEN


def still_open(view: TalkView) -> bool:
    """Whether anything may still be added. Closing ends everything (`require_open`, asked of
    every command); an agreement does not end the conversation: the rooms may still speak,
    carry, release, keep notes and consent to the joint room, and the parties sign."""
    return view.status is not Status.CLOSED


def may_sign(view: TalkView) -> bool:
    """Whether the reader's party may sign now: an agreement awaits its signature."""
    party = view.party
    return (
        still_open(view)
        and view.agreed is not None
        and party is not None
        and view.signed_by(party) is None
    )


def mediators_ever(view: TalkView) -> set[str]:
    """Every mediator the talk has had, those who left included: their words stay a
    mediator's own, which no party releases and no mediator carries."""
    return {member.name for member in view.roster if member.is_mediator}


def unsigned(view: TalkView) -> list[str]:
    """The parties whose signature the agreement still awaits."""
    return [party for party in view.parties if view.signed_by(party) is None]
