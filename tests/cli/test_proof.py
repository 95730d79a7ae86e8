"""`view --proof` and `verify-proof`: a participant takes its proof away and checks it offline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from shuttle.cli import app
from tests.cli.runner import Result, Shuttle


def verify_proof(*args: str) -> Result:
    result = CliRunner().invoke(app, ["verify-proof", *args])
    return Result(result.exit_code, result.stdout, result.stderr)


def proof_file(shuttle: Shuttle, tmp_path: Path) -> tuple[Path, str, str]:
    talk = shuttle.open_muscat()
    shuttle.ok("say", talk, "--as", "US Envoy", "Only for Oman: ninety days")
    shuttle.ok("say", talk, "--as", "Iranian FM", "We ask for sequencing")
    head = shuttle.ok("view", talk, "--as", "Iranian FM", "--json").json["head"]
    proof = shuttle.ok("view", talk, "--as", "Iranian FM", "--proof", "--json").out
    path = tmp_path / "proof.json"
    path.write_text(proof, encoding="utf-8")
    return path, talk, head


def test_a_proof_checks_offline_against_the_head_the_view_showed(
    shuttle: Shuttle, tmp_path: Path
) -> None:
    path, talk, head = proof_file(shuttle, tmp_path)
    assert "ninety days" not in path.read_text(encoding="utf-8")
    result = verify_proof(str(path), "--expect", head)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"valid up to head {head} of talk {talk}, as Iranian FM, and through " + (
        f"the kept head {head}"
    )
    assert lines[1:] == ["1 event readable: 3", "2 events placed by commitment only: 1-2"]
    report = verify_proof(str(path), "--json").json
    assert report["ok"] is True and report["head"] == head
    assert sorted(report["readable"] + report["placed"]) == [1, 2, 3]


def test_any_change_to_the_proof_fails_in_one_line(shuttle: Shuttle, tmp_path: Path) -> None:
    path, _, head = proof_file(shuttle, tmp_path)
    text = path.read_text(encoding="utf-8")
    forged = tmp_path / "forged.json"
    forged.write_text(text.replace("sequencing", "sanctions"), encoding="utf-8")
    result = verify_proof(str(forged))
    assert result.code == 1
    assert result.err.count("\n") == 1 and f"proof {forged} does not hold" in result.err
    other = f"{head.split(':')[0]}:{'0' * 64}"
    assert verify_proof(str(path), "--expect", other).code == 1


def test_a_file_that_is_no_proof_is_named_with_its_problem(tmp_path: Path) -> None:
    cases = {
        "missing.json": None,
        "binary.json": b"\xff\xfe\x00",
        "nan.json": b'{"proof": NaN}',
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "duplicate.json": b'{"a": 1, "a": 2}',
        "empty.json": b"",
    }
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        result = verify_proof(str(path))
        assert result.code == 2, (name, result.err)
        assert result.err.count("\n") == 1 and str(path) in result.err, name
    assert verify_proof(str(tmp_path / "binary.json"), "--expect", "x").code == 2
    huge = tmp_path / "huge.json"
    with huge.open("wb") as sparse:  # a sparse file: its size without its bytes
        sparse.truncate(65 << 20)
    result = verify_proof(str(huge))
    assert result.code == 2 and "is more than the 64 MiB this command reads" in result.err
    for endless in ("/dev/zero", str(tmp_path)):
        result = verify_proof(endless)
        assert result.code == 2 and f"{endless}: not a file" in result.err


def test_verify_proof_opens_no_database(shuttle: Shuttle, tmp_path: Path) -> None:
    path, _, head = proof_file(shuttle, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    checked = subprocess.run(
        [sys.executable, "-m", "shuttle.cli", "verify-proof", str(path), "--expect", head],
        cwd=elsewhere,
        env={"PATH": "/usr/bin:/bin", "SHUTTLE_DB": "postgresql://nobody@256.0.0.1/none"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert list(elsewhere.iterdir()) == []


def test_verify_says_which_format_each_talk_uses(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    assert f"talk {talk}: record format 2" in shuttle.ok("verify").out
    assert shuttle.ok("verify", "--json").json["formats"] == {talk: "2"}
    assert json.loads(shuttle.ok("view", talk, "--as", "Oman", "--proof").out)["talk"] == talk
