"""How the confidentiality machine opens its talk: a drawn setup (two or three parties, their
delegates, one or two mediators, a default handling, an agenda, perhaps a scheduled incident, a
bid rule), the opening it must produce, and a second opening that must be refused.

With three parties, a rejected proposal must not tell anyone who rejected it; names may be
typed decomposed (NFD), to check that the talk compares them after NFC normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st
from hypothesis.stateful import initialize

from shuttle.talks import (
    AgendaIssue,
    BidRule,
    Delegate,
    Event,
    Handling,
    Incident,
    OpenTalk,
    Recorded,
    decide,
    evolve,
)
from shuttle.talks.conversation.events import TalkOpened
from shuttle.talks.single_text.events import AgendaSet
from tests.talks.confidentiality.machine.arguments import Arguments
from tests.talks.confidentiality.machine.draws import TextDraw, texts
from tests.talks.confidentiality.machine.running import Running
from tests.talks.confidentiality.machine.vocabulary import (
    AGENDAS,
    AT,
    MEDIATOR_NAMES,
    PARTY_POOL,
    nfd,
)
from tests.talks.confidentiality.oracle.vocabulary import escalation_step, nfc


@dataclass(frozen=True)
class Setup:
    parties: tuple[str, ...]
    delegates_per_party: tuple[int, ...]
    mediators: int
    default_handling: Handling
    hide_carried_text: bool
    decomposed: bool  # type the parties' names (and issues) in NFD
    agenda: int
    escalation: TextDraw | None
    bid_rule: BidRule


def make_setup(
    parties: list[str],
    counts: tuple[int, int, int],
    mediators: int,
    default_handling: Handling,
    hide_carried_text: bool,
    decomposed: bool,
    agenda: int,
    escalation: TextDraw | None,
    bid_rule: BidRule,
) -> Setup:
    return Setup(
        tuple(parties),
        counts[: len(parties)],
        mediators,
        default_handling,
        hide_carried_text,
        decomposed,
        agenda,
        None if escalation is None or escalation.after is None else escalation,
        bid_rule,
    )


setups = st.builds(
    make_setup,
    st.lists(st.sampled_from(PARTY_POOL), min_size=2, max_size=3, unique=True),
    st.tuples(*[st.integers(1, 2)] * 3),
    st.integers(1, 2),
    st.sampled_from(Handling),
    st.booleans(),
    st.booleans(),
    st.integers(0, len(AGENDAS) - 1),
    st.none() | texts,
    st.sampled_from(BidRule),
)


class Opening(Arguments, Running):
    """The machine's initial rule: open the talk."""

    @initialize(setup=setups)
    def open_talk(self, setup: Setup) -> None:
        def typed(name: str) -> str:
            return nfd(name) if setup.decomposed else name

        delegates = tuple(
            Delegate(f"{party}·d{n}", typed(party))
            for party, count in zip(setup.parties, setup.delegates_per_party, strict=True)
            for n in range(1, count + 1)
        )
        mediators = MEDIATOR_NAMES[: setup.mediators]
        agenda = AGENDAS[setup.agenda]
        escalation: tuple[Incident, ...] = ()
        if setup.escalation is not None:
            escalation = (Incident(2, self.text(setup.escalation), 0.1),)
        command = OpenTalk(
            title="Talks·T",
            parties=tuple(typed(p) for p in setup.parties),
            mediators=mediators,
            delegates=delegates,
            default_handling=setup.default_handling,
            hide_carried_text=setup.hide_carried_text,
            agenda=tuple((typed(name), options) for name, options in agenda),
            escalation=escalation,
            bid_rule=setup.bid_rule,
        )
        events = decide(self.state, command)
        expected: list[Event] = [
            TalkOpened(
                title="Talks·T",
                parties=setup.parties,
                mediators=mediators,
                delegates=tuple(Delegate(d.name, nfc(d.party)) for d in delegates),
                default_handling=setup.default_handling,
                hide_carried_text=setup.hide_carried_text,
                bid_rule=setup.bid_rule,
            ),
            AgendaSet(
                by=None,
                issues=tuple(AgendaIssue(name, options) for name, options in agenda),
                escalation=tuple(escalation_step(i.text, i.drop) for i in escalation),
            ),
        ]
        assert events == expected, f"{command} gave {events}, expected {expected}"
        for event in expected:
            self.state = evolve(self.state, Recorded(self.state.last_seq + 1, AT, event))
            self.oracle.book(event)
        # A second opening is always refused.
        self.run(command)
