"""`shuttle tournament`: every combination recorded, the same rows on worker processes as in
this process, files written, and bad options refused in a sentence before anything runs."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from shuttle.scenarios import __file__ as scenarios_init
from shuttle.sim.tournament import local_client
from tests.cli.runner import Shuttle

MUSCAT = str(Path(scenarios_init).parent / "muscat.yaml")
SMALL = ("--mediators", "single-text,guided", "--parties", "boulware,conceder", "--seeds", "2",
         "--rounds", "10")  # fmt: skip


def unmeasured(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in ("seconds", "talk")} for row in rows]


def test_a_tournament_on_workers_gives_what_one_process_gives(
    shuttle: Shuttle, tmp_path: Path
) -> None:
    here = shuttle.ok("tournament", MUSCAT, *SMALL, "--workers", "0", "--json").json
    out = tmp_path / "rows.csv"
    there = shuttle.ok(
        "tournament", MUSCAT, *SMALL, "--workers", "2", "--out", str(out), "--json"
    ).json
    assert here["talks"] == there["talks"] == 2 * 4 * 2
    assert unmeasured(there["rows"]) == unmeasured(here["rows"])
    assert there["summary"] == [
        {**s, "seconds": t["seconds"]}
        for s, t in zip(here["summary"], there["summary"], strict=True)
    ]
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 16
    assert [r["talk"] for r in rows] == [r["talk"] for r in there["rows"]]
    # Every talk is a normal talk in the database.
    listed = shuttle.ok("talk", "list", "--json").json
    assert len(listed) == 32


def test_a_tournament_on_a_running_scheduler(shuttle: Shuttle) -> None:
    if shuttle.db.startswith("sqlite"):
        pytest.skip("a cluster's workers need a database server: this runs on PostgreSQL")
    args = ("tournament", MUSCAT, "--mediators", "relay,guided", "--parties", "conceder",
            "--seeds", "2", "--rounds", "8", "--json")  # fmt: skip
    with local_client(2) as client:
        assert client.scheduler is not None
        there = shuttle.ok(*args, "--cluster", str(client.scheduler.address)).json
    here = shuttle.ok(*args, "--workers", "0").json
    assert there["talks"] == 4 and unmeasured(there["rows"]) == unmeasured(here["rows"])
    assert len(shuttle.ok("talk", "list", "--json").json) == 8


def test_the_summary_table_and_the_chart(shuttle: Shuttle, tmp_path: Path) -> None:
    chart = tmp_path / "summary.png"
    result = shuttle.ok(
        "tournament", MUSCAT, "--mediators", "relay", "--parties", "boulware", "--seeds", "1",
        "--rounds", "8", "--workers", "0", "--chart", str(chart),
    )  # fmt: skip
    assert "1 talks" in result.out and "relay" in result.out and "boulware" in result.out
    assert chart.read_bytes()[:4] == b"\x89PNG"


HERE = ("--workers", "0")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((*HERE, "--mediators", "oracle"), "unknown mediator 'oracle'; choose from single-text"),
        ((*HERE, "--parties", "boulware,saint"), "unknown party strategy 'saint'; choose from"),
        ((*HERE, "--seeds", "0"), "--seeds must be at least 1, not 0"),
        ((*HERE, "--rounds", "0"), "--rounds must be at least 1, not 0"),
        (("--workers", "-1"), "--workers must be 0 or more, not -1"),
        (("--workers", "2", "--cluster", "tcp://127.0.0.1:1"), "--workers or --cluster"),
        ((*HERE, "--out", "rows.txt"), "must name a .csv or .parquet file"),
        ((*HERE, "--chart", "summary.jpg"), "must name a .png file"),
    ],
)
def test_bad_options_are_refused_in_a_sentence(
    shuttle: Shuttle, args: tuple[str, ...], said: str
) -> None:
    result = shuttle("tournament", MUSCAT, *args)
    assert result.code == 2, result.err
    assert result.err.startswith("shuttle: invalid: ") and said in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert shuttle.rows() == []


def test_a_cluster_needs_a_database_its_workers_can_share(tmp_path: Path) -> None:
    shuttle = Shuttle(f"sqlite:///{tmp_path / 'shuttle.db'}")
    result = shuttle("tournament", MUSCAT, "--cluster", "tcp://127.0.0.1:1")
    assert result.code == 2 and "cannot share a SQLite file" in result.err
    assert "PostgreSQL URL" in result.err


def test_a_missing_scenario_is_not_found(shuttle: Shuttle, tmp_path: Path) -> None:
    result = shuttle("tournament", str(tmp_path / "nowhere.yaml"), "--workers", "0")
    assert result.code == 3 and "not found" in result.err
