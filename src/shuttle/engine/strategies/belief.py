"""The mediator's belief about one party, folded from the rounds one by one.

A party's utility is taken to be additive (see `layout`); the belief is a Gaussian over its
model vector x, updated by assumed-density filtering, the moment-matched truncation of the
Bayes point machine: each fact "g @ x > 0" replaces the Gaussian by the Gaussian closest to
it cut to that half-space. The facts:

* the scale: the best options' contributions add up to 1 (a best package is worth 1);
* bounds: every contribution is at least 0 and at most its issue's best, which the first
  round's `prefer` reveals (a listed issue names its best option; an unlisted one has it in
  the draft);
* every "better" or "worse" between consecutive versions: the sum over the new options
  exceeds (falls short of) the sum over the old ones; a "same" makes them equal.

The prior is that of a party about whom nothing is known: issue weights spread evenly (the
moments of a flat Dirichlet), other options' values uniform between 0 and the best.

A Gaussian only approximates the polytope the facts cut out, so models are drawn in excess
and those contradicting the fewest comparisons kept. Verdicts are kept as (version, draft,
accepted) for `acceptance` and `concession`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.layout import Layout
from shuttle.engine.strategies.protocol import Package, Round

NOISE = 0.003
"""Slack of a "better"/"worse" (standard deviation): keeps the updates finite."""
SAME_NOISE = 0.001
"""Slack of a "same": the two sums are observed equal within it."""
OVERSAMPLE = 4
TIE_BAND = 0.005
SIGNS = {"better": 1, "worse": -1, "same": 0}


@dataclass(frozen=True, eq=False)
class PartyBelief:
    best: Package
    mean: FloatArray
    covariance: FloatArray
    verdicts: tuple[tuple[int, Package, bool], ...]  # (version, draft, accepted)
    facts: FloatArray  # rows g of every "better"/"worse", signed: g @ x > 0
    ties: FloatArray  # rows g of every "same": g @ x == 0

    def sample(
        self, rng: np.random.Generator, count: int, layout: Layout, spread: float = 1.0
    ) -> FloatArray:
        """`count` models: of `OVERSAMPLE` times as many draws (deviations scaled by
        `spread`, each contribution clipped between 0 and its issue's best), those that
        contradict the fewest comparisons."""
        draws = self._draw(rng, count * OVERSAMPLE, layout, spread)
        wrong = (draws @ self.facts.T <= 0).sum(axis=1)
        if len(self.ties):
            wrong += (np.abs(draws @ self.ties.T) > TIE_BAND).sum(axis=1)
        order = np.lexsort((rng.uniform(size=len(draws)), wrong))
        chosen: FloatArray = draws[order[:count]]
        return chosen

    def _draw(
        self, rng: np.random.Generator, count: int, layout: Layout, spread: float
    ) -> FloatArray:
        symmetric = (self.covariance + self.covariance.T) / 2
        jitter = 1e-10 * max(float(np.trace(symmetric)) / len(symmetric), 1e-12)
        try:
            root = np.linalg.cholesky(symmetric + jitter * np.eye(len(symmetric)))
        except np.linalg.LinAlgError:
            values, vectors = np.linalg.eigh(symmetric)
            root = vectors * np.sqrt(np.maximum(values, 0.0))
        noise = rng.standard_normal((count, len(self.mean))) @ root.T
        draws: FloatArray = self.mean + spread * noise
        tops = np.maximum(draws[:, layout.offsets + np.asarray(self.best, dtype=np.int64)], 0.0)
        for issue, (offset, size) in enumerate(zip(layout.offsets, layout.sizes, strict=True)):
            block = draws[:, offset : offset + size]
            np.clip(block, 0.0, tops[:, issue : issue + 1], out=block)
        return draws


def first_belief(layout: Layout, round_: Round, party: int) -> PartyBelief:
    """The prior, cut by the scale and by the bounds the first answer reveals."""
    answer = round_.answers[party]
    best = tuple(answer.prefer.get(i, round_.draft[i]) for i in range(len(layout.sizes)))
    mean, covariance = _prior(layout, best)
    scale = np.zeros(layout.width)
    scale[layout.offsets + np.asarray(best)] = 1.0
    mean, covariance = _observe(mean, covariance, scale, 1.0, 0.0)
    for offset, size, top in zip(layout.offsets, layout.sizes, best, strict=True):
        for option in range(size):
            if option == top:
                continue
            above_zero = np.zeros(layout.width)
            above_zero[offset + option] = 1.0
            below_best = np.zeros(layout.width)
            below_best[offset + top] = 1.0
            below_best[offset + option] = -1.0
            mean, covariance = _truncate(mean, covariance, above_zero)
            mean, covariance = _truncate(mean, covariance, below_best)
    empty = np.zeros((0, layout.width))
    return PartyBelief(best, mean, covariance, ((1, round_.draft, answer.accept),), empty, empty)


def learn(
    belief: PartyBelief, layout: Layout, previous: Round, round_: Round, version: int, party: int
) -> PartyBelief:
    """The belief after `round_` (version `version`), whose predecessor was `previous`."""
    answer = round_.answers[party]
    verdicts = (*belief.verdicts, (version, round_.draft, answer.accept))
    facts, ties = belief.facts, belief.ties
    if answer.comparison is None or round_.draft == previous.draft:
        return PartyBelief(belief.best, belief.mean, belief.covariance, verdicts, facts, ties)
    fact = layout.difference(round_.draft, previous.draft)
    sign = SIGNS[answer.comparison]
    if sign == 0:
        mean, covariance = _observe(belief.mean, belief.covariance, fact, 0.0, SAME_NOISE)
        ties = np.vstack([ties, fact])
    else:
        mean, covariance = _truncate(belief.mean, belief.covariance, sign * fact)
        facts = np.vstack([facts, sign * fact])
    return PartyBelief(belief.best, mean, covariance, verdicts, facts, ties)


def _prior(layout: Layout, best: Package) -> tuple[FloatArray, FloatArray]:
    """Moments of x = weight * value: weights ~ flat Dirichlet, values ~ U(0, 1), best = 1."""
    issues = len(layout.sizes)
    weight_mean = 1.0 / issues
    weight_var = (issues - 1) / (issues**2 * (issues + 1))
    second = weight_var + weight_mean**2  # E[w^2]
    mean = np.zeros(layout.width)
    covariance = np.zeros((layout.width, layout.width))
    for offset, size, top in zip(layout.offsets, layout.sizes, best, strict=True):
        value_mean = np.full(size, 0.5)
        value_mean[top] = 1.0
        products = np.outer(value_mean, value_mean)  # E[v v'] of independent values
        diagonal = np.full(size, 1.0 / 3.0)  # E[v^2] of a uniform value
        diagonal[top] = 1.0
        np.fill_diagonal(products, diagonal)
        block = slice(offset, offset + size)
        mean[block] = weight_mean * value_mean
        covariance[block, block] = second * products - np.outer(mean[block], mean[block])
    return mean, covariance


def _observe(
    mean: FloatArray, covariance: FloatArray, row: FloatArray, value: float, noise: float
) -> tuple[FloatArray, FloatArray]:
    """The Gaussian given row @ x == value, observed with `noise` (a Kalman update)."""
    spread = covariance @ row
    variance = float(row @ spread) + noise**2
    if variance <= 1e-18:
        return mean, covariance
    mean = mean + spread * (value - float(row @ mean)) / variance
    covariance = covariance - np.outer(spread, spread) / variance
    return mean, covariance


def _truncate(
    mean: FloatArray, covariance: FloatArray, row: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The moment-matched Gaussian of this one cut to row @ x > 0 (with `NOISE` of slack)."""
    spread = covariance @ row
    variance = float(row @ spread) + NOISE**2
    deviation = math.sqrt(variance)
    z = float(row @ mean) / deviation
    ratio = _hazard(z)
    mean = mean + spread * (ratio / deviation)
    covariance = covariance - np.outer(spread, spread) * (ratio * (ratio + z) / variance)
    return mean, covariance


def _hazard(z: float) -> float:
    """phi(z) / Phi(z), stable far into the left tail."""
    if z < -8.0:
        return -z / (1.0 - 1.0 / z**2 + 3.0 / z**4)
    density = math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    return density / (0.5 * math.erfc(-z / math.sqrt(2.0)))
