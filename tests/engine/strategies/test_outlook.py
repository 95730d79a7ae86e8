"""The outlook: with the parties' true utilities as the only model, it finds the Nash point."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine import Scenario, analyze
from shuttle.engine.strategies.layout import Layout
from shuttle.engine.strategies.outlook import expected_ratios, outlook
from tests.engine.strategies.scenarios import additive, border, trade


@pytest.mark.parametrize("scenario", [trade(), border()], ids=["trade", "border"])
def test_with_exact_models_the_hold_is_the_nash_package(scenario: Scenario) -> None:
    layout = Layout(scenario.space.sizes)
    models = [np.tile(np.concatenate(p.contributions()), (4, 1)) for p in additive(scenario)]
    reservations = np.array([[p.reservation] * 4 for p in additive(scenario)])
    view = outlook(scenario.space, models, layout, reservations, np.random.default_rng(0))
    nash = analyze(scenario).nash
    assert nash is not None
    assert tuple(int(o) for o in view.best()) == nash.indices
    assert view.expected.max() == pytest.approx(1.0)
    ratio = expected_ratios(models, layout, np.array([nash.indices]), view)
    assert ratio[0] == pytest.approx(1.0)
