"""Plain YAML data into checked values: labels must be text, keys unique, numbers numbers."""

from __future__ import annotations

import pytest

from shuttle.engine.formats.errors import Problem
from shuttle.engine.formats.yaml_fields import integer, label, named, number, only
from shuttle.engine.formats.yaml_loader import load


def test_a_key_given_twice_is_refused_with_its_line() -> None:
    with pytest.raises(Problem, match=r"key 'Iran' appears twice \(line 3, column 3\)"):
        load("parties:\n  Iran: 1\n  Iran: 2\n")


def test_syntax_errors_name_line_and_column() -> None:
    with pytest.raises(Problem, match=r"not valid YAML: .* \(line 2, column \d+\)"):
        load("a: [1, 2\nb: 3\n")


def test_only_plain_yaml_is_loaded() -> None:
    with pytest.raises(Problem, match="not valid YAML"):
        load("!!python/object/apply:os.system ['true']")


def test_labels_must_be_text() -> None:
    assert label("3.67%", "option") == "3.67%"
    with pytest.raises(Problem, match=r"option True is a boolean, not text: quote it"):
        label(True, "option")
    with pytest.raises(Problem, match=r"option 10016 is a number, not text: quote it"):
        label(int("100_16".replace("_", "")), "option")
    with pytest.raises(Problem, match="option is empty"):
        label("", "option")
    with pytest.raises(Problem, match="key 1 is a number"):
        named({1: "x"}, "values")


def test_numbers_are_finite_and_not_booleans() -> None:
    assert number(3, "weight") == 3.0
    for bad in (True, "1", float("nan"), None):
        with pytest.raises(Problem):
            number(bad, "weight")
    assert integer(-5, "min") == -5
    with pytest.raises(Problem, match=r"min 1\.5 is a number, not an integer"):
        integer(1.5, "min")


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(Problem, match=r"unknown key 'weigths' in a profile \(expected weights"):
        only({"weigths": 1}, ("weights", "values"), "a profile")
