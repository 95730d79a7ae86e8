"""Events round-trip through plain data, the form the record hashes."""

from __future__ import annotations

import json

import pytest

from shuttle.talks import Delegate, Handling, Mode, Role, event_from_data, to_data
from shuttle.talks.conversation.events import (
    Consented,
    Conveyed,
    Joined,
    JointRoomOpened,
    Noted,
    Released,
    Said,
    TalkOpened,
)
from shuttle.talks.events import Event

EXAMPLES: list[Event] = [
    TalkOpened("T", ("A", "B"), ("M",), (Delegate("d", "A"),), Handling.MAY_CONVEY, True),
    Joined("M", "e", Role.DELEGATE, "B"),
    Joined("M", "N", Role.MEDIATOR, None),
    Said("d", "A", "hello", Handling.VERBATIM_ONLY),
    Released("d", 4, Handling.MAY_CONVEY, Handling.VERBATIM_ONLY),
    Conveyed("M", 4, "A", "B", Mode.PARAPHRASE, "gist"),
    Noted("M", "note"),
    Consented("d", "A"),
    JointRoomOpened(),
]


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: e.kind)
def test_round_trip_through_json(event: Event) -> None:
    data = json.loads(json.dumps(to_data(event)))
    assert event_from_data(event.kind, data) == event


def test_plain_data_holds_no_enums_or_tuples() -> None:
    data = to_data(EXAMPLES[0])
    assert type(data["default_handling"]) is str and type(data["parties"]) is list


@pytest.mark.parametrize(
    ("kind", "data", "words"),
    [
        ("shouted", {}, "unknown event kind"),
        ("said", {"by": "d"}, "expected"),
        ("said", {"by": "d", "room": "A", "text": "t", "handling": "loud"}, "malformed"),
    ],
)
def test_malformed_data_is_named(kind: str, data: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        event_from_data(kind, data)
