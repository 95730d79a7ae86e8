"""`shuttle scenario`: look inside a negotiation scenario, or convert it to Shuttle's YAML.

A scenario is a YAML file, or a folder of Genius XML or GeniusWeb JSON files (see
docs/scenarios.md). Names in a scenario come from whoever wrote the file, so they are shown
with control characters made visible, like every other user text on the terminal.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from shuttle.cli.errors import Exit, fail
from shuttle.cli.options import EXAMPLES, Json, ScenarioPath, scenario_at
from shuttle.cli.render import outcome_count, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.engine.formats import write_yaml
from shuttle.engine.preferences import HyperRectangleProfile, Profile
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, IntegerIssue, Issue

scenario_app = typer.Typer(
    help="Read negotiation scenarios (Shuttle YAML, Genius XML, GeniusWeb JSON): show one, or "
    "convert it to YAML.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Target(StrEnum):
    YAML = "yaml"


@scenario_app.command(
    "show",
    help="Show a scenario: its parties and their profiles, its issues and options, and how "
    "many outcomes it has."
    + EXAMPLES
    + "shuttle scenario show src/shuttle/scenarios/muscat.yaml\n  "
    + "shuttle scenario show ../shared/scenarios/ANAC2013_SmartPhone --json",
)
def show(path: ScenarioPath, as_json: Json = False) -> None:
    scenario = scenario_at(path)
    if as_json:
        print_json(scenario_json(scenario))
        return
    for line in describe(scenario):
        typer.echo(terminal_safe(line))


@scenario_app.command(
    "convert",
    help="Convert a scenario to Shuttle's YAML format: print it, or write it to --out."
    + EXAMPLES
    + "shuttle scenario convert ../shared/scenarios/ANAC2011_Laptop --to yaml --out laptop.yaml",
)
def convert(
    path: ScenarioPath,
    to: Annotated[Target, typer.Option("--to", help="The format to write.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of printing.")
    ] = None,
) -> None:
    text = write_yaml(scenario_at(path))
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(Exit.USAGE, f"cannot write {out}: {error.strerror}")
    typer.echo(f"wrote {out}")


def scenario_json(scenario: Scenario) -> dict[str, Any]:
    """What `show --json` prints: one object a program can read."""
    return {
        "name": scenario.name,
        "outcomes": scenario.space.cardinality,
        "grid": scenario.space.grid_size,
        "issues": [_issue_json(issue) for issue in scenario.space.issues],
        "parties": [
            {"name": party, **_profile_json(profile)}
            for party, profile in zip(scenario.parties, scenario.profiles, strict=True)
        ],
    }


def _issue_json(issue: Issue) -> dict[str, Any]:
    if isinstance(issue, DiscreteIssue):
        return {"name": issue.name, "type": "discrete", "options": list(issue.values)}
    if isinstance(issue, IntegerIssue):
        return {"name": issue.name, "type": "integer", "min": issue.low, "max": issue.high}
    return {
        "name": issue.name,
        "type": "real",
        "min": issue.low,
        "max": issue.high,
        "points": issue.points,
    }


def _profile_json(profile: Profile) -> dict[str, Any]:
    body: dict[str, Any] = {
        "profile": _kind(profile),
        "reservation": profile.reservation,
        "discount": profile.discount,
    }
    if isinstance(profile, HyperRectangleProfile):
        body["rectangles"] = len(profile.rectangles)
    return body


def _kind(profile: Profile) -> str:
    return "hyper-rectangles" if isinstance(profile, HyperRectangleProfile) else "linear additive"


def describe(scenario: Scenario) -> list[str]:
    """What `show` prints for people, one line each."""
    space = scenario.space
    lines = [
        f"{scenario.name}: {len(scenario.parties)} parties, {len(space.issues)} issues, "
        f"{_outcomes(scenario)}",
        "issues:",
    ]
    lines += [f"  {issue.name}: {_options(issue)}" for issue in space.issues]
    lines.append("parties:")
    for party, profile in zip(scenario.parties, scenario.profiles, strict=True):
        kind = _kind(profile)
        if isinstance(profile, HyperRectangleProfile):
            kind += f" ({len(profile.rectangles)})"
        discount = "no discount" if profile.discount is None else f"discount {profile.discount:g}"
        lines.append(f"  {party}: {kind}, reservation {profile.reservation:g}, {discount}")
    return lines


def _outcomes(scenario: Scenario) -> str:
    count = scenario.space.cardinality
    if count is None:
        return f"continuous (analysed on a grid of {outcome_count(scenario.space.grid_size)})"
    return outcome_count(count)


def _options(issue: Issue) -> str:
    if isinstance(issue, DiscreteIssue):
        return " | ".join(issue.values)
    if isinstance(issue, IntegerIssue):
        return f"integers {issue.low}..{issue.high}"
    return f"real {issue.low:g}..{issue.high:g} (analysed on {issue.points} points)"
