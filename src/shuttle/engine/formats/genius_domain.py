"""The Genius XML domain file: the issues on the table, in the order the file lists them.

A domain's root is ``<negotiation_template>`` (a profile's is ``<utility_space>``), holding
``<utility_space><objective>`` and one ``<issue>`` per issue: discrete (``<item value>``
children), integer (``lowerbound``/``upperbound``) or real (the same bounds, often on a
``<range>`` child). Profiles and hyper-rectangles refer to issues by their ``index`` attribute,
which need not match their position (Genius_SON numbers its issues from 2), so the domain keeps
the mapping between the two.

Issue names and option labels are read with surrounding whitespace removed (ANAC2013_SmartPhone
has an issue named ``" Accessory"``; ANAC2011_IS_BT_Acquisition an option ending in a space):
it is invisible in every display and matching never depends on it, because profiles name issues
by index and options are compared after the same trimming. Two names that trimming would make
equal are refused rather than merged. An ``<item>`` repeated with the same value (the
ANAC2012_FlightBooking-B domain lists ``Sep4_2011`` twice) is one option: Genius identifies
options by their value, so no bid can tell the two apart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shuttle.engine.formats.checks import check_size, finite_range, parse_integer, parse_number
from shuttle.engine.formats.errors import (
    ECHOED,
    Problem,
    ScenarioError,
    clipped,
    located,
    shown,
    source_label,
)
from shuttle.engine.space import DiscreteIssue, IntegerIssue, Issue, OutcomeSpace, RealIssue

DOMAIN_ROOT = "negotiation_template"


@dataclass(frozen=True)
class GeniusDomain:
    """The outcome space and, for each issue's ``index`` attribute, its position in it."""

    space: OutcomeSpace
    positions: Mapping[int, int]

    def issue_label(self, position: int) -> str:
        """How error messages name the issue at `position`: ``<issue index=3 name="Color">``."""
        index = next(i for i, p in self.positions.items() if p == position)
        return issue_element(index, self.space.issues[position].name)

    def position(self, index: int) -> int:
        """The position of the issue whose ``index`` attribute is `index`."""
        try:
            return self.positions[index]
        except KeyError:
            raise Problem(f"the domain has no issue with index={index}") from None


def issue_element(index: int, name: str) -> str:
    """How error messages name an issue: ``<issue index=3 name="Color">``, a long name cut."""
    return f'<issue index={index} name="{clipped(name, ECHOED)}">'


def element_index(element: ET.Element, source: str, label: str) -> int:
    """An element's ``index`` attribute (issues, weights, bounds all carry one)."""
    with located(source, label):
        return parse_integer(element.get("index"), "the index attribute")


def read_domain(path: Path, root: ET.Element) -> GeniusDomain:
    """The domain in the file at `path`, already parsed into `root`."""
    source = source_label(path)
    objective = root.find("utility_space/objective")
    if objective is None:
        raise ScenarioError(
            source, "no <utility_space><objective> holding the issues", "<" + root.tag + ">"
        )
    if objective.find("objective") is not None:
        raise ScenarioError(source, "nested objectives are not supported", "<objective>")
    issues: list[Issue] = []
    positions: dict[int, int] = {}
    names: set[str] = set()
    for position, element in enumerate(objective.findall("issue")):
        index = element_index(element, source, "<issue>")
        label = issue_element(index, element.get("name", ""))
        if index in positions:
            raise ScenarioError(source, f"two issues have index={index}", label)
        with located(source, label):
            issue = _issue(element)
            if issue.name in names:
                raise Problem(f"two issues are named {shown(issue.name)}")
        names.add(issue.name)
        positions[index] = position
        issues.append(issue)
    if not issues:
        raise ScenarioError(source, "the domain has no issues", "<objective>")
    return GeniusDomain(OutcomeSpace(tuple(issues)), positions)


def _issue(element: ET.Element) -> Issue:
    name = (element.get("name") or "").strip()
    if not name:
        raise Problem("the issue has no name")
    kind = _kind(element)
    if kind == "discrete":
        return DiscreteIssue(name, _options(element, name))
    if kind == "integer":
        low_text, high_text = _bounds(element)
        low = parse_integer(low_text, "lowerbound")
        high = parse_integer(high_text, "upperbound")
        if low > high:
            raise Problem(f"lowerbound {low} exceeds upperbound {high}")
        check_size(high - low + 1, f"issue {shown(name)}")
        return IntegerIssue(name, low, high)
    if kind == "real":
        low_text, high_text = _bounds(element)
        real_low = parse_number(low_text, "lowerbound")
        real_high = parse_number(high_text, "upperbound")
        if real_low > real_high:
            raise Problem(f"lowerbound {real_low!r} exceeds upperbound {real_high!r}")
        finite_range(real_low, real_high)
        return RealIssue(name, real_low, real_high)
    raise Problem(f"issue type {shown(kind)} is not supported (discrete, integer or real)")


def _kind(element: ET.Element) -> str:
    """The issue's type: files spell it in `vtype`, `type` or `etype` (some omit `vtype`)."""
    for attribute in ("vtype", "type", "etype"):
        if value := element.get(attribute):
            return value.strip().lower()
    return "discrete" if element.find("item") is not None else ""


def _options(element: ET.Element, name: str) -> tuple[str, ...]:
    # Dicts and sets, not lists: a domain may list a million items.
    raw: dict[str, None] = {}
    for item in element.findall("item"):
        value = item.get("value")
        if value is None:
            raise Problem(f"<item index={shown(item.get('index'))}> has no value attribute")
        raw[value] = None  # a repeated item is the same option: bids cannot tell them apart
    options = [value.strip() for value in raw]
    seen: set[str] = set()
    for option in options:
        if option in seen:
            raise Problem(f"options {shown(option)} differ only in surrounding spaces")
        seen.add(option)
    check_size(len(options), f"issue {shown(name)}")
    return tuple(options)


def _bounds(element: ET.Element) -> tuple[str | None, str | None]:
    """``lowerbound`` and ``upperbound``, on the issue itself or on its ``<range>`` child."""
    holder = element
    if element.get("lowerbound") is None and (found := element.find("range")) is not None:
        holder = found
    return holder.get("lowerbound"), holder.get("upperbound")
