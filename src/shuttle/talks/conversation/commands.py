"""What an actor asks of the rooms: open a talk, add or remove someone, speak, release, carry,
note, consent."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.conversation.events import Delegate
from shuttle.talks.single_text.commands import Incident
from shuttle.talks.vocabulary import BidRule, Handling, Mode, Role


@dataclass(frozen=True)
class OpenTalk:
    title: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    delegates: tuple[Delegate, ...] = ()
    default_handling: Handling = Handling.MEDIATOR_ONLY
    hide_carried_text: bool = False
    agenda: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    escalation: tuple[Incident, ...] = ()
    bid_rule: BidRule = BidRule.MIDPOINT
    notice: str | None = None
    process: str | None = None  # the process this talk is a track of (the service checks it)


@dataclass(frozen=True)
class Join:
    """A mediator adds a delegate of `party`, or (role mediator, no party) another mediator."""

    actor: str
    name: str
    role: Role
    party: str | None = None


@dataclass(frozen=True)
class Leave:
    """A mediator removes participant `name` from the talk, or a participant leaves it
    (`name` is the actor's own)."""

    actor: str
    name: str


@dataclass(frozen=True)
class Say:
    """Speak in a room; a delegate's room defaults to its own party's."""

    actor: str
    text: str
    room: str | None = None
    handling: Handling | None = None


@dataclass(frozen=True)
class Release:
    """Change the handling of statement `statement` (its sequence number)."""

    actor: str
    statement: int
    handling: Handling


@dataclass(frozen=True)
class Convey:
    """Carry statement `statement` into party `to`'s room; `text` is the paraphrase."""

    actor: str
    statement: int
    to: str
    mode: Mode
    text: str | None = None


@dataclass(frozen=True)
class Note:
    actor: str
    text: str


@dataclass(frozen=True)
class Consent:
    actor: str


ConversationCommand = Join | Leave | Say | Release | Convey | Note | Consent
"""What a participant asks of the rooms once the talk is open (opening is its own command)."""
