"""A small tournament on one process and on local Dask workers: the wall time of each, and a
check that every run gives the same rows.

Scenarios: the shipped Muscat scenario and, when `SHUTTLE_SCENARIOS` (default
`../shared/scenarios`) has it, ANAC2011_Laptop; three mediators, pairings of Boulware and
Conceder, seeds 0..N-1, each talk recorded in a fresh SQLite file per run. "In this process"
runs the plan serially with no Dask at all; "K workers" includes starting and stopping the
local cluster. The table goes to stdout and `bench/results/tournament.md`.
Run with `make bench`, or `python bench/tournament.py --help`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from _engine_scenarios import REPO, scenarios_folder

from shuttle.assembly import open_service
from shuttle.engine import Scenario, load_scenario
from shuttle.sim.tournament import Row, local_client, run_here, run_on
from shuttle.sim.tournament_plan import plan

RESULTS = REPO / "bench" / "results" / "tournament.md"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60, help="deadline (default 60)")
    parser.add_argument("--seeds", type=int, default=4, help="seeds 0..N-1 (default 4)")
    parser.add_argument(
        "--workers", type=int, nargs="*", default=[1, 2], help="worker counts (default 1 2)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    options = parser.parse_args(argv)
    scenarios = chosen()
    matches = plan(
        scenarios, ["single-text", "guided", "relay"], ["boulware", "conceder"], options.seeds,
        options.rounds,
    )  # fmt: skip
    timings: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{len(matches)} talks in this process", file=sys.stderr, flush=True)
        service = open_service(f"sqlite:///{Path(scratch) / 'here.db'}")
        started = time.perf_counter()
        expected = unmeasured(run_here(service, scenarios, matches))
        timings.append(("in this process (no Dask)", time.perf_counter() - started))
        service.store.dispose()
        for count in options.workers:
            print(f"{len(matches)} talks on {count} workers", file=sys.stderr, flush=True)
            url = f"sqlite:///{Path(scratch) / f'workers-{count}.db'}"
            open_service(url).store.dispose()  # migrated before the workers open it
            started = time.perf_counter()
            with local_client(count) as client:
                rows = run_on(client, scenarios, matches, url)
            timings.append(
                (f"{count} local worker{'s' if count != 1 else ''}", time.perf_counter() - started)
            )
            if unmeasured(rows) != expected:
                print(f"tournament: {count} workers gave other rows", file=sys.stderr)
                return 1
    report = render(scenarios, len(matches), options, timings)
    print(report)
    if not options.no_write:
        RESULTS.write_text(report, encoding="utf-8")
    return 0


def chosen() -> list[Scenario]:
    picked = [load_scenario(REPO / "src" / "shuttle" / "scenarios" / "muscat.yaml")]
    laptop = scenarios_folder() / "ANAC2011_Laptop"
    if laptop.exists():
        picked.append(load_scenario(laptop))
    return picked


def unmeasured(rows: list[Row]) -> list[Row]:
    return [replace(row, seconds=0.0, talk="") for row in rows]


def render(
    scenarios: list[Scenario],
    talks: int,
    options: argparse.Namespace,
    timings: list[tuple[str, float]],
) -> str:
    serial = timings[0][1]
    lines = [
        "# Tournament: one process and local Dask workers",
        "",
        f"{talks} talks ({', '.join(s.name for s in scenarios)}; single-text, guided, relay; "
        f"every pairing of Boulware and Conceder; seeds 0..{options.seeds - 1}; deadline "
        f"{options.rounds} rounds), each recorded on SQLite, on a machine of {os.cpu_count()} "
        "CPUs. Every run gave the same rows. Workers' times include starting and stopping the "
        "cluster. Produced by `python bench/tournament.py` (`make bench`).",
        "",
        "| run | seconds | speed-up |",
        "| --- | ---: | ---: |",
    ]
    for name, seconds in timings:
        lines.append(f"| {name} | {seconds:.2f} | {serial / seconds:.2f}x |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
