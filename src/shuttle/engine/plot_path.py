"""A picture of a talk's path: each version of the text in the utility space of the first two
parties, over the outcomes, the Pareto frontier and the Nash point, with the reservation values
at the start and after escalation. Written with Agg straight to a PNG, like `plot`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from shuttle.engine.analysis import AnalysisResult
from shuttle.engine.analysis.enumeration import evaluate
from shuttle.engine.plot import outcome_utilities
from shuttle.engine.scenario import Scenario


def plot_path(
    scenario: Scenario,
    result: AnalysisResult,
    drafts: Sequence[tuple[int, ...]],
    agreement: tuple[int, ...] | None,
    path: str | Path,
    escalation: float = 0.0,
) -> None:
    """Write the path of `drafts` (index rows, in order) to `path` as a PNG."""
    outcomes, _ = outcome_utilities(scenario)
    figure = Figure(figsize=(6.4, 5.6), dpi=110, layout="constrained")
    ax = figure.subplots()
    ax.scatter(outcomes[:, 0], outcomes[:, 1], s=4, c="#c9d1d9", linewidths=0, label="packages")
    frontier = np.array([p.utilities for p in result.pareto]).reshape(-1, outcomes.shape[1])
    ordered = frontier[np.argsort(frontier[:, 0])]
    ax.plot(ordered[:, 0], ordered[:, 1], "-", c="#1f5fa8", lw=1, label="Pareto frontier")
    if result.nash is not None:
        nash_x, nash_y = result.nash.utilities[0], result.nash.utilities[1]
        ax.scatter(
            nash_x, nash_y, marker="*", s=140, c="#d62728", edgecolors="black",
            linewidths=0.6, zorder=6, label="Nash point",
        )  # fmt: skip
    if drafts:
        points = evaluate(scenario.space, scenario.profiles, np.array(drafts, dtype=np.int64))
        ax.plot(points[:, 0], points[:, 1], "-o", c="#444444", ms=4, lw=0.8, label="versions")
        for number, (x, y) in enumerate(points[:, :2], start=1):
            ax.annotate(str(number), (x, y), textcoords="offset points", xytext=(4, 3), fontsize=7)
    if agreement is not None:
        agreed = evaluate(scenario.space, scenario.profiles, np.array([agreement], dtype=np.int64))
        ax.scatter(
            agreed[0, 0], agreed[0, 1], marker="P", s=150, c="#2ca02c", edgecolors="black",
            linewidths=0.6, zorder=7, label="agreement",
        )  # fmt: skip
    start = result.reservation
    ax.axvline(start[0], ls="--", lw=0.9, c="#e07b00", label="reservation values")
    ax.axhline(start[1], ls="--", lw=0.9, c="#e07b00")
    if escalation > 0:
        ax.axvline(max(0.0, start[0] - escalation), ls=":", lw=0.9, c="#b22222",
                   label="after escalation")  # fmt: skip
        ax.axhline(max(0.0, start[1] - escalation), ls=":", lw=0.9, c="#b22222")
    ax.set_xlabel(f"utility of {scenario.parties[0]}", fontsize=9)
    ax.set_ylabel(f"utility of {scenario.parties[1]}", fontsize=9)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_box_aspect(1)
    ax.grid(True, lw=0.3, alpha=0.5)
    ax.tick_params(labelsize=8)
    ax.legend(loc="lower left", fontsize=7, framealpha=0.85)
    outcome = "agreement" if agreement is not None else "no agreement"
    versions = f"{len(drafts)} version" + ("" if len(drafts) == 1 else "s")
    ax.set_title(f"{scenario.name}: {versions}, {outcome}", fontsize=10)
    figure.savefig(path, format="png")
