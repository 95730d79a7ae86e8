"""Shuttle's mediators against NegMAS's mechanisms: the same scenarios, the same seeds.

For every bilateral scenario of `SHUTTLE_SCENARIOS` (default `../shared/scenarios`) whose
profiles are linear additive over discrete issues and whose analysis is exact, each seed runs:

* Shuttle's three mediators -- single-text (from the answers alone), guided (on the engine's
  advice from shared profiles) and relay (alternating offers carried between the rooms) -- each
  with two pairings of automated parties, Boulware-Conceder and Boulware-Boulware, as one
  tournament (`shuttle.sim.tournament`, what `shuttle tournament` runs): every talk through
  `simulate`, the service, the rules and a real SQLite record, every participant on its own
  view. A relayed talk gets twice the rounds, so that each party makes as many offers as in a
  NegMAS alternating-offers round ("step") count of `rounds`. The tournament runs in this
  process and on local Dask workers (`--workers`, 0 meaning this process), timed apart; every
  run must give the same rows.
* NegMAS's mechanisms (`_mediation_negmas`): SAO Boulware-Conceder, SAO Aspiration-Aspiration,
  VetoST and HillClimbingST, with `n_steps = rounds`.

Measured per mechanism: agreement rate where agreement gains exist (the Nash product of the best
package is positive), mean Nash ratio there (the agreement's Nash product over the optimum, a
failure counting 0), mean distance to the Pareto frontier (agreements only), mean rounds, and
mean seconds per talk (Shuttle's include writing every event to the record; NegMAS's run in
memory). Scenarios without agreement gains are reported apart: there, walking away is right.
The table goes to stdout and `bench/results/mediation.md`; progress to stderr.
Run with `make bench`, or `python bench/mediation.py --help`; the issue's figure comes from
`python bench/mediation.py --seeds 4` (one process against two workers, in one run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import _mediation_negmas as negmas
from _engine_scenarios import REPO, read_index, scenarios_folder

from shuttle.assembly import open_service
from shuttle.engine import LinearAdditive, Scenario, load_scenario
from shuttle.engine.analysis import analyze
from shuttle.engine.analysis.quality import OutcomeQuality
from shuttle.sim.tournament import Row, local_client, run_here, run_on
from shuttle.sim.tournament_plan import Match

PAIRINGS = (("boulware", "conceder"), ("boulware", "boulware"))
MEDIATORS = ("single-text", "guided", "relay")
RESULTS = REPO / "bench" / "results" / "mediation.md"
TARGETS = {"single-text": 0.97, "guided": 0.99}


@dataclass(frozen=True)
class Outcome:
    mechanism: str
    scenario: str
    seed: int
    agreement: bool
    nash_ratio: float
    pareto_distance: float | None
    rounds: int
    seconds: float
    gains: bool  # whether agreement gains exist in this scenario


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200, help="deadline (default 200)")
    parser.add_argument("--seeds", type=int, default=2, help="seeds 1..N (default 2)")
    parser.add_argument("--only", nargs="*", default=None, help="scenario folders to run")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="*",
        default=[0, 2],
        help="run Shuttle's tournament in this process (0) and on K local workers (default 0 2)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    options = parser.parse_args(argv)
    folder = scenarios_folder()
    if not (folder / "INDEX.tsv").exists():
        print(f"mediation: no scenarios at {folder}; set SHUTTLE_SCENARIOS", file=sys.stderr)
        return 0
    scenarios = chosen(folder, options.only)
    negmas.prepare()
    gains = {path.name: has_gains(scenario) for path, scenario in scenarios}
    matches = shuttle_plan(len(scenarios), options.seeds, options.rounds)
    rows, timings = tournament(scenarios, matches, options.workers)
    if rows is None:
        return 1
    outcomes = [
        Outcome(
            f"Shuttle {match.mediator} ({'-'.join(match.strategies)})",
            scenarios[match.scenario][0].name,
            match.seed,
            row.agreement,
            row.nash_ratio if row.agreement else 0.0,
            row.pareto_distance,
            row.rounds,
            row.seconds,
            gains[scenarios[match.scenario][0].name],
        )
        for match, row in zip(matches, rows, strict=True)
    ]
    for position, (path, scenario) in enumerate(scenarios, start=1):
        print(f"NegMAS [{position}/{len(scenarios)}] {path.name}", file=sys.stderr, flush=True)
        quality = OutcomeQuality.of(scenario)
        for seed in range(1, options.seeds + 1):
            outcomes += theirs(path, scenario, quality, gains[path.name], options.rounds, seed)
    report = render(outcomes, scenarios, options, timings)
    print(report)
    if not options.no_write:
        RESULTS.write_text(report, encoding="utf-8")
    return 0


def chosen(folder: Path, only: Sequence[str] | None) -> list[tuple[Path, Scenario]]:
    picked = []
    for entry in read_index(folder):
        if only and entry.folder not in only:
            continue
        try:
            scenario = load_scenario(folder / entry.folder)
        except Exception as error:  # a folder Shuttle refuses is no mediation scenario
            print(f"skip {entry.folder}: {error}", file=sys.stderr)
            continue
        bilateral = len(scenario.parties) == 2 and not scenario.space.continuous
        additive = all(isinstance(p, LinearAdditive) for p in scenario.profiles)
        if bilateral and additive and analyze(scenario).exact:
            picked.append((folder / entry.folder, scenario))
    return picked


def has_gains(scenario: Scenario) -> bool:
    """Whether agreement gains exist: the Nash product of the best package is positive."""
    quality = OutcomeQuality.of(scenario)
    nash = quality.analysis.nash
    return nash is not None and quality.nash_product(nash.indices) > 0


def shuttle_plan(scenarios: int, seeds: int, rounds: int) -> list[Match]:
    """Every scenario x mediator x the two pairings x seeds 1..N; relay with twice the rounds."""
    matches: list[Match] = []
    for index in range(scenarios):
        for mediator in MEDIATORS:
            deadline = 2 * rounds if mediator == "relay" else rounds
            for pairing in PAIRINGS:
                for seed in range(1, seeds + 1):
                    matches.append(Match(len(matches), index, mediator, pairing, seed, deadline))
    return matches


def tournament(
    scenarios: list[tuple[Path, Scenario]], matches: list[Match], workers: Sequence[int]
) -> tuple[list[Row] | None, list[tuple[str, float]]]:
    """Shuttle's talks, once per entry of `workers` (0: in this process, with no Dask), each
    on a fresh SQLite record: the first run's rows (None if a run gave other rows) and each
    run's wall time, starting and stopping a cluster included."""
    plain = [scenario for _, scenario in scenarios]
    first: list[Row] | None = None
    timings: list[tuple[str, float]] = []
    for count in workers or [0]:
        name = "this process" if count == 0 else f"{count} local workers"
        done = Progress(f"Shuttle on {name}", len(matches))
        with tempfile.TemporaryDirectory() as scratch:
            url = f"sqlite:///{Path(scratch) / 'bench.db'}"
            service = open_service(url)
            started = time.perf_counter()
            if count == 0:
                rows = run_here(service, plain, matches, done)
            else:
                service.store.dispose()  # migrated: the workers open it themselves
                with local_client(count) as client:
                    rows = run_on(client, plain, matches, url, done)
            timings.append((name, time.perf_counter() - started))
            service.store.dispose()
        if first is None:
            first = rows
        elif unmeasured(rows) != unmeasured(first):
            print(f"mediation: {name} gave other results than the first run", file=sys.stderr)
            return None, timings
    return first, timings


class Progress:
    def __init__(self, name: str, total: int) -> None:
        self.name, self.total, self.done = name, total, 0

    def __call__(self, _row: Row) -> None:
        self.done += 1
        if self.done % 50 == 0 or self.done == self.total:
            print(f"{self.name}: {self.done}/{self.total} talks", file=sys.stderr, flush=True)


def unmeasured(rows: list[Row]) -> list[Row]:
    return [replace(row, seconds=0.0, talk="") for row in rows]


def theirs(
    path: Path, scenario: Scenario, quality: OutcomeQuality, gains: bool, rounds: int, seed: int
) -> list[Outcome]:
    results = []
    for mechanism in negmas.MECHANISMS:
        run = negmas.run(path, mechanism, rounds, seed)
        if run.error is not None and run.error.startswith("unreadable"):
            continue
        package = None if run.outcome is None else package_of(scenario, run.outcome)
        results.append(
            Outcome(
                f"NegMAS {mechanism}",
                path.name,
                seed,
                run.agreement,
                ratio(quality, package),
                quality.pareto_distance(package),
                run.rounds,
                run.seconds,
                gains,
            )
        )
    return results


def ratio(quality: OutcomeQuality, package: Sequence[int] | None) -> float:
    """The Nash ratio as the benchmark counts it: 0 without agreement."""
    return 0.0 if package is None else quality.nash_ratio(package)


def package_of(scenario: Scenario, outcome: dict[str, str | int | float]) -> tuple[int, ...]:
    return tuple(list(issue.values).index(outcome[issue.name]) for issue in scenario.space.issues)


def render(
    outcomes: list[Outcome],
    scenarios: list[tuple[Path, Scenario]],
    options: argparse.Namespace,
    timings: list[tuple[str, float]],
) -> str:
    # Rows: each mechanism; each Shuttle mediator over both pairings, then per pairing. Means
    # are over the scenarios every mechanism could run (NegMAS cannot read some), so that every
    # row answers the same question; Shuttle's means over all scenarios are given below.
    readable = {o.scenario for o in outcomes if o.mechanism.startswith("NegMAS")}
    by_mechanism: dict[str, list[Outcome]] = defaultdict(list)
    everything: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        names = [outcome.mechanism]
        if outcome.mechanism.startswith("Shuttle"):
            names.insert(0, outcome.mechanism.split(" (")[0])
        for name in names:
            everything[name].append(outcome)
            if outcome.scenario in readable:
                by_mechanism[name].append(outcome)
    lines = [
        "# Mediation: Shuttle's mediators and NegMAS's mechanisms",
        "",
        f"{len(scenarios)} bilateral scenarios, seeds 1..{options.seeds}, deadline "
        f"{options.rounds} rounds (relay: {2 * options.rounds} offers); NegMAS "
        f"{negmas.version()}. Produced by `python bench/mediation.py` (`make bench`). "
        f"Means over the {len(readable)} scenarios NegMAS can read; Shuttle's pairings are "
        "Boulware-Conceder and Boulware-Boulware.",
        "",
        "Shuttle's tournament "
        f"({len(scenarios) * len(MEDIATORS) * len(PAIRINGS) * options.seeds} talks), wall time: "
        + "; ".join(
            f"{name} {seconds:.1f} s ({timings[0][1] / seconds:.2f}x)" for name, seconds in timings
        )
        + ". Every run gave the same results; the table's s/talk are the first run's.",
        "",
        "| mechanism | talks | agreement where gains exist | mean Nash ratio | "
        "mean Pareto distance | mean rounds | mean s/talk | agreements without gains |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    means: dict[str, float] = {}
    for mechanism, runs in by_mechanism.items():
        gaining = [r for r in runs if r.gains]
        barren = [r for r in runs if not r.gains]
        means[mechanism] = statistics.fmean(r.nash_ratio for r in gaining) if gaining else 0.0
        distances = [r.pareto_distance for r in runs if r.pareto_distance is not None]
        lines.append(
            f"| {mechanism} | {len(runs)} | "
            f"{sum(r.agreement for r in gaining)}/{len(gaining)} | {means[mechanism]:.4f} | "
            f"{statistics.fmean(distances) if distances else float('nan'):.4f} | "
            f"{statistics.fmean(r.rounds for r in runs):.1f} | "
            f"{statistics.fmean(r.seconds for r in runs):.3f} | "
            f"{sum(r.agreement for r in barren)}/{len(barren)} |"
        )
    best = max((v for k, v in means.items() if k.startswith("NegMAS")), default=0.0)
    lines += ["", "Shuttle over all its scenarios (including those NegMAS cannot read):", ""]
    for mediator in MEDIATORS:
        runs = [r for r in everything[f"Shuttle {mediator}"] if r.gains]
        if runs:
            mean = statistics.fmean(r.nash_ratio for r in runs)
            agreed = sum(r.agreement for r in runs)
            lines.append(
                f"- {mediator}: mean Nash ratio {mean:.4f}, agreement {agreed}/{len(runs)}"
            )
    lines += ["", "Targets:"]
    for mediator in MEDIATORS:
        mean = means.get(f"Shuttle {mediator}", 0.0)
        target = TARGETS.get(mediator)
        verdict = "beats" if mean > best else "does NOT beat"
        aim = (
            ""
            if target is None
            else f"; target >= {target}: {'met' if mean >= target else 'NOT met'}"
        )
        lines.append(f"- {mediator}: {mean:.4f} {verdict} NegMAS's best ({best:.4f}){aim}")
    lines += ["", "Per scenario, mean Nash ratio over seeds (and pairings):", ""]
    names = sorted(name for name in everything if "(" not in name)
    by_mechanism = everything
    lines.append("| scenario | " + " | ".join(names) + " |")
    lines.append("| --- |" + " ---: |" * len(names))
    for path, _ in scenarios:
        cells = []
        for mechanism in names:
            runs = [r for r in by_mechanism[mechanism] if r.scenario == path.name]
            cells.append(f"{statistics.fmean(r.nash_ratio for r in runs):.3f}" if runs else "-")
        lines.append(f"| {path.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
