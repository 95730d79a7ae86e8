"""How `bench/engine.py` measures: one fresh child process per run, its clock and peak memory.

The child is `engine.py --child SIDE TARGET --out FILE`; `child_main` is what it runs. The parent
side (`run_child`, `measure`) starts those processes and collects their runs into a `Side`.
"""

from __future__ import annotations

import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENGINE = Path(__file__).resolve().with_name("engine.py")  # the script the children run
SLOW_SECONDS = 20.0  # a NegMAS first run slower than this gets 3 runs in all
SLOWER_SECONDS = 100.0  # ... and slower than this, that one run only
TIMEOUT = 600.0


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


# --- the parent: runs and medians ---------------------------------------------------------------


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
        command = [sys.executable, str(ENGINE), "--child", side, target]
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
