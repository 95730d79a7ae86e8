"""Running one command: `decide` must do what the oracle predicts -- the same events, or a
refusal -- and a refusal must tell its actor nothing the actor may not know.

An accepted command's events are folded into the talk and booked by the oracle; a refused one
changes neither. An event the actor cannot see must be refused exactly as one that does not
exist.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import event as note_event

from shuttle.talks import (
    JOINT_ROOM,
    AnswerOffer,
    Command,
    NotFound,
    OpenTalk,
    Recorded,
    Refusal,
    Release,
    Say,
    decide,
    evolve,
)
from tests.talks.confidentiality.machine.base import MachineBase
from tests.talks.confidentiality.machine.vocabulary import AT
from tests.talks.confidentiality.oracle.vocabulary import nfc


def digits_blurred(message: str) -> str:
    """A refusal with its numbers blanked, to compare refusals naming different events."""
    return re.sub(r"[0-9]+", "#", message)


class Running(MachineBase):
    """Issuing commands and holding the outcome to the oracle's prediction."""

    def run(self, command: Command) -> None:
        expected = self.oracle.expect(command)
        before = self.state
        try:
            events = decide(self.state, command)
        except Refusal as refusal:
            assert self.state is before and self.state.last_seq == self.oracle.last
            self.check_refusal(command, refusal)
            assert expected is None, f"{command} was refused ({refusal!r}); the rules allow it"
            note_event(f"refused {type(command).__name__}")
            return
        # What the rules forbid -- a carriage of a mediator-only statement, a paraphrase of a
        # verbatim-only one, a bound from a party outside the bid -- is never accepted.
        assert expected is not None, f"{command} was accepted as {events}; the rules forbid it"
        assert events == expected, f"{command} gave {events}, expected {expected}"
        note_event(f"accepted {type(command).__name__}")
        for event in events:
            self.state = evolve(self.state, Recorded(self.state.last_seq + 1, AT, event))
            self.oracle.book(event)

    def check_refusal(self, command: Command, refusal: Refusal) -> None:
        """A refusal tells the actor nothing it may not know, and an event it cannot see is
        refused exactly as one that does not exist."""
        if isinstance(command, OpenTalk):
            return
        oracle = self.oracle
        actor = oracle.person(command.actor)
        message = str(refusal)
        typed = repr(command)
        known = oracle.secrets_in(typed)  # what the actor typed itself may be quoted back
        if actor is not None:
            known |= oracle.readable(actor.party)
        leaked = oracle.secrets_in(message) - known
        assert not leaked, f"refusal of {command} leaks {leaked}: {message}"
        if actor is None or actor.party is None:
            return
        party = actor.party
        for other in oracle.delegates():
            if other.party != party and other.name not in typed:
                assert other.name not in message, f"refusal names {other.name}: {message}"
        named = self.named_event(command)
        if named is not None:
            exists = 1 <= named <= oracle.last
            # Someone who left is refused as such whatever it names (the twin check below
            # holds that to the same answer for an event that exists and one that does not).
            present = actor.left is None
            hidden = not (exists and oracle.visible_to(named, party))
            if hidden and oracle.negotiating and present:
                assert isinstance(refusal, NotFound), f"{command}: {refusal!r} reveals the event"
            if exists and not oracle.visible_to(named, party):
                twin = self.refusal_of(self.naming(command, oracle.last + 7))
                same = type(twin) is type(refusal)
                same = same and digits_blurred(str(twin)) == digits_blurred(message)
                assert same, f"{command}: {refusal!r}, but for no such event: {twin!r}"
        if isinstance(command, Say) and command.room is not None and not oracle.closed:
            elsewhere = nfc(command.room) not in (party, JOINT_ROOM)
            if actor.left is None:
                assert not elsewhere or isinstance(refusal, NotFound), f"{command}: {refusal!r}"
            else:
                # Whoever left hears that alone, whichever room it names.
                assert not isinstance(refusal, NotFound), f"{command}: {refusal!r}"

    @staticmethod
    def named_event(command: Command) -> int | None:
        """The event a command names by its sequence number, if any."""
        if isinstance(command, Release):
            return command.statement
        if isinstance(command, AnswerOffer):
            return command.via
        return None

    @staticmethod
    def naming(command: Command, seq: int) -> Command:
        """The same command, naming event `seq` instead."""
        if isinstance(command, Release):
            return replace(command, statement=seq)
        assert isinstance(command, AnswerOffer)
        return replace(command, via=seq)

    def refusal_of(self, command: Command) -> Refusal:
        try:
            decide(self.state, command)
        except Refusal as refusal:
            return refusal
        raise AssertionError(f"{command}, naming no event, was accepted")
