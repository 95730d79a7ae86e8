"""A picture of an analysis: outcomes, Pareto frontier, Nash and Kalai-Smorodinsky points.

Written with matplotlib's Agg renderer straight to a PNG (a `Figure` not managed by pyplot, so
no display and no global state). Two parties get one panel, u1 against u2; three or more get one
panel per pair of parties, the frontier shown as its projection onto that pair.
Outcomes are all drawn up to `PLOTTED_OUTCOMES`, else a fixed-seed uniform sample of that many.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from shuttle.engine.analysis import AnalysisResult
from shuttle.engine.analysis.enumeration import evaluate
from shuttle.engine.preferences import FloatArray
from shuttle.engine.scenario import Scenario

PLOTTED_OUTCOMES = 20_000
SAMPLE_SEED = 7
PANEL_INCHES = 4.6
SMALL_PANEL_INCHES = 3.2  # when there are more than three panels


def plot_analysis(scenario: Scenario, result: AnalysisResult, path: str | Path) -> None:
    """Write the picture of `result` (an analysis of `scenario`) to `path` as a PNG."""
    outcomes, sampled = outcome_utilities(scenario)
    parties = len(scenario.parties)
    pairs = list(itertools.combinations(range(parties), 2)) or [(0, 0)]
    columns = min(len(pairs), max(3, math.ceil(math.sqrt(len(pairs)))))
    rows = math.ceil(len(pairs) / columns)
    legend_inches = 1.8  # a column on the right for the legend, whatever the panels
    inches = PANEL_INCHES if len(pairs) <= 3 else SMALL_PANEL_INCHES
    figure = Figure(
        figsize=(inches * columns + legend_inches, inches * rows + 0.7),
        dpi=110,
        layout="constrained",
    )
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    for ax, (x, y) in zip(axes, pairs, strict=False):
        _panel(ax, scenario, result, outcomes, x, y)
    for ax in axes[len(pairs) :]:
        ax.set_visible(False)
    shown = f"{len(outcomes):,} sampled outcomes" if sampled else f"all {len(outcomes):,} outcomes"
    kind = "exact" if result.exact else "approximate"
    figure.suptitle(
        f"{scenario.name}\nPareto frontier: {len(result.pareto)} points ({kind}); {shown}",
        fontsize=10,
    )
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside right center", fontsize=8, frameon=False)
    # "tight" keeps long party names in the axis labels inside the picture.
    figure.savefig(path, format="png", bbox_inches="tight", pad_inches=0.15)


def outcome_utilities(scenario: Scenario) -> tuple[FloatArray, bool]:
    """Utilities of every outcome, or of a uniform sample when there are too many."""
    space = scenario.space
    if space.grid_size <= PLOTTED_OUTCOMES:
        rows = space.index_block(0, space.grid_size)
        sampled = False
    else:
        rng = np.random.default_rng(SAMPLE_SEED)
        sizes = np.asarray(space.sizes, dtype=np.int64)
        rows = rng.integers(0, sizes, size=(PLOTTED_OUTCOMES, len(sizes)))
        sampled = True
    return evaluate(space, scenario.profiles, rows), sampled


def _panel(
    ax: Axes, scenario: Scenario, result: AnalysisResult, outcomes: FloatArray, x: int, y: int
) -> None:
    ax.scatter(outcomes[:, x], outcomes[:, y], s=4, c="#b9c2cc", linewidths=0, label="outcomes")
    frontier = np.array([p.utilities for p in result.pareto]).reshape(-1, outcomes.shape[1])
    if len(scenario.parties) == 2:
        ordered = frontier[np.argsort(frontier[:, x])]
        ax.plot(
            ordered[:, x], ordered[:, y], "-o", c="#1f5fa8", ms=3, lw=1, label="Pareto frontier"
        )
    else:
        ax.scatter(frontier[:, x], frontier[:, y], s=8, c="#1f5fa8", label="Pareto frontier")
    # Drawn largest first, so that solutions falling on the same outcome all stay visible.
    for point, marker, size, colour, name in (
        (result.max_welfare, "o", 150, "#9467bd", "max welfare"),
        (result.kalai_smorodinsky, "D", 70, "#2ca02c", "Kalai-Smorodinsky"),
        (result.nash, "*", 90, "#d62728", "Nash"),
    ):
        if point is not None:
            ax.scatter(
                point.utilities[x], point.utilities[y], marker=marker, s=size, c=colour,
                edgecolors="black", linewidths=0.6, zorder=5, label=name,
            )  # fmt: skip
    reservation = result.reservation
    ax.axvline(reservation[x], ls="--", lw=0.9, c="#e07b00", label="reservation value")
    ax.axhline(reservation[y], ls="--", lw=0.9, c="#e07b00")
    ax.set_xlabel(f"utility of {scenario.parties[x]}", fontsize=9)
    ax.set_ylabel(f"utility of {scenario.parties[y]}", fontsize=9)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_box_aspect(1)  # square panels: both axes span the same utility range
    ax.grid(True, lw=0.3, alpha=0.5)
    ax.tick_params(labelsize=8)
