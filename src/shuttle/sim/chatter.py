"""Words around the text, for demonstrations: after each round a delegate who cannot sign says
what it needs (letting the mediator carry it), and the mediator carries the gist to the other
rooms. It shows the rooms and the carriage at work; strategies ignore it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from shuttle.engine.strategies.protocol import DraftAnswer, Package
from shuttle.service import TalkService
from shuttle.sim.cast import Cast
from shuttle.talks import Agenda, Convey, Handling, Mode, Say


@dataclass
class Chatter:
    service: TalkService
    talk: str
    agenda: Agenda
    players: Cast
    said: dict[int, tuple[bool, tuple[int, int] | None]] = field(default_factory=dict)

    def after_round(self, package: Package, answers: Sequence[DraftAnswer]) -> None:
        parties = list(self.service.load(self.talk)[0].parties)
        for position, answer in enumerate(answers):
            delegate, party = self.players.delegates[position], parties[position]
            # A delegate speaks when its stance changes, not every round.
            stance = (answer.accept, min(answer.prefer.items()) if answer.prefer else None)
            if self.said.get(position) == stance:
                continue
            self.said[position] = stance
            if answer.accept:
                self.service.execute(
                    self.talk,
                    Say(delegate, "We could sign this text as it stands."),
                )
                continue
            if not answer.prefer:
                continue
            issue, option = min(answer.prefer.items())
            name = self.agenda.issues[issue].name
            wanted = self.agenda.issues[issue].options[option]
            said = self.service.execute(
                self.talk,
                Say(
                    delegate,
                    f"We cannot sign this text. On {name} we need: {wanted}.",
                    handling=Handling.MAY_CONVEY,
                ),
            )
            for other in parties:
                if other != party:
                    self.service.execute(
                        self.talk,
                        Convey(
                            self.players.mediator,
                            said.events[-1].seq,
                            other,
                            Mode.PARAPHRASE,
                            f"{party} is looking for movement on {name}.",
                        ),
                    )
