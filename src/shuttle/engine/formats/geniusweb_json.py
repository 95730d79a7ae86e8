"""GeniusWeb JSON scenarios: one domain file and one profile file per party.

The domain is ``{"name", "issuesValues": {issue: {"values": [option, ...]}}}``; a profile is
``{"LinearAdditiveUtilitySpace": {"issueUtilities", "issueWeights", "reservationBid"?}}``. A
file is one or the other by that content, never by its name. Both generations of profile keys
are read: the older ``{"discreteutils": {"valueUtilities": ...}}`` and the newer
``{"DiscreteValueSetUtilities": {"valueUtilities": ...}}``.

As in GeniusWeb, value utilities are used as given (each in [0, 1]), weights are normalised to
sum 1, and the reservation value is the utility of ``reservationBid`` (0 without one; an issue
the bid leaves out contributes 0). Number-valued issues and other profile kinds (partial
orderings, sums of groups) are refused, as is any number that is not finite (``NaN``,
``Infinity``, ``1e400``), which Python's `json` would accept. `json_loader` reads the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shuttle.engine.formats.checks import (
    MIN_PARTIES,
    check_parties,
    check_scale,
    check_size,
    finite,
    normalised_weights,
    unit_interval,
)
from shuttle.engine.formats.errors import Problem, ScenarioError, located, shown, source_label
from shuttle.engine.formats.files import decoded, read_limited
from shuttle.engine.formats.json_loader import load_json
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, OutcomeSpace

PROFILE_KEY = "LinearAdditiveUtilitySpace"
_DISCRETE_KEYS = ("discreteutils", "DiscreteValueSetUtilities")
_NUMBER_KEYS = ("numberutils", "NumberValueSetUtilities")


def read_geniusweb(folder: Path, files: Sequence[Path]) -> Scenario:
    """The scenario in `files` (JSON files of `folder`): one domain, one profile per party.

    Parties are the profile files' stems in sorted order; the scenario is named after the folder.
    """
    documents = {path: _read_json(path) for path in files}
    domains = [path for path, document in documents.items() if "issuesValues" in document]
    for path, document in documents.items():
        if path not in domains and PROFILE_KEY not in document:
            keys = ", ".join(shown(key) for key in sorted(document)[:3]) or "none"
            raise ScenarioError(
                source_label(path),
                f"neither a GeniusWeb domain (issuesValues) nor a linear additive profile "
                f"({PROFILE_KEY}); top-level keys: {keys}",
            )
    if len(domains) != 1:
        found = ", ".join(path.name for path in domains) or "none"
        raise ScenarioError(folder.name, f"expected one GeniusWeb domain file, found {found}")
    issues = _issues(source_label(domains[0]), documents[domains[0]])
    profile_files = sorted((path for path in documents if path not in domains), key=_stem)
    with located(folder.name):
        check_parties(len(profile_files))
        check_scale(OutcomeSpace(issues), len(profile_files))
    profiles = tuple(
        _profile(source_label(path), documents[path][PROFILE_KEY], issues) for path in profile_files
    )
    return Scenario(folder.name, OutcomeSpace(issues), tuple(map(_stem, profile_files)), profiles)


def geniusweb_domain(source: str, document: dict[str, object]) -> OutcomeSpace:
    """The issues of one GeniusWeb domain document, read as `read_geniusweb` reads them (what
    a talk's agenda needs, without any profile); `source` names it in errors."""
    space = OutcomeSpace(_issues(source, document))
    with located(source):
        check_scale(space, MIN_PARTIES)
    return space


def _stem(path: Path) -> str:
    return path.stem


def _read_json(path: Path) -> dict[str, object]:
    source = source_label(path)
    text = decoded(read_limited(path), source)
    with located(source):
        document = load_json(text)
    if not isinstance(document, dict):
        raise ScenarioError(source, "expected a JSON object at the top level")
    return document


def _object(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise Problem(f"{what} must be a JSON object")
    return value


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Problem(f"{what} {shown(value)} is not a number")
    return finite(float(value), what)


def _utility(value: object, what: str) -> float:
    return unit_interval(_number(value, what), what)


def _issues(source: str, document: dict[str, object]) -> tuple[DiscreteIssue, ...]:
    issues: list[DiscreteIssue] = []
    with located(source, "issuesValues"):
        issues_values = _object(document["issuesValues"], "issuesValues")
        if not issues_values:
            raise Problem("the domain has no issues")
    for name, definition in issues_values.items():
        with located(source, f"issuesValues: {shown(name)}"):
            values = _object(definition, "an issue").get("values")
            if values is None:
                raise Problem("only discrete issues (with values) are supported, not number ranges")
            if not isinstance(values, list) or not values:
                raise Problem("values must be a non-empty list")
            if not all(isinstance(value, str) for value in values):
                raise Problem("every value must be a string")
            if len(set(values)) != len(values):
                raise Problem("a value appears twice")
            check_size(len(values), "the issue")
            issues.append(DiscreteIssue(name, tuple(values)))
    return tuple(issues)


def _profile(source: str, body: object, issues: tuple[DiscreteIssue, ...]) -> LinearAdditive:
    names = [issue.name for issue in issues]
    with located(source, PROFILE_KEY):
        profile = _object(body, PROFILE_KEY)
        utilities = _object(profile.get("issueUtilities"), "issueUtilities")
        raw_weights = _object(profile.get("issueWeights"), "issueWeights")
        known = set(names)
        for name in [*utilities, *raw_weights]:
            if name not in known:
                raise Problem(f"issue {shown(name)} is not in the domain")
    values: list[tuple[float, ...]] = []
    weights: list[float] = []
    for issue in issues:
        with located(source, f"issueUtilities: {shown(issue.name)}"):
            values.append(_issue_values(utilities, issue))
        with located(source, f"issueWeights: {shown(issue.name)}"):
            if issue.name not in raw_weights:
                raise Problem("the issue has no weight")
            weights.append(_number(raw_weights[issue.name], "weight"))
    with located(source, "issueWeights"):
        normalised = normalised_weights(weights)
    with located(source, "reservationBid"):
        reservation = _reservation(profile.get("reservationBid"), issues, normalised, values)
    return LinearAdditive(normalised, tuple(values), reservation)


def _issue_values(utilities: dict[str, object], issue: DiscreteIssue) -> tuple[float, ...]:
    if issue.name not in utilities:
        raise Problem("the issue has no utilities")
    holder = _object(utilities[issue.name], "the issue's utilities")
    kinds = [key for key in _DISCRETE_KEYS if key in holder]
    if not kinds:
        if any(key in holder for key in _NUMBER_KEYS):
            raise Problem("number-valued issues are not supported")
        found = ", ".join(holder) or "nothing"
        raise Problem(f"expected {' or '.join(_DISCRETE_KEYS)}, found {found}")
    given = _object(_object(holder[kinds[0]], kinds[0]).get("valueUtilities"), "valueUtilities")
    known = set(issue.values)
    for option in given:
        if option not in known:
            raise Problem(f"value {shown(option)} is not in the domain")
    missing = [option for option in issue.values if option not in given]
    if missing:
        raise Problem(f"value {shown(missing[0])} has no utility")
    return tuple(_utility(given[option], f"utility of {shown(option)}") for option in issue.values)


def _reservation(
    bid: object,
    issues: tuple[DiscreteIssue, ...],
    weights: tuple[float, ...],
    values: list[tuple[float, ...]],
) -> float:
    if bid is None:
        return 0.0
    chosen = _object(_object(bid, "reservationBid").get("issuevalues"), "issuevalues")
    positions = {issue.name: position for position, issue in enumerate(issues)}
    total = 0.0
    for name, option in chosen.items():
        if name not in positions:
            raise Problem(f"issue {shown(name)} is not in the domain")
        position = positions[name]
        issue = issues[position]
        if option not in issue.values:
            raise Problem(f"value {shown(option)} of issue {shown(name)} is not in the domain")
        total += weights[position] * values[position][issue.values.index(option)]
    return min(1.0, total)  # a sum of weights summing to 1 may round just above 1
