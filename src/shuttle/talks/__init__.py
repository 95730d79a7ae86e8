"""The talk domain, pure: events, commands, state, the rules (`decide`) and who sees what.

Arranged along seams, each with its events, commands, rules and fold side by side:
`conversation` (rooms, statements, carriages, consent), `single_text` (agenda, drafts,
answers, agreement, signatures, incidents), `proposals`, `bids`, `offers` and `profiles`.
Across them: `events` and `commands` (the one list of each, the sum of the seams'),
`state` and `negotiation` (the fold), `decide` (the rules' dispatch), `visibility` (`view_of`),
`views` (what a participant can see of one event) and `talk_view` (the read model).
"""

from shuttle.talks.agenda import Agenda, AgendaIssue, Terms, agenda_of_space, describe_terms
from shuttle.talks.bids.commands import Bid, OpenBid
from shuttle.talks.commands import Command
from shuttle.talks.conversation.commands import (
    Consent,
    Convey,
    Join,
    Leave,
    Note,
    OpenTalk,
    Release,
    Say,
)
from shuttle.talks.conversation.events import Delegate
from shuttle.talks.conversation.statement import Statement
from shuttle.talks.decide import decide
from shuttle.talks.events import Event, Recorded, event_from_data, to_data
from shuttle.talks.negotiation import Negotiation
from shuttle.talks.numbers import escalated
from shuttle.talks.offers.commands import AnswerOffer, Offer
from shuttle.talks.participant import Participant
from shuttle.talks.profiles.commands import SubmitProfile
from shuttle.talks.profiles.fold import PartyProfile
from shuttle.talks.profiles.preferences import engine_profile
from shuttle.talks.proposals.commands import AnswerProposal, Propose
from shuttle.talks.refusals import Hint, Invalid, NotFound, Refusal, Refused
from shuttle.talks.single_text.commands import (
    Answer,
    Close,
    Draft,
    Incident,
    ReportIncident,
    SetAgenda,
    Sign,
)
from shuttle.talks.state import TalkState, evolve, fold, initial_state
from shuttle.talks.talk_view import Awaiting, Conversation, Member, RoomItem, Status, TalkView
from shuttle.talks.tracks.commands import ReceiveFromTrack, SendToTrack
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
from shuttle.talks.visibility import reveals_all, view_of, visible_record
from shuttle.talks.vocabulary import JOINT_ROOM, BidRule, Comparison, Handling, Mode, Role, Source

__all__ = [
    "JOINT_ROOM",
    "Agenda",
    "AgendaIssue",
    "AgendaView",
    "AgreementView",
    "Answer",
    "AnswerOffer",
    "AnswerProposal",
    "AnswerView",
    "Awaiting",
    "Bid",
    "BidOpenedView",
    "BidRule",
    "BidSettledView",
    "BidView",
    "Carriage",
    "CarriageView",
    "CarriedInView",
    "CarriedOutView",
    "Close",
    "ClosingView",
    "Command",
    "Comparison",
    "Consent",
    "ConsentView",
    "Conversation",
    "ConversationSeen",
    "Convey",
    "Delegate",
    "Draft",
    "DraftView",
    "Event",
    "Handling",
    "Hint",
    "Incident",
    "IncidentView",
    "Invalid",
    "Join",
    "JoinView",
    "JointOpenedView",
    "Leave",
    "LeaveView",
    "Member",
    "Mode",
    "Negotiation",
    "NegotiationSeen",
    "NotFound",
    "Note",
    "NoteView",
    "Offer",
    "OfferAnswerView",
    "OfferView",
    "OpenBid",
    "OpenTalk",
    "OpeningView",
    "Participant",
    "PartyProfile",
    "ProfileView",
    "ProposalAnswerView",
    "ProposalOutcomeView",
    "ProposalView",
    "Propose",
    "ReceiveFromTrack",
    "ReceivedFromTrackView",
    "Recorded",
    "Refusal",
    "Refused",
    "Release",
    "ReleaseView",
    "ReportIncident",
    "Role",
    "RoomItem",
    "Say",
    "Seen",
    "SendToTrack",
    "SentToTrackView",
    "SetAgenda",
    "Sign",
    "SignatureView",
    "Source",
    "Statement",
    "StatementView",
    "Status",
    "SubmitProfile",
    "TalkState",
    "TalkView",
    "Terms",
    "agenda_of_space",
    "decide",
    "describe_terms",
    "engine_profile",
    "escalated",
    "event_from_data",
    "evolve",
    "fold",
    "initial_state",
    "reveals_all",
    "to_data",
    "view_of",
    "visible_record",
]
