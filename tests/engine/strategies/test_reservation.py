"""The least reservation value a party's answers allow."""

from __future__ import annotations

import numpy as np

from shuttle.engine.strategies.aspiration import aspiration
from shuttle.engine.strategies.belief import PartyBelief
from shuttle.engine.strategies.layout import Layout
from shuttle.engine.strategies.reservation import reservation_floor

LAYOUT = Layout((21,))
# One issue, options worth 0.00, 0.05, ..., 1.00: the model is certain.
MODELS = np.tile(np.linspace(0.0, 1.0, 21), (4, 1))
ROUNDS = 200


def answers(exponent: float, reserve: float, options: list[int]) -> PartyBelief:
    """A time-based party's verdicts on option `options[v - 1]` at version v."""
    verdicts = []
    for version, option in enumerate(options, start=1):
        level = aspiration(version / ROUNDS, 1.0, reserve, exponent)
        verdicts.append((version, (option,), bool(MODELS[0, option] >= level)))
    empty = np.zeros((0, 21))
    return PartyBelief((20,), MODELS[0], np.eye(21), tuple(verdicts), empty, empty)


def test_a_firm_party_refusing_a_fair_text_to_the_end_has_a_high_reservation_value() -> None:
    firm = answers(0.2, 0.6, [13] * 196)  # worth 0.65: refused until version 195
    assert not firm.verdicts[193][2] and firm.verdicts[194][2]
    floor = reservation_floor(firm, MODELS, LAYOUT, ROUNDS)
    assert np.all(floor > 0.45) and np.all(floor <= 0.6)


def test_early_refusals_of_a_firm_party_bound_nothing() -> None:
    firm = answers(0.2, 0.6, [13] * 150)
    assert np.all(reservation_floor(firm, MODELS, LAYOUT, ROUNDS) < 0.2)


def test_a_conceder_is_read_early_and_never_above_its_reservation_value() -> None:
    options = [20, 18, 16, 14, 12, 10, 9, 8, 7, 6] * 12  # 120 versions, some accepted
    conceder = answers(5.0, 0.3, options)
    floor = reservation_floor(conceder, MODELS, LAYOUT, ROUNDS)
    assert np.all(floor > 0.2) and np.all(floor <= 0.3)


def test_answers_no_curve_explains_bound_nothing() -> None:
    erratic = answers(1.0, 0.0, [20, 2])
    flipped = tuple((v, d, not ok) for v, d, ok in erratic.verdicts)  # refuses its best, signs 0.1
    belief = PartyBelief(
        erratic.best, erratic.weights, erratic.values, flipped, *([erratic.facts] * 2)
    )
    assert np.all(reservation_floor(belief, MODELS, LAYOUT, ROUNDS) == 0.0)
