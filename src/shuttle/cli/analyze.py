"""`shuttle analyze`: a scenario's Pareto frontier, bargaining solutions and zone of agreement.

`register(app)` adds the command to the `shuttle` application. Names in a scenario come from
whoever wrote its files, so they are shown through `terminal_safe` and never as Rich markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from shuttle.cli.errors import Exit, fail
from shuttle.cli.options import EXAMPLES, Json, ScenarioPath, scenario_at
from shuttle.cli.render import console, outcome_count, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.engine.analysis import AnalysisResult, analyze
from shuttle.engine.scenario import Scenario

HELP = (
    "Analyse a scenario at the start of a negotiation (no discounting): its Pareto frontier, "
    "the Nash and Kalai-Smorodinsky points, the outcome of maximum total utility, and how many "
    "outcomes every party accepts (the zone of possible agreement). Exact for linear additive "
    "profiles within generous bounds (beyond them the frontier is thinned); very large "
    "non-linear spaces are searched; the result says when it is approximate."
    + EXAMPLES
    + "shuttle analyze ../shared/scenarios/ANAC2011_Laptop\n  "
    + "shuttle analyze ../shared/scenarios/ANL2023_domain09 --json\n  "
    + "shuttle analyze src/shuttle/scenarios/muscat.yaml --plot muscat.png"
)

PlotPath = Annotated[
    Path | None,
    typer.Option("--plot", help="Also draw the analysis to this PNG file.", metavar="FILE.png"),
]


def register(app: typer.Typer) -> None:
    """Add `analyze` to `app`."""
    app.command("analyze", help=HELP)(analyze_command)


def analyze_command(path: ScenarioPath, as_json: Json = False, plot: PlotPath = None) -> None:
    if plot is not None and plot.suffix.lower() != ".png":
        fail(Exit.USAGE, f"invalid: --plot {plot} must name a .png file")
    scenario = scenario_at(path)
    result = analyze(scenario)
    if plot is not None:
        # Imported here: matplotlib takes a while to load and only --plot needs it.
        from shuttle.engine.plot import plot_analysis

        try:
            plot_analysis(scenario, result, plot)
        except OSError as error:
            fail(Exit.USAGE, f"cannot write {plot}: {error.strerror or error}")
    if as_json:
        print_json(result.to_dict())
        return
    print_summary(scenario, result)
    if plot is not None:
        console.print(Text(f"wrote {plot}"), soft_wrap=True)


def print_summary(scenario: Scenario, result: AnalysisResult) -> None:
    """The analysis for people: a table of utilities (one row per party, so that it stays
    narrow however many parties there are), then each solution's outcome, the frontier and
    the zone."""
    exact = "exact" if result.exact else "approximate"
    console.print(
        Text(terminal_safe(f"{result.scenario}: "))
        .append(f"{len(result.parties)} parties, {_count(result.outcomes, scenario)}; ")
        .append(f"{result.method.value}, {exact}")
    )
    solutions = (
        ("Nash", result.nash),
        ("Kalai-Smorodinsky", result.kalai_smorodinsky),
        ("max welfare", result.max_welfare),
    )
    table = Table(title="Utilities at t = 0", title_justify="left")
    table.add_column("party", overflow="fold")
    table.add_column("reservation", justify="right")
    for label, _ in solutions:
        table.add_column(label, justify="right")
    for index, party in enumerate(result.parties):
        table.add_row(
            Text(terminal_safe(party)),
            f"{result.reservation[index]:.4f}",
            *["-" if point is None else f"{point.utilities[index]:.4f}" for _, point in solutions],
        )
    console.print(table)
    for label, point in solutions:
        line = Text(f"{label}: ", style="bold")
        if point is None:
            line.append("none (no outcome is acceptable to every party)")
        else:
            line.append(terminal_safe(", ".join(f"{k}={v}" for k, v in point.outcome.items())))
        console.print(line)
    console.print(Text(f"Pareto frontier: {len(result.pareto):,} points (--json lists them)"))
    console.print(Text(f"Zone of possible agreement: {_zone(result)}"))


def _count(outcomes: int | None, scenario: Scenario) -> str:
    if outcomes is None:
        return f"continuous (a grid of {outcome_count(scenario.space.grid_size)} analysed)"
    return outcome_count(outcomes)


def _zone(result: AnalysisResult) -> str:
    if result.zopa_size is None:
        return "not counted (no exact method at this size)"
    if not result.outcomes:
        return f"{result.zopa_size:,} outcomes"
    share = result.zopa_size / result.outcomes
    return f"{result.zopa_size:,} of the outcomes ({share:.2%}) are acceptable to every party"
