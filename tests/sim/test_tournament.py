"""Tournaments: the plan of every combination, the same rows whatever runs them (this process
or a Dask cluster of worker processes), and a summary and a table that say what the rows say."""

from __future__ import annotations

import csv
import math
import statistics
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from distributed import Client

from shuttle.service import TalkService
from shuttle.sim import SimulationError
from shuttle.sim.tournament import Row, local_client, run_here, run_on
from shuttle.sim.tournament_chart import draw_summary
from shuttle.sim.tournament_plan import pairings, plan
from shuttle.sim.tournament_summary import summarize
from shuttle.sim.tournament_table import COLUMNS, write_rows
from tests.sim.conftest import lease


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One cluster of two worker processes for the whole module, closed after it."""
    with local_client(2) as opened:
        yield opened


def unmeasured(rows: list[Row]) -> list[Row]:
    """The rows without what differs from run to run: the wall time and the talk's id."""
    return [replace(row, seconds=0.0, talk="") for row in rows]


def test_the_plan_is_every_scenario_mediator_pairing_and_seed() -> None:
    matches = plan([lease()], ["single-text", "relay"], ["boulware", "conceder"], 3, 10)
    assert pairings(["boulware", "conceder"], 2) == (
        ("boulware", "boulware"),
        ("boulware", "conceder"),
        ("conceder", "boulware"),
        ("conceder", "conceder"),
    )
    assert len(matches) == 2 * 4 * 3
    assert [m.position for m in matches] == list(range(24))
    assert [(m.mediator, m.strategies, m.seed) for m in matches[:4]] == [
        ("single-text", ("boulware", "boulware"), 0),
        ("single-text", ("boulware", "boulware"), 1),
        ("single-text", ("boulware", "boulware"), 2),
        ("single-text", ("boulware", "conceder"), 0),
    ]
    assert {m.rounds for m in matches} == {10} and {m.scenario for m in matches} == {0}


@pytest.mark.parametrize(
    ("mediators", "strategies", "seeds", "said"),
    [
        (["mystery"], ["boulware"], 1, "unknown mediator 'mystery'; choose from single-text"),
        (["guided"], ["stubborn"], 1, "unknown party strategy 'stubborn'; choose from boulware"),
        (["guided"], ["boulware"], 0, "--seeds must be at least 1"),
        ([], ["boulware"], 1, "give at least one mediator"),
    ],
)
def test_a_plan_that_cannot_run_is_refused_up_front(
    mediators: list[str], strategies: list[str], seeds: int, said: str
) -> None:
    with pytest.raises(SimulationError, match=said):
        plan([lease()], mediators, strategies, seeds, 10)


def test_workers_give_the_rows_this_process_gives(
    client: Client, service: TalkService, database_url: str
) -> None:
    scenarios = [lease()]
    matches = plan(scenarios, ["single-text", "guided"], ["boulware", "conceder"], 2, 12)
    done: list[Row] = []
    here = run_here(service, scenarios, matches, done.append)
    there = run_on(client, scenarios, matches, database_url)
    assert len(here) == len(there) == 16 and done == here
    assert unmeasured(there) == unmeasured(here)
    assert [(r.mediator, r.strategies, r.seed) for r in there] == [
        (m.mediator, m.strategies, m.seed) for m in matches
    ]
    assert any(r.agreement for r in there) and any(r.nash_ratio < 1 for r in there)
    # Every talk a worker ran is recorded in the same database, a normal talk.
    for row in there:
        assert service.view(row.talk, "Mediator").events
    assert len({row.talk for row in here + there}) == 32


def rows_of_hand() -> list[Row]:
    def row(mediator: str, strategies: tuple[str, ...], agreed: bool, ratio: float) -> Row:
        return Row(
            "Lease", mediator, strategies, 0, 10, agreed, 7 if agreed else 10, ratio,
            0.1 * ratio if agreed else None, (0.5, 0.6) if agreed else None,
            (0.5, 0.55) if agreed else None, 0, 0.25 + ratio, "t",
        )  # fmt: skip

    bb, bc = ("boulware", "boulware"), ("boulware", "conceder")
    return [
        row("guided", bb, True, 1.0),
        row("guided", bc, True, 0.8),
        row("guided", bc, False, 0.0),
        row("relay", bb, True, 0.5),
        row("relay", bb, True, 0.7),
    ]


def test_the_summary_is_the_means_of_the_rows() -> None:
    rows = rows_of_hand()
    standings = summarize(rows)
    assert [(s.mediator, s.strategies) for s in standings] == [
        ("guided", None),
        ("guided", ("boulware", "boulware")),
        ("guided", ("boulware", "conceder")),
        ("relay", None),
        ("relay", ("boulware", "boulware")),
    ]
    guided, _, guided_bc, relay, _ = standings
    assert guided.talks == 3 and guided.agreements == 2
    assert guided.agreement_rate == pytest.approx(2 / 3)
    assert guided.nash_ratio == pytest.approx((1.0 + 0.8 + 0.0) / 3)
    assert guided.pareto_distance == pytest.approx((0.1 + 0.08) / 2)  # agreements only
    assert guided.rounds == pytest.approx((7 + 7 + 10) / 3)
    assert guided.seconds == pytest.approx((1.25 + 1.05 + 0.25) / 3)
    assert guided_bc.nash_ratio == pytest.approx(0.4) and guided_bc.agreement_rate == 0.5
    assert relay.nash_ratio == pytest.approx(0.6) and relay.agreement_rate == 1.0
    failed = summarize([rows[2]])[0]
    assert failed.pareto_distance is None and failed.nash_ratio == 0.0


def test_the_csv_has_a_row_per_talk_and_the_summary_can_be_computed_from_it(
    tmp_path: Path,
) -> None:
    rows = rows_of_hand()
    out = tmp_path / "rows.csv"
    write_rows(rows, out)
    with out.open(encoding="utf-8") as file:
        read = list(csv.DictReader(file))
    assert len(read) == len(rows) and tuple(read[0]) == COLUMNS
    assert read[0]["strategies"] == "boulware boulware" and read[0]["agreement"] == "true"
    assert read[2]["pareto_distance"] == "" and read[2]["utilities"] == ""
    assert read[0]["utilities"] == "0.5 0.6"
    guided = [r for r in read if r["mediator"] == "guided"]
    mean = statistics.fmean(float(r["nash_ratio"]) for r in guided)
    assert mean == summarize(rows)[0].nash_ratio


def test_parquet_keeps_lists_and_missing_values(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    rows = rows_of_hand()
    out = tmp_path / "rows.parquet"
    write_rows(rows, out)
    table = pq.read_table(out).to_pylist()
    assert len(table) == len(rows)
    assert table[0]["strategies"] == ["boulware", "boulware"]
    assert table[2]["utilities"] is None and table[2]["pareto_distance"] is None
    assert math.isclose(table[1]["nash_ratio"], 0.8)


def test_the_chart_is_a_png(tmp_path: Path) -> None:
    chart = tmp_path / "summary.png"
    draw_summary(summarize(rows_of_hand()), chart)
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"write \.csv or \.parquet, not \.txt"):
        write_rows(rows_of_hand(), tmp_path / "rows.txt")
