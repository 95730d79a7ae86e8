"""The single-text mediator: improves a draft from the parties' private answers alone.

It is given the outcome space, a seed, and at each version the rounds so far and the time;
never a profile, never the engine's advice. Each version it:

1. folds the new round into a belief about each party (`belief`): a distribution over additive
   utility models consistent with everything the party said, from which it samples models;
2. looks at the packages that could be the Nash point under those models (`outlook`) and
   picks the one with the best expected Nash ratio: the *hold*;
3. before `HOLD_FROM`, weighs probes around the previous version and the hold (`probing`):
   what their comparisons would teach, against the risk that every party signs one that is
   worse than the hold (`concession` and `probing.acceptance` estimate who would sign what);
   it circulates the best probe, or the hold when no probe is worth its risk. What a probe
   teaches is judged under reservation values drawn, per joint model, from each party's
   concession posterior (`concession`: the curves its verdicts allow, each ending at its
   reservation value): the endgame's hold depends on reservation values not known yet, so the
   comparisons worth having are those that settle the Nash point wherever they may lie. From
   `HOLD_FROM` on it only holds: aspirations fall to reservation values by the deadline, so a
   hold every party finds acceptable is signed by the last version.

The first version is a package drawn from the seed: nothing is known yet.

Comparisons reveal a party's utility only up to where its zero lies, so a party's reservation
value is estimated, from `HOLD_FROM` on, from its verdicts (`reservation`): the least value any
time-based concession curve consistent with all of them allows, and at least its worst package
(before, it is the worst package: early verdicts of a conceder bound r loosely, and an early
agreement would be pulled by the error). A firm party that
keeps rejecting a fair text close to the deadline has a reservation value above it, and the
hold moves toward it while there is still time to be signed. In the last `LAST` versions a
rejected text is taken to be below the party's reservation value outright.

The mediator is a pure function of its inputs. It remembers the beliefs folded from the rounds
it has seen, and reuses them when called again with the same rounds and more, only to avoid
folding them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.belief import PartyBelief, first_belief, learn
from shuttle.engine.strategies.concession import Concession, concession
from shuttle.engine.strategies.layout import IntArray, Layout
from shuttle.engine.strategies.outlook import expected_ratios, outlook
from shuttle.engine.strategies.probing import acceptance, candidate_probes, information
from shuttle.engine.strategies.protocol import Package, Round
from shuttle.engine.strategies.reservation import reservation_floor

HOLD_FROM = 0.75
LAST = 2
SAMPLES = 128
CONTENDERS = 16
DOUBLES = 80
ENTROPY_WEIGHT = 0.002
SURE = 0.05
"""Learning for its own sake counts fully while the hold's expected ratio is below 1 - SURE,
and less and less above it."""
MIN_INFORMATION = 5e-4
HUMILITY = 0.05
"""The least probability given to a party's accepting any text."""
HOLD_BONUS = 1e-4


@dataclass(frozen=True)
class SingleTextMediator:
    """A mediator that sees only the rounds: drafts and the parties' answers."""

    space: OutcomeSpace
    seed: int = 0
    protocol: ClassVar[str] = "single-text"
    _rounds: list[Round] = field(default_factory=list, init=False, repr=False, compare=False)
    _folded: list[tuple[PartyBelief, ...]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if self.space.continuous:
            raise ValueError("single-text mediation needs finite options: a real issue has none")

    def draft(self, history: Sequence[Round], time: float) -> Package:
        """The text of version len(history) + 1, circulated at `time` in (0, 1]."""
        version = len(history) + 1
        rng = np.random.default_rng((self.seed, version))
        if not history:
            return tuple(int(rng.integers(size)) for size in self.space.sizes)
        layout = Layout(self.space.sizes)
        rounds = version / time if time > 0 else float(version)
        beliefs = self.beliefs(history)
        models = [layout.normalised(b.sample(rng, SAMPLES, layout)) for b in beliefs]
        reservations = _reservations(beliefs, models, layout, rounds, time >= HOLD_FROM)
        view = outlook(self.space, models, layout, reservations, rng)
        hold = view.best()
        if time >= HOLD_FROM:
            return _package(hold)
        previous = np.asarray(history[-1].draft, dtype=np.int64)
        # Who would sign what: the posterior over each party's concession curve per model.
        curves = [concession(b, m, layout, rounds) for b, m in zip(beliefs, models, strict=True)]
        # What is worth learning now is what the endgame's hold will need: under the
        # reservation values the endgame may find, not only under the worst packages.
        doubtful = _doubtful_reservations(curves, reservations, rng)
        ahead = outlook(self.space, models, layout, doubtful, rng, view.candidates)
        contenders = np.vstack(
            [
                view.candidates[view.contenders(CONTENDERS)],
                ahead.candidates[ahead.contenders(CONTENDERS)],
            ]
        )
        probes = candidate_probes(self.space.sizes, [previous, hold], contenders, DOUBLES, rng)
        value, entropy = information(models, layout, ahead, previous, probes, CONTENDERS)
        doubt = min(1.0, (1.0 - float(ahead.expected.max())) / SURE)
        learning = value + ENTROPY_WEIGHT * doubt * entropy
        signed = np.ones(len(probes))
        for belief, cloud, curve in zip(beliefs, models, curves, strict=True):
            unknown = curve.accepting(layout.utilities(cloud, probes), time)
            chance = acceptance(belief, cloud, layout, probes, version, unknown)
            signed *= np.maximum(chance, HUMILITY)
        loss = np.maximum(1.0 - expected_ratios(models, layout, probes, view), 0.0)
        score = learning - signed * loss
        is_hold = np.all(probes == hold, axis=1)
        score[(learning < MIN_INFORMATION) & ~is_hold] = -np.inf
        score[is_hold] += HOLD_BONUS
        return _package(probes[int(np.argmax(score))])

    def beliefs(self, history: Sequence[Round]) -> tuple[PartyBelief, ...]:
        """The belief about each party after `history` (at least one round)."""
        if not history:
            raise ValueError("there is no belief before the first round")
        known = 0
        while known < min(len(self._rounds), len(history)):
            if self._rounds[known] != history[known]:
                break
            known += 1
        del self._rounds[known:], self._folded[known:]
        layout = Layout(self.space.sizes)
        for index in range(known, len(history)):
            round_ = history[index]
            parties = range(len(round_.answers))
            if index == 0:
                state = tuple(first_belief(layout, round_, p) for p in parties)
            else:
                before, previous = self._folded[-1], history[index - 1]
                state = tuple(
                    learn(before[p], layout, previous, round_, index + 1, p) for p in parties
                )
            self._rounds.append(round_)
            self._folded.append(state)
        return self._folded[-1]


def _reservations(
    beliefs: Sequence[PartyBelief],
    models: Sequence[FloatArray],
    layout: Layout,
    rounds: float,
    endgame: bool,
) -> FloatArray:
    """Per party and model: 0 (the worst package), raised in the `endgame` to the least
    reservation value the party's verdicts allow, or to the best text it rejected in the last
    `LAST` versions if higher."""
    estimates = np.zeros((len(models), len(models[0])))
    for party, (belief, cloud) in enumerate(zip(beliefs, models, strict=True)):
        late = [d for version, d, ok in belief.verdicts if not ok and version > rounds - LAST]
        if late:
            estimates[party] = layout.utilities(cloud, np.asarray(late)).max(axis=1)
        if endgame:
            floor = reservation_floor(belief, cloud, layout, rounds)
            estimates[party] = np.maximum(estimates[party], floor)
    return estimates


def _doubtful_reservations(
    curves: Sequence[Concession], reservations: FloatArray, rng: np.random.Generator
) -> FloatArray:
    """Per party and model: a reservation value drawn from the party's concession posterior
    under that model, never below `reservations`."""
    drawn = np.array(reservations, copy=True)
    for party, curve in enumerate(curves):
        cumulative = np.cumsum(curve.weights, axis=1)
        points = rng.uniform(size=(len(cumulative), 1)) * cumulative[:, -1:]
        picks = np.minimum((cumulative < points).sum(axis=1), len(curve.ends) - 1)
        drawn[party] = np.maximum(drawn[party], curve.ends[picks])
    return drawn


def _package(row: IntArray) -> Package:
    return tuple(int(option) for option in row)
