"""The NegMAS side of `bench/engine.py`: load a scenario folder, find its frontier and Nash point.

Every NegMAS import is here, through `importlib`, and every NegMAS object is typed `Any`: NegMAS
ships no type information, and the Shuttle side (and `make test`, which does not install NegMAS)
must never import it. `prepare()` imports it; the benchmark calls it before starting the clock.

What NegMAS is asked to do is its ordinary path from files to answers: `Scenario.load` (its
folder reader for Genius XML and GeniusWeb JSON), `pareto_frontier` over the whole outcome
space, then `nash_points` on that frontier. Two adjustments make it answer Shuttle's question,
and both are timed with NegMAS:

* Genius semantics. NegMAS 0.16 reads Genius XML literally: a discrete option's utility is its
  raw `evaluation` (Genius divides by the issue's largest evaluation), weights are not scaled to
  sum 1, and a linear evaluator of an integer issue is `offset + slope * v` (Genius:
  `offset + slope * (v - lowerbound)`, clipped to [0, 1]). Because the per-issue scale differs
  between issues, no rescaling of NegMAS's totals can fix this afterwards: its frontier is the
  frontier of different preferences. So each Genius XML profile is rebuilt as the Genius-
  normalised `LinearAdditiveUtilityFunction` before the frontier is searched. GeniusWeb JSON
  already means what it says (utility = sum of weight x value utility) and is used as loaded.
* The disagreement point. `nash_points` by default measures gains from max(reservation value,
  the ufun's minimum utility); Shuttle (like Genius and the ANL organisers) measures them from
  the reservation value, 0 when a profile has none. The benchmark passes those reservation values
  as `ranges`; `nash_default` records, outside the clock, what the default would have chosen.

Discounting is ignored on both sides (the frontier at time 0); NegMAS's loader is told so.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Vector = tuple[float, ...]


def prepare() -> None:
    """Import everything NegMAS needs, so that import time stays out of the measurement."""
    importlib.import_module("negmas.inout")
    importlib.import_module("negmas.preferences")


def version() -> str:
    return str(importlib.import_module("negmas").__version__)


def _inout() -> Any:
    return importlib.import_module("negmas.inout")


def _prefs() -> Any:
    return importlib.import_module("negmas.preferences")


@dataclass(frozen=True)
class Loaded:
    """A loaded scenario: NegMAS's outcome space and the ufuns the analysis uses."""

    outcome_space: Any
    ufuns: tuple[Any, ...]
    corrected: tuple[str, ...]  # what Genius normalisation changed, for the report


def is_genius_xml(folder: Path) -> bool:
    return any(folder.glob("*.xml"))


def load(folder: Path) -> Loaded:
    """`Scenario.load` without discounting, cached stats or info files; Genius XML profiles are
    then rebuilt with Genius's normalisation (see the module docstring)."""
    scenario = _inout().Scenario.load(
        folder, ignore_discount=True, load_stats=False, load_info=False
    )
    if scenario is None:
        raise ValueError("Scenario.load found no scenario in the folder")
    ufuns = tuple(scenario.ufuns)
    corrected: tuple[str, ...] = ()
    if is_genius_xml(folder):
        rebuilt = [genius_normalised(ufun, scenario.outcome_space) for ufun in ufuns]
        ufuns = tuple(ufun for ufun, _ in rebuilt)
        corrected = tuple(sorted({note for _, notes in rebuilt for note in notes}))
    return Loaded(scenario.outcome_space, ufuns, corrected)


def genius_normalised(ufun: Any, outcome_space: Any) -> tuple[Any, set[str]]:
    """The same profile under Genius's reading of its XML, and what had to change."""
    prefs = _prefs()
    if type(ufun).__name__ != "LinearAdditiveUtilityFunction":
        raise ValueError(f"unsupported NegMAS ufun type {type(ufun).__name__}")
    if abs(float(getattr(ufun, "_bias", 0.0))) > 0.0:
        raise ValueError("profile has a weight for an issue the domain does not define")
    notes: set[str] = set()
    total = float(sum(ufun.weights))
    if abs(total - 1.0) > 1e-12:
        notes.add("weights scaled to sum 1")
    values = []
    for issue, fun in zip(outcome_space.issues, ufun.values, strict=True):
        kind = type(fun).__name__
        if kind == "TableFun":
            top = max(fun.mapping.values())
            if top > 0 and top != 1.0:
                notes.add("discrete evaluations divided by the issue maximum")
                values.append(prefs.TableFun({k: v / top for k, v in fun.mapping.items()}))
            else:
                values.append(fun)
        elif kind in ("AffineFun", "LinearFun"):
            slope = float(fun.slope)
            offset = float(getattr(fun, "bias", 0.0))
            low = issue.min_value
            table = {v: min(1.0, max(0.0, offset + slope * (v - low))) for v in issue.all}
            notes.add("integer evaluators measured from the lower bound and clipped to [0, 1]")
            values.append(prefs.TableFun(table))
        else:
            raise ValueError(f"unsupported value function {kind} for issue {issue.name}")
    weights = [float(w) / total for w in ufun.weights]
    rebuilt = prefs.LinearAdditiveUtilityFunction(
        values=values,
        weights=weights,
        outcome_space=outcome_space,
        reserved_value=ufun.reserved_value,
        name=ufun.name,
    )
    return rebuilt, notes


def reservation(ufun: Any) -> float:
    """The reservation value as Shuttle reads it: 0 when the profile has none."""
    value = ufun.reserved_value
    return float(value) if value is not None and math.isfinite(float(value)) else 0.0


@dataclass(frozen=True)
class Answer:
    frontier: list[Vector]
    nash: Vector | None


def frontier_and_nash(loaded: Loaded) -> Answer:
    """NegMAS's Pareto frontier of the whole outcome space, and its Nash point on it."""
    prefs = _prefs()
    frontier, _ = prefs.pareto_frontier(loaded.ufuns, issues=loaded.outcome_space.issues)
    ranges = [
        (reservation(ufun), float(ufun.minmax(loaded.outcome_space)[1])) for ufun in loaded.ufuns
    ]
    points = prefs.nash_points(loaded.ufuns, frontier, ranges=ranges)
    return Answer(
        [tuple(float(u) for u in point) for point in frontier],
        tuple(float(u) for u in points[0][0]) if points else None,
    )


def nash_default(loaded: Loaded, frontier: list[Vector]) -> Vector | None:
    """What `nash_points` picks with its own disagreement point (not timed; for the report)."""
    points = _prefs().nash_points(loaded.ufuns, frontier, outcome_space=loaded.outcome_space)
    return tuple(float(u) for u in points[0][0]) if points else None


def reservations(loaded: Loaded) -> list[float]:
    return [reservation(ufun) for ufun in loaded.ufuns]


def check_evaluable(loaded: Loaded) -> None:
    """Raise if NegMAS cannot evaluate an outcome: its frontier search would silently skip every
    such outcome and report an empty frontier (NegMAS 0.16 reads the newer GeniusWeb
    `DiscreteValueSetUtilities` keys as empty value tables)."""
    outcome = next(iter(loaded.outcome_space.enumerate_or_sample(max_cardinality=1)))
    for ufun in loaded.ufuns:
        try:
            value = float(ufun(outcome))
        except Exception as error:
            raise ValueError(
                f"NegMAS cannot evaluate outcome {outcome} with profile {ufun.name}: "
                f"{type(error).__name__}({error})"
            ) from error
        if not math.isfinite(value):
            raise ValueError(f"NegMAS evaluates outcome {outcome} to {value} ({ufun.name})")
