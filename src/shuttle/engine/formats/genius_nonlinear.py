"""ANAC 2014 non-linear Genius profiles: sums of hyper-rectangles over integer issues.

Inside the profile's ``<objective>``: ``<utility maxutility="M">`` holding one
``<ufun aggregation="sum">`` of ``<hyperRectangle utility="u">`` elements, each with
``<INCLUDES index min max/>`` bounds (it counts when every bound holds) or ``<EXCLUDES .../>``
bounds (it counts when any bound fails). Utility = min(1, sum of counted u / M), as Genius
computes it. Bounds name issues by ``index``; they are stored by position. Every issue must be
integer or real: bounds are compared with issue values, which discrete options lack.

Faithful to Genius in the corners too: a rectangle without bounds always counts, an optional
``weight`` attribute multiplies its utility, and two bounds on one issue are merged into their
intersection (the same condition). Anything Genius would read differently from that model (a
rectangle mixing INCLUDES and EXCLUDES, nested or weighted ``<ufun>``, other aggregations) is
refused rather than guessed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from shuttle.engine.formats.checks import finite, parse_number, rectangle_scale
from shuttle.engine.formats.errors import ECHOED, Problem, ScenarioError, clipped, located, shown
from shuttle.engine.formats.genius_domain import GeniusDomain, element_index
from shuttle.engine.preferences import HyperRectangle, HyperRectangleProfile, RectangleKind
from shuttle.engine.space import DiscreteIssue

_KINDS = {kind.value: kind for kind in RectangleKind}


def read_hyper_rectangles(
    source: str,
    objective: ET.Element,
    domain: GeniusDomain,
    reservation: float,
    discount: float | None,
) -> HyperRectangleProfile:
    """The hyper-rectangle profile under `objective` (a profile's ``<objective>``)."""
    utility = objective.find("utility")
    if utility is None:
        raise ScenarioError(source, "no <utility> element", "<objective>")
    for position, issue in enumerate(domain.space.issues):
        if isinstance(issue, DiscreteIssue):
            raise ScenarioError(
                source,
                "a hyper-rectangle profile needs integer or real issues; this one is discrete",
                domain.issue_label(position),
            )
    with located(source, "<utility>"):
        max_utility = parse_number(utility.get("maxutility"), "maxutility")
        if max_utility <= 0:
            raise Problem(f"maxutility {max_utility!r} must be positive")
        ufuns = utility.findall("ufun")
        if len(ufuns) != 1:
            raise Problem(f"expected one <ufun>, found {len(ufuns)}")
    ufun = ufuns[0]
    with located(source, "<ufun>"):
        _check_plain_sum(ufun)
    rectangles = tuple(
        _rectangle(source, f"<hyperRectangle> no. {number}", element, domain)
        for number, element in enumerate(ufun.findall("hyperRectangle"), start=1)
    )
    with located(source, "<ufun>"):
        rectangle_scale([rectangle.utility for rectangle in rectangles], max_utility)
    return HyperRectangleProfile(rectangles, max_utility, reservation, discount)


def _check_plain_sum(ufun: ET.Element) -> None:
    aggregation = ufun.get("aggregation", "sum")
    if aggregation != "sum":
        raise Problem(f"aggregation {shown(aggregation)} is not supported (only sum)")
    weight = ufun.get("weight")
    if weight is not None and parse_number(weight, "weight") != 1.0:
        raise Problem(f"a <ufun> weight of {clipped(weight, ECHOED)} is not supported (only 1)")
    others = sorted({child.tag for child in ufun if child.tag != "hyperRectangle"})
    if others:
        raise Problem(f"<{others[0]}> inside <ufun> is not supported (only <hyperRectangle>)")


def _rectangle(
    source: str, label: str, element: ET.Element, domain: GeniusDomain
) -> HyperRectangle:
    with located(source, label):
        utility = parse_number(element.get("utility"), "utility")
        if (weight := element.get("weight")) is not None:
            utility = finite(utility * parse_number(weight, "weight"), "utility x weight")
        kinds = {child.tag for child in element}
        unknown = sorted(kinds - _KINDS.keys())
        if unknown:
            raise Problem(f"<{unknown[0]}> is not a bound (INCLUDES or EXCLUDES)")
        if len(kinds) > 1:
            raise Problem("a rectangle mixing INCLUDES and EXCLUDES is not supported")
    kind = _KINDS[kinds.pop()] if kinds else RectangleKind.INCLUDES
    bounds: dict[int, tuple[float, float]] = {}
    for child in element:
        index = element_index(child, source, f"{label} <{child.tag}>")
        with located(source, f"{label} <{child.tag} index={index}>"):
            position = domain.position(index)
            low = parse_number(child.get("min"), "min")
            high = parse_number(child.get("max"), "max")
        if position in bounds:  # both must hold: the intersection is the same condition
            low, high = max(low, bounds[position][0]), min(high, bounds[position][1])
        bounds[position] = (low, high)
    return HyperRectangle(kind, utility, tuple((p, lo, hi) for p, (lo, hi) in bounds.items()))
