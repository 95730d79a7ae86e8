"""Shuttle's engine against NegMAS: the same scenario files, the same question, one run.

The question: from a scenario's files, its Pareto frontier and its Nash point. For every public
scenario of 1,000 to ~400,000 outcomes in Genius XML or GeniusWeb JSON (`SHUTTLE_SCENARIOS`,
default `../shared/scenarios` beside the repository; its `INDEX.tsv` gives each one's size and
format), both sides are timed and their answers compared. The synthetic scenario of 10^12
outcomes runs through Shuttle alone: nothing that enumerates outcomes can do it. Run with
`make bench`, or `python bench/engine.py` where `.[bench]` is installed (`--help` for options).
The report goes to stdout and to `bench/results/engine.md`; progress goes to stderr.

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
import csv
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "engine.md"
LARGEST = ("ANAC2011_Energy", "ANAC2010_Travel", "ANAC2016_parsCat")
MIN_OUTCOMES = 1_000
MAX_OUTCOMES = 400_000
FORMATS = ("Genius XML", "GeniusWeb")
WARMUP = "ANAC2011_Laptop"
TOLERANCE = 1e-9
RUNS = 5
SLOW_SECONDS = 20.0  # a NegMAS first run slower than this gets 3 runs in all
SLOWER_SECONDS = 100.0  # ... and slower than this, that one run only
TIMEOUT = 600.0
SYNTHETIC_SEED = 1
SYNTHETIC_LIMIT = 2.0
SPEEDUP_LARGEST = 100.0


def scenarios_folder() -> Path:
    configured = os.environ.get("SHUTTLE_SCENARIOS")
    return Path(configured) if configured else REPO / ".." / "shared" / "scenarios"


# --- the child: one timed run ---------------------------------------------------------------


def _status_kib(name: str) -> int | None:
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return None


class PeakMeter:
    """Peak RSS of the work between `start()` and `stop()`, in MiB (see the module docstring)."""

    def start(self) -> None:
        gc.collect()
        try:
            Path("/proc/self/clear_refs").write_text("5")
            self.reset = True
        except OSError:
            self.reset = False
        rss = _status_kib("VmRSS")
        self.base = rss if rss is not None else self._maxrss_kib()

    def stop(self) -> float:
        hwm = _status_kib("VmHWM") if self.reset else None
        peak = hwm if hwm is not None else self._maxrss_kib()
        return max(0, peak - self.base) / 1024

    @staticmethod
    def _maxrss_kib() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def child_shuttle(target: str, warmup: str | None) -> dict[str, Any]:
    imported = time.perf_counter()
    from shuttle.engine import analyze, load_scenario

    imported = time.perf_counter() - imported
    if warmup:
        try:
            analyze(load_scenario(Path(warmup)))
        except Exception as error:  # a warm-up is best effort; the timed run will tell
            print(f"warm-up failed: {error!r}", file=sys.stderr)
    meter = PeakMeter()
    meter.start()
    started = time.perf_counter()
    result = analyze(load_scenario(Path(target)))
    seconds = time.perf_counter() - started
    peak = meter.stop()
    answer = shuttle_answer(result.to_dict())
    return {"seconds": seconds, "peak_mib": peak, "import_s": imported, **answer}


def child_synthetic(target: str, warmup: str | None) -> dict[str, Any]:
    from shuttle.engine import analyze, load_scenario
    from shuttle.engine.synthetic import make_synthetic

    if warmup:
        try:
            analyze(load_scenario(Path(warmup)))
        except Exception as error:
            print(f"warm-up failed: {error!r}", file=sys.stderr)
    scenario = make_synthetic(int(target))  # building the scenario in memory is not timed
    meter = PeakMeter()
    meter.start()
    started = time.perf_counter()
    result = analyze(scenario)
    seconds = time.perf_counter() - started
    peak = meter.stop()
    return {"seconds": seconds, "peak_mib": peak, **shuttle_answer(result.to_dict())}


def shuttle_answer(data: dict[str, Any]) -> dict[str, Any]:
    nash = data.get("nash")
    return {
        "parties": list(data["parties"]),
        "reservations": [float(r) for r in data["reservation"]],
        "frontier": [list(point["utilities"]) for point in data["pareto"]],
        "nash": None if nash is None else list(nash["utilities"]),
        "outcomes": data.get("outcomes"),
        "exact": data.get("exact"),
    }


def child_negmas(target: str, warmup: str | None) -> dict[str, Any]:
    import _negmas_side as side

    imported = time.perf_counter()
    side.prepare()
    imported = time.perf_counter() - imported
    if warmup:
        try:
            side.frontier_and_nash(side.load(Path(warmup)))
        except Exception as error:
            print(f"warm-up failed: {error!r}", file=sys.stderr)
    folder = Path(target)
    meter = PeakMeter()
    meter.start()
    started = time.perf_counter()
    try:
        loaded = side.load(folder)
        answer = side.frontier_and_nash(loaded)
    except Exception as error:
        return {"error": negmas_failure(side, folder, error)}
    seconds = time.perf_counter() - started
    peak = meter.stop()
    try:  # an empty frontier can hide outcomes NegMAS failed to evaluate: say so
        side.check_evaluable(loaded)
    except ValueError as error:
        return {"error": str(error)}
    default = side.nash_default(loaded, answer.frontier)
    return {
        "seconds": seconds,
        "peak_mib": peak,
        "import_s": imported,
        "parties": [str(ufun.name) for ufun in loaded.ufuns],
        "reservations": side.reservations(loaded),
        "frontier": [list(point) for point in answer.frontier],
        "nash": None if answer.nash is None else list(answer.nash),
        "nash_default": None if default is None else list(default),
        "corrected": list(loaded.corrected),
    }


def negmas_failure(side: Any, folder: Path, error: Exception) -> str:
    """The clearest reason NegMAS failed: an unevaluable profile if that is the cause."""
    try:
        side.check_evaluable(side.load(folder))
    except Exception as clearer:
        if clearer is not error and isinstance(clearer, ValueError):
            return str(clearer)
    return f"{type(error).__name__}: {error}".splitlines()[0][:300]


CHILDREN: dict[str, Callable[[str, str | None], dict[str, Any]]] = {
    "shuttle": child_shuttle,
    "synthetic": child_synthetic,
    "negmas": child_negmas,
}


def child_main(side: str, target: str, out: str, warmup: str | None) -> None:
    try:
        data = CHILDREN[side](target, warmup)
    except Exception as error:
        data = {"error": f"{type(error).__name__}: {error}".splitlines()[0][:300]}
    Path(out).write_text(json.dumps(data))


# --- the parent: runs, medians, comparison, report --------------------------------------------


@dataclass
class Side:
    """The runs of one side on one scenario."""

    runs: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    timed_out: bool = False
    planned: int = 0

    @property
    def ok(self) -> bool:
        return bool(self.runs)

    @property
    def median(self) -> float:
        return float(statistics.median(float(run["seconds"]) for run in self.runs))

    @property
    def peak(self) -> float:
        return max(float(run["peak_mib"]) for run in self.runs)

    @property
    def first(self) -> dict[str, Any]:
        return self.runs[0]


def run_child(side: str, target: str, warmup: Path | None, timeout: float) -> dict[str, Any]:
    """One fresh process; {"error": ...} or {"timeout": True} when it gives no result."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", side, target]
        command += ["--out", str(out)]
        if warmup is not None:
            command += ["--warmup", str(warmup)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return {"timeout": True}
        if not out.exists():
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return {"error": f"child exited {done.returncode}: {tail[:300]}"}
        result: dict[str, Any] = json.loads(out.read_text())
        return result


def measure(
    side: str, target: str, warmup: Path | None, runs: int, budget: float, adaptive: bool
) -> Side:
    """Up to `runs` runs within `budget` seconds; fewer for slow NegMAS runs if `adaptive`."""
    result = Side(planned=runs)
    deadline = time.monotonic() + budget
    while len(result.runs) < result.planned:
        remaining = deadline - time.monotonic()
        if remaining <= 1.0:
            result.timed_out = not result.runs
            break
        data = run_child(side, target, warmup, min(remaining, TIMEOUT))
        if data.get("timeout"):
            result.timed_out = not result.runs
            break
        if "error" in data:
            result.error = str(data["error"])
            break
        result.runs.append(data)
        if adaptive and len(result.runs) == 1:
            seconds = float(data["seconds"])
            if seconds > SLOWER_SECONDS:
                result.planned = 1
            elif seconds > SLOW_SECONDS:
                result.planned = min(runs, 3)
    return result


@dataclass(frozen=True)
class Entry:
    """A scenario folder as INDEX.tsv describes it."""

    folder: str
    format: str
    outcomes: int | None


def read_index(folder: Path) -> list[Entry]:
    entries = []
    with (folder / "INDEX.tsv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text = row["outcomes"].strip()
            entries.append(
                Entry(row["folder"], row["format"], int(text) if text.isdigit() else None)
            )
    return entries


def selected(entries: Sequence[Entry]) -> tuple[list[Entry], list[Entry]]:
    """(measured, left out): Genius XML / GeniusWeb scenarios of 1,000 to 400,000 outcomes,
    the largest three first, then by size."""
    chosen, others = [], []
    for entry in entries:
        in_range = entry.outcomes is not None and MIN_OUTCOMES <= entry.outcomes <= MAX_OUTCOMES
        if entry.format.startswith(FORMATS) and (in_range or entry.folder in LARGEST):
            chosen.append(entry)
        else:
            others.append(entry)
    chosen.sort(
        key=lambda e: (
            LARGEST.index(e.folder) if e.folder in LARGEST else len(LARGEST),
            -(e.outcomes or 0),
        )
    )
    return chosen, others


@dataclass(frozen=True)
class Verdict:
    """`problems`: unexplained differences. `ties`: NegMAS frontier points that a Shuttle point
    dominates once utilities within TOLERANCE count as equal (NegMAS compares floats exactly, so
    two sums of the same value in another order, 0.7 and 0.7000000000000001, escape dominance)."""

    problems: list[str]
    ties: int
    tie_example: str
    shuttle_size: int
    negmas_size: int

    @property
    def agree(self) -> bool:
        return not self.problems and not self.ties

    @property
    def cell(self) -> str:
        if self.problems:
            return "**DIFFER**"
        return f"DIFFER: NegMAS +{self.ties} tied‡" if self.ties else "agree"


def compare(shuttle: dict[str, Any], negmas: dict[str, Any]) -> Verdict:
    """Frontiers as sets of utility vectors on the acceptable part, and Nash products."""
    import numpy as np

    problems: list[str] = []
    names = list(shuttle["parties"])
    order = list(range(len(names)))
    if sorted(names) == sorted(negmas["parties"]) and len(set(names)) == len(names):
        order = [list(negmas["parties"]).index(name) for name in names]
    elif len(names) != len(negmas["parties"]):
        return Verdict([f"parties differ: {names} vs {negmas['parties']}"], 0, "", 0, 0)
    r = np.asarray(shuttle["reservations"], dtype=float)
    r_negmas = np.asarray(negmas["reservations"], dtype=float)[order]
    if np.max(np.abs(r - r_negmas), initial=0.0) > TOLERANCE:
        problems.append(f"reservation values differ: {r.tolist()} vs {r_negmas.tolist()}")
    ours = np.asarray(shuttle["frontier"], dtype=float).reshape(-1, len(names))
    theirs = np.asarray(negmas["frontier"], dtype=float).reshape(-1, len(names))[:, order]
    clearly_acceptable = np.all(ours >= r + TOLERANCE, axis=1)
    missing = ours[clearly_acceptable & ~pairwise(ours, theirs, "near")]
    extra = theirs[~pairwise(theirs, ours, "near")]
    tied = pairwise(extra, ours, "dominated")
    if len(missing):
        dominated = pairwise(missing, theirs, "dominated")
        problems.append(
            f"{len(missing)} acceptable Shuttle frontier point(s) not in NegMAS's "
            f"({int(dominated.sum())} of them dominated by a NegMAS point), e.g. "
            f"{fmt_vector(missing[0])}"
        )
    if (~tied).any():
        problems.append(
            f"{int((~tied).sum())} NegMAS frontier point(s) neither in Shuttle's nor dominated "
            f"by it, e.g. {fmt_vector(extra[~tied][0])}"
        )
    tie_example = ""
    if tied.any():
        point = extra[tied][0]
        dominators = ours[np.all(ours >= point - TOLERANCE, axis=1)]
        tie_example = f"{fmt_vector(point, 17)} by {fmt_vector(dominators[0], 17)}"

    def product(vector: Sequence[float] | None) -> float | None:
        if vector is None:
            return None
        gains = np.maximum(np.asarray(vector, dtype=float)[: len(r)] - r, 0.0)
        return float(np.prod(gains))

    nash_theirs = None if negmas["nash"] is None else [negmas["nash"][i] for i in order]
    ours_product, theirs_product = product(shuttle["nash"]), product(nash_theirs)
    if (ours_product is None) != (theirs_product is None):
        problems.append(f"Nash: Shuttle {shuttle['nash']}, NegMAS {nash_theirs}")
    elif (
        ours_product is not None
        and theirs_product is not None
        and abs(ours_product - theirs_product) > TOLERANCE
    ):
        problems.append(
            f"Nash products differ: Shuttle {ours_product:.12g} at "
            f"{fmt_vector(shuttle['nash'])}, NegMAS {theirs_product:.12g} at "
            f"{fmt_vector(nash_theirs or [])}"
        )
    return Verdict(problems, int(tied.sum()), tie_example, len(ours), len(theirs))


def pairwise(points: Any, others: Any, test: str) -> Any:
    """For each row of `points`, whether some row of `others` is "near" it (within TOLERANCE,
    max norm) or has it "dominated" (>= it - TOLERANCE everywhere, > it + TOLERANCE somewhere)."""
    import numpy as np

    found = np.zeros(len(points), dtype=bool)
    if len(others) == 0 or len(points) == 0:
        return found
    block = max(1, 4_000_000 // (len(others) * points.shape[1]))
    for start in range(0, len(points), block):
        gap = others[None, :, :] - points[start : start + block, None, :]
        if test == "near":
            hit = np.abs(gap).max(axis=2) <= TOLERANCE
        else:
            hit = (gap >= -TOLERANCE).all(axis=2) & (gap > TOLERANCE).any(axis=2)
        found[start : start + block] = hit.any(axis=1)
    return found


def fmt_vector(vector: Any, digits: int = 6) -> str:
    if digits > 15:
        return "(" + ", ".join(repr(float(u)) for u in vector) + ")"
    return "(" + ", ".join(f"{float(u):.{digits}f}" for u in vector) + ")"


def fmt_seconds(seconds: float) -> str:
    return f"{seconds:.3g}" if seconds < 100 else f"{seconds:.0f}"


@dataclass
class Row:
    entry: Entry
    shuttle: Side
    negmas: Side | None
    budget: float
    verdict: Verdict | None = None

    @property
    def ratio(self) -> float | None:
        """NegMAS / Shuttle; for a NegMAS timeout, the lower bound budget / Shuttle."""
        if not self.shuttle.ok or self.negmas is None:
            return None
        if self.negmas.timed_out:
            return self.budget / self.shuttle.median
        return self.negmas.median / self.shuttle.median if self.negmas.ok else None

    @property
    def ratio_text(self) -> str:
        ratio = self.ratio
        if ratio is None:
            return "—"
        return (
            f"> {ratio:,.0f}"
            if self.negmas is not None and self.negmas.timed_out
            else f"{ratio:,.1f}"
        )


def negmas_cell(side: Side | None, runs: int) -> str:
    if side is None:
        return "not run"
    if side.timed_out:
        return "timeout"
    if not side.ok:
        return "cannot load"
    cell = fmt_seconds(side.median)
    return (
        cell
        if len(side.runs) == runs
        else f"{cell} ({len(side.runs)} run{'s' * (len(side.runs) > 1)})"
    )


def table(rows: Sequence[Row], runs: int) -> list[str]:
    lines = [
        "| Scenario | Outcomes | Parties | Shuttle median s | NegMAS median s | NegMAS/Shuttle "
        "| Shuttle peak MiB | NegMAS peak MiB | Frontier size | Agree |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        s, n = row.shuttle, row.negmas
        ratio_cell = row.ratio_text
        size = "—"
        if row.verdict is not None:
            size = str(row.verdict.shuttle_size)
            if row.verdict.negmas_size != row.verdict.shuttle_size:
                size += f" / {row.verdict.negmas_size}†"
        elif s.ok:
            size = str(len(s.first["frontier"]))
        agree = "—" if row.verdict is None else row.verdict.cell
        parties = str(len(s.first["parties"])) if s.ok else "—"
        lines.append(
            f"| {row.entry.folder} | {row.entry.outcomes or 0:,} | {parties} "
            f"| {fmt_seconds(s.median) if s.ok else 'error'} | {negmas_cell(n, runs)} "
            f"| {ratio_cell} | {f'{s.peak:.1f}' if s.ok else '—'} "
            f"| {f'{n.peak:.1f}' if n is not None and n.ok else '—'} | {size} | {agree} |"
        )
    return lines


def targets(rows: Sequence[Row], synthetic: Side | None) -> list[str]:
    """Each target PASS or FAIL with its numbers; NOT MEASURED when a side gave no number."""

    def verdict(passed: bool | None) -> str:
        return "**NOT MEASURED**" if passed is None else ("**PASS**" if passed else "**FAIL**")

    def ratio_text(row: Row) -> str:
        if not row.shuttle.ok:
            return f"{row.entry.folder}: Shuttle failed"
        if row.ratio is None:
            return f"{row.entry.folder}: NegMAS gave no time"
        return f"{row.entry.folder} {row.ratio_text}x"

    lines = []
    largest = [row for row in rows if row.entry.folder in LARGEST]
    passed: bool | None = None
    if any(not row.shuttle.ok for row in largest):
        passed = False
    elif len(largest) == len(LARGEST) and all(row.ratio is not None for row in largest):
        passed = all((row.ratio or 0.0) >= SPEEDUP_LARGEST for row in largest)
    lines.append(
        f"- {verdict(passed)} ≥ {SPEEDUP_LARGEST:.0f}x faster than NegMAS on the three "
        f"largest: " + ("; ".join(ratio_text(row) for row in largest) or "not run")
    )
    compared = [row for row in rows if row.ratio is not None]
    failed = [row for row in rows if not row.shuttle.ok]
    slower = [row for row in compared if (row.ratio or 0.0) < 1.0]
    if compared:
        worst = min(compared, key=lambda row: row.ratio or 0.0)
        numbers = f"smallest margin {ratio_text(worst)}, over {len(compared)} scenarios compared"
        if slower:
            numbers += "; slower on " + ", ".join(ratio_text(row) for row in slower)
        if failed:
            numbers += "; Shuttle failed on " + ", ".join(row.entry.folder for row in failed)
    else:
        numbers = "no scenario compared"
    lines.append(
        f"- {verdict(not (slower or failed) if compared else None)} never slower on any "
        f"scenario of ≥ 1,000 outcomes: {numbers}"
    )
    title = f"10^12 frontier + Nash exact in under {SYNTHETIC_LIMIT:g} s"
    if synthetic is not None and synthetic.ok:
        data = synthetic.first
        good = (
            synthetic.median < SYNTHETIC_LIMIT and bool(data["exact"]) and data["nash"] is not None
        )
        lines.append(
            f"- {verdict(good)} {title}: {synthetic.median:.3f} s (median of "
            f"{len(synthetic.runs)}), exact: {'yes' if data['exact'] else 'no'}, Nash: "
            f"{'found' if data['nash'] is not None else 'none'}"
        )
    else:
        reason = "not run" if synthetic is None else (synthetic.error or "timeout")
        lines.append(f"- {verdict(False)} {title}: {reason}")
    return lines


def synthetic_line(side: Side, seed: int) -> str:
    if not side.ok:
        return f"Synthetic 10^12 (seed {seed}), Shuttle alone: {side.error or 'timeout'}"
    data = side.first
    outcomes = data["outcomes"]
    return (
        f"Synthetic (`make_synthetic({seed})`: 2 parties, 12 issues x 10 options, "
        f"{outcomes:,} outcomes), Shuttle alone: median {side.median:.3f} s over "
        f"{len(side.runs)} run{'s' if len(side.runs) > 1 else ''} (analysis only; the scenario "
        f"is built in memory), peak "
        f"{side.peak:.1f} MiB, frontier {len(data['frontier']):,} points, exact: "
        f"{'yes' if data['exact'] else 'no'}, Nash "
        f"{fmt_vector(data['nash']) if data['nash'] is not None else 'none'}."
    )


def notes(rows: Sequence[Row], left_out: Sequence[Entry], runs: int) -> list[str]:
    lines = []
    for row in rows:
        if not row.shuttle.ok:
            lines.append(f"- {row.entry.folder}: Shuttle failed: {row.shuttle.error or 'timeout'}")
        n = row.negmas
        if n is None:
            continue
        if n.error is not None and not n.ok:
            lines.append(
                f"- {row.entry.folder}: skipped for NegMAS, which cannot use it: {n.error}"
            )
        if n.ok and len(n.runs) < runs:
            lines.append(
                f"- {row.entry.folder}: NegMAS run {len(n.runs)} time(s), not {runs}: its first "
                f"run took {n.first['seconds']:.0f} s"
            )
        if row.verdict is not None and row.verdict.problems:
            lines.append(f"- {row.entry.folder} DIFFER: " + "; ".join(row.verdict.problems))
    ties = [row for row in rows if row.verdict is not None and row.verdict.ties]
    if ties:
        lines.append(
            "- ‡ NegMAS's frontier keeps points that are dominated once equal utilities compare "
            "equal: it compares floats exactly, and the same utility summed in another order "
            "differs in the last bit, so the dominated twin survives. Shuttle compares within "
            "1e-12 and drops them. "
            + "; ".join(
                f"{row.entry.folder}: {row.verdict.ties} such point(s), e.g. "
                f"{row.verdict.tie_example}"
                for row in ties
                if row.verdict is not None
            )
            + "."
        )
    default_differs = [
        row.entry.folder
        for row in rows
        if row.negmas is not None
        and row.negmas.ok
        and row.negmas.first.get("nash_default") != row.negmas.first.get("nash")
    ]
    if default_differs:
        lines.append(
            "- NegMAS's `nash_points` was given the reservation values as disagreement point. "
            "With its default (the minimum utility, where above the reservation value) it picks "
            "another Nash point on: " + ", ".join(default_differs) + "."
        )
    corrected = sorted(
        {
            note
            for row in rows
            if row.negmas and row.negmas.ok
            for note in row.negmas.first["corrected"]
        }
    )
    if corrected:
        lines.append(
            "- NegMAS reads Genius XML literally; its profiles were rebuilt with Genius's "
            "semantics (timed with NegMAS): " + "; ".join(corrected) + "."
        )
    if rows:
        lines.append(
            "- Frontier size: points on Shuttle's frontier (one per distinct utility vector, "
            "acceptable or not); † then NegMAS's where it differs: NegMAS keeps only outcomes "
            "every party accepts (utility ≥ reservation value), so the two are compared on that "
            "part, and see ‡."
        )
    if left_out:
        lines.append(
            "- Not measured (outside 1,000-400,000 outcomes, or not Genius XML/GeniusWeb): "
            + ", ".join(
                f"{e.folder} ({e.outcomes if e.outcomes is not None else 'n/a'})" for e in left_out
            )
            + "."
        )
    return lines


def import_times(rows: Sequence[Row]) -> str:
    """Median library import time per side over every run, which the clock leaves out."""
    sides = (
        ("Shuttle", [run for row in rows for run in row.shuttle.runs]),
        ("NegMAS", [run for row in rows if row.negmas for run in row.negmas.runs]),
    )
    parts = [
        f"{name} {statistics.median(float(run['import_s']) for run in runs):.2f} s"
        for name, runs in sides
        if runs
    ]
    return "import: " + ", ".join(parts) if parts else "no run"


def environment(negmas_version: str | None) -> str:
    import numpy as np

    parts = [
        f"Python {platform.python_version()}",
        f"NumPy {np.__version__}",
        f"NegMAS {negmas_version}" if negmas_version else "NegMAS not run",
        f"{os.cpu_count()} CPUs",
        platform.machine(),
    ]
    return ", ".join(parts)


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
    if not (folder / "INDEX.tsv").is_file():
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
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
        progress(f"written to {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
