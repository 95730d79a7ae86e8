"""Reading the YAML scenario format (described in `yaml_format` and docs/scenarios.md) from the
plain data `yaml` loaded, checking everything a hand-written file can get wrong."""

from __future__ import annotations

from shuttle.engine.formats.checks import (
    check_parties,
    check_scale,
    check_size,
    finite_range,
    normalised_weights,
    rectangle_scale,
    unit_interval,
)
from shuttle.engine.formats.errors import Problem, located, shown
from shuttle.engine.formats.interpolation import interpolated
from shuttle.engine.formats.yaml_fields import (
    integer,
    items,
    label,
    named,
    number,
    only,
    required,
    table,
)
from shuttle.engine.formats.yaml_talk import escalation_from_data, talk_from_data
from shuttle.engine.preferences import (
    HyperRectangle,
    HyperRectangleProfile,
    LinearAdditive,
    Profile,
    RectangleKind,
)
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, IntegerIssue, Issue, OutcomeSpace, RealIssue

TOP_KEYS = ("name", "talk", "issues", "parties", "escalation")
LINEAR_KEYS = ("reservation", "discount", "weights", "values")
RECTANGLES_KEYS = ("reservation", "discount", "max_utility", "rectangles")
RECTANGLE_KEYS = ("utility", "includes", "excludes")
LINE_KEYS = ("at_min", "at_max")


def scenario_from_data(data: object, source: str, default_name: str) -> Scenario:
    """The scenario `data` describes; `source` names the file in errors, `default_name` names
    the scenario when the file does not."""
    with located(source):
        if data is None:
            raise Problem("the file is empty")
        top = named(data, "the file")
        only(top, TOP_KEYS, "the file")
        name = label(top["name"], "name") if "name" in top else default_name
        issues = named(required(top, "issues", "the file"), "issues")
        parties = named(required(top, "parties", "the file"), "parties")
        if not issues:
            raise Problem("the scenario has no issues")
        check_parties(len(parties))
    space = OutcomeSpace(tuple(_issue(source, key, value) for key, value in issues.items()))
    with located(source):
        check_scale(space, len(parties))
    profiles = tuple(
        _profile(source, f"parties > {party}", body, space) for party, body in parties.items()
    )
    escalation = escalation_from_data(source, top["escalation"]) if "escalation" in top else ()
    talk = talk_from_data(source, top["talk"], tuple(parties)) if "talk" in top else None
    return Scenario(name, space, tuple(parties), profiles, escalation, talk)


def _issue(source: str, name: str, definition: object) -> Issue:
    with located(source, f"issues > {name}"):
        if isinstance(definition, list):
            options = tuple(label(option, "option") for option in definition)
            if len(set(options)) != len(options):
                raise Problem("an option appears twice")
            check_size(len(options), "the issue")
            return DiscreteIssue(name, options)
        body = named(definition, "an issue (a list of options, or a mapping with a type)")
        kind = required(body, "type", "an issue given as a mapping")
        if kind == "integer":
            return _integer_issue(name, body)
        if kind == "real":
            return _real_issue(name, body)
        raise Problem(f"type {shown(kind)} is not integer or real (a discrete issue is a list)")


def _integer_issue(name: str, body: dict[str, object]) -> IntegerIssue:
    only(body, ("type", "min", "max"), "an integer issue")
    low = integer(required(body, "min", "an integer issue"), "min")
    high = integer(required(body, "max", "an integer issue"), "max")
    if low > high:
        raise Problem(f"min {low} exceeds max {high}")
    check_size(high - low + 1, "the issue")
    return IntegerIssue(name, low, high)


def _real_issue(name: str, body: dict[str, object]) -> RealIssue:
    only(body, ("type", "min", "max", "points"), "a real issue")
    low = number(required(body, "min", "a real issue"), "min")
    high = number(required(body, "max", "a real issue"), "max")
    if low > high:
        raise Problem(f"min {low!r} exceeds max {high!r}")
    finite_range(low, high)
    points = integer(body.get("points", RealIssue.points), "points")
    if points < 2:
        raise Problem(f"points {points} must be at least 2")
    check_size(points, "the issue")
    return RealIssue(name, low, high, points)


def _profile(source: str, where: str, body: object, space: OutcomeSpace) -> Profile:
    with located(source, where):
        profile = named(body, "a party's profile")
        rectangles = "rectangles" in profile
        only(profile, RECTANGLES_KEYS if rectangles else LINEAR_KEYS, "a profile")
        reservation = unit_interval(
            number(profile.get("reservation", 0.0), "reservation"), "reservation"
        )
        given = profile.get("discount")
        discount = None if given is None else number(given, "discount")
    if rectangles:
        return _rectangles_profile(source, where, profile, space, reservation, discount)
    weights = _weights(source, f"{where} > weights", profile, space)
    with located(source, where):
        values_by_issue = named(required(profile, "values", "a profile"), "values")
        _check_issue_keys(values_by_issue, space, "values")
    values = tuple(
        _values(source, f"{where} > values > {issue.name}", issue, values_by_issue[issue.name])
        for issue in space.issues
    )
    return LinearAdditive(weights, values, reservation, discount)


def _check_issue_keys(data: dict[str, object], space: OutcomeSpace, what: str) -> None:
    names = space.names
    known = set(names)  # a set: a scenario may have thousands of issues
    for key in data:
        if key not in known:
            raise Problem(f"{what} names {shown(key)}, which is not an issue")
    for name in names:
        if name not in data:
            raise Problem(f"{what} has nothing for issue {shown(name)}")


def _weights(
    source: str, where: str, profile: dict[str, object], space: OutcomeSpace
) -> tuple[float, ...]:
    with located(source, where):
        given = named(required(profile, "weights", "a profile"), "weights")
        _check_issue_keys(given, space, "weights")
        return normalised_weights(
            [number(given[name], f"the weight of {shown(name)}") for name in space.names]
        )


def _values(source: str, where: str, issue: Issue, given: object) -> tuple[float, ...]:
    with located(source, where):
        if isinstance(given, list):
            if len(given) != issue.size:
                raise Problem(f"{len(given):,} utilities for {issue.size:,} options")
            return tuple(_utility(value) for value in given)
        mapping = table(given, "values of an issue")
        if isinstance(issue, IntegerIssue | RealIssue) and set(mapping) == set(LINE_KEYS):
            return interpolated(
                issue, number(mapping["at_min"], "at_min"), number(mapping["at_max"], "at_max")
            )
        if isinstance(issue, RealIssue):
            raise Problem(
                f"give {{at_min, at_max}} or a list of {issue.points} utilities (one per point)"
            )
        keyed: dict[str | int, object]
        if isinstance(issue, IntegerIssue):
            keyed = {integer(key, "value"): value for key, value in mapping.items()}
        else:
            keyed = {label(key, "option"): value for key, value in mapping.items()}
        options = issue.values  # built once: an integer issue's values are built on each call
        known = set(options)
        for key in keyed:
            if key not in known:
                raise Problem(f"{shown(key)} is not an option of the issue")
        for option in options:
            if option not in keyed:
                raise Problem(f"option {shown(option)} has no utility")
        return tuple(_utility(keyed[option]) for option in options)


def _utility(value: object) -> float:
    return unit_interval(number(value, "utility"), "utility")


def _rectangles_profile(
    source: str,
    where: str,
    profile: dict[str, object],
    space: OutcomeSpace,
    reservation: float,
    discount: float | None,
) -> HyperRectangleProfile:
    with located(source, where):
        _check_numeric(space)
        max_utility = number(required(profile, "max_utility", "a profile"), "max_utility")
        if max_utility <= 0:
            raise Problem(f"max_utility {shown(max_utility)} must be positive")
        given = items(profile["rectangles"], "rectangles")
    rectangles = tuple(
        _rectangle(source, f"{where} > rectangles > no. {number_}", body, space)
        for number_, body in enumerate(given, start=1)
    )
    with located(source, f"{where} > rectangles"):
        rectangle_scale([rectangle.utility for rectangle in rectangles], max_utility)
    return HyperRectangleProfile(rectangles, max_utility, reservation, discount)


def _check_numeric(space: OutcomeSpace) -> None:
    """Hyper-rectangles are evaluated on issue values, which discrete options do not have."""
    for issue in space.issues:
        if isinstance(issue, DiscreteIssue):
            raise Problem(
                "a hyper-rectangle profile needs integer or real issues; "
                f"{shown(issue.name)} is discrete"
            )


def _rectangle(source: str, where: str, body: object, space: OutcomeSpace) -> HyperRectangle:
    with located(source, where):
        rectangle = named(body, "a rectangle")
        only(rectangle, RECTANGLE_KEYS, "a rectangle")
        utility = number(required(rectangle, "utility", "a rectangle"), "utility")
        if "includes" in rectangle and "excludes" in rectangle:
            raise Problem("a rectangle has includes or excludes, not both")
        kind = RectangleKind.EXCLUDES if "excludes" in rectangle else RectangleKind.INCLUDES
        given = rectangle.get(kind.value.lower(), {})
        bounds = []
        positions = {name: position for position, name in enumerate(space.names)}
        for name, pair in named(given, kind.value.lower()).items():
            if name not in positions:
                raise Problem(f"{shown(name)} is not an issue")
            position = positions[name]
            ends = items(pair, f"the bounds of {shown(name)}")
            if len(ends) != 2:
                raise Problem(f"the bounds of {shown(name)} must be [min, max]")
            bounds.append((position, number(ends[0], "min"), number(ends[1], "max")))
        return HyperRectangle(kind, utility, tuple(bounds))
