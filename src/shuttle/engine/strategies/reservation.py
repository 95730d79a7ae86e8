"""The least reservation value consistent with everything a party answered.

Parties are taken to concede as in `concession`: on the mediator's normalised scale a party
accepts a text at time t iff it is worth at least a(t) = r + (1 - r) * g(t), with
g(t) = 1 - t ** (1 / e). For a fixed e every verdict bounds r linearly, since a(t) is
r * (1 - g) + g:

* an acceptance of a text worth u: r <= (u - g) / (1 - g);
* a rejection: r > (u - g) / (1 - g).

So for each e of a grid the verdicts leave an interval of r, and the lowest r of any non-empty
interval is a lower bound on the party's reservation value: no curve of the family with a
lower r explains the answers. Early verdicts of a firm party bound almost nothing (g is near 1);
the bound rises as its rejections persist toward the deadline, which is exactly when a party
whose reservation value lies far above its worst package is told apart from a firm one.

Curves firmer than `FIRMEST` are not considered: without that floor, a party rejecting
everything until the very end would explain any r. Under-estimating r is the safe error (the
text held stays acceptable to the other party), hence the lowest consistent r, not a likely
one, and never below the worst package.
"""

from __future__ import annotations

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.belief import PartyBelief
from shuttle.engine.strategies.layout import Layout

FIRMEST = 0.1
"""The firmest concession exponent considered (a Boulware party is usually 0.1 to 0.5)."""
EXPONENTS = np.exp(np.linspace(np.log(FIRMEST), np.log(20.0), 25))
SLACK = 0.02
"""Utility error tolerated in every verdict: the models are estimates."""


def reservation_floor(
    belief: PartyBelief, models: FloatArray, layout: Layout, rounds: float
) -> FloatArray:
    """Per model: the least r consistent with every verdict, at least 0; 0 too when no curve
    of the family explains the verdicts (the party concedes some other way)."""
    versions = np.array([version for version, _, _ in belief.verdicts], dtype=np.float64)
    accepted = np.array([ok for _, _, ok in belief.verdicts])
    times = np.minimum(versions / rounds, 1.0)
    utilities = layout.utilities(models, np.asarray([d for _, d, _ in belief.verdicts]))
    given = 1.0 - times[None, :] ** (1.0 / EXPONENTS[:, None])  # exponents x verdicts: g(t)
    room = np.maximum(1.0 - given, 1e-12)[None, :, :]
    margin = np.where(accepted, SLACK, -SLACK)[None, None, :]
    bound = (utilities[:, None, :] + margin - given[None, :, :]) / room  # models x e x verdicts
    low = np.where(accepted, -np.inf, bound).max(axis=2)
    high = np.where(accepted, bound, np.inf).min(axis=2)
    low = np.where(low <= high, low, np.inf)
    floor = low.min(axis=1)
    result: FloatArray = np.where(np.isfinite(floor), np.maximum(floor, 0.0), 0.0)
    return result
