"""Model vectors: one number per option, a package's utility the sum of its options'."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine.strategies.layout import Layout


def test_utilities_sum_each_package_options() -> None:
    layout = Layout((2, 3))
    models = np.array([[0.1, 0.2, 0.0, 0.5, 0.7]])
    assert layout.utilities(models, np.array([[1, 2], [0, 0]])).tolist() == [
        pytest.approx([0.9, 0.1])
    ]
    row = layout.difference((1, 2), (0, 0))
    assert float(models[0] @ row) == pytest.approx(0.8)


def test_normalised_models_range_from_zero_to_one() -> None:
    layout = Layout((2, 3))
    normal = layout.normalised(np.array([[0.3, 0.5, 0.1, 0.4, 0.2]]))
    everything = np.array([[a, b] for a in range(2) for b in range(3)])
    utilities = layout.utilities(normal, everything)
    assert utilities.min() == pytest.approx(0.0) and utilities.max() == pytest.approx(1.0)
