"""The scenarios `bench/engine.py` measures: their folder, its INDEX.tsv, the ones chosen."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LARGEST = ("ANAC2011_Energy", "ANAC2010_Travel", "ANAC2016_parsCat")
MIN_OUTCOMES = 1_000
MAX_OUTCOMES = 400_000
FORMATS = ("Genius XML", "GeniusWeb")
WARMUP = "ANAC2011_Laptop"


def scenarios_folder() -> Path:
    configured = os.environ.get("SHUTTLE_SCENARIOS")
    return Path(configured) if configured else REPO / ".." / "shared" / "scenarios"


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
