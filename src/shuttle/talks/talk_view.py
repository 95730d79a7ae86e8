"""One participant's picture of a talk, folded from the views `view_of` gave it and nothing else.

Every surface reads this model: the pages, the JSON API, the command line, the automated
parties and the exports. Because it is built only from the participant's own views, it cannot
hold anything that participant may not see; the rules that surfaces used to re-derive from raw
events (who can read a room, whether the agenda may still change, how far the incidents have
escalated, where the talk stands) are answered here, once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import assert_never

from shuttle.talks.agenda import AgendaIssue, agenda_may_change
from shuttle.talks.numbers import escalated
from shuttle.talks.participant import Participant
from shuttle.talks.views import (
    AgendaView,
    AgreementView,
    AnswerView,
    BidOpenedView,
    BidSettledView,
    BidView,
    Carriage,
    CarriageView,
    CarriedInView,
    CarriedOutView,
    ClosingView,
    ConsentView,
    ConversationSeen,
    DraftView,
    IncidentView,
    JointOpenedView,
    JoinView,
    LeaveView,
    NegotiationSeen,
    NoteView,
    OfferAnswerView,
    OfferView,
    OpeningView,
    ProfileView,
    ProposalAnswerView,
    ProposalOutcomeView,
    ProposalView,
    ReceivedFromTrackView,
    ReleaseView,
    Seen,
    SentToTrackView,
    SignatureView,
    StatementView,
)
from shuttle.talks.vocabulary import JOINT_ROOM, BidRule, Handling, Role

RoomItem = (
    StatementView
    | OfferView
    | CarriageView
    | CarriedInView
    | CarriedOutView
    | SentToTrackView
    | ReceivedFromTrackView
)
"""What a room's list holds: words said there, offers made there, carriages into (or, seen by
the source party, out of) it, from another track or to one."""

Conversation = ConversationSeen
"""The rooms' conversation, as against the negotiation and the mediators' notebook."""


class Status(StrEnum):
    """Where a talk stands, as every participant may know it."""

    OPEN = "open"
    AGREED = "agreed"  # a text is agreed, not every party has signed it yet
    SIGNED = "signed"  # every party signed the agreed text
    CLOSED = "closed"  # ended without agreement


@dataclass(frozen=True)
class Member:
    """Someone in the talk as this participant may know them, and when they came in (the seq
    of the event that named them: 1 for those named when the talk opened)."""

    name: str
    role: Role
    party: str | None
    since: int
    until: int | None = None  # the seq of its leaving, once it has left

    @property
    def is_mediator(self) -> bool:
        return self.role is Role.MEDIATOR

    @property
    def present(self) -> bool:
        return self.until is None


@dataclass(frozen=True)
class Awaiting:
    """What a talk waits for, as one participant's view tells: statements a mediator may carry
    and has not (mediators only), answers to the current version of the text, and the
    signatures an agreement still lacks."""

    uncarried: int = 0
    answered: int = 0  # parties that answered the current version
    to_answer: int = 0  # parties asked to answer it (0: no version circulates, or agreed)
    unsigned: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.uncarried or self.to_answer or self.unsigned)


@dataclass
class TalkView:
    """What `participant` may see of talk `talk`, arranged by what it is about.

    `head` is the record's head ("SEQ:HASH") when the view was read; the view holds every
    event up to it that the participant may see (`events`, in record order).
    """

    talk: str
    participant: Participant
    head: str
    head_seq: int
    events: list[Seen] = field(default_factory=list)
    title: str = ""
    notice: str | None = None
    process: str | None = None  # the process this talk is a track of, if any
    parties: list[str] = field(default_factory=list)
    default_handling: Handling = Handling.MEDIATOR_ONLY
    hide_carried_text: bool = False
    bid_rule: BidRule = BidRule.MIDPOINT
    roster: list[Member] = field(default_factory=list)
    agenda: AgendaView | None = None  # the latest agenda, with its escalation schedule
    issues: list[AgendaIssue] = field(default_factory=list)
    agenda_seq: int | None = None
    conversation: list[Conversation] = field(default_factory=list)
    rooms: dict[str, list[RoomItem]] = field(default_factory=lambda: defaultdict(list))
    carriages: dict[int, list[Carriage]] = field(default_factory=lambda: defaultdict(list))
    sent_to_tracks: dict[int, list[SentToTrackView]] = field(
        default_factory=lambda: defaultdict(list)
    )  # by the statement carried to another track
    handling: dict[int, Handling] = field(default_factory=dict)  # each statement's current rule
    negotiation: list[Seen] = field(default_factory=list)
    notes: list[NoteView] = field(default_factory=list)
    drafts: list[DraftView] = field(default_factory=list)
    answers: list[AnswerView] = field(default_factory=list)
    proposals: list[ProposalView] = field(default_factory=list)
    proposal_answers: list[ProposalAnswerView] = field(default_factory=list)
    concluded: dict[int, ProposalOutcomeView] = field(default_factory=dict)
    bids: list[BidOpenedView] = field(default_factory=list)
    bid_submissions: list[BidView] = field(default_factory=list)
    settled: dict[int, BidSettledView] = field(default_factory=dict)
    profiles: dict[str, ProfileView] = field(default_factory=dict)
    incidents: list[IncidentView] = field(default_factory=list)
    agreed: AgreementView | None = None
    signatures: list[SignatureView] = field(default_factory=list)
    closed: ClosingView | None = None
    consents: dict[str, ConsentView] = field(default_factory=dict)  # as far as the view tells
    joint_open: bool = False
    offer_answers: dict[int, OfferAnswerView] = field(default_factory=dict)  # by carriage seq

    @classmethod
    def of(
        cls, talk: str, participant: Participant, head: str, head_seq: int, seen: Iterable[Seen]
    ) -> TalkView:
        view = cls(talk, participant, head, head_seq)
        for item in seen:
            view.take(item)
        return view

    # --- Who is looking, and who else is there ---------------------------------------

    @property
    def name(self) -> str:
        return self.participant.name

    @property
    def party(self) -> str | None:
        return self.participant.party

    @property
    def is_mediator(self) -> bool:
        return self.participant.is_mediator

    @property
    def mediators(self) -> list[str]:
        """Every mediator taking part now, in the order they came in: those named at opening,
        then those added."""
        return [m.name for m in self.present if m.is_mediator]

    @property
    def present(self) -> list[Member]:
        """Everyone this participant may know of who takes part now (the roster less those
        who left)."""
        return [m for m in self.roster if m.present]

    @property
    def mediator_names(self) -> str:
        return " and ".join(self.mediators) or "the mediator"

    def delegates_of(self, party: str) -> list[Member]:
        """The delegates of `party` this participant may know (a delegate knows only its own
        party's; a mediator every party's), taking part now."""
        return [m for m in self.present if m.party == party]

    def readers_of(self, room: str) -> list[Member]:
        """Who can read `room`, as far as this participant may know: every mediator and the
        room's party's delegates; in the joint room, everyone. A delegate asking about a room
        other than its own is told only of the mediators (it knows no other delegate). Those
        who left read nothing more."""
        if room == JOINT_ROOM:
            return self.present
        return [m for m in self.present if m.is_mediator or m.party == room]

    # --- Where the talk stands --------------------------------------------------------

    @property
    def status(self) -> Status:
        if self.closed is not None:
            return Status.CLOSED
        if self.agreed is None:
            return Status.OPEN
        signed = {s.party for s in self.signatures}
        return Status.SIGNED if all(p in signed for p in self.parties) else Status.AGREED

    @property
    def opened_at(self) -> str:
        """When the talk was opened (its first event, which every participant sees)."""
        return self.events[0].at if self.events else ""

    @property
    def last_activity(self) -> str | None:
        """When the last event this participant may see was recorded."""
        return self.events[-1].at if self.events else None

    @property
    def escalation(self) -> float:
        """How far every reservation value has fallen: the sum of the incidents' drops."""
        total = 0.0
        for incident in self.incidents:
            total = escalated(total, incident.drop)
        return total

    @property
    def current(self) -> DraftView | None:
        """The current version of the single text, if one was circulated."""
        return self.drafts[-1] if self.drafts else None

    @property
    def versions(self) -> list[int]:
        return [d.version for d in self.drafts]

    @property
    def agenda_can_change(self) -> bool:
        """Whether nothing rests on the agenda yet, as this (mediator's) view tells: no
        draft, proposal, bid, profile or offer (the rule `set_agenda` enforces)."""
        return agenda_may_change(
            drafts=bool(self.drafts),
            proposals=bool(self.proposals),
            bids=bool(self.bids),
            profiles=bool(self.profiles),
            offers=any(isinstance(s, OfferView) for room in self.rooms.values() for s in room),
        )

    def awaiting(self) -> Awaiting:
        """What the talk waits for, as far as this participant may see (see `Awaiting`)."""
        if self.status is Status.CLOSED or self.status is Status.SIGNED:
            return Awaiting()
        if self.agreed is not None:
            signed = {s.party for s in self.signatures}
            mine = [self.party] if self.party is not None else self.parties
            return Awaiting(unsigned=tuple(p for p in mine if p not in signed))
        current = self.current
        asked = self.parties if self.party is None else [self.party]
        answered = (
            [] if current is None else [p for p in asked if self.answer_of(p, current.version)]
        )
        return Awaiting(
            uncarried=len(self.uncarried()) if self.is_mediator else 0,
            answered=len(answered),
            to_answer=0 if current is None else len(asked),
        )

    def uncarried(self) -> list[StatementView | OfferView]:
        """Delegates' statements in their own rooms that their handling lets a mediator carry
        and that nobody has carried yet."""
        delegates = {m.name for m in self.roster if not m.is_mediator}
        return [
            s
            for room in self.parties
            for s in self.rooms.get(room, [])
            if isinstance(s, StatementView | OfferView)
            and s.by in delegates
            and self.handling.get(s.seq, s.handling) is not Handling.MEDIATOR_ONLY
            and not self.carriages.get(s.seq)
        ]

    # --- Looking things up -------------------------------------------------------------

    def answer_of(self, party: str, version: int) -> AnswerView | None:
        """The party's latest answer to `version` (None if it has not answered it)."""
        found = None
        for seen in self.answers:
            if seen.party == party and seen.version == version:
                found = seen
        return found

    def open_proposals(self) -> list[ProposalView]:
        return [p for p in self.proposals if p.number not in self.concluded]

    def proposal_answer(self, party: str, number: int) -> ProposalAnswerView | None:
        return next(
            (a for a in self.proposal_answers if a.party == party and a.number == number), None
        )

    def bid_of(self, party: str, number: int) -> BidView | None:
        return next(
            (b for b in self.bid_submissions if b.party == party and b.number == number), None
        )

    def signed_by(self, party: str) -> SignatureView | None:
        return next((s for s in self.signatures if s.party == party), None)

    def in_rooms(self, seq: int) -> RoomItem | None:
        """The event `seq` of a room (a statement, an offer or a carriage) in this view."""
        return next((s for room in self.rooms.values() for s in room if s.seq == seq), None)

    def statement(self, seq: int) -> StatementView | OfferView | None:
        """A statement (words or an offer) this reader may see, by its seq."""
        found = self.in_rooms(seq)
        return found if isinstance(found, StatementView | OfferView) else None

    def carried_offer(self, seq: int) -> CarriedInView | None:
        """The carriage `seq` if it brought an offer's terms into this reader's room (the
        only thing a delegate answers an offer by)."""
        found = self.in_rooms(seq)
        return found if isinstance(found, CarriedInView) and found.terms else None

    def own_profile(self) -> ProfileView | None:
        return None if self.party is None else self.profiles.get(self.party)

    def party_conversation(self) -> list[Conversation]:
        """A room's conversation with the mediator: everything but the joint room's words,
        which are shown apart, under who reads them there."""
        return [s for s in self.conversation if getattr(s, "room", None) != JOINT_ROOM]

    def room_rooms(self) -> list[str]:
        """Every party's room, and the joint room once it is open."""
        return [*self.parties, *([JOINT_ROOM] if self.joint_open else [])]

    # --- Folding ------------------------------------------------------------------------

    def take(self, seen: Seen) -> None:
        """Fold one more visible event into the picture (events come in record order)."""
        self.events.append(seen)
        self.head_seq = max(self.head_seq, seen.seq)
        match seen:
            case OpeningView():
                self.title = seen.title
                self.notice = seen.notice
                self.process = seen.process
                self.parties = list(seen.parties)
                self.default_handling = seen.default_handling
                self.hide_carried_text = seen.hide_carried_text
                self.bid_rule = seen.bid_rule
                self.roster += [Member(m, Role.MEDIATOR, None, seen.seq) for m in seen.mediators]
                self.roster += [
                    Member(d.name, Role.DELEGATE, d.party, seen.seq) for d in seen.delegates
                ]
            case JoinView():
                self.roster.append(Member(seen.name, seen.role, seen.party, seen.seq))
            case LeaveView():
                self.roster = [
                    replace(m, until=seen.seq) if m.name == seen.name else m for m in self.roster
                ]
            case StatementView() | OfferView():
                self.conversation.append(seen)
                self.rooms[seen.room].append(seen)
                self.handling[seen.seq] = seen.handling
            case CarriageView() | CarriedOutView():
                self.conversation.append(seen)
                self.rooms[seen.room].append(seen)
                self.carriages[seen.source].append(seen)
            case CarriedInView() | ReceivedFromTrackView():
                self.conversation.append(seen)
                self.rooms[seen.room].append(seen)
            case SentToTrackView():
                self.conversation.append(seen)
                self.rooms[seen.room].append(seen)
                self.sent_to_tracks[seen.statement].append(seen)
            case ReleaseView():
                self.conversation.append(seen)
                self.handling[seen.statement] = seen.handling
            case ConsentView():
                self.conversation.append(seen)
                self.consents[seen.party] = seen
            case JointOpenedView():
                self.conversation.append(seen)
                self.joint_open = True
            case NoteView():
                self.notes.append(seen)
            case _:
                self.negotiation.append(seen)
                self._take_negotiation(seen)

    def _take_negotiation(self, seen: NegotiationSeen) -> None:
        match seen:
            case AgendaView():
                self.agenda = seen
                self.issues = list(seen.issues)
                self.agenda_seq = seen.seq
            case DraftView():
                self.drafts.append(seen)
            case AnswerView():
                self.answers.append(seen)
            case ProposalView():
                self.proposals.append(seen)
            case ProposalAnswerView():
                self.proposal_answers.append(seen)
            case ProposalOutcomeView():
                self.concluded[seen.number] = seen
            case BidOpenedView():
                self.bids.append(seen)
            case BidView():
                self.bid_submissions.append(seen)
            case BidSettledView():
                self.settled[seen.number] = seen
            case ProfileView():
                self.profiles[seen.party] = seen
            case IncidentView():
                self.incidents.append(seen)
            case OfferAnswerView():
                self.offer_answers[seen.via] = seen
            case AgreementView():
                self.agreed = seen
            case SignatureView():
                self.signatures.append(seen)
            case ClosingView():
                self.closed = seen
            case _:
                assert_never(seen)
