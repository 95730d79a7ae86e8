"""What `analyze` returns, and its JSON form (`AnalysisResult.to_dict`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shuttle.engine.space import Issue, Outcome, RealIssue


class Method(StrEnum):
    """How the frontier was found (for people; the JSON says only whether it is exact)."""

    DECOMPOSITION = "additive decomposition"  # exact, linear additive profiles
    THINNED = "additive decomposition, frontier thinned"  # approximate: beyond the fold's bounds
    ENUMERATION = "enumeration"  # exact, every outcome evaluated
    SEARCH = "sampling and local search"  # approximate


@dataclass(frozen=True)
class Point:
    """One outcome: its options, its index row, and its utilities in the parties' order."""

    outcome: Outcome
    indices: tuple[int, ...]
    utilities: tuple[float, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": dict(self.outcome), "utilities": list(self.utilities)}


@dataclass(frozen=True)
class AnalysisResult:
    """The frontier and bargaining solutions of a scenario at t = 0 (undiscounted).

    `pareto` is ordered by utilities descending, party by party (the first party's best first).
    `exact` is true only when every field is exact: no real issue (those are analysed on a grid),
    a frontier found whole by decomposition or enumeration (not thinned, not searched), and a
    zone size counted exactly (`zopa_size` is None when no exact count was possible).
    """

    scenario: str
    parties: tuple[str, ...]
    issues: tuple[Issue, ...]
    outcomes: int | None
    exact: bool
    method: Method
    reservation: tuple[float, ...]
    pareto: tuple[Point, ...]
    nash: Point | None
    kalai_smorodinsky: Point | None
    max_welfare: Point | None
    zopa_size: int | None

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object: plain types only, utilities in the parties' order."""
        return {
            "scenario": self.scenario,
            "parties": list(self.parties),
            "issues": [issue_dict(issue) for issue in self.issues],
            "outcomes": self.outcomes,
            "exact": self.exact,
            "reservation": list(self.reservation),
            "pareto": [point.to_dict() for point in self.pareto],
            "nash": None if self.nash is None else self.nash.to_dict(),
            "kalai_smorodinsky": (
                None if self.kalai_smorodinsky is None else self.kalai_smorodinsky.to_dict()
            ),
            "max_welfare": None if self.max_welfare is None else self.max_welfare.to_dict(),
            "zopa_size": self.zopa_size,
        }


def issue_dict(issue: Issue) -> dict[str, Any]:
    """An issue as JSON: its options, or its range for a real issue."""
    if isinstance(issue, RealIssue):
        return {"name": issue.name, "min": float(issue.low), "max": float(issue.high)}
    return {"name": issue.name, "values": list(issue.values)}
