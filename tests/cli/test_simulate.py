"""`shuttle simulate`: a rehearsed talk from the command line, its JSON, and bad settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Shuttle

SCENARIOS = Path(__file__).resolve().parents[2] / "src" / "shuttle" / "scenarios"
MUSCAT = str(SCENARIOS / "muscat.yaml")
KEYS = {
    "talk",
    "parties",
    "agreement",
    "outcome",
    "utilities",
    "discounted_utilities",
    "rounds",
    "nash_ratio",
    "pareto_distance",
}


@pytest.mark.parametrize("mediator", ["single-text", "guided", "relay"])
def test_simulate_prints_the_documented_json(shuttle: Shuttle, mediator: str) -> None:
    result = shuttle.ok(
        "simulate", MUSCAT, "--mediator", mediator, "--parties", "linear,conceder",
        "--rounds", "40", "--seed", "3", "--json",
    )  # fmt: skip
    data = result.json
    assert set(data) >= KEYS
    assert data["parties"] == ["United States", "Iran"]
    assert data["agreement"] is True and 0 < data["nash_ratio"] <= 1
    assert len(data["utilities"]) == 2 and data["pareto_distance"] is not None
    verified = shuttle.ok("verify")
    assert "ok" in verified.out.lower()
    view = shuttle.ok("view", data["talk"], "--as", "Iran delegate", "--json").json
    assert view["events"]


def test_simulate_for_people_names_the_talk_and_the_outcome(
    shuttle: Shuttle, tmp_path: Path
) -> None:
    picture = tmp_path / "path.png"
    result = shuttle.ok(
        "simulate", MUSCAT, "--mediator", "guided", "--parties", "boulware,boulware",
        "--rounds", "30", "--plot", str(picture),
    )  # fmt: skip
    assert "agreement after" in result.out and "Nash ratio 1.0000" in result.out
    assert picture.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--mediator", "oracle"], "unknown mediator 'oracle'"),
        (["--parties", "linear"], "give one strategy for each"),
        (["--parties", "linear,stubborn"], "unknown party strategy 'stubborn'"),
        (["--rounds", "0"], "--rounds must be at least 1"),
        (["--plot", "path.jpg"], "must name a .png file"),
    ],
)
def test_bad_settings_exit_2_and_record_nothing(
    shuttle: Shuttle, args: list[str], words: str
) -> None:
    result = shuttle("simulate", MUSCAT, *args)
    assert result.code == 2 and words in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert shuttle.rows() == []


def test_a_scenarios_notice_is_in_the_record_and_every_view(shuttle: Shuttle) -> None:
    muscat_2024 = str(SCENARIOS / "muscat_2024.yaml")
    data = shuttle.ok(
        "simulate", muscat_2024, "--mediator", "guided", "--parties", "linear,linear",
        "--rounds", "12", "--json",
    ).json  # fmt: skip
    for name in ("US head of delegation", "Oman (mediator)", "Iran head of delegation"):
        view = shuttle.ok("view", data["talk"], "--as", name)
        assert "notice: Illustrative" in " ".join(view.out.split())
