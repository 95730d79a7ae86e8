"""Shuttle's engine against NegMAS: the same scenario files, the same question, one run.

The question: from a scenario's files, its Pareto frontier and its Nash point. For every public
scenario of 1,000 to ~400,000 outcomes in Genius XML or GeniusWeb JSON (`SHUTTLE_SCENARIOS`,
default `../shared/scenarios` beside the repository; its `INDEX.tsv` gives each one's size and
format), both sides are timed and their answers compared. The synthetic scenario of 10^12
outcomes runs through Shuttle alone: nothing that enumerates outcomes can do it. Run with
`make bench`, or `python bench/engine.py` where `.[bench]` is installed (`--help` for options).
The report goes to stdout and to `bench/results/engine.md`, which is left as it is when the
scenarios folder is absent and only the synthetic part runs; progress goes to stderr.

Method
------
* Every run is a fresh child process (`--child`), so neither side inherits the other's imports,
  caches or heap. The child imports its library, then warms up once on a tiny scenario of
  another name (ANAC2011_Laptop, 27 outcomes) so that lazy imports and first-call set-up are not
  charged to the scenario; only then does the clock start. Interpreter start-up and library
  import are thus outside the timed region; the report gives the import times it left out.
* Timed, Shuttle: `load_scenario(folder)` then `analyze(scenario)`, the public API. `analyze`
  also finds the Kalai-Smorodinsky and max-welfare points and counts the zone of agreement:
  work NegMAS is not asked for, left in Shuttle's time. Turning the result into JSON
  (`to_dict`) is not timed. For the synthetic scenario only `analyze` is timed: the scenario is
  built in memory, there are no files.
* Timed, NegMAS (`_negmas_side`): `Scenario.load(folder)`, the rebuild of Genius XML profiles
  with Genius's semantics (NegMAS reads raw evaluations; see `_negmas_side`), `pareto_frontier`
  over all outcomes, and `nash_points` on that frontier with the reservation values as the
  disagreement point. NegMAS's loader is told to ignore discounting and cached stats files.
* Time is the median over `--runs` runs (5). A NegMAS scenario whose first run takes over 20 s
  gets 3 runs, over 100 s that one run; the report says so. NegMAS has `--negmas-timeout`
  seconds (600) per scenario for all its runs: a first run past it is stopped and shown as
  "timeout", and its ratio as a lower bound.
* Peak memory is that of the work alone: after imports and warm-up the child resets its peak
  resident set size (`/proc/self/clear_refs`), and reports VmHWM at the end minus the RSS at the
  start of the clock, in MiB: what loading and analysing added on top of the loaded libraries.
  Without that /proc interface it falls back to `ru_maxrss` minus the same baseline, which can
  only under-report. The table shows the largest over the runs.

Comparison
----------
* NegMAS's frontier holds only outcomes every party accepts (utility >= reservation value);
  Shuttle's holds every Pareto-optimal utility vector, acceptable or not. They are compared on
  the acceptable part, as sets of utility vectors in the same (Genius-normalised) units: every
  NegMAS point must lie within 1e-9 (max norm) of a Shuttle point, and every Shuttle point
  acceptable by more than 1e-9 within 1e-9 of a NegMAS point. Points within 1e-9 of a
  reservation value may be on either side, since float rounding decides them. Party order is
  aligned by profile name.
* A NegMAS point that matches none of Shuttle's but is dominated by one once utilities within
  1e-9 count as equal is a float tie that NegMAS's exact comparisons let through (0.7 summed in
  another order is 0.7000000000000001). Such points make the verdict "DIFFER: NegMAS +k tied",
  explained in the notes; any other difference is an unexplained "DIFFER".
* Nash points agree when their products of gains over the reservation values, max(u - r, 0),
  differ by at most 1e-9 (two outcomes may tie on the product).
* A scenario NegMAS cannot load or evaluate is listed with the reason and left out of the
  comparisons and targets; Shuttle's time is still shown.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# The helpers, imported like `_negmas_side`: this script's folder is first on sys.path.
from _engine_compare import compare
from _engine_measure import TIMEOUT, child_main, measure
from _engine_report import Row, environment, import_times, notes, synthetic_line, table, targets
from _engine_scenarios import REPO, WARMUP, Entry, read_index, scenarios_folder, selected

RESULTS = REPO / "bench" / "results" / "engine.md"
RUNS = 5
SYNTHETIC_SEED = 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per side (median)")
    parser.add_argument("--negmas-timeout", type=float, default=TIMEOUT, help="s per scenario")
    parser.add_argument("--seed", type=int, default=SYNTHETIC_SEED, help="synthetic scenario")
    parser.add_argument("--only", action="append", help="measure only this scenario folder")
    parser.add_argument("--no-negmas", action="store_true", help="Shuttle only")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("--child", nargs=2, metavar=("SIDE", "TARGET"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--warmup", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child[0], args.child[1], args.out, args.warmup)
        return 0

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    negmas_version: str | None = None
    if not args.no_negmas:
        try:
            import _negmas_side

            negmas_version = _negmas_side.version()
        except ImportError:
            progress("NegMAS is not installed (pip install -e '.[bench]'): Shuttle only.")
    started = time.monotonic()
    folder = scenarios_folder().resolve()
    rows: list[Row] = []
    left_out: list[Entry] = []
    warmup: Path | None = None
    header: list[str] = []
    have_scenarios = (folder / "INDEX.tsv").is_file()
    if not have_scenarios:
        message = (
            f"No scenarios at {folder} (set SHUTTLE_SCENARIOS to the folder holding INDEX.tsv): "
            "running only the synthetic part."
        )
        progress(message)
        header.append(message)
    else:
        chosen, left_out = selected(read_index(folder))
        if args.only:
            chosen = [entry for entry in chosen if entry.folder in args.only]
        warmup = folder / WARMUP if (folder / WARMUP).is_dir() else None
        for entry in chosen:
            target = str(folder / entry.folder)
            progress(f"{entry.folder}: Shuttle x{args.runs} ...")
            shuttle = measure("shuttle", target, warmup, args.runs, TIMEOUT * args.runs, False)
            negmas = None
            if negmas_version is not None:
                progress(f"{entry.folder}: NegMAS ...")
                negmas = measure(
                    "negmas", target, warmup, args.runs, args.negmas_timeout, adaptive=True
                )
            row = Row(entry, shuttle, negmas, args.negmas_timeout)
            if shuttle.ok and negmas is not None and negmas.ok:
                row.verdict = compare(shuttle.first, negmas.first)
            rows.append(row)
            progress(table(rows, args.runs)[-1])
    progress(f"synthetic 10^12 (seed {args.seed}): Shuttle x{args.runs} ...")
    synthetic = measure("synthetic", str(args.seed), warmup, args.runs, TIMEOUT * args.runs, False)
    elapsed = time.monotonic() - started

    lines = [
        "## Engine: Shuttle against NegMAS",
        "",
        f"From the files to the Pareto frontier and Nash point, each run in a fresh process, "
        f"median of {args.runs} run{'s' if args.runs > 1 else ''}. Interpreter start-up and "
        f"library import are not timed ({import_times(rows)}). Peak memory is the work's own: "
        f"peak RSS above the loaded libraries. Method: `bench/engine.py`'s docstring. "
        f"{environment(negmas_version)}; whole benchmark {elapsed / 60:.1f} min.",
        "",
        *[line for message in header for line in (message, "")],
        *(table(rows, args.runs) if rows else []),
        *([""] if rows else []),
        synthetic_line(synthetic, args.seed),
        "",
        "### Targets",
        "",
        *targets(rows, synthetic),
    ]
    extra = notes(rows, left_out, args.runs)
    if extra:
        lines += ["", "### Notes", "", *extra]
    text = "\n".join(lines) + "\n"
    print(text)
    if not have_scenarios:  # a synthetic-only report must not replace the full one
        progress(f"no scenarios: {RESULTS.relative_to(REPO)} left as it is (report on stdout only)")
    elif not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
        progress(f"written to {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
