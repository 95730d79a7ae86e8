"""Every public scenario folder loads as INDEX.tsv describes it, or is refused as documented.

The folders live beside the checkout (see tests/engine/conftest.py); without them these tests
skip, and in CI (SHUTTLE_SCENARIOS set) a missing folder fails. Spot checks recompute a few
utilities straight from the files, without the readers.
"""

from __future__ import annotations

import csv
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from pytest import approx

from shuttle.engine import (
    HyperRectangleProfile,
    LinearAdditive,
    RealIssue,
    Scenario,
    ScenarioError,
    load_scenario,
)
from shuttle.engine.formats import read_yaml, write_yaml
from tests.engine.conftest import scenarios_root

# INDEX.tsv counts ANAC2012_FlightBooking-B's domain item "Sep4_2011", listed twice, twice;
# the reader keeps one option (no bid can tell the two apart): 4 x 3 x 3 outcomes, not 4 x 3 x 4.
KNOWN_OUTCOMES = {"ANAC2012_FlightBooking-B": 36}
SAMPLE = 200


def read_index(root: Path) -> dict[str, dict[str, str]]:
    with (root / "INDEX.tsv").open(encoding="utf-8", newline="") as file:
        return {row["folder"]: row for row in csv.DictReader(file, delimiter="\t")}


def _folders() -> list[str]:
    root = scenarios_root()
    return sorted(read_index(root)) if root else ["(public scenarios absent)"]


def expected_profiles(parties: str) -> int:
    """``2``, ``3 per session (9 profiles)``, ``any 2..9 (9 profiles)``: profiles in the folder."""
    found = re.search(r"\((\d+) profiles\)", parties)
    return int(found[1]) if found else int(parties.split()[0])


def expected_outcomes(outcomes: str) -> int | None:
    if outcomes.startswith("continuous"):
        return None
    base, _, exponent = outcomes.partition("^")
    return int(base) ** int(exponent) if exponent else int(base)


def listed(column: str) -> list[float] | None:
    """The numbers in ``yes [0.5,0.5]``, or None when the column lists none."""
    found = re.search(r"\[([^\]]*)\]", column)
    return [float(x) for x in found[1].split(",")] if found else None


@pytest.fixture(scope="module")
def index(scenarios: Path) -> dict[str, dict[str, str]]:
    return read_index(scenarios)


def sample(scenario: Scenario, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    sizes = np.array(scenario.space.sizes)
    return rng.integers(0, sizes, size=(SAMPLE, len(sizes)))


def test_every_folder_is_indexed(scenarios: Path, index: dict[str, dict[str, str]]) -> None:
    on_disk = {p.name for p in scenarios.iterdir() if p.is_dir()}
    assert on_disk == set(index)


@pytest.mark.parametrize("folder", _folders())
def test_each_folder_loads_as_indexed(
    folder: str, scenarios: Path, index: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    row = index[folder]
    if "constraint-based" in row["utility_type"]:
        with pytest.raises(ScenarioError) as caught:
            load_scenario(scenarios / folder)
        assert caught.value.source.startswith(f"{folder}/")
        assert "constraint-based profile" in caught.value.problem
        assert "not supported" in caught.value.problem
        return
    scenario = load_scenario(scenarios / folder)
    assert scenario.name == folder
    assert len(scenario.parties) == expected_profiles(row["parties"])
    assert len(scenario.space.issues) == int(row["issues"].split()[0])
    outcomes = KNOWN_OUTCOMES.get(folder, expected_outcomes(row["outcomes"]))
    assert scenario.space.cardinality == outcomes

    reservations = listed(row["reservation_value"])
    if reservations is not None:
        assert list(scenario.reservations) == approx(reservations)
    discounts = [profile.discount for profile in scenario.profiles]
    factors = listed(row["discount_factor"]) if row["discount_factor"].startswith("yes") else None
    if factors is None:
        assert discounts == [None] * len(discounts)
    else:  # a listed factor of 1 means none, as everywhere in Genius
        assert discounts == [approx(f, abs=1e-5) if 0 < f < 1 else None for f in factors]

    indices = sample(scenario)
    for profile in scenario.profiles:
        if isinstance(profile, LinearAdditive):
            assert math.fsum(profile.weights) == approx(1.0, abs=1e-12)
            assert all(0.0 <= v <= 1.0 for values in profile.values for v in values)
        utilities = profile.utility(scenario.space, indices)
        assert ((utilities >= 0.0) & (utilities <= 1.0 + 1e-12)).all()
        assert 0.0 <= profile.reservation <= 1.0

    path = tmp_path / f"{folder}.yaml"
    path.write_text(write_yaml(scenario), encoding="utf-8")
    again = read_yaml(path)
    assert again == scenario
    for before, after in zip(scenario.profiles, again.profiles, strict=True):
        assert np.array_equal(
            before.utility(scenario.space, indices), after.utility(again.space, indices)
        )


def linear(scenario: Scenario, party: str) -> LinearAdditive:
    profile = scenario.profiles[scenario.parties.index(party)]
    assert isinstance(profile, LinearAdditive)
    return profile


def test_laptop_utilities_recomputed_from_the_xml(scenarios: Path) -> None:
    folder = scenarios / "ANAC2011_Laptop"
    buyer = linear(load_scenario(folder), "laptop_buyer_utility")
    objective = ET.parse(folder / "laptop_buyer_utility.xml").getroot().find("objective")
    assert objective is not None
    for position, issue in enumerate(objective.findall("issue")):
        evaluations = [float(item.get("evaluation", "")) for item in issue.findall("item")]
        assert buyer.values[position] == approx([e / max(evaluations) for e in evaluations])
    raw = [float(w.get("value", "")) for w in objective.findall("weight")]
    assert buyer.weights == approx([w / sum(raw) for w in raw])
    assert buyer.values[0][0] == approx(12 / 30)  # Dell: evaluation 12 of at most 30


def test_smartphone_survives_its_ampersand_and_leading_space(scenarios: Path) -> None:
    folder = scenarios / "ANAC2013_SmartPhone"
    scenario = load_scenario(folder)
    assert scenario.space.names[5] == "Accessory"  # written " Accessory"
    text = (folder / "SmartPhone_util1.xml").read_text(encoding="utf-8")
    carrier = text[text.index('name="Carrier"') : text.index('name="OS"')]
    evaluations = {
        v: float(e) for v, e in re.findall(r'value="([^"]*)" evaluation="([^"]*)"', carrier)
    }
    assert "AT & T Mobility" in evaluations
    values = linear(scenario, "SmartPhone_util1").values[3]
    issue = scenario.space.issues[3]
    top = max(evaluations.values())
    assert values == approx([evaluations[o] / top for o in issue.values])


def test_new_sporthal_is_read_as_windows_1252(scenarios: Path) -> None:
    folder = scenarios / "ANAC2015_NewSporthal"
    assert b"\x80" in (folder / "New_sporthal.xml").read_bytes()  # the euro sign in cp1252
    budget = load_scenario(folder).space.issues[3]
    assert "\u20ac10,000" in budget.values


def test_son_weights_by_index_from_two_and_real_evaluators(scenarios: Path) -> None:
    scenario = load_scenario(scenarios / "Genius_SON")
    buyer = linear(scenario, "son_buyer")
    assert buyer.weights == approx((0.5, 0.1, 0.05, 0.35))
    price = scenario.space.issues[0]
    assert isinstance(price, RealIssue)
    assert buyer.values[0] == approx([1.0 - x for x in price.values])


def test_killer_robot_integer_evaluators(scenarios: Path) -> None:
    robot = linear(load_scenario(scenarios / "ANAC2015_KillerRobot"), "KillerRobot_util3")
    guns, height = robot.values[2], robot.values[5]
    assert guns[0] == approx(0.1) and guns[-1] == approx(1.0)  # 0.1 + 0.1 (v - 1), v = 1..10
    assert height[0] == 1.0 and height[-1] == approx(0.0, abs=1e-12)  # 1 - (v - 1)/49


Box = tuple[float, list[tuple[int, int, int]]]
_RECTANGLE = re.compile(r'<hyperRectangle utility="([^"]*)">(.*?)</hyperRectangle>', re.DOTALL)
_INCLUDES = re.compile(r'<INCLUDES index="(\d+)" min="(\d+)" max="(\d+)"')


def boxes_by_hand(text: str) -> tuple[float, list[Box]]:
    """maxutility and (utility, [(issue index, min, max)]) per rectangle, read with regexes."""
    found = re.search(r'maxutility="([^"]*)"', text)
    assert found is not None
    boxes = [
        (float(utility), [(int(i), int(lo), int(hi)) for i, lo, hi in _INCLUDES.findall(body)])
        for utility, body in _RECTANGLE.findall(text)
    ]
    return float(found[1]), boxes


def test_anac2014_rectangles_recomputed_from_the_xml(scenarios: Path) -> None:
    folder = scenarios / "ANAC2014_10issues"
    scenario = load_scenario(folder)
    maximum, boxes = boxes_by_hand((folder / "profile-1.xml").read_text(encoding="utf-8"))
    indices = sample(scenario, seed=7)
    by_hand = []
    for row in indices:  # issue index k sits at position k - 1; values 0..9 equal the indices
        counted = sum(
            u for u, bounds in boxes if all(lo <= row[k - 1] <= hi for k, lo, hi in bounds)
        )
        by_hand.append(min(1.0, counted / maximum))
    profile = scenario.profiles[0]
    assert isinstance(profile, HyperRectangleProfile)
    assert list(profile.utility(scenario.space, indices)) == approx(by_hand)


def test_geniusweb_reservation_is_the_utility_of_the_reservation_bid(scenarios: Path) -> None:
    scenario = load_scenario(scenarios / "GeniusWeb_FlightBooking")
    # flightbooking1: price 200000yen (0.5) x 0.35 + CentAir (0.667) x 0.35 + 3 sept. (1.0) x 0.3
    assert linear(scenario, "flightbooking1").reservation == approx(0.5 * 0.35 + 0.667 * 0.35 + 0.3)


@pytest.mark.parametrize("folder", ["ANL2023_domain09", "ANL2023_domain37"])
def test_anl2023_special_bids_match_the_organisers_utilities(scenarios: Path, folder: str) -> None:
    scenario = load_scenario(scenarios / folder)
    specials = json.loads((scenarios / folder / "specials.json").read_text(encoding="utf-8"))
    for key in ("nash", "kalai", "social_welfare"):
        bid = specials[key]["bid"]
        row = [issue.values.index(bid[issue.name]) for issue in scenario.space.issues]
        ours = [float(p.utility(scenario.space, np.array([row]))[0]) for p in scenario.profiles]
        assert ours == approx(specials[key]["utility"], abs=1e-4)
