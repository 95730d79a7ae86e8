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
the agreement and signatures (each with its signer's name) -- and of the private parts only
its own party's: its answers, proposal answers, bounds, profile and answers to offers. Nothing
else: no other room, no mediator's note, no other party's delegates (but for the one who
signed), answers, bounds or profile.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, assert_never

from shuttle.talks.bids.events import BidOpened, BidSettled, BidSubmitted
from shuttle.talks.conversation.events import (
    Consented,
    Conveyed,
    Delegate,
    Joined,
    JointRoomOpened,
    Left,
    Noted,
    Released,
    Said,
    TalkOpened,
)
from shuttle.talks.events import Recorded
from shuttle.talks.offers.events import OfferAnswered, Offered
from shuttle.talks.participant import Participant
from shuttle.talks.profiles.events import ProfileSubmitted
from shuttle.talks.proposals.events import ProposalAnswered, ProposalConcluded, Proposed
from shuttle.talks.single_text.events import (
    AgendaSet,
    Agreed,
    Answered,
    Closed,
    Drafted,
    IncidentReported,
    Signed,
)
from shuttle.talks.state import TalkState
from shuttle.talks.tracks.events import ReceivedFromTrack, SentToTrack
from shuttle.talks.views import (
    AgendaView,
    AgreementView,
    AnswerView,
    BidOpenedView,
    BidSettledView,
    BidView,
    CarriageView,
    CarriedInView,
    CarriedOutView,
    ClosingView,
    ConsentView,
    DraftView,
    IncidentView,
    JointOpenedView,
    JoinView,
    LeaveView,
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
from shuttle.talks.vocabulary import JOINT_ROOM, BidRule, Role, Source

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


def view_of(participant: Participant, recorded: Recorded, state: TalkState) -> Seen | None:
    """`recorded` as `participant` may see it, redacted where needed, or None if not at all."""
    if participant.left is not None and recorded.seq > participant.left:
        return None  # someone who left reads nothing said after it
    if participant.is_mediator:
        return _for_mediator(recorded)
    return _for_party(participant.party, recorded, state)


def _for_party(party: str | None, recorded: Recorded, state: TalkState) -> Seen | None:
    """What a delegate of `party` sees: the public facts, its own room and its own choices."""
    event, seq, at = recorded.event, recorded.seq, recorded.at
    match event:
        case TalkOpened():
            # Public facts, the talk's rules, and the delegates of one's own party only.
            own = tuple(d for d in event.delegates if d.party == party)
            return _opening(recorded, event, own)
        case Joined():
            seen = event.role is Role.MEDIATOR or event.party == party
            return (
                JoinView(seq, at, event.by, event.name, event.role, event.party) if seen else None
            )
        case Left():
            # As with joining: a delegate knows the mediators and its own party's delegates.
            seen = event.role is Role.MEDIATOR or event.party == party
            return (
                LeaveView(seq, at, event.by, event.name, event.role, event.party) if seen else None
            )
        case Said():
            seen = event.room == party or (event.room == JOINT_ROOM and state.joint_open)
            return _statement(recorded, event) if seen else None
        case Released():
            seen = state.statements[event.statement].room == party
            return _release(recorded, event) if seen else None
        case Conveyed() if event.to_room == party:
            # The receiving room learns which party the words come from, not where they sat
            # in that party's record.
            return CarriedInView(
                seq,
                at,
                event.by,
                event.to_room,
                event.text,
                event.mode,
                event.from_room,
                event.terms,
            )
        case Conveyed() if event.from_room == party:
            hidden = state.hide_carried_text
            return CarriedOutView(
                seq,
                at,
                event.by,
                None if hidden else event.text,
                event.mode,
                event.source,
                event.from_room,
                event.to_room,
                hidden,
            )
        case Conveyed() | Noted():
            return None
        case Consented():
            return ConsentView(seq, at, event.by, event.party) if event.party == party else None
        case SentToTrack():
            # Like a carriage out: the party whose words left sees where they went.
            if state.statements[event.statement].party != party:
                return None
            return _sent_to_track(recorded, event, there=None)
        case ReceivedFromTrack():
            seen = event.room == party or (event.room == JOINT_ROOM and state.joint_open)
            return _received_from_track(recorded, event, there=None) if seen else None
        case Offered():
            return _offer(recorded, event) if event.room == party else None
        case Signed():
            # A signature is public whole, signer's name included: signing is an act meant
            # for the other side, and the signer is told so before it confirms.
            return _signature(recorded, event)
        case Agreed():
            # An agreement on an offer names the offer's event only to the party that made it.
            on_offer = event.reached_on is Source.OFFER
            hide_ref = on_offer and state.statements[event.ref].party != party
            return _agreement(recorded, event, None if hide_ref else event.ref)
        case OfferAnswered():
            # The answering room knows the offer by the carriage that brought it, never by its
            # place in the offering party's room.
            if event.party != party:
                return None
            return OfferAnswerView(seq, at, event.by, event.party, None, event.via, event.accept)
        case Answered() | ProposalAnswered() | BidSubmitted() | ProfileSubmitted():
            return _private(recorded, event) if event.party == party else None
        case (
            JointRoomOpened()
            | AgendaSet()
            | Drafted()
            | Closed()
            | Proposed()
            | ProposalConcluded()
            | BidOpened()
            | BidSettled()
            | IncidentReported()
        ):
            return _circulated(recorded, event)
        case _:
            assert_never(event)


def _for_mediator(recorded: Recorded) -> Seen:
    """The whole event, except a bound (nobody sees one) and an unshared profile's contents."""
    event, seq, at = recorded.event, recorded.seq, recorded.at
    match event:
        case TalkOpened():
            return _opening(recorded, event, event.delegates)
        case Joined():
            return JoinView(seq, at, event.by, event.name, event.role, event.party)
        case Left():
            return LeaveView(seq, at, event.by, event.name, event.role, event.party)
        case Said():
            return _statement(recorded, event)
        case Released():
            return _release(recorded, event)
        case Conveyed():
            return CarriageView(
                seq,
                at,
                event.by,
                event.source,
                event.from_room,
                event.to_room,
                event.mode,
                event.text,
                event.terms,
            )
        case Noted():
            return NoteView(seq, at, event.by, event.text)
        case SentToTrack():
            return _sent_to_track(recorded, event, there=event.there)
        case ReceivedFromTrack():
            return _received_from_track(recorded, event, there=event.there)
        case Consented():
            return ConsentView(seq, at, event.by, event.party)
        case Offered():
            return _offer(recorded, event)
        case Signed():
            return _signature(recorded, event)
        case Agreed():
            return _agreement(recorded, event, event.ref)
        case OfferAnswered():
            return OfferAnswerView(
                seq, at, event.by, event.party, event.offer, event.via, event.accept
            )
        case BidSubmitted():
            return BidView(seq, at, event.by, event.party, event.number)
        case ProfileSubmitted() if not event.shared:
            return ProfileView(seq, at, event.by, event.party, None, None, None, False)
        case Answered() | ProposalAnswered() | ProfileSubmitted():
            return _private(recorded, event)
        case (
            JointRoomOpened()
            | AgendaSet()
            | Drafted()
            | Closed()
            | Proposed()
            | ProposalConcluded()
            | BidOpened()
            | BidSettled()
            | IncidentReported()
        ):
            return _circulated(recorded, event)
        case _:
            # Every kind is named: one added to `Event` and left out here is a type error, and
            # an unknown one at run time raises, rather than being shown whole by default.
            assert_never(event)


def _opening(recorded: Recorded, event: TalkOpened, delegates: tuple[Delegate, ...]) -> Seen:
    return OpeningView(
        recorded.seq,
        recorded.at,
        event.title,
        event.parties,
        event.mediators,
        delegates,
        event.default_handling,
        event.hide_carried_text,
        event.bid_rule,
        event.notice,
        event.process,
    )


def _sent_to_track(recorded: Recorded, event: SentToTrack, there: str | None) -> Seen:
    return SentToTrackView(
        recorded.seq,
        recorded.at,
        event.by,
        event.statement,
        event.from_room,
        event.to_track,
        event.to_title,
        event.to_room,
        event.mode,
        event.text,
        there,
    )


def _received_from_track(recorded: Recorded, event: ReceivedFromTrack, there: str | None) -> Seen:
    return ReceivedFromTrackView(
        recorded.seq,
        recorded.at,
        event.by,
        event.room,
        event.from_track,
        event.from_title,
        event.from_party,
        event.mode,
        event.text,
        there,
    )


def _statement(recorded: Recorded, event: Said) -> Seen:
    return StatementView(
        recorded.seq, recorded.at, event.by, event.room, event.text, event.handling
    )


def _release(recorded: Recorded, event: Released) -> Seen:
    return ReleaseView(
        recorded.seq, recorded.at, event.by, event.statement, event.handling, event.previous
    )


def _offer(recorded: Recorded, event: Offered) -> Seen:
    return OfferView(
        recorded.seq, recorded.at, event.by, event.room, event.terms, event.text, event.handling
    )


def _agreement(recorded: Recorded, event: Agreed, ref: int | None) -> Seen:
    return AgreementView(
        recorded.seq,
        recorded.at,
        event.reached_on,
        ref,
        event.terms,
        event.clauses,
        event.text_hash,
    )


def _private(
    recorded: Recorded, event: Answered | ProposalAnswered | BidSubmitted | ProfileSubmitted
) -> Seen:
    """One party's own choice, whole: for that party (and, where the rules allow, mediators)."""
    seq, at = recorded.seq, recorded.at
    match event:
        case Answered():
            return AnswerView(
                seq,
                at,
                event.by,
                event.party,
                event.version,
                event.accept,
                event.prefer,
                event.comparison,
                event.comment,
            )
        case ProposalAnswered():
            return ProposalAnswerView(seq, at, event.by, event.party, event.number, event.accept)
        case BidSubmitted():
            return BidView(seq, at, event.by, event.party, event.number, event.bound)
        case ProfileSubmitted():
            return ProfileView(
                seq,
                at,
                event.by,
                event.party,
                event.weights,
                event.values,
                event.reservation,
                event.shared,
            )
        case _:
            assert_never(event)


Circulated = (
    JointRoomOpened
    | AgendaSet
    | Drafted
    | Closed
    | Proposed
    | ProposalConcluded
    | BidOpened
    | BidSettled
    | IncidentReported
)
"""Events every participant sees whole (a bid's opening with the notice of what it reveals)."""


def _circulated(recorded: Recorded, event: Circulated) -> Seen:
    seq, at = recorded.seq, recorded.at
    match event:
        case JointRoomOpened():
            return JointOpenedView(seq, at)
        case AgendaSet():
            return AgendaView(seq, at, event.by, event.issues, event.escalation)
        case Drafted():
            return DraftView(seq, at, event.by, event.version, event.terms, event.clauses)
        case Closed():
            return ClosingView(seq, at, event.by, event.reason)
        case Proposed():
            return ProposalView(seq, at, event.by, event.number, event.terms, event.clauses)
        case ProposalConcluded():
            return ProposalOutcomeView(seq, at, event.number, event.agreed)
        case BidOpened():
            return BidOpenedView(
                seq,
                at,
                event.by,
                event.number,
                event.issue,
                event.high,
                event.low,
                event.rule,
                BID_NOTICE[event.rule],
            )
        case BidSettled():
            return BidSettledView(seq, at, event.number, event.issue, event.value)
        case IncidentReported():
            return IncidentView(seq, at, event.by, event.text, event.drop)
        case _:
            assert_never(event)


def visible_record(participant: Participant, state: TalkState, after: int = 0) -> Iterator[Seen]:
    """The participant's view of the talk after event `after` (the whole view by default), in
    record order."""
    for recorded in state.record[max(0, after) :]:
        seen = view_of(participant, recorded, state)
        if seen is not None:
            yield seen


def _signature(recorded: Recorded, event: Signed) -> SignatureView:
    return SignatureView(
        recorded.seq,
        recorded.at,
        event.by,
        event.party,
        event.text_hash,
        event.head,
        event.intent,
    )


def reveals_all(seen: Seen, document: Mapping[str, Any]) -> bool:
    """Whether `seen` is the stored event `document` (its ``at``, ``kind`` and ``data``) shown
    with every value of its data.

    Only then may a participant be given the event's salt and bytes (its proof's "readable"
    entries): the bytes must tell it nothing the view did not. Asked of the recorded data
    itself, not of a rebuilt event, so that a field the view leaves out is never handed over.
    """
    if (document.get("at"), document.get("kind")) != (seen.at, seen.kind):
        return False
    shown = seen.to_dict()
    return all(shown.get(key) == value for key, value in document.get("data", {}).items())


def can_see(participant: Participant, seq: int, state: TalkState) -> bool:
    """Whether event `seq` exists for this participant (the rules ask before they refuse)."""
    recorded = state.recorded(seq)
    return recorded is not None and view_of(participant, recorded, state) is not None
