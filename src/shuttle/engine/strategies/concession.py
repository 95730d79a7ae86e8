"""How fast each party seems to concede: the chance it would sign a text now.

Parties are taken to accept a text when it is worth at least an aspiration that falls over
time from their best to their reservation value, as in `aspiration`. On the mediator's
normalised scale (a party's worst package 0, its best 1) that is

    a(t) = r + (1 - r) * (1 - t ** (1 / e))

with r possibly below 0 (a reservation value under the worst package). Each pair (e, r) of a
grid, together with each sampled utility model, is weighed by how many of the party's recent
verdicts it contradicts (an accepted text worth less than a(t), a rejected one worth at least
a(t)); every contradiction divides the weight by `PENALTY`, so that a party outside the family
(a tit-for-tat party, a person) bends the estimate without breaking it.

The prior fears fast concession (`FAST`): until its verdicts say otherwise, a party may sign
early, and the mediator's probes stay where it would not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.belief import PartyBelief
from shuttle.engine.strategies.layout import Layout

EXPONENTS = np.exp(np.linspace(np.log(0.05), np.log(20.0), 13))
ENDS = np.linspace(-0.6, 0.9, 11)
END_AT_ZERO = 0.5
"""Prior share of r = 0 (the worst package) in the grid, the rest spread evenly."""
FAST = 3.0
"""Prior odds of a conceding curve (e > 1) against any one firmer curve."""
PENALTY = np.e**3
SLACK = 0.01
RECENT_VERDICTS = 60


@dataclass(frozen=True, eq=False)
class Concession:
    """Per utility model (rows) and grid point (columns): the posterior weight."""

    weights: FloatArray  # models x grid
    exponents: FloatArray  # grid
    ends: FloatArray  # grid

    def aspiration(self, time: float) -> FloatArray:
        """Each grid point's aspiration at `time`."""
        t = min(max(time, 0.0), 1.0)
        curve: FloatArray = self.ends + (1.0 - self.ends) * (1.0 - t ** (1.0 / self.exponents))
        return curve

    def accepting(self, utilities: FloatArray, time: float) -> FloatArray:
        """models x packages (`utilities`): P(accepted at `time`) under each model."""
        level = self.aspiration(time)
        order = np.argsort(level)
        mass = np.maximum(self.weights.sum(axis=1, keepdims=True), 1e-300)
        cumulative = np.cumsum(self.weights[:, order], axis=1) / mass
        padded = np.concatenate([np.zeros((len(cumulative), 1)), cumulative], axis=1)
        reached = np.searchsorted(level[order], utilities + SLACK, side="right")
        share: FloatArray = np.take_along_axis(padded, reached, axis=1)
        return share


def concession(
    belief: PartyBelief, models: FloatArray, layout: Layout, rounds: float
) -> Concession:
    """The posterior over the grid per model, from the party's verdicts (version v was
    answered at v / `rounds`)."""
    exponents, ends = (grid.ravel() for grid in np.meshgrid(EXPONENTS, ENDS))
    fast = np.where(exponents > 1.0, FAST, 1.0)
    at_zero = np.isclose(ends, 0.0)
    prior = (1 - END_AT_ZERO) * np.where(at_zero, 0.0, fast) / fast[~at_zero].sum()
    prior += END_AT_ZERO * np.where(at_zero, fast, 0.0) / fast[at_zero].sum()
    verdicts = belief.verdicts[-RECENT_VERDICTS:]
    times = np.array([version / rounds for version, _, _ in verdicts])
    accepted = np.array([ok for _, _, ok in verdicts])
    utilities = layout.utilities(models, np.asarray([d for _, d, _ in verdicts]))
    levels = ends[:, None] + (1 - ends[:, None]) * (1 - times[None, :] ** (1 / exponents[:, None]))
    below = utilities[:, None, :] < levels[None, :, :] - SLACK  # models x grid x verdicts
    above = utilities[:, None, :] >= levels[None, :, :] + SLACK
    wrong = np.where(accepted, below, above).sum(axis=2)
    log_weight = np.log(prior)[None, :] - np.log(PENALTY) * wrong
    weights = np.exp(log_weight - log_weight.max())
    return Concession(weights / weights.sum(), exponents, ends)
