"""The conversation's events: a talk opened, people joining and leaving, words said in rooms, their
handling released, carried between rooms, the mediators' notes, consent to the joint room."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from shuttle.talks.vocabulary import BidRule, Handling, Mode, Role


@dataclass(frozen=True)
class Delegate:
    """A delegate named when a talk opens: a person and the party it speaks for."""

    name: str
    party: str


@dataclass(frozen=True)
class TalkOpened:
    kind: ClassVar[str] = "talk-opened"
    title: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    delegates: tuple[Delegate, ...]
    default_handling: Handling
    hide_carried_text: bool
    bid_rule: BidRule = BidRule.MIDPOINT  # how blind bids settle; absent in older records
    notice: str | None = None  # shown to everyone, e.g. that a scenario is illustrative
    # The process this talk is a track of; absent from the record of a talk that is none.
    process: str | None = field(default=None, metadata={"absent_when_default": True})


@dataclass(frozen=True)
class Joined:
    """A mediator added a participant: a delegate of `party`, or another mediator."""

    kind: ClassVar[str] = "joined"
    by: str
    name: str
    role: Role
    party: str | None


@dataclass(frozen=True)
class Left:
    """A participant stopped taking part: removed by a mediator (`by`), or left of its own
    accord (`by` is `name`). Its role and party are kept so that every reader can tell whom
    the room lost without looking back."""

    kind: ClassVar[str] = "left"
    by: str
    name: str
    role: Role
    party: str | None


@dataclass(frozen=True)
class Said:
    """A statement in a room, with the handling its speaker allows."""

    kind: ClassVar[str] = "said"
    by: str
    room: str
    text: str
    handling: Handling


@dataclass(frozen=True)
class Released:
    """A delegate changed the handling of one of its party's statements."""

    kind: ClassVar[str] = "released"
    by: str
    statement: int
    handling: Handling
    previous: Handling


@dataclass(frozen=True)
class Conveyed:
    """A mediator carried statement `source` from its room into another party's room."""

    kind: ClassVar[str] = "conveyed"
    by: str
    source: int
    from_room: str
    to_room: str
    mode: Mode
    text: str
    terms: tuple[tuple[str, str], ...] = ()  # a verbatim carriage of an offer carries its terms


@dataclass(frozen=True)
class Noted:
    """A mediator's private note; only mediators ever see it."""

    kind: ClassVar[str] = "noted"
    by: str
    text: str


@dataclass(frozen=True)
class Consented:
    """A delegate agreed, for its party, to meet the other parties in the joint room."""

    kind: ClassVar[str] = "consented"
    by: str
    party: str


@dataclass(frozen=True)
class JointRoomOpened:
    """Every party has consented; the joint room is open to all."""

    kind: ClassVar[str] = "joint-opened"


ConversationFact = (
    TalkOpened | Joined | Left | Said | Released | Conveyed | Noted | Consented | JointRoomOpened
)
"""The conversation's events, folded by `conversation.fold`."""
