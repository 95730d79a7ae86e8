"""`shuttle tournament`: simulated talks for every scenario, mediator, pairing and seed, run on
worker processes here or on a Dask cluster, each recorded on the database like any talk.

`register(app)` adds the command. The progress bar goes to stderr, so `--json` output on
stdout stays one JSON object. Dask, pyarrow and matplotlib are imported only when used.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, Db, Json, scenario_at, service
from shuttle.cli.render import console, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.engine.scenario import Scenario
from shuttle.sim import DEFAULT_ROUNDS, MEDIATORS, PARTIES, SimulationError
from shuttle.sim.tournament import Row, connect, local_client, run_here, run_on
from shuttle.sim.tournament_plan import Match, plan
from shuttle.sim.tournament_summary import Standing, summarize
from shuttle.sim.tournament_table import FORMATS, write_rows

HELP = (
    "Run a tournament of simulated talks: every scenario x mediator x pairing x seed, each "
    "talk through the same service, rules and record as `shuttle simulate`. A pairing gives "
    "one of the --parties strategies to each party, in the scenario's party order: every such "
    "assignment is played (a,b on two parties: a a, a b, b a, b b). Seeds run 0..N-1.\n\n"
    "Talks run on --workers local processes (default: one per CPU; 0 runs them in this "
    "process) or on a running Dask scheduler (--cluster, whose workers need shuttle installed "
    "and a PostgreSQL --db they can all reach). Results do not depend on the number of "
    "workers. A summary per mediator, over all pairings and per pairing, is printed; "
    "--out writes a row per talk.\n\n"
    f"Mediators: {', '.join(MEDIATORS)}. Parties: {', '.join(PARTIES)}."
    + EXAMPLES
    + "shuttle tournament src/shuttle/scenarios/muscat.yaml ../shared/scenarios/ANAC2011_Laptop "
    "--mediators single-text,guided,relay --parties boulware,conceder --seeds 5 --rounds 100 "
    "--workers 4 --out results.csv --chart summary.png"
)


def register(app: typer.Typer) -> None:
    """Add `tournament` to `app`."""
    app.command("tournament", help=HELP)(tournament_command)


def tournament_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Scenarios: YAML files, or folders of Genius XML or GeniusWeb JSON files.",
            metavar="SCENARIO...",
            show_default=False,
        ),
    ],
    mediators: Annotated[
        str,
        typer.Option("--mediators", help="Comma-separated mediators.", metavar="A,B"),
    ] = ",".join(MEDIATORS),
    parties: Annotated[
        str,
        typer.Option("--parties", help="Comma-separated party strategies to pair.", metavar="A,B"),
    ] = "boulware,conceder",
    seeds: Annotated[int, typer.Option("--seeds", help="Seeds 0..N-1 per pairing.")] = 1,
    rounds: Annotated[
        int, typer.Option("--rounds", help="The deadline: versions (or offers) at most.")
    ] = DEFAULT_ROUNDS,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Local worker processes (default: CPU count; 0: run in this process).",
            show_default=False,
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster", help="A running Dask scheduler's address.", metavar="tcp://HOST:PORT"
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write a row per talk (.csv or .parquet).", metavar="FILE"),
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Draw the summary to this PNG.", metavar="FILE.png"),
    ] = None,
    as_json: Json = False,
    db: Db = DEFAULT_DB,
) -> None:
    chosen_mediators = _names(mediators)
    strategies = _names(parties)
    if workers is not None and cluster is not None:
        fail(Exit.USAGE, "invalid: give --workers or --cluster, not both")
    if workers is not None and workers < 0:
        fail(Exit.USAGE, f"invalid: --workers must be 0 or more, not {workers}")
    if out is not None and out.suffix.lower() not in FORMATS:
        fail(Exit.USAGE, f"invalid: --out {out} must name a .csv or .parquet file")
    if chart is not None and chart.suffix.lower() != ".png":
        fail(Exit.USAGE, f"invalid: --chart {chart} must name a .png file")
    count = (os.cpu_count() or 1) if workers is None else workers
    url = _shared_url(db, count if cluster is None else None)
    scenarios = [scenario_at(path) for path in paths]
    try:
        matches = plan(scenarios, chosen_mediators, strategies, seeds, rounds)
    except SimulationError as error:
        fail(Exit.USAGE, f"invalid: {error}")
    with reported():
        try:
            rows = _run(scenarios, matches, url, count, cluster)
        except SimulationError as error:
            fail(Exit.USAGE, f"invalid: {error}")
    standings = summarize(rows)
    if out is not None:
        _write(rows, out)
    if chart is not None:
        _draw(standings, chart)
    if as_json:
        print_json(
            {
                "talks": len(rows),
                "db": _shown(db),
                "out": None if out is None else str(out),
                "chart": None if chart is None else str(chart),
                "summary": [standing.to_dict() for standing in standings],
                "rows": [row.to_dict() for row in rows],
            }
        )
        return
    print_summary(standings, len(rows), db)
    for written in (out, chart):
        if written is not None:
            console.print(Text(f"wrote {written}"), soft_wrap=True)


def _shown(db: str) -> str:
    """`db` as it may be printed: without its password."""
    return make_url(db).render_as_string(hide_password=True)


def _names(spec: str) -> list[str]:
    """The comma-separated names of `spec`, each once, in order."""
    return list(dict.fromkeys(name.strip() for name in spec.split(",") if name.strip()))


def _shared_url(db: str, workers: int | None) -> str:
    """`db` as every worker can open it: a relative SQLite path made absolute (a worker may
    start elsewhere). `workers` is None for a cluster, whose workers may be other machines:
    they need a database server, never a file on this one."""
    try:
        url = make_url(db)
    except ArgumentError as error:
        fail(Exit.USAGE, f"invalid database URL: {error}")
    if url.get_backend_name() != "sqlite":
        return db
    if workers is None:
        fail(
            Exit.USAGE,
            "invalid: a Dask cluster's workers cannot share a SQLite file; give --db a "
            "PostgreSQL URL they can all reach (postgresql://USER@HOST/DB)",
        )
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        if workers > 0:
            fail(
                Exit.USAGE,
                "invalid: worker processes cannot share an in-memory SQLite database; give "
                "--db a file (sqlite:///FILE.db) or use --workers 0",
            )
        return db
    return url.set(database=str(Path(database).resolve())).render_as_string(hide_password=False)


def _run(
    scenarios: Sequence[Scenario],
    matches: Sequence[Match],
    url: str,
    workers: int,
    address: str | None,
) -> list[Row]:
    """Run the plan on the scheduler at `address`, else on `workers` local processes (0: in
    this process). The record is opened (and migrated) here once, before any worker opens it,
    and only once a named scheduler has answered."""
    if address is None:
        talks = service(url)
        with _Bar(len(matches)) as advance:
            if workers == 0:
                return run_here(talks, scenarios, matches, advance)
            with local_client(workers) as client:
                return run_on(client, scenarios, matches, url, advance)
    try:
        client = connect(address)
    except (OSError, ValueError, TypeError) as error:
        fail(Exit.REFUSED, f"cannot reach the Dask scheduler at {address}: {error}")
    with client:
        service(url)
        with _Bar(len(matches)) as advance:
            return run_on(client, scenarios, matches, url, advance)


def _write(rows: Sequence[Row], out: Path) -> None:
    try:
        write_rows(rows, out)
    except OSError as error:
        fail(Exit.USAGE, f"cannot write {out}: {error.strerror or error}")


def _draw(standings: Sequence[Standing], chart: Path) -> None:
    from shuttle.sim.tournament_chart import draw_summary

    try:
        draw_summary(standings, chart)
    except OSError as error:
        fail(Exit.USAGE, f"cannot write {chart}: {error.strerror or error}")


class _Bar:
    """A progress bar of talks on stderr, shown only when stderr is a terminal; called with
    each finished talk's row."""

    def __init__(self, talks: int) -> None:
        stderr = Console(stderr=True)
        self.progress = Progress(
            TextColumn("talks"),
            BarColumn(),
            MofNCompleteColumn(),
            console=stderr,
            transient=True,
            disable=not stderr.is_terminal,
        )
        self.task = self.progress.add_task("talks", total=talks)

    def __call__(self, _row: Row) -> None:
        self.progress.advance(self.task)

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.progress.stop()


def print_summary(standings: Sequence[Standing], talks: int, db: str) -> None:
    table = Table(title=f"{talks} talks", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("mediator", no_wrap=True, min_width=11)
    # The one column that wraps, at the spaces between strategies.
    table.add_column("pairing", min_width=11)
    for column, width in (("talks", 5), ("agreed", 6), ("Nash", 6), ("Pareto", 6),
                          ("rounds", 6), ("s/talk", 6)):  # fmt: skip
        table.add_column(column, justify="right", no_wrap=True, min_width=width)
    for s in standings:
        distance = "-" if s.pareto_distance is None else f"{s.pareto_distance:.4f}"
        table.add_row(
            Text(terminal_safe(s.mediator), style="bold" if s.strategies is None else ""),
            s.pairing,
            str(s.talks),
            f"{s.agreement_rate:.0%}",
            f"{s.nash_ratio:.4f}",
            distance,
            f"{s.rounds:.1f}",
            f"{s.seconds:.3f}",
        )
    console.print(table)
    console.print(
        Text(
            "Nash: mean Nash ratio (a failed talk counts 0); Pareto: mean distance to the "
            f"Pareto frontier, over agreements. Talks recorded in {_shown(db)}.",
            style="dim",
        )
    )
