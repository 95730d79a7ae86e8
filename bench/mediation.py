"""Shuttle's mediators against NegMAS's mechanisms: the same scenarios, the same seeds.

For every bilateral scenario of `SHUTTLE_SCENARIOS` (default `../shared/scenarios`) whose
profiles are linear additive over discrete issues and whose analysis is exact, each seed runs:

* Shuttle's three mediators -- single-text (from the answers alone), guided (on the engine's
  advice from shared profiles) and relay (alternating offers carried between the rooms) -- each
  with two pairings of automated parties, Boulware-Conceder and Boulware-Boulware, through
  `shuttle.sim.simulate`: the service, the rules and a real SQLite record, every participant on
  its own view. A relayed talk gets twice the rounds, so that each party makes as many offers
  as in a NegMAS alternating-offers round ("step") count of `rounds`.
* NegMAS's mechanisms (`_mediation_negmas`): SAO Boulware-Conceder, SAO Aspiration-Aspiration,
  VetoST and HillClimbingST, with `n_steps = rounds`.

Measured per mechanism: agreement rate where agreement gains exist (the Nash product of the best
package is positive), mean Nash ratio there (the agreement's Nash product over the optimum, a
failure counting 0), mean distance to the Pareto frontier (agreements only), mean rounds, and
mean seconds per talk (Shuttle's include writing every event to the record; NegMAS's run in
memory). Scenarios without agreement gains are reported apart: there, walking away is right.
The table goes to stdout and `bench/results/mediation.md`; progress to stderr.
Run with `make bench`, or `python bench/mediation.py --help`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import _mediation_negmas as negmas
from _engine_scenarios import REPO, read_index, scenarios_folder

from shuttle.engine import LinearAdditive, Scenario, load_scenario
from shuttle.engine.analysis import analyze
from shuttle.engine.analysis.quality import OutcomeQuality
from shuttle.service import TalkService
from shuttle.sim import simulate
from shuttle.store import open_store

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
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    options = parser.parse_args(argv)
    folder = scenarios_folder()
    if not (folder / "INDEX.tsv").exists():
        print(f"mediation: no scenarios at {folder}; set SHUTTLE_SCENARIOS", file=sys.stderr)
        return 0
    scenarios = chosen(folder, options.only)
    negmas.prepare()
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(f"sqlite:///{Path(scratch) / 'bench.db'}")
        service = TalkService(store)
        for position, (path, scenario) in enumerate(scenarios, start=1):
            print(f"[{position}/{len(scenarios)}] {path.name}", file=sys.stderr, flush=True)
            quality = OutcomeQuality.of(scenario)
            gains = (
                quality.analysis.nash is not None
                and quality.nash_product(quality.analysis.nash.indices) > 0
            )
            for seed in range(1, options.seeds + 1):
                outcomes += ours(service, path.name, scenario, quality, gains, options.rounds, seed)
                outcomes += theirs(path, scenario, quality, gains, options.rounds, seed)
        store.dispose()
    report = render(outcomes, scenarios, options)
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


def ours(
    service: TalkService,
    name: str,
    scenario: Scenario,
    quality: OutcomeQuality,
    gains: bool,
    rounds: int,
    seed: int,
) -> list[Outcome]:
    results = []
    for mediator in MEDIATORS:
        deadline = 2 * rounds if mediator == "relay" else rounds
        for pairing in PAIRINGS:
            started = time.perf_counter()
            result = simulate(service, scenario, mediator, pairing, deadline, seed)
            seconds = time.perf_counter() - started
            results.append(
                Outcome(
                    f"Shuttle {mediator} ({'-'.join(pairing)})",
                    name,
                    seed,
                    result.agreement,
                    ratio(quality, result.package),
                    result.pareto_distance,
                    result.rounds,
                    seconds,
                    gains,
                )
            )
    return results


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
    outcomes: list[Outcome], scenarios: list[tuple[Path, Scenario]], options: argparse.Namespace
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
