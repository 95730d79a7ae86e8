"""`shuttle simulate`: a whole talk between automated parties and an automated mediator,
recorded on the database like any talk.

`register(app)` adds the command. The progress bar goes to stderr, so `--json` output on
stdout stays one JSON object.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from rich.text import Text

from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, Db, Json, ScenarioPath, scenario_at, service
from shuttle.cli.render import console, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.engine.analysis import analyze
from shuttle.engine.scenario import Scenario
from shuttle.sim import (
    DEFAULT_ROUNDS,
    MEDIATORS,
    PARTIES,
    RoundDone,
    SimulationError,
    SimulationResult,
    simulate,
)

HELP = (
    "Rehearse a talk: automated parties answer an automated mediator through the same rules "
    "and record as people. Each automated participant decides from its own view alone; the "
    "talk it leaves can be viewed and verified like any other.\n\n"
    f"Mediators: {', '.join(MEDIATORS)}. Parties: {', '.join(PARTIES)} (one per party, in the "
    "scenario's party order)."
    + EXAMPLES
    + "shuttle simulate src/shuttle/scenarios/muscat.yaml --mediator single-text "
    "--parties boulware,conceder\n  "
    + "shuttle simulate ../shared/scenarios/ANAC2011_Laptop --mediator guided "
    "--parties linear,linear --rounds 100 --seed 3 --json"
)


def register(app: typer.Typer) -> None:
    """Add `simulate` to `app`."""
    app.command("simulate", help=HELP)(simulate_command)


def simulate_command(
    path: ScenarioPath,
    mediator: Annotated[
        str, typer.Option("--mediator", help=f"One of: {', '.join(MEDIATORS)}.")
    ] = "single-text",
    parties: Annotated[
        str,
        typer.Option("--parties", help="Comma-separated strategies, one per party.", metavar="A,B"),
    ] = "",
    rounds: Annotated[
        int, typer.Option("--rounds", help="The deadline: versions (or offers) at most.")
    ] = DEFAULT_ROUNDS,
    seed: Annotated[int, typer.Option("--seed", help="Seeds strategies and incidents.")] = 0,
    as_json: Json = False,
    db: Db = DEFAULT_DB,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Draw the versions' path to this PNG.", metavar="FILE.png"),
    ] = None,
) -> None:
    if rounds < 1:
        fail(Exit.USAGE, f"invalid: --rounds must be at least 1, not {rounds}")
    if plot is not None and plot.suffix.lower() != ".png":
        fail(Exit.USAGE, f"invalid: --plot {plot} must name a .png file")
    scenario = scenario_at(path)
    strategies = [s.strip() for s in parties.split(",")] if parties.strip() else []
    if not strategies:
        strategies = ["boulware"] * len(scenario.parties)
    with reported():
        talks = service(db)
        try:
            with _Bar(rounds) as (bar, task):

                def advance(done: RoundDone) -> None:
                    bar.update(task, completed=done.round)

                result = simulate(
                    talks, scenario, mediator, strategies, rounds, seed, on_round=advance
                )
        except SimulationError as error:
            fail(Exit.USAGE, f"invalid: {error}")
    if plot is not None:
        _plot(scenario, result, plot)
    if as_json:
        print_json(result.to_dict())
        return
    print_result(result, db)
    if plot is not None:
        console.print(Text(f"wrote {plot}"), soft_wrap=True)


class _Bar:
    """A progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, rounds: int) -> None:
        stderr = Console(stderr=True)
        self.progress = Progress(
            TextColumn("rounds"),
            BarColumn(),
            MofNCompleteColumn(),
            console=stderr,
            transient=True,
            disable=not stderr.is_terminal,
        )
        self.task = self.progress.add_task("rounds", total=rounds)

    def __enter__(self) -> tuple[Progress, TaskID]:
        self.progress.start()
        return self.progress, self.task

    def __exit__(self, *_: object) -> None:
        self.progress.stop()


def _plot(scenario: Scenario, result: SimulationResult, plot: Path) -> None:
    # Imported here: matplotlib takes a while to load and only --plot needs it.
    from shuttle.engine.plot_path import plot_path

    try:
        plot_path(scenario, analyze(scenario), result.drafts, result.package, plot)
    except OSError as error:
        fail(Exit.USAGE, f"cannot write {plot}: {error.strerror or error}")


def print_result(result: SimulationResult, db: str) -> None:
    outcome = "agreement" if result.agreement else "no agreement"
    console.print(
        Text(terminal_safe(f"{result.scenario}: {result.mediator} mediator, "))
        .append(f"parties {', '.join(result.strategies)}: ")
        .append(f"{outcome} after {result.rounds} rounds", style="bold")
    )
    table = Table(title_justify="left")
    table.add_column("party")
    table.add_column("utility", justify="right")
    table.add_column("discounted", justify="right")
    for position, party in enumerate(result.parties):
        utility = "-" if result.utilities is None else f"{result.utilities[position]:.4f}"
        disc = result.discounted_utilities
        table.add_row(
            Text(terminal_safe(party)), utility, "-" if disc is None else f"{disc[position]:.4f}"
        )
    console.print(table)
    if result.outcome is not None:
        terms = "; ".join(f"{issue}: {value}" for issue, value in result.outcome.items())
        console.print(Text("outcome: ").append(terminal_safe(terms)))
    distance = "-" if result.pareto_distance is None else f"{result.pareto_distance:.4f}"
    console.print(
        Text(
            f"Nash ratio {result.nash_ratio:.4f}; distance to the Pareto frontier {distance}; "
        ).append(f"{result.incidents} incidents")
    )
    console.print(
        Text(
            f"talk {result.talk} recorded in {db}: `shuttle view {result.talk} --as NAME "
            f"--db {db}` shows a participant's view; `shuttle verify --db {db}` checks the record",
            style="dim",
        )
    )
