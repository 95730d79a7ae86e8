"""What an actor asks a talk to do. Commands are requests; `decide` turns them into events.

Fields hold what the actor typed (names not yet normalised, text not yet trimmed): checking
them is `decide`'s job, so every surface -- command line, web, simulations -- gets the same
rules and the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.events import Delegate
from shuttle.talks.negotiation_commands import Incident, NegotiationCommand
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


@dataclass(frozen=True)
class Join:
    """A mediator adds a delegate of `party`, or (role mediator, no party) another mediator."""

    actor: str
    name: str
    role: Role
    party: str | None = None


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


Command = OpenTalk | Join | Say | Release | Convey | Note | Consent | NegotiationCommand
