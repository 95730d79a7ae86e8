"""The frequency model: options the other side keeps offering are taken to be valued."""

from __future__ import annotations

import numpy as np

from shuttle.engine.strategies.opponent_model import estimated_utilities


def test_without_offers_nothing_is_known() -> None:
    rows = np.array([[0, 0], [1, 1]])
    assert estimated_utilities((2, 2), (), rows).tolist() == [0.0, 0.0]


def test_the_options_offered_most_score_highest() -> None:
    rows = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    offers = ((1, 0), (1, 1), (1, 0))
    scores = estimated_utilities((2, 2), offers, rows)
    assert int(np.argmax(scores)) == 2  # (1, 0): the option of each issue offered most
    assert scores[2] > scores[3] > scores[0]


def test_an_issue_the_other_side_never_moves_on_weighs_more() -> None:
    rows = np.array([[1, 0], [0, 1]])
    offers = ((1, 0), (1, 1), (1, 0), (1, 1))  # issue 0 held at 1, issue 1 moving
    scores = estimated_utilities((2, 2), offers, rows)
    assert scores[0] > scores[1]
