"""A tiny driver for the pure domain: decide, then fold, as the service would."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from shuttle.talks import (
    BidRule,
    Command,
    Delegate,
    Event,
    Handling,
    Incident,
    OpenTalk,
    Recorded,
    Refusal,
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


# -- the negotiation -----------------------------------------------------------------------------

US, IRAN = "United States", "Iran"

AGENDA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Enrichment", ("3.67", "20", "60", "90")),
    ("Sanctions", ("none", "partial", "full")),
)
"""A numeric issue (a blind bid can settle it) and a verbal one."""

TERMS: tuple[tuple[str, str], ...] = (("Enrichment", "20"), ("Sanctions", "partial"))
"""Complete terms over `AGENDA`."""


def open_negotiation(
    agenda: tuple[tuple[str, tuple[str, ...]], ...] = AGENDA,
    *,
    handling: Handling = Handling.MEDIATOR_ONLY,
    bid_rule: BidRule = BidRule.MIDPOINT,
    escalation: tuple[Incident, ...] = (),
) -> Talk:
    """The Muscat talk of `open_talk`, opened with an agenda."""
    talk = Talk()
    talk.do(
        OpenTalk(
            title="Muscat",
            parties=(US, IRAN),
            mediators=("Oman",),
            delegates=(
                Delegate("US Envoy", US),
                Delegate("US Deputy", US),
                Delegate("Iranian FM", IRAN),
            ),
            default_handling=handling,
            agenda=agenda,
            escalation=escalation,
            bid_rule=bid_rule,
        )
    )
    return talk


def open_three(handling: Handling = Handling.MEDIATOR_ONLY) -> Talk:
    """Three parties (Alpha: Ann; Beta: Ben; Gamma: Gil), mediator Med, agenda `AGENDA`."""
    talk = Talk()
    talk.do(
        OpenTalk(
            title="Three",
            parties=("Alpha", "Beta", "Gamma"),
            mediators=("Med",),
            delegates=(Delegate("Ann", "Alpha"), Delegate("Ben", "Beta"), Delegate("Gil", "Gamma")),
            default_handling=handling,
            agenda=AGENDA,
        )
    )
    return talk


def refused(talk: Talk, command: Command, kind: type[Refusal], *words: str) -> str:
    """Assert that `command` is refused with exactly `kind`, changes nothing, and that the
    message mentions every one of `words`; return the message."""
    before = talk.state
    with pytest.raises(Refusal) as caught:
        talk.do(command)
    assert type(caught.value) is kind, f"{type(caught.value).__name__}: {caught.value}"
    assert talk.state is before
    message = str(caught.value)
    for word in words:
        assert word in message, message
    return message


def head(talk: Talk) -> str:
    """The record's head as the service would stamp it (the domain checks only its seq)."""
    return f"{talk.last}:{'0' * 64}"
