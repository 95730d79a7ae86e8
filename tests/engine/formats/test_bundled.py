"""The scenarios shipped with Shuttle load, round-trip, and leave room for agreement."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from shuttle.engine import LinearAdditive, Scenario, analyze, load_scenario
from shuttle.engine.escalation import ScheduledIncident, total_drop
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


def test_muscat_2024_is_an_illustrative_six_issue_agenda() -> None:
    muscat = load_scenario(BUNDLED / "muscat_2024.yaml")
    assert muscat.name == "Muscat 2024"
    assert muscat.parties == ("United States", "Iran")
    assert muscat.space.names == (
        "Attacks on US forces",
        "Red Sea shipping",
        "Direct Israel-Iran strikes",
        "US force posture",
        "Sanctions enforcement",
        "The channel",
    )
    assert all(3 <= size <= 4 for size in muscat.space.sizes)
    assert muscat.space.issues[-1].values == ("regular rounds", "as needed", "suspended")
    assert all(isinstance(profile, LinearAdditive) for profile in muscat.profiles)


def test_muscat_2024_has_a_zone_and_a_nash_point_that_compromises() -> None:
    muscat = load_scenario(BUNDLED / "muscat_2024.yaml")
    result = analyze(muscat)
    assert result.exact and result.outcomes == 2304
    assert result.zopa_size is not None
    assert 0 < result.zopa_size < result.outcomes / 5  # a zone, but a narrow one
    assert zone_of_agreement(muscat) > 0  # some packages are strictly better for both
    assert result.nash is not None
    us, iran = result.nash.utilities
    assert us > muscat.reservations[0] and iran > muscat.reservations[1]
    # Neither side takes everything: the Nash package gives each party less than its best on
    # some issue, and picks a middle option (neither side's best) on at least two.
    us_values, iran_values = (p.values for p in muscat.profiles if isinstance(p, LinearAdditive))
    picked = result.nash.indices
    middle = [
        issue
        for issue, option in enumerate(picked)
        if us_values[issue][option] < 1.0 and iran_values[issue][option] < 1.0
    ]
    assert len(middle) >= 2


def test_muscat_2024_escalation_and_talk_read_as_written() -> None:
    muscat = load_scenario(BUNDLED / "muscat_2024.yaml")
    assert muscat.escalation == (
        ScheduledIncident(3, "a drone attack on a US base in Jordan", 0.03, 0.5),
        ScheduledIncident(6, "a merchant ship struck by a missile in the Red Sea", 0.02, 0.6),
        ScheduledIncident(9, "US strikes on aligned groups in Iraq and Syria", 0.03),
        ScheduledIncident(12, "an exchange of direct Israeli and Iranian strikes", 0.05, 0.3),
    )
    assert total_drop(muscat.escalation) == pytest.approx(0.13)
    talk = muscat.talk
    assert talk is not None
    assert talk.mediators == ("Oman (mediator)",)
    assert talk.delegates_of("United States") == (
        "US head of delegation",
        "US deputy head of delegation",
    )
    assert talk.delegates_of("Iran") == (
        "Iran head of delegation",
        "Iran deputy head of delegation",
    )
    assert talk.notice is not None and talk.notice.startswith("Illustrative")
    assert "ILLUSTRATIVE" in (BUNDLED / "muscat_2024.yaml").read_text(encoding="utf-8")


def test_muscat_2024_escalation_widens_the_zone() -> None:
    muscat = load_scenario(BUNDLED / "muscat_2024.yaml")
    drop = total_drop(muscat.escalation)
    worse = replace(
        muscat,
        profiles=tuple(replace(p, reservation=p.reservation - drop) for p in muscat.profiles),
    )
    assert zone_of_agreement(worse) > 3 * zone_of_agreement(muscat)


@pytest.mark.parametrize("name", ["muscat.yaml", "river_basin.yaml", "muscat_2024.yaml"])
def test_bundled_scenarios_round_trip(name: str) -> None:
    scenario = load_scenario(BUNDLED / name)
    assert parse_yaml(write_yaml(scenario), name, "unused") == scenario


def test_the_documented_example_is_the_shipped_muscat_file() -> None:
    docs = (BUNDLED.parents[2] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert f"```yaml\n{(BUNDLED / 'muscat.yaml').read_text(encoding='utf-8')}```" in docs
