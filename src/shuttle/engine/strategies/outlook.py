"""What the mediator expects of each package: its Nash ratio under every joint model.

Every joint model k (the k-th sampled model of each party, normalised so that a party's worst
package is 0 and its best 1) gives each candidate package a Nash product, with gains over an
estimated reservation value. A package's *expected ratio* is the mean over joint models of its
product over that model's best candidate product: the Nash ratio the mediator expects of it.
Candidates are the Pareto frontiers of the mean models and of a few sampled ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shuttle.engine.analysis.additive import additive_frontier
from shuttle.engine.preferences import FloatArray, LinearAdditive
from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.layout import IntArray, Layout

SAMPLED_FRONTIERS = 2
FLOOR = 1e-4
"""Gains below this count as this: among packages no model deems acceptable to all, those
closer to it still rank higher."""


@dataclass(frozen=True, eq=False)
class Outlook:
    """The candidates and each joint model's Nash ratio of each."""

    candidates: IntArray  # candidates x issues
    ratios: FloatArray  # models x candidates
    products: FloatArray  # models: each joint model's best candidate product
    reservations: FloatArray  # parties x models

    @property
    def expected(self) -> FloatArray:
        mean: FloatArray = self.ratios.mean(axis=0)
        return mean

    def best(self) -> IntArray:
        """The candidate with the best expected ratio: the text to hold."""
        best: IntArray = self.candidates[int(np.argmax(self.expected))]
        return best

    def contenders(self, count: int) -> IntArray:
        """Positions of the `count` candidates with the best expected ratios."""
        order: IntArray = np.argsort(self.expected)[-count:]
        return order


def outlook(
    space: OutcomeSpace,
    models: Sequence[FloatArray],
    layout: Layout,
    reservations: FloatArray,
    rng: np.random.Generator,
    candidates: IntArray | None = None,
) -> Outlook:
    """The outlook over `candidates`, by default the frontier packages of the mean models and
    of a few joint samples (they do not depend on the reservation values)."""
    if candidates is None:
        candidates = _frontiers(space, models, layout, rng)
    products = nash_products(models, layout, candidates, reservations)
    best: FloatArray = products.max(axis=1)
    return Outlook(candidates, _ratios(products, best), best, reservations)


def expected_ratios(
    models: Sequence[FloatArray], layout: Layout, packages: IntArray, view: Outlook
) -> FloatArray:
    """Each package's expected ratio against `view`'s candidates."""
    products = nash_products(models, layout, packages, view.reservations)
    mean: FloatArray = _ratios(products, view.products).mean(axis=0)
    return mean


def nash_products(
    models: Sequence[FloatArray], layout: Layout, packages: IntArray, reservations: FloatArray
) -> FloatArray:
    """models x packages: each joint model's Nash product of each package."""
    products = np.ones((len(models[0]), len(packages)))
    for party, cloud in enumerate(models):
        gains = layout.utilities(cloud, packages) - reservations[party][:, None]
        products *= np.maximum(gains, FLOOR)
    return products


def _ratios(products: FloatArray, best: FloatArray) -> FloatArray:
    ratios: FloatArray = np.minimum(products / np.maximum(best, 1e-300)[:, None], 1.0)
    return ratios


def _frontiers(
    space: OutcomeSpace, models: Sequence[FloatArray], layout: Layout, rng: np.random.Generator
) -> IntArray:
    """Frontier packages of the mean models and of `SAMPLED_FRONTIERS` joint samples."""
    picks = [None, *rng.integers(len(models[0]), size=SAMPLED_FRONTIERS)]
    found = []
    for pick in picks:
        profiles = []
        for cloud in models:
            vector = cloud.mean(axis=0) if pick is None else cloud[pick]
            values = tuple(
                tuple(float(v) for v in vector[offset : offset + size])
                for offset, size in zip(layout.offsets, layout.sizes, strict=True)
            )
            profiles.append(LinearAdditive(tuple(1.0 for _ in layout.sizes), values))
        rows, _ = additive_frontier(space, profiles)
        found.append(rows)
    unique: IntArray = np.unique(np.vstack(found), axis=0)
    return unique
