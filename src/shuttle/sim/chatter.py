"""Words around the text, for demonstrations: after each round a delegate who cannot sign says
what it needs (letting the mediator carry it), and the mediator carries the gist to the other
rooms. It shows the rooms and the carriage at work; strategies ignore it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from shuttle.engine.strategies.protocol import DraftAnswer, Package
from shuttle.service import Appended
from shuttle.sim.cast import Cast
from shuttle.talks import Agenda, Command, Convey, Handling, Mode, Say


@dataclass
class Chatter:
    # The run's own way of carrying out a command, so that it knows the record's head after
    # whatever is said here too.
    do: Callable[[Command], Appended]
    agenda: Agenda
    players: Cast
    parties: tuple[str, ...]  # the talk's parties, in the order `players` are cast
    said: dict[int, tuple[bool, tuple[int, int] | None]] = field(default_factory=dict)

    def after_round(self, package: Package, answers: Sequence[DraftAnswer]) -> None:
        for position, answer in enumerate(answers):
            delegate, party = self.players.delegates[position], self.parties[position]
            # A delegate speaks when its stance changes, not every round.
            stance = (answer.accept, min(answer.prefer.items()) if answer.prefer else None)
            if self.said.get(position) == stance:
                continue
            self.said[position] = stance
            if answer.accept:
                self.do(Say(delegate, "We could sign this text as it stands."))
                continue
            if not answer.prefer:
                continue
            issue, option = min(answer.prefer.items())
            name = self.agenda.issues[issue].name
            wanted = self.agenda.issues[issue].options[option]
            said = self.do(
                Say(
                    delegate,
                    f"We cannot sign this text. On {name} we need: {wanted}.",
                    handling=Handling.MAY_CONVEY,
                )
            )
            for other in self.parties:
                if other != party:
                    self.do(
                        Convey(
                            self.players.mediator,
                            said.events[-1].seq,
                            other,
                            Mode.PARAPHRASE,
                            f"{party} is looking for movement on {name}.",
                        )
                    )
