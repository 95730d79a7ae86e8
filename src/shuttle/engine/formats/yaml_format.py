"""Shuttle's own scenario format: one YAML file holding the agenda and every party's profile.

Written to be pleasant by hand (docs/scenarios.md has the full description and an example)::

    name: Muscat                       # optional: else the file's stem
    issues:                            # in agenda order; names are the keys
      Enrichment: ["0%", "3.67%", "20%"]              # discrete: the options, in order
      Inspectors: {type: integer, min: 50, max: 150}  # the integers min..max
      Price: {type: real, min: 0.0, max: 1.0, points: 101}  # analysed on a grid of points
    parties:
      United States:
        reservation: 0.4               # utility of no deal (default 0)
        discount: 0.9                  # optional; <= 0 or >= 1 means none
        weights: {Enrichment: 5, Inspectors: 3, Price: 2}   # normalised to sum 1 on read
        values:
          Enrichment: {"0%": 1.0, "3.67%": 0.6, "20%": 0.0}  # or a list in option order
          Inspectors: {at_min: 0.0, at_max: 1.0}   # a straight line, clipped to [0, 1]
          Price: {at_min: 1.0, at_max: 0.0}
      Iran:
        reservation: 0.3
        weights: {Enrichment: 2, Inspectors: 1, Price: 1}
        values:
          Enrichment: [0.0, 0.7, 1.0]
          Inspectors: {at_min: 1.0, at_max: 0.2}
          Price: {at_min: 0.0, at_max: 1.0}

When every issue is integer or real, a profile may instead be a sum of hyper-rectangles (the
ANAC 2014 non-linear profiles): utility = min(1, sum of the counted utilities / max_utility)::

      Iran:
        max_utility: 100
        rectangles:
          - {utility: 60, includes: {Inspectors: [50, 90]}}   # counts inside the box
          - {utility: 40, excludes: {Price: [0.0, 0.3]}}      # counts outside it

Optional top-level ``talk:`` (title, notice, mediators, delegates by party) and ``escalation:``
(incidents between rounds that lower every reservation value) say how to play the scenario as a
talk; `yaml_talk` reads them, and src/shuttle/scenarios/muscat_2024.yaml has both.

Value utilities are used as given and must lie in [0, 1]; weights need not sum to 1. Labels
(issues, options, parties) must be YAML strings: quote ``"20"`` or ``"yes"``. Only plain YAML is
read (a safe loader), and a key given twice is refused, as are aliases (``*name``); the limits
on size, nesting and numbers are in `limits` and `yaml_loader`.
"""

from __future__ import annotations

from pathlib import Path

from shuttle.engine.formats.errors import located, source_label
from shuttle.engine.formats.files import decoded, read_limited
from shuttle.engine.formats.yaml_loader import load
from shuttle.engine.formats.yaml_read import scenario_from_data
from shuttle.engine.formats.yaml_write import dump_scenario
from shuttle.engine.scenario import Scenario

YAML_SUFFIXES = (".yaml", ".yml")


def read_yaml(path: str | Path, *, default_name: str | None = None) -> Scenario:
    """The scenario in the YAML file at `path`, named by its ``name`` key, else `default_name`,
    else the file's stem."""
    path = Path(path)
    source = source_label(path)
    text = decoded(read_limited(path), source)
    return parse_yaml(text, source, default_name or path.stem)


def read_yaml_data(path: str | Path) -> object:
    """The plain data of the YAML file at `path`, read within the readers' limits (size,
    nesting, no aliases: `yaml_loader`), for files that hold part of a scenario, such as one
    party's profile; `ScenarioError` names the file and the problem."""
    path = Path(path)
    source = source_label(path)
    with located(source):
        return load(decoded(read_limited(path), source))


def parse_yaml(text: str, source: str, default_name: str) -> Scenario:
    """The scenario in YAML `text`; `source` names it in errors."""
    with located(source):
        data = load(text)
    return scenario_from_data(data, source, default_name)


def write_yaml(scenario: Scenario) -> str:
    """`scenario` as YAML text; `read_yaml` gives back an equal scenario."""
    return dump_scenario(scenario)
