"""The scenarios shipped with Shuttle load, round-trip, and leave room for agreement."""

from __future__ import annotations

import numpy as np
import pytest

from shuttle.engine import LinearAdditive, Scenario, load_scenario
from shuttle.engine.formats import write_yaml
from shuttle.engine.formats.yaml_format import parse_yaml
from tests.engine.formats.paths import BUNDLED


def zone_of_agreement(scenario: Scenario) -> int:
    """How many outcomes every party prefers to its reservation value."""
    indices = scenario.space.index_block(0, scenario.space.grid_size)
    above = np.ones(len(indices), dtype=bool)
    for profile in scenario.profiles:
        above &= profile.utility(scenario.space, indices) > profile.reservation
    return int(above.sum())


def test_muscat_is_a_two_party_agenda_with_a_zone_of_agreement() -> None:
    muscat = load_scenario(BUNDLED / "muscat.yaml")
    assert muscat.parties == ("United States", "Iran")
    assert muscat.space.names == (
        "Enrichment level",
        "Sanctions relief",
        "Inspections",
        "Sequencing",
    )
    assert all(3 <= size <= 5 for size in muscat.space.sizes)
    assert all(reservation > 0 for reservation in muscat.reservations)
    assert 0 < zone_of_agreement(muscat) < muscat.space.grid_size  # opposed, yet overlapping
    us, iran = muscat.profiles
    assert isinstance(us, LinearAdditive) and isinstance(iran, LinearAdditive)
    # Opposed on every issue: what one ranks best, the other ranks worst.
    for mine, theirs in zip(us.values, iran.values, strict=True):
        assert int(np.argmax(mine)) == int(np.argmin(theirs))


def test_river_basin_has_three_parties_and_an_integer_issue() -> None:
    basin = load_scenario(BUNDLED / "river_basin.yaml")
    assert basin.parties == ("Upland", "Riverland", "Delta")
    assert basin.space.issues[1].name == "Filling period (years)"
    assert basin.profiles[2].discount == 0.9
    assert 0 < zone_of_agreement(basin) < basin.space.grid_size


@pytest.mark.parametrize("name", ["muscat.yaml", "river_basin.yaml"])
def test_bundled_scenarios_round_trip(name: str) -> None:
    scenario = load_scenario(BUNDLED / name)
    assert parse_yaml(write_yaml(scenario), name, "unused") == scenario


def test_the_documented_example_is_the_shipped_muscat_file() -> None:
    docs = (BUNDLED.parents[2] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert f"```yaml\n{(BUNDLED / 'muscat.yaml').read_text(encoding='utf-8')}```" in docs
