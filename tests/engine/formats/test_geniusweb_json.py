"""GeniusWeb JSON, both generations of keys, with files told apart by content alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest import approx

from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.geniusweb_json import read_geniusweb
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue
from tests.engine.formats.paths import DATA


def read_folder(folder: Path) -> Scenario:
    return read_geniusweb(
        folder, sorted(p for p in folder.glob("*.json") if p.name != "specials.json")
    )


def linear(scenario: Scenario, party: int) -> LinearAdditive:
    profile = scenario.profiles[party]
    assert isinstance(profile, LinearAdditive)
    return profile


def test_older_keys_with_reservation_bids() -> None:
    scenario = read_folder(DATA / "geniusweb_old")
    # The domain sits in "profile.json": it is recognised by its issuesValues, not its name.
    assert scenario.name == "geniusweb_old"
    assert scenario.parties == ("alice", "bob")
    assert scenario.space.issues[0] == DiscreteIssue("food", ("bread", "cheese", "fruit"))
    alice, bob = linear(scenario, 0), linear(scenario, 1)
    assert alice.values[0] == (0.2, 1.0, 0.5)  # used as given: no rescaling to a maximum of 1
    assert alice.weights == (0.5, 0.2, 0.3)
    assert bob.weights == (0.5, 0.25, 0.25)  # 2, 1, 1 normalised
    # alice's bid: fruit 0.5 x 0.5 + water 0.4 x 0.2 + hill 0.3 x 0.3
    assert alice.reservation == approx(0.25 + 0.08 + 0.09)
    # bob's bid leaves the drink out: bread 1.0 x 0.5 + park 0.2 x 0.25
    assert bob.reservation == approx(0.5 + 0.05)
    assert alice.discount is None


def test_newer_keys_without_reservation_bid() -> None:
    scenario = read_folder(DATA / "geniusweb_new")
    assert scenario.parties == ("profileA", "profileB")
    assert linear(scenario, 1).values[2] == (0.2, 1.0, 0.7)
    assert scenario.reservations == (0.0, 0.0)


def spoil(tmp_path: Path, change: Any) -> Path:
    folder = tmp_path / "Picnic"
    shutil.copytree(DATA / "geniusweb_old", folder)
    path = folder / "bob.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["LinearAdditiveUtilitySpace"])
    path.write_text(json.dumps(document), encoding="utf-8")
    return folder


def set_utility(body: dict[str, Any], value: object) -> None:
    body["issueUtilities"]["food"]["discreteutils"]["valueUtilities"]["bread"] = value


@pytest.mark.parametrize(
    ("change", "element", "problem"),
    [
        (
            lambda b: set_utility(b, 1.5),
            "issueUtilities: 'food'",
            "utility of 'bread' 1.5 is outside",
        ),
        (lambda b: set_utility(b, "high"), "issueUtilities: 'food'", "'high' is not a number"),
        (
            lambda b: b["issueUtilities"]["food"]["discreteutils"]["valueUtilities"].pop("bread"),
            "issueUtilities: 'food'",
            "value 'bread' has no utility",
        ),
        (
            lambda b: b["issueUtilities"]["food"]["discreteutils"]["valueUtilities"].update(cake=1),
            "issueUtilities: 'food'",
            "value 'cake' is not in the domain",
        ),
        (
            lambda b: b["issueUtilities"].update(
                food={"numberutils": {"lowValue": 1, "lowUtility": 0}}
            ),
            "issueUtilities: 'food'",
            "number-valued issues are not supported",
        ),
        (lambda b: b["issueWeights"].pop("drink"), "issueWeights: 'drink'", "no weight"),
        (lambda b: b["issueWeights"].update(drink=-1), "issueWeights", "must not be negative"),
        (
            lambda b: b["issueWeights"].update(music=1),
            "LinearAdditiveUtilitySpace",
            "issue 'music' is not in the domain",
        ),
        (
            lambda b: b["reservationBid"]["issuevalues"].update(food="cake"),
            "reservationBid",
            "value 'cake' of issue 'food' is not in the domain",
        ),
    ],
)
def test_a_bad_profile_names_file_element_and_problem(
    change: Any, element: str, problem: str, tmp_path: Path
) -> None:
    with pytest.raises(ScenarioError) as caught:
        read_folder(spoil(tmp_path, change))
    assert caught.value.source == "Picnic/bob.json"
    assert caught.value.element == element
    assert problem in caught.value.problem


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "Picnic"
    shutil.copytree(DATA / "geniusweb_old", folder)
    (folder / "alice.json").write_text('{\n  "LinearAdditiveUtilitySpace": ,\n}', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"^Picnic/alice.json: not valid JSON: .*line 2"):
        read_folder(folder)


def test_other_profile_kinds_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Picnic"
    shutil.copytree(DATA / "geniusweb_old", folder)
    (folder / "alice.json").write_text('{"PartialOrdering": {}}', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"^Picnic/alice.json: neither a GeniusWeb domain"):
        read_folder(folder)


def test_number_valued_domain_issues_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Picnic"
    shutil.copytree(DATA / "geniusweb_old", folder)
    domain = json.loads((folder / "profile.json").read_text(encoding="utf-8"))
    domain["issuesValues"]["food"] = {"range": {"low": 1, "high": 3}}
    (folder / "profile.json").write_text(json.dumps(domain), encoding="utf-8")
    with pytest.raises(ScenarioError, match="only discrete issues"):
        read_folder(folder)


def test_exactly_one_domain(tmp_path: Path) -> None:
    folder = tmp_path / "Picnic"
    shutil.copytree(DATA / "geniusweb_old", folder)
    shutil.copy(folder / "profile.json", folder / "again.json")
    with pytest.raises(ScenarioError, match=r"^Picnic: expected one GeniusWeb domain file"):
        read_folder(folder)
