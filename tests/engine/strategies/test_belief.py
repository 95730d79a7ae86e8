"""What the mediator learns of a party from its answers."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from shuttle.engine.strategies import DraftAnswer, PartySight, Round, TimeBasedParty
from shuttle.engine.strategies.belief import first_belief, learn
from shuttle.engine.strategies.layout import Layout
from tests.engine.strategies.scenarios import additive, border


def answers_of(drafts: Sequence[tuple[int, ...]]) -> list[Round]:
    scenario = border()
    party = TimeBasedParty(scenario.space, additive(scenario)[0])
    rounds = []
    for k in range(len(drafts)):
        answer = party.answer_draft(PartySight(time=0.01, drafts=tuple(drafts[: k + 1])))
        rounds.append(Round(drafts[k], (answer,)))
    return rounds


def test_the_first_answer_reveals_the_best_option_of_every_issue() -> None:
    layout = Layout(border().space.sizes)
    (round_,) = answers_of([(3, 1, 2, 0)])
    belief = first_belief(layout, round_, 0)
    assert belief.best == (0, 0, 0, 3)
    models = belief.sample(np.random.default_rng(0), 200, layout)
    for offset, size, top in zip(layout.offsets, layout.sizes, belief.best, strict=True):
        block = models[:, offset : offset + size]
        assert np.all(block >= 0.0)
        assert np.all(block <= block[:, [top]] + 1e-12)


def test_comparisons_are_learnt_and_the_models_drawn_respect_them() -> None:
    scenario = border()
    profile = additive(scenario)[0]
    layout = Layout(scenario.space.sizes)
    drafts = [(3, 1, 2, 0), (2, 1, 2, 0), (2, 2, 2, 0), (3, 2, 1, 1), (1, 2, 1, 1), (1, 0, 1, 2)]
    rounds = answers_of(drafts)
    belief = first_belief(layout, rounds[0], 0)
    for version in range(1, len(rounds)):
        belief = learn(belief, layout, rounds[version - 1], rounds[version], version + 1, 0)
    assert len(belief.facts) == len(drafts) - 1
    assert [v for v, _, _ in belief.verdicts] == list(range(1, len(drafts) + 1))
    models = belief.sample(np.random.default_rng(1), 100, layout)
    truth = np.concatenate(profile.contributions())
    for previous, current in itertools.pairwise(drafts):
        row = layout.difference(current, previous)
        agree = np.sign(models @ row) == np.sign(truth @ row)
        assert agree.mean() > 0.9


def test_a_same_is_learnt_as_a_tie() -> None:
    scenario = border()
    layout = Layout(scenario.space.sizes)
    first = Round((0, 0, 0, 0), (DraftAnswer(False, {3: 3}),))
    same = Round((0, 0, 0, 1), (DraftAnswer(False, {3: 3}, "same"),))
    belief = learn(first_belief(layout, first, 0), layout, first, same, 2, 0)
    assert len(belief.ties) == 1 and len(belief.facts) == 0
    models = belief.sample(np.random.default_rng(2), 100, layout)
    assert np.abs(models @ belief.ties[0]).max() < 0.02


def test_the_prior_weighs_issues_alike_whatever_their_number_of_options() -> None:
    layout = Layout((11, 26, 2, 3))
    first = Round((0, 0, 0, 0), (DraftAnswer(False, {0: 10, 1: 3, 2: 1, 3: 2}),))
    belief = first_belief(layout, first, 0)
    tops = layout.offsets + np.asarray(belief.best)
    weights = belief.sample(np.random.default_rng(3), 256, layout)[:, tops]
    assert np.allclose(weights.mean(axis=0), 0.25, atol=0.05)
    assert np.all(weights.std(axis=0) > 0.1)  # nothing is known yet


def test_particles_that_contradict_a_comparison_are_moved_into_agreement_with_it() -> None:
    layout = Layout((2, 2))
    first = Round((0, 0), (DraftAnswer(False, {0: 1, 1: 1}),))
    # Issue 0's best alone beats issue 1's best alone: issue 0 weighs more.
    swap = Round((1, 0), (DraftAnswer(False, {1: 1}, "better"),))
    back = Round((0, 1), (DraftAnswer(False, {0: 1}, "worse"),))
    belief = learn(first_belief(layout, first, 0), layout, first, swap, 2, 0)
    belief = learn(belief, layout, swap, back, 3, 0)
    models = belief.sample(np.random.default_rng(4), 256, layout)
    assert np.mean(models[:, 1] + models[:, 2] > models[:, 0] + models[:, 3]) > 0.95
