"""The rules of proximity talks: `decide(state, command)` returns new events or refuses.

It opens a talk and otherwise hands each command to its seam's rules (the conversation, the
single text, proposals, blind bids, offers, profiles), which name their every command.

Pure: no database, no clock. Every refusal names the rule and what would be allowed, and never
mentions anything the actor could not see: an event, room or participant outside the actor's
view is answered exactly as one that does not exist.
"""

from __future__ import annotations

from typing import assert_never

from shuttle.talks.bids.commands import BidCommand
from shuttle.talks.bids.rules import decide_bids
from shuttle.talks.commands import Command
from shuttle.talks.common import participant_named, require_open
from shuttle.talks.conversation.commands import ConversationCommand, OpenTalk
from shuttle.talks.conversation.rules import decide_conversation, open_talk
from shuttle.talks.events import Event
from shuttle.talks.offers.commands import OfferCommand
from shuttle.talks.offers.rules import decide_offers
from shuttle.talks.profiles.commands import ProfileCommand
from shuttle.talks.profiles.rules import decide_profiles
from shuttle.talks.proposals.commands import ProposalCommand
from shuttle.talks.proposals.rules import decide_proposals
from shuttle.talks.refusals import Invalid, NotFound, Refused
from shuttle.talks.single_text.commands import TextCommand
from shuttle.talks.single_text.rules import agenda_event, decide_text
from shuttle.talks.state import TalkState
from shuttle.talks.tracks.commands import TrackCommand
from shuttle.talks.tracks.rules import decide_tracks


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
    if not actor.present:
        raise Refused(
            "you no longer take part in this talk", "ask a mediator to add you under a new name"
        )
    require_open(state)
    if isinstance(command, ConversationCommand):
        return decide_conversation(state, actor, command)
    if isinstance(command, TextCommand):
        return decide_text(state, actor, command)
    if isinstance(command, ProposalCommand):
        return decide_proposals(state, actor, command)
    if isinstance(command, BidCommand):
        return decide_bids(state, actor, command)
    if isinstance(command, OfferCommand):
        return decide_offers(state, actor, command)
    if isinstance(command, TrackCommand):
        return decide_tracks(state, actor, command)
    if isinstance(command, ProfileCommand):
        return decide_profiles(state, actor, command)
    assert_never(command)
