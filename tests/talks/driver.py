"""A tiny driver for the pure domain: decide, then fold, as the service would."""

from __future__ import annotations

from dataclasses import dataclass, field

from shuttle.talks import (
    Command,
    Delegate,
    Event,
    Handling,
    OpenTalk,
    Recorded,
    Seen,
    TalkState,
    decide,
    evolve,
    initial_state,
    visible_record,
)

AT = "2026-11-25T10:00:00+00:00"


@dataclass
class Talk:
    state: TalkState = field(default_factory=initial_state)

    def do(self, command: Command) -> list[Event]:
        """Carry out `command`; a refusal propagates and leaves the state as it was."""
        events = decide(self.state, command)
        for event in events:
            self.state = evolve(self.state, Recorded(self.state.last_seq + 1, AT, event))
        return events

    @property
    def last(self) -> int:
        return self.state.last_seq

    def view(self, name: str) -> list[Seen]:
        participant = self.state.participant(name)
        assert participant is not None
        return list(visible_record(participant, self.state))

    def seqs(self, name: str) -> list[int]:
        return [seen.seq for seen in self.view(name)]


def open_talk(handling: Handling = Handling.MEDIATOR_ONLY, hide_carried_text: bool = False) -> Talk:
    talk = Talk()
    talk.do(
        OpenTalk(
            title="Muscat",
            parties=("United States", "Iran"),
            mediators=("Oman",),
            delegates=(
                Delegate("US Envoy", "United States"),
                Delegate("US Deputy", "United States"),
                Delegate("Iranian FM", "Iran"),
            ),
            default_handling=handling,
            hide_carried_text=hide_carried_text,
        )
    )
    return talk
