"""Who sees what: `view_of` is the only place in Shuttle that decides it.

Every reader of a record -- the command line, the web, live updates, exports -- asks this
module for each event, and shows exactly what it returns.

A mediator sees the whole record except two things: a blind bid's bound (it learns only that a
party has bid) and the contents of a profile its party did not share (it learns only that one
was submitted).

A delegate sees the talk's public facts, its own party's room (words and offers), what was
carried into that room, its party's releases and consents, the fact (and, unless the talk hides
it, the text) of what was carried out of its room, and the joint room once it is open. Of the
negotiation it sees what is circulated to every room -- the agenda, each draft, proposals and
their outcome (agreed or not, never who rejected), blind bids opened and settled, incidents,
the agreement and signatures -- and of the private parts only its own party's: its answers,
proposal answers, bounds, profile and answers to offers. Nothing else: no other room, no
mediator's note, no other party's delegates, answers, bounds or profile.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, assert_never

from shuttle.talks.events import (
    Consented,
    Conveyed,
    Joined,
    JointRoomOpened,
    Noted,
    Recorded,
    Released,
    Said,
    TalkOpened,
    to_data,
)
from shuttle.talks.negotiation_events import (
    AgendaSet,
    Agreed,
    Answered,
    BidOpened,
    BidSettled,
    BidSubmitted,
    Closed,
    Drafted,
    IncidentReported,
    OfferAnswered,
    Offered,
    ProfileSubmitted,
    ProposalAnswered,
    ProposalConcluded,
    Proposed,
    Signed,
)
from shuttle.talks.state import Participant, TalkState
from shuttle.talks.vocabulary import JOINT_ROOM, BidRule, Role, Source

PUBLIC = (
    AgendaSet,
    Drafted,
    Agreed,
    Signed,
    Closed,
    Proposed,
    ProposalConcluded,
    BidSettled,
    IncidentReported,
    JointRoomOpened,
)
"""Events circulated to every room."""

PRIVATE_TO_PARTY = (Answered, ProposalAnswered, BidSubmitted, ProfileSubmitted, OfferAnswered)
"""Events about one party's private choices: seen by that party (and, redacted where the
rules say so, by the mediator)."""

BID_NOTICE = {
    BidRule.MIDPOINT: (
        "If the bounds overlap, the issue settles on the option nearest the middle of the "
        "overlap; from that settlement each side can work out roughly the other's bound."
    ),
    BidRule.LOWER: (
        "If the bounds overlap, the issue settles on the lowest option inside the overlap: the "
        "party wanting it low then learns that the other side's bound lies at or just below it."
    ),
    BidRule.UPPER: (
        "If the bounds overlap, the issue settles on the highest option inside the overlap: "
        "the party wanting it high then learns that the other side's bound lies at or just "
        "above it."
    ),
}
"""Said beside every blind bid, before anyone bids, because a settlement reveals something."""


@dataclass(frozen=True)
class Seen:
    """An event as one participant may see it.

    `room` is where it happened (for a carriage seen by its source party: where it went),
    `details` the rest of what this participant may know of it.
    """

    seq: int
    at: str
    kind: str
    by: str | None = None
    room: str | None = None
    text: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base: dict[str, Any] = {
            "seq": self.seq,
            "at": self.at,
            "kind": self.kind,
            "room": self.room,
            "by": self.by,
            "text": self.text,
        }
        return base | self.details


def view_of(participant: Participant, recorded: Recorded, state: TalkState) -> Seen | None:
    """`recorded` as `participant` may see it, redacted where needed, or None if not at all."""
    event = recorded.event
    if participant.is_mediator:
        return _for_mediator(recorded)
    party = participant.party
    seen = None
    match event:
        case BidOpened():
            seen = _bid_opened(recorded, event)
        case Signed() if event.party != party:
            # Which party signed is public; which of its delegates signed is not.
            seen = replace(_whole(recorded), by=None)
        case Agreed() if event.reached_on is Source.OFFER:
            seen = _agreed_offer(recorded, event, state, party)
        case OfferAnswered() if event.party == party:
            # The answering room knows the offer by the carriage that brought it, never by its
            # place in the offering party's room.
            seen = _whole(recorded)
            seen = replace(seen, details={k: v for k, v in seen.details.items() if k != "offer"})
        case _ if isinstance(event, PUBLIC):
            seen = _whole(recorded)
        case _ if isinstance(event, PRIVATE_TO_PARTY):
            seen = _whole(recorded) if event.party == party else None
        case Offered() if event.room == party:
            seen = _whole(recorded)
        case TalkOpened():
            # Public facts, the talk's rules, and the delegates of one's own party only.
            own = [d for d in to_data(event)["delegates"] if d["party"] == party]
            seen = _seen(recorded, details=to_data(event) | {"delegates": own})
        case Joined() if event.role is Role.MEDIATOR or event.party == party:
            seen = _seen(recorded, by=event.by, details=to_data(event))
        case Said() if event.room == party or (event.room == JOINT_ROOM and state.joint_open):
            seen = _whole(recorded)
        case Released() if state.statements[event.statement].room == party:
            seen = _whole(recorded)
        case Conveyed() if event.to_room == party:
            # The receiving room learns which party the words come from, not where they sat
            # in that party's record.
            seen = _seen(
                recorded,
                by=event.by,
                room=event.to_room,
                text=event.text,
                details={"mode": event.mode.value, "from_room": event.from_room}
                | ({"terms": to_data(event)["terms"]} if event.terms else {}),
            )
        case Conveyed() if event.from_room == party:
            hidden = state.hide_carried_text
            seen = _seen(
                recorded,
                by=event.by,
                room=event.to_room,
                text=None if hidden else event.text,
                details={
                    "mode": event.mode.value,
                    "source": event.source,
                    "from_room": event.from_room,
                    "to_room": event.to_room,
                    "text_hidden": hidden,
                },
            )
        case Consented() if event.party == party:
            seen = _whole(recorded)
        case Noted():
            seen = None
    return seen


def _agreed_offer(recorded: Recorded, event: Agreed, state: TalkState, party: str | None) -> Seen:
    """An agreement on an offer names the offer's event only to the party that made it."""
    seen = _whole(recorded)
    if state.statements[event.ref].party == party:
        return seen
    return replace(seen, details={k: v for k, v in seen.details.items() if k != "ref"})


def _for_mediator(recorded: Recorded) -> Seen:
    """The whole event, except a bound (nobody sees one) and an unshared profile's contents."""
    event = recorded.event
    match event:
        case BidSubmitted():
            return _seen(
                recorded, by=event.by, details={"party": event.party, "number": event.number}
            )
        case ProfileSubmitted() if not event.shared:
            return _seen(recorded, by=event.by, details={"party": event.party, "shared": False})
        case BidOpened():
            return _bid_opened(recorded, event)
        case (
            TalkOpened()
            | Joined()
            | Said()
            | Released()
            | Conveyed()
            | Noted()
            | Consented()
            | JointRoomOpened()
            | AgendaSet()
            | Drafted()
            | Answered()
            | Agreed()
            | Signed()
            | Closed()
            | Proposed()
            | ProposalAnswered()
            | ProposalConcluded()
            | BidSettled()
            | ProfileSubmitted()
            | IncidentReported()
            | Offered()
            | OfferAnswered()
        ):
            return _whole(recorded)
        case _:
            # Every kind is named: one added to `Event` and left out here is a type error, and
            # an unknown one at run time raises, rather than being shown whole by default.
            assert_never(event)


def _bid_opened(recorded: Recorded, event: BidOpened) -> Seen:
    seen = _whole(recorded)
    return replace(seen, details=seen.details | {"notice": BID_NOTICE[event.rule]})


def visible_record(participant: Participant, state: TalkState, after: int = 0) -> Iterator[Seen]:
    """The participant's view of the talk after event `after` (the whole view by default), in
    record order."""
    for recorded in state.record[max(0, after) :]:
        seen = view_of(participant, recorded, state)
        if seen is not None:
            yield seen


def reveals_all(seen: Seen, data: Mapping[str, Any]) -> bool:
    """Whether `seen` shows every value of the event's recorded `data` (its ``data`` object).

    Only then may a participant be given the event's salt and bytes (its proof's "readable"
    entries): the bytes must tell it nothing the view did not. Asked of the recorded data
    itself, not of a rebuilt event, so that a field the view leaves out is never handed over.
    """
    shown = seen.to_dict()
    return all(shown.get(key) == value for key, value in data.items())


def can_see(participant: Participant, seq: int, state: TalkState) -> bool:
    """Whether event `seq` exists for this participant (the rules ask before they refuse)."""
    recorded = state.recorded(seq)
    return recorded is not None and view_of(participant, recorded, state) is not None


def _whole(recorded: Recorded) -> Seen:
    data = to_data(recorded.event)
    by = data.pop("by", None)
    room = data.pop("room", None)
    if "to_room" in data:
        room = data["to_room"]
    text = data.pop("text", None)
    return _seen(recorded, by=by, room=room, text=text, details=data)


def _seen(
    recorded: Recorded,
    *,
    by: str | None = None,
    room: str | None = None,
    text: str | None = None,
    details: dict[str, Any] | None = None,
) -> Seen:
    extra = {k: v for k, v in (details or {}).items() if k not in {"by", "room", "text"}}
    return Seen(recorded.seq, recorded.at, recorded.event.kind, by, room, text, extra)
