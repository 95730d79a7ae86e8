"""The machine's rules for words and their carriage: saying, releasing a statement's handling,
conveying it to another room, noting, consenting to the joint room, and joining.

Carriages are where words leak if anywhere, so aimed tries speak in a delegate's own room (what
carriages are made of) and carry such statements to another party's room.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from shuttle.talks import (
    JOINT_ROOM,
    Consent,
    Convey,
    Handling,
    Join,
    Leave,
    Mode,
    Note,
    Release,
    Role,
    Say,
)
from tests.talks.confidentiality.machine.arguments import Arguments
from tests.talks.confidentiality.machine.draws import TextDraw, actors, picks, texts
from tests.talks.confidentiality.machine.running import Running
from tests.talks.confidentiality.machine.vocabulary import HANDLINGS


class WordRules(Arguments, Running):
    """Rules: say, release, convey, note, consent, join."""

    @rule(
        actor=actors,
        room=picks,
        handling=st.sampled_from(HANDLINGS),
        text=texts,
        aimed=st.booleans(),
    )
    def say(
        self, actor: int, room: int, handling: Handling | None, text: TextDraw, aimed: bool
    ) -> None:
        if not aimed:
            self.run(Say(self.actor_name(actor), self.text(text), self.room_name(room), handling))
            return
        self.delegate_says(actor, text, handling, room)

    def delegate_says(
        self, pick: int, text: TextDraw, handling: Handling | None, room: int = 0
    ) -> None:
        """A delegate speaks in its own room, named or not (what carriages are made of), or in
        the joint room."""
        speaker = self.oracle.delegates()[pick % len(self.oracle.delegates())]
        rooms = (None, speaker.party, JOINT_ROOM)
        self.run(Say(speaker.name, self.text(text), rooms[room % len(rooms)], handling))

    @rule(
        actor=actors,
        statement=picks,
        handling=st.sampled_from(Handling),
        aimed=st.booleans(),
        probe=st.booleans(),
    )
    def release(
        self, actor: int, statement: int, handling: Handling, aimed: bool, probe: bool
    ) -> None:
        if not aimed:
            who, seq = self.probe(actor, statement) if probe else (None, self.seq(statement))
            self.run(Release(who or self.actor_name(actor), seq, handling))
            return
        # A statement its releaser can see: one of its own room (a delegate's, which it may
        # release, or a mediator's) or of the joint room (its own party's or another's).
        statements = self.oracle.statements()
        if not statements:
            self.delegate_says(actor, TextDraw("", f"{statement:08x}", ""), None)
            return
        seq, entry = statements[statement % len(statements)]
        releasers = [p for p in self.oracle.delegates() if entry.room in (p.party, JOINT_ROOM)]
        self.run(Release(releasers[actor % len(releasers)].name, seq, handling))

    @rule(
        actor=actors,
        statement=picks,
        to=picks,
        mode=st.sampled_from(Mode),
        how=st.sampled_from(("none", "fresh", "source", "blank")),
        text=texts,
        aimed=st.booleans(),
    )
    def convey(
        self,
        actor: int,
        statement: int,
        to: int,
        mode: Mode,
        how: str,
        text: TextDraw,
        aimed: bool,
    ) -> None:
        """A mediator carries words or an offer (verbatim: with its terms) to another room."""
        statements = self.oracle.delegate_statements()
        if aimed and not statements:
            self.delegate_says(actor, text, None)
            return
        if not aimed:
            seq = self.seq(statement)
            targets = [*self.oracle.parties, JOINT_ROOM, "Nowhere"]
            actor_name = self.actor_name(actor)
            target = targets[to % len(targets)]
        else:
            # Whether the statement's handling allows it is left to chance.
            seq, entry = statements[statement % len(statements)]
            actor_name = self.mediator(actor)
            others = [party for party in self.oracle.parties if party != entry.room]
            target = others[to % len(others)]
            if mode is Mode.PARAPHRASE:
                how = "fresh"
            elif how not in ("none", "source"):
                how = "none"
        self.run(Convey(actor_name, seq, target, mode, self.carried_text(seq, how, text)))

    def carried_text(self, seq: int, how: str, draw: TextDraw) -> str | None:
        entry = self.oracle.entries.get(seq)
        if how == "source" and entry is not None and entry.text is not None:
            return f" {entry.text}\n"
        if how == "blank":
            return " "
        return self.text(draw) if how == "fresh" else None

    @rule(actor=actors, text=texts)
    def note(self, actor: int, text: TextDraw) -> None:
        self.run(Note(self.actor_name(actor), self.text(text)))

    @rule(actor=actors, aimed=st.booleans())
    def consent(self, actor: int, aimed: bool) -> None:
        waiting = [p for p in self.oracle.delegates() if p.party not in self.oracle.consents]
        if aimed and waiting:
            self.run(Consent(waiting[actor % len(waiting)].name))
        else:
            self.run(Consent(self.actor_name(actor)))

    @rule(
        actor=actors,
        name=st.sampled_from(("new", "new", "existing", "party", "blank")),
        role=st.sampled_from(Role),
        party=picks,
    )
    def join(self, actor: int, name: str, role: Role, party: int) -> None:
        if name == "new":
            joiner = f"Joiner·{len(self.oracle.people)}·"  # no name is a prefix of another
        elif name == "existing":
            joiner = next(iter(self.oracle.people))
        elif name == "party":
            joiner = self.oracle.parties[0]
        else:
            joiner = " "
        parties: list[str | None] = [None, *self.oracle.parties, "Nowhere"]
        self.run(Join(self.actor_name(actor), joiner, role, parties[party % len(parties)]))

    @rule(actor=actors, other=actors, own=st.booleans())
    def leave(self, actor: int, other: int, own: bool) -> None:
        """Leaving, or removing someone -- but never a party's last delegate, whose room the
        machine keeps checking through it (the rules allow it: see the rules' unit tests)."""
        name = self.actor_name(actor)
        whom = name if own else self.actor_name(other)
        gone = self.oracle.person(whom)
        if gone is not None and gone.party is not None and gone.left is None:
            colleagues = [p for p in self.oracle.delegates() if p.party == gone.party]
            if len(colleagues) < 2:
                return
        self.run(Leave(name, whom))
