"""Errors name the file, the element and the problem, and survive pickling (worker processes)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from shuttle.engine.formats.errors import Problem, ScenarioError, located, source_label


def test_the_message_joins_file_element_and_problem() -> None:
    error = ScenarioError("Folder/Buyer.xml", "evaluation 'abc' is not a number", "<issue index=3>")
    assert str(error) == "Folder/Buyer.xml: <issue index=3>: evaluation 'abc' is not a number"
    assert str(ScenarioError("Folder", "no scenario here")) == "Folder: no scenario here"


def test_located_turns_a_problem_into_a_scenario_error() -> None:
    with pytest.raises(ScenarioError) as caught, located("F/a.xml", "<weight index=2>"):
        raise Problem("weights must not be negative")
    assert caught.value.source == "F/a.xml"
    assert caught.value.element == "<weight index=2>"
    assert caught.value.problem == "weights must not be negative"


def test_an_inner_location_wins() -> None:
    with (
        pytest.raises(ScenarioError, match=r"^F/a.xml: <item>: bad$"),
        located("F/a.xml", "<issue>"),
        located("F/a.xml", "<item>"),
    ):
        raise Problem("bad")


def test_source_label_keeps_the_folder() -> None:
    assert source_label(Path("/x/y/ANAC2011_Laptop/laptop_domain.xml")) == (
        "ANAC2011_Laptop/laptop_domain.xml"
    )


def test_errors_survive_pickling() -> None:
    error = ScenarioError("F/a.xml", "bad", "<item>")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.element == "<item>"
