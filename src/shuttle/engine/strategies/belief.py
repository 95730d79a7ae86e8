"""The mediator's belief about one party, folded from the rounds one by one.

A party's utility is taken to be additive (see `layout`): a model vector x holds each option's
contribution, x = weight of its issue * value of the option, the best option of every issue
worth 1, so that a best package is worth 1. The first round's `prefer` names each issue's best
option (a listed issue names it; an unlisted one has it in the draft).

The prior is that of a party about whom nothing is known: issue weights uniform on the simplex
(a flat Dirichlet), every other option's value uniform between 0 and 1. The facts:

* every "better" or "worse" between consecutive versions: the sum over the new options exceeds
  (falls short of) the sum over the old ones, believed with a logistic slack of `NOISE`;
* every "same": the two sums are equal, within a Gaussian slack of `SAME_NOISE`.

The posterior is carried by `PARTICLES` particles (weights, values), a sequential Monte Carlo
filter: each new fact reweighs and resamples them, then `MOVES` slice-sampling moves along
random lines through (weights, values) space (hit-and-run, within the simplex and the unit
cube) spread them again over everything the party said. Unlike a Gaussian folded fact by fact,
the particles neither count the prior's bounds as evidence (which inflated issues with many
options) nor shrink along directions no comparison has constrained: their spread is the
posterior's. Verdicts are kept as (version, draft, accepted) for `acceptance`, `concession`
and `reservation`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.layout import IntArray, Layout
from shuttle.engine.strategies.protocol import Package, Round

NOISE = 0.002
"""Logistic scale of a "better"/"worse": a model contradicting one by 0.01 loses 5 nats."""
SAME_NOISE = 0.002
"""Standard deviation of a "same": the two sums are observed equal within it."""
PARTICLES = 256
MOVES = 6
"""Slice-sampling moves of every particle after each new fact."""
SHRINKS = 14
"""Tries per move: a particle whose slice is not hit by then stays where it is."""
LONGEST = 1e3
SIGNS = {"better": 1, "worse": -1, "same": 0}


@dataclass(frozen=True, eq=False)
class PartyBelief:
    best: Package
    weights: FloatArray  # particles x issues, each row on the simplex
    values: FloatArray  # particles x width, each option's value in [0, 1], the best ones 1
    verdicts: tuple[tuple[int, Package, bool], ...]  # (version, draft, accepted)
    facts: FloatArray  # rows g of every "better"/"worse", signed: g @ x > 0
    ties: FloatArray  # rows g of every "same": g @ x == 0

    def models(self, layout: Layout) -> FloatArray:
        """Every particle's model vector x."""
        return _models(layout, self.weights, self.values)

    def sample(self, rng: np.random.Generator, count: int, layout: Layout) -> FloatArray:
        """`count` models drawn from the particles."""
        models = self.models(layout)
        chosen = rng.choice(len(models), size=count, replace=count > len(models))
        draws: FloatArray = models[chosen]
        return draws


def first_belief(layout: Layout, round_: Round, party: int) -> PartyBelief:
    """The prior, its particles drawn exactly, given the best options the first answer
    reveals."""
    answer = round_.answers[party]
    best = tuple(answer.prefer.get(i, round_.draft[i]) for i in range(len(layout.sizes)))
    rng = np.random.default_rng((party, 1))
    weights = rng.dirichlet(np.ones(len(layout.sizes)), size=PARTICLES)
    values = rng.uniform(size=(PARTICLES, layout.width))
    values[:, _tops(layout, best)] = 1.0
    empty = np.zeros((0, layout.width))
    verdicts = ((1, round_.draft, answer.accept),)
    return PartyBelief(best, weights, values, verdicts, empty, empty)


def learn(
    belief: PartyBelief, layout: Layout, previous: Round, round_: Round, version: int, party: int
) -> PartyBelief:
    """The belief after `round_` (version `version`), whose predecessor was `previous`."""
    answer = round_.answers[party]
    verdicts = (*belief.verdicts, (version, round_.draft, answer.accept))
    facts, ties = belief.facts, belief.ties
    if answer.comparison is None or round_.draft == previous.draft:
        return PartyBelief(belief.best, belief.weights, belief.values, verdicts, facts, ties)
    fact = layout.difference(round_.draft, previous.draft)
    sign = SIGNS[answer.comparison]
    if sign == 0:
        ties = np.vstack([ties, fact])
        fit = _tie_fit(belief.models(layout) @ fact)
    else:
        facts = np.vstack([facts, sign * fact])
        fit = _fact_fit(belief.models(layout) @ (sign * fact))
    rng = np.random.default_rng((party, version))
    kept = _resample(rng, fit)
    weights, values = _move(
        rng, layout, belief.best, belief.weights[kept], belief.values[kept], facts, ties
    )
    return PartyBelief(belief.best, weights, values, verdicts, facts, ties)


def _tops(layout: Layout, best: Package) -> IntArray:
    tops: IntArray = layout.offsets + np.asarray(best, dtype=np.int64)
    return tops


def _issue_of_column(layout: Layout) -> IntArray:
    columns: IntArray = np.repeat(np.arange(len(layout.sizes)), layout.sizes)
    return columns


def _models(layout: Layout, weights: FloatArray, values: FloatArray) -> FloatArray:
    models: FloatArray = weights[:, _issue_of_column(layout)] * values
    return models


def _fact_fit(margins: FloatArray) -> FloatArray:
    """Log-likelihood of "better" facts with these margins g @ x (summed over the last axis
    when there are several)."""
    fit: FloatArray = -np.logaddexp(0.0, -margins / NOISE)
    return fit


def _tie_fit(margins: FloatArray) -> FloatArray:
    fit: FloatArray = -0.5 * (margins / SAME_NOISE) ** 2
    return fit


def _fit(models: FloatArray, facts: FloatArray, ties: FloatArray) -> FloatArray:
    """Per model, the log-likelihood of every fact and tie."""
    total = np.zeros(len(models))
    if len(facts):
        total += _fact_fit(models @ facts.T).sum(axis=1)
    if len(ties):
        total += _tie_fit(models @ ties.T).sum(axis=1)
    return total


def _resample(rng: np.random.Generator, fit: FloatArray) -> IntArray:
    """Systematic resampling of the particles by their new fact's likelihood."""
    weight = np.exp(fit - fit.max())
    cumulative = np.cumsum(weight / weight.sum())
    cumulative[-1] = 1.0
    points = (rng.uniform() + np.arange(len(fit))) / len(fit)
    kept: IntArray = np.searchsorted(cumulative, points).astype(np.int64)
    return kept


def _move(
    rng: np.random.Generator,
    layout: Layout,
    best: Package,
    weights: FloatArray,
    values: FloatArray,
    facts: FloatArray,
    ties: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """`MOVES` hit-and-run slice-sampling moves of every particle: the prior is flat on the
    simplex times the cube, so the target along a line is the facts' likelihood alone.

    Along a line (w + s dw, v + s dv) a model x = w v is quadratic in s, and so is every
    fact's margin: three products per move give the margins at any s."""
    count = len(weights)
    free = np.ones(layout.width, dtype=bool)
    free[_tops(layout, best)] = False
    columns = _issue_of_column(layout)
    rows_of = np.vstack([facts, ties])
    is_fact = np.arange(len(rows_of)) < len(facts)
    current = _fit(_models(layout, weights, values), facts, ties)
    for move in range(MOVES):
        if move % 2:
            towards_w = rng.standard_normal(weights.shape)
            towards_w -= towards_w.mean(axis=1, keepdims=True)  # stays on the simplex's plane
            towards_w /= np.sqrt(len(layout.sizes))
            towards_v = rng.standard_normal(values.shape) * free
        else:
            # Along the difference of two other particles: the cloud's own shape, which
            # follows the thin region the facts leave far better than a random line.
            first, second = rng.integers(count, size=count), rng.integers(count, size=count)
            towards_w = weights[first] - weights[second]
            towards_v = values[first] - values[second]
        low, high = _chord(weights, towards_w, np.zeros_like(weights), np.inf)
        low_v, high_v = _chord(values, towards_v, np.zeros_like(values), 1.0)
        low, high = np.maximum(low, low_v), np.minimum(high, high_v)
        spread_w, spread_dw = weights[:, columns], towards_w[:, columns]
        constant = (spread_w * values) @ rows_of.T
        linear = (spread_w * towards_v + spread_dw * values) @ rows_of.T
        square = (spread_dw * towards_v) @ rows_of.T
        level = current - rng.exponential(size=count)
        pending = np.ones(count, dtype=bool)
        steps = np.zeros(count)
        for _ in range(SHRINKS):
            rows = np.flatnonzero(pending)
            if not len(rows):
                break
            step = rng.uniform(low[rows], high[rows])
            margins = constant[rows] + step[:, None] * (linear[rows] + step[:, None] * square[rows])
            fit = _fact_fit(margins[:, is_fact]).sum(axis=1)
            fit += _tie_fit(margins[:, ~is_fact]).sum(axis=1)
            hit = fit > level[rows]
            taken = rows[hit]
            steps[taken], current[taken] = step[hit], fit[hit]
            pending[taken] = False
            missed = rows[~hit]
            low[missed] = np.where(step[~hit] < 0, step[~hit], low[missed])
            high[missed] = np.where(step[~hit] >= 0, step[~hit], high[missed])
        weights = np.maximum(weights + steps[:, None] * towards_w, 0.0)
        weights /= weights.sum(axis=1, keepdims=True)
        values = np.clip(values + steps[:, None] * towards_v, 0.0, 1.0)
    return weights, values


def _chord(
    points: FloatArray, direction: FloatArray, lower: FloatArray, upper: float
) -> tuple[FloatArray, FloatArray]:
    """Per row, the steps s with lower <= points + s * direction <= upper."""
    with np.errstate(divide="ignore", invalid="ignore"):
        to_lower = (lower - points) / direction
        to_upper = (upper - points) / direction
    rising = direction > 0
    falling = direction < 0
    low = np.where(rising, to_lower, np.where(falling, to_upper, -np.inf)).max(axis=1)
    high = np.where(rising, to_upper, np.where(falling, to_lower, np.inf)).min(axis=1)
    low = np.clip(low, -LONGEST, 0.0)  # a null direction has an endless chord
    high = np.clip(high, 0.0, LONGEST)
    return low, high
