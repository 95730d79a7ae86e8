"""Escalation: incidents outside the talks (strikes, attacks) that make no deal worse for all.

A scenario may schedule incidents: each one falls between two rounds of a talk, happens with a
given chance, and when it happens lowers every party's reservation value by its `drop`. As the
talks drag on, walking away grows less attractive, and the zone of agreement widens.

Which incidents happen is drawn from a seed, so a simulation repeats exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ScheduledIncident:
    """An incident that may happen between round `after_round` and the next (`after_round`
    >= 1), with probability `chance` in (0, 1]; if it does, every party's reservation value
    falls by `drop` in (0, 1]. The scenario readers check those ranges."""

    after_round: int
    text: str
    drop: float
    chance: float = 1.0


def draw_incidents(
    schedule: Sequence[ScheduledIncident], rounds: int, seed: int
) -> list[ScheduledIncident]:
    """The incidents of `schedule` that have happened once `rounds` rounds are over, in the
    order they happened.

    One number is drawn per scheduled incident, in schedule order, whatever `rounds` is: with
    the same seed, a longer talk sees the same incidents as a shorter one, and then later ones.
    """
    draws = np.random.default_rng(seed).random(len(schedule))  # each in [0, 1)
    happened = [
        incident
        for incident, draw in zip(schedule, draws, strict=True)
        if incident.after_round <= rounds and draw < incident.chance
    ]
    return sorted(happened, key=lambda incident: incident.after_round)


def total_drop(incidents: Iterable[ScheduledIncident]) -> float:
    """How far the incidents lower every reservation value, together."""
    return math.fsum(incident.drop for incident in incidents)


def escalated_reservation(reservation: float, total_drop: float) -> float:
    """A reservation value after incidents that lowered it by `total_drop`; never below 0."""
    return max(0.0, reservation - total_drop)
