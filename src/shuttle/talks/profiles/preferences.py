"""A party's profile as the engine reads it: a linear additive utility over the agenda.

Weights are relative (any non-negative numbers); the engine's profile scales them to sum 1.
Escalation lowers the reservation value: what no deal is worth falls as incidents mount.
"""

from __future__ import annotations

from shuttle.engine.escalation import escalated_reservation
from shuttle.engine.preferences import LinearAdditive
from shuttle.talks.agenda import Agenda
from shuttle.talks.profiles.fold import PartyProfile


def engine_profile(agenda: Agenda, profile: PartyProfile, escalation: float) -> LinearAdditive:
    weights = dict(profile.weights)
    values = {(issue, option): value for issue, option, value in profile.values}
    total = sum(weights.values())
    return LinearAdditive(
        weights=tuple(weights[issue.name] / total for issue in agenda.issues),
        values=tuple(
            tuple(values[(issue.name, option)] for option in issue.options)
            for issue in agenda.issues
        ),
        reservation=escalated_reservation(profile.reservation, escalation),
    )
