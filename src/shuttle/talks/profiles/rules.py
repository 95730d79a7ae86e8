"""A party's private profile over the agenda: how much each issue matters (weights), what each
option is worth to it (values in [0, 1]), and what no deal is worth (its reservation value).

The engine always reads a profile; the mediator sees it only if the party shares it (see
`visibility`). A later profile replaces the earlier one.
"""

from __future__ import annotations

import unicodedata

from shuttle.talks.agenda import Agenda
from shuttle.talks.common import listing, require_agenda, require_delegate, require_negotiating
from shuttle.talks.events import Event
from shuttle.talks.numbers import decimal_text
from shuttle.talks.participant import Participant
from shuttle.talks.profiles.commands import ProfileCommand, SubmitProfile
from shuttle.talks.profiles.events import ProfileSubmitted
from shuttle.talks.refusals import Invalid
from shuttle.talks.state import TalkState

MAX_WEIGHT = 1e9


def submit_profile(state: TalkState, actor: Participant, command: SubmitProfile) -> list[Event]:
    party = require_delegate(
        actor,
        "a profile states a party's preferences, so only its delegates submit one",
        "the mediator reads profiles the parties share",
    )
    require_negotiating(state)
    agenda = require_agenda(state)
    return [
        ProfileSubmitted(
            by=actor.name,
            party=party,
            weights=_weights(agenda, command.weights),
            values=_values(agenda, command.values),
            reservation=decimal_text(command.reservation, "the reservation value"),
            shared=command.share,
        )
    ]


def _weights(agenda: Agenda, given: tuple[tuple[str, float], ...]) -> tuple[tuple[str, str], ...]:
    weights: dict[str, str] = {}
    for raw, weight in given:
        issue = agenda.issue(raw)
        if issue is None:
            raise Invalid(f"a weight names {raw.strip()!r}, which is not on the agenda")
        if issue.name in weights:
            raise Invalid(f"issue {issue.name!r} is weighted twice")
        weights[issue.name] = decimal_text(weight, f"the weight of {issue.name!r}", 0, MAX_WEIGHT)
    missing = [name for name in agenda.names if name not in weights]
    if missing:
        raise Invalid(f"the profile gives no weight to {listing(missing)}; weigh every issue")
    if not any(float(w) > 0 for w in weights.values()):
        raise Invalid("at least one issue needs a positive weight")
    return tuple((name, weights[name]) for name in agenda.names)


def _values(
    agenda: Agenda, given: tuple[tuple[str, str, float], ...]
) -> tuple[tuple[str, str, str], ...]:
    values: dict[tuple[str, str], str] = {}
    for raw_issue, raw_option, value in given:
        issue = agenda.issue(raw_issue)
        if issue is None:
            raise Invalid(f"a value names {raw_issue.strip()!r}, which is not on the agenda")
        option = unicodedata.normalize("NFC", raw_option.strip())
        if option not in issue.options:
            raise Invalid(f"{option!r} is not an option of {issue.name!r}")
        if (issue.name, option) in values:
            raise Invalid(f"option {option!r} of {issue.name!r} is valued twice")
        what = f"the value of {option!r} on {issue.name!r}"
        values[(issue.name, option)] = decimal_text(value, what)
    ordered: list[tuple[str, str, str]] = []
    for issue in agenda.issues:
        missing = [o for o in issue.options if (issue.name, o) not in values]
        if missing:
            raise Invalid(
                f"the profile values no option {listing(missing)} of {issue.name!r}; "
                "value every option from 0 to 1"
            )
        ordered.extend((issue.name, o, values[(issue.name, o)]) for o in issue.options)
    return tuple(ordered)


def decide_profiles(state: TalkState, actor: Participant, command: ProfileCommand) -> list[Event]:
    """The events a command about profiles adds, or a refusal."""
    return submit_profile(state, actor, command)
