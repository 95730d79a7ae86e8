"""The sorted utility table behind offers."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine import DiscreteIssue, LinearAdditive, OutcomeSpace
from shuttle.engine.strategies import utility_table as table_module
from shuttle.engine.strategies.utility_table import utility_table
from tests.engine.strategies.scenarios import trade


def test_every_package_appears_once_sorted_by_utility() -> None:
    scenario = trade()
    table = utility_table(scenario.space, scenario.profiles[0])
    assert len(table.rows) == scenario.space.grid_size
    assert len({tuple(r) for r in table.rows}) == scenario.space.grid_size
    assert np.all(np.diff(table.utilities) >= 0)
    recomputed = scenario.profiles[0].utility(scenario.space, table.rows)
    assert np.allclose(recomputed, table.utilities)


def test_first_at_least_finds_the_cheapest_package_meeting_a_level() -> None:
    scenario = trade()
    table = utility_table(scenario.space, scenario.profiles[0])
    start = table.first_at_least(0.5)
    assert table.utilities[start] >= 0.5 - 1e-12
    assert start == 0 or table.utilities[start - 1] < 0.5
    assert table.first_at_least(2.0) == len(table.utilities)


def test_the_table_is_built_once_per_space_and_profile() -> None:
    scenario = trade()
    assert utility_table(scenario.space, scenario.profiles[1]) is utility_table(
        scenario.space, scenario.profiles[1]
    )


def test_a_space_beyond_the_limit_is_refused_with_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(table_module, "TABLE_LIMIT", 10)
    space = OutcomeSpace((DiscreteIssue("a", tuple("abcd")), DiscreteIssue("b", tuple("abcd"))))
    with pytest.raises(ValueError, match="at most 10"):
        utility_table(space, LinearAdditive((0.5, 0.5), ((0, 1, 2, 3),) * 2))
