"""Every view as a line for a document: who and when (the meta line), then what, in plain words.

One case per kind of view, matched exhaustively, so a new kind of view that documents forget is
a type error. The words are the view's own: nothing here may add what the view withholds.
"""

from __future__ import annotations

from typing import assert_never

from shuttle.talks import (
    JOINT_ROOM,
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
from shuttle.talks.agenda import describe_terms

HANDLING = {
    "mediator-only": "for the mediator only",
    "may-convey": "the mediator may carry it",
    "verbatim-only": "the mediator may carry it word for word only",
}


def when(at: str) -> str:
    """An ISO time as people read it: "2026-12-06 15:04 UTC"."""
    return at[:16].replace("T", " ") + " UTC" if len(at) >= 16 else at


def meta(seen: Seen) -> str:
    """The line above an entry: its number in the record, its time, who, and where."""
    parts = [f"#{seen.seq}", when(seen.at)]
    if seen.author:
        parts.append(seen.author)
    if seen.place:
        parts.append("joint room" if seen.place == JOINT_ROOM else f"room of {seen.place}")
    return " · ".join(parts)


def _verdict(accept: bool) -> str:
    return "accepted" if accept else "rejected"


def _with_clauses(text: str, clauses: tuple[str, ...]) -> str:
    return text + "".join(f"\nClause {i}: {c}" for i, c in enumerate(clauses, start=1))


def sentence(seen: Seen) -> str:
    """What happened, in words (the entry under `meta`)."""
    match seen:
        case OpeningView():
            return (
                f"Talk opened: {seen.title}. Parties: {', '.join(seen.parties)}. "
                f"Mediators: {', '.join(seen.mediators)}."
                + (f"\nNotice: {seen.notice}" if seen.notice else "")
            )
        case JoinView():
            where = "as a mediator" if seen.party is None else f"as a delegate of {seen.party}"
            return f"{seen.name} joined {where}."
        case LeaveView():
            how = "left the talk" if seen.by == seen.name else f"was removed by {seen.by}"
            return f"{seen.name} {how}."
        case StatementView():
            if seen.room == JOINT_ROOM:
                return seen.text
            return f"{seen.text}\n({HANDLING.get(seen.handling.value, seen.handling.value)})"
        case ReleaseView():
            return (
                f"Statement #{seen.statement} is now "
                f"{HANDLING.get(seen.handling.value, seen.handling.value)} "
                f"(was: {HANDLING.get(seen.previous.value, seen.previous.value)})."
            )
        case CarriageView():
            return (
                f"Carried #{seen.source} from the room of {seen.from_room} to the room of "
                f"{seen.to_room} ({seen.mode.value}):\n{seen.text}"
            )
        case CarriedOutView():
            words = "the words are not shown to the source" if seen.text_hidden else seen.text
            return (
                f"Your statement #{seen.source} was carried to the room of {seen.to_room} "
                f"({seen.mode.value}):\n{words}"
            )
        case CarriedInView():
            offered = f"\nOffer: {describe_terms(seen.terms)}" if seen.terms else ""
            return f"Carried from {seen.from_room} ({seen.mode.value}):\n{seen.text}{offered}"
        case SentToTrackView():
            return (
                f"Statement #{seen.statement} was carried to the room of {seen.to_room} in the "
                f"track {seen.to_title} ({seen.mode.value}):\n{seen.text}"
                + (f"\nThat track's head then: {seen.there}" if seen.there else "")
            )
        case ReceivedFromTrackView():
            return (
                f"Carried in from the track {seen.from_title}, where {seen.from_party} said it "
                f"({seen.mode.value}):\n{seen.text}"
                + (f"\nThat track's head then: {seen.there}" if seen.there else "")
            )
        case NoteView():
            return f"Private note: {seen.text}"
        case ConsentView():
            return f"{seen.party} agreed to meet in the joint room."
        case JointOpenedView():
            return "Every party agreed: the joint room is open."
        case OfferView():
            return (
                f"Offer: {describe_terms(seen.terms)}"
                + (f"\n{seen.text}" if seen.text else "")
                + f"\n({HANDLING.get(seen.handling.value, seen.handling.value)})"
            )
        case AgendaView():
            issues = "; ".join(f"{i.name}: {' | '.join(i.options)}" for i in seen.issues)
            steps = "".join(
                f"\nAfter round {s.after_round}, with chance {s.chance}: {s.text} "
                f"(reservation values fall by {s.drop})"
                for s in seen.escalation
            )
            return f"Agenda set. {issues}{steps}"
        case DraftView():
            return _with_clauses(
                f"Draft version {seen.version}: {describe_terms(seen.terms)}", seen.clauses
            )
        case AnswerView():
            line = f"{seen.party} {_verdict(seen.accept)} version {seen.version}"
            if seen.comparison:
                line += f"; {seen.comparison.value} than the version before"
            if seen.prefer:
                line += f"; would prefer {describe_terms(seen.prefer)}"
            return line + (f"\nComment: {seen.comment}" if seen.comment else "")
        case AgreementView():
            return (
                _with_clauses(f"Agreed: {describe_terms(seen.terms)}", seen.clauses)
                + f"\nText hash {seen.text_hash}"
            )
        case SignatureView():
            return f"{seen.by} signed for {seen.party}, at head {seen.head}." + (
                f"\n{seen.intent}" if seen.intent else ""
            )
        case ClosingView():
            return "Closed without agreement" + (f": {seen.reason}" if seen.reason else ".")
        case ProposalView():
            return _with_clauses(
                f"Mediator's proposal {seen.number} (take it or leave it): "
                f"{describe_terms(seen.terms)}",
                seen.clauses,
            )
        case ProposalAnswerView():
            return f"{seen.party} {_verdict(seen.accept)} proposal {seen.number}."
        case ProposalOutcomeView():
            done = "accepted by every party" if seen.agreed else "not accepted by every party"
            return f"Proposal {seen.number} was {done}."
        case BidOpenedView():
            return (
                f"Blind bid {seen.number} on {seen.issue}: {seen.high} bids high, "
                f"{seen.low} low ({seen.rule.value}). {seen.notice}"
            )
        case BidView():
            bound = f": bound {seen.bound}" if seen.bound is not None else " (bound not shown)"
            return f"{seen.party} bid in blind bid {seen.number}{bound}."
        case BidSettledView():
            settled = f"settled on {seen.value}" if seen.value is not None else "did not settle"
            return f"Blind bid {seen.number} on {seen.issue} {settled}."
        case ProfileView():
            return _profile(seen)
        case IncidentView():
            return f"Incident: {seen.text} (every reservation value falls by {seen.drop})"
        case OfferAnswerView():
            offer = f" #{seen.offer}" if seen.offer is not None else ""
            return f"{seen.party} {_verdict(seen.accept)} the offer{offer} carried in #{seen.via}."
        case _:
            assert_never(seen)


def _profile(seen: ProfileView) -> str:
    shared = "shared with the mediator" if seen.shared else "not shared with the mediator"
    if seen.weights is None or seen.values is None:
        return f"{seen.party} submitted its profile ({shared}; its numbers are not shown)."
    weights = ", ".join(f"{issue} {weight}" for issue, weight in seen.weights)
    values = "; ".join(f"{issue}: {option} {value}" for issue, option, value in seen.values)
    return (
        f"{seen.party}'s profile ({shared}). Weights: {weights}. Values: {values}. "
        f"Reservation value: {seen.reservation}."
    )
