"""`analyze`: a scenario's Pareto frontier, bargaining solutions and zone of agreement.

The method depends on the profiles and the size of the space (limits in `limits`):

=====================  ======================================  ==============================
profiles               frontier, Nash, KS, max welfare         zone size
=====================  ======================================  ==============================
all linear additive    exact within the fold's bounds          every outcome acceptable (seen
                                                               from each issue's worst
                                                               options): exact at any size;
                                                               else enumeration up to the
                                                               limit; beyond it, meeting in
                                                               the middle for 2 parties,
                                                               None for more
any other              enumeration up to the limit (exact);    enumeration up to the limit;
                       beyond it, search (approximate)         None beyond
=====================  ======================================  ==============================

Beyond the fold's bounds (points x issues kept, work done: `limits`), the additive frontier is
thinned to well-spread points (method "frontier thinned"); a frontier that large would not fit
in memory, nor the answer on a screen.

`exact` is true exactly when no cell used is "search", "thinned" or "None" and no issue is
real: real issues are analysed on their grid, so results are approximate and the zone size is
None (an interval holds infinitely many outcomes). Utilities are undiscounted (t = 0).
"""

from __future__ import annotations

import numpy as np

from shuttle.engine.analysis.additive import contribution_matrices, folded_frontier
from shuttle.engine.analysis.bargaining import solutions
from shuttle.engine.analysis.dominance import IntArray
from shuttle.engine.analysis.enumeration import enumerated_frontier, zone_size
from shuttle.engine.analysis.limits import ENUMERATION_LIMIT
from shuttle.engine.analysis.meet_in_middle import zone_size_two_parties
from shuttle.engine.analysis.result import AnalysisResult, Method, Point
from shuttle.engine.analysis.search import searched_frontier
from shuttle.engine.analysis.tolerance import TOLERANCE
from shuttle.engine.preferences import FloatArray, LinearAdditive
from shuttle.engine.scenario import Scenario


def analyze(scenario: Scenario) -> AnalysisResult:
    """Analyse `scenario`; see the module docstring for when the result is exact."""
    space = scenario.space
    reservations = np.asarray(scenario.reservations, dtype=np.float64)
    additive = [p for p in scenario.profiles if isinstance(p, LinearAdditive)]
    zone: int | None = None
    if len(additive) == len(scenario.profiles):
        folded = folded_frontier(space, additive)
        method = Method.DECOMPOSITION if folded.exact else Method.THINNED
        rows, utilities = folded.rows, folded.utilities
        if not space.continuous:
            zone = _additive_zone(scenario, additive, reservations)
    elif space.grid_size <= ENUMERATION_LIMIT:
        method = Method.ENUMERATION
        rows, utilities, counted = enumerated_frontier(space, scenario.profiles, reservations)
        zone = None if space.continuous else counted
    else:
        method = Method.SEARCH
        rows, utilities = searched_frontier(space, scenario.profiles)
    # The documented order: utilities descending, the first party's first.
    order = np.lexsort([-utilities[:, p] for p in reversed(range(utilities.shape[1]))])
    rows, utilities = rows[order], utilities[order]
    chosen = solutions(utilities, reservations)

    def point(position: int | None) -> Point | None:
        return None if position is None else _point(scenario, rows[position], utilities[position])

    return AnalysisResult(
        scenario=scenario.name,
        parties=scenario.parties,
        issues=space.issues,
        outcomes=space.cardinality,
        exact=not space.continuous and method in _EXACT and zone is not None,
        method=method,
        reservation=tuple(float(r) for r in reservations),
        pareto=tuple(_point(scenario, r, u) for r, u in zip(rows, utilities, strict=True)),
        nash=point(chosen.nash),
        kalai_smorodinsky=point(chosen.kalai_smorodinsky),
        max_welfare=point(chosen.max_welfare),
        zopa_size=zone,
    )


_EXACT = (Method.DECOMPOSITION, Method.ENUMERATION)


def _additive_zone(
    scenario: Scenario, profiles: list[LinearAdditive], reservations: FloatArray
) -> int | None:
    """Exact zone size by enumeration, or meeting in the middle for two parties; else None."""
    matrices = contribution_matrices(profiles)
    worst = sum((matrix.min(axis=0) for matrix in matrices), np.zeros(len(profiles)))
    if np.all(worst >= reservations - TOLERANCE):
        # Additive minima add up: even the worst outcome is acceptable to all, so all are.
        return scenario.space.grid_size
    if scenario.space.grid_size <= ENUMERATION_LIMIT:
        return zone_size(scenario.space, profiles, reservations)
    if len(profiles) == 2:
        return zone_size_two_parties(matrices, list(reservations))
    return None


def _point(scenario: Scenario, row: IntArray, utilities: FloatArray) -> Point:
    return Point(
        outcome=scenario.space.decode(row),
        indices=tuple(int(i) for i in row),
        utilities=tuple(float(u) for u in utilities),
    )
