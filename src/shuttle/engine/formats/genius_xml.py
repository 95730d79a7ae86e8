"""Genius XML scenarios: one domain file and one profile file per party.

A file is a domain or a profile by its root element (``<negotiation_template>`` or
``<utility_space>``), never by its name. Linear additive profiles follow Genius exactly:

- a discrete option's utility is its ``evaluation`` divided by the largest evaluation of that
  issue (0 when the largest is 0);
- an integer issue's ``<evaluator slope offset>`` gives offset + slope·(v - lowerbound), and a
  real issue's ``<evaluator ftype="linear" parameter0 parameter1>`` gives parameter0 +
  parameter1·x, both clipped to [0, 1] (an integer issue without an evaluator is worth 0
  everywhere, as in Genius);
- ``<weight index=k value/>`` is the weight of the issue whose ``index`` is k (not the k-th
  issue); weights are normalised to sum 1;
- ``<reservation value/>`` and ``<discount_factor value/>`` sit directly under
  ``<utility_space>``; a missing reservation is 0, and a discount factor <= 0 or >= 1 means none.

Profiles holding ``<utility>`` are ANAC 2014 hyper-rectangle profiles (`genius_nonlinear`).
Constraint-based profiles (``<rules>``, Genius_Railway) are refused: Genius's
ConstraintUtilitySpace ranks values under constraints, which no Shuttle profile expresses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from shuttle.engine.formats.checks import (
    check_parties,
    check_scale,
    clip_unit,
    normalised_weights,
    parse_integer,
    parse_number,
    unit_interval,
)
from shuttle.engine.formats.errors import (
    ECHOED,
    Problem,
    ScenarioError,
    clipped,
    located,
    shown,
    source_label,
)
from shuttle.engine.formats.genius_domain import (
    DOMAIN_ROOT,
    GeniusDomain,
    element_index,
    issue_element,
    read_domain,
)
from shuttle.engine.formats.genius_nonlinear import read_hyper_rectangles
from shuttle.engine.formats.xml_text import read_xml
from shuttle.engine.preferences import LinearAdditive, Profile
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, IntegerIssue, Issue, RealIssue

PROFILE_ROOT = "utility_space"


def read_genius(folder: Path, files: Sequence[Path]) -> Scenario:
    """The scenario in `files` (XML files of `folder`): one domain, one profile per party.

    Parties are the profile files' stems in sorted order; the scenario is named after the folder.
    """
    roots = {path: read_xml(path) for path in files}
    for path, root in roots.items():
        if root.tag not in (DOMAIN_ROOT, PROFILE_ROOT):
            raise ScenarioError(
                source_label(path),
                f"neither a Genius domain (<{DOMAIN_ROOT}>) nor a profile (<{PROFILE_ROOT}>)",
                f"<{root.tag}>",
            )
    domains = [path for path, root in roots.items() if root.tag == DOMAIN_ROOT]
    if len(domains) != 1:
        found = ", ".join(path.name for path in domains) or "none"
        raise ScenarioError(folder.name, f"expected one Genius domain file, found {found}")
    domain = read_domain(domains[0], roots[domains[0]])
    profile_files = sorted((p for p, r in roots.items() if r.tag == PROFILE_ROOT), key=_stem)
    with located(folder.name):
        check_parties(len(profile_files))
        check_scale(domain.space, len(profile_files))
    profiles = tuple(read_profile(path, roots[path], domain) for path in profile_files)
    return Scenario(folder.name, domain.space, tuple(map(_stem, profile_files)), profiles)


def _stem(path: Path) -> str:
    return path.stem


def read_profile(path: Path, root: ET.Element, domain: GeniusDomain) -> Profile:
    """The profile in the file at `path` (parsed into `root`) over `domain`."""
    source = source_label(path)
    if root.get("type") == "constraint" or root.find(".//rules") is not None:
        raise ScenarioError(
            source,
            "constraint-based profile (<rules>, Genius's ConstraintUtilitySpace): not supported",
            f"<{PROFILE_ROOT}>",
        )
    objective = root.find("objective")
    if objective is None:
        raise ScenarioError(source, "no <objective> element", f"<{PROFILE_ROOT}>")
    with located(source, "<reservation>"):
        reservation = _reservation(root)
    with located(source, "<discount_factor>"):
        discount = _discount(root)
    if objective.find("utility") is not None:
        return read_hyper_rectangles(source, objective, domain, reservation, discount)
    weights = _weights(source, objective, domain)
    values = _values(source, objective, domain)
    return LinearAdditive(weights, values, reservation, discount)


def _setting(root: ET.Element, tag: str) -> str | None:
    """The value of ``<tag value="..."/>`` (or ``<tag><value>...</value></tag>``) under root."""
    element = root.find(tag)
    if element is None:
        return None
    if (value := element.get("value")) is not None:
        return value
    child = element.find("value")
    return child.text if child is not None else None


def _reservation(root: ET.Element) -> float:
    text = _setting(root, "reservation")
    if text is None:
        return 0.0
    return unit_interval(parse_number(text, "value"), "reservation value")


def _discount(root: ET.Element) -> float | None:
    text = _setting(root, "discount_factor")
    return None if text is None else parse_number(text, "value")


def _weights(source: str, objective: ET.Element, domain: GeniusDomain) -> tuple[float, ...]:
    found: dict[int, float] = {}
    for element in objective.findall("weight"):
        index = element_index(element, source, "<weight>")
        with located(source, f"<weight index={index}>"):
            position = domain.position(index)
            if position in found:
                raise Problem("a second weight for the same issue")
            found[position] = parse_number(element.get("value"), "the value attribute")
    for position in range(len(domain.space.issues)):
        if position not in found:
            raise ScenarioError(source, "no <weight> for this issue", domain.issue_label(position))
    with located(source, "<weight>"):
        return normalised_weights([found[p] for p in range(len(domain.space.issues))])


def _values(
    source: str, objective: ET.Element, domain: GeniusDomain
) -> tuple[tuple[float, ...], ...]:
    found: dict[int, tuple[float, ...]] = {}
    for element in objective.findall("issue"):
        index = element_index(element, source, "<issue>")
        label = issue_element(index, element.get("name", ""))
        with located(source, label):
            position = domain.position(index)
            if position in found:
                raise Problem("a second evaluation of the same issue")
        found[position] = _issue_values(source, label, element, domain.space.issues[position])
    for position in range(len(domain.space.issues)):
        if position not in found:
            raise ScenarioError(
                source, "this issue has no evaluation in the profile", domain.issue_label(position)
            )
    return tuple(found[p] for p in range(len(domain.space.issues)))


def _issue_values(source: str, label: str, element: ET.Element, issue: Issue) -> tuple[float, ...]:
    if isinstance(issue, DiscreteIssue):
        return _discrete_values(source, label, element, issue)
    with located(source, f"{label} <evaluator>"):
        if isinstance(issue, IntegerIssue):
            return _integer_values(element, issue)
        return _real_values(element, issue)


def _discrete_values(
    source: str, label: str, element: ET.Element, issue: DiscreteIssue
) -> tuple[float, ...]:
    evaluations: dict[str, float] = {}
    known = set(issue.values)  # a set: an issue may have a million options
    for item in element.findall("item"):
        option = (item.get("value") or "").strip()
        with located(source, f'{label} <item value="{clipped(option, ECHOED)}">'):
            if option not in known:
                raise Problem("the domain's issue has no such option")
            evaluation = parse_number(item.get("evaluation"), "evaluation")
            if evaluation < 0:
                raise Problem(f"evaluation {evaluation!r} is negative")
            if evaluations.get(option, evaluation) != evaluation:
                raise Problem("the option is evaluated twice, differently")
        evaluations[option] = evaluation
    for option in issue.values:
        if option not in evaluations:
            raise ScenarioError(source, f"option {shown(option)} has no evaluation", label)
    largest = max(evaluations.values())
    return tuple(evaluations[o] / largest if largest > 0 else 0.0 for o in issue.values)


def _integer_values(element: ET.Element, issue: IntegerIssue) -> tuple[float, ...]:
    # Genius takes the lower bound from the profile's own issue element when it has one.
    text = element.get("lowerbound")
    lowerbound = issue.low if text is None else parse_integer(text, "lowerbound")
    evaluator = element.find("evaluator")
    if evaluator is None:
        return tuple(0.0 for _ in issue.values)
    slope = parse_number(evaluator.get("slope"), "slope")
    offset = parse_number(evaluator.get("offset"), "offset")
    return tuple(clip_unit(slope * (v - lowerbound) + offset) for v in issue.values)


def _real_values(element: ET.Element, issue: RealIssue) -> tuple[float, ...]:
    evaluator = element.find("evaluator")
    if evaluator is None:
        raise Problem("a real issue needs an <evaluator>")
    ftype = evaluator.get("ftype")
    if ftype == "linear":
        constant = parse_number(evaluator.get("parameter0"), "parameter0")
        slope = parse_number(evaluator.get("parameter1"), "parameter1")
        return tuple(clip_unit(slope * x + constant) for x in issue.values)
    if ftype == "constant":
        constant = unit_interval(parse_number(evaluator.get("parameter0"), "parameter0"), "utility")
        return tuple(constant for _ in issue.values)
    raise Problem(f"ftype {shown(ftype)} is not supported (linear or constant)")
