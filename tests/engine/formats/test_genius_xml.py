"""Genius XML profiles, read as Genius reads them, on hand-written files with every quirk."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest import approx

from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.genius_xml import read_genius
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import RealIssue
from tests.engine.formats.genius_files import DOMAIN, profile, write_folder
from tests.engine.formats.paths import DATA


def read_folder(folder: Path) -> Scenario:
    return read_genius(folder, sorted(folder.glob("*.xml")))


@pytest.fixture(scope="module")
def quirks() -> Scenario:
    folder = DATA / "genius_quirks"
    return read_genius(folder, [p for p in sorted(folder.glob("*.xml")) if p.name != "pareto.xml"])


def linear(scenario: Scenario, party: str) -> LinearAdditive:
    found = scenario.profiles[scenario.parties.index(party)]
    assert isinstance(found, LinearAdditive)
    return found


def test_parties_are_the_profile_stems_sorted(quirks: Scenario) -> None:
    assert quirks.name == "genius_quirks"
    assert quirks.parties == ("buyer", "seller")


def test_discrete_utilities_are_evaluations_over_the_issue_maximum(quirks: Scenario) -> None:
    assert linear(quirks, "buyer").values[0] == (3 / 12, 6 / 12, 0.0, 1.0)
    # The seller names the issue "Accessory" and an option " Camera": matched all the same.
    assert linear(quirks, "seller").values[0] == (1.0, 0.5, 0.25, 0.0)


def test_weights_are_keyed_by_index_and_normalised(quirks: Scenario) -> None:
    # <weight index=5 value=1>, <weight index=2 value=2>, <weight index=3 value=1>, in that order.
    assert linear(quirks, "buyer").weights == (0.5, 0.25, 0.25)
    assert linear(quirks, "seller").weights == (0.5, 0.25, 0.25)


def test_integer_evaluators_count_from_the_lower_bound_and_clip(quirks: Scenario) -> None:
    # offset 0.2 + slope 0.3 * (v - 1) for v = 1..5, clipped to 1.
    assert linear(quirks, "buyer").values[1] == approx((0.2, 0.5, 0.8, 1.0, 1.0))
    assert linear(quirks, "seller").values[1] == approx((1.0, 0.75, 0.5, 0.25, 0.0))


def test_real_evaluators_are_linear_in_the_value_and_clip(quirks: Scenario) -> None:
    price = quirks.space.issues[2]
    assert isinstance(price, RealIssue)
    buyer = linear(quirks, "buyer").values[2]
    assert len(buyer) == 101
    assert buyer == approx(tuple(min(1.0, 1.2 - x) for x in price.values))
    assert buyer[0] == 1.0 and buyer[-1] == approx(0.2)
    assert linear(quirks, "seller").values[2] == approx(price.values)


def test_reservation_and_discount(quirks: Scenario) -> None:
    buyer, seller = linear(quirks, "buyer"), linear(quirks, "seller")
    assert (buyer.reservation, buyer.discount) == (0.3, None)  # a factor of 1.0 means none
    assert (seller.reservation, seller.discount) == (0.0, 0.8)  # no <reservation>: 0


@pytest.mark.parametrize(
    ("spoilt", "element", "problem"),
    [
        (
            profile(red="abc"),
            '<issue index=1 name="Color"> <item value="red">',
            "evaluation 'abc' is not a number",
        ),
        (profile(red="-1"), '<issue index=1 name="Color"> <item value="red">', "is negative"),
        (
            profile().replace('value="green" evaluation="2"', 'value="blue" evaluation="2"'),
            '<issue index=1 name="Color"> <item value="blue">',
            "the domain's issue has no such option",
        ),
        (
            profile().replace('<item value="green" evaluation="2"/>', ""),
            '<issue index=1 name="Color">',
            "option 'green' has no evaluation",
        ),
        (
            profile().replace('<weight index="2" value="1"/>', ""),
            '<issue index=2 name="Count">',
            "no <weight> for this issue",
        ),
        (
            profile().replace('<weight index="2"', '<weight index="7"'),
            "<weight index=7>",
            "the domain has no issue with index=7",
        ),
        (
            profile(weight="0").replace('index="2" value="1"', 'index="2" value="0"'),
            "<weight>",
            "weights sum to 0",
        ),
        (
            profile().replace('slope="0.5"', 'slope="steep"'),
            '<issue index=2 name="Count"> <evaluator>',
            "slope 'steep' is not a number",
        ),
        (
            profile().replace('<issue index="2" name="Count">', '<issue index="1" name="Count">'),
            '<issue index=1 name="Count">',
            "a second evaluation of the same issue",
        ),
        (profile(extra='<reservation value="1.5"/>'), "<reservation>", "outside [0, 1]"),
        (profile(extra='<discount_factor value="x"/>'), "<discount_factor>", "'x' is not a number"),
        ("<utility_space/>", "<utility_space>", "no <objective> element"),
        (
            profile().replace(
                'value="green" evaluation="2"/>',
                'value="green" evaluation="2"/><item value="green" evaluation="3"/>',
            ),
            '<issue index=1 name="Color"> <item value="green">',
            "evaluated twice, differently",
        ),
    ],
)
def test_a_bad_profile_names_file_element_and_problem(
    spoilt: str, element: str, problem: str, tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "Folder", a=profile(), bad=spoilt)
    with pytest.raises(ScenarioError) as caught:
        read_folder(folder)
    assert caught.value.source == "Folder/bad.xml"
    assert caught.value.element == element
    assert problem in caught.value.problem


def test_the_message_reads_file_element_problem(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "Phone", Buyer=profile(red="abc"), Seller=profile())
    with pytest.raises(ScenarioError) as caught:
        read_folder(folder)
    assert str(caught.value) == (
        'Phone/Buyer.xml: <issue index=1 name="Color"> <item value="red">: '
        "evaluation 'abc' is not a number"
    )


def test_a_repeated_identical_evaluation_is_accepted(tmp_path: Path) -> None:
    twice = profile().replace(
        '<item value="green" evaluation="2"/>',
        '<item value="green" evaluation="2"/><item value="green" evaluation="2"/>',
    )
    scenario = read_folder(write_folder(tmp_path / "F", a=twice, b=profile()))
    assert linear(scenario, "a").values[0] == (0.5, 1.0)


def test_an_integer_issue_without_evaluator_is_worth_nothing(tmp_path: Path) -> None:
    bare = profile().replace('<evaluator ftype="linear" slope="0.5" offset="0"/>', "")
    scenario = read_folder(write_folder(tmp_path / "F", a=bare, b=profile()))
    assert linear(scenario, "a").values[1] == (0.0, 0.0, 0.0)


def test_all_zero_evaluations_give_zero_utilities(tmp_path: Path) -> None:
    zero = profile(red="0").replace('evaluation="2"', 'evaluation="0"')
    scenario = read_folder(write_folder(tmp_path / "F", a=zero, b=profile()))
    assert linear(scenario, "a").values[0] == (0.0, 0.0)


def test_real_evaluators_other_than_linear_or_constant_are_refused(tmp_path: Path) -> None:
    domain = DOMAIN.replace(
        '<issue index="2" name="Count" type="integer" lowerbound="0" upperbound="2"/>',
        '<issue index="2" name="Count" type="real"><range lowerbound="0" upperbound="2"/></issue>',
    )
    constant = profile().replace(
        'ftype="linear" slope="0.5" offset="0"', 'ftype="constant" parameter0="0.25"'
    )
    triangular = profile().replace('ftype="linear" slope="0.5" offset="0"', 'ftype="triangular"')
    scenario = read_folder(write_folder(tmp_path / "A", domain, a=constant, b=constant))
    assert linear(scenario, "a").values[1] == (0.25,) * 101
    with pytest.raises(ScenarioError, match="ftype 'triangular' is not supported"):
        read_folder(write_folder(tmp_path / "B", domain, a=constant, b=triangular))


def test_constraint_based_profiles_are_refused() -> None:
    folder = DATA / "genius_constraint"
    with pytest.raises(ScenarioError) as caught:
        read_folder(folder)
    assert caught.value.source == "genius_constraint/Operator.xml"
    assert "constraint-based profile" in caught.value.problem
    assert "not supported" in caught.value.problem


def test_files_are_told_apart_by_root_element(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "F")
    (folder / "notes.xml").write_text("<notes/>", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"^F/notes.xml: <notes>: neither a Genius domain"):
        read_folder(folder)


def test_exactly_one_domain_and_two_profiles(tmp_path: Path) -> None:
    two = write_folder(tmp_path / "Two")
    (two / "other.xml").write_text(DOMAIN, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"^Two: expected one Genius domain file, found"):
        read_folder(two)
    lonely = write_folder(tmp_path / "One", a=profile())
    with pytest.raises(ScenarioError, match=r"^One: a scenario needs at least 2 parties"):
        read_folder(lonely)
