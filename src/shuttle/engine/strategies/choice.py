"""What the single-text mediator makes of its belief: which text to hold, which to try.

Every joint model k (the k-th model of each party's cloud, all normalised so that a party's
worst package is 0 and its best 1) has a Nash product for each candidate package, with gains
over an estimated reservation value. A package's *expected ratio* is the mean over joint models
of its product over that model's best candidate product: the Nash ratio the mediator expects.
Candidates are the Pareto frontiers of the mean models and of a few sampled ones.

A probe is judged by what its comparisons with the previous version can teach: the joint
models split by the answers they predict, each part would hold its own best candidate, and the
expected gain in expected ratio is the probe's value of information; the entropy of the
predicted answers breaks ties. A probe is risky when every party may accept it (its utility
reaches what the party accepted before, or exceeds what it recently rejected) and it is worse
than the best hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shuttle.engine.analysis.additive import additive_frontier
from shuttle.engine.preferences import FloatArray, LinearAdditive
from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.belief import IntArray, Layout, PartyBelief

SAMPLED_FRONTIERS = 2
CONTENDERS = 16
RECENT = 3
DRIFT = 0.03
"""How far a party's aspiration may fall in one version."""
SAME_BAND = 0.005
"""Predicted changes smaller than this count as "same" (the belief's slack on ties)."""


@dataclass(frozen=True, eq=False)
class Outlook:
    """The candidates, the models' utilities of them and their expected ratios."""

    candidates: IntArray  # C x issues
    ratios: FloatArray  # models x C
    reservations: FloatArray  # parties x models
    weights: FloatArray  # models, summing to 1

    @property
    def expected(self) -> FloatArray:
        mean: FloatArray = self.weights @ self.ratios
        return mean

    def best(self) -> int:
        return int(np.argmax(self.expected))


def frontier_candidates(
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
                tuple(float(v) for v in vector[o : o + s])
                for o, s in zip(layout.offsets, layout.sizes, strict=True)
            )
            profiles.append(LinearAdditive(tuple(1.0 for _ in layout.sizes), values))
        rows, _ = additive_frontier(space, profiles)
        found.append(rows)
    return np.unique(np.vstack(found), axis=0)


def nash_ratios(
    models: Sequence[FloatArray],
    layout: Layout,
    packages: IntArray,
    reservations: FloatArray,
    reference: FloatArray | None = None,
) -> FloatArray:
    """models x packages: each joint model's Nash product of each package over `reference`
    (per model: the best product among the candidates), or over the best of `packages`."""
    products = np.ones((len(models[0]), len(packages)))
    for party, cloud in enumerate(models):
        gains = layout.utilities(cloud, packages) - reservations[party][:, None]
        products *= np.maximum(gains, 0.0)
    best = products.max(axis=1) if reference is None else reference
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(best[:, None] > 1e-12, products / best[:, None], 0.0)
    return np.minimum(ratios, 1.0)


def outlook(
    space: OutcomeSpace,
    models: Sequence[FloatArray],
    layout: Layout,
    reservations: FloatArray,
    weights: FloatArray,
    rng: np.random.Generator,
) -> Outlook:
    candidates = frontier_candidates(space, models, layout, rng)
    ratios = nash_ratios(models, layout, candidates, reservations)
    return Outlook(candidates, ratios, reservations, weights)


def best_products(models: Sequence[FloatArray], layout: Layout, view: Outlook) -> FloatArray:
    products = np.ones((len(models[0]), len(view.candidates)))
    for party, cloud in enumerate(models):
        gains = layout.utilities(cloud, view.candidates) - view.reservations[party][:, None]
        products *= np.maximum(gains, 0.0)
    best: FloatArray = products.max(axis=1)
    return best


def probe_values(
    models: Sequence[FloatArray],
    layout: Layout,
    view: Outlook,
    previous: IntArray,
    probes: IntArray,
) -> tuple[FloatArray, FloatArray]:
    """(value of information, entropy of the predicted answers) of each probe, compared
    with the version `previous`."""
    count = len(models[0])
    groups = np.zeros((count, len(probes)), dtype=np.int64)
    entropy = np.zeros(len(probes))
    for party, cloud in enumerate(models):
        change = layout.utilities(cloud, probes) - layout.utilities(cloud, previous[None, :])
        signs = np.where(change > SAME_BAND, 2, np.where(change < -SAME_BAND, 0, 1))
        groups += signs * 3**party
        for sign in (0, 1, 2):
            share = view.weights @ (signs == sign)
            entropy -= np.where(share > 0, share * np.log(np.maximum(share, 1e-300)), 0.0)
    # Only candidates that some model could hold matter to what an answer may change.
    contenders = np.argsort(view.expected)[-CONTENDERS:]
    ratios = view.ratios[:, contenders]
    informed = np.zeros(len(probes))
    for slot in np.unique(groups):
        members = (groups == slot) * view.weights[:, None]  # models x probes
        informed += (members.T @ ratios).max(axis=1)
    value = informed - view.expected.max()
    return value, entropy


def acceptance(
    belief: PartyBelief,
    cloud: FloatArray,
    layout: Layout,
    probes: IntArray,
    version: int,
    unknown: FloatArray,
) -> FloatArray:
    """Per probe, the probability that the party would accept it now.

    Aspirations only fall, so under each model a probe worth at least a text the party once
    accepted is accepted for sure, and one worth clearly less than a text it rejected in the
    last `RECENT` versions (less by `DRIFT` per version since) is rejected for sure; anything
    between is as likely as `unknown` (models x probes) says.
    """
    utilities = layout.utilities(cloud, probes)
    accepted = [d for _, d, ok in belief.verdicts if ok]
    sure = np.zeros(utilities.shape, dtype=bool)
    if accepted:
        floor = layout.utilities(cloud, np.asarray(accepted)).min(axis=1)
        sure = utilities >= floor[:, None] - 1e-9
    refused = np.zeros(utilities.shape, dtype=bool)
    for past, draft, ok in belief.verdicts[-RECENT:]:
        if ok:
            continue
        level = layout.utilities(cloud, np.asarray([draft]))[:, 0]
        refused |= utilities < level[:, None] - DRIFT * (version - past)
    share: FloatArray = ((sure & ~refused) + unknown * (~sure & ~refused)).mean(axis=0)
    return share
