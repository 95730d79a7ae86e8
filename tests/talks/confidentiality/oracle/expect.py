"""The oracle whole: its books, its sight, its booking, and `Oracle.expect`, which says what any
command must produce by sending it to its family's predictions.

What holds for every command is decided here: a talk is opened once, nobody outside the talk
acts, nothing is added to a closed talk, negotiating stops once an agreement is reached (but for
signing it), and which commands are a mediator's and which a party's delegate's.
"""

from __future__ import annotations

from shuttle.talks import (
    Answer,
    AnswerOffer,
    AnswerProposal,
    Bid,
    Close,
    Command,
    Consent,
    Convey,
    Draft,
    Event,
    Join,
    Leave,
    Note,
    Offer,
    OpenBid,
    OpenTalk,
    Propose,
    Release,
    ReportIncident,
    Say,
    SetAgenda,
    Sign,
    SubmitProfile,
)
from shuttle.talks.conversation.events import Noted
from shuttle.talks.single_text.events import Closed
from tests.talks.confidentiality.oracle.bids import BidPredictions
from tests.talks.confidentiality.oracle.booking import Booking
from tests.talks.confidentiality.oracle.profiles_offers import ProfileAndOfferPredictions
from tests.talks.confidentiality.oracle.proposals import ProposalPredictions
from tests.talks.confidentiality.oracle.sight import Sight
from tests.talks.confidentiality.oracle.single_text import SingleTextPredictions
from tests.talks.confidentiality.oracle.vocabulary import trimmed
from tests.talks.confidentiality.oracle.words import WordPredictions


class Oracle(
    WordPredictions,
    SingleTextPredictions,
    ProposalPredictions,
    BidPredictions,
    ProfileAndOfferPredictions,
    Sight,
    Booking,
):
    """The books of one talk, and what the rules say of every command and every event."""

    def expect(self, command: Command) -> list[Event] | None:
        """The events `command` must produce, or None: the rules refuse it."""
        if isinstance(command, OpenTalk):
            return None  # a talk is opened once
        actor = self.person(command.actor)
        if actor is None or actor.left is not None or self.closed:
            # Nobody outside the talk acts, nor anyone who left it; nothing is added to a
            # closed talk.
            return None
        match command:
            case Say():
                return self.expect_say(actor, command)
            case Release():
                return self.expect_release(actor, command)
            case Convey():
                return self.expect_convey(actor, command)
            case Note():
                text = trimmed(command.text)
                return [Noted(actor.name, text)] if actor.party is None and text else None
            case Consent():
                return self.expect_consent(actor)
            case Join():
                return self.expect_join(actor, command)
            case Leave():
                return self.expect_leave(actor, command)
        # The rest negotiates, which stops once an agreement is reached.
        if not self.negotiating:
            signed = self.expect_sign(actor, command) if isinstance(command, Sign) else None
            return None if signed is None else [signed]
        by_mediator = actor.party is None
        match command:
            case SetAgenda():
                return self.expect_agenda(actor, command) if by_mediator else None
            case Draft():
                return self.expect_draft(actor, command) if by_mediator else None
            case Propose():
                return self.expect_propose(actor, command) if by_mediator else None
            case OpenBid():
                return self.expect_open_bid(actor, command) if by_mediator else None
            case ReportIncident():
                return self.expect_incident(actor, command) if by_mediator else None
            case Close():
                reason = trimmed(command.reason)
                if not by_mediator or (command.reason is not None and reason is None):
                    return None
                return [Closed(actor.name, reason)]
            case Sign():
                return None  # nothing agreed yet
        party = actor.party
        if party is None:
            return None  # the rest is for a party's delegates
        match command:
            case Answer():
                return self.expect_answer(actor.name, party, command)
            case AnswerProposal():
                return self.expect_answer_proposal(actor.name, party, command)
            case Bid():
                return self.expect_bid(actor.name, party, command)
            case SubmitProfile():
                return self.expect_profile(actor.name, party, command)
            case Offer():
                return self.expect_offer(actor.name, party, command)
            case AnswerOffer():
                return self.expect_answer_offer(actor.name, party, command)
        raise AssertionError(f"unexpected command {command}")
