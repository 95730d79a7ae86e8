"""Shuttle's YAML format: pleasant to write, strict to read, and lossless to write back."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

from shuttle.engine.formats import load_scenario, read_yaml, write_yaml
from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.yaml_format import parse_yaml
from shuttle.engine.preferences import (
    HyperRectangle,
    HyperRectangleProfile,
    LinearAdditive,
    RectangleKind,
)
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, IntegerIssue, RealIssue
from tests.engine.formats.paths import DATA
from tests.engine.formats.strategies import scenarios

EXAMPLE = """
name: Muscat
issues:
  Enrichment: ["0%", "3.67%", "20%"]
  Inspectors: {type: integer, min: 50, max: 150}
  Price: {type: real, min: 0.0, max: 1.0, points: 11}
parties:
  United States:
    reservation: 0.4
    discount: 0.9
    weights: {Enrichment: 5, Inspectors: 3, Price: 2}
    values:
      Enrichment: {"0%": 1.0, "3.67%": 0.6, "20%": 0.0}
      Inspectors: {at_min: 0.0, at_max: 1.0}
      Price: {at_min: 1.0, at_max: 0.0}
  Iran:
    weights: {Enrichment: 2, Inspectors: 1, Price: 1}
    values:
      Enrichment: [0.0, 0.7, 1.0]
      Inspectors: {at_min: 1.0, at_max: 0.2}
      Price: {at_min: 0.0, at_max: 1.0}
"""

RECTANGLES = """
issues:
  Inspectors: {type: integer, min: 50, max: 150}
  Price: {type: real, min: 0.0, max: 1.0, points: 11}
parties:
  United States:
    weights: {Inspectors: 1, Price: 1}
    values: {Inspectors: {at_min: 0.0, at_max: 1.0}, Price: {at_min: 1.0, at_max: 0.0}}
  Iran:
    max_utility: 100
    rectangles:
      - {utility: 60, includes: {Inspectors: [50, 90]}}
      - {utility: 40, excludes: {Price: [0.0, 0.3]}}
"""


def parse(text: str, name: str = "example") -> Scenario:
    return parse_yaml(textwrap.dedent(text), "F/example.yaml", name)


def test_the_documented_example_reads() -> None:
    scenario = parse(EXAMPLE)
    assert scenario.name == "Muscat" and scenario.parties == ("United States", "Iran")
    assert scenario.space.issues == (
        DiscreteIssue("Enrichment", ("0%", "3.67%", "20%")),
        IntegerIssue("Inspectors", 50, 150),
        RealIssue("Price", 0.0, 1.0, 11),
    )
    us, iran = scenario.profiles
    assert isinstance(us, LinearAdditive) and isinstance(iran, LinearAdditive)
    assert us.weights == (0.5, 0.3, 0.2)  # 5, 3, 2 normalised
    assert us.values[0] == (1.0, 0.6, 0.0)
    assert us.values[1][0] == 0.0 and us.values[1][50] == 0.5 and us.values[1][-1] == 1.0
    assert us.values[2] == pytest.approx([1.0 - x / 10 for x in range(11)])
    assert (us.reservation, us.discount) == (0.4, 0.9)
    assert iran.values[0] == (0.0, 0.7, 1.0) and iran.reservation == 0.0


def test_hyper_rectangle_profiles_read() -> None:
    iran = parse(RECTANGLES).profiles[1]
    assert iran == HyperRectangleProfile(
        (
            HyperRectangle(RectangleKind.INCLUDES, 60.0, ((0, 50.0, 90.0),)),
            HyperRectangle(RectangleKind.EXCLUDES, 40.0, ((1, 0.0, 0.3),)),
        ),
        max_utility=100.0,
    )


def test_the_module_docstring_example_reads() -> None:
    from shuttle.engine.formats import yaml_format

    assert yaml_format.__doc__ is not None
    example = yaml_format.__doc__.split("::", 1)[1].split("\n\n", 2)[1]
    assert parse(example).parties == ("United States", "Iran")
    rectangles = yaml_format.__doc__.split("::", 2)[2].split("\n\n", 2)[1]
    iran = textwrap.indent(textwrap.dedent(rectangles), "  ")
    with_rectangles = parse(RECTANGLES.split("  Iran:")[0] + iran)
    assert isinstance(with_rectangles.profiles[1], HyperRectangleProfile)


def test_values_may_be_lists_and_integer_tables() -> None:
    scenario = parse(
        """
        issues:
          Color: [red, green]
          Count: {type: integer, min: 1, max: 3}
        parties:
          a:
            weights: {Color: 1, Count: 1}
            values: {Color: [0.25, 1], Count: {1: 0.0, 2: 0.5, 3: 1.0}}
          b:
            weights: {Color: 0.5, Count: 0.5}
            values: {Color: {red: 1, green: 0}, Count: [1.0, 0.5, 0.0]}
        """
    )
    a, b = scenario.profiles
    assert isinstance(a, LinearAdditive) and isinstance(b, LinearAdditive)
    assert a.values == ((0.25, 1.0), (0.0, 0.5, 1.0))
    assert b.values == ((1.0, 0.0), (1.0, 0.5, 0.0))
    assert (a.reservation, a.discount) == (0.0, None)
    assert scenario.name == "example"  # no name key: the default (read_yaml passes the stem)


GOOD_PARTY = "{weights: {Color: 1}, values: {Color: [0, 1]}}"


def two_party(party_a: str, issues: str = "Color: [red, green]") -> str:
    return f"issues:\n  {issues}\nparties:\n  a: {party_a}\n  b: {GOOD_PARTY}\n"


@pytest.mark.parametrize(
    ("text", "element", "problem"),
    [
        ("", None, "the file is empty"),
        ("- a list", None, "the file must be a mapping"),
        ("issues: {Color: [red]}\nparties: {a: " + GOOD_PARTY + "}", None, "at least 2 parties"),
        (two_party(GOOD_PARTY) + "colour: red\n", None, "unknown key 'colour' in the file"),
        (two_party(GOOD_PARTY, "Color: [red, red]"), "issues > Color", "an option appears twice"),
        (two_party(GOOD_PARTY, "Color: [yes, no]"), "issues > Color", "option True is a boolean"),
        (
            two_party(GOOD_PARTY, "Color: {type: integer, min: 3, max: 1}"),
            "issues > Color",
            "min 3 exceeds max 1",
        ),
        (
            two_party(GOOD_PARTY, "Color: {type: set}"),
            "issues > Color",
            "type 'set' is not integer or real",
        ),
        (
            two_party(GOOD_PARTY, "Color: {type: real, min: 0, max: 1, points: 1}"),
            "issues > Color",
            "points 1 must be at least 2",
        ),
        (
            two_party("{weights: {Color: 1}, values: {Color: [0, 1.5]}}"),
            "parties > a > values > Color",
            "utility 1.5 is outside [0, 1]",
        ),
        (
            two_party("{weights: {Color: 1}, values: {Color: [0]}}"),
            "parties > a > values > Color",
            "1 utilities for 2 options",
        ),
        (
            two_party("{weights: {Color: 1}, values: {Color: {red: 1}}}"),
            "parties > a > values > Color",
            "option 'green' has no utility",
        ),
        (
            two_party("{weights: {Color: 1}, values: {Color: {red: 1, green: 0, blue: 0}}}"),
            "parties > a > values > Color",
            "'blue' is not an option",
        ),
        (
            two_party("{weights: {Colour: 1}, values: {Color: [0, 1]}}"),
            "parties > a > weights",
            "weights names 'Colour', which is not an issue",
        ),
        (
            two_party("{weights: {Color: 0}, values: {Color: [0, 1]}}"),
            "parties > a > weights",
            "weights sum to 0",
        ),
        (
            two_party("{values: {Color: [0, 1]}}"),
            "parties > a > weights",
            "a profile needs 'weights'",
        ),
        (
            two_party("{weights: {Color: 1}, values: {Color: [0, 1]}, reservation: 2}"),
            "parties > a",
            "reservation 2.0 is outside [0, 1]",
        ),
        (
            two_party("{weights: {Color: 1}, values: {Color: [0, 1]}, weigths: {}}"),
            "parties > a",
            "unknown key 'weigths' in a profile",
        ),
        (
            two_party("{max_utility: 1, rectangles: [{utility: 1, includes: {Color: [0, 1]}}]}"),
            "parties > a",
            "needs integer or real issues; 'Color' is discrete",
        ),
        (
            two_party("{max_utility: 0, rectangles: []}", "N: {type: integer, min: 0, max: 1}"),
            "parties > a",
            "max_utility 0.0 must be positive",
        ),
        (
            two_party(
                "{max_utility: 1, rectangles: [{utility: 1, includes: {}, excludes: {}}]}",
                "N: {type: integer, min: 0, max: 1}",
            ),
            "parties > a > rectangles > no. 1",
            "includes or excludes, not both",
        ),
        (
            two_party(
                "{max_utility: 1, rectangles: [{utility: 1, includes: {N: [0]}}]}",
                "N: {type: integer, min: 0, max: 1}",
            ),
            "parties > a > rectangles > no. 1",
            "must be [min, max]",
        ),
        (
            two_party(
                "{weights: {X: 1}, values: {X: [0, 1, 2]}}",
                "X: {type: real, min: 0, max: 1, points: 3}",
            ).replace("[0, 1, 2]", "{0: 1}"),
            "parties > a > values > X",
            "give {at_min, at_max} or a list of 3 utilities",
        ),
    ],
)
def test_a_bad_file_names_the_place_and_problem(
    text: str, element: str | None, problem: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_yaml(text, "F/s.yaml", "s")
    assert caught.value.source == "F/s.yaml"
    assert caught.value.element == element
    assert problem in caught.value.problem


def test_read_yaml_names_the_scenario_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "river.yaml"
    path.write_text(textwrap.dedent(EXAMPLE).replace("name: Muscat\n", ""), encoding="utf-8")
    assert read_yaml(path).name == "river"
    assert read_yaml(path, default_name="Basin").name == "Basin"
    with pytest.raises(ScenarioError, match="cannot read the file"):
        read_yaml(tmp_path / "absent.yaml")


def round_trip(scenario: Scenario) -> Scenario:
    return parse_yaml(write_yaml(scenario), "written.yaml", "unused")


@pytest.mark.parametrize(
    "folder", ["genius_quirks", "genius_nonlinear", "geniusweb_old", "geniusweb_new"]
)
def test_fixtures_round_trip_exactly(folder: str) -> None:
    scenario = load_scenario(DATA / folder)
    assert round_trip(scenario) == scenario


def test_writing_uses_lines_and_tables_as_they_fit() -> None:
    scenario = parse(EXAMPLE)
    text = write_yaml(scenario)
    assert "Inspectors: {at_min: 0.0, at_max: 1.0}" in text
    assert "Enrichment: [0%, 3.67%, 20%]" in text
    assert round_trip(scenario) == scenario
    rectangles = parse(RECTANGLES)
    assert "- {utility: 60, includes: {Inspectors: [50, 90]}}" in write_yaml(rectangles)
    assert round_trip(rectangles) == rectangles


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_any_scenario_round_trips_exactly(scenario: Scenario) -> None:
    again = round_trip(scenario)
    assert again == scenario
    indices = scenario.space.index_block(0, min(scenario.space.grid_size, 50))
    for before, after in zip(scenario.profiles, again.profiles, strict=True):
        assert np.array_equal(
            before.utility(scenario.space, indices), after.utility(again.space, indices)
        )
