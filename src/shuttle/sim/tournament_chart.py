"""A picture of a tournament's summary: per mediator and pairing, the mean Nash ratio and the
agreement rate, as bars. Written with Agg straight to a PNG, like the engine's pictures;
matplotlib is imported only when a chart is drawn."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shuttle.sim.tournament_summary import Standing


def draw_summary(standings: Sequence[Standing], path: Path) -> None:
    """Write a bar chart of `standings` to `path` as a PNG."""
    from matplotlib.figure import Figure

    labels = [f"{s.mediator}\n{s.pairing}" for s in standings]
    height = max(2.5, 0.45 * len(standings) + 1.2)
    figure = Figure(figsize=(9.0, height), dpi=110, layout="constrained")
    ratio, agreed = figure.subplots(1, 2, sharey=True)
    places = list(range(len(standings)))
    colours = ["#1f5fa8" if s.strategies is None else "#8fb3dd" for s in standings]
    ratio.barh(places, [s.nash_ratio for s in standings], color=colours)
    agreed.barh(places, [s.agreement_rate for s in standings], color=colours)
    ratio.set_yticks(places, labels, fontsize=7)
    ratio.invert_yaxis()
    for ax, title in ((ratio, "mean Nash ratio"), (agreed, "agreement rate")):
        ax.set_xlim(0, 1.05)
        ax.set_title(title, fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    talks = sum(s.talks for s in standings if s.strategies is None)
    figure.suptitle(f"Tournament: {talks} talks (dark: a mediator over all pairings)", fontsize=10)
    figure.savefig(path, format="png")
