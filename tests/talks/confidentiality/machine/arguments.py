"""Choosing actors and typing a command's arguments from what a rule drew.

Names are picked from the talk's participants (and names that are none), rooms and events from
those the oracle knows of, and every text is given its unique token as it is typed -- sometimes
padded, decomposed or garbled, as people type.
"""

from __future__ import annotations

from shuttle.talks import JOINT_ROOM
from tests.talks.confidentiality.machine.base import MachineBase
from tests.talks.confidentiality.machine.draws import PreferDraw, TermsDraw, TextDraw
from tests.talks.confidentiality.machine.vocabulary import BLANKS, GHOSTS, nfd
from tests.talks.confidentiality.oracle.vocabulary import Pairs


class Arguments(MachineBase):
    """Turning draws into actors, rooms, events, texts, terms and heads."""

    def text(self, draw: TextDraw) -> str:
        if draw.after is None:
            return BLANKS[len(draw.before) % len(BLANKS)]
        return self.oracle.token_text(draw.before, draw.hex8, draw.after)

    def actor_name(self, pick: int) -> str:
        """Any participant, or a name that is none, sometimes typed with blanks around it."""
        index, padding = divmod(pick, 3)
        names = [*self.oracle.people, *GHOSTS, *self.oracle.parties]
        pad = ("", " ", "\t")[padding]
        return f"{pad}{names[index % len(names)]}{pad}"

    def mediator(self, pick: int) -> str:
        mediators = self.oracle.mediators()
        return mediators[pick % len(mediators)].name

    def delegate_in(self, parties: list[str], pick: int) -> str:
        """A delegate of one of `parties` (of any party if none is named)."""
        people = [p for p in self.oracle.delegates() if p.party in parties]
        people = people or self.oracle.delegates()
        return people[pick % len(people)].name

    def room_name(self, pick: int) -> str | None:
        rooms: list[str | None] = [None, *self.oracle.parties, JOINT_ROOM, "Nowhere"]
        room = rooms[pick % len(rooms)]
        if room is not None and pick % 7 == 0:
            room = f" {nfd(room)} "
        return room

    def seq(self, pick: int) -> int:
        return pick % (self.oracle.last + 3)

    def probe(self, pick: int, seq: int) -> tuple[str, int]:
        """A delegate, and an event its party may not see (any event, if there is none): a
        command naming it must be refused as if it did not exist."""
        delegate = self.oracle.delegates()[pick % len(self.oracle.delegates())]
        hidden = [s for s in self.oracle.entries if not self.oracle.visible_to(s, delegate.party)]
        return delegate.name, hidden[seq % len(hidden)] if hidden else self.seq(seq)

    def typed_terms(self, draw: TermsDraw, aimed: bool = False) -> Pairs:
        """Terms over the current agenda; aimed, well typed and keeping settled options."""
        settled = self.oracle.settled
        pairs = [
            (name, settled[name] if aimed and name in settled else options[pick % len(options)])
            for (name, options), pick in zip(self.oracle.agenda, draw.picks, strict=False)
        ]
        flaw = "" if aimed else draw.flaw
        if flaw == "missing":
            pairs.pop()
        elif flaw == "option":
            pairs[0] = (pairs[0][0], "99")
        elif flaw == "issue":
            pairs.append(("Nowhere", "10"))
        elif flaw == "typed":
            pairs = [(f" {nfd(name)}", f"{option} ") for name, option in pairs]
        return tuple(pairs)

    def clauses(self, draws: list[TextDraw]) -> tuple[str, ...]:
        return tuple(self.text(draw) for draw in draws)

    def typed_prefer(self, draw: PreferDraw, aimed: bool) -> Pairs:
        """Options other than the current draft's (or, `same`, the draft's own)."""
        drafted = dict(self.oracle.drafts[-1][0]) if self.oracle.drafts else {}
        agenda = self.oracle.agenda
        prefer: dict[str, str] = {}
        for pick in draw.issues:
            name, options = agenda[pick % len(agenda)]
            if aimed and name in self.oracle.settled:
                continue
            index = options.index(drafted[name]) if name in drafted else 0
            shift = 0 if draw.same and not aimed else 1 + pick % (len(options) - 1)
            prefer[name] = options[(index + shift) % len(options)]
        return tuple(prefer.items())

    def head(self, kind: str) -> str | None:
        """A record head (SEQ:HASH) as a signer types it: current, stale, absent or garbled."""
        digest = "ab" * 32
        return {
            "current": f"{self.oracle.last}:{digest}",
            "stale": f"{self.oracle.last - 1}:{digest}",
            "none": None,
            "bad": f"{self.oracle.last}:{digest[:10]}",
        }[kind]
