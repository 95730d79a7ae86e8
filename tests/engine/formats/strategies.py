"""Hypothesis strategies for small random scenarios of every kind the model holds."""

from __future__ import annotations

from hypothesis import strategies as st

from shuttle.engine.escalation import ScheduledIncident
from shuttle.engine.formats.interpolation import interpolated
from shuttle.engine.preferences import (
    HyperRectangle,
    HyperRectangleProfile,
    LinearAdditive,
    Profile,
    RectangleKind,
)
from shuttle.engine.scenario import Scenario, TalkSetup
from shuttle.engine.space import DiscreteIssue, IntegerIssue, Issue, OutcomeSpace, RealIssue

names = st.text(min_size=1, max_size=10)
unit = st.floats(0.0, 1.0)
share = st.floats(0.0, 1.0, exclude_min=True)  # in (0, 1]: an incident's drop and chance
texts = names.filter(lambda text: bool(text.strip()))
participant_names = names.filter(lambda name: bool(name.strip()) and name == name.strip())
finite = st.floats(-1e6, 1e6)


@st.composite
def issues(draw: st.DrawFn, name: str) -> Issue:
    kind = draw(st.sampled_from(["discrete", "integer", "real"]))
    if kind == "discrete":
        return DiscreteIssue(
            name, tuple(draw(st.lists(names, min_size=1, max_size=4, unique=True)))
        )
    if kind == "integer":
        low = draw(st.integers(-1000, 1000))
        return IntegerIssue(name, low, low + draw(st.integers(0, 5)))
    start = draw(finite)
    return RealIssue(name, start, start + draw(st.floats(0.0, 1e6)), draw(st.integers(2, 5)))


@st.composite
def values(draw: st.DrawFn, issue: Issue) -> tuple[float, ...]:
    if not isinstance(issue, DiscreteIssue) and draw(st.booleans()):
        return interpolated(issue, draw(st.floats(-2.0, 2.0)), draw(st.floats(-2.0, 2.0)))
    return tuple(draw(st.lists(unit, min_size=issue.size, max_size=issue.size)))


@st.composite
def linear_profiles(draw: st.DrawFn, space: OutcomeSpace) -> LinearAdditive:
    raw = draw(
        st.lists(st.floats(0.01, 10.0), min_size=len(space.issues), max_size=len(space.issues))
    )
    total = sum(raw)
    return LinearAdditive(
        weights=tuple(w / total for w in raw),
        values=tuple(draw(values(issue)) for issue in space.issues),
        reservation=draw(unit),
        discount=draw(st.none() | st.floats(0.0, 1.0, exclude_min=True, exclude_max=True)),
    )


@st.composite
def rectangle_profiles(draw: st.DrawFn, space: OutcomeSpace) -> HyperRectangleProfile:
    numeric = [p for p, issue in enumerate(space.issues) if not isinstance(issue, DiscreteIssue)]
    rectangles = []
    for _ in range(draw(st.integers(0, 3))):
        positions = draw(st.lists(st.sampled_from(numeric), unique=True, max_size=len(numeric)))
        bounds = tuple((p, draw(finite), draw(finite)) for p in positions)
        kind = draw(st.sampled_from(list(RectangleKind)))
        rectangles.append(HyperRectangle(kind, draw(st.floats(-100.0, 100.0)), bounds))
    return HyperRectangleProfile(
        tuple(rectangles),
        max_utility=draw(st.floats(0.001, 1000.0)),
        reservation=draw(unit),
        discount=draw(st.none() | st.floats(0.0, 1.0, exclude_min=True, exclude_max=True)),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    issue_names = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    space = OutcomeSpace(tuple(draw(issues(name)) for name in issue_names))
    parties = draw(st.lists(names, min_size=2, max_size=3, unique=True))
    numeric = all(not isinstance(issue, DiscreteIssue) for issue in space.issues)
    profiles: list[Profile] = []
    for _ in parties:
        if numeric and draw(st.booleans()):
            profiles.append(draw(rectangle_profiles(space)))
        else:
            profiles.append(draw(linear_profiles(space)))
    escalation = draw(st.lists(incidents(), max_size=4)) if draw(st.booleans()) else []
    escalation.sort(key=lambda incident: incident.after_round)  # the order the reader requires
    talk = draw(talks(tuple(parties))) if draw(st.booleans()) else None
    return Scenario(draw(names), space, tuple(parties), tuple(profiles), tuple(escalation), talk)


@st.composite
def incidents(draw: st.DrawFn) -> ScheduledIncident:
    chance = draw(st.just(1.0) | share)
    return ScheduledIncident(draw(st.integers(1, 30)), draw(texts), draw(share), chance)


@st.composite
def talks(draw: st.DrawFn, parties: tuple[str, ...]) -> TalkSetup:
    """A talk whose delegates are grouped by party, every party with at least one."""
    people = draw(
        st.lists(
            participant_names.filter(lambda name: name not in parties),
            min_size=len(parties) + 1,
            max_size=len(parties) + 4,
            unique=True,
        )
    )
    mediators = people[: draw(st.integers(1, len(people) - len(parties)))]
    rest = people[len(mediators) :]
    shares = [1] * len(parties)
    for _ in rest[len(parties) :]:
        shares[draw(st.integers(0, len(parties) - 1))] += 1
    order = draw(st.permutations(parties))
    delegates: list[tuple[str, str]] = []
    for party, count in zip(order, shares, strict=True):
        delegates.extend((name, party) for name in rest[:count])
        rest = rest[count:]
    notice = draw(st.none() | texts)
    return TalkSetup(draw(texts), tuple(mediators), tuple(delegates), notice)
