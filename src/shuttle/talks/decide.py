"""The rules of proximity talks: `decide(state, command)` returns new events or refuses.

Pure: no database, no clock. Every refusal names the rule and what would be allowed, and never
mentions anything the actor could not see: an event, room or participant outside the actor's
view is answered exactly as one that does not exist.
"""

from __future__ import annotations

from shuttle.talks.bid_rules import bid, open_bid
from shuttle.talks.commands import Command, Consent, Convey, Join, Note, OpenTalk, Release, Say
from shuttle.talks.common import participant_named, require_open
from shuttle.talks.conversation_rules import (
    consent,
    convey,
    join,
    note,
    open_talk,
    release,
    say,
)
from shuttle.talks.events import Event
from shuttle.talks.negotiation_commands import (
    Answer,
    AnswerOffer,
    AnswerProposal,
    Bid,
    Close,
    Draft,
    Offer,
    OpenBid,
    Propose,
    ReportIncident,
    SetAgenda,
    Sign,
    SubmitProfile,
)
from shuttle.talks.offer_rules import answer_offer, offer
from shuttle.talks.profile_rules import submit_profile
from shuttle.talks.proposal_rules import answer_proposal, propose
from shuttle.talks.refusals import Invalid, NotFound, Refused
from shuttle.talks.state import TalkState
from shuttle.talks.text_rules import agenda_event, answer, close, draft, incident, set_agenda, sign


def decide(state: TalkState, command: Command) -> list[Event]:
    """The events that carrying out `command` adds to the record, or a Refusal."""
    if isinstance(command, OpenTalk):
        if state.opened:
            raise Refused("a talk is opened once", "open a new talk instead")
        opened: list[Event] = [open_talk(command)]
        if command.agenda is not None:
            opened.append(agenda_event(None, command.agenda, command.escalation))
        elif command.escalation:
            raise Invalid("an escalation schedule needs an agenda")
        return opened
    if not state.opened:
        raise NotFound("talk not found")
    actor = participant_named(state, command.actor)
    require_open(state)
    match command:
        case Join():
            return [join(state, actor, command)]
        case Say():
            return [say(state, actor, command)]
        case Release():
            return [release(state, actor, command)]
        case Convey():
            return [convey(state, actor, command)]
        case Note():
            return [note(actor, command)]
        case Consent():
            return consent(state, actor)
        case SetAgenda():
            return set_agenda(state, actor, command)
        case Draft():
            return draft(state, actor, command)
        case Answer():
            return answer(state, actor, command)
        case Sign():
            return sign(state, actor, command)
        case Close():
            return close(state, actor, command)
        case ReportIncident():
            return incident(state, actor, command)
        case Propose():
            return propose(state, actor, command)
        case AnswerProposal():
            return answer_proposal(state, actor, command)
        case OpenBid():
            return open_bid(state, actor, command)
        case Bid():
            return bid(state, actor, command)
        case SubmitProfile():
            return submit_profile(state, actor, command)
        case Offer():
            return offer(state, actor, command)
        case AnswerOffer():
            return answer_offer(state, actor, command)
