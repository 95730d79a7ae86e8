"""The report of `bench/engine.py`: a row per scenario, the Markdown table, targets and notes."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from _engine_compare import Verdict, fmt_vector
from _engine_measure import Side
from _engine_scenarios import LARGEST, Entry

SYNTHETIC_LIMIT = 2.0
SPEEDUP_LARGEST = 100.0


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
