"""A hostile scenario file changes nothing and crashes nothing.

`shuttle analyze PATH` and `shuttle talk open --scenario PATH` run as a user runs them: the
real command in its own process, here under a 1.5 GiB cap on its address space, so that a
reader that tried to build a billion values would fail the test rather than the machine. Each
must end in one short line on stderr naming the file and the problem, with exit code 2, and
`talk open` must write nothing. The readers' own tests (tests/engine/formats/test_hostile.py)
run every hostile case in-process; a selection covering each reader and each kind of attack
runs here, since each command costs a second to start.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runner import Shuttle
from tests.engine.formats.hostile import EVERY, Hostile

SHUTTLE = [sys.executable, "-m", "shuttle.cli"]
MEMORY = 3 << 29  # 1.5 GiB: the command (NumPy included) starts in about 150 MB of it
HANG = 60  # seconds: a guard against a hang, not a measure of speed
MUSCAT = Path(__file__).resolve().parents[2] / "src" / "shuttle" / "scenarios" / "muscat.yaml"

BY_ID = {case.id: case for case in EVERY}
FOR_ANALYZE = [
    "yaml-deep-list", "yaml-deep-map", "json-deep-array", "yaml-weights-overflow",
    "yaml-5000-digits", "json-5000-digits", "json-nan-weight", "yaml-inf-value",
    "xml-minus-inf-reservation", "json-1e400-weight", "yaml-alias-bomb", "huge-yaml",
    "binary-yaml", "xml-entity-bomb", "yaml-1e7-options",
]  # fmt: skip
FOR_TALK_OPEN = [
    "yaml-deep-map", "json-deep-array", "json-5000-digits", "json-nan-weight",
    "yaml-alias-bomb", "huge-yaml", "xml-entity-bomb",
]  # fmt: skip


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def shuttle(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SHUTTLE, *args], capture_output=True, text=True, timeout=HANG, preexec_fn=_cap_memory
    )


def assert_refused(done: subprocess.CompletedProcess[str], path: Path, words: str) -> None:
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert len(done.stderr) < 300, line
    assert line.startswith("shuttle: invalid scenario: ")
    assert path.name in line and words in line, line


def cases(ids: list[str]) -> list[object]:
    return [BY_ID[id_].param() for id_ in ids]


@pytest.mark.parametrize("hostile", cases(FOR_ANALYZE))
def test_analyze_refuses_in_one_line(tmp_path: Path, hostile: Hostile) -> None:
    path = hostile.write(tmp_path)
    assert_refused(shuttle("analyze", str(path), "--json"), path, hostile.words)


@pytest.mark.parametrize("hostile", cases(FOR_TALK_OPEN))
def test_talk_open_refuses_and_writes_nothing(tmp_path: Path, hostile: Hostile) -> None:
    path = hostile.write(tmp_path)
    record = tmp_path / "record.db"
    done = shuttle(
        "talk", "open", "--scenario", str(path), "--mediator", "Oman", "--db", f"sqlite:///{record}"
    )
    assert_refused(done, path, hostile.words)
    assert not record.exists()  # refused before the record was even opened


def test_an_existing_record_is_left_as_it_was(tmp_path: Path, database_url: str) -> None:
    db = database_url
    opened = shuttle("talk", "open", "--scenario", str(MUSCAT), "--mediator", "Oman", "--db", db)
    assert opened.returncode == 0, opened.stderr
    for id_ in ("json-nan-weight", "yaml-alias-bomb"):
        hostile, folder = BY_ID[id_], tmp_path / id_
        folder.mkdir()
        path = hostile.write(folder)
        done = shuttle("talk", "open", "--scenario", str(path), "--mediator", "M", "--db", db)
        assert_refused(done, path, hostile.words)
    listed = shuttle("talk", "list", "--db", db, "--json")
    assert listed.returncode == 0, listed.stderr
    assert [talk["talk"] for talk in json.loads(listed.stdout)] == [opened.stdout.strip()]


def test_a_large_additive_scenario_gets_an_approximate_answer_within_the_cap(
    tmp_path: Path,
) -> None:
    """2,000 issues of trade-offs: the exact frontier would not fit in memory (its 500-issue
    version holds 37,000 points); the answer is thinned, labelled `"exact": false`, and strict
    JSON."""
    rng = random.Random(1)
    lines = ["issues:", *(f"  I{i}: [a, b, c]" for i in range(2_000)), "parties:"]
    for party in ("A", "B"):
        lines += [f"  {party}:", "    reservation: 0.3", "    weights:"]
        lines += [f"      I{i}: {rng.random():.4f}" for i in range(2_000)]
        lines += ["    values:"]
        lines += [
            f"      I{i}: [{rng.random():.3f}, {rng.random():.3f}, {rng.random():.3f}]"
            for i in range(2_000)
        ]
    path = tmp_path / "wide.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = shuttle("analyze", str(path), "--json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout, parse_constant=_refuse_constant)
    assert body["exact"] is False and body["nash"] is not None
    assert 100 < len(body["pareto"]) <= 2_000


def _refuse_constant(name: str) -> object:
    raise AssertionError(f"{name} in strict JSON")


def test_a_scenario_too_large_for_an_agenda_is_refused_naming_the_file(
    shuttle: Shuttle, tmp_path: Path
) -> None:
    """A valid scenario may still be too large for a talk (an agenda holds at most 100 issues):
    `talk open` refuses it like a bad file, naming it, and writes nothing."""
    issues = "".join(f"  I{i}: [x, y]\n" for i in range(101))
    weights = ", ".join(f"I{i}: 1" for i in range(101))
    values = ", ".join(f"I{i}: [0, 1]" for i in range(101))
    parties = "".join(
        f"  {p}:\n    weights: {{{weights}}}\n    values: {{{values}}}\n" for p in "AB"
    )
    path = tmp_path / "wide.yaml"
    path.write_text(f"issues:\n{issues}parties:\n{parties}", encoding="utf-8")
    result = shuttle("talk", "open", "--scenario", str(path), "--mediator", "Oman")
    assert result.code == 2
    assert result.err == (
        f"shuttle: invalid scenario: {path}: an agenda has at most 100 issues; this one has 101\n"
    )
    assert shuttle.rows() == []


@pytest.mark.parametrize("hostile", cases(["yaml-deep-list", "yaml-alias-bomb", "huge-yaml"]))
def test_a_hostile_profile_file_is_refused_in_one_line(
    shuttle: Shuttle, tmp_path: Path, hostile: Hostile
) -> None:
    """`profile --file` reads YAML too, with the scenario readers' limits."""
    talk = shuttle.open_muscat()
    before = shuttle.rows()
    path = hostile.write(tmp_path)
    result = shuttle("profile", talk, "--as", "US Envoy", "--file", str(path))
    assert result.code == 2 and result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith(f"shuttle: invalid profile file {path}: ") and hostile.words in line
    assert len(line) < 300
    assert shuttle.rows() == before
