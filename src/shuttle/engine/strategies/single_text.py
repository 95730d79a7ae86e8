"""The single-text mediator: improves a draft from the parties' private answers alone.

It is given the outcome space, the rounds so far (drafts and answers), the time and a seed,
and never a profile. From the answers it keeps a belief about each party (`belief`: clouds of
additive models consistent with everything the party said) and from the belief an outlook
(`choice`): the package with the best expected Nash ratio, to hold, and the value of probing
any other. Each version it circulates the most useful safe probe, or holds when no probe is
worth its risk, and from `HOLD_FROM` on it only holds: the parties' aspirations fall to their
reservation values by the deadline, so a text acceptable to all is then signed.

Where a party's zero lies cannot be learnt from comparisons; the mediator takes each party's
worst package as its reservation value until, in the last `LAST` versions, a party rejects a
text: that text is then taken to be below its reservation value, which moves the hold toward
the party.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from shuttle.engine.preferences import FloatArray
from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.belief import IntArray, Layout, PartyBelief, first_belief, learn
from shuttle.engine.strategies.choice import (
    CONTENDERS,
    acceptance,
    best_products,
    nash_ratios,
    outlook,
    probe_values,
)
from shuttle.engine.strategies.concession import concession
from shuttle.engine.strategies.protocol import Package, Round

HOLD_FROM = 0.9
LAST = 4
ENTROPY_WEIGHT = 0.002
RISK_WEIGHT = 1.0
MIN_INFORMATION = 5e-4
HOLD_BONUS = 1e-4
HUMILITY = 0.05
"""The least probability the mediator gives a party's accepting any text."""
SURE = 0.05
DOUBLES = 80
SAMPLES = 128
SPREAD = 1.5
TEMPER = 0.0
LEARN_ENDS = 1
LEARN_LOW = -1.0
import os
_DEBUG = bool(os.environ.get('SHUTTLE_DEBUG'))
for _item in filter(None, os.environ.get('SHUTTLE_TUNE', '').split(',')):
    _k, _v = _item.split('=')
    globals()[_k] = type(globals()[_k])(_v)


@dataclass(frozen=True)
class SingleTextMediator:
    """A mediator that sees only the rounds: drafts and the parties' answers."""

    space: OutcomeSpace
    seed: int = 0
    protocol: ClassVar[str] = "single-text"
    _memo: dict[str, list[object]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def draft(self, history: Sequence[Round], time: float) -> Package:
        """The text of the next version, from the rounds so far and its time in [0, 1]."""
        if self.space.continuous:
            raise ValueError("single-text mediation needs finite options: this space has a real issue")
        version = len(history) + 1
        rng = np.random.default_rng((self.seed, version, 1))
        if not history:
            return tuple(int(rng.integers(size)) for size in self.space.sizes)
        layout = Layout(self.space.sizes)
        beliefs = self._beliefs(history, layout)
        models = [layout.normalised(b.sample(rng, SAMPLES, layout)) for b in beliefs]
        wider = [layout.normalised(b.sample(rng, SAMPLES, layout, SPREAD)) for b in beliefs]
        total = version / time if time > 0 else float(version)
        reservations = self._reservations(beliefs, models, layout, total)
        weights = np.ones(SAMPLES)
        if TEMPER > 0:
            for belief, cloud in zip(beliefs, models, strict=True):
                weights *= concession(belief, cloud, layout, total).weights.sum(axis=1) ** TEMPER
        weights /= weights.sum()
        view = outlook(self.space, models, layout, reservations, weights, rng)
        hold = view.candidates[view.best()]
        if time >= HOLD_FROM:
            return _package(hold)
        previous = np.asarray(history[-1].draft, dtype=np.int64)
        contenders = view.candidates[np.argsort(view.expected)[-CONTENDERS:]]
        probes = self._probes(previous, hold, contenders, rng)
        value, entropy = probe_values(models, layout, view, previous, probes)
        reference = best_products(models, layout, view)
        expected = weights @ nash_ratios(models, layout, probes, reservations, reference)
        both = np.ones(len(probes))
        for belief, cloud in zip(beliefs, wider, strict=True):
            curve = concession(belief, cloud, layout, total)
            unknown = curve.accepting(layout.utilities(cloud, probes), time)
            chance = acceptance(belief, cloud, layout, probes, version, unknown)
            both *= np.maximum(chance, HUMILITY)
        risk = both * np.maximum(1.0 - expected, 0.0)
        # Learning for its own sake is worth less the surer the hold is already.
        doubt = min(1.0, (1.0 - float(view.expected.max())) / SURE)
        information = value + ENTROPY_WEIGHT * doubt * entropy
        is_hold = np.all(probes == hold, axis=1)
        score = information - RISK_WEIGHT * risk
        score[(information < MIN_INFORMATION) & ~is_hold] = -np.inf
        score[is_hold] += HOLD_BONUS
        pick = int(np.argmax(score))
        if _DEBUG:
            print(version, "hold", _package(hold), f"E={view.expected.max():.3f}", "pick", _package(probes[pick]), f"info={information[pick]:.4f} v={value[pick]:.4f} H={entropy[pick]:.3f} risk={risk[pick]:.3f} both={both[pick]:.2f} E={expected[pick]:.3f}", "holdscore", f"{score[is_hold].max() if is_hold.any() else None}")
        return _package(probes[pick])

    def _beliefs(self, history: Sequence[Round], layout: Layout) -> list[PartyBelief]:
        """The belief after every round, folded once and remembered by prefix."""
        rounds: list[Round] = self._memo.setdefault("rounds", [])  # type: ignore[assignment]
        states: list[list[PartyBelief]] = self._memo.setdefault("states", [])  # type: ignore[assignment]
        known = 0
        while known < min(len(rounds), len(history)) and rounds[known] == history[known]:
            known += 1
        del rounds[known:], states[known:]
        for index in range(known, len(history)):
            round_ = history[index]
            parties = range(len(round_.answers))
            if index == 0:
                state = [first_belief(layout, round_, p) for p in parties]
            else:
                state = [
                    learn(states[-1][p], layout, history[index - 1], round_, index + 1, p)
                    for p in parties
                ]
            rounds.append(round_)
            states.append(state)
        return states[-1]

    def _reservations(
        self, beliefs: list[PartyBelief], models: list[FloatArray], layout: Layout, total: float
    ) -> FloatArray:
        """Per party and model, the estimated reservation value (see the module docstring)."""
        estimates = np.zeros((len(models), len(models[0])))
        for party, (belief, cloud) in enumerate(zip(beliefs, models, strict=True)):
            if LEARN_ENDS:
                ends = concession(belief, cloud, layout, total).reservations()
                estimates[party] = np.clip(ends, LEARN_LOW, None)
            late = [d for v, d, ok in belief.verdicts if not ok and v > total - LAST]
            if late:
                level = layout.utilities(cloud, np.asarray(late)).max(axis=1)
                estimates[party] = np.maximum(estimates[party], level)
        return estimates

    def _probes(
        self, previous: IntArray, hold: IntArray, candidates: IntArray, rng: np.random.Generator
    ) -> IntArray:
        found = [candidates]
        for centre in (previous, hold):
            for issue, size in enumerate(self.space.sizes):
                changed = np.repeat(centre[None, :], size, axis=0)
                changed[:, issue] = np.arange(size)
                found.append(changed)
        issues = len(self.space.sizes)
        if issues >= 2:
            doubles = np.repeat(previous[None, :], DOUBLES, axis=0)
            for row in doubles:
                first, second = rng.choice(issues, size=2, replace=False)
                row[first] = rng.integers(self.space.sizes[first])
                row[second] = rng.integers(self.space.sizes[second])
            found.append(doubles)
        return np.unique(np.vstack(found), axis=0)


def _package(row: IntArray) -> Package:
    return tuple(int(o) for o in row)
