"""Every event a talk's record can hold: the record's vocabulary.

Events are frozen values. Each has a `kind` (its name in the record) and converts to and
from plain data (`to_data` / `event_from_data`) made only of str, int, bool, None and lists,
so the store can hash it in a canonical form without knowing any rule.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar

from shuttle.talks.vocabulary import Handling, Mode, Role


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


Event = TalkOpened | Joined | Said | Released | Conveyed | Noted | Consented | JointRoomOpened

EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (TalkOpened, Joined, Said, Released, Conveyed, Noted, Consented, JointRoomOpened)
}


@dataclass(frozen=True)
class Recorded:
    """An event at its place in the record: its sequence number and when it was stamped.

    The time is an ISO-8601 string given by the service; the domain never reads a clock.
    """

    seq: int
    at: str
    event: Event


def to_data(event: Event) -> dict[str, Any]:
    """The event's fields as plain data (tuples become lists, enums their values)."""
    data: dict[str, Any] = {}
    for field in fields(event):
        value = getattr(event, field.name)
        if isinstance(value, tuple):
            value = [
                {"name": item.name, "party": item.party} if isinstance(item, Delegate) else item
                for item in value
            ]
        elif isinstance(value, StrEnum):
            value = value.value
        data[field.name] = value
    return data


_CONVERTERS: dict[str, Any] = {
    "default_handling": Handling,
    "handling": Handling,
    "previous": Handling,
    "mode": Mode,
    "role": Role,
    "parties": tuple,
    "mediators": tuple,
    "delegates": lambda items: tuple(Delegate(**item) for item in items),
}


def event_from_data(kind: str, data: dict[str, Any]) -> Event:
    """Rebuild an event from its kind and plain data; ValueError names what is wrong."""
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        raise ValueError(f"unknown event kind {kind!r}")
    expected = {field.name for field in fields(cls)}
    if set(data) != expected:
        raise ValueError(f"{kind} event has fields {sorted(data)}, expected {sorted(expected)}")
    try:
        values = {
            name: _CONVERTERS[name](value) if name in _CONVERTERS else value
            for name, value in data.items()
        }
        return cls(**values)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{kind} event is malformed: {error}") from None
