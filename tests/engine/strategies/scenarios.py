"""Small hand-written scenarios and Hypothesis strategies for the strategy tests."""

from __future__ import annotations

from hypothesis import strategies as st

from shuttle.engine import DiscreteIssue, IntegerIssue, LinearAdditive, OutcomeSpace, Scenario


def trade() -> Scenario:
    """Three issues; each side cares most about a different one, so trading pays."""
    space = OutcomeSpace(
        (
            DiscreteIssue("water", ("upstream", "shared", "downstream")),
            DiscreteIssue("power", ("north", "split", "south")),
            IntegerIssue("years", 1, 3),
        )
    )
    north = LinearAdditive((0.6, 0.3, 0.1), ((1.0, 0.5, 0.0), (0.0, 0.6, 1.0), (0.0, 0.5, 1.0)))
    south = LinearAdditive((0.2, 0.5, 0.3), ((0.0, 0.7, 1.0), (1.0, 0.4, 0.0), (1.0, 0.5, 0.0)))
    return Scenario("trade", space, ("North", "South"), (north, south))


def border() -> Scenario:
    """Four issues with an issue both sides want the same way and a reservation value."""
    space = OutcomeSpace(
        (
            DiscreteIssue("line", ("old", "river", "ridge", "new")),
            DiscreteIssue("patrols", ("joint", "separate", "none")),
            DiscreteIssue("trade", ("open", "quota", "closed")),
            IntegerIssue("monitors", 0, 3),
        )
    )
    east = LinearAdditive(
        (0.45, 0.15, 0.25, 0.15),
        ((1.0, 0.7, 0.3, 0.0), (1.0, 0.4, 0.0), (1.0, 0.6, 0.0), (0.0, 0.4, 0.8, 1.0)),
        reservation=0.3,
    )
    west = LinearAdditive(
        (0.4, 0.3, 0.2, 0.1),
        ((0.0, 0.3, 0.8, 1.0), (0.6, 1.0, 0.0), (1.0, 0.5, 0.0), (1.0, 0.6, 0.3, 0.0)),
        reservation=0.3,
    )
    return Scenario("border", space, ("East", "West"), (east, west))


def additive(scenario: Scenario) -> tuple[LinearAdditive, ...]:
    """The scenario's profiles, all linear additive in these tests."""
    profiles = tuple(p for p in scenario.profiles if isinstance(p, LinearAdditive))
    assert len(profiles) == len(scenario.profiles)
    return profiles


VALUES = [0.0, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1.0]


@st.composite
def spaces_and_profiles(draw: st.DrawFn, issues: int = 4, options: int = 4) -> Scenario:
    """A random bilateral scenario of a few discrete issues."""
    sizes = draw(st.lists(st.integers(1, options), min_size=1, max_size=issues))
    space = OutcomeSpace(
        tuple(
            DiscreteIssue(f"i{n}", tuple(f"o{k}" for k in range(size)))
            for n, size in enumerate(sizes)
        )
    )
    profiles = []
    for _ in range(2):
        weights = draw(st.lists(st.integers(1, 5), min_size=len(sizes), max_size=len(sizes)))
        total = sum(weights)
        values = tuple(tuple(draw(st.sampled_from(VALUES)) for _ in range(size)) for size in sizes)
        reservation = draw(st.sampled_from([0.0, 0.2, 0.4]))
        profiles.append(
            LinearAdditive(tuple(w / total for w in weights), values, reservation=reservation)
        )
    return Scenario("random", space, ("A", "B"), tuple(profiles))
