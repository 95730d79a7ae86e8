"""The public scenarios: brute force where it is affordable, and the organisers' published
results (ANL 2023 `specials.json`, ANAC 2014 `pareto.xml`) everywhere they exist."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from shuttle.engine import ScenarioError, analyze, load_scenario
from shuttle.engine.analysis import AnalysisResult
from shuttle.engine.analysis.enumeration import evaluate
from shuttle.engine.scenario import Scenario
from tests.engine.analysis.check import check_against_brute

# The brute force is quadratic-ish (outcomes x frontier): beyond this it is left to the fold.
BRUTE_FORCE_LIMIT = 200_000


def readable(root: Path) -> list[tuple[str, Scenario]]:
    """Every scenario folder the readers accept (refusals are the readers' tests' business)."""
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            found.append((folder.name, load_scenario(folder)))
        except ScenarioError:
            continue
    return found


def test_small_public_scenarios_match_the_brute_force(scenarios: Path) -> None:
    checked = []
    for name, scenario in readable(scenarios):
        if scenario.space.continuous or scenario.space.grid_size > BRUTE_FORCE_LIMIT:
            continue
        result = analyze(scenario)
        assert result.exact, name
        check_against_brute(scenario, result)
        checked.append(name)
    assert len(checked) >= 35 and "ANAC2010_Travel" in checked


def test_large_public_scenarios_are_analysed_consistently(scenarios: Path) -> None:
    for name, scenario in readable(scenarios):
        if scenario.space.grid_size <= BRUTE_FORCE_LIMIT:
            continue
        if (scenarios / name / "pareto.xml").exists():
            continue  # searched, and checked against the published points below
        result = analyze(scenario)
        assert_consistent(scenario, result)
        additive = result.method.value == "additive decomposition"
        assert result.exact == (additive and not scenario.space.continuous), name


def assert_consistent(scenario: Scenario, result: AnalysisResult) -> None:
    frontier = np.array([p.utilities for p in result.pareto])
    rows = np.array([p.indices for p in result.pareto])
    assert np.array_equal(evaluate(scenario.space, scenario.profiles, rows), frontier)
    for point in frontier:
        beaten = np.all(frontier >= point - 1e-12, axis=1) & np.any(
            frontier > point + 1e-12, axis=1
        )
        assert not beaten.any(), scenario.name


@pytest.mark.parametrize("domain", ["ANL2023_domain09", "ANL2023_domain37"])
def test_anl2023_specials_match(scenarios: Path, domain: str) -> None:
    """The organisers' Pareto front, Nash, Kalai and social-welfare bids, reservation 0.

    Their utilities are printed rounded (0.8597, 0.4636716547): compared within 1e-9 after
    rounding ours the same way is too fussy, so within 1e-6. The definitions agree: Nash
    maximises the product of utilities, Kalai the least utility relative to the ideal point
    (with no reservation values, 0 is the disagreement point), welfare the sum.
    """
    specials = json.loads((scenarios / domain / "specials.json").read_text())
    result = analyze(load_scenario(scenarios / domain))
    ours = np.array([p.utilities for p in result.pareto])
    theirs = np.array([p["utility"] for p in specials["pareto_front"]])
    assert len(ours) == len(theirs)
    for point in theirs:
        assert np.abs(ours - point).max(axis=1).min() < 1e-6
    for key, point in (
        ("nash", result.nash),
        ("kalai", result.kalai_smorodinsky),
        ("social_welfare", result.max_welfare),
    ):
        assert point is not None
        assert np.allclose(point.utilities, specials[key]["utility"], atol=1e-6), key
        assert point.outcome == specials[key]["bid"], key


def test_published_pareto_points_are_weakly_dominated_by_ours(scenarios: Path) -> None:
    """`pareto.xml` (ANAC 2014, Genius non-linear) lists "u1, u2" per line, found by Genius's
    own search and printed as 32-bit floats (0.67824775 for 449/662 = 0.678247734...). So each
    of their points, and ours, are compared as 32-bit floats: ours must be >= theirs on both
    parties there, which is "within 1e-9" once the file's own rounding is allowed for."""
    folders = sorted(p.parent for p in scenarios.glob("*/pareto.xml"))
    assert len(folders) >= 4
    for folder in folders:
        result = analyze(load_scenario(folder))
        assert_consistent(load_scenario(folder), result)
        ours = np.array([p.utilities for p in result.pareto]).astype(np.float32)
        lines = (folder / "pareto.xml").read_text().split("\n")
        theirs = np.array([[float(x) for x in line.split(",")] for line in lines if line.strip()])
        for point in theirs.astype(np.float32):
            assert np.any(np.all(ours >= point - np.float32(1e-9), axis=1)), (folder.name, point)
