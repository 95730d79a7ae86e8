"""What an actor asks a talk to do: every command, by seam. `decide` turns them into events.

Fields hold what the actor typed (names not yet normalised, text not yet trimmed): checking
them is `decide`'s job, so every surface -- command line, web, simulations -- gets the same
rules and the same messages. Each seam lists its own commands; this is their sum.
"""

from __future__ import annotations

from shuttle.talks.bids.commands import BidCommand
from shuttle.talks.conversation.commands import ConversationCommand, OpenTalk
from shuttle.talks.offers.commands import OfferCommand
from shuttle.talks.profiles.commands import ProfileCommand
from shuttle.talks.proposals.commands import ProposalCommand
from shuttle.talks.single_text.commands import TextCommand
from shuttle.talks.tracks.commands import TrackCommand

NegotiationCommand = TextCommand | ProposalCommand | BidCommand | OfferCommand | ProfileCommand
"""What a participant asks of the negotiation itself."""

Command = OpenTalk | ConversationCommand | TrackCommand | NegotiationCommand
"""Every command a talk can be asked."""
