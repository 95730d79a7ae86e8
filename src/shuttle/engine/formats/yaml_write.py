"""Writing a scenario in the YAML format, so that reading it back gives an equal scenario.

Floats are written with `repr` (PyYAML's own float style), which reads back to the same float.
Short lists and per-issue mappings go on one line each (flow style) to keep files scannable;
everything else is block style. Integer and real issues get ``{at_min, at_max}`` when that line
reproduces their utilities exactly, else the full table. The optional ``talk:`` and
``escalation:`` blocks are written only when the scenario has them; a talk's delegates are
written grouped by party, as they are read.
"""

from __future__ import annotations

from typing import Any

import yaml

from shuttle.engine.escalation import ScheduledIncident
from shuttle.engine.formats.interpolation import as_line
from shuttle.engine.preferences import (
    HyperRectangleProfile,
    LinearAdditive,
    Profile,
    RectangleKind,
)
from shuttle.engine.scenario import Scenario, TalkSetup
from shuttle.engine.space import DiscreteIssue, IntegerIssue, Issue, OutcomeSpace

HEADER = (
    "# A Shuttle scenario: the issues on the table and each party's private profile.\n"
    "# Format: docs/scenarios.md. Weights are normalised to sum 1 when read.\n"
)


class _Flow(list[Any]):
    """A list written on one line."""


class _FlowMap(dict[Any, Any]):
    """A mapping written on one line."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # equal values are written out each time, never as &anchors


def _represent_text(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    # PyYAML writes NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR raw in plain or single-quoted
    # style, and reading folds them into spaces; double quotes escape them (\N, \L, \P).
    style = '"' if any(break_ in text for break_ in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)
_Dumper.add_representer(
    _FlowMap, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, True)
)


def dump_scenario(scenario: Scenario) -> str:
    """`scenario` as YAML text in the format `yaml_read` reads."""
    document: dict[str, object] = {"name": scenario.name}
    if scenario.talk is not None:
        document["talk"] = _talk(scenario.talk)
    document["issues"] = {issue.name: _issue(issue) for issue in scenario.space.issues}
    document["parties"] = {
        party: _profile(profile, scenario.space)
        for party, profile in zip(scenario.parties, scenario.profiles, strict=True)
    }
    if scenario.escalation:
        document["escalation"] = [_incident(incident) for incident in scenario.escalation]
    text: str = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return HEADER + text


def _talk(talk: TalkSetup) -> dict[str, object]:
    """Delegates grouped by party, parties in the order they first appear."""
    body: dict[str, object] = {"title": talk.title}
    if talk.notice is not None:
        body["notice"] = talk.notice
    body["mediators"] = _Flow(talk.mediators)
    parties = dict.fromkeys(party for _, party in talk.delegates)
    body["delegates"] = {party: _Flow(talk.delegates_of(party)) for party in parties}
    return body


def _incident(incident: ScheduledIncident) -> dict[str, object]:
    body: dict[str, object] = {
        "after_round": incident.after_round,
        "text": incident.text,
        "drop": float(incident.drop),
    }
    if incident.chance != 1.0:
        body["chance"] = float(incident.chance)
    return body


def _issue(issue: Issue) -> object:
    if isinstance(issue, DiscreteIssue):
        return _Flow(issue.values)
    if isinstance(issue, IntegerIssue):
        return _FlowMap(type="integer", min=issue.low, max=issue.high)
    return _FlowMap(type="real", min=float(issue.low), max=float(issue.high), points=issue.points)


def _profile(profile: Profile, space: OutcomeSpace) -> dict[str, object]:
    body: dict[str, object] = {"reservation": float(profile.reservation)}
    if profile.discount is not None:
        body["discount"] = float(profile.discount)
    if isinstance(profile, LinearAdditive):
        body["weights"] = dict(zip(space.names, map(float, profile.weights), strict=True))
        body["values"] = {
            issue.name: _values(issue, values)
            for issue, values in zip(space.issues, profile.values, strict=True)
        }
        return body
    return body | _rectangles(profile, space)


def _values(issue: Issue, values: tuple[float, ...]) -> object:
    utilities = [float(value) for value in values]
    if isinstance(issue, DiscreteIssue):
        return _FlowMap(zip(issue.values, utilities, strict=True))
    line = as_line(issue, utilities)
    if line is not None:
        return _FlowMap(at_min=line[0], at_max=line[1])
    if isinstance(issue, IntegerIssue):
        return _FlowMap(zip(issue.values, utilities, strict=True))
    return _Flow(utilities)


def _rectangles(profile: HyperRectangleProfile, space: OutcomeSpace) -> dict[str, object]:
    rectangles = []
    for rectangle in profile.rectangles:
        bounds: dict[str, list[float]] = {}
        for position, low, high in rectangle.bounds:
            name = space.issues[position].name
            if name in bounds:  # both must hold: their intersection is the same condition
                low, high = max(low, bounds[name][0]), min(high, bounds[name][1])
            bounds[name] = [low, high]
        entry = _FlowMap(utility=_plain(rectangle.utility))
        if bounds or rectangle.kind is RectangleKind.EXCLUDES:
            entry[rectangle.kind.value.lower()] = _FlowMap(
                (name, _Flow(map(_plain, pair))) for name, pair in bounds.items()
            )
        rectangles.append(entry)
    return {"max_utility": _plain(profile.max_utility), "rectangles": rectangles}


def _plain(value: float) -> int | float:
    """Integral numbers as ints (``[0, 9]``, not ``[0.0, 9.0]``): they read back as equal floats."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
