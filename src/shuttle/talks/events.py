"""Every event a talk's record can hold: the record's vocabulary.

Events are frozen values. Each has a `kind` (its name in the record) and converts to and
from plain data (`to_data` / `event_from_data`) made only of str, int, bool, None and lists,
so the store can hash it in a canonical form without knowing any rule.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any, ClassVar, get_args

from shuttle.talks.agenda import AgendaIssue
from shuttle.talks.negotiation_events import (
    AgendaSet,
    Agreed,
    Answered,
    BidOpened,
    BidSettled,
    BidSubmitted,
    Closed,
    Drafted,
    EscalationStep,
    IncidentReported,
    NegotiationFact,
    OfferAnswered,
    Offered,
    ProfileSubmitted,
    ProposalAnswered,
    ProposalConcluded,
    Proposed,
    Signed,
)
from shuttle.talks.vocabulary import BidRule, Comparison, Handling, Mode, Role, Source

__all__ = [
    "EVENT_TYPES",
    "AgendaSet",
    "Agreed",
    "Answered",
    "BidOpened",
    "BidSettled",
    "BidSubmitted",
    "Closed",
    "Consented",
    "Conveyed",
    "Delegate",
    "Drafted",
    "EscalationStep",
    "Event",
    "IncidentReported",
    "Joined",
    "JointRoomOpened",
    "Noted",
    "OfferAnswered",
    "Offered",
    "ProfileSubmitted",
    "ProposalAnswered",
    "ProposalConcluded",
    "Proposed",
    "Recorded",
    "Released",
    "Said",
    "Signed",
    "TalkOpened",
    "event_from_data",
    "to_data",
]


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


@dataclass(frozen=True)
class Joined:
    """A mediator added a participant: a delegate of `party`, or another mediator."""

    kind: ClassVar[str] = "joined"
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


Event = (
    TalkOpened
    | Joined
    | Said
    | Released
    | Conveyed
    | Noted
    | Consented
    | JointRoomOpened
    | Offered
    | NegotiationFact
)

"""Every event a record can hold: the one list. The folds, `view_of` and the record's reader
all follow it, so a kind added here and not handled there is a type error."""

EVENT_TYPES: dict[str, type[Event]] = {cls.kind: cls for cls in get_args(Event)}
"""Each kind's class, by its name in the record."""


@dataclass(frozen=True)
class Recorded:
    """An event at its place in the record: its sequence number and when it was stamped.

    The time is an ISO-8601 string given by the service; the domain never reads a clock.
    """

    seq: int
    at: str
    event: Event


def to_data(event: Event) -> dict[str, Any]:
    """The event's fields as plain data (tuples become lists, enums their values, nested
    values such as delegates and agenda issues mappings of their fields)."""
    return {field.name: _plain(getattr(event, field.name)) for field in fields(event)}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    return value


def _pairs(items: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(part) for part in item) for item in items)


_CONVERTERS: dict[str, Any] = {
    "default_handling": Handling,
    "handling": Handling,
    "previous": Handling,
    "mode": Mode,
    "role": Role,
    "parties": tuple,
    "mediators": tuple,
    "clauses": tuple,
    "delegates": lambda items: tuple(Delegate(**item) for item in items),
    "issues": lambda items: tuple(
        AgendaIssue(item["name"], tuple(item["options"])) for item in items
    ),
    "escalation": lambda items: tuple(EscalationStep(**item) for item in items),
    "bid_rule": BidRule,
    "rule": BidRule,
    "reached_on": Source,
    "comparison": lambda value: None if value is None else Comparison(value),
    "terms": _pairs,
    "prefer": _pairs,
    "weights": _pairs,
    "values": _pairs,
}


def event_from_data(kind: str, data: dict[str, Any]) -> Event:
    """Rebuild an event from its kind and plain data; ValueError names what is wrong.

    A field added to an event after records were written has a default, so older records
    (which lack it) still read; any other missing or unknown field is an error.
    """
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        raise ValueError(f"unknown event kind {kind!r}")
    known = {field.name for field in fields(cls)}
    required = {
        field.name
        for field in fields(cls)
        if field.default is MISSING and field.default_factory is MISSING
    }
    if not required <= set(data) <= known:
        raise ValueError(f"{kind} event has fields {sorted(data)}, expected {sorted(known)}")
    try:
        values = {
            name: _CONVERTERS[name](value) if name in _CONVERTERS else value
            for name, value in data.items()
        }
        return cls(**values)
    except (TypeError, ValueError, KeyError) as error:
        raise ValueError(f"{kind} event is malformed: {error}") from None
