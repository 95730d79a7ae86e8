"""Which text to try next: what a probe can teach, and how likely it is to be signed.

A probe's comparison with the previous version splits the joint models by the answers they
predict; each part would hold its own best candidate, and the expected gain in expected ratio
is the probe's *value of information*. The entropy of the predicted answers measures learning
for its own sake. A probe is *risky* when every party may accept it: then it is the agreement.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.strategies.belief import PartyBelief
from shuttle.engine.strategies.layout import IntArray, Layout
from shuttle.engine.strategies.outlook import Outlook

SAME_BAND = 0.005
"""Predicted changes smaller than this count as "same"."""
RECENT = 3
DRIFT = 0.03
"""How far a party's aspiration may fall from one version to the next."""


def candidate_probes(
    sizes: tuple[int, ...],
    centres: Sequence[IntArray],
    extra: IntArray,
    doubles: int,
    rng: np.random.Generator,
) -> IntArray:
    """`extra`, every one-issue change of each centre, and `doubles` random two-issue changes
    of the first centre."""
    found = [extra]
    for centre in centres:
        for issue, size in enumerate(sizes):
            changed = np.repeat(centre[None, :], size, axis=0)
            changed[:, issue] = np.arange(size)
            found.append(changed)
    if len(sizes) >= 2:
        twice = np.repeat(centres[0][None, :], doubles, axis=0)
        for row in twice:
            first, second = rng.choice(len(sizes), size=2, replace=False)
            row[first] = rng.integers(sizes[first])
            row[second] = rng.integers(sizes[second])
        found.append(twice)
    unique: IntArray = np.unique(np.vstack(found), axis=0)
    return unique


def information(
    models: Sequence[FloatArray],
    layout: Layout,
    view: Outlook,
    previous: IntArray,
    probes: IntArray,
    contenders: int,
) -> tuple[FloatArray, FloatArray]:
    """(value of information, entropy of the predicted answers) of each probe, compared with
    the version `previous`; only the best `contenders` candidates are weighed."""
    count = len(models[0])
    groups = np.zeros((count, len(probes)), dtype=np.int64)
    entropy = np.zeros(len(probes))
    for party, cloud in enumerate(models):
        change = layout.utilities(cloud, probes) - layout.utilities(cloud, previous[None, :])
        signs = np.where(change > SAME_BAND, 2, np.where(change < -SAME_BAND, 0, 1))
        groups += signs * 3**party
        for sign in (0, 1, 2):
            share = (signs == sign).mean(axis=0)
            entropy -= np.where(share > 0, share * np.log(np.maximum(share, 1e-300)), 0.0)
    ratios = view.ratios[:, view.contenders(contenders)]
    informed = np.zeros(len(probes))
    for slot in np.unique(groups):
        members = (groups == slot).astype(np.float64)  # models x probes
        informed += (members.T @ ratios).max(axis=1)
    value: FloatArray = informed / count - view.expected.max()
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
    between is as likely as `unknown` (models x probes, from `concession`) says.
    """
    utilities = layout.utilities(cloud, probes)
    accepted = [draft for _, draft, ok in belief.verdicts if ok]
    sure = np.zeros(utilities.shape, dtype=bool)
    if accepted:
        floor = layout.utilities(cloud, np.asarray(accepted)).min(axis=1)
        sure = utilities >= floor[:, None] - 1e-9
    refused = np.zeros(utilities.shape, dtype=bool)
    for past, draft, ok in belief.verdicts[-RECENT:]:
        if not ok:
            level = layout.utilities(cloud, np.asarray([draft]))[:, 0]
            refused |= utilities < level[:, None] - DRIFT * (version - past)
    chance = (sure & ~refused) + unknown * (~sure & ~refused)
    share: FloatArray = chance.mean(axis=0)
    return share
