"""What the rules say of words and their carriage: speaking in a room, releasing a statement's
handling, a mediator conveying it to another room, consenting to the joint room, and joining.

Each prediction is the list of events the command must produce, or None: refused.
"""

from __future__ import annotations

from shuttle.talks import JOINT_ROOM, Convey, Handling, Join, Leave, Mode, Release, Role, Say
from shuttle.talks.conversation.events import (
    Consented,
    Conveyed,
    Joined,
    JointRoomOpened,
    Left,
    Released,
    Said,
)
from shuttle.talks.events import Event
from tests.talks.confidentiality.oracle.books import Books, Person
from tests.talks.confidentiality.oracle.vocabulary import Pairs, nfc, trimmed

# The oracle's own order of handlings, most restrictive first (not Handling.openness).
RANK = {Handling.MEDIATOR_ONLY: 0, Handling.VERBATIM_ONLY: 1, Handling.MAY_CONVEY: 2}


class WordPredictions(Books):
    """Predictions for saying, releasing, conveying, consenting and joining."""

    def expect_say(self, actor: Person, command: Say) -> list[Event] | None:
        room: str | None
        if command.room is None:
            room = actor.party  # a mediator must name the room
        elif nfc(command.room) == JOINT_ROOM:
            room = JOINT_ROOM if self.joint_opened_at is not None else None
        elif actor.party is None:
            room = self.party(command.room)
        else:
            room = actor.party if nfc(command.room) == actor.party else None
        text = trimmed(command.text)
        if room is None or text is None:
            return None
        return [Said(actor.name, room, text, command.handling or self.default_handling)]

    def expect_release(self, actor: Person, command: Release) -> list[Event] | None:
        entry = self.entries.get(command.statement)
        if actor.party is None or entry is None or entry.kind not in ("said", "offered"):
            return None
        assert entry.handling is not None
        if entry.party != actor.party or entry.room != actor.party:
            return None
        wanted = command.handling
        if wanted is entry.handling:
            return None
        if RANK[wanted] < RANK[entry.handling] and entry.carried:
            return None  # tightening after a carriage
        return [Released(actor.name, command.statement, wanted, entry.handling)]

    def expect_convey(self, actor: Person, command: Convey) -> list[Event] | None:
        entry = self.entries.get(command.statement)
        if actor.party is not None or entry is None or entry.kind not in ("said", "offered"):
            return None
        if entry.party is None or entry.room != entry.party:
            return None  # a mediator's own statement, or one made in the joint room
        to = self.party(command.to)
        assert entry.text is not None and entry.handling is not None
        if to is None or to == entry.room or entry.handling is Handling.MEDIATOR_ONLY:
            return None
        terms: Pairs = ()
        if command.mode is Mode.VERBATIM:
            if command.text is not None and command.text.strip() != entry.text:
                return None
            text = entry.text
            terms = entry.terms  # an offer carried word for word takes its terms along
        else:
            paraphrase = trimmed(command.text)
            if entry.handling is not Handling.MAY_CONVEY or paraphrase is None:
                return None
            text = paraphrase
        return [Conveyed(actor.name, command.statement, entry.room, to, command.mode, text, terms)]

    def expect_consent(self, actor: Person) -> list[Event] | None:
        party = actor.party
        if party is None or self.joint_opened_at is not None or party in self.consents:
            return None
        events: list[Event] = [Consented(actor.name, party)]
        if self.consents | {party} == set(self.parties):
            events.append(JointRoomOpened())
        return events

    def expect_join(self, actor: Person, command: Join) -> list[Event] | None:
        name = nfc(command.name)
        if actor.party is not None or not name or name in self.people or name in self.parties:
            # a name once in the talk stays taken after its bearer left
            return None
        if command.role is Role.MEDIATOR:
            return (
                None
                if command.party is not None
                else [Joined(actor.name, name, Role.MEDIATOR, None)]
            )
        party = None if command.party is None else self.party(command.party)
        return None if party is None else [Joined(actor.name, name, Role.DELEGATE, party)]

    def expect_leave(self, actor: Person, command: Leave) -> list[Event] | None:
        """A participant leaves, or a mediator removes another; never the last mediator."""
        gone = self.person(command.name)
        if gone is None or gone.left is not None:
            return None
        if actor.party is not None and gone is not actor:
            return None  # a delegate removes nobody but itself
        if gone.party is None and self.mediators() == [gone]:
            return None
        role = Role.MEDIATOR if gone.party is None else Role.DELEGATE
        return [Left(actor.name, gone.name, role, gone.party)]
