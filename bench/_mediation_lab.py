"""The mediation lab: every mediator strategy against every party pairing, in memory.

Not a benchmark of speed and not a test: a bench to tune strategies on. It runs the protocols
exactly as `shuttle.engine.strategies.rehearsal` defines them (the simulator runs the same
ones through a talk's record) over the public scenarios that are bilateral, linear additive,
discrete and exactly analysed, and prints, per mediator and pairing, the mean Nash ratio over
scenarios that have a zone of agreement, the agreement rate, the mean distance of agreements
to the Pareto frontier and the mean number of versions (or offers) used.

    .venv/bin/python bench/_mediation_lab.py                      # all, seeds 0-2
    .venv/bin/python bench/_mediation_lab.py --mediators single-text --per-scenario
    .venv/bin/python bench/_mediation_lab.py --scenario Travel --pairings boulware-conceder

Scenarios come from ../shared/scenarios beside the checkout, or $SHUTTLE_SCENARIOS. Set
OPENBLAS_NUM_THREADS=1 when running it with several jobs: each job is a process of its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from shuttle.engine import LinearAdditive, Scenario, ScenarioError, analyze, load_scenario
from shuttle.engine.analysis.quality import OutcomeQuality
from shuttle.engine.strategies import (
    GuidedMediator,
    MediatorAdvice,
    RelayMediator,
    SingleTextMediator,
    party_strategy,
)
from shuttle.engine.strategies.party import AspirationParty
from shuttle.engine.strategies.rehearsal import (
    Rehearsal,
    rehearse_alternating,
    rehearse_single_text,
)

REPO = Path(__file__).resolve().parents[1]
MEDIATORS = ("single-text", "guided", "relay")
PAIRINGS = (
    "boulware-boulware",
    "boulware-conceder",
    "conceder-conceder",
    "linear-linear",
    "tit-for-tat-boulware",
)
ROUNDS = 200


def scenarios_folder() -> Path:
    configured = os.environ.get("SHUTTLE_SCENARIOS")
    return Path(configured) if configured else REPO / ".." / "shared" / "scenarios"


def usable(scenario: Scenario) -> bool:
    """Bilateral, every profile linear additive, finite options, exactly analysed."""
    return (
        len(scenario.profiles) == 2
        and all(isinstance(p, LinearAdditive) for p in scenario.profiles)
        and not scenario.space.continuous
        and analyze(scenario).exact
    )


def select(folder: Path, name_filter: str) -> tuple[list[Path], list[str]]:
    """(usable scenario folders, notes on the ones left out)."""
    chosen, notes = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_dir()):
        if name_filter and name_filter.lower() not in path.name.lower():
            continue
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            notes.append(f"{path.name}: does not load ({str(error)[:60]})")
            continue
        if usable(scenario):
            chosen.append(path)
    return chosen, notes


def split_pairing(pairing: str) -> tuple[str, str]:
    """'tit-for-tat-boulware' -> ('tit-for-tat', 'boulware')."""
    for first in ("tit-for-tat", "boulware", "conceder", "linear"):
        if pairing.startswith(first + "-"):
            return first, pairing[len(first) + 1 :]
    raise SystemExit(f"unknown pairing {pairing!r}: write it as NAME-NAME, e.g. boulware-linear")


@dataclass(frozen=True)
class Run:
    scenario: str
    mediator: str
    pairing: str
    seed: int
    zone: bool
    agreed: bool
    ratio: float
    distance: float | None
    steps: int
    seconds: float


def rehearse(
    scenario: Scenario,
    mediator: str,
    parties: list[AspirationParty],
    seed: int,
    rounds: int,
    escalation: float,
) -> Rehearsal:
    space = scenario.space
    if mediator == "relay":
        return rehearse_alternating(RelayMediator(space), parties, rounds, escalation)
    if mediator == "guided":
        result = analyze(scenario)
        advice = MediatorAdvice(
            nash=None if result.nash is None else result.nash.indices,
            pareto=tuple(p.indices for p in result.pareto),
            utilities=tuple(p.utilities for p in result.pareto),
        )
        guided = GuidedMediator(space, advice, seed)
        return rehearse_single_text(guided, parties, rounds, escalation)
    return rehearse_single_text(SingleTextMediator(space, seed), parties, rounds, escalation)


def run_scenario(
    path: Path,
    mediators: Sequence[str],
    pairings: Sequence[str],
    seeds: Sequence[int],
    rounds: int,
    escalation: float,
) -> list[Run]:
    scenario = load_scenario(path)
    quality = OutcomeQuality.of(scenario)
    runs = []
    for mediator in mediators:
        for pairing in pairings:
            for seed in seeds:
                names = split_pairing(pairing)
                parties = [
                    party_strategy(name)(scenario.space, profile, seed * 10 + position)
                    for position, (name, profile) in enumerate(
                        zip(names, scenario.profiles, strict=True)
                    )
                ]
                started = time.perf_counter()
                result = rehearse(scenario, mediator, parties, seed, rounds, escalation)
                seconds = time.perf_counter() - started
                runs.append(
                    Run(
                        scenario=path.name,
                        mediator=mediator,
                        pairing=pairing,
                        seed=seed,
                        zone=quality.analysis.nash is not None,
                        agreed=result.agreement is not None,
                        ratio=quality.nash_ratio(result.agreement),
                        distance=quality.pareto_distance(result.agreement),
                        steps=result.steps,
                        seconds=seconds,
                    )
                )
    return runs


def summary_line(label: str, runs: list[Run]) -> str:
    zone = [r for r in runs if r.zone]
    ratio = statistics.fmean(r.ratio for r in zone) if zone else float("nan")
    agreed = sum(r.agreed for r in zone) / len(zone) if zone else float("nan")
    distances = [r.distance for r in runs if r.distance is not None]
    distance = statistics.fmean(distances) if distances else float("nan")
    steps = statistics.fmean(r.steps for r in runs)
    seconds = statistics.fmean(r.seconds for r in runs)
    return (
        f"| {label} | {ratio:.3f} | {min((r.ratio for r in zone), default=float('nan')):.3f} "
        f"| {agreed:.0%} | {distance:.4f} | {steps:.1f} | {seconds:.2f} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--mediators", default=",".join(MEDIATORS))
    parser.add_argument("--pairings", default=",".join(PAIRINGS))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--escalation", type=float, default=0.0)
    parser.add_argument("--scenario", default="", help="only scenarios whose name holds this")
    parser.add_argument("--per-scenario", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    folder = scenarios_folder()
    if not (folder / "INDEX.tsv").is_file():
        print(f"no scenarios at {folder}: set SHUTTLE_SCENARIOS", file=sys.stderr)
        return 2
    mediators = [m for m in args.mediators.split(",") if m]
    pairings = [p for p in args.pairings.split(",") if p]
    seeds = [int(s) for s in args.seeds.split(",") if s]
    paths, notes = select(folder, args.scenario)
    started = time.perf_counter()
    runs: list[Run] = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(run_scenario, p, mediators, pairings, seeds, args.rounds, args.escalation)
            for p in paths
        ]
        for future in futures:
            runs.extend(future.result())
    print(
        f"{len(paths)} scenarios, rounds={args.rounds}, escalation={args.escalation}, "
        f"seeds={seeds}, {time.perf_counter() - started:.0f} s"
    )
    for note in notes:
        print("  left out:", note)
    no_zone = sorted({r.scenario for r in runs if not r.zone})
    if no_zone:
        print("  no zone of agreement (not in the means):", ", ".join(no_zone))
    print("| mediator x pairing | mean Nash ratio | worst | agreed | Pareto dist | steps | s/run |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    groups: dict[tuple[str, str], list[Run]] = defaultdict(list)
    for run in runs:
        groups[(run.mediator, run.pairing)].append(run)
    for mediator in mediators:
        for pairing in pairings:
            print(summary_line(f"{mediator} x {pairing}", groups[(mediator, pairing)]))
        print(summary_line(f"{mediator} (all)", [r for r in runs if r.mediator == mediator]))
    if args.per_scenario:
        for mediator in mediators:
            print(f"\n{mediator}: mean Nash ratio per scenario (over seeds)")
            print("| scenario | " + " | ".join(pairings) + " |")
            print("|---|" + "--:|" * len(pairings))
            for path in paths:
                cells = []
                for pairing in pairings:
                    chosen = [r for r in groups[(mediator, pairing)] if r.scenario == path.name]
                    mean = statistics.fmean(r.ratio for r in chosen)
                    steps = statistics.fmean(r.steps for r in chosen)
                    cells.append(f"{mean:.3f} ({steps:.0f})")
                print(f"| {path.name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
