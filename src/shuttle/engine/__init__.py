"""The negotiation engine: outcome spaces, private profiles, scenarios, and reading them.

One import statement per module, so that each module's names are added or changed in one place.
"""

from shuttle.engine.analysis import AnalysisResult, analyze
from shuttle.engine.formats import ScenarioError, load_scenario
from shuttle.engine.preferences import (
    HyperRectangle,
    HyperRectangleProfile,
    LinearAdditive,
    Profile,
    RectangleKind,
)
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, IntegerIssue, Issue, OutcomeSpace, RealIssue

__all__ = [
    "AnalysisResult",
    "DiscreteIssue",
    "HyperRectangle",
    "HyperRectangleProfile",
    "IntegerIssue",
    "Issue",
    "LinearAdditive",
    "OutcomeSpace",
    "Profile",
    "RealIssue",
    "RectangleKind",
    "Scenario",
    "ScenarioError",
    "analyze",
    "load_scenario",
]
