"""Hypothesis strategies: small scenarios whose utilities tie and sum inexactly.

Option utilities and weights come from short lists that repeat values (exact ties) and hold
0.1, 0.2, 0.3 and thirds, whose sums differ in the last bits depending on the order of
addition. Reservation values are sometimes a utility the scenario actually reaches, summed in
another order, so that "u >= r" sits exactly on the tolerance's edge.
"""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from shuttle.engine.preferences import (
    HyperRectangle,
    HyperRectangleProfile,
    LinearAdditive,
    Profile,
    RectangleKind,
)
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, IntegerIssue, OutcomeSpace

VALUES = [0.0, 0.1, 0.2, 0.3, 0.7, 1 / 3, 2 / 3, 0.5, 0.9, 1.0]
WEIGHTS = [0.1, 0.2, 0.3, 1 / 3, 0.6, 1.0]


@st.composite
def reservation(draw: st.DrawFn, reachable: list[float]) -> float:
    use_reachable: bool = draw(st.booleans())
    if reachable and use_reachable:
        return draw(st.sampled_from(reachable))
    return draw(st.sampled_from([0.0, 0.2, 0.4, 0.5, 0.6, 0.8]))


@st.composite
def additive_scenarios(
    draw: st.DrawFn, parties: tuple[int, int] = (2, 4), issues: int = 5, options: int = 4
) -> Scenario:
    sizes = draw(st.lists(st.integers(1, options), min_size=1, max_size=issues))
    space = OutcomeSpace(
        tuple(
            DiscreteIssue(f"i{k}", tuple(f"o{j}" for j in range(size)))
            for k, size in enumerate(sizes)
        )
    )
    profiles: list[Profile] = []
    for _ in range(draw(st.integers(*parties))):
        raw = draw(st.lists(st.sampled_from(WEIGHTS), min_size=len(sizes), max_size=len(sizes)))
        weights = tuple(w / sum(raw) for w in raw)
        values = tuple(
            tuple(draw(st.lists(st.sampled_from(VALUES), min_size=s, max_size=s))) for s in sizes
        )
        # A reachable utility, summed in reverse issue order (the profile sums forwards).
        combos = itertools.islice(itertools.product(*(range(s) for s in sizes)), 50)
        reachable = [
            sum(weights[k] * values[k][o] for k, o in reversed(list(enumerate(combo))))
            for combo in combos
        ]
        profiles.append(LinearAdditive(weights, values, reservation=draw(reservation(reachable))))
    names = tuple(f"p{k}" for k in range(len(profiles)))
    return Scenario("random-additive", space, names, tuple(profiles))


@st.composite
def rectangle_scenarios(draw: st.DrawFn, parties: tuple[int, int] = (2, 3)) -> Scenario:
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    space = OutcomeSpace(tuple(IntegerIssue(f"x{k}", 0, size - 1) for k, size in enumerate(sizes)))
    profiles: list[Profile] = []
    for _ in range(draw(st.integers(*parties))):
        rectangles = []
        for _ in range(draw(st.integers(1, 5))):
            bounds = []
            for position in sorted(
                draw(st.sets(st.integers(0, len(sizes) - 1), min_size=1, max_size=len(sizes)))
            ):
                low = draw(st.integers(0, sizes[position] - 1))
                high = draw(st.integers(low, sizes[position] - 1))
                bounds.append((position, float(low), float(high)))
            kind = draw(st.sampled_from([RectangleKind.INCLUDES, RectangleKind.EXCLUDES]))
            rectangles.append(
                HyperRectangle(kind, draw(st.sampled_from([1.0, 2.0, 0.3, 5.0])), tuple(bounds))
            )
        total = sum(r.utility for r in rectangles)
        max_utility = draw(st.sampled_from([total, total / 2, 1.0]))
        profiles.append(
            HyperRectangleProfile(
                tuple(rectangles), max_utility, reservation=draw(reservation([0.3, 0.5]))
            )
        )
    names = tuple(f"p{k}" for k in range(len(profiles)))
    return Scenario("random-rectangles", space, names, tuple(profiles))
