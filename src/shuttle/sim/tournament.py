"""Tournaments of simulated talks, run here or on a Dask cluster.

Each talk of the plan (`tournament_plan`) is one task: `run_match` opens its own service on
the database URL it is given (once per worker process), runs `simulate` exactly as
`shuttle simulate` does, and returns a small frozen `Row`. Tasks share nothing but the
database, so a worker may be another process or another machine; results are the same
whatever the number of workers (every talk is seeded), and rows come back in plan order.

Dask is imported only by the functions that need it, so that importing this module (and
starting the command line) does not pay for it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shuttle.assembly import open_service
from shuttle.engine.scenario import Scenario
from shuttle.service import TalkService
from shuttle.sim.run import simulate
from shuttle.sim.tournament_plan import Match

if TYPE_CHECKING:
    from distributed import Client


@dataclass(frozen=True)
class Row:
    """How one talk of a tournament ended. `rounds` is the round of agreement (or the
    deadline); `utilities` are undiscounted, in the scenario's party order; `seconds` is the
    talk's wall time, recording included; `talk` its id in the database."""

    scenario: str
    mediator: str
    strategies: tuple[str, ...]
    seed: int
    deadline: int
    agreement: bool
    rounds: int
    nash_ratio: float
    pareto_distance: float | None
    utilities: tuple[float, ...] | None
    discounted_utilities: tuple[float, ...] | None
    incidents: int
    seconds: float
    talk: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "mediator": self.mediator,
            "strategies": list(self.strategies),
            "seed": self.seed,
            "deadline": self.deadline,
            "agreement": self.agreement,
            "rounds": self.rounds,
            "nash_ratio": self.nash_ratio,
            "pareto_distance": self.pareto_distance,
            "utilities": None if self.utilities is None else list(self.utilities),
            "discounted_utilities": (
                None if self.discounted_utilities is None else list(self.discounted_utilities)
            ),
            "incidents": self.incidents,
            "seconds": self.seconds,
            "talk": self.talk,
        }


Done = Callable[[Row], None]


def play(service: TalkService, scenario: Scenario, match: Match) -> Row:
    """Run `match` on `scenario` through `service` and measure it."""
    started = time.perf_counter()
    result = simulate(service, scenario, match.mediator, match.strategies, match.rounds, match.seed)
    seconds = time.perf_counter() - started
    return Row(
        scenario=result.scenario,
        mediator=match.mediator,
        strategies=match.strategies,
        seed=match.seed,
        deadline=match.rounds,
        agreement=result.agreement,
        rounds=result.rounds,
        nash_ratio=result.nash_ratio,
        pareto_distance=result.pareto_distance,
        utilities=result.utilities,
        discounted_utilities=result.discounted_utilities,
        incidents=result.incidents,
        seconds=seconds,
        talk=result.talk,
    )


_services: dict[str, TalkService] = {}
"""This process's service per database URL: a worker opens (and checks) the record once, not
once per talk."""


def run_match(scenario: Scenario, match: Match, db: str) -> Row:
    """The task a worker runs: `match` on `scenario`, recorded in the database at `db`."""
    service = _services.get(db)
    if service is None:
        service = _services[db] = open_service(db)
    return play(service, scenario, match)


def run_here(
    service: TalkService,
    scenarios: Sequence[Scenario],
    matches: Sequence[Match],
    on_done: Done | None = None,
) -> list[Row]:
    """Run the plan in this process, one talk after another, in plan order."""
    rows = []
    for match in matches:
        row = play(service, scenarios[match.scenario], match)
        rows.append(row)
        if on_done is not None:
            on_done(row)
    return rows


def run_on(
    client: Client,
    scenarios: Sequence[Scenario],
    matches: Sequence[Match],
    db: str,
    on_done: Done | None = None,
) -> list[Row]:
    """Run the plan on the Dask cluster behind `client`, one task per talk; the rows in plan
    order. The first failed task cancels the others and its error is raised here."""
    from distributed import as_completed

    # Each scenario travels to every worker once, not once per talk.
    shipped = client.scatter(list(scenarios), broadcast=True)
    futures = [
        client.submit(run_match, shipped[match.scenario], match, db, pure=False)
        for match in matches
    ]
    rows: list[Row | None] = [None] * len(matches)
    index = {future.key: i for i, future in enumerate(futures)}
    try:
        for future in as_completed(futures):
            row: Row = future.result()
            rows[index[future.key]] = row
            if on_done is not None:
                on_done(row)
    finally:
        client.cancel(futures)
    return [row for row in rows if row is not None]


@contextmanager
def local_client(workers: int) -> Iterator[Client]:
    """A client of a cluster of `workers` processes on this machine, one thread each, closed
    on leaving."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            # On this machine only; the scheduler's HTTP server (there is always one) on any
            # free port, so that a second tournament never fights the first for :8787.
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def connect(address: str, timeout: float = 10.0) -> Client:
    """A client of the running Dask scheduler at `address` (e.g. tcp://host:8786); close it
    (`with client:`) when done. OSError if the scheduler cannot be reached in `timeout`s."""
    from distributed import Client

    return Client(address, timeout=timeout)
