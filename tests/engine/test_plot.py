"""`plot_analysis` writes a PNG for two parties, for more (pairwise panels) and for huge spaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuttle.engine import analyze
from shuttle.engine.plot import plot_analysis
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, OutcomeSpace
from shuttle.engine.synthetic import make_synthetic

PNG = b"\x89PNG\r\n\x1a\n"


def three_parties() -> Scenario:
    space = OutcomeSpace(tuple(DiscreteIssue(f"i{k}", ("a", "b", "c")) for k in range(3)))
    profiles = (
        LinearAdditive((1 / 3,) * 3, ((0.0, 0.5, 1.0),) * 3, reservation=0.2),
        LinearAdditive((1 / 3,) * 3, ((1.0, 0.5, 0.0),) * 3, reservation=0.2),
        LinearAdditive((0.5, 0.25, 0.25), ((0.2, 1.0, 0.0),) * 3),
    )
    return Scenario("three", space, ("north", "south", "east"), profiles)


@pytest.mark.parametrize(
    "scenario", [make_synthetic(4), three_parties()], ids=["two-parties-huge", "three-parties"]
)
def test_plot_writes_a_png(tmp_path: Path, scenario: Scenario) -> None:
    path = tmp_path / "analysis.png"
    plot_analysis(scenario, analyze(scenario), path)
    assert path.read_bytes().startswith(PNG) and path.stat().st_size > 10_000


def test_no_acceptable_outcome_still_plots(tmp_path: Path) -> None:
    space = OutcomeSpace((DiscreteIssue("split", ("mine", "yours")),))
    a = LinearAdditive((1.0,), ((1.0, 0.0),), reservation=0.9)
    b = LinearAdditive((1.0,), ((0.0, 1.0),), reservation=0.9)
    scenario = Scenario("deadlock", space, ("a", "b"), (a, b))
    plot_analysis(scenario, analyze(scenario), tmp_path / "deadlock.png")
    assert (tmp_path / "deadlock.png").read_bytes().startswith(PNG)
