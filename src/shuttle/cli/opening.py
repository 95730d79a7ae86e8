"""What `talk open` asks for: the options as typed, and what a scenario brings to a new talk.

A scenario's outcome space becomes the agenda and its escalation schedule the talk's; if the
scenario says who takes part (its `talk:` block), its title, mediators and delegates are
defaults that the command-line options override. Parties default to the scenario's parties.
Profiles are not taken from the scenario: each party submits its own, in confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.cli.errors import Exit, fail
from shuttle.engine import Scenario
from shuttle.talks import (
    BidRule,
    Delegate,
    Handling,
    Incident,
    Invalid,
    OpenTalk,
    agenda_of_space,
)


@dataclass(frozen=True)
class Typed:
    """The options of `talk open` as given: an empty tuple or None where one was left out."""

    title: str | None
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    delegates: tuple[str, ...]  # "PARTY=NAME"
    handling: Handling
    hide_carried_text: bool
    bid_rule: BidRule


def open_command(typed: Typed, scenario: Scenario | None, source: str | None = None) -> OpenTalk:
    """The command that opens the talk; exits with a usage error when something is missing, or
    when the scenario (read from `source`) cannot be an agenda, naming the file."""
    setup = None if scenario is None else scenario.talk
    title = typed.title
    if title is None and scenario is not None:
        title = setup.title if setup is not None else scenario.name
    if title is None:
        fail(Exit.USAGE, "invalid: give --title (or --scenario PATH to take it from a scenario)")
    parties = typed.parties or (() if scenario is None else scenario.parties)
    mediators = typed.mediators or (() if setup is None else setup.mediators)
    if not mediators:
        fail(Exit.USAGE, "invalid: give --mediator NAME (the scenario names no mediator)")
    if typed.delegates:
        delegates = tuple(_delegate(spec) for spec in typed.delegates)
    elif setup is not None:
        wanted = {p.strip() for p in parties}
        delegates = tuple(
            Delegate(name=name, party=party) for name, party in setup.delegates if party in wanted
        )
    else:
        delegates = ()
    agenda = escalation = None
    if scenario is not None:
        agenda = _agenda(scenario, source or scenario.name)
        escalation = tuple(
            Incident(after_round=s.after_round, text=s.text, drop=s.drop, chance=s.chance)
            for s in scenario.escalation
        )
    return OpenTalk(
        title=title,
        parties=tuple(parties),
        mediators=tuple(mediators),
        delegates=delegates,
        default_handling=typed.handling,
        hide_carried_text=typed.hide_carried_text,
        agenda=agenda,
        escalation=escalation or (),
        bid_rule=typed.bid_rule,
        notice=None if setup is None else setup.notice,
    )


def _agenda(scenario: Scenario, source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The scenario's issues as an agenda. A scenario the readers accept may still be too
    large for a talk (an agenda holds fewer issues and options than an analysis): the refusal
    names the file, like every other refusal of a scenario."""
    try:
        return tuple((i.name, i.options) for i in agenda_of_space(scenario.space).issues)
    except Invalid as error:
        fail(Exit.USAGE, f"invalid scenario: {source}: {error}")


def _delegate(spec: str) -> Delegate:
    party, sep, name = spec.partition("=")
    if not sep or not party.strip() or not name.strip():
        fail(Exit.USAGE, f'invalid: --delegate {spec!r} must be "PARTY=NAME"')
    return Delegate(name=name, party=party)
