"""The installed `shuttle` executable, run as a separate process the way a script runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SHUTTLE = [sys.executable, "-c", "from shuttle.cli import main; main()"]


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHUTTLE_DB": f"sqlite:///{tmp_path / 'record.db'}"}
    return subprocess.run(
        [*SHUTTLE, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )


def test_a_script_opens_speaks_and_reads_through_shuttle_db(tmp_path: Path) -> None:
    opened = run(tmp_path, "talk", "open", "--title", "T", "--party", "A", "--party", "B",
                 "--mediator", "M", "--delegate", "A=a1", "--json")  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    talk = json.loads(opened.stdout)["talk"]
    said = run(tmp_path, "say", talk, "--as", "a1", "سلام — hello", "--json")
    assert said.returncode == 0 and json.loads(said.stdout)["seq"] == 2
    view = json.loads(run(tmp_path, "view", talk, "--as", "a1", "--json").stdout)
    assert view["events"][-1]["text"] == "سلام — hello"
    assert (tmp_path / "record.db").exists()


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["say", "T", "--as", "x", "--handling", "loud", "hi"], 2, "'loud' is not one of"),
        (["say"], 2, "Missing argument"),
        (["no-such-command"], 2, "No such command"),
        (["view", "T", "--as", "x"], 3, "talk 'T' not found"),
        (["view", "T", "--as", "x", "--db", "nosuchdriver://x"], 2, "invalid database URL"),
        (["verify", "--expect", "T=1:zz"], 2, "--expect"),
    ],
)
def test_failures_are_one_line_on_stderr_with_their_exit_code(
    tmp_path: Path, args: list[str], code: int, words: str
) -> None:
    result = run(tmp_path, *args)
    assert result.returncode == code
    assert result.stdout == ""
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_demo_negotiates_the_muscat_round_and_leaves_a_normal_talk(tmp_path: Path) -> None:
    result = run(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    printed = " ".join(result.stdout.split())
    assert "Illustrative" in printed and "chain verified: ok" in printed
    assert "Agreed and signed" in printed or "No deal" in printed
    assert (tmp_path / "shuttle-demo.png").read_bytes().startswith(b"\x89PNG")
    listed = json.loads(run(tmp_path, "talk", "list", "--json").stdout)
    assert listed[0]["title"].startswith("Muscat, May 2024")
    talk = listed[0]["talk"]
    us = json.loads(run(tmp_path, "view", talk, "--as", "US head of delegation", "--json").stdout)
    kinds = {event["kind"] for event in us["events"]}
    assert {"agenda-set", "drafted", "answered", "conveyed"} <= kinds
    parties = {event.get("party") for event in us["events"] if event["kind"] == "answered"}
    assert parties == {"United States"}
    # The linked track: one carry across, in both records, from the US head's own words.
    assert "the linked track" in printed
    [consultation] = [t for t in listed if t["title"].startswith("Consultation")]
    came = json.loads(
        run(
            tmp_path, "view", consultation["talk"], "--as", "US head of delegation", "--json"
        ).stdout
    )["events"]
    [carried] = [e for e in came if e["kind"] == "received-from-track"]
    [went] = [e for e in us["events"] if e["kind"] == "sent-to-track"]
    assert carried["text"] == went["text"] and carried["from_track"] == talk
    saudi = json.loads(
        run(tmp_path, "view", consultation["talk"], "--as", "Saudi head of delegation",
            "--json").stdout
    )["events"]  # fmt: skip
    assert not [e for e in saudi if e["kind"] == "received-from-track"]  # the US room's alone
