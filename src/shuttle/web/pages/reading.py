"""A participant's view, read into what its page shows: rooms, statements, the text and its
answers, proposals, bids, profiles, incidents and the agreement.

Everything here is folded from `TalkView.events` -- the events exactly as `view_of` returned
them -- so a page can show nothing its reader's view does not hold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from shuttle.service import TalkView
from shuttle.talks import JOINT_ROOM, Handling, Seen

CONVERSATION_KINDS = frozenset(
    {"said", "offered", "conveyed", "released", "consented", "joint-opened"}
)
"""Events of the rooms' conversation; every other kind belongs to the negotiation (or, for
notes, to the mediators' notebook)."""


@dataclass(frozen=True)
class Issue:
    name: str
    options: tuple[str, ...]


@dataclass
class Reading:
    """One participant's view of a talk, arranged for its page."""

    talk: str
    name: str
    party: str | None
    head: str
    head_seq: int
    events: list[Seen]
    title: str = ""
    notice: str | None = None
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    default_handling: Handling = Handling.MEDIATOR_ONLY
    hide_carried_text: bool = False
    issues: list[Issue] = field(default_factory=list)
    agenda_seq: int | None = None
    conversation: list[Seen] = field(default_factory=list)
    rooms: dict[str, list[Seen]] = field(default_factory=lambda: defaultdict(list))
    carriages: dict[int, list[Seen]] = field(default_factory=lambda: defaultdict(list))
    handling: dict[int, str] = field(default_factory=dict)  # each statement's current rule
    negotiation: list[Seen] = field(default_factory=list)
    notes: list[Seen] = field(default_factory=list)
    drafts: list[Seen] = field(default_factory=list)
    answers: list[Seen] = field(default_factory=list)
    proposals: list[Seen] = field(default_factory=list)
    proposal_answers: list[Seen] = field(default_factory=list)
    concluded: dict[int, Seen] = field(default_factory=dict)
    bids: list[Seen] = field(default_factory=list)
    bid_submissions: list[Seen] = field(default_factory=list)
    settled: dict[int, Seen] = field(default_factory=dict)
    profiles: dict[str, Seen] = field(default_factory=dict)
    incidents: list[Seen] = field(default_factory=list)
    agreed: Seen | None = None
    signatures: list[Seen] = field(default_factory=list)
    closed: Seen | None = None
    consents: dict[str, Seen] = field(default_factory=dict)  # as far as the view tells
    joint_open: bool = False
    offer_answers: dict[int, Seen] = field(default_factory=dict)  # by the carriage's seq

    @property
    def is_mediator(self) -> bool:
        return self.party is None

    @property
    def mediator_names(self) -> str:
        return " and ".join(self.mediators) or "the mediator"

    @property
    def current(self) -> Seen | None:
        """The current version of the single text, if one was circulated."""
        return self.drafts[-1] if self.drafts else None

    @property
    def versions(self) -> list[int]:
        return [int(d.details["version"]) for d in self.drafts]

    def answer_of(self, party: str, version: int) -> Seen | None:
        """The party's latest answer to `version` (None if it has not answered it)."""
        found = None
        for seen in self.answers:
            if seen.details["party"] == party and seen.details["version"] == version:
                found = seen
        return found

    def open_proposals(self) -> list[Seen]:
        return [p for p in self.proposals if p.details["number"] not in self.concluded]

    def proposal_answer(self, party: str, number: int) -> Seen | None:
        return next(
            (
                a
                for a in self.proposal_answers
                if a.details["party"] == party and a.details["number"] == number
            ),
            None,
        )

    def bid_of(self, party: str, number: int) -> Seen | None:
        return next(
            (
                b
                for b in self.bid_submissions
                if b.details["party"] == party and b.details["number"] == number
            ),
            None,
        )

    def signed_by(self, party: str) -> Seen | None:
        return next((s for s in self.signatures if s.details["party"] == party), None)

    def in_rooms(self, seq: int) -> Seen | None:
        """The event `seq` of a room (a statement, an offer or a carriage) in this view."""
        return next((s for room in self.rooms.values() for s in room if s.seq == seq), None)

    def statement(self, seq: int) -> Seen | None:
        """A statement (said or offered) this reader may see, by its seq."""
        found = self.in_rooms(seq)
        return found if found is not None and found.kind in ("said", "offered") else None

    def carried_offer(self, seq: int) -> Seen | None:
        """The carriage `seq` if it brought an offer's terms into this reader's room (the
        only thing a delegate answers an offer by)."""
        found = self.in_rooms(seq)
        if found is None or self.party is None or found.room != self.party:
            return None
        return found if found.kind == "conveyed" and found.details.get("terms") else None

    def party_conversation(self) -> list[Seen]:
        """A room's conversation with the mediator: everything but the joint room's words,
        which the page shows apart, under who reads them there."""
        return [s for s in self.conversation if s.room != JOINT_ROOM]

    @property
    def agenda_basis(self) -> str:
        """Which agenda the forms built on it were drawn for (a form drawn for another agenda
        must be reviewed before it is sent): the event that set it."""
        return f"agenda #{self.agenda_seq}" if self.agenda_seq else "no agenda"

    @property
    def agenda_can_change(self) -> bool:
        """Whether nothing rests on the agenda yet, as this (mediator's) view tells: no
        draft, proposal, bid, profile or offer."""
        offers = any(s.kind == "offered" for room in self.rooms.values() for s in room)
        return not (self.drafts or self.proposals or self.bids or self.profiles or offers)

    def own_profile(self) -> Seen | None:
        return None if self.party is None else self.profiles.get(self.party)

    def room_rooms(self) -> list[str]:
        """The rooms a console shows: every party's, and the joint room once it is open."""
        return [*self.parties, *([JOINT_ROOM] if self.joint_open else [])]


def read(view: TalkView) -> Reading:
    """Arrange `view` for a page."""
    me = view.participant
    reading = Reading(
        talk=view.talk,
        name=me.name,
        party=me.party,
        head=str(view.head),
        head_seq=view.head.seq,
        events=list(view.events),
    )
    for seen in view.events:
        take(reading, seen)
    return reading


def take(r: Reading, seen: Seen) -> None:
    """Fold one visible event into the reading."""
    d: dict[str, Any] = seen.details
    kind = seen.kind
    if kind == "talk-opened":
        r.title = str(d["title"])
        r.notice = d.get("notice")
        r.parties = list(d["parties"])
        r.mediators = list(d["mediators"])
        r.default_handling = Handling(d["default_handling"])
        r.hide_carried_text = bool(d["hide_carried_text"])
        return
    if kind in CONVERSATION_KINDS:
        r.conversation.append(seen)
        if kind in ("said", "offered") and seen.room is not None:
            r.rooms[seen.room].append(seen)
            if "handling" in d:
                r.handling[seen.seq] = str(d["handling"])
        elif kind == "released":
            r.handling[int(d["statement"])] = str(d["handling"])
        elif kind == "conveyed" and seen.room is not None:
            r.rooms[seen.room].append(seen)
            if "source" in d:
                r.carriages[int(d["source"])].append(seen)
        elif kind == "consented":
            r.consents[str(d["party"])] = seen
        elif kind == "joint-opened":
            r.joint_open = True
        return
    if kind == "noted":
        r.notes.append(seen)
        return
    if kind == "joined":
        return
    r.negotiation.append(seen)
    _take_negotiation(r, seen, d)


def _take_negotiation(r: Reading, seen: Seen, d: dict[str, Any]) -> None:
    match seen.kind:
        case "agenda-set":
            r.issues = [Issue(str(i["name"]), tuple(i["options"])) for i in d["issues"]]
            r.agenda_seq = seen.seq
        case "drafted":
            r.drafts.append(seen)
        case "answered":
            r.answers.append(seen)
        case "proposed":
            r.proposals.append(seen)
        case "proposal-answered":
            r.proposal_answers.append(seen)
        case "proposal-concluded":
            r.concluded[int(d["number"])] = seen
        case "bid-opened":
            r.bids.append(seen)
        case "bid-submitted":
            r.bid_submissions.append(seen)
        case "bid-settled":
            r.settled[int(d["number"])] = seen
        case "profile":
            r.profiles[str(d["party"])] = seen
        case "incident":
            r.incidents.append(seen)
        case "offer-answered":
            r.offer_answers[int(d["via"])] = seen
        case "agreed":
            r.agreed = seen
        case "signed":
            r.signatures.append(seen)
        case "closed":
            r.closed = seen
