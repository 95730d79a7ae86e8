"""The mediator's belief about each party, folded from the rounds one by one.

A party's utility is additive: one contribution per option of every issue (a model vector x,
issue after issue), a package's utility the sum of its options' contributions. The belief is
a Gaussian over x, updated by assumed-density filtering (the moment-matched truncation of the
Bayes point machine): each fact "g @ x > 0" replaces the Gaussian by the Gaussian closest to
it cut to that half-space. The facts:

* the scale: the best options' contributions add up to 1 (a best package is worth 1);
* bounds: every contribution is at least 0 and at most its issue's best (read from the first
  round's `prefer`: a listed issue names the best option, an unlisted one has it in the draft);
* every "better" or "worse" between consecutive versions: the sum over the new options exceeds
  (or falls short of) the sum over the old ones; "same" makes the two sums equal (an exact
  observation, with `NOISE` of slack).

The prior is that of a party about whom nothing is known: issue weights spread evenly (the
moments of a flat Dirichlet), other options' values uniform between 0 and the best. Verdicts
are kept as (version, draft, accepted).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.protocol import Package, Round

IntArray = NDArray[np.int64]
NOISE = 0.003
"""Standard deviation of the slack a fact allows: answers are truthful, but the model is a
Gaussian, and a hair of slack keeps its updates finite."""
SAME_NOISE = 0.001
"""The slack of a "same": two sums observed equal."""
SIGNS = {"better": 1, "worse": -1, "same": 0}
OVERSAMPLE = 4
TIE_BAND = 0.005


@dataclass(frozen=True, eq=False)
class Layout:
    """Where each issue's options sit in a model vector."""

    sizes: tuple[int, ...]

    @property
    def offsets(self) -> IntArray:
        return np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(np.int64)

    @property
    def width(self) -> int:
        return int(sum(self.sizes))

    def columns(self, packages: NDArray[np.integer]) -> IntArray:
        """Model-vector positions of each package's options (packages x issues)."""
        rows = np.asarray(packages, dtype=np.int64).reshape(-1, len(self.sizes))
        return rows + self.offsets

    def utilities(self, models: FloatArray, packages: NDArray[np.integer]) -> FloatArray:
        """models x packages: each model's utility of each package."""
        total: FloatArray = models[:, self.columns(packages)].sum(axis=2)
        return total

    def difference(self, current: Package, previous: Package) -> FloatArray:
        row = np.zeros(self.width)
        np.add.at(row, self.columns(np.asarray([current]))[0], 1.0)
        np.add.at(row, self.columns(np.asarray([previous]))[0], -1.0)
        return row

    def normalised(self, models: FloatArray) -> FloatArray:
        """Models shifted and scaled so that each one's worst package is 0 and its best 1."""
        shifted = models.copy()
        span = np.zeros(len(models))
        for offset, size in zip(self.offsets, self.sizes, strict=True):
            block = shifted[:, offset : offset + size]
            block -= block.min(axis=1, keepdims=True)
            span += block.max(axis=1)
        result: FloatArray = shifted / np.maximum(span, 1e-12)[:, None]
        return result


@dataclass(frozen=True, eq=False)
class PartyBelief:
    best: Package
    mean: FloatArray
    covariance: FloatArray
    verdicts: tuple[tuple[int, Package, bool], ...]  # (version, draft, accepted)
    facts: FloatArray  # rows g of every "better"/"worse": g @ x > 0
    ties: FloatArray  # rows g of every "same": g @ x == 0

    def sample(
        self, rng: np.random.Generator, count: int, layout: Layout, spread: float = 1.0
    ) -> FloatArray:
        """`count` models drawn from the belief, its deviations scaled by `spread`, each
        contribution clipped between 0 and its issue's best: the `count` of `OVERSAMPLE`
        times as many draws that contradict the fewest comparisons (the Gaussian only
        approximates the answers' polytope; this brings the models back into it)."""
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
        draws: FloatArray = self.mean + spread * rng.standard_normal((count, len(self.mean))) @ root.T
        tops = draws[:, layout.offsets + np.asarray(self.best, dtype=np.int64)]
        tops = np.maximum(tops, 0.0)
        for issue, (offset, size) in enumerate(zip(layout.offsets, layout.sizes, strict=True)):
            block = draws[:, offset : offset + size]
            np.clip(block, 0.0, tops[:, issue : issue + 1], out=block)
        return draws


def first_belief(layout: Layout, round_: Round, party: int) -> PartyBelief:
    """The prior, cut by the scale and the bounds that the first answer reveals."""
    answer = round_.answers[party]
    best = tuple(answer.prefer.get(i, round_.draft[i]) for i in range(len(layout.sizes)))
    mean, covariance = _prior(layout, best)
    scale = np.zeros(layout.width)
    scale[layout.offsets + np.asarray(best)] = 1.0
    mean, covariance = _condition(mean, covariance, scale, 1.0)
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
    weight_var = (issues - 1) / (issues**2 * (issues + 1)) if issues > 1 else 0.0
    second = weight_var + weight_mean**2  # E[w^2]
    mean = np.zeros(layout.width)
    covariance = np.zeros((layout.width, layout.width))
    for offset, size, top in zip(layout.offsets, layout.sizes, best, strict=True):
        # E[v] and E[v v'] for the options of one issue (v = 1 for the best).
        value_mean = np.full(size, 0.5)
        value_mean[top] = 1.0
        products = np.outer(value_mean, value_mean)
        diagonal = np.full(size, 1.0 / 3.0)
        diagonal[top] = 1.0
        np.fill_diagonal(products, diagonal)
        block = slice(offset, offset + size)
        mean[block] = weight_mean * value_mean
        covariance[block, block] = second * products - np.outer(mean[block], mean[block])
    return mean, covariance


def _condition(
    mean: FloatArray, covariance: FloatArray, row: FloatArray, value: float
) -> tuple[FloatArray, FloatArray]:
    """The Gaussian given row @ x == value exactly."""
    spread = covariance @ row
    variance = float(row @ spread)
    if variance <= 1e-18:
        return mean, covariance
    mean = mean + spread * (value - float(row @ mean)) / variance
    covariance = covariance - np.outer(spread, spread) / variance
    return mean, covariance


def _observe(
    mean: FloatArray, covariance: FloatArray, row: FloatArray, value: float, noise: float
) -> tuple[FloatArray, FloatArray]:
    """The Gaussian given row @ x == value, observed with `noise` (a Kalman update)."""
    spread = covariance @ row
    variance = float(row @ spread) + noise**2
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
