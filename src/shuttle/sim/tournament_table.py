"""A tournament's rows written to a file: CSV (a list in a cell is its items separated by
spaces) or Parquet (lists as list columns). pyarrow is imported only to write Parquet."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shuttle.sim.tournament import Row

COLUMNS = (
    "scenario",
    "mediator",
    "strategies",
    "seed",
    "deadline",
    "agreement",
    "rounds",
    "nash_ratio",
    "pareto_distance",
    "utilities",
    "discounted_utilities",
    "incidents",
    "seconds",
    "talk",
)
FORMATS = (".csv", ".parquet")


def write_rows(rows: Sequence[Row], path: Path) -> None:
    """Write `rows` to `path`, as its suffix says (see `FORMATS`)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(rows, path)
    elif suffix == ".parquet":
        write_parquet(rows, path)
    else:
        raise ValueError(f"{path}: write .csv or .parquet, not {suffix or 'no suffix'}")


def write_csv(rows: Sequence[Row], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for row in rows:
            record = row.to_dict()
            writer.writerow([_cell(record[column]) for column in COLUMNS])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(_cell(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def write_parquet(rows: Sequence[Row], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [row.to_dict() for row in rows]
    schema = pa.schema(
        [
            ("scenario", pa.string()),
            ("mediator", pa.string()),
            ("strategies", pa.list_(pa.string())),
            ("seed", pa.int64()),
            ("deadline", pa.int64()),
            ("agreement", pa.bool_()),
            ("rounds", pa.int64()),
            ("nash_ratio", pa.float64()),
            ("pareto_distance", pa.float64()),
            ("utilities", pa.list_(pa.float64())),
            ("discounted_utilities", pa.list_(pa.float64())),
            ("incidents", pa.int64()),
            ("seconds", pa.float64()),
            ("talk", pa.string()),
        ]
    )
    pq.write_table(pa.Table.from_pylist(records, schema=schema), path)
