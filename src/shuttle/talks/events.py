"""Every event a talk's record can hold: the record's vocabulary.

Events are frozen values. Each has a `kind` (its name in the record) and converts to and
from plain data (`to_data` / `event_from_data`) made only of str, int, bool, None and lists,
so the store can hash it in a canonical form without knowing any rule.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any, get_args

from shuttle.talks.agenda import AgendaIssue
from shuttle.talks.bids.events import BidFact
from shuttle.talks.conversation.events import ConversationFact, Delegate
from shuttle.talks.offers.events import OfferFact
from shuttle.talks.profiles.events import ProfileFact
from shuttle.talks.proposals.events import ProposalFact
from shuttle.talks.single_text.events import EscalationStep, TextFact
from shuttle.talks.tracks.events import TrackFact
from shuttle.talks.vocabulary import BidRule, Comparison, Handling, Mode, Role, Source

NegotiationFact = TextFact | ProposalFact | BidFact | ProfileFact
"""The events of the negotiation's own state (`negotiation.evolve_negotiation`)."""

Event = ConversationFact | OfferFact | TrackFact | NegotiationFact
"""Every event a record can hold: each seam lists its own, and this is their sum. The folds,
`view_of` and the record's reader all follow it, so a kind added to a seam and not handled
there is a type error."""


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
    values such as delegates and agenda issues mappings of their fields). A field added for
    a new feature (metadata ``absent_when_default``) is left out while it holds its default,
    so that records not using the feature stay byte for byte what they were."""
    return {
        field.name: _plain(getattr(event, field.name))
        for field in fields(event)
        if not (
            field.metadata.get("absent_when_default")
            and getattr(event, field.name) == field.default
        )
    }


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
