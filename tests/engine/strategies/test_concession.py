"""Reading a party's concession curve from its verdicts."""

from __future__ import annotations

import numpy as np

from shuttle.engine.strategies.belief import PartyBelief
from shuttle.engine.strategies.concession import concession
from shuttle.engine.strategies.layout import Layout

LAYOUT = Layout((11,))
# One issue, options worth 0.0, 0.1, ..., 1.0: the model is certain.
MODELS = np.tile(np.linspace(0.0, 1.0, 11), (8, 1))


def belief(verdicts: list[tuple[int, int, bool]]) -> PartyBelief:
    empty = np.zeros((0, 11))
    return PartyBelief(
        (10,), MODELS[0], np.eye(11), tuple((v, (o,), ok) for v, o, ok in verdicts), empty, empty
    )


def test_a_party_that_signed_middling_texts_early_is_expected_to_sign_more() -> None:
    quick = belief([(1, 6, False), (2, 5, True), (3, 5, True), (4, 4, True)])
    curve = concession(quick, MODELS, LAYOUT, rounds=100)
    chance = curve.accepting(LAYOUT.utilities(MODELS, np.array([[5], [2]])), 0.05).mean(axis=0)
    assert chance[0] > 0.9
    assert chance[1] < chance[0]


def test_a_party_that_refused_good_texts_for_long_is_not() -> None:
    firm = belief([(v, 9, False) for v in range(1, 51)])
    curve = concession(firm, MODELS, LAYOUT, rounds=100)
    chance = curve.accepting(LAYOUT.utilities(MODELS, np.array([[6]])), 0.51).mean()
    assert chance < 0.1
