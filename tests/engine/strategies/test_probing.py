"""Probes: what they can teach, and who would sign them."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine.strategies.belief import PartyBelief
from shuttle.engine.strategies.layout import Layout
from shuttle.engine.strategies.outlook import outlook
from shuttle.engine.strategies.probing import acceptance, candidate_probes, information
from tests.engine.strategies.scenarios import trade

LAYOUT = Layout((11,))
MODELS = np.tile(np.linspace(0.0, 1.0, 11), (4, 1))


def belief(verdicts: list[tuple[int, int, bool]]) -> PartyBelief:
    empty = np.zeros((0, 11))
    return PartyBelief(
        (10,), MODELS[0], np.eye(11), tuple((v, (o,), ok) for v, o, ok in verdicts), empty, empty
    )


def test_signed_once_signed_again_refused_recently_refused_again() -> None:
    party = belief([(1, 9, False), (2, 4, False), (3, 3, False), (4, 6, True)])
    probes = np.array([[7], [6], [1], [5]])
    unknown = np.full((len(MODELS), len(probes)), 0.25)
    chance = acceptance(party, MODELS, LAYOUT, probes, version=5, unknown=unknown)
    # 7 and 6 are worth at least the accepted 6; 1 is far below the refused 4; 5 is unknown.
    assert chance.tolist() == pytest.approx([1.0, 1.0, 0.0, 0.25])


def test_probes_include_every_one_issue_change_of_each_centre() -> None:
    sizes = trade().space.sizes
    centre = np.array([1, 1, 1])
    extra = np.array([[2, 2, 2]])
    found = candidate_probes(sizes, [centre], extra, 5, np.random.default_rng(0))
    probes = {tuple(int(o) for o in p) for p in found}
    assert (2, 2, 2) in probes and (0, 1, 1) in probes and (1, 1, 2) in probes


def test_information_is_never_negative_and_nil_for_a_known_answer() -> None:
    scenario = trade()
    layout = Layout(scenario.space.sizes)
    rng = np.random.default_rng(3)
    models = [layout.normalised(rng.uniform(size=(32, layout.width))) for _ in range(2)]
    view = outlook(scenario.space, models, layout, np.zeros((2, 32)), rng)
    previous = np.array([1, 1, 1])
    probes = candidate_probes(scenario.space.sizes, [previous], view.candidates, 10, rng)
    value, entropy = information(models, layout, view, previous, probes, contenders=8)
    assert np.all(value >= -1e-12)
    same = np.all(probes == previous, axis=1)
    assert entropy[same] == pytest.approx(0.0)
    assert value[same] == pytest.approx(0.0, abs=1e-12)
