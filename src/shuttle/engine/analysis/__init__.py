"""Scenario analysis: Pareto frontier, Nash and Kalai-Smorodinsky points, maximum welfare and
the size of the zone of possible agreement."""

from shuttle.engine.analysis.analyzer import analyze
from shuttle.engine.analysis.result import AnalysisResult, Method, Point
from shuttle.engine.analysis.tolerance import TOLERANCE

__all__ = ["TOLERANCE", "AnalysisResult", "Method", "Point", "analyze"]
