"""The negotiation's commands through the installed executable, as a script runs them: usage
errors in one line, and a blind bid sent from a script without a question."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.negotiation import MUSCAT

SHUTTLE = [sys.executable, "-c", "from shuttle.cli import main; main()"]


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHUTTLE_DB": f"sqlite:///{tmp_path / 'record.db'}"}
    return subprocess.run(
        [*SHUTTLE, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )


def test_a_script_opens_from_a_scenario_and_bids_without_being_asked(tmp_path: Path) -> None:
    opened = run(tmp_path, "talk", "open", "--title", "P", "--party", "A", "--party", "B",
                 "--mediator", "M", "--delegate", "A=a", "--delegate", "B=b")  # fmt: skip
    talk = opened.stdout.strip()
    assert opened.returncode == 0 and len(talk) == 32, opened.stderr
    assert run(tmp_path, "agenda", talk, "--as", "M", "--issue", "Price=-10,0,10").returncode == 0
    assert run(tmp_path, "bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A",
               "--low", "B").returncode == 0  # fmt: skip
    low = run(tmp_path, "bid", talk, "--as", "a", "--json", "--", "-5")  # stdin: not a terminal
    assert low.returncode == 0, low.stderr
    assert json.loads(low.stdout)["events"][0]["bound"] == "-5.0" and low.stderr == ""
    settled = json.loads(run(tmp_path, "bid", talk, "--as", "b", "5", "--json").stdout)
    last = settled["events"][-1]
    assert (last["kind"], last["value"]) == ("bid-settled", "0")  # the middle of [-5, 5]
    scenario = run(tmp_path, "talk", "open", "--scenario", MUSCAT, "--mediator", "Oman", "--json")
    assert len(json.loads(scenario.stdout)["agenda"]) == 4


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["answer", "T", "--as", "x", "maybe"], "'maybe' is not one of"),
        (["incident", "T", "--as", "x", "Strike."], "Missing option '--drop'"),
        (["bid", "T", "--as", "x", "lots"], "Invalid value for 'bound'"),
        (["talk", "open", "--title", "T", "--party", "A", "--party", "B", "--mediator", "M",
          "--bid-rule", "highest"], "'highest' is not one of"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], words: str) -> None:
    result = run(tmp_path, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
